//! `mdbook-labbook-quiz`: the quiz preprocessor as an ordinary mdBook preprocessor binary.
//!
//! Lets an author use stock `mdbook build` with `[preprocessor.labbook-quiz]` in `book.toml`.
//! `labbook` itself runs the same code in-process and never spawns this binary.

use std::process::ExitCode;

fn main() -> ExitCode {
    labbook_preprocessor_protocol::main("mdbook-labbook-quiz", &mdbook_labbook_quiz::QuizPreprocessor::default())
}
