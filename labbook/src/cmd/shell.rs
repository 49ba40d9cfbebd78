//! `labbook shell`: the course's browser terminal, natively — the same shell, `aws` command
//! and simulated account, reading command lines from a script or standard input.
//!
//! It prints exactly what the browser terminal prints for each command line (no prompt echo
//! when standard input is not a terminal), and exits with the last command's status. With
//! `--json` it prints one JSON object per command line instead
//! (`{"command", "exit_code", "stdout", "stderr"}`), the record terminal labs are graded on.
//! The workspace starts as a copy of `--workspace DIR`; the host folder is never written. With
//! `--lab ID` the session starts where a terminal lab starts: its workspace, its setup applied.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use labs::Account;
use labs::terminal_lab::CommandRecord;
use terminal::{Terminal, Vfs};

use crate::project::Project;

/// `labbook shell` arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Start the workspace with a copy of this folder's files (never written back).
    #[arg(long, value_name = "DIR", conflicts_with = "lab")]
    workspace: Option<PathBuf>,
    /// Start where this terminal lab starts: its workspace, with its setup applied.
    #[arg(long, value_name = "ID")]
    lab: Option<String>,
    /// One JSON object per command line instead of the terminal's text.
    #[arg(long)]
    json: bool,
    /// Read command lines from this file instead of standard input.
    script: Option<PathBuf>,
}

/// Every file under `dir`, relative to it.
fn read_workspace(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| format!("{}: cannot read the workspace folder", d.display()))? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Runs `labbook shell`.
pub fn run(project: &Project, args: Args) -> Result<ExitCode> {
    let (mut terminal, mut account) = match &args.lab {
        Some(id) => {
            let lab = crate::cmd::lab::find(project, id)?;
            if !lab.is_terminal_lab() {
                anyhow::bail!("`{id}` is not a terminal lab (it has no [terminal] table); `labbook lab run {id}` runs it");
            }
            labs::terminal_lab::start(&lab).map_err(|e| anyhow::anyhow!("lab `{id}`: {e}"))?
        }
        None => {
            let files = match &args.workspace {
                Some(dir) => read_workspace(dir)?,
                None => Vec::new(),
            };
            (Terminal::new(Vfs::with_files(files)), Account::default())
        }
    };
    let interactive = args.script.is_none() && std::io::stdin().is_terminal();
    let reader: Box<dyn BufRead> = match &args.script {
        Some(path) => Box::new(std::io::BufReader::new(std::fs::File::open(path).with_context(|| format!("{}: cannot open the script", path.display()))?)),
        None => Box::new(std::io::stdin().lock()),
    };
    let mut stdout = std::io::stdout().lock();
    let mut pending = String::new();
    let mut status = 0;
    let mut lines = reader.lines();
    loop {
        if interactive {
            let prompt = if pending.is_empty() { terminal.prompt() } else { "> ".to_owned() };
            write!(stdout, "{prompt}")?;
            stdout.flush()?;
        }
        let Some(line) = lines.next() else { break };
        let line = line.context("reading the script")?;
        if !pending.is_empty() {
            pending.push('\n');
        }
        pending.push_str(&line);
        if Terminal::is_incomplete(&pending) {
            continue;
        }
        let command = std::mem::take(&mut pending);
        if command.trim().is_empty() {
            continue;
        }
        let output = terminal.run(&command, &mut account);
        status = output.exit_code;
        if args.json {
            writeln!(stdout, "{}", serde_json::to_string(&CommandRecord::new(&command, &output))?)?;
        } else {
            if output.clear {
                write!(stdout, "\x1b[H\x1b[2J")?;
            }
            for (stream, bytes) in &output.chunks {
                match stream {
                    terminal::Stream::Stdout => stdout.write_all(bytes)?,
                    terminal::Stream::Stderr => {
                        stdout.flush()?;
                        std::io::stderr().write_all(bytes)?;
                    }
                }
            }
        }
        stdout.flush()?;
    }
    if !pending.trim().is_empty() {
        let output = terminal.run(&pending, &mut account);
        std::io::stderr().write_all(output.stderr().as_bytes())?;
        status = output.exit_code;
    }
    Ok(ExitCode::from(u8::try_from(status.clamp(0, 255)).unwrap_or(255)))
}
