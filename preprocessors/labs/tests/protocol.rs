//! The preprocessor binary speaks mdBook's protocol: `supports <renderer>` and a JSON
//! `[context, book]` on stdin answered by the processed book on stdout.

use std::io::Write;
use std::process::{Command, Stdio};

use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-labbook-labs");

#[test]
fn supports_html_only() {
    let ok = Command::new(BIN).args(["supports", "html"]).status().unwrap();
    assert!(ok.success());
    let no = Command::new(BIN).args(["supports", "markdown"]).status().unwrap();
    assert!(!no.success());
}

/// Runs the binary on a book at `root` whose one chapter, `src/intro.md`, is `content` (on
/// disk too: the course model reads SUMMARY.md and the chapters' sources, as mdBook does).
fn run_on(root: &std::path::Path, content: &str) -> std::process::Output {
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("src/SUMMARY.md"), "[Intro](intro.md)\n").unwrap();
    std::fs::write(root.join("src/intro.md"), content).unwrap();
    let ctx = PreprocessorContext::new(root.to_path_buf(), Config::default(), "html".into());
    let mut book = Book::new();
    book.push_item(Chapter::new("Intro", content.to_owned(), "intro.md", Vec::new()));
    let input = serde_json::to_vec(&(ctx, book)).unwrap();
    let mut child = Command::new(BIN)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn expands_directives_over_stdin_and_stdout() {
    let root = tempfile::tempdir().unwrap();
    let lab = root.path().join("labs/first-handler");
    std::fs::create_dir_all(&lab).unwrap();
    std::fs::write(
        lab.join("lab.toml"),
        "title = \"Your first handler\"\nbrief = \"Return 1.\"\n[[cases]]\nname = \"one\"\nsteps = [ { invoke = {} } ]\nchecks = [ { returned = { equals = 1 } } ]\n",
    )
    .unwrap();
    std::fs::write(lab.join("starter.py"), "def lambda_handler(event, context):\n    return 0\n").unwrap();
    std::fs::write(lab.join("solution.py"), "def lambda_handler(event, context):\n    return 1\n").unwrap();
    let out = run_on(root.path(), "# Intro\n\n{{#lab first-handler}}\n\n{{#runtime-check}}\n\n{{#include other.md}}\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let book: Book = serde_json::from_slice(&out.stdout).unwrap();
    let BookItem::Chapter(ch) = &book.items[0] else { panic!("a chapter") };
    assert!(ch.content.contains(r#"data-labbook-lab="first-handler""#), "{}", ch.content);
    assert!(ch.content.contains("Lab: Your first handler"));
    assert!(ch.content.contains("data-labbook-runtime"));
    assert!(ch.content.contains("{{#include other.md}}"), "mdBook's own directives are left for mdBook");
}

#[test]
fn a_bad_directive_fails_with_file_and_line() {
    let root = tempfile::tempdir().unwrap();
    let out = run_on(root.path(), "# Intro\n\ntext\n\n{{#lab missing}}\n");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("intro.md:5: no lab `missing`"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing half-written on stdout");
}
