//! Topics: names, FIFO, attributes, deletion, paging.

use super::*;

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
