use base64::Engine as _;
use serde_json::{Value, json};

use super::*;
use crate::env::{Effect, Ids};

const T0: i64 = 1_768_478_400_123; // 2026-01-15T12:00:00.123Z
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:orders";
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:order-queue";
const FUNCTION: &str = "arn:aws:lambda:us-east-1:123456789012:function:on-order";

struct H {
    sns: Sns,
    ids: Ids,
    now: i64,
    effects: Vec<Effect>,
}

impl H {
    fn new() -> H {
        H { sns: Sns::default(), ids: Ids::new(7), now: T0, effects: Vec::new() }
    }

    /// A cloud with topic `orders`.
    fn with_topic() -> H {
        let mut h = H::new();
        h.ok("CreateTopic", json!({"Name": "orders"}));
        h
    }

    fn call(&mut self, op: &str, params: Value) -> Result<Value, AwsError> {
        let mut env = Env::new(self.now, &mut self.ids);
        let r = self.sns.call(op, Params(&params), &mut env);
        self.effects.extend(env.effects);
        r
    }

    fn ok(&mut self, op: &str, params: Value) -> Value {
        self.call(op, params).unwrap_or_else(|e| panic!("{op} failed: {e}"))
    }

    fn err(&mut self, op: &str, params: Value) -> AwsError {
        self.call(op, params).expect_err("expected an error")
    }

    fn subscribe(&mut self, protocol: &str, endpoint: &str, attributes: Value) -> String {
        let mut p = json!({"TopicArn": TOPIC, "Protocol": protocol, "Endpoint": endpoint});
        if !attributes.is_null() {
            p["Attributes"] = attributes;
        }
        self.ok("Subscribe", p)["SubscriptionArn"].as_str().unwrap().to_owned()
    }

    fn publish(&mut self, params: Value) -> Value {
        let mut p = json!({"TopicArn": TOPIC});
        for (k, v) in params.as_object().unwrap() {
            p[k] = v.clone();
        }
        self.ok("Publish", p)
    }

    /// Deliveries since the last call: (protocol, endpoint, payload, sqs_attributes).
    fn deliveries(&mut self) -> Vec<(String, String, Value, Value)> {
        std::mem::take(&mut self.effects)
            .into_iter()
            .map(|e| match e {
                Effect::SnsDelivery { protocol, endpoint, payload, sqs_attributes } => (protocol, endpoint, payload, sqs_attributes),
                other => panic!("unexpected effect {other:?}"),
            })
            .collect()
    }

    /// Whether a message with these attributes reaches a queue subscribed with `policy`.
    fn passes(policy: Value, attributes: Value) -> bool {
        let mut h = H::with_topic();
        h.subscribe("sqs", QUEUE, json!({"FilterPolicy": policy.to_string()}));
        h.publish(json!({"Message": "m", "MessageAttributes": attributes}));
        !h.deliveries().is_empty()
    }

    fn passes_body(policy: Value, body: Value) -> bool {
        let mut h = H::with_topic();
        h.subscribe("sqs", QUEUE, json!({"FilterPolicy": policy.to_string(), "FilterPolicyScope": "MessageBody"}));
        h.publish(json!({"Message": body.to_string()}));
        !h.deliveries().is_empty()
    }
}

fn assert_error(e: &AwsError, code: &str, message: &str, status: u16) {
    assert_eq!((e.code.as_str(), e.message.as_str(), e.status), (code, message, status), "{e:?}");
}

fn s(v: &str) -> Value {
    json!({"DataType": "String", "StringValue": v})
}

fn n(v: &str) -> Value {
    json!({"DataType": "Number", "StringValue": v})
}

// ---- topics ----

#[test]
fn create_topic_is_idempotent_by_name() {
    let mut h = H::new();
    assert_eq!(h.ok("CreateTopic", json!({"Name": "orders"})), json!({"TopicArn": TOPIC}));
    assert_eq!(h.ok("CreateTopic", json!({"Name": "orders"})), json!({"TopicArn": TOPIC}));
    assert_eq!(h.ok("ListTopics", json!({})), json!({"Topics": [{"TopicArn": TOPIC}]}));
    let e = h.err("CreateTopic", json!({"Name": "orders", "Attributes": {"DisplayName": "Other"}}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Attributes Reason: Topic already exists with different attributes", 400);
}

#[test]
fn topic_names_are_validated() {
    let mut h = H::new();
    for bad in ["", "has space", "dot.name", "orders.fifo", "ünïcode", &"x".repeat(257)] {
        let e = h.err("CreateTopic", json!({"Name": bad}));
        assert_error(&e, "InvalidParameter", "Invalid parameter: Topic Name", 400);
    }
    h.ok("CreateTopic", json!({"Name": "A-b_9"}));
    h.ok("CreateTopic", json!({"Name": "x".repeat(256)}));
    let e = h.err("CreateTopic", json!({"Name": "no-suffix", "Attributes": {"FifoTopic": "true"}}));
    assert_eq!(e.code, "InvalidParameter");
    assert!(e.message.starts_with("Invalid parameter: Fifo Topic names must end with .fifo"));
    let e = h.err("CreateTopic", json!({"Name": "t", "Attributes": {"Colour": "blue"}}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Attributes Reason: Unknown attribute Colour", 400);
}

#[test]
fn fifo_topics() {
    let mut h = H::new();
    let r = h.ok("CreateTopic", json!({"Name": "jobs.fifo", "Attributes": {"FifoTopic": "true", "ContentBasedDeduplication": "True"}}));
    let arn = r["TopicArn"].as_str().unwrap().to_owned();
    assert_eq!(arn, "arn:aws:sns:us-east-1:123456789012:jobs.fifo");
    let attrs = &h.ok("GetTopicAttributes", json!({"TopicArn": arn}))["Attributes"];
    assert_eq!((attrs["FifoTopic"].clone(), attrs["ContentBasedDeduplication"].clone()), (json!("true"), json!("true")));
    let e = h.err("CreateTopic", json!({"Name": "std", "Attributes": {"ContentBasedDeduplication": "true"}}));
    assert_eq!(e.code, "InvalidParameter");
}

#[test]
fn get_topic_attributes_shape_and_errors() {
    let mut h = H::with_topic();
    h.subscribe("sqs", QUEUE, Value::Null);
    h.subscribe("email", "ops@example.com", Value::Null);
    let attrs = h.ok("GetTopicAttributes", json!({"TopicArn": TOPIC}))["Attributes"].clone();
    let keys: Vec<&str> = attrs.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["DisplayName", "EffectiveDeliveryPolicy", "Owner", "Policy", "SubscriptionsConfirmed", "SubscriptionsDeleted", "SubscriptionsPending", "TopicArn"]
    );
    assert_eq!(attrs["Owner"], "123456789012");
    assert_eq!((attrs["SubscriptionsConfirmed"].clone(), attrs["SubscriptionsPending"].clone()), (json!("1"), json!("1")));
    let policy: Value = serde_json::from_str(attrs["Policy"].as_str().unwrap()).unwrap();
    assert_eq!(policy["Statement"][0]["Resource"], TOPIC);
    assert!(
        attrs["Policy"].as_str().unwrap().starts_with(r#"{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Effect":"Allow","Sid":"#),
        "SNS's member order, not sorted: {}",
        attrs["Policy"]
    );
    let e = h.err("GetTopicAttributes", json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:missing"}));
    assert_error(&e, "NotFound", "Topic does not exist", 404);
    let e = h.err("GetTopicAttributes", json!({"TopicArn": "orders"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1", 400);
    let e = h.err("GetTopicAttributes", json!({"TopicArn": "arn:aws:sns:eu-west-1:123456789012:orders"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: TopicArn", 400);
    // A subscription ARN is well formed but names no topic.
    let e = h.err("GetTopicAttributes", json!({"TopicArn": format!("{TOPIC}:0b5c3e0e-0000-4000-8000-000000000000")}));
    assert_error(&e, "NotFound", "Topic does not exist", 404);
}

#[test]
fn set_topic_attributes() {
    let mut h = H::with_topic();
    h.ok("SetTopicAttributes", json!({"TopicArn": TOPIC, "AttributeName": "DisplayName", "AttributeValue": "Orders"}));
    h.ok("SetTopicAttributes", json!({"TopicArn": TOPIC, "AttributeName": "SignatureVersion", "AttributeValue": "2"}));
    let attrs = h.ok("GetTopicAttributes", json!({"TopicArn": TOPIC}))["Attributes"].clone();
    assert_eq!((attrs["DisplayName"].clone(), attrs["SignatureVersion"].clone()), (json!("Orders"), json!("2")));
    let e = h.err("SetTopicAttributes", json!({"TopicArn": TOPIC, "AttributeName": "FifoTopic", "AttributeValue": "true"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: AttributeName", 400);
    let e = h.err("SetTopicAttributes", json!({"TopicArn": TOPIC, "AttributeName": "SignatureVersion", "AttributeValue": "3"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: SignatureVersion", 400);
    let e = h.err("SetTopicAttributes", json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:nope", "AttributeName": "DisplayName", "AttributeValue": "x"}));
    assert_error(&e, "NotFound", "Topic does not exist", 404);
    h.ok("SetTopicAttributes", json!({"TopicArn": TOPIC, "AttributeName": "LambdaSuccessFeedbackSampleRate", "AttributeValue": "100"}));
}

#[test]
fn delete_topic_removes_its_subscriptions_and_is_idempotent() {
    let mut h = H::with_topic();
    h.subscribe("sqs", QUEUE, Value::Null);
    assert_eq!(h.ok("DeleteTopic", json!({"TopicArn": TOPIC})), json!({}));
    assert_eq!(h.ok("DeleteTopic", json!({"TopicArn": TOPIC})), json!({}));
    assert_eq!(h.ok("ListTopics", json!({})), json!({"Topics": []}));
    assert_eq!(h.ok("ListSubscriptions", json!({})), json!({"Subscriptions": []}));
    let e = h.err("Publish", json!({"TopicArn": TOPIC, "Message": "x"}));
    assert_error(&e, "NotFound", "Topic does not exist", 404);
}

#[test]
fn list_topics_pages_by_100() {
    let mut h = H::new();
    for i in 0..150 {
        h.ok("CreateTopic", json!({"Name": format!("t{i:03}")}));
    }
    let r = h.ok("ListTopics", json!({}));
    assert_eq!(r["Topics"].as_array().unwrap().len(), 100);
    let token = r["NextToken"].clone();
    let r = h.ok("ListTopics", json!({"NextToken": token}));
    assert_eq!(r["Topics"].as_array().unwrap().len(), 50);
    assert_eq!(r["Topics"][49]["TopicArn"], "arn:aws:sns:us-east-1:123456789012:t149");
    assert!(r.get("NextToken").is_none());
    assert_error(&h.err("ListTopics", json!({"NextToken": "bogus"})), "InvalidParameter", "Invalid parameter: NextToken", 400);
}

// ---- subscriptions ----

#[test]
fn subscribe_sqs_and_lambda_are_confirmed() {
    let mut h = H::with_topic();
    let arn = h.subscribe("sqs", QUEUE, Value::Null);
    let uuid = arn.strip_prefix(&format!("{TOPIC}:")).unwrap();
    assert_eq!(uuid.len(), 36);
    h.subscribe("lambda", FUNCTION, Value::Null);
    let r = h.ok("ListSubscriptions", json!({}));
    assert_eq!(r["Subscriptions"][0], json!({"SubscriptionArn": arn, "Owner": "123456789012", "Protocol": "sqs", "Endpoint": QUEUE, "TopicArn": TOPIC}));
    assert_eq!(r["Subscriptions"][1]["Protocol"], "lambda");
    let attrs = h.ok("GetSubscriptionAttributes", json!({"SubscriptionArn": arn}))["Attributes"].clone();
    assert_eq!(
        attrs,
        json!({"SubscriptionArn": arn, "TopicArn": TOPIC, "Owner": "123456789012", "Protocol": "sqs", "Endpoint": QUEUE,
               "ConfirmationWasAuthenticated": "true", "PendingConfirmation": "false", "RawMessageDelivery": "false"})
    );
}

#[test]
fn email_and_http_subscriptions_are_pending_confirmation() {
    let mut h = H::with_topic();
    assert_eq!(h.subscribe("email", "me@example.com", Value::Null), "pending confirmation");
    assert_eq!(h.subscribe("https", "https://example.com/hook", Value::Null), "pending confirmation");
    let r = h.ok("ListSubscriptionsByTopic", json!({"TopicArn": TOPIC}));
    assert!(r["Subscriptions"].as_array().unwrap().iter().all(|s| s["SubscriptionArn"] == "PendingConfirmation"));
    let r = h.ok("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "http", "Endpoint": "http://example.com/", "ReturnSubscriptionArn": true}));
    assert!(r["SubscriptionArn"].as_str().unwrap().starts_with(&format!("{TOPIC}:")));
    let attrs = h.ok("GetSubscriptionAttributes", json!({"SubscriptionArn": r["SubscriptionArn"]}))["Attributes"].clone();
    assert_eq!(attrs["PendingConfirmation"], "true");
    assert!(attrs["EffectiveDeliveryPolicy"].is_string());
}

#[test]
fn subscribe_validation() {
    let mut h = H::with_topic();
    let mut sub = |protocol: &str, endpoint: &str| h.err("Subscribe", json!({"TopicArn": TOPIC, "Protocol": protocol, "Endpoint": endpoint}));
    assert_error(&sub("carrier-pigeon", "x"), "InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon", 400);
    assert_error(&sub("sqs", "order-queue"), "InvalidParameter", "Invalid parameter: SQS endpoint ARN", 400);
    assert_error(&sub("sqs", FUNCTION), "InvalidParameter", "Invalid parameter: SQS endpoint ARN", 400);
    assert_error(&sub("lambda", "on-order"), "InvalidParameter", "Invalid parameter: Lambda endpoint ARN", 400);
    assert_error(&sub("email", "not-an-address"), "InvalidParameter", "Invalid parameter: Email address", 400);
    assert_error(&sub("https", "http://insecure"), "InvalidParameter", "Invalid parameter: Endpoint must match the specified protocol", 400);
    let e = h.err("Subscribe", json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:nope", "Protocol": "sqs", "Endpoint": QUEUE}));
    assert_error(&e, "NotFound", "Topic does not exist", 404);
    let e = h.err("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE, "Attributes": {"Colour": "x"}}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Attributes Reason: AttributeName", 400);
    let e = h.err("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "lambda", "Endpoint": FUNCTION, "Attributes": {"RawMessageDelivery": "true"}}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Attributes Reason: Delivery protocol [lambda] does not support raw message delivery.", 400);
    let e = h.err("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE, "Attributes": {"RawMessageDelivery": "yes"}}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [yes]. Must be true or false.", 400);
}

#[test]
fn fifo_and_standard_pairings() {
    let mut h = H::with_topic();
    let e = h.err("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:123456789012:q.fifo"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics", 400);
    let fifo = h.ok("CreateTopic", json!({"Name": "t.fifo", "Attributes": {"FifoTopic": "true"}}))["TopicArn"].clone();
    let e = h.err("Subscribe", json!({"TopicArn": fifo, "Protocol": "lambda", "Endpoint": FUNCTION}));
    assert_eq!(e.code, "InvalidParameter");
    h.ok("Subscribe", json!({"TopicArn": fifo, "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:123456789012:q.fifo"}));
}

#[test]
fn subscribing_twice_returns_the_same_subscription() {
    let mut h = H::with_topic();
    let a = h.subscribe("sqs", QUEUE, Value::Null);
    let b = h.subscribe("sqs", QUEUE, Value::Null);
    assert_eq!(a, b);
    assert_eq!(h.ok("ListSubscriptions", json!({}))["Subscriptions"].as_array().unwrap().len(), 1);
    let e = h.err("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE, "Attributes": {"RawMessageDelivery": "true"}}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Attributes Reason: Subscription already exists with different attributes", 400);
    // Repeating attributes the subscription already has is fine.
    h.ok("SetSubscriptionAttributes", json!({"SubscriptionArn": a, "AttributeName": "RawMessageDelivery", "AttributeValue": "true"}));
    let c = h.ok("Subscribe", json!({"TopicArn": TOPIC, "Protocol": "sqs", "Endpoint": QUEUE, "Attributes": {"RawMessageDelivery": "True"}}));
    assert_eq!(c["SubscriptionArn"], a);
}

#[test]
fn unsubscribe() {
    let mut h = H::with_topic();
    let arn = h.subscribe("sqs", QUEUE, Value::Null);
    assert_eq!(h.ok("Unsubscribe", json!({"SubscriptionArn": arn})), json!({}));
    assert_eq!(h.ok("ListSubscriptionsByTopic", json!({"TopicArn": TOPIC})), json!({"Subscriptions": []}));
    assert_eq!(h.ok("GetTopicAttributes", json!({"TopicArn": TOPIC}))["Attributes"]["SubscriptionsDeleted"], "1");
    h.ok("Unsubscribe", json!({"SubscriptionArn": arn}));
    let e = h.err("Unsubscribe", json!({"SubscriptionArn": "pending confirmation"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not 1", 400);
    let e = h.err("Unsubscribe", json!({"SubscriptionArn": TOPIC}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: SubscriptionId", 400);
    let e = h.err("GetSubscriptionAttributes", json!({"SubscriptionArn": arn}));
    assert_error(&e, "NotFound", "Subscription does not exist", 404);
    h.publish(json!({"Message": "after"}));
    assert!(h.deliveries().is_empty());
}

#[test]
fn list_subscriptions_by_topic_filters_and_checks_topic() {
    let mut h = H::with_topic();
    let other = h.ok("CreateTopic", json!({"Name": "other"}))["TopicArn"].clone();
    h.subscribe("sqs", QUEUE, Value::Null);
    h.ok("Subscribe", json!({"TopicArn": other, "Protocol": "lambda", "Endpoint": FUNCTION}));
    let r = h.ok("ListSubscriptionsByTopic", json!({"TopicArn": other}));
    assert_eq!(r["Subscriptions"].as_array().unwrap().len(), 1);
    assert_eq!(r["Subscriptions"][0]["Endpoint"], FUNCTION);
    assert_eq!(h.ok("ListSubscriptions", json!({}))["Subscriptions"].as_array().unwrap().len(), 2);
    let e = h.err("ListSubscriptionsByTopic", json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:nope"}));
    assert_error(&e, "NotFound", "Topic does not exist", 404);
}

#[test]
fn set_subscription_attributes() {
    let mut h = H::with_topic();
    let arn = h.subscribe("sqs", QUEUE, Value::Null);
    h.ok("SetSubscriptionAttributes", json!({"SubscriptionArn": arn, "AttributeName": "RawMessageDelivery", "AttributeValue": "true"}));
    h.ok("SetSubscriptionAttributes", json!({"SubscriptionArn": arn, "AttributeName": "FilterPolicy", "AttributeValue": "{\"kind\": [\"a\"]}"}));
    let attrs = h.ok("GetSubscriptionAttributes", json!({"SubscriptionArn": arn}))["Attributes"].clone();
    assert_eq!(attrs["RawMessageDelivery"], "true");
    assert_eq!(attrs["FilterPolicy"], "{\"kind\": [\"a\"]}");
    assert_eq!(attrs["FilterPolicyScope"], "MessageAttributes");
    // An empty policy removes the filter (and the scope from the attributes).
    h.ok("SetSubscriptionAttributes", json!({"SubscriptionArn": arn, "AttributeName": "FilterPolicy", "AttributeValue": ""}));
    let attrs = h.ok("GetSubscriptionAttributes", json!({"SubscriptionArn": arn}))["Attributes"].clone();
    assert!(attrs.get("FilterPolicy").is_none() && attrs.get("FilterPolicyScope").is_none());
    let e = h.err("SetSubscriptionAttributes", json!({"SubscriptionArn": arn, "AttributeName": "Protocol", "AttributeValue": "x"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: AttributeName", 400);
    // Set* words errors without "Attributes Reason:".
    let e = h.err("SetSubscriptionAttributes", json!({"SubscriptionArn": arn, "AttributeName": "RawMessageDelivery", "AttributeValue": "maybe"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: RawMessageDelivery: Invalid value [maybe]. Must be true or false.", 400);
    let e = h.err("SetSubscriptionAttributes", json!({"SubscriptionArn": arn, "AttributeName": "FilterPolicy", "AttributeValue": "{oops"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: FilterPolicy: failed to parse JSON.", 400);
    let e = h.err("SetSubscriptionAttributes", json!({"SubscriptionArn": arn, "AttributeName": "RedrivePolicy", "AttributeValue": "{\"deadLetterTargetArn\": \"dlq\"}"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: RedrivePolicy: deadLetterTargetArn is an invalid arn", 400);
    let e = h.err("SetSubscriptionAttributes", json!({"SubscriptionArn": format!("{TOPIC}:gone"), "AttributeName": "RawMessageDelivery", "AttributeValue": "true"}));
    assert_error(&e, "NotFound", "Subscription does not exist", 404);
}

// ---- publish and deliveries ----

#[test]
fn publish_to_sqs_sends_the_exact_envelope() {
    let mut h = H::with_topic();
    let sub = h.subscribe("sqs", QUEUE, Value::Null);
    let r = h.publish(json!({"Message": "{\"id\": 42}", "Subject": "New order", "MessageAttributes": {"kind": s("book"), "qty": n("3")}}));
    let id = r["MessageId"].as_str().unwrap().to_owned();
    assert_eq!(id.len(), 36);
    assert!(r.get("SequenceNumber").is_none());
    let d = h.deliveries();
    assert_eq!(d.len(), 1);
    let (protocol, endpoint, payload, attrs) = &d[0];
    assert_eq!((protocol.as_str(), endpoint.as_str(), attrs), ("sqs", QUEUE, &Value::Null));
    let body = payload.as_str().unwrap();
    let parsed: Value = serde_json::from_str(body).unwrap();
    let sig = parsed["Signature"].as_str().unwrap();
    assert_eq!(base64::engine::general_purpose::STANDARD.decode(sig).unwrap().len(), 256);
    let cert = parsed["SigningCertURL"].as_str().unwrap();
    assert!(cert.starts_with("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-") && cert.ends_with(".pem"));
    let expected = format!(
        "{{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"{id}\",\n  \"TopicArn\" : \"{TOPIC}\",\n  \"Subject\" : \"New order\",\n  \"Message\" : \"{{\\\"id\\\": 42}}\",\n  \"Timestamp\" : \"2026-01-15T12:00:00.123Z\",\n  \"SignatureVersion\" : \"1\",\n  \"Signature\" : \"{sig}\",\n  \"SigningCertURL\" : \"{cert}\",\n  \"UnsubscribeURL\" : \"https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={sub}\",\n  \"MessageAttributes\" : {{\n    \"kind\" : {{\"Type\":\"String\",\"Value\":\"book\"}},\n    \"qty\" : {{\"Type\":\"Number\",\"Value\":\"3\"}}\n  }}\n}}"
    );
    assert_eq!(body, expected);
}

#[test]
fn sqs_envelope_without_subject_or_attributes() {
    let mut h = H::with_topic();
    h.subscribe("sqs", QUEUE, Value::Null);
    h.publish(json!({"Message": "hello"}));
    let body: Value = serde_json::from_str(h.deliveries()[0].2.as_str().unwrap()).unwrap();
    let keys: Vec<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["Message", "MessageId", "Signature", "SignatureVersion", "SigningCertURL", "Timestamp", "TopicArn", "Type", "UnsubscribeURL"]);
}

#[test]
fn publish_to_lambda_sends_the_sns_event_record() {
    let mut h = H::with_topic();
    let sub = h.subscribe("lambda", FUNCTION, Value::Null);
    let id = h.publish(json!({"Message": "hello", "MessageAttributes": {"kind": s("book"), "blob": {"DataType": "Binary", "BinaryValue": {"$bytes": "AAE="}}}}))["MessageId"]
        .as_str()
        .unwrap()
        .to_owned();
    let d = h.deliveries();
    let (protocol, endpoint, record, _) = &d[0];
    assert_eq!((protocol.as_str(), endpoint.as_str()), ("lambda", FUNCTION));
    let sns = &record["Sns"];
    assert_eq!(
        record,
        &json!({
            "EventSource": "aws:sns",
            "EventVersion": "1.0",
            "EventSubscriptionArn": sub,
            "Sns": {
                "Type": "Notification",
                "MessageId": id,
                "TopicArn": TOPIC,
                "Subject": null,
                "Message": "hello",
                "Timestamp": "2026-01-15T12:00:00.123Z",
                "SignatureVersion": "1",
                "Signature": sns["Signature"],
                "SigningCertUrl": sns["SigningCertUrl"],
                "UnsubscribeUrl": format!("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={sub}"),
                "MessageAttributes": {"kind": {"Type": "String", "Value": "book"}, "blob": {"Type": "Binary", "Value": "AAE="}},
            },
        })
    );
    assert!(sns.get("SigningCertURL").is_none() && sns.get("UnsubscribeURL").is_none());
    // No attributes: still an (empty) MessageAttributes object.
    h.publish(json!({"Message": "x", "Subject": "Hi"}));
    let d = h.deliveries();
    assert_eq!((d[0].2["Sns"]["MessageAttributes"].clone(), d[0].2["Sns"]["Subject"].clone()), (json!({}), json!("Hi")));
}

#[test]
fn raw_message_delivery_to_sqs() {
    let mut h = H::with_topic();
    h.subscribe("sqs", QUEUE, json!({"RawMessageDelivery": "true"}));
    let attrs = json!({"kind": s("book"), "blob": {"DataType": "Binary", "BinaryValue": {"$bytes": "AAE="}}});
    h.publish(json!({"Message": "{\"raw\": true}", "Subject": "ignored", "MessageAttributes": attrs}));
    let d = h.deliveries();
    assert_eq!(d[0].2, json!("{\"raw\": true}"));
    assert_eq!(d[0].3, attrs);
    h.publish(json!({"Message": "plain"}));
    let d = h.deliveries();
    assert_eq!((d[0].2.clone(), d[0].3.clone()), (json!("plain"), Value::Null));
}

#[test]
fn every_delivery_of_a_message_carries_the_same_signature() {
    let mut h = H::with_topic();
    h.subscribe("sqs", QUEUE, Value::Null);
    h.subscribe("lambda", FUNCTION, Value::Null);
    h.publish(json!({"Message": "same"}));
    let d = h.deliveries();
    let from_sqs: Value = serde_json::from_str(d[0].2.as_str().unwrap()).unwrap();
    assert_eq!(from_sqs["Signature"], d[1].2["Sns"]["Signature"]);
    assert_eq!(from_sqs["SigningCertURL"], d[1].2["Sns"]["SigningCertUrl"]);
    h.publish(json!({"Message": "different"}));
    let d = h.deliveries();
    assert_ne!(d[1].2["Sns"]["Signature"], from_sqs["Signature"]);
}

#[test]
fn publish_target_errors() {
    let mut h = H::with_topic();
    let e = h.err("Publish", json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:missing", "Message": "x"}));
    assert_error(&e, "NotFound", "Topic does not exist", 404);
    assert_eq!(e.response()["Error"], json!({"Code": "NotFound", "Message": "Topic does not exist", "Type": "Sender"}), "the query protocol's <Type>");
    let e = h.err("Publish", json!({"Message": "x"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter", 400);
    let e = h.err("Publish", json!({"TopicArn": "orders", "Message": "x"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1", 400);
    h.subscribe("sqs", QUEUE, Value::Null);
    h.ok("Publish", json!({"TargetArn": TOPIC, "Message": "via target"}));
    assert_eq!(h.deliveries().len(), 1);
}

#[test]
fn message_and_subject_validation() {
    let mut h = H::with_topic();
    let e = h.err("Publish", json!({"TopicArn": TOPIC, "Message": ""}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Empty message", 400);
    let e = h.err("Publish", json!({"TopicArn": TOPIC, "Message": "x".repeat(262_145)}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Message too long", 400);
    h.ok("Publish", json!({"TopicArn": TOPIC, "Message": "x".repeat(262_144)}));
    let e = h.err("Publish", json!({"TopicArn": TOPIC, "Message": "x".repeat(262_140), "MessageAttributes": {"kind": s("book")}}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Message too long", 400);
    for bad in ["", " leading space", "two\nlines", "tab\there", &"s".repeat(101)] {
        let e = h.err("Publish", json!({"TopicArn": TOPIC, "Message": "x", "Subject": bad}));
        assert_error(&e, "InvalidParameter", "Invalid parameter: Subject", 400);
    }
    h.ok("Publish", json!({"TopicArn": TOPIC, "Message": "x", "Subject": "s".repeat(100)}));
}

#[test]
fn message_attribute_validation() {
    let mut h = H::with_topic();
    let mut publish = |attrs: Value| h.err("Publish", json!({"TopicArn": TOPIC, "Message": "x", "MessageAttributes": attrs}));
    let e = publish(json!({"a": {"DataType": "Text", "StringValue": "v"}}));
    assert_error(
        &e,
        "ParameterValueInvalid",
        "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
        400,
    );
    let e = publish(json!({"a": {"DataType": "String", "StringValue": ""}}));
    assert_error(&e, "ParameterValueInvalid", "The message attribute 'a' must contain non-empty message attribute value for message attribute type 'String'.", 400);
    let e = publish(json!({"a": {"DataType": "Number", "StringValue": "ten"}}));
    assert_error(&e, "ParameterValueInvalid", "Could not cast message attribute 'a' value to number.", 400);
    let e = publish(json!({"a": {"DataType": "Binary", "StringValue": "v"}}));
    assert_error(&e, "ParameterValueInvalid", "The message attribute 'a' with type 'Binary' must use field 'Binary'.", 400);
    let e = publish(json!({"a": {"DataType": "String"}}));
    assert_error(&e, "ParameterValueInvalid", "The message attribute 'a' must contain non-empty message attribute value for message attribute type 'String'.", 400);
    let e = publish(json!({"bad name": s("v")}));
    assert_error(
        &e,
        "ParameterValueInvalid",
        "Invalid non-alphanumeric character '#x20' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
        400,
    );
    assert_error(&publish(json!({".a": s("v")})), "ParameterValueInvalid", "Invalid message attribute name starting with character '.' was found.", 400);
    assert_error(&publish(json!({"a..b": s("v")})), "ParameterValueInvalid", "Message attribute name can not have successive '.' character.", 400);
    h.ok("Publish", json!({"TopicArn": TOPIC, "Message": "x", "MessageAttributes": {"a.b": {"DataType": "Number.int", "StringValue": "10"}, "b": {"DataType": "String.Array", "StringValue": "[\"x\"]"}}}));
}

#[test]
fn message_structure_json_picks_a_message_per_protocol() {
    let mut h = H::with_topic();
    h.subscribe("sqs", QUEUE, json!({"RawMessageDelivery": "true"}));
    h.subscribe("lambda", FUNCTION, Value::Null);
    h.publish(json!({"MessageStructure": "json", "Message": json!({"default": "plain", "sqs": "for queues"}).to_string()}));
    let d = h.deliveries();
    assert_eq!(d[0].2, json!("for queues"));
    assert_eq!(d[1].2["Sns"]["Message"], "plain");
    let e = h.err("Publish", json!({"TopicArn": TOPIC, "MessageStructure": "json", "Message": "{\"sqs\": \"x\"}"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Message Structure - No default entry in JSON message body", 400);
    let e = h.err("Publish", json!({"TopicArn": TOPIC, "MessageStructure": "json", "Message": "not json"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Message Structure - JSON message body failed to parse", 400);
    let e = h.err("Publish", json!({"TopicArn": TOPIC, "MessageStructure": "xml", "Message": "x"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: MessageStructure", 400);
}

#[test]
fn fifo_publish_group_dedup_and_sequence() {
    let mut h = H::new();
    let arn = h.ok("CreateTopic", json!({"Name": "jobs.fifo", "Attributes": {"FifoTopic": "true"}}))["TopicArn"].as_str().unwrap().to_owned();
    h.ok("Subscribe", json!({"TopicArn": arn, "Protocol": "sqs", "Endpoint": "arn:aws:sqs:us-east-1:123456789012:jobs.fifo"}));
    let e = h.err("Publish", json!({"TopicArn": arn, "Message": "x", "MessageDeduplicationId": "d"}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics", 400);
    let e = h.err("Publish", json!({"TopicArn": arn, "Message": "x", "MessageGroupId": "g"}));
    assert_error(
        &e,
        "InvalidParameter",
        "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
        400,
    );
    let a = h.ok("Publish", json!({"TopicArn": arn, "Message": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d1"}));
    assert_eq!(a["SequenceNumber"], "10000000000000000001");
    let again = h.ok("Publish", json!({"TopicArn": arn, "Message": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d1"}));
    assert_eq!(again, a, "a duplicate gets the first message's answer");
    let delivered = h.deliveries();
    let body: Value = serde_json::from_str(delivered[0].2.as_str().unwrap()).unwrap();
    assert_eq!(body["SequenceNumber"], "10000000000000000001");
    assert_eq!(
        delivered[0].3,
        json!({"$fifo": {"MessageGroupId": "g", "MessageDeduplicationId": "d1"}}),
        "the FIFO queue gets the topic's group and deduplication ids"
    );
    assert!(h.deliveries().is_empty(), "the duplicate was delivered once only");
    h.now += DEDUP_WINDOW_MS;
    let later = h.ok("Publish", json!({"TopicArn": arn, "Message": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d1"}));
    assert_eq!(later["SequenceNumber"], "10000000000000000002");
    assert_ne!(later["MessageId"], a["MessageId"]);
    // Content-based deduplication.
    h.ok("SetTopicAttributes", json!({"TopicArn": arn, "AttributeName": "ContentBasedDeduplication", "AttributeValue": "true"}));
    let c1 = h.ok("Publish", json!({"TopicArn": arn, "Message": "same body", "MessageGroupId": "g"}));
    let c2 = h.ok("Publish", json!({"TopicArn": arn, "Message": "same body", "MessageGroupId": "g"}));
    assert_eq!(c1, c2);
}

#[test]
fn deduplication_id_on_a_standard_topic_is_invalid() {
    let mut h = H::with_topic();
    let e = h.err("Publish", json!({"TopicArn": TOPIC, "Message": "x", "MessageDeduplicationId": "d"}));
    assert_error(
        &e,
        "InvalidParameter",
        "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
        400,
    );
}

#[test]
fn only_confirmed_sqs_and_lambda_are_delivered_and_snapshot_tells_why() {
    let mut h = H::with_topic();
    h.subscribe("email", "me@example.com", Value::Null);
    h.subscribe("sms", "+15555550100", Value::Null);
    h.subscribe("sqs", QUEUE, json!({"FilterPolicy": "{\"kind\": [\"book\"]}"}));
    h.subscribe("lambda", FUNCTION, Value::Null);
    h.publish(json!({"Message": "hello", "MessageAttributes": {"kind": s("toy")}}));
    let d = h.deliveries();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].0, "lambda");
    let snap = h.sns.snapshot();
    let statuses: Vec<&str> = snap["Messages"][0]["Deliveries"].as_array().unwrap().iter().map(|d| d["Status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["pending confirmation", "recorded (sms delivery is not simulated)", "filtered out", "delivered"]);
    assert_eq!(snap["Messages"][0]["Message"], "hello");
    assert_eq!(snap["Messages"][0]["MessageAttributes"], json!({"kind": {"Type": "String", "Value": "toy"}}));
    assert_eq!(snap["Topics"][0]["Name"], "orders");
    assert_eq!(snap["Subscriptions"].as_array().unwrap().len(), 4);
}

#[test]
fn publish_batch() {
    let mut h = H::with_topic();
    h.subscribe("sqs", QUEUE, Value::Null);
    let r = h.ok(
        "PublishBatch",
        json!({"TopicArn": TOPIC, "PublishBatchRequestEntries": [
            {"Id": "one", "Message": "first"},
            {"Id": "three", "Message": "third", "Subject": "S", "MessageAttributes": {"k": s("v")}},
        ]}),
    );
    let ok = r["Successful"].as_array().unwrap();
    assert_eq!(ok.iter().map(|e| e["Id"].as_str().unwrap()).collect::<Vec<_>>(), ["one", "three"]);
    assert!(ok.iter().all(|e| e["MessageId"].as_str().is_some_and(|m| m.len() == 36)));
    assert_eq!(r["Failed"], json!([]));
    assert_eq!(h.deliveries().len(), 2);
    let mut batch = |entries: Value| h.err("PublishBatch", json!({"TopicArn": TOPIC, "PublishBatchRequestEntries": entries}));
    // One malformed entry fails the whole request, and nothing is published.
    let e = batch(json!([{"Id": "a", "Message": "fine"}, {"Id": "b", "Message": ""}]));
    assert_error(&e, "InvalidParameter", "Invalid parameter: Empty message", 400);
    assert_error(&batch(json!([])), "EmptyBatchRequest", "The batch request doesn't contain any entries.", 400);
    let eleven: Vec<Value> = (0..11).map(|i| json!({"Id": format!("m{i}"), "Message": "x"})).collect();
    assert_error(&batch(json!(eleven)), "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.", 400);
    assert_error(&batch(json!([{"Id": "a", "Message": "x"}, {"Id": "a", "Message": "y"}])), "BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.", 400);
    let e = batch(json!([{"Id": "bad id!", "Message": "x"}]));
    assert_error(&e, "InvalidBatchEntryId", "The Id of a batch entry in the batch request contains an impermissible character: bad id!", 400);
    let long = "i".repeat(81);
    let e = batch(json!([{"Id": long, "Message": "x"}]));
    assert_error(&e, "InvalidBatchEntryId", &format!("The Id of a batch entry in the batch request is too long: {long}"), 400);
    let big = "x".repeat(200_000);
    let e = batch(json!([{"Id": "a", "Message": big}, {"Id": "b", "Message": big}]));
    assert_error(&e, "BatchRequestTooLong", "The length of all the messages put together is more than the limit.", 400);
    assert!(h.deliveries().is_empty());
    let e = h.err("PublishBatch", json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:nope", "PublishBatchRequestEntries": [{"Id": "a", "Message": "x"}]}));
    assert_error(&e, "NotFound", "Topic does not exist", 404);
}

#[test]
fn publish_batch_to_fifo() {
    let mut h = H::new();
    let arn = h.ok("CreateTopic", json!({"Name": "jobs.fifo", "Attributes": {"FifoTopic": "true"}}))["TopicArn"].clone();
    let e = h.err("PublishBatch", json!({"TopicArn": arn, "PublishBatchRequestEntries": [{"Id": "a", "Message": "x", "MessageDeduplicationId": "1"}]}));
    assert_error(&e, "InvalidParameter", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics", 400);
    let r = h.ok(
        "PublishBatch",
        json!({"TopicArn": arn, "PublishBatchRequestEntries": [
            {"Id": "a", "Message": "x", "MessageGroupId": "g", "MessageDeduplicationId": "1"},
            {"Id": "b", "Message": "y", "MessageGroupId": "g", "MessageDeduplicationId": "2"},
        ]}),
    );
    let seqs: Vec<&str> = r["Successful"].as_array().unwrap().iter().map(|e| e["SequenceNumber"].as_str().unwrap()).collect();
    assert_eq!(seqs, ["10000000000000000001", "10000000000000000002"]);
}

#[test]
fn sms_publish_is_recorded() {
    let mut h = H::new();
    let r = h.ok("Publish", json!({"PhoneNumber": "+15555550100", "Message": "code 1234"}));
    assert!(r["MessageId"].is_string());
    assert_eq!(h.sns.snapshot()["Messages"][0]["PhoneNumber"], "+15555550100");
    let e = h.err("Publish", json!({"PhoneNumber": "call me", "Message": "x"}));
    assert_eq!(e.code, "InvalidParameter");
}

#[test]
fn unimplemented_operations_say_so() {
    let mut h = H::new();
    let e = h.err("ConfirmSubscription", json!({"TopicArn": TOPIC, "Token": "t"}));
    assert_eq!((e.code.as_str(), e.status), ("NotImplemented", 501));
}

// ---- filter policies ----

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

// ---- through the Cloud: S3 -> SNS -> Lambda ----

#[test]
fn s3_notification_fans_out_through_a_topic_to_lambda() {
    use crate::cloud::{Caller, Cloud};
    let mut cloud = Cloud::default();
    let call = |cloud: &mut Cloud, svc: &str, op: &str, p: Value| cloud.call(Caller::Platform, svc, op, &p).unwrap_or_else(|e| panic!("{op}: {e}"));
    call(&mut cloud, "sns", "CreateTopic", json!({"Name": "uploads"}));
    let topic = "arn:aws:sns:us-east-1:123456789012:uploads";
    let sub = call(&mut cloud, "sns", "Subscribe", json!({"TopicArn": topic, "Protocol": "lambda", "Endpoint": FUNCTION}))["SubscriptionArn"].clone();
    call(&mut cloud, "s3", "CreateBucket", json!({"Bucket": "inbox"}));
    call(
        &mut cloud,
        "s3",
        "PutBucketNotificationConfiguration",
        json!({"Bucket": "inbox", "NotificationConfiguration": {"TopicConfigurations": [{"TopicArn": topic, "Events": ["s3:ObjectCreated:*"]}]}}),
    );
    call(&mut cloud, "s3", "PutObject", json!({"Bucket": "inbox", "Key": "new file.txt", "Body": "hi"}));
    assert_eq!(cloud.pending_invokes.len(), 1);
    let invoke = &cloud.pending_invokes[0];
    assert_eq!(invoke.function_arn, FUNCTION);
    let record = &invoke.event["Records"][0];
    assert_eq!(record["EventSubscriptionArn"], sub);
    assert_eq!(record["Sns"]["Subject"], "Amazon S3 Notification");
    let s3_event: Value = serde_json::from_str(record["Sns"]["Message"].as_str().unwrap()).unwrap();
    assert_eq!(s3_event["Records"][0]["s3"]["object"]["key"], "new+file.txt");
    assert_eq!(cloud.sns.snapshot()["Messages"][0]["Deliveries"][0]["Status"], "delivered");
}
