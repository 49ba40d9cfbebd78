//! TransactWriteItems and TransactGetItems: all or nothing.
//!
//! Every action is planned against the current items first (conditions checked, new items
//! computed); only if all succeed are they committed. A failed condition cancels the whole
//! transaction with `TransactionCanceledException` and one `CancellationReasons` entry per
//! action, as DynamoDB reports it.

use serde_json::{Value, json};

use super::DynamoDb;
use super::eval::{BAD_DATA_TYPE, BAD_DOCUMENT_PATH, NO_SUCH_ATTRIBUTE};
use super::items::Write;
use super::table::PrimaryKey;
use super::types::map_to_json;
use crate::AwsError;
use crate::env::Env;
use crate::wire::Params;

/// DynamoDB's limit on actions in one transaction.
const MAX_ACTIONS: usize = 100;

/// Errors that depend on the item's current state: in a transaction they cancel it with a
/// `ValidationError` reason instead of failing the request.
fn is_item_error(e: &AwsError) -> bool {
    e.code == "ValidationException"
        && ([NO_SUCH_ATTRIBUTE, BAD_DOCUMENT_PATH, BAD_DATA_TYPE].contains(&e.message.as_str())
            || e.message.starts_with(
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function:",
            )
            || e.message.starts_with("Item size"))
}

fn too_many() -> AwsError {
    AwsError::validation(format!(
        "1 validation error detected at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to {MAX_ACTIONS}."
    ))
}

impl DynamoDb {
    pub(super) fn transact_write_items(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let actions = p.opt_array("TransactItems").cloned().unwrap_or_default();
        if actions.len() > MAX_ACTIONS {
            return Err(too_many());
        }
        let mut plans: Vec<Result<Write, AwsError>> = Vec::new();
        let mut keys: Vec<(String, PrimaryKey)> = Vec::new();
        for action in &actions {
            let present: Vec<(&str, &Value)> = ["ConditionCheck", "Put", "Delete", "Update"]
                .iter()
                .filter_map(|k| action.get(*k).filter(|v| !v.is_null()).map(|v| (*k, v)))
                .collect();
            let [(kind, body)] = present.as_slice() else {
                return Err(AwsError::validation("TransactItems can only contain one of Check, Put, Update or Delete"));
            };
            let p = Params(body);
            if *kind == "ConditionCheck" && p.opt_str("ConditionExpression").is_none() {
                return Err(AwsError::validation(
                    "The ConditionCheck operation requires a ConditionExpression to be specified",
                ));
            }
            let plan = match *kind {
                "Put" => self.plan_put(p),
                "Update" => self.plan_update(p),
                "Delete" => self.plan_delete(p, false),
                _ => self.plan_delete(p, true),
            };
            let plan = match plan {
                Ok(w) => Ok(w),
                Err(e) if e.code == "ConditionalCheckFailedException" || is_item_error(&e) => Err(e),
                Err(e) => return Err(e),
            };
            if let Ok(w) = &plan {
                if keys.contains(&(w.table.clone(), w.pk.clone())) {
                    return Err(AwsError::validation(
                        "Transaction request cannot include multiple operations on one item",
                    ));
                }
                keys.push((w.table.clone(), w.pk.clone()));
            }
            plans.push(plan);
        }
        if plans.iter().any(Result::is_err) {
            let reasons: Vec<Value> = plans
                .iter()
                .map(|plan| match plan {
                    Ok(_) => json!({"Code": "None"}),
                    Err(e) if e.code == "ConditionalCheckFailedException" => {
                        let mut r = json!({"Code": "ConditionalCheckFailed", "Message": e.message});
                        if let Some(item) = e.extra.get("Response").and_then(|r| r.get("Item")) {
                            r["Item"] = item.clone();
                        }
                        r
                    }
                    Err(e) => json!({"Code": "ValidationError", "Message": e.message}),
                })
                .collect();
            let codes: Vec<&str> = reasons.iter().filter_map(|r| r["Code"].as_str()).collect();
            let mut e = AwsError::new(
                "TransactionCanceledException",
                format!(
                    "Transaction cancelled, please refer cancellation reasons for specific reasons [{}]",
                    codes.join(", ")
                ),
                400,
            );
            e.extra = json!({"Response": {"CancellationReasons": reasons}});
            return Err(e);
        }
        for w in plans.into_iter().flatten() {
            self.commit(&w, env);
        }
        Ok(json!({}))
    }

    pub(super) fn transact_get_items(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let actions = p.opt_array("TransactItems").cloned().unwrap_or_default();
        if actions.len() > MAX_ACTIONS {
            return Err(too_many());
        }
        let mut responses = Vec::new();
        for action in &actions {
            let get = action
                .get("Get")
                .filter(|v| !v.is_null())
                .ok_or_else(|| AwsError::validation("TransactItems can only contain one of Get"))?;
            let (_, item) = self.read_one(Params(get))?;
            responses.push(item.map_or_else(|| json!({}), |i| json!({"Item": map_to_json(&i)})));
        }
        Ok(json!({ "Responses": responses }))
    }
}
