//! The events the lab runtime generates have AWS's shapes: every field of the published
//! samples is present in ours with the same JSON type. Two independent sources, both read from
//! their registry packages at test time (never copied here):
//! - the `aws_lambda_events` crate's fixtures (a dev-dependency, found through cargo metadata);
//! - the AWS SAM CLI wheel's `sam local generate-event` templates (downloaded from PyPI into
//!   `target/sam-cli/` by pip on first run; `{{{placeholders}}}` match any value).

mod common;

use std::path::PathBuf;

use labs::definition::HttpRequest;
use labs::{Runner, sources};
use serde_json::{Value, json};

/// The fixtures folder of the `aws_lambda_events` package, found through `cargo metadata`.
fn fixtures() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    let meta: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "aws_lambda_events")
        .expect("aws_lambda_events is a dev-dependency")["manifest_path"]
        .as_str()
        .unwrap()
        .to_owned();
    PathBuf::from(manifest).parent().unwrap().join("src/fixtures")
}

fn fixture(name: &str) -> Value {
    let path = fixtures().join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// Keys whose members are data (attribute names, header names), not schema.
const DATA_MAPS: &[&str] = &[
    "headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters", "pathParameters",
    "stageVariables", "messageAttributes", "MessageAttributes", "Keys", "NewImage", "OldImage", "detail",
    "authorizer", "identity", "attributes", "userIdentity", "requestParameters", "responseElements",
];

/// Fields a sample has that AWS only sends in situations our events are not in.
const OPTIONAL: &[(&str, &str)] = &[
    ("$.requestContext.authorizer", "REST events carry it only when the method has an authorizer"),
    ("$.requestContext.authentication", "HTTP API events carry it only with mutual TLS (the client certificate)"),
    ("$.Records[0].userIdentity", "DynamoDB stream records carry it only for deletions by TTL"),
    ("$.Records[0].s3.object.versionId", "S3 sends it only for buckets with versioning enabled"),
    ("$.stageVariables", "API Gateway sends stage variables only when the stage defines some (ours define none)"),
];

/// Keys AWS spells two ways: the SNS Lambda event in AWS's documentation uses `…Url`, the
/// crate's sample `…URL` (the SQS envelope of SNS uses `…URL`).
const SPELLINGS: &[(&str, &str)] = &[("SigningCertURL", "SigningCertUrl"), ("UnsubscribeURL", "UnsubscribeUrl")];

/// Every path of `sample` missing from `ours`, or present with another JSON type.
fn shape_problems(sample: &Value, ours: &Value, path: &str, problems: &mut Vec<String>) {
    match (sample, ours) {
        // A SAM template's `{{{placeholder}}}`: the user fills in any value there.
        (Value::String(s), _) if s == PLACEHOLDER => {}
        (Value::Object(s), Value::Object(o)) => {
            for (k, v) in s {
                let p = format!("{path}.{k}");
                let other = SPELLINGS.iter().find(|(a, _)| a == k).map(|(_, b)| *b);
                match o.get(k).or_else(|| other.and_then(|b| o.get(b))) {
                    None if OPTIONAL.iter().any(|(q, _)| *q == p) => {}
                    None => problems.push(format!("{p} missing")),
                    Some(mine) if DATA_MAPS.contains(&k.as_str()) => {
                        if !(v.is_null() || *v == PLACEHOLDER || mine.is_null() || v.is_object() == mine.is_object()) {
                            problems.push(format!("{p}: sample {v}, ours {mine}"));
                        }
                    }
                    Some(mine) => shape_problems(v, mine, &p, problems),
                }
            }
        }
        (Value::Array(s), Value::Array(o)) => {
            if let (Some(first), Some(mine)) = (s.first(), o.first()) {
                shape_problems(first, mine, &format!("{path}[0]"), problems);
            }
        }
        (Value::Null, _) | (_, Value::Null) => {}
        (Value::Number(_), Value::Number(_)) | (Value::String(_), Value::String(_)) | (Value::Bool(_), Value::Bool(_)) => {}
        (s, o) => problems.push(format!("{path}: sample has {s}, ours has {o}")),
    }
}

fn assert_shape(sample_file: &str, ours: &Value) {
    assert_like(sample_file, &fixture(sample_file), ours);
}

fn assert_like(name: &str, sample: &Value, ours: &Value) {
    let mut problems = Vec::new();
    shape_problems(sample, ours, "$", &mut problems);
    assert!(problems.is_empty(), "{name}:\n{}\nours: {ours:#}", problems.join("\n"));
}

/// What a SAM template's `{{{placeholder}}}` becomes before parsing: a value no event has.
const PLACEHOLDER: &str = "\u{1}placeholder\u{1}";

/// The SAM CLI release whose templates we compare with.
const SAM_CLI: &str = "1.170.0";

/// Every `samcli/lib/generated_sample_events/events/**.json` of the pinned SAM CLI wheel, by
/// file name without `.json` (`S3Put`, `Sqs`, …), with placeholders replaced.
fn sam_templates() -> &'static std::collections::BTreeMap<String, Value> {
    static TEMPLATES: std::sync::OnceLock<std::collections::BTreeMap<String, Value>> = std::sync::OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let dir = pyvenv::target_dir().join("sam-cli");
        let wheel = dir.join(format!("aws_sam_cli-{SAM_CLI}-py3-none-any.whl"));
        let hint = "install Python 3 with venv (`sudo apt-get install -y python3 python3-venv python3-pip`); \
                    the test downloads the aws-sam-cli wheel from PyPI with pip";
        let python = pyvenv::Venv { dir: dir.join("venv"), requirements: None, purpose: "the event-shape test reads the SAM CLI wheel" }.python();
        if !wheel.exists() {
            let ok = std::process::Command::new(&python)
                .args(["-m", "pip", "download", "--disable-pip-version-check", "-q", "--no-deps", "-d"])
                .arg(&dir)
                .arg(format!("aws-sam-cli=={SAM_CLI}"))
                .status();
            assert!(ok.is_ok_and(|s| s.success()) && wheel.exists(), "pip download aws-sam-cli=={SAM_CLI} failed: {hint}");
        }
        // A wheel is a zip; the venv's Python reads it (no zip crate needed).
        let script = "import json, sys, zipfile\n\
            z = zipfile.ZipFile(sys.argv[1])\n\
            p = 'samcli/lib/generated_sample_events/events/'\n\
            print(json.dumps({n[len(p):]: z.read(n).decode() for n in z.namelist() if n.startswith(p) and n.endswith('.json')}))";
        let out = std::process::Command::new(&python).args(["-c", script]).arg(&wheel).output().expect("python runs");
        assert!(out.status.success(), "reading {}: {}", wheel.display(), String::from_utf8_lossy(&out.stderr));
        let files: std::collections::BTreeMap<String, String> = serde_json::from_slice(&out.stdout).unwrap();
        assert!(files.len() > 20, "the wheel has SAM's event templates: {:?}", files.keys());
        files
            .into_iter()
            .map(|(path, text)| {
                let name = path.rsplit('/').next().unwrap().trim_end_matches(".json").to_owned();
                let filled = fill_placeholders(&text);
                let value = serde_json::from_str(&filled).unwrap_or_else(|e| panic!("SAM template {path}: {e}"));
                (name, value)
            })
            .collect()
    })
}

/// `{{{name}}}` → the placeholder marker (SAM's templates only use them inside strings; a
/// string that is only a placeholder becomes the marker, so it matches any JSON type).
fn fill_placeholders(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{{") {
        let end = rest[start..].find("}}}").map(|e| start + e + 3).expect("placeholders close");
        let before = &rest[..start];
        let whole = before.ends_with('"') && rest[end..].starts_with('"');
        if whole {
            out.push_str(&before[..before.len() - 1]);
            out.push_str(&serde_json::to_string(PLACEHOLDER).unwrap());
            rest = &rest[end + 1..];
        } else {
            out.push_str(before);
            out.push('x');
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

fn sam(name: &str) -> Value {
    sam_templates().get(name).unwrap_or_else(|| panic!("SAM CLI {SAM_CLI} has no event template {name}")).clone()
}

#[test]
fn sam_placeholders_become_markers_or_text() {
    assert_eq!(fill_placeholders(r#"{"a": "{{{x}}}", "b": "arn:{{{p}}}:s3"}"#), format!(r#"{{"a": {}, "b": "arn:x:s3"}}"#, serde_json::to_string(PLACEHOLDER).unwrap()));
    let mut problems = Vec::new();
    shape_problems(&json!({"q": PLACEHOLDER, "n": 1}), &json!({"q": {"a": "b"}, "n": "1"}), "$", &mut problems);
    assert_eq!(problems, vec!["$.n: sample has 1, ours has \"1\"".to_string()], "placeholders match anything, other types do not");
}

/// The first event a lab with this trigger and steps delivers.
fn first_event(toml: &str) -> Value {
    all_events(toml).into_iter().next().unwrap()
}

/// Every event a lab with this trigger and steps delivers, in order.
fn all_events(toml: &str) -> Vec<Value> {
    let lab = common::load(toml, "def lambda_handler(event, context):\n    return None\n", &[]);
    let run = Runner::new(&lab, &lab.solution).run_case(&lab.def.cases[0]);
    assert!(!run.invocations.is_empty(), "no invocation: {:?}", run.setup_error);
    run.invocations.iter().map(|i| i.event.clone()).collect()
}

#[test]
fn s3_notification_matches_the_published_sample() {
    let event = first_event(r#"
title = "t"
brief = "b"
setup = [ { call = "s3.CreateBucket", params = { Bucket = "uploads" } } ]
[trigger]
type = "s3"
bucket = "uploads"
[[cases]]
name = "put"
steps = [ { call = "s3.PutObject", params = { Bucket = "uploads", Key = "a b.csv", Body = "x" } } ]
checks = [ { invocations = { count = 1 } } ]
"#);
    assert_shape("example-s3-event.json", &event);
    assert_like("SAM S3Put", &sam("S3Put"), &event);
}

#[test]
fn s3_removal_matches_the_sam_template() {
    let event = first_event(r#"
title = "t"
brief = "b"
setup = [ { call = "s3.CreateBucket", params = { Bucket = "uploads" } }, { call = "s3.PutObject", params = { Bucket = "uploads", Key = "old.csv", Body = "x" } } ]
[trigger]
type = "s3"
bucket = "uploads"
events = ["s3:ObjectRemoved:*"]
[[cases]]
name = "delete"
steps = [ { call = "s3.DeleteObject", params = { Bucket = "uploads", Key = "old.csv" } } ]
checks = [ { invocations = { count = 1 } } ]
"#);
    assert_eq!(event["Records"][0]["eventName"], "ObjectRemoved:Delete");
    assert_like("SAM S3Delete", &sam("S3Delete"), &event);
}

#[test]
fn sqs_batch_matches_the_published_sample() {
    let event = first_event(r#"
title = "t"
brief = "b"
setup = [ { call = "sqs.CreateQueue", params = { QueueName = "q" } } ]
[trigger]
type = "sqs"
queue = "q"
[[cases]]
name = "send"
steps = [ { call = "sqs.SendMessage", params = { QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/q", MessageBody = "hi", MessageAttributes = { kind = { DataType = "String", StringValue = "order" } } } } ]
checks = [ { invocations = { count = 1 } } ]
"#);
    assert_shape("example-sqs-event.json", &event);
    assert_like("SAM Sqs", &sam("Sqs"), &event);
    assert_eq!(event["Records"][0]["messageAttributes"]["kind"]["stringValue"], "order", "camelCase attributes");
}

#[test]
fn dynamodb_stream_record_matches_the_published_sample() {
    let event = first_event(r#"
title = "t"
brief = "b"
setup = [ { call = "dynamodb.CreateTable", params = { TableName = "t", KeySchema = [ { AttributeName = "id", KeyType = "HASH" } ], AttributeDefinitions = [ { AttributeName = "id", AttributeType = "S" } ], BillingMode = "PAY_PER_REQUEST", StreamSpecification = { StreamEnabled = true, StreamViewType = "NEW_AND_OLD_IMAGES" } } } ]
[trigger]
type = "dynamodb-stream"
table = "t"
[[cases]]
name = "put"
steps = [ { call = "dynamodb.PutItem", params = { TableName = "t", Item = { id = { S = "1" }, n = { N = "5" } } } } ]
checks = [ { invocations = { count = 1 } } ]
"#);
    let mut sample = fixture("example-dynamodb-event.json");
    // The sample's first record is an INSERT; compare like with like.
    sample["Records"] = json!([sample["Records"][0].clone()]);
    let mut problems = Vec::new();
    shape_problems(&sample, &event, "$", &mut problems);
    assert!(problems.is_empty(), "{}\nours: {event:#}", problems.join("\n"));
}

#[test]
fn sns_notification_matches_the_published_sample() {
    let event = first_event(r#"
title = "t"
brief = "b"
setup = [ { call = "sns.CreateTopic", params = { Name = "alerts" } } ]
[trigger]
type = "sns"
topic = "alerts"
[[cases]]
name = "publish"
steps = [ { call = "sns.Publish", params = { TopicArn = "arn:aws:sns:us-east-1:123456789012:alerts", Message = "hi", Subject = "s" } } ]
checks = [ { invocations = { count = 1 } } ]
"#);
    assert_shape("example-sns-event.json", &event);
    assert_like("SAM Sns", &sam("Sns"), &event);
}

fn request() -> HttpRequest {
    HttpRequest {
        method: "GET".into(),
        path: "/orders/42".into(),
        query: [("a".to_string(), json!("1"))].into(),
        headers: Default::default(),
        body: Some("{}".into()),
    }
}

#[test]
fn api_gateway_events_match_the_published_samples() {
    assert_shape("example-apigw-request.json", &sources::rest_event(&request(), "/orders/{id}", "prod", "r", 1_768_478_400_000));
    assert_shape(
        "example-apigw-v2-request-no-authorizer.json",
        &sources::http_event(&request(), "/orders/{id}", "r", 1_768_478_400_000),
    );
    assert_like("SAM AwsProxy", &sam("AwsProxy"), &sources::rest_event(&request(), "/orders/{id}", "prod", "r", 1_768_478_400_000));
    let mut with_cookies = request();
    with_cookies.headers.insert("Cookie".into(), "session=abc; theme=dark".into());
    let v2 = sources::http_event(&with_cookies, "/orders/{id}", "r", 1_768_478_400_000);
    assert_like("SAM HttpApi", &sam("HttpApi"), &v2);
    assert_eq!(v2["cookies"], json!(["session=abc", "theme=dark"]), "payload 2.0 splits the Cookie header");
    assert!(v2["headers"].get("cookie").is_none(), "and drops it from the headers");
}

#[test]
fn schedule_event_matches_the_published_sample() {
    let ours = sources::schedule_event("nightly", "id", 1_768_478_400_000);
    assert_shape("example-eventbridge-schedule.json", &ours);
    assert_like("SAM ScheduledEvent", &sam("ScheduledEvent"), &ours);
}

#[test]
fn dynamodb_stream_records_of_every_kind_match_the_sam_template() {
    let events = all_events(r#"
title = "t"
brief = "b"
setup = [ { call = "dynamodb.CreateTable", params = { TableName = "t", KeySchema = [ { AttributeName = "Id", KeyType = "HASH" } ], AttributeDefinitions = [ { AttributeName = "Id", AttributeType = "N" } ], BillingMode = "PAY_PER_REQUEST", StreamSpecification = { StreamEnabled = true, StreamViewType = "NEW_AND_OLD_IMAGES" } } } ]
[trigger]
type = "dynamodb-stream"
table = "t"
[[cases]]
name = "insert, modify, remove"
steps = [
  { call = "dynamodb.PutItem", params = { TableName = "t", Item = { Id = { N = "101" }, Message = { S = "New item!" } } } },
  { call = "dynamodb.PutItem", params = { TableName = "t", Item = { Id = { N = "101" }, Message = { S = "This item has changed" } } } },
  { call = "dynamodb.DeleteItem", params = { TableName = "t", Key = { Id = { N = "101" } } } },
]
checks = [ { invocations = { errors = 0 } } ]
"#);
    let ours: Vec<Value> = events.iter().flat_map(|e| e["Records"].as_array().cloned().unwrap_or_default()).collect();
    let template = sam("DynamoDBUpdate");
    let samples = template["Records"].as_array().unwrap();
    for kind in ["INSERT", "MODIFY", "REMOVE"] {
        let sample = samples.iter().find(|r| r["eventName"] == kind).unwrap_or_else(|| panic!("SAM has a {kind} record"));
        let mine = ours.iter().find(|r| r["eventName"] == kind).unwrap_or_else(|| panic!("we deliver a {kind} record: {ours:#?}"));
        assert_like(&format!("SAM DynamoDBUpdate {kind}"), &json!({"Records": [sample]}), &json!({"Records": [mine]}));
    }
}
