//! Layers.

use super::*;
use crate::lambda::code::sha256_b64;

#[test]
fn layer_versions_publish_list_and_delete() {
    let mut fx = Fx::new();
    let zip = make_zip(&[("python/helpers.py", b"X = 1\n")]);
    let v = fx.ok("PublishLayerVersion", json!({"LayerName": "helpers", "Description": "shared", "Content": {"ZipFile": wire::bytes(&zip)}, "CompatibleRuntimes": ["python3.13"]}));
    assert_eq!(v["ResponseMetadata"]["HTTPStatusCode"], 201);
    assert_eq!((v["LayerArn"].as_str(), v["LayerVersionArn"].as_str()), (Some("arn:aws:lambda:us-east-1:123456789012:layer:helpers"), Some("arn:aws:lambda:us-east-1:123456789012:layer:helpers:1")));
    assert_eq!(v["Version"], 1);
    assert_eq!(v["Content"]["CodeSha256"], sha256_b64(&zip));
    assert_eq!(v["Content"]["CodeSize"], zip.len());
    assert_eq!(v["CreatedDate"], "2026-01-15T12:00:00.000+0000");
    fx.ok("PublishLayerVersion", json!({"LayerName": "arn:aws:lambda:us-east-1:123456789012:layer:helpers", "Content": {"ZipFile": wire::bytes(&zip)}}));
    let list = fx.ok("ListLayerVersions", json!({"LayerName": "helpers"}));
    let numbers: Vec<i64> = list["LayerVersions"].as_array().unwrap().iter().map(|v| v["Version"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [2, 1], "newest first");
    assert_eq!(fx.ok("ListLayers", json!({}))["Layers"][0]["LatestMatchingVersion"]["Version"], 2);
    assert_eq!(fx.ok("ListLayers", json!({"CompatibleRuntime": "python3.13"}))["Layers"][0]["LatestMatchingVersion"]["Version"], 1);
    assert_eq!(fx.ok("GetLayerVersion", json!({"LayerName": "helpers", "VersionNumber": 1}))["Description"], "shared");
    assert_eq!(fx.ok("GetLayerVersionByArn", json!({"Arn": "arn:aws:lambda:us-east-1:123456789012:layer:helpers:2"}))["Version"], 2);
    fx.ok("DeleteLayerVersion", json!({"LayerName": "helpers", "VersionNumber": 1}));
    let e = fx.err("GetLayerVersion", json!({"LayerName": "helpers", "VersionNumber": 1}));
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ResourceNotFoundException", "The resource you requested does not exist."));
    fx.ok("DeleteLayerVersion", json!({"LayerName": "helpers", "VersionNumber": 1}));
    let v = fx.ok("PublishLayerVersion", json!({"LayerName": "helpers", "Content": {"ZipFile": wire::bytes(&zip)}}));
    assert_eq!(v["Version"], 3, "layer version numbers are never reused");
}

#[test]
fn layer_content_and_runtimes_are_checked() {
    let mut fx = Fx::new();
    let e = fx.err("PublishLayerVersion", json!({"LayerName": "l", "Content": {"ZipFile": wire::bytes(b"nope")}}));
    assert_eq!(e.code, "InvalidParameterValueException");
    let zip = make_zip(&[("a.py", b"")]);
    let e = fx.err("PublishLayerVersion", json!({"LayerName": "l", "Content": {"ZipFile": wire::bytes(&zip)}, "CompatibleRuntimes": ["python9"]}));
    assert_eq!(e.code, "ValidationException");
    assert_eq!(fx.err("PublishLayerVersion", json!({"LayerName": "bad name", "Content": {"ZipFile": wire::bytes(&zip)}})).code, "ValidationException");
}

#[test]
fn functions_take_at_most_five_existing_layers() {
    let mut fx = Fx::new();
    let zip = make_zip(&[("python/x.py", b"")]);
    for _ in 0..6 {
        fx.ok("PublishLayerVersion", json!({"LayerName": "l", "Content": {"ZipFile": wire::bytes(&zip)}}));
    }
    let arns: Vec<String> = (1..=6).map(|n| format!("arn:aws:lambda:us-east-1:123456789012:layer:l:{n}")).collect();
    fx.create("f", json!({}));
    let e = fx.err("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Layers": arns}));
    assert_eq!(e.message, "Cannot reference more than 5 layers.");
    let v = fx.ok("UpdateFunctionConfiguration", json!({"FunctionName": "f", "Layers": &arns[..2]}));
    assert_eq!(v["Layers"][1], json!({"Arn": arns[1], "CodeSize": zip.len()}));
}
