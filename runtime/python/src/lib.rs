//! Runs a learner's Python Lambda handler on an embedded RustPython, with Lambda's semantics.
//!
//! The same code runs natively (tests, the `labbook` terminal) and in the browser (wasm32,
//! inside a Web Worker). What it reproduces, from the Python runtime (awslambdaric) and the
//! Runtime Interface Emulator: the handler string `file.function`; cold starts (a fresh module
//! namespace, `Init Duration`) and warm invocations (module state kept); the context object;
//! `Runtime.*` faults; error results `{errorMessage, errorType, requestId, stackTrace}` whose
//! frames are the learner's lines; CloudWatch's START/END/REPORT lines and the Lambda log
//! format; timeouts (`Task timed out after N.NN seconds`); environment variables; the
//! filesystem (`/tmp` writable up to the ephemeral storage size, kept across warm invocations
//! and empty after a cold start; `/var/task` and `/opt` read-only), held in memory by
//! `python/_labbook_fs.py` so that no target ever touches the host's disk.
//!
//! The interpreter is built once per thread and kept: building it costs tens of milliseconds
//! natively and far more in the browser. An *execution environment* (what Lambda cold-starts)
//! is a fresh set of learner modules in that interpreter, not a new interpreter.
//!
//! AWS calls leave Python through [`Host`]: the lab runner connects it to the mock cloud.

mod engine;
mod function;
mod interpreter;
mod native;
mod report;

pub use engine::{DEFAULT_EPHEMERAL_STORAGE_MB, Engine};
pub use function::{FunctionConfig, Host, HostError};
pub use interpreter::Isolate;
pub use report::{InvokeReport, LambdaError, Outcome, SourceLocation};

/// Seconds on the runtime's monotonic clock (performance.now() in the browser), for hosts
/// that measure time the same way the runtime does.
pub fn perf_seconds() -> f64 {
    native::perf_seconds()
}
