//! The terminal against the real AWS CLI: each scenario of runtime/terminal/tests/scenarios runs
//! through `labbook shell --json`, and every command line's exit code, stdout and stderr must
//! equal the transcript the real CLI recorded against moto_server
//! (runtime/terminal/tests/transcripts, made by runtime/terminal/tools/record_transcripts.py),
//! after the masks of runtime/terminal/tests/known_differences.toml. That file also lists, each
//! with its reason, the commands whose answer may differ; an entry that no longer differs fails
//! the test, so the list stays true. Offline: the transcripts are committed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;
use serde::Deserialize;
use serde_json::Value;

fn terminal_tests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/terminal/tests")
}

#[derive(Deserialize)]
struct KnownDifferences {
    #[serde(default)]
    mask: Vec<Mask>,
    #[serde(default)]
    difference: Vec<Difference>,
}

/// A volatile value, replaced on both sides before comparing.
#[derive(Deserialize)]
struct Mask {
    pattern: String,
    replace: String,
    #[allow(dead_code)]
    reason: String,
}

/// A command whose answer may differ: `fields` among exit_code, stdout and stderr. With
/// `stdout`/`stderr` given, ours must equal that text instead (AWS's answer, where moto's is off).
#[derive(Deserialize)]
struct Difference {
    scenario: String,
    command: String,
    fields: Vec<String>,
    kind: String,
    reason: String,
    stdout: Option<String>,
    stderr: Option<String>,
}

#[derive(Deserialize, Clone, Debug)]
struct Record {
    command: String,
    exit_code: i64,
    stdout: String,
    stderr: String,
}

#[derive(Deserialize)]
struct Transcript {
    cli: String,
    scenario: String,
    commands: Vec<Record>,
}

fn load_known() -> (Vec<(Regex, String)>, Vec<Difference>) {
    let path = terminal_tests().join("known_differences.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let known: KnownDifferences = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let masks = known.mask.into_iter().map(|m| (Regex::new(&m.pattern).unwrap_or_else(|e| panic!("{}: mask {:?}: {e}", path.display(), m.pattern)), m.replace)).collect();
    for d in &known.difference {
        assert!(["moto", "mock", "cli", "shell"].contains(&d.kind.as_str()), "{}: {}: kind must be moto, mock, cli or shell, not {:?}", path.display(), d.command, d.kind);
        assert!(!d.reason.trim().is_empty(), "{}: {}: a difference needs its reason", path.display(), d.command);
        for f in &d.fields {
            assert!(["exit_code", "stdout", "stderr"].contains(&f.as_str()), "{}: {}: unknown field {f:?}", path.display(), d.command);
        }
    }
    (masks, known.difference)
}

fn mask(masks: &[(Regex, String)], text: &str) -> String {
    masks.iter().fold(text.to_owned(), |t, (re, with)| re.replace_all(&t, with.as_str()).into_owned())
}

/// `labbook shell --json` over the scenario's script and workspace.
fn run_ours(name: &str) -> Vec<Record> {
    let scenarios = terminal_tests().join("scenarios");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_labbook"));
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("..")).args(["shell", "--json"]);
    let workspace = scenarios.join(format!("{name}.workspace"));
    if workspace.is_dir() {
        cmd.arg("--workspace").arg(&workspace);
    }
    let out = cmd.arg(scenarios.join(format!("{name}.sh"))).output().expect("run labbook shell");
    assert!(out.stderr.is_empty(), "{name}: labbook shell wrote to stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{name}: not a JSON record ({e}): {l}")))
        .collect()
}

fn field<'a>(r: &'a Record, name: &str) -> String {
    match name {
        "exit_code" => r.exit_code.to_string(),
        "stdout" => r.stdout.clone(),
        _ => r.stderr.clone(),
    }
}

#[test]
fn labbook_shell_matches_the_recorded_aws_cli() {
    let (masks, differences) = load_known();
    let mut used = vec![false; differences.len()];
    let mut failures = Vec::new();
    let (mut total, mut exact, mut scenarios) = (0, 0, 0);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(terminal_tests().join("transcripts")).expect("transcripts").map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    paths.sort();
    assert!(!paths.is_empty(), "no transcripts: run runtime/terminal/tools/record_transcripts.py");
    for path in paths {
        let transcript: Transcript = serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = transcript.scenario.clone();
        scenarios += 1;
        let ours = run_ours(&name);
        let theirs_cmds: Vec<&str> = transcript.commands.iter().map(|r| r.command.as_str()).collect();
        let ours_cmds: Vec<&str> = ours.iter().map(|r| r.command.as_str()).collect();
        assert_eq!(ours_cmds, theirs_cmds, "{name}: the shell split the script into other command lines than the recorder (re-record?)");
        for (theirs, ours) in transcript.commands.iter().zip(&ours) {
            total += 1;
            let mut same = true;
            let known: BTreeMap<&str, usize> = differences
                .iter()
                .enumerate()
                .filter(|(_, d)| d.scenario == name && d.command == theirs.command)
                .flat_map(|(i, d)| d.fields.iter().map(move |f| (f.as_str(), i)))
                .collect();
            for f in ["exit_code", "stdout", "stderr"] {
                let (t, o) = (mask(&masks, &field(theirs, f)), mask(&masks, &field(ours, f)));
                if let Some(&i) = known.get(f) {
                    let d = &differences[i];
                    let pinned = if f == "stdout" { d.stdout.as_ref() } else if f == "stderr" { d.stderr.as_ref() } else { None };
                    if let Some(p) = pinned
                        && &o != p
                    {
                        failures.push(format!("{name}: `{}`: {f} should be AWS's answer ({}):\n  expected: {p:?}\n  ours:     {o:?}", theirs.command, d.reason));
                    }
                    if t != o {
                        used[i] = true;
                        same = false;
                    }
                } else if t != o {
                    same = false;
                    failures.push(format!("{name}: `{}`: {f} differs from {}\n  cli:  {t:?}\n  ours: {o:?}", theirs.command, transcript.cli));
                }
            }
            if same {
                exact += 1;
            }
        }
    }
    for (d, used) in differences.iter().zip(&used) {
        if !used {
            failures.push(format!("known_differences.toml: {}: `{}` no longer differs in {:?}: remove the entry", d.scenario, d.command, d.fields));
        }
    }
    println!("{scenarios} scenarios, {total} command lines, {exact} exactly as the real CLI, {} known differences", differences.len());
    assert!(failures.is_empty(), "{} differences from the real AWS CLI:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn every_scenario_has_a_transcript() {
    let dir = terminal_tests();
    for entry in std::fs::read_dir(dir.join("scenarios")).expect("scenarios") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "sh") {
            let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
            let transcript = dir.join("transcripts").join(format!("{stem}.json"));
            assert!(transcript.is_file(), "{}: no transcript; record it: python3 runtime/terminal/tools/record_transcripts.py --aws ... {stem}", path.display());
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&transcript).expect("read")).expect("json");
            assert!(v["cli"].as_str().is_some_and(|c| c.starts_with("aws-cli/")), "{}: no CLI version line", transcript.display());
        }
    }
}
