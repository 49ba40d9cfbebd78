//! Resolution of `#name` / `:value` placeholders in parsed expressions, and the checks
//! DynamoDB makes on a resolved expression before running it (reserved words, undefined or
//! unused placeholders, operand types of functions, ADD and DELETE, overlapping paths).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::expressions::{
    Action, Cond, Kind, Operand, Path, PathElem, SetOperand, SetValue, Update, is_word_char, parse_condition,
    parse_projection, parse_update,
};
use super::key_condition::{KeyCond, key_condition_shape, key_conditions};
use super::reserved::is_reserved;
use super::types::Attr;
use crate::AwsError;

/// A request's `ExpressionAttributeNames` and `ExpressionAttributeValues`, and which of them
/// its expressions used (DynamoDB refuses unused ones).
#[derive(Debug, Default)]
pub(crate) struct Placeholders {
    names: BTreeMap<String, String>,
    values: BTreeMap<String, Attr>,
    names_given: bool,
    values_given: bool,
    used_names: BTreeSet<String>,
    used_values: BTreeSet<String>,
    any_expression: bool,
}

impl Placeholders {
    /// Reads and validates the two maps from request parameters.
    pub(crate) fn from_params(names: Option<&Value>, values: Option<&Value>) -> Result<Placeholders, AwsError> {
        let mut out = Placeholders::default();
        if let Some(names) = names.filter(|v| !v.is_null()) {
            let obj =
                names.as_object().ok_or_else(|| AwsError::validation("ExpressionAttributeNames must be a map"))?;
            if obj.is_empty() {
                return Err(AwsError::validation("ExpressionAttributeNames must not be empty"));
            }
            for (k, v) in obj {
                if !k.starts_with('#') || k.len() < 2 || !k[1..].chars().all(is_word_char) {
                    return Err(AwsError::validation(format!(
                        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"{k}\""
                    )));
                }
                let v = v
                    .as_str()
                    .ok_or_else(|| AwsError::validation("ExpressionAttributeNames values must be strings"))?;
                out.names.insert(k.clone(), v.to_owned());
            }
            out.names_given = true;
        }
        if let Some(values) = values.filter(|v| !v.is_null()) {
            let obj =
                values.as_object().ok_or_else(|| AwsError::validation("ExpressionAttributeValues must be a map"))?;
            if obj.is_empty() {
                return Err(AwsError::validation("ExpressionAttributeValues must not be empty"));
            }
            for (k, v) in obj {
                if !k.starts_with(':') || k.len() < 2 || !k[1..].chars().all(is_word_char) {
                    return Err(AwsError::validation(format!(
                        "ExpressionAttributeValues contains invalid key: Syntax error; key: \"{k}\""
                    )));
                }
                let attr = Attr::from_json(v).map_err(|e| {
                    AwsError::validation(format!(
                        "ExpressionAttributeValues contains invalid value: {} for key {k}",
                        e.message
                    ))
                })?;
                out.values.insert(k.clone(), attr);
            }
            out.values_given = true;
        }
        Ok(out)
    }

    /// Reads an optional expression parameter, refusing an empty one.
    fn text<'a>(&mut self, src: Option<&'a str>, kind: Kind) -> Result<Option<&'a str>, AwsError> {
        match src {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Err(kind.invalid("The expression can not be empty;")),
            Some(s) => {
                self.any_expression = true;
                Ok(Some(s))
            }
        }
    }

    /// Parses and resolves a condition or filter expression.
    pub(crate) fn condition(&mut self, src: Option<&str>, kind: Kind) -> Result<Option<Cond>, AwsError> {
        let Some(src) = self.text(src, kind)? else { return Ok(None) };
        let mut c = parse_condition(src, kind)?;
        self.resolve_cond(&mut c, kind)?;
        check_cond(&c, kind)?;
        Ok(Some(c))
    }

    /// Parses a key-condition expression, checks its shape, resolves it.
    pub(crate) fn key_condition(&mut self, src: Option<&str>) -> Result<Option<Vec<KeyCond>>, AwsError> {
        let kind = Kind::KeyCondition;
        let Some(src) = self.text(src, kind)? else { return Ok(None) };
        let mut c = parse_condition(src, kind)?;
        key_condition_shape(&c)?;
        self.resolve_cond(&mut c, kind)?;
        check_cond(&c, kind)?;
        Ok(Some(key_conditions(&c)?))
    }

    /// Parses and resolves an update expression.
    pub(crate) fn update(&mut self, src: Option<&str>) -> Result<Option<Update>, AwsError> {
        let kind = Kind::Update;
        let Some(src) = self.text(src, kind)? else { return Ok(None) };
        let mut u = parse_update(src)?;
        for action in &mut u.actions {
            match action {
                Action::Set(p, v) => {
                    self.resolve_path(p, kind)?;
                    match v {
                        SetValue::Operand(o) => self.resolve_set_operand(o, kind)?,
                        SetValue::Plus(a, b) | SetValue::Minus(a, b) => {
                            self.resolve_set_operand(a, kind)?;
                            self.resolve_set_operand(b, kind)?;
                        }
                    }
                }
                Action::Remove(p) => self.resolve_path(p, kind)?,
                Action::Add(p, v) | Action::Delete(p, v) => {
                    self.resolve_path(p, kind)?;
                    self.resolve_set_operand(v, kind)?;
                }
            }
        }
        check_update(&u)?;
        Ok(Some(u))
    }

    /// Parses and resolves a projection expression.
    pub(crate) fn projection(&mut self, src: Option<&str>) -> Result<Option<Vec<Path>>, AwsError> {
        let kind = Kind::Projection;
        let Some(src) = self.text(src, kind)? else { return Ok(None) };
        let mut paths = parse_projection(src)?;
        for p in &mut paths {
            self.resolve_path(p, kind)?;
        }
        for (i, a) in paths.iter().enumerate() {
            for b in &paths[i + 1..] {
                if a.overlaps(b) {
                    return Err(kind.invalid(overlap_message(a, b)));
                }
            }
        }
        Ok(Some(paths))
    }

    /// After all of a request's expressions: refuse placeholders given but never used, and
    /// placeholders given with no expression at all.
    pub(crate) fn finish(&self) -> Result<(), AwsError> {
        if !self.any_expression {
            if self.names_given {
                return Err(AwsError::validation(
                    "ExpressionAttributeNames can only be specified when using expressions",
                ));
            }
            if self.values_given {
                return Err(AwsError::validation(
                    "ExpressionAttributeValues can only be specified when using expressions",
                ));
            }
        }
        let unused: Vec<&str> =
            self.names.keys().filter(|k| !self.used_names.contains(*k)).map(String::as_str).collect();
        if !unused.is_empty() {
            return Err(AwsError::validation(format!(
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {{{}}}",
                unused.join(", ")
            )));
        }
        let unused: Vec<&str> =
            self.values.keys().filter(|k| !self.used_values.contains(*k)).map(String::as_str).collect();
        if !unused.is_empty() {
            return Err(AwsError::validation(format!(
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {{{}}}",
                unused.join(", ")
            )));
        }
        Ok(())
    }

    fn resolve_path(&mut self, p: &mut Path, kind: Kind) -> Result<(), AwsError> {
        for e in &mut p.0 {
            if let PathElem::Key(k) = e {
                if k.starts_with('#') {
                    let real = self.names.get(k.as_str()).cloned().ok_or_else(|| {
                        kind.invalid(format!(
                            "An expression attribute name used in the document path is not defined; attribute name: {k}"
                        ))
                    })?;
                    self.used_names.insert(k.clone());
                    *k = real;
                } else if is_reserved(k) {
                    return Err(kind.invalid(format!("Attribute name is a reserved keyword; reserved keyword: {k}")));
                }
            }
        }
        Ok(())
    }

    fn value(&mut self, name: &str, kind: Kind) -> Result<Attr, AwsError> {
        let v = self.values.get(name).cloned().ok_or_else(|| {
            kind.invalid(format!(
                "An expression attribute value used in expression is not defined; attribute value: {name}"
            ))
        })?;
        self.used_values.insert(name.to_owned());
        Ok(v)
    }

    fn resolve_operand(&mut self, o: &mut Operand, kind: Kind) -> Result<(), AwsError> {
        match o {
            Operand::Path(p) | Operand::Size(p) => self.resolve_path(p, kind),
            Operand::Placeholder(name) => {
                let v = self.value(&name.clone(), kind)?;
                *o = Operand::Const(v);
                Ok(())
            }
            Operand::Const(_) => Ok(()),
        }
    }

    fn resolve_set_operand(&mut self, o: &mut SetOperand, kind: Kind) -> Result<(), AwsError> {
        match o {
            SetOperand::Path(p) => self.resolve_path(p, kind),
            SetOperand::Placeholder(name) => {
                let v = self.value(&name.clone(), kind)?;
                *o = SetOperand::Const(v);
                Ok(())
            }
            SetOperand::Const(_) => Ok(()),
            SetOperand::IfNotExists(p, alt) => {
                self.resolve_path(p, kind)?;
                self.resolve_set_operand(alt, kind)
            }
            SetOperand::ListAppend(a, b) => {
                self.resolve_set_operand(a, kind)?;
                self.resolve_set_operand(b, kind)
            }
        }
    }

    fn resolve_cond(&mut self, c: &mut Cond, kind: Kind) -> Result<(), AwsError> {
        match c {
            Cond::Cmp(a, _, b) | Cond::BeginsWith(a, b) | Cond::Contains(a, b) => {
                self.resolve_operand(a, kind)?;
                self.resolve_operand(b, kind)
            }
            Cond::Between(a, lo, hi) => {
                self.resolve_operand(a, kind)?;
                self.resolve_operand(lo, kind)?;
                self.resolve_operand(hi, kind)
            }
            Cond::In(a, list) => {
                self.resolve_operand(a, kind)?;
                list.iter_mut().try_for_each(|o| self.resolve_operand(o, kind))
            }
            Cond::Exists(p) | Cond::NotExists(p) => self.resolve_path(p, kind),
            Cond::Type(p, t) => {
                self.resolve_path(p, kind)?;
                self.resolve_operand(t, kind)
            }
            Cond::And(a, b) | Cond::Or(a, b) => {
                self.resolve_cond(a, kind)?;
                self.resolve_cond(b, kind)
            }
            Cond::Not(a) => self.resolve_cond(a, kind),
        }
    }
}

/// DynamoDB's overlapping-paths detail.
pub(crate) fn overlap_message(a: &Path, b: &Path) -> String {
    format!(
        "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: {}, path two: {}",
        a.display(),
        b.display()
    )
}

const ATTRIBUTE_TYPES: [&str; 10] = ["B", "NULL", "SS", "BOOL", "L", "BS", "N", "NS", "S", "M"];

/// Checks DynamoDB makes on a resolved condition before evaluating it: function operand
/// types and constant BETWEEN bounds.
fn check_cond(c: &Cond, kind: Kind) -> Result<(), AwsError> {
    match c {
        Cond::And(a, b) | Cond::Or(a, b) => {
            check_cond(a, kind)?;
            check_cond(b, kind)
        }
        Cond::Not(a) => check_cond(a, kind),
        Cond::Type(_, t) => match t {
            Operand::Const(Attr::S(name)) if ATTRIBUTE_TYPES.contains(&name.as_str()) => Ok(()),
            Operand::Const(Attr::S(name)) => Err(kind.invalid(format!(
                "Invalid attribute type name found in type: {name}, valid types: {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}"
            ))),
            Operand::Const(other) => Err(kind.invalid(format!(
                "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {}",
                other.type_code()
            ))),
            _ => Err(kind.invalid(
                "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: PATH",
            )),
        },
        Cond::BeginsWith(_, Operand::Const(v)) if !matches!(v, Attr::S(_) | Attr::B(_)) => Err(kind.invalid(format!(
            "Incorrect operand type for operator or function; operator or function: begins_with, operand type: {}",
            v.type_code()
        ))),
        Cond::Between(_, Operand::Const(lo), Operand::Const(hi)) => {
            if lo.type_code() != hi.type_code() {
                return Err(kind.invalid(format!(
                    "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {}, upper bound operand: AttributeValue: {}",
                    lo.brief(),
                    hi.brief()
                )));
            }
            if lo.compare(hi) == Some(std::cmp::Ordering::Greater) {
                return Err(kind.invalid(format!(
                    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {}, upper bound operand: AttributeValue: {}",
                    lo.brief(),
                    hi.brief()
                )));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Checks DynamoDB makes on a resolved update expression: overlapping paths and the operand
/// types of ADD and DELETE.
fn check_update(u: &Update) -> Result<(), AwsError> {
    for (i, a) in u.actions.iter().enumerate() {
        for b in &u.actions[i + 1..] {
            if a.target().overlaps(b.target()) {
                return Err(Kind::Update.invalid(overlap_message(a.target(), b.target())));
            }
        }
    }
    for action in &u.actions {
        match action {
            Action::Add(_, SetOperand::Const(v)) if !matches!(v, Attr::N(_)) && !v.is_set() => {
                return Err(Kind::Update.invalid(format!(
                    "Incorrect operand type for operator or function; operator: ADD, operand type: {}, typeSet: ALLOWED_FOR_ADD_OPERAND",
                    v.type_word()
                )));
            }
            Action::Delete(_, SetOperand::Const(v)) if !v.is_set() => {
                return Err(Kind::Update.invalid(format!(
                    "Incorrect operand type for operator or function; operator: DELETE, operand type: {}, typeSet: ALLOWED_FOR_DELETE_OPERAND",
                    v.type_word()
                )));
            }
            _ => {}
        }
    }
    Ok(())
}
