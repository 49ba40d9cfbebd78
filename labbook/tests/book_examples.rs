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
use std::path::{Path, PathBuf};
use std::rc::Rc;

use lab_python::{Engine, FunctionConfig, Outcome};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// A fenced code block: info string, text, line of the fence.
struct Block {
    info: String,
    text: String,
    line: usize,
}

fn blocks(source: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in Parser::new(source).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = source[..range.start].lines().count() + 1;
                current = Some(Block { info: info.to_string(), text: String::new(), line });
            }
            Event::Text(t) => {
                if let Some(b) = current.as_mut() {
                    b.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

fn chapters(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            chapters(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

fn lang(info: &str) -> (&str, bool) {
    let mut parts = info.split([',', ' ']).filter(|p| !p.is_empty());
    let lang = parts.next().unwrap_or("");
    (lang, parts.any(|p| p == "fragment"))
}

#[test]
fn every_handler_in_the_book_runs_and_every_json_block_parses() {
    let mut files = Vec::new();
    chapters(&common::book().join("src"), &mut files);
    files.sort();
    let mut failures = Vec::new();
    let mut handlers = 0;
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        let shown = file.strip_prefix(common::root()).unwrap_or(file).display().to_string();
        let blocks = blocks(&source);
        for (i, block) in blocks.iter().enumerate() {
            let (lang, fragment) = lang(&block.info);
            if lang == "json" {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&block.text) {
                    failures.push(format!("{shown}:{}: JSON block does not parse: {e}", block.line));
                }
                continue;
            }
            if lang != "python" || fragment || !block.text.contains("def lambda_handler(") {
                continue;
            }
            let is_json = |b: Option<&Block>| b.filter(|b| lang_of(&b.info) == "json").map(|b| b.text.clone());
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
    assert!(handlers >= 20, "expected the book to have runnable handlers, found {handlers}");
    assert!(failures.is_empty(), "{} problem(s) in the book's examples:\n{}", failures.len(), failures.join("\n"));
}

fn lang_of(info: &str) -> &str {
    lang(info).0
}
