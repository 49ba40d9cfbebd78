//! `labbook build`: the complete static site, ready for any static host.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use crate::progress::Progress;
use crate::project::Project;
use crate::runtime::{self, Profile};
use crate::site;

/// Arguments of `labbook build`.
#[derive(clap::Args)]
pub struct Args {
    /// Where to write the site. Default: `<book>/book`, as `mdbook build`. The build replaces
    /// the whole folder, so it must be new, empty, or a site labbook built (it holds a
    /// `.labbook-site` file); the book, the current folder and their parents are refused.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Compile the lab runtime without optimisation (much faster to build, larger and slower
    /// to run); for iterating on the book, never for publishing.
    #[arg(long)]
    dev_runtime: bool,
}

/// Runs `labbook build`.
pub fn run(project: &Project, args: Args) -> Result<ExitCode> {
    let t0 = Instant::now();
    let out = match args.out {
        Some(out) => std::path::absolute(out)?,
        None => project.default_out(),
    };
    // A wrong --out fails now, not after minutes of compiling.
    let out = site::check_out(project, &out)?;
    let profile = if args.dev_runtime { Profile::Dev } else { Profile::Release };
    let mut progress = Progress::new(3, false);
    progress.step(match profile {
        Profile::Release => "Compiling the lab runtime for wasm32 (release, LTO) and generating its JS bindings",
        Profile::Dev => "Compiling the lab runtime for wasm32 (dev profile) and generating its JS bindings",
    });
    let bundle = runtime::build(project, profile, false)?;
    let wasm_bytes = std::fs::metadata(bundle.wasm_path())?.len();
    let terminal_bytes = std::fs::metadata(bundle.terminal_wasm_path())?.len();
    progress.detail(&format!("lab runtime: {} KiB of wasm ({} KiB with the terminal)", wasm_bytes / 1024, terminal_bytes / 1024));
    let summary = site::build(project, &bundle, &out, &mut progress)?;
    progress.finish();
    eprintln!(
        "Built {} pages ({} files, {:.1} MiB) into {} in {:.1}s",
        summary.pages,
        summary.files,
        summary.bytes as f64 / (1024.0 * 1024.0),
        out.display(),
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
