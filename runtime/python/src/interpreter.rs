//! Builds the interpreter once per thread and keeps it.
//!
//! Leaked on purpose: dropping a RustPython `Interpreter` during thread-local destruction
//! touches RustPython's own (already destroyed) thread-locals and aborts the process.

use rustpython_vm::signal::{UserSignalSender, user_signal_channel};
use rustpython_vm::{Interpreter, Settings};

use crate::native;

use rustpython_vm::frozen::FrozenLib;

/// The selected standard library, compiled to bytecode by build.rs.
const STDLIB: &FrozenLib = FrozenLib::from_ref(include_bytes!(concat!(env!("OUT_DIR"), "/stdlib.frozen")) as &[u8]);

/// Our Python: the runtime bootstrap, boto3 and botocore (compiled by build.rs).
const OURS: &FrozenLib = FrozenLib::from_ref(include_bytes!(concat!(env!("OUT_DIR"), "/ours.frozen")) as &[u8]);

/// The interpreter of this thread and the channel that interrupts it (timeouts).
pub(crate) struct Sandbox {
    pub(crate) interpreter: Interpreter,
    // On wasm32 there are no threads, so no watchdog sends interrupts: the page ends a run
    // past its deadline by terminating the worker.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub(crate) interrupt: UserSignalSender,
    /// Generation of the armed timeout: an interrupt carries the generation it was sent for and
    /// does nothing if the invocation it was meant for has already ended. Per sandbox, because
    /// tests run interpreters on several threads at once.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub(crate) armed: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Which engine's execution environment the interpreter holds (0: none). The handler's
    /// modules and /tmp live in the one interpreter of the thread, so an engine is warm only
    /// while no other engine has cold-started here since its own cold start.
    pub(crate) environment: std::cell::Cell<u64>,
}

thread_local! {
    static SANDBOX: &'static Sandbox = Box::leak(Box::new(build()));
}

/// This thread's sandbox, built on first use.
pub(crate) fn sandbox() -> &'static Sandbox {
    SANDBOX.with(|s| *s)
}

thread_local! {
    /// Interpreters of [`Isolate`]s no longer in use, kept for the next (never dropped: see the
    /// module's note).
    static SPARE: std::cell::RefCell<Vec<&'static Sandbox>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An interpreter of its own, for one function (version) of several in an account: engines
/// placed in it keep their execution environment warm whatever other functions run, as each
/// function's environments do on Lambda. Building one costs what the thread's first
/// interpreter costs; a dropped isolate's interpreter is kept for the next one on the thread.
pub struct Isolate(pub(crate) &'static Sandbox);

impl Isolate {
    /// A fresh (or recycled, emptied) interpreter.
    pub fn new() -> Isolate {
        let sandbox = SPARE.with(|s| s.borrow_mut().pop()).unwrap_or_else(|| Box::leak(Box::new(build())));
        Isolate(sandbox)
    }
}

impl Default for Isolate {
    fn default() -> Self {
        Isolate::new()
    }
}

impl Drop for Isolate {
    fn drop(&mut self) {
        // Whatever environment it held is gone: the next engine placed in it cold-starts.
        self.0.environment.set(0);
        let _ = SPARE.try_with(|s| s.borrow_mut().push(self.0));
    }
}

impl std::fmt::Debug for Isolate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Isolate")
    }
}

fn build() -> Sandbox {
    let mut settings = Settings::default();
    // No site-packages, no PYTHONPATH, no user site: the sandbox sees only frozen modules and
    // the function's own files.
    settings.allow_external_library = false;
    settings.import_site = false;
    settings.ignore_environment = true;
    let builder = Interpreter::builder(settings);
    let mut defs = rustpython_stdlib::stdlib_module_defs(&builder.ctx);
    // Native `_datetime` calls SystemTime::now(), which panics on wasm32-unknown-unknown; without
    // it `datetime` uses `_pydatetime`, whose clock is `time.time()` (ours).
    defs.retain(|d| d.name.as_str() != "_datetime");
    let ours = [
        native::labbook_module::module_def(&builder.ctx),
        native::posix_module::module_def(&builder.ctx),
    ];
    let (interrupt, receiver) = user_signal_channel();
    let interpreter = builder
        .add_native_modules(&defs)
        .add_native_modules(&ours)
        .add_frozen_modules(STDLIB)
        .add_frozen_modules(OURS)
        .init_hook(move |vm| vm.set_user_signal_channel(receiver))
        .build();
    Sandbox { interpreter, interrupt, armed: Default::default(), environment: Default::default() }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// build.rs compiles our Python like `python -OO`, which drops `assert` statements: a
    /// check written as an assert there would silently never run.
    #[test]
    fn our_python_has_no_assert_statements() {
        fn walk(dir: &Path, found: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "py") {
                    for (n, line) in std::fs::read_to_string(&path).unwrap().lines().enumerate() {
                        let t = line.trim_start();
                        if t.starts_with("assert ") || t.starts_with("assert(") {
                            found.push(format!("{}:{}: {t}", path.display(), n + 1));
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("python"), &mut found);
        assert!(found.is_empty(), "use `if not …: raise …` instead of assert here:\n{}", found.join("\n"));
    }

    /// Both frozen libraries decode (the literal-only LZ4 blocks build.rs writes) and hold
    /// what the runtime imports.
    #[test]
    fn frozen_libraries_decode() {
        let stdlib: Vec<&str> = super::STDLIB.decode().map(|(name, _)| name).collect();
        let ours: Vec<&str> = super::OURS.decode().map(|(name, _)| name).collect();
        for module in ["json", "logging", "re._parser", "urllib.parse", "_pydecimal"] {
            assert!(stdlib.contains(&module), "{module} in {stdlib:?}");
        }
        for module in ["_labbook_runtime", "boto3", "botocore.exceptions", "boto3.dynamodb.conditions"] {
            assert!(ours.contains(&module), "{module} in {ours:?}");
        }
        let bag = rustpython_vm::bytecode::BasicBag;
        for (_, module) in super::OURS.decode() {
            let _ = module.code.decode(bag);
        }
    }
}
