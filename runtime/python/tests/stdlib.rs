//! The standard library a Lambda handler reaches for (issue #19): every module in
//! `tests/stdlib/handler.py` imports in the sandbox and gives what CPython 3.13 gives.
//!
//! `tests/stdlib/expected.json` is CPython's answer, made with
//! `python3.13 -c "import sys, json; sys.path.insert(0, 'tests/stdlib'); import handler; print(json.dumps(handler.lambda_handler({}, None), indent=1))"`
//! on a machine with the system time-zone database (as Lambda's runtime images have).

mod common;

use std::rc::Rc;

use common::NoCloud;
use lab_python::{Engine, FunctionConfig};
use serde_json::Value;

#[test]
fn the_stdlib_a_handler_reaches_for_works_as_on_cpython() {
    let mut engine = Engine::new(FunctionConfig::with_code(include_str!("stdlib/handler.py"))).with_id_seed(42);
    let report = engine.invoke("{}", Rc::new(NoCloud));
    assert!(!report.is_error(), "{}\n{}", report.payload(), report.log_text());
    let expected: Value = serde_json::from_str(include_str!("stdlib/expected.json")).unwrap();
    let got = report.payload();
    let mut wrong = Vec::new();
    for (module, want) in expected.as_object().unwrap() {
        if got.get(module) != Some(want) {
            wrong.push(format!("{module}:\n  CPython: {want}\n  sandbox: {}", got.get(module).unwrap_or(&Value::Null)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
