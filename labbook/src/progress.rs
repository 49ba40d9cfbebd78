//! Step-by-step progress on stderr: `[2/4] Compiling the lab runtime…  done in 3.1s`.
//!
//! Builds take seconds to minutes; saying which step is running, how many remain and how
//! long each took is what makes a slow step bearable and a stuck one visible.

use std::time::{Duration, Instant};

/// Counts steps of one operation and times each.
pub struct Progress {
    total: usize,
    current: usize,
    started: Option<(String, Instant)>,
    /// `(step, elapsed)` for every finished step, for the final report.
    pub timings: Vec<(String, Duration)>,
    quiet: bool,
}

impl Progress {
    /// A progress of `total` steps; `quiet` prints nothing (tests, `serve` rebuilds).
    pub fn new(total: usize, quiet: bool) -> Progress {
        Progress {
            total,
            current: 0,
            started: None,
            timings: Vec::new(),
            quiet,
        }
    }

    /// Finishes the running step (if any) and starts the next.
    pub fn step(&mut self, what: &str) {
        self.finish();
        self.current += 1;
        if !self.quiet {
            eprintln!("[{}/{}] {what}…", self.current, self.total);
        }
        self.started = Some((what.to_owned(), Instant::now()));
    }

    /// Prints a detail line under the running step.
    pub fn detail(&self, line: &str) {
        if !self.quiet {
            eprintln!("      {line}");
        }
    }

    /// Finishes the running step and records its time.
    pub fn finish(&mut self) {
        if let Some((what, t0)) = self.started.take() {
            let elapsed = t0.elapsed();
            if !self.quiet {
                eprintln!("      done in {:.1}s", elapsed.as_secs_f64());
            }
            self.timings.push((what, elapsed));
        }
    }
}
