//! The mock SQS driven through `Sqs::call` as boto3 would, on a virtual clock, split by the
//! jobs of the service's modules.

use super::attributes::{Attrs, parse_message_attributes};
use super::*;
use crate::env::Ids;
use crate::wire;

mod batch;
mod fifo;
mod lambda;
mod messages;
mod queues;
mod redrive;
mod state;

/// 2026-01-15T12:00:00Z.
const T0: i64 = 1_768_478_400_000;

struct Fx {
    sqs: Sqs,
    ids: Ids,
    now: i64,
}

impl Fx {
    fn new() -> Fx {
        Fx { sqs: Sqs::default(), ids: Ids::new(1), now: T0 }
    }

    fn call(&mut self, op: &str, params: Value) -> Result<Value, AwsError> {
        let mut env = Env::new(self.now, &mut self.ids);
        let result = self.sqs.call(op, Params(&params), &mut env);
        assert!(env.effects.is_empty(), "SQS causes no effects");
        result
    }

    fn ok(&mut self, op: &str, params: Value) -> Value {
        self.call(op, params).unwrap_or_else(|e| panic!("{op} failed: {e}"))
    }

    fn err(&mut self, op: &str, params: Value) -> AwsError {
        match self.call(op, params) {
            Ok(v) => panic!("{op} should fail, returned {v}"),
            Err(e) => e,
        }
    }

    fn create(&mut self, name: &str, attributes: Value) -> String {
        let r = self.ok("CreateQueue", json!({"QueueName": name, "Attributes": attributes}));
        r["QueueUrl"].as_str().unwrap().to_owned()
    }

    fn send(&mut self, url: &str, body: &str) -> Value {
        self.ok("SendMessage", json!({"QueueUrl": url, "MessageBody": body}))
    }

    fn send_fifo(&mut self, url: &str, body: &str, group: &str, dedup: &str) -> Value {
        self.ok(
            "SendMessage",
            json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": group, "MessageDeduplicationId": dedup}),
        )
    }

    /// Receives with `extra` parameters; the messages (none when the answer has no `Messages`).
    fn receive(&mut self, url: &str, extra: Value) -> Vec<Value> {
        let mut params = json!({"QueueUrl": url});
        for (k, v) in extra.as_object().unwrap() {
            params[k] = v.clone();
        }
        let r = self.ok("ReceiveMessage", params);
        match r.get("Messages") {
            None => {
                assert_eq!(r, json!({}), "an empty receive has no Messages key");
                Vec::new()
            }
            Some(m) => m.as_array().unwrap().clone(),
        }
    }

    fn bodies(&mut self, url: &str, max: i64) -> Vec<String> {
        self.receive(url, json!({"MaxNumberOfMessages": max}))
            .iter()
            .map(|m| m["Body"].as_str().unwrap().to_owned())
            .collect()
    }

    fn attributes(&mut self, url: &str) -> Value {
        self.ok("GetQueueAttributes", json!({"QueueUrl": url, "AttributeNames": ["All"]}))["Attributes"].clone()
    }

    fn advance(&mut self, seconds: i64) {
        self.now += seconds * 1000;
    }

    fn lambda(&mut self, url: &str, max: usize) -> Vec<Value> {
        let mut env = Env::new(self.now, &mut self.ids);
        self.sqs.receive_for_lambda(url, max, &mut env).unwrap()
    }
}

fn assert_error(e: &AwsError, code: &str, query_code: &str, message: &str) {
    assert_eq!(e.code, code);
    assert_eq!(e.message, message);
    assert_eq!(e.status, 400);
    assert_eq!(e.response()["Error"]["QueryErrorCode"], query_code);
    assert_eq!(e.response()["Error"]["Type"], "Sender");
}

const URL: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/";

/// Queue `jobs` (visibility 10 s) with dead-letter queue `jobs-dlq`: their URLs.
fn with_dlq(fx: &mut Fx, max_receive_count: u32) -> (String, String) {
    let dlq = fx.create("jobs-dlq", json!({}));
    let policy = json!({"deadLetterTargetArn": queue_arn("jobs-dlq"), "maxReceiveCount": max_receive_count.to_string()});
    let url = fx.create("jobs", json!({"RedrivePolicy": policy.to_string(), "VisibilityTimeout": "10"}));
    (url, dlq)
}
