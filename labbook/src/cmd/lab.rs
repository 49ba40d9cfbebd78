//! `labbook lab`: the book's labs from the terminal — list them, run one with your code,
//! and test that every reference solution passes and every starter does not.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use course::{Area, Course, Problem};
use labs::Lab;
use serde_json::Value;

use crate::project::Project;

/// `labbook lab …`.
#[derive(clap::Subcommand)]
pub enum LabCommand {
    /// List the labs: id, trigger, cases, title.
    List,
    /// Run a lab with your code (default: its starter) and print logs, results, state changes
    /// and the grade of its visible cases; with --event, one invocation with that event.
    Run {
        /// The lab's id (its folder under book/labs/).
        id: String,
        /// Your handler file. Default: the lab's starter.py.
        #[arg(long, value_name = "FILE")]
        code: Option<PathBuf>,
        /// Invoke once with this event (JSON file) instead of running the cases.
        #[arg(long, value_name = "FILE")]
        event: Option<PathBuf>,
        /// Use the reference solution as the code.
        #[arg(long, conflicts_with = "code")]
        solution: bool,
        /// Include hidden cases in the grade.
        #[arg(long)]
        hidden: bool,
    },
    /// Check every lab: the reference solution passes every check, the starter does not.
    Test {
        /// Only these labs. Default: all.
        ids: Vec<String>,
    },
}

/// Runs a `labbook lab` subcommand.
pub fn run(project: &Project, command: LabCommand) -> Result<ExitCode> {
    match command {
        LabCommand::List => list(project),
        LabCommand::Run { id, code, event, solution, hidden } => run_lab(project, &id, code, event, solution, hidden),
        LabCommand::Test { ids } => {
            let failures = test_labs(project, &ids, true)?;
            Ok(if failures == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
    }
}

/// The book's course and the problems of its labs (the rest of the book is `labbook check`'s
/// business: a broken quiz does not stop a lab from running).
fn load(project: &Project) -> Result<(Course, Vec<Problem>)> {
    let (course, problems) = Course::read(&project.book)?;
    Ok((course, problems.into_iter().filter(|p| p.area == Area::Lab).collect()))
}

/// The course, when every lab loads.
fn load_all(project: &Project) -> Result<Course> {
    let (course, problems) = load(project)?;
    if !problems.is_empty() {
        bail!("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
    }
    Ok(course)
}

fn list(project: &Project) -> Result<ExitCode> {
    let course = load_all(project)?;
    if course.labs().len() == 0 {
        println!("No labs in {}.", course.settings().labs_dir.display());
    }
    for lab in course.labs() {
        if lab.is_terminal_lab() {
            let checks = lab.def.terminal.as_ref().map_or(0, |t| t.checks.len());
            println!("{:<28} {:<16} {checks} check(s)            {}", lab.id, "terminal", lab.def.title);
            continue;
        }
        let visible = lab.def.cases.iter().filter(|c| !c.hidden).count();
        let trigger = serde_json::to_value(&lab.def.trigger).ok().and_then(|t| t["type"].as_str().map(str::to_owned)).unwrap_or_default();
        println!(
            "{:<28} {:<16} {} case(s) ({} hidden)  {}",
            lab.id,
            trigger,
            lab.def.cases.len(),
            lab.def.cases.len() - visible,
            lab.def.title
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The lab `id`, or why it cannot be had (its load error, or the ids there are).
pub(crate) fn find(project: &Project, id: &str) -> Result<Lab> {
    let (course, problems) = load(project)?;
    if let Some(lab) = course.lab(id) {
        return Ok(lab.clone());
    }
    let dir = labbook_directives::display_path(&course.settings().labs_dir.join(id));
    if let Some(problem) = problems.iter().find(|p| p.file.starts_with(&dir)) {
        bail!("{problem}");
    }
    let ids: Vec<&str> = course.labs().map(|l| l.id.as_str()).collect();
    bail!("no lab `{id}` in {}; labs: {}", course.settings().labs_dir.display(), ids.join(", "));
}

fn run_lab(project: &Project, id: &str, code: Option<PathBuf>, event: Option<PathBuf>, solution: bool, hidden: bool) -> Result<ExitCode> {
    let lab = find(project, id)?;
    if lab.is_terminal_lab() {
        return run_terminal_lab(&lab, code, event);
    }
    let code = match (&code, solution) {
        (Some(path), _) => std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
        (None, true) => lab.solution.clone(),
        (None, false) => lab.starter.clone(),
    };
    if let Some(path) = event {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let event: Value = serde_json::from_str(&text).with_context(|| format!("{}: not valid JSON", path.display()))?;
        let run = labs::report::run_json(&lab, &code, Some(event));
        print_case(&run);
        let failed = run["invocations"].as_array().is_some_and(|i| i.iter().any(|i| i.get("error").is_some()));
        return Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS });
    }
    let grade = labs::grade(&lab, &code, hidden);
    let json = labs::report::grade_json(&grade, &labs::view::learner_file(&lab));
    for case in json["cases"].as_array().into_iter().flatten() {
        println!("━━ case: {}{}", case["name"].as_str().unwrap_or(""), if case["hidden"] == true { " (hidden)" } else { "" });
        if case["hidden"] != true {
            print_case(case);
        }
        for check in case["checks"].as_array().into_iter().flatten() {
            let mark = if check["passed"] == true { "✔" } else { "✘" };
            println!("  {mark} {}", check["description"].as_str().unwrap_or(""));
            if check["passed"] != true {
                println!("      {}", check["message"].as_str().unwrap_or(""));
            }
        }
    }
    println!("Grade: {}/{} checks{}", grade.score(), grade.max_score(), if grade.passed() { " — passed" } else { "" });
    Ok(if grade.passed() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// A terminal lab: runs the script (`--code FILE`, or by default the reference `solution.sh`)
/// in the lab's terminal and prints the transcript, then the grade.
fn run_terminal_lab(lab: &Lab, code: Option<PathBuf>, event: Option<PathBuf>) -> Result<ExitCode> {
    if event.is_some() {
        bail!("`{}` is a terminal lab: it has no handler to invoke with --event; give a script of command lines with --code FILE", lab.id);
    }
    let script = match &code {
        Some(path) => std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?,
        None => lab.solution.clone(),
    };
    let (records, grade) = labs::terminal_lab::run_and_grade(lab, &script);
    for record in &records {
        for (i, line) in record.command.lines().enumerate() {
            println!("{} {line}", if i == 0 { "$" } else { ">" });
        }
        print!("{}", record.stdout);
        if !record.stdout.is_empty() && !record.stdout.ends_with('\n') {
            println!();
        }
        eprint!("{}", record.stderr);
    }
    for case in &grade.cases {
        println!("━━ {}", case.run.name);
        for check in &case.checks {
            println!("  {} {}", if check.passed { "✔" } else { "✘" }, check.description);
            if !check.passed {
                println!("      {}", check.message);
            }
        }
    }
    println!("Grade: {}/{} checks{}", grade.score(), grade.max_score(), if grade.passed() { " — passed" } else { "" });
    Ok(if grade.passed() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

fn print_case(case: &Value) {
    if let Some(e) = case["setupError"].as_str() {
        println!("  lab setup failed: {e}");
    }
    for inv in case["invocations"].as_array().into_iter().flatten() {
        println!("  ▶ {} invocation", inv["source"].as_str().unwrap_or("?"));
        for line in inv["log"].as_array().into_iter().flatten() {
            println!("    {}", line.as_str().unwrap_or(""));
        }
        if let Some(result) = inv.get("result") {
            println!("  ← {result}");
        }
        if let Some(error) = inv.get("error") {
            println!("  ✘ {error}");
        }
    }
    for resp in case["responses"].as_array().into_iter().flatten() {
        println!("  HTTP {} {}", resp["status"], resp["body"].as_str().unwrap_or(""));
    }
    for line in labs::report::state_changes(&labs::view::state_tables(&case["before"], &case["after"])) {
        println!("  {line}");
    }
}

/// Tests labs (all when `ids` is empty); prints one line per lab; returns how many failed.
pub fn test_labs(project: &Project, ids: &[String], verbose: bool) -> Result<usize> {
    let course = load_all(project)?;
    let labs: Vec<&Lab> = course.labs().filter(|l| ids.is_empty() || ids.contains(&l.id)).collect();
    let mut failures = 0;
    for lab in &labs {
        let problems = lab_problems(lab);
        if problems.is_empty() {
            if verbose {
                println!("ok    {}", lab.id);
            }
        } else {
            failures += 1;
            println!("FAIL  {}", lab.id);
            for p in problems {
                println!("      {p}");
            }
        }
    }
    if verbose {
        println!("{} passed, {} failed", labs.len() - failures, failures);
    }
    Ok(failures)
}

/// What is wrong with a lab: its solution fails a check, or its starter already passes.
pub fn lab_problems(lab: &Lab) -> Vec<String> {
    let mut problems = Vec::new();
    let (solution_file, starter_file) = match (lab.is_terminal_lab(), lab.starter.trim().is_empty()) {
        (false, _) => ("solution.py", "starter.py"),
        (true, true) => ("solution.sh", "the starting state (no commands run)"),
        (true, false) => ("solution.sh", "starter.sh"),
    };
    let solution = labs::grade(lab, &lab.solution, true);
    for case in &solution.cases {
        for check in case.checks.iter().filter(|c| !c.passed) {
            problems.push(format!("{solution_file} fails case `{}`: {} — {}", case.run.name, check.description, check.message));
        }
    }
    if labs::grade(lab, &lab.starter, true).passed() {
        problems.push(format!("{starter_file} already passes every check: the lab teaches nothing"));
    }
    problems
}
