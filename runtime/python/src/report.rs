//! What one invocation produced, in Lambda's terms.

use serde_json::Value;

/// Where in the learner's files an error points (for marking the line in the editor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLocation {
    /// Absolute path, e.g. `/var/task/lambda_function.py`.
    pub file: String,
    /// 1-based line.
    pub line: u32,
}

/// A function error, as Lambda returns it: `{errorMessage, errorType, requestId, stackTrace}`.
#[derive(Debug, Clone, PartialEq)]
pub struct LambdaError {
    /// Exception class name, or `Runtime.ImportModuleError`, `Sandbox.Timedout`, …
    pub error_type: String,
    /// The message.
    pub error_message: String,
    /// Traceback entries in the learner's files, formatted as Python's traceback module does.
    pub stack_trace: Vec<String>,
    /// The learner's line the error points at, when there is one.
    pub location: Option<SourceLocation>,
}

impl LambdaError {
    /// The error payload exactly as Lambda's Invoke API returns it.
    pub fn payload(&self, request_id: &str) -> Value {
        if self.error_type == "Sandbox.Timedout" {
            return serde_json::json!({"errorType": self.error_type, "errorMessage": self.error_message});
        }
        serde_json::json!({
            "errorMessage": self.error_message,
            "errorType": self.error_type,
            "requestId": request_id,
            "stackTrace": self.stack_trace,
        })
    }
}

/// How an invocation ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The handler returned; the value marshalled to JSON text (Decimals as raw numbers).
    Returned(String),
    /// The function failed: a handler exception, a runtime fault or a timeout.
    Failed(LambdaError),
}

/// One invocation, as CloudWatch and the Invoke API would show it.
#[derive(Debug, Clone, PartialEq)]
pub struct InvokeReport {
    /// The request id (a UUID).
    pub request_id: String,
    /// Returned value or error.
    pub outcome: Outcome,
    /// The log stream lines of this invocation: START, the function's output, END, REPORT.
    pub log: Vec<String>,
    /// Handler time in milliseconds (REPORT's Duration).
    pub duration_ms: f64,
    /// Duration rounded up to the next millisecond (REPORT's Billed Duration).
    pub billed_ms: u64,
    /// Init Duration in milliseconds when this invocation was a cold start.
    pub init_ms: Option<f64>,
    /// Memory size configured (REPORT's Memory Size).
    pub memory_mb: u32,
    /// REPORT's Max Memory Used (an estimate: the sandbox cannot measure a process's RSS).
    pub max_memory_mb: u32,
}

impl InvokeReport {
    /// Whether the invocation ended in an error of any kind.
    pub fn is_error(&self) -> bool {
        matches!(self.outcome, Outcome::Failed(_))
    }

    /// The Invoke API's response payload: the returned JSON, or the error object.
    pub fn payload(&self) -> Value {
        match &self.outcome {
            Outcome::Returned(json) => serde_json::from_str(json).unwrap_or(Value::Null),
            Outcome::Failed(e) => e.payload(&self.request_id),
        }
    }

    /// The log as one text, lines joined with `\n`.
    pub fn log_text(&self) -> String {
        self.log.join("\n")
    }
}
