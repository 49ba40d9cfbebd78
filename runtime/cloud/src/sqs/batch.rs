//! The batch operations: SendMessageBatch, DeleteMessageBatch and
//! ChangeMessageVisibilityBatch, which check their entries alike and answer per entry.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::attributes::{attributes_size, parse_message_attributes};
use super::errors::sqs_error;
use super::{MAX_MESSAGE_SIZE, SENDER_ID, Sqs};
use crate::AwsError;
use crate::env::Env;
use crate::wire::Params;

const MAX_BATCH_ENTRIES: usize = 10;

fn batch_failure(id: &str, error: &AwsError) -> Value {
    json!({"Id": id, "SenderFault": true, "Code": error.code, "Message": error.message})
}

/// Checks a batch's entries: at least one, at most 10, valid and distinct ids.
fn check_batch<'a>(entries: Option<&'a Vec<Value>>, kind: &str) -> Result<&'a [Value], AwsError> {
    let entries = entries.map(Vec::as_slice).unwrap_or_default();
    if entries.is_empty() {
        return Err(sqs_error(
            "AWS.SimpleQueueService.EmptyBatchRequest",
            "EmptyBatchRequest",
            format!("There should be at least one {kind}RequestEntry in the request."),
            400,
        ));
    }
    if entries.len() > MAX_BATCH_ENTRIES {
        return Err(sqs_error(
            "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
            "TooManyEntriesInBatchRequest",
            format!("Maximum number of entries per request are 10. You have sent {}.", entries.len()),
            400,
        ));
    }
    let mut seen = BTreeSet::new();
    for entry in entries {
        let id = entry.get("Id").and_then(Value::as_str).unwrap_or_default();
        let valid = !id.is_empty()
            && id.len() <= 80
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            return Err(sqs_error(
                "AWS.SimpleQueueService.InvalidBatchEntryId",
                "InvalidBatchEntryId",
                "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
                400,
            ));
        }
        if !seen.insert(id) {
            return Err(sqs_error(
                "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                "BatchEntryIdsNotDistinct",
                format!("Id {id} repeated."),
                400,
            ));
        }
    }
    Ok(entries)
}

fn entry_id(entry: &Value) -> &str {
    entry.get("Id").and_then(Value::as_str).unwrap_or_default()
}

impl Sqs {
    pub(super) fn send_message_batch(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        let entries = check_batch(p.opt_array("Entries"), "SendMessageBatch")?;
        let total: usize = entries
            .iter()
            .map(|e| {
                let body = e.get("MessageBody").and_then(Value::as_str).map_or(0, str::len);
                body + parse_message_attributes(e.get("MessageAttributes")).map_or(0, |a| attributes_size(&a))
            })
            .sum();
        if total as i64 > MAX_MESSAGE_SIZE {
            return Err(sqs_error(
                "AWS.SimpleQueueService.BatchRequestTooLong",
                "BatchRequestTooLong",
                format!("Batch requests cannot be longer than {MAX_MESSAGE_SIZE} bytes. You have sent {total} bytes."),
                400,
            ));
        }
        let (mut successful, mut failed) = (Vec::new(), Vec::new());
        for entry in entries {
            let id = entry_id(entry);
            match self.send_one(&name, Params(entry), env, SENDER_ID) {
                Ok(sent) => successful.push(sent.to_json(Some(id))),
                Err(e) => failed.push(batch_failure(id, &e)),
            }
        }
        Ok(json!({"Successful": successful, "Failed": failed}))
    }

    pub(super) fn delete_message_batch(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let now = env.now_ms;
        let q = self.queue_mut(p, now)?;
        let entries = check_batch(p.opt_array("Entries"), "DeleteMessageBatch")?;
        let (mut successful, mut failed) = (Vec::new(), Vec::new());
        for entry in entries {
            let id = entry_id(entry);
            let handle = entry.get("ReceiptHandle").and_then(Value::as_str).unwrap_or_default();
            match Sqs::delete_one(q, handle, now) {
                Ok(()) => successful.push(json!({"Id": id})),
                Err(e) => failed.push(batch_failure(id, &e)),
            }
        }
        Ok(json!({"Successful": successful, "Failed": failed}))
    }

    pub(super) fn change_message_visibility_batch(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let now = env.now_ms;
        let q = self.queue_mut(p, now)?;
        let entries = check_batch(p.opt_array("Entries"), "ChangeMessageVisibilityBatch")?;
        let (mut successful, mut failed) = (Vec::new(), Vec::new());
        for entry in entries {
            let id = entry_id(entry);
            let entry_params = Params(entry);
            let handle = entry_params.opt_str("ReceiptHandle").unwrap_or_default();
            match Sqs::change_visibility_one(q, handle, entry_params.opt_i64("VisibilityTimeout"), now) {
                Ok(()) => successful.push(json!({"Id": id})),
                Err(e) => failed.push(batch_failure(id, &e)),
            }
        }
        Ok(json!({"Successful": successful, "Failed": failed}))
    }
}
