//! Lambda::prepare_invoke: resolving what an Invoke runs.

use super::*;

#[test]
fn prepare_gives_the_code_config_and_layers_in_order() {
    let mut fx = Fx::new();
    let first = make_zip(&[("python/shared.py", b"V = 1\n"), ("python/only_first.py", b"")]);
    let second = make_zip(&[("python/shared.py", b"V = 2\n")]);
    for zip in [&first, &second] {
        fx.ok("PublishLayerVersion", json!({"LayerName": "L", "Content": {"ZipFile": wire::bytes(zip)}}));
    }
    fx.create("f", json!({
        "Layers": ["arn:aws:lambda:us-east-1:123456789012:layer:L:1", "arn:aws:lambda:us-east-1:123456789012:layer:L:2"],
        "Environment": {"Variables": {"STAGE": "dev"}}, "MemorySize": 256, "Timeout": 10,
    }));
    let p = fx.prepare(json!({"FunctionName": "f", "Payload": wire::bytes(b"{\"x\": 1}"), "LogType": "Tail"})).unwrap();
    assert_eq!((p.function_name.as_str(), p.function_arn.as_str()), ("f", "arn:aws:lambda:us-east-1:123456789012:function:f"));
    assert_eq!((p.executed_version.as_str(), p.invocation_type.as_str(), p.log_tail), ("$LATEST", "RequestResponse", true));
    assert_eq!((p.memory_mb, p.timeout_s, p.handler.as_str(), p.runtime.as_str()), (256, 10, "lambda_function.lambda_handler", "python3.13"));
    assert_eq!(p.environment["STAGE"], "dev");
    assert_eq!(p.payload, b"{\"x\": 1}");
    let paths: Vec<&str> = p.files.keys().map(String::as_str).collect();
    assert_eq!(paths, ["/opt/python/only_first.py", "/opt/python/shared.py", "/var/task/lambda_function.py"]);
    assert_eq!(p.files["/opt/python/shared.py"], b"V = 2\n", "a later layer wins");
}

#[test]
fn every_name_form_and_qualifier_resolves() {
    let mut fx = Fx::new();
    fx.create("f", json!({"Publish": true}));
    fx.ok("UpdateFunctionConfiguration", json!({"FunctionName": "f", "MemorySize": 512}));
    fx.ok("PublishVersion", json!({"FunctionName": "f"}));
    fx.ok("CreateAlias", json!({"FunctionName": "f", "Name": "prod", "FunctionVersion": "1"}));
    let cases = [
        (json!({"FunctionName": "f"}), "$LATEST", 512),
        (json!({"FunctionName": "f:1"}), "1", 128),
        (json!({"FunctionName": "f", "Qualifier": "2"}), "2", 512),
        (json!({"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:f:prod"}), "1", 128),
        (json!({"FunctionName": "123456789012:function:f", "Qualifier": "$LATEST"}), "$LATEST", 512),
    ];
    for (params, version, memory) in cases {
        let p = fx.prepare(params.clone()).unwrap();
        assert_eq!((p.executed_version.as_str(), p.memory_mb), (version, memory), "{params}");
    }
    let p = fx.prepare(json!({"FunctionName": "f:prod"})).unwrap();
    assert_eq!(p.invoked_arn, "arn:aws:lambda:us-east-1:123456789012:function:f:prod");
    let e = fx.prepare(json!({"FunctionName": "f", "Qualifier": "9"})).unwrap_err();
    assert_eq!(e.message, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:f:9");
    let e = fx.prepare(json!({"FunctionName": "g"})).unwrap_err();
    assert_eq!(e.message, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:g");
}

#[test]
fn a_weighted_alias_splits_invocations_deterministically() {
    let draws = |seed: u64| {
        let mut fx = Fx::new();
        fx.ids = Ids::new(seed);
        fx.create("f", json!({"Publish": true}));
        fx.ok("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Timeout": 5}));
        fx.ok("PublishVersion", json!({"FunctionName": "f"}));
        fx.ok("CreateAlias", json!({"FunctionName": "f", "Name": "live", "FunctionVersion": "1", "RoutingConfig": {"AdditionalVersionWeights": {"2": 0.3}}}));
        (0..1000).map(|_| fx.prepare(json!({"FunctionName": "f:live"})).unwrap().executed_version).collect::<Vec<_>>()
    };
    let a = draws(3);
    assert_eq!(a, draws(3), "the same seed routes the same way");
    let to_two = a.iter().filter(|v| *v == "2").count();
    assert!((250..350).contains(&to_two), "about 30% go to version 2, got {to_two}");
    assert!(a.iter().all(|v| v == "1" || v == "2"));
}

#[test]
fn invocation_type_log_type_and_payload_are_validated() {
    let mut fx = Fx::new();
    fx.create("f", json!({}));
    let e = fx.prepare(json!({"FunctionName": "f", "InvocationType": "Sync"})).unwrap_err();
    assert_eq!(e.message, "1 validation error detected: Value 'Sync' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    let e = fx.prepare(json!({"FunctionName": "f", "LogType": "All"})).unwrap_err();
    assert_eq!(e.code, "ValidationException");
    let e = fx.prepare(json!({"FunctionName": "f", "Payload": wire::bytes(b"{not json")})).unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("InvalidRequestContentException", 400));
    assert!(e.message.starts_with("Could not parse request body into json: Could not parse payload into json: "));
    let p = fx.prepare(json!({"FunctionName": "f", "InvocationType": "DryRun"})).unwrap();
    assert_eq!(p.invocation_type, "DryRun");
    let big = vec![b' '; 1_048_577];
    let e = fx.prepare(json!({"FunctionName": "f", "InvocationType": "Event", "Payload": wire::bytes(&big)})).unwrap_err();
    assert_eq!(e.status, 413);
}

#[test]
fn the_revision_changes_with_code_or_configuration_and_not_otherwise() {
    let mut fx = Fx::new();
    fx.create("f", json!({}));
    let r1 = fx.prepare(json!({"FunctionName": "f"})).unwrap().revision_id;
    assert_eq!(r1, fx.prepare(json!({"FunctionName": "f"})).unwrap().revision_id);
    fx.ok("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Timeout": 9}));
    let r2 = fx.prepare(json!({"FunctionName": "f"})).unwrap().revision_id;
    assert_ne!(r1, r2);
    fx.ok("UpdateFunctionCode", json!({"FunctionName": "f", "ZipFile": wire::bytes(&make_zip(&[("x.py", b"")]))}));
    let r3 = fx.prepare(json!({"FunctionName": "f"})).unwrap().revision_id;
    assert_ne!(r2, r3);
    fx.ok("AddPermission", json!({"FunctionName": "f", "StatementId": "s", "Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com"}));
    assert_eq!(r3, fx.prepare(json!({"FunctionName": "f"})).unwrap().revision_id, "a policy change keeps warm environments");
}

#[test]
fn reserved_concurrency_zero_throttles_synchronous_calls() {
    let mut fx = Fx::new();
    fx.create("f", json!({}));
    fx.ok("PutFunctionConcurrency", json!({"FunctionName": "f", "ReservedConcurrentExecutions": 0}));
    let e = fx.prepare(json!({"FunctionName": "f"})).unwrap_err();
    assert_eq!((e.code.as_str(), e.status, e.message.as_str()), ("TooManyRequestsException", 429, "Rate Exceeded."));
    assert_eq!(e.response()["Reason"], "ReservedFunctionConcurrentInvocationLimitExceeded");
    fx.ok("PutFunctionConcurrency", json!({"FunctionName": "f", "ReservedConcurrentExecutions": 3}));
    assert_eq!(fx.prepare(json!({"FunctionName": "f"})).unwrap().reserved_concurrency, Some(3));
}
