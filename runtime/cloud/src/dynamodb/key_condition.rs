//! Key conditions of Query: DynamoDB checks a KeyConditionExpression's shape (only AND,
//! comparisons other than `<>`, BETWEEN and begins_with, each on one top-level attribute
//! against constants) before resolving its placeholders, then turns it into at most one
//! condition per key attribute.

use super::expressions::{CmpOp, Cond, Operand};
use super::types::Attr;
use crate::AwsError;

/// The operator of one key condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyOp {
    /// A comparison (never `<>`).
    Cmp(CmpOp),
    /// `BETWEEN lo AND hi`
    Between,
    /// `begins_with(key, prefix)`
    BeginsWith,
}

/// One condition on a key attribute.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct KeyCond {
    /// The key attribute (resolved name).
    pub(crate) attr: String,
    /// The operator.
    pub(crate) op: KeyOp,
    /// The constant operands (one, or two for BETWEEN).
    pub(crate) values: Vec<Attr>,
}

fn key_invalid_operator(what: &str) -> AwsError {
    AwsError::validation(format!("Invalid operator used in KeyConditionExpression: {what}"))
}

fn flatten_and<'a>(c: &'a Cond, out: &mut Vec<&'a Cond>) {
    match c {
        Cond::And(a, b) => {
            flatten_and(a, out);
            flatten_and(b, out);
        }
        other => out.push(other),
    }
}

fn first_invalid_operator(c: &Cond) -> Option<String> {
    match c {
        Cond::And(a, b) => first_invalid_operator(a).or_else(|| first_invalid_operator(b)),
        Cond::Or(..) => Some("OR".into()),
        Cond::Not(_) => Some("NOT".into()),
        Cond::In(..) => Some("IN".into()),
        Cond::Cmp(_, CmpOp::Ne, _) => Some("<>".into()),
        Cond::Exists(_) => Some("attribute_exists".into()),
        Cond::NotExists(_) => Some("attribute_not_exists".into()),
        Cond::Type(..) => Some("attribute_type".into()),
        Cond::Contains(..) => Some("contains".into()),
        _ => None,
    }
}

fn operands(c: &Cond) -> Vec<&Operand> {
    match c {
        Cond::Cmp(a, _, b) | Cond::BeginsWith(a, b) => vec![a, b],
        Cond::Between(a, lo, hi) => vec![a, lo, hi],
        _ => Vec::new(),
    }
}

/// DynamoDB checks a key condition's shape (only AND, comparisons, BETWEEN and begins_with on
/// top-level key attributes against constants) before resolving its placeholders.
pub(crate) fn key_condition_shape(c: &Cond) -> Result<(), AwsError> {
    if let Some(op) = first_invalid_operator(c) {
        return Err(key_invalid_operator(&op));
    }
    let mut parts = Vec::new();
    flatten_and(c, &mut parts);
    if parts.iter().any(|p| operands(p).iter().any(|o| matches!(o, Operand::Size(_)))) {
        return Err(AwsError::validation("KeyConditionExpressions cannot contain nested operations"));
    }
    for part in &parts {
        let ops = operands(part);
        let paths = ops.iter().filter(|o| matches!(o, Operand::Path(_))).count();
        let name = match part {
            Cond::Between(..) => "BETWEEN",
            Cond::BeginsWith(..) => "begins_with",
            _ => "",
        };
        if !name.is_empty() && !matches!(ops[0], Operand::Path(_)) && paths > 0 {
            return Err(AwsError::validation(format!(
                "Invalid condition in KeyConditionExpression: {name} operator must have the key attribute as its first operand"
            )));
        }
        if let Operand::Path(p) = ops[0]
            && p.0.len() > 1
        {
            return Err(AwsError::validation("KeyConditionExpressions cannot have conditions on nested attributes"));
        }
        if paths > 1 {
            return Err(AwsError::validation(
                "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            ));
        }
        if paths == 0 {
            return Err(AwsError::validation(
                "Invalid condition in KeyConditionExpression: No key attribute specified",
            ));
        }
        if ops.iter().any(|o| matches!(o, Operand::Path(p) if p.0.len() > 1)) {
            return Err(AwsError::validation("KeyConditionExpressions cannot have conditions on nested attributes"));
        }
    }
    // As written (placeholders are compared again once resolved).
    let mut seen: Vec<&str> = Vec::new();
    for part in &parts {
        if let Some(Operand::Path(p)) = operands(part).into_iter().find(|o| matches!(o, Operand::Path(_))) {
            if seen.contains(&p.root()) {
                return Err(one_condition_per_key());
            }
            seen.push(p.root());
        }
    }
    if parts.len() > 2 {
        return Err(AwsError::validation("Conditions can be of length 1 or 2 only"));
    }
    Ok(())
}

fn one_condition_per_key() -> AwsError {
    AwsError::validation("KeyConditionExpressions must only contain one condition per key")
}

/// The key conditions of a resolved, well-shaped key-condition expression.
pub(crate) fn key_conditions(c: &Cond) -> Result<Vec<KeyCond>, AwsError> {
    let mut parts = Vec::new();
    flatten_and(c, &mut parts);
    let mut out: Vec<KeyCond> = Vec::new();
    for part in parts {
        let kc = match part {
            Cond::Cmp(Operand::Path(p), op, Operand::Const(v)) => {
                KeyCond { attr: p.root().to_owned(), op: KeyOp::Cmp(*op), values: vec![v.clone()] }
            }
            Cond::Cmp(Operand::Const(v), op, Operand::Path(p)) => {
                KeyCond { attr: p.root().to_owned(), op: KeyOp::Cmp(op.flipped()), values: vec![v.clone()] }
            }
            Cond::Between(Operand::Path(p), Operand::Const(lo), Operand::Const(hi)) => {
                KeyCond { attr: p.root().to_owned(), op: KeyOp::Between, values: vec![lo.clone(), hi.clone()] }
            }
            Cond::BeginsWith(Operand::Path(p), Operand::Const(v)) => {
                KeyCond { attr: p.root().to_owned(), op: KeyOp::BeginsWith, values: vec![v.clone()] }
            }
            _ => return Err(AwsError::validation("Query key condition not supported")),
        };
        if out.iter().any(|o| o.attr == kc.attr) {
            return Err(one_condition_per_key());
        }
        out.push(kc);
    }
    if out.len() > 2 {
        return Err(AwsError::validation("Conditions can be of length 1 or 2 only"));
    }
    Ok(out)
}
