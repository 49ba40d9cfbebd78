//! A lab as data: the folder `book/labs/<id>/` with `lab.toml`, `starter.py`, `solution.py`,
//! and optionally `files/` (more of the function's files — modules, `config.json`, data — in
//! `/var/task`, where `open("config.json")` finds them) and `layer/` (a
//! layer's `python/` folder, in `/opt/python`).
//!
//! `lab.toml` says what the function is, what the cloud holds before it runs, what triggers
//! it, and the cases that exercise it: steps (uploads, messages, HTTP requests, direct
//! invocations) and checks. Hidden cases run with other data so hard-coding fails.
//!
//! A *test lab* (one with a `[tests]` table) turns this around: the learner writes the tests,
//! not the handler. `starter.py` and `solution.py` are test modules (plain functions named
//! `test_*` that use `assert`), and the folder `implementations/` holds handlers, one per file,
//! some correct and some broken. Each case names the handler it runs the learner's tests
//! against (`implementation = "correct"` for `implementations/correct.py`) and checks, with
//! `tests = { pass = true }` or `tests = { pass = false }`, whether the tests passed (a
//! correct handler) or caught the bug (a broken one):
//!
//! ```toml
//! [tests]
//! module = "test_lambda_function"   # the learner's file: /var/task/test_lambda_function.py
//! # Broken handlers as edits of implementations/correct.py (each `find` must occur once):
//! mutants = [
//!   { name = "zero-quantity", replace = [["if quantity < 1", "if quantity < 0"]] },
//! ]
//!
//! [[cases]]
//! name = "A handler that accepts a quantity of 0"
//! implementation = "zero-quantity"  # the mutant (or implementations/zero-quantity.py)
//! checks = [ { tests = { pass = false }, message = "Test an order with quantity 0" } ]
//! ```
//!
//! The handler under test is the function's code (`function.handler`'s module, by default
//! `lambda_function.py`, so the tests `import lambda_function`); a case's steps may only be
//! calls that build the cloud that handler sees. The tests run once per case, from a cold start.

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
    /// Test labs: the handlers the learner's tests run against, by name
    /// (`implementations/<name>.py`).
    #[serde(default)]
    pub implementations: BTreeMap<String, String>,
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
    /// Present in a test lab: the learner's code is a test module run against each case's
    /// implementation.
    #[serde(default)]
    pub tests: Option<TestsDef>,
    /// The cases; every case starts from a fresh cloud and a cold function.
    pub cases: Vec<Case>,
}

/// `[tests]`: the learner writes tests for a handler instead of the handler.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TestsDef {
    /// The module the learner's code becomes (`/var/task/<module>.py`). Default:
    /// `test_lambda_function`.
    pub module: String,
    /// Broken handlers written as small edits of a correct one, as mutation testing does:
    /// the bug is the whole difference, in one place, and the handlers cannot drift apart.
    pub mutants: Vec<Mutant>,
}

impl Default for TestsDef {
    fn default() -> Self {
        TestsDef { module: "test_lambda_function".into(), mutants: Vec::new() }
    }
}

/// `{ name = "zero-quantity", of = "correct", replace = [["quantity < 1", "quantity < 0"]] }`:
/// the implementation `name` is `implementations/<of>.py` with each `[find, with]` applied;
/// every `find` must occur exactly once, so an edit of the base cannot silently miss.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mutant {
    /// The implementation's name (what a case's `implementation` names).
    pub name: String,
    /// The implementation it is an edit of. Default: `correct`.
    #[serde(default = "default_mutant_base")]
    pub of: String,
    /// `[find, with]` pairs, applied in order.
    pub replace: Vec<(String, String)>,
}

fn default_mutant_base() -> String {
    "correct".into()
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
    /// Test labs: the handler (`implementations/<name>.py`) the learner's tests run against.
    #[serde(default)]
    pub implementation: Option<String>,
    /// The function's reserved concurrency in this case, instead of `function.reserved_concurrency`
    /// (a case can show a different reservation, or the emergency stop of 0).
    #[serde(default)]
    pub reserved_concurrency: Option<u32>,
    /// What happens, in order; event sources run to quiet after each step. In a test lab:
    /// only calls, after which the learner's tests run once.
    #[serde(default)]
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
    /// Test labs: whether the learner's tests passed against the case's implementation.
    Tests(TestsCheck),
}

/// `tests = { pass = true }`: every test passes (a correct handler); `pass = false`: at least
/// one test fails (the tests catch a broken handler).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TestsCheck {
    /// Whether the tests must all pass (`true`) or must catch the handler's bug (`false`).
    pub pass: bool,
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
    /// The value must be the request id of that invocation (`context.aws_request_id`).
    #[serde(default)]
    pub request_id: bool,
    /// The value must be a number of at least this.
    #[serde(default)]
    pub min: Option<f64>,
    /// The value must be a number of at most this.
    #[serde(default)]
    pub max: Option<f64>,
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
        let def = parse_def(&toml_path, &text)?;
        let starter = read(&dir.join("starter.py"))?;
        let solution = read(&dir.join("solution.py"))?;
        let mut extra_files = BTreeMap::new();
        collect(&dir.join("files"), "/var/task", &mut extra_files)?;
        collect(&dir.join("layer"), "/opt/python", &mut extra_files)?;
        let implementations = implementations(&dir.join("implementations"))?;
        Lab::assemble(id, def, &toml_path, &text, starter, solution, extra_files, implementations)
    }

    /// Parses and validates a lab from the text of its `lab.toml` alone, with the handler
    /// files given and no `files/` or `layer/`: what [`Lab::load`] does once the folder is
    /// read (the `lab_toml` fuzz target's entry; `toml_path` only names the file in errors).
    pub fn from_text(
        id: &str,
        toml_path: &Path,
        text: &str,
        starter: &str,
        solution: &str,
        implementations: BTreeMap<String, String>,
    ) -> Result<Lab, LabError> {
        let def = parse_def(toml_path, text)?;
        let (starter, solution) = (starter.to_owned(), solution.to_owned());
        Lab::assemble(id.to_owned(), def, toml_path, text, starter, solution, BTreeMap::new(), implementations)
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        id: String,
        def: LabDef,
        toml_path: &Path,
        text: &str,
        starter: String,
        solution: String,
        extra_files: BTreeMap<String, String>,
        mut implementations: BTreeMap<String, String>,
    ) -> Result<Lab, LabError> {
        let toml_path = toml_path.to_owned();
        if let Some(tests) = &def.tests {
            for mutant in &tests.mutants {
                let code = mutate(&implementations, mutant).map_err(|message| LabError {
                    file: toml_path.clone(),
                    line: text.find(&format!("\"{}\"", mutant.name)).map(|i| line_of(text, i)).unwrap_or(1),
                    message,
                })?;
                implementations.insert(mutant.name.clone(), code);
            }
        }
        let lab = Lab { id, def, starter, solution, extra_files, implementations };
        lab.validate(&toml_path, text)?;
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
        self.validate_tests(&err)?;
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

    /// What is wrong with a test lab's `[tests]`, `implementation`s and `tests` checks, or
    /// with those in a lab that is not a test lab.
    fn validate_tests(&self, err: &dyn Fn(&str, String) -> LabError) -> Result<(), LabError> {
        let is_tests_check = |c: &Check| matches!(c.kind, CheckKind::Tests(_));
        let Some(tests) = &self.def.tests else {
            for case in &self.def.cases {
                if case.implementation.is_some() {
                    return Err(err(
                        "implementation",
                        format!("case `{}`: `implementation` is only for test labs; add a [tests] table or remove it", case.name),
                    ));
                }
                if case.checks.iter().any(is_tests_check) {
                    return Err(err(&case.name, format!("case `{}`: a `tests` check is only for test labs (with a [tests] table)", case.name)));
                }
            }
            return Ok(());
        };
        let valid_module = |m: &str| {
            m.split('.').all(|p| {
                p.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        };
        if !valid_module(&tests.module) {
            return Err(err("module", format!("[tests] module `{}` must be a Python module name, e.g. `test_lambda_function`", tests.module)));
        }
        if tests.module == self.handler_module() || tests.module == TEST_RUNNER_MODULE {
            return Err(err(
                "module",
                format!("[tests] module `{}` must differ from the handler's module and from `{TEST_RUNNER_MODULE}`", tests.module),
            ));
        }
        if !matches!(self.def.trigger, Trigger::Direct) {
            return Err(err("[trigger]", "a test lab runs the learner's tests, not a trigger: remove [trigger]".into()));
        }
        if self.implementations.is_empty() {
            return Err(err(
                "[tests]",
                "a test lab needs handlers to test: put them in implementations/ next to lab.toml, one per file (e.g. implementations/correct.py)".into(),
            ));
        }
        let names = self.implementations.keys().cloned().collect::<Vec<_>>().join(", ");
        for case in &self.def.cases {
            match &case.implementation {
                None => {
                    return Err(err(
                        &case.name,
                        format!("case `{}` needs `implementation = \"<name>\"`, the handler its tests run against (one of: {names})", case.name),
                    ));
                }
                Some(name) if !self.implementations.contains_key(name) => {
                    return Err(err(
                        &format!("\"{name}\""),
                        format!("case `{}`: no implementations/{name}.py (there are: {names})", case.name),
                    ));
                }
                Some(_) => {}
            }
            if case.steps.iter().any(|s| !matches!(s, Step::Call(_))) {
                return Err(err(
                    &case.name,
                    format!("case `{}`: in a test lab, steps can only be calls (the tests run once, after them)", case.name),
                ));
            }
            if !case.checks.iter().any(is_tests_check) {
                return Err(err(&case.name, format!("case `{}` needs a `tests = {{ pass = ... }}` check", case.name)));
            }
        }
        Ok(())
    }

    /// The module of the function's handler (`lambda_function` for `lambda_function.lambda_handler`).
    pub fn handler_module(&self) -> &str {
        self.def.function.handler.rsplit_once('.').map_or("lambda_function", |(m, _)| m)
    }

    /// Whether this is a test lab: the learner's code is tests, run against implementations.
    pub fn is_test_lab(&self) -> bool {
        self.def.tests.is_some()
    }

    /// The function's files with `code` as `/var/task/<handler module>.py`; in a test lab,
    /// `code` is the learner's test module and the handler module is the case's
    /// implementation (see [`Lab::test_files`]).
    pub fn files_with(&self, code: &str) -> BTreeMap<String, String> {
        let mut files = self.extra_files.clone();
        match &self.def.tests {
            None => {
                files.insert(format!("/var/task/{}.py", self.handler_module()), code.to_owned());
            }
            Some(tests) => {
                files.insert(module_path(&tests.module), code.to_owned());
                files.insert(module_path(TEST_RUNNER_MODULE), test_runner(&tests.module));
            }
        }
        files
    }

    /// A test lab's files for one case: the learner's tests (`code`), the test runner, and the
    /// implementation `name` as the handler module.
    pub fn test_files(&self, code: &str, implementation: &str) -> BTreeMap<String, String> {
        let mut files = self.files_with(code);
        let handler = self.implementations.get(implementation).cloned().unwrap_or_default();
        files.insert(format!("/var/task/{}.py", self.handler_module()), handler);
        files
    }
}

/// The module that runs a test lab's tests; the function's handler is `<it>.run`.
pub const TEST_RUNNER_MODULE: &str = "labbook_test_runner";

/// The test runner's source, for the learner's test module `module`.
fn test_runner(module: &str) -> String {
    format!(
        "TEST_MODULE = {module:?}\nTEST_FILE = {:?}\n{}",
        module_path(module),
        include_str!("test_runner.py")
    )
}

fn module_path(module: &str) -> String {
    format!("/var/task/{}.py", module.replace('.', "/"))
}

/// The code of `mutant`: its base implementation with its replacements applied.
fn mutate(implementations: &BTreeMap<String, String>, mutant: &Mutant) -> Result<String, String> {
    if implementations.contains_key(&mutant.name) {
        return Err(format!("mutant `{}` has the name of implementations/{0}.py; rename one", mutant.name));
    }
    let mut code = implementations
        .get(&mutant.of)
        .ok_or_else(|| format!("mutant `{}` is an edit of implementations/{}.py, which does not exist", mutant.name, mutant.of))?
        .clone();
    if mutant.replace.is_empty() {
        return Err(format!("mutant `{}` changes nothing: give `replace = [[\"find\", \"with\"]]`", mutant.name));
    }
    for (find, with) in &mutant.replace {
        match code.matches(find.as_str()).count() {
            1 => code = code.replacen(find.as_str(), with, 1),
            0 => return Err(format!("mutant `{}`: `{find}` is not in implementations/{}.py (after the earlier replacements)", mutant.name, mutant.of)),
            n => return Err(format!("mutant `{}`: `{find}` occurs {n} times in implementations/{}.py; make it unique", mutant.name, mutant.of)),
        }
    }
    Ok(code)
}

/// `implementations/*.py` by file stem.
fn implementations(dir: &Path) -> Result<BTreeMap<String, String>, LabError> {
    let mut out = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(out) };
    for entry in entries.flatten() {
        let path = entry.path();
        if let (Some(stem), Some("py")) = (path.file_stem().and_then(|s| s.to_str()), path.extension().and_then(|s| s.to_str())) {
            out.insert(stem.to_owned(), read(&path)?);
        }
    }
    Ok(out)
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
        message: if e.kind() == std::io::ErrorKind::InvalidData {
            "is not UTF-8 text: a lab's files are text (code, JSON, CSV); generate binary data in a setup call instead".into()
        } else {
            format!("cannot read: {e}")
        },
    })
}

fn collect(dir: &Path, mount: &str, files: &mut BTreeMap<String, String>) -> Result<(), LabError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            collect(&path, &format!("{mount}/{name}"), files)?;
        } else if !name.starts_with('.') && !name.ends_with(".pyc") {
            // Any text file ships with the function (modules, config.json, a CSV to load),
            // as Lambda ships the whole deployment package; `read` rejects binary files.
            files.insert(format!("{mount}/{name}"), read(&path)?);
        }
    }
    Ok(())
}

fn parse_def(toml_path: &Path, text: &str) -> Result<LabDef, LabError> {
    toml::from_str(text).map_err(|e| LabError {
        file: toml_path.to_owned(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
        message: e.message().to_owned(),
    })
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Every lab under `labs_dir`, sorted by id; the first broken one is an error.
pub fn load_all(labs_dir: &Path) -> Result<Vec<Lab>, LabError> {
    lab_dirs(labs_dir).iter().map(|d| Lab::load(d)).collect()
}

/// The folders of `labs_dir` that hold a `lab.toml`, sorted (a lab's id is its folder's name).
pub fn lab_dirs(labs_dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(labs_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("lab.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}
