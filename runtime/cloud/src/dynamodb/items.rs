//! Single-item operations: PutItem, GetItem, UpdateItem, DeleteItem.
//!
//! Each write follows DynamoDB's order: validate the request and its expressions (syntax,
//! then placeholders, then unused placeholders), find the table, validate the key against the
//! schema, check the condition against the current item, write, answer with ReturnValues.
//! Writes are split into a *plan* (everything up to the new item, no state changed) and a
//! *commit*, so TransactWriteItems can plan every action before committing any.

use serde_json::{Value, json};

use super::eval::{apply_update, eval, project};
use super::expressions::{Kind, Path};
use super::placeholders::Placeholders;
use super::table::PrimaryKey;
use super::types::{Item, MAX_ITEM_SIZE, item_from_json, item_size, map_to_json};
use super::{DynamoDb, add_capacity, capacity_mode, condition_failed, refuse_legacy};
use crate::AwsError;
use crate::env::Env;
use crate::wire::Params;

/// Reads a required item-shaped parameter (`Item`, `Key`).
pub(super) fn required_item(p: Params<'_>, name: &str) -> Result<Item, AwsError> {
    let v =
        p.get(name).ok_or_else(|| AwsError::validation(format!("Missing required parameter in input: \"{name}\"")))?;
    item_from_json(v)
}

/// The request's placeholder maps.
pub(super) fn placeholders(p: Params<'_>) -> Result<Placeholders, AwsError> {
    Placeholders::from_params(p.get("ExpressionAttributeNames"), p.get("ExpressionAttributeValues"))
}

fn return_values<'a>(p: Params<'a>, allowed: &[&str]) -> Result<&'a str, AwsError> {
    let rv = p.opt_str("ReturnValues").unwrap_or("NONE");
    if allowed.contains(&rv) { Ok(rv) } else { Err(AwsError::validation("Return values set to invalid value")) }
}

/// The legacy `AttributesToGet` list as a projection (it is only top-level names, so it is
/// cheap to honour rather than refuse).
pub(super) fn attributes_to_get(list: Option<&Value>) -> Option<Vec<Path>> {
    let names = list?.as_array()?;
    Some(names.iter().filter_map(Value::as_str).map(Path::attr).collect())
}

/// A validated write, not yet applied.
pub(super) struct Write {
    /// The table's name.
    pub(super) table: String,
    /// The item's key.
    pub(super) pk: PrimaryKey,
    /// The item before the write.
    pub(super) old: Option<Item>,
    /// The item after the write (`None`: deleted or absent).
    pub(super) new: Option<Item>,
    /// Paths an update expression wrote (for `UPDATED_OLD` / `UPDATED_NEW`).
    pub(super) targets: Vec<Path>,
}

impl DynamoDb {
    /// Plans a PutItem (or a transaction's Put).
    pub(super) fn plan_put(&self, p: Params<'_>) -> Result<Write, AwsError> {
        let name = p.str("TableName")?;
        refuse_legacy(p, &["Expected", "ConditionalOperator"])?;
        let item = required_item(p, "Item")?;
        let mut ph = placeholders(p)?;
        let cond = ph.condition(p.opt_str("ConditionExpression"), Kind::Condition)?;
        ph.finish()?;
        let table = self.table_ref(name)?;
        let pk = table.item_key(&item)?;
        table.check_index_keys(&item)?;
        if item_size(&item) > MAX_ITEM_SIZE {
            return Err(AwsError::validation("Item size has exceeded the maximum allowed size"));
        }
        let old = table.items.get(&pk);
        if let Some(cond) = &cond
            && !eval(cond, old.unwrap_or(&Item::new()))
        {
            return Err(condition_failed(p, old));
        }
        Ok(Write { table: table.name.clone(), pk, old: old.cloned(), new: Some(item), targets: Vec::new() })
    }

    /// Plans a DeleteItem (or a transaction's Delete, or with `check_only` a ConditionCheck).
    pub(super) fn plan_delete(&self, p: Params<'_>, check_only: bool) -> Result<Write, AwsError> {
        let name = p.str("TableName")?;
        refuse_legacy(p, &["Expected", "ConditionalOperator"])?;
        let key = required_item(p, "Key")?;
        let mut ph = placeholders(p)?;
        let cond = ph.condition(p.opt_str("ConditionExpression"), Kind::Condition)?;
        ph.finish()?;
        let table = self.table_ref(name)?;
        let pk = table.key_param(&key)?;
        let old = table.items.get(&pk);
        if let Some(cond) = &cond
            && !eval(cond, old.unwrap_or(&Item::new()))
        {
            return Err(condition_failed(p, old));
        }
        let new = if check_only { old.cloned() } else { None };
        Ok(Write { table: table.name.clone(), pk, old: old.cloned(), new, targets: Vec::new() })
    }

    /// Plans an UpdateItem (or a transaction's Update).
    pub(super) fn plan_update(&self, p: Params<'_>) -> Result<Write, AwsError> {
        let name = p.str("TableName")?;
        refuse_legacy(p, &["AttributeUpdates", "Expected", "ConditionalOperator"])?;
        let key = required_item(p, "Key")?;
        let mut ph = placeholders(p)?;
        let update = ph.update(p.opt_str("UpdateExpression"))?;
        let cond = ph.condition(p.opt_str("ConditionExpression"), Kind::Condition)?;
        ph.finish()?;
        let table = self.table_ref(name)?;
        let pk = table.key_param(&key)?;
        if let Some(update) = &update {
            for action in &update.actions {
                let root = action.target().root();
                if table.keys.names().contains(&root) {
                    return Err(AwsError::validation(format!(
                        "One or more parameter values were invalid: Cannot update attribute {root}. This attribute is part of the key"
                    )));
                }
            }
        }
        let old = table.items.get(&pk).cloned();
        if let Some(cond) = &cond
            && !eval(cond, old.as_ref().unwrap_or(&Item::new()))
        {
            return Err(condition_failed(p, old.as_ref()));
        }
        let base = old.clone().unwrap_or_else(|| table.key_item(&pk));
        let new = match &update {
            Some(update) => apply_update(update, &base)?,
            None => base,
        };
        table.check_index_keys(&new)?;
        if item_size(&new) > MAX_ITEM_SIZE {
            return Err(AwsError::validation("Item size to update has exceeded the maximum allowed size"));
        }
        let targets = update.iter().flat_map(|u| u.actions.iter().map(|a| a.target().clone())).collect();
        Ok(Write { table: table.name.clone(), pk, old, new: Some(new), targets })
    }

    /// Applies a planned write (nothing to do for deleting an absent item).
    pub(super) fn commit(&mut self, w: &Write, env: &mut Env<'_>) {
        if w.old.is_none() && w.new.is_none() {
            return;
        }
        if let Some(table) = self.tables.get_mut(&w.table) {
            table.write(w.pk.clone(), w.new.clone(), env);
        }
    }

    pub(super) fn put_item(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let rv = return_values(p, &["NONE", "ALL_OLD"])?;
        let capacity = capacity_mode(p)?;
        let w = self.plan_put(p)?;
        self.commit(&w, env);
        let mut out = json!({});
        if rv == "ALL_OLD"
            && let Some(old) = &w.old
        {
            out["Attributes"] = map_to_json(old);
        }
        add_capacity(capacity, &w.table, 1.0, &mut out);
        Ok(out)
    }

    pub(super) fn delete_item(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let rv = return_values(p, &["NONE", "ALL_OLD"])?;
        let capacity = capacity_mode(p)?;
        let w = self.plan_delete(p, false)?;
        self.commit(&w, env);
        let mut out = json!({});
        if rv == "ALL_OLD"
            && let Some(old) = &w.old
        {
            out["Attributes"] = map_to_json(old);
        }
        add_capacity(capacity, &w.table, 1.0, &mut out);
        Ok(out)
    }

    pub(super) fn update_item(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let rv = return_values(p, &["NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"])?;
        let capacity = capacity_mode(p)?;
        let w = self.plan_update(p)?;
        self.commit(&w, env);
        let attributes = match rv {
            "ALL_OLD" => w.old.clone(),
            "ALL_NEW" => w.new.clone(),
            "UPDATED_OLD" => w.old.as_ref().map(|o| project(o, &w.targets)),
            "UPDATED_NEW" => w.new.as_ref().map(|n| project(n, &w.targets)),
            _ => None,
        };
        let mut out = json!({});
        if let Some(attrs) = attributes.filter(|a| !a.is_empty()) {
            out["Attributes"] = map_to_json(&attrs);
        }
        add_capacity(capacity, &w.table, 1.0, &mut out);
        Ok(out)
    }

    pub(super) fn get_item(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let capacity = capacity_mode(p)?;
        let (table, item) = self.read_one(p)?;
        let mut out = json!({});
        if let Some(item) = item {
            out["Item"] = map_to_json(&item);
        }
        let units = if p.opt_bool("ConsistentRead") == Some(true) { 1.0 } else { 0.5 };
        add_capacity(capacity, &table, units, &mut out);
        Ok(out)
    }

    /// GetItem's work (also a transaction's Get): the table's name and the projected item.
    pub(super) fn read_one(&self, p: Params<'_>) -> Result<(String, Option<Item>), AwsError> {
        let name = p.str("TableName")?;
        let key = required_item(p, "Key")?;
        if p.get("ProjectionExpression").is_some() && p.get("AttributesToGet").is_some() {
            return Err(AwsError::validation(
                "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
            ));
        }
        let mut ph = placeholders(p)?;
        let projection = ph.projection(p.opt_str("ProjectionExpression"))?;
        ph.finish()?;
        let projection = projection.or_else(|| attributes_to_get(p.get("AttributesToGet")));
        let table = self.table_ref(name)?;
        let pk = table.key_param(&key)?;
        let item = table.items.get(&pk).map(|item| match &projection {
            Some(paths) => project(item, paths),
            None => item.clone(),
        });
        Ok((table.name.clone(), item))
    }
}
