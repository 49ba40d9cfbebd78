//! The `labbook-quiz` mdBook preprocessor: quizzes in chapters, and the course progress page.
//!
//! - `{{#quiz <file>.toml}}` places the quiz in `book/quizzes/<file>.toml` ([`model`] documents
//!   the format). The page gets the questions and, per question, only salted digests of the
//!   accepted answers and the explanation encrypted with a key only a right answer derives
//!   ([`answer`], from `labbook-seal`); the browser grades in the lab runtime (`labs-wasm`),
//!   which uses the same crate, so build and browser normalise answers identically.
//! - `{{#progress}}` places the list of parts, chapters, quizzes and labs that the page script
//!   fills in from the learner's saved progress ([`progress`]).
//!
//! A malformed quiz fails the build as `quizzes/<file>.toml:LINE: message`; a code question
//! whose reference solution fails its own checks fails it too.

/// Answer digests live in `labbook-seal`, shared with the lab runtime.
pub use labbook_seal::answer;
/// The quiz file format lives in the course model (`course::quiz`), which loads every quiz once.
pub use course::quiz as model;
pub mod progress;
pub mod render;
mod preprocessor;

pub use preprocessor::*;
