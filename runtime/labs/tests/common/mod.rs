//! Helpers the lab runner's integration tests share: a lab written to a scratch folder, loaded
//! or refused.

#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;

use labs::Lab;
use tempfile::TempDir;

/// A lab folder in a scratch directory: `lab.toml`, `starter.py` and `solution.py` (both
/// `code`), and more files (`implementations/x.py`, ...) by relative path. The folder lives as
/// long as the returned `TempDir`.
pub fn lab_dir(toml: &str, code: &str, files: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test-lab");
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(path.join("lab.toml"), toml).unwrap();
    std::fs::write(path.join("starter.py"), code).unwrap();
    std::fs::write(path.join("solution.py"), code).unwrap();
    for (rel, text) in files {
        let file = path.join(rel);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    (dir, path)
}

/// The lab of [`lab_dir`], loaded; a load error fails the test with its message.
pub fn load(toml: &str, code: &str, files: &[(&str, &str)]) -> Lab {
    let (_dir, path) = lab_dir(toml, code, files);
    Lab::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The error loading the lab of [`lab_dir`] (with empty handlers) gives.
pub fn load_err(toml: &str, files: &[(&str, &str)]) -> labs::LabError {
    let (_dir, path) = lab_dir(toml, "", files);
    Lab::load(&path).expect_err("the lab should not load")
}
