//! The JSON a lab run or grade becomes: what the browser panel and `labbook lab run` show.

use lab_python::{InvokeReport, Outcome};
use serde_json::{Value, json};

use crate::definition::{Lab, Step};
use crate::grade::Grade;
use crate::runner::{CaseRun, Invocation, Runner};

/// One invocation as JSON: event, result or error (with the learner's line), log lines.
pub fn invocation_json(inv: &Invocation) -> Value {
    match &inv.report {
        None => json!({
            "source": inv.source,
            "event": inv.event,
            "throttled": true,
            "error": {"errorType": "TooManyRequestsException", "errorMessage": "Rate exceeded", "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded"},
            "log": [],
        }),
        Some(r) => report_json(inv.source, &inv.event, r),
    }
}

fn report_json(source: &str, event: &Value, r: &InvokeReport) -> Value {
    let mut v = json!({
        "source": source,
        "event": event,
        "requestId": r.request_id,
        "log": r.log,
        "durationMs": r.duration_ms,
        "billedMs": r.billed_ms,
        "initMs": r.init_ms,
    });
    match &r.outcome {
        Outcome::Returned(text) => {
            v["result"] = r.payload();
            v["resultText"] = json!(text);
        }
        Outcome::Failed(e) => {
            v["error"] = e.payload(&r.request_id);
            if let Some(loc) = &e.location {
                v["errorLocation"] = json!({"file": loc.file, "line": loc.line});
            }
        }
    }
    v
}

/// A case run as JSON.
pub fn case_json(run: &CaseRun) -> Value {
    json!({
        "name": run.name,
        "hidden": run.hidden,
        "invocations": run.invocations.iter().map(invocation_json).collect::<Vec<_>>(),
        "responses": run.responses.iter().map(|r| json!({"status": r.status, "headers": r.headers, "body": r.body, "gatewayError": r.gateway_error})).collect::<Vec<_>>(),
        "calls": run.handler_calls.iter().map(|(op, err)| json!({"operation": op, "error": err})).collect::<Vec<_>>(),
        "before": run.before,
        "after": run.after,
        "setupError": run.setup_error,
    })
}

/// A grade as JSON. Hidden cases show their checks' results but not their data.
pub fn grade_json(grade: &Grade) -> Value {
    let cases: Vec<Value> = grade
        .cases
        .iter()
        .map(|c| {
            let checks: Vec<Value> = c
                .checks
                .iter()
                .map(|k| json!({"description": k.description, "passed": k.passed, "message": k.message}))
                .collect();
            let mut v = if c.run.hidden {
                json!({"name": c.run.name, "hidden": true})
            } else {
                case_json(&c.run)
            };
            v["checks"] = Value::Array(checks);
            v["passed"] = json!(c.passed());
            v
        })
        .collect();
    json!({
        "lab": grade.lab,
        "passed": grade.passed(),
        "score": grade.score(),
        "maxScore": grade.max_score(),
        "cases": cases,
    })
}

/// The event the learner's "Run" uses by default: the first event the first visible case
/// delivers, captured by running that case with a handler that does nothing.
pub fn sample_event(lab: &Lab) -> Value {
    let Some(case) = lab.def.cases.iter().find(|c| !c.hidden) else { return json!({}) };
    if let Some(Step::Invoke { invoke }) = case.steps.iter().find(|s| matches!(s, Step::Invoke { .. })) {
        return invoke.clone();
    }
    let mut runner = Runner::new(lab, "def lambda_handler(event, context):\n    return None\n");
    let run = runner.run_case(case);
    run.invocations.first().map(|i| i.event.clone()).unwrap_or_else(|| json!({}))
}

/// The learner's "Run": the first visible case's cloud, one invocation with `event`
/// (default: [`sample_event`]).
pub fn run_json(lab: &Lab, code: &str, event: Option<Value>) -> Value {
    let Some(case) = lab.def.cases.iter().find(|c| !c.hidden) else {
        return json!({"error": "this lab has no visible case"});
    };
    let event = event.unwrap_or_else(|| sample_event(lab));
    let mut runner = Runner::new(lab, code);
    case_json(&runner.run_with_event(case, event))
}

/// The cloud's changes between two snapshots, one line each, for the terminal:
/// `+ s3://data/out.json (42 bytes)`, `~ dynamodb orders {"id":"1"}`, `sqs orders-dlq: 0 → 1 message(s)`.
pub fn state_changes(before: &Value, after: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    let empty = serde_json::Map::new();
    let buckets_after = after["s3"]["Buckets"].as_object().unwrap_or(&empty);
    for (bucket, b) in buckets_after {
        let old = before["s3"]["Buckets"][bucket]["Objects"].as_object().cloned().unwrap_or_default();
        let new = b["Objects"].as_object().cloned().unwrap_or_default();
        for (key, obj) in &new {
            match old.get(key) {
                None => lines.push(format!("+ s3://{bucket}/{key} ({} bytes)", obj["Size"])),
                Some(o) if o["ETag"] != obj["ETag"] => lines.push(format!("~ s3://{bucket}/{key} ({} bytes)", obj["Size"])),
                _ => {}
            }
        }
        for key in old.keys().filter(|k| !new.contains_key(*k)) {
            lines.push(format!("- s3://{bucket}/{key}"));
        }
    }
    for (table, t) in after["dynamodb"]["tables"].as_object().unwrap_or(&empty) {
        let key_names: Vec<String> = t["KeySchema"]
            .as_array()
            .map(|k| k.iter().filter_map(|k| k["AttributeName"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        let key_of = |item: &Value| -> String {
            let plain = crate::checks::plain_item(item);
            let key: serde_json::Map<String, Value> = key_names.iter().filter_map(|k| plain.get(k).map(|v| (k.clone(), v.clone()))).collect();
            Value::Object(key).to_string()
        };
        let old: Vec<Value> = before["dynamodb"]["tables"][table]["Items"].as_array().cloned().unwrap_or_default();
        let new: Vec<Value> = t["Items"].as_array().cloned().unwrap_or_default();
        for item in &new {
            match old.iter().find(|o| key_of(o) == key_of(item)) {
                None => lines.push(format!("+ dynamodb {table} {}", crate::checks::plain_item(item))),
                Some(o) if o != item => lines.push(format!("~ dynamodb {table} {}", crate::checks::plain_item(item))),
                _ => {}
            }
        }
        for item in old.iter().filter(|o| !new.iter().any(|n| key_of(n) == key_of(o))) {
            lines.push(format!("- dynamodb {table} {}", key_of(item)));
        }
    }
    for (queue, q) in after["sqs"]["queues"].as_object().unwrap_or(&empty) {
        let n_old = before["sqs"]["queues"][queue]["Messages"].as_array().map_or(0, Vec::len);
        let n_new = q["Messages"].as_array().map_or(0, Vec::len);
        if n_old != n_new {
            lines.push(format!("  sqs {queue}: {n_old} → {n_new} message(s)"));
        }
    }
    let published = after["sns"]["Messages"].as_array().map_or(0, Vec::len);
    let published_before = before["sns"]["Messages"].as_array().map_or(0, Vec::len);
    if published > published_before {
        lines.push(format!("  sns: {} message(s) published", published - published_before));
    }
    lines
}
