//! Lambda semantics of the Python runtime: results, faults, logs, timeouts, warm state.

mod common;

use std::rc::Rc;

use common::NoCloud;
use lab_python::{Engine, FunctionConfig, Outcome};
use serde_json::{Value, json};

fn engine(code: &str) -> Engine {
    Engine::new(FunctionConfig::with_code(code)).with_id_seed(42)
}

fn run(engine: &mut Engine, event: Value) -> lab_python::InvokeReport {
    let r = engine.invoke(&event.to_string(), Rc::new(NoCloud));
    eprintln!("{}", r.log_text());
    r
}

#[test]
fn returns_the_handlers_value_with_start_end_report() {
    let mut e = engine("def lambda_handler(event, context):\n    return {'statusCode': 200, 'body': 'Hello ' + event['name']}\n");
    let r = run(&mut e, json!({"name": "Ada"}));
    assert_eq!(r.payload(), json!({"statusCode": 200, "body": "Hello Ada"}));
    assert_eq!(r.log[0], format!("START RequestId: {} Version: $LATEST", r.request_id));
    assert_eq!(r.log[1], format!("END RequestId: {}", r.request_id));
    let report = &r.log[2];
    assert!(report.starts_with(&format!("REPORT RequestId: {}\tDuration: ", r.request_id)), "{report}");
    assert!(report.contains("\tMemory Size: 128 MB\tMax Memory Used: "), "{report}");
    assert!(report.contains("\tInit Duration: "), "cold start reports init: {report}");
    let warm = run(&mut e, json!({"name": "Grace"}));
    assert!(!warm.log[2].contains("Init Duration"), "warm start: {}", warm.log[2]);
    assert_ne!(warm.request_id, r.request_id);
}

#[test]
fn print_and_logging_appear_in_lambda_format() {
    let code = r#"
import logging
logger = logging.getLogger()
print("module loaded")
def lambda_handler(event, context):
    print("hello", event["n"])
    logger.info("hidden: the root logger is at WARNING by default")
    logger.warning("careful %s", 1)
    logger.setLevel(logging.INFO)
    logger.info("now visible")
    return None
"#;
    let mut e = engine(code);
    let r = run(&mut e, json!({"n": 5}));
    let log = r.log_text();
    assert!(r.log[0] == "module loaded", "init output comes before START: {log}");
    assert!(log.contains("\nhello 5\n"), "{log}");
    assert!(!log.contains("hidden"), "{log}");
    let warn = r.log.iter().find(|l| l.starts_with("[WARNING]")).expect(&log);
    assert_eq!(warn, &format!("[WARNING]\t2026-01-15T12:00:00.000Z\t{}\tcareful 1", r.request_id));
    assert!(log.contains(&format!("[INFO]\t2026-01-15T12:00:00.000Z\t{}\tnow visible", r.request_id)), "{log}");
    assert_eq!(r.payload(), Value::Null);
}

#[test]
fn an_exception_becomes_lambdas_error_result_pointing_at_the_learners_line() {
    let code = "def helper(x):\n    return x['missing']\n\ndef lambda_handler(event, context):\n    return helper(event)\n";
    let mut e = engine(code);
    let r = run(&mut e, json!({}));
    let Outcome::Failed(err) = &r.outcome else { panic!("{:?}", r.outcome) };
    assert_eq!(err.error_type, "KeyError");
    assert_eq!(err.error_message, "'missing'");
    assert_eq!(err.location.as_ref().unwrap().line, 2);
    assert_eq!(err.stack_trace.len(), 2, "only the learner's frames: {:?}", err.stack_trace);
    assert!(err.stack_trace[0].starts_with("  File \"/var/task/lambda_function.py\", line 5, in lambda_handler\n    return helper(event)"), "{:?}", err.stack_trace);
    let payload = r.payload();
    assert_eq!(payload["requestId"], r.request_id.as_str());
    assert_eq!(payload["errorType"], "KeyError");
    let log = r.log_text();
    assert!(log.contains("[ERROR] KeyError: 'missing'\nTraceback (most recent call last):\n  File \"/var/task/lambda_function.py\", line 5"), "{log}");
}

#[test]
fn runtime_faults_have_lambdas_types_and_messages() {
    let cases = [
        ("def lambda_handler(event, context)\n    return 1\n", "Runtime.UserCodeSyntaxError", "Syntax error in module 'lambda_function': "),
        ("import requests\ndef lambda_handler(e, c):\n    pass\n", "Runtime.ImportModuleError", "Unable to import module 'lambda_function': No module named 'requests'"),
        ("def handler(e, c):\n    pass\n", "Runtime.HandlerNotFound", "Handler 'lambda_handler' missing on module 'lambda_function'"),
        ("def lambda_handler(e, c):\n    return {1, 2}\n", "Runtime.MarshalError", "Unable to marshal response: Object of type set is not JSON serializable"),
    ];
    for (code, ty, msg) in cases {
        let mut e = engine(code);
        let r = run(&mut e, json!({}));
        let Outcome::Failed(err) = &r.outcome else { panic!("{code}: {:?}", r.outcome) };
        assert_eq!(err.error_type, ty, "{code}");
        assert!(err.error_message.starts_with(msg), "{code}: {}", err.error_message);
    }
    let mut e = engine("def lambda_handler(event, context)\n    return 1\n");
    let Outcome::Failed(err) = run(&mut e, json!({})).outcome else { panic!() };
    assert_eq!(err.location.unwrap().line, 1, "syntax errors carry their line");

    let mut config = FunctionConfig::with_code("def f(e, c): pass\n");
    config.handler = "lambda_function".into();
    let mut e = Engine::new(config);
    let Outcome::Failed(err) = run(&mut e, json!({})).outcome else { panic!() };
    assert_eq!(err.error_type, "Runtime.MalformedHandlerName");
    assert_eq!(err.error_message, "Bad handler 'lambda_function': not enough values to unpack (expected 2, got 1)");
}

#[test]
fn decimals_marshal_as_raw_numbers() {
    let code = "from decimal import Decimal\ndef lambda_handler(e, c):\n    return {'price': Decimal('19.99'), 'qty': Decimal('3'), 'ok': True}\n";
    let mut e = engine(code);
    let r = run(&mut e, json!({}));
    assert_eq!(r.outcome, Outcome::Returned(r#"{"price":19.99,"qty":3,"ok":true}"#.into()));
}

#[test]
fn context_has_lambdas_attributes() {
    let code = r#"
def lambda_handler(event, context):
    return {
        "request_id": context.aws_request_id,
        "name": context.function_name,
        "memory": context.memory_limit_in_mb,
        "arn": context.invoked_function_arn,
        "group": context.log_group_name,
        "stream_ok": context.log_stream_name.startswith("2026/01/15/[$LATEST]"),
        "remaining": context.get_remaining_time_in_millis(),
        "version": context.function_version,
    }
"#;
    let mut e = engine(code);
    let r = run(&mut e, json!({}));
    let v = r.payload();
    assert_eq!(v["request_id"], r.request_id.as_str());
    assert_eq!(v["name"], "my-function");
    assert_eq!(v["memory"], "128", "a string, as on Lambda");
    assert_eq!(v["arn"], "arn:aws:lambda:us-east-1:123456789012:function:my-function");
    assert_eq!(v["group"], "/aws/lambda/my-function");
    assert_eq!(v["stream_ok"], true);
    assert_eq!(v["remaining"], 3000, "fixed host clock: the whole timeout remains");
    assert_eq!(v["version"], "$LATEST");
}

#[test]
fn environment_variables_and_module_state() {
    let code = "import os\ncount = 0\ndef lambda_handler(e, c):\n    global count\n    count += 1\n    return [os.environ['TABLE'], os.environ['AWS_LAMBDA_FUNCTION_NAME'], count]\n";
    let mut config = FunctionConfig::with_code(code);
    config.environment.insert("TABLE".into(), "orders".into());
    let mut e = Engine::new(config.clone());
    assert_eq!(run(&mut e, json!({})).payload(), json!(["orders", "my-function", 1]));
    assert_eq!(run(&mut e, json!({})).payload(), json!(["orders", "my-function", 2]), "warm: module state kept");
    e.deploy(config);
    assert_eq!(run(&mut e, json!({})).payload(), json!(["orders", "my-function", 1]), "new code: cold start");
}

/// A handler looping for ever (even one swallowing BaseException) ends at its timeout, with
/// Lambda's error and log, and the next invocation is a cold start. `line_deadline` is how the
/// browser does it (no threads: the runtime traces the learner's lines); natively a watchdog.
fn assert_endless_loop_times_out(line_deadline: bool) {
    let code = "import time\ndef spin():\n    while True:\n        try:\n            pass\n        except BaseException:\n            pass\ndef lambda_handler(event, context):\n    if event.get('loop'):\n        spin()\n    return 'done'\n";
    let mut config = FunctionConfig::with_code(code);
    config.timeout_ms = 1_000;
    let mut e = Engine::new(config).with_line_deadline(line_deadline);
    let started = std::time::Instant::now();
    let r = run(&mut e, json!({"loop": true}));
    assert!(started.elapsed().as_secs_f64() < 3.0, "stopped at its timeout: {:?}", started.elapsed());
    let Outcome::Failed(err) = &r.outcome else { panic!("{:?}", r.outcome) };
    assert_eq!(err.error_type, "Sandbox.Timedout");
    assert_eq!(err.error_message, format!("RequestId: {} Error: Task timed out after 1.00 seconds", r.request_id));
    assert!(r.log_text().contains(&format!("{} Task timed out after 1.00 seconds", r.request_id)), "{}", r.log_text());
    assert!(r.log.last().unwrap().contains("Duration: 1000.00 ms"), "{}", r.log.last().unwrap());
    assert!(!e.is_warm(), "the environment is discarded");
    let next = run(&mut e, json!({}));
    assert_eq!(next.payload(), json!("done"));
    assert!(next.init_ms.is_some(), "cold start after a timeout");
}

#[test]
fn an_endless_loop_times_out_and_the_next_invoke_is_cold() {
    assert_endless_loop_times_out(false);
}

#[test]
fn without_a_watchdog_the_learners_lines_enforce_the_timeout() {
    assert_endless_loop_times_out(true);
    // Library code is not traced: a handler that works within its time is unaffected.
    let mut e = Engine::new(FunctionConfig::with_code(
        "import json\ndef lambda_handler(event, context):\n    return json.loads(json.dumps({'n': sum(range(1000))}))\n",
    ))
    .with_line_deadline(true);
    assert_eq!(run(&mut e, json!({})).payload(), json!({"n": 499500}));
}

#[test]
fn sleeping_past_the_timeout_times_out() {
    let mut config = FunctionConfig::with_code("import time\ndef lambda_handler(e, c):\n    time.sleep(5)\n");
    config.timeout_ms = 300;
    let mut e = Engine::new(config);
    let started = std::time::Instant::now();
    let r = run(&mut e, json!({}));
    assert!(started.elapsed().as_secs_f64() < 2.0);
    let Outcome::Failed(err) = &r.outcome else { panic!() };
    assert_eq!(err.error_type, "Sandbox.Timedout");
}

#[test]
fn layers_are_importable_from_opt_python() {
    let mut config = FunctionConfig::with_code("from shared import greet\ndef lambda_handler(e, c):\n    return greet('layer')\n");
    config.files.insert("/opt/python/shared.py".into(), "def greet(n):\n    return 'hi ' + n\n".into());
    let mut e = Engine::new(config);
    assert_eq!(run(&mut e, json!({})).payload(), json!("hi layer"));
}

#[test]
fn the_stdlib_handlers_need_is_there() {
    let code = r#"
import json, base64, urllib.parse, datetime, decimal, re, logging, time, uuid, hashlib, csv, io
import collections, dataclasses, typing, os, random, hmac, textwrap, string, statistics
@dataclasses.dataclass
class Order:
    id: str
    qty: int
def lambda_handler(event, context):
    rows = list(csv.DictReader(io.StringIO("id,qty\na,2\nb,3\n")))
    orders = [Order(r["id"], int(r["qty"])) for r in rows]
    return {
        "key": urllib.parse.unquote_plus("my+file%28v2%29.csv"),
        "b64": base64.b64encode(b"hi").decode(),
        "sha": hashlib.sha256(b"x").hexdigest()[:8],
        "total": sum(o.qty for o in orders),
        "when": datetime.datetime.fromtimestamp(time.time(), datetime.timezone.utc).isoformat(),
        "uuid_len": len(str(uuid.uuid4())),
        "match": bool(re.match(r"^a+$", "aaa")),
        "mean": statistics.mean([1, 2, 3]),
    }
"#;
    let mut e = engine(code);
    let r = run(&mut e, json!({}));
    assert_eq!(
        r.payload(),
        json!({"key": "my file(v2).csv", "b64": "aGk=", "sha": "2d711642", "total": 5,
               "when": "2026-01-15T12:00:00+00:00", "uuid_len": 36, "match": true, "mean": 2}),
        "{}",
        r.log_text()
    );
}

#[test]
fn libraries_the_lambda_runtime_ships_are_importable() {
    let code = "import boto3, botocore, jmespath\nfrom dateutil.tz import tzutc\ndef lambda_handler(e, c):\n    return [jmespath.search('a.b', {'a': {'b': 1}}), str(tzutc()), boto3.__name__]\n";
    let mut e = engine(code);
    assert_eq!(run(&mut e, json!({})).payload(), json!([1, "tzutc()", "boto3"]));
}

/// Every module build.rs promises learners (`LEARNER_MODULES`) imports in the sandbox, with what
/// it imports in turn (a missing support module shows up here, not in a learner's lab).
#[test]
fn every_module_promised_to_learners_imports() {
    let modules = include_str!(concat!(env!("OUT_DIR"), "/learner_modules.txt"));
    let code = format!(
        "import importlib\nMODULES = {:?}\ndef lambda_handler(event, context):\n    failed = []\n    for name in MODULES:\n        try:\n            importlib.import_module(name)\n        except Exception as e:\n            failed.append(f'{{name}}: {{e!r}}')\n    return failed\n",
        modules.lines().collect::<Vec<_>>()
    );
    assert!(modules.lines().count() > 40, "{modules}");
    let mut e = engine(&code);
    let r = run(&mut e, json!({}));
    assert_eq!(r.payload(), json!([]), "{}", r.log_text());
}
