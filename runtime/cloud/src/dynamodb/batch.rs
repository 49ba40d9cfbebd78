//! BatchWriteItem and BatchGetItem.
//!
//! The whole batch is validated before anything is written (an unknown table or a bad key
//! rejects it all, as in DynamoDB). Nothing is ever throttled, so `UnprocessedItems` and
//! `UnprocessedKeys` are always empty, but present: learners' retry loops read them.

use serde_json::{Map, Value, json};

use super::DynamoDb;
use super::eval::project;
use super::items::attributes_to_get;
use super::placeholders::Placeholders;
use super::table::PrimaryKey;
use super::types::{Item, MAX_ITEM_SIZE, item_from_json, item_size, map_to_json};
use crate::AwsError;
use crate::env::Env;
use crate::wire::Params;

/// DynamoDB's limit on requests in one BatchWriteItem.
const MAX_WRITES: usize = 25;
/// DynamoDB's limit on keys in one BatchGetItem.
const MAX_GETS: usize = 100;

fn duplicates() -> AwsError {
    AwsError::validation("Provided list of item keys contains duplicates")
}

impl DynamoDb {
    pub(super) fn batch_write_item(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let requests = p
            .opt_object("RequestItems")
            .filter(|r| !r.is_empty())
            .ok_or_else(|| AwsError::validation("BatchWriteItem cannot have a null or no requests set"))?;
        let total: usize = requests.values().map(|v| v.as_array().map_or(0, Vec::len)).sum();
        if total > MAX_WRITES {
            return Err(AwsError::validation("Too many items requested for the BatchWriteItem call"));
        }
        // Validate everything first: (table, key, new item or None for a delete).
        let mut plan: Vec<(String, PrimaryKey, Option<Item>)> = Vec::new();
        for (name, list) in requests {
            let list = list.as_array().filter(|l| !l.is_empty()).ok_or_else(|| {
                AwsError::validation(format!(
                    "The batch write request list for a table cannot be null or empty: {name}"
                ))
            })?;
            let table = self.table_ref(name)?;
            let mut keys: Vec<PrimaryKey> = Vec::new();
            for request in list {
                let put = request.get("PutRequest").filter(|v| !v.is_null());
                let delete = request.get("DeleteRequest").filter(|v| !v.is_null());
                let (pk, item) = match (put, delete) {
                    (Some(put), None) => {
                        let item = item_from_json(put.get("Item").unwrap_or(&Value::Null))?;
                        let pk = table.item_key(&item)?;
                        table.check_index_keys(&item)?;
                        if item_size(&item) > MAX_ITEM_SIZE {
                            return Err(AwsError::validation("Item size has exceeded the maximum allowed size"));
                        }
                        (pk, Some(item))
                    }
                    (None, Some(delete)) => {
                        let key = item_from_json(delete.get("Key").unwrap_or(&Value::Null))?;
                        (table.key_param(&key)?, None)
                    }
                    _ => {
                        return Err(AwsError::validation(
                            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
                        ));
                    }
                };
                if keys.contains(&pk) {
                    return Err(duplicates());
                }
                keys.push(pk.clone());
                plan.push((table.name.clone(), pk, item));
            }
        }
        for (name, pk, item) in plan {
            let table = self.tables.get_mut(&name).expect("validated table");
            if item.is_some() || table.items.contains_key(&pk) {
                table.write(pk, item, env);
            }
        }
        Ok(json!({ "UnprocessedItems": {} }))
    }

    pub(super) fn batch_get_item(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let requests = p
            .opt_object("RequestItems")
            .filter(|r| !r.is_empty())
            .ok_or_else(|| AwsError::validation("BatchGetItem must have some requests set"))?;
        let mut total = 0;
        for (name, request) in requests {
            let n = request.get("Keys").and_then(Value::as_array).map_or(0, Vec::len);
            if n > MAX_GETS {
                return Err(AwsError::validation(format!(
                    "1 validation error detected: Value at 'requestItems.{name}.member.keys' failed to satisfy constraint: Member must have length less than or equal to 100"
                )));
            }
            total += n;
        }
        if total > MAX_GETS {
            return Err(AwsError::validation("Too many items requested for the BatchGetItem call"));
        }
        let mut responses = Map::new();
        for (name, request) in requests {
            let keys = request.get("Keys").and_then(Value::as_array).filter(|k| !k.is_empty()).ok_or_else(|| {
                AwsError::validation(format!(
                    "The list of keys in RequestItems for BatchGetItem is required: {name} has empty list"
                ))
            })?;
            let mut ph = Placeholders::from_params(request.get("ExpressionAttributeNames"), None)?;
            let projection = ph.projection(request.get("ProjectionExpression").and_then(Value::as_str))?;
            ph.finish()?;
            let projection = projection.or_else(|| attributes_to_get(request.get("AttributesToGet")));
            let table = self.table_ref(name)?;
            let mut seen: Vec<PrimaryKey> = Vec::new();
            let mut found = Vec::new();
            for key in keys {
                let pk = table.key_param(&item_from_json(key)?)?;
                if seen.contains(&pk) {
                    return Err(duplicates());
                }
                if let Some(item) = table.items.get(&pk) {
                    let item = match &projection {
                        Some(paths) => project(item, paths),
                        None => item.clone(),
                    };
                    found.push(map_to_json(&item));
                }
                seen.push(pk);
            }
            responses.insert(name.clone(), Value::Array(found));
        }
        Ok(json!({ "Responses": responses, "UnprocessedKeys": {} }))
    }
}
