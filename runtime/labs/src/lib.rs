//! Labs as data, and everything that runs them: a lab's function runs in [`lab_python`]
//! against the [`mock_cloud`], driven by the lab's cases through Lambda's event sources
//! ([`runner`]), and the outcome is graded by the lab's declarative [`checks`].
//!
//! The same code grades in the browser (through `labs-wasm`), in `labbook lab` commands and
//! in `cargo test`. Terminal labs ([`terminal_lab`]) grade what the learner did in the course's
//! terminal instead of a handler they wrote.

pub mod account;
pub mod checks;
pub mod definition;
pub mod grade;
pub mod host;
pub mod report;
pub mod runner;
pub mod sources;
pub mod terminal_lab;
pub mod view;

pub use account::Account;
pub use definition::{Lab, LabError, load_all};
pub use grade::{CaseGrade, Grade, grade};
pub use host::CloudHost;
pub use runner::{CaseRun, Invocation, Runner};
