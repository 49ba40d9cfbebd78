//! [`Output`]: what a command line printed, stream by stream and in order.

use serde::Serialize;

/// Standard output or standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    /// File descriptor 1.
    Stdout,
    /// File descriptor 2.
    Stderr,
}

/// Everything one command line wrote, in the order it was written, and its exit status.
///
/// The order matters: the browser terminal shows both streams interleaved as a real terminal
/// would, while `labbook shell --json` and the terminal labs' checks read them apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Chunks in order, adjacent chunks of one stream merged.
    pub chunks: Vec<(Stream, Vec<u8>)>,
    /// The last command's status (`$?`).
    pub exit_code: i32,
    /// `clear` ran: the terminal should clear its screen before showing what follows.
    pub clear: bool,
}

impl Output {
    /// Appends bytes to a stream.
    pub fn push(&mut self, stream: Stream, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some((s, b)) if *s == stream => b.extend_from_slice(bytes),
            _ => self.chunks.push((stream, bytes.to_vec())),
        }
    }

    fn collect(&self, which: Option<Stream>) -> String {
        let mut bytes = Vec::new();
        for (s, b) in &self.chunks {
            if which.is_none_or(|w| w == *s) {
                bytes.extend_from_slice(b);
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Standard output as text (invalid UTF-8 replaced).
    pub fn stdout(&self) -> String {
        self.collect(Some(Stream::Stdout))
    }

    /// Standard error as text.
    pub fn stderr(&self) -> String {
        self.collect(Some(Stream::Stderr))
    }

    /// Both streams interleaved, as a terminal shows them.
    pub fn text(&self) -> String {
        self.collect(None)
    }
}
