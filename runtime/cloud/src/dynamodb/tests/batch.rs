//! BatchWriteItem and BatchGetItem.

use super::*;

#[test]
fn batch_write_puts_and_deletes() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({}));
    let r = fx.ok(
        "BatchWriteItem",
        json!({"RequestItems": {"T": [
            {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}}},
            {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "2"}}}},
            {"DeleteRequest": {"Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}},
        ]}}),
    );
    assert_eq!(r, json!({"UnprocessedItems": {}}));
    let scan = fx.ok("Scan", json!({"TableName": "T"}));
    assert_eq!(scan["Count"], 2);
    assert_eq!(fx.get("a", 1), json!({}));
}

#[test]
fn batch_write_limits_and_duplicates() {
    let mut fx = Fx::with_table(None);
    let puts: Vec<Value> =
        (0..26).map(|i| json!({"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": i.to_string()}}}})).collect();
    let msg = fx.invalid("BatchWriteItem", json!({"RequestItems": {"T": puts}}));
    assert_eq!(msg, "Too many items requested for the BatchWriteItem call");
    let dup = json!({"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}}});
    let msg = fx.invalid("BatchWriteItem", json!({"RequestItems": {"T": [dup.clone(), dup]}}));
    assert_eq!(msg, "Provided list of item keys contains duplicates");
    let e = fx.err(
        "BatchWriteItem",
        json!({"RequestItems": {
            "T": [{"PutRequest": {"Item": {"pk": {"S": "ok"}, "sk": {"N": "1"}}}}],
            "Missing": [{"PutRequest": {"Item": {"id": {"S": "x"}}}}],
        }}),
    );
    assert_eq!(e.code, "ResourceNotFoundException");
    assert_eq!(fx.get("ok", 1), json!({}), "nothing is written when any request is invalid");
}

#[test]
fn batch_get_returns_found_items() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"v": {"S": "one"}, "w": {"S": "x"}}));
    fx.put_n("a", 2, json!({"v": {"S": "two"}}));
    let r = fx.ok(
        "BatchGetItem",
        json!({"RequestItems": {"T": {
            "Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}, {"pk": {"S": "a"}, "sk": {"N": "3"}}, {"pk": {"S": "a"}, "sk": {"N": "2"}}],
            "ProjectionExpression": "#v",
            "ExpressionAttributeNames": {"#v": "v"},
        }}}),
    );
    assert_eq!(r, json!({"Responses": {"T": [{"v": {"S": "one"}}, {"v": {"S": "two"}}]}, "UnprocessedKeys": {}}));
    let keys: Vec<Value> = (0..101).map(|i| json!({"pk": {"S": "a"}, "sk": {"N": i.to_string()}})).collect();
    let msg = fx.invalid(
        "BatchGetItem",
        json!({"RequestItems": {"T": {"Keys": keys[..60].to_vec()}, "U": {"Keys": keys[60..].to_vec()}}}),
    );
    assert_eq!(msg, "Too many items requested for the BatchGetItem call");
}
