//! Bucket notification configurations and the event records S3 sends.
//!
//! The record is AWS's `Records[]` entry (event version 2.1). Its `s3.object.key` is
//! URL-encoded the way S3 does it: form encoding (space → `+`, `+` → `%2B`, UTF-8 bytes of
//! other characters as upper-case `%XX`) that leaves `/` alone, as AWS notifications show
//! (`folder/my+file.jpg`); the unreserved set is that of Java's `URLEncoder`
//! (`A-Z a-z 0-9 . - _ *`). `urllib.parse.unquote_plus` gives the key back exactly.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use crate::AwsError;
use crate::env::{Effect, Env, iso_millis};

/// The principal of every request in the mock account (an IAM user id).
const REQUESTER_PRINCIPAL: &str = "AWS:AIDAJLABBOOKMOCKUSER1";
/// The bucket owner's id as S3 events show it.
const OWNER_PRINCIPAL: &str = "A3LABBOOKOWNER";

/// Event types a configuration may name (botocore's `Event` enum).
const VALID_EVENTS: &[&str] = &[
    "s3:ReducedRedundancyLostObject",
    "s3:ObjectCreated:*",
    "s3:ObjectCreated:Put",
    "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy",
    "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*",
    "s3:ObjectRemoved:Delete",
    "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*",
    "s3:ObjectRestore:Post",
    "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:Replication:*",
    "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationNotTracked",
    "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:LifecycleTransition",
    "s3:IntelligentTiering",
    "s3:ObjectAcl:Put",
    "s3:LifecycleExpiration:*",
    "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:ObjectTagging:*",
    "s3:ObjectTagging:Put",
    "s3:ObjectTagging:Delete",
];

/// URL-encodes an object key as S3 event notifications (and `EncodingType=url` listings) do.
pub(crate) fn url_encode(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for b in key.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'*' | b'/' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Form-decodes a filter value (AWS: special characters in filter values are given
/// URL-encoded, a space as `+`). Invalid escapes are kept literally.
pub(super) fn url_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The destination service of a configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Topic,
    Queue,
    Lambda,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Topic, Kind::Queue, Kind::Lambda];

    fn list_member(self) -> &'static str {
        match self {
            Kind::Topic => "TopicConfigurations",
            Kind::Queue => "QueueConfigurations",
            Kind::Lambda => "LambdaFunctionConfigurations",
        }
    }

    fn arn_member(self) -> &'static str {
        match self {
            Kind::Topic => "TopicArn",
            Kind::Queue => "QueueArn",
            Kind::Lambda => "LambdaFunctionArn",
        }
    }

    fn arn_prefix(self) -> &'static str {
        match self {
            Kind::Topic => "arn:aws:sns:",
            Kind::Queue => "arn:aws:sqs:",
            Kind::Lambda => "arn:aws:lambda:",
        }
    }
}

/// One configuration: where to send which events for which keys.
#[derive(Debug, Clone)]
pub(super) struct Target {
    kind: Kind,
    id: String,
    arn: String,
    events: Vec<String>,
    /// `(name, value)` as given, name lower-cased; values still URL-encoded.
    rules: Vec<(String, String)>,
    prefix: String,
    suffix: String,
}

impl Target {
    fn matches_event(&self, event: &str) -> bool {
        // `event` is e.g. "ObjectCreated:Put"; configurations name "s3:ObjectCreated:Put" or
        // "s3:ObjectCreated:*".
        let family = event.split(':').next().unwrap_or(event);
        self.events.iter().any(|e| {
            let e = e.strip_prefix("s3:").unwrap_or(e);
            e == event || e.strip_suffix(":*") == Some(family)
        })
    }

    fn matches_key(&self, key: &str) -> bool {
        key.starts_with(&self.prefix) && key.ends_with(&self.suffix)
    }
}

/// A bucket's notification configuration.
#[derive(Debug, Clone, Default)]
pub(super) struct NotificationConfig {
    targets: Vec<Target>,
    event_bridge: bool,
}

fn arg_error(message: &str) -> AwsError {
    AwsError::new("InvalidArgument", message, 400)
}

/// Two event names overlap when equal or when one is the other's `:*` family.
fn events_overlap(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let family = |e: &str| e.strip_suffix(":*").map(str::to_owned);
    let within = |wild: &str, e: &str| family(wild).is_some_and(|f| e.starts_with(&format!("{f}:")));
    within(a, b) || within(b, a)
}

/// AWS rejects two configurations that could both fire for one event.
fn targets_overlap(a: &Target, b: &Target) -> bool {
    let events = a.events.iter().any(|x| b.events.iter().any(|y| events_overlap(x, y)));
    let prefixes = a.prefix.starts_with(&b.prefix) || b.prefix.starts_with(&a.prefix);
    let suffixes = a.suffix.ends_with(&b.suffix) || b.suffix.ends_with(&a.suffix);
    events && prefixes && suffixes
}

impl NotificationConfig {
    /// Parses and validates `NotificationConfiguration` as `PutBucketNotificationConfiguration`
    /// receives it; configurations without an `Id` get one the way S3 makes them (base64 of
    /// a UUID).
    pub(super) fn parse(config: &Map<String, Value>, env: &mut Env<'_>) -> Result<NotificationConfig, AwsError> {
        let mut targets = Vec::new();
        for kind in Kind::ALL {
            let Some(list) = config.get(kind.list_member()).filter(|v| !v.is_null()) else {
                continue;
            };
            let list = list.as_array().ok_or_else(|| AwsError::validation(format!("Invalid type for parameter NotificationConfiguration.{}", kind.list_member())))?;
            for item in list {
                targets.push(parse_target(kind, item, env)?);
            }
        }
        for (i, a) in targets.iter().enumerate() {
            if targets[..i].iter().any(|b| targets_overlap(a, b)) {
                return Err(arg_error("Configurations overlap. Configurations on the same bucket cannot share a common event type."));
            }
        }
        let event_bridge = config.get("EventBridgeConfiguration").is_some_and(|v| !v.is_null());
        Ok(NotificationConfig { targets, event_bridge })
    }

    /// The configuration as `GetBucketNotificationConfiguration` returns it: only the
    /// non-empty lists, filter rule names capitalised (`Prefix`, `Suffix`) as AWS returns them.
    pub(super) fn to_json(&self) -> Value {
        let mut out = Map::new();
        for kind in Kind::ALL {
            let items: Vec<Value> = self
                .targets
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| {
                    let mut item = json!({"Id": t.id, kind.arn_member(): t.arn, "Events": t.events});
                    if !t.rules.is_empty() {
                        let rules: Vec<Value> = t
                            .rules
                            .iter()
                            .map(|(name, value)| {
                                let name = if name == "prefix" { "Prefix" } else { "Suffix" };
                                json!({"Name": name, "Value": value})
                            })
                            .collect();
                        item["Filter"] = json!({"Key": {"FilterRules": rules}});
                    }
                    item
                })
                .collect();
            if !items.is_empty() {
                out.insert(kind.list_member().to_owned(), Value::Array(items));
            }
        }
        if self.event_bridge {
            out.insert("EventBridgeConfiguration".to_owned(), json!({}));
        }
        Value::Object(out)
    }

    /// Configurations that fire for `event` (`ObjectCreated:Put`…) on `key`.
    pub(super) fn matching<'a>(&'a self, event: &'a str, key: &'a str) -> impl Iterator<Item = &'a Target> + 'a {
        self.targets.iter().filter(move |t| t.matches_event(event) && t.matches_key(key))
    }
}

fn parse_target(kind: Kind, item: &Value, env: &mut Env<'_>) -> Result<Target, AwsError> {
    let arn = item.get(kind.arn_member()).and_then(Value::as_str).unwrap_or("");
    if !arn.starts_with(kind.arn_prefix()) || arn.split(':').count() < 6 {
        return Err(arg_error("The ARN is not well formed"));
    }
    let events: Vec<String> = item
        .get("Events")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    if events.is_empty() {
        return Err(AwsError::new(
            "MalformedXML",
            "The XML you provided was not well-formed or did not validate against our published schema",
            400,
        ));
    }
    for event in &events {
        if !VALID_EVENTS.contains(&event.as_str()) {
            return Err(arg_error("The event is not supported for notifications").with_error_fields(json!({"ArgumentName": "Event", "ArgumentValue": event})));
        }
    }
    let mut rules = Vec::new();
    let (mut prefix, mut suffix) = (None, None);
    let raw_rules = item.pointer("/Filter/Key/FilterRules").and_then(Value::as_array).cloned().unwrap_or_default();
    for rule in &raw_rules {
        let name = rule.get("Name").and_then(Value::as_str).unwrap_or("");
        let value = rule.get("Value").and_then(Value::as_str).unwrap_or("");
        let lower = name.to_ascii_lowercase();
        let slot = match lower.as_str() {
            "prefix" => &mut prefix,
            "suffix" => &mut suffix,
            _ => {
                return Err(arg_error("filter rule name must be either prefix or suffix")
                    .with_error_fields(json!({"ArgumentName": "FilterRule.Name", "ArgumentValue": name})));
            }
        };
        if slot.is_some() {
            return Err(arg_error(&format!("Cannot specify more than one {lower} rule in a filter."))
                .with_error_fields(json!({"ArgumentName": "FilterRule.Name", "ArgumentValue": name})));
        }
        *slot = Some(url_decode(value));
        rules.push((lower, value.to_owned()));
    }
    let id = match item.get("Id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => id.to_owned(),
        _ => STANDARD.encode(env.ids.uuid()),
    };
    Ok(Target {
        kind,
        id,
        arn: arn.to_owned(),
        events,
        rules,
        prefix: prefix.unwrap_or_default(),
        suffix: suffix.unwrap_or_default(),
    })
}

/// One event, before it becomes a record per matching configuration.
pub(super) struct EventInfo<'a> {
    pub(super) bucket: &'a str,
    pub(super) region: &'a str,
    /// `ObjectCreated:Put`, `ObjectCreated:Copy`, `ObjectRemoved:Delete`.
    pub(super) event: &'a str,
    pub(super) key: &'a str,
    /// Size and unquoted ETag (absent for removals).
    pub(super) object: Option<(usize, String)>,
    pub(super) sequencer: String,
}

/// The `Records[]` entry S3 sends for `info` to a configuration with id `configuration_id`.
pub(super) fn record(info: &EventInfo<'_>, configuration_id: &str, request_id: &str, id2: &str, now_ms: i64) -> Value {
    let mut object = json!({"key": url_encode(info.key), "sequencer": info.sequencer});
    if let Some((size, etag)) = &info.object {
        object["size"] = json!(size);
        object["eTag"] = json!(etag);
    }
    json!({
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": info.region,
        "eventTime": iso_millis(now_ms),
        "eventName": info.event,
        "userIdentity": {"principalId": REQUESTER_PRINCIPAL},
        "requestParameters": {"sourceIPAddress": "127.0.0.1"},
        "responseElements": {"x-amz-request-id": request_id, "x-amz-id-2": id2},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": configuration_id,
            "bucket": {
                "name": info.bucket,
                "ownerIdentity": {"principalId": OWNER_PRINCIPAL},
                "arn": format!("arn:aws:s3:::{}", info.bucket),
            },
            "object": object,
        },
    })
}

/// Pushes one [`Effect::S3Notification`] per target (all from the same request, so they
/// share the request ids).
pub(super) fn push_effects(targets: &[Target], info: &EventInfo<'_>, env: &mut Env<'_>) {
    let request_id = env.ids.hex(16).to_ascii_uppercase();
    let id2_bytes: Vec<u8> = (0..7).flat_map(|_| env.ids.next_u64().to_be_bytes()).collect();
    let id2 = STANDARD.encode(id2_bytes);
    for target in targets {
        let record = record(info, &target.id, &request_id, &id2, env.now_ms);
        env.effects.push(Effect::S3Notification { target_arn: target.arn.clone(), record });
    }
}
