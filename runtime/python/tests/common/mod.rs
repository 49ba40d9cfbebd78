//! Helpers the Python runtime's integration tests share.

#![allow(dead_code, unreachable_pub)]

use lab_python::{Host, HostError};
use serde_json::{Value, json};

/// A host with no AWS behind it and a fixed clock (2026-01-15T12:00:00Z), so log times are
/// stable.
pub struct NoCloud;

impl Host for NoCloud {
    fn aws_call(&self, _s: &str, op: &str, _p: &Value) -> Result<Value, HostError> {
        Err(HostError { code: "NoCloud".into(), message: format!("no cloud for {op}"), operation: op.into(), response: json!({}) })
    }
    fn now_ms(&self) -> f64 {
        1_768_478_400_000.0
    }
}
