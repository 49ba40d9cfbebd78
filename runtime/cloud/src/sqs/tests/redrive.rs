//! Dead-letter queues: redrive on receive, the policy's validation, the source queues.

use super::*;

#[test]
fn with_max_receive_count_2_the_third_receive_finds_it_in_the_dlq() {
    let mut fx = Fx::new();
    let (url, dlq) = with_dlq(&mut fx, 2);
    let sent = fx.ok(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "poison", "MessageAttributes": {"k": {"DataType": "String", "StringValue": "v"}}}),
    );
    for count in ["1", "2"] {
        let m = fx.receive(&url, json!({"AttributeNames": ["ApproximateReceiveCount"]}));
        assert_eq!(m[0]["Attributes"]["ApproximateReceiveCount"], count);
        fx.advance(10);
    }
    assert!(fx.receive(&url, json!({})).is_empty(), "the third receive moves it instead");
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessages"], "0");
    assert_eq!(fx.attributes(&dlq)["ApproximateNumberOfMessages"], "1");
    let m = fx.receive(&dlq, json!({"AttributeNames": ["All"], "MessageAttributeNames": ["All"]}));
    assert_eq!(m[0]["MessageId"], sent["MessageId"]);
    assert_eq!(m[0]["Body"], "poison");
    assert_eq!(m[0]["MD5OfMessageAttributes"], sent["MD5OfMessageAttributes"]);
    assert_eq!(m[0]["Attributes"]["ApproximateReceiveCount"], "3");
    assert_eq!(m[0]["Attributes"]["DeadLetterQueueSourceArn"], queue_arn("jobs"));
}

#[test]
fn redrive_policy_is_validated_and_normalised() {
    let mut fx = Fx::new();
    let dlq_arn = queue_arn("dlq");
    let e = fx.err("CreateQueue", json!({"QueueName": "q", "Attributes": {"RedrivePolicy": json!({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 3}).to_string()}}));
    assert!(e.message.ends_with("Reason: Dead letter target does not exist."), "{}", e.message);
    assert_eq!(e.code, "InvalidParameterValue");
    fx.create("dlq", json!({}));
    let e = fx.err("CreateQueue", json!({"QueueName": "q", "Attributes": {"RedrivePolicy": "{\"maxReceiveCount\": 3}"}}));
    assert_eq!(
        e.message,
        "Value {\"maxReceiveCount\": 3} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn."
    );
    let zero = json!({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 0}).to_string();
    let e = fx.err("CreateQueue", json!({"QueueName": "q", "Attributes": {"RedrivePolicy": zero}}));
    assert!(e.message.ends_with("Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive."), "{}", e.message);
    let url = fx.create("q", json!({"RedrivePolicy": format!("{{ \"maxReceiveCount\": \"5\", \"deadLetterTargetArn\": \"{dlq_arn}\" }}")}));
    assert_eq!(
        fx.attributes(&url)["RedrivePolicy"],
        format!("{{\"deadLetterTargetArn\":\"{dlq_arn}\",\"maxReceiveCount\":5}}")
    );
    fx.ok("SetQueueAttributes", json!({"QueueUrl": url, "Attributes": {"RedrivePolicy": ""}}));
    assert!(fx.attributes(&url).get("RedrivePolicy").is_none());
    fx.create("d.fifo", json!({"FifoQueue": "true"}));
    let mixed = json!({"deadLetterTargetArn": queue_arn("d.fifo"), "maxReceiveCount": 1}).to_string();
    assert_eq!(fx.err("SetQueueAttributes", json!({"QueueUrl": url, "Attributes": {"RedrivePolicy": mixed}})).code, "InvalidParameterValue");
}

#[test]
fn list_dead_letter_source_queues_names_the_sources() {
    let mut fx = Fx::new();
    let (_, dlq) = with_dlq(&mut fx, 3);
    fx.create("unrelated", json!({}));
    assert_eq!(fx.ok("ListDeadLetterSourceQueues", json!({"QueueUrl": dlq})), json!({"queueUrls": [format!("{URL}jobs")]}));
    let other = format!("{URL}unrelated");
    assert_eq!(fx.ok("ListDeadLetterSourceQueues", json!({"QueueUrl": other})), json!({"queueUrls": []}));
}
