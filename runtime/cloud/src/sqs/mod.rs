//! Amazon SQS: standard and FIFO queues on the virtual clock, answering boto3 as AWS does.
//!
//! What a learner sees is what botocore shows for the real service (JSON protocol, SQS being
//! "query compatible"): an error's `Code` is the legacy query code
//! (`AWS.SimpleQueueService.NonExistentQueue`), `QueryErrorCode` is the modelled shape name that
//! botocore uses to choose the exception class (`QueueDoesNotExist`), and `Type` is `Sender`.
//!
//! Semantics follow AWS where it and moto differ, and moto 5.2 elsewhere:
//! - a message is hidden for the visibility timeout after each receive, every receive gives a
//!   new receipt handle, and any well-formed handle of this queue deletes its message (a handle
//!   of a message already gone is accepted silently); on FIFO queues a handle expires with its
//!   visibility timeout;
//! - with a redrive policy, a message whose receive count has reached `maxReceiveCount` moves
//!   to the dead-letter queue on the next receive attempt instead of being returned (so with
//!   `maxReceiveCount=2` the third receive finds it in the DLQ);
//! - FIFO queues keep order per message group, hold back a group while one of its messages is
//!   in flight, and drop duplicates (same deduplication id, or SHA-256 of the body with
//!   content-based deduplication) for 5 minutes, answering with the first message's id;
//! - messages older than `MessageRetentionPeriod` disappear; empty bodies are refused
//!   (`MissingParameter`), as AWS does and moto does not.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use crate::AwsError;
use crate::env::{ACCOUNT_ID, Env, Ids, REGION};
use crate::error::not_implemented;
use crate::wire::{self, Params};

mod hash;
#[cfg(test)]
mod tests;

/// `SenderId` of messages sent through the API (the IAM user id of AWS's Lambda samples).
pub const SENDER_ID: &str = "AIDAIENQZJOLO23YVJ4VO";
/// `SenderId` of messages another service delivers (SNS's id in us-east-1, as seen on real
/// SNS-to-SQS deliveries; moto uses it too).
pub const SERVICE_SENDER_ID: &str = "AIDAIT2UOQQY3AUEKVGXU";

const MAX_BATCH_ENTRIES: usize = 10;
const MAX_MESSAGE_SIZE: i64 = 1_048_576;
const MAX_VISIBILITY_S: i64 = 43_200;
const DEDUP_WINDOW_MS: i64 = 300_000;
const RECREATE_WAIT_MS: i64 = 60_000;
const PURGE_INTERVAL_MS: i64 = 60_000;
const FIRST_SEQUENCE_NUMBER: u128 = 18_849_496_460_467_696_128;

// ---------------------------------------------------------------------------------------------
// Errors

/// Error shapes botocore's SQS model has, each with a `message` member.
const MODELLED_ERRORS: &[&str] = &[
    "BatchEntryIdsNotDistinct",
    "BatchRequestTooLong",
    "EmptyBatchRequest",
    "InvalidAddress",
    "InvalidAttributeName",
    "InvalidAttributeValue",
    "InvalidBatchEntryId",
    "InvalidMessageContents",
    "InvalidSecurity",
    "OverLimit",
    "PurgeQueueInProgress",
    "QueueDeletedRecently",
    "QueueDoesNotExist",
    "QueueNameExists",
    "ReceiptHandleIsInvalid",
    "RequestThrottled",
    "ResourceNotFoundException",
    "TooManyEntriesInBatchRequest",
    "UnsupportedOperation",
];

/// An SQS error as botocore parses it: legacy code, modelled `QueryErrorCode`, `Type: Sender`.
///
/// When the code is the modelled shape's own name, botocore also parses the body's `message`
/// member into the response (`e.response["message"]`), as moto 5.2.5 shows.
fn sqs_error(code: &str, query_code: &str, message: impl Into<String>, status: u16) -> AwsError {
    let message = message.into();
    let mut e = AwsError::new(code, message.clone(), status).with_error_fields(json!({"QueryErrorCode": query_code, "Type": "Sender"}));
    if code == query_code && MODELLED_ERRORS.contains(&query_code) {
        e.extra["Response"] = json!({"message": message});
    }
    e
}

fn queue_does_not_exist() -> AwsError {
    sqs_error("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", "The specified queue does not exist.", 400)
}

fn invalid_parameter_value(message: impl Into<String>) -> AwsError {
    sqs_error("InvalidParameterValue", "InvalidParameterValue", message, 400)
}

fn missing_parameter(name: &str) -> AwsError {
    sqs_error(
        "MissingParameter",
        "MissingRequiredParameterException",
        format!("The request must contain the parameter {name}."),
        400,
    )
}

fn invalid_attribute_name(name: &str) -> AwsError {
    sqs_error("InvalidAttributeName", "InvalidAttributeName", format!("Unknown Attribute {name}."), 400)
}

fn invalid_attribute_value(name: &str) -> AwsError {
    sqs_error("InvalidAttributeValue", "InvalidAttributeValue", format!("Invalid value for the parameter {name}."), 400)
}

fn receipt_handle_invalid(handle: &str) -> AwsError {
    sqs_error(
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        format!("The input receipt handle \"{handle}\" is not a valid receipt handle."),
        400,
    )
}

fn receipt_handle_other_queue(handle: &str) -> AwsError {
    sqs_error(
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        format!("The receipt handle \"{handle}\" is not valid for this queue."),
        400,
    )
}

fn receipt_handle_expired(handle: &str) -> AwsError {
    invalid_parameter_value(format!(
        "Value {handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."
    ))
}

// ---------------------------------------------------------------------------------------------
// Names, URLs, ARNs

/// The queue URL boto3 gets back (the JSON protocol's regional form).
pub fn queue_url(name: &str) -> String {
    format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT_ID}/{name}")
}

/// The queue ARN.
pub fn queue_arn(name: &str) -> String {
    format!("arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{name}")
}

/// The queue name in a queue URL, regional or legacy (`https://queue.amazonaws.com/...`) form.
fn name_from_url(url: &str) -> Option<&str> {
    let regional = format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT_ID}/");
    let legacy = format!("https://queue.amazonaws.com/{ACCOUNT_ID}/");
    let name = url.strip_prefix(regional.as_str()).or_else(|| url.strip_prefix(legacy.as_str()))?;
    (!name.is_empty() && !name.contains('/')).then_some(name)
}

fn name_from_arn(arn: &str) -> Option<&str> {
    let prefix = format!("arn:aws:sqs:{REGION}:{ACCOUNT_ID}:");
    arn.strip_prefix(prefix.as_str()).filter(|n| !n.is_empty())
}

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

// ---------------------------------------------------------------------------------------------
// Message attributes

/// A message attribute value.
#[derive(Debug, Clone, PartialEq)]
enum AttrValue {
    Str(String),
    Bin(Vec<u8>),
}

/// A message attribute: its data type (`String`, `Number.int`, `Binary`...) and value.
#[derive(Debug, Clone, PartialEq)]
struct Attr {
    data_type: String,
    value: AttrValue,
}

/// Message attributes by name (sorted, as the MD5 needs them).
type Attrs = BTreeMap<String, Attr>;

fn validate_attribute_name(name: &str) -> Result<(), AwsError> {
    if name.is_empty() {
        return Err(invalid_parameter_value("The request must contain non-empty message attribute name."));
    }
    let lower = name.to_ascii_lowercase();
    let ok = name.len() <= 256
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !name.starts_with('.')
        && !name.ends_with('.')
        && !name.contains("..")
        && !lower.starts_with("aws.")
        && !lower.starts_with("amazon.");
    if ok {
        Ok(())
    } else {
        Err(invalid_parameter_value(format!(
            "The message attribute name '{name}' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters."
        )))
    }
}

/// Reads `MessageAttributes` (`{name: {DataType, StringValue | BinaryValue}}`).
fn parse_message_attributes(value: Option<&Value>) -> Result<Attrs, AwsError> {
    let Some(map) = value.and_then(Value::as_object) else {
        return Ok(Attrs::new());
    };
    if map.len() > 10 {
        return Err(invalid_parameter_value(format!(
            "Number of message attributes [{}] exceeds the allowed maximum [10].",
            map.len()
        )));
    }
    let mut attrs = Attrs::new();
    for (name, spec) in map {
        validate_attribute_name(name)?;
        let data_type = spec.get("DataType").and_then(Value::as_str).unwrap_or_default();
        if data_type.is_empty() {
            return Err(invalid_parameter_value(format!(
                "The message attribute '{name}' must contain non-empty message attribute type."
            )));
        }
        let empty = || {
            invalid_parameter_value(format!(
                "Message (user) attribute '{name}' must contain a non-empty value of type '{data_type}'."
            ))
        };
        let value = match data_type.split('.').next().unwrap_or_default() {
            "String" | "Number" => {
                let s = spec.get("StringValue").and_then(Value::as_str).filter(|s| !s.is_empty()).ok_or_else(empty)?;
                if data_type.starts_with("Number") && !s.trim().parse::<f64>().is_ok_and(f64::is_finite) {
                    return Err(invalid_parameter_value(format!(
                        "Can't cast the value of message (user) attribute '{name}' to a number."
                    )));
                }
                AttrValue::Str(s.to_owned())
            }
            "Binary" => {
                let b = spec.get("BinaryValue").and_then(wire::as_bytes).filter(|b| !b.is_empty()).ok_or_else(empty)?;
                AttrValue::Bin(b)
            }
            _ => {
                return Err(invalid_parameter_value(format!(
                    "The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."
                )));
            }
        };
        attrs.insert(name.clone(), Attr { data_type: data_type.to_owned(), value });
    }
    Ok(attrs)
}

/// Reads `MessageSystemAttributes` (only `AWSTraceHeader`, a String, exists).
fn parse_system_attributes(value: Option<&Value>) -> Result<Attrs, AwsError> {
    let attrs = parse_message_attributes(value)?;
    for (name, attr) in &attrs {
        if name != "AWSTraceHeader" {
            return Err(invalid_parameter_value(format!("Message system attribute name '{name}' is invalid.")));
        }
        if attr.data_type != "String" {
            return Err(invalid_parameter_value(format!(
                "Message system attribute '{name}' must be of type 'String'."
            )));
        }
    }
    Ok(attrs)
}

fn attributes_size(attrs: &Attrs) -> usize {
    attrs
        .iter()
        .map(|(name, a)| {
            name.len()
                + a.data_type.len()
                + match &a.value {
                    AttrValue::Str(s) => s.len(),
                    AttrValue::Bin(b) => b.len(),
                }
        })
        .sum()
}

/// Attributes as boto3 shows them (`{"DataType", "StringValue" | "BinaryValue"}`).
fn attributes_json(attrs: &Attrs) -> Value {
    let map: Map<String, Value> = attrs
        .iter()
        .map(|(name, a)| {
            let v = match &a.value {
                AttrValue::Str(s) => json!({"DataType": a.data_type, "StringValue": s}),
                AttrValue::Bin(b) => json!({"DataType": a.data_type, "BinaryValue": wire::bytes(b)}),
            };
            (name.clone(), v)
        })
        .collect();
    Value::Object(map)
}

/// Attributes as a Lambda SQS event carries them (camelCase, binary as base64 text).
fn attributes_lambda_json(attrs: &Attrs) -> Value {
    let map: Map<String, Value> = attrs
        .iter()
        .map(|(name, a)| {
            let mut v = json!({"stringListValues": [], "binaryListValues": [], "dataType": a.data_type});
            match &a.value {
                AttrValue::Str(s) => v["stringValue"] = json!(s),
                AttrValue::Bin(b) => v["binaryValue"] = json!(STANDARD.encode(b)),
            }
            (name.clone(), v)
        })
        .collect();
    Value::Object(map)
}

/// The attributes a `MessageAttributeNames` list selects: `All`, `.*`, `prefix.*` or names.
fn select_attributes(attrs: &Attrs, names: &[&str]) -> Attrs {
    if names.iter().any(|n| *n == "All" || *n == ".*") {
        return attrs.clone();
    }
    attrs
        .iter()
        .filter(|(key, _)| {
            names.iter().any(|n| match n.strip_suffix('*') {
                Some(prefix) if prefix.ends_with('.') => key.starts_with(prefix),
                _ => key.as_str() == *n,
            })
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Characters AWS accepts in a body: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000+.
fn check_body_characters(body: &str) -> Result<(), AwsError> {
    let bad = body.chars().find(|&c| {
        let c = c as u32;
        !(c == 0x9 || c == 0xA || c == 0xD || (0x20..=0xD7FF).contains(&c) || (0xE000..=0xFFFD).contains(&c) || c >= 0x10000)
    });
    match bad {
        None => Ok(()),
        Some(c) => Err(sqs_error(
            "InvalidMessageContents",
            "InvalidMessageContents",
            format!(
                "Invalid binary character '#x{:X}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF",
                c as u32
            ),
            400,
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Messages and queues

#[derive(Debug, Clone)]
struct Message {
    id: String,
    body: String,
    attributes: Attrs,
    system_attributes: Attrs,
    sender_id: String,
    sent_ms: i64,
    /// Receivable from this time on (end of the delay, then of each visibility timeout).
    available_ms: i64,
    receive_count: u32,
    first_receive_ms: Option<i64>,
    receipt_handle: Option<String>,
    group_id: Option<String>,
    dedup_id: Option<String>,
    sequence_number: Option<String>,
    dlq_source_arn: Option<String>,
}

impl Message {
    fn available(&self, now: i64) -> bool {
        now >= self.available_ms
    }

    fn in_flight(&self, now: i64) -> bool {
        self.receive_count > 0 && !self.available(now)
    }

    fn delayed(&self, now: i64) -> bool {
        self.receive_count == 0 && !self.available(now)
    }

    /// The system attributes a receive with `All` returns, as strings.
    fn system_attributes(&self) -> BTreeMap<&'static str, String> {
        let mut a = BTreeMap::new();
        a.insert("SenderId", self.sender_id.clone());
        a.insert("SentTimestamp", self.sent_ms.to_string());
        a.insert("ApproximateReceiveCount", self.receive_count.to_string());
        a.insert("ApproximateFirstReceiveTimestamp", self.first_receive_ms.unwrap_or(self.sent_ms).to_string());
        if let Some(Attr { value: AttrValue::Str(trace), .. }) = self.system_attributes.get("AWSTraceHeader") {
            a.insert("AWSTraceHeader", trace.clone());
        }
        for (name, value) in [
            ("MessageGroupId", &self.group_id),
            ("MessageDeduplicationId", &self.dedup_id),
            ("SequenceNumber", &self.sequence_number),
            ("DeadLetterQueueSourceArn", &self.dlq_source_arn),
        ] {
            if let Some(v) = value {
                a.insert(name, v.clone());
            }
        }
        a
    }
}

/// A remembered FIFO deduplication id (kept 5 minutes, even after the message is deleted).
#[derive(Debug, Clone)]
struct DedupEntry {
    key: String,
    at_ms: i64,
    message_id: String,
    sequence_number: Option<String>,
}

#[derive(Debug)]
struct Queue {
    name: String,
    fifo: bool,
    /// Settable attributes, normalised strings (absent = unset).
    attributes: BTreeMap<String, String>,
    created_ms: i64,
    modified_ms: i64,
    messages: Vec<Message>,
    tags: BTreeMap<String, String>,
    dedup: Vec<DedupEntry>,
    sequence: u64,
    last_purge_ms: Option<i64>,
}

impl Queue {
    fn new(name: &str, fifo: bool, now: i64) -> Queue {
        let mut attributes: BTreeMap<String, String> = [
            ("DelaySeconds", "0"),
            ("MaximumMessageSize", "1048576"),
            ("MessageRetentionPeriod", "345600"),
            ("ReceiveMessageWaitTimeSeconds", "0"),
            ("VisibilityTimeout", "30"),
            ("SqsManagedSseEnabled", "true"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        if fifo {
            for (k, v) in [
                ("ContentBasedDeduplication", "false"),
                ("DeduplicationScope", "queue"),
                ("FifoThroughputLimit", "perQueue"),
            ] {
                attributes.insert(k.to_owned(), v.to_owned());
            }
        }
        Queue {
            name: name.to_owned(),
            fifo,
            attributes,
            created_ms: now,
            modified_ms: now,
            messages: Vec::new(),
            tags: BTreeMap::new(),
            dedup: Vec::new(),
            sequence: 0,
            last_purge_ms: None,
        }
    }

    fn arn(&self) -> String {
        queue_arn(&self.name)
    }

    /// The current value of a settable attribute, as `GetQueueAttributes` would give it.
    fn attribute(&self, name: &str) -> Option<String> {
        if name == "FifoQueue" {
            return Some(self.fifo.to_string());
        }
        self.attributes.get(name).cloned()
    }

    fn number(&self, name: &str) -> i64 {
        self.attributes.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    /// `(deadLetterTargetArn, maxReceiveCount)` of the redrive policy.
    fn redrive(&self) -> Option<(String, u32)> {
        let policy: Value = serde_json::from_str(self.attributes.get("RedrivePolicy")?).ok()?;
        let arn = policy.get("deadLetterTargetArn")?.as_str()?.to_owned();
        let max = u32::try_from(policy.get("maxReceiveCount")?.as_u64()?).ok()?;
        Some((arn, max))
    }

    fn expired(&self, m: &Message, now: i64) -> bool {
        m.sent_ms + self.number("MessageRetentionPeriod") * 1000 <= now
    }

    /// Drops messages past the retention period.
    fn expire(&mut self, now: i64) {
        let retention_ms = self.number("MessageRetentionPeriod") * 1000;
        self.messages.retain(|m| m.sent_ms + retention_ms > now);
    }

    fn live(&self, now: i64) -> impl Iterator<Item = &Message> {
        self.messages.iter().filter(move |m| !self.expired(m, now))
    }

    /// Everything `GetQueueAttributes` with `All` returns, at `now`.
    fn all_attributes(&self, now: i64) -> BTreeMap<String, String> {
        let mut a = self.attributes.clone();
        let count = |f: &dyn Fn(&Message) -> bool| self.live(now).filter(|m| f(m)).count().to_string();
        a.insert("ApproximateNumberOfMessages".into(), count(&|m| m.available(now)));
        a.insert("ApproximateNumberOfMessagesNotVisible".into(), count(&|m| m.in_flight(now)));
        a.insert("ApproximateNumberOfMessagesDelayed".into(), count(&|m| m.delayed(now)));
        a.insert("CreatedTimestamp".into(), self.created_ms.div_euclid(1000).to_string());
        a.insert("LastModifiedTimestamp".into(), self.modified_ms.div_euclid(1000).to_string());
        a.insert("QueueArn".into(), self.arn());
        if self.fifo {
            a.insert("FifoQueue".into(), "true".into());
        }
        if a.contains_key("KmsMasterKeyId") {
            a.entry("KmsDataKeyReusePeriodSeconds".into()).or_insert_with(|| "300".into());
            a.insert("SqsManagedSseEnabled".into(), "false".into());
        }
        a
    }

    fn next_sequence_number(&mut self) -> String {
        self.sequence += 1;
        (FIRST_SEQUENCE_NUMBER + u128::from(self.sequence) * 65_536).to_string()
    }
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

/// The outcome of one accepted `SendMessage` (or batch entry).
struct Sent {
    message_id: String,
    md5_body: String,
    md5_attributes: Option<String>,
    md5_system_attributes: Option<String>,
    sequence_number: Option<String>,
}

impl Sent {
    fn to_json(&self, id: Option<&str>) -> Value {
        let mut v = json!({"MessageId": self.message_id, "MD5OfMessageBody": self.md5_body});
        if let Some(id) = id {
            v["Id"] = json!(id);
        }
        if let Some(md5) = &self.md5_attributes {
            v["MD5OfMessageAttributes"] = json!(md5);
        }
        if let Some(md5) = &self.md5_system_attributes {
            v["MD5OfMessageSystemAttributes"] = json!(md5);
        }
        if let Some(seq) = &self.sequence_number {
            v["SequenceNumber"] = json!(seq);
        }
        v
    }
}

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

fn string_list<'a>(p: Params<'a>, name: &str) -> Vec<&'a str> {
    p.opt_array(name).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// A receipt handle: `AQEB` and base64 of the queue name, message id, receive number and noise.
fn make_handle(queue: &str, message_id: &str, receive: u32, ids: &mut Ids) -> String {
    let payload = format!("{queue}\0{message_id}\0{receive}\0{}", ids.hex(48));
    format!("AQEB{}", STANDARD.encode(payload))
}

/// `(queue name, message id, receive number)` of a handle this mock issued.
fn parse_handle(handle: &str) -> Option<(String, String, u32)> {
    let raw = STANDARD.decode(handle.strip_prefix("AQEB")?).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let mut parts = text.split('\0');
    let (queue, id, receive, _noise) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    Some((queue.to_owned(), id.to_owned(), receive.parse().ok()?))
}

// ---------------------------------------------------------------------------------------------
// The service

/// The mock SQS.
#[derive(Debug, Default)]
pub struct Sqs {
    queues: BTreeMap<String, Queue>,
    /// When each deleted queue name was deleted (a name can be reused only 60 s later).
    deleted_at: BTreeMap<String, i64>,
}

impl Sqs {
    /// Runs one operation.
    pub fn call(&mut self, op: &str, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        match op {
            "CreateQueue" => self.create_queue(p, env),
            "GetQueueUrl" => self.get_queue_url(p),
            "ListQueues" => self.list_queues(p),
            "DeleteQueue" => self.delete_queue(p, env),
            "PurgeQueue" => self.purge_queue(p, env),
            "GetQueueAttributes" => self.get_queue_attributes(p, env),
            "SetQueueAttributes" => self.set_queue_attributes(p, env),
            "SendMessage" => self.send_message(p, env),
            "SendMessageBatch" => self.send_message_batch(p, env),
            "ReceiveMessage" => self.receive_message(p, env),
            "DeleteMessage" => self.delete_message(p, env),
            "DeleteMessageBatch" => self.delete_message_batch(p, env),
            "ChangeMessageVisibility" => self.change_message_visibility(p, env),
            "ChangeMessageVisibilityBatch" => self.change_message_visibility_batch(p, env),
            "TagQueue" => self.tag_queue(p),
            "UntagQueue" => self.untag_queue(p),
            "ListQueueTags" => self.list_queue_tags(p),
            "ListDeadLetterSourceQueues" => self.list_dead_letter_source_queues(p),
            _ => Err(not_implemented("sqs", op)),
        }
    }

    /// Puts a message on the queue with ARN `queue_arn` on behalf of another service (SNS,
    /// S3 notifications). `attributes` are SQS-shaped message attributes or null.
    pub fn deliver(&mut self, queue_arn: &str, body: &str, attributes: &Value, env: &mut Env<'_>) -> Result<(), AwsError> {
        let name = name_from_arn(queue_arn)
            .filter(|n| self.queues.contains_key(*n))
            .ok_or_else(queue_does_not_exist)?
            .to_owned();
        // A FIFO topic's delivery carries its group and deduplication ids under `$fifo`.
        let mut attributes = attributes.clone();
        let fifo = attributes.as_object_mut().and_then(|m| m.remove("$fifo"));
        if attributes.as_object().is_some_and(|m| m.is_empty()) {
            attributes = Value::Null;
        }
        let mut params = json!({"MessageBody": body, "MessageAttributes": attributes});
        if let Some(ids) = fifo {
            params["MessageGroupId"] = ids["MessageGroupId"].clone();
            params["MessageDeduplicationId"] = ids["MessageDeduplicationId"].clone();
        }
        self.send_one(&name, Params(&params), env, SERVICE_SENDER_ID).map(|_| ())
    }

    /// The whole state at virtual time `now_ms`, for display and grading:
    /// `{"queues": {name: {"QueueUrl", "QueueArn", "Attributes", "Messages": [...]}}}`.
    pub fn snapshot(&self, now_ms: i64) -> Value {
        let queues: Map<String, Value> = self
            .queues
            .values()
            .map(|q| {
                let messages: Vec<Value> = q
                    .live(now_ms)
                    .map(|m| {
                        json!({
                            "MessageId": m.id,
                            "Body": m.body,
                            "MessageAttributes": attributes_json(&m.attributes),
                            "ReceiveCount": m.receive_count,
                            "Visible": m.available(now_ms),
                            "SentTimestamp": m.sent_ms,
                        })
                    })
                    .collect();
                let view = json!({
                    "QueueUrl": queue_url(&q.name),
                    "QueueArn": q.arn(),
                    "Attributes": q.all_attributes(now_ms),
                    "Messages": messages,
                });
                (q.name.clone(), view)
            })
            .collect();
        json!({ "queues": queues })
    }

    /// For the Lambda event source mapping: receives up to `max` messages as `ReceiveMessage`
    /// does (receive counts, the queue's `VisibilityTimeout`, its redrive policy) and returns
    /// them as the `Records` of a Lambda SQS event.
    pub fn receive_for_lambda(&mut self, queue_url: &str, max: usize, env: &mut Env<'_>) -> Result<Vec<Value>, AwsError> {
        let name = self.resolve(queue_url)?;
        let visibility = self.queues[&name].number("VisibilityTimeout");
        let arn = queue_arn(&name);
        let received = self.receive(&name, max, visibility, env);
        Ok(received.iter().map(|m| lambda_record(m, &arn)).collect())
    }

    // --- helpers -----------------------------------------------------------------------------

    /// The name of the existing queue at `url`.
    fn resolve(&self, url: &str) -> Result<String, AwsError> {
        name_from_url(url)
            .filter(|n| self.queues.contains_key(*n))
            .map(str::to_owned)
            .ok_or_else(queue_does_not_exist)
    }

    /// The queue named by the `QueueUrl` parameter, with expired messages dropped.
    fn queue_mut(&mut self, p: Params<'_>, now: i64) -> Result<&mut Queue, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        let q = self.queues.get_mut(&name).ok_or_else(queue_does_not_exist)?;
        q.expire(now);
        Ok(q)
    }

    /// Validates and normalises one settable queue attribute ("" = unset).
    fn normalize_attribute(&self, name: &str, value: &Value, fifo: bool) -> Result<String, AwsError> {
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

    /// Validates a `RedrivePolicy` JSON string; returns it compact with a numeric count.
    fn normalize_redrive_policy(&self, text: &str, fifo: bool) -> Result<String, AwsError> {
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

    // --- queues ------------------------------------------------------------------------------

    fn create_queue(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

    fn get_queue_url(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("QueueName")?;
        if self.queues.contains_key(name) {
            Ok(json!({"QueueUrl": queue_url(name)}))
        } else {
            Err(queue_does_not_exist())
        }
    }

    fn list_queues(&self, p: Params<'_>) -> Result<Value, AwsError> {
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

    fn delete_queue(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        self.queues.remove(&name);
        self.deleted_at.insert(name, env.now_ms);
        Ok(json!({}))
    }

    fn purge_queue(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

    fn get_queue_attributes(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

    fn set_queue_attributes(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

    fn tag_queue(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
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

    fn untag_queue(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
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

    fn list_queue_tags(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let q = &self.queues[&self.resolve(p.str("QueueUrl")?)?];
        if q.tags.is_empty() { Ok(json!({})) } else { Ok(json!({"Tags": q.tags})) }
    }

    fn list_dead_letter_source_queues(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = queue_arn(&self.resolve(p.str("QueueUrl")?)?);
        let urls: Vec<String> = self
            .queues
            .values()
            .filter(|q| q.redrive().is_some_and(|(target, _)| target == arn))
            .map(|q| queue_url(&q.name))
            .collect();
        Ok(json!({"queueUrls": urls}))
    }

    // --- sending -----------------------------------------------------------------------------

    /// Validates and enqueues one message on queue `name` (which exists).
    fn send_one(&mut self, name: &str, p: Params<'_>, env: &mut Env<'_>, sender: &str) -> Result<Sent, AwsError> {
        let now = env.now_ms;
        let q = self.queues.get_mut(name).ok_or_else(queue_does_not_exist)?;
        q.expire(now);
        let body = p.opt_str("MessageBody").filter(|b| !b.is_empty()).ok_or_else(|| missing_parameter("MessageBody"))?;
        check_body_characters(body)?;
        let attributes = parse_message_attributes(p.get("MessageAttributes"))?;
        let system_attributes = parse_system_attributes(p.get("MessageSystemAttributes"))?;
        let max_size = q.number("MaximumMessageSize");
        if (body.len() + attributes_size(&attributes)) as i64 > max_size {
            return Err(invalid_parameter_value(format!(
                "One or more parameters are invalid. Reason: Message must be shorter than {max_size} bytes."
            )));
        }
        let delay = match p.opt_i64("DelaySeconds") {
            Some(d) if !(0..=900).contains(&d) => {
                return Err(invalid_parameter_value(format!(
                    "Value {d} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900."
                )));
            }
            Some(d) if q.fifo && d > 0 => {
                return Err(invalid_parameter_value(format!(
                    "Value {d} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."
                )));
            }
            Some(d) => d,
            None => q.number("DelaySeconds"),
        };
        let group_id = p.opt_str("MessageGroupId").filter(|g| !g.is_empty()).map(str::to_owned);
        let mut dedup_id = p.opt_str("MessageDeduplicationId").filter(|d| !d.is_empty()).map(str::to_owned);
        if q.fifo {
            if group_id.is_none() {
                return Err(missing_parameter("MessageGroupId"));
            }
            if dedup_id.is_none() {
                if q.attributes.get("ContentBasedDeduplication").is_some_and(|v| v == "true") {
                    dedup_id = Some(hash::sha256_hex(body.as_bytes()));
                } else {
                    return Err(invalid_parameter_value(
                        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
                    ));
                }
            }
        } else if let Some(d) = &dedup_id {
            return Err(invalid_parameter_value(format!(
                "Value {d} for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type."
            )));
        }
        let md5_body = hash::md5_hex(body.as_bytes());
        let md5_attributes = (!attributes.is_empty()).then(|| hash::md5_of_attributes(&attributes));
        let md5_system_attributes = (!system_attributes.is_empty()).then(|| hash::md5_of_attributes(&system_attributes));

        let mut sequence_number = None;
        let mut dedup_key = None;
        if q.fifo {
            q.dedup.retain(|e| now < e.at_ms + DEDUP_WINDOW_MS);
            let scope_group = q.attributes.get("DeduplicationScope").is_some_and(|s| s == "messageGroup");
            let dedup = dedup_id.as_deref().unwrap_or_default();
            let key = if scope_group {
                format!("{}\0{dedup}", group_id.as_deref().unwrap_or_default())
            } else {
                dedup.to_owned()
            };
            if let Some(first) = q.dedup.iter().find(|e| e.key == key) {
                // A duplicate is accepted but not enqueued; AWS answers with the first message.
                return Ok(Sent {
                    message_id: first.message_id.clone(),
                    md5_body,
                    md5_attributes,
                    md5_system_attributes,
                    sequence_number: first.sequence_number.clone(),
                });
            }
            sequence_number = Some(q.next_sequence_number());
            dedup_key = Some(key);
        }
        let id = env.ids.uuid();
        if let Some(key) = dedup_key {
            q.dedup.push(DedupEntry {
                key,
                at_ms: now,
                message_id: id.clone(),
                sequence_number: sequence_number.clone(),
            });
        }
        q.messages.push(Message {
            id: id.clone(),
            body: body.to_owned(),
            attributes,
            system_attributes,
            sender_id: sender.to_owned(),
            sent_ms: now,
            available_ms: now + delay * 1000,
            receive_count: 0,
            first_receive_ms: None,
            receipt_handle: None,
            group_id,
            dedup_id,
            sequence_number: sequence_number.clone(),
            dlq_source_arn: None,
        });
        Ok(Sent { message_id: id, md5_body, md5_attributes, md5_system_attributes, sequence_number })
    }

    fn send_message(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        Ok(self.send_one(&name, p, env, SENDER_ID)?.to_json(None))
    }

    fn send_message_batch(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

    // --- receiving ---------------------------------------------------------------------------

    /// Receives up to `max` messages from queue `name` (which exists), hiding each for
    /// `visibility_s` seconds; messages that reached the redrive policy's `maxReceiveCount`
    /// move to the dead-letter queue instead. Returns the received messages as they now are.
    fn receive(&mut self, name: &str, max: usize, visibility_s: i64, env: &mut Env<'_>) -> Vec<Message> {
        let now = env.now_ms;
        let source_arn = queue_arn(name);
        let redrive = self.queues.get(name).and_then(Queue::redrive).and_then(|(arn, count)| {
            let dlq = name_from_arn(&arn).filter(|n| *n != name && self.queues.contains_key(*n))?.to_owned();
            Some((dlq, count))
        });
        let Some(q) = self.queues.get_mut(name) else {
            return Vec::new();
        };
        q.expire(now);
        let fifo = q.fifo;
        let mut blocked: BTreeSet<String> = BTreeSet::new();
        let mut received = Vec::new();
        let mut to_dlq = Vec::new();
        for (index, m) in q.messages.iter_mut().enumerate() {
            if received.len() >= max {
                break;
            }
            let group = if fifo { m.group_id.clone() } else { None };
            if group.as_ref().is_some_and(|g| blocked.contains(g)) {
                continue;
            }
            if !m.available(now) {
                // In FIFO order nothing of a group may pass a message that is not available.
                blocked.extend(group);
                continue;
            }
            if let Some((_, max_receives)) = &redrive
                && m.receive_count >= *max_receives
            {
                to_dlq.push(index);
                continue;
            }
            m.receive_count += 1;
            m.first_receive_ms.get_or_insert(now);
            m.available_ms = now + visibility_s * 1000;
            m.receipt_handle = Some(make_handle(name, &m.id, m.receive_count, env.ids));
            received.push(m.clone());
        }
        if let Some((dlq, _)) = redrive {
            let mut moved = Vec::new();
            for index in to_dlq.into_iter().rev() {
                let mut m = q.messages.remove(index);
                m.available_ms = now;
                m.receipt_handle = None;
                m.dlq_source_arn = Some(source_arn.clone());
                moved.push(m);
            }
            moved.reverse();
            if let Some(target) = self.queues.get_mut(&dlq) {
                target.messages.extend(moved);
            }
        }
        received
    }

    fn receive_message(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        let max = p.opt_i64("MaxNumberOfMessages").unwrap_or(1);
        if !(1..=10).contains(&max) {
            return Err(invalid_parameter_value(format!(
                "Value {max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."
            )));
        }
        if let Some(wait) = p.opt_i64("WaitTimeSeconds")
            && !(0..=20).contains(&wait)
        {
            return Err(invalid_parameter_value(format!(
                "Value {wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."
            )));
        }
        let visibility = match p.opt_i64("VisibilityTimeout") {
            Some(v) if !(0..=MAX_VISIBILITY_S).contains(&v) => {
                return Err(invalid_parameter_value(format!(
                    "Value {v} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided."
                )));
            }
            Some(v) => v,
            None => self.queues[&name].number("VisibilityTimeout"),
        };
        let mut system_names = string_list(p, "AttributeNames");
        system_names.extend(string_list(p, "MessageSystemAttributeNames"));
        let attribute_names = string_list(p, "MessageAttributeNames");
        // WaitTimeSeconds needs no waiting: virtual time only moves when the host moves it.
        let received = self.receive(&name, max as usize, visibility, env);
        if received.is_empty() {
            return Ok(json!({}));
        }
        let all_system = system_names.contains(&"All");
        let messages: Vec<Value> = received
            .iter()
            .map(|m| {
                let mut v = json!({
                    "MessageId": m.id,
                    "ReceiptHandle": m.receipt_handle,
                    "MD5OfBody": hash::md5_hex(m.body.as_bytes()),
                    "Body": m.body,
                });
                let system: BTreeMap<&str, String> = m
                    .system_attributes()
                    .into_iter()
                    .filter(|(k, _)| all_system || system_names.contains(k))
                    .collect();
                if !system.is_empty() {
                    v["Attributes"] = json!(system);
                }
                let selected = select_attributes(&m.attributes, &attribute_names);
                if !selected.is_empty() {
                    v["MD5OfMessageAttributes"] = json!(hash::md5_of_attributes(&selected));
                    v["MessageAttributes"] = attributes_json(&selected);
                }
                v
            })
            .collect();
        Ok(json!({"Messages": messages}))
    }

    // --- deleting and visibility ---------------------------------------------------------------

    /// Deletes the message a receipt handle names, as `DeleteMessage` does.
    fn delete_one(q: &mut Queue, handle: &str, now: i64) -> Result<(), AwsError> {
        let (queue, id, receive) = parse_handle(handle).ok_or_else(|| receipt_handle_invalid(handle))?;
        if queue != q.name {
            return Err(receipt_handle_other_queue(handle));
        }
        let Some(index) = q.messages.iter().position(|m| m.id == id) else {
            return Ok(()); // already deleted (or moved): AWS accepts the call
        };
        let m = &q.messages[index];
        if q.fifo && (receive != m.receive_count || !m.in_flight(now)) {
            return Err(receipt_handle_expired(handle));
        }
        q.messages.remove(index);
        Ok(())
    }

    fn delete_message(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let handle = p.str("ReceiptHandle")?;
        let q = self.queue_mut(p, env.now_ms)?;
        Sqs::delete_one(q, handle, env.now_ms)?;
        Ok(json!({}))
    }

    fn delete_message_batch(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

    /// Changes the visibility timeout of the message a receipt handle names.
    fn change_visibility_one(q: &mut Queue, handle: &str, timeout: Option<i64>, now: i64) -> Result<(), AwsError> {
        let timeout = timeout.ok_or_else(|| missing_parameter("VisibilityTimeout"))?;
        if !(0..=MAX_VISIBILITY_S).contains(&timeout) {
            return Err(invalid_parameter_value(format!(
                "Value {timeout} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200, if provided."
            )));
        }
        let (queue, id, receive) = parse_handle(handle).ok_or_else(|| receipt_handle_invalid(handle))?;
        if queue != q.name {
            return Err(receipt_handle_other_queue(handle));
        }
        let fifo = q.fifo;
        let m = q.messages.iter_mut().find(|m| m.id == id).ok_or_else(|| {
            invalid_parameter_value(format!(
                "Value {handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change."
            ))
        })?;
        if fifo && (receive != m.receive_count || !m.in_flight(now)) {
            return Err(receipt_handle_expired(handle));
        }
        let first = m.first_receive_ms.unwrap_or(now);
        if now + timeout * 1000 - first > MAX_VISIBILITY_S * 1000 {
            return Err(invalid_parameter_value(format!(
                "Value {timeout} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]"
            )));
        }
        m.available_ms = now + timeout * 1000;
        Ok(())
    }

    fn change_message_visibility(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let handle = p.str("ReceiptHandle")?;
        let timeout = p.opt_i64("VisibilityTimeout");
        let q = self.queue_mut(p, env.now_ms)?;
        Sqs::change_visibility_one(q, handle, timeout, env.now_ms)?;
        Ok(json!({}))
    }

    fn change_message_visibility_batch(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

/// One record of a Lambda SQS event, in the shape real events have (`md5OfMessageAttributes`
/// is null when the message has no attributes, as in events logged from real functions).
fn lambda_record(m: &Message, queue_arn: &str) -> Value {
    json!({
        "messageId": m.id,
        "receiptHandle": m.receipt_handle,
        "body": m.body,
        "attributes": m.system_attributes(),
        "messageAttributes": attributes_lambda_json(&m.attributes),
        "md5OfMessageAttributes": (!m.attributes.is_empty()).then(|| hash::md5_of_attributes(&m.attributes)),
        "md5OfBody": hash::md5_hex(m.body.as_bytes()),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": REGION,
    })
}
