//! Messages: SendMessage, ReceiveMessage (with the move to a dead-letter queue), DeleteMessage
//! and ChangeMessageVisibility, their receipt handles, and the records of a Lambda SQS event.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::attributes::{attributes_json, attributes_lambda_json, attributes_size, parse_message_attributes, parse_system_attributes, select_attributes};
use super::errors::{
    invalid_parameter_value, missing_parameter, queue_does_not_exist, receipt_handle_expired, receipt_handle_invalid, receipt_handle_other_queue, sqs_error,
};
use super::queue::{DedupEntry, Message, Queue};
use super::{MAX_VISIBILITY_S, SENDER_ID, Sqs, hash, name_from_arn, queue_arn, string_list};
use crate::AwsError;
use crate::env::{Env, Ids, REGION};
use crate::wire::Params;

const DEDUP_WINDOW_MS: i64 = 300_000;

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

/// The outcome of one accepted `SendMessage` (or batch entry).
pub(super) struct Sent {
    message_id: String,
    md5_body: String,
    md5_attributes: Option<String>,
    md5_system_attributes: Option<String>,
    sequence_number: Option<String>,
}

impl Sent {
    pub(super) fn to_json(&self, id: Option<&str>) -> Value {
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

impl Sqs {
    /// Validates and enqueues one message on queue `name` (which exists).
    pub(super) fn send_one(&mut self, name: &str, p: Params<'_>, env: &mut Env<'_>, sender: &str) -> Result<Sent, AwsError> {
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

    pub(super) fn send_message(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = self.resolve(p.str("QueueUrl")?)?;
        Ok(self.send_one(&name, p, env, SENDER_ID)?.to_json(None))
    }

    /// Receives up to `max` messages from queue `name` (which exists), hiding each for
    /// `visibility_s` seconds; messages that reached the redrive policy's `maxReceiveCount`
    /// move to the dead-letter queue instead. Returns the received messages as they now are.
    pub(super) fn receive(&mut self, name: &str, max: usize, visibility_s: i64, env: &mut Env<'_>) -> Vec<Message> {
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

    pub(super) fn receive_message(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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
    pub(super) fn delete_one(q: &mut Queue, handle: &str, now: i64) -> Result<(), AwsError> {
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

    pub(super) fn delete_message(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let handle = p.str("ReceiptHandle")?;
        let q = self.queue_mut(p, env.now_ms)?;
        Sqs::delete_one(q, handle, env.now_ms)?;
        Ok(json!({}))
    }

    /// Changes the visibility timeout of the message a receipt handle names.
    pub(super) fn change_visibility_one(q: &mut Queue, handle: &str, timeout: Option<i64>, now: i64) -> Result<(), AwsError> {
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

    pub(super) fn change_message_visibility(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let handle = p.str("ReceiptHandle")?;
        let timeout = p.opt_i64("VisibilityTimeout");
        let q = self.queue_mut(p, env.now_ms)?;
        Sqs::change_visibility_one(q, handle, timeout, env.now_ms)?;
        Ok(json!({}))
    }

}

/// One record of a Lambda SQS event, in the shape real events have (`md5OfMessageAttributes`
/// is null when the message has no attributes, as in events logged from real functions).
pub(super) fn lambda_record(m: &Message, queue_arn: &str) -> Value {
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
