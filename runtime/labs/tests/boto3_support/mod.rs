//! Runs a learner-style handler through the real lab runtime (RustPython) against a mock
//! cloud, for the boto3 shim's tests.

#![allow(dead_code, unreachable_pub)]

use std::cell::RefCell;
use std::rc::Rc;

use lab_python::{Engine, FunctionConfig, InvokeReport, Outcome};
use labs::CloudHost;
use mock_cloud::Cloud;
use serde_json::Value;

/// A fresh cloud.
pub fn cloud() -> Rc<RefCell<Cloud>> {
    Rc::new(RefCell::new(Cloud::default()))
}

/// Invokes `code`'s `lambda_handler` once (cold start) against `cloud`.
pub fn invoke_in(cloud: &Rc<RefCell<Cloud>>, code: &str, event: Value) -> InvokeReport {
    let mut engine = Engine::new(FunctionConfig::with_code(code));
    engine.invoke(&event.to_string(), Rc::new(CloudHost::new(cloud.clone())))
}

/// The handler's return value; panics with the log if it failed.
pub fn run_in(cloud: &Rc<RefCell<Cloud>>, code: &str) -> Value {
    let report = invoke_in(cloud, code, Value::Null);
    if let Outcome::Failed(err) = &report.outcome {
        panic!("handler failed: {err:?}\n--- log ---\n{}", report.log_text());
    }
    report.payload()
}

/// `run_in` on a fresh cloud.
pub fn run(code: &str) -> Value {
    run_in(&cloud(), code)
}

/// The error a handler raised: (errorType, errorMessage), with the log on success.
pub fn fails(code: &str) -> (String, String) {
    let report = invoke_in(&cloud(), code, Value::Null);
    match &report.outcome {
        Outcome::Failed(err) => (err.error_type.clone(), err.error_message.clone()),
        other => panic!("handler did not fail: {other:?}\n--- log ---\n{}", report.log_text()),
    }
}

/// Wraps a snippet (statements, 4-space indented by this function) into a handler that
/// returns `result`.
pub fn handler(body: &str) -> String {
    let mut code = String::from("import boto3, botocore, io, json, datetime\nfrom decimal import Decimal\n\ndef lambda_handler(event, context):\n");
    for line in body.lines() {
        code.push_str("    ");
        code.push_str(line);
        code.push('\n');
    }
    code
}
