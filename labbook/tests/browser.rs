//! Browser tests: `labbook serve` on a free port, driven by real headless Chromium
//! (playwright-core, run by node's test runner from `browser-tests/`).
//!
//! Chromium comes from the system (`apt-get install -y chromium`); npm packages are installed
//! from the lockfile on first run. A missing Chromium or node fails this test with the command
//! that fixes it — it never skips.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// Kills `labbook serve` when the test ends, pass or fail.
struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn require_tools(tests_dir: &Path) {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists() || Path::new("/usr/bin/chromium-browser").exists(),
        "Chromium is required for the browser tests and was not found at {chromium}.\n\
         Install it with `sudo apt-get install -y chromium chromium-driver` or set CHROMIUM=/path/to/chrome."
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "node is required for the browser tests; install Node.js 20+ (e.g. `sudo apt-get install -y nodejs npm`)"
    );
    let installed = ["playwright-core", "scorm-again"].iter().all(|p| tests_dir.join("node_modules").join(p).join("package.json").is_file());
    if !installed {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(tests_dir)
            .status()
            .expect("npm runs (install Node.js 20+ with npm)");
        assert!(status.success(), "`npm ci` in {} failed", tests_dir.display());
    }
}

#[test]
fn course_site_in_headless_chromium() {
    let tests_dir = common::root().join("browser-tests");
    require_tools(&tests_dir);

    let scratch = tempfile::tempdir().unwrap();
    let book = scratch.path().join("book");
    common::copy_book(&common::book(), &book);
    let out = scratch.path().join("serve");

    let mut child = Command::new(env!("CARGO_BIN_EXE_labbook"))
        .args(["--book"])
        .arg(&book)
        .args(["serve", "--port", "0", "--dev-runtime", "--out"])
        .arg(&out)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("labbook serve starts");
    let stdout = child.stdout.take().unwrap();
    let serve = Serve(child);

    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("Serving ") {
                let url = rest.split_whitespace().next().unwrap_or_default().to_owned();
                let _ = tx.send(url);
            }
        }
    });
    // The first serve compiles the lab runtime; allow for a cold cargo cache.
    let url = rx
        .recv_timeout(Duration::from_secs(900))
        .expect("labbook serve printed its URL");
    assert!(url.starts_with("http://127.0.0.1:"), "serve binds loopback by default: {url}");

    // Every `*.test.mjs` in browser-tests, one file at a time (each launches its own Chromium).
    let mut files: Vec<String> = std::fs::read_dir(&tests_dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".test.mjs"))
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f == "site.test.mjs"), "browser-tests/site.test.mjs is missing");
    let status = Command::new("node")
        .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .args(&files)
        .current_dir(&tests_dir)
        .env("LABBOOK_URL", &url)
        .env("LABBOOK_BOOK_DIR", &book)
        // scorm.test.mjs exports SCORM packages of that book with it.
        .env("LABBOOK_BIN", env!("CARGO_BIN_EXE_labbook"))
        .env("LABBOOK_RUNTIME_VERSION", labs_wasm::VERSION)
        .status()
        .expect("node runs");
    drop(serve);
    assert!(status.success(), "browser tests failed (output above)");
}
