//! `mdbook-labbook-labs`: the labs preprocessor as an ordinary mdBook preprocessor binary.
//!
//! Lets an author use stock `mdbook build` with `[preprocessor.labbook-labs]` in `book.toml`.
//! `labbook` itself runs the same code in-process and never spawns this binary.

use std::io;
use std::process::ExitCode;

use mdbook_labbook_labs::LabsPreprocessor;
use mdbook_preprocessor::Preprocessor;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let pre = LabsPreprocessor;
    match args.first().map(String::as_str) {
        // mdBook asks `supports <renderer>` first; exit status 0 means yes.
        Some("supports") => match args.get(1).map(|r| pre.supports_renderer(r)) {
            Some(Ok(true)) => ExitCode::SUCCESS,
            _ => ExitCode::FAILURE,
        },
        Some(other) => {
            eprintln!("mdbook-labbook-labs: unknown argument `{other}`; mdBook runs this with no arguments or `supports <renderer>`");
            ExitCode::from(2)
        }
        None => match run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("mdbook-labbook-labs: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

fn run() -> anyhow::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(io::stdin())?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        eprintln!(
            "mdbook-labbook-labs: warning: built against mdBook {}, called by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        );
    }
    let book = LabsPreprocessor.run(&ctx, book)?;
    serde_json::to_writer(io::stdout(), &book)?;
    Ok(())
}
