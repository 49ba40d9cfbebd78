//! Patched (see patches/README.md): connections waiting for their next request.

use std::collections::BTreeMap;
use std::net::Shutdown;
use std::sync::{Arc, Mutex};

use crate::connection::Connection;

/// Connections that hold a thread but have no request in progress: a keep-alive connection
/// between requests, or a new one that has not finished sending its request head. When every
/// thread is taken, one of these is closed to make room, so sockets that are merely held open
/// cannot lock out clients that have something to ask: first the longest-waiting connection
/// that has never completed a request, then the longest-waiting keep-alive one (a browser tab
/// between polls, whose next request would otherwise have to be retried).
#[derive(Default)]
pub struct IdleConnections {
    inner: Mutex<Idle>,
}

#[derive(Default)]
struct Idle {
    next: u64,
    // (served a request before, registration order) sorts never-served connections first
    waiting: BTreeMap<(bool, u64), Arc<Connection>>,
}

impl IdleConnections {
    /// Registers `conn` as waiting (`served`: it has completed a request before); the key is
    /// for `resume`.
    pub(crate) fn wait(&self, conn: Arc<Connection>, served: bool) -> (bool, u64) {
        let mut idle = self.inner.lock().unwrap();
        let id = (served, idle.next);
        idle.next += 1;
        idle.waiting.insert(id, conn);
        id
    }

    /// The connection has a complete request head; `false` if it was evicted meanwhile.
    pub(crate) fn resume(&self, id: (bool, u64)) -> bool {
        self.inner.lock().unwrap().waiting.remove(&id).is_some()
    }

    /// Closes the connection that has waited longest; `false` if none is waiting. Its thread
    /// sees end-of-stream and is free for the next connection within moments.
    pub(crate) fn evict_oldest(&self) -> bool {
        let oldest = self.inner.lock().unwrap().waiting.pop_first();
        match oldest {
            Some((_, conn)) => {
                let _ = conn.shutdown(Shutdown::Both);
                true
            }
            None => false,
        }
    }
}
