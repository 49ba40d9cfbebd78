//! Topics: CreateTopic, DeleteTopic, ListTopics and the topic attributes.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::subscriptions::Subscription;
use super::{EFFECTIVE_DELIVERY_POLICY, PAGE, Sns, attribute_string, bool_attribute, check_topic_arn, invalid};
use crate::AwsError;
use crate::env::{ACCOUNT_ID, REGION};
use crate::wire::Params;

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

#[derive(Debug)]
pub(super) struct Topic {
    pub(super) arn: String,
    pub(super) name: String,
    pub(super) fifo: bool,
    /// Settable attributes, as strings.
    pub(super) attributes: BTreeMap<String, String>,
    pub(super) tags: Vec<Value>,
    pub(super) deleted_subscriptions: u64,
    pub(super) sequence: u128,
    /// FIFO deduplication: id → (time, message id, sequence number).
    pub(super) dedup: BTreeMap<String, (i64, String, String)>,
}

impl Topic {
    pub(super) fn content_based_dedup(&self) -> bool {
        self.attributes.get("ContentBasedDeduplication").is_some_and(|v| v == "true")
    }

    pub(super) fn signature_version(&self) -> String {
        self.attributes.get("SignatureVersion").cloned().unwrap_or_else(|| "1".into())
    }

    /// The default access policy, as the compact JSON text SNS returns, members in SNS's order
    /// (written out by hand: serde_json's maps would sort the keys).
    pub(super) fn default_policy(&self) -> String {
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

impl Sns {
    pub(super) fn topic_attributes(&self, t: &Topic) -> Value {
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

    pub(super) fn create_topic(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
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

    pub(super) fn delete_topic(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("TopicArn")?;
        check_topic_arn(arn, "TopicArn")?;
        // Deleting a topic that does not exist is not an error.
        self.topics.retain(|t| t.arn != arn);
        self.subscriptions.retain(|s| s.topic_arn != arn);
        Ok(json!({}))
    }

    pub(super) fn list_topics(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let start = Self::page_start(p)?;
        let topics: Vec<Value> = self.topics.iter().skip(start).take(PAGE).map(|t| json!({"TopicArn": t.arn})).collect();
        let mut out = json!({"Topics": topics});
        if start + PAGE < self.topics.len() {
            out["NextToken"] = json!((start + PAGE).to_string());
        }
        Ok(out)
    }

    pub(super) fn get_topic_attributes(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("TopicArn")?;
        check_topic_arn(arn, "TopicArn")?;
        let topic = self.topic(arn)?;
        Ok(json!({"Attributes": self.topic_attributes(topic)}))
    }

    pub(super) fn set_topic_attributes(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
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

}
