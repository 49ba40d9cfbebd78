//! Every complete Python handler in the book runs in the lab runtime, with the event the text
//! shows next to it, and returns without an error; every JSON block is valid JSON.
//!
//! A handler block is a ```python fence defining `lambda_handler` (blocks marked
//! ```python,fragment are parts of a larger program and are skipped). Its event is the
//! ```json block right before it, or right after it; without one it gets `{}`. Each runs
//! against an empty mock account, as a fresh function would. Failures name the chapter file
//! and line.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::book::Block;
use lab_python::{Engine, FunctionConfig, Outcome};

#[test]
fn every_handler_in_the_book_runs_and_every_json_block_parses() {
    let mut failures = Vec::new();
    let mut handlers = 0;
    for blocks in common::book::all_blocks() {
        for (i, block) in blocks.iter().enumerate() {
            let (lang, fragment) = (block.lang(), block.fragment());
            let shown = &block.file;
            if lang == "json" {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&block.text) {
                    failures.push(format!("{shown}:{}: JSON block does not parse: {e}", block.line));
                }
                continue;
            }
            if lang != "python" || fragment || !block.text.contains("def lambda_handler(") {
                continue;
            }
            let is_json = |b: Option<&Block>| b.filter(|b| b.lang() == "json").map(|b| b.text.clone());
            let event = is_json(i.checked_sub(1).and_then(|j| blocks.get(j)))
                .or_else(|| is_json(blocks.get(i + 1)))
                .unwrap_or_else(|| "{}".into());
            handlers += 1;
            let cloud = Rc::new(RefCell::new(mock_cloud::Cloud::default()));
            let mut config = FunctionConfig::with_code(&block.text);
            config.timeout_ms = 10_000;
            let report = Engine::new(config).invoke(&event, Rc::new(labs::CloudHost::new(cloud)));
            if let Outcome::Failed(e) = &report.outcome {
                let at = e.location.as_ref().map(|l| block.line + l.line as usize).unwrap_or(block.line);
                failures.push(format!(
                    "{shown}:{at}: handler failed with {}: {} (mark it ```python,fragment if it is not meant to run alone)\n{}",
                    e.error_type,
                    e.error_message,
                    report.log_text()
                ));
            }
        }
    }
    eprintln!("book examples: {handlers} handlers run");
    assert!(handlers >= 20, "expected the book to have runnable handlers, found {handlers}");
    assert!(failures.is_empty(), "{} problem(s) in the book's examples:\n{}", failures.len(), failures.join("\n"));
}
