//! Filter policies, on message attributes and on the body, and their validation.

use super::*;

#[test]
fn filter_exact_strings_or_within_and_across_keys() {
    let policy = json!({"kind": ["book", "toy"], "region": ["eu"]});
    assert!(H::passes(policy.clone(), json!({"kind": s("toy"), "region": s("eu")})));
    assert!(!H::passes(policy.clone(), json!({"kind": s("food"), "region": s("eu")})));
    assert!(!H::passes(policy.clone(), json!({"kind": s("book")})), "a missing key fails");
    assert!(!H::passes(policy, json!({})));
    // Case matters for plain values.
    assert!(!H::passes(json!({"kind": ["Book"]}), json!({"kind": s("book")})));
}

#[test]
fn filter_exists() {
    assert!(H::passes(json!({"kind": [{"exists": true}]}), json!({"kind": s("anything")})));
    assert!(!H::passes(json!({"kind": [{"exists": true}]}), json!({"other": s("x")})));
    assert!(H::passes(json!({"kind": [{"exists": false}]}), json!({"other": s("x")})));
    assert!(!H::passes(json!({"kind": [{"exists": false}]}), json!({"kind": s("x")})));
}

#[test]
fn filter_anything_but() {
    assert!(H::passes(json!({"kind": [{"anything-but": "book"}]}), json!({"kind": s("toy")})));
    assert!(!H::passes(json!({"kind": [{"anything-but": "book"}]}), json!({"kind": s("book")})));
    assert!(!H::passes(json!({"kind": [{"anything-but": ["book", "toy"]}]}), json!({"kind": s("toy")})));
    assert!(!H::passes(json!({"kind": [{"anything-but": "book"}]}), json!({})), "anything-but needs the attribute");
    assert!(!H::passes(json!({"qty": [{"anything-but": [0, 1]}]}), json!({"qty": n("1")})));
    assert!(H::passes(json!({"qty": [{"anything-but": [0, 1]}]}), json!({"qty": n("2")})));
    assert!(H::passes(json!({"kind": [{"anything-but": {"prefix": "tmp-"}}]}), json!({"kind": s("book")})));
    assert!(!H::passes(json!({"kind": [{"anything-but": {"prefix": "tmp-"}}]}), json!({"kind": s("tmp-1")})));
    assert!(!H::passes(json!({"kind": [{"anything-but": {"suffix": ".bak"}}]}), json!({"kind": s("x.bak")})));
}

#[test]
fn filter_prefix_suffix_and_ignore_case() {
    assert!(H::passes(json!({"kind": [{"prefix": "bo"}]}), json!({"kind": s("book")})));
    assert!(!H::passes(json!({"kind": [{"prefix": "bo"}]}), json!({"kind": s("a book")})));
    assert!(H::passes(json!({"file": [{"suffix": ".jpg"}]}), json!({"file": s("cat.jpg")})));
    assert!(H::passes(json!({"kind": [{"equals-ignore-case": "BOOK"}]}), json!({"kind": s("Book")})));
    assert!(H::passes(json!({"kind": [{"prefix": {"equals-ignore-case": "BO"}}]}), json!({"kind": s("book")})));
    assert!(!H::passes(json!({"qty": [{"prefix": "1"}]}), json!({"qty": n("10")})), "prefix only applies to strings");
}

#[test]
fn filter_numeric_matching() {
    let range = json!({"price": [{"numeric": [">=", 10, "<", 20]}]});
    assert!(H::passes(range.clone(), json!({"price": n("10")})));
    assert!(H::passes(range.clone(), json!({"price": n("19.99")})));
    assert!(!H::passes(range.clone(), json!({"price": n("20")})));
    assert!(!H::passes(range.clone(), json!({"price": s("15")})), "a String attribute is not a number");
    assert!(H::passes(json!({"price": [{"numeric": ["=", 3.5]}]}), json!({"price": n("3.50")})));
    assert!(H::passes(json!({"price": [{"numeric": ["<", 0]}]}), json!({"price": n("-1e3")})));
    // An exact numeric value matches Number attributes numerically.
    assert!(H::passes(json!({"qty": [100]}), json!({"qty": n("100.0")})));
    assert!(!H::passes(json!({"qty": [100]}), json!({"qty": s("100")})));
    assert!(!H::passes(json!({"qty": ["100"]}), json!({"qty": n("100")})));
}

#[test]
fn filter_string_arrays_match_any_element() {
    let arr = |v: &str| json!({"DataType": "String.Array", "StringValue": v});
    assert!(H::passes(json!({"tags": ["red"]}), json!({"tags": arr("[\"blue\", \"red\"]")})));
    assert!(!H::passes(json!({"tags": ["green"]}), json!({"tags": arr("[\"blue\", \"red\"]")})));
    assert!(H::passes(json!({"tags": [3]}), json!({"tags": arr("[1, 3]")})));
    assert!(H::passes(json!({"tags": [true]}), json!({"tags": arr("[true]")})));
    assert!(!H::passes(json!({"tags": ["red"]}), json!({"tags": arr("not json")})));
}

#[test]
fn filter_binary_attributes_never_match_values() {
    let bin = json!({"DataType": "Binary", "BinaryValue": {"$bytes": "cmVk"}});
    assert!(!H::passes(json!({"b": ["red"]}), json!({"b": bin.clone()})));
    assert!(!H::passes(json!({"b": ["cmVk"]}), json!({"b": bin.clone()})));
    assert!(H::passes(json!({"b": [{"exists": true}]}), json!({"b": bin})));
}

#[test]
fn filter_or() {
    let policy = json!({"source": ["shop"], "$or": [{"kind": ["book"]}, {"price": [{"numeric": [">", 100]}]}]});
    assert!(H::passes(policy.clone(), json!({"source": s("shop"), "kind": s("book")})));
    assert!(H::passes(policy.clone(), json!({"source": s("shop"), "price": n("150")})));
    assert!(!H::passes(policy.clone(), json!({"source": s("shop"), "price": n("50")})));
    assert!(!H::passes(policy, json!({"source": s("web"), "kind": s("book")})));
}

#[test]
fn filter_on_message_body() {
    let policy = json!({"order": {"status": ["paid"], "total": [{"numeric": [">", 10]}]}, "tags": ["gift"]});
    assert!(H::passes_body(policy.clone(), json!({"order": {"status": "paid", "total": 12}, "tags": ["x", "gift"]})));
    assert!(!H::passes_body(policy.clone(), json!({"order": {"status": "paid", "total": 5}, "tags": ["gift"]})));
    assert!(!H::passes_body(policy.clone(), json!({"order": {"status": "paid", "total": 12}})));
    // Nested objects inside arrays: any element may match.
    assert!(H::passes_body(json!({"Records": {"eventName": [{"prefix": "ObjectCreated:"}]}}), json!({"Records": [{"eventName": "ObjectRemoved:Delete"}, {"eventName": "ObjectCreated:Put"}]})));
    assert!(H::passes_body(json!({"flag": [true], "gone": [null]}), json!({"flag": true, "gone": null})));
    // exists:false under a parent that is absent altogether.
    assert!(H::passes_body(json!({"order": {"coupon": [{"exists": false}]}}), json!({"other": 1})));
    assert!(!H::passes_body(json!({"order": {"coupon": [{"exists": true}]}}), json!({"other": 1})));
    assert!(!H::passes_body(json!({"order": {"coupon": [{"exists": false}]}}), json!({"order": {"coupon": "X1"}})));
    // A body that is not a JSON object never matches.
    let mut h = H::with_topic();
    h.subscribe("sqs", QUEUE, json!({"FilterPolicy": "{\"a\": [\"b\"]}", "FilterPolicyScope": "MessageBody"}));
    h.publish(json!({"Message": "plain text"}));
    assert!(h.deliveries().is_empty());
}

#[test]
fn filter_policy_validation() {
    let mut h = H::with_topic();
    let mut sub = |policy: &str, scope: &str| {
        h.err("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE, "Attributes": {"FilterPolicy": policy, "FilterPolicyScope": scope}}))
    };
    let attrs = "MessageAttributes";
    let cases: Vec<(String, &str)> = vec![
        ("{not json".into(), "FilterPolicy: failed to parse JSON."),
        ("{\"a\": {\"b\": [\"c\"]}}".into(), "Filter policy scope MessageAttributes does not support nested filter policy"),
        ("{\"a\": \"b\"}".into(), "FilterPolicy: \"a\" must be an object or an array"),
        ("{\"a\": []}".into(), "FilterPolicy: Empty arrays are not allowed"),
        (json!({"a": [1], "b": [1], "c": [1], "d": [1], "e": [1], "f": [1]}).to_string(), "FilterPolicy: Filter policy can not have more than 5 keys"),
        (json!({"a": (0..151).collect::<Vec<i32>>()}).to_string(), "FilterPolicy: Filter policy is too complex"),
        (json!({"a": (0..12).collect::<Vec<i32>>(), "b": (0..13).collect::<Vec<i32>>()}).to_string(), "FilterPolicy: Filter policy is too complex"),
        ("{\"a\": [{\"exists\": \"yes\"}]}".into(), "FilterPolicy: exists match pattern must be either true or false."),
        ("{\"a\": [{\"regex\": \".*\"}]}".into(), "FilterPolicy: Unrecognized match type regex"),
        ("{\"a\": [{\"prefix\": \"x\", \"suffix\": \"y\"}]}".into(), "FilterPolicy: Only one key allowed in match expression"),
        ("{\"a\": [{\"prefix\": 1}]}".into(), "FilterPolicy: prefix match pattern must be a string"),
        ("{\"a\": [{\"anything-but\": {\"numeric\": 1}}]}".into(), "FilterPolicy: Unsupported anything-but pattern: numeric"),
        ("{\"a\": [[1]]}".into(), "FilterPolicy: Match value must be String, number, true, false, or null"),
        ("{\"a\": [{\"numeric\": []}]}".into(), "FilterPolicy: Invalid member in numeric match: ]"),
        ("{\"a\": [{\"numeric\": [\"!\", 1]}]}".into(), "FilterPolicy: Unrecognized numeric range operator: !"),
        ("{\"a\": [{\"numeric\": [\"=\", \"x\"]}]}".into(), "FilterPolicy: Value of equals must be numeric"),
        ("{\"a\": [{\"numeric\": [\">\", 5, \"<\", 1]}]}".into(), "FilterPolicy: Bottom must be less than top"),
        ("{\"a\": [{\"numeric\": [\"<\", 5, \">\", 1]}]}".into(), "FilterPolicy: Too many elements in numeric expression"),
        ("{\"a\": [{\"numeric\": [\">\", 1, \"=\", 5]}]}".into(), "FilterPolicy: Bad numeric range operator: ="),
        ("{\"a\": [{\"cidr\": \"10.0.0.0\"}]}".into(), "FilterPolicy: Malformed CIDR, one '/' required"),
    ];
    for (policy, message) in cases {
        let e = sub(&policy, attrs);
        assert_error(&e, "InvalidParameter", &format!("Invalid parameter: Attributes Reason: {message}"), 400);
    }
    let e = sub("{\"a\": [\"b\"]}", "Everything");
    assert_error(&e, "InvalidParameter", "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [Everything]. Please use either MessageBody or MessageAttributes", 400);
    // Limits that still pass: 12 x 12 = 144 combinations; nesting in the body scope.
    let ok = json!({"a": (0..12).collect::<Vec<i32>>(), "b": (0..12).collect::<Vec<i32>>()}).to_string();
    h.ok("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE, "Attributes": {"FilterPolicy": ok}}));
    h.ok("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "lambda", "Endpoint": FUNCTION, "Attributes": {"FilterPolicy": "{\"a\": {\"b\": [\"c\"]}}", "FilterPolicyScope": "MessageBody"}}));
    assert_eq!(h.ok("ListSubscriptions", json!({}))["Subscriptions"].as_array().unwrap().len(), 2);
}

#[test]
fn filter_cidr() {
    assert!(H::passes(json!({"ip": [{"cidr": "10.0.0.0/24"}]}), json!({"ip": s("10.0.0.255")})));
    assert!(!H::passes(json!({"ip": [{"cidr": "10.0.0.0/24"}]}), json!({"ip": s("10.0.1.1")})));
    assert!(H::passes(json!({"ip": [{"cidr": "2001:db8::/32"}]}), json!({"ip": s("2001:db8::1")})));
}

#[test]
fn changing_scope_revalidates_the_policy() {
    let mut h = H::with_topic();
    let arn = h.subscribe("sqs", QUEUE, json!({"FilterPolicy": "{\"a\": {\"b\": [\"c\"]}}", "FilterPolicyScope": "MessageBody"}));
    let e = h.err("SetSubscriptionAttributes", json!({"SubscriptionArn": arn, "AttributeName": "FilterPolicyScope", "AttributeValue": "MessageAttributes"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy", 400);
    assert_eq!(h.ok("GetSubscriptionAttributes", json!({"SubscriptionArn": arn}))["Attributes"]["FilterPolicyScope"], "MessageBody");
}
