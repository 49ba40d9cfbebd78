//! Notification configurations and the event records uploads and deletes send.

use super::*;

#[test]
fn notification_configuration_round_trip() {
    let mut h = H::with_bucket("inbox");
    assert_eq!(h.ok("GetBucketNotificationConfiguration", json!({"Bucket": "inbox"})), json!({}));
    let config = json!({
        "LambdaFunctionConfigurations": [{"Id": "thumbs", "LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}, {"Name": "Suffix", "Value": ".jpg"}]}}}],
        "QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectRemoved:*"]}],
    });
    assert_eq!(h.ok("PutBucketNotificationConfiguration", json!({"Bucket": "inbox", "NotificationConfiguration": config})), json!({}));
    let got = h.ok("GetBucketNotificationConfiguration", json!({"Bucket": "inbox"}));
    assert_eq!(
        got["LambdaFunctionConfigurations"],
        json!([{"Id": "thumbs", "LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "Prefix", "Value": "images/"}, {"Name": "Suffix", "Value": ".jpg"}]}}}])
    );
    let generated = got["QueueConfigurations"][0]["Id"].as_str().unwrap();
    let decoded = base64::engine::general_purpose::STANDARD.decode(generated).unwrap();
    assert_eq!(decoded.len(), 36, "a generated Id is base64 of a UUID");
    assert!(got.get("TopicConfigurations").is_none());
    // An empty configuration turns notifications off.
    h.ok("PutBucketNotificationConfiguration", json!({"Bucket": "inbox", "NotificationConfiguration": {}}));
    assert_eq!(h.ok("GetBucketNotificationConfiguration", json!({"Bucket": "inbox"})), json!({}));
    let e = h.err("GetBucketNotificationConfiguration", json!({"Bucket": "nob"}));
    assert_eq!(e.code, "NoSuchBucket");
}

#[test]
fn notification_configuration_validation() {
    let mut h = H::with_bucket("inbox");
    let mut put = |config: Value| h.err("PutBucketNotificationConfiguration", json!({"Bucket": "inbox", "NotificationConfiguration": config}));
    let e = put(json!({"QueueConfigurations": [{"QueueArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}]}));
    assert_error(&e, "InvalidArgument", "The ARN is not well formed", 400);
    let e = put(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": "thumbs", "Events": ["s3:ObjectCreated:*"]}]}));
    assert_error(&e, "InvalidArgument", "The ARN is not well formed", 400);
    let e = put(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated"]}]}));
    assert_error(&e, "InvalidArgument", "The event is not supported for notifications", 400);
    let e = put(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": "regex", "Value": ".*"}]}}}]}));
    assert_error(&e, "InvalidArgument", "filter rule name must be either prefix or suffix", 400);
    assert_eq!(e.response()["Error"]["ArgumentName"], "FilterRule.Name");
    let e = put(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "a"}, {"Name": "Prefix", "Value": "b"}]}}}]}));
    assert_error(&e, "InvalidArgument", "Cannot specify more than one prefix rule in a filter.", 400);
    let overlap = "Configurations overlap. Configurations on the same bucket cannot share a common event type.";
    let e = put(json!({
        "LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}],
        "QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectCreated:Put"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "x/"}]}}}],
    }));
    assert_error(&e, "InvalidArgument", overlap, 400);
    let e = put(json!({"LambdaFunctionConfigurations": [
        {"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:Put"], "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".jpg"}]}}},
        {"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:Put"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "img/"}]}}},
    ]}));
    assert_error(&e, "InvalidArgument", overlap, 400);
    // Non-overlapping: different prefixes, or different event families.
    h.ok(
        "PutBucketNotificationConfiguration",
        json!({"Bucket": "inbox", "NotificationConfiguration": {
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "a/"}]}}},
                {"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "b/"}]}}},
            ],
            "QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectRemoved:*"]}],
        }}),
    );
}

#[test]
fn put_notifies_with_the_exact_aws_record() {
    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"Id": "thumbs", "LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}]}));
    h.put("inbox", "photo.jpg", "jpegdata");
    let recs = h.records();
    assert_eq!(recs.len(), 1);
    let (arn, rec) = &recs[0];
    assert_eq!(arn, LAMBDA);
    let request_id = rec["responseElements"]["x-amz-request-id"].as_str().unwrap();
    assert!(request_id.len() == 16 && request_id.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
    let id2 = rec["responseElements"]["x-amz-id-2"].as_str().unwrap();
    assert!(!id2.is_empty());
    let sequencer = rec["s3"]["object"]["sequencer"].as_str().unwrap();
    assert!(sequencer.len() == 16 && sequencer.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        rec,
        &json!({
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": "us-east-1",
            "eventTime": "2026-01-15T12:00:00.123Z",
            "eventName": "ObjectCreated:Put",
            "userIdentity": {"principalId": "AWS:AIDAJLABBOOKMOCKUSER1"},
            "requestParameters": {"sourceIPAddress": "127.0.0.1"},
            "responseElements": {"x-amz-request-id": request_id, "x-amz-id-2": id2},
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "thumbs",
                "bucket": {"name": "inbox", "ownerIdentity": {"principalId": "A3LABBOOKOWNER"}, "arn": "arn:aws:s3:::inbox"},
                "object": {"key": "photo.jpg", "size": 8, "eTag": md5_hex(b"jpegdata"), "sequencer": sequencer},
            },
        })
    );
}

#[test]
fn event_filters_and_event_types() {
    let mut h = notify_bucket(json!({
        "LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:Put"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}, {"Name": "suffix", "Value": ".jpg"}]}}}],
        "QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectCreated:Copy"]}],
        "TopicConfigurations": [{"TopicArn": TOPIC, "Events": ["s3:ObjectRemoved:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}]}}}],
    }));
    h.put("inbox", "images/cat.png", "x");
    h.put("inbox", "docs/cat.jpg", "x");
    assert!(h.records().is_empty());
    h.put("inbox", "images/cat.jpg", "x");
    let recs = h.records();
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].0.as_str(), recs[0].1["eventName"].as_str().unwrap()), (LAMBDA, "ObjectCreated:Put"));
    h.ok("CopyObject", json!({"Bucket": "inbox", "Key": "copies/cat.jpg", "CopySource": "inbox/images/cat.jpg"}));
    let recs = h.records();
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].0.as_str(), recs[0].1["eventName"].as_str().unwrap()), (QUEUE, "ObjectCreated:Copy"));
    assert_eq!(recs[0].1["s3"]["object"]["size"], 1);
    h.ok("DeleteObject", json!({"Bucket": "inbox", "Key": "copies/cat.jpg"}));
    assert!(h.records().is_empty(), "outside the topic's prefix");
    h.ok("DeleteObject", json!({"Bucket": "inbox", "Key": "images/cat.jpg"}));
    let recs = h.records();
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].0.as_str(), recs[0].1["eventName"].as_str().unwrap()), (TOPIC, "ObjectRemoved:Delete"));
    let object = recs[0].1["s3"]["object"].as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["key", "sequencer"], "removals carry no size or eTag");
    // Deleting a key that is not there notifies nothing.
    h.ok("DeleteObject", json!({"Bucket": "inbox", "Key": "images/cat.jpg"}));
    assert!(h.records().is_empty());
}

#[test]
fn delete_objects_notifies_each_existing_key() {
    let mut h = notify_bucket(json!({"QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectRemoved:Delete"]}]}));
    h.put("inbox", "a", "1");
    h.put("inbox", "b", "2");
    h.ok("DeleteObjects", json!({"Bucket": "inbox", "Delete": {"Objects": [{"Key": "a"}, {"Key": "ghost"}, {"Key": "b"}]}}));
    let recs = h.records();
    let keys: Vec<_> = recs.iter().map(|(_, r)| r["s3"]["object"]["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["a", "b"]);
    assert!(recs.iter().all(|(_, r)| r["eventName"] == "ObjectRemoved:Delete"));
}

#[test]
fn event_keys_are_url_encoded_like_s3() {
    assert_eq!(url_encode("plain.txt"), "plain.txt");
    assert_eq!(url_encode("my photo.jpg"), "my+photo.jpg");
    assert_eq!(url_encode("a+b.txt"), "a%2Bb.txt");
    assert_eq!(url_encode("this im + age blah.txt"), "this+im+%2B+age+blah.txt");
    assert_eq!(url_encode("dir/sub dir/f.txt"), "dir/sub+dir/f.txt");
    assert_eq!(url_encode("café/日本.txt"), "caf%C3%A9/%E6%97%A5%E6%9C%AC.txt");
    assert_eq!(url_encode("logs/dt=2018-05-04/_SUCCESS"), "logs/dt%3D2018-05-04/_SUCCESS");
    assert_eq!(url_encode("test/10:47:07.log"), "test/10%3A47%3A07.log");
    assert_eq!(url_encode("a%b&c?d#e~f*g(h)"), "a%25b%26c%3Fd%23e%7Ef*g%28h%29");

    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}]}));
    h.put("inbox", "uploads/My File+1 é.txt", "x");
    let recs = h.records();
    assert_eq!(recs[0].1["s3"]["object"]["key"], "uploads/My+File%2B1+%C3%A9.txt");
}

#[test]
fn filter_values_are_url_decoded_before_matching() {
    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "my+folder/"}]}}}]}));
    h.put("inbox", "my folder/a.txt", "x");
    assert_eq!(h.records().len(), 1);
    h.put("inbox", "my+folder/a.txt", "x");
    assert!(h.records().is_empty());
    // The configuration is returned as given.
    let got = h.ok("GetBucketNotificationConfiguration", json!({"Bucket": "inbox"}));
    assert_eq!(got["LambdaFunctionConfigurations"][0]["Filter"]["Key"]["FilterRules"][0]["Value"], "my+folder/");
}

#[test]
fn sequencers_increase() {
    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]}]}));
    let mut last = String::new();
    for i in 0..5 {
        if i == 3 {
            h.now -= 10_000; // even if the clock were to step back
        }
        h.put("inbox", "k", "v");
        h.ok("DeleteObject", json!({"Bucket": "inbox", "Key": "k"}));
        for (_, rec) in h.records() {
            let s = rec["s3"]["object"]["sequencer"].as_str().unwrap().to_owned();
            assert!(s > last, "{s} after {last}");
            last = s;
        }
    }
}

#[test]
fn several_destinations_each_get_a_record() {
    let mut h = notify_bucket(json!({
        "LambdaFunctionConfigurations": [{"Id": "l", "LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".csv"}]}}}],
        "QueueConfigurations": [{"Id": "q", "QueueArn": QUEUE, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".json"}]}}}],
        "TopicConfigurations": [{"Id": "t", "TopicArn": TOPIC, "Events": ["s3:ObjectRemoved:*"]}],
    }));
    h.put("inbox", "x.csv", "1");
    h.put("inbox", "x.json", "1");
    h.ok("DeleteObjects", json!({"Bucket": "inbox", "Delete": {"Objects": [{"Key": "x.csv"}, {"Key": "x.json"}]}}));
    let got: Vec<_> = h.records().into_iter().map(|(arn, r)| (arn, r["s3"]["configurationId"].as_str().unwrap().to_owned())).collect();
    let expect: Vec<(String, String)> = [(LAMBDA, "l"), (QUEUE, "q"), (TOPIC, "t"), (TOPIC, "t")].iter().map(|(a, i)| ((*a).to_owned(), (*i).to_owned())).collect();
    assert_eq!(got, expect);
}

#[test]
fn deleting_a_bucket_forgets_its_configuration() {
    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}]}));
    h.ok("DeleteBucket", json!({"Bucket": "inbox"}));
    h.ok("CreateBucket", json!({"Bucket": "inbox"}));
    h.put("inbox", "k", "v");
    assert!(h.records().is_empty());
}
