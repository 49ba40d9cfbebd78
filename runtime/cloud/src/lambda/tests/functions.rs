//! CreateFunction, GetFunction(Configuration), ListFunctions, Update*, DeleteFunction.

use super::*;
use crate::lambda::code::sha256_b64;

#[test]
fn create_function_answers_lambdas_configuration() {
    let mut fx = Fx::new();
    let v = fx.create("hello", json!({"Description": "greets", "Environment": {"Variables": {"STAGE": "dev"}}}));
    assert_eq!(v["ResponseMetadata"]["HTTPStatusCode"], 201);
    assert_eq!(v["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:hello");
    assert_eq!(v["CodeSha256"], sha256_b64(&handler_zip()));
    assert_eq!(v["CodeSize"], handler_zip().len());
    assert_eq!(v["LastModified"], "2026-01-15T12:00:00.000+0000");
    assert_eq!(v["Version"], "$LATEST");
    assert_eq!((v["Timeout"].as_i64(), v["MemorySize"].as_i64()), (Some(3), Some(128)));
    assert_eq!((v["State"].as_str(), v["LastUpdateStatus"].as_str(), v["PackageType"].as_str()), (Some("Active"), Some("Successful"), Some("Zip")));
    assert_eq!(v["Architectures"], json!(["x86_64"]));
    assert_eq!(v["EphemeralStorage"], json!({"Size": 512}));
    assert_eq!(v["TracingConfig"], json!({"Mode": "PassThrough"}));
    assert_eq!(v["LoggingConfig"], json!({"LogFormat": "Text", "LogGroup": "/aws/lambda/hello"}));
    assert_eq!(v["Environment"], json!({"Variables": {"STAGE": "dev"}}));
    assert_eq!(v["RevisionId"].as_str().unwrap().len(), 36);
    assert!(v.get("Layers").is_none(), "Lambda answers no Layers member for a function without layers");
}

#[test]
fn a_second_function_with_the_same_name_conflicts() {
    let mut fx = Fx::new();
    fx.create("hello", json!({}));
    let mut params = json!({"FunctionName": "hello", "Runtime": "python3.13", "Role": ROLE, "Handler": "a.b", "Code": {"ZipFile": wire::bytes(&handler_zip())}});
    let e = fx.err("CreateFunction", params.clone());
    assert_eq!((e.code.as_str(), e.message.as_str(), e.status), ("ResourceConflictException", "Function already exist: hello", 409));
    params["FunctionName"] = json!("other");
    fx.ok("CreateFunction", params);
}

#[test]
fn the_role_must_exist_and_trust_lambda() {
    let mut fx = Fx::new();
    fx.peers.untrusting_role = Some("arn:aws:iam::123456789012:role/ec2-only".into());
    for role in ["arn:aws:iam::123456789012:role/missing", "arn:aws:iam::123456789012:role/ec2-only"] {
        let e = fx.call("CreateFunction", json!({"FunctionName": "f", "Runtime": "python3.13", "Role": role, "Handler": "a.b", "Code": {"ZipFile": wire::bytes(&handler_zip())}})).unwrap_err();
        assert_eq!((e.code.as_str(), e.message.as_str()), ("InvalidParameterValueException", "The role defined for the function cannot be assumed by Lambda."));
    }
    let e = fx.err("CreateFunction", json!({"FunctionName": "f", "Runtime": "python3.13", "Role": "lambda-ex", "Handler": "a.b", "Code": {"ZipFile": wire::bytes(&handler_zip())}}));
    assert_eq!(e.code, "ValidationException");
    assert!(e.message.contains("Value 'lambda-ex' at 'role' failed to satisfy constraint"), "{}", e.message);
}

#[test]
fn runtime_and_handler_are_checked() {
    let mut fx = Fx::new();
    let base = json!({"FunctionName": "f", "Role": ROLE, "Code": {"ZipFile": wire::bytes(&handler_zip())}});
    let with = |extra: Value| {
        let mut p = base.clone();
        for (k, v) in extra.as_object().unwrap() {
            p[k] = v.clone();
        }
        p
    };
    assert_eq!(fx.err("CreateFunction", with(json!({"Runtime": "python3", "Handler": "a.b"}))).code, "ValidationException");
    let e = fx.err("CreateFunction", with(json!({"Runtime": "python3.9", "Handler": "a.b"})));
    assert_eq!(e.code, "InvalidParameterValueException");
    assert!(e.message.starts_with("The runtime parameter of python3.9 is no longer supported"));
    let e = fx.err("CreateFunction", with(json!({"Runtime": "python3.13"})));
    assert_eq!(e.message, "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
    let e = fx.err("CreateFunction", with(json!({"Runtime": "python3.13", "Handler": "a.b", "MemorySize": 20000, "Timeout": 901})));
    assert!(e.message.starts_with("2 validation errors detected: "), "{}", e.message);
}

#[test]
fn code_must_be_a_real_zip() {
    let mut fx = Fx::new();
    let e = fx.err("CreateFunction", json!({"FunctionName": "f", "Runtime": "python3.13", "Role": ROLE, "Handler": "a.b", "Code": {"ZipFile": wire::bytes(b"print('hi')")}}));
    assert_eq!(e.message, "Could not unzip uploaded file. Please check your file, then try to upload again.");
    assert!(fx.lambda.function("f").is_none());
}

#[test]
fn get_function_gives_configuration_code_tags_and_concurrency() {
    let mut fx = Fx::new();
    fx.create("f", json!({"Tags": {"team": "a"}}));
    let v = fx.ok("GetFunction", json!({"FunctionName": "f"}));
    assert_eq!(v["Configuration"]["FunctionName"], "f");
    assert_eq!(v["Code"]["RepositoryType"], "S3");
    assert!(v["Code"]["Location"].as_str().unwrap().starts_with("https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/"));
    assert_eq!(v["Tags"], json!({"team": "a"}));
    assert!(v.get("Concurrency").is_none());
    fx.ok("PutFunctionConcurrency", json!({"FunctionName": "f", "ReservedConcurrentExecutions": 5}));
    let v = fx.ok("GetFunction", json!({"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:f"}));
    assert_eq!(v["Concurrency"], json!({"ReservedConcurrentExecutions": 5}));
}

#[test]
fn missing_functions_and_versions_are_named_in_the_error() {
    let mut fx = Fx::new();
    let e = fx.err("GetFunction", json!({"FunctionName": "nope"}));
    assert_eq!((e.code.as_str(), e.status), ("ResourceNotFoundException", 404));
    assert_eq!(e.message, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope");
    fx.create("f", json!({}));
    let e = fx.err("GetFunctionConfiguration", json!({"FunctionName": "f", "Qualifier": "7"}));
    assert_eq!(e.message, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:f:7");
    let e = fx.err("GetFunction", json!({"FunctionName": "f:prod"}));
    assert_eq!(e.message, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:f:prod");
}

#[test]
fn a_qualified_read_answers_a_qualified_arn() {
    let mut fx = Fx::new();
    fx.create("f", json!({}));
    let v = fx.ok("GetFunctionConfiguration", json!({"FunctionName": "f", "Qualifier": "$LATEST"}));
    assert_eq!(v["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST");
    let v = fx.ok("GetFunctionConfiguration", json!({"FunctionName": "123456789012:function:f"}));
    assert_eq!(v["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:f");
}

#[test]
fn update_function_code_changes_sha_and_revision_and_can_publish() {
    let mut fx = Fx::new();
    let before = fx.create("f", json!({}));
    let zip = make_zip(&[("app.py", b"def handler(e, c):\n    return 2\n")]);
    fx.now += 60_000;
    let v = fx.ok("UpdateFunctionCode", json!({"FunctionName": "f", "ZipFile": wire::bytes(&zip)}));
    assert_eq!(v["CodeSha256"], sha256_b64(&zip));
    assert_ne!(v["RevisionId"], before["RevisionId"]);
    assert_eq!(v["LastModified"], "2026-01-15T12:01:00.000+0000");
    let v = fx.ok("UpdateFunctionCode", json!({"FunctionName": "f", "ZipFile": wire::bytes(&handler_zip()), "Publish": true}));
    assert_eq!((v["Version"].as_str(), v["FunctionArn"].as_str()), (Some("1"), Some("arn:aws:lambda:us-east-1:123456789012:function:f:1")));
    let e = fx.err("UpdateFunctionCode", json!({"FunctionName": "f", "ZipFile": wire::bytes(b"not a zip")}));
    assert_eq!(e.code, "InvalidParameterValueException");
    let e = fx.err("UpdateFunctionCode", json!({"FunctionName": "f", "ZipFile": wire::bytes(&zip), "RevisionId": "stale"}));
    assert_eq!((e.code.as_str(), e.status), ("PreconditionFailedException", 412));
}

#[test]
fn update_function_configuration_sets_what_is_given() {
    let mut fx = Fx::new();
    fx.create("f", json!({"Environment": {"Variables": {"AA": "1"}}}));
    let v = fx.ok("UpdateFunctionConfiguration", json!({"FunctionName": "f", "MemorySize": 256, "Timeout": 30, "Handler": "app.handler", "Environment": {"Variables": {"BB": "2"}}}));
    assert_eq!((v["MemorySize"].as_i64(), v["Timeout"].as_i64(), v["Handler"].as_str()), (Some(256), Some(30), Some("app.handler")));
    assert_eq!(v["Environment"], json!({"Variables": {"BB": "2"}}), "the environment is replaced, not merged");
    assert_eq!(v["Runtime"], "python3.13");
    let v = fx.ok("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Environment": {"Variables": {}}}));
    assert!(v.get("Environment").is_none());
    let e = fx.err("UpdateFunctionConfiguration", json!({"FunctionName": "f", "MemorySize": 64}));
    assert_eq!(e.message, "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128");
    let e = fx.err("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Layers": ["arn:aws:lambda:us-east-1:123456789012:layer:nope:1"]}));
    assert_eq!(e.message, "Layer version arn:aws:lambda:us-east-1:123456789012:layer:nope:1 does not exist.");
    let e = fx.err("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Runtime": "python3.10"}));
    assert_eq!(e.code, "InvalidParameterValueException");
}

#[test]
fn delete_function_removes_a_function_or_one_version() {
    let mut fx = Fx::new();
    fx.create("f", json!({"Publish": true}));
    let e = fx.err("DeleteFunction", json!({"FunctionName": "f", "Qualifier": "$LATEST"}));
    assert_eq!(e.message, "$LATEST version cannot be deleted without deleting the function.");
    fx.ok("CreateAlias", json!({"FunctionName": "f", "Name": "live", "FunctionVersion": "1"}));
    let e = fx.err("DeleteFunction", json!({"FunctionName": "f", "Qualifier": "1"}));
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ResourceConflictException", "Unable to delete version because the following aliases reference it: [live]"));
    fx.ok("DeleteAlias", json!({"FunctionName": "f", "Name": "live"}));
    let v = fx.ok("DeleteFunction", json!({"FunctionName": "f", "Qualifier": "1"}));
    assert_eq!(v["ResponseMetadata"]["HTTPStatusCode"], 204);
    assert!(fx.lambda.function("f").unwrap().versions.is_empty());
    fx.ok("DeleteFunction", json!({"FunctionName": "f"}));
    assert_eq!(fx.err("DeleteFunction", json!({"FunctionName": "f"})).code, "ResourceNotFoundException");
}

#[test]
fn list_functions_pages_with_markers() {
    let mut fx = Fx::new();
    for name in ["a", "b", "c"] {
        fx.create(name, json!({}));
    }
    let v = fx.ok("ListFunctions", json!({"MaxItems": 2}));
    let names: Vec<&str> = v["Functions"].as_array().unwrap().iter().map(|f| f["FunctionName"].as_str().unwrap()).collect();
    assert_eq!(names, ["a", "b"]);
    let v = fx.ok("ListFunctions", json!({"Marker": v["NextMarker"]}));
    assert_eq!(v["Functions"][0]["FunctionName"], "c");
    assert!(v.get("NextMarker").is_none());
}
