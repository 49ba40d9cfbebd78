//! The JSON a lab run or grade becomes: what the browser panel and `labbook lab run` show.

use lab_python::{InvokeReport, Outcome};
use serde_json::{Value, json};

use crate::definition::{Lab, Step};
use crate::grade::Grade;
use crate::runner::{CaseRun, Invocation, Runner};
use crate::view::TableView;

/// One invocation as JSON: event, result or error (with the line of the learner's `file` it
/// points at, for the editor), log lines.
pub fn invocation_json(inv: &Invocation, file: &str) -> Value {
    match &inv.report {
        None => json!({
            "source": inv.source,
            "event": inv.event,
            "throttled": true,
            "error": {"errorType": "TooManyRequestsException", "errorMessage": "Rate exceeded", "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded"},
            "log": [],
        }),
        Some(r) => report_json(inv.source, &inv.event, r, file),
    }
}

fn report_json(source: &str, event: &Value, r: &InvokeReport, file: &str) -> Value {
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
            let location = e.location.as_ref().map(|l| (l.file.as_str(), l.line));
            if let Some(line) = crate::view::error_line(&v["error"], location, file) {
                v["errorLine"] = json!(line);
            }
        }
    }
    v
}

/// A case run as JSON, with the before/after tables the panel shows (`changes`); `file` is the
/// learner's file (see [`crate::view::learner_file`]).
pub fn case_json(run: &CaseRun, file: &str) -> Value {
    json!({
        "name": run.name,
        "hidden": run.hidden,
        "invocations": run.invocations.iter().map(|i| invocation_json(i, file)).collect::<Vec<_>>(),
        "changes": crate::view::state_tables(&run.before, &run.after),
        "responses": run.responses.iter().map(|r| json!({"status": r.status, "headers": r.headers, "body": r.body, "gatewayError": r.gateway_error})).collect::<Vec<_>>(),
        "calls": run.handler_calls.iter().map(|(op, err)| json!({"operation": op, "error": err})).collect::<Vec<_>>(),
        "before": run.before,
        "after": run.after,
        "setupError": run.setup_error,
    })
}

/// A grade as JSON. Hidden cases show their checks' results but not their data. `file` is the
/// learner's file.
pub fn grade_json(grade: &Grade, file: &str) -> Value {
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
                case_json(&c.run, file)
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
    case_json(&runner.run_with_event(case, event), &crate::view::learner_file(lab))
}

/// The cloud's changes as one line each, for the terminal, from the same tables the panel
/// shows: `+ s3://data/out.json (42 bytes)`, `~ dynamodb orders {"id":"1",…}`,
/// `  sqs orders-dlq: 0 → 1 message(s)`, `  sns: 1 message(s) published`.
pub fn state_changes(tables: &[TableView]) -> Vec<String> {
    let mut lines = Vec::new();
    for t in tables {
        let sign = |change: &str| match change {
            "added" => "+",
            "deleted" => "-",
            _ => "~",
        };
        match t.service {
            "s3" => lines.extend(t.rows.iter().filter(|r| !r.change.is_empty()).map(|r| match r.change {
                "deleted" => format!("- s3://{}/{}", r.cells[1], r.cells[2]),
                c => format!("{} s3://{}/{} ({} bytes)", sign(c), r.cells[1], r.cells[2], r.cells[3]),
            })),
            "dynamodb" => {
                let table = t.caption.trim_start_matches("DynamoDB table ").trim_end_matches(" (after the run)");
                for r in t.rows.iter().filter(|r| !r.change.is_empty()) {
                    let item = r.item.clone().unwrap_or(Value::Null);
                    lines.push(format!("{} dynamodb {table} {item}", sign(r.change)));
                }
            }
            "sqs" => lines.extend(t.rows.iter().filter(|r| !r.change.is_empty()).map(|r| {
                let queue = r.cells[0].trim_end_matches(" (dead-letter queue)");
                format!("  sqs {queue}: {} → {} message(s)", r.cells[1], r.cells[2])
            })),
            "sns" => {
                let published = t.rows.iter().filter(|r| r.change == "added").count();
                if published > 0 {
                    lines.push(format!("  sns: {published} message(s) published"));
                }
            }
            _ => {}
        }
    }
    lines
}
