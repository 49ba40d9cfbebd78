//! Publishing: Publish (to a topic or a phone number) and PublishBatch, with the validation of
//! messages, subjects and message attributes they share.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::{Sns, attribute_string, check_topic_arn, invalid, value_invalid};
use crate::AwsError;
use crate::env::{Env, iso_millis};
use crate::wire::{self, Params};

/// Largest message (body plus attributes), bytes.
const MAX_MESSAGE_BYTES: usize = 262_144;

/// One published message, for the lab's "SNS deliveries" view.
#[derive(Debug)]
pub(super) struct Published {
    pub(super) record: Value,
    pub(super) deliveries: Vec<Value>,
}

/// One message to publish, after validation.
pub(super) struct Outgoing<'a> {
    pub(super) message: &'a str,
    pub(super) subject: Option<&'a str>,
    /// SNS shape: `{name: {"Type", "Value"}}`.
    pub(super) attributes: Map<String, Value>,
    /// The attributes as given (SQS shape), for raw delivery.
    pub(super) raw_attributes: Option<&'a Map<String, Value>>,
    /// Parsed `MessageStructure=json` message.
    pub(super) structured: Option<Map<String, Value>>,
    pub(super) group_id: Option<&'a str>,
    pub(super) dedup_id: Option<&'a str>,
    /// Bytes counted against the 256 KB limit (message plus attributes).
    pub(super) size: usize,
}

impl Outgoing<'_> {
    /// The message a protocol receives (`MessageStructure=json` picks its entry).
    pub(super) fn message_for(&self, protocol: &str) -> String {
        match &self.structured {
            Some(m) => m.get(protocol).or_else(|| m.get("default")).map(attribute_string).unwrap_or_default(),
            None => self.message.to_owned(),
        }
    }
}

/// Validates `Subject` as SNS does: 1 to 100 characters, starting with a letter, digit or
/// punctuation mark, no line breaks or control characters.
fn check_subject(subject: &str) -> Result<(), AwsError> {
    let first_ok = subject.chars().next().is_some_and(|c| !c.is_whitespace());
    if !first_ok || subject.chars().count() > 100 || subject.chars().any(char::is_control) {
        return Err(invalid("Invalid parameter: Subject"));
    }
    Ok(())
}

/// Checks a message attribute name: letters, digits, `-`, `_` and `.`, at most 256 bytes, no
/// leading, trailing or doubled dot.
fn check_attribute_name(name: &str) -> Result<(), AwsError> {
    if name.len() > 256 {
        return Err(value_invalid("Length of message attribute name must be less than 256 bytes."));
    }
    if name.starts_with('.') {
        return Err(value_invalid("Invalid message attribute name starting with character '.' was found."));
    }
    if name.ends_with('.') {
        return Err(value_invalid("Invalid message attribute name ending with character '.' was found."));
    }
    if let Some(c) = name.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))) {
        return Err(value_invalid(format!(
            "Invalid non-alphanumeric character '#x{:X}' was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.",
            c as u32
        )));
    }
    if name.contains("..") {
        return Err(value_invalid("Message attribute name can not have successive '.' character."));
    }
    Ok(())
}

/// Validates `MessageAttributes` and turns them into SNS's `{Type, Value}` shape; also
/// returns their size (names, types and values) for the 256 KB limit.
fn read_message_attributes(given: Option<&Map<String, Value>>) -> Result<(Map<String, Value>, usize), AwsError> {
    let mut out = Map::new();
    let mut size = 0;
    let Some(given) = given else { return Ok((out, 0)) };
    for (name, attr) in given {
        check_attribute_name(name)?;
        let Some(data_type) = attr.get("DataType").and_then(Value::as_str) else {
            return Err(AwsError::new(
                "ValidationError",
                format!("1 validation error detected: Value null at 'messageAttributes.{name}.member.dataType' failed to satisfy constraint: Member must not be null"),
                400,
            ));
        };
        let base = data_type.split('.').next().unwrap_or("");
        let custom_ok = data_type.len() > base.len() + 1 || data_type == base;
        if !["String", "Number", "Binary"].contains(&base) || !custom_ok {
            return Err(value_invalid(format!(
                "The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."
            )));
        }
        let empty_value = || value_invalid(format!("The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{data_type}'."));
        let has_value = attr.as_object().is_some_and(|m| m.keys().any(|k| k.ends_with("Value")));
        if !has_value {
            return Err(empty_value());
        }
        let field = if base == "Binary" { "Binary" } else { "String" };
        let Some(raw) = attr.get(format!("{field}Value").as_str()) else {
            return Err(value_invalid(format!("The message attribute '{name}' with type '{data_type}' must use field '{field}'.")));
        };
        let value = if base == "Binary" {
            let bytes = wire::as_bytes(raw).unwrap_or_default();
            size += bytes.len();
            if bytes.is_empty() { String::new() } else { STANDARD.encode(bytes) }
        } else {
            let s = raw.as_str().unwrap_or("").to_owned();
            size += s.len();
            s
        };
        if value.is_empty() {
            return Err(empty_value());
        }
        if base == "Number" && value.trim().parse::<f64>().is_err() {
            return Err(value_invalid(format!("Could not cast message attribute '{name}' value to number.")));
        }
        size += name.len() + data_type.len();
        out.insert(name.clone(), json!({"Type": data_type, "Value": value}));
    }
    Ok((out, size))
}

/// Reads one message (of `Publish` or a `PublishBatch` entry) from `p`.
pub(super) fn read_outgoing<'a>(p: &'a Map<String, Value>) -> Result<Outgoing<'a>, AwsError> {
    let message = p.get("Message").and_then(Value::as_str).ok_or_else(|| invalid("Invalid parameter: Message"))?;
    if message.is_empty() {
        return Err(invalid("Invalid parameter: Empty message"));
    }
    let subject = p.get("Subject").and_then(Value::as_str);
    if let Some(s) = subject {
        check_subject(s)?;
    }
    let structured = match p.get("MessageStructure").and_then(Value::as_str) {
        None => None,
        Some("json") => match serde_json::from_str::<Value>(message) {
            Ok(Value::Object(m)) => {
                if !m.get("default").is_some_and(Value::is_string) {
                    return Err(invalid("Invalid parameter: Message Structure - No default entry in JSON message body"));
                }
                Some(m)
            }
            _ => return Err(invalid("Invalid parameter: Message Structure - JSON message body failed to parse")),
        },
        Some(_) => return Err(invalid("Invalid parameter: MessageStructure")),
    };
    let raw_attributes = p.get("MessageAttributes").and_then(Value::as_object);
    let (attributes, attributes_size) = read_message_attributes(raw_attributes)?;
    let size = message.len() + attributes_size;
    if size > MAX_MESSAGE_BYTES {
        return Err(invalid("Invalid parameter: Message too long"));
    }
    Ok(Outgoing {
        message,
        subject,
        attributes,
        raw_attributes,
        structured,
        group_id: p.get("MessageGroupId").and_then(Value::as_str),
        dedup_id: p.get("MessageDeduplicationId").and_then(Value::as_str),
        size,
    })
}

impl Sns {
    pub(super) fn publish(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let target = match (p.opt_str("TopicArn"), p.opt_str("TargetArn")) {
            (Some(_), Some(_)) => return Err(invalid("Invalid parameter: TopicArn or TargetArn Reason: Only one of TopicArn or TargetArn may be specified")),
            (Some(t), None) => Some((t, "TopicArn")),
            (None, Some(t)) => Some((t, "TargetArn")),
            (None, None) => None,
        };
        let params = p.0.as_object().cloned().unwrap_or_default();
        let Some((arn, which)) = target else {
            let Some(phone) = p.opt_str("PhoneNumber") else {
                return Err(invalid("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"));
            };
            let digits = phone.strip_prefix('+').unwrap_or(phone);
            if digits.len() < 2 || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
                return Err(invalid(format!("Invalid parameter: PhoneNumber Reason: {phone} is not valid to publish to")));
            }
            let out = read_outgoing(&params)?;
            let message_id = env.ids.uuid();
            self.messages.push(Published {
                record: json!({"MessageId": message_id, "PhoneNumber": phone, "Message": out.message, "Timestamp": iso_millis(env.now_ms)}),
                deliveries: vec![json!({"Protocol": "sms", "Endpoint": phone, "Status": "recorded (SMS is not simulated)"})],
            });
            return Ok(json!({"MessageId": message_id}));
        };
        check_topic_arn(arn, which)?;
        let out = read_outgoing(&params)?;
        let i = self.topic_index(arn)?;
        let (message_id, sequence) = self.publish_to(i, &out, env)?;
        let mut response = json!({"MessageId": message_id});
        if let Some(seq) = sequence {
            response["SequenceNumber"] = json!(seq);
        }
        Ok(response)
    }

    /// `PublishBatch`: a malformed entry fails the whole request (as AWS does); accepted
    /// entries are published in order.
    pub(super) fn publish_batch(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let arn = p.str("TopicArn")?;
        let entries = p.opt_array("PublishBatchRequestEntries").cloned().unwrap_or_default();
        if entries.is_empty() {
            return Err(AwsError::new("EmptyBatchRequest", "The batch request doesn't contain any entries.", 400));
        }
        if entries.len() > 10 {
            return Err(AwsError::new("TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.", 400));
        }
        check_topic_arn(arn, "TopicArn")?;
        let i = self.topic_index(arn)?;
        let ids: Vec<&str> = entries.iter().map(|e| e.get("Id").and_then(Value::as_str).unwrap_or("")).collect();
        if ids.iter().enumerate().any(|(n, id)| ids[..n].contains(id)) {
            return Err(AwsError::new("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.", 400));
        }
        for id in &ids {
            if id.len() > 80 {
                return Err(AwsError::new("InvalidBatchEntryId", format!("The Id of a batch entry in the batch request is too long: {id}"), 400));
            }
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
                return Err(AwsError::new(
                    "InvalidBatchEntryId",
                    format!("The Id of a batch entry in the batch request contains an impermissible character: {id}"),
                    400,
                ));
            }
        }
        let empty = Map::new();
        let mut outgoing = Vec::new();
        let mut total = 0;
        for entry in &entries {
            let out = read_outgoing(entry.as_object().unwrap_or(&empty))?;
            total += out.size;
            outgoing.push(out);
        }
        if total > MAX_MESSAGE_BYTES {
            return Err(AwsError::new("BatchRequestTooLong", "The length of all the messages put together is more than the limit.", 400));
        }
        if self.topics[i].fifo {
            if outgoing.iter().any(|o| o.group_id.is_none()) {
                return Err(invalid("Invalid parameter: The MessageGroupId parameter is required for FIFO topics"));
            }
            if !self.topics[i].content_based_dedup() && outgoing.iter().any(|o| o.dedup_id.is_none()) {
                return Err(invalid(
                    "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
                ));
            }
        }
        let mut successful = Vec::new();
        let mut failed = Vec::new();
        for (out, id) in outgoing.iter().zip(&ids) {
            match self.publish_to(i, out, env) {
                Ok((message_id, sequence)) => {
                    let mut ok = json!({"Id": id, "MessageId": message_id});
                    if let Some(seq) = sequence {
                        ok["SequenceNumber"] = json!(seq);
                    }
                    successful.push(ok);
                }
                Err(e) => failed.push(json!({"Id": id, "Code": e.code, "Message": e.message, "SenderFault": true})),
            }
        }
        Ok(json!({"Successful": successful, "Failed": failed}))
    }
}
