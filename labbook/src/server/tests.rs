use super::*;

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
    assert_eq!(resolve(&root, "/part1"), Resolution::Redirect("/part1/".into()));
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

#[test]
fn html_gets_the_reload_script_and_other_files_do_not() {
    let (_tmp, root) = site();
    let state = SiteState::new(root);
    let body = |r: Reply| {
        let mut v = Vec::new();
        r.into_reader().read_to_end(&mut v).unwrap();
        String::from_utf8_lossy(&v).into_owned()
    };
    use std::io::Read;
    let page = respond(&Method::Get, "/", &state);
    assert_eq!(page.status_code(), StatusCode(200));
    let html = body(page);
    assert!(html.contains(r#"data-generation="1"></script></body>"#), "{html}");

    let wasm = respond(&Method::Get, "/runtime.wasm", &state);
    assert_eq!(body(wasm), "\0asm");

    let missing = respond(&Method::Get, "/nope", &state);
    assert_eq!(missing.status_code(), StatusCode(404));
    assert!(body(missing).contains("missing"));

    assert_eq!(respond(&Method::Post, "/", &state).status_code(), StatusCode(405));
    assert_eq!(respond(&Method::Get, "/../secret.txt", &state).status_code(), StatusCode(400));
}

#[test]
fn a_failed_rebuild_keeps_the_old_site_and_reports_the_error() {
    let (_tmp, root) = site();
    let state = SiteState::new(root.clone());
    state.fail("src/intro.md:3: no lab `x`".into());
    let snap = state.wait_for_change(1, Duration::from_millis(10));
    assert_eq!(snap.generation, 1);
    assert_eq!(snap.root, root);
    assert_eq!(snap.error.as_deref(), Some("src/intro.md:3: no lab `x`"));
    state.publish(root.join("part1"));
    let snap = state.wait_for_change(1, Duration::from_millis(10));
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
    use std::time::Duration;

    let (_dir, root) = site();
    let server = Server::start("127.0.0.1:0".parse().unwrap(), SiteState::new(root)).unwrap();
    let addr = server.addr;
    let get = |stream: &mut TcpStream| -> Result<(), String> {
        stream.write_all(b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n").map_err(|e| e.to_string())?;
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
