//! The book checks' Python tools: a venv under `target/` with cfn-lint and botocore pinned
//! (built by the `pyvenv` test-support crate, like the fidelity test's reference venv).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The cargo target folder (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    pyvenv::target_dir()
}

/// The python of `target/book-tools-venv`, with `book-tools-requirements.txt` installed.
pub fn book_tools_python() -> PathBuf {
    let requirements = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/book-tools-requirements.txt");
    pyvenv::Venv {
        dir: target_dir().join("book-tools-venv"),
        requirements: Some(&requirements),
        purpose: "the book's example checks run cfn-lint and read botocore's models",
    }
    .python()
}

/// botocore's models for `services` (botocore names), as dumped by `botocore_models.py`;
/// `iam_prefixes`: also every service's IAM prefix (slower: it reads every model).
pub fn botocore_models(services: &[&str], iam_prefixes: bool) -> serde_json::Value {
    let python = book_tools_python();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/botocore_models.py");
    let out = Command::new(&python)
        .arg(&script)
        .args(iam_prefixes.then_some("--iam-prefixes"))
        .args(services)
        .output()
        .expect("run botocore_models.py");
    assert!(out.status.success(), "botocore_models.py failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("botocore_models.py prints JSON")
}
