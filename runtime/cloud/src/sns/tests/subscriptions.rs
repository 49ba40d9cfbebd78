//! Subscriptions: confirmation, validation, pairings, attributes, listing.

use super::*;

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
