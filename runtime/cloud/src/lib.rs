//! The mock cloud: in-memory S3, SQS, DynamoDB and SNS, and the control planes of Lambda, IAM
//! and STS, that answer boto3's calls the way AWS
//! does — same request and response shapes, same error codes and messages (checked against
//! moto and botocore's models) — on a virtual clock, so every run is deterministic.
//!
//! Requests and responses are `serde_json::Value`s in botocore's JSON shape (the keyword
//! arguments a learner passes to a boto3 client, PascalCase keys). Two kinds of values JSON
//! cannot carry are tagged (see [`wire`]): bytes as `{"$bytes": "<base64>"}` and timestamps as
//! `{"$timestamp": <epoch milliseconds>}`. The Python `boto3` shim converts them to `bytes` and
//! `datetime` and back.
//!
//! Services never call each other. What one service causes elsewhere (an S3 upload that
//! notifies a function, an SNS publish delivered to a queue) comes back as an [`Effect`] that
//! [`Cloud`] routes. That keeps each service testable alone and makes every cross-service
//! event visible to the lab runner, which turns effects into Lambda events. Lambda's control
//! plane only reads what it must check (a role in IAM, a queue or stream a mapping polls)
//! through [`lambda::Peers`].

pub mod cloud;
pub mod dynamodb;
pub mod env;
pub mod error;
pub mod iam;
pub mod lambda;
pub mod s3;
pub mod sns;
pub mod sqs;
pub mod sts;
pub mod wire;

pub use cloud::{Call, Cloud};
pub use env::{Effect, Env, Ids};
pub use error::AwsError;
