//! A request the page's worker forwards to the lab runtime (`labs-wasm/src/protocol.rs`):
//! parsed, handled and answered as JSON, as `handle` does in the browser. A fresh runtime has
//! no lab open, so runs and grades stop at "not loaded"; the self-test, which starts the
//! Python interpreter, is skipped (it would leave the fuzzer a few executions a second).
#![no_main]

use labbook_seal::SealKey;
use labs_wasm::protocol::{Request, Runtime};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(request) = Request::parse(text) else { return };
    if starts_python(&request) {
        return;
    }
    let mut runtime = Runtime::new(Some(SealKey::from_bytes([7; 32])));
    let response: serde_json::Value = serde_json::from_str(&runtime.handle_json(text)).expect("the response is JSON");
    assert!(response["type"].is_string(), "every response says what it is: {response}");
});

fn starts_python(request: &Request) -> bool {
    matches!(request, Request::SelfTest)
}
