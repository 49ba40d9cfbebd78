//! Publish and PublishBatch: targets, validation of messages and attributes, SMS.

use super::*;

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
