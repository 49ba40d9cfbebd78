//! A bounded soak of `labbook serve` (issue 10): parallel clients load pages and the lab
//! runtime, preview "tabs" poll for reloads, and other clients send what a preview server must
//! survive. Prints how many normal requests were answered, their latency, and whether the
//! server is still alive. Loopback only; stops by itself.
//!
//! ```text
//! labbook serve --dev-runtime --port 0          # prints its URL
//! cargo run --release -p labbook --example soak -- http://127.0.0.1:PORT/ [--seconds 20]
//!     [--clients 8] [--tabs 12] [--pid PID] [--wasm PATH]
//! ```
//!
//! Goal: alive, every normal request answered with 2xx, p99 under 1 s (on a 2-core machine).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

struct Options {
    addr: SocketAddr,
    host: String,
    seconds: u64,
    clients: usize,
    tabs: usize,
    pid: Option<u32>,
    wasm: Option<String>,
}

fn usage(why: &str) -> ! {
    eprintln!("soak: {why}\nusage: soak http://127.0.0.1:PORT/ [--seconds N] [--clients N] [--tabs N] [--pid PID] [--wasm PATH]");
    std::process::exit(2)
}

fn options() -> Options {
    let mut args = std::env::args().skip(1);
    let url = args.next().unwrap_or_else(|| usage("no URL given"));
    let host = url
        .strip_prefix("http://")
        .unwrap_or_else(|| usage("the URL must start with http://"))
        .split('/')
        .next()
        .unwrap_or("")
        .to_owned();
    let addr = host
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .unwrap_or_else(|| usage(&format!("cannot resolve {host}")));
    if !addr.ip().is_loopback() {
        usage(&format!("{addr} is not a loopback address: this soak only runs against this machine"));
    }
    let mut o = Options { addr, host, seconds: 20, clients: 8, tabs: 12, pid: None, wasm: None };
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| usage(&format!("{flag} needs a value")));
        let number = || value.parse::<u64>().unwrap_or_else(|_| usage(&format!("{flag} {value}: not a number")));
        match flag.as_str() {
            "--seconds" => o.seconds = number().clamp(1, 600),
            "--clients" => o.clients = number().clamp(1, 64) as usize,
            "--tabs" => o.tabs = number().min(64) as usize,
            "--pid" => o.pid = Some(number() as u32),
            "--wasm" => o.wasm = Some(value.trim_start_matches('/').to_owned()),
            _ => usage(&format!("unknown option {flag}")),
        }
    }
    o
}

/// One response: status and body length.
struct Answer {
    status: u16,
    len: usize,
}

/// Reads one HTTP/1.1 response (Content-Length or chunked) from `r`.
fn read_response(r: &mut BufReader<TcpStream>) -> std::io::Result<Answer> {
    let mut line = String::new();
    if r.read_line(&mut line)? == 0 {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed before a response"));
    }
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (mut length, mut chunked) = (0usize, false);
    loop {
        line.clear();
        r.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let (name, value) = l.split_once(':').unwrap_or((l, ""));
        if name.eq_ignore_ascii_case("content-length") {
            length = value.trim().parse().unwrap_or(0);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        }
    }
    let mut sink = vec![0u8; 64 * 1024];
    let mut skip = |r: &mut BufReader<TcpStream>, mut n: usize| -> std::io::Result<()> {
        while n > 0 {
            let k = r.read(&mut sink[..n.min(64 * 1024)])?;
            if k == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            n -= k;
        }
        Ok(())
    };
    if !chunked {
        skip(r, length)?;
        return Ok(Answer { status, len: length });
    }
    let mut total = 0;
    loop {
        line.clear();
        r.read_line(&mut line)?;
        let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
        skip(r, size + 2)?;
        total += size;
        if size == 0 {
            return Ok(Answer { status, len: total });
        }
    }
}

fn connect(addr: SocketAddr) -> std::io::Result<BufReader<TcpStream>> {
    let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    s.set_write_timeout(Some(Duration::from_secs(10)))?;
    s.set_nodelay(true)?;
    Ok(BufReader::new(s))
}

/// A keep-alive client like a browser's: reconnects when the server closed an idle
/// connection, and retries a request once if a reused connection closed before answering
/// (RFC 9112 §9.3.1; browsers do the same).
struct Client {
    addr: SocketAddr,
    host: String,
    conn: Option<BufReader<TcpStream>>,
    retries: u64,
}

impl Client {
    fn get(&mut self, path: &str) -> Result<Answer, String> {
        let request = format!("GET /{path} HTTP/1.1\r\nHost: {}\r\nAccept: */*\r\n\r\n", self.host);
        for attempt in 0..2 {
            let reused = self.conn.is_some();
            let conn = match self.conn.take() {
                Some(c) => c,
                None => connect(self.addr).map_err(|e| format!("connect: {e}"))?,
            };
            let mut conn = conn;
            let result = conn.get_mut().write_all(request.as_bytes()).and_then(|()| read_response(&mut conn));
            match result {
                Ok(a) => {
                    self.conn = Some(conn);
                    return Ok(a);
                }
                Err(e) if reused && attempt == 0 => {
                    let _ = e;
                    self.retries += 1;
                }
                Err(e) => return Err(format!("/{path}: {e}")),
            }
        }
        unreachable!()
    }
}

/// Pages and the runtime, found from the home page.
fn discover(o: &Options) -> (Vec<String>, String) {
    let mut client = Client { addr: o.addr, host: o.host.clone(), conn: None, retries: 0 };
    let home = fetch_text(o, "");
    let mut pages: Vec<String> = links(&home, ".html").into_iter().filter(|p| !p.starts_with("http")).take(30).collect();
    if pages.is_empty() {
        pages.push(String::new());
    }
    let wasm = o.wasm.clone().or_else(|| {
        // The runtime's URL is in a script the pages load.
        let scripts = links(&home, ".js");
        scripts.iter().find_map(|js| links(&fetch_text(o, js), "_bg.wasm").into_iter().next().map(|w| resolve_next_to(js, &w)))
    });
    // Where `labbook build` puts it (the lab worker, not a page, loads it).
    let wasm = wasm.or_else(|| Some("labbook/wasm/labs_wasm_bg.wasm".to_owned()));
    let wasm = wasm.unwrap_or_else(|| usage("could not find the lab runtime's .wasm from the home page: pass --wasm PATH"));
    let a = client.get(&wasm).unwrap_or_else(|e| usage(&format!("fetching {wasm}: {e}")));
    if a.status != 200 {
        usage(&format!("{wasm} answered {}: pass --wasm PATH", a.status));
    }
    println!("pages: {} (e.g. /{}), runtime: /{wasm} ({:.1} MB)", pages.len(), pages[pages.len() / 2], a.len as f64 / 1e6);
    (pages, wasm)
}

fn fetch_text(o: &Options, path: &str) -> String {
    let mut conn = connect(o.addr).unwrap_or_else(|e| usage(&format!("cannot connect to {}: {e}", o.addr)));
    let req = format!("GET /{path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", o.host);
    conn.get_mut().write_all(req.as_bytes()).unwrap();
    let mut all = String::new();
    let _ = conn.read_to_string(&mut all);
    all.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default()
}

/// Quoted strings in `text` ending with `suffix`, without `./` or a leading `/`.
fn links(text: &str, suffix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split(['"', '\'', '`']) {
        if part.ends_with(suffix) && !part.contains(char::is_whitespace) && part.len() < 200 {
            let p = part.trim_start_matches("./").trim_start_matches('/').to_owned();
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

fn resolve_next_to(script: &str, target: &str) -> String {
    match script.rsplit_once('/') {
        Some((dir, _)) if !target.contains('/') => format!("{dir}/{target}"),
        _ => target.to_owned(),
    }
}

#[derive(Default)]
struct Tally {
    latencies: Mutex<Vec<Duration>>,
    answered: AtomicU64,
    failed: AtomicU64,
    retries: AtomicU64,
    errors: Mutex<Vec<String>>,
}

impl Tally {
    fn record(&self, started: Instant, result: Result<Answer, String>) {
        match result {
            Ok(a) if (200..300).contains(&a.status) => {
                self.answered.fetch_add(1, Ordering::Relaxed);
                self.latencies.lock().unwrap().push(started.elapsed());
            }
            Ok(a) => self.fail(format!("status {}", a.status)),
            Err(e) => self.fail(e),
        }
    }
    fn fail(&self, why: String) {
        self.failed.fetch_add(1, Ordering::Relaxed);
        let mut errors = self.errors.lock().unwrap();
        if errors.len() < 5 {
            errors.push(why);
        }
    }
}

/// Statuses the server gave to one kind of bad input.
#[derive(Default)]
struct Attacks(Mutex<std::collections::BTreeMap<&'static str, std::collections::BTreeMap<String, u64>>>);

impl Attacks {
    fn note(&self, kind: &'static str, outcome: String) {
        *self.0.lock().unwrap().entry(kind).or_default().entry(outcome).or_default() += 1;
    }
}

/// Sends `request` on a fresh connection; the status line answered, or how it ended.
fn one_shot(addr: SocketAddr, request: &[u8]) -> String {
    let Ok(mut conn) = connect(addr) else { return "connect failed".into() };
    // The server may answer and close before all of a huge request is written.
    let _ = conn.get_mut().write_all(request);
    match read_response(&mut conn) {
        Ok(a) => a.status.to_string(),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => "closed".into(),
        Err(e) => format!("{:?}", e.kind()),
    }
}

fn attackers(o: &Options, stop: &Arc<AtomicBool>, attacks: &Arc<Attacks>) -> Vec<thread::JoinHandle<()>> {
    let host = o.host.clone();
    let addr = o.addr;
    let huge_header = format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: {}\r\n\r\n", "b".repeat(1 << 20));
    let mut many = format!("GET / HTTP/1.1\r\nHost: {host}\r\n");
    for i in 0..10_000 {
        many.push_str(&format!("X-H{i}: v\r\n"));
    }
    many.push_str("\r\n");
    let bad: Vec<(&'static str, Vec<u8>)> = vec![
        ("GET with Content-Length 99999999999999", format!("GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 99999999999999\r\n\r\n").into_bytes()),
        ("POST with Content-Length 99999999999999", format!("POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 99999999999999\r\n\r\n{}", "x".repeat(200_000)).into_bytes()),
        ("1 MiB header line", huge_header.into_bytes()),
        ("10,000 headers", many.into_bytes()),
        // Raw bytes no string can hold: 0xFF 0xFE in the request target.
        ("invalid UTF-8 in the path", [b"GET /\xff\xfe/index.html HTTP/1.1\r\nHost: ".as_slice(), host.as_bytes(), b"\r\n\r\n"].concat()),
        ("NUL in the path", format!("GET /index.html\0.png HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes()),
        ("%00 in the path", format!("GET /index.html%00 HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes()),
        ("Host of another site", b"GET / HTTP/1.1\r\nHost: rebound.example\r\n\r\n".to_vec()),
        ("GET //evil.example", format!("GET //evil.example HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes()),
    ];

    let mut handles = Vec::new();
    {
        let (stop, attacks) = (Arc::clone(stop), Arc::clone(attacks));
        handles.push(thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                for (kind, request) in &bad {
                    attacks.note(kind, one_shot(addr, request));
                }
                thread::sleep(Duration::from_millis(20));
            }
        }));
    }
    {
        // 1,000 pipelined requests on one connection, written at once; all answers read back.
        let (stop, attacks, host) = (Arc::clone(stop), Arc::clone(attacks), host.clone());
        handles.push(thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let mut all = Vec::new();
                for i in 0..1000 {
                    let path = if i % 2 == 0 { "__labbook/events" } else { "index.html" };
                    all.extend_from_slice(format!("GET /{path} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());
                }
                let Ok(mut conn) = connect(addr) else { continue };
                let mut writer = conn.get_ref().try_clone().unwrap();
                let w = thread::spawn(move || writer.write_all(&all));
                let mut ok = 0;
                while ok < 1000 {
                    match read_response(&mut conn) {
                        Ok(a) if a.status == 200 => ok += 1,
                        _ => break,
                    }
                }
                let _ = w.join();
                attacks.note("1,000 pipelined requests", format!("{ok} answered"));
            }
        }));
    }
    {
        // 300 sockets held open, sending nothing; reopened when the server closes them.
        let (stop, attacks) = (Arc::clone(stop), Arc::clone(attacks));
        handles.push(thread::spawn(move || {
            let mut held: Vec<TcpStream> = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                held.retain(|s| {
                    let _ = s.set_nonblocking(true);
                    let mut b = [0u8; 1];
                    let closed = matches!((&*s).read(&mut b), Ok(0));
                    if closed {
                        attacks.note("300 idle sockets", "closed by the server".into());
                    }
                    !closed
                });
                while held.len() < 300 {
                    match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
                        Ok(s) => {
                            held.push(s);
                            attacks.note("300 idle sockets", "opened".into());
                        }
                        Err(_) => {
                            attacks.note("300 idle sockets", "connect failed".into());
                            break;
                        }
                    }
                }
                thread::sleep(Duration::from_millis(200));
            }
        }));
    }
    handles
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn alive(o: &Options) -> bool {
    let mut client = Client { addr: o.addr, host: o.host.clone(), conn: None, retries: 0 };
    let answers = client.get("").is_ok_and(|a| a.status == 200);
    let process = o.pid.is_none_or(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists());
    answers && process
}

fn main() {
    let o = options();
    let (pages, wasm) = discover(&o);
    let stop = Arc::new(AtomicBool::new(false));
    let normal = Arc::new(Tally::default());
    let polls = Arc::new(Tally::default());
    let attacks = Arc::new(Attacks::default());
    println!("soaking {} for {} s: {} clients, {} polling tabs, 3 hostile clients (bad inputs, pipelining, 300 idle sockets)", o.addr, o.seconds, o.clients, o.tabs);

    let mut handles = attackers(&o, &stop, &attacks);
    for c in 0..o.clients {
        let (stop, normal, pages, wasm) = (Arc::clone(&stop), Arc::clone(&normal), pages.clone(), wasm.clone());
        let mut client = Client { addr: o.addr, host: o.host.clone(), conn: None, retries: 0 };
        handles.push(thread::spawn(move || {
            let mut i = c;
            while !stop.load(Ordering::Relaxed) {
                // Mostly pages, now and then the runtime, as learners opening labs do.
                let path = if i % 10 == 9 { wasm.as_str() } else { pages[i % pages.len()].as_str() };
                let started = Instant::now();
                normal.record(started, client.get(path));
                i += 1;
            }
            normal.retries.fetch_add(client.retries, Ordering::Relaxed);
        }));
    }
    for _ in 0..o.tabs {
        let (stop, polls) = (Arc::clone(&stop), Arc::clone(&polls));
        let mut client = Client { addr: o.addr, host: o.host.clone(), conn: None, retries: 0 };
        handles.push(thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                polls.record(started, client.get("__labbook/events"));
                thread::sleep(Duration::from_millis(1000));
            }
            polls.retries.fetch_add(client.retries, Ordering::Relaxed);
        }));
    }
    thread::sleep(Duration::from_secs(o.seconds));
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        let _ = h.join();
    }

    let report = |name: &str, t: &Tally| {
        let mut l = t.latencies.lock().unwrap();
        l.sort();
        println!(
            "{name}: {} answered (2xx), {} failed, {} retried on a reused connection; p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            t.answered.load(Ordering::Relaxed),
            t.failed.load(Ordering::Relaxed),
            t.retries.load(Ordering::Relaxed),
            percentile(&l, 0.5).as_secs_f64() * 1e3,
            percentile(&l, 0.99).as_secs_f64() * 1e3,
            l.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        );
        for e in t.errors.lock().unwrap().iter() {
            println!("  failure: {e}");
        }
    };
    report("normal requests", &normal);
    report("reload polls", &polls);
    println!("bad inputs (outcome × count):");
    for (kind, outcomes) in attacks.0.lock().unwrap().iter() {
        let o: Vec<String> = outcomes.iter().map(|(k, n)| format!("{k} × {n}")).collect();
        println!("  {kind}: {}", o.join(", "));
    }
    let is_alive = alive(&o);
    println!("server alive: {}", if is_alive { "yes" } else { "NO" });
    let p99 = {
        let l = normal.latencies.lock().unwrap();
        percentile(&l, 0.99)
    };
    let pass = is_alive && normal.failed.load(Ordering::Relaxed) == 0 && p99 < Duration::from_secs(1);
    println!("goal (alive, every normal request answered, p99 < 1 s): {}", if pass { "met" } else { "NOT met" });
    std::process::exit(if pass { 0 } else { 1 });
}
