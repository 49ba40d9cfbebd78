//! Sending, receiving, deleting and changing the visibility of single messages.

use super::*;

#[test]
fn send_message_returns_id_and_body_md5() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let r = fx.send(&url, "hello");
    assert_eq!(r["MD5OfMessageBody"], "5d41402abc4b2a76b9719d911017c592");
    let id = r["MessageId"].as_str().unwrap();
    assert_eq!((id.len(), &id[14..15]), (36, "4"));
    assert_eq!(r.as_object().unwrap().len(), 2, "no attribute MD5 or sequence number: {r}");
    assert_ne!(fx.send(&url, "hello")["MessageId"], r["MessageId"]);
}

#[test]
fn attribute_md5_matches_values_published_for_aws() {
    // Published values: localstack's test (verified against AWS), an SQS MD5 validator's tests,
    // sqslite's tests; the mixed one was cross-checked with a Python implementation and moto 5.2.
    let cases = [
        (json!({"timestamp": {"DataType": "Number", "StringValue": "1493147359900"}}), "235c5c510d26fb653d073faed50ae77c"),
        (json!({"SellerName": {"DataType": "String", "StringValue": "Example Store"}}), "cd28f3b68aeee4b2eac9c66f2f694b58"),
        (
            json!({"ordinal": {"DataType": "Number", "StringValue": "1"}, "category": {"DataType": "String", "StringValue": "test"}}),
            "d21ae90c49061e927f57df5f5d72be1f",
        ),
        (
            json!({
                "a": {"DataType": "String", "StringValue": "x"},
                "n": {"DataType": "Number", "StringValue": "1"},
                "b": {"DataType": "Binary", "BinaryValue": wire::bytes(&[0, 1])},
                "c": {"DataType": "String.custom", "StringValue": "y"},
            }),
            "66f973d940cb365a65c0b17f275c9219",
        ),
    ];
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    for (attributes, md5) in cases {
        let r = fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "b", "MessageAttributes": attributes}));
        assert_eq!(r["MD5OfMessageAttributes"], md5);
        let m = fx.receive(&url, json!({"MessageAttributeNames": ["All"]}));
        assert_eq!(m[0]["MD5OfMessageAttributes"], md5);
        assert_eq!(m[0]["MessageAttributes"], attributes);
        fx.ok("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": m[0]["ReceiptHandle"]}));
    }
}

#[test]
fn digests_match_reference_vectors() {
    assert_eq!(hash::md5_hex(b""), "d41d8cd98f00b204e9800998ecf8427e");
    assert_eq!(hash::sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(hash::sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(
        hash::sha256_hex(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(hash::sha256_hex(&[b'a'; 1000]).len(), 64);
}

#[test]
fn trace_header_system_attribute_is_hashed_and_returned() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1";
    let r = fx.ok(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "x", "MessageSystemAttributes": {"AWSTraceHeader": {"DataType": "String", "StringValue": trace}}}),
    );
    // Cross-checked with a Python implementation of AWS's attribute MD5.
    assert_eq!(r["MD5OfMessageSystemAttributes"], "5f48eef650c1d0207456969c85af2fdd");
    assert!(r.get("MD5OfMessageAttributes").is_none());
    let m = fx.receive(&url, json!({"MessageSystemAttributeNames": ["AWSTraceHeader"], "VisibilityTimeout": 0}));
    assert_eq!(m[0]["Attributes"], json!({"AWSTraceHeader": trace}));
    assert_eq!(fx.lambda(&url, 1)[0]["attributes"]["AWSTraceHeader"], trace);
    let e = fx.err(
        "SendMessage",
        json!({"QueueUrl": url, "MessageBody": "x", "MessageSystemAttributes": {"Other": {"DataType": "String", "StringValue": "v"}}}),
    );
    assert_eq!(e.code, "InvalidParameterValue");
}

#[test]
fn empty_body_is_missing_parameter_as_on_aws() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let e = fx.err("SendMessage", json!({"QueueUrl": url, "MessageBody": ""}));
    assert_error(&e, "MissingParameter", "MissingRequiredParameterException", "The request must contain the parameter MessageBody.");
}

#[test]
fn invalid_message_attributes_are_rejected() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let cases = [
        (
            json!({"a": {"DataType": "Text", "StringValue": "x"}}),
            "The message attribute 'a' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
        ),
        (
            json!({"a": {"DataType": "String", "StringValue": ""}}),
            "Message (user) attribute 'a' must contain a non-empty value of type 'String'.",
        ),
        (
            json!({"bad name": {"DataType": "String", "StringValue": "x"}}),
            "The message attribute name 'bad name' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.",
        ),
        (
            json!({"AWS.x": {"DataType": "String", "StringValue": "x"}}),
            "The message attribute name 'AWS.x' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters.",
        ),
        (
            json!({"n": {"DataType": "Number", "StringValue": "ten"}}),
            "Can't cast the value of message (user) attribute 'n' to a number.",
        ),
    ];
    for (attributes, message) in cases {
        let e = fx.err("SendMessage", json!({"QueueUrl": url, "MessageBody": "b", "MessageAttributes": attributes}));
        assert_error(&e, "InvalidParameterValue", "InvalidParameterValue", message);
    }
    let eleven: Map<String, Value> =
        (0..11).map(|i| (format!("a{i}"), json!({"DataType": "String", "StringValue": "x"}))).collect();
    let e = fx.err("SendMessage", json!({"QueueUrl": url, "MessageBody": "b", "MessageAttributes": eleven}));
    assert_eq!(e.message, "Number of message attributes [11] exceeds the allowed maximum [10].");
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessages"], "0");
}

#[test]
fn invalid_characters_and_oversized_messages_are_rejected() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({"MaximumMessageSize": "1024"}));
    let e = fx.err("SendMessage", json!({"QueueUrl": url, "MessageBody": "a\u{1}b"}));
    assert_eq!(e.code, "InvalidMessageContents");
    assert!(e.message.starts_with("Invalid binary character '#x1' was found in the message body"), "{}", e.message);
    let e = fx.err("SendMessage", json!({"QueueUrl": url, "MessageBody": "x".repeat(1025)}));
    assert_error(
        &e,
        "InvalidParameterValue",
        "InvalidParameterValue",
        "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.",
    );
    fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "x".repeat(1024)}));
    fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "tabs\tand\nnewlines é 😀"}));
}

#[test]
fn delay_seconds_hides_new_messages() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({"DelaySeconds": "10", "VisibilityTimeout": "600"}));
    fx.send(&url, "queue-delay");
    fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "no-delay", "DelaySeconds": 0}));
    fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "long", "DelaySeconds": 60}));
    let a = fx.attributes(&url);
    assert_eq!((a["ApproximateNumberOfMessages"].as_str(), a["ApproximateNumberOfMessagesDelayed"].as_str()), (Some("1"), Some("2")));
    assert_eq!(fx.bodies(&url, 10), ["no-delay"]);
    fx.advance(10);
    assert_eq!(fx.bodies(&url, 10), ["queue-delay"]);
    fx.advance(50);
    assert_eq!(fx.bodies(&url, 10), ["long"]);
    let e = fx.err("SendMessage", json!({"QueueUrl": url, "MessageBody": "x", "DelaySeconds": 901}));
    assert_eq!(e.message, "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
}

#[test]
fn receive_from_an_empty_queue_has_no_messages_key() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    assert!(fx.receive(&url, json!({"WaitTimeSeconds": 20, "MaxNumberOfMessages": 10})).is_empty());
}

#[test]
fn max_number_of_messages_out_of_range_is_invalid() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    for n in [0, 11] {
        let e = fx.err("ReceiveMessage", json!({"QueueUrl": url, "MaxNumberOfMessages": n}));
        assert_error(
            &e,
            "InvalidParameterValue",
            "InvalidParameterValue",
            &format!("Value {n} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."),
        );
    }
    let e = fx.err("ReceiveMessage", json!({"QueueUrl": url, "WaitTimeSeconds": 21}));
    assert_eq!(e.message, "Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
    let e = fx.err("ReceiveMessage", json!({"QueueUrl": url, "VisibilityTimeout": 43201}));
    assert_eq!(e.code, "InvalidParameterValue");
}

#[test]
fn receive_returns_at_most_max_messages_in_send_order() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    for i in 0..12 {
        fx.send(&url, &format!("m{i}"));
    }
    assert_eq!(fx.bodies(&url, 1), ["m0"]);
    assert_eq!(fx.bodies(&url, 10), (1..11).map(|i| format!("m{i}")).collect::<Vec<_>>());
    assert_eq!(fx.bodies(&url, 10), ["m11"]);
    assert!(fx.bodies(&url, 10).is_empty());
}

#[test]
fn visibility_timeout_hides_a_message_until_virtual_time_passes() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({"VisibilityTimeout": "30"}));
    fx.send(&url, "job");
    let first = fx.receive(&url, json!({"AttributeNames": ["ApproximateReceiveCount"]}));
    assert_eq!(first[0]["Attributes"], json!({"ApproximateReceiveCount": "1"}));
    let a = fx.attributes(&url);
    assert_eq!((a["ApproximateNumberOfMessages"].as_str(), a["ApproximateNumberOfMessagesNotVisible"].as_str()), (Some("0"), Some("1")));
    fx.advance(29);
    assert!(fx.receive(&url, json!({})).is_empty());
    fx.advance(1);
    let second = fx.receive(&url, json!({"AttributeNames": ["ApproximateReceiveCount"]}));
    assert_eq!(second[0]["MessageId"], first[0]["MessageId"]);
    assert_eq!(second[0]["Attributes"]["ApproximateReceiveCount"], "2");
    assert_ne!(second[0]["ReceiptHandle"], first[0]["ReceiptHandle"], "each receive has a new handle");
}

#[test]
fn receive_visibility_timeout_overrides_the_queue_default() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "a");
    fx.receive(&url, json!({"VisibilityTimeout": 5}));
    fx.advance(5);
    assert_eq!(fx.bodies(&url, 1), ["a"]);
    // VisibilityTimeout 0 leaves it visible at once.
    assert!(fx.receive(&url, json!({})).is_empty());
    fx.advance(30);
    fx.receive(&url, json!({"VisibilityTimeout": 0}));
    assert_eq!(fx.bodies(&url, 1), ["a"]);
}

#[test]
fn system_attributes_all_are_strings() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let sent = fx.send(&url, "x");
    fx.advance(2);
    let m = fx.receive(&url, json!({"MessageSystemAttributeNames": ["All"], "VisibilityTimeout": 0}));
    assert_eq!(
        m[0]["Attributes"],
        json!({
            "SenderId": SENDER_ID,
            "SentTimestamp": T0.to_string(),
            "ApproximateReceiveCount": "1",
            "ApproximateFirstReceiveTimestamp": (T0 + 2000).to_string(),
        })
    );
    assert_eq!(m[0]["MessageId"], sent["MessageId"]);
    assert_eq!(m[0]["MD5OfBody"], hash::md5_hex(b"x"));
    assert!(m[0].get("MessageAttributes").is_none());
    fx.advance(3);
    let m = fx.receive(&url, json!({"AttributeNames": ["All"]}));
    assert_eq!(m[0]["Attributes"]["ApproximateFirstReceiveTimestamp"], (T0 + 2000).to_string());
    assert_eq!(m[0]["Attributes"]["ApproximateReceiveCount"], "2");
    fx.advance(30);
    let m = fx.receive(&url, json!({}));
    assert!(m[0].get("Attributes").is_none(), "no attributes unless asked");
}

#[test]
fn message_attribute_names_select_all_names_or_prefixes() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let attributes = json!({
        "order.id": {"DataType": "Number", "StringValue": "7"},
        "order.kind": {"DataType": "String", "StringValue": "book"},
        "trace": {"DataType": "Binary", "BinaryValue": wire::bytes(b"\xff\x00")},
    });
    fx.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": "b", "MessageAttributes": attributes}));
    let mut get = |names: Value| {
        fx.advance(31);
        fx.receive(&url, json!({"MessageAttributeNames": names})).remove(0)
    };
    assert_eq!(get(json!(["All"]))["MessageAttributes"], attributes);
    assert_eq!(get(json!([".*"]))["MessageAttributes"], attributes);
    let m = get(json!(["order.*"]));
    assert_eq!(m["MessageAttributes"].as_object().unwrap().keys().collect::<Vec<_>>(), ["order.id", "order.kind"]);
    let m = get(json!(["trace", "absent"]));
    assert_eq!(m["MessageAttributes"], json!({"trace": {"DataType": "Binary", "BinaryValue": {"$bytes": "/wA="}}}));
    let only: Attrs = parse_message_attributes(Some(&json!({"trace": attributes["trace"]}))).unwrap();
    assert_eq!(m["MD5OfMessageAttributes"], hash::md5_of_attributes(&only), "MD5 of what is returned");
    let m = get(json!([]));
    assert!(m.get("MessageAttributes").is_none() && m.get("MD5OfMessageAttributes").is_none());
}

#[test]
fn delete_message_removes_it_and_repeats_succeed() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "a");
    let m = fx.receive(&url, json!({}));
    let handle = m[0]["ReceiptHandle"].clone();
    assert_eq!(fx.ok("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": handle})), json!({}));
    fx.ok("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": handle}));
    fx.advance(60);
    assert!(fx.receive(&url, json!({})).is_empty());
    assert_eq!(fx.attributes(&url)["ApproximateNumberOfMessagesNotVisible"], "0");
}

#[test]
fn a_stale_but_well_formed_handle_still_deletes_on_a_standard_queue() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "a");
    let old = fx.receive(&url, json!({}))[0]["ReceiptHandle"].clone();
    fx.advance(30);
    let new = fx.receive(&url, json!({}))[0]["ReceiptHandle"].clone();
    assert_ne!(old, new);
    fx.ok("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": old}));
    assert_eq!(fx.sqs.snapshot(fx.now)["queues"]["q"]["Messages"], json!([]));
}

#[test]
fn malformed_receipt_handles_are_invalid() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    let other = fx.create("other", json!({}));
    let e = fx.err("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": "fake"}));
    assert_error(
        &e,
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        "The input receipt handle \"fake\" is not a valid receipt handle.",
    );
    let e = fx.err("ChangeMessageVisibility", json!({"QueueUrl": url, "ReceiptHandle": "AQEBnope", "VisibilityTimeout": 5}));
    assert_eq!(e.code, "ReceiptHandleIsInvalid");
    fx.send(&other, "x");
    let handle = fx.receive(&other, json!({}))[0]["ReceiptHandle"].as_str().unwrap().to_owned();
    let e = fx.err("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": handle}));
    assert_eq!(e.message, format!("The receipt handle \"{handle}\" is not valid for this queue."));
}

#[test]
fn change_message_visibility_extends_or_releases_a_message() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "a");
    let handle = fx.receive(&url, json!({}))[0]["ReceiptHandle"].clone();
    fx.ok("ChangeMessageVisibility", json!({"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 120}));
    fx.advance(100);
    assert!(fx.receive(&url, json!({})).is_empty());
    fx.ok("ChangeMessageVisibility", json!({"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 0}));
    assert_eq!(fx.bodies(&url, 1), ["a"]);
}

#[test]
fn change_message_visibility_errors() {
    let mut fx = Fx::new();
    let url = fx.create("q", json!({}));
    fx.send(&url, "a");
    let handle = fx.receive(&url, json!({}))[0]["ReceiptHandle"].as_str().unwrap().to_owned();
    let e = fx.err("ChangeMessageVisibility", json!({"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 43201}));
    assert_eq!(e.code, "InvalidParameterValue");
    fx.advance(30_000);
    fx.ok("ChangeMessageVisibility", json!({"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 13_000}));
    let e = fx.err("ChangeMessageVisibility", json!({"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 13_201}));
    assert_eq!(
        e.message,
        "Value 13201 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]"
    );
    fx.ok("DeleteMessage", json!({"QueueUrl": url, "ReceiptHandle": handle}));
    let e = fx.err("ChangeMessageVisibility", json!({"QueueUrl": url, "ReceiptHandle": handle, "VisibilityTimeout": 5}));
    assert_error(
        &e,
        "InvalidParameterValue",
        "InvalidParameterValue",
        &format!(
            "Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change."
        ),
    );
}
