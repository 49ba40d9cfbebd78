//! FIFO queues: group and deduplication ids, ordering per group, expiring handles.

use super::*;

#[test]
fn fifo_requires_a_group_and_a_deduplication_id() {
    let mut fx = Fx::new();
    let url = fx.create("q.fifo", json!({"FifoQueue": "true"}));
    let e = fx.err("SendMessage", json!({"QueueUrl": url, "MessageBody": "x"}));
    assert_error(&e, "MissingParameter", "MissingRequiredParameterException", "The request must contain the parameter MessageGroupId.");
    let e = fx.err("SendMessage", json!({"QueueUrl": url, "MessageBody": "x", "MessageGroupId": "g"}));
    assert_eq!(
        e.message,
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"
    );
    let e = fx.err(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "x", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 5}),
    );
    assert_eq!(
        e.message,
        "Value 5 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."
    );
    let standard = fx.create("std", json!({}));
    let e = fx.err("SendMessage", json!({"QueueUrl": standard, "MessageBody": "x", "MessageDeduplicationId": "d"}));
    assert_eq!(e.code, "InvalidParameterValue");
}

#[test]
fn fifo_drops_duplicates_for_five_minutes_even_after_delete() {
    let mut fx = Fx::new();
    let url = fx.create("q.fifo", json!({"FifoQueue": "true"}));
    let first = fx.send_fifo(&url, "pay 10", "acct-1", "tx-1");
    let seq: u128 = first["SequenceNumber"].as_str().unwrap().parse().unwrap();
    assert_eq!(first["SequenceNumber"].as_str().unwrap().len(), 20);
    let dup = fx.send_fifo(&url, "pay 10", "acct-1", "tx-1");
    assert_eq!(dup["MessageId"], first["MessageId"], "AWS answers a duplicate with the first message");
    assert_eq!(dup["SequenceNumber"], first["SequenceNumber"]);
    let m = fx.receive(&url, json!({"MaxNumberOfMessages": 10}));
    assert_eq!(m.len(), 1);
    fx.ok("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": m[0]["ReceiptHandle"]}));
    fx.advance(299);
    fx.send_fifo(&url, "pay 10", "acct-1", "tx-1");
    assert!(fx.receive(&url, json!({})).is_empty());
    fx.advance(1);
    let again = fx.send_fifo(&url, "pay 10", "acct-1", "tx-1");
    assert_ne!(again["MessageId"], first["MessageId"]);
    assert!(again["SequenceNumber"].as_str().unwrap().parse::<u128>().unwrap() > seq);
    assert_eq!(fx.bodies(&url, 10), ["pay 10"]);
}

#[test]
fn content_based_deduplication_uses_the_sha256_of_the_body() {
    let mut fx = Fx::new();
    let url = fx.create("q.fifo", json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}));
    let a = fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "hello fifo", "MessageGroupId": "g"}));
    let b = fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "hello fifo", "MessageGroupId": "g"}));
    assert_eq!(a["MessageId"], b["MessageId"]);
    fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "other", "MessageGroupId": "g"}));
    let m = fx.receive(&url, json!({"MaxNumberOfMessages": 10, "AttributeNames": ["All"]}));
    assert_eq!(m.len(), 2);
    // Cross-checked with Python's hashlib.sha256(b"hello fifo").
    assert_eq!(m[0]["Attributes"]["MessageDeduplicationId"], "9d3bff6ae0c9f7a77ec0b2a7674af222b5817f9131115b31243911e73f8a6f04");
    assert_eq!(m[0]["Attributes"]["MessageGroupId"], "g");
    assert_eq!(m[0]["Attributes"]["SequenceNumber"], a["SequenceNumber"]);
}

#[test]
fn fifo_keeps_group_order_and_holds_a_group_while_in_flight() {
    let mut fx = Fx::new();
    let url = fx.create("q.fifo", json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}));
    for (body, group) in [("a1", "A"), ("b1", "B"), ("a2", "A"), ("b2", "B"), ("a3", "A")] {
        fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": group}));
    }
    assert_eq!(fx.bodies(&url, 1), ["a1"]);
    // Group A is held while a1 is in flight; B flows in order.
    assert_eq!(fx.bodies(&url, 10), ["b1", "b2"]);
    assert!(fx.bodies(&url, 10).is_empty());
    fx.advance(30);
    // a1's timeout expired: it comes back, A in order; b1 and b2 are back too.
    assert_eq!(fx.bodies(&url, 10), ["a1", "b1", "a2", "b2", "a3"]);
}

#[test]
fn fifo_receipt_handles_expire_with_their_visibility_timeout() {
    let mut fx = Fx::new();
    let url = fx.create("q.fifo", json!({"FifoQueue": "true", "VisibilityTimeout": "10"}));
    fx.send_fifo(&url, "x", "g", "d");
    let handle = fx.receive(&url, json!({}))[0]["ReceiptHandle"].as_str().unwrap().to_owned();
    fx.advance(10);
    let e = fx.err("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": handle}));
    assert_eq!(e.message, format!("Value {handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."));
    let handle = fx.receive(&url, json!({}))[0]["ReceiptHandle"].clone();
    fx.ok("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": handle}));
    assert!(fx.receive(&url, json!({})).is_empty());
}
