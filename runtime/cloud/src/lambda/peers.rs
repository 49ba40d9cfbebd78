//! [`Peers`] over the cloud's own IAM, SQS and DynamoDB, as [`crate::Cloud`] passes them.

use super::Peers;
use crate::dynamodb::DynamoDb;
use crate::iam::Iam;
use crate::sqs::Sqs;

/// Read access to the services Lambda consults.
#[derive(Debug, Clone, Copy)]
pub struct CloudPeers<'a> {
    /// IAM (roles).
    pub iam: &'a Iam,
    /// SQS (event source queues).
    pub sqs: &'a Sqs,
    /// DynamoDB (event source streams).
    pub dynamodb: &'a DynamoDb,
    /// Virtual time, for SQS's view.
    pub now_ms: i64,
}

impl Peers for CloudPeers<'_> {
    fn role_trusts_lambda(&self, arn: &str) -> Option<bool> {
        self.iam.role_by_arn(arn).map(|r| r.trusts_service("lambda.amazonaws.com"))
    }

    fn queue_exists(&self, arn: &str) -> bool {
        let Some(name) = arn.rsplit(':').next() else { return false };
        crate::sqs::queue_arn(name) == arn && self.sqs.snapshot(self.now_ms)["queues"].get(name).is_some()
    }

    fn stream_exists(&self, arn: &str) -> bool {
        let table = arn.split_once(":table/").and_then(|(_, rest)| rest.split('/').next());
        table.and_then(|t| self.dynamodb.stream_arn(t)).is_some_and(|s| s == arn)
    }
}
