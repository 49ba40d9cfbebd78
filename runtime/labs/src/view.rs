//! What the lab panel shows, decided here so the page only renders it: the before/after state
//! tables, the learner's file and the line an error points at, the public part of a lab, and
//! how long a request may take before the page gives up on the runtime.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::checks::plain_item;
use crate::definition::{Case, FunctionDef, Lab, Step, Trigger};

/// One before/after table of a service's state: rendered by the page as it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableView {
    /// `s3`, `dynamodb`, `sqs` or `sns`.
    pub service: &'static str,
    /// The table's caption.
    pub caption: String,
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows, in display order.
    pub rows: Vec<RowView>,
}

/// One row: what changed and the cells as text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowView {
    /// `added`, `changed`, `deleted` or empty.
    pub change: &'static str,
    /// Cell texts.
    pub cells: Vec<String>,
    /// DynamoDB rows: the item as plain values, for the terminal's one-line summary.
    #[serde(skip)]
    pub item: Option<Value>,
}

/// Longest S3 body shown in a cell (characters), so one big object cannot flood the page.
const BODY_CHARS: usize = 300;

fn change_of(before: Option<&Value>, after: Option<&Value>) -> &'static str {
    match (before, after) {
        (None, _) => "added",
        (_, None) => "deleted",
        (Some(b), Some(a)) if b == a => "",
        _ => "changed",
    }
}

fn mark(change: &'static str) -> String {
    if change.is_empty() { "—".into() } else { change.into() }
}

/// A JSON value as a cell: strings bare, `null` as `null`, everything else as JSON.
fn cell(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn object<'a>(v: &'a Value, empty: &'a Map<String, Value>) -> &'a Map<String, Value> {
    v.as_object().unwrap_or(empty)
}

/// The before/after tables of the mock cloud: S3 objects, DynamoDB items (as plain values),
/// SQS queues and SNS messages, from two cloud snapshots.
pub fn state_tables(before: &Value, after: &Value) -> Vec<TableView> {
    let mut out = Vec::new();
    let empty = Map::new();

    let (s3b, s3a) = (object(&before["s3"]["Buckets"], &empty), object(&after["s3"]["Buckets"], &empty));
    let mut rows = Vec::new();
    for bucket in union(s3b.keys(), s3a.keys()) {
        let ob = object(&s3b.get(&bucket).unwrap_or(&Value::Null)["Objects"], &empty).clone();
        let oa = object(&s3a.get(&bucket).unwrap_or(&Value::Null)["Objects"], &empty).clone();
        for key in union(ob.keys(), oa.keys()) {
            let o = oa.get(&key).or_else(|| ob.get(&key)).expect("key of one side");
            let body = cell(o.get("Body"));
            let body = if body.chars().count() > BODY_CHARS { body.chars().take(BODY_CHARS).collect::<String>() + "…" } else { body };
            let change = change_of(ob.get(&key).map(|o| &o["ETag"]), oa.get(&key).map(|o| &o["ETag"]));
            rows.push(RowView { change, cells: vec![mark(change), bucket.clone(), key.clone(), cell(o.get("Size")), body], item: None });
        }
    }
    if !rows.is_empty() {
        out.push(TableView {
            service: "s3",
            caption: "S3 objects (after the run)".into(),
            headers: ["Change", "Bucket", "Key", "Bytes", "Body"].map(String::from).to_vec(),
            rows,
        });
    }

    let (db, da) = (object(&before["dynamodb"]["tables"], &empty), object(&after["dynamodb"]["tables"], &empty));
    for name in union(db.keys(), da.keys()) {
        let t = da.get(&name).or_else(|| db.get(&name)).expect("table of one side");
        let keys: Vec<String> =
            t["KeySchema"].as_array().map(|k| k.iter().filter_map(|k| k["AttributeName"].as_str().map(str::to_owned)).collect()).unwrap_or_default();
        let key_of = |item: &Value| Value::Array(keys.iter().map(|k| item.get(k).cloned().unwrap_or(Value::Null)).collect()).to_string();
        let items = |side: &Map<String, Value>| -> Vec<(String, Value)> {
            side.get(&name)
                .and_then(|t| t["Items"].as_array())
                .map(|items| items.iter().map(plain_item).map(|i| (key_of(&i), i)).collect())
                .unwrap_or_default()
        };
        let (ib, ia) = (items(db), items(da));
        let mut cols = keys.clone();
        for (_, item) in ib.iter().chain(&ia) {
            for k in item.as_object().into_iter().flat_map(Map::keys) {
                if !cols.contains(k) {
                    cols.push(k.clone());
                }
            }
        }
        let find = |side: &[(String, Value)], k: &str| side.iter().find(|(key, _)| key == k).map(|(_, i)| i.clone());
        let rows = union(ib.iter().map(|(k, _)| k), ia.iter().map(|(k, _)| k))
            .into_iter()
            .map(|k| {
                let (b, a) = (find(&ib, &k), find(&ia, &k));
                let change = change_of(b.as_ref(), a.as_ref());
                let item = a.or(b).expect("item of one side");
                let mut cells = vec![mark(change)];
                cells.extend(cols.iter().map(|c| cell(item.get(c))));
                RowView { change, cells, item: Some(item) }
            })
            .collect();
        let mut headers = vec!["Change".to_owned()];
        headers.extend(cols);
        out.push(TableView { service: "dynamodb", caption: format!("DynamoDB table {name} (after the run)"), headers, rows });
    }

    let (qb, qa) = (object(&before["sqs"]["queues"], &empty), object(&after["sqs"]["queues"], &empty));
    let rows: Vec<RowView> = union(qb.keys(), qa.keys())
        .into_iter()
        .map(|name| {
            let count = |side: &Map<String, Value>| side.get(&name).and_then(|q| q["Messages"].as_array()).map_or(0, Vec::len);
            let bodies: Vec<String> = qa
                .get(&name)
                .and_then(|q| q["Messages"].as_array())
                .map(|m| m.iter().map(|m| cell(m.get("Body"))).collect())
                .unwrap_or_default();
            let (mb, ma) = (count(qb), count(qa));
            let lower = name.to_lowercase();
            let dlq = if lower.contains("dlq") || lower.contains("dead") { " (dead-letter queue)" } else { "" };
            RowView {
                change: if mb == ma { "" } else { "changed" },
                cells: vec![format!("{name}{dlq}"), mb.to_string(), ma.to_string(), bodies.join("\n")],
                item: None,
            }
        })
        .collect();
    if !rows.is_empty() {
        out.push(TableView {
            service: "sqs",
            caption: "SQS queues".into(),
            headers: ["Queue", "Messages before", "Messages after", "Bodies after"].map(String::from).to_vec(),
            rows,
        });
    }

    let nb = before["sns"]["Messages"].as_array().map_or(0, Vec::len);
    let na: &[Value] = after["sns"]["Messages"].as_array().map_or(&[], Vec::as_slice);
    if nb > 0 || !na.is_empty() {
        let rows = na
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let new = i >= nb;
                let deliveries = m["Deliveries"].as_array().map_or(0, Vec::len);
                RowView {
                    change: if new { "added" } else { "" },
                    cells: vec![
                        if new { "published".into() } else { "—".into() },
                        cell(m.get("TopicArn")),
                        cell(m.get("Subject")),
                        cell(m.get("Message")),
                        deliveries.to_string(),
                    ],
                    item: None,
                }
            })
            .collect();
        out.push(TableView {
            service: "sns",
            caption: "SNS messages".into(),
            headers: ["Change", "Topic", "Subject", "Message", "Deliveries"].map(String::from).to_vec(),
            rows,
        });
    }
    out
}

/// Sorted union of two key lists, without duplicates.
fn union<'a>(a: impl Iterator<Item = &'a String>, b: impl Iterator<Item = &'a String>) -> Vec<String> {
    let set: std::collections::BTreeSet<String> = a.chain(b).cloned().collect();
    set.into_iter().collect()
}

/// The file the learner edits, as the editor names it: the handler's module
/// (`lambda_function.py`), or in a test lab the tests' module (`test_lambda_function.py`).
pub fn learner_file(lab: &Lab) -> String {
    match &lab.def.tests {
        Some(tests) => format!("{}.py", tests.module.replace('.', "/")),
        None => {
            let handler = &lab.def.function.handler;
            let module = handler.rsplit_once('.').map_or(handler.as_str(), |(m, _)| m);
            format!("{}.py", module.replace('.', "/"))
        }
    }
}

/// The line of the learner's file where an invocation failed: the runtime's own location
/// (syntax and import errors) if it is in that file, else the innermost traceback frame there.
pub fn error_line(error: &Value, location: Option<(&str, u32)>, file: &str) -> Option<u32> {
    let in_file = |path: &str| path == file || path.ends_with(&format!("/{file}"));
    if let Some((_, line)) = location.filter(|(p, l)| *l > 0 && in_file(p)) {
        return Some(line);
    }
    let mut line = None;
    for frame in error["stackTrace"].as_array().into_iter().flatten() {
        let frame = frame.as_str().unwrap_or("");
        // `  File "/var/task/lambda_function.py", line 3, in lambda_handler`
        let Some(rest) = frame.trim_start().strip_prefix("File \"") else { continue };
        let Some((path, rest)) = rest.split_once('"') else { continue };
        let number: String = rest.trim_start_matches(", line ").chars().take_while(char::is_ascii_digit).collect();
        if in_file(path) {
            line = number.parse().ok().or(line);
        }
    }
    line
}

/// Slack over the function's timeouts before the page gives up on the runtime: setting up
/// the mock cloud, messaging, and the in-runtime timeout's own reporting.
const DEADLINE_MARGIN_MS: f64 = 2000.0;

/// At most this many invocations are budgeted for one step of a case (an SQS message can be
/// received again and again until the queue's redrive policy moves it aside).
const MAX_ATTEMPTS_PER_STEP: u32 = 10;

/// How many times the function may be invoked by one event of this trigger, retries included.
fn attempts_per_event(function: &FunctionDef, trigger: &Trigger) -> u32 {
    match trigger {
        Trigger::Direct | Trigger::ApiRest { .. } | Trigger::ApiHttp { .. } | Trigger::Schedule { .. } => 1,
        Trigger::S3 { .. } | Trigger::Sns { .. } => 1 + function.async_retries,
        Trigger::DynamodbStream { retries, .. } => 1 + retries,
        Trigger::Sqs { .. } => MAX_ATTEMPTS_PER_STEP,
    }
}

/// The invocations one case may make: each step's, retries included (a test lab runs the
/// learner's tests once, plus a reference run of each of its implementations).
pub fn case_invocations(lab: &Lab, case: &Case) -> u32 {
    if lab.def.tests.is_some() {
        return 2;
    }
    let per_event = attempts_per_event(&lab.def.function, &lab.def.trigger).min(MAX_ATTEMPTS_PER_STEP);
    let steps: u32 = case
        .steps
        .iter()
        .map(|s| match s {
            Step::Call(_) => per_event,
            Step::Burst { burst } => burst.count,
            Step::Advance { .. } => per_event,
            Step::Invoke { .. } | Step::Request { .. } | Step::Schedule { .. } => 1,
        })
        .sum();
    steps.max(1)
}

/// How long the page lets the runtime work on one Run (`grade = false`: the first visible
/// case with the learner's event) or one grade (every case), in milliseconds: the function's timeout ×
/// the invocations it may make, plus a margin.
pub fn deadline_ms(lab: &Lab, grade: bool) -> u64 {
    let timeout_ms = lab.def.function.timeout.max(0.0) * 1000.0;
    let invocations: u32 = if grade {
        lab.def.cases.iter().map(|c| case_invocations(lab, c)).sum()
    } else {
        // A Run delivers one event; only asynchronous sources retry it (an SQS message is
        // not redelivered within a Run).
        match &lab.def.trigger {
            Trigger::Sqs { .. } => 1,
            trigger => attempts_per_event(&lab.def.function, trigger),
        }
    };
    (timeout_ms * f64::from(invocations.max(1)) + DEADLINE_MARGIN_MS).ceil() as u64
}

/// What the page may know of a lab: enough to show and run it, nothing that gives an answer
/// away (no solution, no hidden case, no implementation or mutant).
pub fn public_lab(lab: &Lab) -> Value {
    let visible: Vec<&Case> = lab.def.cases.iter().filter(|c| !c.hidden).collect();
    let f = &lab.def.function;
    let mut public = json!({
        "id": lab.id,
        "title": lab.def.title,
        "brief": lab.def.brief,
        "hints": lab.def.hints,
        "starter": lab.starter,
        "fileName": learner_file(lab),
        "testLab": lab.def.tests.is_some(),
        "function": {"name": f.name, "handler": f.handler, "runtime": f.runtime, "timeout": f.timeout, "memory": f.memory, "environment": f.environment},
        "trigger": lab.def.trigger,
        "visibleCases": visible,
        "hiddenCases": lab.def.cases.len() - visible.len(),
    });
    if let Some(files) = &lab.terminal {
        // A terminal lab: the files its terminal opens on. Its setup script and solution stay
        // sealed (the setup may be the very mistake the learner must find).
        public["terminalLab"] = json!(true);
        public["workspace"] = json!(files.workspace);
    }
    public
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(toml: &str, code: &str) -> Lab {
        let starter = "def lambda_handler(event, context):\n    pass\n";
        Lab::from_text("t", std::path::Path::new("lab.toml"), toml, starter, code, Default::default()).unwrap()
    }

    #[test]
    fn tables_show_what_changed_with_plain_dynamodb_values() {
        let before = json!({"dynamodb": {"tables": {"orders": {"KeySchema": [{"AttributeName": "id"}], "Items": [
            {"id": {"S": "1"}, "qty": {"N": "2"}}, {"id": {"S": "2"}, "qty": {"N": "5"}}]}}}});
        let after = json!({"dynamodb": {"tables": {"orders": {"KeySchema": [{"AttributeName": "id"}], "Items": [
            {"id": {"S": "1"}, "qty": {"N": "3"}, "tags": {"SS": ["b", "a"]}}, {"id": {"S": "3"}, "qty": {"N": "1"}}]}}},
            "s3": {"Buckets": {"data": {"Objects": {"out.json": {"Size": 2, "ETag": "\"x\"", "Body": "{}"}}}}}});
        let tables = state_tables(&before, &after);
        assert_eq!(tables.len(), 2);
        let s3 = &tables[0];
        assert_eq!((s3.service, s3.rows[0].change), ("s3", "added"));
        assert_eq!(s3.rows[0].cells, ["added", "data", "out.json", "2", "{}"]);
        let db = &tables[1];
        assert_eq!(db.headers, ["Change", "id", "qty", "tags"]);
        let rows: Vec<(&str, Vec<&str>)> = db.rows.iter().map(|r| (r.change, r.cells.iter().map(String::as_str).collect())).collect();
        assert_eq!(rows, [
            ("changed", vec!["changed", "1", "3", "[\"a\",\"b\"]"]),
            ("deleted", vec!["deleted", "2", "5", ""]),
            ("added", vec!["added", "3", "1", ""]),
        ]);
        assert_eq!(crate::report::state_changes(&tables), [
            "+ s3://data/out.json (2 bytes)",
            "~ dynamodb orders {\"id\":\"1\",\"qty\":3,\"tags\":[\"a\",\"b\"]}",
            "- dynamodb orders {\"id\":\"2\",\"qty\":5}",
            "+ dynamodb orders {\"id\":\"3\",\"qty\":1}",
        ]);
    }

    #[test]
    fn queues_and_topics_are_summarised() {
        let before = json!({"sqs": {"queues": {"orders-dlq": {"Messages": []}}}});
        let after = json!({"sqs": {"queues": {"orders-dlq": {"Messages": [{"Body": "x"}]}}}, "sns": {"Messages": [{"TopicArn": "t", "Message": "m"}]}});
        let tables = state_tables(&before, &after);
        assert_eq!(tables[0].rows[0].cells, ["orders-dlq (dead-letter queue)", "0", "1", "x"]);
        assert_eq!(tables[1].rows[0].change, "added");
        assert_eq!(crate::report::state_changes(&tables), ["  sqs orders-dlq: 0 → 1 message(s)", "  sns: 1 message(s) published"]);
        assert!(state_tables(&json!({}), &json!({})).is_empty());
    }

    #[test]
    fn the_learners_file_and_error_line() {
        let plain = lab("title = \"t\"\nbrief = \"b\"\n[function]\nhandler = \"app.handler\"\n[[cases]]\nname = \"c\"\nsteps = [{ invoke = {} }]\nchecks = [{ invocations = { count = 1 } }]\n", "def handler(e, c):\n    return 1\n");
        assert_eq!(learner_file(&plain), "app.py");
        let error = json!({"stackTrace": [
            "  File \"/var/task/app.py\", line 7, in handler\n    helper()\n",
            "  File \"/var/task/util.py\", line 2, in helper\n",
        ]});
        assert_eq!(error_line(&error, None, "app.py"), Some(7), "the innermost frame in the learner's file");
        assert_eq!(error_line(&error, Some(("/var/task/app.py", 3)), "app.py"), Some(3), "the runtime's own location wins");
        assert_eq!(error_line(&error, Some(("/var/task/util.py", 3)), "app.py"), Some(7));
        assert_eq!(error_line(&json!({}), None, "app.py"), None);
    }

    #[test]
    fn deadlines_budget_every_invocation_a_grade_may_make_retries_included() {
        let s3 = lab(r#"
title = "t"
brief = "b"
setup = [ { call = "s3.CreateBucket", params = { Bucket = "in" } } ]
[function]
timeout = 2
[trigger]
type = "s3"
bucket = "in"
[[cases]]
name = "one"
steps = [ { call = "s3.PutObject", params = { Bucket = "in", Key = "a", Body = "x" } } ]
checks = [ { invocations = { count = 1 } } ]
[[cases]]
name = "two"
hidden = true
steps = [ { call = "s3.PutObject", params = { Bucket = "in", Key = "a", Body = "x" } }, { call = "s3.PutObject", params = { Bucket = "in", Key = "b", Body = "x" } } ]
checks = [ { invocations = { count = 1 } } ]
"#, "def lambda_handler(e, c):\n    return 1\n");
        // Each upload may be tried 3 times (2 async retries) at up to 2 s each.
        assert_eq!(deadline_ms(&s3, false), 3 * 2000 + 2000);
        assert_eq!(deadline_ms(&s3, true), 9 * 2000 + 2000);
        let public = public_lab(&s3);
        assert_eq!(public["visibleCases"].as_array().unwrap().len(), 1);
        assert_eq!(public["hiddenCases"], 1);
        assert!(!public.to_string().contains("two"), "no hidden case's name: {public}");
        assert!(!public.to_string().contains("return 1"), "no solution line");
    }
}
