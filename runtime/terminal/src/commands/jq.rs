//! `jq [-r] [-c] FILTER [file]`: the part of jq the course uses to read CLI output — paths
//! (`.Configuration.Runtime`, `.["key"]`, `.[0]`, `.[]`, `.Functions[].FunctionName`),
//! pipes, `,`, `keys`, `length`, and the identity `.` — printed as jq prints (two-space indent,
//! input key order kept, `-r` for raw strings, `-c` compact). Errors and exit statuses as jq's:
//! 2 for usage, 3 for a filter that does not compile, 5 at run time or for invalid JSON input.

use serde::Deserialize;

use super::Ctx;
use crate::json::Json;

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(i64),
    Iterate,
}

#[derive(Debug, Clone, PartialEq)]
enum Term {
    Path(Vec<Step>, bool),
    Keys,
    Length,
}

/// A filter: alternatives (`,`) of pipelines (`|`) of terms.
type Filter = Vec<Vec<Term>>;

fn compile(src: &str) -> Result<Filter, String> {
    let mut alternatives = Vec::new();
    for alt in split_top(src, ',') {
        let mut pipeline = Vec::new();
        for part in split_top(&alt, '|') {
            pipeline.push(term(part.trim())?);
        }
        alternatives.push(pipeline);
    }
    Ok(alternatives)
}

fn split_top(src: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut depth, mut quoted) = (0, false);
    for c in src.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' | '(' if !quoted => depth += 1,
            ']' | ')' if !quoted => depth -= 1,
            _ => {}
        }
        if c == sep && depth == 0 && !quoted {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    out.push(current);
    out
}

fn term(src: &str) -> Result<Term, String> {
    let bad = || format!("jq: error: syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?) at <top-level>, line 1:\n{src}\njq: 1 compile error");
    match src {
        "keys" => return Ok(Term::Keys),
        "length" => return Ok(Term::Length),
        _ => {}
    }
    let chars: Vec<char> = src.chars().collect();
    if chars.first() != Some(&'.') {
        return Err(bad());
    }
    let mut steps = Vec::new();
    let mut i = 1;
    let mut optional = false;
    while i < chars.len() {
        match chars[i] {
            '.' => i += 1,
            '?' => {
                optional = true;
                i += 1;
            }
            '[' => {
                let end = chars[i..].iter().position(|c| *c == ']').map(|p| p + i).ok_or_else(bad)?;
                let inner: String = chars[i + 1..end].iter().collect();
                let inner = inner.trim();
                if inner.is_empty() {
                    steps.push(Step::Iterate);
                } else if let Some(k) = inner.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
                    steps.push(Step::Key(k.to_owned()));
                } else {
                    steps.push(Step::Index(inner.parse().map_err(|_| bad())?));
                }
                i = end + 1;
            }
            '"' => {
                let end = chars[i + 1..].iter().position(|c| *c == '"').map(|p| p + i + 1).ok_or_else(bad)?;
                steps.push(Step::Key(chars[i + 1..end].iter().collect()));
                i = end + 1;
            }
            c if c.is_alphanumeric() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                steps.push(Step::Key(chars[start..i].iter().collect()));
            }
            _ => return Err(bad()),
        }
    }
    Ok(Term::Path(steps, optional))
}

fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

fn apply_term(t: &Term, input: Json) -> Result<Vec<Json>, String> {
    match t {
        Term::Keys => match input {
            Json::Object(m) => {
                let mut keys: Vec<String> = m.into_iter().map(|(k, _)| k).collect();
                keys.sort();
                Ok(vec![Json::Array(keys.into_iter().map(Json::String).collect())])
            }
            Json::Array(a) => Ok(vec![Json::Array((0..a.len()).map(|i| Json::Number(i.into())).collect())]),
            other => Err(format!("{} ({}) has no keys", kind(&other), other.jq(true))),
        },
        Term::Length => Ok(vec![Json::Number(
            match &input {
                Json::Object(m) => m.len(),
                Json::Array(a) => a.len(),
                Json::String(s) => s.chars().count(),
                Json::Null => 0,
                other => return Err(format!("{} ({}) has no length", kind(other), other.jq(true))),
            }
            .into(),
        )]),
        Term::Path(steps, optional) => {
            let mut values = vec![input];
            for step in steps {
                let mut next = Vec::new();
                for v in values {
                    match (step, v) {
                        (Step::Key(k), Json::Object(m)) => next.push(m.into_iter().find(|(key, _)| key == k).map(|(_, v)| v).unwrap_or(Json::Null)),
                        (Step::Key(_), Json::Null) | (Step::Index(_), Json::Null) => next.push(Json::Null),
                        (Step::Index(i), Json::Array(a)) => {
                            let idx = if *i < 0 { a.len() as i64 + i } else { *i };
                            next.push(a.into_iter().nth(idx.max(0) as usize).filter(|_| idx >= 0).unwrap_or(Json::Null));
                        }
                        (Step::Iterate, Json::Array(a)) => next.extend(a),
                        (Step::Iterate, Json::Object(m)) => next.extend(m.into_iter().map(|(_, v)| v)),
                        (_, _) if *optional => {}
                        (Step::Key(k), other) => return Err(format!("Cannot index {} with \"{k}\"", kind(&other))),
                        (Step::Index(_), other) => return Err(format!("Cannot index {} with number", kind(&other))),
                        (Step::Iterate, other) => return Err(format!("Cannot iterate over {}", kind(&other))),
                    }
                }
                values = next;
            }
            Ok(values)
        }
    }
}

fn apply(filter: &Filter, input: &Json) -> Result<Vec<Json>, String> {
    let mut out = Vec::new();
    for pipeline in filter {
        let mut values = vec![input.clone()];
        for t in pipeline {
            let mut next = Vec::new();
            for v in values {
                next.extend(apply_term(t, v)?);
            }
            values = next;
        }
        out.extend(values);
    }
    Ok(out)
}

/// `jq ...`.
pub(crate) fn run(ctx: &mut Ctx) -> i32 {
    let mut raw = false;
    let mut compact = false;
    let mut positional = Vec::new();
    for a in ctx.args {
        match a.as_str() {
            "-r" | "--raw-output" => raw = true,
            "-c" | "--compact-output" => compact = true,
            "-rc" | "-cr" => {
                raw = true;
                compact = true;
            }
            _ => positional.push(a.clone()),
        }
    }
    let filter_src = positional.first().cloned().unwrap_or_else(|| ".".into());
    let filter = match compile(&filter_src) {
        Ok(f) => f,
        Err(e) => {
            ctx.io.err(format!("{e}\n"));
            return 3;
        }
    };
    let (data, source) = match positional.get(1) {
        Some(f) => match ctx.shell.vfs.read(&ctx.path(f)) {
            Ok(b) => (b.to_vec(), f.clone()),
            Err(_) => {
                ctx.io.err(format!("jq: error: Could not open {f}: No such file or directory\n"));
                return 2;
            }
        },
        None => (ctx.io.stdin.clone(), "<stdin>".into()),
    };
    let text = String::from_utf8_lossy(&data).into_owned();
    let mut stream = serde_json::Deserializer::from_str(&text).into_iter::<serde_json::Value>();
    let mut offset = 0;
    let mut status = 0;
    loop {
        // Parse with the order-keeping tree; the stream only finds value boundaries.
        let next = stream.next();
        let end = stream.byte_offset();
        match next {
            None => break,
            Some(Err(e)) => {
                ctx.io.err(format!("jq: error (at {source}:{}): Cannot parse input: {e}\n", e.line()));
                return 2;
            }
            Some(Ok(_)) => {
                let mut de = serde_json::Deserializer::from_str(&text[offset..end]);
                let value = Json::deserialize(&mut de).unwrap_or(Json::Null);
                offset = end;
                match apply(&filter, &value) {
                    Ok(results) => {
                        for r in results {
                            let line = match (&r, raw) {
                                (Json::String(s), true) => s.clone(),
                                _ => r.jq(compact),
                            };
                            ctx.io.out(format!("{line}\n"));
                        }
                    }
                    Err(e) => {
                        ctx.io.err(format!("jq: error (at {source}:{}): {e}\n", text[..end].lines().count()));
                        status = 5;
                    }
                }
            }
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jq(filter: &str, input: &str) -> Result<Vec<String>, String> {
        let f = compile(filter)?;
        apply(&f, &Json::parse(input).unwrap()).map(|v| v.iter().map(|j| j.jq(true)).collect())
    }

    #[test]
    fn paths_iteration_pipes_and_builtins() {
        let doc = r#"{"Functions":[{"FunctionName":"a","Runtime":"python3.13"},{"FunctionName":"b"}],"Count":2}"#;
        assert_eq!(jq(".Functions[].FunctionName", doc).unwrap(), [r#""a""#, r#""b""#]);
        assert_eq!(jq(".Functions[0] | .Runtime", doc).unwrap(), [r#""python3.13""#]);
        assert_eq!(jq(".Functions | length", doc).unwrap(), ["2"]);
        assert_eq!(jq("keys", doc).unwrap(), [r#"["Count","Functions"]"#]);
        assert_eq!(jq(".Count, .Missing", doc).unwrap(), ["2", "null"]);
        assert_eq!(jq(r#".["Count"]"#, doc).unwrap(), ["2"]);
        assert_eq!(jq(".Count.x", doc).unwrap_err(), "Cannot index number with \"x\"");
    }
}
