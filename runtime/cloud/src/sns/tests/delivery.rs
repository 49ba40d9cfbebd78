//! Deliveries: the SQS envelope, the Lambda record, raw delivery, signatures, FIFO deduplication.

use super::*;

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

