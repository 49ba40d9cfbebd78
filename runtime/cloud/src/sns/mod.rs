//! Amazon SNS: topics (standard and FIFO), subscriptions with filter policies and raw
//! delivery, and publishing, answering like AWS.
//!
//! Publishing pushes one [`Effect::SnsDelivery`] per confirmed `sqs`/`lambda` subscription
//! whose filter policy passes. For SQS the payload is the body SNS puts on the queue: the
//! JSON envelope, laid out byte for byte as SNS writes it (two-space indent, `"Key" : value`,
//! `SigningCertURL`/`UnsubscribeURL`), or the bare message with raw delivery. For Lambda it
//! is the `Records[]` entry of the SNS event, whose `Sns` object spells `SigningCertUrl` and
//! `UnsubscribeUrl` and always has `Subject` (null when unset) and `MessageAttributes`.
//! Email, HTTP(S) and the other protocols are recorded, never delivered; email and HTTP(S)
//! subscriptions stay "pending confirmation".

mod filter;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use md5::{Digest, Md5};
use serde_json::{Map, Value, json};

use crate::AwsError;
use crate::env::{ACCOUNT_ID, Effect, Env, REGION, iso_millis};
use crate::wire::{self, Params};

use filter::{Scope, Wording};

/// Largest message (body plus attributes), bytes.
const MAX_MESSAGE_BYTES: usize = 262_144;
/// Page size of the list operations.
const PAGE: usize = 100;
/// FIFO deduplication window.
const DEDUP_WINDOW_MS: i64 = 5 * 60 * 1000;

const PROTOCOLS: &[&str] = &["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda", "firehose"];
const SUBSCRIPTION_ATTRIBUTES: &[&str] = &[
    "DeliveryPolicy",
    "FilterPolicy",
    "FilterPolicyScope",
    "RawMessageDelivery",
    "RedrivePolicy",
    "SubscriptionRoleArn",
    "ReplayPolicy",
];
const TOPIC_ATTRIBUTES: &[&str] = &[
    "DeliveryPolicy",
    "DisplayName",
    "Policy",
    "TracingConfig",
    "KmsMasterKeyId",
    "SignatureVersion",
    "ContentBasedDeduplication",
    "ArchivePolicy",
    "FifoThroughputScope",
    "DataProtectionPolicy",
];
const EFFECTIVE_DELIVERY_POLICY: &str = r#"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}"#;

fn invalid(message: impl Into<String>) -> AwsError {
    AwsError::new("InvalidParameter", message, 400)
}

fn value_invalid(message: impl Into<String>) -> AwsError {
    AwsError::new("ParameterValueInvalid", message, 400)
}

fn topic_not_found() -> AwsError {
    AwsError::new("NotFound", "Topic does not exist", 404)
}

fn subscription_not_found() -> AwsError {
    AwsError::new("NotFound", "Subscription does not exist", 404)
}

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

/// Reads a boolean attribute value given as `"true"`/`"false"` (any case) or a JSON bool.
fn bool_attribute(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// An attribute value as the string SNS stores.
fn attribute_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Checks that `arn` (given as `parameter`) is an ARN of this region, with SNS's messages.
fn check_topic_arn(arn: &str, parameter: &str) -> Result<(), AwsError> {
    let parts: Vec<&str> = arn.split(':').collect();
    if parts[0] != "arn" || parts.len() < 6 {
        return Err(invalid(format!("Invalid parameter: {parameter} Reason: An ARN must have at least 6 elements, not {}", parts.len())));
    }
    if parts[3] != REGION {
        return Err(invalid(format!("Invalid parameter: {parameter}")));
    }
    Ok(())
}

#[derive(Debug)]
struct Topic {
    arn: String,
    name: String,
    fifo: bool,
    /// Settable attributes, as strings.
    attributes: BTreeMap<String, String>,
    tags: Vec<Value>,
    deleted_subscriptions: u64,
    sequence: u128,
    /// FIFO deduplication: id → (time, message id, sequence number).
    dedup: BTreeMap<String, (i64, String, String)>,
}

impl Topic {
    fn content_based_dedup(&self) -> bool {
        self.attributes.get("ContentBasedDeduplication").is_some_and(|v| v == "true")
    }

    fn signature_version(&self) -> String {
        self.attributes.get("SignatureVersion").cloned().unwrap_or_else(|| "1".into())
    }

    /// The default access policy, as the compact JSON text SNS returns, members in SNS's order
    /// (written out by hand: serde_json's maps would sort the keys).
    fn default_policy(&self) -> String {
        let actions = [
            "SNS:GetTopicAttributes",
            "SNS:SetTopicAttributes",
            "SNS:AddPermission",
            "SNS:RemovePermission",
            "SNS:DeleteTopic",
            "SNS:Subscribe",
            "SNS:ListSubscriptionsByTopic",
            "SNS:Publish",
        ];
        let actions: Vec<String> = actions.iter().map(|a| json!(a).to_string()).collect();
        format!(
            r#"{{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{{"Effect":"Allow","Sid":"__default_statement_ID","Principal":{{"AWS":"*"}},"Action":[{}],"Resource":{},"Condition":{{"StringEquals":{{"AWS:SourceOwner":{}}}}}}}]}}"#,
            actions.join(","),
            json!(self.arn),
            json!(ACCOUNT_ID)
        )
    }
}

#[derive(Debug)]
struct Subscription {
    arn: String,
    topic_arn: String,
    protocol: String,
    endpoint: String,
    confirmed: bool,
    raw: bool,
    scope: Scope,
    /// The `FilterPolicy` text as given, and its parsed form.
    filter: Option<(String, Map<String, Value>)>,
    /// Other attributes as given (`DeliveryPolicy`, `RedrivePolicy`…), and an explicit
    /// `FilterPolicyScope`.
    attributes: BTreeMap<String, String>,
}

impl Subscription {
    fn listed_arn(&self) -> &str {
        if self.confirmed { &self.arn } else { "PendingConfirmation" }
    }

    fn passes(&self, message: &str, attributes: &Map<String, Value>) -> bool {
        match &self.filter {
            None => true,
            Some((_, policy)) => match self.scope {
                Scope::MessageAttributes => filter::matches_attributes(policy, attributes),
                Scope::MessageBody => filter::matches_body(policy, message),
            },
        }
    }

    fn attributes_json(&self) -> Value {
        let mut out = json!({
            "SubscriptionArn": self.arn,
            "TopicArn": self.topic_arn,
            "Owner": ACCOUNT_ID,
            "Protocol": self.protocol,
            "Endpoint": self.endpoint,
            "ConfirmationWasAuthenticated": if self.confirmed { "true" } else { "false" },
            "PendingConfirmation": if self.confirmed { "false" } else { "true" },
            "RawMessageDelivery": if self.raw { "true" } else { "false" },
        });
        for (k, v) in &self.attributes {
            out[k] = json!(v);
        }
        if let Some((text, _)) = &self.filter {
            out["FilterPolicy"] = json!(text);
            if out.get("FilterPolicyScope").is_none() {
                out["FilterPolicyScope"] = json!("MessageAttributes");
            }
        } else if let Some(m) = out.as_object_mut() {
            m.remove("FilterPolicyScope");
        }
        if self.protocol.starts_with("http") {
            out["EffectiveDeliveryPolicy"] = json!(EFFECTIVE_DELIVERY_POLICY);
        }
        out
    }
}

/// One published message, for the lab's "SNS deliveries" view.
#[derive(Debug)]
struct Published {
    record: Value,
    deliveries: Vec<Value>,
}

/// One message to publish, after validation.
struct Outgoing<'a> {
    message: &'a str,
    subject: Option<&'a str>,
    /// SNS shape: `{name: {"Type", "Value"}}`.
    attributes: Map<String, Value>,
    /// The attributes as given (SQS shape), for raw delivery.
    raw_attributes: Option<&'a Map<String, Value>>,
    /// Parsed `MessageStructure=json` message.
    structured: Option<Map<String, Value>>,
    group_id: Option<&'a str>,
    dedup_id: Option<&'a str>,
    /// Bytes counted against the 256 KB limit (message plus attributes).
    size: usize,
}

impl Outgoing<'_> {
    /// The message a protocol receives (`MessageStructure=json` picks its entry).
    fn message_for(&self, protocol: &str) -> String {
        match &self.structured {
            Some(m) => m.get(protocol).or_else(|| m.get("default")).map(attribute_string).unwrap_or_default(),
            None => self.message.to_owned(),
        }
    }
}

/// The mock SNS.
#[derive(Debug, Default)]
pub struct Sns {
    topics: Vec<Topic>,
    subscriptions: Vec<Subscription>,
    messages: Vec<Published>,
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
fn read_outgoing<'a>(p: &'a Map<String, Value>) -> Result<Outgoing<'a>, AwsError> {
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

/// SNS answers errors in the query protocol's XML, whose `<Error>` has a `<Type>` (`Sender` for
/// the caller's faults, `Receiver` for the service's), which botocore keeps in `Error`.
fn with_fault_type(e: AwsError) -> AwsError {
    if e.code == "NotImplemented" {
        return e;
    }
    let mut fields = e.extra.get("Error").cloned().unwrap_or_else(|| json!({}));
    if fields.get("Type").is_none() {
        fields["Type"] = json!(if e.status >= 500 { "Receiver" } else { "Sender" });
    }
    e.with_error_fields(fields)
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
    /// Runs one operation.
    pub fn call(&mut self, op: &str, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        self.dispatch(op, p, env).map_err(with_fault_type)
    }

    fn dispatch(&mut self, op: &str, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        match op {
            "CreateTopic" => self.create_topic(p),
            "DeleteTopic" => self.delete_topic(p),
            "ListTopics" => self.list_topics(p),
            "GetTopicAttributes" => self.get_topic_attributes(p),
            "SetTopicAttributes" => self.set_topic_attributes(p),
            "Subscribe" => self.subscribe(p, env),
            "Unsubscribe" => self.unsubscribe(p),
            "ListSubscriptions" => self.list_subscriptions(p, None),
            "ListSubscriptionsByTopic" => {
                let arn = p.str("TopicArn")?;
                self.topic(arn)?;
                self.list_subscriptions(p, Some(arn))
            }
            "GetSubscriptionAttributes" => {
                let sub = self.subscription(p.str("SubscriptionArn")?)?;
                Ok(json!({"Attributes": sub.attributes_json()}))
            }
            "SetSubscriptionAttributes" => self.set_subscription_attributes(p),
            "Publish" => self.publish(p, env),
            "PublishBatch" => self.publish_batch(p, env),
            "ListTagsForResource" => {
                let topic = self.topics.iter().find(|t| Some(t.arn.as_str()) == p.opt_str("ResourceArn"));
                let topic = topic.ok_or_else(|| AwsError::new("ResourceNotFound", "Resource does not exist", 404))?;
                Ok(json!({"Tags": topic.tags}))
            }
            _ => Err(crate::error::not_implemented("sns", op)),
        }
    }

    /// The whole state, for display and grading: topics (with their attributes),
    /// subscriptions, and every published message with what happened to it per subscription.
    pub fn snapshot(&self) -> Value {
        let topics: Vec<Value> = self
            .topics
            .iter()
            .map(|t| json!({"TopicArn": t.arn, "Name": t.name, "Attributes": self.topic_attributes(t)}))
            .collect();
        let subscriptions: Vec<Value> = self.subscriptions.iter().map(Subscription::attributes_json).collect();
        let messages: Vec<Value> = self
            .messages
            .iter()
            .map(|m| {
                let mut r = m.record.clone();
                r["Deliveries"] = Value::Array(m.deliveries.clone());
                r
            })
            .collect();
        json!({"Topics": topics, "Subscriptions": subscriptions, "Messages": messages})
    }

    fn topic(&self, arn: &str) -> Result<&Topic, AwsError> {
        self.topics.iter().find(|t| t.arn == arn).ok_or_else(topic_not_found)
    }

    fn topic_index(&self, arn: &str) -> Result<usize, AwsError> {
        self.topics.iter().position(|t| t.arn == arn).ok_or_else(topic_not_found)
    }

    fn subscription(&self, arn: &str) -> Result<&Subscription, AwsError> {
        self.subscriptions.iter().find(|s| s.arn == arn).ok_or_else(subscription_not_found)
    }

    fn topic_attributes(&self, t: &Topic) -> Value {
        let count = |pred: fn(&Subscription) -> bool| self.subscriptions.iter().filter(|s| s.topic_arn == t.arn && pred(s)).count().to_string();
        let mut out = json!({
            "Policy": t.default_policy(),
            "Owner": ACCOUNT_ID,
            "SubscriptionsPending": count(|s| !s.confirmed),
            "TopicArn": t.arn,
            "EffectiveDeliveryPolicy": EFFECTIVE_DELIVERY_POLICY,
            "SubscriptionsConfirmed": count(|s| s.confirmed),
            "DisplayName": "",
            "SubscriptionsDeleted": t.deleted_subscriptions.to_string(),
        });
        for (k, v) in &t.attributes {
            out[k] = json!(v);
        }
        if t.fifo {
            out["FifoTopic"] = json!("true");
            if out.get("ContentBasedDeduplication").is_none() {
                out["ContentBasedDeduplication"] = json!("false");
            }
        }
        out
    }

    fn create_topic(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("Name")?;
        let mut attributes = BTreeMap::new();
        let mut fifo = false;
        for (k, v) in p.opt_object("Attributes").into_iter().flatten() {
            if k == "FifoTopic" {
                fifo = bool_attribute(v).ok_or_else(|| invalid("Invalid parameter: Attributes Reason: FifoTopic: Invalid value. Must be true or false."))?;
            } else if TOPIC_ATTRIBUTES.contains(&k.as_str()) {
                attributes.insert(k.clone(), attribute_string(v));
            } else {
                return Err(invalid(format!("Invalid parameter: Attributes Reason: Unknown attribute {k}")));
            }
        }
        let stem = if fifo { name.strip_suffix(".fifo") } else { Some(name) };
        let valid = stem.is_some_and(|s| !s.is_empty() && name.len() <= 256 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        if !valid {
            return Err(invalid(if fifo {
                "Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long."
            } else {
                "Invalid parameter: Topic Name"
            }));
        }
        if attributes.contains_key("ContentBasedDeduplication") && !fifo {
            return Err(invalid("Invalid parameter: Attributes Reason: ContentBasedDeduplication is only valid for FIFO topics"));
        }
        if let Some(v) = attributes.get_mut("ContentBasedDeduplication") {
            *v = v.to_ascii_lowercase();
        }
        let arn = format!("arn:aws:sns:{REGION}:{ACCOUNT_ID}:{name}");
        if let Some(existing) = self.topics.iter().find(|t| t.arn == arn) {
            // Idempotent by name; AWS refuses the same name with different attributes.
            let differs = attributes.iter().any(|(k, v)| existing.attributes.get(k) != Some(v));
            if differs {
                return Err(invalid("Invalid parameter: Attributes Reason: Topic already exists with different attributes"));
            }
            return Ok(json!({"TopicArn": arn}));
        }
        self.topics.push(Topic {
            arn: arn.clone(),
            name: name.to_owned(),
            fifo,
            attributes,
            tags: p.opt_array("Tags").cloned().unwrap_or_default(),
            deleted_subscriptions: 0,
            sequence: 0,
            dedup: BTreeMap::new(),
        });
        Ok(json!({"TopicArn": arn}))
    }

    fn delete_topic(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("TopicArn")?;
        check_topic_arn(arn, "TopicArn")?;
        // Deleting a topic that does not exist is not an error.
        self.topics.retain(|t| t.arn != arn);
        self.subscriptions.retain(|s| s.topic_arn != arn);
        Ok(json!({}))
    }

    fn page_start(p: Params<'_>) -> Result<usize, AwsError> {
        match p.opt_str("NextToken") {
            None => Ok(0),
            Some(token) => token.parse().map_err(|_| invalid("Invalid parameter: NextToken")),
        }
    }

    fn list_topics(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let start = Self::page_start(p)?;
        let topics: Vec<Value> = self.topics.iter().skip(start).take(PAGE).map(|t| json!({"TopicArn": t.arn})).collect();
        let mut out = json!({"Topics": topics});
        if start + PAGE < self.topics.len() {
            out["NextToken"] = json!((start + PAGE).to_string());
        }
        Ok(out)
    }

    fn get_topic_attributes(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("TopicArn")?;
        check_topic_arn(arn, "TopicArn")?;
        let topic = self.topic(arn)?;
        Ok(json!({"Attributes": self.topic_attributes(topic)}))
    }

    fn set_topic_attributes(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("TopicArn")?;
        check_topic_arn(arn, "TopicArn")?;
        let name = p.str("AttributeName")?;
        let value = p.get("AttributeValue").map(attribute_string).unwrap_or_default();
        let i = self.topic_index(arn)?;
        let feedback = ["HTTP", "Lambda", "SQS", "Firehose", "Application"]
            .iter()
            .any(|proto| ["SuccessFeedbackRoleArn", "SuccessFeedbackSampleRate", "FailureFeedbackRoleArn"].iter().any(|s| name == format!("{proto}{s}")));
        if !TOPIC_ATTRIBUTES.contains(&name) && !feedback {
            return Err(invalid("Invalid parameter: AttributeName"));
        }
        let topic = &mut self.topics[i];
        match name {
            "SignatureVersion" if value != "1" && value != "2" => return Err(invalid("Invalid parameter: SignatureVersion")),
            "ContentBasedDeduplication" if !topic.fifo => {
                return Err(invalid("Invalid parameter: ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics"));
            }
            "ContentBasedDeduplication" => {
                let b = bool_attribute(&Value::String(value.clone())).ok_or_else(|| invalid("Invalid parameter: ContentBasedDeduplication"))?;
                topic.attributes.insert(name.to_owned(), b.to_string());
                return Ok(json!({}));
            }
            "Policy" | "DeliveryPolicy" if !value.is_empty() && serde_json::from_str::<Value>(&value).is_err() => {
                return Err(invalid(format!("Invalid parameter: {name}")));
            }
            _ => {}
        }
        topic.attributes.insert(name.to_owned(), value);
        Ok(json!({}))
    }

    /// Applies one subscription attribute (shared by `Subscribe` and
    /// `SetSubscriptionAttributes`, which word their errors differently).
    fn apply_subscription_attribute(sub: &mut Subscription, name: &str, value: &Value, w: Wording) -> Result<(), AwsError> {
        let text = attribute_string(value);
        match name {
            "RawMessageDelivery" => {
                let raw = bool_attribute(value).ok_or_else(|| w.error(format!("RawMessageDelivery: Invalid value [{text}]. Must be true or false.")))?;
                if raw && !["sqs", "http", "https", "firehose"].contains(&sub.protocol.as_str()) {
                    return Err(w.error(format!("Delivery protocol [{}] does not support raw message delivery.", sub.protocol)));
                }
                sub.raw = raw;
            }
            "FilterPolicyScope" => {
                let scope = Scope::parse(&text)
                    .ok_or_else(|| w.error(format!("FilterPolicyScope: Invalid value [{text}]. Please use either MessageBody or MessageAttributes")))?;
                if let Some((_, policy)) = &sub.filter {
                    filter::validate(policy, scope, w)?;
                }
                sub.scope = scope;
                sub.attributes.insert(name.to_owned(), text);
            }
            "FilterPolicy" => {
                if text.trim().is_empty() {
                    sub.filter = None;
                } else {
                    let policy = filter::parse(&text, sub.scope, w)?;
                    sub.filter = Some((text, policy));
                }
            }
            "RedrivePolicy" => {
                if !text.is_empty() {
                    let policy: Value = serde_json::from_str(&text).map_err(|_| w.error("RedrivePolicy: failed to parse JSON."))?;
                    let target = policy.get("deadLetterTargetArn").and_then(Value::as_str).unwrap_or("");
                    if !target.starts_with("arn:") || target.split(':').count() < 6 {
                        return Err(w.error("RedrivePolicy: deadLetterTargetArn is an invalid arn"));
                    }
                }
                sub.attributes.insert(name.to_owned(), text);
            }
            "DeliveryPolicy" | "ReplayPolicy" => {
                if !text.is_empty() && serde_json::from_str::<Value>(&text).is_err() {
                    return Err(w.error(format!("{name}: failed to parse JSON.")));
                }
                sub.attributes.insert(name.to_owned(), text);
            }
            "SubscriptionRoleArn" => {
                sub.attributes.insert(name.to_owned(), text);
            }
            _ => return Err(w.error("AttributeName")),
        }
        Ok(())
    }

    fn subscribe(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let topic_arn = p.str("TopicArn")?;
        check_topic_arn(topic_arn, "TopicArn")?;
        let protocol = p.str("Protocol")?;
        if !PROTOCOLS.contains(&protocol) {
            return Err(invalid(format!("Invalid parameter: Amazon SNS does not support this protocol string: {protocol}")));
        }
        let endpoint = p.opt_str("Endpoint").unwrap_or("");
        let endpoint_ok = match protocol {
            "sqs" => endpoint.starts_with("arn:aws:sqs:") && endpoint.split(':').count() == 6,
            "lambda" => endpoint.starts_with("arn:aws:lambda:") && endpoint.split(':').count() >= 7,
            "firehose" => endpoint.starts_with("arn:aws:firehose:"),
            "application" => endpoint.starts_with("arn:aws:sns:"),
            "email" | "email-json" => endpoint.contains('@') && !endpoint.starts_with('@') && !endpoint.ends_with('@'),
            "http" => endpoint.starts_with("http://"),
            "https" => endpoint.starts_with("https://"),
            _ => !endpoint.is_empty(),
        };
        if !endpoint_ok {
            return Err(invalid(match protocol {
                "sqs" => "Invalid parameter: SQS endpoint ARN".to_owned(),
                "lambda" => "Invalid parameter: Lambda endpoint ARN".to_owned(),
                "email" | "email-json" => "Invalid parameter: Email address".to_owned(),
                "sms" => format!("Invalid parameter: Invalid SMS endpoint: {endpoint}"),
                _ => "Invalid parameter: Endpoint must match the specified protocol".to_owned(),
            }));
        }
        let topic = self.topic(topic_arn)?;
        if topic.fifo && protocol != "sqs" {
            return Err(invalid(format!("Invalid parameter: Invalid protocol type: {protocol}. FIFO topics only support SQS subscriptions")));
        }
        if !topic.fifo && protocol == "sqs" && endpoint.ends_with(".fifo") {
            return Err(invalid("Invalid parameter: Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics"));
        }
        let given = p.opt_object("Attributes");
        if given.into_iter().flatten().any(|(k, _)| !SUBSCRIPTION_ATTRIBUTES.contains(&k.as_str())) {
            return Err(Wording::SUBSCRIBE.error("AttributeName"));
        }
        let confirmed = !matches!(protocol, "email" | "email-json" | "http" | "https");
        let mut sub = Subscription {
            arn: format!("{topic_arn}:{}", env.ids.uuid()),
            topic_arn: topic_arn.to_owned(),
            protocol: protocol.to_owned(),
            endpoint: endpoint.to_owned(),
            confirmed,
            raw: false,
            scope: Scope::MessageAttributes,
            filter: None,
            attributes: BTreeMap::new(),
        };
        // The scope first: the policy is validated for it.
        if let Some(scope) = given.and_then(|g| g.get("FilterPolicyScope")) {
            Self::apply_subscription_attribute(&mut sub, "FilterPolicyScope", scope, Wording::SUBSCRIBE)?;
        }
        for (k, v) in given.into_iter().flatten().filter(|(k, _)| *k != "FilterPolicyScope") {
            Self::apply_subscription_attribute(&mut sub, k, v, Wording::SUBSCRIBE)?;
        }
        let answer = |s: &Subscription| {
            let arn = if s.confirmed || p.opt_bool("ReturnSubscriptionArn") == Some(true) { s.arn.as_str() } else { "pending confirmation" };
            json!({"SubscriptionArn": arn})
        };
        if let Some(existing) = self.subscriptions.iter().find(|s| s.topic_arn == topic_arn && s.protocol == protocol && s.endpoint == endpoint) {
            // AWS gives back the existing subscription, unless the attributes differ.
            let current = existing.attributes_json();
            let differs = given.into_iter().flatten().any(|(k, v)| {
                let mut v = attribute_string(v);
                if k == "RawMessageDelivery" {
                    v = v.to_ascii_lowercase();
                }
                current.get(k).and_then(Value::as_str) != Some(v.as_str())
            });
            if differs {
                return Err(invalid("Invalid parameter: Attributes Reason: Subscription already exists with different attributes"));
            }
            return Ok(answer(existing));
        }
        let out = answer(&sub);
        self.subscriptions.push(sub);
        Ok(out)
    }

    /// `Unsubscribe` is idempotent for a well-formed subscription ARN.
    fn unsubscribe(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("SubscriptionArn")?;
        let count = arn.split(':').count();
        if !arn.starts_with("arn:") || count < 6 {
            return Err(invalid(format!("Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not {count}")));
        }
        match self.subscriptions.iter().position(|s| s.arn == arn) {
            Some(i) => {
                let sub = self.subscriptions.remove(i);
                if let Some(t) = self.topics.iter_mut().find(|t| t.arn == sub.topic_arn) {
                    t.deleted_subscriptions += 1;
                }
            }
            None if count == 6 => return Err(invalid("Invalid parameter: SubscriptionId")),
            None => {}
        }
        Ok(json!({}))
    }

    fn list_subscriptions(&self, p: Params<'_>, topic: Option<&str>) -> Result<Value, AwsError> {
        let start = Self::page_start(p)?;
        let all: Vec<&Subscription> = self.subscriptions.iter().filter(|s| topic.is_none_or(|t| s.topic_arn == t)).collect();
        let page: Vec<Value> = all
            .iter()
            .skip(start)
            .take(PAGE)
            .map(|s| json!({"SubscriptionArn": s.listed_arn(), "Owner": ACCOUNT_ID, "Protocol": s.protocol, "Endpoint": s.endpoint, "TopicArn": s.topic_arn}))
            .collect();
        let mut out = json!({"Subscriptions": page});
        if start + PAGE < all.len() {
            out["NextToken"] = json!((start + PAGE).to_string());
        }
        Ok(out)
    }

    fn set_subscription_attributes(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("SubscriptionArn")?;
        let name = p.str("AttributeName")?;
        let value = p.get("AttributeValue").cloned().unwrap_or(Value::String(String::new()));
        let sub = self.subscriptions.iter_mut().find(|s| s.arn == arn).ok_or_else(subscription_not_found)?;
        Self::apply_subscription_attribute(sub, name, &value, Wording::SET)?;
        Ok(json!({}))
    }

    fn publish(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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
    fn publish_batch(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

    /// Publishes one validated message to topic `i`: FIFO checks and deduplication, then a
    /// delivery per subscription. Returns the message id and, for FIFO, the sequence number.
    fn publish_to(&mut self, i: usize, out: &Outgoing<'_>, env: &mut Env<'_>) -> Result<(String, Option<String>), AwsError> {
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
