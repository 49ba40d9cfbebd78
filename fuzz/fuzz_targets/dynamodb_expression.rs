//! A DynamoDB expression a learner's handler passes to boto3: condition, filter,
//! key-condition, update and projection parsers, placeholder resolution and evaluation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    mock_cloud::dynamodb::fuzzing::expression(src);
});
