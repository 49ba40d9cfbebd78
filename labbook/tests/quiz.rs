//! Quizzes in the real book, through `labbook`: a malformed quiz or a code question whose
//! reference solution fails its checks is reported by `check` and fails `build`, as
//! `quizzes/<file>.toml:LINE: message`; a good build places every part quiz and the progress page.

mod common;

use std::sync::Mutex;

use common::read;

/// `labbook build` regenerates the shared dev runtime bundle (target/labs-wasm); two builds at
/// once from this file's parallel tests would race on it.
static ONE_BUILD_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not found"));
    text[..at].lines().count() + 1
}

#[test]
fn broken_quizzes_are_reported_by_check_and_fail_the_build() {
    let _serial = ONE_BUILD_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let scratch = tempfile::tempdir().unwrap();
    let book = scratch.path().join("book");
    common::copy_book(&common::book(), &book);
    let quiz_path = book.join("quizzes/part1.toml");
    let original = read(&quiz_path);
    // The trust-policy question's answer index out of range, and the code question's solution wrong.
    let broken = original
        .replacen("options = [\"`ec2.amazonaws.com`\"", "options = [\"`ec2.amazonaws.com`\"", 1)
        .replacen("answer = 1\nexplanation = \"\"\"\nThe trust policy", "answer = 7\nexplanation = \"\"\"\nThe trust policy", 1)
        .replace("f\"Hello, {name}!\"", "f\"Hi, {name}!\"");
    assert_ne!(broken, original);
    std::fs::write(&quiz_path, &broken).unwrap();
    let index_line = line_of(&broken, "answer = 7");
    let solution_line = line_of(&broken, "solution = \"\"\"");

    let check = common::labbook(scratch.path(), &["--book", "book", "check"]);
    assert_eq!(check.status.code(), Some(1), "{}", common::text(&check));
    let stdout = String::from_utf8_lossy(&check.stdout);
    let expect_index = format!("book/quizzes/part1.toml:{index_line}: answer index 7 is out of range: there are 4 options");
    assert!(stdout.lines().any(|l| l.starts_with(&expect_index)), "missing `{expect_index}` in:\n{stdout}");
    assert_eq!(stdout.matches(&expect_index).count(), 1, "reported once:\n{stdout}");

    // With the index fixed, the failing reference solution is what check and build report.
    let only_solution = broken.replacen("answer = 7", "answer = 1", 1);
    std::fs::write(&quiz_path, &only_solution).unwrap();
    let expect_solution = format!("quizzes/part1.toml:{solution_line}: the reference solution of question `hello-name` fails its checks");
    let check = common::labbook(scratch.path(), &["--book", "book", "check"]);
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains(&expect_solution), "missing `{expect_solution}` in:\n{stdout}");
    let build = common::labbook(scratch.path(), &["--book", "book", "build", "--dev-runtime", "--out", "site"]);
    assert!(!build.status.success());
    let stderr = String::from_utf8_lossy(&build.stderr);
    assert!(stderr.contains(&expect_solution), "build names the quiz line:\n{stderr}");
}

#[test]
fn the_built_site_has_every_part_quiz_and_the_progress_page() {
    let _serial = ONE_BUILD_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    let out = common::labbook(&common::root(), &["build", "--dev-runtime", "--out", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::text(&out));
    for n in 1..=4 {
        let page = read(&site.join(format!("part{n}/summary.html")));
        assert!(page.contains(&format!(r#"data-labbook-quiz="part{n}""#)), "part {n} summary has its quiz");
        assert!(page.contains(r#"class="labbook-quiz-data""#));
        assert!(page.contains(r#"src="../labbook/quiz.js""#), "quiz script linked relatively");
    }
    let progress = read(&site.join("progress.html"));
    for n in 1..=4 {
        assert!(progress.contains(&format!(r#"data-labbook-progress-quiz="part{n}" data-max=""#)), "progress lists part{n}");
    }
    assert!(progress.contains(r#"data-labbook-progress-lab="s3-csv-validation""#), "progress lists labs");
    assert!(progress.contains(r#"<a href="part1/summary.html">"#), "chapter links relative to the page");
    for f in ["labbook/quiz.js", "labbook/quiz.css", "labbook/progress.js"] {
        assert!(site.join(f).is_file(), "missing {f}");
    }
    // Quiz questions are graded through the runtime's one entry point (browser-tests/quiz.test.mjs
    // grades them for real); the code questions' checks and explanations are sealed.
    let glue = read(&site.join("labbook/wasm/labs_wasm.js"));
    assert!(glue.contains("export function handle"), "the runtime's one entry point");
    let part1 = read(&site.join("part1/summary.html"));
    assert!(part1.contains(r#""kind":"code""#) && !part1.contains(r#""lab":"#), "a code question carries no lab in clear");
}
