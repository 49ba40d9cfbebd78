//! A lab's `lab.toml` as an author writes it: parsed, mutants applied to the implementations,
//! validated. Every bad file must be a `LabError` (file:line and the fix), never a panic.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;

use libfuzzer_sys::fuzz_target;

const HANDLER: &str = "import json\n\ndef lambda_handler(event, context):\n    total = 0\n    for r in event.get('Records', []):\n        total += 1\n    return {'statusCode': 200, 'body': json.dumps(total)}\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // One implementation, so that a `[tests]` table's mutants have something to edit.
    let implementations = BTreeMap::from([("correct".to_owned(), HANDLER.to_owned())]);
    let _ = labs::Lab::from_text("fuzz-lab", Path::new("labs/fuzz-lab/lab.toml"), text, HANDLER, HANDLER, implementations);
});
