//! The `labbook` library: everything behind the `labbook` command.
//!
//! Each subcommand lives in `cmd/<name>.rs`; the work they share lives in modules named for
//! it: where things are (`project`), building the lab runtime (`runtime`) and the site
//! (`site`, written safely by `output`), serving it (`server`, `watch`), and checking the book (`check`).

pub mod check;
pub mod cmd;
pub mod export;
pub mod output;
pub mod progress;
pub mod project;
pub mod runtime;
pub mod search;
pub mod server;
pub mod site;
pub mod watch;
