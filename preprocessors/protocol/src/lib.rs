//! The binary side of our mdBook preprocessors.
//!
//! Each preprocessor crate (`mdbook-labbook-labs`, `mdbook-labbook-quiz`) is a library that
//! `labbook` runs in-process, plus a small binary so an author can use it with stock
//! `mdbook build` and `[preprocessor.NAME]` in `book.toml`. The binaries speak mdBook's
//! protocol: `NAME supports <renderer>` answers with the exit status, and a run with no
//! arguments reads `[context, book]` as JSON on stdin and writes the book back on stdout.
//! That protocol lives here once.

use std::io;
use std::process::ExitCode;

use mdbook_preprocessor::Preprocessor;

/// `main` of the binary `bin_name` (e.g. `mdbook-labbook-labs`) for `pre`.
pub fn main(bin_name: &str, pre: &dyn Preprocessor) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        // mdBook asks `supports <renderer>` first; exit status 0 means yes.
        Some("supports") => match args.get(1).map(|r| pre.supports_renderer(r)) {
            Some(Ok(true)) => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        },
        Some(other) => {
            eprintln!("{bin_name}: unknown argument `{other}`; mdBook runs this with no arguments or `supports <renderer>`");
            ExitCode::from(2)
        }
        None => match run(bin_name, pre) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{bin_name}: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run(bin_name: &str, pre: &dyn Preprocessor) -> anyhow::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(io::stdin())?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        eprintln!(
            "{bin_name}: warning: built against mdBook {}, called by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        );
    }
    let book = pre.run(&ctx, book)?;
    serde_json::to_writer(io::stdout(), &book)?;
    Ok(())
}
