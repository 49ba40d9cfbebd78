//! Object tags: what moto cannot show (an empty TagSet, the Tagging query's encoding) and the
//! snapshot.

use super::*;

fn tags(h: &mut H, key: &str) -> Value {
    h.ok("GetObjectTagging", json!({"Bucket": "b00", "Key": key}))["TagSet"].clone()
}

#[test]
fn the_tagging_query_is_url_decoded_and_keeps_its_order() {
    let mut h = H::with_bucket("b00");
    h.ok("PutObject", json!({"Bucket": "b00", "Key": "k", "Body": "x", "Tagging": "z=1&a=two+words&c%26d=e%3Df&empty="}));
    assert_eq!(
        tags(&mut h, "k"),
        json!([{"Key": "z", "Value": "1"}, {"Key": "a", "Value": "two words"}, {"Key": "c&d", "Value": "e=f"}, {"Key": "empty", "Value": ""}])
    );
    assert_eq!(h.ok("GetObject", json!({"Bucket": "b00", "Key": "k"}))["TagCount"], 4);
    assert_eq!(h.s3.snapshot()["Buckets"]["b00"]["Objects"]["k"]["Tags"], json!({"z": "1", "a": "two words", "c&d": "e=f", "empty": ""}));
    let e = h.err("PutObject", json!({"Bucket": "b00", "Key": "k2", "Body": "x", "Tagging": "a=1&a=2"}));
    assert_error(&e, "InvalidTag", "Cannot provide multiple Tags with the same key", 400);
}

#[test]
fn an_empty_tag_set_clears_the_tags() {
    let mut h = H::with_bucket("b00");
    h.ok("PutObject", json!({"Bucket": "b00", "Key": "k", "Body": "x", "Tagging": "a=1"}));
    h.ok("PutObjectTagging", json!({"Bucket": "b00", "Key": "k", "Tagging": {"TagSet": []}}));
    assert_eq!(tags(&mut h, "k"), json!([]));
    assert!(h.ok("GetObject", json!({"Bucket": "b00", "Key": "k"})).get("TagCount").is_none());
    assert!(h.s3.snapshot()["Buckets"]["b00"]["Objects"]["k"].get("Tags").is_none(), "no Tags entry for an untagged object");
}

#[test]
fn multipart_uploads_carry_their_tags_to_the_object() {
    let mut h = H::with_bucket("b00");
    let id = h.ok("CreateMultipartUpload", json!({"Bucket": "b00", "Key": "k", "Tagging": "stage=raw"}))["UploadId"].as_str().unwrap().to_owned();
    let p = h.ok("UploadPart", json!({"Bucket": "b00", "Key": "k", "UploadId": id, "PartNumber": 1, "Body": "x"}));
    h.ok("CompleteMultipartUpload", json!({"Bucket": "b00", "Key": "k", "UploadId": id, "MultipartUpload": {"Parts": [{"PartNumber": 1, "ETag": p["ETag"]}]}}));
    assert_eq!(tags(&mut h, "k"), json!([{"Key": "stage", "Value": "raw"}]));
    let e = h.err("CreateMultipartUpload", json!({"Bucket": "b00", "Key": "k", "Tagging": (0..11).map(|i| format!("k{i}=v")).collect::<Vec<_>>().join("&")}));
    assert_error(&e, "BadRequest", "Object tags cannot be greater than 10", 400);
}
