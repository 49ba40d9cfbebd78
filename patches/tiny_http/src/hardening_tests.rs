//! Patched (see patches/README.md): a real server on loopback against hostile clients.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::{Limits, Response, Server};

fn limits() -> Limits {
    Limits {
        read_timeout: Duration::from_millis(500),
        keep_alive_timeout: Duration::from_millis(300),
        ..Limits::default()
    }
}

/// A server answering every request with `ok <url>` without reading its body.
fn serve(limits: Limits) -> (Arc<Server>, SocketAddr) {
    let server = Arc::new(Server::http_with_limits("127.0.0.1:0", limits).unwrap());
    let addr = server.server_addr().to_ip().unwrap();
    let s = Arc::clone(&server);
    std::thread::spawn(move || {
        for rq in s.incoming_requests() {
            let body = format!("ok {}", rq.url());
            let _ = rq.respond(Response::from_string(body));
        }
    });
    (server, addr)
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

/// Sends `request` and reads until the server closes or `timeout`; the text received.
fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut s = connect(addr);
    let _ = s.write_all(request);
    read_all(&mut s)
}

fn read_all(s: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn assert_alive(addr: SocketAddr) {
    let answer = exchange(addr, b"GET /alive HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("ok /alive"), "{}", answer);
}

#[test]
fn a_huge_content_length_on_get_is_refused_without_allocating_it() {
    let (_server, addr) = serve(limits());
    let answer = exchange(addr, b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 413"), "{}", answer);
    assert_alive(addr);
}

#[test]
fn an_unread_huge_post_body_is_answered_then_the_connection_closes() {
    // 0.12.0 allocated the whole declared length to discard it: the process aborted.
    let (_server, addr) = serve(limits());
    let mut s = connect(addr);
    s.write_all(b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999\r\n\r\n").unwrap();
    // More body than the drain limit, then the client keeps the connection open.
    let chunk = vec![b'a'; 16 * 1024];
    for _ in 0..8 {
        if s.write_all(&chunk).is_err() {
            break;
        }
    }
    let started = Instant::now();
    let answer = read_all(&mut s);
    assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("ok /upload"), "{}", answer);
    assert!(started.elapsed() < Duration::from_secs(3), "the connection was not closed");
    assert_alive(addr);
}

#[test]
fn a_small_unread_body_is_discarded_and_the_connection_kept() {
    let (_server, addr) = serve(limits());
    let body = "x".repeat(5000);
    let request = format!(
        "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}GET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let answer = exchange(addr, request.as_bytes());
    assert!(answer.contains("ok /a") && answer.ends_with("ok /b"), "{}", answer);
}

#[test]
fn oversized_request_lines_and_headers_are_refused() {
    let (_server, addr) = serve(limits());
    let long_target = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(9000));
    assert!(exchange(addr, long_target.as_bytes()).starts_with("HTTP/1.1 414"));

    let big_header = format!("GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "b".repeat(1 << 20));
    assert!(exchange(addr, big_header.as_bytes()).starts_with("HTTP/1.1 431"));

    let mut many = String::from("GET / HTTP/1.1\r\nHost: x\r\n");
    for i in 0..10_000 {
        many.push_str(&format!("X-{i}: v\r\n"));
    }
    many.push_str("\r\n");
    assert!(exchange(addr, many.as_bytes()).starts_with("HTTP/1.1 431"));
    assert_alive(addr);
}

#[test]
fn malformed_requests_get_400() {
    let (_server, addr) = serve(limits());
    for bad in [
        &b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n"[..],
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        b"NONSENSE\r\n\r\n",
    ] {
        let answer = exchange(addr, bad);
        assert!(answer.starts_with("HTTP/1.1 400"), "{:?} gave {answer}", String::from_utf8_lossy(bad));
    }
    assert_alive(addr);
}

#[test]
fn idle_and_silent_connections_are_closed_after_the_keep_alive_timeout() {
    let (_server, addr) = serve(limits());
    let mut kept = connect(addr);
    kept.write_all(b"GET /1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut buf = [0u8; 1024];
    assert!(kept.read(&mut buf).unwrap() > 0);
    let mut silent = connect(addr);
    let started = Instant::now();
    // Both end with a clean close and no response: nothing was asked.
    assert_eq!(read_all(&mut kept), "");
    assert_eq!(read_all(&mut silent), "");
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

#[test]
fn a_request_head_trickled_slower_than_the_read_timeout_gets_408() {
    let (_server, addr) = serve(limits());
    let mut s = connect(addr);
    s.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    assert!(read_all(&mut s).starts_with("HTTP/1.1 408"));
}

#[test]
fn pipelined_requests_are_handed_over_one_at_a_time_and_all_answered() {
    let server = Arc::new(Server::http_with_limits("127.0.0.1:0", limits()).unwrap());
    let addr = server.server_addr().to_ip().unwrap();
    let mut s = connect(addr);
    let mut all = Vec::new();
    for i in 0..1000 {
        all.extend_from_slice(format!("GET /{i} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes());
    }
    all.extend_from_slice(b"GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let writer = std::thread::spawn(move || {
        let _ = s.write_all(&all);
        read_all(&mut s)
    });
    for i in 0..1001 {
        let rq = server.recv_timeout(Duration::from_secs(5)).unwrap().expect("a request");
        // Nothing else from this connection is queued while this one is unanswered.
        assert!(server.try_recv().unwrap().is_none(), "request {}: a second one was queued", i);
        let url = rq.url().to_owned();
        rq.respond(Response::from_string(format!("ok {url}"))).unwrap();
    }
    let answers = writer.join().unwrap();
    assert_eq!(answers.matches("HTTP/1.1 200").count(), 1001);
    assert!(answers.ends_with("ok /last"));
}

#[test]
fn beyond_max_connections_idle_ones_are_evicted_and_busy_ones_give_503() {
    let limits = Limits { max_connections: 2, keep_alive_timeout: Duration::from_secs(30), ..limits() };
    let server = Arc::new(Server::http_with_limits("127.0.0.1:0", limits).unwrap());
    let addr = server.server_addr().to_ip().unwrap();
    // Two silent connections take both threads; a third arrives: the oldest silent one goes.
    let mut first = connect(addr);
    std::thread::sleep(Duration::from_millis(50));
    let _second = connect(addr);
    std::thread::sleep(Duration::from_millis(50));
    let mut third = connect(addr);
    third.write_all(b"GET /third HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    assert_eq!(read_all(&mut first), "", "the oldest idle connection is closed");
    let rq = server.recv_timeout(Duration::from_secs(5)).unwrap().expect("the third is served");
    assert_eq!(rq.url(), "/third");

    // Now two connections with a request in progress each (the third's is unanswered; the
    // second sends one): nothing is idle, so a fourth gets 503 and is closed.
    let mut second = _second;
    second.write_all(b"GET /second HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let rq2 = server.recv_timeout(Duration::from_secs(5)).unwrap().expect("the second is served");
    let fourth = exchange(addr, b"GET /fourth HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(fourth.starts_with("HTTP/1.1 503"), "{}", fourth);
    assert!(fourth.contains("Retry-After: 1"));
    drop((rq, rq2));
}

#[test]
fn connections_that_never_asked_anything_are_evicted_before_keep_alive_ones() {
    let limits = Limits { max_connections: 2, keep_alive_timeout: Duration::from_secs(30), ..limits() };
    let (_server, addr) = serve(limits);
    // The oldest connection has been served and is idle between requests (a browser tab).
    let mut tab = connect(addr);
    tab.write_all(b"GET /tab HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut buf = [0u8; 1024];
    assert!(tab.read(&mut buf).unwrap() > 0);
    std::thread::sleep(Duration::from_millis(50));
    let mut silent = connect(addr);
    std::thread::sleep(Duration::from_millis(50));
    // A third connection needs a thread: the silent one goes, although the tab waited longer.
    let answer = exchange(addr, b"GET /new HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(answer.ends_with("ok /new"), "{}", answer);
    assert_eq!(read_all(&mut silent), "");
    tab.write_all(b"GET /again HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    assert!(read_all(&mut tab).ends_with("ok /again"));
}
