//! Delivery: what one published message becomes for each subscription of its topic (FIFO
//! deduplication first), as the SQS body or the Lambda event SNS sends, signed.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use md5::{Digest, Md5};
use serde_json::{Map, Value, json};

use super::publish::{Outgoing, Published};
use super::{Sns, invalid};
use crate::AwsError;
use crate::env::{Effect, Env, REGION, iso_millis};

/// FIFO deduplication window.
pub(super) const DEDUP_WINDOW_MS: i64 = 5 * 60 * 1000;

/// The signing certificate every notification names (one per region in AWS; a fixed,
/// made-up one here).
fn signing_cert_url() -> String {
    let hash: String = Md5::digest(b"labbook mock SNS signing certificate").iter().map(|b| format!("{b:02x}")).collect();
    format!("https://sns.{REGION}.amazonaws.com/SimpleNotificationService-{hash}.pem")
}

fn unsubscribe_url(subscription_arn: &str) -> String {
    format!("https://sns.{REGION}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn={subscription_arn}")
}

/// A stand-in for the RSA-2048 signature (256 bytes, base64): deterministic in what SNS
/// signs, so every delivery of one message carries the same signature, as in AWS.
fn signature(string_to_sign: &str) -> String {
    let mut bytes = Vec::with_capacity(256);
    let mut block = Md5::digest(string_to_sign.as_bytes()).to_vec();
    while bytes.len() < 256 {
        bytes.extend_from_slice(&block);
        block = Md5::digest(&block).to_vec();
    }
    STANDARD.encode(&bytes[..256])
}

/// The SQS body SNS sends (non-raw): its JSON envelope, in SNS's own layout.
fn sqs_envelope(fields: &[(&str, String)], attributes: &Map<String, Value>) -> String {
    let q = |s: &str| Value::String(s.to_owned()).to_string();
    let mut lines: Vec<String> = fields.iter().map(|(k, v)| format!("  {} : {}", q(k), q(v))).collect();
    if !attributes.is_empty() {
        let entries: Vec<String> = attributes.iter().map(|(k, v)| format!("    {} : {}", q(k), v)).collect();
        lines.push(format!("  \"MessageAttributes\" : {{\n{}\n  }}", entries.join(",\n")));
    }
    format!("{{\n{}\n}}", lines.join(",\n"))
}

/// Adds a FIFO topic's group and deduplication ids to the SQS attributes of a delivery, under
/// the `$fifo` key that [`crate::sqs::Sqs::deliver`] takes out again (an SQS attribute name
/// can never start with `$`).
fn with_fifo_ids(attributes: Value, ids: &Value) -> Value {
    let mut attributes = if attributes.is_object() { attributes } else { json!({}) };
    attributes["$fifo"] = ids.clone();
    attributes
}

impl Sns {
    /// Publishes one validated message to topic `i`: FIFO checks and deduplication, then a
    /// delivery per subscription. Returns the message id and, for FIFO, the sequence number.
    pub(super) fn publish_to(&mut self, i: usize, out: &Outgoing<'_>, env: &mut Env<'_>) -> Result<(String, Option<String>), AwsError> {
        let topic = &mut self.topics[i];
        let mut sequence = None;
        // A FIFO topic hands its group and deduplication ids on to FIFO queues.
        let mut fifo_ids = None;
        if topic.fifo {
            if out.group_id.is_none() {
                return Err(invalid("Invalid parameter: The MessageGroupId parameter is required for FIFO topics"));
            }
            let dedup = match (out.dedup_id, topic.content_based_dedup()) {
                (Some(id), _) => id.to_owned(),
                (None, true) => {
                    let digest: String = Md5::digest(out.message.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
                    format!("content:{digest}")
                }
                (None, false) => {
                    return Err(invalid(
                        "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
                    ));
                }
            };
            fifo_ids = Some(json!({
                "MessageGroupId": out.group_id,
                "MessageDeduplicationId": dedup.strip_prefix("content:").unwrap_or(&dedup),
            }));
            topic.dedup.retain(|_, (at, _, _)| env.now_ms - *at < DEDUP_WINDOW_MS);
            if let Some((_, message_id, seq)) = topic.dedup.get(&dedup) {
                // A duplicate within five minutes is accepted and not delivered again.
                return Ok((message_id.clone(), Some(seq.clone())));
            }
            topic.sequence += 1;
            let seq = (10_000_000_000_000_000_000u128 + topic.sequence).to_string();
            let message_id = env.ids.uuid();
            topic.dedup.insert(dedup, (env.now_ms, message_id.clone(), seq.clone()));
            sequence = Some((message_id, seq));
        } else if out.dedup_id.is_some() {
            return Err(invalid(
                "Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
            ));
        }
        let (message_id, sequence) = match sequence {
            Some((id, seq)) => (id, Some(seq)),
            None => (env.ids.uuid(), None),
        };
        let topic = &self.topics[i];
        let timestamp = iso_millis(env.now_ms);
        let signature_version = topic.signature_version();
        let mut deliveries = Vec::new();
        for sub in self.subscriptions.iter().filter(|s| s.topic_arn == topic.arn) {
            let mut delivery = json!({"SubscriptionArn": sub.listed_arn(), "Protocol": sub.protocol, "Endpoint": sub.endpoint});
            let message = out.message_for(&sub.protocol);
            let status = if !sub.confirmed {
                "pending confirmation".to_owned()
            } else if !sub.passes(&message, &out.attributes) {
                "filtered out".to_owned()
            } else {
                match sub.protocol.as_str() {
                    "sqs" | "lambda" => {
                        let mut to_sign = format!("Message\n{message}\nMessageId\n{message_id}\n");
                        if let Some(s) = out.subject {
                            to_sign.push_str(&format!("Subject\n{s}\n"));
                        }
                        to_sign.push_str(&format!("Timestamp\n{timestamp}\nTopicArn\n{}\nType\nNotification\n", topic.arn));
                        let sig = signature(&to_sign);
                        let effect = if sub.protocol == "lambda" {
                            Effect::SnsDelivery {
                                protocol: "lambda".into(),
                                endpoint: sub.endpoint.clone(),
                                payload: json!({
                                    "EventSource": "aws:sns",
                                    "EventVersion": "1.0",
                                    "EventSubscriptionArn": sub.arn,
                                    "Sns": {
                                        "Type": "Notification",
                                        "MessageId": message_id,
                                        "TopicArn": topic.arn,
                                        "Subject": out.subject,
                                        "Message": message,
                                        "Timestamp": timestamp,
                                        "SignatureVersion": signature_version,
                                        "Signature": sig,
                                        "SigningCertUrl": signing_cert_url(),
                                        "UnsubscribeUrl": unsubscribe_url(&sub.arn),
                                        "MessageAttributes": out.attributes,
                                    },
                                }),
                                sqs_attributes: Value::Null,
                            }
                        } else if sub.raw {
                            let mut attrs = match out.raw_attributes {
                                Some(a) if !a.is_empty() => Value::Object(a.clone()),
                                _ => Value::Null,
                            };
                            if let Some(ids) = &fifo_ids {
                                attrs = with_fifo_ids(attrs, ids);
                            }
                            Effect::SnsDelivery { protocol: "sqs".into(), endpoint: sub.endpoint.clone(), payload: Value::String(message.clone()), sqs_attributes: attrs }
                        } else {
                            let mut fields: Vec<(&str, String)> = vec![("Type", "Notification".into()), ("MessageId", message_id.clone())];
                            if let Some(seq) = &sequence {
                                fields.push(("SequenceNumber", seq.clone()));
                            }
                            fields.push(("TopicArn", topic.arn.clone()));
                            if let Some(s) = out.subject {
                                fields.push(("Subject", s.to_owned()));
                            }
                            fields.extend([
                                ("Message", message.clone()),
                                ("Timestamp", timestamp.clone()),
                                ("SignatureVersion", signature_version.clone()),
                                ("Signature", sig),
                                ("SigningCertURL", signing_cert_url()),
                                ("UnsubscribeURL", unsubscribe_url(&sub.arn)),
                            ]);
                            let body = sqs_envelope(&fields, &out.attributes);
                            let attrs = fifo_ids.as_ref().map_or(Value::Null, |ids| with_fifo_ids(Value::Null, ids));
                            Effect::SnsDelivery { protocol: "sqs".into(), endpoint: sub.endpoint.clone(), payload: Value::String(body), sqs_attributes: attrs }
                        };
                        env.effects.push(effect);
                        "delivered".to_owned()
                    }
                    other => format!("recorded ({other} delivery is not simulated)"),
                }
            };
            delivery["Status"] = json!(status);
            deliveries.push(delivery);
        }
        let mut record = json!({
            "MessageId": message_id,
            "TopicArn": topic.arn,
            "Subject": out.subject,
            "Message": out.message,
            "MessageAttributes": out.attributes,
            "Timestamp": timestamp,
        });
        if out.structured.is_some() {
            record["MessageStructure"] = json!("json");
        }
        if let Some(g) = out.group_id {
            record["MessageGroupId"] = json!(g);
        }
        if let Some(seq) = &sequence {
            record["SequenceNumber"] = json!(seq);
        }
        self.messages.push(Published { record, deliveries });
        Ok((message_id, sequence))
    }
}
