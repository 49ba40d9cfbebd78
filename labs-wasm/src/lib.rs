//! The lab runtime, compiled to WebAssembly for the browser and used natively by tests.
//!
//! The page loads it (through wasm-bindgen's generated `labs_wasm.js`, inside a Web Worker)
//! only when a lab or a quiz is about to be used. It has one entry point, `handle`: a
//! [`protocol::Request`] in, a [`protocol::Response`] out, both JSON, so the browser runs
//! exactly the code `cargo test` and `labbook lab` exercise and the worker only forwards.
//!
//! Lab data arrives sealed ([`protocol::lab_data`]); the key that opens it is compiled into
//! the wasm build (`labbook` passes it as `LABBOOK_SEAL_KEY` when it compiles the runtime),
//! never shipped in the site's files. Natively the caller passes the key.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

pub mod protocol;
pub mod terminal;

pub use protocol::{Request, Response, Runtime};

/// The runtime's version, as the page shows it ("Lab runtime 0.1.0").
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The handler the runtime check runs: the course's first example.
const HELLO: &str = "def lambda_handler(event, context):\n    return {'statusCode': 200, 'body': 'Hello from Lambda!'}\n";

/// Runs a real Python handler once: the "is my browser ready?" check, so a learner knows labs
/// will work before reaching one.
pub(crate) fn self_test_report() -> lab_python::InvokeReport {
    use std::cell::RefCell;
    use std::rc::Rc;
    let cloud = Rc::new(RefCell::new(mock_cloud::Cloud::default()));
    let mut engine = lab_python::Engine::new(lab_python::FunctionConfig::with_code(HELLO));
    engine.invoke("{}", Rc::new(labs::CloudHost::new(cloud)))
}

// wasm-bindgen exports these whatever their visibility; `pub` is what its macro expects.
#[cfg(target_arch = "wasm32")]
#[allow(unreachable_pub)]
mod js {
    use std::cell::RefCell;

    use super::*;

    thread_local! {
        /// The worker's runtime: one per wasm instance. The key was compiled in.
        static RUNTIME: RefCell<Runtime> = RefCell::new(Runtime::new(
            option_env!("LABBOOK_SEAL_KEY").and_then(|k| labbook_seal::SealKey::from_hex(k).ok()),
        ));
    }

    /// The one entry point: a request (JSON) in, a response (JSON) out.
    #[wasm_bindgen]
    pub fn handle(request: &str) -> String {
        RUNTIME.with(|r| r.borrow_mut().handle_json(request))
    }

    /// Rust panics go to the console before the instance traps.
    #[wasm_bindgen(start)]
    pub fn start() {
        std::panic::set_hook(Box::new(|info| {
            web_log(&format!("labs-wasm panic: {info}"));
        }));
    }

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console, js_name = error)]
        fn web_log(s: &str);
    }
}

#[cfg(test)]
mod tests;
