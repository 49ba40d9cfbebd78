//! The preprocessor binary speaks mdBook's protocol: `supports <renderer>` and a JSON
//! `[context, book]` on stdin answered by the processed book on stdout.

use std::io::Write;
use std::process::{Command, Stdio};

use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-labbook-quiz");

const QUIZ: &str = "title = \"Basics\"\n[[questions]]\nkind = \"short\"\nid = \"region\"\nprompt = \"Which Region?\"\nanswer = \"eu-north-1\"\nexplanation = \"Stockholm.\"\n";

/// Runs the binary on a book at `root` with these chapters (on disk too, with a SUMMARY.md:
/// the course model reads the chapters' sources, as mdBook does).
fn run_on(root: &std::path::Path, chapters: &[(&str, &str)]) -> std::process::Output {
    std::fs::create_dir_all(root.join("src")).unwrap();
    let summary: String = chapters.iter().map(|(path, _)| format!("- [{path}]({path})\n")).collect();
    std::fs::write(root.join("src/SUMMARY.md"), summary).unwrap();
    for (path, content) in chapters {
        std::fs::write(root.join("src").join(path), content).unwrap();
    }
    let ctx = PreprocessorContext::new(root.to_path_buf(), Config::default(), "html".into());
    let mut book = Book::new();
    for (path, content) in chapters {
        book.push_item(Chapter::new(path, (*content).to_owned(), *path, Vec::new()));
    }
    let input = serde_json::to_vec(&(ctx, book)).unwrap();
    let mut child = Command::new(BIN).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn supports_html_only() {
    assert!(Command::new(BIN).args(["supports", "html"]).status().unwrap().success());
    assert!(!Command::new(BIN).args(["supports", "markdown"]).status().unwrap().success());
}

#[test]
fn expands_quizzes_and_progress_over_stdin_and_stdout() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("quizzes")).unwrap();
    std::fs::write(root.path().join("quizzes/basics.toml"), QUIZ).unwrap();
    let out = run_on(root.path(), &[("intro.md", "# Intro\n\n{{#quiz basics.toml}}\n\n{{#include x.md}}\n"), ("progress.md", "{{#progress}}")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let book: Book = serde_json::from_slice(&out.stdout).unwrap();
    let BookItem::Chapter(intro) = &book.items[0] else { panic!("a chapter") };
    assert!(intro.content.contains(r#"data-labbook-quiz="basics""#), "{}", intro.content);
    assert!(!intro.content.contains("eu-north-1") && !intro.content.contains("Stockholm"), "no answer, no explanation");
    assert!(intro.content.contains("{{#include x.md}}"), "mdBook's own directives are left for mdBook");
    let BookItem::Chapter(progress) = &book.items[1] else { panic!("a chapter") };
    assert!(progress.content.contains(r#"data-labbook-progress-quiz="basics" data-max="1""#), "{}", progress.content);
}

#[test]
fn a_bad_quiz_fails_with_the_quiz_files_line() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("quizzes")).unwrap();
    std::fs::write(root.path().join("quizzes/basics.toml"), QUIZ.replace("kind = \"short\"", "kind = \"essay\"")).unwrap();
    let out = run_on(root.path(), &[("intro.md", "{{#quiz basics.toml}}\n{{#quiz missing.toml}}")]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("basics.toml:3: unknown question kind `essay`"), "{stderr}");
    assert!(stderr.contains("intro.md:2: no quiz `missing.toml`"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing half-written on stdout");
}
