//! Builds the interpreter once per thread and keeps it.
//!
//! Leaked on purpose: dropping a RustPython `Interpreter` during thread-local destruction
//! touches RustPython's own (already destroyed) thread-locals and aborts the process.

use rustpython_vm::signal::{UserSignalSender, user_signal_channel};
use rustpython_vm::{Interpreter, Settings};

use crate::native;

include!(concat!(env!("OUT_DIR"), "/frozen_stdlib.rs"));

/// Our Python: the runtime bootstrap, boto3 and botocore.
const OURS: &rustpython_vm::frozen::FrozenLib = rustpython_vm::py_freeze!(dir = "../python");

/// The interpreter of this thread and the channel that interrupts it (timeouts).
pub(crate) struct Sandbox {
    pub(crate) interpreter: Interpreter,
    pub(crate) interrupt: UserSignalSender,
    /// Generation of the armed timeout: an interrupt carries the generation it was sent for and
    /// does nothing if the invocation it was meant for has already ended. Per sandbox, because
    /// tests run interpreters on several threads at once.
    pub(crate) armed: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

thread_local! {
    static SANDBOX: &'static Sandbox = Box::leak(Box::new(build()));
}

/// This thread's sandbox, built on first use.
pub(crate) fn sandbox() -> &'static Sandbox {
    SANDBOX.with(|s| *s)
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
    Sandbox { interpreter, interrupt, armed: Default::default() }
}
