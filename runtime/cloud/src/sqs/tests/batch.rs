//! The batch operations: entries checked alike, answers per entry.

use super::*;

#[test]
fn send_message_batch_reports_successful_and_failed_entries() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let r = fx.ok(
        "SendMessageBatch",
        json!({"QueueUrl": url, "Entries": [
            {"Id": "a", "MessageBody": "one"},
            {"Id": "b", "MessageBody": ""},
            {"Id": "c", "MessageBody": "three", "MessageAttributes": {"k": {"DataType": "String", "StringValue": "v"}}},
        ]}),
    );
    let ok = r["Successful"].as_array().unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!((ok[0]["Id"].as_str(), ok[1]["Id"].as_str()), (Some("a"), Some("c")));
    assert_eq!(ok[0]["MD5OfMessageBody"], hash::md5_hex(b"one"));
    assert!(ok[0].get("MD5OfMessageAttributes").is_none());
    assert!(ok[1]["MD5OfMessageAttributes"].is_string());
    assert_eq!(
        r["Failed"],
        json!([{"Id": "b", "SenderFault": true, "Code": "MissingParameter", "Message": "The request must contain the parameter MessageBody."}])
    );
    assert_eq!(fx.bodies(&url, 10), ["one", "three"]);
    // Both keys are always there.
    let r = fx.ok("SendMessageBatch", json!({"QueueUrl": url, "Entries": [{"Id": "x", "MessageBody": "y"}]}));
    assert_eq!(r["Failed"], json!([]));
}

#[test]
fn batch_limits_apply_to_every_batch_operation() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let eleven: Vec<Value> =
        (0..11).map(|i| json!({"Id": format!("m{i}"), "MessageBody": "x", "ReceiptHandle": "h", "VisibilityTimeout": 1})).collect();
    for (op, kind) in [
        ("SendMessageBatch", "SendMessageBatch"),
        ("DeleteMessageBatch", "DeleteMessageBatch"),
        ("ChangeMessageVisibilityBatch", "ChangeMessageVisibilityBatch"),
    ] {
        let e = fx.err(op, json!({"QueueUrl": url, "Entries": eleven}));
        assert_error(
            &e,
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
            "TooManyEntriesInBatchRequest",
            "Maximum number of entries per request are 10. You have sent 11.",
        );
        let e = fx.err(op, json!({"QueueUrl": url, "Entries": []}));
        assert_error(
            &e,
            "AWS.SimpleQueueService.EmptyBatchRequest",
            "EmptyBatchRequest",
            &format!("There should be at least one {kind}RequestEntry in the request."),
        );
        let dup = json!([{"Id": "a", "MessageBody": "x", "ReceiptHandle": "h"}, {"Id": "a", "MessageBody": "y", "ReceiptHandle": "h"}]);
        let e = fx.err(op, json!({"QueueUrl": url, "Entries": dup}));
        assert_error(&e, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct", "Id a repeated.");
        let e = fx.err(op, json!({"QueueUrl": url, "Entries": [{"Id": "no spaces", "MessageBody": "x", "ReceiptHandle": "h"}]}));
        assert_eq!(e.code, "AWS.SimpleQueueService.InvalidBatchEntryId");
    }
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessages"], "0");
    let ten: Vec<Value> = (0..10).map(|i| json!({"Id": format!("m{i}"), "MessageBody": "x"})).collect();
    let r = fx.ok("SendMessageBatch", json!({"QueueUrl": url, "Entries": ten}));
    assert_eq!(r["Successful"].as_array().unwrap().len(), 10);
}

#[test]
fn batch_over_one_mebibyte_is_too_long() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let big = "x".repeat(600_000);
    let e = fx.err(
        "SendMessageBatch",
        json!({"QueueUrl": url, "Entries": [{"Id": "a", "MessageBody": big}, {"Id": "b", "MessageBody": big}]}),
    );
    assert_error(
        &e,
        "AWS.SimpleQueueService.BatchRequestTooLong",
        "BatchRequestTooLong",
        "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes.",
    );
}

#[test]
fn delete_message_batch_reports_each_entry() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "a");
    fx.send(&url, "b");
    let m = fx.receive(&url, json!({"MaxNumberOfMessages": 10}));
    let r = fx.ok(
        "DeleteMessageBatch",
        json!({"QueueUrl": url, "Entries": [
            {"Id": "1", "ReceiptHandle": m[0]["ReceiptHandle"]},
            {"Id": "2", "ReceiptHandle": "garbage"},
            {"Id": "3", "ReceiptHandle": m[1]["ReceiptHandle"]},
        ]}),
    );
    assert_eq!(r["Successful"], json!([{"Id": "1"}, {"Id": "3"}]));
    assert_eq!(
        r["Failed"],
        json!([{"Id": "2", "SenderFault": true, "Code": "ReceiptHandleIsInvalid", "Message": "The input receipt handle \"garbage\" is not a valid receipt handle."}])
    );
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessagesNotVisible"], "0");
}

#[test]
fn change_message_visibility_batch_reports_each_entry() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "a");
    fx.send(&url, "b");
    let m = fx.receive(&url, json!({"MaxNumberOfMessages": 2}));
    let r = fx.ok(
        "ChangeMessageVisibilityBatch",
        json!({"QueueUrl": url, "Entries": [
            {"Id": "x", "ReceiptHandle": m[0]["ReceiptHandle"], "VisibilityTimeout": 0},
            {"Id": "y", "ReceiptHandle": "bad", "VisibilityTimeout": 0},
        ]}),
    );
    assert_eq!(r["Successful"], json!([{"Id": "x"}]));
    assert_eq!(r["Failed"][0]["Code"], "ReceiptHandleIsInvalid");
    assert_eq!(fx.bodies(&url, 10), ["a"]);
}
