//! What defines a function (its configuration and code) and what it may call out to.

use std::collections::BTreeMap;

/// A Lambda function as a lab defines it.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionConfig {
    /// Function name, e.g. `orders-processor`.
    pub name: String,
    /// Handler setting `file.function` (`lambda_function.lambda_handler`), as on Lambda.
    pub handler: String,
    /// Runtime identifier shown in `AWS_EXECUTION_ENV`. Default: `python3.13`.
    pub runtime: String,
    /// Memory size in MB (128–10,240). Default: 128.
    pub memory_mb: u32,
    /// Timeout in milliseconds. Default: 3,000 (Lambda's default of 3 s).
    pub timeout_ms: u64,
    /// Environment variables the function's configuration sets.
    pub environment: BTreeMap<String, String>,
    /// Source files by absolute path: `/var/task/lambda_function.py` for the function's code,
    /// `/opt/python/<module>.py` for layers.
    pub files: BTreeMap<String, String>,
}

impl Default for FunctionConfig {
    fn default() -> Self {
        FunctionConfig {
            name: "my-function".into(),
            handler: "lambda_function.lambda_handler".into(),
            runtime: "python3.13".into(),
            memory_mb: 128,
            timeout_ms: 3_000,
            environment: BTreeMap::new(),
            files: BTreeMap::new(),
        }
    }
}

impl FunctionConfig {
    /// A function whose only file is `/var/task/lambda_function.py` with `code`.
    pub fn with_code(code: &str) -> FunctionConfig {
        let mut config = FunctionConfig::default();
        config.files.insert("/var/task/lambda_function.py".into(), code.into());
        config
    }
}

/// An AWS error to raise in Python as botocore's `ClientError` (or its modelled subclass).
#[derive(Debug, Clone, PartialEq)]
pub struct HostError {
    /// Error code (`NoSuchKey`).
    pub code: String,
    /// Error message.
    pub message: String,
    /// The operation (`GetObject`).
    pub operation: String,
    /// The full `response` dict botocore attaches, as JSON.
    pub response: serde_json::Value,
}

/// What the handler's Python can reach outside the interpreter.
pub trait Host {
    /// One AWS API call: `service` (`s3`), PascalCase `operation`, botocore-shaped params.
    fn aws_call(&self, service: &str, operation: &str, params: &serde_json::Value) -> Result<serde_json::Value, HostError>;

    /// Wall-clock time the function sees (`time.time()`), epoch milliseconds.
    fn now_ms(&self) -> f64;
}
