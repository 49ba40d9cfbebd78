//! [`Vfs`]: the learner's workspace, a tree of files held in memory.
//!
//! The terminal never touches a real disk: in the browser there is none, and natively
//! (`labbook shell --workspace DIR`) the host folder is copied in and never written back, so a
//! script cannot damage the checkout it runs in. Paths are absolute and normalised
//! (`/home/learner/app/lambda_function.py`); the shell resolves relative paths against its
//! working directory with [`resolve`].

use std::collections::{BTreeMap, BTreeSet};

use thiserror::Error;

/// The learner's home directory, where the workspace starts.
pub const HOME: &str = "/home/learner";

/// Why a file operation failed, worded as coreutils words it (after the command name).
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum FsError {
    /// The path does not exist.
    #[error("{0}: No such file or directory")]
    NotFound(String),
    /// A file was expected, the path is a directory.
    #[error("{0}: Is a directory")]
    IsDir(String),
    /// A directory was expected, the path is a file.
    #[error("{0}: Not a directory")]
    NotDir(String),
    /// The path exists already.
    #[error("{0}: File exists")]
    Exists(String),
    /// The directory is not empty.
    #[error("{0}: Directory not empty")]
    NotEmpty(String),
}

/// Files (path → bytes) and directories of the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vfs {
    files: BTreeMap<String, Vec<u8>>,
    dirs: BTreeSet<String>,
}

impl Default for Vfs {
    fn default() -> Self {
        let mut vfs = Vfs { files: BTreeMap::new(), dirs: BTreeSet::new() };
        vfs.mkdir_p(HOME);
        vfs.mkdir_p("/tmp");
        vfs
    }
}

/// `path` made absolute against `cwd` and normalised (`.`, `..`, `//`, `~`).
pub fn resolve(cwd: &str, path: &str) -> String {
    let joined = if let Some(rest) = path.strip_prefix('~') {
        if rest.is_empty() || rest.starts_with('/') { format!("{HOME}{rest}") } else { format!("{cwd}/{path}") }
    } else if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{cwd}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The parent directory of an absolute normalised path (`/` for `/`).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// The last component of a path.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl Vfs {
    /// A workspace holding `files` (relative paths are placed under [`HOME`]).
    pub fn with_files<I, P, B>(files: I) -> Vfs
    where
        I: IntoIterator<Item = (P, B)>,
        P: AsRef<str>,
        B: Into<Vec<u8>>,
    {
        let mut vfs = Vfs::default();
        for (path, bytes) in files {
            let path = resolve(HOME, path.as_ref());
            vfs.mkdir_p(parent(&path));
            vfs.files.insert(path, bytes.into());
        }
        vfs
    }

    /// Whether `path` is a directory.
    pub fn is_dir(&self, path: &str) -> bool {
        path == "/" || self.dirs.contains(path)
    }

    /// Whether `path` is a file.
    pub fn is_file(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The bytes of the file at `path`.
    pub fn read(&self, path: &str) -> Result<&[u8], FsError> {
        match self.files.get(path) {
            Some(b) => Ok(b),
            None if self.is_dir(path) => Err(FsError::IsDir(path.to_owned())),
            None => Err(FsError::NotFound(path.to_owned())),
        }
    }

    /// Writes (creates or replaces) the file at `path`; its directory must exist.
    pub fn write(&mut self, path: &str, bytes: Vec<u8>) -> Result<(), FsError> {
        if self.is_dir(path) {
            return Err(FsError::IsDir(path.to_owned()));
        }
        let dir = parent(path);
        if !self.is_dir(dir) {
            return Err(if self.is_file(dir) { FsError::NotDir(path.to_owned()) } else { FsError::NotFound(path.to_owned()) });
        }
        self.files.insert(path.to_owned(), bytes);
        Ok(())
    }

    /// Appends to the file at `path`, creating it if needed.
    pub fn append(&mut self, path: &str, bytes: &[u8]) -> Result<(), FsError> {
        let mut data = match self.files.get(path) {
            Some(b) => b.clone(),
            None => Vec::new(),
        };
        data.extend_from_slice(bytes);
        self.write(path, data)
    }

    /// Creates `path` and its missing parents (`mkdir -p`).
    pub fn mkdir_p(&mut self, path: &str) {
        let mut current = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            current.push('/');
            current.push_str(part);
            self.dirs.insert(current.clone());
        }
    }

    /// Creates the directory `path` (`mkdir`): its parent must exist, it must not.
    pub fn mkdir(&mut self, path: &str) -> Result<(), FsError> {
        if self.is_dir(path) || self.is_file(path) {
            return Err(FsError::Exists(path.to_owned()));
        }
        if !self.is_dir(parent(path)) {
            return Err(FsError::NotFound(path.to_owned()));
        }
        self.dirs.insert(path.to_owned());
        Ok(())
    }

    /// Removes a file, or with `recursive` a directory and everything under it.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        if self.files.remove(path).is_some() {
            return Ok(());
        }
        if !self.is_dir(path) {
            return Err(FsError::NotFound(path.to_owned()));
        }
        if !recursive {
            return Err(FsError::IsDir(path.to_owned()));
        }
        let prefix = format!("{path}/");
        self.files.retain(|p, _| !p.starts_with(&prefix));
        self.dirs.retain(|p| p != path && !p.starts_with(&prefix));
        Ok(())
    }

    /// Removes an empty directory (`rmdir`).
    pub fn rmdir(&mut self, path: &str) -> Result<(), FsError> {
        if !self.is_dir(path) {
            return Err(if self.is_file(path) { FsError::NotDir(path.to_owned()) } else { FsError::NotFound(path.to_owned()) });
        }
        if !self.list(path).is_empty() {
            return Err(FsError::NotEmpty(path.to_owned()));
        }
        self.dirs.remove(path);
        Ok(())
    }

    /// The names directly inside directory `path`, sorted, directories marked with `true`.
    pub fn list(&self, path: &str) -> Vec<(String, bool)> {
        let prefix = if path == "/" { "/".to_owned() } else { format!("{path}/") };
        let direct = |p: &String| p.strip_prefix(&prefix).filter(|rest| !rest.is_empty() && !rest.contains('/')).map(str::to_owned);
        let mut out: Vec<(String, bool)> = self.dirs.iter().filter_map(direct).map(|n| (n, true)).collect();
        out.extend(self.files.keys().filter_map(direct).map(|n| (n, false)));
        out.sort();
        out
    }

    /// Every file under directory `path` (recursively), as (absolute path, bytes), sorted.
    pub fn walk(&self, path: &str) -> Vec<(&str, &[u8])> {
        let prefix = if path == "/" { "/".to_owned() } else { format!("{path}/") };
        self.files.iter().filter(|(p, _)| p.starts_with(&prefix)).map(|(p, b)| (p.as_str(), b.as_slice())).collect()
    }

    /// Every file in the workspace under [`HOME`], with paths relative to it: what the browser
    /// saves so the workspace survives a reload.
    pub fn home_files(&self) -> BTreeMap<String, Vec<u8>> {
        let prefix = format!("{HOME}/");
        self.files.iter().filter_map(|(p, b)| p.strip_prefix(&prefix).map(|rel| (rel.to_owned(), b.clone()))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_normalises_relative_home_and_dot_dot() {
        assert_eq!(resolve("/home/learner", "app/./x.py"), "/home/learner/app/x.py");
        assert_eq!(resolve("/home/learner/app", "../b"), "/home/learner/b");
        assert_eq!(resolve("/tmp", "~/f"), "/home/learner/f");
        assert_eq!(resolve("/tmp", "~"), "/home/learner");
        assert_eq!(resolve("/", "../.."), "/");
        assert_eq!(resolve("/a", "//b//c/"), "/b/c");
    }

    #[test]
    fn write_needs_the_directory_and_remove_needs_recursive_for_dirs() {
        let mut vfs = Vfs::default();
        assert_eq!(vfs.write("/home/learner/app/x", vec![]), Err(FsError::NotFound("/home/learner/app/x".into())));
        vfs.mkdir("/home/learner/app").unwrap();
        vfs.write("/home/learner/app/x", b"1".to_vec()).unwrap();
        assert_eq!(vfs.list("/home/learner"), vec![("app".to_owned(), true)]);
        assert_eq!(vfs.remove("/home/learner/app", false), Err(FsError::IsDir("/home/learner/app".into())));
        assert_eq!(vfs.rmdir("/home/learner/app"), Err(FsError::NotEmpty("/home/learner/app".into())));
        vfs.remove("/home/learner/app", true).unwrap();
        assert!(vfs.list("/home/learner").is_empty());
    }

    #[test]
    fn home_files_are_relative_and_with_files_places_them_under_home() {
        let vfs = Vfs::with_files([("src/app.py", "print(1)")]);
        assert!(vfs.is_dir("/home/learner/src"));
        assert_eq!(vfs.home_files().keys().collect::<Vec<_>>(), ["src/app.py"]);
    }
}
