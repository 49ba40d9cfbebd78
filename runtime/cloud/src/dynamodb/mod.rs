//! Amazon DynamoDB, with Streams: tables, items, the expression languages, queries and scans,
//! batches, answering like DynamoDB (moto 5.2.5 checked, AWS where moto is wrong).
//!
//! The service is split by concern: `types` and `number` hold AttributeValues,
//! `expressions` parses expressions, `placeholders` and `key_condition` resolve and
//! check them and `eval` evaluates them, `table` stores items,
//! `streams` builds stream records, and the operations live in `tables` (table
//! management), `items` (single-item reads and writes), `reads` (Query, Scan) and
//! `batch` (BatchWriteItem, BatchGetItem) and `transact` (TransactWriteItems,
//! TransactGetItems).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::AwsError;
use crate::env::Env;
use crate::wire::Params;

mod batch;
mod eval;
mod expressions;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod items;
mod key_condition;
mod number;
mod placeholders;
mod reads;
mod reserved;
mod streams;
mod table;
mod tables;
mod transact;
mod types;

#[cfg(test)]
mod tests;

use table::Table;

/// Error shapes of botocore's DynamoDB model and the name of their message member: for these,
/// botocore parses the error body's message into the response too (`e.response["message"]`,
/// `["Message"]` for the transaction errors), as moto 5.2.5 shows. `ValidationException` is
/// not modelled, so it has none.
const MODELLED_ERRORS: &[(&str, &str)] = &[
    ("ConditionalCheckFailedException", "message"),
    ("IdempotentParameterMismatchException", "Message"),
    ("InternalServerError", "message"),
    ("ItemCollectionSizeLimitExceededException", "message"),
    ("LimitExceededException", "message"),
    ("ProvisionedThroughputExceededException", "message"),
    ("RequestLimitExceeded", "message"),
    ("ResourceInUseException", "message"),
    ("ResourceNotFoundException", "message"),
    ("ThrottlingException", "message"),
    ("TransactionCanceledException", "Message"),
    ("TransactionConflictException", "message"),
    ("TransactionInProgressException", "Message"),
];

fn with_modelled_message(mut e: AwsError) -> AwsError {
    if let Some((_, member)) = MODELLED_ERRORS.iter().find(|(code, _)| *code == e.code) {
        let message = e.message.clone();
        if !e.extra.is_object() {
            e.extra = json!({});
        }
        let response = e.extra.as_object_mut().unwrap().entry("Response").or_insert_with(|| json!({}));
        if let Some(r) = response.as_object_mut() {
            r.entry(member.to_string()).or_insert_with(|| json!(message));
        }
    }
    e
}

/// The mock DynamoDB.
#[derive(Debug, Default)]
pub struct DynamoDb {
    tables: BTreeMap<String, Table>,
}

impl DynamoDb {
    /// Runs one operation.
    pub fn call(&mut self, op: &str, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        self.dispatch(op, p, env).map_err(with_modelled_message)
    }

    fn dispatch(&mut self, op: &str, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        match op {
            "CreateTable" => self.create_table(p, env),
            "DescribeTable" => self.describe_table(p),
            "DeleteTable" => self.delete_table(p),
            "ListTables" => self.list_tables(p),
            "UpdateTable" => self.update_table(p, env),
            "UpdateTimeToLive" => self.update_time_to_live(p),
            "DescribeTimeToLive" => self.describe_time_to_live(p),
            "PutItem" => self.put_item(p, env),
            "GetItem" => self.get_item(p),
            "UpdateItem" => self.update_item(p, env),
            "DeleteItem" => self.delete_item(p, env),
            "Query" => self.query(p),
            "Scan" => self.scan(p),
            "BatchWriteItem" => self.batch_write_item(p, env),
            "BatchGetItem" => self.batch_get_item(p),
            "TransactWriteItems" => self.transact_write_items(p, env),
            "TransactGetItems" => self.transact_get_items(p),
            _ => Err(crate::error::not_implemented("dynamodb", op)),
        }
    }

    /// The whole state, for display and grading: every table's key schema, attribute
    /// definitions, stream specification and items (typed, in key order).
    pub fn snapshot(&self) -> Value {
        let tables: serde_json::Map<String, Value> =
            self.tables.iter().map(|(name, t)| (name.clone(), t.snapshot())).collect();
        json!({ "tables": tables })
    }

    /// Stream records written since the last take, for the lab's Streams event source mapping.
    pub fn take_stream_records(&mut self, table: &str) -> Vec<Value> {
        self.tables
            .get_mut(table)
            .and_then(|t| t.stream.as_mut())
            .map(|s| std::mem::take(&mut s.records))
            .unwrap_or_default()
    }

    /// Table's stream ARN if streams are enabled.
    pub fn stream_arn(&self, table: &str) -> Option<String> {
        self.tables.get(table)?.stream_arn()
    }

    /// The table a `TableName` names (a name or a table ARN, as DynamoDB accepts both).
    fn table_ref(&self, name: &str) -> Result<&Table, AwsError> {
        let key = self.resolve_name(name)?;
        Ok(&self.tables[&key])
    }

    fn table_mut(&mut self, name: &str) -> Result<&mut Table, AwsError> {
        let key = self.resolve_name(name)?;
        Ok(self.tables.get_mut(&key).expect("resolved table exists"))
    }

    fn resolve_name(&self, name: &str) -> Result<String, AwsError> {
        if self.tables.contains_key(name) {
            return Ok(name.to_owned());
        }
        self.tables.values().find(|t| t.arn == name).map(|t| t.name.clone()).ok_or_else(not_found)
    }
}

/// `ResourceNotFoundException` for a missing table (moto 5.x's text).
fn not_found() -> AwsError {
    AwsError::new("ResourceNotFoundException", "Requested resource not found", 400)
}

/// `ConditionalCheckFailedException`, carrying the existing item when the request asked for
/// it with `ReturnValuesOnConditionCheckFailure=ALL_OLD`.
fn condition_failed(p: Params<'_>, old: Option<&types::Item>) -> AwsError {
    let mut e = AwsError::new("ConditionalCheckFailedException", "The conditional request failed", 400);
    if p.opt_str("ReturnValuesOnConditionCheckFailure") == Some("ALL_OLD")
        && let Some(old) = old
    {
        e.extra = json!({"Response": {"Item": types::map_to_json(old)}});
    }
    e
}

/// Refuses a legacy (pre-expression) parameter the mock does not implement, rather than
/// silently ignoring a condition the learner relies on.
fn refuse_legacy(p: Params<'_>, names: &[&str]) -> Result<(), AwsError> {
    for name in names {
        if p.get(name).is_some() {
            return Err(AwsError::new(
                "NotImplemented",
                format!(
                    "labbook's mock dynamodb does not implement the legacy parameter {name}; use the expression parameters instead"
                ),
                501,
            ));
        }
    }
    Ok(())
}

/// `ReturnConsumedCapacity`, validated before the operation runs.
fn capacity_mode(p: Params<'_>) -> Result<&str, AwsError> {
    match p.opt_str("ReturnConsumedCapacity").unwrap_or("NONE") {
        mode @ ("NONE" | "TOTAL" | "INDEXES") => Ok(mode),
        other => Err(AwsError::validation(format!(
            "1 validation error detected: Value '{other}' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"
        ))),
    }
}

/// Adds `ConsumedCapacity` to a response when the request asked for it.
fn add_capacity(mode: &str, table: &str, units: f64, out: &mut Value) {
    match mode {
        "TOTAL" => out["ConsumedCapacity"] = json!({"TableName": table, "CapacityUnits": units}),
        "INDEXES" => {
            out["ConsumedCapacity"] =
                json!({"TableName": table, "CapacityUnits": units, "Table": {"CapacityUnits": units}})
        }
        _ => {}
    }
}
