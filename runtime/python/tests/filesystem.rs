//! The sandbox's filesystem: /tmp, /var/task and /opt with Lambda's rules, in memory only.

mod common;

use std::rc::Rc;

use common::NoCloud;
use lab_python::{Engine, FunctionConfig, InvokeReport, Outcome};
use serde_json::{Value, json};

/// A handler module: `body` (4-space indented here) is `lambda_handler`'s.
fn handler(body: &str) -> String {
    let mut code = String::from("import os, io, errno, json\n\ndef lambda_handler(event, context):\n");
    for line in body.lines() {
        code.push_str("    ");
        code.push_str(line);
        code.push('\n');
    }
    code
}

fn invoke(engine: &mut Engine, event: Value) -> InvokeReport {
    engine.invoke(&event.to_string(), Rc::new(NoCloud))
}

/// The handler's return value; panics with the log if it failed.
fn ok(engine: &mut Engine, event: Value) -> Value {
    let r = invoke(engine, event);
    if let Outcome::Failed(err) = &r.outcome {
        panic!("handler failed: {err:?}\n--- log ---\n{}", r.log_text());
    }
    r.payload()
}

fn run(body: &str) -> Value {
    ok(&mut Engine::new(FunctionConfig::with_code(&handler(body))), Value::Null)
}

/// `errors(...)` in a handler: each lambda's exception as [type, errno, filename, filename2, str].
const ERRORS: &str = r#"def errors(*fs):
    out = []
    for f in fs:
        try:
            f()
            out.append(None)
        except Exception as e:
            out.append([type(e).__name__, getattr(e, 'errno', None), getattr(e, 'filename', None), getattr(e, 'filename2', None), str(e)])
    return out
"#;

fn with_errors(body: &str) -> String {
    format!("{ERRORS}{}", handler(body))
}

#[test]
fn text_and_binary_files_in_tmp_round_trip() {
    let out = run(r#"with open('/tmp/report.txt', 'w') as f:
    n = f.write('héllo\nworld\n')
    shape = [repr(f), f.name, f.mode, f.encoding, f.readable(), f.writable(), f.closed]
closed = f.closed
with open('/tmp/report.txt') as f:
    first = f.readline()
    rest = list(f)
with open('/tmp/report.txt', 'rb') as f:
    raw = f.read()
    bshape = [repr(f), f.mode, f.readable(), f.writable()]
with open('/tmp/blob.bin', 'wb') as f:
    f.write(bytes(range(256)))
with open('/tmp/blob.bin', 'rb') as f:
    f.seek(250)
    tail = list(f.read())
    size = f.tell()
with open('/tmp/crlf.txt', 'w', newline='\r\n') as f:
    f.write('a\nb\n')
with open('/tmp/latin.txt', 'w', encoding='latin-1') as f:
    f.write('café')
try:
    open('/tmp/latin.txt').read()
    bad = None
except UnicodeDecodeError as e:
    bad = type(e).__name__
return {'n': n, 'shape': shape, 'closed': closed, 'first': first, 'rest': rest, 'raw': list(raw), 'bshape': bshape,
        'tail': tail, 'size': size, 'crlf': list(open('/tmp/crlf.txt', 'rb').read()),
        'universal': open('/tmp/crlf.txt').read(), 'latin': open('/tmp/latin.txt', encoding='latin-1').read(),
        'bad': bad, 'replaced': open('/tmp/latin.txt', errors='replace').read(),
        'io_open': io.open is open, 'same': open('/tmp/report.txt').read() == open('/tmp/report.txt', encoding='utf-8').read()}"#);
    assert_eq!(out["n"], 12);
    assert_eq!(
        out["shape"],
        json!(["<_io.TextIOWrapper name='/tmp/report.txt' mode='w' encoding='UTF-8'>", "/tmp/report.txt", "w", "UTF-8", false, true, false])
    );
    assert_eq!(out["closed"], true);
    assert_eq!(out["first"], "héllo\n");
    assert_eq!(out["rest"], json!(["world\n"]));
    assert_eq!(out["raw"], json!(b"h\xc3\xa9llo\nworld\n".to_vec()));
    assert_eq!(out["bshape"], json!(["<_io.BufferedReader name='/tmp/report.txt'>", "rb", true, false]));
    assert_eq!(out["tail"], json!([250, 251, 252, 253, 254, 255]));
    assert_eq!(out["size"], 256);
    assert_eq!(out["crlf"], json!(b"a\r\nb\r\n".to_vec()));
    assert_eq!(out["universal"], "a\nb\n");
    assert_eq!(out["latin"], "café");
    assert_eq!(out["bad"], "UnicodeDecodeError");
    assert_eq!(out["replaced"], "caf\u{fffd}");
    assert_eq!(out["io_open"], true);
    assert_eq!(out["same"], true);
}

#[test]
fn append_seek_update_and_truncate() {
    let out = run(r#"with open('/tmp/log.txt', 'a') as f:
    f.write('one\n')
with open('/tmp/log.txt', 'a') as f:
    pos = f.tell()
    f.write('two\n')
with open('/tmp/log.txt', 'a+') as f:
    f.seek(0)
    f.write('three\n')  # appends whatever the position
    f.seek(0)
    appended = f.read()
with open('/tmp/log.txt', 'r+') as f:
    f.write('ONE')
    f.seek(0, os.SEEK_END)
    end = f.tell()
with open('/tmp/b', 'wb+') as f:
    f.write(b'0123456789')
    f.seek(-3, os.SEEK_END)
    last = f.read()
    f.seek(2)
    f.write(b'xx')
    f.seek(0)
    f.truncate(6)
    f.seek(0)
    truncated = f.read()
    f.seek(8)
    f.write(b'!')  # past the end: a hole of zero bytes
    f.seek(0)
    holed = f.read()
with open('/tmp/log.txt', 'w') as f:
    f.write('fresh')
return {'pos': pos, 'appended': appended, 'end': end, 'now': open('/tmp/log.txt').read(), 'last': last.decode(),
        'truncated': truncated.decode(), 'holed': list(holed), 'size': os.path.getsize('/tmp/b')}"#);
    assert_eq!(out["pos"], 4);
    assert_eq!(out["appended"], "one\ntwo\nthree\n");
    assert_eq!(out["end"], 14);
    assert_eq!(out["now"], "fresh");
    assert_eq!(out["last"], "789");
    assert_eq!(out["truncated"], "01xx45");
    assert_eq!(out["holed"], json!([48, 49, 120, 120, 52, 53, 0, 0, 33]));
    assert_eq!(out["size"], 9);
}

#[test]
fn writes_are_visible_to_other_opens_after_flush() {
    let out = run(r#"w = open('/tmp/shared.txt', 'w')
w.write('buffered')
before = open('/tmp/shared.txt').read()
w.flush()
after_flush = open('/tmp/shared.txt').read()
w.write(' and more')
w.close()
after_close = open('/tmp/shared.txt').read()
r = open('/tmp/shared.txt', 'rb', buffering=0)
kind = type(r).__name__
r.close()
open('/tmp/dropped.txt', 'w').write('flushed when the file object goes')
return [before, after_flush, after_close, kind, w.closed, open('/tmp/dropped.txt').read()]"#);
    assert_eq!(out, json!(["", "buffered", "buffered and more", "FileIO", true, "flushed when the file object goes"]));
}

#[test]
fn os_and_os_path_see_the_files() {
    let out = run(r#"import stat
os.makedirs('/tmp/out/2026/01', exist_ok=True)
os.makedirs('/tmp/out/2026/01', exist_ok=True)
for name in ('a.csv', 'b.csv'):
    with open(os.path.join('/tmp/out/2026/01', name), 'w') as f:
        f.write('x,y\n1,2\n')
open('/tmp/out/top.txt', 'w').close()
st = os.stat('/tmp/out/2026/01/a.csv')
d = os.stat('/tmp/out')
with os.scandir('/tmp/out') as it:
    entries = sorted((e.name, e.path, e.is_file(), e.is_dir(), e.stat().st_size) for e in it)
walk = [(top, sorted(dirs), sorted(files)) for top, dirs, files in os.walk('/tmp/out')]
exists = [os.path.exists(p) for p in ('/tmp', '/tmp/out', '/tmp/nope', '/var/task', '/opt', '/')]
os.rename('/tmp/out/top.txt', '/tmp/out/renamed.txt')
os.replace('/tmp/out/2026/01/a.csv', '/tmp/out/2026/01/b.csv')
os.remove('/tmp/out/renamed.txt')
os.unlink('/tmp/out/2026/01/b.csv')
os.rmdir('/tmp/out/2026/01')
os.removedirs('/tmp/out/2026')
os.chdir('/tmp')
rel = open('rel.txt', 'w')
rel.write('relative')
rel.close()
cwd = os.getcwd()
os.chdir('/var/task')
return {
    'exists': exists,
    'size': st.st_size, 'reg': stat.S_ISREG(st.st_mode), 'dir': stat.S_ISDIR(d.st_mode), 'perm': oct(stat.S_IMODE(st.st_mode)),
    'times': [st.st_mtime, st.st_mtime_ns, st[stat.ST_MTIME]], 'uid': st.st_uid,
    'entries': entries, 'walk': walk, 'after': os.listdir('/tmp'), 'out_gone': os.path.exists('/tmp/out'),
    'rel': open('/tmp/rel.txt').read(), 'cwd': cwd, 'back': os.getcwd(), 'abspath': os.path.abspath('config.json'),
    'access': [os.access('/tmp/rel.txt', os.R_OK | os.W_OK), os.access('/var/task/lambda_function.py', os.R_OK),
               os.access('/var/task/lambda_function.py', os.W_OK), os.access('/tmp/nope', os.F_OK)],
    'checks': [os.path.isfile('/tmp/rel.txt'), os.path.isdir('/tmp/rel.txt'), os.path.isdir('/tmp'),
               os.path.getsize('/tmp/rel.txt'), os.path.getmtime('/tmp/rel.txt')],
    'root': sorted(os.listdir('/')), 'bytes': [list(n) for n in os.listdir(b'/tmp')],
}"#);
    assert_eq!(out["exists"], json!([true, true, false, true, true, true]));
    assert_eq!(out["size"], 8);
    assert_eq!(out["reg"], true);
    assert_eq!(out["dir"], true);
    assert_eq!(out["perm"], "0o644");
    // The runtime's virtual clock (NoCloud's 2026-01-15T12:00:00Z), not the host's.
    assert_eq!(out["times"], json!([1_768_478_400.0, 1_768_478_400_000_000_000_u64, 1_768_478_400]));
    assert_eq!(out["uid"], 993);
    assert_eq!(
        out["entries"],
        json!([["2026", "/tmp/out/2026", false, true, 4096], ["top.txt", "/tmp/out/top.txt", true, false, 0]])
    );
    assert_eq!(
        out["walk"],
        json!([["/tmp/out", ["2026"], ["top.txt"]], ["/tmp/out/2026", ["01"], []], ["/tmp/out/2026/01", [], ["a.csv", "b.csv"]]])
    );
    assert_eq!(out["after"], json!(["rel.txt"]));
    assert_eq!(out["out_gone"], false);
    assert_eq!(out["rel"], "relative");
    assert_eq!(out["cwd"], "/tmp");
    assert_eq!(out["back"], "/var/task");
    assert_eq!(out["abspath"], "/var/task/config.json");
    assert_eq!(out["access"], json!([true, true, false, false]));
    assert_eq!(out["checks"], json!([true, false, true, 8, 1_768_478_400.0]));
    // /usr holds only share/zoneinfo, the time-zone database zoneinfo reads.
    assert_eq!(out["root"], json!(["opt", "tmp", "usr", "var"]));
    assert_eq!(out["bytes"], json!([[114, 101, 108, 46, 116, 120, 116]]));
}

#[test]
fn pathlib_works_on_the_sandbox() {
    let out = run(r#"from pathlib import Path
base = Path('/tmp') / 'reports'
base.mkdir(parents=True, exist_ok=True)
(base / 'a.json').write_text(json.dumps({'n': 1}))
(base / 'b.bin').write_bytes(b'\x00\x01')
(base / 'nested').mkdir()
(base / 'nested' / 'c.json').write_text('{}')
out = {
    'iterdir': sorted(p.name for p in base.iterdir()),
    'glob': sorted(str(p) for p in base.glob('*.json')),
    'rglob': sorted(str(p.relative_to(base)) for p in base.rglob('*.json')),
    'read': json.loads((base / 'a.json').read_text()), 'size': (base / 'b.bin').stat().st_size,
    'kinds': [(base / 'a.json').is_file(), (base / 'nested').is_dir(), (base / 'nope').exists()],
    'cwd': str(Path.cwd()), 'resolved': str(Path('config.json').resolve()),
    'handler': Path('lambda_function.py').read_text().startswith('import os'),
}
(base / 'a.json').rename(base / 'd.json')
(base / 'b.bin').unlink()
out['after'] = sorted(p.name for p in base.iterdir())
return out"#);
    assert_eq!(out["iterdir"], json!(["a.json", "b.bin", "nested"]));
    assert_eq!(out["glob"], json!(["/tmp/reports/a.json"]));
    assert_eq!(out["rglob"], json!(["a.json", "nested/c.json"]));
    assert_eq!(out["read"], json!({"n": 1}));
    assert_eq!(out["size"], 2);
    assert_eq!(out["kinds"], json!([true, true, false]));
    assert_eq!(out["cwd"], "/var/task");
    assert_eq!(out["resolved"], "/var/task/config.json");
    assert_eq!(out["handler"], true);
    assert_eq!(out["after"], json!(["d.json", "nested"]));
}

/// /tmp belongs to the execution environment: warm invocations see what earlier ones left,
/// a cold start (a new environment) begins with an empty /tmp.
#[test]
fn tmp_survives_warm_invocations_and_is_empty_after_a_cold_start() {
    let code = r#"import os
def lambda_handler(event, context):
    path = '/tmp/count.txt'
    n = int(open(path).read()) + 1 if os.path.exists(path) else 1
    with open(path, 'w') as f:
        f.write(str(n))
    return {'n': n, 'tmp': sorted(os.listdir('/tmp'))}
"#;
    let mut e = Engine::new(FunctionConfig::with_code(code));
    assert_eq!(ok(&mut e, Value::Null), json!({"n": 1, "tmp": ["count.txt"]}));
    assert_eq!(ok(&mut e, Value::Null), json!({"n": 2, "tmp": ["count.txt"]}));
    assert_eq!(ok(&mut e, Value::Null), json!({"n": 3, "tmp": ["count.txt"]}));
    e.discard_environment();
    assert_eq!(ok(&mut e, Value::Null), json!({"n": 1, "tmp": ["count.txt"]}), "a cold start has an empty /tmp");
    assert_eq!(ok(&mut e, Value::Null), json!({"n": 2, "tmp": ["count.txt"]}));
    // A redeploy is a new environment too, and so is another function's engine.
    let config = e.config().clone();
    e.deploy(config);
    assert_eq!(ok(&mut e, Value::Null)["n"], 1);
    let mut other = Engine::new(FunctionConfig::with_code(code));
    assert_eq!(ok(&mut other, Value::Null)["n"], 1);
}

/// A timeout ends the environment: the next invocation cold-starts with an empty /tmp.
#[test]
fn a_timeout_discards_tmp_with_the_environment() {
    let code = r#"import os, time
def lambda_handler(event, context):
    if event.get('stall'):
        open('/tmp/partial', 'w').write('half')
        time.sleep(5)
    return sorted(os.listdir('/tmp'))
"#;
    let mut config = FunctionConfig::with_code(code);
    config.timeout_ms = 300;
    let mut e = Engine::new(config);
    let r = invoke(&mut e, json!({"stall": true}));
    assert!(matches!(r.outcome, Outcome::Failed(ref err) if err.error_type == "Sandbox.Timedout"), "{:?}", r.outcome);
    assert_eq!(ok(&mut e, json!({})), json!([]));
}

#[test]
fn var_task_and_opt_are_read_only_and_hold_the_functions_files() {
    let code = with_errors(r#"with open('config.json') as f:
    config = json.load(f)
out = {
    'config': config,
    'abs': open('/var/task/data/prices.csv').read().splitlines(),
    'layer': open('/opt/python/shared/settings.txt').read(),
    'task': sorted(os.listdir('/var/task')), 'opt': os.listdir('/opt'),
    'walk': [(t, sorted(d), sorted(f)) for t, d, f in os.walk('/opt')],
    'errors': errors(
        lambda: open('config.json', 'w'),
        lambda: open('/var/task/new.txt', 'w'),
        lambda: open('/var/task/config.json', 'a'),
        lambda: open('/var/task/config.json', 'r+'),
        lambda: open('/opt/python/shared/settings.txt', 'wb'),
        lambda: os.mkdir('/var/task/cache'),
        lambda: os.remove('/var/task/config.json'),
        lambda: os.rename('/var/task/config.json', '/var/task/c.json'),
        lambda: os.rename('/var/task/config.json', '/tmp/c.json'),
        lambda: os.mkdir('/data'),
        lambda: os.rmdir('/tmp'),
        lambda: os.chmod('/var/task/config.json', 0o777),
    ),
    'unchanged': json.load(open('/var/task/config.json')) == config,
}
return out"#);
    let mut config = FunctionConfig::with_code(&code);
    config.files.insert("/var/task/config.json".into(), r#"{"table": "orders", "limit": 10}"#.into());
    config.files.insert("/var/task/data/prices.csv".into(), "sku,price\nA1,9.99\n".into());
    config.files.insert("/opt/python/shared/settings.txt".into(), "from a layer".into());
    let out = ok(&mut Engine::new(config), Value::Null);
    assert_eq!(out["config"], json!({"table": "orders", "limit": 10}));
    assert_eq!(out["abs"], json!(["sku,price", "A1,9.99"]));
    assert_eq!(out["layer"], "from a layer");
    assert_eq!(out["task"], json!(["config.json", "data", "lambda_function.py"]));
    assert_eq!(out["opt"], json!(["python"]));
    assert_eq!(out["walk"], json!([["/opt", ["python"], []], ["/opt/python", ["shared"], []], ["/opt/python/shared", [], ["settings.txt"]]]));
    let rofs = |path: &str| json!(["OSError", 30, path, null, format!("[Errno 30] Read-only file system: '{path}'")]);
    let e = &out["errors"];
    assert_eq!(e[0], rofs("config.json"));
    assert_eq!(e[1], rofs("/var/task/new.txt"));
    assert_eq!(e[2], rofs("/var/task/config.json"));
    assert_eq!(e[3], rofs("/var/task/config.json"));
    assert_eq!(e[4], rofs("/opt/python/shared/settings.txt"));
    assert_eq!(e[5], rofs("/var/task/cache"));
    assert_eq!(e[6], rofs("/var/task/config.json"));
    assert_eq!(
        e[7],
        json!(["OSError", 30, "/var/task/config.json", "/var/task/c.json", "[Errno 30] Read-only file system: '/var/task/config.json' -> '/var/task/c.json'"])
    );
    // /tmp is another mount: rename(2) cannot cross it (shutil.move would copy instead).
    assert_eq!(
        e[8],
        json!(["OSError", 18, "/var/task/config.json", "/tmp/c.json", "[Errno 18] Invalid cross-device link: '/var/task/config.json' -> '/tmp/c.json'"])
    );
    assert_eq!(e[9], rofs("/data"));
    assert_eq!(e[10], json!(["OSError", 16, "/tmp", null, "[Errno 16] Device or resource busy: '/tmp'"]));
    assert_eq!(e[11], rofs("/var/task/config.json"));
    assert_eq!(out["unchanged"], true);
}

#[test]
fn errors_are_cpythons_with_errno_and_filename() {
    let code = with_errors(r#"os.mkdir('/tmp/d')
open('/tmp/d/f.txt', 'w').close()
open('/tmp/ro.txt', 'w').close()
os.chmod('/tmp/ro.txt', 0o444)
return errors(
    lambda: open('/tmp/missing.txt'),
    lambda: open('/tmp/no/such/dir.txt', 'w'),
    lambda: open('/tmp/d'),
    lambda: open('/tmp/d', 'w'),
    lambda: open('/tmp/d/f.txt', 'x'),
    lambda: open('/tmp/ro.txt', 'w'),
    lambda: open('/tmp/d/f.txt/x'),
    lambda: os.mkdir('/tmp/d'),
    lambda: os.rmdir('/tmp/d'),
    lambda: os.rmdir('/tmp/d/f.txt'),
    lambda: os.remove('/tmp/d'),
    lambda: os.remove('/tmp/gone'),
    lambda: os.listdir('/tmp/d/f.txt'),
    lambda: os.stat('/tmp/nothing'),
    lambda: os.rename('/tmp/gone', '/tmp/there'),
    lambda: os.path.getsize('/var/task/missing.json'),
    lambda: open('/tmp/d/f.txt', 'rw'),
    lambda: open('/tmp/d/f.txt', 'rb', encoding='utf-8'),
    lambda: open('/tmp/d/f.txt').write('x'),
    lambda: open('/tmp/d/f.txt', 'w').read(),
    lambda: open(''),
)"#);
    let out = ok(&mut Engine::new(FunctionConfig::with_code(&code)), Value::Null);
    let os_error = |kind: &str, errno: i32, path: &str, text: &str| {
        json!([kind, errno, path, null, format!("[Errno {errno}] {text}: '{path}'")])
    };
    let expected = [
        os_error("FileNotFoundError", 2, "/tmp/missing.txt", "No such file or directory"),
        os_error("FileNotFoundError", 2, "/tmp/no/such/dir.txt", "No such file or directory"),
        os_error("IsADirectoryError", 21, "/tmp/d", "Is a directory"),
        os_error("IsADirectoryError", 21, "/tmp/d", "Is a directory"),
        os_error("FileExistsError", 17, "/tmp/d/f.txt", "File exists"),
        os_error("PermissionError", 13, "/tmp/ro.txt", "Permission denied"),
        os_error("NotADirectoryError", 20, "/tmp/d/f.txt/x", "Not a directory"),
        os_error("FileExistsError", 17, "/tmp/d", "File exists"),
        os_error("OSError", 39, "/tmp/d", "Directory not empty"),
        os_error("NotADirectoryError", 20, "/tmp/d/f.txt", "Not a directory"),
        os_error("IsADirectoryError", 21, "/tmp/d", "Is a directory"),
        os_error("FileNotFoundError", 2, "/tmp/gone", "No such file or directory"),
        os_error("NotADirectoryError", 20, "/tmp/d/f.txt", "Not a directory"),
        os_error("FileNotFoundError", 2, "/tmp/nothing", "No such file or directory"),
        json!(["FileNotFoundError", 2, "/tmp/gone", "/tmp/there", "[Errno 2] No such file or directory: '/tmp/gone' -> '/tmp/there'"]),
        os_error("FileNotFoundError", 2, "/var/task/missing.json", "No such file or directory"),
        json!(["ValueError", null, null, null, "must have exactly one of create/read/write/append mode"]),
        json!(["ValueError", null, null, null, "binary mode doesn't take an encoding argument"]),
        json!(["UnsupportedOperation", null, null, null, "not writable"]),
        json!(["UnsupportedOperation", null, null, null, "not readable"]),
        os_error("FileNotFoundError", 2, "", "No such file or directory"),
    ];
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(&out[i], want, "case {i}");
    }
}

/// Writes past the configured ephemeral storage fail like a full disk; deleting frees space.
#[test]
fn a_full_tmp_raises_enospc() {
    let code = with_errors(r#"import _labbook_fs
chunk = b'x' * (256 * 1024)
written = 0
try:
    with open('/tmp/big.bin', 'wb') as f:
        for _ in range(5):
            f.write(chunk)
            f.flush()
            written += len(chunk)
    full = None
except OSError as e:
    full = [type(e).__name__, e.errno, e.strerror, e.filename, str(e)]
size = os.path.getsize('/tmp/big.bin')
small = errors(lambda: open('/tmp/small.txt', 'wb', buffering=0).write(b'y'))
os.remove('/tmp/big.bin')
with open('/tmp/again.bin', 'wb') as f:
    f.write(chunk * 3)
return {'written': written, 'full': full, 'size': size, 'small': small, 'again': os.path.getsize('/tmp/again.bin'),
        'usage': list(_labbook_fs.usage())}"#);
    let mut e = Engine::new(FunctionConfig::with_code(&code)).with_ephemeral_storage_mb(1);
    assert_eq!(e.ephemeral_storage_mb(), 1);
    let out = ok(&mut e, Value::Null);
    assert_eq!(out["written"], 4 * 256 * 1024);
    assert_eq!(out["full"], json!(["OSError", 28, "No space left on device", null, "[Errno 28] No space left on device"]));
    assert_eq!(out["size"], 1024 * 1024, "the disk is filled to the last byte");
    assert_eq!(out["small"], json!([["OSError", 28, null, null, "[Errno 28] No space left on device"]]));
    assert_eq!(out["again"], 3 * 256 * 1024);
    assert_eq!(out["usage"], json!([3 * 256 * 1024, 1024 * 1024]));
    // Lambda's default is 512 MB.
    let mut d = Engine::new(FunctionConfig::with_code("import _labbook_fs\ndef lambda_handler(e, c):\n    return list(_labbook_fs.usage())\n"));
    assert_eq!(d.ephemeral_storage_mb(), lab_python::DEFAULT_EPHEMERAL_STORAGE_MB);
    assert_eq!(ok(&mut d, Value::Null), json!([0, 512 * 1024 * 1024]));
}

/// The sandbox never reaches the host's disk: a file written to /tmp in the handler does not
/// appear in the host's /tmp, and the host's files are not there to read.
#[test]
fn nothing_touches_the_real_disk() {
    let probe = format!("/tmp/labbook-sandbox-probe-{}", std::process::id());
    let _ = std::fs::remove_file(&probe);
    let host_file = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    assert!(std::path::Path::new(host_file).exists());
    let code = with_errors(&format!(
        r#"with open({probe:?}, 'w') as f:
    f.write('written in the sandbox')
os.makedirs({probe:?} + '-dir/sub')
return {{'back': open({probe:?}).read(), 'errors': errors(lambda: open({host_file:?}), lambda: open('/etc/passwd'), lambda: os.listdir('/home'))}}"#
    ));
    let out = ok(&mut Engine::new(FunctionConfig::with_code(&code)), Value::Null);
    assert_eq!(out["back"], "written in the sandbox");
    assert!(!std::path::Path::new(&probe).exists(), "{probe} was created on the host");
    assert!(!std::path::Path::new(&format!("{probe}-dir")).exists(), "{probe}-dir was created on the host");
    for (i, path) in [host_file, "/etc/passwd", "/home"].iter().enumerate() {
        assert_eq!(out["errors"][i][0], "FileNotFoundError", "{path}: {}", out["errors"][i]);
    }
}


/// What handlers reach files through besides open(): descriptors (os.open, os.fdopen),
/// tempfile, shutil (copy, copytree, move, rmtree, disk_usage) and importing code written to /tmp.
#[test]
fn tempfile_shutil_descriptors_and_imports_from_tmp() {
    let out = run(r#"import sys, tempfile, shutil
out = {}
fd = os.open('/tmp/low', os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
os.write(fd, b'low-level')
os.close(fd)
fd = os.open('/tmp/low', os.O_RDONLY)
out['read'] = os.read(fd, 3).decode()
with os.fdopen(fd) as f:
    out['rest'] = f.read()
out['gettempdir'] = tempfile.gettempdir()
with tempfile.NamedTemporaryFile('w+', suffix='.csv') as t:
    t.write('a,b\n')
    t.flush()
    t.seek(0)
    out['named'] = [t.name.startswith('/tmp/tmp'), t.name.endswith('.csv'), t.read(), os.path.exists(t.name)]
    name = t.name
out['named_gone'] = os.path.exists(name)
with tempfile.TemporaryDirectory() as d:
    open(os.path.join(d, 'x'), 'w').write('x')
    os.makedirs(os.path.join(d, 'sub/deeper'))
    out['tmpdir'] = sorted(os.listdir(d))
out['tmpdir_gone'] = os.path.exists(d)
shutil.copy('/tmp/low', '/tmp/low2')
shutil.copytree('/var/task', '/tmp/task-copy')
shutil.move('/tmp/low2', '/tmp/low3')
out['copied'] = [open('/tmp/low3').read(), sorted(os.listdir('/tmp/task-copy'))]
shutil.rmtree('/tmp/task-copy')
usage = shutil.disk_usage('/tmp')
out['disk'] = [usage.total, usage.total - usage.used == usage.free]
with open('/tmp/plugin.py', 'w') as f:
    f.write('VALUE = 42\n')
sys.path.append('/tmp')
import plugin
sys.path.remove('/tmp')
out['plugin'] = [plugin.VALUE, plugin.__file__]
try:
    shutil.move('/var/task/lambda_function.py', '/tmp/moved.py')
except OSError as e:
    out['move_ro'] = str(e)
out['tmp'] = sorted(os.listdir('/tmp'))
return out"#);
    assert_eq!(out["read"], "low");
    assert_eq!(out["rest"], "-level");
    assert_eq!(out["gettempdir"], "/tmp");
    assert_eq!(out["named"], json!([true, true, "a,b\n", true]));
    assert_eq!(out["named_gone"], false);
    assert_eq!(out["tmpdir"], json!(["sub", "x"]));
    assert_eq!(out["tmpdir_gone"], false);
    assert_eq!(out["copied"], json!(["low-level", ["lambda_function.py"]]));
    assert_eq!(out["disk"], json!([512 * 1024 * 1024, true]));
    assert_eq!(out["plugin"], json!([42, "/tmp/plugin.py"]));
    // rename(2) cannot leave /var/task's mount, so shutil copies, then cannot delete the source.
    assert_eq!(out["move_ro"], "[Errno 30] Read-only file system: '/var/task/lambda_function.py'");
    assert_eq!(out["tmp"], json!(["low", "low3", "moved.py", "plugin.py"]));
}

/// Engines on one thread share its interpreter: when another function has cold-started in
/// between, an engine cold-starts again rather than run the other's handler or see its /tmp.
#[test]
fn functions_sharing_a_thread_never_share_tmp_or_handlers() {
    let code = |name: &str| {
        format!(
            "import os\ndef lambda_handler(event, context):\n    open('/tmp/{name}', 'w').close()\n    return ['{name}', sorted(os.listdir('/tmp'))]\n"
        )
    };
    let mut a = Engine::new(FunctionConfig::with_code(&code("a")));
    let mut b = Engine::new(FunctionConfig::with_code(&code("b")));
    assert_eq!(ok(&mut a, Value::Null), json!(["a", ["a"]]));
    assert!(a.is_warm());
    assert_eq!(ok(&mut b, Value::Null), json!(["b", ["b"]]));
    assert!(!a.is_warm(), "b's cold start replaced a's environment");
    let r = invoke(&mut a, Value::Null);
    assert!(r.init_ms.is_some(), "a cold-starts again:\n{}", r.log_text());
    assert_eq!(r.payload(), json!(["a", ["a"]]));
    assert_eq!(ok(&mut a, Value::Null), json!(["a", ["a"]]));
    assert!(a.is_warm());
}
