//! Differential fidelity: the same boto3 call sequences run against the real thing and in our
//! lab runtime, and must give the same observations.
//!
//! Each scenario (`tests/fidelity/scenarios/<service>_<name>.py`) defines
//! `scenario(boto3)`, makes calls, and returns a JSON dict of what a learner could observe,
//! with volatile fields masked by `tests/fidelity/common.py`. It runs:
//!
//! - **moto**: CPython with real `boto3` against `moto.mock_aws()` (`run_moto.py`), in a venv
//!   this test creates at `target/fidelity-venv` from `tests/fidelity/requirements.txt`;
//! - **ours**: in the lab runtime (RustPython, our boto3 shim) against a fresh
//!   [`mock_cloud::Cloud`] per scenario, exactly as a learner's handler runs;
//! - **bridge** (diagnostic): CPython with real `boto3`/`botocore` whose calls this test answers
//!   from a fresh `Cloud` (`run_bridge.py`). It tells who is to blame for a difference: where
//!   the bridge agrees with moto and ours does not, the shim is off; where the bridge differs
//!   too, the mock service is (or moto deviates from AWS).
//!
//! The test fails when ours differs from moto, except at the paths that
//! `tests/fidelity/known_differences.toml` allows, each with its reason: `moto` entries for
//! moto's deviations from AWS, where the mock follows AWS (`expect` pins AWS's answer);
//! `shim` entries for gaps of the boto3 shim reported to its owner; `mock` entries for gaps
//! of the mock cloud outside its service modules. The report says which entries no longer
//! differ, and for every unexpected difference whether the shim or the mock is to blame.
//!
//! Outputs for inspection: `target/fidelity/{moto,bridge,ours}.json` and `report.txt`.
//! `FIDELITY_ONLY=s3_,sqs_send` runs only scenarios whose names contain one of the parts.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use lab_python::{Engine, FunctionConfig};
use labs::CloudHost;
use mock_cloud::Cloud;
use mock_cloud::cloud::{Caller, DEFAULT_EPOCH_MS};
use serde_json::{Value, json};

const HERE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fidelity");

/// The function that runs one scenario in the lab runtime.
const HANDLER: &str = r#"import importlib
import os

import boto3


def lambda_handler(event, context):
    module = importlib.import_module(os.environ["FIDELITY_SCENARIO"])
    return module.scenario(boto3)
"#;

use pyvenv::target_dir;

// ---------------------------------------------------------------------------------------------
// The reference environment: a venv with the pinned moto, boto3 and botocore

/// The venv's python, created or repaired when missing or not at the pinned versions.
fn reference_python() -> PathBuf {
    let requirements = Path::new(HERE).join("requirements.txt");
    pyvenv::Venv {
        dir: target_dir().join("fidelity-venv"),
        requirements: Some(&requirements),
        purpose: "the fidelity test runs real boto3 against moto",
    }
    .python()
}

// ---------------------------------------------------------------------------------------------
// Scenarios

fn scenario_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(Path::new(HERE).join("scenarios"))
        .expect("tests/fidelity/scenarios")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".py").map(str::to_owned)
        })
        .collect();
    names.sort();
    if let Ok(only) = std::env::var("FIDELITY_ONLY") {
        let parts: Vec<&str> = only.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        names.retain(|n| parts.iter().any(|p| n.contains(p)));
    }
    names
}

/// Runs `names` on moto in a child process; returns it and where it writes its results.
fn spawn_moto(python: &Path, names: &[String], out_dir: &Path) -> (std::process::Child, PathBuf) {
    let out = out_dir.join("moto.json");
    let _ = std::fs::remove_file(&out);
    let stderr = std::fs::File::create(out_dir.join("moto.stderr")).unwrap();
    let child = Command::new(python)
        .arg(Path::new(HERE).join("run_moto.py"))
        .arg(&out)
        .args(names)
        .stdout(Stdio::null())
        .stderr(stderr)
        .spawn()
        .expect("start run_moto.py");
    (child, out)
}

fn read_results(path: &Path) -> Result<BTreeMap<String, Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(v["results"].as_object().cloned().unwrap_or_default().into_iter().collect())
}

/// Real botocore over our mock (see the module docs): serves `Cloud::call` on the pipes.
fn run_bridge(python: &Path, names: &[String], out_dir: &Path) -> Result<BTreeMap<String, Value>, String> {
    let out = out_dir.join("bridge.json");
    let _ = std::fs::remove_file(&out);
    let stderr = std::fs::File::create(out_dir.join("bridge.stderr")).unwrap();
    let mut child = Command::new(python)
        .arg(Path::new(HERE).join("run_bridge.py"))
        .arg(&out)
        .args(names)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("start run_bridge.py: {e}"))?;
    let reader = BufReader::new(child.stdout.take().unwrap());
    let mut writer = child.stdin.take().unwrap();
    let mut cloud = Cloud::default();
    let mut started = Instant::now();
    for line in reader.lines() {
        let line = line.map_err(|e| e.to_string())?;
        if line == "@@DONE" {
            break;
        }
        let Some(message) = line.strip_prefix("@@FID ") else { continue };
        let message: Value = serde_json::from_str(message).map_err(|e| format!("bridge message: {e}"))?;
        let answer = if message.get("reset").is_some() {
            cloud = Cloud::default();
            started = Instant::now();
            json!({})
        } else {
            cloud.now_ms = DEFAULT_EPOCH_MS + started.elapsed().as_millis() as i64;
            let service = message["service"].as_str().unwrap_or_default();
            let operation = message["operation"].as_str().unwrap_or_default();
            match cloud.call(Caller::Handler, service, operation, &message["params"]) {
                Ok(body) => {
                    let status = body["ResponseMetadata"]["HTTPStatusCode"].as_u64().unwrap_or(200);
                    json!({"status": status, "body": body})
                }
                Err(e) => json!({"status": e.status, "body": e.response()}),
            }
        };
        writeln!(writer, "{answer}").map_err(|e| e.to_string())?;
        writer.flush().map_err(|e| e.to_string())?;
    }
    drop(writer);
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("run_bridge.py exited with {status}; see {}", out_dir.join("bridge.stderr").display()));
    }
    read_results(&out)
}

/// Runs one scenario in the lab runtime against a fresh cloud.
fn run_ours(name: &str, common: &str) -> Value {
    let source = std::fs::read_to_string(Path::new(HERE).join("scenarios").join(format!("{name}.py"))).unwrap();
    let mut config = FunctionConfig::with_code(HANDLER);
    config.name = "fidelity".into();
    config.timeout_ms = 60_000;
    config.environment.insert("FIDELITY_SCENARIO".into(), name.into());
    config.files.insert("/var/task/common.py".into(), common.into());
    config.files.insert(format!("/var/task/{name}.py"), source);
    let mut engine = Engine::new(config).with_id_seed(7);
    let cloud = Rc::new(RefCell::new(Cloud::default()));
    let report = engine.invoke("{}", Rc::new(CloudHost::new(cloud)));
    if report.is_error() {
        let payload = report.payload();
        let log: Vec<&str> = report.log.iter().map(String::as_str).collect();
        let tail = log[log.len().saturating_sub(25)..].join("\n");
        return json!({"$exception": format!("{}: {}\n{}", payload["errorType"].as_str().unwrap_or(""), payload["errorMessage"].as_str().unwrap_or(""), tail)});
    }
    report.payload()
}

fn run_all_ours(names: &[String], threads: usize) -> BTreeMap<String, (Value, f64)> {
    let common = Arc::new(std::fs::read_to_string(Path::new(HERE).join("common.py")).unwrap());
    let queue = Arc::new(Mutex::new(names.iter().cloned().collect::<VecDeque<_>>()));
    let results = Arc::new(Mutex::new(BTreeMap::new()));
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (queue, results, common) = (queue.clone(), results.clone(), common.clone());
            std::thread::Builder::new()
                .stack_size(64 * 1024 * 1024)
                .spawn(move || {
                    loop {
                        let Some(name) = queue.lock().unwrap().pop_front() else { break };
                        let started = Instant::now();
                        let v = run_ours(&name, &common);
                        results.lock().unwrap().insert(name, (v, started.elapsed().as_secs_f64()));
                    }
                })
                .unwrap()
        })
        .collect();
    for w in workers {
        w.join().expect("a runtime worker panicked");
    }
    Arc::try_unwrap(results).unwrap().into_inner().unwrap()
}

// ---------------------------------------------------------------------------------------------
// Comparison

#[derive(Debug, Clone)]
struct Diff {
    path: String,
    reference: Option<Value>,
    ours: Option<Value>,
}

fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn diff(path: &str, a: Option<&Value>, b: Option<&Value>, out: &mut Vec<Diff>) {
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                diff(&format!("{path}/{}", pointer_segment(k)), x.get(k), y.get(k), out);
            }
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                diff(&format!("{path}/{i}"), x.get(i), y.get(i), out);
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(Diff { path: path.to_owned(), reference: a.cloned(), ours: b.cloned() }),
    }
}

fn diffs(a: &Value, b: &Value) -> Vec<Diff> {
    let mut out = Vec::new();
    diff("", Some(a), Some(b), &mut out);
    out
}

fn show(v: &Option<Value>) -> String {
    match v {
        None => "<absent>".to_owned(),
        Some(v) => {
            let s = v.to_string();
            if s.chars().count() > 400 { format!("{}…", s.chars().take(400).collect::<String>()) } else { s }
        }
    }
}

fn under(path: &str, prefix: &str) -> bool {
    prefix.is_empty() || path == prefix || path.starts_with(&format!("{prefix}/"))
}

/// One entry of known_differences.toml.
#[derive(Debug)]
struct Known {
    /// `moto` (moto deviates from AWS; ours follows AWS), `shim` (a gap in our boto3 shim) or
    /// `mock` (a gap of the mock cloud outside the service modules this suite may change).
    kind: String,
    reason: String,
    /// JSON pointers under which ours may differ (empty: anywhere).
    paths: Vec<String>,
    /// Values ours must have (AWS's answer), by JSON pointer.
    expect: Vec<(String, Value)>,
}

fn known_differences() -> BTreeMap<String, Vec<Known>> {
    let path = Path::new(HERE).join("known_differences.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = BTreeMap::new();
    for (scenario, entries) in table {
        let entries = match entries {
            toml::Value::Array(a) => a,
            single => vec![single],
        };
        let mut list = Vec::new();
        for entry in entries {
            let kind = entry.get("kind").and_then(|v| v.as_str()).unwrap_or_else(|| panic!("{scenario}: `kind` is required")).to_owned();
            assert!(["moto", "shim", "mock"].contains(&kind.as_str()), "{scenario}: kind must be moto, shim or mock, not {kind:?}");
            let reason = entry.get("reason").and_then(|v| v.as_str()).unwrap_or_else(|| panic!("{scenario}: `reason` is required")).to_owned();
            assert!(kind == "moto" || reason.starts_with(&format!("{kind}: ")), "{scenario}: a {kind} entry's reason starts with \"{kind}: \"");
            let paths = entry
                .get("paths")
                .and_then(|v| v.as_array())
                .map(|a| a.iter().filter_map(|p| p.as_str().map(str::to_owned)).collect())
                .unwrap_or_default();
            let expect = entry
                .get("expect")
                .and_then(|v| v.as_table())
                .map(|t| t.iter().map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap())).collect())
                .unwrap_or_default();
            list.push(Known { kind, reason, paths, expect });
        }
        out.insert(scenario, list);
    }
    out
}

fn service_of(name: &str) -> &str {
    name.split('_').next().unwrap_or(name)
}

#[test]
fn boto3_against_moto_and_the_lab_runtime_agree() {
    let started = Instant::now();
    let python = reference_python();
    let names = scenario_names();
    assert!(!names.is_empty(), "no scenarios selected");
    let out_dir = target_dir().join("fidelity");
    std::fs::create_dir_all(&out_dir).unwrap();

    let (mut moto, moto_out) = spawn_moto(&python, &names, &out_dir);
    let bridge = {
        let (python, names, out_dir) = (python.clone(), names.clone(), out_dir.clone());
        std::thread::spawn(move || run_bridge(&python, &names, &out_dir))
    };
    let ours = run_all_ours(&names, 2);
    let ours_elapsed = started.elapsed().as_secs_f64();
    let moto_status = moto.wait().expect("wait for run_moto.py");
    assert!(moto_status.success(), "run_moto.py failed ({moto_status}); see {}", out_dir.join("moto.stderr").display());
    let reference = read_results(&moto_out).unwrap_or_else(|e| panic!("moto results: {e}"));
    let bridge = bridge.join().expect("bridge thread").unwrap_or_else(|e| {
        eprintln!("fidelity: the bridge (diagnostic) did not run: {e}");
        BTreeMap::new()
    });

    let ours_values: BTreeMap<&String, &Value> = ours.iter().map(|(k, (v, _))| (k, v)).collect();
    std::fs::write(out_dir.join("ours.json"), serde_json::to_string_pretty(&json!({"results": ours_values})).unwrap()).unwrap();

    let known = known_differences();
    let mut report = String::new();
    let mut failures = Vec::new();
    let mut per_service: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut shim_suspects = Vec::new();
    for name in &names {
        let counts = per_service.entry(service_of(name)).or_default();
        let reference_value = &reference[name];
        if let Some(e) = reference_value.get("$exception") {
            failures.push(format!("{name}: the scenario fails on moto (a bug in the scenario):\n{}", e.as_str().unwrap_or_default()));
            continue;
        }
        let (ours_value, seconds) = &ours[name];
        let found = diffs(reference_value, ours_value);
        let bridge_value = bridge.get(name);
        let entries: &[Known] = known.get(name).map(Vec::as_slice).unwrap_or_default();
        let covers = |k: &Known, d: &Diff| k.paths.is_empty() || k.paths.iter().any(|p| under(&d.path, p));
        let (allowed, unexpected): (Vec<Diff>, Vec<Diff>) = found.into_iter().partition(|d| entries.iter().any(|k| covers(k, d)));
        let mut expect_failures = Vec::new();
        for k in entries {
            for (pointer, wanted) in &k.expect {
                let got = ours_value.pointer(pointer);
                if got != Some(wanted) {
                    expect_failures.push(format!("  {pointer}: AWS says {wanted}, ours {}", show(&got.cloned())));
                }
            }
        }
        let stale: Vec<&Known> = entries.iter().filter(|k| !allowed.iter().any(|d| covers(k, d))).collect();
        if let Some(b) = bridge_value
            && b != ours_value
            && b.get("$exception").is_none()
        {
            shim_suspects.push(name.clone());
        }
        let ok = unexpected.is_empty() && expect_failures.is_empty();
        if ok {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
        if !entries.is_empty() {
            counts.2 += 1;
        }
        let kinds: Vec<&str> = {
            let mut k: Vec<&str> = entries.iter().map(|k| k.kind.as_str()).collect();
            k.dedup();
            k
        };
        let mut status = match (ok, entries.is_empty()) {
            (true, true) => "ok".to_owned(),
            (true, false) => format!("ok, {} known difference(s) [{}]", allowed.len(), kinds.join(", ")),
            (false, _) => "DIFFERS".to_owned(),
        };
        for k in &stale {
            write!(status, "; known difference [{}] {:?} no longer differs: remove it?", k.kind, k.paths).unwrap();
        }
        writeln!(report, "{name} ({seconds:.2}s): {status}").unwrap();
        if ok {
            continue;
        }
        let mut text = format!("{name}:\n");
        if let Some(e) = ours_value.get("$exception") {
            writeln!(text, "  the scenario failed in the lab runtime:\n    {}", e.as_str().unwrap_or_default().replace('\n', "\n    ")).unwrap();
        } else {
            for d in &unexpected {
                let blame = match bridge_value.map(|b| b.pointer(&d.path)) {
                    None => "",
                    Some(b) if b == d.reference.as_ref() => "  [shim: real botocore over our mock agrees with moto]",
                    Some(b) if b == d.ours.as_ref() => "  [mock: real botocore over our mock gives ours too]",
                    Some(_) => "  [mock+shim: real botocore over our mock gives a third answer]",
                };
                writeln!(text, "  {}{blame}\n    moto: {}\n    ours: {}", if d.path.is_empty() { "/" } else { &d.path }, show(&d.reference), show(&d.ours)).unwrap();
            }
        }
        for f in &expect_failures {
            writeln!(text, "{f}").unwrap();
        }
        for k in entries {
            writeln!(text, "  (known difference [{}] allows {:?}: {})", k.kind, k.paths, k.reason).unwrap();
        }
        report.push_str(&text);
        failures.push(text);
    }
    for stale in known.keys().filter(|k| !names.contains(k) && std::env::var("FIDELITY_ONLY").is_err()) {
        failures.push(format!("known_differences.toml names {stale}, which is no scenario"));
    }
    writeln!(report, "\nper service (passed, failed, with known differences):").unwrap();
    for (service, (ok, failed, known)) in &per_service {
        writeln!(report, "  {service}: {ok} passed, {failed} failed, {known} with known differences").unwrap();
    }
    if !shim_suspects.is_empty() {
        writeln!(report, "\nscenarios where real botocore over our mock and our shim disagree (shim issues): {}", shim_suspects.join(", ")).unwrap();
    }
    let slowest = ours.iter().map(|(n, (_, s))| (s, n)).fold((0.0, None), |acc, (s, n)| if *s > acc.0 { (*s, Some(n)) } else { acc });
    writeln!(
        report,
        "\n{} scenarios; lab runtime done after {ours_elapsed:.1}s (slowest {} {:.2}s); total {:.1}s",
        names.len(),
        slowest.1.map(String::as_str).unwrap_or("-"),
        slowest.0,
        started.elapsed().as_secs_f64()
    )
    .unwrap();
    std::fs::write(out_dir.join("report.txt"), &report).unwrap();
    eprintln!("{report}");
    assert!(failures.is_empty(), "{} fidelity failure(s):\n\n{}", failures.len(), failures.join("\n"));
}
