//! Terminal labs: the learner works in the course's terminal over a simulated [`Account`], and
//! the lab's `[[terminal.checks]]` grade the account they leave and the command lines they ran.
//!
//! The page (through `labs-wasm`) and `labbook` use the same three steps:
//!
//! 1. [`start`]: the lab's starting point — a [`Terminal`] over a copy of `workspace/` and an
//!    [`Account`] with the lab's `[[setup]]` calls and `setup.sh` applied;
//! 2. the learner's command lines run in that terminal, each kept as a [`CommandRecord`]
//!    (the object `labbook shell --json` prints);
//! 3. [`grade`]: the checks evaluated against the account and the records, as a [`Grade`] the
//!    page renders like any lab's.
//!
//! [`grade_script`] does all three for a script (the solution, a starter, a learner's file);
//! [`crate::grade`] calls it for terminal labs, so `labbook lab test` and `labbook check`
//! test terminal labs as they test the others.

pub mod checks;
pub mod pattern;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use terminal::{Backend, Output, Terminal, Vfs};

use crate::account::Account;
use crate::checks::CheckResult;
use crate::definition::Lab;
use crate::grade::{CaseGrade, Grade};
use crate::runner::{CaseRun, Invocation};

/// What one command line did: the record terminal labs are graded on, and what
/// `labbook shell --json` prints for each line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandRecord {
    /// The line as typed (continuation lines and here-documents included).
    pub command: String,
    /// Its exit status.
    pub exit_code: i32,
    /// What it wrote to standard output.
    pub stdout: String,
    /// What it wrote to standard error.
    pub stderr: String,
}

impl CommandRecord {
    /// The record of `command`, which printed `output`.
    pub fn new(command: &str, output: &Output) -> CommandRecord {
        CommandRecord { command: command.to_owned(), exit_code: output.exit_code, stdout: output.stdout(), stderr: output.stderr() }
    }
}

/// The name of the one case a terminal lab's grade has.
pub const SESSION_CASE: &str = "Your terminal session";

/// A script's command lines as the terminal reads them: a line that leaves a quote, a `\`,
/// a here-document or a trailing `&&` open takes the next ones with it; blank lines and
/// comment lines are no commands.
pub fn split_commands(script: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut pending = String::new();
    for line in script.lines() {
        if pending.is_empty() && (line.trim().is_empty() || line.trim_start().starts_with('#')) {
            continue;
        }
        if !pending.is_empty() {
            pending.push('\n');
        }
        pending.push_str(line);
        if !Terminal::is_incomplete(&pending) {
            commands.push(std::mem::take(&mut pending));
        }
    }
    if !pending.trim().is_empty() {
        commands.push(pending);
    }
    commands
}

/// Runs `script`'s command lines in `terminal` over `account`, one after another.
pub fn run_script(terminal: &mut Terminal, account: &mut Account, script: &str) -> Vec<CommandRecord> {
    split_commands(script)
        .into_iter()
        .map(|command| {
            let output = terminal.run(&command, account);
            CommandRecord::new(&command, &output)
        })
        .collect()
}

fn vfs(files: &std::collections::BTreeMap<String, String>) -> Vfs {
    Vfs::with_files(files.iter().map(|(path, text)| (path.as_str(), text.as_bytes().to_vec())))
}

/// The lab's starting point: a terminal in a copy of its workspace and an account with its
/// setup applied (`[[setup]]` calls, then `setup.sh` in the workspace: the files it leaves stay,
/// and the learner's shell starts afresh in the home folder). An error is the lab's own fault
/// (a setup call or command that failed), for its author.
pub fn start(lab: &Lab) -> Result<(Terminal, Account), String> {
    let files = lab.terminal.clone().unwrap_or_default();
    let mut account = Account::default();
    for step in &lab.def.setup {
        let (service, operation) = step.call.split_once('.').ok_or_else(|| format!("bad call `{}`", step.call))?;
        account
            .call(service, operation, &step.params)
            .map_err(|e| format!("lab setup call {} failed: {} ({})", step.call, e.message, e.code))?;
    }
    let mut workspace = vfs(&files.workspace);
    if let Some(script) = &files.setup_script {
        let mut setup = Terminal::new(workspace);
        for record in run_script(&mut setup, &mut account, script) {
            if record.exit_code != 0 {
                return Err(format!(
                    "setup.sh: `{}` exited with {}: {}",
                    record.command.lines().next().unwrap_or(""),
                    record.exit_code,
                    record.stderr.trim()
                ));
            }
        }
        // The learner's session starts as if nobody had typed anything yet.
        account.invocations.clear();
        workspace = setup.shell.vfs;
    }
    Ok((Terminal::new(workspace), account))
}

/// Grades a session: the lab's checks against what `account` holds now and the command lines
/// the learner ran (`commands`, in order). The grade has one case, [`SESSION_CASE`], whose
/// invocations are the session's and whose `before`/`after` are the account at the start and now.
pub fn grade(lab: &Lab, account: &Account, commands: &[CommandRecord]) -> Grade {
    let before = start(lab).map(|(_, a)| a.cloud.borrow().snapshot());
    let after = account.cloud.borrow().snapshot();
    let invocations =
        account.invocations.iter().map(|i| Invocation { source: "terminal", event: Value::Null, report: Some(i.report.clone()) }).collect();
    let facts = checks::Facts { state: &after, invocations: &account.invocations, commands };
    let checks: Vec<CheckResult> = lab.def.terminal.iter().flat_map(|t| &t.checks).map(|c| checks::evaluate(c, &facts)).collect();
    let (before, setup_error) = match before {
        Ok(b) => (b, None),
        Err(e) => (Value::Null, Some(e)),
    };
    let run = CaseRun {
        name: SESSION_CASE.into(),
        hidden: false,
        before,
        after,
        invocations,
        responses: Vec::new(),
        handler_calls: Vec::new(),
        setup_error,
    };
    Grade { lab: lab.id.clone(), cases: vec![CaseGrade { run, checks }] }
}

/// Starts the lab, runs `script` in its terminal and grades the session, with the records
/// (the transcript `labbook lab run` prints).
pub fn run_and_grade(lab: &Lab, script: &str) -> (Vec<CommandRecord>, Grade) {
    match start(lab) {
        Ok((mut terminal, mut account)) => {
            let records = run_script(&mut terminal, &mut account, script);
            let grade = grade(lab, &account, &records);
            (records, grade)
        }
        Err(e) => {
            let run = CaseRun {
                name: SESSION_CASE.into(),
                hidden: false,
                before: Value::Null,
                after: Value::Null,
                invocations: Vec::new(),
                responses: Vec::new(),
                handler_calls: Vec::new(),
                setup_error: Some(e.clone()),
            };
            let checks = vec![CheckResult { description: "the lab's setup".into(), passed: false, message: e }];
            (Vec::new(), Grade { lab: lab.id.clone(), cases: vec![CaseGrade { run, checks }] })
        }
    }
}

/// [`run_and_grade`]'s grade alone.
pub fn grade_script(lab: &Lab, script: &str) -> Grade {
    run_and_grade(lab, script).1
}

#[cfg(test)]
mod tests;
