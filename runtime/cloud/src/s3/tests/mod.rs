//! The mock S3 driven through `S3::call` as boto3 would, split by job; the unimplemented
//! operations and the snapshot are here.

use base64::Engine;
use serde_json::{Value, json};

use super::notify::url_encode;
use super::objects::{Range, parse_range};
use super::*;
use crate::env::{Effect, Ids};

mod buckets;
mod listings;
mod notifications;
mod multipart;
mod objects;
mod tagging;

const T0: i64 = 1_768_478_400_123; // 2026-01-15T12:00:00.123Z

struct H {
    s3: S3,
    ids: Ids,
    now: i64,
    effects: Vec<Effect>,
}

impl H {
    fn new() -> H {
        H { s3: S3::default(), ids: Ids::new(1), now: T0, effects: Vec::new() }
    }

    fn with_bucket(name: &str) -> H {
        let mut h = H::new();
        h.ok("CreateBucket", json!({"Bucket": name}));
        h
    }

    fn call(&mut self, op: &str, params: Value) -> Result<Value, AwsError> {
        let mut env = Env::new(self.now, &mut self.ids);
        let r = self.s3.call(op, Params(&params), &mut env);
        self.effects.extend(env.effects);
        r
    }

    fn ok(&mut self, op: &str, params: Value) -> Value {
        self.call(op, params).unwrap_or_else(|e| panic!("{op} failed: {e}"))
    }

    fn err(&mut self, op: &str, params: Value) -> AwsError {
        self.call(op, params).expect_err("expected an error")
    }

    fn put(&mut self, bucket: &str, key: &str, body: &str) -> Value {
        self.ok("PutObject", json!({"Bucket": bucket, "Key": key, "Body": body}))
    }

    fn records(&mut self) -> Vec<(String, Value)> {
        std::mem::take(&mut self.effects)
            .into_iter()
            .map(|e| match e {
                Effect::S3Notification { target_arn, record } => (target_arn, record),
                other => panic!("unexpected effect {other:?}"),
            })
            .collect()
    }

    fn keys(&mut self, params: Value) -> (Vec<String>, Vec<String>, Value) {
        let r = self.ok("ListObjectsV2", params);
        let keys = r.get("Contents").map_or(vec![], |c| c.as_array().unwrap().iter().map(|o| o["Key"].as_str().unwrap().to_owned()).collect());
        let cps = r.get("CommonPrefixes").map_or(vec![], |c| c.as_array().unwrap().iter().map(|o| o["Prefix"].as_str().unwrap().to_owned()).collect());
        (keys, cps, r)
    }
}

fn assert_error(e: &AwsError, code: &str, message: &str, status: u16) {
    assert_eq!((e.code.as_str(), e.message.as_str(), e.status), (code, message, status), "{e:?}");
}

/// A bucket `inbox` with this notification configuration.
fn notify_bucket(config: Value) -> H {
    let mut h = H::with_bucket("inbox");
    h.ok("PutBucketNotificationConfiguration", json!({"Bucket": "inbox", "NotificationConfiguration": config}));
    h
}

const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:thumbs";
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:uploads";
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:uploads";

#[test]
fn unimplemented_operations_say_so() {
    let mut h = H::new();
    let e = h.err("PutBucketPolicy", json!({"Bucket": "x"}));
    assert_eq!((e.code.as_str(), e.status), ("NotImplemented", 501));
    assert!(e.message.contains("PutBucketPolicy"));
}

#[test]
fn snapshot_shows_buckets_objects_and_configuration() {
    let mut h = notify_bucket(json!({"QueueConfigurations": [{"Id": "q", "QueueArn": QUEUE, "Events": ["s3:ObjectCreated:*"]}]}));
    h.ok("PutObject", json!({"Bucket": "inbox", "Key": "t.txt", "Body": "text", "ContentType": "text/plain"}));
    h.ok("PutObject", json!({"Bucket": "inbox", "Key": "b.bin", "Body": {"$bytes": "/wA="}}));
    let s = h.s3.snapshot();
    let inbox = &s["Buckets"]["inbox"];
    assert_eq!(inbox["Objects"]["t.txt"]["Body"], "text");
    assert_eq!(inbox["Objects"]["t.txt"]["Size"], 4);
    assert_eq!(inbox["Objects"]["t.txt"]["ContentType"], "text/plain");
    assert_eq!(inbox["Objects"]["b.bin"]["Body"], json!({"$bytes": "/wA="}));
    assert_eq!(inbox["NotificationConfiguration"]["QueueConfigurations"][0]["Id"], "q");
    assert_eq!(inbox["CreationDate"], "2026-01-15T12:00:00.000Z");
}
