//! Message attributes: their validation (`MessageAttributes`, `MessageSystemAttributes`), size,
//! and the shapes boto3 and Lambda events show them in.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::errors::invalid_parameter_value;
use crate::AwsError;
use crate::wire;

/// A message attribute value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum AttrValue {
    Str(String),
    Bin(Vec<u8>),
}

/// A message attribute: its data type (`String`, `Number.int`, `Binary`...) and value.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Attr {
    pub(super) data_type: String,
    pub(super) value: AttrValue,
}

/// Message attributes by name (sorted, as the MD5 needs them).
pub(super) type Attrs = BTreeMap<String, Attr>;

fn validate_attribute_name(name: &str) -> Result<(), AwsError> {
    if name.is_empty() {
        return Err(invalid_parameter_value("The request must contain non-empty message attribute name."));
    }
    let lower = name.to_ascii_lowercase();
    let ok = name.len() <= 256
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        && !name.starts_with('.')
        && !name.ends_with('.')
        && !name.contains("..")
        && !lower.starts_with("aws.")
        && !lower.starts_with("amazon.");
    if ok {
        Ok(())
    } else {
        Err(invalid_parameter_value(format!(
            "The message attribute name '{name}' is invalid. Attribute name can contain A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters."
        )))
    }
}

/// Reads `MessageAttributes` (`{name: {DataType, StringValue | BinaryValue}}`).
pub(super) fn parse_message_attributes(value: Option<&Value>) -> Result<Attrs, AwsError> {
    let Some(map) = value.and_then(Value::as_object) else {
        return Ok(Attrs::new());
    };
    if map.len() > 10 {
        return Err(invalid_parameter_value(format!(
            "Number of message attributes [{}] exceeds the allowed maximum [10].",
            map.len()
        )));
    }
    let mut attrs = Attrs::new();
    for (name, spec) in map {
        validate_attribute_name(name)?;
        let data_type = spec.get("DataType").and_then(Value::as_str).unwrap_or_default();
        if data_type.is_empty() {
            return Err(invalid_parameter_value(format!(
                "The message attribute '{name}' must contain non-empty message attribute type."
            )));
        }
        let empty = || {
            invalid_parameter_value(format!(
                "Message (user) attribute '{name}' must contain a non-empty value of type '{data_type}'."
            ))
        };
        let value = match data_type.split('.').next().unwrap_or_default() {
            "String" | "Number" => {
                let s = spec.get("StringValue").and_then(Value::as_str).filter(|s| !s.is_empty()).ok_or_else(empty)?;
                if data_type.starts_with("Number") && !s.trim().parse::<f64>().is_ok_and(f64::is_finite) {
                    return Err(invalid_parameter_value(format!(
                        "Can't cast the value of message (user) attribute '{name}' to a number."
                    )));
                }
                AttrValue::Str(s.to_owned())
            }
            "Binary" => {
                let b = spec.get("BinaryValue").and_then(wire::as_bytes).filter(|b| !b.is_empty()).ok_or_else(empty)?;
                AttrValue::Bin(b)
            }
            _ => {
                return Err(invalid_parameter_value(format!(
                    "The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."
                )));
            }
        };
        attrs.insert(name.clone(), Attr { data_type: data_type.to_owned(), value });
    }
    Ok(attrs)
}

/// Reads `MessageSystemAttributes` (only `AWSTraceHeader`, a String, exists).
pub(super) fn parse_system_attributes(value: Option<&Value>) -> Result<Attrs, AwsError> {
    let attrs = parse_message_attributes(value)?;
    for (name, attr) in &attrs {
        if name != "AWSTraceHeader" {
            return Err(invalid_parameter_value(format!("Message system attribute name '{name}' is invalid.")));
        }
        if attr.data_type != "String" {
            return Err(invalid_parameter_value(format!(
                "Message system attribute '{name}' must be of type 'String'."
            )));
        }
    }
    Ok(attrs)
}

pub(super) fn attributes_size(attrs: &Attrs) -> usize {
    attrs
        .iter()
        .map(|(name, a)| {
            name.len()
                + a.data_type.len()
                + match &a.value {
                    AttrValue::Str(s) => s.len(),
                    AttrValue::Bin(b) => b.len(),
                }
        })
        .sum()
}

/// Attributes as boto3 shows them (`{"DataType", "StringValue" | "BinaryValue"}`).
pub(super) fn attributes_json(attrs: &Attrs) -> Value {
    let map: Map<String, Value> = attrs
        .iter()
        .map(|(name, a)| {
            let v = match &a.value {
                AttrValue::Str(s) => json!({"DataType": a.data_type, "StringValue": s}),
                AttrValue::Bin(b) => json!({"DataType": a.data_type, "BinaryValue": wire::bytes(b)}),
            };
            (name.clone(), v)
        })
        .collect();
    Value::Object(map)
}

/// Attributes as a Lambda SQS event carries them (camelCase, binary as base64 text).
pub(super) fn attributes_lambda_json(attrs: &Attrs) -> Value {
    let map: Map<String, Value> = attrs
        .iter()
        .map(|(name, a)| {
            let mut v = json!({"stringListValues": [], "binaryListValues": [], "dataType": a.data_type});
            match &a.value {
                AttrValue::Str(s) => v["stringValue"] = json!(s),
                AttrValue::Bin(b) => v["binaryValue"] = json!(STANDARD.encode(b)),
            }
            (name.clone(), v)
        })
        .collect();
    Value::Object(map)
}

/// The attributes a `MessageAttributeNames` list selects: `All`, `.*`, `prefix.*` or names.
pub(super) fn select_attributes(attrs: &Attrs, names: &[&str]) -> Attrs {
    if names.iter().any(|n| *n == "All" || *n == ".*") {
        return attrs.clone();
    }
    attrs
        .iter()
        .filter(|(key, _)| {
            names.iter().any(|n| match n.strip_suffix('*') {
                Some(prefix) if prefix.ends_with('.') => key.starts_with(prefix),
                _ => key.as_str() == *n,
            })
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}
