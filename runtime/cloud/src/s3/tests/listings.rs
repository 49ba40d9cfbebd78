//! ListObjectsV2 and ListObjects: shape, delimiters, pagination, order, encoding.

use super::*;

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
