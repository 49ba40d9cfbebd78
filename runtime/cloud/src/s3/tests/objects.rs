//! Objects: checksums, put, get (headers, ranges, conditions), head, delete, copy.

use super::*;

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

#[test]
fn range_parser_edges() {
    assert_eq!(parse_range("bytes=0-0", 3), Range::Partial(0, 0));
    assert_eq!(parse_range("bytes=-0", 3), Range::Unsatisfiable);
    assert_eq!(parse_range("bytes=3-", 3), Range::Unsatisfiable);
    assert_eq!(parse_range("bytes=0-", 0), Range::Full);
    assert_eq!(parse_range("bytes= 1 - 2 ", 5), Range::Partial(1, 2));
}

#[test]
fn if_modified_and_unmodified_since_compare_whole_seconds() {
    let mut h = H::with_bucket("b00");
    h.put("b00", "k", "v"); // LastModified 2026-01-15T12:00:00Z (T0 without its milliseconds)
    let get = |h: &mut H, extra: Value| {
        let mut params = json!({"Bucket": "b00", "Key": "k"});
        params.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        h.call("GetObject", params).map(|_| 200).unwrap_or_else(|e| e.status)
    };
    assert_eq!(get(&mut h, json!({"IfUnmodifiedSince": "2026-01-15T11:59:59Z"})), 412);
    assert_eq!(get(&mut h, json!({"IfUnmodifiedSince": "2026-01-15T12:00:00.000Z"})), 200);
    assert_eq!(get(&mut h, json!({"IfModifiedSince": "2026-01-15T12:00:00Z"})), 304);
    assert_eq!(get(&mut h, json!({"IfModifiedSince": "2026-01-15T11:59:59Z"})), 200);
    let e = h.err("CopyObject", json!({"Bucket": "b00", "Key": "c", "CopySource": "b00/k", "CopySourceIfUnmodifiedSince": "2026-01-15T11:00:00Z"}));
    assert_eq!(e.response()["Error"]["Condition"], "x-amz-copy-source-If-Unmodified-Since", "{e:?}");
}
