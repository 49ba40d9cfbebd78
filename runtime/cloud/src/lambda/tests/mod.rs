//! The mock Lambda driven through `Lambda::call` as boto3 would, with a fake IAM/SQS/DynamoDB.

use serde_json::{Value, json};

use super::*;
use crate::env::Ids;
use crate::wire;

/// 2026-01-15T12:00:00Z.
const T0: i64 = 1_768_478_400_000;
const ROLE: &str = "arn:aws:iam::123456789012:role/lambda-ex";

/// What the fake peers know.
#[derive(Default)]
struct FakePeers {
    untrusting_role: Option<String>,
    queues: Vec<String>,
    streams: Vec<String>,
}

impl Peers for FakePeers {
    fn role_trusts_lambda(&self, arn: &str) -> Option<bool> {
        if arn == ROLE {
            Some(true)
        } else if self.untrusting_role.as_deref() == Some(arn) {
            Some(false)
        } else {
            None
        }
    }
    fn queue_exists(&self, arn: &str) -> bool {
        self.queues.iter().any(|q| q == arn)
    }
    fn stream_exists(&self, arn: &str) -> bool {
        self.streams.iter().any(|s| s == arn)
    }
}

struct Fx {
    lambda: Lambda,
    ids: Ids,
    now: i64,
    peers: FakePeers,
}

fn handler_zip() -> Vec<u8> {
    make_zip(&[("lambda_function.py", b"def lambda_handler(event, context):\n    return event\n")])
}

impl Fx {
    fn new() -> Fx {
        Fx { lambda: Lambda::default(), ids: Ids::new(1), now: T0, peers: FakePeers::default() }
    }

    fn call(&mut self, op: &str, params: Value) -> Result<Value, AwsError> {
        let mut env = Env::new(self.now, &mut self.ids);
        let result = self.lambda.call(op, Params(&params), &mut env, &self.peers);
        assert!(env.effects.is_empty(), "Lambda's control plane causes no effects");
        result
    }

    fn ok(&mut self, op: &str, params: Value) -> Value {
        self.call(op, params).unwrap_or_else(|e| panic!("{op} failed: {e}"))
    }

    fn err(&mut self, op: &str, params: Value) -> AwsError {
        match self.call(op, params) {
            Ok(v) => panic!("{op} succeeded: {v}"),
            Err(e) => e,
        }
    }

    /// Creates function `name` from `zip` with the default settings and extra `params`.
    fn create(&mut self, name: &str, extra: Value) -> Value {
        let mut params = json!({
            "FunctionName": name,
            "Runtime": "python3.13",
            "Role": ROLE,
            "Handler": "lambda_function.lambda_handler",
            "Code": {"ZipFile": wire::bytes(&handler_zip())},
        });
        for (k, v) in extra.as_object().unwrap() {
            params[k] = v.clone();
        }
        self.ok("CreateFunction", params)
    }

    fn prepare(&mut self, params: Value) -> Result<PreparedInvoke, AwsError> {
        let mut env = Env::new(self.now, &mut self.ids);
        self.lambda.prepare_invoke(Params(&params), &mut env)
    }
}

mod cloud;
mod functions;
mod invoke;
mod layers;
mod settings;
mod versions;
