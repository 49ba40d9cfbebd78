//! `mdbook-labbook-labs`: the labs preprocessor as an ordinary mdBook preprocessor binary.
//!
//! Lets an author use stock `mdbook build` with `[preprocessor.labbook-labs]` in `book.toml`.
//! `labbook` itself runs the same code in-process and never spawns this binary.

use std::process::ExitCode;

fn main() -> ExitCode {
    labbook_preprocessor_protocol::main("mdbook-labbook-labs", &mdbook_labbook_labs::LabsPreprocessor::default())
}
