//! Subscription filter policies: validation (with SNS's messages) and matching, on message
//! attributes (the default scope) or on the JSON message body.
//!
//! Semantics (SNS developer guide, "subscription filter policies"): every key of the policy
//! must match (AND); a key matches when any of its rules matches (OR) any of the values
//! (a `String.Array` attribute or a JSON array in the body has several). A key absent from
//! the message matches only `{"exists": false}`. Binary attributes never match a value rule.
//! `$or` takes a list of sub-policies, one of which must match.

use serde_json::{Map, Value};

use crate::AwsError;

/// Where a policy looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    MessageAttributes,
    MessageBody,
}

impl Scope {
    pub(super) fn parse(s: &str) -> Option<Scope> {
        match s {
            "MessageAttributes" => Some(Scope::MessageAttributes),
            "MessageBody" => Some(Scope::MessageBody),
            _ => None,
        }
    }
}

fn invalid(message: impl Into<String>) -> AwsError {
    AwsError::new("InvalidParameter", message, 400)
}

/// Where an attribute is being set decides how SNS words its errors: `Subscribe` says
/// "Invalid parameter: Attributes Reason: …", `SetSubscriptionAttributes` "Invalid parameter: …".
#[derive(Debug, Clone, Copy)]
pub(super) struct Wording(pub(super) &'static str);

impl Wording {
    pub(super) const SUBSCRIBE: Wording = Wording("Invalid parameter: Attributes Reason: ");
    pub(super) const SET: Wording = Wording("Invalid parameter: ");

    pub(super) fn error(self, message: impl std::fmt::Display) -> AwsError {
        invalid(format!("{}{message}", self.0))
    }

    fn policy(self, message: impl std::fmt::Display) -> AwsError {
        self.error(format!("FilterPolicy: {message}"))
    }
}

/// Parses and validates a `FilterPolicy` attribute value for `scope`.
pub(super) fn parse(text: &str, scope: Scope, w: Wording) -> Result<Map<String, Value>, AwsError> {
    let value: Value = serde_json::from_str(text).map_err(|_| w.policy("failed to parse JSON."))?;
    let Value::Object(policy) = value else {
        return Err(w.policy("Filter policy must be a JSON object"));
    };
    validate(&policy, scope, w)?;
    Ok(policy)
}

/// Checks the shape of `policy`, its rules and its complexity limits (at most five keys;
/// at most 150 combinations, counted as SNS does: the product of the number of values of
/// each key times its nesting depth, `$or` branches added).
pub(super) fn validate(policy: &Map<String, Value>, scope: Scope, w: Wording) -> Result<(), AwsError> {
    if policy.len() > 5 {
        return Err(w.policy("Filter policy can not have more than 5 keys"));
    }
    if combinations(policy, scope, w, 1, 1)? > 150 {
        return Err(w.policy("Filter policy is too complex"));
    }
    Ok(())
}

fn combinations(policy: &Map<String, Value>, scope: Scope, w: Wording, depth: u64, mut total: u64) -> Result<u64, AwsError> {
    for (key, rules) in policy {
        match rules {
            Value::Object(nested) => total = combinations(nested, scope, w, depth + 1, total)?,
            Value::Array(list) if list.is_empty() => return Err(w.policy("Empty arrays are not allowed")),
            Value::Array(alternatives) if key == "$or" => {
                let mut sum = 0u64;
                for alt in alternatives {
                    let Value::Object(sub) = alt else {
                        return Err(w.policy("Match value must be String, number, true, false, or null"));
                    };
                    sum = sum.saturating_add(combinations(sub, scope, w, depth, total)?);
                }
                total = sum;
            }
            Value::Array(list) => {
                for rule in list {
                    validate_rule(rule, w)?;
                }
                total = total.saturating_mul(list.len() as u64).saturating_mul(depth);
            }
            _ => return Err(w.policy(format!("\"{key}\" must be an object or an array"))),
        }
    }
    if scope == Scope::MessageAttributes && depth > 1 {
        return Err(w.error("Filter policy scope MessageAttributes does not support nested filter policy"));
    }
    Ok(total)
}

fn validate_rule(rule: &Value, w: Wording) -> Result<(), AwsError> {
    let Value::Object(m) = rule else {
        return match rule {
            Value::Array(_) => Err(w.policy("Match value must be String, number, true, false, or null")),
            _ => Ok(()),
        };
    };
    if m.len() != 1 {
        return Err(w.policy("Only one key allowed in match expression"));
    }
    let Some((keyword, arg)) = m.iter().next() else { return Ok(()) };
    match keyword.as_str() {
        "exists" if arg.is_boolean() => Ok(()),
        "exists" => Err(w.policy("exists match pattern must be either true or false.")),
        "prefix" | "suffix" if arg.get("equals-ignore-case").is_some_and(Value::is_string) && arg.as_object().is_some_and(|o| o.len() == 1) => Ok(()),
        "prefix" | "suffix" | "equals-ignore-case" if arg.is_string() => Ok(()),
        "prefix" | "suffix" | "equals-ignore-case" => Err(w.policy(format!("{keyword} match pattern must be a string"))),
        "anything-but" => match arg {
            Value::Array(list) => list.iter().try_for_each(|v| validate_rule(v, w)),
            Value::Object(inner) => {
                if let Some(op) = inner.keys().find(|k| !matches!(k.as_str(), "prefix" | "suffix" | "equals-ignore-case")) {
                    return Err(w.policy(format!("Unsupported anything-but pattern: {op}")));
                }
                validate_rule(arg, w)
            }
            other => validate_rule(other, w),
        },
        "numeric" => validate_numeric(arg, w),
        "cidr" => validate_cidr(arg, w),
        other => Err(w.policy(format!("Unrecognized match type {other}"))),
    }
}

fn validate_numeric(arg: &Value, w: Wording) -> Result<(), AwsError> {
    let items = arg.as_array().cloned().unwrap_or_default();
    let Some(first) = items.first() else {
        return Err(w.policy("Invalid member in numeric match: ]"));
    };
    let Some(op) = first.as_str() else {
        return Err(w.policy(format!("Invalid member in numeric match: {first}")));
    };
    if !["<", "<=", "=", ">", ">="].contains(&op) {
        return Err(w.policy(format!("Unrecognized numeric range operator: {op}")));
    }
    let named = |op: &str| if op == "=" { "equals".to_owned() } else { op.to_owned() };
    let Some(low) = items.get(1).and_then(Value::as_f64) else {
        return Err(w.policy(format!("Value of {} must be numeric", named(op))));
    };
    if items.len() == 2 {
        return Ok(());
    }
    if op != ">" && op != ">=" {
        return Err(w.policy("Too many elements in numeric expression"));
    }
    let second = &items[2];
    let Some(op2) = second.as_str() else {
        return Err(w.policy(format!("Bad value in numeric range: {second}")));
    };
    if op2 != "<" && op2 != "<=" {
        return Err(w.policy(format!("Bad numeric range operator: {op2}")));
    }
    let Some(high) = items.get(3).and_then(Value::as_f64) else {
        return Err(w.policy(format!("Value of {} must be numeric", named(op2))));
    };
    if high <= low {
        return Err(w.policy("Bottom must be less than top"));
    }
    if items.len() > 4 {
        return Err(w.policy("Too many terms in numeric range expression"));
    }
    Ok(())
}

fn validate_cidr(arg: &Value, w: Wording) -> Result<(), AwsError> {
    let Some(text) = arg.as_str() else {
        return Err(w.policy("prefix match pattern must be a string"));
    };
    let Some((ip, bits)) = text.split_once('/') else {
        return Err(w.policy("Malformed CIDR, one '/' required"));
    };
    let Ok(bits) = bits.parse::<u8>() else {
        return Err(w.policy("Malformed CIDR, mask bits must be an integer"));
    };
    match ip.parse::<std::net::IpAddr>() {
        Ok(addr) if bits <= if addr.is_ipv4() { 32 } else { 128 } => Ok(()),
        _ => Err(w.policy(format!("Nonstandard IP address: {ip}"))),
    }
}

/// Is `value` an IP address inside the `cidr` block?
fn in_cidr(cidr: &str, value: &str) -> bool {
    use std::net::IpAddr;
    let Some((net, bits)) = cidr.split_once('/') else { return false };
    let (Ok(net), Ok(bits), Ok(ip)) = (net.parse::<IpAddr>(), bits.parse::<u32>(), value.parse::<IpAddr>()) else {
        return false;
    };
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => {
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits.min(32)) };
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits.min(128)) };
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

/// One value a rule is tested against.
#[derive(Debug, Clone, PartialEq)]
enum V {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
}

impl V {
    fn from_json(v: &Value) -> Option<V> {
        match v {
            Value::String(s) => Some(V::Str(s.clone())),
            Value::Number(n) => n.as_f64().map(V::Num),
            Value::Bool(b) => Some(V::Bool(*b)),
            Value::Null => Some(V::Null),
            _ => None,
        }
    }

    fn str(&self) -> Option<&str> {
        if let V::Str(s) = self { Some(s) } else { None }
    }
}

/// The values of a message attribute (`{"Type": .., "Value": ..}`, SNS's shape).
fn attribute_values(attr: &Value) -> Vec<V> {
    let ty = attr.get("Type").and_then(Value::as_str).unwrap_or("");
    let raw = attr.get("Value").and_then(Value::as_str).unwrap_or("");
    if ty.starts_with("String.Array") {
        match serde_json::from_str::<Value>(raw) {
            Ok(Value::Array(items)) => items.iter().filter_map(V::from_json).collect(),
            _ => Vec::new(),
        }
    } else if ty.starts_with("Number") {
        raw.trim().parse::<f64>().map(|n| vec![V::Num(n)]).unwrap_or_default()
    } else if ty.starts_with("String") {
        vec![V::Str(raw.to_owned())]
    } else {
        Vec::new()
    }
}

fn body_values(v: &Value) -> Vec<V> {
    match v {
        Value::Array(items) => items.iter().filter_map(V::from_json).collect(),
        other => V::from_json(other).into_iter().collect(),
    }
}

fn string_test(pattern: &Value, keyword: &str) -> impl Fn(&str) -> bool {
    let (text, ignore_case) = match pattern {
        Value::Object(inner) => (inner.get("equals-ignore-case").and_then(Value::as_str).unwrap_or("").to_owned(), true),
        other => (other.as_str().unwrap_or("").to_owned(), keyword == "equals-ignore-case"),
    };
    let keyword = keyword.to_owned();
    move |s: &str| {
        let (s, t) = if ignore_case { (s.to_lowercase(), text.to_lowercase()) } else { (s.to_owned(), text.clone()) };
        match keyword.as_str() {
            "prefix" => s.starts_with(&t),
            "suffix" => s.ends_with(&t),
            _ => s == t,
        }
    }
}

fn numeric_ok(spec: &[Value], n: f64) -> bool {
    spec.chunks(2).all(|pair| {
        let (Some(op), Some(x)) = (pair[0].as_str(), pair.get(1).and_then(Value::as_f64)) else {
            return false;
        };
        match op {
            "<" => n < x,
            "<=" => n <= x,
            "=" => n == x,
            ">" => n > x,
            ">=" => n >= x,
            _ => false,
        }
    })
}

fn scalar_equals(rule: &Value, v: &V) -> bool {
    match (rule, v) {
        (Value::String(s), V::Str(x)) => s == x,
        (Value::Number(n), V::Num(x)) => n.as_f64() == Some(*x),
        (Value::Bool(b), V::Bool(x)) => b == x,
        (Value::Null, V::Null) => true,
        _ => false,
    }
}

/// Does `rule` accept the field whose values are `values` (`None`: the field is absent)?
fn rule_matches(rule: &Value, values: Option<&[V]>) -> bool {
    let Value::Object(m) = rule else {
        return values.is_some_and(|vs| vs.iter().any(|v| scalar_equals(rule, v)));
    };
    let Some((keyword, arg)) = m.iter().next() else { return false };
    if keyword == "exists" {
        return arg.as_bool() == Some(values.is_some());
    }
    let Some(values) = values else { return false };
    match keyword.as_str() {
        "prefix" | "suffix" | "equals-ignore-case" => {
            let test = string_test(arg, keyword);
            values.iter().filter_map(V::str).any(test)
        }
        "cidr" => {
            let block = arg.as_str().unwrap_or("");
            values.iter().filter_map(V::str).any(|s| in_cidr(block, s))
        }
        "numeric" => {
            let spec = arg.as_array().cloned().unwrap_or_default();
            values.iter().any(|v| matches!(v, V::Num(n) if numeric_ok(&spec, *n)))
        }
        "anything-but" => match arg {
            Value::Object(inner) => {
                let Some((k, pattern)) = inner.iter().next() else { return false };
                let mut strs = values.iter().filter_map(V::str);
                match (k.as_str(), pattern) {
                    ("equals-ignore-case", Value::Array(list)) => {
                        strs.any(|s| !list.iter().filter_map(Value::as_str).any(|x| x.to_lowercase() == s.to_lowercase()))
                    }
                    ("equals-ignore-case", Value::String(x)) => strs.any(|s| x.to_lowercase() != s.to_lowercase()),
                    ("prefix", Value::String(p)) => strs.any(|s| !s.starts_with(p.as_str())),
                    ("suffix", Value::String(p)) => strs.any(|s| !s.ends_with(p.as_str())),
                    _ => false,
                }
            }
            Value::Array(excluded) => values.iter().any(|v| !excluded.iter().any(|x| scalar_equals(x, v))),
            single => values.iter().any(|v| !scalar_equals(single, v)),
        },
        _ => false,
    }
}

fn field_matches(rules: &[Value], values: Option<&[V]>) -> bool {
    rules.iter().any(|rule| rule_matches(rule, values))
}

/// Does a message with SNS-shaped `attributes` (`{name: {"Type", "Value"}}`) pass `policy`?
pub(super) fn matches_attributes(policy: &Map<String, Value>, attributes: &Map<String, Value>) -> bool {
    policy.iter().all(|(key, rules)| {
        if key == "$or" {
            return rules.as_array().is_some_and(|alts| alts.iter().filter_map(Value::as_object).any(|p| matches_attributes(p, attributes)));
        }
        let values = attributes.get(key).map(attribute_values);
        field_matches(rules.as_array().map_or(&[], Vec::as_slice), values.as_deref())
    })
}

/// Does a message whose body is `message` pass a `MessageBody`-scope `policy`? A body that
/// is not a JSON object never does.
pub(super) fn matches_body(policy: &Map<String, Value>, message: &str) -> bool {
    match serde_json::from_str::<Value>(message) {
        Ok(body @ Value::Object(_)) => body_matches(policy, &body),
        _ => false,
    }
}

fn body_matches(policy: &Map<String, Value>, body: &Value) -> bool {
    policy.iter().all(|(key, rules)| {
        if key == "$or" {
            return rules.as_array().is_some_and(|alts| alts.iter().filter_map(Value::as_object).any(|p| body_matches(p, body)));
        }
        let field = body.get(key);
        match rules {
            // A missing (or non-object) parent leaves every nested key absent, which only
            // `{"exists": false}` accepts.
            Value::Object(nested) => match field {
                Some(obj @ Value::Object(_)) => body_matches(nested, obj),
                Some(Value::Array(items)) if items.iter().any(Value::is_object) => {
                    items.iter().any(|item| item.is_object() && body_matches(nested, item))
                }
                _ => body_matches(nested, &Value::Object(Map::new())),
            },
            Value::Array(list) => {
                let values = field.map(body_values);
                field_matches(list, values.as_deref())
            }
            _ => false,
        }
    })
}
