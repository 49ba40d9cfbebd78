//! Amazon SNS: topics (standard and FIFO), subscriptions with filter policies and raw
//! delivery, and publishing, answering like AWS.
//!
//! Publishing pushes one [`Effect::SnsDelivery`](crate::Effect::SnsDelivery) per confirmed
//! `sqs`/`lambda` subscription whose filter policy passes. For SQS the payload is the body
//! SNS puts on the queue: the JSON envelope, laid out byte for byte as SNS writes it
//! (two-space indent, `"Key" : value`,
//! `SigningCertURL`/`UnsubscribeURL`), or the bare message with raw delivery. For Lambda it
//! is the `Records[]` entry of the SNS event, whose `Sns` object spells `SigningCertUrl` and
//! `UnsubscribeUrl` and always has `Subject` (null when unset) and `MessageAttributes`.
//! Email, HTTP(S) and the other protocols are recorded, never delivered; email and HTTP(S)
//! subscriptions stay "pending confirmation".
//!
//! The service is split by job: `topics`, `subscriptions` (with `filter`, the filter
//! policies), `publish` (validating what is published) and `delivery` (what each
//! subscription receives).

mod delivery;
mod filter;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod publish;
mod subscriptions;
#[cfg(test)]
mod tests;
mod topics;

use serde_json::{Value, json};

use crate::AwsError;
use crate::env::{Env, REGION};
use crate::wire::Params;

use publish::Published;
use subscriptions::Subscription;
use topics::Topic;

/// Page size of the list operations.
const PAGE: usize = 100;

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

/// The mock SNS.
#[derive(Debug, Default)]
pub struct Sns {
    topics: Vec<Topic>,
    subscriptions: Vec<Subscription>,
    messages: Vec<Published>,
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

    fn page_start(p: Params<'_>) -> Result<usize, AwsError> {
        match p.opt_str("NextToken") {
            None => Ok(0),
            Some(token) => token.parse().map_err(|_| invalid("Invalid parameter: NextToken")),
        }
    }

}
