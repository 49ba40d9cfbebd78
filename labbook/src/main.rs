//! `labbook`: builds, serves and checks the Lambda course site.
//!
//! The command line only; everything it does lives in the `labbook` library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Build, preview and check the AWS Lambda course.
#[derive(Parser)]
#[command(name = "labbook", version, about)]
struct Cli {
    /// The book to work on (the folder with `book.toml`). Default: `book/` of this checkout.
    #[arg(long, global = true, value_name = "DIR")]
    book: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the complete static site: pages, search index, theme and the lab runtime.
    Build(labbook::cmd::build::Args),
    /// Build, then serve the site on 127.0.0.1 for offline preview, rebuilding on change.
    Serve(labbook::cmd::serve::Args),
    /// Validate the book (SUMMARY, links, anchors, directives, labs) without writing a site.
    Check(labbook::cmd::check::Args),
    /// List, run and test the book's labs from the terminal.
    #[command(subcommand)]
    Lab(labbook::cmd::lab::LabCommand),
    /// The course's terminal (shell, `aws` CLI, simulated account), natively.
    Shell(labbook::cmd::shell::Args),
    /// Package labs and quizzes for other platforms (SCORM for an LMS).
    #[command(subcommand)]
    Export(labbook::cmd::export::ExportCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = labbook::project::Project::locate(cli.book).and_then(|project| match cli.command {
        Command::Build(args) => labbook::cmd::build::run(&project, args),
        Command::Serve(args) => labbook::cmd::serve::run(&project, args),
        Command::Check(args) => labbook::cmd::check::run(&project, args),
        Command::Lab(command) => labbook::cmd::lab::run(&project, command),
        Command::Export(command) => labbook::cmd::export::run(&project, command),
        Command::Shell(args) => labbook::cmd::shell::run(&project, args),
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
