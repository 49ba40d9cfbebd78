//! Multipart uploads: ETags and composite checksums, the errors moto cannot show (it crashes
//! on an unknown upload id), listings and the notification.

use super::*;

const MIB5: usize = 5 * 1024 * 1024;

fn start(h: &mut H, key: &str, extra: Value) -> String {
    let mut params = json!({"Bucket": "b00", "Key": key});
    params.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    h.ok("CreateMultipartUpload", params)["UploadId"].as_str().unwrap().to_owned()
}

fn part(h: &mut H, key: &str, id: &str, number: i64, body: &[u8]) -> Value {
    let body = base64::engine::general_purpose::STANDARD.encode(body);
    h.ok("UploadPart", json!({"Bucket": "b00", "Key": key, "UploadId": id, "PartNumber": number, "Body": {"$bytes": body}}))
}

fn complete(h: &mut H, key: &str, id: &str, parts: &[(i64, &Value)]) -> Result<Value, AwsError> {
    let parts: Vec<Value> = parts.iter().map(|(n, r)| json!({"PartNumber": n, "ETag": r["ETag"]})).collect();
    h.call("CompleteMultipartUpload", json!({"Bucket": "b00", "Key": key, "UploadId": id, "MultipartUpload": {"Parts": parts}}))
}

#[test]
fn the_etag_is_the_md5_of_the_parts_md5s_and_the_checksum_is_composite() {
    let mut h = H::with_bucket("b00");
    let id = start(&mut h, "big.bin", json!({"ChecksumAlgorithm": "CRC32", "ContentType": "application/zip"}));
    let first = vec![7u8; MIB5];
    let p1 = part(&mut h, "big.bin", &id, 1, &first);
    let p2 = part(&mut h, "big.bin", &id, 2, b"tail");
    assert_eq!(p2["ETag"], format!("\"{}\"", md5_hex(b"tail")));
    assert_eq!(p2["ChecksumCRC32"], crc32_base64(b"tail"));
    let done = complete(&mut h, "big.bin", &id, &[(1, &p1), (2, &p2)]).unwrap();
    let mut digests = Md5::digest(&first).to_vec();
    digests.extend_from_slice(&Md5::digest(b"tail"));
    let etag = format!("\"{}-2\"", md5_hex(&digests));
    assert_eq!(done["ETag"], etag);
    let mut crcs = crc32_raw(&first).to_be_bytes().to_vec();
    crcs.extend_from_slice(&crc32_raw(b"tail").to_be_bytes());
    assert_eq!(done["ChecksumCRC32"], format!("{}-2", crc32_base64(&crcs)));
    assert_eq!(done["ChecksumType"], "COMPOSITE");
    assert_eq!(done["Location"], "https://b00.s3.amazonaws.com/big.bin");
    let got = h.ok("GetObject", json!({"Bucket": "b00", "Key": "big.bin", "ChecksumMode": "ENABLED"}));
    assert_eq!((got["ETag"].clone(), got["ContentLength"].clone(), got["ContentType"].clone()), (json!(etag), json!(MIB5 + 4), json!("application/zip")));
    assert_eq!(got["ChecksumType"], "COMPOSITE");
    // The upload is gone: its id answers NoSuchUpload from then on.
    let e = h.err("UploadPart", json!({"Bucket": "b00", "Key": "big.bin", "UploadId": id, "PartNumber": 3, "Body": "x"}));
    assert_error(&e, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404);
}

#[test]
fn without_a_checksum_algorithm_the_object_has_no_checksum() {
    let mut h = H::with_bucket("b00");
    let id = start(&mut h, "k", json!({}));
    let p = part(&mut h, "k", &id, 1, b"only");
    complete(&mut h, "k", &id, &[(1, &p)]).unwrap();
    let got = h.ok("GetObject", json!({"Bucket": "b00", "Key": "k", "ChecksumMode": "ENABLED"}));
    assert!(got.get("ChecksumCRC32").is_none(), "{got}");
    assert!(h.keys(json!({"Bucket": "b00"})).2["Contents"][0].get("ChecksumAlgorithm").is_none());
}

#[test]
fn unknown_upload_ids_and_keys_are_no_such_upload() {
    let mut h = H::with_bucket("b00");
    let id = start(&mut h, "k", json!({}));
    for (op, params) in [
        ("UploadPart", json!({"Bucket": "b00", "Key": "k", "UploadId": "nope", "PartNumber": 1, "Body": "x"})),
        ("UploadPart", json!({"Bucket": "b00", "Key": "other", "UploadId": id, "PartNumber": 1, "Body": "x"})),
        ("CompleteMultipartUpload", json!({"Bucket": "b00", "Key": "k", "UploadId": "nope", "MultipartUpload": {"Parts": [{"PartNumber": 1, "ETag": "x"}]}})),
        ("AbortMultipartUpload", json!({"Bucket": "b00", "Key": "k", "UploadId": "nope"})),
        ("ListParts", json!({"Bucket": "b00", "Key": "k", "UploadId": "nope"})),
    ] {
        let e = h.err(op, params);
        assert_eq!((e.code.as_str(), e.status), ("NoSuchUpload", 404), "{op}");
    }
    let e = h.err("CompleteMultipartUpload", json!({"Bucket": "b00", "Key": "k", "UploadId": id, "MultipartUpload": {"Parts": []}}));
    assert_eq!(e.code, "MalformedXML");
}

#[test]
fn completing_notifies_complete_multipart_upload() {
    let mut h = notify_bucket(json!({"QueueConfigurations": [{"QueueArn": QUEUE, "Events": ["s3:ObjectCreated:*"]}]}));
    let id = h.ok("CreateMultipartUpload", json!({"Bucket": "inbox", "Key": "a.zip"}))["UploadId"].as_str().unwrap().to_owned();
    let p = h.ok("UploadPart", json!({"Bucket": "inbox", "Key": "a.zip", "UploadId": id, "PartNumber": 1, "Body": "zip"}));
    assert!(h.records().is_empty(), "parts are not objects yet");
    let done = h.ok("CompleteMultipartUpload", json!({"Bucket": "inbox", "Key": "a.zip", "UploadId": id,
        "MultipartUpload": {"Parts": [{"PartNumber": 1, "ETag": p["ETag"]}]}}));
    let records = h.records();
    assert_eq!(records.len(), 1);
    let record = &records[0].1;
    assert_eq!(record["eventName"], "ObjectCreated:CompleteMultipartUpload");
    assert_eq!(record["s3"]["object"]["size"], 3);
    assert_eq!(json!(format!("\"{}\"", record["s3"]["object"]["eTag"].as_str().unwrap())), done["ETag"]);
}

#[test]
fn uploads_list_in_key_order_and_page() {
    let mut h = H::with_bucket("b00");
    let b = start(&mut h, "b", json!({}));
    let a1 = start(&mut h, "a", json!({}));
    h.now += 1000;
    let a2 = start(&mut h, "a", json!({"StorageClass": "STANDARD_IA"}));
    let all = h.ok("ListMultipartUploads", json!({"Bucket": "b00"}));
    let ids: Vec<&str> = all["Uploads"].as_array().unwrap().iter().map(|u| u["UploadId"].as_str().unwrap()).collect();
    assert_eq!(ids, [a1.as_str(), a2.as_str(), b.as_str()]);
    assert_eq!(all["Uploads"][1]["StorageClass"], "STANDARD_IA");
    let page = h.ok("ListMultipartUploads", json!({"Bucket": "b00", "MaxUploads": 2}));
    assert_eq!((page["IsTruncated"].clone(), page["NextKeyMarker"].clone(), page["NextUploadIdMarker"].clone()), (json!(true), json!("a"), json!(a2)));
    let rest = h.ok("ListMultipartUploads", json!({"Bucket": "b00", "KeyMarker": "a", "UploadIdMarker": a2}));
    assert_eq!(rest["Uploads"].as_array().unwrap().len(), 1);
    assert_eq!(rest["Uploads"][0]["UploadId"], json!(b));
    let prefixed = h.ok("ListMultipartUploads", json!({"Bucket": "b00", "Prefix": "b"}));
    assert_eq!((prefixed["Prefix"].clone(), prefixed["Uploads"].as_array().unwrap().len()), (json!("b"), 1));
    h.ok("AbortMultipartUpload", json!({"Bucket": "b00", "Key": "b", "UploadId": b}));
    assert_eq!(h.ok("ListMultipartUploads", json!({"Bucket": "b00"}))["Uploads"].as_array().unwrap().len(), 2);
}
