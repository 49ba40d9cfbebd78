//! `ListObjectsV2` and `ListObjects` (v1): prefix, delimiter roll-up into common prefixes,
//! `MaxKeys` (counting keys and common prefixes, as S3 does), markers and continuation tokens.

use std::collections::BTreeMap;
use std::ops::Bound;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::{OWNER_ID, Object, invalid_argument};
use crate::AwsError;
use crate::wire::{self, Params};

/// One listed entry.
enum Entry<'a> {
    Key(&'a str, &'a Object),
    CommonPrefix(String),
}

/// What one page holds.
struct Page<'a> {
    entries: Vec<Entry<'a>>,
    truncated: bool,
}

/// Continuation tokens are opaque to callers; ours carry the last listed key or prefix.
pub(super) fn encode_token(last: &str) -> String {
    STANDARD.encode(format!("labbook:{last}"))
}

pub(super) fn decode_token(token: &str) -> Option<String> {
    let raw = STANDARD.decode(token).ok()?;
    String::from_utf8(raw).ok()?.strip_prefix("labbook:").map(str::to_owned)
}

/// Walks `objects` in key order after `after`, grouping keys that contain `delimiter` past
/// `prefix` into common prefixes, until `max_keys` entries are taken.
fn page<'a>(objects: &'a BTreeMap<String, Object>, prefix: &str, delimiter: &str, after: Option<&str>, max_keys: usize) -> Page<'a> {
    let start = match after {
        Some(a) if a >= prefix => Bound::Excluded(a.to_owned()),
        _ => Bound::Included(prefix.to_owned()),
    };
    let mut entries: Vec<Entry<'a>> = Vec::new();
    let mut truncated = false;
    let mut last_prefix: Option<String> = None;
    for (key, obj) in objects.range((start, Bound::Unbounded)) {
        if !key.starts_with(prefix) {
            break;
        }
        let rest = &key[prefix.len()..];
        let entry = match (!delimiter.is_empty()).then(|| rest.find(delimiter)).flatten() {
            Some(i) => {
                let cp = &key[..prefix.len() + i + delimiter.len()];
                // Keys under a prefix already listed (on this page or an earlier one).
                if last_prefix.as_deref() == Some(cp) || after.is_some_and(|a| cp <= a) {
                    continue;
                }
                last_prefix = Some(cp.to_owned());
                Entry::CommonPrefix(cp.to_owned())
            }
            None => Entry::Key(key, obj),
        };
        if entries.len() == max_keys {
            // MaxKeys 0 answers an empty, untruncated page (as S3 and moto do).
            truncated = max_keys > 0;
            break;
        }
        entries.push(entry);
    }
    Page { entries, truncated }
}

/// S3's `encoding-type=url` for a listed value.
fn encoded(value: &str, url: bool) -> Value {
    if url { json!(super::notify::url_encode(value)) } else { json!(value) }
}

/// Answers `ListObjectsV2` (`v2`) or `ListObjects` for bucket `name`.
pub(super) fn list(name: &str, objects: &BTreeMap<String, Object>, p: Params<'_>, v2: bool) -> Result<Value, AwsError> {
    let prefix = p.opt_str("Prefix").unwrap_or("");
    let delimiter = p.opt_str("Delimiter").unwrap_or("");
    let encoding = p.opt_str("EncodingType");
    if let Some(e) = encoding
        && e != "url"
    {
        return Err(invalid_argument("Invalid Encoding Method specified in Request", "encoding-type", e));
    }
    let url = encoding.is_some();
    let max_keys = match p.get("MaxKeys") {
        None => 1000,
        Some(_) => match p.opt_i64("MaxKeys") {
            Some(n) if n >= 0 => n,
            _ => {
                let given = p.get("MaxKeys").map(Value::to_string).unwrap_or_default();
                return Err(invalid_argument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys", &given));
            }
        },
    };
    let after: Option<String> = if v2 {
        match p.opt_str("ContinuationToken") {
            Some(token) => Some(decode_token(token).ok_or_else(|| {
                invalid_argument("The continuation token provided is incorrect", "continuation-token", token)
            })?),
            None => p.opt_str("StartAfter").map(str::to_owned),
        }
    } else {
        p.opt_str("Marker").filter(|m| !m.is_empty()).map(str::to_owned)
    };
    let page = page(objects, prefix, delimiter, after.as_deref(), max_keys.min(1000) as usize);

    let owner = !v2 || p.opt_bool("FetchOwner") == Some(true);
    let mut contents = Vec::new();
    let mut common = Vec::new();
    for entry in &page.entries {
        match entry {
            Entry::Key(key, obj) => {
                let mut item = json!({
                    "Key": encoded(key, url),
                    "LastModified": wire::timestamp(obj.last_modified_ms),
                    "ETag": obj.quoted_etag(),
                    "Size": obj.body.len(),
                    "StorageClass": obj.storage_class,
                });
                if obj.crc32.is_some() {
                    item["ChecksumAlgorithm"] = json!(["CRC32"]);
                }
                if owner {
                    item["Owner"] = json!({"ID": OWNER_ID});
                }
                contents.push(item);
            }
            Entry::CommonPrefix(cp) => common.push(json!({"Prefix": encoded(cp, url)})),
        }
    }
    let last = page.entries.last().map(|e| match e {
        Entry::Key(k, _) => (*k).to_owned(),
        Entry::CommonPrefix(cp) => cp.clone(),
    });

    let mut out = json!({
        "IsTruncated": page.truncated,
        "Name": name,
        "Prefix": encoded(prefix, url),
        "MaxKeys": max_keys,
    });
    if !contents.is_empty() {
        out["Contents"] = Value::Array(contents);
    }
    if !common.is_empty() {
        out["CommonPrefixes"] = Value::Array(common);
    }
    if p.get("Delimiter").is_some() {
        out["Delimiter"] = encoded(delimiter, url);
    }
    if let Some(e) = encoding {
        out["EncodingType"] = json!(e);
    }
    if v2 {
        out["KeyCount"] = json!(page.entries.len());
        if let Some(token) = p.opt_str("ContinuationToken") {
            out["ContinuationToken"] = json!(token);
        }
        if let Some(start_after) = p.opt_str("StartAfter") {
            out["StartAfter"] = encoded(start_after, url);
        }
        if page.truncated
            && let Some(last) = &last
        {
            out["NextContinuationToken"] = json!(encode_token(last));
        }
    } else {
        out["Marker"] = encoded(p.opt_str("Marker").unwrap_or(""), url);
        // AWS: "returned only if you have the delimiter request parameter specified";
        // without one, the last key is the next marker.
        if page.truncated
            && !delimiter.is_empty()
            && let Some(last) = &last
        {
            out["NextMarker"] = encoded(last, url);
        }
    }
    Ok(out)
}
