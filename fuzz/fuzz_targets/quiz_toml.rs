//! A quiz file as an author writes it: parsed and validated. Every bad file must be a list of
//! `QuizError`s (file:line and the fix), never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = mdbook_labbook_quiz::model::parse(Path::new("quizzes/fuzz-quiz.toml"), text);
});
