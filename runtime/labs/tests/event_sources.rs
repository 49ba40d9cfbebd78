//! Golden tests of Lambda's event-source semantics as the lab runner reproduces them:
//! SQS batches with partial batch responses and DLQ redrive, asynchronous retries and the
//! on-failure destination, DynamoDB Streams records, SNS notifications, API Gateway proxy
//! validation, reserved concurrency throttling, timeouts, and the CloudWatch log format.

mod common;

use labs::{Lab, Runner};
use serde_json::Value;

/// A lab from a `lab.toml` text and a handler, in a scratch folder.
fn lab(toml: &str, code: &str) -> Lab {
    common::load(toml, code, &[])
}

fn run_first(lab: &Lab) -> labs::CaseRun {
    Runner::new(lab, &lab.solution).run_case(&lab.def.cases[0])
}

const SQS_LAB: &str = r#"
title = "t"
brief = "b"
setup = [
  { call = "sqs.CreateQueue", params = { QueueName = "dlq" } },
  { call = "sqs.CreateQueue", params = { QueueName = "q", Attributes = { VisibilityTimeout = "30", RedrivePolicy = '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":"2"}' } } },
]
[trigger]
type = "sqs"
queue = "q"
batch_size = 10
report_batch_item_failures = PARTIAL

[[cases]]
name = "mixed batch"
steps = [
  { call = "sqs.SendMessage", params = { QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/q", MessageBody = "good-1" } },
]
checks = [ { queue = { name = "q", depth = 0 } } ]
"#;

const SQS_HANDLER: &str = r#"
def lambda_handler(event, context):
    failures = [{"itemIdentifier": r["messageId"]} for r in event["Records"] if r["body"].startswith("bad")]
    if failures and not PARTIAL:
        raise ValueError("bad message in batch")
    return {"batchItemFailures": failures}
"#;

fn sqs_lab(partial: bool) -> Lab {
    let toml = SQS_LAB.replace("PARTIAL", if partial { "true" } else { "false" });
    let code = SQS_HANDLER.replace("PARTIAL", if partial { "True" } else { "False" });
    let mut lab = lab(&toml, &code);
    // Three messages in one step, so they arrive in one batch.
    let send = lab.def.cases[0].steps[0].clone();
    let labs::definition::Step::Call(call) = send else { panic!() };
    lab.def.cases[0].steps = ["good-1", "bad-2", "good-3"]
        .iter()
        .map(|body| {
            let mut c = call.clone();
            c.params["MessageBody"] = Value::from(*body);
            labs::definition::Step::Call(c)
        })
        .collect();
    lab
}

fn queue_bodies(run: &labs::CaseRun, queue: &str) -> Vec<String> {
    run.after["sqs"]["queues"][queue]["Messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Body"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn partial_batch_failures_retry_only_the_failed_message_until_the_dlq() {
    let lab = sqs_lab(true);
    let run = run_first(&lab);
    // Steps run one at a time, so each message is its own batch; the bad one is received
    // twice (maxReceiveCount 2), then redriven to the DLQ.
    let bodies: Vec<Vec<&str>> = run
        .invocations
        .iter()
        .map(|i| i.event["Records"].as_array().unwrap().iter().map(|r| r["body"].as_str().unwrap()).collect())
        .collect();
    assert_eq!(bodies, vec![vec!["good-1"], vec!["bad-2"], vec!["bad-2"], vec!["good-3"]]);
    let second = &run.invocations[2].event["Records"][0];
    assert_eq!(second["attributes"]["ApproximateReceiveCount"], "2");
    assert_eq!(second["eventSource"], "aws:sqs");
    assert!(queue_bodies(&run, "q").is_empty());
    assert_eq!(queue_bodies(&run, "dlq"), vec!["bad-2"]);
}

#[test]
fn without_partial_responses_an_error_fails_the_whole_batch() {
    let mut lab = sqs_lab(false);
    // One step that sends a batch of three: all arrive together.
    let url = "https://sqs.us-east-1.amazonaws.com/123456789012/q";
    let batch: toml::Value = toml::from_str(&format!(
        r#"call = "sqs.SendMessageBatch"
params = {{ QueueUrl = "{url}", Entries = [ {{ Id = "1", MessageBody = "good-1" }}, {{ Id = "2", MessageBody = "bad-2" }}, {{ Id = "3", MessageBody = "good-3" }} ] }}"#
    ))
    .unwrap();
    lab.def.cases[0].steps = vec![batch.try_into().unwrap()];
    let run = run_first(&lab);
    assert_eq!(run.invocations.len(), 2, "the batch is retried once, then redriven");
    assert!(run.invocations.iter().all(|i| i.event["Records"].as_array().unwrap().len() == 3));
    assert!(run.invocations.iter().all(labs::Invocation::is_error));
    let mut dlq = queue_bodies(&run, "dlq");
    dlq.sort();
    assert_eq!(dlq, vec!["bad-2", "good-1", "good-3"], "good messages fail with the batch");
}

#[test]
fn async_failures_are_retried_twice_then_go_to_the_on_failure_queue() {
    let toml = r#"
title = "t"
brief = "b"
setup = [
  { call = "s3.CreateBucket", params = { Bucket = "uploads" } },
  { call = "sqs.CreateQueue", params = { QueueName = "failed" } },
]
[function]
on_failure_queue = "failed"
[trigger]
type = "s3"
bucket = "uploads"
[[cases]]
name = "always fails"
steps = [ { call = "s3.PutObject", params = { Bucket = "uploads", Key = "my report+v2.csv", Body = "a,b" } } ]
checks = [ { queue = { name = "failed", depth = 1 } } ]
"#;
    let lab = lab(toml, "def lambda_handler(event, context):\n    raise RuntimeError('cannot parse ' + event['Records'][0]['s3']['object']['key'])\n");
    let run = run_first(&lab);
    assert_eq!(run.invocations.len(), 3, "1 attempt + 2 retries");
    let record = &run.invocations[0].event["Records"][0];
    assert_eq!(record["eventName"], "ObjectCreated:Put");
    assert_eq!(record["s3"]["object"]["key"], "my+report%2Bv2.csv", "keys arrive URL-encoded");
    assert_eq!(record["s3"]["object"]["size"], 3);
    let msg = &run.after["sqs"]["queues"]["failed"]["Messages"][0]["Body"];
    let dest: Value = serde_json::from_str(msg.as_str().unwrap()).unwrap();
    assert_eq!(dest["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(dest["requestContext"]["approximateInvokeCount"], 3);
    assert_eq!(dest["responsePayload"]["errorType"], "RuntimeError");
    assert_eq!(dest["requestPayload"]["Records"][0]["s3"]["bucket"]["name"], "uploads");
    let grade = labs::grade(&lab, &lab.solution, true);
    assert!(grade.passed(), "{:?}", grade.cases[0].checks);
}

#[test]
fn reserved_concurrency_throttles_a_burst() {
    let toml = r#"
title = "t"
brief = "b"
[function]
reserved_concurrency = 2
[[cases]]
name = "burst"
steps = [ { burst = { count = 5, event = { n = 1 } } } ]
checks = [ { invocations = { count = 2, throttles = 3, errors = 0 } } ]
"#;
    let lab = lab(toml, "def lambda_handler(event, context):\n    return event['n']\n");
    let grade = labs::grade(&lab, &lab.solution, true);
    assert!(grade.passed(), "{:?}", grade.cases[0].checks);
    let json = labs::report::grade_json(&grade, "lambda_function.py");
    let throttled = &json["cases"][0]["invocations"][4];
    assert_eq!(throttled["throttled"], true);
    assert_eq!(throttled["error"]["errorType"], "TooManyRequestsException");
}

#[test]
fn api_gateway_turns_a_malformed_proxy_response_into_a_502() {
    let toml = r#"
title = "t"
brief = "b"
[trigger]
type = "api-rest"
resource = "/orders/{id}"
[[cases]]
name = "get"
steps = [ { request = { method = "GET", path = "/orders/42", query = { verbose = "1" } } } ]
checks = [ { response = { status = 502 } } ]
"#;
    let bad = lab(toml, "def lambda_handler(event, context):\n    return {'statusCode': 200, 'body': {'id': event['pathParameters']['id']}}\n");
    let run = run_first(&bad);
    let resp = &run.responses[0];
    assert_eq!(resp.status, 502);
    assert_eq!(resp.body, r#"{"message":"Internal server error"}"#);
    assert!(resp.gateway_error.as_deref().unwrap().contains("body must be a string"));
    let event = &run.invocations[0].event;
    assert_eq!(event["pathParameters"]["id"], "42");
    assert_eq!(event["queryStringParameters"]["verbose"], "1");
    assert_eq!(event["requestContext"]["resourcePath"], "/orders/{id}");

    let good = lab(toml, "import json\ndef lambda_handler(event, context):\n    return {'statusCode': 200, 'body': json.dumps({'id': event['pathParameters']['id']})}\n");
    let run = run_first(&good);
    assert_eq!((run.responses[0].status, run.responses[0].body.as_str()), (200, r#"{"id": "42"}"#));
}

#[test]
fn dynamodb_writes_arrive_as_stream_records() {
    let toml = r##"
title = "t"
brief = "b"
setup = [ { call = "dynamodb.CreateTable", params = { TableName = "orders", KeySchema = [ { AttributeName = "id", KeyType = "HASH" } ], AttributeDefinitions = [ { AttributeName = "id", AttributeType = "S" } ], BillingMode = "PAY_PER_REQUEST", StreamSpecification = { StreamEnabled = true, StreamViewType = "NEW_AND_OLD_IMAGES" } } } ]
[trigger]
type = "dynamodb-stream"
table = "orders"
[[cases]]
name = "lifecycle"
steps = [
  { call = "dynamodb.PutItem", params = { TableName = "orders", Item = { id = { S = "o1" }, total = { N = "10" } } } },
  { call = "dynamodb.UpdateItem", params = { TableName = "orders", Key = { id = { S = "o1" } }, UpdateExpression = "SET #t = :t", ExpressionAttributeNames = { "#t" = "total" }, ExpressionAttributeValues = { ":t" = { N = "12" } } } },
  { call = "dynamodb.DeleteItem", params = { TableName = "orders", Key = { id = { S = "o1" } } } },
]
checks = [ { invocations = { count = 3, errors = 0 } } ]
"##;
    let lab = lab(toml, "def lambda_handler(event, context):\n    return [r['eventName'] for r in event['Records']]\n");
    let run = run_first(&lab);
    let names: Vec<Value> = run.invocations.iter().map(|i| i.report.as_ref().unwrap().payload()).collect();
    assert_eq!(names, vec![serde_json::json!(["INSERT"]), serde_json::json!(["MODIFY"]), serde_json::json!(["REMOVE"])]);
    let modify = &run.invocations[1].event["Records"][0];
    assert_eq!(modify["dynamodb"]["OldImage"]["total"], serde_json::json!({"N": "10"}));
    assert_eq!(modify["dynamodb"]["NewImage"]["total"], serde_json::json!({"N": "12"}));
    assert_eq!(modify["eventSource"], "aws:dynamodb");
}

#[test]
fn sns_publishes_reach_a_subscribed_function() {
    let toml = r#"
title = "t"
brief = "b"
setup = [ { call = "sns.CreateTopic", params = { Name = "alerts" } } ]
[trigger]
type = "sns"
topic = "alerts"
[[cases]]
name = "publish"
steps = [ { call = "sns.Publish", params = { TopicArn = "arn:aws:sns:us-east-1:123456789012:alerts", Message = "disk full", Subject = "ops", MessageAttributes = { severity = { DataType = "String", StringValue = "high" } } } } ]
checks = [ { returned = { equals = "disk full/high" } } ]
"#;
    let lab = lab(toml, "def lambda_handler(event, context):\n    sns = event['Records'][0]['Sns']\n    return sns['Message'] + '/' + sns['MessageAttributes']['severity']['Value']\n");
    let grade = labs::grade(&lab, &lab.solution, true);
    assert!(grade.passed(), "{:?}", grade.cases[0].checks);
    let event = &grade.cases[0].run.invocations[0].event["Records"][0];
    assert_eq!(event["EventSource"], "aws:sns");
    assert_eq!(event["Sns"]["Subject"], "ops");
}

#[test]
fn a_timeout_is_reported_as_lambda_reports_it() {
    let toml = r#"
title = "t"
brief = "b"
[function]
timeout = 1
[[cases]]
name = "loop"
steps = [ { invoke = {} } ]
checks = [ { log = { contains = "Task timed out after 1.00 seconds" } } ]
"#;
    let lab = lab(toml, "def lambda_handler(event, context):\n    while True:\n        pass\n");
    let grade = labs::grade(&lab, &lab.solution, true);
    assert!(grade.passed(), "{:?}", grade.cases[0].checks);
    let report = grade.cases[0].run.invocations[0].report.as_ref().unwrap();
    let log = report.log_text();
    let re_start = log.lines().find(|l| l.starts_with("START RequestId: ")).unwrap();
    assert!(re_start.ends_with(" Version: $LATEST"));
    let report_line = log.lines().last().unwrap();
    assert!(report_line.starts_with("REPORT RequestId: "), "{report_line}");
    assert!(report_line.contains("\tDuration: 1000.00 ms\t"), "{report_line}");
    assert!(report_line.contains("\tMemory Size: 128 MB\t"), "{report_line}");
}

#[test]
fn a_failing_check_says_what_was_expected_and_what_happened() {
    let toml = r#"
title = "t"
brief = "b"
setup = [ { call = "s3.CreateBucket", params = { Bucket = "data" } } ]
[[cases]]
name = "writes"
steps = [ { invoke = { key = "out.json" } } ]
checks = [
  { object = { bucket = "data", key = "out.json", json = { ok = true } }, message = "Write the result to data/out.json" },
  { calls = { operation = "s3.DeleteObject", max = 0 } },
]
"#;
    let lab = lab(toml, "import boto3\ndef lambda_handler(event, context):\n    boto3.client('s3').put_object(Bucket='data', Key='wrong.json', Body='{}')\n");
    let grade = labs::grade(&lab, &lab.solution, true);
    let check = &grade.cases[0].checks[0];
    assert!(!check.passed);
    assert_eq!(check.message, "Write the result to data/out.json (no object `out.json`; the bucket holds `wrong.json`)");
    assert!(grade.cases[0].checks[1].passed);
    assert_eq!((grade.score(), grade.max_score()), (1, 2));
}
