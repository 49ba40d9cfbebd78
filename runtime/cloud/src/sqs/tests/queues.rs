//! Queue management: create, URLs, list, delete, purge, attributes, tags.

use super::*;

#[test]
fn create_queue_returns_the_regional_url() {
    let mut fx = Fx::new();
    let url = fx.create("orders", json!({}));
    assert_eq!(url, "https://sqs.us-east-1.amazonaws.com/123456789012/orders");
    assert_eq!(fx.attributes(&url)["QueueArn"], "arn:aws:sqs:us-east-1:123456789012:orders");
}

#[test]
fn create_queue_is_idempotent_with_same_or_no_attributes() {
    let mut fx = Fx::new();
    fx.create("q", json!({"VisibilityTimeout": "10"}));
    assert_eq!(fx.create("q", json!({"VisibilityTimeout": "10"})), format!("{URL}q"));
    assert_eq!(fx.create("q", json!({})), format!("{URL}q"));
    assert_eq!(fx.ok("ListQueues", json!({}))["QueueUrls"], json!([format!("{URL}q")]));
}

#[test]
fn create_queue_with_a_different_attribute_is_queue_name_exists() {
    let mut fx = Fx::new();
    fx.create("q", json!({"VisibilityTimeout": "10"}));
    let e = fx.err("CreateQueue", json!({"QueueName": "q", "Attributes": {"VisibilityTimeout": "20"}}));
    assert_error(
        &e,
        "QueueAlreadyExists",
        "QueueNameExists",
        "A queue already exists with the same name and a different value for attribute VisibilityTimeout",
    );
    // A default value sent explicitly is the same value.
    fx.create("q", json!({"DelaySeconds": "0"}));
}

#[test]
fn queue_names_are_validated_like_aws() {
    let mut fx = Fx::new();
    let standard = "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length";
    for bad in ["bad name", "messages.fifo", "", &"x".repeat(81)] {
        let e = fx.err("CreateQueue", json!({"QueueName": bad}));
        assert_error(&e, "InvalidParameterValue", "InvalidParameterValue", standard);
    }
    let e = fx.err("CreateQueue", json!({"QueueName": "jobs", "Attributes": {"FifoQueue": "true"}}));
    assert_error(
        &e,
        "InvalidParameterValue",
        "InvalidParameterValue",
        "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.",
    );
    fx.create(&"x".repeat(80), json!({}));
    fx.create(&format!("{}.fifo", "y".repeat(75)), json!({"FifoQueue": "true"}));
    fx.create("a-b_c", json!({}));
}

#[test]
fn create_queue_rejects_unknown_and_out_of_range_attributes() {
    let mut fx = Fx::new();
    let e = fx.err("CreateQueue", json!({"QueueName": "q", "Attributes": {"Bogus": "1"}}));
    assert_error(&e, "InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute Bogus.");
    // FIFO-only attributes do not exist on a standard queue.
    let e = fx.err("CreateQueue", json!({"QueueName": "q", "Attributes": {"ContentBasedDeduplication": "true"}}));
    assert_error(&e, "InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute ContentBasedDeduplication.");
    for (name, value) in [
        ("VisibilityTimeout", "43201"),
        ("VisibilityTimeout", "soon"),
        ("DelaySeconds", "901"),
        ("MessageRetentionPeriod", "59"),
        ("MaximumMessageSize", "1023"),
        ("ReceiveMessageWaitTimeSeconds", "21"),
    ] {
        let e = fx.err("CreateQueue", json!({"QueueName": "q", "Attributes": {name: value}}));
        assert_error(&e, "InvalidAttributeValue", "InvalidAttributeValue", &format!("Invalid value for the parameter {name}."));
    }
    assert!(fx.ok("ListQueues", json!({})).get("QueueUrls").is_none());
}

#[test]
fn get_queue_url_and_the_missing_queue_error() {
    let mut fx = Fx::new();
    fx.create("q", json!({}));
    assert_eq!(fx.ok("GetQueueUrl", json!({"QueueName": "q"})), json!({"QueueUrl": format!("{URL}q")}));
    let e = fx.err("GetQueueUrl", json!({"QueueName": "nope"}));
    assert_error(
        &e,
        "AWS.SimpleQueueService.NonExistentQueue",
        "QueueDoesNotExist",
        "The specified queue does not exist.",
    );
    assert_eq!(
        e.response()["Error"],
        json!({
            "Code": "AWS.SimpleQueueService.NonExistentQueue",
            "Message": "The specified queue does not exist.",
            "QueryErrorCode": "QueueDoesNotExist",
            "Type": "Sender",
        })
    );
    for op in ["SendMessage", "ReceiveMessage", "GetQueueAttributes", "DeleteQueue", "PurgeQueue", "ListQueueTags"] {
        let e = fx.err(op, json!({"QueueUrl": format!("{URL}nope"), "MessageBody": "x"}));
        assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue", "{op}");
    }
}

#[test]
fn legacy_url_form_works_and_other_urls_do_not() {
    let mut fx = Fx::new();
    fx.create("q", json!({}));
    fx.ok("SendMessage", json!({"QueueUrl": "https://queue.amazonaws.com/123456789012/q", "MessageBody": "hi"}));
    assert_eq!(fx.bodies(&format!("{URL}q"), 1), ["hi"]);
    for other in [
        "http://localhost:4566/000000000000/q",
        "https://sqs.us-west-2.amazonaws.com/123456789012/q",
        "https://sqs.us-east-1.amazonaws.com/999999999999/q",
        "q",
    ] {
        let e = fx.err("SendMessage", json!({"QueueUrl": other, "MessageBody": "hi"}));
        assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue", "{other}");
    }
}

#[test]
fn list_queues_by_prefix_without_key_when_empty() {
    let mut fx = Fx::new();
    assert_eq!(fx.ok("ListQueues", json!({})), json!({}));
    for name in ["orders", "orders-dlq", "payments"] {
        fx.create(name, json!({}));
    }
    assert_eq!(
        fx.ok("ListQueues", json!({"QueueNamePrefix": "orders"})),
        json!({"QueueUrls": [format!("{URL}orders"), format!("{URL}orders-dlq")]})
    );
    assert_eq!(fx.ok("ListQueues", json!({"QueueNamePrefix": "zz"})), json!({}));
    assert_eq!(fx.ok("ListQueues", json!({}))["QueueUrls"].as_array().unwrap().len(), 3);
}

#[test]
fn list_queues_pages_with_max_results() {
    let mut fx = Fx::new();
    for name in ["a", "b", "c"] {
        fx.create(name, json!({}));
    }
    let first = fx.ok("ListQueues", json!({"MaxResults": 2}));
    assert_eq!(first["QueueUrls"], json!([format!("{URL}a"), format!("{URL}b")]));
    let token = first["NextToken"].clone();
    let second = fx.ok("ListQueues", json!({"MaxResults": 2, "NextToken": token}));
    assert_eq!(second, json!({"QueueUrls": [format!("{URL}c")]}));
    let e = fx.err("ListQueues", json!({"MaxResults": 0}));
    assert_eq!(e.code, "InvalidParameterValue");
}

#[test]
fn delete_queue_and_recreate_only_after_60_seconds() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "x");
    assert_eq!(fx.ok("DeleteQueue", json!({"QueueUrl": url})), json!({}));
    assert_eq!(fx.err("GetQueueUrl", json!({"QueueName": "q"})).code, "AWS.SimpleQueueService.NonExistentQueue");
    let e = fx.err("CreateQueue", json!({"QueueName": "q"}));
    assert_error(
        &e,
        "AWS.SimpleQueueService.QueueDeletedRecently",
        "QueueDeletedRecently",
        "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
    );
    fx.advance(60);
    let url = fx.create("q", json!({}));
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessages"], "0");
}

#[test]
fn purge_queue_empties_it_once_a_minute() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "a");
    fx.send(&url, "b");
    fx.receive(&url, json!({}));
    assert_eq!(fx.ok("PurgeQueue", json!({"QueueUrl": url})), json!({}));
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessages"], "0");
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessagesNotVisible"], "0");
    let e = fx.err("PurgeQueue", json!({"QueueUrl": url}));
    assert_eq!(e.code, "AWS.SimpleQueueService.PurgeQueueInProgress");
    assert_eq!(e.message, "Only one PurgeQueue operation on q is allowed every 60 seconds.");
    assert_eq!(e.status, 403);
    fx.advance(60);
    fx.ok("PurgeQueue", json!({"QueueUrl": url}));
}

#[test]
fn get_queue_attributes_all_has_every_default_as_strings() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    assert_eq!(
        fx.attributes(&url),
        json!({
            "ApproximateNumberOfMessages": "0",
            "ApproximateNumberOfMessagesDelayed": "0",
            "ApproximateNumberOfMessagesNotVisible": "0",
            "CreatedTimestamp": "1768478400",
            "DelaySeconds": "0",
            "LastModifiedTimestamp": "1768478400",
            "MaximumMessageSize": "1048576",
            "MessageRetentionPeriod": "345600",
            "QueueArn": "arn:aws:sqs:us-east-1:123456789012:q",
            "ReceiveMessageWaitTimeSeconds": "0",
            "SqsManagedSseEnabled": "true",
            "VisibilityTimeout": "30",
        })
    );
    let fifo = fx.create("q.fifo", json!({"FifoQueue": "true", "ContentBasedDeduplication": "true"}));
    let a = fx.attributes(&fifo);
    assert_eq!(a["FifoQueue"], "true");
    assert_eq!(a["ContentBasedDeduplication"], "true");
    assert_eq!(a["DeduplicationScope"], "queue");
    assert_eq!(a["FifoThroughputLimit"], "perQueue");
}

#[test]
fn get_queue_attributes_specific_none_and_unknown() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({"VisibilityTimeout": "45"}));
    assert_eq!(
        fx.ok("GetQueueAttributes", json!({"QueueUrl": url, "AttributeNames": ["VisibilityTimeout", "RedrivePolicy"]})),
        json!({"Attributes": {"VisibilityTimeout": "45"}})
    );
    assert_eq!(fx.ok("GetQueueAttributes", json!({"QueueUrl": url})), json!({}));
    let e = fx.err("GetQueueAttributes", json!({"QueueUrl": url, "AttributeNames": ["Bogus"]}));
    assert_error(&e, "InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute Bogus.");
}

#[test]
fn set_queue_attributes_updates_values_and_last_modified() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.advance(100);
    let r = fx.ok("SetQueueAttributes", json!({"QueueUrl": url, "Attributes": {"VisibilityTimeout": "5", "DelaySeconds": "2"}}));
    assert_eq!(r, json!({}));
    let a = fx.attributes(&url);
    assert_eq!((a["VisibilityTimeout"].as_str(), a["DelaySeconds"].as_str()), (Some("5"), Some("2")));
    assert_eq!(a["LastModifiedTimestamp"], "1768478500");
    assert_eq!(a["CreatedTimestamp"], "1768478400");
    let e = fx.err("SetQueueAttributes", json!({"QueueUrl": url, "Attributes": {"VisibilityTimeout": "-1"}}));
    assert_eq!(e.code, "InvalidAttributeValue");
    let e = fx.err("SetQueueAttributes", json!({"QueueUrl": url, "Attributes": {"FifoQueue": "true"}}));
    assert_eq!(e.message, "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.");
}

#[test]
fn tags_are_added_removed_and_listed() {
    let mut fx = Fx::new();
    let url = fx.ok("CreateQueue", json!({"QueueName": "q", "tags": {"team": "a"}}))["QueueUrl"].as_str().unwrap().to_owned();
    assert_eq!(fx.ok("ListQueueTags", json!({"QueueUrl": url})), json!({"Tags": {"team": "a"}}));
    fx.ok("TagQueue", json!({"QueueUrl": url, "Tags": {"env": "dev", "team": "b"}}));
    assert_eq!(fx.ok("ListQueueTags", json!({"QueueUrl": url})), json!({"Tags": {"env": "dev", "team": "b"}}));
    fx.ok("UntagQueue", json!({"QueueUrl": url, "TagKeys": ["env", "team", "absent"]}));
    assert_eq!(fx.ok("ListQueueTags", json!({"QueueUrl": url})), json!({}));
    assert_eq!(fx.err("TagQueue", json!({"QueueUrl": url, "Tags": {}})).code, "MissingParameter");
    assert_eq!(fx.err("UntagQueue", json!({"QueueUrl": url, "TagKeys": []})).code, "InvalidParameterValue");
}

#[test]
fn unimplemented_operations_say_so() {
    let mut fx = Fx::new();
    let e = fx.err("AddPermission", json!({}));
    assert_eq!((e.code.as_str(), e.status), ("NotImplemented", 501));
    assert!(e.message.contains("AddPermission"));
}
