use std::path::Path;

use super::*;

/// A scratch tree: `work/book/src/intro.md`, `work/theme/labbook/labbook.css`.
fn tree() -> (tempfile::TempDir, Vec<Protected>) {
    let t = tempfile::tempdir().unwrap();
    let work = t.path().join("work");
    std::fs::create_dir_all(work.join("book/src")).unwrap();
    std::fs::write(work.join("book/src/intro.md"), "# Intro\n").unwrap();
    std::fs::create_dir_all(work.join("theme/labbook")).unwrap();
    std::fs::write(work.join("theme/labbook/labbook.css"), "body {}\n").unwrap();
    let protected = vec![
        Protected::new(work.join("book"), "the book"),
        Protected::new(work.join("theme"), THEME),
        Protected::new(&work, "the current folder"),
    ];
    (t, protected)
}

fn refusal(out: &Path, protected: &[Protected]) -> String {
    match check(out, protected) {
        Ok(p) => panic!("{} accepted as {}", out.display(), p.display()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn refuses_the_book_the_current_folder_and_their_parents() {
    let (t, protected) = tree();
    let work = t.path().join("work");
    let e = refusal(&work.join("book"), &protected);
    assert!(e.contains("it is the book"), "{e}");
    assert!(e.contains("pass --out with a new folder"), "says what to do: {e}");
    assert!(refusal(&work, &protected).contains("it is the current folder"));
    assert!(refusal(t.path(), &protected).contains("it holds the book"));
    // The same folders spelled with `..` or through a symbolic link.
    assert!(refusal(&work.join("book/src/.."), &protected).contains("it is the book"));
    std::os::unix::fs::symlink(work.join("book"), t.path().join("link")).unwrap();
    assert!(refusal(&t.path().join("link"), &protected).contains("it is the book"));
    assert!(work.join("book/src/intro.md").is_file(), "nothing deleted");
}

#[test]
fn refuses_the_theme_and_folders_inside_it() {
    let (t, protected) = tree();
    let theme = t.path().join("work/theme");
    assert!(refusal(&theme, &protected).contains("it is labbook's theme"));
    assert!(refusal(&theme.join("labbook/site"), &protected).contains("it is inside labbook's theme"));
}

#[test]
fn refuses_a_folder_of_other_files_and_names_some() {
    let (t, protected) = tree();
    let docs = t.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    for f in ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"] {
        std::fs::write(docs.join(f), "mine").unwrap();
    }
    let e = refusal(&docs, &protected);
    assert!(e.contains("not empty (a.txt, b.txt, c.txt and 2 more)"), "{e}");
    assert!(e.contains("no .labbook-site file"), "{e}");
    assert!(docs.join("e.txt").is_file());

    let file = t.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    assert!(refusal(&file, &protected).contains("it is a file"));
    assert!(refusal(Path::new("/"), &protected).contains("a folder of its own"));
}

#[test]
fn accepts_a_new_an_empty_or_a_labbook_folder() {
    let (t, protected) = tree();
    let new = t.path().join("site/nested");
    assert_eq!(check(&new, &protected).unwrap(), t.path().canonicalize().unwrap().join("site/nested"));
    let empty = t.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    check(&empty, &protected).unwrap();
    let marked = t.path().join("marked");
    std::fs::create_dir(&marked).unwrap();
    std::fs::write(marked.join("page.html"), "<p>").unwrap();
    mark(&marked).unwrap();
    check(&marked, &protected).unwrap();
    assert!(std::fs::read_to_string(marked.join(MARKER)).unwrap().starts_with("labbook-site 1\n"));
    // A site built before markers existed.
    let legacy = t.path().join("legacy");
    std::fs::create_dir_all(legacy.join("labbook")).unwrap();
    std::fs::write(legacy.join("index.html"), "<p>").unwrap();
    std::fs::write(legacy.join("labbook/labbook.js"), "").unwrap();
    check(&legacy, &protected).unwrap();
}

fn site(dir: &Path, page: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("index.html"), page).unwrap();
    mark(dir).unwrap();
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn swap_replaces_the_old_site_and_leaves_nothing_behind() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    site(&out, "old");
    std::fs::write(out.join("gone.html"), "only in the old site").unwrap();
    let staging = staging_dir(&out);
    site(&staging, "new");
    swap_in(&staging, &out).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "new");
    assert!(!out.join("gone.html").exists());
    assert_eq!(names(t.path()), ["site"]);

    // Into a folder that does not exist yet.
    let fresh = t.path().join("fresh");
    site(&staging_dir(&fresh), "first");
    swap_in(&staging_dir(&fresh), &fresh).unwrap();
    assert_eq!(std::fs::read_to_string(fresh.join("index.html")).unwrap(), "first");
}

#[test]
fn a_failed_swap_puts_the_old_site_back() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    site(&out, "old");
    let missing = t.path().join("no-staging");
    assert!(swap_in(&missing, &out).is_err());
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
    assert_eq!(names(t.path()), ["site"]);
}

#[test]
fn leftovers_of_an_interrupted_build_are_cleared() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    site(&out, "current");
    // Killed while rendering, and killed between the two renames of an earlier swap.
    std::fs::create_dir_all(t.path().join(".site.partial/half")).unwrap();
    site(&t.path().join(".site.old"), "older");
    clear_leftovers(&out).unwrap();
    assert_eq!(names(t.path()), ["site"]);
    clear_leftovers(&out).unwrap();
}
