//! Query and Scan, on the table or a secondary index, with pagination.
//!
//! Both read items in the order DynamoDB pages through them, evaluate at most `Limit` of them
//! (that is `ScannedCount`), then apply the FilterExpression (`Count`) and the projection.
//! `LastEvaluatedKey` is returned when the page stopped before the end (moto's rule; AWS
//! sometimes also returns it on an exactly full last page).

use std::cmp::Ordering;

use md5::{Digest, Md5};
use serde_json::{Value, json};

use super::eval::{cond_roots, eval, project};
use super::expressions::{CmpOp, Cond, Kind, Path};
use super::items::{attributes_to_get, placeholders};
use super::key_condition::{KeyCond, KeyOp};
use super::table::{KEY_MISMATCH, KeySchema, SecondaryIndex, Table, empty_key};
use super::types::{Attr, Item, KeyVal, item_from_json, item_size, map_to_json};
use super::{DynamoDb, add_capacity, capacity_mode, refuse_legacy};
use crate::AwsError;
use crate::wire::Params;

/// DynamoDB stops a page after 1 MB of items read.
const PAGE_BYTES: usize = 1024 * 1024;

/// What a read goes through: the table, or one of its indexes.
struct Target<'a> {
    table: &'a Table,
    index: Option<&'a SecondaryIndex>,
}

impl<'a> Target<'a> {
    fn keys(&self) -> &'a KeySchema {
        self.index.map_or(&self.table.keys, |i| &i.keys)
    }

    /// The attributes whose values order the items (and make up LastEvaluatedKey):
    /// the target's keys, then the table's keys (an index can hold many items per key).
    fn order_attrs(&self) -> Vec<&'a str> {
        let mut attrs = self.keys().names();
        for k in self.table.keys.names() {
            if !attrs.contains(&k) {
                attrs.push(k);
            }
        }
        attrs
    }

    fn order_key(&self, item: &Item) -> Vec<Option<KeyVal>> {
        self.order_attrs().iter().map(|a| item.get(*a).and_then(Attr::as_key)).collect()
    }

    /// The items the target holds, in its order.
    fn items(&self) -> Vec<&'a Item> {
        let mut items: Vec<&Item> =
            self.table.items.values().filter(|i| self.index.is_none_or(|x| x.contains(i))).collect();
        if self.index.is_some() {
            items.sort_by_key(|i| self.order_key(i));
        }
        items
    }

    fn last_evaluated_key(&self, item: &Item) -> Value {
        let key: Item =
            self.order_attrs().iter().filter_map(|a| Some(((*a).to_owned(), item.get(*a)?.clone()))).collect();
        map_to_json(&key)
    }

    /// Reads and validates `ExclusiveStartKey` into the order key it starts after.
    fn start_key(&self, p: Params<'_>) -> Result<Option<Vec<Option<KeyVal>>>, AwsError> {
        let Some(v) = p.get("ExclusiveStartKey") else { return Ok(None) };
        let key = item_from_json(v)?;
        let attrs = self.order_attrs();
        if key.len() != attrs.len() || attrs.iter().any(|a| !key.contains_key(*a)) {
            return Err(AwsError::validation("The provided starting key is invalid"));
        }
        for a in &attrs {
            if key[*a].type_code() != self.table.attr_type(a) {
                return Err(AwsError::validation(KEY_MISMATCH));
            }
        }
        Ok(Some(self.order_key(&key)))
    }

    /// The index projection of an item read through an index.
    fn stored(&self, item: &Item) -> Item {
        match self.index {
            Some(i) => i.project(item, &self.table.keys),
            None => item.clone(),
        }
    }
}

fn target<'a>(table: &'a Table, p: Params<'_>) -> Result<Target<'a>, AwsError> {
    let index = p.opt_str("IndexName").map(|n| table.index(n)).transpose()?;
    if index.is_some_and(|i| i.global) && p.opt_bool("ConsistentRead") == Some(true) {
        return Err(AwsError::validation("Consistent reads are not supported on global secondary indexes"));
    }
    Ok(Target { table, index })
}

/// Common Query/Scan parameters.
struct ReadParams {
    limit: Option<usize>,
    count_only: bool,
}

fn read_params(p: Params<'_>) -> Result<ReadParams, AwsError> {
    let limit = match p.opt_i64("Limit") {
        Some(l) if l < 1 => {
            return Err(AwsError::validation(format!(
                "1 validation error detected: Value '{l}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"
            )));
        }
        l => l.map(|l| l as usize),
    };
    let select = p.opt_str("Select").unwrap_or("ALL_ATTRIBUTES");
    if !["ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT"].contains(&select) {
        return Err(AwsError::validation(format!(
            "1 validation error detected: Value '{select}' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"
        )));
    }
    if select == "SPECIFIC_ATTRIBUTES" && p.get("ProjectionExpression").is_none() && p.get("AttributesToGet").is_none() {
        return Err(AwsError::validation(
            "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
        ));
    }
    if select == "ALL_PROJECTED_ATTRIBUTES" && p.get("IndexName").is_none() {
        return Err(AwsError::validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"));
    }
    Ok(ReadParams { limit, count_only: select == "COUNT" })
}

/// Evaluates one page of `candidates` (already in page order) and builds the response.
fn page(
    target: &Target<'_>,
    candidates: Vec<&Item>,
    start: Option<Vec<Option<KeyVal>>>,
    forward: bool,
    rp: &ReadParams,
    filter: Option<&Cond>,
    projection: Option<&Vec<Path>>,
) -> Value {
    let mut evaluated: Vec<&Item> = Vec::new();
    let mut last_key = None;
    let mut bytes = 0;
    let mut remaining = candidates.into_iter().filter(|item| match &start {
        None => true,
        Some(s) => {
            let ord = target.order_key(item).cmp(s);
            if forward { ord == Ordering::Greater } else { ord == Ordering::Less }
        }
    });
    for item in remaining.by_ref() {
        let size = item_size(item);
        let full =
            rp.limit.is_some_and(|l| evaluated.len() >= l) || (!evaluated.is_empty() && bytes + size > PAGE_BYTES);
        if full {
            last_key = evaluated.last().map(|i| target.last_evaluated_key(i));
            break;
        }
        bytes += size;
        evaluated.push(item);
    }
    let scanned = evaluated.len();
    let results: Vec<Item> = evaluated
        .into_iter()
        .map(|i| target.stored(i))
        .filter(|i| filter.is_none_or(|f| eval(f, i)))
        .map(|i| match projection {
            Some(paths) => project(&i, paths),
            None => i,
        })
        .collect();
    let mut out = json!({"Count": results.len(), "ScannedCount": scanned});
    if !rp.count_only {
        out["Items"] = Value::Array(results.iter().map(map_to_json).collect());
    }
    if let Some(k) = last_key {
        out["LastEvaluatedKey"] = k;
    }
    out
}

fn key_condition_matches(kc: &KeyCond, v: Option<&Attr>) -> bool {
    let Some(v) = v else { return false };
    let ord = |i: usize| v.compare(&kc.values[i]);
    match kc.op {
        KeyOp::Cmp(CmpOp::Eq) => ord(0) == Some(Ordering::Equal),
        KeyOp::Cmp(CmpOp::Lt) => ord(0) == Some(Ordering::Less),
        KeyOp::Cmp(CmpOp::Le) => matches!(ord(0), Some(Ordering::Less | Ordering::Equal)),
        KeyOp::Cmp(CmpOp::Gt) => ord(0) == Some(Ordering::Greater),
        KeyOp::Cmp(CmpOp::Ge) => matches!(ord(0), Some(Ordering::Greater | Ordering::Equal)),
        KeyOp::Cmp(CmpOp::Ne) => false,
        KeyOp::Between => {
            matches!(ord(0), Some(Ordering::Greater | Ordering::Equal))
                && matches!(ord(1), Some(Ordering::Less | Ordering::Equal))
        }
        KeyOp::BeginsWith => match (v, &kc.values[0]) {
            (Attr::S(a), Attr::S(b)) => a.starts_with(b.as_str()),
            (Attr::B(a), Attr::B(b)) => a.starts_with(b),
            _ => false,
        },
    }
}

/// Checks key conditions against the key schema, as DynamoDB words it.
fn check_key_conditions(conds: &[KeyCond], keys: &KeySchema, table: &Table) -> Result<(), AwsError> {
    let Some(hash) = conds.iter().find(|c| c.attr == keys.hash) else {
        return Err(AwsError::validation(format!("Query condition missed key schema element: {}", keys.hash)));
    };
    if hash.op != KeyOp::Cmp(CmpOp::Eq) {
        return Err(AwsError::validation("Query key condition not supported"));
    }
    for c in conds {
        if c.attr != keys.hash && keys.range.as_deref() != Some(c.attr.as_str()) {
            return Err(AwsError::validation(match &keys.range {
                Some(r) if !conds.iter().any(|c| &c.attr == r) => {
                    format!("Query condition missed key schema element: {r}")
                }
                _ => "Query key condition not supported".to_owned(),
            }));
        }
        let expected = table.attr_type(&c.attr);
        if c.values.iter().any(|v| v.type_code() != expected) {
            return Err(AwsError::validation(
                "One or more parameter values were invalid: Condition parameter type does not match schema type",
            ));
        }
        if c.values.iter().any(|v| matches!(v, Attr::S(s) if s.is_empty()) || matches!(v, Attr::B(b) if b.is_empty())) {
            return Err(empty_key(&c.attr));
        }
        if c.op == KeyOp::BeginsWith && expected == "N" {
            return Err(Kind::KeyCondition.invalid(
                "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
            ));
        }
    }
    Ok(())
}

impl DynamoDb {
    pub(super) fn query(&self, p: Params<'_>) -> Result<Value, AwsError> {
        if p.get("KeyConditions").is_some() {
            let rewritten = key_conditions_as_expression(p)?;
            return self.query(Params(&rewritten));
        }
        let name = p.str("TableName")?;
        refuse_legacy(p, &["QueryFilter", "ConditionalOperator"])?;
        let capacity = capacity_mode(p)?;
        let rp = read_params(p)?;
        let mut ph = placeholders(p)?;
        let Some(key_conds) = ph.key_condition(p.opt_str("KeyConditionExpression"))? else {
            return Err(AwsError::validation(
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
            ));
        };
        let filter = ph.condition(p.opt_str("FilterExpression"), Kind::Filter)?;
        let projection = ph.projection(p.opt_str("ProjectionExpression"))?;
        ph.finish()?;
        let projection = projection.or_else(|| attributes_to_get(p.get("AttributesToGet")));
        let table = self.table_ref(name)?;
        let target = target(table, p)?;
        let keys = target.keys();
        check_key_conditions(&key_conds, keys, table)?;
        if let Some(f) = &filter {
            let mut roots = Vec::new();
            cond_roots(f, &mut roots);
            if let Some(k) = roots.iter().find(|r| keys.names().contains(&r.as_str())) {
                return Err(AwsError::validation(format!(
                    "Filter Expression can only contain non-primary key attributes: Primary key attribute: {k}"
                )));
            }
        }
        let start = target.start_key(p)?;
        let forward = p.opt_bool("ScanIndexForward").unwrap_or(true);
        let mut candidates: Vec<&Item> = target
            .items()
            .into_iter()
            .filter(|item| key_conds.iter().all(|kc| key_condition_matches(kc, item.get(&kc.attr))))
            .collect();
        if !forward {
            candidates.reverse();
        }
        let mut out = page(&target, candidates, start, forward, &rp, filter.as_ref(), projection.as_ref());
        add_capacity(capacity, &table.name, 0.5, &mut out);
        Ok(out)
    }

    pub(super) fn scan(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("TableName")?;
        refuse_legacy(p, &["ScanFilter", "ConditionalOperator"])?;
        let capacity = capacity_mode(p)?;
        let rp = read_params(p)?;
        let mut ph = placeholders(p)?;
        let filter = ph.condition(p.opt_str("FilterExpression"), Kind::Filter)?;
        let projection = ph.projection(p.opt_str("ProjectionExpression"))?;
        let segment = p.opt_i64("Segment");
        let total = p.opt_i64("TotalSegments");
        if let Some(t) = total.filter(|t| !(1..=1_000_000).contains(t)) {
            return Err(AwsError::validation(format!(
                "1 validation error detected: Value '{t}' at 'totalSegments' failed to satisfy constraint: Member must have value {}",
                if t < 1 { "greater than or equal to 1" } else { "less than or equal to 1000000" }
            )));
        }
        if let Some(s) = segment.filter(|s| *s < 0) {
            return Err(AwsError::validation(format!(
                "1 validation error detected: Value '{s}' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0"
            )));
        }
        match (segment, total) {
            (Some(_), None) => {
                return Err(AwsError::validation(
                    "The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
                ));
            }
            (None, Some(_)) => {
                return Err(AwsError::validation(
                    "The Segment parameter is required but was not present in the request when parameter TotalSegments is present",
                ));
            }
            (Some(s), Some(t)) if s >= t => {
                return Err(AwsError::validation(format!(
                    "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: {s} is not less than TotalSegments: {t}"
                )));
            }
            _ => {}
        }
        ph.finish()?;
        let projection = projection.or_else(|| attributes_to_get(p.get("AttributesToGet")));
        let table = self.table_ref(name)?;
        let target = target(table, p)?;
        let start = target.start_key(p)?;
        let hash_attr = target.keys().hash.clone();
        let candidates: Vec<&Item> = target
            .items()
            .into_iter()
            .filter(|item| match (segment, total) {
                (Some(s), Some(t)) => {
                    let hash = item.get(&hash_attr).and_then(Attr::as_key).map(|k| k.bytes()).unwrap_or_default();
                    i64::from(Md5::digest(&hash)[0]) % t == s
                }
                _ => true,
            })
            .collect();
        let mut out = page(&target, candidates, start, true, &rp, filter.as_ref(), projection.as_ref());
        add_capacity(capacity, &table.name, 0.5, &mut out);
        Ok(out)
    }
}

/// The legacy `KeyConditions` of a Query (`{attr: {ComparisonOperator, AttributeValueList}}`,
/// as old tutorials write it) rewritten as the equivalent `KeyConditionExpression`, so both
/// forms are checked and evaluated by the same code.
fn key_conditions_as_expression(p: Params<'_>) -> Result<Value, AwsError> {
    let expression_params: Vec<&str> = ["KeyConditionExpression", "FilterExpression", "ProjectionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"]
        .into_iter()
        .filter(|n| p.get(n).is_some())
        .collect();
    if !expression_params.is_empty() {
        return Err(AwsError::validation(format!(
            "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {{KeyConditions}} Expression parameters: {{{}}}",
            expression_params.join(", ")
        )));
    }
    let conditions = p.opt_object("KeyConditions").cloned().unwrap_or_default();
    let mut parts = Vec::new();
    let mut names = serde_json::Map::new();
    let mut values = serde_json::Map::new();
    for (i, (attr, cond)) in conditions.iter().enumerate() {
        let op = cond.get("ComparisonOperator").and_then(Value::as_str).unwrap_or_default();
        let list = cond.get("AttributeValueList").and_then(Value::as_array).cloned().unwrap_or_default();
        let wanted = match op {
            "EQ" | "LE" | "LT" | "GE" | "GT" | "BEGINS_WITH" => 1,
            "BETWEEN" => 2,
            _ => {
                return Err(AwsError::validation(format!(
                    "One or more parameter values were invalid: Unsupported operator on KeyCondition: {op}"
                )));
            }
        };
        if list.len() != wanted {
            return Err(AwsError::validation(format!(
                "One or more parameter values were invalid: Invalid number of argument(s) for the {op} ComparisonOperator"
            )));
        }
        let name = format!("#legacy{i}");
        names.insert(name.clone(), json!(attr));
        let vals: Vec<String> = list
            .iter()
            .enumerate()
            .map(|(j, v)| {
                let placeholder = format!(":legacy{i}_{j}");
                values.insert(placeholder.clone(), v.clone());
                placeholder
            })
            .collect();
        parts.push(match op {
            "EQ" => format!("{name} = {}", vals[0]),
            "LE" => format!("{name} <= {}", vals[0]),
            "LT" => format!("{name} < {}", vals[0]),
            "GE" => format!("{name} >= {}", vals[0]),
            "GT" => format!("{name} > {}", vals[0]),
            "BEGINS_WITH" => format!("begins_with({name}, {})", vals[0]),
            _ => format!("{name} BETWEEN {} AND {}", vals[0], vals[1]),
        });
    }
    let mut out = p.0.clone();
    if let Some(m) = out.as_object_mut() {
        m.remove("KeyConditions");
        m.insert("KeyConditionExpression".into(), json!(parts.join(" AND ")));
        m.insert("ExpressionAttributeNames".into(), Value::Object(names));
        m.insert("ExpressionAttributeValues".into(), Value::Object(values));
    }
    Ok(out)
}
