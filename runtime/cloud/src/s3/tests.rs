use base64::Engine;
use serde_json::{Value, json};

use super::notify::url_encode;
use super::*;
use crate::env::{Effect, Ids};

const T0: i64 = 1_768_478_400_123; // 2026-01-15T12:00:00.123Z

struct H {
    s3: S3,
    ids: Ids,
    now: i64,
    effects: Vec<Effect>,
}

impl H {
    fn new() -> H {
        H { s3: S3::default(), ids: Ids::new(1), now: T0, effects: Vec::new() }
    }

    fn with_bucket(name: &str) -> H {
        let mut h = H::new();
        h.ok("CreateBucket", json!({"Bucket": name}));
        h
    }

    fn call(&mut self, op: &str, params: Value) -> Result<Value, AwsError> {
        let mut env = Env::new(self.now, &mut self.ids);
        let r = self.s3.call(op, Params(&params), &mut env);
        self.effects.extend(env.effects);
        r
    }

    fn ok(&mut self, op: &str, params: Value) -> Value {
        self.call(op, params).unwrap_or_else(|e| panic!("{op} failed: {e}"))
    }

    fn err(&mut self, op: &str, params: Value) -> AwsError {
        self.call(op, params).expect_err("expected an error")
    }

    fn put(&mut self, bucket: &str, key: &str, body: &str) -> Value {
        self.ok("PutObject", json!({"Bucket": bucket, "Key": key, "Body": body}))
    }

    fn records(&mut self) -> Vec<(String, Value)> {
        std::mem::take(&mut self.effects)
            .into_iter()
            .map(|e| match e {
                Effect::S3Notification { target_arn, record } => (target_arn, record),
                other => panic!("unexpected effect {other:?}"),
            })
            .collect()
    }

    fn keys(&mut self, params: Value) -> (Vec<String>, Vec<String>, Value) {
        let r = self.ok("ListObjectsV2", params);
        let keys = r.get("Contents").map_or(vec![], |c| c.as_array().unwrap().iter().map(|o| o["Key"].as_str().unwrap().to_owned()).collect());
        let cps = r.get("CommonPrefixes").map_or(vec![], |c| c.as_array().unwrap().iter().map(|o| o["Prefix"].as_str().unwrap().to_owned()).collect());
        (keys, cps, r)
    }
}

fn assert_error(e: &AwsError, code: &str, message: &str, status: u16) {
    assert_eq!((e.code.as_str(), e.message.as_str(), e.status), (code, message, status), "{e:?}");
}

const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:thumbs";
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:uploads";
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:uploads";

// ---- buckets ----

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

// ---- objects ----

#[test]
fn crc32_checksums_are_zlibs() {
    // The CRC-32 check value, and boto3's `ChecksumCRC32` of b"hello" and of nothing.
    assert_eq!(crc32_base64(b"123456789"), base64::engine::general_purpose::STANDARD.encode(0xCBF4_3926u32.to_be_bytes()));
    assert_eq!(crc32_base64(b"hello"), "NhCmhg==");
    assert_eq!(crc32_base64(b""), "AAAAAA==");
    let mut h = H::with_bucket("b00");
    h.put("b00", "k", "hello");
    assert_eq!(h.ok("GetObject", json!({"Bucket": "b00", "Key": "k", "ChecksumMode": "ENABLED"}))["ChecksumCRC32"], "NhCmhg==");
    assert!(h.ok("GetObject", json!({"Bucket": "b00", "Key": "k"})).get("ChecksumCRC32").is_none(), "only when asked");
    let ranged = h.ok("GetObject", json!({"Bucket": "b00", "Key": "k", "ChecksumMode": "ENABLED", "Range": "bytes=0-1"}));
    assert!(ranged.get("ChecksumCRC32").is_none(), "no full-object checksum for a range");
    assert_eq!(h.keys(json!({"Bucket": "b00"})).2["Contents"][0]["ChecksumAlgorithm"], json!(["CRC32"]));
}

#[test]
fn put_object_returns_quoted_md5_etag_and_no_version_id() {
    let mut h = H::with_bucket("b00");
    let r = h.ok("PutObject", json!({"Bucket": "b00", "Key": "hello.txt", "Body": {"$bytes": "aGVsbG8="}}));
    assert_eq!(r, json!({"ETag": "\"5d41402abc4b2a76b9719d911017c592\"", "ChecksumCRC32": "NhCmhg==", "ServerSideEncryption": "AES256"}));
    // An empty body is allowed (and absent Body means empty).
    let r = h.ok("PutObject", json!({"Bucket": "b00", "Key": "empty"}));
    assert_eq!(r["ETag"], "\"d41d8cd98f00b204e9800998ecf8427e\"");
}

#[test]
fn put_object_errors() {
    let mut h = H::with_bucket("b00");
    let e = h.err("PutObject", json!({"Bucket": "nob", "Key": "k", "Body": "x"}));
    assert_error(&e, "NoSuchBucket", "The specified bucket does not exist", 404);
    assert_eq!(e.response()["Error"]["BucketName"], "nob");
    let e = h.err("PutObject", json!({"Bucket": "b00", "Key": "k".repeat(1025), "Body": "x"}));
    assert_error(&e, "KeyTooLongError", "Your key is too long", 400);
    let e = h.err("PutObject", json!({"Bucket": "b00", "Key": "k", "Body": "x", "StorageClass": "CHEAP"}));
    assert_error(&e, "InvalidStorageClass", "The storage class you specified is not valid", 400);
}

#[test]
fn get_object_returns_body_and_headers() {
    let mut h = H::with_bucket("b00");
    h.ok(
        "PutObject",
        json!({"Bucket": "b00", "Key": "doc.json", "Body": "{\"a\": 1}", "ContentType": "application/json", "Metadata": {"Author": "Ada", "x-Id": "7"}, "CacheControl": "no-cache"}),
    );
    let r = h.ok("GetObject", json!({"Bucket": "b00", "Key": "doc.json"}));
    assert_eq!(
        r,
        json!({
            "Body": {"$bytes": "eyJhIjogMX0="},
            "AcceptRanges": "bytes",
            "LastModified": {"$timestamp": 1_768_478_400_000_i64},
            "ContentLength": 8,
            "ETag": format!("\"{}\"", md5_hex(b"{\"a\": 1}")),
            "ContentType": "application/json",
            "Metadata": {"author": "Ada", "x-id": "7"},
            "ServerSideEncryption": "AES256",
            "CacheControl": "no-cache",
        })
    );
    assert!(r.get("VersionId").is_none());
}

#[test]
fn get_object_defaults_content_type_and_allows_response_overrides() {
    let mut h = H::with_bucket("b00");
    h.put("b00", "raw", "data");
    let r = h.ok("GetObject", json!({"Bucket": "b00", "Key": "raw"}));
    assert_eq!(r["ContentType"], "binary/octet-stream");
    assert_eq!(r["Metadata"], json!({}));
    let r = h.ok("GetObject", json!({"Bucket": "b00", "Key": "raw", "ResponseContentType": "text/plain", "ResponseContentDisposition": "attachment"}));
    assert_eq!(r["ContentType"], "text/plain");
    assert_eq!(r["ContentDisposition"], "attachment");
}

#[test]
fn get_object_missing_key_and_bucket() {
    let mut h = H::with_bucket("b00");
    let e = h.err("GetObject", json!({"Bucket": "b00", "Key": "nope.txt"}));
    assert_error(&e, "NoSuchKey", "The specified key does not exist.", 404);
    assert_eq!(e.response()["Error"], json!({"Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": "nope.txt"}));
    let e = h.err("GetObject", json!({"Bucket": "nob", "Key": "k"}));
    assert_eq!(e.response()["Error"], json!({"Code": "NoSuchBucket", "Message": "The specified bucket does not exist", "BucketName": "nob"}));
}

#[test]
fn get_object_ranges() {
    let mut h = H::with_bucket("b00");
    h.put("b00", "abc", "hello");
    let get = |h: &mut H, range: &str| h.call("GetObject", json!({"Bucket": "b00", "Key": "abc", "Range": range}));
    let r = get(&mut h, "bytes=1-2").unwrap();
    assert_eq!(r["Body"], wire::bytes(b"el"));
    assert_eq!((r["ContentLength"].clone(), r["ContentRange"].clone()), (json!(2), json!("bytes 1-2/5")));
    assert_eq!(r["ResponseMetadata"]["HTTPStatusCode"], 206);
    let r = get(&mut h, "bytes=3-").unwrap();
    assert_eq!((r["Body"].clone(), r["ContentRange"].clone()), (wire::bytes(b"lo"), json!("bytes 3-4/5")));
    let r = get(&mut h, "bytes=-2").unwrap();
    assert_eq!((r["Body"].clone(), r["ContentRange"].clone()), (wire::bytes(b"lo"), json!("bytes 3-4/5")));
    let r = get(&mut h, "bytes=2-100").unwrap();
    assert_eq!((r["Body"].clone(), r["ContentRange"].clone()), (wire::bytes(b"llo"), json!("bytes 2-4/5")));
    let r = get(&mut h, "bytes=-10").unwrap();
    assert_eq!(r["ContentRange"], "bytes 0-4/5");
    // Unusable syntax: the whole object, 200.
    for spec in ["bytes=4-1", "lines=1-2", "bytes=0-1,3-4", "bytes=x-y"] {
        let r = get(&mut h, spec).unwrap();
        assert_eq!(r["Body"], wire::bytes(b"hello"), "{spec}");
        assert!(r.get("ContentRange").is_none() && r.get("ResponseMetadata").is_none(), "{spec}");
    }
    let e = get(&mut h, "bytes=10-20").unwrap_err();
    assert_error(&e, "InvalidRange", "The requested range is not satisfiable", 416);
    assert_eq!(e.response()["Error"]["ActualObjectSize"], "5");
    assert_eq!(e.response()["Error"]["RangeRequested"], "bytes=10-20");
    let e = h.err("HeadObject", json!({"Bucket": "b00", "Key": "abc", "Range": "bytes=9-"}));
    assert_error(&e, "416", "Requested Range Not Satisfiable", 416);
}

#[test]
fn head_object_has_no_body_and_bare_404s() {
    let mut h = H::with_bucket("b00");
    h.ok("PutObject", json!({"Bucket": "b00", "Key": "k", "Body": "12345", "Metadata": {"A": "1"}}));
    let r = h.ok("HeadObject", json!({"Bucket": "b00", "Key": "k"}));
    assert!(r.get("Body").is_none());
    assert_eq!(r["ContentLength"], 5);
    assert_eq!(r["Metadata"], json!({"a": "1"}));
    assert_eq!(r["AcceptRanges"], "bytes");
    // HEAD answers have no body: botocore only sees the status, for a missing key AND bucket.
    assert_error(&h.err("HeadObject", json!({"Bucket": "b00", "Key": "x"})), "404", "Not Found", 404);
    assert_error(&h.err("HeadObject", json!({"Bucket": "nob", "Key": "x"})), "404", "Not Found", 404);
}

#[test]
fn conditional_gets() {
    let mut h = H::with_bucket("b00");
    let etag = h.put("b00", "k", "v")["ETag"].as_str().unwrap().to_owned();
    h.ok("GetObject", json!({"Bucket": "b00", "Key": "k", "IfMatch": etag}));
    let e = h.err("GetObject", json!({"Bucket": "b00", "Key": "k", "IfMatch": "\"other\""}));
    assert_error(&e, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412);
    assert_eq!(e.response()["Error"]["Condition"], "If-Match");
    assert_error(&h.err("HeadObject", json!({"Bucket": "b00", "Key": "k", "IfMatch": "x"})), "412", "Precondition Failed", 412);
    assert_error(&h.err("GetObject", json!({"Bucket": "b00", "Key": "k", "IfNoneMatch": etag})), "304", "Not Modified", 304);
}

#[test]
fn glacier_objects_cannot_be_read() {
    let mut h = H::with_bucket("b00");
    h.ok("PutObject", json!({"Bucket": "b00", "Key": "cold", "Body": "x", "StorageClass": "GLACIER"}));
    let e = h.err("GetObject", json!({"Bucket": "b00", "Key": "cold"}));
    assert_error(&e, "InvalidObjectState", "The operation is not valid for the object's storage class", 403);
    assert_eq!(h.ok("HeadObject", json!({"Bucket": "b00", "Key": "cold"}))["StorageClass"], "GLACIER");
}

#[test]
fn overwrite_replaces_object() {
    let mut h = H::with_bucket("b00");
    h.ok("PutObject", json!({"Bucket": "b00", "Key": "k", "Body": "one", "Metadata": {"v": "1"}}));
    h.now += 5_000;
    h.ok("PutObject", json!({"Bucket": "b00", "Key": "k", "Body": "three"}));
    let r = h.ok("GetObject", json!({"Bucket": "b00", "Key": "k"}));
    assert_eq!(r["Body"], wire::bytes(b"three"));
    assert_eq!(r["Metadata"], json!({}));
    assert_eq!(r["LastModified"], json!({"$timestamp": 1_768_478_405_000_i64}));
}

#[test]
fn delete_object_is_204_even_when_missing() {
    let mut h = H::with_bucket("b00");
    h.put("b00", "k", "v");
    let r = h.ok("DeleteObject", json!({"Bucket": "b00", "Key": "k"}));
    assert_eq!(r, json!({"ResponseMetadata": {"HTTPStatusCode": 204}}));
    assert_eq!(h.ok("DeleteObject", json!({"Bucket": "b00", "Key": "k"})), json!({"ResponseMetadata": {"HTTPStatusCode": 204}}));
    let e = h.err("DeleteObject", json!({"Bucket": "nob", "Key": "k"}));
    assert_error(&e, "NoSuchBucket", "The specified bucket does not exist", 404);
}

#[test]
fn delete_objects_reports_deleted_including_missing_and_quiet() {
    let mut h = H::with_bucket("b00");
    h.put("b00", "a", "1");
    h.put("b00", "b", "2");
    let r = h.ok("DeleteObjects", json!({"Bucket": "b00", "Delete": {"Objects": [{"Key": "a"}, {"Key": "ghost"}]}}));
    assert_eq!(r, json!({"Deleted": [{"Key": "a"}, {"Key": "ghost"}]}));
    let r = h.ok("DeleteObjects", json!({"Bucket": "b00", "Delete": {"Objects": [{"Key": "b"}], "Quiet": true}}));
    assert_eq!(r, json!({}));
    assert!(h.keys(json!({"Bucket": "b00"})).0.is_empty());
    let malformed = "The XML you provided was not well-formed or did not validate against our published schema";
    assert_error(&h.err("DeleteObjects", json!({"Bucket": "b00", "Delete": {"Objects": []}})), "MalformedXML", malformed, 400);
    let many: Vec<Value> = (0..1001).map(|i| json!({"Key": format!("k{i}")})).collect();
    assert_error(&h.err("DeleteObjects", json!({"Bucket": "b00", "Delete": {"Objects": many}})), "MalformedXML", malformed, 400);
    let e = h.err("DeleteObjects", json!({"Bucket": "nob", "Delete": {"Objects": [{"Key": "a"}]}}));
    assert_eq!(e.code, "NoSuchBucket");
}

#[test]
fn copy_object_with_string_and_dict_sources() {
    let mut h = H::with_bucket("src");
    h.ok("CreateBucket", json!({"Bucket": "dst"}));
    h.ok("PutObject", json!({"Bucket": "src", "Key": "dir/a b.txt", "Body": "hi", "ContentType": "text/plain", "Metadata": {"K": "v"}}));
    h.now += 2_000;
    let r = h.ok("CopyObject", json!({"Bucket": "dst", "Key": "copy1", "CopySource": "src/dir/a b.txt"}));
    assert_eq!(
        r,
        json!({"CopyObjectResult": {"ETag": format!("\"{}\"", md5_hex(b"hi")), "LastModified": {"$timestamp": 1_768_478_402_000_i64}, "ChecksumCRC32": crc32_base64(b"hi")}, "ServerSideEncryption": "AES256"})
    );
    h.ok("CopyObject", json!({"Bucket": "dst", "Key": "copy2", "CopySource": {"Bucket": "src", "Key": "dir/a b.txt"}}));
    h.ok("CopyObject", json!({"Bucket": "dst", "Key": "copy3", "CopySource": "/src/dir/a b.txt?versionId=null"}));
    for k in ["copy1", "copy2", "copy3"] {
        let g = h.ok("GetObject", json!({"Bucket": "dst", "Key": k}));
        assert_eq!((g["Body"].clone(), g["ContentType"].clone(), g["Metadata"].clone()), (wire::bytes(b"hi"), json!("text/plain"), json!({"k": "v"})), "{k}");
    }
}

#[test]
fn copy_object_replace_directive() {
    let mut h = H::with_bucket("src");
    h.ok("PutObject", json!({"Bucket": "src", "Key": "a", "Body": "hi", "ContentType": "text/plain", "Metadata": {"old": "1"}}));
    // COPY (the default) ignores the new metadata.
    h.ok("CopyObject", json!({"Bucket": "src", "Key": "b", "CopySource": "src/a", "Metadata": {"new": "2"}}));
    assert_eq!(h.ok("HeadObject", json!({"Bucket": "src", "Key": "b"}))["Metadata"], json!({"old": "1"}));
    h.ok("CopyObject", json!({"Bucket": "src", "Key": "c", "CopySource": "src/a", "Metadata": {"New": "2"}, "MetadataDirective": "REPLACE"}));
    let r = h.ok("HeadObject", json!({"Bucket": "src", "Key": "c"}));
    assert_eq!((r["Metadata"].clone(), r["ContentType"].clone()), (json!({"new": "2"}), json!("binary/octet-stream")));
    let e = h.err("CopyObject", json!({"Bucket": "src", "Key": "c", "CopySource": "src/a", "MetadataDirective": "MERGE"}));
    assert_error(&e, "InvalidArgument", "Unknown metadata directive.", 400);
}

#[test]
fn copy_object_onto_itself_needs_a_change() {
    let mut h = H::with_bucket("src");
    h.put("src", "a", "hi");
    let e = h.err("CopyObject", json!({"Bucket": "src", "Key": "a", "CopySource": "src/a"}));
    assert_error(
        &e,
        "InvalidRequest",
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
        400,
    );
    h.ok("CopyObject", json!({"Bucket": "src", "Key": "a", "CopySource": "src/a", "MetadataDirective": "REPLACE", "Metadata": {"x": "y"}}));
    assert_eq!(h.ok("HeadObject", json!({"Bucket": "src", "Key": "a"}))["Metadata"], json!({"x": "y"}));
}

#[test]
fn copy_object_missing_source_or_destination() {
    let mut h = H::with_bucket("src");
    h.put("src", "a", "hi");
    let e = h.err("CopyObject", json!({"Bucket": "src", "Key": "b", "CopySource": "src/missing"}));
    assert_eq!(e.response()["Error"], json!({"Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": "missing"}));
    let e = h.err("CopyObject", json!({"Bucket": "src", "Key": "b", "CopySource": "nob/a"}));
    assert_eq!(e.response()["Error"]["BucketName"], "nob");
    let e = h.err("CopyObject", json!({"Bucket": "nob2", "Key": "b", "CopySource": "src/a"}));
    assert_eq!(e.response()["Error"]["BucketName"], "nob2");
}

// ---- listings ----

fn listing_bucket() -> H {
    let mut h = H::with_bucket("lst");
    for k in ["a.txt", "a/1", "a/2", "a/b/3", "b/1", "c", "d/"] {
        h.put("lst", k, "x");
    }
    h
}

#[test]
fn list_v2_empty_has_no_contents_key() {
    let mut h = H::with_bucket("lst");
    let r = h.ok("ListObjectsV2", json!({"Bucket": "lst"}));
    assert_eq!(r, json!({"IsTruncated": false, "Name": "lst", "Prefix": "", "MaxKeys": 1000, "KeyCount": 0}));
    let e = h.err("ListObjectsV2", json!({"Bucket": "nob"}));
    assert_eq!(e.response()["Error"], json!({"Code": "NoSuchBucket", "Message": "The specified bucket does not exist", "BucketName": "nob"}));
}

#[test]
fn list_v2_contents_shape() {
    let mut h = H::with_bucket("lst");
    h.put("lst", "k", "abc");
    let r = h.ok("ListObjectsV2", json!({"Bucket": "lst"}));
    assert_eq!(
        r["Contents"],
        json!([{"Key": "k", "LastModified": {"$timestamp": 1_768_478_400_000_i64}, "ETag": format!("\"{}\"", md5_hex(b"abc")), "Size": 3, "StorageClass": "STANDARD", "ChecksumAlgorithm": ["CRC32"]}])
    );
    assert_eq!(r["KeyCount"], 1);
    let r = h.ok("ListObjectsV2", json!({"Bucket": "lst", "FetchOwner": true}));
    assert_eq!(r["Contents"][0]["Owner"], json!({"ID": OWNER_ID}));
}

#[test]
fn list_v2_delimiter_at_root_and_under_prefix() {
    let mut h = listing_bucket();
    let (keys, cps, r) = h.keys(json!({"Bucket": "lst", "Delimiter": "/"}));
    assert_eq!(keys, ["a.txt", "c"]);
    assert_eq!(cps, ["a/", "b/", "d/"]);
    assert_eq!((r["KeyCount"].clone(), r["Delimiter"].clone()), (json!(5), json!("/")));
    let (keys, cps, r) = h.keys(json!({"Bucket": "lst", "Delimiter": "/", "Prefix": "a/"}));
    assert_eq!(keys, ["a/1", "a/2"]);
    assert_eq!(cps, ["a/b/"]);
    assert_eq!(r["Prefix"], "a/");
    // A "folder" marker key equal to the prefix is listed as a key.
    let (keys, cps, _) = h.keys(json!({"Bucket": "lst", "Delimiter": "/", "Prefix": "d/"}));
    assert_eq!((keys, cps), (vec!["d/".to_owned()], vec![]));
    // Prefix without delimiter: everything under it, flat.
    assert_eq!(h.keys(json!({"Bucket": "lst", "Prefix": "a"})).0, ["a.txt", "a/1", "a/2", "a/b/3"]);
    // Prefix that is not a "folder" still groups by delimiter.
    let (keys, cps, _) = h.keys(json!({"Bucket": "lst", "Prefix": "a", "Delimiter": "/"}));
    assert_eq!((keys, cps), (vec!["a.txt".to_owned()], vec!["a/".to_owned()]));
    // Multi-character delimiter.
    let (keys, cps, _) = h.keys(json!({"Bucket": "lst", "Delimiter": "/b/"}));
    assert_eq!(cps, ["a/b/"]);
    assert_eq!(keys, ["a.txt", "a/1", "a/2", "b/1", "c", "d/"]);
}

#[test]
fn list_v2_pagination_visits_every_entry_once_for_every_page_size() {
    let mut h = listing_bucket();
    for delimiter in [None, Some("/")] {
        let mut all = json!({"Bucket": "lst"});
        if let Some(d) = delimiter {
            all["Delimiter"] = json!(d);
        }
        let (k, c, _) = h.keys(all.clone());
        let mut expected: Vec<String> = k.into_iter().chain(c).collect();
        expected.sort();
        for max in 1..=8 {
            let mut seen = Vec::new();
            let mut params = all.clone();
            params["MaxKeys"] = json!(max);
            let mut pages = 0;
            loop {
                let (k, c, r) = h.keys(params.clone());
                assert!(k.len() + c.len() <= max);
                assert_eq!(r["KeyCount"], k.len() + c.len());
                assert_eq!(r["MaxKeys"], max);
                seen.extend(k);
                seen.extend(c);
                pages += 1;
                if r["IsTruncated"] == json!(false) {
                    assert!(r.get("NextContinuationToken").is_none());
                    break;
                }
                params["ContinuationToken"] = r["NextContinuationToken"].clone();
            }
            seen.sort();
            assert_eq!(seen, expected, "delimiter {delimiter:?} max {max}");
            assert_eq!(pages, expected.len().div_ceil(max), "delimiter {delimiter:?} max {max}");
        }
    }
}

#[test]
fn list_v2_continuation_echoes_and_truncation_flags() {
    let mut h = listing_bucket();
    let r = h.ok("ListObjectsV2", json!({"Bucket": "lst", "MaxKeys": 2, "Delimiter": "/"}));
    assert_eq!(r["IsTruncated"], true);
    assert_eq!(r["Contents"][0]["Key"], "a.txt");
    assert_eq!(r["CommonPrefixes"], json!([{"Prefix": "a/"}]));
    let token = r["NextContinuationToken"].clone();
    let r = h.ok("ListObjectsV2", json!({"Bucket": "lst", "MaxKeys": 2, "Delimiter": "/", "ContinuationToken": token}));
    assert_eq!(r["ContinuationToken"], token);
    assert_eq!(r["CommonPrefixes"], json!([{"Prefix": "b/"}]));
    assert_eq!(r["Contents"][0]["Key"], "c");
    // Exactly MaxKeys entries left: not truncated.
    let r = h.ok("ListObjectsV2", json!({"Bucket": "lst", "MaxKeys": 7}));
    assert_eq!(r["IsTruncated"], false);
    let r = h.ok("ListObjectsV2", json!({"Bucket": "lst", "MaxKeys": 0}));
    assert_eq!((r["IsTruncated"].clone(), r["KeyCount"].clone(), r.get("Contents")), (json!(false), json!(0), None));
    let e = h.err("ListObjectsV2", json!({"Bucket": "lst", "ContinuationToken": "not-a-token"}));
    assert_error(&e, "InvalidArgument", "The continuation token provided is incorrect", 400);
    let e = h.err("ListObjectsV2", json!({"Bucket": "lst", "MaxKeys": -1}));
    assert_error(&e, "InvalidArgument", "Argument maxKeys must be an integer between 0 and 2147483647", 400);
}

#[test]
fn list_v2_start_after() {
    let mut h = listing_bucket();
    let (keys, _, r) = h.keys(json!({"Bucket": "lst", "StartAfter": "a/2"}));
    assert_eq!(keys, ["a/b/3", "b/1", "c", "d/"]);
    assert_eq!(r["StartAfter"], "a/2");
    // StartAfter on a common prefix skips everything under it.
    let (keys, cps, _) = h.keys(json!({"Bucket": "lst", "StartAfter": "a/", "Delimiter": "/"}));
    assert_eq!((keys, cps), (vec!["c".to_owned()], vec!["b/".to_owned(), "d/".to_owned()]));
    // StartAfter before the prefix changes nothing.
    assert_eq!(h.keys(json!({"Bucket": "lst", "StartAfter": "0", "Prefix": "b"})).0, ["b/1"]);
}

#[test]
fn list_v2_sorts_in_utf8_binary_order() {
    let mut h = H::with_bucket("lst");
    for k in ["é", "z", "Z", "a", "中", "a b", "a+b", "10", "9", "~"] {
        h.put("lst", k, "x");
    }
    assert_eq!(h.keys(json!({"Bucket": "lst"})).0, ["10", "9", "Z", "a", "a b", "a+b", "z", "~", "é", "中"]);
}

#[test]
fn list_v2_encoding_type_url() {
    let mut h = H::with_bucket("lst");
    h.put("lst", "dir one/é+x.txt", "x");
    let r = h.ok("ListObjectsV2", json!({"Bucket": "lst", "EncodingType": "url", "Prefix": "dir one/"}));
    assert_eq!(r["Contents"][0]["Key"], "dir+one/%C3%A9%2Bx.txt");
    assert_eq!(r["Prefix"], "dir+one/");
    assert_eq!(r["EncodingType"], "url");
    let e = h.err("ListObjectsV2", json!({"Bucket": "lst", "EncodingType": "base64"}));
    assert_error(&e, "InvalidArgument", "Invalid Encoding Method specified in Request", 400);
}

#[test]
fn list_v1_marker_and_next_marker() {
    let mut h = listing_bucket();
    let r = h.ok("ListObjects", json!({"Bucket": "lst", "MaxKeys": 2}));
    assert_eq!(r["IsTruncated"], true);
    assert_eq!(r["Marker"], "");
    // AWS gives NextMarker only with a delimiter; the last key is the marker otherwise.
    assert!(r.get("NextMarker").is_none());
    assert_eq!(r["Contents"][1]["Key"], "a/1");
    assert_eq!(r["Contents"][0]["Owner"], json!({"ID": OWNER_ID}));
    assert!(r.get("KeyCount").is_none());
    let r = h.ok("ListObjects", json!({"Bucket": "lst", "Marker": "a/1"}));
    let keys: Vec<_> = r["Contents"].as_array().unwrap().iter().map(|o| o["Key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["a/2", "a/b/3", "b/1", "c", "d/"]);
    assert_eq!(r["Marker"], "a/1");
    let r = h.ok("ListObjects", json!({"Bucket": "lst", "MaxKeys": 2, "Delimiter": "/"}));
    assert_eq!(r["NextMarker"], "a/");
    let r = h.ok("ListObjects", json!({"Bucket": "lst", "MaxKeys": 2, "Delimiter": "/", "Marker": "a/"}));
    assert_eq!(r["CommonPrefixes"], json!([{"Prefix": "b/"}]));
    assert_eq!(r["Contents"][0]["Key"], "c");
    assert_eq!(r["NextMarker"], "c");
    let r = h.ok("ListObjects", json!({"Bucket": "lst", "Prefix": "zz"}));
    assert_eq!(r, json!({"IsTruncated": false, "Marker": "", "Name": "lst", "Prefix": "zz", "MaxKeys": 1000}));
}

// ---- notifications ----

fn notify_bucket(config: Value) -> H {
    let mut h = H::with_bucket("inbox");
    h.ok("PutBucketNotificationConfiguration", json!({"Bucket": "inbox", "NotificationConfiguration": config}));
    h
}

#[test]
fn notification_configuration_round_trip() {
    let mut h = H::with_bucket("inbox");
    assert_eq!(h.ok("GetBucketNotificationConfiguration", json!({"Bucket": "inbox"})), json!({}));
    let config = json!({
        "LambdaFunctionConfigurations": [{"Id": "thumbs", "LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}, {"Name": "Suffix", "Value": ".jpg"}]}}}],
        "QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectRemoved:*"]}],
    });
    assert_eq!(h.ok("PutBucketNotificationConfiguration", json!({"Bucket": "inbox", "NotificationConfiguration": config})), json!({}));
    let got = h.ok("GetBucketNotificationConfiguration", json!({"Bucket": "inbox"}));
    assert_eq!(
        got["LambdaFunctionConfigurations"],
        json!([{"Id": "thumbs", "LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "Prefix", "Value": "images/"}, {"Name": "Suffix", "Value": ".jpg"}]}}}])
    );
    let generated = got["QueueConfigurations"][0]["Id"].as_str().unwrap();
    let decoded = base64::engine::general_purpose::STANDARD.decode(generated).unwrap();
    assert_eq!(decoded.len(), 36, "a generated Id is base64 of a UUID");
    assert!(got.get("TopicConfigurations").is_none());
    // An empty configuration turns notifications off.
    h.ok("PutBucketNotificationConfiguration", json!({"Bucket": "inbox", "NotificationConfiguration": {}}));
    assert_eq!(h.ok("GetBucketNotificationConfiguration", json!({"Bucket": "inbox"})), json!({}));
    let e = h.err("GetBucketNotificationConfiguration", json!({"Bucket": "nob"}));
    assert_eq!(e.code, "NoSuchBucket");
}

#[test]
fn notification_configuration_validation() {
    let mut h = H::with_bucket("inbox");
    let mut put = |config: Value| h.err("PutBucketNotificationConfiguration", json!({"Bucket": "inbox", "NotificationConfiguration": config}));
    let e = put(json!({"QueueConfigurations": [{"QueueArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}]}));
    assert_error(&e, "InvalidArgument", "The ARN is not well formed", 400);
    let e = put(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": "thumbs", "Events": ["s3:ObjectCreated:*"]}]}));
    assert_error(&e, "InvalidArgument", "The ARN is not well formed", 400);
    let e = put(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated"]}]}));
    assert_error(&e, "InvalidArgument", "The event is not supported for notifications", 400);
    let e = put(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": "regex", "Value": ".*"}]}}}]}));
    assert_error(&e, "InvalidArgument", "filter rule name must be either prefix or suffix", 400);
    assert_eq!(e.response()["Error"]["ArgumentName"], "FilterRule.Name");
    let e = put(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "a"}, {"Name": "Prefix", "Value": "b"}]}}}]}));
    assert_error(&e, "InvalidArgument", "Cannot specify more than one prefix rule in a filter.", 400);
    let overlap = "Configurations overlap. Configurations on the same bucket cannot share a common event type.";
    let e = put(json!({
        "LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}],
        "QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectCreated:Put"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "x/"}]}}}],
    }));
    assert_error(&e, "InvalidArgument", overlap, 400);
    let e = put(json!({"LambdaFunctionConfigurations": [
        {"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:Put"], "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".jpg"}]}}},
        {"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:Put"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "img/"}]}}},
    ]}));
    assert_error(&e, "InvalidArgument", overlap, 400);
    // Non-overlapping: different prefixes, or different event families.
    h.ok(
        "PutBucketNotificationConfiguration",
        json!({"Bucket": "inbox", "NotificationConfiguration": {
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "a/"}]}}},
                {"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "b/"}]}}},
            ],
            "QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectRemoved:*"]}],
        }}),
    );
}

#[test]
fn put_notifies_with_the_exact_aws_record() {
    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"Id": "thumbs", "LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}]}));
    h.put("inbox", "photo.jpg", "jpegdata");
    let recs = h.records();
    assert_eq!(recs.len(), 1);
    let (arn, rec) = &recs[0];
    assert_eq!(arn, LAMBDA);
    let request_id = rec["responseElements"]["x-amz-request-id"].as_str().unwrap();
    assert!(request_id.len() == 16 && request_id.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()));
    let id2 = rec["responseElements"]["x-amz-id-2"].as_str().unwrap();
    assert!(!id2.is_empty());
    let sequencer = rec["s3"]["object"]["sequencer"].as_str().unwrap();
    assert!(sequencer.len() == 16 && sequencer.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        rec,
        &json!({
            "eventVersion": "2.1",
            "eventSource": "aws:s3",
            "awsRegion": "us-east-1",
            "eventTime": "2026-01-15T12:00:00.123Z",
            "eventName": "ObjectCreated:Put",
            "userIdentity": {"principalId": "AWS:AIDAJLABBOOKMOCKUSER1"},
            "requestParameters": {"sourceIPAddress": "127.0.0.1"},
            "responseElements": {"x-amz-request-id": request_id, "x-amz-id-2": id2},
            "s3": {
                "s3SchemaVersion": "1.0",
                "configurationId": "thumbs",
                "bucket": {"name": "inbox", "ownerIdentity": {"principalId": "A3LABBOOKOWNER"}, "arn": "arn:aws:s3:::inbox"},
                "object": {"key": "photo.jpg", "size": 8, "eTag": md5_hex(b"jpegdata"), "sequencer": sequencer},
            },
        })
    );
}

#[test]
fn event_filters_and_event_types() {
    let mut h = notify_bucket(json!({
        "LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:Put"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}, {"Name": "suffix", "Value": ".jpg"}]}}}],
        "QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectCreated:Copy"]}],
        "TopicConfigurations": [{"TopicArn": TOPIC, "Events": ["s3:ObjectRemoved:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "images/"}]}}}],
    }));
    h.put("inbox", "images/cat.png", "x");
    h.put("inbox", "docs/cat.jpg", "x");
    assert!(h.records().is_empty());
    h.put("inbox", "images/cat.jpg", "x");
    let recs = h.records();
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].0.as_str(), recs[0].1["eventName"].as_str().unwrap()), (LAMBDA, "ObjectCreated:Put"));
    h.ok("CopyObject", json!({"Bucket": "inbox", "Key": "copies/cat.jpg", "CopySource": "inbox/images/cat.jpg"}));
    let recs = h.records();
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].0.as_str(), recs[0].1["eventName"].as_str().unwrap()), (QUEUE, "ObjectCreated:Copy"));
    assert_eq!(recs[0].1["s3"]["object"]["size"], 1);
    h.ok("DeleteObject", json!({"Bucket": "inbox", "Key": "copies/cat.jpg"}));
    assert!(h.records().is_empty(), "outside the topic's prefix");
    h.ok("DeleteObject", json!({"Bucket": "inbox", "Key": "images/cat.jpg"}));
    let recs = h.records();
    assert_eq!(recs.len(), 1);
    assert_eq!((recs[0].0.as_str(), recs[0].1["eventName"].as_str().unwrap()), (TOPIC, "ObjectRemoved:Delete"));
    let object = recs[0].1["s3"]["object"].as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["key", "sequencer"], "removals carry no size or eTag");
    // Deleting a key that is not there notifies nothing.
    h.ok("DeleteObject", json!({"Bucket": "inbox", "Key": "images/cat.jpg"}));
    assert!(h.records().is_empty());
}

#[test]
fn delete_objects_notifies_each_existing_key() {
    let mut h = notify_bucket(json!({"QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectRemoved:Delete"]}]}));
    h.put("inbox", "a", "1");
    h.put("inbox", "b", "2");
    h.ok("DeleteObjects", json!({"Bucket": "inbox", "Delete": {"Objects": [{"Key": "a"}, {"Key": "ghost"}, {"Key": "b"}]}}));
    let recs = h.records();
    let keys: Vec<_> = recs.iter().map(|(_, r)| r["s3"]["object"]["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["a", "b"]);
    assert!(recs.iter().all(|(_, r)| r["eventName"] == "ObjectRemoved:Delete"));
}

#[test]
fn event_keys_are_url_encoded_like_s3() {
    assert_eq!(url_encode("plain.txt"), "plain.txt");
    assert_eq!(url_encode("my photo.jpg"), "my+photo.jpg");
    assert_eq!(url_encode("a+b.txt"), "a%2Bb.txt");
    assert_eq!(url_encode("this im + age blah.txt"), "this+im+%2B+age+blah.txt");
    assert_eq!(url_encode("dir/sub dir/f.txt"), "dir/sub+dir/f.txt");
    assert_eq!(url_encode("café/日本.txt"), "caf%C3%A9/%E6%97%A5%E6%9C%AC.txt");
    assert_eq!(url_encode("logs/dt=2018-05-04/_SUCCESS"), "logs/dt%3D2018-05-04/_SUCCESS");
    assert_eq!(url_encode("test/10:47:07.log"), "test/10%3A47%3A07.log");
    assert_eq!(url_encode("a%b&c?d#e~f*g(h)"), "a%25b%26c%3Fd%23e%7Ef*g%28h%29");

    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}]}));
    h.put("inbox", "uploads/My File+1 é.txt", "x");
    let recs = h.records();
    assert_eq!(recs[0].1["s3"]["object"]["key"], "uploads/My+File%2B1+%C3%A9.txt");
}

#[test]
fn filter_values_are_url_decoded_before_matching() {
    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"],
        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "my+folder/"}]}}}]}));
    h.put("inbox", "my folder/a.txt", "x");
    assert_eq!(h.records().len(), 1);
    h.put("inbox", "my+folder/a.txt", "x");
    assert!(h.records().is_empty());
    // The configuration is returned as given.
    let got = h.ok("GetBucketNotificationConfiguration", json!({"Bucket": "inbox"}));
    assert_eq!(got["LambdaFunctionConfigurations"][0]["Filter"]["Key"]["FilterRules"][0]["Value"], "my+folder/");
}

#[test]
fn sequencers_increase() {
    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]}]}));
    let mut last = String::new();
    for i in 0..5 {
        if i == 3 {
            h.now -= 10_000; // even if the clock were to step back
        }
        h.put("inbox", "k", "v");
        h.ok("DeleteObject", json!({"Bucket": "inbox", "Key": "k"}));
        for (_, rec) in h.records() {
            let s = rec["s3"]["object"]["sequencer"].as_str().unwrap().to_owned();
            assert!(s > last, "{s} after {last}");
            last = s;
        }
    }
}

#[test]
fn several_destinations_each_get_a_record() {
    let mut h = notify_bucket(json!({
        "LambdaFunctionConfigurations": [{"Id": "l", "LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".csv"}]}}}],
        "QueueConfigurations": [{"Id": "q", "QueueArn": QUEUE, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".json"}]}}}],
        "TopicConfigurations": [{"Id": "t", "TopicArn": TOPIC, "Events": ["s3:ObjectRemoved:*"]}],
    }));
    h.put("inbox", "x.csv", "1");
    h.put("inbox", "x.json", "1");
    h.ok("DeleteObjects", json!({"Bucket": "inbox", "Delete": {"Objects": [{"Key": "x.csv"}, {"Key": "x.json"}]}}));
    let got: Vec<_> = h.records().into_iter().map(|(arn, r)| (arn, r["s3"]["configurationId"].as_str().unwrap().to_owned())).collect();
    let expect: Vec<(String, String)> = [(LAMBDA, "l"), (QUEUE, "q"), (TOPIC, "t"), (TOPIC, "t")].iter().map(|(a, i)| ((*a).to_owned(), (*i).to_owned())).collect();
    assert_eq!(got, expect);
}

#[test]
fn deleting_a_bucket_forgets_its_configuration() {
    let mut h = notify_bucket(json!({"LambdaFunctionConfigurations": [{"LambdaFunctionArn": LAMBDA, "Events": ["s3:ObjectCreated:*"]}]}));
    h.ok("DeleteBucket", json!({"Bucket": "inbox"}));
    h.ok("CreateBucket", json!({"Bucket": "inbox"}));
    h.put("inbox", "k", "v");
    assert!(h.records().is_empty());
}

// ---- misc ----

#[test]
fn unimplemented_operations_say_so() {
    let mut h = H::new();
    let e = h.err("PutBucketPolicy", json!({"Bucket": "x"}));
    assert_eq!((e.code.as_str(), e.status), ("NotImplemented", 501));
    assert!(e.message.contains("PutBucketPolicy"));
}

#[test]
fn snapshot_shows_buckets_objects_and_configuration() {
    let mut h = notify_bucket(json!({"QueueConfigurations": [{"Id": "q", "QueueArn": QUEUE, "Events": ["s3:ObjectCreated:*"]}]}));
    h.ok("PutObject", json!({"Bucket": "inbox", "Key": "t.txt", "Body": "text", "ContentType": "text/plain"}));
    h.ok("PutObject", json!({"Bucket": "inbox", "Key": "b.bin", "Body": {"$bytes": "/wA="}}));
    let s = h.s3.snapshot();
    let inbox = &s["Buckets"]["inbox"];
    assert_eq!(inbox["Objects"]["t.txt"]["Body"], "text");
    assert_eq!(inbox["Objects"]["t.txt"]["Size"], 4);
    assert_eq!(inbox["Objects"]["t.txt"]["ContentType"], "text/plain");
    assert_eq!(inbox["Objects"]["b.bin"]["Body"], json!({"$bytes": "/wA="}));
    assert_eq!(inbox["NotificationConfiguration"]["QueueConfigurations"][0]["Id"], "q");
    assert_eq!(inbox["CreationDate"], "2026-01-15T12:00:00.000Z");
}

#[test]
fn range_parser_edges() {
    assert_eq!(parse_range("bytes=0-0", 3), Range::Partial(0, 0));
    assert_eq!(parse_range("bytes=-0", 3), Range::Unsatisfiable);
    assert_eq!(parse_range("bytes=3-", 3), Range::Unsatisfiable);
    assert_eq!(parse_range("bytes=0-", 0), Range::Full);
    assert_eq!(parse_range("bytes= 1 - 2 ", 5), Range::Partial(1, 2));
}
