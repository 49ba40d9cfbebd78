//! The offline preview server behind `labbook serve`.
//!
//! A small static file server on tiny_http with what a preview needs: the right MIME types
//! (`application/wasm`, so browsers stream-compile the runtime), `index.html` for folders, the
//! site's own 404 page, and no way out of the site folder (`..`, encoded `..`, absolute paths,
//! symlinks are all refused). HTML responses get a live-reload script; the site on disk never
//! does.
//!
//! Hostile or broken clients are bounded in the patched tiny_http (`patches/README.md`): sizes
//! of request heads and bodies, timeouts, a fixed number of connection threads, one request in
//! flight per connection. Here a fixed set of workers answers requests, and every answer is
//! immediate: live reload is a short poll (`livereload.js`), so no request waits on a thread
//! and no open tab holds one of the browser's six connections to the server.

use std::fs::File;
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, anyhow};
use tiny_http::{Header, Method, Request, Response, StatusCode};

pub use tiny_http::Limits;

/// Threads answering requests. Each answer is a file read or a snapshot, never a wait, so a
/// few suffice; tiny_http bounds the connections feeding them.
const WORKERS: usize = 8;

/// The site being served and its build state, shared by the server and the rebuild loop.
#[derive(Debug)]
pub struct SiteState {
    inner: Mutex<Snapshot>,
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
        Arc::new(SiteState { inner: Mutex::new(Snapshot { root, generation: 1, error: None }) })
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Snapshot {
        self.inner.lock().expect("site state lock").clone()
    }

    /// A rebuild succeeded into `root`: serve it; open pages reload at their next poll.
    pub fn publish(&self, root: PathBuf) {
        let mut s = self.inner.lock().expect("site state lock");
        s.root = root;
        s.generation += 1;
        s.error = None;
    }

    /// A rebuild failed: keep serving the last good site, show `error` on open pages.
    pub fn fail(&self, error: String) {
        self.inner.lock().expect("site state lock").error = Some(error);
    }
}

/// What every request is answered from.
struct Served {
    state: Arc<SiteState>,
    /// The bound address, for the refusal text.
    addr: SocketAddr,
    /// Bound to loopback: only requests naming a loopback host are answered.
    loopback_only: bool,
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
        Server::start_with(addr, state, Limits::default())
    }

    /// `start` with explicit limits (tests use short timeouts).
    pub fn start_with(addr: SocketAddr, state: Arc<SiteState>, limits: Limits) -> Result<Server> {
        let server = tiny_http::Server::http_with_limits(addr, limits)
            .map_err(|e| anyhow!("cannot listen on {addr}: {e}"))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| anyhow!("server did not bind an IP address"))?;
        let server = Arc::new(server);
        let ctx = Arc::new(Served { state, addr, loopback_only: addr.ip().is_loopback() });
        for i in 0..WORKERS {
            let (server, ctx) = (Arc::clone(&server), Arc::clone(&ctx));
            std::thread::Builder::new()
                .name(format!("labbook-serve-{i}"))
                .spawn(move || {
                    for request in server.incoming_requests() {
                        handle(request, &ctx);
                    }
                })
                .context("starting the preview server's worker threads")?;
        }
        Ok(Server { addr, server })
    }

    /// Stops answering requests.
    pub fn stop(&self) {
        // Each call releases one worker.
        for _ in 0..WORKERS {
            self.server.unblock();
        }
    }
}

fn handle(request: Request, ctx: &Served) {
    let host = request.headers().iter().find(|h| h.field.equiv("Host")).map(|h| h.value.as_str());
    let response = respond(request.method(), request.url(), host, ctx);
    let _ = request.respond(response);
}

type Reply = tiny_http::ResponseBox;

fn respond(method: &Method, url: &str, host: Option<&str>, ctx: &Served) -> Reply {
    if ctx.loopback_only && !host.is_some_and(is_loopback_host) {
        // A page on another site can make the browser send requests here under its own name
        // (DNS rebinding); such requests carry that name in Host.
        let asked = host.map_or("no Host header".to_owned(), |h| format!("Host: {h}"));
        let why = format!(
            "labbook serve listens on loopback and answers only requests addressed to localhost or \
             a loopback address, not {asked} (a defence against DNS rebinding).\nOpen http://{}/ \
             instead, or pass --bind to serve on the network.\n",
            ctx.addr
        );
        return text(403, &why);
    }
    if !matches!(method, Method::Get | Method::Head) {
        return text(405, "only GET and HEAD are supported\n").with_header(header("Allow", "GET, HEAD"));
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == "/__labbook/livereload.js" {
        return bytes(200, include_bytes!("livereload.js").to_vec(), "text/javascript; charset=utf-8");
    }
    let snap = ctx.state.snapshot();
    if path == "/__labbook/events" {
        let body = serde_json::json!({"generation": snap.generation, "error": snap.error});
        return bytes(200, body.to_string().into_bytes(), "application/json");
    }
    match resolve(&snap.root, url) {
        Resolution::File(file) => {
            let mime = mime_for(&file);
            if mime.starts_with("text/html") {
                match std::fs::read(&file) {
                    Ok(data) => bytes(200, inject_livereload(data, snap.generation), mime),
                    Err(_) => not_found(&snap),
                }
            } else {
                // Streamed, not read whole: the lab runtime is megabytes and many may load it.
                match File::open(&file) {
                    Ok(f) => with_common_headers(Response::from_file(f).boxed(), mime),
                    Err(_) => not_found(&snap),
                }
            }
        }
        Resolution::Redirect(to) => text(301, "").with_header(header("Location", &to)),
        Resolution::NotFound => not_found(&snap),
        Resolution::BadRequest(why) => text(400, &format!("{why}\n")),
    }
}

/// `localhost`, a name under `.localhost`, or a loopback address, with or without a port.
fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((addr, rest)) if rest.is_empty() || rest.starts_with(':') => addr,
            _ => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
            _ => host,
        },
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn not_found(snap: &Snapshot) -> Reply {
    match inside(&snap.root, &snap.root.join("404.html")).and_then(|page| std::fs::read(page).ok()) {
        Some(page) => bytes(404, inject_livereload(page, snap.generation), "text/html; charset=utf-8"),
        None => text(404, "not found\n"),
    }
}

/// `path` with symlinks resolved, if it exists and stays inside `root`.
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let (real_root, real) = (root.canonicalize().ok()?, path.canonicalize().ok()?);
    real.starts_with(&real_root).then_some(real)
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
    // Symlinks inside the site must not lead out of it either.
    let Some(real) = inside(root, &root.join(&rel)) else {
        return Resolution::NotFound;
    };
    if real.is_dir() {
        if !raw.ends_with('/') {
            // Relative, from the last segment: `//evil.example` must not become a
            // protocol-relative `Location: //evil.example/` (an open redirect).
            let last = raw.rsplit('/').next().unwrap_or("");
            let query = url.find('?').map_or("", |i| &url[i..]);
            let query = query.split('#').next().unwrap_or("");
            return Resolution::Redirect(format!("./{last}/{query}"));
        }
        // `index.html` may be a symlink too.
        return match inside(root, &real.join("index.html")) {
            Some(index) if index.is_file() => Resolution::File(index),
            _ => Resolution::NotFound,
        };
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

fn with_common_headers(response: Reply, mime: &str) -> Reply {
    response
        .with_header(header("Content-Type", mime))
        // A preview must always show the latest build.
        .with_header(header("Cache-Control", "no-cache"))
        // Browsers must not guess another type (a `.txt` as HTML, say) than the one sent.
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn bytes(status: u16, data: Vec<u8>, mime: &str) -> Reply {
    with_common_headers(Response::from_data(data).with_status_code(StatusCode(status)).boxed(), mime)
}

fn text(status: u16, body: &str) -> Reply {
    bytes(status, body.as_bytes().to_vec(), "text/plain; charset=utf-8")
}

#[cfg(test)]
mod tests;
