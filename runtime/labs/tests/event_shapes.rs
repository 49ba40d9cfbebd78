//! The events the lab runtime generates have AWS's shapes: every field of the published
//! samples in the `aws_lambda_events` crate's fixtures (read from the package at test time,
//! not copied here) is present in ours with the same JSON type.

use std::path::PathBuf;

use labs::definition::HttpRequest;
use labs::{Lab, Runner, sources};
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
];

/// Keys AWS spells two ways: the SNS Lambda event in AWS's documentation uses `…Url`, the
/// crate's sample `…URL` (the SQS envelope of SNS uses `…URL`).
const SPELLINGS: &[(&str, &str)] = &[("SigningCertURL", "SigningCertUrl"), ("UnsubscribeURL", "UnsubscribeUrl")];

/// Every path of `sample` missing from `ours`, or present with another JSON type.
fn shape_problems(sample: &Value, ours: &Value, path: &str, problems: &mut Vec<String>) {
    match (sample, ours) {
        (Value::Object(s), Value::Object(o)) => {
            for (k, v) in s {
                let p = format!("{path}.{k}");
                let other = SPELLINGS.iter().find(|(a, _)| a == k).map(|(_, b)| *b);
                match o.get(k).or_else(|| other.and_then(|b| o.get(b))) {
                    None if OPTIONAL.iter().any(|(q, _)| *q == p) => {}
                    None => problems.push(format!("{p} missing")),
                    Some(mine) if DATA_MAPS.contains(&k.as_str()) => {
                        if !(v.is_null() || mine.is_null() || v.is_object() == mine.is_object()) {
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
    let sample = fixture(sample_file);
    let mut problems = Vec::new();
    shape_problems(&sample, ours, "$", &mut problems);
    assert!(problems.is_empty(), "{sample_file}:\n{}\nours: {ours:#}", problems.join("\n"));
}

/// The first event a lab with this trigger and steps delivers.
fn first_event(toml: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shape");
    std::fs::create_dir_all(&path).unwrap();
    std::fs::write(path.join("lab.toml"), toml).unwrap();
    for f in ["starter.py", "solution.py"] {
        std::fs::write(path.join(f), "def lambda_handler(event, context):\n    return None\n").unwrap();
    }
    let lab = Lab::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let run = Runner::new(&lab, &lab.solution).run_case(&lab.def.cases[0]);
    run.invocations.first().unwrap_or_else(|| panic!("no invocation: {:?}", run.setup_error)).event.clone()
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
}

#[test]
fn schedule_event_matches_the_published_sample() {
    assert_shape("example-eventbridge-schedule.json", &sources::schedule_event("nightly", "id", 1_768_478_400_000));
}
