//! The Lambda event source mapping: records of an SQS event, redrive and retries.

use super::*;

#[test]
fn lambda_records_have_the_exact_sqs_event_shape() {
    let mut fx = Fx::new();
    let url = fx.create("orders", json!({}));
    let attributes = json!({
        "Attribute1": {"DataType": "String", "StringValue": "AttributeValue1"},
        "Attribute2": {"DataType": "Number", "StringValue": "123"},
        "Attribute3": {"DataType": "Binary", "BinaryValue": wire::bytes(b"1100")},
    });
    let sent = fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "Message Body", "MessageAttributes": attributes}));
    fx.advance(1);
    let records = fx.lambda(&url, 10);
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert!(r["receiptHandle"].as_str().unwrap().starts_with("AQEB"));
    assert_eq!(
        *r,
        json!({
            "messageId": sent["MessageId"],
            "receiptHandle": r["receiptHandle"],
            "body": "Message Body",
            "attributes": {
                "ApproximateReceiveCount": "1",
                "SentTimestamp": T0.to_string(),
                "SenderId": SENDER_ID,
                "ApproximateFirstReceiveTimestamp": (T0 + 1000).to_string(),
            },
            "messageAttributes": {
                "Attribute1": {"stringValue": "AttributeValue1", "stringListValues": [], "binaryListValues": [], "dataType": "String"},
                "Attribute2": {"stringValue": "123", "stringListValues": [], "binaryListValues": [], "dataType": "Number"},
                "Attribute3": {"binaryValue": "MTEwMA==", "stringListValues": [], "binaryListValues": [], "dataType": "Binary"},
            },
            // Cross-checked with a Python implementation of AWS's algorithm.
            "md5OfMessageAttributes": "5e245f81e602ee5aa6641584635f9a43",
            // Python: hashlib.md5(b"Message Body").
            "md5OfBody": "77a3cf88eba293be44f5fd5c61835a43",
            "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders",
            "awsRegion": "us-east-1",
        })
    );
    assert_eq!(sent["MD5OfMessageAttributes"], r["md5OfMessageAttributes"]);
}

#[test]
fn lambda_records_without_attributes_have_null_md5_and_empty_map() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "Test message.");
    let r = fx.lambda(&url, 10).remove(0);
    assert_eq!(r["messageAttributes"], json!({}));
    assert_eq!(r["md5OfMessageAttributes"], Value::Null);
    assert!(r.as_object().unwrap().contains_key("md5OfMessageAttributes"));
    assert_eq!(r["md5OfBody"], "e4e68fb7bd0e697a0ae8f1bb342846b3", "the AWS sample's body MD5");
}

#[test]
fn lambda_fifo_records_carry_group_dedup_and_sequence() {
    let mut fx = Fx::new();
    let url = fx.create("fifo.fifo", json!({"FifoQueue": "true"}));
    let sent = fx.send_fifo(&url, "Test message.", "1", "1");
    let r = fx.lambda(&url, 10).remove(0);
    let a = &r["attributes"];
    assert_eq!(a["MessageGroupId"], "1");
    assert_eq!(a["MessageDeduplicationId"], "1");
    assert_eq!(a["SequenceNumber"], sent["SequenceNumber"]);
    assert_eq!(a.as_object().unwrap().len(), 7);
    assert_eq!(r["eventSourceARN"], "arn:aws:sqs:us-east-1:123456789012:fifo.fifo");
}

#[test]
fn lambda_receive_applies_visibility_batch_size_and_redrive() {
    let mut fx = Fx::new();
    let (url, dlq) = with_dlq(&mut fx, 1);
    for i in 0..3 {
        fx.send(&url, &format!("m{i}"));
    }
    assert_eq!(fx.lambda(&url, 2).len(), 2);
    let third = fx.lambda(&url, 10);
    assert_eq!((third.len(), third[0]["body"].as_str()), (1, Some("m2")));
    assert!(fx.lambda(&url, 10).is_empty(), "all in flight for the queue's VisibilityTimeout");
    fx.advance(10);
    // Each was received once and maxReceiveCount is 1: the next poll moves them to the DLQ.
    assert!(fx.lambda(&url, 10).is_empty());
    assert_eq!(fx.attributes(&dlq)["ApproximateNumberOfMessages"], "3");
    let mut env = Env::new(fx.now, &mut fx.ids);
    let e = fx.sqs.receive_for_lambda(&format!("{URL}missing"), 10, &mut env).unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue");
}

#[test]
fn lambda_failure_then_retry_counts_receives() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({"VisibilityTimeout": "60"}));
    fx.send(&url, "retry me");
    let first = fx.lambda(&url, 10).remove(0);
    fx.advance(60);
    let second = fx.lambda(&url, 10).remove(0);
    assert_eq!(second["messageId"], first["messageId"]);
    assert_eq!(second["attributes"]["ApproximateReceiveCount"], "2");
    assert_eq!(second["attributes"]["ApproximateFirstReceiveTimestamp"], T0.to_string());
    // The runner deletes a successful batch with the record's handle.
    fx.ok("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": second["receiptHandle"]}));
    assert_eq!(fx.sqs.snapshot(fx.now)["queues"]["q"]["Messages"], json!([]));
}
