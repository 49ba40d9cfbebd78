//! The course's labs (`book/labs/*`): every reference solution passes every case, hidden ones
//! included, and every starter fails; and a broken `lab.toml` is reported as `file:line:`.

use std::path::{Path, PathBuf};

use labs::{Grade, Lab};

fn labs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../book/labs")
}

/// The handler labs (terminal labs have their own test, `terminal_labs.rs`).
fn course_labs() -> Vec<Lab> {
    let labs = labs::load_all(&labs_dir()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!labs.is_empty(), "no labs under {}", labs_dir().display());
    labs.into_iter().filter(|l| !l.is_terminal_lab()).collect()
}

/// Every failed check of `grade`, one per line, with its case.
fn failures(grade: &Grade) -> String {
    let mut out = String::new();
    for case in &grade.cases {
        for check in case.checks.iter().filter(|c| !c.passed) {
            let hidden = if case.run.hidden { " (hidden)" } else { "" };
            out.push_str(&format!(
                "  [{}] case `{}`{hidden}: {}: {}\n",
                grade.lab, case.run.name, check.description, check.message
            ));
        }
    }
    out
}

#[test]
fn every_solution_passes_every_case() {
    let mut problems = String::new();
    for lab in course_labs() {
        let grade = labs::grade(&lab, &lab.solution, true);
        let ran = grade.cases.len();
        assert_eq!(ran, lab.def.cases.len(), "lab {}: not every case ran", lab.id);
        if !grade.passed() {
            problems.push_str(&failures(&grade));
        }
    }
    assert!(problems.is_empty(), "reference solutions fail checks:\n{problems}");
}

#[test]
fn every_starter_fails() {
    let passing: Vec<String> = course_labs()
        .into_iter()
        .filter(|lab| labs::grade(lab, &lab.starter, true).passed())
        .map(|lab| lab.id)
        .collect();
    assert!(passing.is_empty(), "these labs' starters already pass every check: {passing:?}");
}

#[test]
fn every_lab_has_a_brief_hints_and_visible_and_hidden_cases() {
    for lab in course_labs() {
        let id = &lab.id;
        assert!(!lab.def.brief.trim().is_empty(), "lab {id}: empty brief");
        assert!(lab.def.hints.len() >= 2, "lab {id}: wants at least 2 hints");
        let visible = lab.def.cases.iter().filter(|c| !c.hidden).count();
        let hidden = lab.def.cases.len() - visible;
        assert!(visible >= 2, "lab {id}: wants at least 2 visible cases");
        assert!(hidden >= 1, "lab {id}: wants at least 1 hidden case");
        for case in &lab.def.cases {
            for check in &case.checks {
                assert!(
                    check.message.as_deref().is_some_and(|m| !m.trim().is_empty()),
                    "lab {id}, case `{}`: every check needs a learner-facing message",
                    case.name
                );
            }
        }
        assert_ne!(lab.starter.trim(), lab.solution.trim(), "lab {id}: the starter is the solution");
        assert!(lab.starter.contains("TODO"), "lab {id}: the starter should guide with TODO comments");
    }
}

#[test]
fn a_malformed_lab_toml_is_reported_with_its_line() {
    let dir = std::env::temp_dir().join(format!("labbook-course-labs-{}-{}", std::process::id(), line!()));
    let lab = dir.join("broken-lab");
    std::fs::create_dir_all(&lab).unwrap();
    // Line 4 has a string where a number belongs.
    let toml = "title = \"Broken\"\nbrief = \"x\"\n[function]\ntimeout = \"ten\"\n[[cases]]\nname = \"c\"\nsteps = []\nchecks = []\n";
    std::fs::write(lab.join("lab.toml"), toml).unwrap();
    std::fs::write(lab.join("starter.py"), "def lambda_handler(event, context):\n    pass\n").unwrap();
    std::fs::write(lab.join("solution.py"), "def lambda_handler(event, context):\n    pass\n").unwrap();

    let err = labs::load_all(&dir).expect_err("a malformed lab.toml must not load");
    let _ = std::fs::remove_dir_all(&dir);
    let shown = err.to_string();
    let prefix = format!("{}:", lab.join("lab.toml").display());
    assert!(shown.starts_with(&prefix), "expected `{prefix}<line>: ...`, got {shown:?}");
    let line = shown[prefix.len()..].split(':').next().unwrap_or("");
    assert_eq!(line, "4", "the error should point at line 4: {shown}");
    assert_eq!(err.line, 4);
}
