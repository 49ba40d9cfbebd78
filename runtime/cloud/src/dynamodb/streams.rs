//! DynamoDB Streams: one record per write that changed an item, shaped exactly as the
//! `Records` entries of the Lambda event a Streams event source mapping delivers.
//!
//! The lab runner drains them with [`super::DynamoDb::take_stream_records`] and batches them
//! into Lambda events, so the records are built here once, in their final form.

use serde_json::{Value, json};

use super::types::{Item, item_size, map_to_json};
use crate::env::{Env, REGION, iso_millis};

/// An enabled stream and the records not yet taken.
#[derive(Debug, Clone)]
pub(crate) struct Stream {
    /// `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE` or `NEW_AND_OLD_IMAGES`.
    pub(crate) view_type: String,
    /// The stream label (creation time, ISO 8601 without zone), last part of the ARN.
    pub(crate) label: String,
    /// Records written since the last take.
    pub(crate) records: Vec<Value>,
    /// The last sequence number handed out.
    last_sequence: u128,
}

/// The valid `StreamViewType`s.
pub(crate) const VIEW_TYPES: [&str; 4] = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"];

/// A stream label as AWS writes them: `2026-01-15T12:00:00.000`.
pub(crate) fn label(now_ms: i64) -> String {
    iso_millis(now_ms).trim_end_matches('Z').to_owned()
}

impl Stream {
    /// A new, empty stream.
    pub(crate) fn new(view_type: &str, label: String) -> Stream {
        Stream {
            view_type: view_type.to_owned(),
            label,
            records: Vec::new(),
            last_sequence: 100_000_000_000_000_000_000,
        }
    }

    /// Appends the record of one change: `old` → `new` (either may be absent, not both).
    pub(crate) fn record(&mut self, arn: &str, keys: Item, old: Option<&Item>, new: Option<&Item>, env: &mut Env<'_>) {
        let event_name = match (old, new) {
            (None, _) => "INSERT",
            (Some(_), None) => "REMOVE",
            (Some(_), Some(_)) => "MODIFY",
        };
        self.last_sequence += 1;
        let mut size = item_size(&keys);
        let mut data = json!({
            "ApproximateCreationDateTime": env.now_ms.div_euclid(1000),
            "Keys": map_to_json(&keys),
            "SequenceNumber": self.last_sequence.to_string(),
            "StreamViewType": self.view_type,
        });
        let view = self.view_type.as_str();
        if let Some(new) = new.filter(|_| matches!(view, "NEW_IMAGE" | "NEW_AND_OLD_IMAGES")) {
            data["NewImage"] = map_to_json(new);
            size += item_size(new);
        }
        if let Some(old) = old.filter(|_| matches!(view, "OLD_IMAGE" | "NEW_AND_OLD_IMAGES")) {
            data["OldImage"] = map_to_json(old);
            size += item_size(old);
        }
        data["SizeBytes"] = json!(size);
        self.records.push(json!({
            "eventID": env.ids.hex(32),
            "eventName": event_name,
            "eventVersion": "1.1",
            "eventSource": "aws:dynamodb",
            "awsRegion": REGION,
            "dynamodb": data,
            "eventSourceARN": arn,
        }));
    }
}
