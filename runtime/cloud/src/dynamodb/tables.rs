//! Table management: CreateTable, DescribeTable, DeleteTable, ListTables, UpdateTable and
//! time to live. Validation mirrors moto's `_validate_table_creation`, whose messages are
//! DynamoDB's.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::streams::VIEW_TYPES;
use super::table::{KeySchema, SecondaryIndex, Table};
use super::{DynamoDb, not_found};
use crate::AwsError;
use crate::env::{ACCOUNT_ID, Env, REGION};
use crate::wire::Params;

/// Reads a `KeySchema` list; `position` is the request path used in enum errors.
fn key_schema(list: &[Value], position: &str) -> Result<KeySchema, AwsError> {
    for (i, k) in list.iter().enumerate() {
        let key_type = k.get("KeyType").and_then(Value::as_str).unwrap_or_default();
        if key_type != "HASH" && key_type != "RANGE" {
            return Err(AwsError::validation(format!(
                "1 validation error detected: Value '{key_type}' at '{position}.{}.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]",
                i + 1
            )));
        }
    }
    let name = |k: &Value| k.get("AttributeName").and_then(Value::as_str).unwrap_or_default().to_owned();
    let kind = |k: &Value| k.get("KeyType").and_then(Value::as_str).unwrap_or_default().to_owned();
    if list.len() > 2 {
        let shown: Vec<String> =
            list.iter().map(|k| format!("KeySchemaElement(attributeName={}, keyType={})", name(k), kind(k))).collect();
        return Err(AwsError::validation(format!(
            "1 validation error detected: Value '[{}]' at '{position}' failed to satisfy constraint: Member must have length less than or equal to 2",
            shown.join(", ")
        )));
    }
    let Some(first) = list.first() else {
        return Err(AwsError::validation(format!(
            "1 validation error detected: Value '[]' at '{position}' failed to satisfy constraint: Member must have length greater than or equal to 1"
        )));
    };
    if kind(first) != "HASH" {
        return Err(AwsError::validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type"));
    }
    let range = match list.get(1) {
        Some(second) if kind(second) != "RANGE" => {
            return Err(AwsError::validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"));
        }
        Some(second) => Some(name(second)),
        None => None,
    };
    Ok(KeySchema { hash: name(first), range })
}

/// `[a, b]` as moto (Python's list repr without quotes) prints attribute lists.
fn dump_list(list: &[String]) -> String {
    format!("[{}]", list.join(", "))
}

/// Checks `AttributeDefinitions` against the attributes the key schemas use.
fn check_attribute_definitions(actual: &[String], expected: &[String], indexes: bool) -> Result<(), AwsError> {
    if actual == expected {
        return Ok(());
    }
    let head = "One or more parameter values were invalid: ";
    let missing: Vec<String> = expected.iter().filter(|e| !actual.contains(e)).cloned().collect();
    let msg = if actual.len() > expected.len() {
        if indexes {
            format!(
                "{head}Some AttributeDefinitions are not used. AttributeDefinitions: {}, keys used: {}",
                dump_list(actual),
                dump_list(expected)
            )
        } else {
            format!(
                "{head}Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
            )
        }
    } else if actual.len() < expected.len() && !indexes {
        "Invalid KeySchema: Some index key attribute have no definition".to_owned()
    } else if indexes {
        format!(
            "{head}Some index key attributes are not defined in AttributeDefinitions. Keys: {}, AttributeDefinitions: {}",
            dump_list(&missing),
            dump_list(actual)
        )
    } else {
        format!(
            "{head}Some index key attributes are not defined in AttributeDefinitions. Keys: {}, AttributeDefinitions: {}",
            dump_list(expected),
            dump_list(actual)
        )
    };
    Err(AwsError::validation(msg))
}

fn capacity(t: Option<&Value>) -> (i64, i64) {
    let get = |k: &str| t.and_then(|t| t.get(k)).and_then(Value::as_i64).unwrap_or(0);
    (get("ReadCapacityUnits"), get("WriteCapacityUnits"))
}

/// Reads a `StreamSpecification`: `Some(view type)` when it enables a stream.
fn stream_spec(spec: Option<&Value>) -> Result<Option<String>, AwsError> {
    let Some(spec) = spec.filter(|s| !s.is_null()) else { return Ok(None) };
    if spec.get("StreamEnabled").and_then(Value::as_bool) != Some(true) {
        return Ok(None);
    }
    match spec.get("StreamViewType").and_then(Value::as_str) {
        Some(v) if VIEW_TYPES.contains(&v) => Ok(Some(v.to_owned())),
        Some(v) => Err(AwsError::validation(format!(
            "1 validation error detected: Value '{v}' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]"
        ))),
        // Not checked against AWS's exact wording; AWS refuses an enabled stream without a view type.
        None => Err(AwsError::validation(
            "One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true",
        )),
    }
}

fn secondary_index(v: &Value, global: bool, position: &str) -> Result<SecondaryIndex, AwsError> {
    let keys = key_schema(v.get("KeySchema").and_then(Value::as_array).map_or(&[][..], Vec::as_slice), position)?;
    Ok(SecondaryIndex {
        name: v.get("IndexName").and_then(Value::as_str).unwrap_or_default().to_owned(),
        global,
        keys,
        projection: v.get("Projection").cloned().unwrap_or_else(|| json!({"ProjectionType": "ALL"})),
        throughput: v.get("ProvisionedThroughput").cloned(),
    })
}

impl DynamoDb {
    pub(super) fn create_table(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = p.str("TableName")?;
        let billing_mode =
            if p.opt_str("BillingMode") == Some("PAY_PER_REQUEST") { "PAY_PER_REQUEST" } else { "PROVISIONED" };
        let throughput = p.get("ProvisionedThroughput");
        if billing_mode == "PAY_PER_REQUEST" && throughput.is_some() {
            return Err(AwsError::validation(
                "ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST",
            ));
        }
        if billing_mode == "PROVISIONED" && throughput.is_none() {
            return Err(AwsError::validation(
                "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED",
            ));
        }
        let keys = key_schema(p.opt_array("KeySchema").map_or(&[][..], Vec::as_slice), "keySchema")?;
        let gsi = p.opt_array("GlobalSecondaryIndexes");
        let lsi = p.opt_array("LocalSecondaryIndexes");
        if gsi.is_some_and(Vec::is_empty) {
            return Err(AwsError::validation(
                "One or more parameter values were invalid: List of GlobalSecondaryIndexes is empty",
            ));
        }
        if lsi.is_some_and(Vec::is_empty) {
            return Err(AwsError::validation(
                "One or more parameter values were invalid: List of LocalSecondaryIndexes is empty",
            ));
        }
        let mut indexes = Vec::new();
        for (i, g) in gsi.into_iter().flatten().enumerate() {
            indexes.push(secondary_index(g, true, &format!("globalSecondaryIndexes.{}.member.keySchema", i + 1))?);
        }
        for (i, l) in lsi.into_iter().flatten().enumerate() {
            indexes.push(secondary_index(l, false, &format!("localSecondaryIndexes.{}.member.keySchema", i + 1))?);
        }
        let defs = p.opt_array("AttributeDefinitions").cloned().unwrap_or_default();
        let mut attr_types = BTreeMap::new();
        for (i, d) in defs.iter().enumerate() {
            let ty = d.get("AttributeType").and_then(Value::as_str).unwrap_or_default();
            if !["S", "N", "B"].contains(&ty) {
                return Err(AwsError::validation(format!(
                    "1 validation error detected: Value '{ty}' at 'attributeDefinitions.{}.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]",
                    i + 1
                )));
            }
            let name = d.get("AttributeName").and_then(Value::as_str).unwrap_or_default();
            attr_types.insert(name.to_owned(), ty.to_owned());
        }
        let expected: BTreeSet<String> =
            keys.names().into_iter().chain(indexes.iter().flat_map(|i| i.keys.names())).map(str::to_owned).collect();
        let mut actual: Vec<String> =
            defs.iter().filter_map(|d| d.get("AttributeName").and_then(Value::as_str)).map(str::to_owned).collect();
        actual.sort();
        let expected: Vec<String> = expected.into_iter().collect();
        check_attribute_definitions(&actual, &expected, gsi.is_some() || lsi.is_some())?;
        let stream = stream_spec(p.get("StreamSpecification"))?;
        if self.tables.contains_key(name) {
            return Err(AwsError::new("ResourceInUseException", format!("Table already exists: {name}"), 400));
        }
        let mut table = Table {
            name: name.to_owned(),
            arn: format!("arn:aws:dynamodb:{REGION}:{ACCOUNT_ID}:table/{name}"),
            id: env.ids.uuid(),
            keys,
            attr_defs: Value::Array(defs),
            attr_types,
            billing_mode: billing_mode.to_owned(),
            capacity: capacity(throughput),
            created_ms: env.now_ms,
            indexes,
            stream: None,
            latest_stream_label: None,
            ttl: None,
            deletion_protection: p.opt_bool("DeletionProtectionEnabled").unwrap_or(false),
            items: BTreeMap::new(),
        };
        if let Some(view) = stream {
            table.enable_stream(&view, env.now_ms);
        }
        let description = table.describe("ACTIVE");
        self.tables.insert(name.to_owned(), table);
        Ok(json!({ "TableDescription": description }))
    }

    pub(super) fn describe_table(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("TableName")?;
        // DescribeTable names the table in its not-found message (moto and AWS).
        let table = self.table_ref(name).map_err(|_| {
            AwsError::new(
                "ResourceNotFoundException",
                format!("Requested resource not found: Table: {name} not found"),
                400,
            )
        })?;
        Ok(json!({ "Table": table.describe("ACTIVE") }))
    }

    pub(super) fn delete_table(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("TableName")?;
        let table = self.table_ref(name)?;
        if table.deletion_protection {
            return Err(AwsError::validation(format!(
                "1 validation error detected: Table '{name}' can't be deleted while DeletionProtectionEnabled is set to True"
            )));
        }
        let key = table.name.clone();
        let table = self.tables.remove(&key).ok_or_else(not_found)?;
        Ok(json!({ "TableDescription": table.describe("DELETING") }))
    }

    pub(super) fn list_tables(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let limit = p.opt_i64("Limit").unwrap_or(100);
        if !(1..=100).contains(&limit) {
            return Err(AwsError::validation(format!(
                "1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value {}",
                if limit < 1 { "greater than or equal to 1" } else { "less than or equal to 100" }
            )));
        }
        let start = p.opt_str("ExclusiveStartTableName");
        let names: Vec<&String> = self.tables.keys().filter(|n| start.is_none_or(|s| n.as_str() > s)).collect();
        let page: Vec<&String> = names.iter().take(limit as usize).copied().collect();
        let mut out = json!({ "TableNames": page });
        if names.len() > page.len()
            && let Some(last) = page.last()
        {
            out["LastEvaluatedTableName"] = json!(last);
        }
        Ok(out)
    }

    pub(super) fn update_table(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = p.str("TableName")?;
        let table = self.table_mut(name)?;
        if let Some(defs) = p.opt_array("AttributeDefinitions") {
            for d in defs {
                if let (Some(n), Some(t)) =
                    (d.get("AttributeName").and_then(Value::as_str), d.get("AttributeType").and_then(Value::as_str))
                {
                    table.attr_types.insert(n.to_owned(), t.to_owned());
                }
            }
            let merged: Vec<Value> =
                table.attr_types.iter().map(|(n, t)| json!({"AttributeName": n, "AttributeType": t})).collect();
            table.attr_defs = Value::Array(merged);
        }
        if let Some(mode) = p.opt_str("BillingMode") {
            table.billing_mode = mode.to_owned();
        }
        if let Some(t) = p.get("ProvisionedThroughput") {
            table.capacity = capacity(Some(t));
        }
        if let Some(d) = p.opt_bool("DeletionProtectionEnabled") {
            table.deletion_protection = d;
        }
        for update in p.opt_array("GlobalSecondaryIndexUpdates").into_iter().flatten() {
            if let Some(create) = update.get("Create") {
                let index = secondary_index(create, true, "globalSecondaryIndexUpdates.1.member.create.keySchema")?;
                if table.indexes.iter().any(|i| i.name == index.name) {
                    return Err(AwsError::validation(format!(
                        "One or more parameter values were invalid: Index with name: {} already exists",
                        index.name
                    )));
                }
                table.indexes.push(index);
            }
            if let Some(delete) = update.get("Delete") {
                let index_name = delete.get("IndexName").and_then(Value::as_str).unwrap_or_default();
                if !table.indexes.iter().any(|i| i.global && i.name == index_name) {
                    return Err(AwsError::new(
                        "ResourceNotFoundException",
                        format!("Requested resource not found: Index: {index_name} not found"),
                        400,
                    ));
                }
                table.indexes.retain(|i| i.name != index_name);
            }
        }
        if let Some(spec) = p.get("StreamSpecification") {
            match stream_spec(Some(spec))? {
                Some(_) if table.stream.is_some() => {
                    return Err(AwsError::new("ResourceInUseException", "Cannot enable stream", 400));
                }
                Some(view) => table.enable_stream(&view, env.now_ms),
                None => table.stream = None,
            }
        }
        Ok(json!({ "TableDescription": table.describe("ACTIVE") }))
    }

    pub(super) fn update_time_to_live(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("TableName")?;
        let spec = p.get("TimeToLiveSpecification").cloned().unwrap_or(Value::Null);
        let (Some(enabled), Some(attr)) =
            (spec.get("Enabled").and_then(Value::as_bool), spec.get("AttributeName").and_then(Value::as_str))
        else {
            return Err(AwsError::new(
                "InvalidParameterValue",
                "TimeToLiveSpecification does not contain Enabled and AttributeName",
                400,
            ));
        };
        let table = self.table_mut(name)?;
        match &table.ttl {
            Some((_, true)) if enabled => return Err(AwsError::validation("TimeToLive is already enabled")),
            None | Some((_, false)) if !enabled => return Err(AwsError::validation("TimeToLive is already disabled")),
            _ => {}
        }
        table.ttl = Some((attr.to_owned(), enabled));
        Ok(json!({ "TimeToLiveSpecification": spec }))
    }

    pub(super) fn describe_time_to_live(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let table = self.table_ref(p.str("TableName")?)?;
        let description = match &table.ttl {
            Some((attr, true)) => json!({"TimeToLiveStatus": "ENABLED", "AttributeName": attr}),
            _ => json!({"TimeToLiveStatus": "DISABLED"}),
        };
        Ok(json!({ "TimeToLiveDescription": description }))
    }
}
