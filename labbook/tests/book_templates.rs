//! Every SAM/CloudFormation template in the book passes `cfn-lint`.
//!
//! A template is a ```yaml (or ```json) block that says it is one: a top-level
//! `AWSTemplateFormatVersion`, `Transform: AWS::Serverless-...` or `Resources`. Blocks marked
//! ```yaml,fragment are parts of a template and are skipped; the book shows outlines that are
//! not meant to deploy as ```text.
//!
//! Policy: cfn-lint's errors (E) and warnings (W) fail the test; informational findings (I) do
//! not. Warnings are kept because in a course they are mistakes too (an unused parameter, a
//! runtime about to be deprecated, a needless `!Sub`): a learner copies the template as shown.
//!
//! cfn-lint (pinned in `common/book-tools-requirements.txt`, installed into
//! `target/book-tools-venv` on first run) takes seconds to start, so all templates are linted in
//! one invocation and its JSON findings are mapped back to chapter lines. A known-bad canary
//! template rides along and must be reported at its line, so a cfn-lint that silently checks
//! nothing, or a broken line mapping, fails the test instead of passing it.

mod common;

use std::collections::BTreeMap;
use std::process::Command;
use std::time::Instant;

use common::book::Block;
use serde_json::Value;

/// The canary: a SAM template with one error cfn-lint must find, on line 7 (`Timeout` is a list,
/// not an integer: E3012 in cfn-lint 1.58; any error on that line will do).
const CANARY: &str = "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Canary:\n    Type: AWS::Serverless::Function\n    Properties:\n      Timeout: [1, 2]\n      Runtime: python3.13\n      Handler: app.handler\n      CodeUri: src/\n";
const CANARY_LINE: u64 = 7;

#[test]
fn every_template_in_the_book_passes_cfn_lint() {
    let templates: Vec<Block> = common::book::all_blocks().into_iter().flatten().filter(|b| b.is_template()).collect();
    assert!(templates.len() >= 15, "expected the book's SAM/CloudFormation templates, found {}", templates.len());

    let python = common::venv::book_tools_python();
    let cfn_lint = python.parent().unwrap().join("cfn-lint");
    let dir = tempfile::tempdir().unwrap();
    let mut files = BTreeMap::new();
    for (i, block) in templates.iter().enumerate() {
        let ext = if block.lang() == "json" { "json" } else { "yaml" };
        let path = dir.path().join(format!("template-{i:03}.{ext}"));
        std::fs::write(&path, &block.text).unwrap();
        files.insert(path.display().to_string(), i);
    }
    let canary = dir.path().join("canary.yaml");
    std::fs::write(&canary, CANARY).unwrap();

    let started = Instant::now();
    let out = Command::new(&cfn_lint)
        .args(["--format", "json", "--"])
        .args(files.keys())
        .arg(&canary)
        .output()
        .unwrap_or_else(|e| panic!("running {}: {e}", cfn_lint.display()));
    eprintln!("cfn-lint: {} templates in {:.1?}", templates.len(), started.elapsed());
    // Exit status is a bit mask (2 errors, 4 warnings, 8 informational); 1 means cfn-lint failed.
    let findings: Vec<Value> = match serde_json::from_slice(&out.stdout) {
        Ok(v) if out.status.code() != Some(1) => v,
        _ => panic!(
            "cfn-lint did not run ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    };

    let mut failures = Vec::new();
    let mut canary_seen = false;
    for finding in &findings {
        let file = finding["Filename"].as_str().unwrap_or_default();
        let level = finding["Level"].as_str().unwrap_or_default();
        let rule = finding["Rule"]["Id"].as_str().unwrap_or("?");
        let message = finding["Message"].as_str().unwrap_or_default();
        let line = finding["Location"]["Start"]["LineNumber"].as_u64().unwrap_or(1);
        if file == canary.display().to_string() {
            canary_seen |= level == "Error" && line == CANARY_LINE;
            continue;
        }
        if level == "Informational" {
            continue;
        }
        let Some(&i) = files.get(file) else {
            failures.push(format!("cfn-lint reported on an unknown file {file}: {rule} {message}"));
            continue;
        };
        let block = &templates[i];
        failures.push(format!(
            "{}: cfn-lint {rule} ({level}): {message} (fix the template, or mark the block ```{},fragment if it is deliberately partial)",
            block.at(line.saturating_sub(1) as usize),
            block.lang()
        ));
    }
    assert!(
        canary_seen,
        "cfn-lint did not report the canary's error at line {CANARY_LINE}, so its findings cannot be trusted:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        failures.is_empty(),
        "{} cfn-lint finding(s) in the book's templates:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
