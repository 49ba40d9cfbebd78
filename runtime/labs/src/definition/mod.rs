//! A lab as data: the folder `book/labs/<id>/` with `lab.toml`, `starter.py`, `solution.py`,
//! and optionally `files/` (more of the function's files — modules, `config.json`, data — in
//! `/var/task`, where `open("config.json")` finds them) and `layer/` (a
//! layer's `python/` folder, in `/opt/python`).
//!
//! `lab.toml` says what the function is, what the cloud holds before it runs, what triggers
//! it, and the cases that exercise it: steps (uploads, messages, HTTP requests, direct
//! invocations) and checks. Hidden cases run with other data so hard-coding fails.
//!
//! A *test lab* (one with a `[tests]` table) turns this around: the learner writes the tests,
//! not the handler. `starter.py` and `solution.py` are test modules (plain functions named
//! `test_*` that use `assert`), and the folder `implementations/` holds handlers, one per file,
//! some correct and some broken. Each case names the handler it runs the learner's tests
//! against (`implementation = "correct"` for `implementations/correct.py`) and checks, with
//! `tests = { pass = true }` or `tests = { pass = false }`, whether the tests passed (a
//! correct handler) or caught the bug (a broken one):
//!
//! ```toml
//! [tests]
//! module = "test_lambda_function"   # the learner's file: /var/task/test_lambda_function.py
//! # Broken handlers as edits of implementations/correct.py (each `find` must occur once):
//! mutants = [
//!   { name = "zero-quantity", replace = [["if quantity < 1", "if quantity < 0"]] },
//! ]
//!
//! [[cases]]
//! name = "A handler that accepts a quantity of 0"
//! implementation = "zero-quantity"  # the mutant (or implementations/zero-quantity.py)
//! checks = [ { tests = { pass = false }, message = "Test an order with quantity 0" } ]
//! ```
//!
//! The handler under test is the function's code (`function.handler`'s module, by default
//! `lambda_function.py`, so the tests `import lambda_function`); a case's steps may only be
//! calls that build the cloud that handler sees. The tests run once per case, from a cold start.
//!
//! A *terminal lab* (one with a `[terminal]` table) has no handler to write: the learner works
//! in the course's terminal (the shell and `aws` command of `labbook-terminal`) over a simulated
//! account, and its `[[terminal.checks]]` look at the account's control-plane state (functions,
//! versions and aliases, roles, layers), at the invocations that ran and at the command lines
//! the learner typed. Its files are `workspace/` (the terminal's starting files), `solution.sh`
//! (the reference session, one command line after another), optionally `starter.sh` (what the
//! starter state runs; by default nothing) and `setup.sh` (commands run in the workspace before
//! the learner starts — a broken deployment to fix — whose files stay, as a teammate's would;
//! the learner's shell then starts afresh in the home folder). Top-level `[[setup]]` calls run
//! before `setup.sh` and may call lambda and iam too (a role made for the learner). See
//! [`TerminalCheckKind`] for the checks.
//!
//! The folder is split by job: [`format`] holds the types `lab.toml` deserializes into, `load`
//! reads and validates a lab folder.

mod format;
mod load;
mod terminal;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use format::*;
pub use terminal::*;
pub use load::{TEST_RUNNER_MODULE, lab_dirs, load_all};

/// Everything wrong with a lab folder, as `file:line: message`.
#[derive(Debug, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct LabError {
    /// The file at fault.
    pub file: PathBuf,
    /// 1-based line (1 when the problem is the file as a whole).
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// A loaded lab. Serializes to the JSON the browser receives (the same data, already
/// validated, so the page never parses TOML).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lab {
    /// The folder name, used in URLs and `{{#lab <id>}}`.
    pub id: String,
    /// `lab.toml`.
    pub def: LabDef,
    /// The learner's starting code (`starter.py`).
    pub starter: String,
    /// The reference solution (`solution.py`).
    pub solution: String,
    /// Extra function files by absolute path (`/var/task/...`, `/opt/python/...`).
    pub extra_files: BTreeMap<String, String>,
    /// Test labs: the handlers the learner's tests run against, by name
    /// (`implementations/<name>.py`).
    #[serde(default)]
    pub implementations: BTreeMap<String, String>,
    /// Terminal labs: the workspace and setup script (the starter and solution are the shell
    /// scripts `starter.sh` and `solution.sh`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal: Option<TerminalFiles>,
}

/// A terminal lab's files besides its scripts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TerminalFiles {
    /// The terminal's starting files, by path relative to the home folder (`workspace/`).
    pub workspace: BTreeMap<String, String>,
    /// `setup.sh`, run in the workspace before the learner starts.
    #[serde(default)]
    pub setup_script: Option<String>,
}
