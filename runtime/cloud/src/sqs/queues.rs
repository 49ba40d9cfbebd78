//! Queue management: CreateQueue, GetQueueUrl, ListQueues, DeleteQueue, PurgeQueue, the queue
//! attributes (validated and normalised) and tags.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::errors::{invalid_attribute_name, invalid_attribute_value, invalid_parameter_value, missing_parameter, queue_does_not_exist, sqs_error};
use super::queue::Queue;
use super::{MAX_MESSAGE_SIZE, MAX_VISIBILITY_S, Sqs, queue_url, string_list};
use crate::AwsError;
use crate::env::Env;
use crate::wire::Params;

const RECREATE_WAIT_MS: i64 = 60_000;
const PURGE_INTERVAL_MS: i64 = 60_000;

fn validate_queue_name(name: &str, fifo: bool) -> Result<(), AwsError> {
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if fifo {
        let ok = name.len() <= 80 && name.strip_suffix(".fifo").is_some_and(plain);
        if !ok {
            return Err(invalid_parameter_value(
                "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.",
            ));
        }
    } else if name.len() > 80 || !plain(name) {
        return Err(invalid_parameter_value(
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
        ));
    }
    Ok(())
}

/// Queue attributes `GetQueueAttributes` knows.
const READABLE_ATTRIBUTES: &[&str] = &[
    "All",
    "Policy",
    "VisibilityTimeout",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
    "ApproximateNumberOfMessagesDelayed",
    "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
    "RedrivePolicy",
    "FifoQueue",
    "ContentBasedDeduplication",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "DeduplicationScope",
    "FifoThroughputLimit",
    "RedriveAllowPolicy",
    "SqsManagedSseEnabled",
];

fn attribute_text(name: &str, value: &Value) -> Result<String, AwsError> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(invalid_attribute_value(name)),
    }
}

fn parse_bool_attribute(name: &str, value: &Value) -> Result<bool, AwsError> {
    match attribute_text(name, value)?.to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(invalid_attribute_value(name)),
    }
}

impl Sqs {
    /// Validates and normalises one settable queue attribute ("" = unset).
    pub(super) fn normalize_attribute(&self, name: &str, value: &Value, fifo: bool) -> Result<String, AwsError> {
        let text = attribute_text(name, value)?;
        let range = |lo: i64, hi: i64| match text.trim().parse::<i64>() {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n.to_string()),
            _ => Err(invalid_attribute_value(name)),
        };
        let one_of = |allowed: &[&str]| {
            if allowed.contains(&text.as_str()) { Ok(text.clone()) } else { Err(invalid_attribute_value(name)) }
        };
        match name {
            "DelaySeconds" => range(0, 900),
            "MaximumMessageSize" => range(1024, MAX_MESSAGE_SIZE),
            "MessageRetentionPeriod" => range(60, 1_209_600),
            "ReceiveMessageWaitTimeSeconds" => range(0, 20),
            "VisibilityTimeout" => range(0, MAX_VISIBILITY_S),
            "KmsDataKeyReusePeriodSeconds" => range(60, 86_400),
            "SqsManagedSseEnabled" | "FifoQueue" => parse_bool_attribute(name, value).map(|b| b.to_string()),
            "ContentBasedDeduplication" if fifo => parse_bool_attribute(name, value).map(|b| b.to_string()),
            "DeduplicationScope" if fifo => one_of(&["messageGroup", "queue"]),
            "FifoThroughputLimit" if fifo => one_of(&["perQueue", "perMessageGroupId"]),
            "Policy" | "RedriveAllowPolicy" => {
                if text.is_empty() || serde_json::from_str::<Value>(&text).is_ok_and(|v| v.is_object()) {
                    Ok(text)
                } else {
                    Err(invalid_attribute_value(name))
                }
            }
            "KmsMasterKeyId" => Ok(text),
            "RedrivePolicy" => self.normalize_redrive_policy(&text, fifo),
            _ => Err(invalid_attribute_name(name)),
        }
    }

    pub(super) fn create_queue(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = p.str("QueueName")?;
        let requested = p.opt_object("Attributes");
        let fifo = match requested.and_then(|a| a.get("FifoQueue")) {
            Some(v) => parse_bool_attribute("FifoQueue", v)?,
            None => false,
        };
        validate_queue_name(name, fifo)?;
        let mut attributes = BTreeMap::new();
        for (key, value) in requested.into_iter().flatten() {
            attributes.insert(key.clone(), self.normalize_attribute(key, value, fifo)?);
        }
        if let Some(existing) = self.queues.get(name) {
            for (key, value) in &attributes {
                if existing.attribute(key).unwrap_or_default() != *value {
                    return Err(sqs_error(
                        "QueueAlreadyExists",
                        "QueueNameExists",
                        format!("A queue already exists with the same name and a different value for attribute {key}"),
                        400,
                    ));
                }
            }
            return Ok(json!({"QueueUrl": queue_url(name)}));
        }
        if self.deleted_at.get(name).is_some_and(|t| env.now_ms < t + RECREATE_WAIT_MS) {
            return Err(sqs_error(
                "AWS.SimpleQueueService.QueueDeletedRecently",
                "QueueDeletedRecently",
                "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
                400,
            ));
        }
        let mut queue = Queue::new(name, fifo, env.now_ms);
        for (key, value) in attributes {
            if key == "FifoQueue" {
                continue;
            }
            if value.is_empty() {
                queue.attributes.remove(&key);
            } else {
                queue.attributes.insert(key, value);
            }
        }
        if let Some(tags) = p.opt_object("tags") {
            queue.tags = tags.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned()))).collect();
        }
        self.queues.insert(name.to_owned(), queue);
        Ok(json!({"QueueUrl": queue_url(name)}))
    }

    pub(super) fn get_queue_url(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("QueueName")?;
        if self.queues.contains_key(name) {
            Ok(json!({"QueueUrl": queue_url(name)}))
        } else {
            Err(queue_does_not_exist())
        }
    }

    pub(super) fn list_queues(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let prefix = p.opt_str("QueueNamePrefix").unwrap_or_default();
        let max = p.opt_i64("MaxResults");
        if let Some(m) = max
            && !(1..=1000).contains(&m)
        {
            return Err(invalid_parameter_value(format!(
                "Value {m} for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000."
            )));
        }
        let after = match p.opt_str("NextToken") {
            Some(token) => Some(
                STANDARD
                    .decode(token)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .ok_or_else(|| invalid_parameter_value("Invalid NextToken value."))?,
            ),
            None => None,
        };
        let names: Vec<&String> = self
            .queues
            .keys()
            .filter(|n| n.starts_with(prefix) && after.as_ref().is_none_or(|a| *n > a))
            .collect();
        let limit = max.map_or(1000, |m| m as usize);
        let page = &names[..names.len().min(limit)];
        let mut out = json!({});
        if !page.is_empty() {
            out["QueueUrls"] = json!(page.iter().map(|n| queue_url(n)).collect::<Vec<_>>());
        }
        if max.is_some()
            && names.len() > page.len()
            && let Some(last) = page.last()
        {
            out["NextToken"] = json!(STANDARD.encode(last.as_bytes()));
        }
        Ok(out)
    }

    pub(super) fn delete_queue(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        self.queues.remove(&name);
        self.deleted_at.insert(name, env.now_ms);
        Ok(json!({}))
    }

    pub(super) fn purge_queue(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let now = env.now_ms;
        let q = self.queue_mut(p, now)?;
        if q.last_purge_ms.is_some_and(|t| now < t + PURGE_INTERVAL_MS) {
            return Err(sqs_error(
                "AWS.SimpleQueueService.PurgeQueueInProgress",
                "PurgeQueueInProgress",
                format!("Only one PurgeQueue operation on {} is allowed every 60 seconds.", q.name),
                403,
            ));
        }
        q.messages.clear();
        q.last_purge_ms = Some(now);
        Ok(json!({}))
    }

    pub(super) fn get_queue_attributes(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let now = env.now_ms;
        let names = string_list(p, "AttributeNames");
        let q = self.queue_mut(p, now)?;
        if let Some(bad) = names.iter().find(|n| !READABLE_ATTRIBUTES.contains(n)) {
            return Err(invalid_attribute_name(bad));
        }
        let all = q.all_attributes(now);
        let selected: BTreeMap<String, String> = if names.contains(&"All") {
            all
        } else {
            all.into_iter().filter(|(k, _)| names.contains(&k.as_str())).collect()
        };
        if selected.is_empty() { Ok(json!({})) } else { Ok(json!({"Attributes": selected})) }
    }

    pub(super) fn set_queue_attributes(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        let fifo = self.queues[&name].fifo;
        let mut updates = Vec::new();
        for (key, value) in p.opt_object("Attributes").into_iter().flatten() {
            if key == "FifoQueue" {
                if parse_bool_attribute(key, value)? != fifo {
                    return Err(sqs_error(
                        "InvalidAttributeValue",
                        "InvalidAttributeValue",
                        "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.",
                        400,
                    ));
                }
                continue;
            }
            updates.push((key.clone(), self.normalize_attribute(key, value, fifo)?));
        }
        let q = self.queues.get_mut(&name).ok_or_else(queue_does_not_exist)?;
        for (key, value) in updates {
            if value.is_empty() {
                q.attributes.remove(&key);
            } else {
                q.attributes.insert(key, value);
            }
        }
        q.modified_ms = env.now_ms;
        Ok(json!({}))
    }

    pub(super) fn tag_queue(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        let tags = p.opt_object("Tags").filter(|t| !t.is_empty()).ok_or_else(|| missing_parameter("Tags"))?;
        let q = self.queues.get_mut(&name).ok_or_else(queue_does_not_exist)?;
        let mut merged = q.tags.clone();
        for (k, v) in tags {
            merged.insert(k.clone(), v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()));
        }
        if merged.len() > 50 {
            return Err(invalid_parameter_value(format!("Too many tags added for queue {name}.")));
        }
        q.tags = merged;
        Ok(json!({}))
    }

    pub(super) fn untag_queue(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        let keys = string_list(p, "TagKeys");
        if keys.is_empty() {
            return Err(invalid_parameter_value("Tag keys must be between 1 and 128 characters in length."));
        }
        let q = self.queues.get_mut(&name).ok_or_else(queue_does_not_exist)?;
        for k in keys {
            q.tags.remove(k);
        }
        Ok(json!({}))
    }

    pub(super) fn list_queue_tags(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let q = &self.queues[&self.resolve(p.str("QueueUrl")?)?];
        if q.tags.is_empty() { Ok(json!({})) } else { Ok(json!({"Tags": q.tags})) }
    }
}
