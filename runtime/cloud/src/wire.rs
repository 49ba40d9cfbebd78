//! Tagged values for what JSON cannot carry, and helpers to read request parameters.
//!
//! Bytes travel as `{"$bytes": "<base64>"}`; timestamps as `{"$timestamp": <epoch ms>}`.
//! Python's shim converts both ways; Rust code uses these helpers and never sees the tags.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use crate::AwsError;

/// Bytes as a tagged JSON value.
pub fn bytes(data: &[u8]) -> Value {
    json!({"$bytes": STANDARD.encode(data)})
}

/// A timestamp (epoch milliseconds) as a tagged JSON value.
pub fn timestamp(epoch_ms: i64) -> Value {
    json!({"$timestamp": epoch_ms})
}

/// Reads a blob parameter: tagged bytes, or a plain string (boto3 accepts `str` for blobs and
/// encodes it as UTF-8).
pub fn as_bytes(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => Some(s.as_bytes().to_vec()),
        Value::Object(m) => m.get("$bytes").and_then(Value::as_str).and_then(|b| STANDARD.decode(b).ok()),
        _ => None,
    }
}

/// The parameters of one call, with typed getters that produce AWS-style errors.
#[derive(Debug, Clone, Copy)]
pub struct Params<'a>(pub &'a Value);

impl<'a> Params<'a> {
    /// The raw value of `name`, if present and not null.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    /// A required string (botocore has already validated presence and type; this guards
    /// direct Rust callers).
    pub fn str(&self, name: &str) -> Result<&'a str, AwsError> {
        self.opt_str(name)
            .ok_or_else(|| AwsError::validation(format!("Missing required parameter in input: \"{name}\"")))
    }

    /// An optional string.
    pub fn opt_str(&self, name: &str) -> Option<&'a str> {
        self.get(name).and_then(Value::as_str)
    }

    /// An optional integer.
    pub fn opt_i64(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.parse().ok())))
    }

    /// An optional boolean.
    pub fn opt_bool(&self, name: &str) -> Option<bool> {
        self.get(name).and_then(Value::as_bool)
    }

    /// An optional object.
    pub fn opt_object(&self, name: &str) -> Option<&'a Map<String, Value>> {
        self.get(name).and_then(Value::as_object)
    }

    /// An optional list.
    pub fn opt_array(&self, name: &str) -> Option<&'a Vec<Value>> {
        self.get(name).and_then(Value::as_array)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_and_strings_are_utf8() {
        assert_eq!(as_bytes(&bytes(b"\x00\xffhi")).unwrap(), b"\x00\xffhi");
        assert_eq!(as_bytes(&json!("héllo")).unwrap(), "héllo".as_bytes());
        assert_eq!(as_bytes(&json!(5)), None);
    }
}
