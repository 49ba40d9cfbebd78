//! The test event a learner types in a lab's event box, on the Rust side of its path: parsed
//! as the runtime does for a `run` request (labs-wasm/src/protocol.rs), handed to the handler as
//! `event.to_string()` (runtime/labs/src/runner.rs, `run_function`), and — since a handler may
//! return what it was given — turned into API Gateway's REST and HTTP API responses
//! (runtime/labs/src/sources.rs). The Python side is not run here (an interpreter per input
//! would leave the fuzzer a few executions a second).
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // An empty box means the sample event; anything else must be JSON.
    if text.trim().is_empty() {
        return;
    }
    let Ok(event) = serde_json::from_str::<Value>(text) else { return };
    let sent = event.to_string();
    let received: Value = serde_json::from_str(&sent).expect("the text the handler receives is JSON");
    assert_eq!(received, event, "the handler receives the event the learner typed");
    let _ = labs::sources::rest_response(&event);
    let _ = labs::sources::http_response(&event);
    let _ = labs::checks::plain_item(&event);
});
