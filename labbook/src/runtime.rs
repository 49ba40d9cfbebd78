//! Builds the lab runtime (`labs-wasm`) for the browser: cargo for `wasm32-unknown-unknown`,
//! then wasm-bindgen's library (pinned to the `wasm-bindgen` crate's exact version, so nobody
//! installs a matching CLI) to produce `labs_wasm.js` + `labs_wasm_bg.wasm`.
//!
//! The bundle is cached under the target dir: cargo only recompiles when the runtime's sources
//! change, and `serve` builds it once and reuses it for every book rebuild.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use labbook_seal::SealKey;

use crate::project::Project;

const TARGET: &str = "wasm32-unknown-unknown";
/// File stem of the generated JS and wasm (`labs_wasm.js`, `labs_wasm_bg.wasm`).
pub const BUNDLE_NAME: &str = "labs_wasm";

/// How to compile the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// `wasm-release`: size-optimised with LTO, what ships to learners. Default for `build`.
    Release,
    /// `dev`: unoptimised, fast to compile; for quick local iteration.
    Dev,
}

impl Profile {
    fn cargo_name(self) -> &'static str {
        match self {
            Profile::Release => "wasm-release",
            Profile::Dev => "dev",
        }
    }

    fn dir_name(self) -> &'static str {
        match self {
            Profile::Release => "wasm-release",
            Profile::Dev => "debug",
        }
    }
}

/// The generated runtime bundles on disk: folders holding `labs_wasm.js` and
/// `labs_wasm_bg.wasm`, one for plain lab pages and one for pages with a terminal.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The plain runtime (labs, quizzes), copied to the site's `labbook/wasm/`.
    pub dir: PathBuf,
    /// The runtime with the terminal (`labs-wasm-terminal`), copied to `labbook/wasm-terminal/`.
    pub terminal_dir: PathBuf,
}

/// The site folder (under `labbook/`) of the plain runtime and of the terminal's.
pub const SITE_DIRS: [&str; 2] = ["wasm", "wasm-terminal"];

impl Bundle {
    /// The `.wasm` file inside the bundle.
    pub fn wasm_path(&self) -> PathBuf {
        self.dir.join(format!("{BUNDLE_NAME}_bg.wasm"))
    }

    /// The `.wasm` file of the terminal's runtime.
    pub fn terminal_wasm_path(&self) -> PathBuf {
        self.terminal_dir.join(format!("{BUNDLE_NAME}_bg.wasm"))
    }
}

/// The key that seals lab data for the runtime (see `labbook-seal`): made once per target dir
/// (`<target>/labbook-seal.key`), compiled into every wasm build made from it, and used by
/// every site build. It never goes into the site, and a book rebuild never needs a wasm
/// rebuild; a new target dir means a new key, and the next build seals with it.
pub fn seal_key(project: &Project) -> Result<SealKey> {
    let path = project.target_dir.join("labbook-seal.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        if let Ok(key) = SealKey::from_hex(&text) {
            return Ok(key);
        }
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness for the seal key: {e}"))?;
    let key = SealKey::from_bytes(bytes);
    std::fs::create_dir_all(&project.target_dir).with_context(|| format!("creating {}", project.target_dir.display()))?;
    // Written whole to a temporary name, then renamed: a concurrent build reads the old key or
    // the new one, never half of one.
    let tmp = path.with_extension(format!("key.{}", std::process::id()));
    std::fs::write(&tmp, key.to_hex()).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))?;
    Ok(key)
}

/// Compiles both runtimes (`labs-wasm`, and `labs-wasm-terminal` for pages with a terminal)
/// and runs wasm-bindgen on each. `quiet` silences cargo's progress lines.
///
/// One target dir for both: they share every dependency, and as crates of their own each keeps
/// its own linked module, so a build with nothing changed relinks neither.
pub fn build(project: &Project, profile: Profile, quiet: bool) -> Result<Bundle> {
    ensure_wasm_target()?;
    let dir = build_one(project, profile, quiet, "labs-wasm", "labs_wasm", "bundle")?;
    let terminal_dir = build_one(project, profile, quiet, "labs-wasm-terminal", "labs_wasm_terminal", "bundle-terminal")?;
    Ok(Bundle { dir, terminal_dir })
}

fn build_one(project: &Project, profile: Profile, quiet: bool, package: &str, artifact: &str, bundle: &str) -> Result<PathBuf> {
    // A target dir of its own: `labbook` often runs under `cargo run`/`cargo test`, and a nested
    // cargo sharing the outer one's target dir would wait on its lock.
    let target_dir = project.target_dir.join("labs-wasm");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&project.root)
        .args(["rustc", "--package", package, "--lib", "--target", TARGET])
        .args(["--profile", profile.cargo_name()])
        // cdylib only here: with the crate's own `rlib` type cargo would skip LTO.
        .args(["--crate-type", "cdylib"])
        .arg("--target-dir")
        .arg(&target_dir)
        .env_remove("CARGO_TARGET_DIR")
        // Compiled into the runtime (`option_env!`); cargo rebuilds only when it changes.
        .env("LABBOOK_SEAL_KEY", seal_key(project)?.to_hex());
    if quiet {
        cmd.arg("--quiet");
    }
    let status = cmd.status().context("running cargo to build the lab runtime")?;
    if !status.success() {
        bail!("compiling the lab runtime ({package}) for {TARGET} failed; cargo's errors are above");
    }
    let wasm = target_dir.join(TARGET).join(profile.dir_name()).join(format!("{artifact}.wasm"));
    let out = target_dir.join(format!("{bundle}-{}", profile.dir_name()));
    bindgen(&wasm, &out, profile)?;
    Ok(out)
}

/// Generates the JS glue for the web (ES module, `init(url)` with streaming compilation).
///
/// The release bundle drops the `name` section: function names are a third of the module
/// (6.7 of 21 MB) and only serve debuggers; the dev bundle keeps them for readable traces.
fn bindgen(wasm: &Path, out: &Path, profile: Profile) -> Result<()> {
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("clearing {}", out.display()))?;
    }
    let mut b = wasm_bindgen_cli_support::Bindgen::new();
    b.input_path(wasm)
        .out_name(BUNDLE_NAME)
        .typescript(false)
        .remove_name_section(profile == Profile::Release)
        .remove_producers_section(profile == Profile::Release)
        .web(true)
        .context("selecting wasm-bindgen's web target")?;
    b.generate(out)
        .with_context(|| format!("running wasm-bindgen on {}", wasm.display()))?;
    Ok(())
}

/// Makes sure the standard library for wasm32 is installed, adding it with rustup if not.
fn ensure_wasm_target() -> Result<()> {
    if target_installed()? {
        return Ok(());
    }
    let has_rustup = Command::new("rustup").arg("--version").output().is_ok_and(|o| o.status.success());
    if !has_rustup {
        bail!(
            "the Rust standard library for {TARGET} is missing and rustup is not available to add it. \
             Install rustup (https://rustup.rs) and run `rustup target add {TARGET}`, or install your \
             distribution's rust-std package for {TARGET}"
        );
    }
    eprintln!("      installing the {TARGET} target with `rustup target add {TARGET}`");
    let status = Command::new("rustup")
        .args(["target", "add", TARGET])
        .status()
        .context("running rustup")?;
    if !status.success() || !target_installed()? {
        bail!("`rustup target add {TARGET}` failed; run it yourself and try again");
    }
    Ok(())
}

fn target_installed() -> Result<bool> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc)
        .args(["--print", "target-libdir", "--target", TARGET])
        .output()
        .context("running rustc (is the Rust toolchain installed?)")?;
    if !out.status.success() {
        return Ok(false);
    }
    let libdir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    Ok(std::fs::read_dir(&libdir).is_ok_and(|mut d| {
        d.any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().starts_with("libcore-")))
    }))
}
