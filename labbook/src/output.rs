//! The folder a site is written to: which folders `labbook` may replace, and putting a new
//! site in place of the old one.
//!
//! A build replaces its output folder entirely, so a wrong `--out` (`.`, the book, a folder of
//! someone's files) would delete what it names. Before building, [`check`] refuses any folder
//! that is, or holds, the book, the current folder or labbook's own checkout, and any
//! non-empty folder that is not a site labbook wrote: every site carries a [`MARKER`] file.
//!
//! The new site is rendered in a staging folder beside the output and [`swap_in`] moves it
//! into place with two renames (old site aside, new site in), so the output folder always
//! holds a complete site; only then is the old one deleted. The staging and set-aside folders
//! have names of their own (`.<name>.partial`, `.<name>.old`); an interrupted build leaves
//! them behind and the next build deletes them ([`clear_leftovers`]).

use std::io;
use std::path::{Component, Path, PathBuf};

/// File at the root of every site labbook writes; its presence lets the next build replace
/// the folder.
pub const MARKER: &str = ".labbook-site";

/// What the marker says: a format line (`labbook-site 1`), then a sentence for whoever
/// opens it.
const MARKER_TEXT: &str = "labbook-site 1\nWritten by `labbook build`: the next build replaces this whole folder.\n";

/// A folder labbook must never delete, and what it is (for the error message).
#[derive(Debug, Clone)]
pub struct Protected {
    /// The folder.
    pub path: PathBuf,
    /// What it is, as the error says it: "the book", "the current folder".
    pub what: &'static str,
}

impl Protected {
    /// `path`, described as `what`.
    pub fn new(path: impl Into<PathBuf>, what: &'static str) -> Protected {
        Protected { path: path.into(), what }
    }
}

/// Why a build will not write to a folder.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output is, or holds, something labbook must keep.
    #[error(
        "refusing to build into {out}: it {how} {what} ({path}), and a build replaces the whole output folder; \
         pass --out with a new folder, e.g. --out site"
    )]
    Protected {
        /// The output folder.
        out: PathBuf,
        /// "is" or "holds".
        how: &'static str,
        /// What it is or holds.
        what: &'static str,
        /// Where that is.
        path: PathBuf,
    },
    /// The output is a folder of other files.
    #[error(
        "refusing to build into {out}: it is not empty ({entries}) and is not a site labbook built (it has no {MARKER} file), \
         and a build replaces the whole folder; pass --out with a new or empty folder, or delete this one yourself if it may go"
    )]
    NotASite {
        /// The output folder.
        out: PathBuf,
        /// A few of its entries.
        entries: String,
    },
    /// The output exists and is not a folder.
    #[error("refusing to build into {out}: it is a file, not a folder; pass --out with a folder")]
    NotAFolder {
        /// The output path.
        out: PathBuf,
    },
    /// The output is the file system's root.
    #[error("refusing to build into {out}: a site needs a folder of its own; pass --out with a new folder, e.g. --out site")]
    Root {
        /// The output path.
        out: PathBuf,
    },
    /// The output could not be read.
    #[error("cannot read the output folder {out}: {source}")]
    Io {
        /// The output path.
        out: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

/// Checks that a build may replace `out`, and returns it resolved (absolute, symbolic links
/// and `..` followed as far as it exists), the path to build into.
pub fn check(out: &Path, protected: &[Protected]) -> Result<PathBuf, OutputError> {
    let out = resolve(out).map_err(|source| OutputError::Io { out: out.to_owned(), source })?;
    if out.file_name().is_none() {
        return Err(OutputError::Root { out });
    }
    let protected: Vec<(PathBuf, &'static str)> =
        protected.iter().filter_map(|p| resolve(&p.path).ok().map(|path| (path, p.what))).collect();
    // What the folder is, before what it holds: `--out .` is "the current folder".
    let exact = protected.iter().find(|(path, _)| *path == out);
    if let Some((path, what)) = exact.or_else(|| protected.iter().find(|(path, _)| path.starts_with(&out))) {
        let how = if *path == out { "is" } else { "holds" };
        return Err(OutputError::Protected { how, what, path: path.clone(), out });
    }
    // Writing inside the theme would copy the theme into itself.
    if let Some((path, what)) = protected.iter().find(|(path, what)| *what == THEME && out.starts_with(path)) {
        return Err(OutputError::Protected { how: "is inside", what, path: path.clone(), out });
    }
    match std::fs::metadata(&out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(out),
        Err(source) => Err(OutputError::Io { out, source }),
        Ok(m) if !m.is_dir() => Err(OutputError::NotAFolder { out }),
        Ok(_) if is_site(&out) => Ok(out),
        Ok(_) => {
            let mut names: Vec<String> = std::fs::read_dir(&out)
                .map_err(|source| OutputError::Io { out: out.clone(), source })?
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect();
            if names.is_empty() {
                return Ok(out);
            }
            names.sort();
            let more = names.len().saturating_sub(3);
            let mut entries = names.into_iter().take(3).collect::<Vec<_>>().join(", ");
            if more > 0 {
                entries.push_str(&format!(" and {more} more"));
            }
            Err(OutputError::NotASite { out, entries })
        }
    }
}

/// What [`Protected`] calls the theme folder (also refused as a parent of the output).
pub const THEME: &str = "labbook's theme";

/// Whether `dir` is a site labbook wrote: it has the marker, or it is a site from before
/// markers (an `index.html` beside our `labbook/labbook.js`).
pub fn is_site(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || (dir.join("index.html").is_file() && dir.join("labbook/labbook.js").is_file())
}

/// Marks `dir` as a site labbook wrote.
pub fn mark(dir: &Path) -> io::Result<()> {
    std::fs::write(dir.join(MARKER), MARKER_TEXT)
}

/// The folder a site for `out` is rendered in before [`swap_in`].
pub fn staging_dir(out: &Path) -> PathBuf {
    sibling(out, "partial")
}

/// Where [`swap_in`] puts the old site while the new one moves in.
fn old_dir(out: &Path) -> PathBuf {
    sibling(out, "old")
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Deletes what an interrupted build for `out` left: its staging folder and a set-aside old
/// site. Their names are labbook's own, next to a folder [`check`] accepted.
pub fn clear_leftovers(out: &Path) -> io::Result<()> {
    for dir in [staging_dir(out), old_dir(out)] {
        match std::fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Moves the complete site in `staging` to `out`: the old site (if any) is renamed aside,
/// the new one renamed in, then the old one deleted. At every moment `out` is either the old
/// complete site or the new one (or, for an instant between the renames, absent); if the
/// second rename fails, the old site is put back.
pub fn swap_in(staging: &Path, out: &Path) -> io::Result<()> {
    let old = old_dir(out);
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    let had_old = match std::fs::rename(out, &old) {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e),
    };
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        return Err(e);
    }
    if had_old {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// `path` made absolute with `..` and symbolic links resolved: the longest existing prefix
/// canonicalised, the rest (which does not exist yet) appended with `.` and `..` applied.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let base = loop {
        match existing.canonicalize() {
            Ok(c) => break c,
            Err(_) => match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_owned());
                    existing = parent;
                }
                // `..` at the end, or the root: let canonicalize's error stand.
                _ => return existing.canonicalize(),
            },
        }
    };
    let mut out = base;
    for name in rest.iter().rev() {
        match Path::new(name).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(name),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
