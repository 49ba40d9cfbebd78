//! `labbook export scorm`: labs and quizzes as a SCORM package for an LMS.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Result, bail};
use course::Course;

use crate::export::{self, Options, Scorm, Selection, Xapi};
use crate::project::Project;
use crate::runtime::{self, Profile};

/// What to export.
#[derive(clap::Subcommand)]
pub enum ExportCommand {
    /// A SCORM package (zip) of labs and quizzes, one SCO each, for Moodle, Canvas, Blackboard,
    /// Open edX or Brightspace: the learner's score and status reach the gradebook.
    Scorm(ScormArgs),
}

/// Arguments of `labbook export scorm`.
#[derive(clap::Args)]
pub struct ScormArgs {
    /// A lab to package (repeatable).
    #[arg(long = "lab", value_name = "ID")]
    labs: Vec<String>,
    /// A quiz to package, by its file's name in the quizzes folder, with or without `.toml` (repeatable).
    #[arg(long = "quiz", value_name = "ID")]
    quizzes: Vec<String>,
    /// Every lab and quiz a chapter places, grouped under its title (repeatable; the chapter's
    /// source relative to the book's src/, e.g. part1/setup.md).
    #[arg(long = "chapter", value_name = "PATH")]
    chapters: Vec<String>,
    /// Every lab and quiz of the course, grouped by chapter.
    #[arg(long)]
    course: bool,
    /// One SCO per chapter (with --chapter or --course): its labs and quizzes on one page, each
    /// weighing the same in its score; it passes when each of them passes.
    #[arg(long)]
    per_chapter: bool,
    /// The zip to write.
    #[arg(long, value_name = "FILE.zip")]
    out: PathBuf,
    /// SCORM edition: 1.2 (every LMS) or 2004 (4th Edition).
    #[arg(long, value_enum, default_value = "1.2")]
    scorm: Scorm,
    /// Share of a quiz's questions to answer right to pass (a lab passes when all its checks do).
    #[arg(long, default_value_t = 0.8, value_name = "0..1")]
    mastery: f64,
    /// Also send xAPI statements (attempted, answered, passed, failed) to an LRS: to the one
    /// the launch URL names (cmi5 `endpoint`/`fetch`, or `endpoint`/`auth`), else to ENDPOINT.
    #[arg(long, value_name = "ENDPOINT", num_args = 0..=1, default_missing_value = "")]
    xapi: Option<String>,
    /// The LRS's Authorization header for --xapi ENDPOINT (e.g. "Basic …"); anyone with the
    /// package can read it, so use a key that may only write statements.
    #[arg(long, value_name = "AUTH", requires = "xapi")]
    xapi_auth: Option<String>,
    /// The package's title in the LMS (default: the SCO's own title, or the book's).
    #[arg(long)]
    title: Option<String>,
    /// Package the unoptimised lab runtime (much faster to build, larger); for trying things out.
    #[arg(long)]
    dev_runtime: bool,
}

/// Runs `labbook export`.
pub fn run(project: &Project, command: ExportCommand) -> Result<ExitCode> {
    match command {
        ExportCommand::Scorm(args) => scorm(project, args),
    }
}

fn scorm(project: &Project, args: ScormArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    if !(0.0..=1.0).contains(&args.mastery) {
        bail!("--mastery {} is not a share between 0 and 1 (e.g. --mastery 0.8 for 80%)", args.mastery);
    }
    if args.out.is_dir() {
        bail!("--out {} is a folder; give the zip file to write, e.g. --out lab.zip", args.out.display());
    }
    let course = Course::load(&project.book)?;
    let selection = Selection { labs: args.labs, quizzes: args.quizzes, chapters: args.chapters, course: args.course, per_chapter: args.per_chapter };
    // A wrong --lab fails now, not after compiling the runtime.
    let groups = export::select(&course, &selection)?;
    let profile = if args.dev_runtime { Profile::Dev } else { Profile::Release };
    eprintln!("Compiling the lab runtime ({})", if args.dev_runtime { "dev profile" } else { "release, LTO" });
    let bundle = runtime::build(project, profile, true)?;
    let book = export::book_title(project).unwrap_or_else(|| "labbook".into());
    let options = Options {
        scorm: args.scorm,
        title: args.title,
        mastery: args.mastery,
        xapi: args.xapi.map(|endpoint| Xapi {
            endpoint: Some(endpoint).filter(|e| !e.is_empty()),
            auth: args.xapi_auth,
        }),
        activity_base: format!("urn:labbook:{}", export::slug(&book)),
    };
    let package = export::package(project, &course, &bundle, &groups, &options)?;
    let bytes = package.write_zip(&args.out)?;
    eprintln!(
        "Wrote a SCORM {} package with {} SCO{} ({} files, {:.1} MiB) to {} in {:.1}s",
        args.scorm.name(),
        package.scos,
        if package.scos == 1 { "" } else { "s" },
        package.paths().count(),
        bytes as f64 / (1024.0 * 1024.0),
        args.out.display(),
        t0.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
