//! Buckets: creation and its regions, names, deletion, listing, HEAD.

use super::*;

#[test]
fn create_bucket_returns_location_and_repeat_is_ok_in_us_east_1() {
    let mut h = H::new();
    assert_eq!(h.ok("CreateBucket", json!({"Bucket": "photos"})), json!({"Location": "/photos"}));
    // us-east-1's legacy behaviour (documented by AWS, and moto's): 200 again, not an error.
    assert_eq!(h.ok("CreateBucket", json!({"Bucket": "photos"})), json!({"Location": "/photos"}));
}

#[test]
fn create_bucket_in_another_region_then_again_is_already_owned() {
    let mut h = H::new();
    let p = json!({"Bucket": "eu-data", "CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}});
    assert_eq!(h.ok("CreateBucket", p.clone())["Location"], "http://eu-data.s3.amazonaws.com/");
    let e = h.err("CreateBucket", p);
    assert_error(&e, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409);
    assert_eq!(h.ok("GetBucketLocation", json!({"Bucket": "eu-data"})), json!({"LocationConstraint": "eu-west-1"}));
}

#[test]
fn create_bucket_with_us_east_1_constraint_is_invalid() {
    let mut h = H::new();
    let e = h.err("CreateBucket", json!({"Bucket": "abc", "CreateBucketConfiguration": {"LocationConstraint": "us-east-1"}}));
    assert_error(&e, "InvalidLocationConstraint", "The specified location-constraint is not valid", 400);
}

#[test]
fn bucket_names_follow_aws_rules_not_moto() {
    let mut h = H::new();
    for bad in [
        "ab",
        &"a".repeat(64),
        "Bad_Name",
        "UPPER",
        "-start",
        "end-",
        ".dot",
        "two..dots",
        "192.168.5.4",
        "xn--punycode",
        "sthree-x",
        "amzn-s3-demo-bucket",
        "name-s3alias",
        "name--ol-s3",
        "space name",
        "emoji😀",
    ] {
        let e = h.err("CreateBucket", json!({"Bucket": bad}));
        assert_error(&e, "InvalidBucketName", "The specified bucket is not valid.", 400);
        assert_eq!(e.response()["Error"]["BucketName"], bad);
    }
    for good in ["abc", &"a".repeat(63), "my.bucket-1", "1-2-3", "192.168.5.a"] {
        h.ok("CreateBucket", json!({"Bucket": good}));
    }
}

#[test]
fn delete_bucket_missing_not_empty_and_empty() {
    let mut h = H::with_bucket("box");
    let e = h.err("DeleteBucket", json!({"Bucket": "nope"}));
    assert_error(&e, "NoSuchBucket", "The specified bucket does not exist", 404);
    assert_eq!(e.response()["Error"]["BucketName"], "nope");
    h.put("box", "a", "x");
    let e = h.err("DeleteBucket", json!({"Bucket": "box"}));
    assert_error(&e, "BucketNotEmpty", "The bucket you tried to delete is not empty", 409);
    assert_eq!(e.response()["Error"]["BucketName"], "box");
    h.ok("DeleteObject", json!({"Bucket": "box", "Key": "a"}));
    let r = h.ok("DeleteBucket", json!({"Bucket": "box"}));
    assert_eq!(r["ResponseMetadata"]["HTTPStatusCode"], 204);
    assert_error(&h.err("HeadBucket", json!({"Bucket": "box"})), "404", "Not Found", 404);
}

#[test]
fn list_buckets_alphabetical_with_owner() {
    let mut h = H::new();
    for b in ["zeta", "alpha", "mid"] {
        h.ok("CreateBucket", json!({"Bucket": b}));
    }
    let r = h.ok("ListBuckets", json!({}));
    let names: Vec<_> = r["Buckets"].as_array().unwrap().iter().map(|b| b["Name"].as_str().unwrap()).collect();
    assert_eq!(names, ["alpha", "mid", "zeta"]);
    assert_eq!(r["Buckets"][0], json!({"Name": "alpha", "CreationDate": {"$timestamp": 1_768_478_400_000_i64}}));
    assert_eq!(r["Owner"]["ID"], OWNER_ID);
    assert!(r.get("ContinuationToken").is_none());
}

#[test]
fn list_buckets_prefix_and_pages() {
    let mut h = H::new();
    for b in ["log-a", "log-b", "log-c", "other"] {
        h.ok("CreateBucket", json!({"Bucket": b}));
    }
    let r = h.ok("ListBuckets", json!({"Prefix": "log-", "MaxBuckets": 2}));
    assert_eq!(r["Buckets"].as_array().unwrap().len(), 2);
    assert_eq!(r["Buckets"][0]["BucketRegion"], "us-east-1");
    assert_eq!(r["Prefix"], "log-");
    let token = r["ContinuationToken"].as_str().unwrap().to_owned();
    let r = h.ok("ListBuckets", json!({"Prefix": "log-", "MaxBuckets": 2, "ContinuationToken": token}));
    assert_eq!(r["Buckets"], json!([{"Name": "log-c", "CreationDate": {"$timestamp": 1_768_478_400_000_i64}, "BucketRegion": "us-east-1"}]));
    assert!(r.get("ContinuationToken").is_none());
    let e = h.err("ListBuckets", json!({"ContinuationToken": "garbage"}));
    assert_error(&e, "InvalidArgument", "The continuation token provided is incorrect", 400);
}

#[test]
fn head_bucket_found_and_not_found() {
    let mut h = H::with_bucket("here");
    assert_eq!(h.ok("HeadBucket", json!({"Bucket": "here"})), json!({"BucketRegion": "us-east-1", "AccessPointAlias": false}));
    let e = h.err("HeadBucket", json!({"Bucket": "gone"}));
    assert_error(&e, "404", "Not Found", 404);
    assert_eq!(e.response()["Error"], json!({"Code": "404", "Message": "Not Found"}));
    assert_eq!(h.ok("GetBucketLocation", json!({"Bucket": "here"})), json!({"LocationConstraint": null}));
}
