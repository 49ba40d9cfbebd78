//! Dead-letter queues: the `RedrivePolicy` attribute and `ListDeadLetterSourceQueues`. The
//! move itself happens on receive (see [`Sqs::receive`](super::Sqs)).

use serde_json::{Value, json};

use super::errors::invalid_parameter_value;
use super::queue::Queue;
use super::{Sqs, name_from_arn, queue_arn, queue_url};
use crate::AwsError;
use crate::wire::Params;

impl Queue {
    /// `(deadLetterTargetArn, maxReceiveCount)` of the redrive policy.
    pub(super) fn redrive(&self) -> Option<(String, u32)> {
        let policy: Value = serde_json::from_str(self.attributes.get("RedrivePolicy")?).ok()?;
        let arn = policy.get("deadLetterTargetArn")?.as_str()?.to_owned();
        let max = u32::try_from(policy.get("maxReceiveCount")?.as_u64()?).ok()?;
        Some((arn, max))
    }
}

impl Sqs {
    /// Validates a `RedrivePolicy` JSON string; returns it compact with a numeric count.
    pub(super) fn normalize_redrive_policy(&self, text: &str, fifo: bool) -> Result<String, AwsError> {
        if text.trim().is_empty() {
            return Ok(String::new());
        }
        let invalid = |reason: &str| {
            invalid_parameter_value(format!("Value {text} for parameter RedrivePolicy is invalid. Reason: {reason}"))
        };
        let policy: Value = serde_json::from_str(text).map_err(|_| invalid("Redrive policy is not a valid JSON map."))?;
        let policy = policy.as_object().ok_or_else(|| invalid("Redrive policy is not a valid JSON map."))?;
        if policy.is_empty() {
            return Ok(String::new());
        }
        let arn = policy
            .get("deadLetterTargetArn")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("Redrive policy does not contain mandatory attribute: deadLetterTargetArn."))?;
        let count = policy
            .get("maxReceiveCount")
            .ok_or_else(|| invalid("Redrive policy does not contain mandatory attribute: maxReceiveCount."))?;
        let count_text = count.as_str().map(str::to_owned).unwrap_or_else(|| count.to_string());
        let max = count_text
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=1000).contains(n))
            .ok_or_else(|| {
                invalid(&format!(
                    "Invalid value for maxReceiveCount: {count_text}, valid values are from 1 to 1000 both inclusive."
                ))
            })?;
        let target = name_from_arn(arn)
            .and_then(|n| self.queues.get(n))
            .ok_or_else(|| invalid("Dead letter target does not exist."))?;
        if target.fifo != fifo {
            return Err(invalid("Dead-letter target owner queue type must match the source queue type."));
        }
        Ok(json!({"deadLetterTargetArn": arn, "maxReceiveCount": max}).to_string())
    }

    pub(super) fn list_dead_letter_source_queues(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = queue_arn(&self.resolve(p.str("QueueUrl")?)?);
        let urls: Vec<String> = self
            .queues
            .values()
            .filter(|q| q.redrive().is_some_and(|(target, _)| target == arn))
            .map(|q| queue_url(&q.name))
            .collect();
        Ok(json!({"queueUrls": urls}))
    }
}
