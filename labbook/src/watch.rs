//! Watches the book and theme for edits and hands `serve` one batch per burst of changes.
//!
//! Editors save in bursts (temp file, rename, metadata); rebuilding once per burst, after a
//! short quiet period, keeps the preview current without rebuilding five times per save.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};

/// Quiet period that ends a burst of file events.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// A live watch; dropping it stops watching.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    ignore: Vec<PathBuf>,
}

impl Watch {
    /// Watches `dirs` recursively, ignoring anything under `ignore` (e.g. the build output).
    pub fn new(dirs: &[&Path], ignore: Vec<PathBuf>) -> Result<Watch> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(tx).context("starting the file watcher")?;
        for dir in dirs {
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .with_context(|| format!("watching {}", dir.display()))?;
        }
        Ok(Watch { _watcher: watcher, events, ignore })
    }

    /// Blocks until files change, then returns the changed paths of that burst.
    pub fn next_batch(&self) -> Option<Vec<PathBuf>> {
        let mut batch = Vec::new();
        loop {
            // Wait indefinitely for the first relevant event, then only for the quiet period.
            let event = if batch.is_empty() {
                self.events.recv().map_err(|_| RecvTimeoutError::Disconnected)
            } else {
                self.events.recv_timeout(DEBOUNCE)
            };
            match event {
                Ok(Ok(event)) if !event.kind.is_access() => {
                    batch.extend(event.paths.into_iter().filter(|p| self.relevant(p)));
                }
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    batch.sort();
                    batch.dedup();
                    return Some(batch);
                }
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    fn relevant(&self, path: &Path) -> bool {
        if self.ignore.iter().any(|i| path.starts_with(i)) {
            return false;
        }
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        // Editor droppings: vim swap files, emacs locks and backups.
        !(name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx") || name.starts_with(".#"))
    }
}
