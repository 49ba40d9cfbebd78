//! Cold start and warm invocation of a small handler, natively.
//!
//! Cold = a new thread (so a new interpreter: RustPython start-up, frozen stdlib) plus the
//! first invocation (the init phase imports the handler and what it imports). Warm = further
//! invocations of the same environment. Prints medians over several runs.

use std::rc::Rc;
use std::time::{Duration, Instant};

use lab_python::{Engine, FunctionConfig, Host, HostError};
use serde_json::{Value, json};

struct NoCloud;

impl Host for NoCloud {
    fn aws_call(&self, _s: &str, op: &str, _p: &Value) -> Result<Value, HostError> {
        Err(HostError { code: "NoCloud".into(), message: op.into(), operation: op.into(), response: json!({}) })
    }
    fn now_ms(&self) -> f64 {
        1_768_478_400_000.0
    }
}

const HANDLER: &str = r#"
import json, base64, urllib.parse, logging
logger = logging.getLogger()
logger.setLevel(logging.INFO)
def lambda_handler(event, context):
    key = urllib.parse.unquote_plus(event["Records"][0]["s3"]["object"]["key"])
    logger.info("processing %s", key)
    return {"statusCode": 200, "body": json.dumps({"key": key, "b64": base64.b64encode(key.encode()).decode()})}
"#;

const EVENT: &str = r#"{"Records":[{"s3":{"bucket":{"name":"uploads"},"object":{"key":"photos/my+holiday.jpg","size":1024}}}]}"#;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut interpreter = Vec::new();
    let mut first = Vec::new();
    for _ in 0..5 {
        let (a, b) = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(|| {
                let t0 = Instant::now();
                let mut engine = Engine::new(FunctionConfig::with_code(HANDLER));
                let built = t0.elapsed();
                let t1 = Instant::now();
                let r = engine.invoke(EVENT, Rc::new(NoCloud));
                assert!(!r.is_error(), "{}", r.log_text());
                (built, t1.elapsed())
            })
            .unwrap()
            .join()
            .unwrap();
        interpreter.push(a);
        first.push(b);
    }
    let mut engine = Engine::new(FunctionConfig::with_code(HANDLER));
    engine.invoke(EVENT, Rc::new(NoCloud));
    let mut warm = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let r = engine.invoke(EVENT, Rc::new(NoCloud));
        warm.push(t.elapsed());
        assert!(!r.is_error());
    }
    println!("interpreter start-up (new thread): {:?} (median of 5)", median(interpreter.clone()));
    println!("first invocation (init + invoke):  {:?} (median of 5)", median(first.clone()));
    println!("cold start total:                   {:?}", median(interpreter) + median(first));
    println!("warm invocation:                    {:?} (median of 200)", median(warm));
}
