//! A queue's state: its messages (with their receive counts and visibility), its settable
//! attributes and tags, and the FIFO deduplication ids it remembers.

use std::collections::BTreeMap;

use super::attributes::{Attr, AttrValue, Attrs};
use super::queue_arn;

const FIRST_SEQUENCE_NUMBER: u128 = 18_849_496_460_467_696_128;

#[derive(Debug, Clone)]
pub(super) struct Message {
    pub(super) id: String,
    pub(super) body: String,
    pub(super) attributes: Attrs,
    pub(super) system_attributes: Attrs,
    pub(super) sender_id: String,
    pub(super) sent_ms: i64,
    /// Receivable from this time on (end of the delay, then of each visibility timeout).
    pub(super) available_ms: i64,
    pub(super) receive_count: u32,
    pub(super) first_receive_ms: Option<i64>,
    pub(super) receipt_handle: Option<String>,
    pub(super) group_id: Option<String>,
    pub(super) dedup_id: Option<String>,
    pub(super) sequence_number: Option<String>,
    pub(super) dlq_source_arn: Option<String>,
}

impl Message {
    pub(super) fn available(&self, now: i64) -> bool {
        now >= self.available_ms
    }

    pub(super) fn in_flight(&self, now: i64) -> bool {
        self.receive_count > 0 && !self.available(now)
    }

    pub(super) fn delayed(&self, now: i64) -> bool {
        self.receive_count == 0 && !self.available(now)
    }

    /// The system attributes a receive with `All` returns, as strings.
    pub(super) fn system_attributes(&self) -> BTreeMap<&'static str, String> {
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
pub(super) struct DedupEntry {
    pub(super) key: String,
    pub(super) at_ms: i64,
    pub(super) message_id: String,
    pub(super) sequence_number: Option<String>,
}

#[derive(Debug)]
pub(super) struct Queue {
    pub(super) name: String,
    pub(super) fifo: bool,
    /// Settable attributes, normalised strings (absent = unset).
    pub(super) attributes: BTreeMap<String, String>,
    pub(super) created_ms: i64,
    pub(super) modified_ms: i64,
    pub(super) messages: Vec<Message>,
    pub(super) tags: BTreeMap<String, String>,
    pub(super) dedup: Vec<DedupEntry>,
    pub(super) sequence: u64,
    pub(super) last_purge_ms: Option<i64>,
}

impl Queue {
    pub(super) fn new(name: &str, fifo: bool, now: i64) -> Queue {
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

    pub(super) fn arn(&self) -> String {
        queue_arn(&self.name)
    }

    /// The current value of a settable attribute, as `GetQueueAttributes` would give it.
    pub(super) fn attribute(&self, name: &str) -> Option<String> {
        if name == "FifoQueue" {
            return Some(self.fifo.to_string());
        }
        self.attributes.get(name).cloned()
    }

    pub(super) fn number(&self, name: &str) -> i64 {
        self.attributes.get(name).and_then(|v| v.parse().ok()).unwrap_or(0)
    }


    pub(super) fn expired(&self, m: &Message, now: i64) -> bool {
        m.sent_ms + self.number("MessageRetentionPeriod") * 1000 <= now
    }

    /// Drops messages past the retention period.
    pub(super) fn expire(&mut self, now: i64) {
        let retention_ms = self.number("MessageRetentionPeriod") * 1000;
        self.messages.retain(|m| m.sent_ms + retention_ms > now);
    }

    pub(super) fn live(&self, now: i64) -> impl Iterator<Item = &Message> {
        self.messages.iter().filter(move |m| !self.expired(m, now))
    }

    /// Everything `GetQueueAttributes` with `All` returns, at `now`.
    pub(super) fn all_attributes(&self, now: i64) -> BTreeMap<String, String> {
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

    pub(super) fn next_sequence_number(&mut self) -> String {
        self.sequence += 1;
        (FIRST_SEQUENCE_NUMBER + u128::from(self.sequence) * 65_536).to_string()
    }
}
