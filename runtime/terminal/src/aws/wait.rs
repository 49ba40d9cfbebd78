//! `aws <service> wait <waiter>`: botocore's waiters (from the model), evaluated as botocore
//! evaluates them. The simulated account changes only when a command changes it, so a waiter
//! polls once: an acceptor in state `success` ends it (exit 0, nothing printed), `failure`
//! fails it, and `retry` (or nothing matching) would only ever see the same answer again, so
//! it ends as botocore does after its last attempt.

use serde::Deserialize;

use super::format;
use crate::ServiceError;
use crate::json::Json;

/// One waiter.
#[derive(Debug, Clone, Deserialize)]
pub struct Waiter {
    /// botocore's name (`FunctionActiveV2`).
    pub name: String,
    /// The operation it polls.
    pub operation: String,
    /// Acceptors in order.
    pub acceptors: Vec<Acceptor>,
}

/// One acceptor.
#[derive(Debug, Clone, Deserialize)]
pub struct Acceptor {
    /// `path`, `pathAll`, `pathAny`, `status` or `error`.
    pub matcher: String,
    /// The JMESPath of `path*` matchers.
    #[serde(default)]
    pub argument: Option<String>,
    /// `success`, `failure` or `retry`.
    pub state: String,
    /// The value matched.
    pub expected: serde_json::Value,
}

fn explain(a: &Acceptor) -> String {
    match a.matcher.as_str() {
        "error" => format!("Matched expected service error code: {}", plain(&a.expected)),
        "status" => format!("Matched expected HTTP status code: {}", plain(&a.expected)),
        "pathAll" => format!("For expression \"{}\" all members matched expected path: \"{}\"", a.argument.as_deref().unwrap_or(""), plain(&a.expected)),
        "pathAny" => format!("For expression \"{}\" we matched expected path: \"{}\" at least once", a.argument.as_deref().unwrap_or(""), plain(&a.expected)),
        _ => format!("For expression \"{}\" we matched expected path: \"{}\"", a.argument.as_deref().unwrap_or(""), plain(&a.expected)),
    }
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => Json::from_value(other).python_str(),
    }
}

fn matches(a: &Acceptor, response: &Result<Json, ServiceError>) -> bool {
    let expected = Json::from_value(&a.expected);
    match (a.matcher.as_str(), response) {
        ("error", Err(e)) => match &a.expected {
            serde_json::Value::Bool(b) => *b,
            v => plain(v) == e.code,
        },
        ("error", Ok(_)) => a.expected == serde_json::Value::Bool(false),
        ("status", Ok(_)) => a.expected == serde_json::json!(200),
        ("status", Err(e)) => a.expected == serde_json::json!(e.status),
        (m, Ok(data)) => {
            let Ok(found) = format::query(a.argument.as_deref().unwrap_or("@"), data) else { return false };
            match m {
                "path" => found == expected,
                "pathAll" => matches!(&found, Json::Array(items) if !items.is_empty() && items.iter().all(|i| *i == expected)),
                "pathAny" => matches!(&found, Json::Array(items) if items.contains(&expected)),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Evaluates `waiter` against one answer of its operation: `Ok(())` on success, else the
/// message botocore's `WaiterError` carries.
pub fn evaluate(waiter: &Waiter, response: &Result<Json, ServiceError>) -> Result<(), String> {
    let fail = |reason: String| Err(format!("Waiter {} failed: {reason}", waiter.name));
    match waiter.acceptors.iter().find(|a| matches(a, response)) {
        Some(a) if a.state == "success" => Ok(()),
        Some(a) if a.state == "failure" => fail(format!("Waiter encountered a terminal failure state: {}", explain(a))),
        Some(a) => fail(format!("Max attempts exceeded. Previously accepted state: {}", explain(a))),
        None => match response {
            Err(e) => fail(format!("An error occurred ({}): {}", e.code, e.message)),
            Ok(_) => fail("Max attempts exceeded".into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn active_v2() -> Waiter {
        serde_json::from_value(serde_json::json!({"name": "FunctionActiveV2", "operation": "GetFunction", "acceptors": [
            {"matcher": "path", "argument": "Configuration.State", "state": "success", "expected": "Active"},
            {"matcher": "path", "argument": "Configuration.State", "state": "failure", "expected": "Failed"},
            {"matcher": "path", "argument": "Configuration.State", "state": "retry", "expected": "Pending"}]}))
        .unwrap()
    }

    #[test]
    fn acceptors_decide_like_botocore() {
        let w = active_v2();
        let state = |s: &str| Ok(Json::parse(&format!(r#"{{"Configuration": {{"State": "{s}"}}}}"#)).unwrap());
        assert_eq!(evaluate(&w, &state("Active")), Ok(()));
        assert_eq!(
            evaluate(&w, &state("Failed")).unwrap_err(),
            "Waiter FunctionActiveV2 failed: Waiter encountered a terminal failure state: For expression \"Configuration.State\" we matched expected path: \"Failed\""
        );
        assert!(evaluate(&w, &state("Pending")).unwrap_err().contains("Max attempts exceeded. Previously accepted state"));
        let missing = Err(ServiceError { code: "ResourceNotFoundException".into(), message: "Function not found: x".into(), status: 404, response: serde_json::Value::Null });
        assert_eq!(evaluate(&w, &missing).unwrap_err(), "Waiter FunctionActiveV2 failed: An error occurred (ResourceNotFoundException): Function not found: x");
    }
}
