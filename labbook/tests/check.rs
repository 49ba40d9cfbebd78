//! `labbook check` on the real book and on a fixture book full of mistakes.

mod common;

#[test]
fn the_course_book_passes_check() {
    let out = common::labbook(&common::root(), &["check"]);
    assert!(out.status.success(), "{}", common::text(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("The book is fine"));
}

#[test]
fn every_mistake_is_reported_as_file_line_message() {
    let book = common::fixture("broken-book");
    let out = common::labbook(&book, &["--book", ".", "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", common::text(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let expect = [
        "src/SUMMARY.md:6: chapter `part/missing.md` does not exist",
        "src/start.md:7: link `part/nope.md` points to chapter part/nope.md which does not exist",
        "src/start.md:7: link `part/index.md#detials`: part/index.md has no anchor `#detials`; anchors there include #details",
        "src/start.md:11: no lab `no-such-lab`",
        "src/start.md:13: unknown directive `{{#labz}}`",
        "src/part/index.md:5: link `../../book.toml` points outside the book's source folder",
    ];
    for e in expect {
        assert!(lines.iter().any(|l| l.starts_with(e)), "missing `{e}` in:\n{stdout}");
    }
    assert_eq!(lines.len(), expect.len(), "no other problems (good links, code spans): {stdout}");
}

#[test]
fn check_writes_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    common::copy_book(&common::fixture("broken-book"), scratch.path());
    let before = listing(scratch.path());
    let out = common::labbook(scratch.path(), &["--book", ".", "check"]);
    // It really checked (and found the fixture's mistakes), rather than failing to start.
    assert_eq!(out.status.code(), Some(1), "{}", common::text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("src/SUMMARY.md:6:"), "{}", common::text(&out));
    assert_eq!(listing(scratch.path()), before);
}

fn listing(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            all.push(p);
        }
    }
    all.sort();
    all
}
