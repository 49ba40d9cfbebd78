//! AttributeValues: the typed values DynamoDB stores, read from and written to the low-level
//! JSON shape (`{"S": "x"}`, `{"N": "1.5"}`, `{"B": {"$bytes": …}}`, …).
//!
//! Values are validated on the way in with DynamoDB's own messages (empty sets, duplicate set
//! members, bad numbers), so nothing invalid is ever stored. Sets are kept sorted and
//! de-duplicated: DynamoDB returns set members in no particular order, and a canonical order
//! makes equality (an identical put writes no stream record) and snapshots deterministic.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::number::Number;
use crate::AwsError;
use crate::wire;

/// One item: attribute name to value, in name order.
pub(crate) type Item = BTreeMap<String, Attr>;

/// A DynamoDB AttributeValue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Attr {
    /// String.
    S(String),
    /// Number.
    N(Number),
    /// Binary.
    B(Vec<u8>),
    /// Boolean.
    Bool(bool),
    /// Null (always true).
    Null,
    /// List.
    L(Vec<Attr>),
    /// Map.
    M(BTreeMap<String, Attr>),
    /// String set (sorted, unique).
    Ss(Vec<String>),
    /// Number set (sorted, unique).
    Ns(Vec<Number>),
    /// Binary set (sorted, unique).
    Bs(Vec<Vec<u8>>),
}

/// The value of a key attribute: only S, N and B can be keys. Ordered as DynamoDB sorts
/// (strings and binary by bytes, numbers numerically).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum KeyVal {
    /// String key.
    S(String),
    /// Number key.
    N(Number),
    /// Binary key.
    B(Vec<u8>),
}

const EMPTY_VALUE: &str = "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
const MANY_TYPES: &str =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";

impl Attr {
    /// Reads a typed JSON value, validating it as DynamoDB does.
    pub(crate) fn from_json(v: &Value) -> Result<Attr, AwsError> {
        Attr::parse(v).map_err(AwsError::validation)
    }

    fn parse(v: &Value) -> Result<Attr, String> {
        let obj = v.as_object().ok_or(EMPTY_VALUE)?;
        let mut present = obj.iter().filter(|(_, v)| !v.is_null());
        let (ty, val) = present.next().ok_or(EMPTY_VALUE)?;
        if present.next().is_some() {
            return Err(MANY_TYPES.into());
        }
        let bad = || format!("Invalid value for AttributeValue type {ty}: {val}");
        Ok(match ty.as_str() {
            "S" => Attr::S(val.as_str().ok_or_else(bad)?.to_owned()),
            "N" => Attr::N(parse_number(val.as_str().ok_or_else(bad)?)?),
            "B" => Attr::B(wire::as_bytes(val).ok_or_else(bad)?),
            "BOOL" => Attr::Bool(val.as_bool().ok_or_else(bad)?),
            "NULL" => {
                if val.as_bool() != Some(true) {
                    return Err("One or more parameter values were invalid: Null attribute value types must have the value of true".into());
                }
                Attr::Null
            }
            "L" => Attr::L(val.as_array().ok_or_else(bad)?.iter().map(Attr::parse).collect::<Result<_, _>>()?),
            "M" => Attr::M(
                val.as_object()
                    .ok_or_else(bad)?
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), Attr::parse(v)?)))
                    .collect::<Result<_, String>>()?,
            ),
            "SS" => {
                let raw = set_members(val, "string").map_err(|e| e.unwrap_or_else(bad))?;
                let members =
                    raw.iter().map(|m| m.as_str().map(str::to_owned).ok_or_else(bad)).collect::<Result<Vec<_>, _>>()?;
                Attr::Ss(unique_sorted(members, raw)?)
            }
            "NS" => {
                let raw = set_members(val, "number").map_err(|e| e.unwrap_or_else(bad))?;
                let members =
                    raw.iter().map(|m| parse_number(m.as_str().ok_or_else(bad)?)).collect::<Result<Vec<_>, _>>()?;
                Attr::Ns(unique_sorted(members, raw)?)
            }
            "BS" => {
                let raw = set_members(val, "binary").map_err(|e| e.unwrap_or_else(bad))?;
                let members = raw.iter().map(|m| wire::as_bytes(m).ok_or_else(bad)).collect::<Result<Vec<_>, _>>()?;
                Attr::Bs(unique_sorted(members, raw)?)
            }
            _ => return Err(EMPTY_VALUE.into()),
        })
    }

    /// The typed JSON value (binary as `{"$bytes": …}`).
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Attr::S(s) => json!({"S": s}),
            Attr::N(n) => json!({"N": n.to_string()}),
            Attr::B(b) => json!({"B": wire::bytes(b)}),
            Attr::Bool(b) => json!({"BOOL": b}),
            Attr::Null => json!({"NULL": true}),
            Attr::L(l) => json!({"L": l.iter().map(Attr::to_json).collect::<Vec<_>>()}),
            Attr::M(m) => json!({"M": map_to_json(m)}),
            Attr::Ss(s) => json!({"SS": s}),
            Attr::Ns(s) => json!({"NS": s.iter().map(Number::to_string).collect::<Vec<_>>()}),
            Attr::Bs(s) => json!({"BS": s.iter().map(|b| wire::bytes(b)).collect::<Vec<_>>()}),
        }
    }

    /// The type's code in requests: `S`, `N`, `SS`, …
    pub(crate) fn type_code(&self) -> &'static str {
        match self {
            Attr::S(_) => "S",
            Attr::N(_) => "N",
            Attr::B(_) => "B",
            Attr::Bool(_) => "BOOL",
            Attr::Null => "NULL",
            Attr::L(_) => "L",
            Attr::M(_) => "M",
            Attr::Ss(_) => "SS",
            Attr::Ns(_) => "NS",
            Attr::Bs(_) => "BS",
        }
    }

    /// The type's name in DynamoDB's update-expression operand errors (`STRING`, `MAP`…).
    pub(crate) fn type_word(&self) -> &'static str {
        match self {
            Attr::S(_) => "STRING",
            Attr::N(_) => "NUMBER",
            Attr::B(_) => "BINARY",
            Attr::Bool(_) => "BOOLEAN",
            Attr::Null => "NULL",
            Attr::L(_) => "LIST",
            Attr::M(_) => "MAP",
            Attr::Ss(_) => "STRING_SET",
            Attr::Ns(_) => "NUMBER_SET",
            Attr::Bs(_) => "BINARY_SET",
        }
    }

    /// Whether the value is one of the three set types.
    pub(crate) fn is_set(&self) -> bool {
        matches!(self, Attr::Ss(_) | Attr::Ns(_) | Attr::Bs(_))
    }

    /// Storage size as DynamoDB counts it toward the 400 KB item limit.
    pub(crate) fn size(&self) -> usize {
        match self {
            Attr::S(s) => s.len(),
            Attr::N(n) => n.size(),
            Attr::B(b) => b.len(),
            Attr::Bool(_) | Attr::Null => 1,
            Attr::L(l) => 3 + l.iter().map(|v| v.size() + 1).sum::<usize>(),
            Attr::M(m) => 3 + m.iter().map(|(k, v)| k.len() + v.size() + 1).sum::<usize>(),
            Attr::Ss(s) => s.iter().map(String::len).sum(),
            Attr::Ns(s) => s.iter().map(Number::size).sum(),
            Attr::Bs(s) => s.iter().map(Vec::len).sum(),
        }
    }

    /// Orders two scalars of the same ordered type (S, N, B); `None` for mismatched or
    /// unordered types, where every DynamoDB comparison except `<>` is false.
    pub(crate) fn compare(&self, other: &Attr) -> Option<Ordering> {
        match (self, other) {
            (Attr::S(a), Attr::S(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
            (Attr::N(a), Attr::N(b)) => Some(a.cmp(b)),
            (Attr::B(a), Attr::B(b)) => Some(a.cmp(b)),
            _ => None,
        }
    }

    /// The key form of a scalar S/N/B value.
    pub(crate) fn as_key(&self) -> Option<KeyVal> {
        match self {
            Attr::S(s) => Some(KeyVal::S(s.clone())),
            Attr::N(n) => Some(KeyVal::N(n.clone())),
            Attr::B(b) => Some(KeyVal::B(b.clone())),
            _ => None,
        }
    }

    /// How DynamoDB prints a value inside some error messages: `{S:a}`, `{N:1}`.
    pub(crate) fn brief(&self) -> String {
        match self {
            Attr::S(s) => format!("{{S:{s}}}"),
            Attr::N(n) => format!("{{N:{n}}}"),
            other => format!("{{{}:{}}}", other.type_code(), other.to_json()[other.type_code()]),
        }
    }
}

impl KeyVal {
    /// Back to an AttributeValue.
    pub(crate) fn to_attr(&self) -> Attr {
        match self {
            KeyVal::S(s) => Attr::S(s.clone()),
            KeyVal::N(n) => Attr::N(n.clone()),
            KeyVal::B(b) => Attr::B(b.clone()),
        }
    }

    /// Bytes identifying the value (for scan segments).
    pub(crate) fn bytes(&self) -> Vec<u8> {
        match self {
            KeyVal::S(s) => s.as_bytes().to_vec(),
            KeyVal::N(n) => n.to_string().into_bytes(),
            KeyVal::B(b) => b.clone(),
        }
    }
}

fn parse_number(s: &str) -> Result<Number, String> {
    let n = Number::parse(s).ok_or_else(|| format!("The parameter cannot be converted to a numeric value: {s}"))?;
    n.check_limits().map_err(str::to_owned)?;
    Ok(n)
}

/// The members of a set value, refusing an empty set with DynamoDB's (ungrammatical) message.
fn set_members<'a>(val: &'a Value, word: &str) -> Result<&'a Vec<Value>, Option<String>> {
    let members = val.as_array().ok_or(None)?;
    if members.is_empty() {
        return Err(Some(format!("One or more parameter values were invalid: An {word} set  may not be empty")));
    }
    Ok(members)
}

/// Sorts set members, refusing duplicates as DynamoDB does (it never silently de-duplicates).
fn unique_sorted<T: Ord>(mut members: Vec<T>, raw: &[Value]) -> Result<Vec<T>, String> {
    members.sort();
    if members.windows(2).any(|w| w[0] == w[1]) {
        let shown: Vec<String> = raw
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                Value::Object(o) => o.get("$bytes").and_then(Value::as_str).unwrap_or_default().to_owned(),
                other => other.to_string(),
            })
            .collect();
        return Err(format!(
            "One or more parameter values were invalid: Input collection [{}] contains duplicates.",
            shown.join(", ")
        ));
    }
    Ok(members)
}

/// An item (or map) as a typed JSON object.
pub(crate) fn map_to_json(m: &BTreeMap<String, Attr>) -> Value {
    Value::Object(m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect::<Map<_, _>>())
}

/// Reads an item (a JSON object of typed values).
pub(crate) fn item_from_json(v: &Value) -> Result<Item, AwsError> {
    let obj = v
        .as_object()
        .ok_or_else(|| AwsError::validation("Item must be a map of attribute names to AttributeValues"))?;
    obj.iter().map(|(k, v)| Ok((k.clone(), Attr::from_json(v)?))).collect()
}

/// Item size: attribute names plus values.
pub(crate) fn item_size(item: &Item) -> usize {
    item.iter().map(|(k, v)| k.len() + v.size()).sum()
}

/// DynamoDB's item size limit, 400 KB.
pub(crate) const MAX_ITEM_SIZE: usize = 400 * 1024;
