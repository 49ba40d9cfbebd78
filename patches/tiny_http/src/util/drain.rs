//! Patched (see patches/README.md): what happens to a request body nobody read.

use std::io::{ErrorKind, Read, Result as IoResult};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Size of the one buffer an unread body is discarded through.
const DRAIN_BUFFER: usize = 8 * 1024;

/// Wraps a request body. Dropped before its end, it discards at most `limit` more bytes
/// through a fixed stack buffer so the connection can carry the next request; if the body is
/// longer, or reading it fails, it raises `close` instead and the connection is closed.
///
/// tiny_http 0.12.0 allocated one buffer of the whole remaining `Content-Length` here, so a
/// `Content-Length: 99999999999999` aborted the process.
pub struct Drain<R: Read> {
    inner: R,
    limit: usize,
    close: Arc<AtomicBool>,
    finished: bool,
}

impl<R: Read> Drain<R> {
    pub fn new(inner: R, limit: usize, close: Arc<AtomicBool>) -> Drain<R> {
        Drain {
            inner,
            limit,
            close,
            finished: false,
        }
    }
}

impl<R: Read> Read for Drain<R> {
    fn read(&mut self, buf: &mut [u8]) -> IoResult<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.finished = true;
        }
        Ok(n)
    }
}

impl<R: Read> Drop for Drain<R> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        // Already closing (e.g. a `100-continue` body the client never sent): do not wait for it.
        if !self.close.load(Ordering::Acquire) {
            let mut buf = [0u8; DRAIN_BUFFER];
            let mut left = self.limit;
            loop {
                // One byte more than allowed tells "longer than the limit" from "exactly it".
                let want = buf.len().min(left.saturating_add(1));
                match self.inner.read(&mut buf[..want]) {
                    Ok(0) => return,
                    Ok(n) if n <= left => left -= n,
                    Ok(_) => break,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(_) => break,
                }
            }
        }
        self.close.store(true, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::Drain;
    use crate::util::EqualReader;
    use std::io::{Cursor, Read};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    /// A reader of `len` zero bytes that never allocates them.
    struct Zeros(u64);
    impl Read for Zeros {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = (buf.len() as u64).min(self.0) as usize;
            buf[..n].fill(0);
            self.0 -= n as u64;
            Ok(n)
        }
    }

    #[test]
    fn a_short_unread_body_is_discarded_and_the_connection_stays_usable() {
        let mut source = Cursor::new(b"hello world".to_vec());
        let close = Arc::new(AtomicBool::new(false));
        {
            let mut body = Drain::new(EqualReader::new(source.by_ref(), 5), 64, close.clone());
            let mut first = [0];
            body.read_exact(&mut first).unwrap();
            assert_eq!(&first, b"h");
        }
        assert!(!close.load(Ordering::Acquire));
        let mut rest = String::new();
        source.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, " world");
    }

    #[test]
    fn a_huge_unread_body_closes_the_connection_after_the_limit() {
        // 99999999999999 declared bytes: 0.12.0 tried to allocate them all at once.
        let mut source = Zeros(u64::MAX);
        let close = Arc::new(AtomicBool::new(false));
        drop(Drain::new(EqualReader::new(source.by_ref(), 99_999_999_999_999), 100_000, close.clone()));
        assert!(close.load(Ordering::Acquire));
        // At most the limit (plus one probe read) was consumed.
        assert!(u64::MAX - source.0 <= 100_000 + 8192, "{}", u64::MAX - source.0);
    }

    #[test]
    fn a_body_read_to_its_end_needs_nothing() {
        let close = Arc::new(AtomicBool::new(false));
        let mut body = Drain::new(Cursor::new(b"abc".to_vec()), 0, close.clone());
        let mut all = Vec::new();
        body.read_to_end(&mut all).unwrap();
        drop(body);
        assert_eq!(all, b"abc");
        assert!(!close.load(Ordering::Acquire));
    }
}
