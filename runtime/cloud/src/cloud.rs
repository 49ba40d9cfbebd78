//! [`Cloud`]: the services together, one entry point for calls, a log of every call,
//! and the routing of cross-service effects (S3 notifications, SNS deliveries).

use serde_json::{Value, json};

use crate::dynamodb::DynamoDb;
use crate::iam::Iam;
use crate::lambda::{CloudPeers, Lambda, PreparedInvoke};
use crate::env::{Effect, Env, Ids};
use crate::s3::S3;
use crate::sns::Sns;
use crate::sqs::Sqs;
use crate::sts::Sts;
use crate::wire::Params;
use crate::AwsError;

/// Who made a call: the learner's handler, or the platform (lab set-up, event source
/// mappings, the grader).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// The learner's code, through boto3.
    Handler,
    /// Lambda, the lab runner or the grader.
    Platform,
}

/// One call, as the lab's "calls made" checks see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// Who called.
    pub caller: Caller,
    /// `s3`, `sqs`, `dynamodb`, `sns`, `lambda`, `iam` or `sts`.
    pub service: String,
    /// PascalCase operation name.
    pub operation: String,
    /// The parameters as passed.
    pub params: Value,
    /// The error code, if the call failed.
    pub error: Option<String>,
}

/// A Lambda invocation some service asked for (S3 → Lambda, SNS → Lambda), with its event.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingInvoke {
    /// The function ARN from the notification or subscription.
    pub function_arn: String,
    /// The complete event (`{"Records": [...]}`).
    pub event: Value,
}

/// The mock cloud.
#[derive(Debug)]
pub struct Cloud {
    /// Amazon S3.
    pub s3: S3,
    /// Amazon SQS.
    pub sqs: Sqs,
    /// Amazon DynamoDB (with Streams).
    pub dynamodb: DynamoDb,
    /// Amazon SNS.
    pub sns: Sns,
    /// AWS Lambda's control plane (invocations run in the lab runtime).
    pub lambda: Lambda,
    /// AWS IAM (roles and policies).
    pub iam: Iam,
    /// AWS STS.
    pub sts: Sts,
    /// Virtual time, epoch milliseconds. Advanced by the lab runner, never by the wall clock.
    pub now_ms: i64,
    /// Deterministic ids.
    pub ids: Ids,
    /// Every call, in order.
    pub calls: Vec<Call>,
    /// Invocations requested by notifications and subscriptions, oldest first.
    pub pending_invokes: Vec<PendingInvoke>,
}

/// 2026-01-15T12:00:00Z: the default start of virtual time.
pub const DEFAULT_EPOCH_MS: i64 = 1_768_478_400_000;

impl Default for Cloud {
    fn default() -> Self {
        Cloud::new(DEFAULT_EPOCH_MS, 1)
    }
}

impl Cloud {
    /// An empty cloud at virtual time `now_ms` with id seed `seed`.
    pub fn new(now_ms: i64, seed: u64) -> Cloud {
        Cloud {
            s3: S3::default(),
            sqs: Sqs::default(),
            dynamodb: DynamoDb::default(),
            sns: Sns::default(),
            lambda: Lambda::default(),
            iam: Iam::default(),
            sts: Sts,
            now_ms,
            ids: Ids::new(seed),
            calls: Vec::new(),
            pending_invokes: Vec::new(),
        }
    }

    /// Calls `operation` (PascalCase) on `service` with botocore-shaped `params`.
    pub fn call(&mut self, caller: Caller, service: &str, operation: &str, params: &Value) -> Result<Value, AwsError> {
        let mut env = Env::new(self.now_ms, &mut self.ids);
        let p = Params(params);
        let result = match service {
            "s3" => self.s3.call(operation, p, &mut env),
            "sqs" => self.sqs.call(operation, p, &mut env),
            "dynamodb" => self.dynamodb.call(operation, p, &mut env),
            "sns" => self.sns.call(operation, p, &mut env),
            "lambda" => {
                let peers = CloudPeers { iam: &self.iam, sqs: &self.sqs, dynamodb: &self.dynamodb, now_ms: self.now_ms };
                self.lambda.call(operation, p, &mut env, &peers)
            }
            "iam" => self.iam.call(operation, p, &mut env),
            "sts" => self.sts.call(operation, p),
            other => Err(AwsError::new(
                "UnknownService",
                format!("labbook's mock cloud has no service `{other}` (it has s3, sqs, dynamodb, sns, lambda, iam, sts)"),
                400,
            )),
        };
        let effects = std::mem::take(&mut env.effects);
        let result = result.map_err(|mut e| {
            if e.operation.is_empty() {
                e.operation = operation.to_owned();
            }
            e
        });
        self.log_call(caller, service, operation, params, result.as_ref().err().map(|e| e.code.clone()));
        self.route(effects);
        result
    }

    /// Records a call the cloud did not answer itself (the lab runtime's `Invoke`) in
    /// [`Cloud::calls`], with its error code if it failed.
    pub fn log_call(&mut self, caller: Caller, service: &str, operation: &str, params: &Value, error: Option<String>) {
        self.calls.push(Call {
            caller,
            service: service.to_owned(),
            operation: operation.to_owned(),
            params: params.clone(),
            error,
        });
    }

    /// Resolves a Lambda `Invoke` request (see [`Lambda::prepare_invoke`]) at the cloud's
    /// virtual time, with its ids. Not logged: the caller logs the invocation with
    /// [`Cloud::log_call`] once it has run.
    pub fn invoke_lambda_prepare(&mut self, params: &Value) -> Result<PreparedInvoke, AwsError> {
        let mut env = Env::new(self.now_ms, &mut self.ids);
        self.lambda.prepare_invoke(Params(params), &mut env).map_err(|mut e| {
            e.operation = "Invoke".to_owned();
            e
        })
    }

    /// Delivers effects to their targets. A delivery to a target that does not exist is
    /// dropped, as AWS drops it (the lab's state view shows nothing arrived).
    fn route(&mut self, effects: Vec<Effect>) {
        let mut queue = effects;
        while !queue.is_empty() {
            let mut next = Vec::new();
            for effect in queue {
                match effect {
                    Effect::S3Notification { target_arn, record } => {
                        let event = json!({"Records": [record]});
                        if target_arn.starts_with("arn:aws:lambda:") {
                            self.pending_invokes.push(PendingInvoke { function_arn: target_arn, event });
                        } else if target_arn.starts_with("arn:aws:sqs:") {
                            let mut env = Env::new(self.now_ms, &mut self.ids);
                            let _ = self.sqs.deliver(&target_arn, &event.to_string(), &Value::Null, &mut env);
                        } else if target_arn.starts_with("arn:aws:sns:") {
                            let params = json!({"TopicArn": target_arn, "Message": event.to_string(), "Subject": "Amazon S3 Notification"});
                            let mut env = Env::new(self.now_ms, &mut self.ids);
                            let _ = self.sns.call("Publish", Params(&params), &mut env);
                            next.extend(env.effects);
                        }
                    }
                    Effect::SnsDelivery { protocol, endpoint, payload, sqs_attributes } => match protocol.as_str() {
                        "sqs" => {
                            let body = payload.as_str().map(str::to_owned).unwrap_or_else(|| payload.to_string());
                            let mut env = Env::new(self.now_ms, &mut self.ids);
                            let _ = self.sqs.deliver(&endpoint, &body, &sqs_attributes, &mut env);
                        }
                        "lambda" => self.pending_invokes.push(PendingInvoke {
                            function_arn: endpoint,
                            event: json!({"Records": [payload]}),
                        }),
                        _ => {}
                    },
                }
            }
            queue = next;
        }
    }

    /// Everything in the cloud, for the lab's before/after view and state checks.
    pub fn snapshot(&self) -> Value {
        json!({
            "s3": self.s3.snapshot(),
            "sqs": self.sqs.snapshot(self.now_ms),
            "dynamodb": self.dynamodb.snapshot(),
            "sns": self.sns.snapshot(),
            "lambda": self.lambda.snapshot(),
            "iam": self.iam.snapshot(),
        })
    }
}
