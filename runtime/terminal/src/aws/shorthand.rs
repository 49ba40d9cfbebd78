//! The AWS CLI's shorthand syntax: `Variables={STAGE=dev,DEBUG=1}`, `Key=a,Value=b`,
//! `Names=[a,b]`, `Items=a,b` (an implicit list), quoted values with `"` or `'`.
//!
//! Parsing gives strings at the leaves ([`Json`]); [`coerce`] then converts them to the
//! member types of the model (integers, booleans, single values to one-element lists), as the
//! CLI's model visitor does.

use std::fmt;

use serde_json::{Map, Value};

use super::model::{Service, Shape};
use crate::json::Json;

/// A shorthand syntax error, worded as the CLI words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShorthandError {
    expected: String,
    actual: String,
    input: String,
    index: usize,
}

impl fmt::Display for ShorthandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The CLI's `_error_location`: the input up to the end of the failing line (after one
        // space), then a caret under the failing character, then the rest of the input.
        let chars: Vec<char> = self.input.chars().collect();
        let index = self.index.min(chars.len());
        let before: String = chars[..index].iter().collect();
        let after: String = chars[index..].iter().collect();
        let spaces = before.rfind('\n').map_or(index, |nl| before[nl + 1..].chars().count());
        let (consumed, remaining) = match after.find('\n') {
            Some(nl) => (format!("{before}{}", &after[..nl]), &after[nl..]),
            None => (self.input.clone(), ""),
        };
        write!(f, "Expected: '{}', received: '{}' for input:\n {consumed}\n{}^{remaining}", self.expected, self.actual, " ".repeat(spaces))
    }
}

struct Parser<'a> {
    input: &'a str,
    chars: Vec<char>,
    pos: usize,
}

/// Parses shorthand text into a tree with string leaves.
pub fn parse(input: &str) -> Result<Json, ShorthandError> {
    let mut p = Parser { input, chars: input.chars().collect(), pos: 0 };
    let v = p.parameter()?;
    p.ws();
    if p.pos < p.chars.len() {
        return Err(p.error("EOF"));
    }
    Ok(v)
}

impl Parser<'_> {
    fn error(&self, expected: &str) -> ShorthandError {
        let actual = self.chars.get(self.pos).map_or("EOF".to_owned(), |c| c.to_string());
        ShorthandError { expected: expected.into(), actual, input: self.input.into(), index: self.pos }
    }

    fn ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> Result<(), ShorthandError> {
        self.ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(&c.to_string()))
        }
    }

    fn parameter(&mut self) -> Result<Json, ShorthandError> {
        let mut members: Vec<(String, Json)> = Vec::new();
        loop {
            let (k, v) = self.keyval()?;
            members.push((k, v));
            self.ws();
            if self.peek() == Some(',') {
                self.pos += 1;
                continue;
            }
            break;
        }
        Ok(Json::Object(members))
    }

    fn key(&mut self) -> Result<String, ShorthandError> {
        self.ws();
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || "-_.#/:".contains(c)) {
            self.pos += 1;
        }
        // As the CLI's `_key`: possibly empty, the `=` that must follow then reports the error.
        Ok(self.chars[start..self.pos].iter().collect())
    }

    fn keyval(&mut self) -> Result<(String, Json), ShorthandError> {
        let key = self.key()?;
        self.eat('=')?;
        self.ws();
        let value = self.values()?;
        Ok((key, value))
    }

    fn values(&mut self) -> Result<Json, ShorthandError> {
        match self.peek() {
            Some('[') => self.explicit_list(),
            Some('{') => self.hash(),
            _ => {
                let first = self.value()?;
                // `a,b,c` is an implicit list unless what follows the comma is `key=`.
                let mut items = vec![first];
                while self.peek() == Some(',') && !self.next_is_keyval() {
                    self.pos += 1;
                    self.ws();
                    items.push(self.value()?);
                }
                Ok(if items.len() == 1 { items.pop().unwrap_or(Json::Null) } else { Json::Array(items) })
            }
        }
    }

    /// After a comma: does `key=` follow?
    fn next_is_keyval(&self) -> bool {
        let mut i = self.pos + 1;
        while self.chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        let start = i;
        while self.chars.get(i).is_some_and(|c| c.is_alphanumeric() || "-_.#/:".contains(*c)) {
            i += 1;
        }
        i > start && self.chars.get(i) == Some(&'=')
    }

    fn explicit_list(&mut self) -> Result<Json, ShorthandError> {
        self.eat('[')?;
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.ws();
            items.push(match self.peek() {
                Some('[') => self.explicit_list()?,
                Some('{') => self.hash()?,
                _ => self.value()?,
            });
            self.ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("]")),
            }
        }
    }

    fn hash(&mut self) -> Result<Json, ShorthandError> {
        self.eat('{')?;
        self.ws();
        if self.peek() == Some('}') {
            self.pos += 1;
            return Ok(Json::Object(vec![]));
        }
        // As the CLI's `_hash_literal`: after a value, anything but `}` must be a `,`.
        let mut members = Vec::new();
        while self.peek() != Some('}') {
            let (k, v) = self.keyval()?;
            members.push((k, v));
            self.ws();
            if self.peek() != Some('}') {
                if self.peek() != Some(',') {
                    return Err(self.error(","));
                }
                self.pos += 1;
                self.ws();
            }
        }
        self.pos += 1;
        Ok(Json::Object(members))
    }

    fn value(&mut self) -> Result<Json, ShorthandError> {
        self.ws();
        match self.peek() {
            Some(q @ ('"' | '\'')) => {
                self.pos += 1;
                let mut s = String::new();
                loop {
                    match self.peek() {
                        None => return Err(self.error(&q.to_string())),
                        Some('\\') if self.chars.get(self.pos + 1) == Some(&q) => {
                            s.push(q);
                            self.pos += 2;
                        }
                        Some(c) if c == q => {
                            self.pos += 1;
                            break;
                        }
                        Some(c) => {
                            s.push(c);
                            self.pos += 1;
                        }
                    }
                }
                self.ws();
                Ok(Json::String(s))
            }
            _ => {
                let start = self.pos;
                while self.peek().is_some_and(|c| !",[]{}".contains(c)) {
                    self.pos += 1;
                }
                let s: String = self.chars[start..self.pos].iter().collect();
                Ok(Json::String(s.trim().to_owned()))
            }
        }
    }
}

/// Converts a parsed shorthand tree to the types `shape` asks for.
pub fn coerce(service: &Service, shape: &Shape, value: &Json) -> Value {
    let sub = |name: &Option<String>| name.as_deref().and_then(|n| service.shape(n));
    match (shape.kind.as_str(), value) {
        ("structure", Json::Object(members)) => {
            let mut out = Map::new();
            for (k, v) in members {
                let member = shape.members.iter().find(|(m, _, _)| m == k).and_then(|(_, s, _)| service.shape(s));
                out.insert(k.clone(), match member {
                    Some(ms) => coerce(service, ms, v),
                    None => v.to_value(),
                });
            }
            Value::Object(out)
        }
        ("map", Json::Object(members)) => {
            let vs = sub(&shape.value);
            Value::Object(members.iter().map(|(k, v)| (k.clone(), vs.map_or_else(|| v.to_value(), |s| coerce(service, s, v)))).collect())
        }
        ("list", Json::Array(items)) => {
            let ms = sub(&shape.member);
            Value::Array(items.iter().map(|v| ms.map_or_else(|| v.to_value(), |s| coerce(service, s, v))).collect())
        }
        ("list", single) => {
            let ms = sub(&shape.member);
            Value::Array(vec![ms.map_or_else(|| single.to_value(), |s| coerce(service, s, single))])
        }
        ("integer" | "long", Json::String(s)) => s.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::String(s.clone())),
        ("double" | "float", Json::String(s)) => s.parse::<f64>().map(Value::from).unwrap_or_else(|_| Value::String(s.clone())),
        ("boolean", Json::String(s)) => match s.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(s.clone()),
        },
        ("blob", Json::String(s)) => Value::String(s.clone()),
        (_, v) => v.to_value(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_hashes_lists_and_implicit_lists() {
        assert_eq!(parse("Variables={STAGE=dev,DEBUG=1}").unwrap().jq(true), r#"{"Variables":{"STAGE":"dev","DEBUG":"1"}}"#);
        assert_eq!(parse("Key=a,Value=b").unwrap().jq(true), r#"{"Key":"a","Value":"b"}"#);
        assert_eq!(parse("Names=[a, b],X='q,r'").unwrap().jq(true), r#"{"Names":["a","b"],"X":"q,r"}"#);
        assert_eq!(parse("Items=a,b,c,Other=d").unwrap().jq(true), r#"{"Items":["a","b","c"],"Other":"d"}"#);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("Variables").unwrap_err();
        assert_eq!(e.to_string(), "Expected: '=', received: 'EOF' for input:\n Variables\n         ^");
    }
}
