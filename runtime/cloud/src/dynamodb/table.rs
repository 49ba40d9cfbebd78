//! A table: its key schema, secondary indexes, stream settings and items.
//!
//! Items are kept in a `BTreeMap` ordered by primary key, which is DynamoDB's order within a
//! partition; using it for Scan too makes every listing deterministic. Every write goes
//! through [`Table::write`], so the stream sees exactly the writes that changed an item.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::streams::{self, Stream};
use super::types::{Attr, Item, KeyVal, item_size};
use crate::AwsError;
use crate::env::Env;
use crate::wire;

/// A primary key: hash value and, for composite keys, range value.
pub(crate) type PrimaryKey = (KeyVal, Option<KeyVal>);

/// The message for a key element of the wrong name, number or type.
pub(crate) const KEY_MISMATCH: &str = "The provided key element does not match the schema";

/// The message for an empty string or binary key value.
pub(crate) fn empty_key(name: &str) -> AwsError {
    AwsError::validation(format!(
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: {name}"
    ))
}

/// Hash (partition) and optional range (sort) attribute names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeySchema {
    /// Partition key attribute.
    pub(crate) hash: String,
    /// Sort key attribute, if any.
    pub(crate) range: Option<String>,
}

impl KeySchema {
    /// The key attribute names, hash first.
    pub(crate) fn names(&self) -> Vec<&str> {
        std::iter::once(self.hash.as_str()).chain(self.range.as_deref()).collect()
    }

    /// As the `KeySchema` list of requests and responses.
    pub(crate) fn to_json(&self) -> Value {
        let mut v = vec![json!({"AttributeName": self.hash, "KeyType": "HASH"})];
        if let Some(r) = &self.range {
            v.push(json!({"AttributeName": r, "KeyType": "RANGE"}));
        }
        Value::Array(v)
    }
}

/// A global or local secondary index.
#[derive(Debug, Clone)]
pub(crate) struct SecondaryIndex {
    /// Index name.
    pub(crate) name: String,
    /// Global (own partition key) or local (the table's partition key).
    pub(crate) global: bool,
    /// The index's key schema.
    pub(crate) keys: KeySchema,
    /// The `Projection` as given (`ProjectionType`, `NonKeyAttributes`).
    pub(crate) projection: Value,
    /// The GSI's `ProvisionedThroughput`, if given.
    pub(crate) throughput: Option<Value>,
}

impl SecondaryIndex {
    /// Whether the item appears in the index (it has all of the index's key attributes).
    pub(crate) fn contains(&self, item: &Item) -> bool {
        self.keys.names().iter().all(|k| item.contains_key(*k))
    }

    /// The attributes the index stores of an item.
    pub(crate) fn project(&self, item: &Item, table_keys: &KeySchema) -> Item {
        let kind = self.projection.get("ProjectionType").and_then(Value::as_str).unwrap_or("ALL");
        if kind == "ALL" {
            return item.clone();
        }
        let mut keep: Vec<&str> = table_keys.names();
        keep.extend(self.keys.names());
        if kind == "INCLUDE"
            && let Some(extra) = self.projection.get("NonKeyAttributes").and_then(Value::as_array)
        {
            keep.extend(extra.iter().filter_map(Value::as_str));
        }
        item.iter().filter(|(k, _)| keep.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

/// One table.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Table name.
    pub(crate) name: String,
    /// `arn:aws:dynamodb:us-east-1:123456789012:table/NAME`.
    pub(crate) arn: String,
    /// `TableId` (a UUID).
    pub(crate) id: String,
    /// Primary key.
    pub(crate) keys: KeySchema,
    /// `AttributeDefinitions` as given.
    pub(crate) attr_defs: Value,
    /// Attribute name to type (`S`, `N`, `B`) from the definitions.
    pub(crate) attr_types: BTreeMap<String, String>,
    /// `PROVISIONED` or `PAY_PER_REQUEST`.
    pub(crate) billing_mode: String,
    /// Read and write capacity units (0 on demand).
    pub(crate) capacity: (i64, i64),
    /// Creation time, epoch ms.
    pub(crate) created_ms: i64,
    /// Secondary indexes, global first then local, in request order.
    pub(crate) indexes: Vec<SecondaryIndex>,
    /// The enabled stream, if any.
    pub(crate) stream: Option<Stream>,
    /// Label of the latest stream, kept after the stream is disabled (as DescribeTable shows).
    pub(crate) latest_stream_label: Option<String>,
    /// Time to live: attribute name and whether enabled.
    pub(crate) ttl: Option<(String, bool)>,
    /// `DeletionProtectionEnabled`.
    pub(crate) deletion_protection: bool,
    /// The items by primary key.
    pub(crate) items: BTreeMap<PrimaryKey, Item>,
}

impl Table {
    /// The type letter an attribute is defined with.
    pub(crate) fn attr_type(&self, name: &str) -> &str {
        self.attr_types.get(name).map_or("S", String::as_str)
    }

    /// The primary key of an item being written (PutItem, BatchWriteItem's PutRequest).
    pub(crate) fn item_key(&self, item: &Item) -> Result<PrimaryKey, AwsError> {
        let mut vals = Vec::new();
        for name in self.keys.names() {
            let v = item.get(name).ok_or_else(|| {
                AwsError::validation(format!(
                    "One or more parameter values were invalid: Missing the key {name} in the item"
                ))
            })?;
            let expected = self.attr_type(name);
            if v.type_code() != expected {
                return Err(AwsError::validation(format!(
                    "One or more parameter values were invalid: Type mismatch for key {name} expected: {expected} actual: {}",
                    v.type_code()
                )));
            }
            vals.push((name, v));
        }
        self.finish_key(vals)
    }

    /// The primary key named by a `Key` parameter (GetItem, UpdateItem, DeleteItem…): exactly
    /// the key attributes, with the defined types.
    pub(crate) fn key_param(&self, key: &Item) -> Result<PrimaryKey, AwsError> {
        let names = self.keys.names();
        for name in &names {
            if matches!(key.get(*name), Some(Attr::S(s)) if s.is_empty())
                || matches!(key.get(*name), Some(Attr::B(b)) if b.is_empty())
            {
                return Err(empty_key(name));
            }
        }
        if key.len() != names.len() {
            return Err(AwsError::validation(KEY_MISMATCH));
        }
        let mut vals = Vec::new();
        for name in names {
            let v = key.get(name).ok_or_else(|| AwsError::validation(KEY_MISMATCH))?;
            if v.type_code() != self.attr_type(name) {
                return Err(AwsError::validation(KEY_MISMATCH));
            }
            vals.push((name, v));
        }
        self.finish_key(vals)
    }

    fn finish_key(&self, vals: Vec<(&str, &Attr)>) -> Result<PrimaryKey, AwsError> {
        for (name, v) in &vals {
            if matches!(v, Attr::S(s) if s.is_empty()) || matches!(v, Attr::B(b) if b.is_empty()) {
                return Err(empty_key(name));
            }
        }
        let hash = vals[0].1;
        if hash.size() > 2048 {
            return Err(AwsError::validation(
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
            ));
        }
        if let Some((_, r)) = vals.get(1)
            && r.size() > 1024
        {
            return Err(AwsError::validation(
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
            ));
        }
        let key = |v: &Attr| v.as_key().ok_or_else(|| AwsError::validation(KEY_MISMATCH));
        Ok((key(hash)?, vals.get(1).map(|(_, v)| key(v)).transpose()?))
    }

    /// The key attributes of a primary key, as an item.
    pub(crate) fn key_item(&self, pk: &PrimaryKey) -> Item {
        let mut out = Item::new();
        out.insert(self.keys.hash.clone(), pk.0.to_attr());
        if let (Some(r), Some(v)) = (&self.keys.range, &pk.1) {
            out.insert(r.clone(), v.to_attr());
        }
        out
    }

    /// Refuses index key attributes of the wrong type or empty, as DynamoDB does on writes.
    pub(crate) fn check_index_keys(&self, item: &Item) -> Result<(), AwsError> {
        for index in &self.indexes {
            for name in index.keys.names() {
                let Some(v) = item.get(name) else { continue };
                let expected = self.attr_type(name);
                if v.type_code() != expected {
                    return Err(AwsError::validation(format!(
                        "One or more parameter values were invalid: Type mismatch for Index Key {name} Expected: {expected} Actual: {} IndexName: {}",
                        v.type_code(),
                        index.name
                    )));
                }
                if matches!(v, Attr::S(s) if s.is_empty()) || matches!(v, Attr::B(b) if b.is_empty()) {
                    return Err(AwsError::validation(format!(
                        "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: {}, IndexKey: {name}",
                        index.name
                    )));
                }
            }
        }
        Ok(())
    }

    /// The index named `name`.
    pub(crate) fn index(&self, name: &str) -> Result<&SecondaryIndex, AwsError> {
        self.indexes
            .iter()
            .find(|i| i.name == name)
            .ok_or_else(|| AwsError::validation(format!("The table does not have the specified index: {name}")))
    }

    /// Stores (`Some`) or deletes (`None`) the item at `pk`, appending a stream record when
    /// the item changed. Returns the previous item.
    pub(crate) fn write(&mut self, pk: PrimaryKey, new: Option<Item>, env: &mut Env<'_>) -> Option<Item> {
        let old = match &new {
            Some(item) => self.items.insert(pk.clone(), item.clone()),
            None => self.items.remove(&pk),
        };
        if old != new {
            let keys = self.key_item(&pk);
            let arn = self.stream_arn();
            if let (Some(stream), Some(arn)) = (self.stream.as_mut(), arn) {
                stream.record(&arn, keys, old.as_ref(), new.as_ref(), env);
            }
        }
        old
    }

    /// The ARN of the enabled stream.
    pub(crate) fn stream_arn(&self) -> Option<String> {
        let stream = self.stream.as_ref()?;
        Some(format!("{}/stream/{}", self.arn, stream.label))
    }

    /// Total size of the items.
    pub(crate) fn size_bytes(&self) -> usize {
        self.items.values().map(item_size).sum()
    }

    /// The `TableDescription` / `Table` of responses (with `WarmThroughput`, which DynamoDB
    /// reports since November 2024: the provisioned capacity, or 12,000 reads and 4,000
    /// writes per second on demand, as moto 5.2.5 gives it).
    pub(crate) fn describe(&self, status: &str) -> Value {
        let mut d = json!({
            "AttributeDefinitions": self.attr_defs,
            "TableName": self.name,
            "KeySchema": self.keys.to_json(),
            "TableStatus": status,
            "CreationDateTime": wire::timestamp(self.created_ms),
            "ProvisionedThroughput": {
                "NumberOfDecreasesToday": 0,
                "ReadCapacityUnits": self.capacity.0,
                "WriteCapacityUnits": self.capacity.1,
            },
            "TableSizeBytes": self.size_bytes(),
            "ItemCount": self.items.len(),
            "TableArn": self.arn,
            "TableId": self.id,
            "BillingModeSummary": {"BillingMode": self.billing_mode},
            "DeletionProtectionEnabled": self.deletion_protection,
        });
        if self.billing_mode == "PAY_PER_REQUEST" {
            d["BillingModeSummary"]["LastUpdateToPayPerRequestDateTime"] = wire::timestamp(self.created_ms);
        }
        d["WarmThroughput"] = warm_throughput(self.capacity.0, self.capacity.1);
        let describe_index = |i: &SecondaryIndex| {
            let members: Vec<&Item> = self.items.values().filter(|it| i.contains(it)).collect();
            let mut v = json!({
                "IndexName": i.name,
                "KeySchema": i.keys.to_json(),
                "Projection": i.projection,
                "IndexSizeBytes": members.iter().map(|it| item_size(&i.project(it, &self.keys))).sum::<usize>(),
                "ItemCount": members.len(),
                "IndexArn": format!("{}/index/{}", self.arn, i.name),
            });
            if i.global {
                v["IndexStatus"] = json!("ACTIVE");
                let t =
                    i.throughput.clone().unwrap_or_else(|| json!({"ReadCapacityUnits": 0, "WriteCapacityUnits": 0}));
                v["ProvisionedThroughput"] = json!({
                    "NumberOfDecreasesToday": 0,
                    "ReadCapacityUnits": t.get("ReadCapacityUnits").cloned().unwrap_or(json!(0)),
                    "WriteCapacityUnits": t.get("WriteCapacityUnits").cloned().unwrap_or(json!(0)),
                });
                let units = |name: &str| t.get(name).and_then(Value::as_i64).unwrap_or(0);
                v["WarmThroughput"] = warm_throughput(units("ReadCapacityUnits"), units("WriteCapacityUnits"));
            }
            v
        };
        let gsis: Vec<Value> = self.indexes.iter().filter(|i| i.global).map(describe_index).collect();
        let lsis: Vec<Value> = self.indexes.iter().filter(|i| !i.global).map(describe_index).collect();
        if !gsis.is_empty() {
            d["GlobalSecondaryIndexes"] = Value::Array(gsis);
        }
        if !lsis.is_empty() {
            d["LocalSecondaryIndexes"] = Value::Array(lsis);
        }
        if let Some(s) = &self.stream {
            d["StreamSpecification"] = json!({"StreamEnabled": true, "StreamViewType": s.view_type});
        }
        if let Some(label) = &self.latest_stream_label {
            d["LatestStreamLabel"] = json!(label);
            d["LatestStreamArn"] = json!(format!("{}/stream/{label}", self.arn));
        }
        d
    }

    /// The table as the cloud snapshot shows it.
    pub(crate) fn snapshot(&self) -> Value {
        json!({
            "KeySchema": self.keys.to_json(),
            "AttributeDefinitions": self.attr_defs,
            "StreamSpecification": self
                .stream
                .as_ref()
                .map_or(Value::Null, |s| json!({"StreamEnabled": true, "StreamViewType": s.view_type})),
            "Items": self.items.values().map(super::types::map_to_json).collect::<Vec<_>>(),
        })
    }

    /// Starts a stream (CreateTable or UpdateTable with `StreamEnabled`).
    pub(crate) fn enable_stream(&mut self, view_type: &str, now_ms: i64) {
        let label = streams::label(now_ms);
        self.latest_stream_label = Some(label.clone());
        self.stream = Some(Stream::new(view_type, label));
    }
}

/// `WarmThroughput` of a table or GSI with provisioned `(read, write)` capacity (0 on demand).
fn warm_throughput(read: i64, write: i64) -> Value {
    let (read, write) = if read > 0 || write > 0 { (read, write) } else { (12_000, 4_000) };
    json!({"ReadUnitsPerSecond": read, "WriteUnitsPerSecond": write, "Status": "ACTIVE"})
}
