//! AWS STS: `GetCallerIdentity`, so `aws sts get-caller-identity` and a handler's
//! `boto3.client("sts").get_caller_identity()` say which account the labs run in.
//!
//! The caller is the course's IAM user `learner` in [`ACCOUNT_ID`]; its user id is the one SQS
//! writes as a message's `SenderId`, so the two agree.

use serde_json::{Value, json};

use crate::AwsError;
use crate::env::ACCOUNT_ID;
use crate::error::not_implemented;
use crate::sqs::SENDER_ID;
use crate::wire::Params;

/// The IAM user the learner's credentials belong to.
pub const CALLER_USER: &str = "learner";

/// The mock STS (stateless).
#[derive(Debug, Default)]
pub struct Sts;

impl Sts {
    /// Runs one operation.
    pub fn call(&mut self, op: &str, _p: Params<'_>) -> Result<Value, AwsError> {
        match op {
            "GetCallerIdentity" => Ok(json!({
                "UserId": SENDER_ID,
                "Account": ACCOUNT_ID,
                "Arn": format!("arn:aws:iam::{ACCOUNT_ID}:user/{CALLER_USER}"),
            })),
            _ => Err(not_implemented("sts", op)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caller_identity_is_the_course_account() {
        let v = Sts.call("GetCallerIdentity", Params(&json!({}))).unwrap();
        assert_eq!(v["Account"], "123456789012");
        assert_eq!(v["Arn"], "arn:aws:iam::123456789012:user/learner");
        assert!(v["UserId"].as_str().unwrap().starts_with("AIDA"));
        assert_eq!(Sts.call("AssumeRole", Params(&json!({}))).unwrap_err().code, "NotImplemented");
    }
}
