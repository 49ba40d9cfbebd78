//! PublishVersion, ListVersionsByFunction and aliases.

use super::*;

#[test]
fn publishing_numbers_versions_and_an_unchanged_function_publishes_nothing_new() {
    let mut fx = Fx::new();
    fx.create("f", json!({}));
    let v1 = fx.ok("PublishVersion", json!({"FunctionName": "f", "Description": "first"}));
    assert_eq!((v1["Version"].as_str(), v1["Description"].as_str()), (Some("1"), Some("first")));
    assert_eq!(v1["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:f:1");
    assert_eq!(v1["ResponseMetadata"]["HTTPStatusCode"], 201);
    assert_eq!(fx.ok("PublishVersion", json!({"FunctionName": "f"}))["Version"], "1", "nothing changed since version 1");
    fx.ok("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Timeout": 5}));
    assert_eq!(fx.ok("PublishVersion", json!({"FunctionName": "f"}))["Version"], "2");
    let e = fx.err("PublishVersion", json!({"FunctionName": "f", "CodeSha256": "x"}));
    assert!(e.message.starts_with("CodeSHA256 (x) is different from current CodeSHA256 in $LATEST"), "{}", e.message);
    let list = fx.ok("ListVersionsByFunction", json!({"FunctionName": "f"}));
    let versions: Vec<&str> = list["Versions"].as_array().unwrap().iter().map(|v| v["Version"].as_str().unwrap()).collect();
    assert_eq!(versions, ["$LATEST", "1", "2"]);
    assert_eq!(list["Versions"][0]["FunctionArn"], "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST");
}

#[test]
fn version_numbers_are_never_reused() {
    let mut fx = Fx::new();
    fx.create("f", json!({"Publish": true}));
    fx.ok("DeleteFunction", json!({"FunctionName": "f", "Qualifier": "1"}));
    assert_eq!(fx.ok("PublishVersion", json!({"FunctionName": "f"}))["Version"], "2");
}

#[test]
fn aliases_point_at_versions_with_optional_weights() {
    let mut fx = Fx::new();
    fx.create("f", json!({"Publish": true}));
    fx.ok("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Timeout": 5}));
    fx.ok("PublishVersion", json!({"FunctionName": "f"}));
    let a = fx.ok("CreateAlias", json!({"FunctionName": "f", "Name": "live", "FunctionVersion": "1", "RoutingConfig": {"AdditionalVersionWeights": {"2": 0.1}}}));
    assert_eq!(a["AliasArn"], "arn:aws:lambda:us-east-1:123456789012:function:f:live");
    assert_eq!(a["RoutingConfig"], json!({"AdditionalVersionWeights": {"2": 0.1}}));
    assert_eq!(a["ResponseMetadata"]["HTTPStatusCode"], 201);
    let e = fx.err("CreateAlias", json!({"FunctionName": "f", "Name": "live", "FunctionVersion": "1"}));
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ResourceConflictException", "Alias already exists: arn:aws:lambda:us-east-1:123456789012:function:f:live"));
    let got = fx.ok("GetFunctionConfiguration", json!({"FunctionName": "f", "Qualifier": "live"}));
    assert_eq!((got["Version"].as_str(), got["FunctionArn"].as_str()), (Some("1"), Some("arn:aws:lambda:us-east-1:123456789012:function:f:live")));
    let u = fx.ok("UpdateAlias", json!({"FunctionName": "f", "Name": "live", "FunctionVersion": "2", "RoutingConfig": {"AdditionalVersionWeights": {}}}));
    assert_eq!(u["RoutingConfig"], json!({"AdditionalVersionWeights": {}}), "a RoutingConfig given is answered, even empty");
    assert_ne!(u["RevisionId"], a["RevisionId"]);
    assert_eq!(fx.ok("ListAliases", json!({"FunctionName": "f"}))["Aliases"][0]["FunctionVersion"], "2");
    let e = fx.err("GetAlias", json!({"FunctionName": "f", "Name": "nope"}));
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ResourceNotFoundException", "Cannot find alias arn: arn:aws:lambda:us-east-1:123456789012:function:f:nope"));
}

#[test]
fn alias_targets_and_routing_are_checked() {
    let mut fx = Fx::new();
    fx.create("f", json!({"Publish": true}));
    let e = fx.err("CreateAlias", json!({"FunctionName": "f", "Name": "live", "FunctionVersion": "9"}));
    assert_eq!(e.message, "Function not found: arn:aws:lambda:us-east-1:123456789012:function:f:9");
    let e = fx.err("CreateAlias", json!({"FunctionName": "f", "Name": "123", "FunctionVersion": "1"}));
    assert_eq!(e.code, "ValidationException", "an alias name cannot be all digits");
    let e = fx.err("CreateAlias", json!({"FunctionName": "f", "Name": "w", "FunctionVersion": "1", "RoutingConfig": {"AdditionalVersionWeights": {"1": 1.5}}}));
    assert_eq!(e.code, "ValidationException");
    let e = fx.err("CreateAlias", json!({"FunctionName": "f", "Name": "w", "FunctionVersion": "$LATEST", "RoutingConfig": {"AdditionalVersionWeights": {"1": 0.5}}}));
    assert_eq!(e.code, "InvalidParameterValueException");
    fx.ok("CreateAlias", json!({"FunctionName": "f", "Name": "dev", "FunctionVersion": "$LATEST"}));
}
