//! Subscriptions: Subscribe, Unsubscribe, the list operations and the subscription attributes
//! (raw delivery, filter policies and their scope).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::filter::{self, Scope, Wording};
use super::{EFFECTIVE_DELIVERY_POLICY, PAGE, Sns, attribute_string, bool_attribute, check_topic_arn, invalid, subscription_not_found};
use crate::AwsError;
use crate::env::{ACCOUNT_ID, Env};
use crate::wire::Params;

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

#[derive(Debug)]
pub(super) struct Subscription {
    pub(super) arn: String,
    pub(super) topic_arn: String,
    pub(super) protocol: String,
    pub(super) endpoint: String,
    pub(super) confirmed: bool,
    pub(super) raw: bool,
    pub(super) scope: Scope,
    /// The `FilterPolicy` text as given, and its parsed form.
    pub(super) filter: Option<(String, Map<String, Value>)>,
    /// Other attributes as given (`DeliveryPolicy`, `RedrivePolicy`…), and an explicit
    /// `FilterPolicyScope`.
    pub(super) attributes: BTreeMap<String, String>,
}

impl Subscription {
    pub(super) fn listed_arn(&self) -> &str {
        if self.confirmed { &self.arn } else { "PendingConfirmation" }
    }

    pub(super) fn passes(&self, message: &str, attributes: &Map<String, Value>) -> bool {
        match &self.filter {
            None => true,
            Some((_, policy)) => match self.scope {
                Scope::MessageAttributes => filter::matches_attributes(policy, attributes),
                Scope::MessageBody => filter::matches_body(policy, message),
            },
        }
    }

    pub(super) fn attributes_json(&self) -> Value {
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

impl Sns {
    /// Applies one subscription attribute (shared by `Subscribe` and
    /// `SetSubscriptionAttributes`, which word their errors differently).
    pub(super) fn apply_subscription_attribute(sub: &mut Subscription, name: &str, value: &Value, w: Wording) -> Result<(), AwsError> {
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

    pub(super) fn subscribe(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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
    pub(super) fn unsubscribe(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
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

    pub(super) fn list_subscriptions(&self, p: Params<'_>, topic: Option<&str>) -> Result<Value, AwsError> {
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

    pub(super) fn set_subscription_attributes(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("SubscriptionArn")?;
        let name = p.str("AttributeName")?;
        let value = p.get("AttributeValue").cloned().unwrap_or(Value::String(String::new()));
        let sub = self.subscriptions.iter_mut().find(|s| s.arn == arn).ok_or_else(subscription_not_found)?;
        Self::apply_subscription_attribute(sub, name, &value, Wording::SET)?;
        Ok(json!({}))
    }
}
