//! Where things are: the book, the theme, the lab runtime's sources, the cargo target dir.
//!
//! `labbook` builds the lab runtime from source (so the wasm always matches the code that
//! the tests exercise), which means it runs from a checkout of this workspace. The
//! workspace root is fixed at compile time; the book can be any folder.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Paths of one labbook checkout and the book it works on.
#[derive(Debug, Clone)]
pub struct Project {
    /// The workspace root (holds `Cargo.toml`, `theme/`, `labs-wasm/`).
    pub root: PathBuf,
    /// The book root (holds `book.toml`).
    pub book: PathBuf,
    /// Our theme assets, copied into the site under `labbook/`.
    pub theme: PathBuf,
    /// The `labs-wasm` crate.
    pub runtime_crate: PathBuf,
    /// Cargo's target directory for this workspace.
    pub target_dir: PathBuf,
}

impl Project {
    /// Finds the checkout this binary was built from and the book to use
    /// (`book` if given, else `<root>/book`).
    pub fn locate(book: Option<PathBuf>) -> Result<Project> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("labbook/ sits inside the workspace")
            .to_path_buf();
        if !root.join("labs-wasm").join("Cargo.toml").is_file() {
            bail!(
                "labbook builds its lab runtime from source and expects its checkout at {}; \
                 rebuild labbook from a checkout with `cargo install --path labbook`",
                root.display()
            );
        }
        let book = match book {
            Some(dir) => std::path::absolute(&dir)
                .with_context(|| format!("resolving --book {}", dir.display()))?,
            None => root.join("book"),
        };
        if !book.join("book.toml").is_file() {
            bail!(
                "{} has no book.toml; pass --book with the folder that holds your book.toml",
                book.display()
            );
        }
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .map(|p| if p.is_absolute() { p } else { root.join(p) })
            .unwrap_or_else(|| root.join("target"));
        Ok(Project {
            theme: root.join("theme"),
            runtime_crate: root.join("labs-wasm"),
            target_dir,
            book,
            root,
        })
    }

    /// Where `labbook build` writes when no `--out` is given: `<book>/book`, as `mdbook build`.
    pub fn default_out(&self) -> PathBuf {
        self.book.join("book")
    }
}
