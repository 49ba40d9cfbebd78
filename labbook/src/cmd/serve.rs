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
    let bundle = runtime::build(project, profile, false)?;
    let mut generation = 1;
    site::build(project, &bundle, &generation_dir(&out, generation), &mut progress)?;
    progress.finish();

    let state = SiteState::new(generation_dir(&out, generation));
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
        generation += 1;
        match rebuild(project, &bundle, &generation_dir(&out, generation)) {
            Ok(()) => {
                state.publish(generation_dir(&out, generation));
                eprintln!("Rebuilt; open pages reload.");
                // Keep the previous build for requests still in flight; drop the one before.
                let _ = std::fs::remove_dir_all(generation_dir(&out, generation - 2));
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

fn generation_dir(out: &Path, generation: u64) -> PathBuf {
    out.join(format!("build-{generation}"))
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
