//! `labbook check`: validate the book and report `file:line: message` problems.

use std::process::ExitCode;

use anyhow::Result;

use crate::check;
use crate::project::Project;

/// Arguments of `labbook check`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs `labbook check`; exits 1 when the book has problems.
pub fn run(project: &Project, _args: Args) -> Result<ExitCode> {
    let report = check::check_book(project)?;
    for problem in &report.problems {
        println!("{problem}");
    }
    if report.problems.is_empty() {
        eprintln!("The book is fine: {} chapters, {} links, {} labs checked.", report.chapters, report.links, report.labs);
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{} problem(s) found.", report.problems.len());
        Ok(ExitCode::FAILURE)
    }
}
