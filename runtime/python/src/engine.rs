//! [`Engine`]: one Lambda function's execution environment on this thread's interpreter.

use std::rc::Rc;

use rustpython_vm::builtins::{PyBaseException, PyTuple};
use rustpython_vm::{AsObject, PyObjectRef, PyRef, VirtualMachine};
use serde_json::{Value, json};

use crate::function::{FunctionConfig, Host};
use crate::interpreter::{Sandbox, sandbox};
use crate::native;
use crate::report::{InvokeReport, LambdaError, Outcome, SourceLocation};

/// Lambda's limit on the init phase; past it the init is cut short like a timeout.
const INIT_LIMIT_MS: f64 = 10_000.0;
/// What REPORT says for Max Memory Used natively: the sandbox cannot measure a function's
/// memory the way Lambda meters a process, so it reports a typical small Python function's.
#[cfg(not(target_arch = "wasm32"))]
const BASELINE_MEMORY_MB: u32 = 38;

/// A deployed function and its execution environment (cold until the first invocation).
pub struct Engine {
    sandbox: &'static Sandbox,
    config: FunctionConfig,
    /// Whether an execution environment is initialised (the next invoke is warm).
    warm: bool,
    ids: Ids,
    /// Size of `/tmp` in MB (Lambda's ephemeral storage, 512–10,240).
    ephemeral_storage_mb: u32,
    /// This engine's id in [`Sandbox::environment`].
    id: u64,
    /// Enforce timeouts by tracing the learner's lines rather than with a watchdog thread.
    line_deadline: bool,
}

thread_local! {
    /// The last engine id given out on this thread.
    static ENGINE_IDS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Lambda's default ephemeral storage (`/tmp`), in MB.
pub const DEFAULT_EPHEMERAL_STORAGE_MB: u32 = 512;

impl Engine {
    /// An engine for `config`; the first invocation is a cold start.
    pub fn new(config: FunctionConfig) -> Engine {
        Engine {
            sandbox: sandbox(),
            config,
            warm: false,
            ids: Ids::random(),
            ephemeral_storage_mb: DEFAULT_EPHEMERAL_STORAGE_MB,
            id: ENGINE_IDS.with(|ids| {
                ids.set(ids.get() + 1);
                ids.get()
            }),
            line_deadline: cfg!(target_arch = "wasm32"),
        }
    }

    /// Enforce timeouts the way the browser must: no watchdog thread, the runtime traces the
    /// learner's own lines and ends the invocation at the first line past the deadline. The
    /// default on wasm32 (no threads there); natively, tests use it to exercise that path.
    pub fn with_line_deadline(mut self, on: bool) -> Engine {
        self.line_deadline = on;
        self
    }

    /// Sets the size of `/tmp` (Lambda's `EphemeralStorage.Size`, 512 MB unless set): writes
    /// past it raise `OSError: [Errno 28] No space left on device`. Takes effect at the next
    /// cold start. Any size is accepted (Lambda's minimum is 512), so tests and labs can show
    /// a full disk without writing half a gigabyte.
    ///
    /// A setting of the engine rather than a `FunctionConfig` field so that adding it breaks
    /// no code that builds a `FunctionConfig` field by field.
    pub fn with_ephemeral_storage_mb(mut self, mb: u32) -> Engine {
        self.ephemeral_storage_mb = mb;
        self
    }

    /// The size of `/tmp` in MB.
    pub fn ephemeral_storage_mb(&self) -> u32 {
        self.ephemeral_storage_mb
    }

    /// Runs this engine in `isolate`'s interpreter instead of the thread's shared one, so that
    /// other functions' cold starts never end this one's warm environment.
    pub fn in_isolate(mut self, isolate: &crate::interpreter::Isolate) -> Engine {
        self.sandbox = isolate.0;
        self
    }

    /// Makes request ids and log stream names deterministic (for golden tests).
    pub fn with_id_seed(mut self, seed: u64) -> Engine {
        self.ids = Ids(seed);
        self
    }

    /// The function's configuration.
    pub fn config(&self) -> &FunctionConfig {
        &self.config
    }

    /// Replaces the function's code or configuration: the next invocation cold-starts, as
    /// after `UpdateFunctionCode`/`UpdateFunctionConfiguration`.
    pub fn deploy(&mut self, config: FunctionConfig) {
        self.config = config;
        self.discard_environment();
    }

    /// Ends the execution environment (after a timeout Lambda does this too).
    pub fn discard_environment(&mut self) {
        if self.is_warm() {
            self.sandbox.interpreter.enter(|vm| {
                let _ = call_runtime(vm, "discard", Vec::new());
            });
            self.sandbox.environment.set(0);
        }
        self.warm = false;
    }

    /// Whether the next invocation will reuse a warm environment. Another engine that
    /// cold-started on this thread since (tests, several functions in one lab) has replaced
    /// this one's environment in the thread's interpreter: the next invocation is cold then,
    /// rather than running the other function's handler with the other function's /tmp.
    pub fn is_warm(&self) -> bool {
        self.warm && self.sandbox.environment.get() == self.id
    }

    /// Invokes the handler with `event_json`, cold-starting first if needed.
    pub fn invoke(&mut self, event_json: &str, host: Rc<dyn Host>) -> InvokeReport {
        let request_id = self.ids.uuid();
        let mut log = Vec::new();
        let mut init_ms = None;
        let memory_mb = self.config.memory_mb;
        let timeout_ms = self.config.timeout_ms as f64;
        let sandbox = self.sandbox;

        native::with_host(host, || {
            if !self.is_warm() {
                // The cold start replaces whatever environment the interpreter held, even if
                // it then fails.
                self.sandbox.environment.set(0);
                let started = native::perf_seconds();
                let result = self.cold_start(&mut log);
                let elapsed = (native::perf_seconds() - started) * 1000.0;
                init_ms = Some(elapsed);
                if let Err(failure) = result {
                    let outcome = Outcome::Failed(failure);
                    return finish(request_id, outcome, log, 0.0, init_ms, memory_mb, timeout_ms);
                }
                self.warm = true;
                self.sandbox.environment.set(self.id);
            }
            log.push(format!("START RequestId: {request_id} Version: $LATEST"));
            let started = native::perf_seconds();
            let deadline_wall = native::wall_ms() + timeout_ms;
            let line_deadline = self.line_deadline;
            let (status, payload, output) = sandbox.interpreter.enter(|vm| {
                let _watchdog = (!line_deadline).then(|| Watchdog::arm(sandbox, timeout_ms));
                native::set_line_deadline(line_deadline);
                native::set_deadline(Some(started + timeout_ms / 1000.0));
                let r = call_runtime(
                    vm,
                    "invoke",
                    vec![
                        vm.new_pyobj(event_json.to_owned()),
                        vm.new_pyobj(request_id.clone()),
                        vm.new_pyobj(deadline_wall),
                    ],
                );
                native::set_deadline(None);
                match r {
                    Ok(tuple) => unpack_invoke(vm, &tuple),
                    Err(e) if is_timeout(vm, &e) => ("timeout".to_owned(), Value::Null, String::new()),
                    Err(e) => ("error".to_owned(), internal_error(vm, &e), String::new()),
                }
            });
            let mut duration = (native::perf_seconds() - started) * 1000.0;
            push_output(&mut log, &output);
            let outcome = match status.as_str() {
                "ok" => Outcome::Returned(payload.as_str().unwrap_or("null").to_owned()),
                "timeout" => {
                    duration = timeout_ms;
                    log.push(format!(
                        "{} {request_id} Task timed out after {:.2} seconds",
                        iso_now(),
                        timeout_ms / 1000.0
                    ));
                    self.discard_environment();
                    Outcome::Failed(timeout_error(&request_id, timeout_ms))
                }
                _ => Outcome::Failed(lambda_error(&payload)),
            };
            finish(request_id.clone(), outcome, log, duration, init_ms, memory_mb, timeout_ms)
        })
    }

    /// The init phase: a fresh environment imports the handler module.
    fn cold_start(&mut self, log: &mut Vec<String>) -> Result<(), LambdaError> {
        let config = &self.config;
        let stream = format!("2026/01/15/[$LATEST]{}", self.ids.hex(32));
        let cfg = json!({
            "name": config.name,
            "handler": config.handler,
            "runtime": config.runtime,
            "memory_mb": config.memory_mb,
            "environment": config.environment,
            "files": config.files,
            "ephemeral_storage_mb": self.ephemeral_storage_mb,
            "log_stream": stream,
        })
        .to_string();
        let sandbox = self.sandbox;
        let line_deadline = self.line_deadline;
        let (error, output, timed_out) = sandbox.interpreter.enter(|vm| {
            let _watchdog = (!line_deadline).then(|| Watchdog::arm(sandbox, INIT_LIMIT_MS));
            native::set_line_deadline(line_deadline);
            native::set_deadline(Some(native::perf_seconds() + INIT_LIMIT_MS / 1000.0));
            let r = call_runtime(vm, "start", vec![vm.new_pyobj(cfg)]);
            native::set_deadline(None);
            match r {
                Ok(t) => {
                    let t = t.downcast::<PyTuple>().expect("start returns a tuple");
                    let error = py_to_json(vm, &t[0]);
                    let output: String = t[1].clone().try_into_value(vm).unwrap_or_default();
                    (error, output, false)
                }
                Err(e) if is_timeout(vm, &e) => (Value::Null, String::new(), true),
                Err(e) => (internal_error(vm, &e), String::new(), false),
            }
        });
        push_output(log, &output);
        if timed_out {
            return Err(LambdaError {
                error_type: "Runtime.InitError".into(),
                error_message: format!("Init timed out after {:.2} seconds", INIT_LIMIT_MS / 1000.0),
                stack_trace: Vec::new(),
                location: None,
            });
        }
        if error.is_null() { Ok(()) } else { Err(lambda_error(&error)) }
    }
}

fn finish(
    request_id: String,
    outcome: Outcome,
    mut log: Vec<String>,
    duration_ms: f64,
    init_ms: Option<f64>,
    memory_mb: u32,
    _timeout_ms: f64,
) -> InvokeReport {
    if !log.iter().any(|l| l.starts_with("START RequestId:")) {
        log.push(format!("START RequestId: {request_id} Version: $LATEST"));
    }
    // Since August 2025 the init phase is billed for managed runtimes too.
    let billed_ms = (duration_ms + init_ms.unwrap_or(0.0)).ceil().max(1.0) as u64;
    let max_memory_mb = max_memory_mb().min(memory_mb);
    log.push(format!("END RequestId: {request_id}"));
    let mut report = format!(
        "REPORT RequestId: {request_id}\tDuration: {duration_ms:.2} ms\tBilled Duration: {billed_ms} ms\tMemory Size: {memory_mb} MB\tMax Memory Used: {max_memory_mb} MB"
    );
    if let Some(init) = init_ms {
        report.push_str(&format!("\tInit Duration: {init:.2} ms"));
    }
    log.push(report);
    InvokeReport { request_id, outcome, log, duration_ms, billed_ms, init_ms, memory_mb, max_memory_mb }
}

fn max_memory_mb() -> u32 {
    #[cfg(target_arch = "wasm32")]
    {
        // The instance's linear memory: what the tab really holds for the function.
        (core::arch::wasm32::memory_size(0) * 65_536 / (1024 * 1024)) as u32
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        BASELINE_MEMORY_MB
    }
}

fn push_output(log: &mut Vec<String>, output: &str) {
    let trimmed = output.strip_suffix('\n').unwrap_or(output);
    if !trimmed.is_empty() {
        log.extend(trimmed.split('\n').map(str::to_owned));
    }
}

fn timeout_error(request_id: &str, timeout_ms: f64) -> LambdaError {
    LambdaError {
        error_type: "Sandbox.Timedout".into(),
        error_message: format!("RequestId: {request_id} Error: Task timed out after {:.2} seconds", timeout_ms / 1000.0),
        stack_trace: Vec::new(),
        location: None,
    }
}

fn lambda_error(v: &Value) -> LambdaError {
    let location = v.get("_location").and_then(|l| {
        Some(SourceLocation {
            file: l.get("file")?.as_str()?.to_owned(),
            line: l.get("line")?.as_u64()? as u32,
        })
    });
    LambdaError {
        error_type: v["errorType"].as_str().unwrap_or("Runtime.Unknown").to_owned(),
        error_message: v["errorMessage"].as_str().unwrap_or_default().to_owned(),
        stack_trace: v["stackTrace"]
            .as_array()
            .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
            .unwrap_or_default(),
        location,
    }
}

fn iso_now() -> String {
    let ms = native::wall_ms() as i64;
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z", rem / 3600, rem % 3600 / 60, rem % 60, ms.rem_euclid(1000))
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Calls `_labbook_runtime.<name>(*args)`.
fn call_runtime(vm: &VirtualMachine, name: &'static str, args: Vec<PyObjectRef>) -> Result<PyObjectRef, PyRef<PyBaseException>> {
    let module = vm.import("_labbook_runtime", 0)?;
    let f = module.get_attr(name, vm)?;
    f.call(args, vm)
}

fn unpack_invoke(vm: &VirtualMachine, tuple: &PyObjectRef) -> (String, Value, String) {
    let t = tuple.clone().downcast::<PyTuple>().expect("invoke returns a tuple");
    let status: String = t[0].clone().try_into_value(vm).unwrap_or_default();
    let payload = if status == "ok" {
        Value::String(t[1].clone().try_into_value(vm).unwrap_or_default())
    } else {
        py_to_json(vm, &t[1])
    };
    let output: String = t[2].clone().try_into_value(vm).unwrap_or_default();
    (status, payload, output)
}

/// A small Python value (dicts, lists, str, int, None) to JSON, through Python's json module.
fn py_to_json(vm: &VirtualMachine, obj: &PyObjectRef) -> Value {
    if vm.is_none(obj) {
        return Value::Null;
    }
    let dumped = vm
        .import("json", 0)
        .and_then(|json| json.get_attr("dumps", vm))
        .and_then(|dumps| dumps.call((obj.clone(),), vm))
        .and_then(|s| s.try_into_value::<String>(vm));
    dumped.ok().and_then(|s| serde_json::from_str(&s).ok()).unwrap_or(Value::Null)
}

fn is_timeout(vm: &VirtualMachine, e: &PyRef<PyBaseException>) -> bool {
    vm.import("_labbook_runtime", 0)
        .and_then(|m| m.get_attr("TimedOut", vm))
        .is_ok_and(|class| e.class().as_object().is(&class))
}

/// An error in the runtime itself (a bug of ours, not the learner's): reported as Lambda
/// reports a runtime crash, with the Python traceback for us to debug.
fn internal_error(vm: &VirtualMachine, e: &PyRef<PyBaseException>) -> Value {
    let mut text = String::new();
    let _ = vm.write_exception(&mut text, e);
    json!({"errorType": "Runtime.ExitError", "errorMessage": format!("the lab runtime failed: {text}"), "stackTrace": []})
}

/// Interrupts the interpreter when the deadline passes (natively: a thread sends the
/// `TimedOut` exception through RustPython's signal channel, repeatedly, so a handler that
/// catches BaseException cannot outlive its timeout). On wasm there are no threads: the page
/// terminates the Worker, and `time.sleep` checks the deadline itself.
struct Watchdog {
    #[cfg(not(target_arch = "wasm32"))]
    stop: Option<std::sync::mpsc::Sender<()>>,
    #[cfg(not(target_arch = "wasm32"))]
    thread: Option<std::thread::JoinHandle<()>>,
    #[cfg(not(target_arch = "wasm32"))]
    armed: Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
}

impl Watchdog {
    #[cfg(not(target_arch = "wasm32"))]
    fn arm(sandbox: &'static Sandbox, limit_ms: f64) -> Watchdog {
        use std::sync::atomic::Ordering;
        use std::time::Duration;
        let armed = sandbox.armed.clone();
        let generation = armed.fetch_add(1, Ordering::SeqCst) + 1;
        let armed_for_thread = armed.clone();
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let interrupt = sandbox.interrupt.clone();
        let thread = std::thread::spawn(move || {
            let limit = Duration::from_secs_f64(limit_ms / 1000.0);
            if stopped.recv_timeout(limit) != Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                return;
            }
            loop {
                let armed = armed_for_thread.clone();
                let sent = interrupt.send(Box::new(move |vm: &VirtualMachine| {
                    // Stale interrupts from an earlier invocation are ignored.
                    if armed.load(Ordering::SeqCst) != generation {
                        return Ok(());
                    }
                    let module = vm.import("_labbook_runtime", 0)?;
                    let class = module.get_attr("TimedOut", vm)?;
                    let class = class.downcast().map_err(|_| vm.new_type_error("TimedOut is not a class"))?;
                    Err(vm.new_exception_empty(class))
                }));
                if sent.is_err() || stopped.recv_timeout(Duration::from_millis(1)) != Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                    return;
                }
            }
        });
        Watchdog { stop: Some(stop), thread: Some(thread), armed: Some(armed) }
    }

    #[cfg(target_arch = "wasm32")]
    fn arm(_sandbox: &'static Sandbox, _limit_ms: f64) -> Watchdog {
        Watchdog {}
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        #[cfg(not(target_arch = "wasm32"))]
        {
            if let Some(armed) = self.armed.take() {
                armed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
            drop(self.stop.take());
            if let Some(t) = self.thread.take() {
                let _ = t.join();
            }
        }
    }
}

/// Request ids and log stream suffixes (splitmix64; seeded randomly unless a test fixes it).
struct Ids(u64);

impl Ids {
    fn random() -> Ids {
        let mut seed = [0u8; 8];
        let _ = getrandom::fill(&mut seed);
        Ids(u64::from_le_bytes(seed))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn uuid(&mut self) -> String {
        let (a, b) = (self.next(), self.next());
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            (a >> 32) as u32,
            (a >> 16) as u16,
            a as u16 & 0x0fff,
            ((b >> 48) as u16 & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }

    fn hex(&mut self, n: usize) -> String {
        let mut s = String::new();
        while s.len() < n {
            s.push_str(&format!("{:016x}", self.next()));
        }
        s.truncate(n);
        s
    }
}
