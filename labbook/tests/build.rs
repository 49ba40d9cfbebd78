//! `labbook build` of the real book: a complete static site with relative URLs, search index
//! and the lab runtime; a failed build that leaves the previous site untouched; and the
//! output folders a build refuses to replace.

mod common;

use std::path::Path;

use common::read;

fn html_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
}

#[test]
fn builds_the_course_into_a_complete_static_site() {
    let scratch = tempfile::tempdir().unwrap();
    let site = scratch.path().join("site");
    let out = common::labbook(&common::root(), &["build", "--dev-runtime", "--out", site.to_str().unwrap()]);
    assert!(out.status.success(), "{}", common::text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for step in ["[1/3] Compiling the lab runtime", "[2/3] Rendering the book", "[3/3] Copying theme assets, the lab runtime and the labs", "Built "] {
        assert!(stderr.contains(step), "progress shows `{step}`:\n{stderr}");
    }

    // Every chapter in SUMMARY.md became a page.
    let summary = read(&common::book().join("src/SUMMARY.md"));
    let chapters: Vec<&str> = summary
        .lines()
        .filter_map(|l| l.split_once("](").map(|(_, rest)| rest.trim_end_matches(')')))
        .collect();
    assert!(chapters.len() > 40, "{chapters:?}");
    for ch in &chapters {
        let page = site.join(ch.replace(".md", ".html"));
        assert!(page.is_file(), "missing page {}", page.display());
    }
    for f in ["index.html", "404.html", "print.html", "toc.html", "labbook/labbook.css", "labbook/labbook.js"] {
        assert!(site.join(f).is_file(), "missing {f}");
    }

    // The IAM chapter teaches the execution role, and the search index knows it.
    let iam = read(&site.join("part1/setup/iam.html"));
    assert!(iam.contains("execution role"));
    let index = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("searchindex") && p.extension().is_some_and(|x| x == "js"))
        .expect("a searchindex-*.js");
    let index = read(&index);
    assert!(index.contains("part1/setup/iam.html"), "IAM chapter indexed");
    assert!(index.to_lowercase().contains("execution"), "its words indexed");

    // The lab runtime: a real wasm module and its wasm-bindgen glue.
    let wasm = std::fs::read(site.join("labbook/wasm/labs_wasm_bg.wasm")).unwrap();
    assert_eq!(&wasm[..4], b"\0asm", "wasm magic number");
    let glue = read(&site.join("labbook/wasm/labs_wasm.js"));
    assert!(glue.contains("export function handle"), "glue exports the one entry point");
    assert!(glue.contains("instantiateStreaming"), "glue compiles while downloading");
    // Pages with a terminal load a runtime of their own; plain lab pages' has none of it.
    let terminal = std::fs::read(site.join("labbook/wasm-terminal/labs_wasm_bg.wasm")).unwrap();
    assert!(read(&site.join("labbook/wasm-terminal/labs_wasm.js")).contains("export function handle"));
    let has = |module: &[u8], text: &str| module.windows(text.len()).any(|w| w == text.as_bytes());
    assert!(has(&terminal, "Found invalid choice"), "the terminal's runtime has the aws CLI");
    assert!(!has(&wasm, "Found invalid choice"), "the plain runtime has no aws CLI");

    // Pages reach assets relatively, so the site works under any path prefix.
    assert!(iam.contains(r#"href="../../labbook/labbook.css""#), "nested page links our CSS relatively");
    assert!(iam.contains(r#"src="../../labbook/labbook.js""#));
    let mut pages = Vec::new();
    html_files(&site, &mut pages);
    for page in pages.iter().filter(|p| !p.ends_with("404.html")) {
        let html = read(page);
        for attr in [r#"href="/"#, r#"src="/"#] {
            if let Some(i) = html.find(attr) {
                let snippet: String = html[i..].chars().take(60).collect();
                assert!(snippet.starts_with(r#"href="//"#), "{}: root-absolute URL {snippet}", page.display());
            }
        }
        assert!(!html.contains("{{#runtime-check"), "{}: unexpanded directive", page.display());
    }
    // Every lab's data, as the panel loads it: the public part readable, the rest sealed.
    let lab: serde_json::Value = serde_json::from_str(&read(&site.join("labbook/labs/s3-csv-validation.json"))).unwrap();
    assert_eq!(lab["public"]["id"], "s3-csv-validation");
    assert!(lab["public"]["starter"].as_str().unwrap().contains("def lambda_handler"));
    assert!(lab["sealed"].as_str().is_some_and(|s| s.len() > 1000));
    assert!(site.join("labbook/lab-worker.js").is_file());

    // No answer can be found by searching the site's files.
    let secrets = common::secrets::of_book(&common::book());
    assert!(secrets.len() > 100, "the search looks for something: {} secrets", secrets.len());
    let found = common::secrets::found_in(&site, &secrets);
    assert!(found.is_empty(), "answers readable in the site:\n{}", found.join("\n"));
    // The key that opens them is compiled into the runtime and in no other file of the site.
    let target = std::env::var_os("CARGO_TARGET_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| "target".into());
    let key = read(&common::root().join(target).join("labbook-seal.key"));
    let holders = common::secrets::found_in(&site, &[common::secrets::Secret { text: key.trim().to_owned(), what: "the seal key".into() }]);
    assert_eq!(holders.len(), 2, "{holders:?}");
    assert!(holders[0].starts_with("labbook/wasm-terminal/labs_wasm_bg.wasm: "), "{holders:?}");
    assert!(holders[1].starts_with("labbook/wasm/labs_wasm_bg.wasm: "), "{holders:?}");

    let about = read(&site.join("about.html"));
    assert!(about.contains("data-labbook-runtime"), "runtime check rendered");

    // labbook's search index (covered by the answers search above) links the IAM chapter's heading.
    let ours = read(&site.join("labbook/search-index.js"));
    assert!(ours.contains(r#""creating-an-execution-role""#), "section anchors indexed");
    assert!(iam.contains(r#"src="../../labbook/search.js""#), "the search loader is linked");
}

/// `[preprocessor.labbook-labs] search = false`: no index of ours, a loader that does nothing,
/// and mdBook's search as it comes.
#[test]
fn a_book_can_switch_labbook_search_off() {
    let scratch = tempfile::tempdir().unwrap();
    let book = scratch.path().join("book");
    common::copy_book(&common::book(), &book);
    let toml = read(&book.join("book.toml")).replacen("[preprocessor.labbook-labs]\n", "[preprocessor.labbook-labs]\nsearch = false\n", 1);
    assert!(toml.contains("search = false"), "book.toml has a [preprocessor.labbook-labs] table");
    std::fs::write(book.join("book.toml"), toml).unwrap();
    let out = common::labbook(scratch.path(), &["--book", "book", "build", "--dev-runtime", "--out", "site"]);
    assert!(out.status.success(), "{}", common::text(&out));
    let site = scratch.path().join("site");
    assert!(!site.join("labbook/search-index.js").exists());
    assert!(read(&site.join("labbook/search.js")).starts_with("// labbook search is off"));
    assert!(read(&site.join("index.html")).contains("mdbook-search-toggle"), "mdBook's search button stays");
}

#[test]
fn a_failed_build_names_the_line_and_keeps_the_previous_site() {
    let scratch = tempfile::tempdir().unwrap();
    let book = scratch.path().join("book");
    common::copy_book(&common::book(), &book);
    let site = scratch.path().join("site");
    let build = || {
        common::labbook(scratch.path(), &["--book", "book", "build", "--dev-runtime", "--out", "site"])
    };
    let first = build();
    assert!(first.status.success(), "{}", common::text(&first));
    let good_glossary = read(&site.join("glossary.html"));
    assert!(read(&site.join(".labbook-site")).starts_with("labbook-site 1\n"), "the site is marked as labbook's");
    // What a build killed mid-render, or between its two renames, leaves behind.
    std::fs::create_dir_all(scratch.path().join(".site.partial/part1")).unwrap();
    std::fs::create_dir_all(scratch.path().join(".site.old/part1")).unwrap();

    let chapter = book.join("src/glossary.md");
    let text = read(&chapter);
    std::fs::write(&chapter, format!("{text}\n{{{{#lab not-a-lab}}}}\n")).unwrap();
    let line = text.lines().count() + 2;
    let second = build();
    assert!(!second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains(&format!("glossary.md:{line}: no lab `not-a-lab`")),
        "error names file and line:\n{stderr}"
    );
    assert_eq!(read(&site.join("glossary.html")), good_glossary, "previous site untouched");
    let leftovers: Vec<_> = std::fs::read_dir(scratch.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial") || n.ends_with(".old"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written site left: {leftovers:?}");
}

/// `--out` is checked before anything is compiled, so these fail in a moment.
#[test]
fn refuses_to_build_over_the_book_the_current_folder_or_other_files() {
    let scratch = tempfile::tempdir().unwrap();
    let book = scratch.path().join("book");
    common::copy_book(&common::fixture("broken-book"), &book);
    let docs = scratch.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("thesis.tex"), "years of work").unwrap();
    for (out, why) in [
        (".", "it is the current folder"),
        ("book", "it is the book"),
        ("book/src/..", "it is the book"),
        ("docs", "it is not empty (thesis.tex) and is not a site labbook built"),
    ] {
        let run = common::labbook(scratch.path(), &["--book", "book", "build", "--dev-runtime", "--out", out]);
        assert!(!run.status.success(), "--out {out} accepted");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains("refusing to build into") && stderr.contains(why), "--out {out}: {stderr}");
        assert!(stderr.contains("pass --out with"), "says what to do: {stderr}");
        assert!(!stderr.contains("Compiling"), "refused before compiling: {stderr}");
    }
    assert_eq!(read(&docs.join("thesis.tex")), "years of work");
    assert!(book.join("book.toml").is_file() && book.join("src/SUMMARY.md").is_file());
}
