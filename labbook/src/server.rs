//! The offline preview server behind `labbook serve`.
//!
//! A small static file server on tiny_http with what a preview needs: the right MIME types
//! (`application/wasm`, so browsers stream-compile the runtime), `index.html` for folders, the
//! site's own 404 page, and no way out of the site folder (`..`, encoded `..`, absolute paths,
//! symlinks are all refused). HTML responses get a live-reload script; the site on disk never
//! does. One thread per request: long-polls for reload wait without blocking other requests.

use std::io::Cursor;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::{Result, anyhow};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// How long a live-reload long-poll waits before answering "nothing new".
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

/// The site being served and its build state, shared by the server and the rebuild loop.
#[derive(Debug)]
pub struct SiteState {
    inner: Mutex<Snapshot>,
    changed: Condvar,
}

/// One consistent view of the served site.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Folder of the last good build.
    pub root: PathBuf,
    /// Increments with every successful build; pages reload when it changes.
    pub generation: u64,
    /// The last rebuild's error, if it failed (the last good site is still served).
    pub error: Option<String>,
}

impl SiteState {
    /// State serving `root` as generation 1.
    pub fn new(root: PathBuf) -> Arc<SiteState> {
        Arc::new(SiteState {
            inner: Mutex::new(Snapshot { root, generation: 1, error: None }),
            changed: Condvar::new(),
        })
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Snapshot {
        self.inner.lock().expect("site state lock").clone()
    }

    /// A rebuild succeeded into `root`: serve it and tell open pages to reload.
    pub fn publish(&self, root: PathBuf) {
        let mut s = self.inner.lock().expect("site state lock");
        s.root = root;
        s.generation += 1;
        s.error = None;
        self.changed.notify_all();
    }

    /// A rebuild failed: keep serving the last good site, show `error` on open pages.
    pub fn fail(&self, error: String) {
        let mut s = self.inner.lock().expect("site state lock");
        s.error = Some(error);
        self.changed.notify_all();
    }

    /// Waits until the generation differs from `since` or the error changes, or the timeout.
    fn wait_for_change(&self, since: u64, timeout: Duration) -> Snapshot {
        let s = self.inner.lock().expect("site state lock");
        let error_now = s.error.clone();
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| s.generation == since && s.error == error_now)
            .expect("site state lock");
        s.clone()
    }
}

/// A running server.
pub struct Server {
    /// The address actually bound (useful with port 0).
    pub addr: SocketAddr,
    server: Arc<tiny_http::Server>,
}

impl Server {
    /// Binds `addr` and serves `state` on background threads.
    pub fn start(addr: SocketAddr, state: Arc<SiteState>) -> Result<Server> {
        let server = tiny_http::Server::http(addr).map_err(|e| anyhow!("cannot listen on {addr}: {e}"))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| anyhow!("server did not bind an IP address"))?;
        let server = Arc::new(server);
        let accept = Arc::clone(&server);
        std::thread::spawn(move || {
            for request in accept.incoming_requests() {
                let state = Arc::clone(&state);
                std::thread::spawn(move || handle(request, &state));
            }
        });
        Ok(Server { addr, server })
    }

    /// Stops accepting requests.
    pub fn stop(&self) {
        self.server.unblock();
    }
}

fn handle(request: Request, state: &SiteState) {
    let response = respond(request.method(), request.url(), state);
    let _ = request.respond(response);
}

type Reply = Response<Cursor<Vec<u8>>>;

fn respond(method: &Method, url: &str, state: &SiteState) -> Reply {
    if !matches!(method, Method::Get | Method::Head) {
        return text(405, "only GET and HEAD are supported\n").with_header(header("Allow", "GET, HEAD"));
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == "/__labbook/livereload.js" {
        return bytes(200, include_bytes!("livereload.js").to_vec(), "text/javascript; charset=utf-8");
    }
    if path == "/__labbook/events" {
        let since = query_param(url, "since").and_then(|v| v.parse().ok()).unwrap_or(0);
        let snap = state.wait_for_change(since, POLL_TIMEOUT);
        let body = serde_json::json!({"generation": snap.generation, "error": snap.error});
        return bytes(200, body.to_string().into_bytes(), "application/json");
    }
    let snap = state.snapshot();
    match resolve(&snap.root, url) {
        Resolution::File(file) => match std::fs::read(&file) {
            Ok(data) => {
                let mime = mime_for(&file);
                let data = if mime.starts_with("text/html") {
                    inject_livereload(data, snap.generation)
                } else {
                    data
                };
                bytes(200, data, mime)
            }
            Err(_) => not_found(&snap),
        },
        Resolution::Redirect(to) => text(301, "").with_header(header("Location", &to)),
        Resolution::NotFound => not_found(&snap),
        Resolution::BadRequest(why) => text(400, &format!("{why}\n")),
    }
}

fn not_found(snap: &Snapshot) -> Reply {
    match std::fs::read(snap.root.join("404.html")) {
        Ok(page) => bytes(404, inject_livereload(page, snap.generation), "text/html; charset=utf-8"),
        Err(_) => text(404, "not found\n"),
    }
}

/// What a request path maps to inside the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Serve this file.
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect so relative URLs resolve.
    Redirect(String),
    /// Nothing there (also: anything that would leave the site).
    NotFound,
    /// A path no browser sends: `..` segments, NUL, backslashes, bad percent-encoding.
    BadRequest(&'static str),
}

/// Maps a request target to a file under `root`, refusing anything that would leave it.
pub fn resolve(root: &Path, url: &str) -> Resolution {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    // Absolute-form targets (`GET http://host/path`) are legal HTTP; keep only the path.
    let raw = match raw.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => raw,
    };
    if !raw.starts_with('/') {
        return Resolution::BadRequest("request path must start with /");
    }
    let Some(decoded) = percent_decode(raw) else {
        return Resolution::BadRequest("malformed percent-encoding in path");
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Resolution::BadRequest("path contains NUL or backslash");
    }
    let mut rel = PathBuf::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolution::BadRequest("path escapes the site with .."),
            s => {
                // A segment like `C:` would make `join` start over at a drive root on Windows.
                let mut comps = Path::new(s).components();
                match (comps.next(), comps.next()) {
                    (Some(Component::Normal(_)), None) => rel.push(s),
                    _ => return Resolution::BadRequest("invalid path segment"),
                }
            }
        }
    }
    let candidate = root.join(&rel);
    // Symlinks inside the site must not lead out of it either.
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), candidate.canonicalize()) else {
        return Resolution::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Resolution::NotFound;
    }
    if real.is_dir() {
        if !raw.ends_with('/') {
            return Resolution::Redirect(format!("{raw}/"));
        }
        let index = real.join("index.html");
        return if index.is_file() { Resolution::File(index) } else { Resolution::NotFound };
    }
    Resolution::File(real)
}

/// Decodes `%XX` escapes; `None` for a truncated escape, bad hex, or non-UTF-8 result.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn query_param<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then_some(v)
    })
}

/// The MIME type for a file, by extension. Unknown types are served as bytes.
pub fn mime_for(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "txt" | "md" | "toml" | "py" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script before `</body>` (or at the end if there is none).
fn inject_livereload(mut html: Vec<u8>, generation: u64) -> Vec<u8> {
    let tag = format!(r#"<script src="/__labbook/livereload.js" data-generation="{generation}"></script>"#);
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn bytes(status: u16, data: Vec<u8>, mime: &str) -> Reply {
    Response::from_data(data)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", mime))
        // A preview must always show the latest build.
        .with_header(header("Cache-Control", "no-cache"))
}

fn text(status: u16, body: &str) -> Reply {
    bytes(status, body.as_bytes().to_vec(), "text/plain; charset=utf-8")
}

#[cfg(test)]
mod tests;
