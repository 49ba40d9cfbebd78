//! Concurrency, event invoke configs, tags, permissions and event source mappings.

use super::*;

#[test]
fn reserved_concurrency_is_set_read_and_limited_by_the_account() {
    let mut fx = Fx::new();
    fx.create("f", json!({}));
    fx.create("g", json!({}));
    assert_eq!(fx.ok("GetFunctionConcurrency", json!({"FunctionName": "f"})), json!({}));
    assert_eq!(fx.ok("PutFunctionConcurrency", json!({"FunctionName": "f", "ReservedConcurrentExecutions": 800})), json!({"ReservedConcurrentExecutions": 800}));
    let e = fx.err("PutFunctionConcurrency", json!({"FunctionName": "g", "ReservedConcurrentExecutions": 101}));
    assert_eq!(e.message, "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].");
    fx.ok("PutFunctionConcurrency", json!({"FunctionName": "g", "ReservedConcurrentExecutions": 100}));
    assert_eq!(fx.ok("GetAccountSettings", json!({}))["AccountLimit"]["UnreservedConcurrentExecutions"], 100);
    assert_eq!(fx.ok("DeleteFunctionConcurrency", json!({"FunctionName": "f"}))["ResponseMetadata"]["HTTPStatusCode"], 204);
    assert_eq!(fx.ok("GetFunctionConcurrency", json!({"FunctionName": "f"})), json!({}));
    assert_eq!(fx.err("PutFunctionConcurrency", json!({"FunctionName": "nope", "ReservedConcurrentExecutions": 1})).code, "ResourceNotFoundException");
}

#[test]
fn event_invoke_configs_hold_retries_age_and_destinations() {
    let mut fx = Fx::new();
    fx.create("f", json!({}));
    let e = fx.err("GetFunctionEventInvokeConfig", json!({"FunctionName": "f"}));
    assert_eq!(e.message, "The function arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST doesn't have an EventInvokeConfig");
    let v = fx.ok("PutFunctionEventInvokeConfig", json!({
        "FunctionName": "f", "MaximumRetryAttempts": 1, "MaximumEventAgeInSeconds": 3600,
        "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}},
    }));
    assert_eq!(v["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST");
    assert_eq!(v["DestinationConfig"], json!({"OnSuccess": {}, "OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}));
    let u = fx.ok("UpdateFunctionEventInvokeConfig", json!({"FunctionName": "f", "MaximumRetryAttempts": 0}));
    assert_eq!((u["MaximumRetryAttempts"].as_i64(), u["MaximumEventAgeInSeconds"].as_i64()), (Some(0), Some(3600)), "update merges");
    assert_eq!(fx.err("PutFunctionEventInvokeConfig", json!({"FunctionName": "f", "MaximumRetryAttempts": 3})).code, "ValidationException");
    assert_eq!(fx.err("PutFunctionEventInvokeConfig", json!({"FunctionName": "f", "MaximumEventAgeInSeconds": 30})).code, "ValidationException");
    fx.ok("DeleteFunctionEventInvokeConfig", json!({"FunctionName": "f"}));
    assert_eq!(fx.err("DeleteFunctionEventInvokeConfig", json!({"FunctionName": "f"})).code, "ResourceNotFoundException");
}

#[test]
fn tags_are_set_listed_and_removed_by_function_arn() {
    let mut fx = Fx::new();
    fx.create("f", json!({"Tags": {"a": "1"}}));
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:f";
    fx.ok("TagResource", json!({"Resource": arn, "Tags": {"b": "2"}}));
    assert_eq!(fx.ok("ListTags", json!({"Resource": arn}))["Tags"], json!({"a": "1", "b": "2"}));
    fx.ok("UntagResource", json!({"Resource": arn, "TagKeys": ["a"]}));
    assert_eq!(fx.ok("ListTags", json!({"Resource": arn}))["Tags"], json!({"b": "2"}));
    assert_eq!(fx.err("ListTags", json!({"Resource": "arn:aws:lambda:us-east-1:123456789012:function:g"})).code, "ResourceNotFoundException");
}

#[test]
fn permissions_build_lambdas_policy_document() {
    let mut fx = Fx::new();
    fx.create("f", json!({}));
    let e = fx.err("GetPolicy", json!({"FunctionName": "f"}));
    assert_eq!(e.message, "The resource you requested does not exist.");
    let v = fx.ok("AddPermission", json!({
        "FunctionName": "f", "StatementId": "s3", "Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com",
        "SourceArn": "arn:aws:s3:::uploads", "SourceAccount": "123456789012",
    }));
    assert_eq!(v["ResponseMetadata"]["HTTPStatusCode"], 201);
    assert_eq!(
        v["Statement"],
        r#"{"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::uploads"},"StringEquals":{"AWS:SourceAccount":"123456789012"}}}"#
    );
    let e = fx.err("AddPermission", json!({"FunctionName": "f", "StatementId": "s3", "Action": "lambda:InvokeFunction", "Principal": "sns.amazonaws.com"}));
    assert_eq!(e.code, "ResourceConflictException");
    fx.ok("AddPermission", json!({"FunctionName": "f", "StatementId": "acct", "Action": "lambda:*", "Principal": "210987654321"}));
    let policy: Value = serde_json::from_str(fx.ok("GetPolicy", json!({"FunctionName": "f"}))["Policy"].as_str().unwrap()).unwrap();
    assert_eq!((policy["Version"].as_str(), policy["Id"].as_str()), (Some("2012-10-17"), Some("default")));
    assert_eq!(policy["Statement"][1]["Principal"], json!({"AWS": "arn:aws:iam::210987654321:root"}));
    fx.ok("RemovePermission", json!({"FunctionName": "f", "StatementId": "s3"}));
    let e = fx.err("RemovePermission", json!({"FunctionName": "f", "StatementId": "s3"}));
    assert_eq!(e.message, "Statement s3 is not found in resource policy.");
    assert_eq!(fx.err("AddPermission", json!({"FunctionName": "f", "StatementId": "bad id", "Action": "lambda:InvokeFunction", "Principal": "*"})).code, "ValidationException");
}

#[test]
fn event_source_mappings_have_lambdas_defaults_and_conflicts() {
    let mut fx = Fx::new();
    let queue = "arn:aws:sqs:us-east-1:123456789012:jobs";
    let fifo = "arn:aws:sqs:us-east-1:123456789012:jobs.fifo";
    fx.peers.queues = vec![queue.into(), fifo.into()];
    fx.create("f", json!({}));
    let m = fx.ok("CreateEventSourceMapping", json!({"FunctionName": "f", "EventSourceArn": queue}));
    assert_eq!(m["ResponseMetadata"]["HTTPStatusCode"], 202);
    assert_eq!((m["State"].as_str(), m["BatchSize"].as_i64(), m["MaximumBatchingWindowInSeconds"].as_i64()), (Some("Creating"), Some(10), Some(0)));
    assert_eq!(m["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:f");
    assert!(m.get("StartingPosition").is_none());
    let e = fx.err("CreateEventSourceMapping", json!({"FunctionName": "f", "EventSourceArn": queue}));
    assert_eq!(e.code, "ResourceConflictException");
    assert!(e.message.contains(m["UUID"].as_str().unwrap()));
    let e = fx.err("CreateEventSourceMapping", json!({"FunctionName": "f", "EventSourceArn": fifo, "BatchSize": 11, "MaximumBatchingWindowInSeconds": 1}));
    assert_eq!(e.message, "Batch size for FIFO queues cannot be greater than 10.");
    let e = fx.err("CreateEventSourceMapping", json!({"FunctionName": "f", "EventSourceArn": fifo, "BatchSize": 0}));
    assert_eq!(e.code, "ValidationException");
    let e = fx.err("CreateEventSourceMapping", json!({"FunctionName": "nope", "EventSourceArn": fifo}));
    assert_eq!(e.code, "ResourceNotFoundException");
    let uuid = m["UUID"].as_str().unwrap();
    let u = fx.ok("UpdateEventSourceMapping", json!({"UUID": uuid, "Enabled": false, "BatchSize": 5}));
    assert_eq!((u["State"].as_str(), u["BatchSize"].as_i64()), (Some("Updating"), Some(5)));
    assert_eq!(fx.ok("GetEventSourceMapping", json!({"UUID": uuid}))["State"], "Disabled");
    assert_eq!(fx.ok("ListEventSourceMappings", json!({"FunctionName": "f"}))["EventSourceMappings"].as_array().unwrap().len(), 1);
    assert_eq!(fx.ok("DeleteEventSourceMapping", json!({"UUID": uuid}))["State"], "Deleting");
    assert_eq!(fx.err("GetEventSourceMapping", json!({"UUID": uuid})).message, "The resource you requested does not exist.");
}
