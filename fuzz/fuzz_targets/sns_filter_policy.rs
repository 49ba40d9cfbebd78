//! An SNS subscription filter policy and a message to match: the input is the policy, a NUL
//! byte, then the message (body, or SNS message attributes as JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (policy, message) = text.split_once('\0').unwrap_or((text, "{}"));
    mock_cloud::sns::fuzzing::filter_policy(policy, message);
});
