//! `labbook lab run`, `labbook lab test` and `labbook shell --lab` on the book's terminal labs:
//! the transcript and grade, a failing script's exit status, and a session that starts where
//! the lab starts.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn labbook(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_labbook"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run labbook");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn lab_run_prints_the_solutions_transcript_and_grade() {
    let out = labbook(&["lab", "run", "cli-reserved-concurrency"], "");
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("$ aws lambda put-function-concurrency --function-name report-builder \\\n>     --reserved-concurrent-executions 0\n"), "{stdout}");
    assert!(text(&out.stderr).contains("(TooManyRequestsException) when calling the Invoke operation"));
    assert!(stdout.contains("✔ function `report-builder`: reserved concurrency 5\n"), "{stdout}");
    assert!(stdout.ends_with("Grade: 4/4 checks — passed\n"), "{stdout}");
}

#[test]
fn lab_run_with_a_script_that_misses_a_step_fails_and_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("mine.sh");
    std::fs::write(&script, "aws lambda put-function-concurrency --function-name report-builder --reserved-concurrent-executions 5\n").unwrap();
    let out = labbook(&["lab", "run", "cli-reserved-concurrency", "--code", script.to_str().unwrap()], "");
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("✘ you ran `aws lambda put-function-concurrency --reserved-concurrent-executions 0` (exit status 0)\n      Stop the function first"), "{stdout}");
    assert!(stdout.contains("Grade: 1/4 checks\n"), "{stdout}");
}

#[test]
fn shell_with_a_lab_starts_from_its_workspace_and_setup() {
    let out = labbook(&["shell", "--lab", "cli-fix-deployment", "--json"], "ls\nunzip -l function.zip\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let records: Vec<serde_json::Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records[0], serde_json::json!({"command": "ls", "exit_code": 0, "stdout": "app  function.zip\n", "stderr": ""}));
    assert!(records[1]["stdout"].as_str().unwrap().contains("app/lambda_function.py"), "the broken package setup.sh left: {}", records[1]);
    let out = labbook(&["shell", "--lab", "first-handler"], "");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("`first-handler` is not a terminal lab"), "{}", text(&out.stderr));
}

#[test]
fn lab_test_checks_terminal_labs_like_the_others() {
    let out = labbook(&["lab", "test", "cli-deploy-function", "cli-invoke-testing"], "");
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "ok    cli-deploy-function\nok    cli-invoke-testing\n2 passed, 0 failed\n");
}
