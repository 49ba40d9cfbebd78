//! The mock SNS driven through `Sns::call` as boto3 would, split by the jobs of the
//! service's modules.

use base64::Engine as _;
use serde_json::{Value, json};

use super::*;
use super::delivery::DEDUP_WINDOW_MS;
use crate::env::{Effect, Ids};

mod cloud;
mod delivery;
mod filter;
mod publish;
mod subscriptions;
mod topics;

const T0: i64 = 1_768_478_400_123; // 2026-01-15T12:00:00.123Z
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:orders";
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:order-queue";
const FUNCTION: &str = "arn:aws:lambda:us-east-1:123456789012:function:on-order";

struct H {
    sns: Sns,
    ids: Ids,
    now: i64,
    effects: Vec<Effect>,
}

impl H {
    fn new() -> H {
        H { sns: Sns::default(), ids: Ids::new(7), now: T0, effects: Vec::new() }
    }

    /// A cloud with topic `orders`.
    fn with_topic() -> H {
        let mut h = H::new();
        h.ok("CreateTopic", json!({"Name": "orders"}));
        h
    }

    fn call(&mut self, op: &str, params: Value) -> Result<Value, AwsError> {
        let mut env = Env::new(self.now, &mut self.ids);
        let r = self.sns.call(op, Params(&params), &mut env);
        self.effects.extend(env.effects);
        r
    }

    fn ok(&mut self, op: &str, params: Value) -> Value {
        self.call(op, params).unwrap_or_else(|e| panic!("{op} failed: {e}"))
    }

    fn err(&mut self, op: &str, params: Value) -> AwsError {
        self.call(op, params).expect_err("expected an error")
    }

    fn subscribe(&mut self, protocol: &str, endpoint: &str, attributes: Value) -> String {
        let mut p = json!({"TopicArn": TOPIC, "Protocol": protocol, "Endpoint": endpoint});
        if !attributes.is_null() {
            p["Attributes"] = attributes;
        }
        self.ok("Subscribe", p)["SubscriptionArn"].as_str().unwrap().to_owned()
    }

    fn publish(&mut self, params: Value) -> Value {
        let mut p = json!({"TopicArn": TOPIC});
        for (k, v) in params.as_object().unwrap() {
            p[k] = v.clone();
        }
        self.ok("Publish", p)
    }

    /// Deliveries since the last call: (protocol, endpoint, payload, sqs_attributes).
    fn deliveries(&mut self) -> Vec<(String, String, Value, Value)> {
        std::mem::take(&mut self.effects)
            .into_iter()
            .map(|e| match e {
                Effect::SnsDelivery { protocol, endpoint, payload, sqs_attributes } => (protocol, endpoint, payload, sqs_attributes),
                other => panic!("unexpected effect {other:?}"),
            })
            .collect()
    }

    /// Whether a message with these attributes reaches a queue subscribed with `policy`.
    fn passes(policy: Value, attributes: Value) -> bool {
        let mut h = H::with_topic();
        h.subscribe("sqs", QUEUE, json!({"FilterPolicy": policy.to_string()}));
        h.publish(json!({"Message": "m", "MessageAttributes": attributes}));
        !h.deliveries().is_empty()
    }

    fn passes_body(policy: Value, body: Value) -> bool {
        let mut h = H::with_topic();
        h.subscribe("sqs", QUEUE, json!({"FilterPolicy": policy.to_string(), "FilterPolicyScope": "MessageBody"}));
        h.publish(json!({"Message": body.to_string()}));
        !h.deliveries().is_empty()
    }
}

fn assert_error(e: &AwsError, code: &str, message: &str, status: u16) {
    assert_eq!((e.code.as_str(), e.message.as_str(), e.status), (code, message, status), "{e:?}");
}

fn s(v: &str) -> Value {
    json!({"DataType": "String", "StringValue": v})
}

fn n(v: &str) -> Value {
    json!({"DataType": "Number", "StringValue": v})
}

#[test]
fn unimplemented_operations_say_so() {
    let mut h = H::new();
    let e = h.err("ConfirmSubscription", json!({"TopicArn": TOPIC, "Token": "t"}));
    assert_eq!((e.code.as_str(), e.status), ("NotImplemented", 501));
}
