//! A lab as data: the folder `book/labs/<id>/` with `lab.toml`, `starter.py`, `solution.py`,
//! and optionally `files/` (more of the function's code, in `/var/task`) and `layer/` (a
//! layer's `python/` folder, in `/opt/python`).
//!
//! `lab.toml` says what the function is, what the cloud holds before it runs, what triggers
//! it, and the cases that exercise it: steps (uploads, messages, HTTP requests, direct
//! invocations) and checks. Hidden cases run with other data so hard-coding fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Everything wrong with a lab folder, as `file:line: message`.
#[derive(Debug, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct LabError {
    /// The file at fault.
    pub file: PathBuf,
    /// 1-based line (1 when the problem is the file as a whole).
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// A loaded lab. Serializes to the JSON the browser receives (the same data, already
/// validated, so the page never parses TOML).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lab {
    /// The folder name, used in URLs and `{{#lab <id>}}`.
    pub id: String,
    /// `lab.toml`.
    pub def: LabDef,
    /// The learner's starting code (`starter.py`).
    pub starter: String,
    /// The reference solution (`solution.py`).
    pub solution: String,
    /// Extra function files by absolute path (`/var/task/...`, `/opt/python/...`).
    pub extra_files: BTreeMap<String, String>,
}

/// `lab.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LabDef {
    /// Title shown on the panel.
    pub title: String,
    /// What the learner must do (Markdown).
    pub brief: String,
    /// Hints, revealed one at a time.
    #[serde(default)]
    pub hints: Vec<String>,
    /// The function under test.
    #[serde(default)]
    pub function: FunctionDef,
    /// Platform calls that build the cloud before every case (`{call = "s3.CreateBucket", params = {...}}`).
    #[serde(default)]
    pub setup: Vec<CallStep>,
    /// What invokes the function.
    #[serde(default)]
    pub trigger: Trigger,
    /// The cases; every case starts from a fresh cloud and a cold function.
    pub cases: Vec<Case>,
}

/// The function's configuration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct FunctionDef {
    /// Function name. Default: `lab-function`.
    pub name: String,
    /// Handler. Default: `lambda_function.lambda_handler`.
    pub handler: String,
    /// Runtime. Default: `python3.13`.
    pub runtime: String,
    /// Timeout in seconds. Default: 3.
    pub timeout: f64,
    /// Memory in MB. Default: 128.
    pub memory: u32,
    /// Environment variables.
    pub environment: BTreeMap<String, String>,
    /// Reserved concurrency; `None` = unreserved. Invocations beyond it are throttled.
    pub reserved_concurrency: Option<u32>,
    /// Retries of a failed asynchronous invocation (0–2). Default: 2, as Lambda.
    pub async_retries: u32,
    /// Queue (name) that receives asynchronous invocations that failed every retry.
    pub on_failure_queue: Option<String>,
}

impl Default for FunctionDef {
    fn default() -> Self {
        FunctionDef {
            name: "lab-function".into(),
            handler: "lambda_function.lambda_handler".into(),
            runtime: "python3.13".into(),
            timeout: 3.0,
            memory: 128,
            environment: BTreeMap::new(),
            reserved_concurrency: None,
            async_retries: 2,
            on_failure_queue: None,
        }
    }
}

/// What invokes the function.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Trigger {
    /// Invoked directly with the event a step gives (the console's "Test" button).
    #[default]
    Direct,
    /// S3 event notifications from `bucket` (asynchronous invocation).
    S3 {
        /// Bucket name.
        bucket: String,
        /// Event types. Default: `["s3:ObjectCreated:*"]`.
        #[serde(default = "default_s3_events")]
        events: Vec<String>,
        /// Key prefix filter.
        #[serde(default)]
        prefix: Option<String>,
        /// Key suffix filter.
        #[serde(default)]
        suffix: Option<String>,
    },
    /// An SQS event source mapping on `queue`.
    Sqs {
        /// Queue name.
        queue: String,
        /// Batch size. Default: 10.
        #[serde(default = "default_sqs_batch")]
        batch_size: usize,
        /// `FunctionResponseTypes = ["ReportBatchItemFailures"]`.
        #[serde(default)]
        report_batch_item_failures: bool,
    },
    /// A DynamoDB Streams event source mapping on `table`'s stream.
    DynamodbStream {
        /// Table name.
        table: String,
        /// Batch size. Default: 100.
        #[serde(default = "default_stream_batch")]
        batch_size: usize,
        /// Retries of a failing batch before it is skipped. Default: 2.
        #[serde(default = "default_stream_retries")]
        retries: u32,
    },
    /// An SNS subscription of the function to `topic` (asynchronous invocation).
    Sns {
        /// Topic name.
        topic: String,
    },
    /// API Gateway REST API (payload format 1.0) with Lambda proxy integration.
    ApiRest {
        /// The resource path template, e.g. `/orders/{id}`. Default: `/{proxy+}`.
        #[serde(default = "default_resource")]
        resource: String,
        /// Stage name. Default: `prod`.
        #[serde(default = "default_stage")]
        stage: String,
    },
    /// API Gateway HTTP API (payload format 2.0).
    ApiHttp {
        /// The route's path template, e.g. `/orders/{id}`. Default: `/{proxy+}`.
        #[serde(default = "default_resource")]
        route: String,
    },
    /// An EventBridge schedule (`rate(5 minutes)`).
    Schedule {
        /// Rule name.
        rule: String,
    },
}

fn default_s3_events() -> Vec<String> {
    vec!["s3:ObjectCreated:*".into()]
}
fn default_sqs_batch() -> usize {
    10
}
fn default_stream_batch() -> usize {
    100
}
fn default_stream_retries() -> u32 {
    2
}
fn default_resource() -> String {
    "/{proxy+}".into()
}
fn default_stage() -> String {
    "prod".into()
}

/// A platform call: `service.Operation` with botocore-shaped params.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CallStep {
    /// `s3.PutObject`, `sqs.SendMessage`, …
    pub call: String,
    /// Parameters. Default: `{}`.
    #[serde(default = "empty_object")]
    pub params: Value,
}

fn empty_object() -> Value {
    Value::Object(Default::default())
}

/// One case: more setup, the steps that exercise the function, and the checks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Name shown in the grade.
    pub name: String,
    /// Hidden cases run only when grading, with data the learner does not see.
    #[serde(default)]
    pub hidden: bool,
    /// Calls after the lab's setup, before the steps.
    #[serde(default)]
    pub setup: Vec<CallStep>,
    /// What happens, in order; event sources run to quiet after each step.
    pub steps: Vec<Step>,
    /// What must be true afterwards.
    pub checks: Vec<Check>,
}

/// One step of a case.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Step {
    /// A platform call (an upload, a message sent, an item written…).
    Call(CallStep),
    /// A direct, synchronous invocation with this event.
    Invoke {
        /// The event.
        invoke: Value,
    },
    /// An HTTP request through the API Gateway trigger.
    Request {
        /// The request.
        request: HttpRequest,
    },
    /// The schedule fires once.
    Schedule {
        /// Must be `true`.
        schedule: bool,
    },
    /// Virtual time passes.
    Advance {
        /// Seconds.
        advance: f64,
    },
    /// `count` simultaneous synchronous invocations with `event`: beyond the reserved
    /// concurrency they are throttled.
    Burst {
        /// The burst.
        burst: Burst,
    },
}

/// An HTTP request to the API.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HttpRequest {
    /// Method. Default: `GET`.
    #[serde(default = "default_method")]
    pub method: String,
    /// Path, e.g. `/orders/42` (without the stage).
    pub path: String,
    /// Query string parameters (a list value repeats the parameter).
    #[serde(default)]
    pub query: BTreeMap<String, Value>,
    /// Headers.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Body text.
    #[serde(default)]
    pub body: Option<String>,
}

fn default_method() -> String {
    "GET".into()
}

/// A burst of simultaneous invocations.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Burst {
    /// How many.
    pub count: u32,
    /// The event each gets.
    #[serde(default = "empty_object")]
    pub event: Value,
}

/// A check and how the learner is told it failed.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Check {
    /// What is checked.
    #[serde(flatten)]
    pub kind: CheckKind,
    /// The learner-facing message when it fails; a generated one otherwise.
    #[serde(default)]
    pub message: Option<String>,
}

/// What a check looks at.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The last invocation's return value (or a value inside it, by `path`).
    Returned(ValueCheck),
    /// The last HTTP response API Gateway gave.
    Response(ResponseCheck),
    /// An S3 object.
    Object(ObjectCheck),
    /// How many objects a bucket has under a prefix.
    Objects(ObjectsCheck),
    /// A DynamoDB item (plain values, as the resource API shows them).
    Item(ItemCheck),
    /// How many messages a queue holds (visible and in flight).
    Queue(QueueCheck),
    /// The logs of all invocations in the case.
    Log(LogCheck),
    /// Invocation counts.
    Invocations(InvocationsCheck),
    /// Calls the handler made.
    Calls(CallsCheck),
    /// Messages published to an SNS topic.
    Published(PublishedCheck),
}

/// `returned = { path = "statusCode", equals = 200 }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ValueCheck {
    /// Which invocation: 0 = first, -1 = last (default), -2 = the one before…
    #[serde(default = "last")]
    pub index: i64,
    /// Dotted path into the value (`body`, `items.0.id`); empty = the whole value. A `json:`
    /// prefix parses a string field as JSON first (`json:body.count`).
    #[serde(default)]
    pub path: String,
    /// Expected value.
    #[serde(default)]
    pub equals: Option<Value>,
    /// Expected substring of the (string) value.
    #[serde(default)]
    pub contains: Option<String>,
    /// The value must exist (or not).
    #[serde(default)]
    pub exists: Option<bool>,
}

/// `response = { status = 400, body_contains = "..." }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseCheck {
    /// Which response: 0 = first, -1 = last (default), -2 = the one before…
    #[serde(default = "last")]
    pub index: i64,
    /// Expected HTTP status.
    #[serde(default)]
    pub status: Option<u16>,
    /// Expected substring of the body.
    #[serde(default)]
    pub body_contains: Option<String>,
    /// Expected JSON body (exact).
    #[serde(default)]
    pub json: Option<Value>,
    /// Expected header values.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
}

/// `object = { bucket = "b", key = "k", exists = true, json = {...} }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectCheck {
    /// Bucket.
    pub bucket: String,
    /// Key.
    pub key: String,
    /// Must exist (default) or must not.
    #[serde(default = "yes")]
    pub exists: bool,
    /// Exact body text.
    #[serde(default)]
    pub equals: Option<String>,
    /// Body substring.
    #[serde(default)]
    pub contains: Option<String>,
    /// Body parsed as JSON equals this.
    #[serde(default)]
    pub json: Option<Value>,
}

fn last() -> i64 {
    -1
}

fn yes() -> bool {
    true
}

/// `objects = { bucket = "b", prefix = "rejects/", count = 1 }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectsCheck {
    /// Bucket.
    pub bucket: String,
    /// Key prefix. Default: all keys.
    #[serde(default)]
    pub prefix: String,
    /// Expected count.
    pub count: usize,
}

/// `item = { table = "orders", key = { id = "1" }, equals = {...} }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemCheck {
    /// Table.
    pub table: String,
    /// Key attributes, plain values.
    pub key: BTreeMap<String, Value>,
    /// Must exist (default) or must not.
    #[serde(default = "yes")]
    pub exists: bool,
    /// The whole item, plain values.
    #[serde(default)]
    pub equals: Option<Value>,
    /// Some attributes, plain values.
    #[serde(default)]
    pub has: BTreeMap<String, Value>,
}

/// `queue = { name = "orders-dlq", depth = 1 }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QueueCheck {
    /// Queue name.
    pub name: String,
    /// Expected number of messages.
    pub depth: usize,
    /// Substring one of the message bodies must contain.
    #[serde(default)]
    pub contains: Option<String>,
}

/// `log = { contains = "..." }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LogCheck {
    /// Must appear.
    #[serde(default)]
    pub contains: Option<String>,
    /// Must not appear.
    #[serde(default)]
    pub not_contains: Option<String>,
}

/// `invocations = { count = 3, errors = 1, throttles = 0 }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InvocationsCheck {
    /// Invocations that ran (not throttled).
    #[serde(default)]
    pub count: Option<usize>,
    /// Invocations that ended in an error.
    #[serde(default)]
    pub errors: Option<usize>,
    /// Invocations refused with 429.
    #[serde(default)]
    pub throttles: Option<usize>,
}

/// `calls = { operation = "s3.DeleteObject", max = 0 }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CallsCheck {
    /// `service.Operation`.
    pub operation: String,
    /// At least this many.
    #[serde(default)]
    pub min: Option<usize>,
    /// At most this many.
    #[serde(default)]
    pub max: Option<usize>,
}

/// `published = { topic = "alerts", count = 1, contains = "..." }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PublishedCheck {
    /// Topic name.
    pub topic: String,
    /// Expected number of messages.
    pub count: usize,
    /// Substring one message must contain.
    #[serde(default)]
    pub contains: Option<String>,
}

impl Lab {
    /// Loads and validates the lab in `dir` (its folder name is the id).
    pub fn load(dir: &Path) -> Result<Lab, LabError> {
        let id = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let toml_path = dir.join("lab.toml");
        let text = read(&toml_path)?;
        let def: LabDef = toml::from_str(&text).map_err(|e| LabError {
            file: toml_path.clone(),
            line: e.span().map(|s| line_of(&text, s.start)).unwrap_or(1),
            message: e.message().to_owned(),
        })?;
        let starter = read(&dir.join("starter.py"))?;
        let solution = read(&dir.join("solution.py"))?;
        let mut extra_files = BTreeMap::new();
        collect(&dir.join("files"), "/var/task", &mut extra_files)?;
        collect(&dir.join("layer"), "/opt/python", &mut extra_files)?;
        let lab = Lab { id, def, starter, solution, extra_files };
        lab.validate(&toml_path, &text)?;
        Ok(lab)
    }

    fn validate(&self, file: &Path, text: &str) -> Result<(), LabError> {
        let err = |needle: &str, message: String| LabError {
            file: file.to_owned(),
            line: text.find(needle).map(|i| line_of(text, i)).unwrap_or(1),
            message,
        };
        if self.def.cases.is_empty() {
            return Err(err("", "a lab needs at least one [[cases]]".into()));
        }
        if self.def.function.async_retries > 2 {
            return Err(err("async_retries", "async_retries must be 0, 1 or 2 (Lambda's MaximumRetryAttempts)".into()));
        }
        if !(1.0..=900.0).contains(&self.def.function.timeout) {
            return Err(err("timeout", "timeout must be between 1 and 900 seconds".into()));
        }
        let calls = self.def.setup.iter().chain(self.def.cases.iter().flat_map(|c| c.setup.iter()));
        for call in calls {
            check_call_name(&call.call).map_err(|m| err(&call.call, m))?;
        }
        for case in &self.def.cases {
            if case.checks.is_empty() {
                return Err(err(&case.name, format!("case `{}` has no checks", case.name)));
            }
            for step in &case.steps {
                let problem = match (step, &self.def.trigger) {
                    (Step::Call(c), _) => check_call_name(&c.call).err(),
                    (Step::Request { .. }, Trigger::ApiRest { .. } | Trigger::ApiHttp { .. }) => None,
                    (Step::Request { .. }, _) => Some("a `request` step needs trigger type api-rest or api-http".into()),
                    (Step::Schedule { .. }, Trigger::Schedule { .. }) => None,
                    (Step::Schedule { .. }, _) => Some("a `schedule` step needs trigger type schedule".into()),
                    _ => None,
                };
                if let Some(message) = problem {
                    return Err(err(&case.name, format!("case `{}`: {message}", case.name)));
                }
            }
        }
        Ok(())
    }

    /// The function's files with `code` as `/var/task/<handler module>.py`.
    pub fn files_with(&self, code: &str) -> BTreeMap<String, String> {
        let mut files = self.extra_files.clone();
        let module = self.def.function.handler.rsplit_once('.').map_or("lambda_function", |(m, _)| m);
        files.insert(format!("/var/task/{module}.py"), code.to_owned());
        files
    }
}

fn check_call_name(call: &str) -> Result<(), String> {
    match call.split_once('.') {
        Some(("s3" | "sqs" | "dynamodb" | "sns", op)) if op.starts_with(|c: char| c.is_ascii_uppercase()) => Ok(()),
        _ => Err(format!(
            "call `{call}` must be `service.Operation` with service s3, sqs, dynamodb or sns and the API's PascalCase operation (e.g. `s3.PutObject`)"
        )),
    }
}

fn read(path: &Path) -> Result<String, LabError> {
    std::fs::read_to_string(path).map_err(|e| LabError {
        file: path.to_owned(),
        line: 1,
        message: format!("cannot read: {e}"),
    })
}

fn collect(dir: &Path, mount: &str, files: &mut BTreeMap<String, String>) -> Result<(), LabError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            collect(&path, &format!("{mount}/{name}"), files)?;
        } else if name.ends_with(".py") {
            files.insert(format!("{mount}/{name}"), read(&path)?);
        }
    }
    Ok(())
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Every lab under `labs_dir`, sorted by id; the first broken one is an error.
pub fn load_all(labs_dir: &Path) -> Result<Vec<Lab>, LabError> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(labs_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("lab.toml").is_file())
        .collect();
    dirs.sort();
    dirs.iter().map(|d| Lab::load(d)).collect()
}
