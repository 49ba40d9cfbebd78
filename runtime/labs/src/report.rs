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
