//! A response as the AWS CLI prints it: members in the order of the output shape, timestamps in
//! ISO 8601, blobs in base64, `--query` (JMESPath) applied, then `json`, `text`, `table`,
//! `yaml`, `yaml-stream` or `off`.

use std::collections::HashMap;

use base64::Engine as _;
use serde_json::Value;

use super::model::Service;
use super::table;
use crate::json::Json;

/// The response tree in model order. `skip` names a member not to print (the payload an
/// outfile received).
pub fn order(service: &Service, shape: Option<&str>, value: &Value, skip: Option<&str>) -> Json {
    let Some(s) = shape.and_then(|n| service.shape(n)) else { return plain(value) };
    match (s.kind.as_str(), value) {
        ("structure", Value::Object(obj)) => {
            let mut out = Vec::new();
            for (name, member, _) in &s.members {
                if Some(name.as_str()) == skip {
                    continue;
                }
                if let Some(v) = obj.get(name).filter(|v| !v.is_null()) {
                    out.push((name.clone(), order(service, Some(member), v, None)));
                }
            }
            Json::Object(out)
        }
        ("list", Value::Array(items)) => Json::Array(items.iter().map(|v| order(service, s.member.as_deref(), v, None)).collect()),
        ("map", Value::Object(obj)) => Json::Object(obj.iter().map(|(k, v)| (k.clone(), order(service, s.value.as_deref(), v, None))).collect()),
        _ => plain(value),
    }
}

/// A value without a shape: tagged bytes and timestamps converted, keys as they are.
fn plain(value: &Value) -> Json {
    match value {
        Value::Object(m) if m.len() == 1 && m.contains_key("$timestamp") => {
            Json::String(m["$timestamp"].as_i64().map(iso_timestamp).unwrap_or_default())
        }
        Value::Object(m) if m.len() == 1 && m.contains_key("$bytes") => Json::String(m["$bytes"].as_str().unwrap_or_default().to_owned()),
        Value::Object(m) => Json::Object(m.iter().map(|(k, v)| (k.clone(), plain(v))).collect()),
        Value::Array(a) => Json::Array(a.iter().map(plain).collect()),
        other => Json::from_value(other),
    }
}

/// An epoch-milliseconds timestamp as Python's `datetime.isoformat()` in UTC.
pub fn iso_timestamp(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let base = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}", rem / 3600, rem % 3600 / 60, rem % 60);
    if millis == 0 { format!("{base}+00:00") } else { format!("{base}.{:06}+00:00", millis * 1000) }
}

/// Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Applies a JMESPath `--query`, keeping the response's key order (and a multi-select hash's
/// own order) in the result.
pub fn query(expression: &str, data: &Json) -> Result<Json, String> {
    let expr = jmespath::compile(expression).map_err(|e| format!("Bad value for --query {expression}: {e}"))?;
    let result = expr.search(data.to_value()).map_err(|e| format!("Bad value for --query {expression}: {e}"))?;
    let value = serde_json::to_value(&*result).map_err(|e| e.to_string())?;
    let mut rank = HashMap::new();
    hash_keys(expr.as_ast(), &mut rank);
    collect_keys(data, &mut rank);
    Ok(reorder(&Json::from_value(&value), &rank))
}

fn hash_keys(ast: &jmespath::ast::Ast, rank: &mut HashMap<String, usize>) {
    use jmespath::ast::Ast;
    match ast {
        Ast::MultiHash { elements, .. } => {
            for kv in elements {
                let n = rank.len();
                rank.entry(kv.key.clone()).or_insert(n);
                hash_keys(&kv.value, rank);
            }
        }
        Ast::Subexpr { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Comparison { lhs, rhs, .. }
        | Ast::Condition { predicate: lhs, then: rhs, .. }
        | Ast::Projection { lhs, rhs, .. } => {
            hash_keys(lhs, rank);
            hash_keys(rhs, rank);
        }
        Ast::Flatten { node, .. } | Ast::Not { node, .. } | Ast::ObjectValues { node, .. } | Ast::Expref { ast: node, .. } => hash_keys(node, rank),
        Ast::MultiList { elements, .. } | Ast::Function { args: elements, .. } => elements.iter().for_each(|e| hash_keys(e, rank)),
        _ => {}
    }
}

fn collect_keys(data: &Json, rank: &mut HashMap<String, usize>) {
    match data {
        Json::Object(m) => {
            for (k, v) in m {
                let n = rank.len();
                rank.entry(k.clone()).or_insert(n);
                collect_keys(v, rank);
            }
        }
        Json::Array(a) => a.iter().for_each(|v| collect_keys(v, rank)),
        _ => {}
    }
}

fn reorder(data: &Json, rank: &HashMap<String, usize>) -> Json {
    match data {
        Json::Object(m) => {
            let mut members: Vec<(String, Json)> = m.iter().map(|(k, v)| (k.clone(), reorder(v, rank))).collect();
            members.sort_by_key(|(k, _)| rank.get(k).copied().unwrap_or(usize::MAX));
            Json::Object(members)
        }
        Json::Array(a) => Json::Array(a.iter().map(|v| reorder(v, rank)).collect()),
        other => other.clone(),
    }
}

/// The output format names v2 accepts.
pub const FORMATS: [&str; 6] = ["json", "text", "table", "yaml", "yaml-stream", "off"];

/// Renders `data` in `format`; `title` is the operation name (the table's heading).
pub fn render(format: &str, title: &str, data: &Json, queried: bool) -> String {
    try_render(format, title, data, queried).unwrap_or_default()
}

/// [`render`], or the error the CLI's formatter raises (a ragged `table`; exit 255).
pub fn try_render(format: &str, title: &str, data: &Json, queried: bool) -> Result<String, String> {
    if format == "table" {
        return table::try_render(title, data, 80);
    }
    Ok(render_infallible(format, title, data, queried))
}

fn render_infallible(format: &str, title: &str, data: &Json, queried: bool) -> String {
    match format {
        "off" => String::new(),
        "text" => {
            let mut out = String::new();
            text(data, None, None, &mut out);
            out
        }
        "table" => table::render(title, data, 80),
        "yaml" | "yaml-stream" => {
            if format == "yaml-stream" {
                // Each response as a one-item list (the CLI's streamed YAML); none for `{}`.
                if !queried && matches!(data, Json::Object(m) if m.is_empty()) {
                    return String::new();
                }
                return yaml(&Json::Array(vec![data.clone()]), 0);
            }
            yaml_document(data)
        }
        _ => {
            if !queried && matches!(data, Json::Object(m) if m.is_empty()) {
                return String::new();
            }
            format!("{}\n", data.dumps(Some(4)))
        }
    }
}

fn text(item: &Json, identifier: Option<&str>, scalar_keys: Option<&[String]>, out: &mut String) {
    match item {
        Json::Object(m) => {
            let mut scalars = Vec::new();
            let mut non_scalars: Vec<(String, &Json)> = Vec::new();
            match scalar_keys {
                None => {
                    let mut sorted: Vec<&(String, Json)> = m.iter().collect();
                    sorted.sort_by(|a, b| a.0.cmp(&b.0));
                    for (k, v) in sorted {
                        if v.is_container() {
                            non_scalars.push((k.clone(), v));
                        } else {
                            scalars.push(v.python_str());
                        }
                    }
                }
                Some(keys) => {
                    for k in keys {
                        scalars.push(item.get(k).map(Json::python_str).unwrap_or_default());
                    }
                    let mut rest: Vec<&(String, Json)> = m.iter().filter(|(k, _)| !keys.contains(k)).collect();
                    rest.sort_by(|a, b| a.0.cmp(&b.0));
                    non_scalars.extend(rest.into_iter().map(|(k, v)| (k.clone(), v)));
                }
            }
            if !scalars.is_empty() {
                if let Some(id) = identifier {
                    scalars.insert(0, id.to_uppercase());
                }
                out.push_str(&scalars.join("\t"));
                out.push('\n');
            }
            for (k, v) in non_scalars {
                text(v, Some(&k), None, out);
            }
        }
        Json::Array(items) => {
            if items.is_empty() {
                return;
            }
            if items.iter().any(|e| matches!(e, Json::Object(_))) {
                let mut keys: Vec<String> = Vec::new();
                for e in items {
                    if let Json::Object(m) = e {
                        for (k, v) in m {
                            if !v.is_container() && !keys.contains(k) {
                                keys.push(k.clone());
                            }
                        }
                    }
                }
                keys.sort();
                for e in items {
                    text(e, identifier, Some(&keys), out);
                }
            } else if items.iter().any(|e| matches!(e, Json::Array(_))) {
                let scalars: Vec<&Json> = items.iter().filter(|e| !e.is_container()).collect();
                if !scalars.is_empty() {
                    scalar_list(&scalars, identifier, out);
                }
                for e in items.iter().filter(|e| e.is_container()) {
                    text(e, identifier, None, out);
                }
            } else {
                scalar_list(&items.iter().collect::<Vec<_>>(), identifier, out);
            }
        }
        scalar => {
            out.push_str(&scalar.python_str());
            out.push('\n');
        }
    }
}

fn scalar_list(items: &[&Json], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(id) => {
            for i in items {
                out.push_str(&format!("{}\t{}\n", id.to_uppercase(), i.python_str()));
            }
        }
        None => {
            out.push_str(&items.iter().map(|i| i.python_str()).collect::<Vec<_>>().join("\t"));
            out.push('\n');
        }
    }
}

/// YAML as the CLI's ruamel (safe, block style) dumper prints it; scalars alone as JSON.
fn yaml_document(data: &Json) -> String {
    if !data.is_container() {
        return format!("{}\n", data.dumps(None));
    }
    match data {
        Json::Object(m) if m.is_empty() => "{}\n".into(),
        Json::Array(a) if a.is_empty() => "[]\n".into(),
        _ => yaml(data, 0),
    }
}

fn yaml(data: &Json, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match data {
        Json::Object(m) => {
            // ruamel's safe representer sorts a dict's keys (botocore's responses are dicts).
            let mut sorted: Vec<&(String, Json)> = m.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, v) in sorted {
                out.push_str(&format!("{pad}{}:", yaml_scalar_str(k)));
                match v {
                    Json::Object(inner) if !inner.is_empty() => {
                        out.push('\n');
                        out.push_str(&yaml(v, indent + 2));
                    }
                    Json::Array(inner) if !inner.is_empty() => {
                        out.push('\n');
                        out.push_str(&yaml(v, indent));
                    }
                    _ => out.push_str(&format!(" {}\n", yaml_scalar(v))),
                }
            }
        }
        Json::Array(a) => {
            for v in a {
                match v {
                    Json::Object(inner) if !inner.is_empty() => {
                        let body = yaml(v, indent + 2);
                        out.push_str(&format!("{pad}- {}", &body[indent + 2..]));
                    }
                    Json::Array(inner) if !inner.is_empty() => {
                        let body = yaml(v, indent + 2);
                        out.push_str(&format!("{pad}- {}", &body[indent + 2..]));
                    }
                    _ => out.push_str(&format!("{pad}- {}\n", yaml_scalar(v))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", yaml_scalar(other))),
    }
    out
}

fn yaml_scalar(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => yaml_scalar_str(s),
        Json::Object(_) => "{}".into(),
        Json::Array(_) => "[]".into(),
    }
}

/// A string quoted only where YAML would read it as something else.
fn yaml_scalar_str(s: &str) -> String {
    let special = s.is_empty()
        || s.starts_with(|c: char| " -?:,[]{}#&*!|>'\"%@`".contains(c))
        || s.ends_with(' ')
        || s.contains(": ")
        || s.contains(" #")
        || s.contains('\n')
        || matches!(s.to_ascii_lowercase().as_str(), "true" | "false" | "null" | "~")
        || s.parse::<f64>().is_ok()
        || (s.len() >= 10 && s.as_bytes()[4] == b'-' && s[..4].chars().all(|c| c.is_ascii_digit()));
    if special { format!("'{}'", s.replace('\'', "''")) } else { s.to_owned() }
}

/// Blob bytes as the CLI prints them (base64).
pub fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_print_as_python_isoformat() {
        assert_eq!(iso_timestamp(1_768_478_400_000), "2026-01-15T12:00:00+00:00");
        assert_eq!(iso_timestamp(1_768_478_400_123), "2026-01-15T12:00:00.123000+00:00");
    }

    #[test]
    fn text_output_sorts_scalars_and_tabs_lists() {
        let j = Json::parse(r#"{"Functions":[{"FunctionName":"a","Runtime":"python3.13","Layers":[{"Arn":"x"}]},{"FunctionName":"b","Runtime":"python3.12"}]}"#).unwrap();
        assert_eq!(render("text", "ListFunctions", &j, false), "FUNCTIONS\ta\tpython3.13\nLAYERS\tx\nFUNCTIONS\tb\tpython3.12\n");
        let arns = Json::parse(r#"["a","b"]"#).unwrap();
        assert_eq!(render("text", "", &arns, true), "a\tb\n");
    }

    #[test]
    fn query_keeps_model_and_hash_order() {
        let j = Json::parse(r#"{"Role":{"RoleName":"r","Arn":"arn:aws:iam::123456789012:role/r","Path":"/"}}"#).unwrap();
        assert_eq!(query("Role.Arn", &j).unwrap(), Json::String("arn:aws:iam::123456789012:role/r".into()));
        assert_eq!(query("Role", &j).unwrap().jq(true), r#"{"RoleName":"r","Arn":"arn:aws:iam::123456789012:role/r","Path":"/"}"#);
        assert_eq!(query("{Z: Role.Path, A: Role.RoleName}", &j).unwrap().jq(true), r#"{"Z":"/","A":"r"}"#);
        assert!(query("Role.Arn]", &j).unwrap_err().starts_with("Bad value for --query Role.Arn]:"));
    }

    #[test]
    fn yaml_block_style_with_sorted_keys() {
        let j = Json::parse(r#"{"Functions":[{"MemorySize":128,"FunctionName":"a"}],"Empty":[],"Yes":"true"}"#).unwrap();
        assert_eq!(render("yaml", "", &j, false), "Empty: []\nFunctions:\n- FunctionName: a\n  MemorySize: 128\nYes: 'true'\n");
    }
}
