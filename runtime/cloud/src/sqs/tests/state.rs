//! Retention, deliveries from other services and the state snapshot.

use super::*;

#[test]
fn messages_expire_after_the_retention_period() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({"MessageRetentionPeriod": "60"}));
    fx.send(&url, "old");
    fx.advance(30);
    fx.send(&url, "new");
    fx.advance(30);
    assert_eq!(fx.sqs.snapshot(fx.now)["queues"]["q"]["Messages"].as_array().unwrap().len(), 1);
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessages"], "1");
    assert_eq!(fx.bodies(&url, 10), ["new"]);
}

#[test]
fn deliver_puts_a_message_on_the_queue_with_that_arn() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let attributes = json!({"event": {"DataType": "String", "StringValue": "created"}});
    let mut env = Env::new(fx.now, &mut fx.ids);
    fx.sqs.deliver(&queue_arn("q"), "{\"Type\":\"Notification\"}", &attributes, &mut env).unwrap();
    fx.sqs.deliver(&queue_arn("q"), "plain", &Value::Null, &mut env).unwrap();
    let e = fx.sqs.deliver(&queue_arn("missing"), "x", &Value::Null, &mut env).unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue");
    let fifo = fx.create("f.fifo", json!({"FifoQueue": "true"}));
    let mut env = Env::new(fx.now, &mut fx.ids);
    assert!(fx.sqs.deliver(&queue_arn("f.fifo"), "x", &Value::Null, &mut env).is_err());
    let m = fx.receive(&url, json!({"MaxNumberOfMessages": 10, "AttributeNames": ["SenderId"], "MessageAttributeNames": ["All"]}));
    assert_eq!(m[0]["Body"], "{\"Type\":\"Notification\"}");
    assert_eq!(m[0]["MessageAttributes"], attributes);
    assert_eq!(m[0]["Attributes"]["SenderId"], SERVICE_SENDER_ID);
    assert!(m[1].get("MessageAttributes").is_none());
    assert!(fx.receive(&fifo, json!({})).is_empty());
    // From a FIFO topic: the group and deduplication ids ride along under `$fifo`.
    let mut env = Env::new(fx.now, &mut fx.ids);
    let ids = json!({"$fifo": {"MessageGroupId": "g", "MessageDeduplicationId": "d1"}});
    fx.sqs.deliver(&queue_arn("f.fifo"), "first", &ids, &mut env).unwrap();
    fx.sqs.deliver(&queue_arn("f.fifo"), "duplicate", &ids, &mut env).unwrap();
    let m = fx.receive(&fifo, json!({"MaxNumberOfMessages": 10, "AttributeNames": ["All"], "MessageAttributeNames": ["All"]}));
    assert_eq!(m.len(), 1, "deduplicated by the topic's id: {m:?}");
    assert_eq!((m[0]["Body"].as_str(), m[0]["Attributes"]["MessageGroupId"].as_str()), (Some("first"), Some("g")));
    assert!(m[0].get("MessageAttributes").is_none(), "`$fifo` is no message attribute");
}

#[test]
fn snapshot_shows_queues_and_messages_at_a_time() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let a = fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "a", "MessageAttributes": {"k": {"DataType": "Number", "StringValue": "1"}}}));
    let b = fx.send(&url, "b");
    fx.receive(&url, json!({}));
    let snap = fx.sqs.snapshot(fx.now);
    let q = &snap["queues"]["q"];
    assert_eq!(q["QueueUrl"], url);
    assert_eq!(q["QueueArn"], queue_arn("q"));
    assert_eq!(q["Attributes"]["ApproximateNumberOfMessagesNotVisible"], "1");
    assert_eq!(
        q["Messages"],
        json!([
            {"MessageId": a["MessageId"], "Body": "a", "MessageAttributes": {"k": {"DataType": "Number", "StringValue": "1"}}, "ReceiveCount": 1, "Visible": false, "SentTimestamp": T0},
            {"MessageId": b["MessageId"], "Body": "b", "MessageAttributes": {}, "ReceiveCount": 0, "Visible": true, "SentTimestamp": T0},
        ])
    );
    assert_eq!(fx.sqs.snapshot(fx.now + 30_000)["queues"]["q"]["Messages"][0]["Visible"], true);
    assert_eq!(Sqs::default().snapshot(T0), json!({"queues": {}}));
}
