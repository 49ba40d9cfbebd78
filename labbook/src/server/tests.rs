use super::*;
use std::time::Duration;

/// A tiny site: index, a chapter folder with its own index, a wasm file, a 404 page,
/// and a secret file *next to* the site that must never be served.
fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("part1")).unwrap();
    std::fs::write(root.join("index.html"), "<html><body>home</body></html>").unwrap();
    std::fs::write(root.join("part1/index.html"), "<html><body>part</body></html>").unwrap();
    std::fs::write(root.join("404.html"), "<html><body>missing</body></html>").unwrap();
    std::fs::write(root.join("runtime.wasm"), b"\0asm").unwrap();
    std::fs::write(root.join("my page.html"), "<html><body>spaced</body></html>").unwrap();
    std::fs::write(tmp.path().join("secret.txt"), "top secret").unwrap();
    (tmp, root)
}

fn file(root: &Path, rel: &str) -> Resolution {
    Resolution::File(root.canonicalize().unwrap().join(rel))
}

#[test]
fn mime_types_cover_what_the_site_serves() {
    assert_eq!(mime_for(Path::new("labs_wasm_bg.wasm")), "application/wasm");
    assert_eq!(mime_for(Path::new("a/b/index.html")), "text/html; charset=utf-8");
    assert_eq!(mime_for(Path::new("labs_wasm.js")), "text/javascript; charset=utf-8");
    assert_eq!(mime_for(Path::new("x.mjs")), "text/javascript; charset=utf-8");
    assert_eq!(mime_for(Path::new("searchindex.json")), "application/json");
    assert_eq!(mime_for(Path::new("chrome.CSS")), "text/css; charset=utf-8");
    assert_eq!(mime_for(Path::new("diagram.svg")), "image/svg+xml");
    assert_eq!(mime_for(Path::new("font.woff2")), "font/woff2");
    assert_eq!(mime_for(Path::new("no-extension")), "application/octet-stream");
}

#[test]
fn files_folders_and_encoded_names_resolve() {
    let (_tmp, root) = site();
    assert_eq!(resolve(&root, "/"), file(&root, "index.html"));
    assert_eq!(resolve(&root, "/index.html?x=1#top"), file(&root, "index.html"));
    assert_eq!(resolve(&root, "/part1/"), file(&root, "part1/index.html"));
    assert_eq!(resolve(&root, "/part1"), Resolution::Redirect("./part1/".into()));
    assert_eq!(resolve(&root, "/part1?x=1#top"), Resolution::Redirect("./part1/?x=1".into()));
    assert_eq!(resolve(&root, "/runtime.wasm"), file(&root, "runtime.wasm"));
    assert_eq!(resolve(&root, "/my%20page.html"), file(&root, "my page.html"));
    assert_eq!(resolve(&root, "http://localhost:3000/part1/"), file(&root, "part1/index.html"));
    assert_eq!(resolve(&root, "/nope.html"), Resolution::NotFound);
}

#[test]
fn traversal_attempts_are_refused() {
    let (_tmp, root) = site();
    for attack in [
        "/../secret.txt",
        "/../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/part1/../../secret.txt",
        "/part1/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/index.html%00.png",
        "/%zz",
        "/%2",
        "relative/path",
    ] {
        assert!(
            matches!(resolve(&root, attack), Resolution::BadRequest(_)),
            "{attack} gave {:?}",
            resolve(&root, attack)
        );
    }
}

#[test]
fn absolute_paths_stay_inside_the_site() {
    let (tmp, root) = site();
    let secret = tmp.path().join("secret.txt");
    let absolute = format!("/{}", secret.display());
    assert_eq!(resolve(&root, &absolute), Resolution::NotFound);
    assert_eq!(resolve(&root, "//etc/passwd"), Resolution::NotFound);
    assert_eq!(resolve(&root, "/etc/passwd"), Resolution::NotFound);
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_not_followed() {
    let (tmp, root) = site();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("link.txt")).unwrap();
    assert_eq!(resolve(&root, "/link.txt"), Resolution::NotFound);
}

/// A context for `respond`, as if bound to loopback.
fn ctx(root: PathBuf) -> Served {
    Served { state: SiteState::new(root), addr: "127.0.0.1:3000".parse().unwrap(), loopback_only: true }
}

fn get(ctx: &Served, url: &str) -> Reply {
    respond(&Method::Get, url, Some("127.0.0.1:3000"), ctx)
}

fn body(r: Reply) -> String {
    use std::io::Read;
    let mut v = Vec::new();
    r.into_reader().read_to_end(&mut v).unwrap();
    String::from_utf8_lossy(&v).into_owned()
}

fn header_of(r: &Reply, name: &str) -> Option<String> {
    r.headers().iter().find(|h| h.field.to_string().eq_ignore_ascii_case(name)).map(|h| h.value.to_string())
}

#[test]
fn html_gets_the_reload_script_and_other_files_do_not() {
    let (_tmp, root) = site();
    let ctx = ctx(root);
    let page = get(&ctx, "/");
    assert_eq!(page.status_code(), StatusCode(200));
    let html = body(page);
    assert!(html.contains(r#"data-generation="1"></script></body>"#), "{html}");

    let wasm = get(&ctx, "/runtime.wasm");
    assert_eq!(header_of(&wasm, "Content-Type").as_deref(), Some("application/wasm"));
    assert_eq!(body(wasm), "\0asm");

    let missing = get(&ctx, "/nope");
    assert_eq!(missing.status_code(), StatusCode(404));
    assert!(body(missing).contains("missing"));

    assert_eq!(respond(&Method::Post, "/", Some("localhost"), &ctx).status_code(), StatusCode(405));
    assert_eq!(get(&ctx, "/../secret.txt").status_code(), StatusCode(400));
}

#[test]
fn every_response_says_nosniff() {
    let (_tmp, root) = site();
    let ctx = ctx(root);
    for url in ["/", "/runtime.wasm", "/nope", "/part1", "/__labbook/events", "/%zz"] {
        let r = get(&ctx, url);
        assert_eq!(header_of(&r, "X-Content-Type-Options").as_deref(), Some("nosniff"), "{url}");
    }
    let refused = respond(&Method::Get, "/", Some("evil.example"), &ctx);
    assert_eq!(header_of(&refused, "X-Content-Type-Options").as_deref(), Some("nosniff"));
}

#[test]
fn folder_redirects_are_relative_so_double_slashes_cannot_leave_the_site() {
    let (_tmp, root) = site();
    let ctx = ctx(root.clone());
    // `//part1/` as a Location would be a protocol-relative URL: the host `part1`.
    let r = get(&ctx, "//part1");
    assert_eq!(r.status_code(), StatusCode(301));
    assert_eq!(header_of(&r, "Location").as_deref(), Some("./part1/"));
    assert_eq!(resolve(&root, "///part1"), Resolution::Redirect("./part1/".into()));
    assert_eq!(resolve(&root, "/part1/../part1"), Resolution::BadRequest("path escapes the site with .."));
}

#[test]
fn on_loopback_only_loopback_host_names_are_answered() {
    let (_tmp, root) = site();
    let ctx = ctx(root.clone());
    for host in ["localhost", "localhost:3000", "LOCALHOST.", "app.localhost:8", "127.0.0.1", "127.0.0.1:3000", "127.1.2.3:1", "[::1]", "[::1]:3000"] {
        assert_eq!(respond(&Method::Get, "/", Some(host), &ctx).status_code(), StatusCode(200), "{host}");
    }
    for host in [Some("evil.example"), Some("evil.example:3000"), Some("localhost.evil.example"), Some("10.0.0.1:3000"), Some("[::1"), Some("[::2]:3000"), Some(""), None] {
        let r = respond(&Method::Get, "/", host, &ctx);
        assert_eq!(r.status_code(), StatusCode(403), "{host:?}");
        let why = body(r);
        assert!(why.contains("DNS rebinding") && why.contains("http://127.0.0.1:3000/"), "{why}");
    }
    // Bound to the network on purpose (`--bind`): any name the network uses is fine.
    let open = Served { loopback_only: false, ..ctx };
    assert_eq!(respond(&Method::Get, "/", Some("laptop.lan:3000"), &open).status_code(), StatusCode(200));
}

#[cfg(unix)]
#[test]
fn index_and_404_pages_that_are_symlinks_out_of_the_site_are_not_served() {
    let (tmp, root) = site();
    let secret = tmp.path().join("secret.txt");
    std::fs::create_dir(root.join("escape")).unwrap();
    std::os::unix::fs::symlink(&secret, root.join("escape/index.html")).unwrap();
    assert_eq!(resolve(&root, "/escape/"), Resolution::NotFound);
    std::fs::remove_file(root.join("404.html")).unwrap();
    std::os::unix::fs::symlink(&secret, root.join("404.html")).unwrap();
    let ctx = ctx(root);
    let missing = get(&ctx, "/escape/");
    assert_eq!(missing.status_code(), StatusCode(404));
    assert_eq!(body(missing), "not found\n");
}

#[test]
fn the_reload_poll_answers_at_once_with_the_generation_and_error() {
    let (_tmp, root) = site();
    let ctx = ctx(root.clone());
    let state: serde_json::Value = serde_json::from_str(&body(get(&ctx, "/__labbook/events?since=1"))).unwrap();
    assert_eq!(state, serde_json::json!({"generation": 1, "error": null}));
    ctx.state.fail("src/intro.md:3: no lab `x`".into());
    let state: serde_json::Value = serde_json::from_str(&body(get(&ctx, "/__labbook/events"))).unwrap();
    assert_eq!(state, serde_json::json!({"generation": 1, "error": "src/intro.md:3: no lab `x`"}));
    ctx.state.publish(root.join("part1"));
    let state: serde_json::Value = serde_json::from_str(&body(get(&ctx, "/__labbook/events"))).unwrap();
    assert_eq!(state, serde_json::json!({"generation": 2, "error": null}));
}

#[test]
fn a_failed_rebuild_keeps_the_old_site_and_reports_the_error() {
    let (_tmp, root) = site();
    let state = SiteState::new(root.clone());
    state.fail("src/intro.md:3: no lab `x`".into());
    let snap = state.snapshot();
    assert_eq!(snap.generation, 1);
    assert_eq!(snap.root, root);
    assert_eq!(snap.error.as_deref(), Some("src/intro.md:3: no lab `x`"));
    state.publish(root.join("part1"));
    let snap = state.snapshot();
    assert_eq!(snap.generation, 2);
    assert_eq!(snap.error, None);
}

/// Browsers keep connections open and open several at once. tiny_http 0.12.0's thread pool
/// queued every new connection while any thread was idle, so a burst could pile up behind a
/// few idle threads, each then held by an open connection: the rest were never read (a page
/// half-loaded in `labbook serve`); patched in `patches/tiny_http`. Here: some threads go idle,
/// then 8 connections arrive at once and stay open, as a browser's do; each must be answered.
#[test]
fn every_connection_is_answered_while_others_stay_open() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::sync::mpsc;

    let (_dir, root) = site();
    let server = Server::start("127.0.0.1:0".parse().unwrap(), SiteState::new(root)).unwrap();
    let addr = server.addr;
    let get = |stream: &mut TcpStream| -> Result<(), String> {
        stream.write_all(b"GET /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n").map_err(|e| e.to_string())?;
        let mut buf = [0u8; 4096];
        let n = stream.read(&mut buf).map_err(|e| format!("no answer: {e}"))?;
        if buf[..n].starts_with(b"HTTP/1.1 200") { Ok(()) } else { Err(String::from_utf8_lossy(&buf[..n]).into_owned()) }
    };
    let open = || {
        let s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s
    };
    // Six connections answered; closing three leaves three pool threads idle.
    let mut warm: Vec<TcpStream> = (0..6).map(|_| open()).collect();
    for s in &mut warm {
        get(s).unwrap();
    }
    warm.truncate(3);
    std::thread::sleep(Duration::from_millis(300));
    // The burst: each connection stays open until every one has its answer.
    let (done_tx, done_rx) = mpsc::channel();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = std::sync::Arc::new(std::sync::Mutex::new(release_rx));
    for _ in 0..8 {
        let (done_tx, release_rx) = (done_tx.clone(), release_rx.clone());
        let mut s = open();
        std::thread::spawn(move || {
            let _ = done_tx.send(get(&mut s));
            let _ = release_rx.lock().unwrap().recv_timeout(Duration::from_secs(10));
            drop(s);
        });
    }
    let answers: Vec<Result<(), String>> = (0..8).map(|_| done_rx.recv_timeout(Duration::from_secs(8)).unwrap_or(Err("no answer".into()))).collect();
    drop(release_tx);
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    server.stop();
}

/// Sends `request` on a fresh connection and reads until the server closes it.
fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn quick_limits() -> Limits {
    Limits {
        read_timeout: Duration::from_millis(500),
        keep_alive_timeout: Duration::from_millis(500),
        ..Limits::default()
    }
}

/// The attacks of issue 10 against the real server: each is refused and the server keeps
/// answering. 0.12.0 aborted the process on the first (it allocated the declared body).
#[test]
fn hostile_requests_are_refused_and_the_server_keeps_answering() {
    let (_dir, root) = site();
    let server = Server::start_with("127.0.0.1:0".parse().unwrap(), SiteState::new(root), quick_limits()).unwrap();
    let addr = server.addr;
    let ok = || {
        let answer = exchange(addr, b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assert!(answer.starts_with("HTTP/1.1 200") && answer.contains("home"), "{answer}");
    };
    let cases: [(&[u8], &str); 6] = [
        (b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999\r\n\r\n", "HTTP/1.1 413"),
        (b"GET /\xff\xfe HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.1 400"),
        (b"GET /%00 HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.1 400"),
        (b"GET / HTTP/1.1\r\nHost: rebound.example\r\n\r\n", "HTTP/1.1 403"),
        (b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999\r\n\r\nxx", "HTTP/1.1 405"),
        (b"GET //labs HTTP/1.1\r\nHost: localhost\r\n\r\n", "HTTP/1.1 404"),
    ];
    for (request, status) in cases {
        let answer = exchange(addr, request);
        assert!(answer.starts_with(status), "{:?} gave {answer}", String::from_utf8_lossy(request));
        ok();
    }
    let long = format!("GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n", "a".repeat(1 << 20));
    assert!(exchange(addr, long.as_bytes()).starts_with("HTTP/1.1 414"));
    ok();
    server.stop();
}

/// A client pipelining hundreds of reload polls, and many "tabs" polling at once: every poll is
/// answered at once, none holds a thread.
#[test]
fn hundreds_of_pipelined_polls_are_all_answered_quickly() {
    let (_dir, root) = site();
    let server = Server::start_with("127.0.0.1:0".parse().unwrap(), SiteState::new(root), quick_limits()).unwrap();
    let mut polls = Vec::new();
    for _ in 0..500 {
        polls.extend_from_slice(b"GET /__labbook/events?since=1 HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }
    polls.extend_from_slice(b"GET /__labbook/events HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let started = std::time::Instant::now();
    let answers = exchange(server.addr, &polls);
    assert_eq!(answers.matches(r#"{"error":null,"generation":1}"#).count(), 501, "{}", &answers[..answers.len().min(500)]);
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    // Meanwhile a page still loads.
    let page = exchange(server.addr, b"GET /part1/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert!(page.contains("part"), "{page}");
    server.stop();
}
