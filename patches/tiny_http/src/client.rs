use ascii::AsciiString;

use std::io::Error as IoError;
use std::io::Result as IoResult;
use std::io::{BufReader, BufWriter, ErrorKind, Read, Write};

use std::net::SocketAddr;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::common::{HTTPVersion, Header, Method};
use crate::connection::Connection;
use crate::util::{IdleConnections, RefinedTcpStream};
use crate::util::{SequentialReader, SequentialReaderBuilder, SequentialWriterBuilder};
use crate::{Limits, Request};

/// A ClientConnection is an object that will store a socket to a client
/// and return Request objects.
pub struct ClientConnection {
    // address of the client
    remote_addr: IoResult<Option<SocketAddr>>,

    // sequence of Readers to the stream, so that the data is not read in
    //  the wrong order
    source: SequentialReaderBuilder<BufReader<RefinedTcpStream>>,

    // sequence of Writers to the stream, to avoid writing response #2 before
    //  response #1
    sink: SequentialWriterBuilder<BufWriter<RefinedTcpStream>>,

    // Reader to read the next header from
    next_header_source: SequentialReader<BufReader<RefinedTcpStream>>,

    // set to true if we know that the previous request is the last one
    no_more_requests: bool,

    // true if the connection goes through SSL
    secure: bool,

    // Patched (see patches/README.md): the socket itself, to switch between the keep-alive and
    // the request timeout and to be evicted while idle (`None` for TLS).
    control: Option<Arc<Connection>>,
    limits: Limits,
    idle: Arc<IdleConnections>,
    // raised by a request that left the connection unusable (see `Request`)
    close_after: Arc<AtomicBool>,
    // a request head has been read on this connection (evicted after never-used ones)
    served: bool,
}

/// Error that can happen when reading a request.
#[derive(Debug)]
enum ReadError {
    WrongRequestLine,
    WrongHeader(HTTPVersion),
    /// the client sent an unrecognized `Expect` header
    ExpectationFailed(HTTPVersion),
    ReadIoError(#[allow(dead_code)] IoError),
    /// Patched: a request refused with this status and text; the connection then closes.
    Refused(u16, &'static str),
    /// Patched: nothing (more) to read: end of stream, idle timeout, eviction. Closes silently.
    Closed,
}

impl ClientConnection {
    /// Creates a new `ClientConnection` that takes ownership of the `TcpStream`.
    pub fn new(
        write_socket: RefinedTcpStream,
        mut read_socket: RefinedTcpStream,
        limits: Limits,
        idle: Arc<IdleConnections>,
    ) -> ClientConnection {
        let remote_addr = read_socket.peer_addr();
        let secure = read_socket.secure();
        let control = read_socket.control();

        let mut source = SequentialReaderBuilder::new(BufReader::with_capacity(1024, read_socket));
        let first_header = source.next().unwrap();

        ClientConnection {
            source,
            sink: SequentialWriterBuilder::new(BufWriter::with_capacity(1024, write_socket)),
            remote_addr,
            next_header_source: first_header,
            no_more_requests: false,
            secure,
            control,
            limits,
            idle,
            close_after: Arc::new(AtomicBool::new(false)),
            served: false,
        }
    }

    /// true if the connection is HTTPS
    pub fn secure(&self) -> bool {
        self.secure
    }

    /// Reads one byte of the request head; a timeout or the end of the stream is `Closed`
    /// before the first byte of a request and `408` after it.
    fn read_byte(&mut self, started: bool, deadline: Instant) -> Result<u8, ReadError> {
        if started && Instant::now() > deadline {
            return Err(ReadError::Refused(408, "the request head took too long to arrive"));
        }
        let mut byte = [0u8];
        loop {
            return match self.next_header_source.read(&mut byte) {
                Ok(1) => Ok(byte[0]),
                Ok(_) => Err(ReadError::Closed),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) if started && matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                    Err(ReadError::Refused(408, "the request head took too long to arrive"))
                }
                Err(_) => Err(ReadError::Closed),
            };
        }
    }

    /// Reads until `CRLF` (not included); at most `max` bytes, else `Refused(status)`.
    fn read_line(
        &mut self,
        first: Option<u8>,
        max: usize,
        too_long: (u16, &'static str),
        deadline: Instant,
    ) -> Result<Vec<u8>, ReadError> {
        let mut buf = Vec::new();
        let mut prev_byte_was_cr = false;
        let mut next = first;
        loop {
            let byte = match next.take() {
                Some(b) => b,
                None => self.read_byte(true, deadline)?,
            };
            if byte == b'\n' && prev_byte_was_cr {
                buf.pop(); // removing the '\r'
                return Ok(buf);
            }
            if buf.len() >= max {
                return Err(ReadError::Refused(too_long.0, too_long.1));
            }
            prev_byte_was_cr = byte == b'\r';
            buf.push(byte);
        }
    }

    /// Reads the request line and headers within the limits. The connection counts as idle
    /// (evictable) until they are complete.
    fn read_head(&mut self) -> Result<(Method, String, HTTPVersion, Vec<Header>), ReadError> {
        let limits = self.limits;
        let served = self.served;
        let waiting = self.control.clone().map(|c| {
            let _ = c.set_read_timeout(Some(limits.keep_alive_timeout));
            (self.idle.wait(Arc::clone(&c), served), c)
        });
        let head = self.read_head_inner(&waiting);
        if let Some((id, _)) = waiting {
            if !self.idle.resume(id) {
                return Err(ReadError::Closed);
            }
        }
        self.served |= head.is_ok();
        head
    }

    fn read_head_inner(
        &mut self,
        waiting: &Option<((bool, u64), Arc<Connection>)>,
    ) -> Result<(Method, String, HTTPVersion, Vec<Header>), ReadError> {
        let limits = self.limits;
        let first = self.read_byte(false, Instant::now())?;
        if let Some((_, c)) = waiting {
            let _ = c.set_read_timeout(Some(limits.read_timeout));
        }
        let deadline = Instant::now() + limits.read_timeout;

        let line = self.read_line(
            Some(first),
            limits.max_request_line,
            (414, "the request line is too long"),
            deadline,
        )?;
        let line = String::from_utf8(line)
            .ok()
            .filter(|l| l.is_ascii())
            .ok_or(ReadError::Refused(400, "the request line is not ASCII"))?;
        let (method, path, version) = parse_request_line(line.trim())?;

        let mut headers = Vec::new();
        let mut header_bytes = 0;
        loop {
            let left = limits.max_header_bytes.saturating_sub(header_bytes);
            let line = self.read_line(None, left, (431, "the request headers are too large"), deadline)?;
            if line.is_empty() {
                break;
            }
            header_bytes += line.len() + 2;
            if headers.len() >= limits.max_headers {
                return Err(ReadError::Refused(431, "the request has too many headers"));
            }
            let line = AsciiString::from_ascii(line).map_err(|_| ReadError::WrongHeader(version.clone()))?;
            headers.push(match FromStr::from_str(line.as_str().trim()) {
                Ok(h) => h,
                _ => return Err(ReadError::WrongHeader(version)),
            });
        }
        Ok((method, path, version, headers))
    }

    /// Reads a request from the stream.
    /// Blocks until the header has been read.
    fn read(&mut self) -> Result<Request, ReadError> {
        // The previous request's body is consumed or discarded by now; it may have left the
        // connection unusable.
        self.next_header_source.wait_turn();
        if self.close_after.load(Ordering::Acquire) {
            return Err(ReadError::Closed);
        }
        let (method, path, version, headers) = self.read_head()?;
        if version > (1, 1) {
            return Err(ReadError::Refused(505, "This server only supports HTTP versions 1.0 and 1.1"));
        }
        check_body(&method, &headers, &self.limits)?;

        // building the writer for the request
        let writer = self.sink.next().unwrap();

        // follow-up for next potential request
        let mut data_source = self.source.next().unwrap();
        std::mem::swap(&mut self.next_header_source, &mut data_source);

        // building the next reader
        let request = crate::request::new_request(
            self.secure,
            method,
            path,
            version.clone(),
            headers,
            *self.remote_addr.as_ref().unwrap(),
            data_source,
            writer,
            self.limits.max_drain,
            Arc::clone(&self.close_after),
        )
        .map_err(|e| {
            use crate::request;
            match e {
                request::RequestCreationError::CreationIoError(e) => ReadError::ReadIoError(e),
                request::RequestCreationError::ExpectationFailed => {
                    ReadError::ExpectationFailed(version)
                }
            }
        })?;

        // return the request
        Ok(request)
    }

    /// Answers a request that will not be handed to the application, then the connection closes.
    fn refuse(&mut self, status: u16, text: &str, version: HTTPVersion) {
        use crate::{Response, StatusCode};
        let mut writer = self.sink.next().unwrap();
        let mut response = Response::from_string(format!("{}\n", text))
            .with_status_code(StatusCode(status))
            .with_header(Header::from_bytes(&b"Connection"[..], &b"close"[..]).unwrap())
            .with_header(
                Header::from_bytes(&b"Content-Type"[..], &b"text/plain; charset=utf-8"[..])
                    .unwrap(),
            );
        if status == 503 {
            response.add_header(Header::from_bytes(&b"Retry-After"[..], &b"1"[..]).unwrap());
        }
        let _ = response.raw_print(&mut writer, version, &[], false, None);
        let _ = writer.flush();
    }
}

/// Patched: checks the framing headers before the body is touched. A `Content-Length` that is
/// not a number is refused (0.12.0 ignored it and read the body as the next request); a body
/// on `GET` or `HEAD`, which no browser sends, is refused beyond `max_get_body` bytes.
fn check_body(method: &Method, headers: &[Header], limits: &Limits) -> Result<(), ReadError> {
    let chunked = headers.iter().any(|h| h.field.equiv("Transfer-Encoding"));
    let mut length = None;
    for h in headers.iter().filter(|h| h.field.equiv("Content-Length")) {
        let value = h.value.as_str().trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ReadError::Refused(400, "the Content-Length header is not a number"));
        }
        let n = value
            .parse::<u64>()
            .map_err(|_| ReadError::Refused(413, "the request body is too large"))?;
        if length.map_or(false, |l| l != n) {
            return Err(ReadError::Refused(400, "the request has conflicting Content-Length headers"));
        }
        length = Some(n);
    }
    if <usize as std::convert::TryFrom<u64>>::try_from(length.unwrap_or(0)).is_err() {
        return Err(ReadError::Refused(413, "the request body is too large"));
    }
    if matches!(method, Method::Get | Method::Head)
        && (chunked || length.unwrap_or(0) > limits.max_get_body as u64)
    {
        return Err(ReadError::Refused(413, "GET and HEAD requests may not carry a body"));
    }
    Ok(())
}

impl Iterator for ClientConnection {
    type Item = Request;

    /// Blocks until the next Request is available.
    /// Returns None when no new Requests will come from the client.
    fn next(&mut self) -> Option<Request> {
        use crate::{Response, StatusCode};

        // the client sent a "connection: close" header in this previous request
        //  or is using HTTP 1.0, meaning that no new request will come
        if self.no_more_requests {
            return None;
        }

        loop {
            // Patched: one request in flight per connection. 0.12.0 read and queued every
            // pipelined request at once, so one client could queue thousands (and each
            // response waited for the one before it, holding whatever served it).
            self.sink.wait_previous();

            let rq = match self.read() {
                Err(ReadError::WrongRequestLine) => {
                    self.refuse(400, "malformed request line", HTTPVersion(1, 1));
                    return None; // we don't know where the next request would start,
                                 // se we have to close
                }

                Err(ReadError::WrongHeader(ver)) => {
                    self.refuse(400, "malformed request header", ver);
                    return None; // we don't know where the next request would start,
                                 // se we have to close
                }

                Err(ReadError::Refused(status, text)) => {
                    self.refuse(status, text, HTTPVersion(1, 1));
                    return None;
                }

                Err(ReadError::Closed) => return None,

                Err(ReadError::ExpectationFailed(ver)) => {
                    let writer = self.sink.next().unwrap();
                    let response = Response::new_empty(StatusCode(417));
                    response.raw_print(writer, ver, &[], true, None).ok();
                    return None; // TODO: should be recoverable, but needs handling in case of body
                }

                Err(ReadError::ReadIoError(_)) => return None,

                Ok(rq) => rq,
            };
            // updating the status of the connection
            let connection_header = rq
                .headers()
                .iter()
                .find(|h| h.field.equiv("Connection"))
                .map(|h| h.value.as_str());

            let lowercase = connection_header.map(|h| h.to_ascii_lowercase());

            match lowercase {
                Some(ref val) if val.contains("close") => self.no_more_requests = true,
                Some(ref val) if val.contains("upgrade") => self.no_more_requests = true,
                Some(ref val)
                    if !val.contains("keep-alive") && *rq.http_version() == HTTPVersion(1, 0) =>
                {
                    self.no_more_requests = true
                }
                None if *rq.http_version() == HTTPVersion(1, 0) => self.no_more_requests = true,
                _ => (),
            };

            // returning the request
            return Some(rq);
        }
    }
}

/// Parses a "HTTP/1.1" string.
fn parse_http_version(version: &str) -> Result<HTTPVersion, ReadError> {
    let (major, minor) = match version {
        "HTTP/0.9" => (0, 9),
        "HTTP/1.0" => (1, 0),
        "HTTP/1.1" => (1, 1),
        "HTTP/2.0" => (2, 0),
        "HTTP/3.0" => (3, 0),
        _ => return Err(ReadError::WrongRequestLine),
    };

    Ok(HTTPVersion(major, minor))
}

/// Parses the request line of the request.
/// eg. GET / HTTP/1.1
fn parse_request_line(line: &str) -> Result<(Method, String, HTTPVersion), ReadError> {
    let mut parts = line.split(' ');

    let method = parts.next().and_then(|w| w.parse().ok());
    let path = parts.next().map(ToOwned::to_owned);
    let version = parts.next().and_then(|w| parse_http_version(w).ok());

    method
        .and_then(|method| Some((method, path?, version?)))
        .ok_or(ReadError::WrongRequestLine)
}

#[cfg(test)]
mod test {
    #[test]
    fn test_parse_request_line() {
        let (method, path, ver) = super::parse_request_line("GET /hello HTTP/1.1").unwrap();

        assert!(method == crate::Method::Get);
        assert!(path == "/hello");
        assert!(ver == crate::common::HTTPVersion(1, 1));

        assert!(super::parse_request_line("GET /hello").is_err());
        assert!(super::parse_request_line("qsd qsd qsd").is_err());
    }
}
