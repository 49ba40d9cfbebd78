//! [`Json`]: JSON that keeps the order of object keys.
//!
//! The AWS CLI prints a response's members in the order of the service model, and `jq` keeps
//! the order of its input; `serde_json::Value` (without `preserve_order`, which would change
//! every other crate's output in the same build) sorts keys. So the terminal formats through
//! this small tree, parsed with serde_json's own parser and printed as Python's `json.dumps`
//! (the CLI) or jq prints.

use std::fmt::Write as _;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true`/`false`.
    Bool(bool),
    /// A number, as serde_json holds it.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Parses JSON text, keeping key order.
    pub fn parse(text: &str) -> Result<Json, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Converts to a `serde_json::Value` (keys then sorted).
    pub fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.clone()),
            Json::Array(a) => Value::Array(a.iter().map(Json::to_value).collect()),
            Json::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), v.to_value())).collect()),
        }
    }

    /// From a `serde_json::Value`, with keys in its (sorted) order.
    pub fn from_value(v: &Value) -> Json {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(s.clone()),
            Value::Array(a) => Json::Array(a.iter().map(Json::from_value).collect()),
            Value::Object(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), Json::from_value(v))).collect()),
        }
    }

    /// Whether this is an array or object.
    pub fn is_container(&self) -> bool {
        matches!(self, Json::Array(_) | Json::Object(_))
    }

    /// The value as Python's `str()` shows it (the CLI's text output and table cells).
    pub fn python_str(&self) -> String {
        match self {
            Json::Null => "None".into(),
            Json::Bool(true) => "True".into(),
            Json::Bool(false) => "False".into(),
            Json::Number(n) => python_number(n),
            Json::String(s) => s.clone(),
            other => other.dumps(None),
        }
    }

    /// Printed as Python's `json.dumps(value, indent=indent, ensure_ascii=False)`.
    pub fn dumps(&self, indent: Option<usize>) -> String {
        let mut out = String::new();
        self.write(&mut out, indent, 0, ": ", if indent.is_some() { "," } else { ", " });
        out
    }

    /// Printed as `jq` prints it: two-space indent, or compact with `-c`.
    pub fn jq(&self, compact: bool) -> String {
        let mut out = String::new();
        if compact {
            self.write(&mut out, None, 0, ":", ",");
        } else {
            self.write(&mut out, Some(2), 0, ": ", ",");
        }
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>, level: usize, key_sep: &str, item_sep: &str) {
        let newline = |out: &mut String, level: usize| {
            if let Some(n) = indent {
                out.push('\n');
                out.push_str(&" ".repeat(n * level));
            }
        };
        match self {
            Json::Array(a) if a.is_empty() => out.push_str("[]"),
            Json::Object(m) if m.is_empty() => out.push_str("{}"),
            Json::Array(a) => {
                out.push('[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        out.push_str(item_sep);
                    }
                    newline(out, level + 1);
                    v.write(out, indent, level + 1, key_sep, item_sep);
                }
                newline(out, level);
                out.push(']');
            }
            Json::Object(m) => {
                out.push('{');
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push_str(item_sep);
                    }
                    newline(out, level + 1);
                    write_string(out, k);
                    out.push_str(key_sep);
                    v.write(out, indent, level + 1, key_sep, item_sep);
                }
                newline(out, level);
                out.push('}');
            }
            Json::String(s) => write_string(out, s),
            Json::Number(n) => out.push_str(&python_number(n)),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Null => out.push_str("null"),
        }
    }
}

/// A number as Python prints it (`1.0`, `1e-05`, `1e+16`).
fn python_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    if f.is_finite() && f == f.trunc() && f.abs() < 1e16 {
        return format!("{f:.1}");
    }
    let s = format!("{f:e}");
    // Rust: 1e-5, 1.5e16; Python: 1e-05, 1.5e+16.
    match s.split_once('e') {
        Some((m, e)) if f.abs() >= 1e16 || f.abs() < 1e-4 => {
            let (sign, digits) = if let Some(d) = e.strip_prefix('-') { ("-", d) } else { ("+", e) };
            format!("{m}e{sign}{digits:0>2}")
        }
        _ => n.to_string(),
    }
}

fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Json, E> {
                Ok(Json::Number(n.into()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Json, E> {
                Ok(serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number))
            }
            fn visit_str<E>(self, s: &str) -> Result<Json, E> {
                Ok(Json::String(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Json, E> {
                Ok(Json::String(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = seq.next_element()? {
                    v.push(x);
                }
                Ok(Json::Array(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut m: Vec<(String, Json)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Json>()? {
                    // A repeated key keeps its first place and its last value, as Python's dict.
                    match m.iter_mut().find(|(key, _)| *key == k) {
                        Some(slot) => slot.1 = v,
                        None => m.push((k, v)),
                    }
                }
                Ok(Json::Object(m))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order_and_prints_like_python() {
        let j = Json::parse(r#"{"b": 1, "a": [true, null, 1.5, "x\n"], "c": {}}"#).unwrap();
        assert_eq!(j.dumps(Some(4)), "{\n    \"b\": 1,\n    \"a\": [\n        true,\n        null,\n        1.5,\n        \"x\\n\"\n    ],\n    \"c\": {}\n}");
        assert_eq!(j.jq(true), r#"{"b":1,"a":[true,null,1.5,"x\n"],"c":{}}"#);
        assert_eq!(Json::parse("1e-5").unwrap().dumps(None), "1e-05");
        assert_eq!(Json::parse("2.0").unwrap().python_str(), "2.0");
        assert_eq!(Json::Bool(true).python_str(), "True");
    }

    #[test]
    fn non_ascii_is_printed_as_is() {
        assert_eq!(Json::String("café ✓".into()).dumps(None), "\"café ✓\"");
    }
}
