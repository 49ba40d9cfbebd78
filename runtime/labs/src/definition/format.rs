//! `lab.toml`'s format: the types it deserializes into, each field documented as authors use it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::terminal::TerminalDef;

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
    /// Present in a terminal lab: the learner works in the terminal, and the checks look at
    /// the account and at what ran (no function to write, no cases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal: Option<TerminalDef>,
    /// The cases; every case starts from a fresh cloud and a cold function. Terminal labs
    /// have none.
    #[serde(default)]
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

pub(crate) fn empty_object() -> Value {
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

pub(crate) fn yes() -> bool {
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

