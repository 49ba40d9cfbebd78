//! `labbook serve`: build, serve on loopback, rebuild on change, reload open pages.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::progress::Progress;
use crate::project::Project;
use crate::runtime::{self, Bundle, Profile};
use crate::server::{Server, SiteState};
use crate::site;
use crate::watch::Watch;

/// Arguments of `labbook serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 3000)]
    port: u16,
    /// Address to listen on. Default: loopback only, so the preview is not on the network.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Open the site in the default browser once it is served.
    #[arg(long)]
    open: bool,
    /// Where to keep the served builds. Default: `<target>/labbook-serve`.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Compile the lab runtime without optimisation (faster start, slower labs).
    #[arg(long)]
    dev_runtime: bool,
}

/// Runs `labbook serve` until interrupted.
pub fn run(project: &Project, args: Args) -> Result<ExitCode> {
    let out = match args.out {
        Some(out) => std::path::absolute(out)?,
        None => project.target_dir.join("labbook-serve"),
    };
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let profile = if args.dev_runtime { Profile::Dev } else { Profile::Release };

    let mut progress = Progress::new(3, false);
    progress.step("Compiling the lab runtime for wasm32 and generating its JS bindings");
    let mut generations = Generations::new(out.clone())?;
    let (first, first_dir) = generations.next();
    // A wrong --out fails now, not after minutes of compiling.
    site::check_out(project, &first_dir)?;
    let bundle = runtime::build(project, profile, false)?;
    site::build(project, &bundle, &first_dir, &mut progress)?;
    generations.published(first);
    progress.finish();

    let state = SiteState::new(first_dir);
    let addr = SocketAddr::new(args.bind, args.port);
    let server = Server::start(addr, state.clone()).with_context(|| {
        format!("starting the preview server (is port {} in use? pass --port 0 for any free port)", args.port)
    })?;
    let url = format!("http://{}/", server.addr);
    println!("Serving {url}  (watching {} and {}; Ctrl-C stops)", project.book.display(), project.theme.display());
    std::io::stdout().flush()?;
    if args.open {
        open_browser(&url);
    }

    let watch = Watch::new(&[&project.book, &project.theme], vec![project.default_out(), out.clone()])?;
    while let Some(changed) = watch.next_batch() {
        if changed.is_empty() {
            continue;
        }
        let names: Vec<String> = changed.iter().take(3).map(|p| p.display().to_string()).collect();
        eprintln!("Changed: {}{}", names.join(", "), if changed.len() > 3 { ", …" } else { "" });
        let (generation, dir) = generations.next();
        match rebuild(project, &bundle, &dir) {
            Ok(()) => {
                state.publish(dir);
                eprintln!("Rebuilt; open pages reload.");
                if let Some(retired) = generations.published(generation) {
                    let _ = std::fs::remove_dir_all(retired);
                }
            }
            Err(e) => {
                let message = format!("{e:#}");
                eprintln!("error: rebuild failed, still serving the last good build:\n{message}");
                state.fail(message);
            }
        }
    }
    server.stop();
    Ok(ExitCode::SUCCESS)
}

fn rebuild(project: &Project, bundle: &Bundle, dir: &Path) -> Result<()> {
    let mut progress = Progress::new(2, true);
    site::build(project, bundle, dir, &mut progress)?;
    Ok(())
}

/// The served builds, one folder per rebuild (`build-<n>`), so that a rebuild never writes
/// where requests are reading. Two are kept: the published one, and the one published before
/// it, which requests that started before the switch may still be reading; older ones are
/// deleted. A failed rebuild leaves no folder and changes neither.
#[derive(Debug)]
struct Generations {
    dir: PathBuf,
    next: u64,
    current: Option<u64>,
    previous: Option<u64>,
}

impl Generations {
    /// Starts at `build-1` in `dir`, deleting the builds a previous `serve` left there.
    fn new(dir: PathBuf) -> Result<Generations> {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))?.flatten() {
            let stale = entry.file_name().to_str().is_some_and(|n| n.starts_with("build-"));
            if stale && crate::output::is_site(&entry.path()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        Ok(Generations { dir, next: 1, current: None, previous: None })
    }

    /// The number and folder of the next build.
    fn next(&mut self) -> (u64, PathBuf) {
        let generation = self.next;
        self.next += 1;
        (generation, self.path(generation))
    }

    /// Records that `generation` built and is now served; returns the folder that is now
    /// two publishes old, to delete.
    fn published(&mut self, generation: u64) -> Option<PathBuf> {
        let retired = self.previous.take();
        self.previous = self.current.replace(generation);
        retired.map(|g| self.path(g))
    }

    fn path(&self, generation: u64) -> PathBuf {
        self.dir.join(format!("build-{generation}"))
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("could not open a browser with `{opener}` ({e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_rebuild_never_retires_the_build_being_served() {
        let t = tempfile::tempdir().unwrap();
        let mut g = Generations::new(t.path().to_path_buf()).unwrap();
        let build = |n: u64| t.path().join(format!("build-{n}"));
        let (first, dir) = g.next();
        assert_eq!((first, dir), (1, build(1)));
        assert_eq!(g.published(1), None);
        let (second, _) = g.next();
        assert_eq!(g.published(second), None, "build-1 may still be read");
        // build-3 fails: build-2 stays published, and build-4's success retires build-1 only.
        let (third, _) = g.next();
        assert_eq!(third, 3);
        let (fourth, _) = g.next();
        assert_eq!(g.published(fourth), Some(build(1)));
        // Two failures, then a success: build-2 goes, build-4 (read until now) stays.
        g.next();
        g.next();
        let (seventh, _) = g.next();
        assert_eq!(g.published(seventh), Some(build(2)));
        assert_eq!((g.current, g.previous), (Some(7), Some(4)));
    }

    #[test]
    fn starting_clears_the_builds_a_previous_serve_left_but_nothing_else() {
        let t = tempfile::tempdir().unwrap();
        for name in ["build-3", "build-9"] {
            std::fs::create_dir(t.path().join(name)).unwrap();
            crate::output::mark(&t.path().join(name)).unwrap();
        }
        std::fs::create_dir(t.path().join("build-notes")).unwrap();
        std::fs::write(t.path().join("build-notes/mine.txt"), "keep").unwrap();
        Generations::new(t.path().to_path_buf()).unwrap();
        let left: Vec<_> = std::fs::read_dir(t.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["build-notes"]);
    }
}
