//! A Python venv under `target/` with pinned packages from PyPI, for tests that compare with
//! the real thing (boto3 against moto, cfn-lint, botocore's models, the SAM CLI's templates).
//!
//! A fresh machine needs only python3 with venv and pip (CI installs them in `.ci/run`); the
//! venv is created on first use, and repaired when a pin changes. Tests in one binary run on
//! parallel threads, so [`Venv::python`] builds each venv once per process, behind a lock.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

/// What to build: where, from which requirements file, and what it is for (the message a
/// developer sees when python3 is missing names the test that needs it).
pub struct Venv<'a> {
    /// The venv folder (see [`target_dir`]).
    pub dir: PathBuf,
    /// A requirements file of `name==version` pins (comments and blank lines allowed).
    pub requirements: Option<&'a Path>,
    /// "the fidelity test needs it to run real boto3 against moto", …
    pub purpose: &'a str,
}

/// The workspace's cargo target folder (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
    }
}

impl Venv<'_> {
    /// The venv's python, with the pinned packages installed.
    pub fn python(&self) -> PathBuf {
        static READY: OnceLock<Mutex<BTreeMap<PathBuf, PathBuf>>> = OnceLock::new();
        let ready = READY.get_or_init(Default::default);
        let mut ready = ready.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(python) = ready.get(&self.dir) {
            return python.clone();
        }
        let python = self.ensure();
        ready.insert(self.dir.clone(), python.clone());
        python
    }

    fn hint(&self) -> String {
        format!(
            "{}: it needs CPython 3.9+ with venv and pip.\n\
             Install them with:  sudo apt-get install -y python3 python3-venv python3-pip\n\
             (the test then creates {} and installs its pinned packages from PyPI)",
            self.purpose,
            self.dir.display()
        )
    }

    fn ensure(&self) -> PathBuf {
        let python = self.dir.join("bin/python");
        let wanted = match self.requirements {
            Some(path) => pins(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))),
            None => Vec::new(),
        };
        let check = format!(
            "import importlib.metadata as m, sys\nwanted = {}\nsys.exit(0 if all(m.version(n) == v for n, v in wanted) else 1)",
            serde_json::to_string(&wanted).expect("pins serialize")
        );
        let is_ready = |python: &Path| {
            Command::new(python)
                .args(["-c", &check])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if python.exists() && is_ready(&python) {
            return python;
        }
        let system = ["python3", "python"]
            .into_iter()
            .find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
            .unwrap_or_else(|| panic!("no python3 found; {}", self.hint()));
        if !python.exists() {
            let out = Command::new(system).args(["-m", "venv"]).arg(&self.dir).output().expect("run python3 -m venv");
            assert!(
                out.status.success(),
                "`{system} -m venv {}` failed:\n{}\n{}",
                self.dir.display(),
                String::from_utf8_lossy(&out.stderr),
                self.hint()
            );
        }
        let Some(requirements) = self.requirements else { return python };
        eprintln!(
            "installing {} into {}",
            wanted.iter().map(|(n, v)| format!("{n}=={v}")).collect::<Vec<_>>().join(" "),
            self.dir.display()
        );
        let out = Command::new(&python)
            .args(["-m", "pip", "install", "--disable-pip-version-check", "-q", "-r"])
            .arg(requirements)
            .output()
            .unwrap_or_else(|e| panic!("running pip in {}: {e}\n{}", self.dir.display(), self.hint()));
        assert!(
            out.status.success(),
            "pip install -r {} failed:\n{}\n{}\n{}",
            requirements.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            self.hint()
        );
        assert!(is_ready(&python), "the venv at {} still lacks the pinned packages after pip install", self.dir.display());
        python
    }
}

/// `(package, version)` pins of a requirements file.
fn pins(requirements: &str) -> Vec<(String, String)> {
    requirements
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (name, version) = l.split_once("==")?;
            let name = name.split('[').next()?.trim().to_owned();
            Some((name, version.trim().to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn pins_read_names_and_versions_and_skip_the_rest() {
        let pins = super::pins("# tools\nboto3==1.44.8\n\nmoto[server]==5.2.5\nunpinned\n");
        assert_eq!(pins, [("boto3".to_string(), "1.44.8".to_string()), ("moto".to_string(), "5.2.5".to_string())]);
    }
}
