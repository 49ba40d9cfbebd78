//! Evaluates a lab's checks against what a case did. Every failure says, in a learner's
//! words, what was expected and what happened.

use serde_json::{Value, json};

use crate::definition::{Check, CheckKind, TestsCheck, ValueCheck};
use crate::runner::{CaseRun, topic_arn};

/// One evaluated check.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult {
    /// What the check verifies, e.g. `object processed/a.json exists in bucket data`.
    pub description: String,
    /// Whether it held.
    pub passed: bool,
    /// What went wrong (empty when it passed).
    pub message: String,
}

/// Evaluates `check` against `run`.
pub fn evaluate(check: &Check, run: &CaseRun) -> CheckResult {
    let (description, failure) = match &check.kind {
        CheckKind::Returned(v) => returned(v, run),
        CheckKind::Response(r) => {
            let desc = "the API's HTTP response".to_owned();
            let failure = match pick(&run.responses, r.index) {
                None if run.responses.is_empty() => Some("the API was never called".to_owned()),
                None => Some(format!("the API was called {} time(s); there is no response {}", run.responses.len(), r.index)),
                Some(resp) => {
                    let mut problems = Vec::new();
                    if let Some(status) = r.status
                        && resp.status != status
                    {
                        let why = resp.gateway_error.as_ref().map(|w| format!(" ({w})")).unwrap_or_default();
                        problems.push(format!("expected status {status}, got {}{why}", resp.status));
                    }
                    if let Some(needle) = &r.body_contains
                        && !resp.body.contains(needle.as_str())
                    {
                        problems.push(format!("expected the body to contain {needle:?}, got {:?}", clip(&resp.body)));
                    }
                    if let Some(expected) = &r.json {
                        match serde_json::from_str::<Value>(&resp.body) {
                            Ok(actual) if json_eq(&actual, expected) => {}
                            Ok(actual) => problems.push(format!("expected the body {expected}, got {actual}")),
                            Err(_) => problems.push(format!("expected a JSON body {expected}, got {:?}", clip(&resp.body))),
                        }
                    }
                    for (k, v) in &r.headers {
                        match resp.headers.get(&k.to_lowercase()) {
                            Some(actual) if actual == v => {}
                            Some(actual) => problems.push(format!("expected header {k}: {v}, got {actual}")),
                            None => problems.push(format!("expected header {k}: {v}, but it is missing")),
                        }
                    }
                    (!problems.is_empty()).then(|| problems.join("; "))
                }
            };
            (desc, failure)
        }
        CheckKind::Object(o) => {
            let obj = &run.after["s3"]["Buckets"][&o.bucket]["Objects"][&o.key];
            let desc = if o.exists {
                format!("object `{}` exists in bucket `{}`", o.key, o.bucket)
            } else {
                format!("object `{}` does not exist in bucket `{}`", o.key, o.bucket)
            };
            let failure = match (o.exists, obj.is_null()) {
                (true, true) => {
                    let keys: Vec<&String> = run.after["s3"]["Buckets"][&o.bucket]["Objects"]
                        .as_object()
                        .map(|m| m.keys().collect())
                        .unwrap_or_default();
                    Some(format!("no object `{}`; the bucket holds {}", o.key, listing(&keys)))
                }
                (false, false) => Some(format!("object `{}` should not be there", o.key)),
                (false, true) => None,
                (true, false) => {
                    let body = obj["Body"].as_str().unwrap_or("");
                    if let Some(expected) = &o.equals
                        && body != expected
                    {
                        Some(format!("expected its content {:?}, found {:?}", clip(expected), clip(body)))
                    } else if let Some(needle) = &o.contains
                        && !body.contains(needle.as_str())
                    {
                        Some(format!("expected its content to contain {needle:?}, found {:?}", clip(body)))
                    } else if let Some(expected) = &o.json {
                        match serde_json::from_str::<Value>(body) {
                            Ok(actual) if json_eq(&actual, expected) => None,
                            Ok(actual) => Some(format!("expected JSON {expected}, found {actual}")),
                            Err(e) => Some(format!("expected JSON {expected}, but the object is not JSON ({e}): {:?}", clip(body))),
                        }
                    } else {
                        None
                    }
                }
            };
            (desc, failure)
        }
        CheckKind::Objects(o) => {
            let keys: Vec<&String> = run.after["s3"]["Buckets"][&o.bucket]["Objects"]
                .as_object()
                .map(|m| m.keys().filter(|k| k.starts_with(&o.prefix)).collect())
                .unwrap_or_default();
            let desc = format!("{} object(s) under `{}` in bucket `{}`", o.count, o.prefix, o.bucket);
            let failure = (keys.len() != o.count).then(|| format!("found {}: {}", keys.len(), listing(&keys)));
            (desc, failure)
        }
        CheckKind::Item(i) => {
            let desc = format!("item {} in table `{}`", json!(i.key), i.table);
            let found = run.after["dynamodb"]["tables"][&i.table]["Items"].as_array().and_then(|items| {
                items.iter().map(plain_item).find(|item| i.key.iter().all(|(k, v)| item.get(k).is_some_and(|a| json_eq(a, v))))
            });
            let failure = match (found, i.exists) {
                (None, true) => Some(format!("no item with key {} in `{}`", json!(i.key), i.table)),
                (Some(item), false) => Some(format!("expected no such item, found {item}")),
                (None, false) => None,
                (Some(item), true) => {
                    if let Some(expected) = &i.equals
                        && !json_eq(&item, expected)
                    {
                        Some(format!("expected {expected}, found {item}"))
                    } else {
                        let wrong: Vec<String> = i
                            .has
                            .iter()
                            .filter(|(k, v)| !item.get(k.as_str()).is_some_and(|a| json_eq(a, v)))
                            .map(|(k, v)| format!("`{k}` should be {v} but is {}", item.get(k.as_str()).map_or("missing".into(), |a| a.to_string())))
                            .collect();
                        (!wrong.is_empty()).then(|| wrong.join("; "))
                    }
                }
            };
            (desc, failure)
        }
        CheckKind::Queue(q) => {
            let messages = run.after["sqs"]["queues"][&q.name]["Messages"].as_array().cloned().unwrap_or_default();
            let desc = format!("queue `{}` holds {} message(s)", q.name, q.depth);
            let failure = if run.after["sqs"]["queues"][&q.name].is_null() {
                Some(format!("there is no queue `{}`", q.name))
            } else if messages.len() != q.depth {
                Some(format!("it holds {}", messages.len()))
            } else if let Some(needle) = &q.contains
                && !messages.iter().any(|m| m["Body"].as_str().is_some_and(|b| b.contains(needle.as_str())))
            {
                Some(format!("no message body contains {needle:?}"))
            } else {
                None
            };
            (desc, failure)
        }
        CheckKind::Log(l) => {
            let log: String = run
                .invocations
                .iter()
                .filter_map(|i| i.report.as_ref())
                .map(|r| r.log_text())
                .collect::<Vec<_>>()
                .join("\n");
            let mut desc = String::from("the function's log");
            let mut failure = None;
            if let Some(needle) = &l.contains {
                desc = format!("the log contains {needle:?}");
                if !log.contains(needle.as_str()) {
                    failure = Some(format!("it does not; the log was:\n{}", clip(&log)));
                }
            }
            if let Some(needle) = &l.not_contains {
                desc = format!("the log does not contain {needle:?}");
                if log.contains(needle.as_str()) {
                    failure = Some("it does".into());
                }
            }
            (desc, failure)
        }
        CheckKind::Invocations(i) => {
            let ran = run.invocations.iter().filter(|x| x.report.is_some()).count();
            let errors = run.invocations.iter().filter(|x| x.is_error()).count();
            let throttles = run.invocations.iter().filter(|x| x.report.is_none()).count();
            let mut parts = Vec::new();
            let mut problems = Vec::new();
            for (label, expected, actual) in [("invocation(s)", i.count, ran), ("error(s)", i.errors, errors), ("throttle(s)", i.throttles, throttles)] {
                if let Some(expected) = expected {
                    parts.push(format!("{expected} {label}"));
                    if expected != actual {
                        problems.push(format!("expected {expected} {label}, there were {actual}"));
                    }
                }
            }
            if i.errors.is_some_and(|e| e < errors) {
                problems.extend(first_error(run));
            }
            (parts.join(", "), (!problems.is_empty()).then(|| problems.join("; ")))
        }
        CheckKind::Calls(c) => {
            let n = run.handler_calls.iter().filter(|(op, _)| op == &c.operation).count();
            let desc = match (c.min, c.max) {
                (_, Some(0)) => format!("the function never calls {}", c.operation),
                (Some(min), None) => format!("the function calls {} at least {min} time(s)", c.operation),
                (min, max) => format!("the function calls {} between {} and {} time(s)", c.operation, min.unwrap_or(0), max.map_or("any".into(), |m| m.to_string())),
            };
            let failure = if c.min.is_some_and(|m| n < m) || c.max.is_some_and(|m| n > m) {
                Some(format!("it called it {n} time(s)"))
            } else {
                None
            };
            (desc, failure)
        }
        CheckKind::Published(p) => {
            let arn = topic_arn(&p.topic);
            let messages: Vec<&Value> = run.after["sns"]["Messages"]
                .as_array()
                .map(|m| m.iter().filter(|m| m["TopicArn"] == arn.as_str()).collect())
                .unwrap_or_default();
            let desc = format!("{} message(s) published to topic `{}`", p.count, p.topic);
            let failure = if messages.len() != p.count {
                Some(format!("{} were published", messages.len()))
            } else if let Some(needle) = &p.contains
                && !messages.iter().any(|m| m["Message"].as_str().is_some_and(|b| b.contains(needle.as_str())))
            {
                Some(format!("no message contains {needle:?}"))
            } else {
                None
            };
            (desc, failure)
        }
        CheckKind::Tests(t) => tests(t, run),
    };
    let passed = failure.is_none();
    let message = match failure {
        None => String::new(),
        Some(what) => match &check.message {
            Some(m) => format!("{m} ({what})"),
            None => what,
        },
    };
    CheckResult { description, passed, message }
}

fn returned(v: &ValueCheck, run: &CaseRun) -> (String, Option<String>) {
    let desc = if v.path.is_empty() { "the return value".to_owned() } else { format!("`{}` in the return value", v.path) };
    let ran: Vec<&lab_python::InvokeReport> = run.invocations.iter().filter_map(|i| i.report.as_ref()).collect();
    let Some(last) = pick(&ran, v.index).copied() else {
        return (desc, Some(format!("the function ran {} time(s); there is no invocation {}", ran.len(), v.index)));
    };
    if last.is_error() {
        return (desc, first_error(run).or(Some("the function failed".into())));
    }
    let value = lookup(&last.payload(), &v.path);
    let failure = match (&value, v.exists, &v.equals, &v.contains) {
        (None, Some(false), _, _) => None,
        (Some(found), Some(false), _, _) => Some(format!("expected no `{}`, found {found}", v.path)),
        (None, _, _, _) => Some(format!("the return value has no `{}`: {}", v.path, last.payload())),
        (Some(found), _, Some(expected), _) if !json_eq(found, expected) => Some(format!("expected {expected}, got {found}")),
        (Some(found), _, _, Some(needle)) if !found.as_str().unwrap_or(&found.to_string()).contains(needle.as_str()) => {
            Some(format!("expected it to contain {needle:?}, got {found}"))
        }
        (Some(found), _, _, _) if v.request_id && found.as_str() != Some(last.request_id.as_str()) => {
            Some(format!("expected this invocation's request id {:?}, got {found}", last.request_id))
        }
        (Some(found), _, _, _) if v.min.is_some() || v.max.is_some() => match found.as_f64() {
            None => Some(format!("expected a number, got {found}")),
            Some(n) if v.min.is_some_and(|m| n < m) || v.max.is_some_and(|m| n > m) => Some(format!(
                "expected a number between {} and {}, got {found}",
                v.min.map_or("-∞".into(), |m| m.to_string()),
                v.max.map_or("∞".into(), |m| m.to_string())
            )),
            Some(_) => None,
        },
        _ => None,
    };
    (desc, failure)
}

/// A test lab's check: the learner's tests all passed (`pass = true`) or caught the bug.
fn tests(t: &TestsCheck, run: &CaseRun) -> (String, Option<String>) {
    let desc = if t.pass {
        "your tests pass against this handler".to_owned()
    } else {
        "your tests catch this handler's bug (at least one test fails)".to_owned()
    };
    let Some(report) = run.invocations.iter().rev().find(|i| i.source == "tests").and_then(|i| i.report.as_ref()) else {
        return (desc, Some("your tests did not run".into()));
    };
    if report.is_error() {
        let why = first_error(run).unwrap_or_else(|| "the test run failed".into());
        return (desc, Some(format!("your test file could not run: {why}")));
    }
    let result = report.payload();
    if result["loaded"] != true {
        let error = result["error"].as_str().unwrap_or("unknown error");
        return (desc, Some(format!("your test file does not load: {error}")));
    }
    let results = result["tests"].as_array().cloned().unwrap_or_default();
    if results.is_empty() {
        return (
            desc,
            Some("no tests found: write functions whose names start with `test_` (e.g. `def test_valid_order():`) that check the handler with `assert`".into()),
        );
    }
    let not_passed: Vec<String> = results
        .iter()
        .filter(|r| r["outcome"] != "passed")
        .map(|r| {
            let line = r["line"].as_u64().map(|l| format!(" at line {l}")).unwrap_or_default();
            let how = if r["outcome"] == "error" { "raised" } else { "failed" };
            format!("`{}` {how}{line}: {}", r["name"].as_str().unwrap_or("?"), r["message"].as_str().unwrap_or(""))
        })
        .collect();
    let failure = match (t.pass, not_passed.is_empty()) {
        (true, false) => Some(format!("this handler is correct, but {}", not_passed.join("; "))),
        (false, true) => Some(format!(
            "all {} of your test(s) passed against this broken handler, so they miss its bug",
            results.len()
        )),
        _ => None,
    };
    (desc, failure)
}

/// Element `index` of `items`, counting from the end when negative.
fn pick<T>(items: &[T], index: i64) -> Option<&T> {
    let i = if index < 0 { items.len().checked_sub(index.unsigned_abs() as usize)? } else { index as usize };
    items.get(i)
}

/// `a.b.0.c` into a JSON value; a `json:` prefix on a segment parses that string field as JSON.
pub(crate) fn lookup(value: &Value, path: &str) -> Option<Value> {
    let mut current = value.clone();
    if path.is_empty() {
        return Some(current);
    }
    for seg in path.split('.') {
        let (parse, seg) = match seg.strip_prefix("json:") {
            Some(s) => (true, s),
            None => (false, seg),
        };
        current = match &current {
            Value::Object(m) => m.get(seg)?.clone(),
            Value::Array(a) => a.get(seg.parse::<usize>().ok()?)?.clone(),
            _ => return None,
        };
        if parse {
            current = serde_json::from_str(current.as_str()?).ok()?;
        }
    }
    Some(current)
}

fn first_error(run: &CaseRun) -> Option<String> {
    run.invocations.iter().find_map(|i| {
        let r = i.report.as_ref()?;
        match &r.outcome {
            lab_python::Outcome::Failed(e) => {
                let at = e.location.as_ref().map(|l| format!(" (line {})", l.line)).unwrap_or_default();
                Some(format!("the function raised {}: {}{at}", e.error_type, e.error_message))
            }
            _ => None,
        }
    })
}

/// Numbers compare by value (DynamoDB's `5` and `5.0` are the same number).
pub(crate) fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w))),
        _ => a == b,
    }
}

/// A typed DynamoDB item as plain JSON (what the resource API shows, numbers as numbers).
pub fn plain_item(item: &Value) -> Value {
    match item.as_object() {
        Some(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), plain_value(v))).collect()),
        None => Value::Null,
    }
}

fn plain_value(v: &Value) -> Value {
    let Some((ty, inner)) = v.as_object().and_then(|m| m.iter().next()) else { return Value::Null };
    match ty.as_str() {
        "S" => inner.clone(),
        "N" => number(inner),
        "BOOL" => inner.clone(),
        "NULL" => Value::Null,
        "L" => Value::Array(inner.as_array().map(|a| a.iter().map(plain_value).collect()).unwrap_or_default()),
        "M" => plain_item(inner),
        "SS" | "BS" => {
            let mut items: Vec<Value> = inner.as_array().cloned().unwrap_or_default();
            items.sort_by_key(|a| a.to_string());
            Value::Array(items)
        }
        "NS" => {
            let mut items: Vec<Value> = inner.as_array().map(|a| a.iter().map(number).collect()).unwrap_or_default();
            items.sort_by(|a, b| a.as_f64().partial_cmp(&b.as_f64()).unwrap_or(std::cmp::Ordering::Equal));
            Value::Array(items)
        }
        "B" => inner.get("$bytes").cloned().unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

fn number(v: &Value) -> Value {
    let s = v.as_str().unwrap_or("0");
    s.parse::<i64>().map(Value::from).or_else(|_| s.parse::<f64>().map(Value::from)).unwrap_or(Value::Null)
}

fn listing(keys: &[&String]) -> String {
    if keys.is_empty() {
        "nothing".into()
    } else {
        keys.iter().take(8).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
    }
}

fn clip(s: &str) -> String {
    if s.chars().count() > 300 { format!("{}…", s.chars().take(300).collect::<String>()) } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_items_become_plain_values() {
        let item = json!({"id": {"S": "a"}, "qty": {"N": "3"}, "price": {"N": "2.5"}, "tags": {"SS": ["b", "a"]}, "m": {"M": {"ok": {"BOOL": true}}}});
        assert_eq!(plain_item(&item), json!({"id": "a", "qty": 3, "price": 2.5, "tags": ["a", "b"], "m": {"ok": true}}));
    }

    #[test]
    fn paths_reach_into_json_bodies() {
        let v = json!({"statusCode": 200, "body": "{\"items\": [{\"id\": 7}]}"});
        assert_eq!(lookup(&v, "json:body.items.0.id"), Some(json!(7)));
        assert_eq!(lookup(&v, "statusCode"), Some(json!(200)));
        assert_eq!(lookup(&v, "missing"), None);
        assert!(json_eq(&json!(5), &json!(5.0)));
    }
}
