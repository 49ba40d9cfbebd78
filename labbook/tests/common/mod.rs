//! Helpers shared by labbook's integration tests: paths of this checkout, running the real
//! `labbook` binary, and scratch copies of books.

#![allow(dead_code, unreachable_pub)]

pub mod book;
pub mod secrets;
pub mod venv;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The real course book.
pub fn book() -> PathBuf {
    root().join("book")
}

/// A fixture book under `labbook/tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// `labbook` with the given arguments, run from `cwd`.
pub fn labbook(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_labbook"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("labbook runs")
}

/// Copies a book's sources (not its build output) into `to`.
pub fn copy_book(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "book" {
                copy_book(&entry.path(), &target);
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Text of a command's stderr and stdout, for assertion messages.
pub fn text(out: &Output) -> String {
    format!(
        "status: {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The text of `path`; a read error fails the test, naming the file.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
