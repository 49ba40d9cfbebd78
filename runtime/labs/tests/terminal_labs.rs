//! The course's terminal labs (`book/labs/*` with a `[terminal]` table): each reference
//! `solution.sh` passes every check and each starter (no commands, or `starter.sh`) fails;
//! and the facts the labs teach hold in the simulated account (what the failures say).

use std::path::{Path, PathBuf};

use labs::terminal_lab::{self, CommandRecord};
use labs::{Grade, Lab};

fn labs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../book/labs")
}

fn terminal_labs() -> Vec<Lab> {
    let labs: Vec<Lab> = labs::load_all(&labs_dir()).unwrap_or_else(|e| panic!("{e}")).into_iter().filter(Lab::is_terminal_lab).collect();
    assert!(labs.len() >= 6, "expected the six terminal labs, found {}", labs.len());
    labs
}

fn failures(grade: &Grade) -> String {
    grade
        .cases
        .iter()
        .flat_map(|c| c.checks.iter().filter(|k| !k.passed).map(move |k| format!("  [{}] {}: {}\n", grade.lab, k.description, k.message)))
        .collect()
}

fn transcript(records: &[CommandRecord]) -> String {
    records.iter().map(|r| format!("$ {}\n{}{}[exit {}]\n", r.command, r.stdout, r.stderr, r.exit_code)).collect()
}

#[test]
fn every_solution_passes_and_every_starter_fails() {
    let mut problems = String::new();
    for lab in terminal_labs() {
        let (records, grade) = terminal_lab::run_and_grade(&lab, &lab.solution);
        if !grade.passed() {
            problems.push_str(&format!("{} solution.sh fails:\n{}{}\n", lab.id, failures(&grade), transcript(&records)));
        }
        let starter = labs::grade(&lab, &lab.starter, true);
        if starter.passed() {
            problems.push_str(&format!("{}: the starter already passes every check\n", lab.id));
        }
        if starter.cases.iter().flat_map(|c| &c.checks).any(|k| !k.passed && k.message.is_empty()) {
            problems.push_str(&format!("{}: a failed check has no message\n", lab.id));
        }
    }
    assert!(problems.is_empty(), "{problems}");
}

#[test]
fn a_terminal_lab_folder_loads_its_workspace_and_scripts_and_names_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let lab_dir = dir.path().join("my-lab");
    std::fs::create_dir_all(lab_dir.join("workspace/app")).unwrap();
    std::fs::write(lab_dir.join("lab.toml"), "title = \"t\"\nbrief = \"b\"\n[terminal]\n[[terminal.checks]]\nran = { command = \"cat app/notes.txt\", stdout_contains = \"set up\" }\n").unwrap();
    std::fs::write(lab_dir.join("workspace/app/notes.txt"), "notes\n").unwrap();
    std::fs::write(lab_dir.join("setup.sh"), "echo 'set up' >> app/notes.txt\n").unwrap();
    let missing = Lab::load(&lab_dir).unwrap_err().to_string();
    assert!(missing.starts_with(&format!("{}:1: cannot read", lab_dir.join("solution.sh").display())), "{missing}");
    std::fs::write(lab_dir.join("solution.sh"), "cat app/notes.txt\n").unwrap();
    let lab = Lab::load(&lab_dir).unwrap();
    let files = lab.terminal.as_ref().unwrap();
    assert_eq!(files.workspace.keys().collect::<Vec<_>>(), ["app/notes.txt"]);
    assert_eq!(lab.starter, "", "no starter.sh: the starting state runs nothing");
    let (records, grade) = terminal_lab::run_and_grade(&lab, &lab.solution);
    assert_eq!(records[0].stdout, "notes\nset up\n", "setup.sh ran in the workspace");
    assert!(grade.passed());
    assert!(!labs::grade(&lab, &lab.starter, true).passed());
}
