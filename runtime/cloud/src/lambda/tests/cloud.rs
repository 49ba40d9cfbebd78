//! Lambda inside `Cloud`: IAM roles, SQS queues and DynamoDB streams as CreateFunction and
//! CreateEventSourceMapping see them; Invoke's place; the snapshot.

use crate::Cloud;
use crate::cloud::Caller;
use crate::lambda::make_zip;
use crate::wire;
use serde_json::json;

const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

fn cloud_with_function() -> Cloud {
    let mut cloud = Cloud::default();
    let role = cloud.call(Caller::Platform, "iam", "CreateRole", &json!({"RoleName": "lambda-ex", "AssumeRolePolicyDocument": TRUST})).unwrap();
    let zip = make_zip(&[("lambda_function.py", b"def lambda_handler(e, c):\n    return 1\n")]);
    cloud
        .call(Caller::Handler, "lambda", "CreateFunction", &json!({
            "FunctionName": "f", "Runtime": "python3.13", "Role": role["Role"]["Arn"],
            "Handler": "lambda_function.lambda_handler", "Code": {"ZipFile": wire::bytes(&zip)},
        }))
        .unwrap();
    cloud
}

#[test]
fn create_function_reads_the_role_from_iam() {
    let mut cloud = cloud_with_function();
    let e = cloud
        .call(Caller::Handler, "lambda", "CreateFunction", &json!({
            "FunctionName": "g", "Runtime": "python3.13", "Role": "arn:aws:iam::123456789012:role/other",
            "Handler": "a.b", "Code": {"ZipFile": wire::bytes(&make_zip(&[("a.py", b"")]))},
        }))
        .unwrap_err();
    assert_eq!((e.operation.as_str(), e.message.as_str()), ("CreateFunction", "The role defined for the function cannot be assumed by Lambda."));
    assert_eq!(cloud.calls.last().unwrap().error.as_deref(), Some("InvalidParameterValueException"));
}

#[test]
fn invoke_is_the_lab_runtimes_and_is_logged_by_it() {
    let mut cloud = cloud_with_function();
    let e = cloud.call(Caller::Handler, "lambda", "Invoke", &json!({"FunctionName": "f"})).unwrap_err();
    assert!(e.message.contains("lab runtime"), "{}", e.message);
    let prepared = cloud.invoke_lambda_prepare(&json!({"FunctionName": "f"})).unwrap();
    assert!(prepared.files.contains_key("/var/task/lambda_function.py"));
    let e = cloud.invoke_lambda_prepare(&json!({"FunctionName": "nope"})).unwrap_err();
    assert_eq!(e.to_string(), "An error occurred (ResourceNotFoundException) when calling the Invoke operation: Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope");
    let before = cloud.calls.len();
    cloud.log_call(Caller::Handler, "lambda", "Invoke", &json!({"FunctionName": "f"}), None);
    assert_eq!(cloud.calls.len(), before + 1);
    assert_eq!(cloud.calls.last().unwrap().operation, "Invoke");
}

#[test]
fn event_source_mappings_need_the_queue_or_stream_to_exist() {
    let mut cloud = cloud_with_function();
    let arn = "arn:aws:sqs:us-east-1:123456789012:jobs";
    let e = cloud.call(Caller::Handler, "lambda", "CreateEventSourceMapping", &json!({"FunctionName": "f", "EventSourceArn": arn})).unwrap_err();
    assert_eq!(e.code, "InvalidParameterValueException");
    cloud.call(Caller::Platform, "sqs", "CreateQueue", &json!({"QueueName": "jobs"})).unwrap();
    let m = cloud.call(Caller::Handler, "lambda", "CreateEventSourceMapping", &json!({"FunctionName": "f", "EventSourceArn": arn})).unwrap();
    assert_eq!((m["State"].as_str(), m["BatchSize"].as_i64()), (Some("Creating"), Some(10)));
    let got = cloud.call(Caller::Handler, "lambda", "GetEventSourceMapping", &json!({"UUID": m["UUID"]})).unwrap();
    assert_eq!(got["State"], "Enabled");

    cloud
        .call(Caller::Platform, "dynamodb", "CreateTable", &json!({
            "TableName": "T", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST",
            "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"},
        }))
        .unwrap();
    let stream = cloud.dynamodb.stream_arn("T").unwrap();
    let e = cloud.call(Caller::Handler, "lambda", "CreateEventSourceMapping", &json!({"FunctionName": "f", "EventSourceArn": stream})).unwrap_err();
    assert_eq!(e.code, "InvalidParameterValueException", "a stream needs a StartingPosition");
    let m = cloud
        .call(Caller::Handler, "lambda", "CreateEventSourceMapping", &json!({"FunctionName": "f", "EventSourceArn": stream, "StartingPosition": "LATEST"}))
        .unwrap();
    assert_eq!((m["BatchSize"].as_i64(), m["MaximumRetryAttempts"].as_i64()), (Some(100), Some(-1)));
    assert_eq!(cloud.lambda.event_source_mappings().count(), 2);
}

#[test]
fn sts_and_the_snapshot_show_the_new_services() {
    let mut cloud = cloud_with_function();
    let who = cloud.call(Caller::Handler, "sts", "GetCallerIdentity", &json!({})).unwrap();
    assert_eq!(who["Account"], "123456789012");
    let snap = cloud.snapshot();
    assert_eq!(snap["lambda"]["functions"]["f"]["Configuration"]["Runtime"], "python3.13");
    assert_eq!(snap["lambda"]["functions"]["f"]["Files"], json!(["lambda_function.py"]));
    assert_eq!(snap["iam"]["roles"]["lambda-ex"]["Arn"], "arn:aws:iam::123456789012:role/lambda-ex");
}
