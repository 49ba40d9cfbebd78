//! Objects: PutObject, GetObject and HeadObject (with ranges and the stored headers),
//! DeleteObject, DeleteObjects and CopyObject.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Object, S3, head_not_found, invalid_argument, no_such_bucket, no_such_key, with_status};
use crate::AwsError;
use crate::env::Env;
use crate::wire::{self, Params};

/// Storage classes `PutObject`/`CopyObject` accept.
const STORAGE_CLASSES: &[&str] = &[
    "STANDARD",
    "REDUCED_REDUNDANCY",
    "STANDARD_IA",
    "ONEZONE_IA",
    "INTELLIGENT_TIERING",
    "GLACIER",
    "DEEP_ARCHIVE",
    "OUTPOSTS",
    "GLACIER_IR",
    "SNOW",
    "EXPRESS_ONEZONE",
];

/// Object headers stored as given and returned by `GetObject`/`HeadObject` (request member,
/// response member, and the `GetObject` parameter that overrides it in the response).
const STORED_HEADERS: &[(&str, Option<&str>)] = &[
    ("CacheControl", Some("ResponseCacheControl")),
    ("ContentDisposition", Some("ResponseContentDisposition")),
    ("ContentEncoding", Some("ResponseContentEncoding")),
    ("ContentLanguage", Some("ResponseContentLanguage")),
    ("Expires", Some("ResponseExpires")),
    ("WebsiteRedirectLocation", None),
];

/// What a `Range` header selects.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Range {
    /// No usable range: the whole object (200).
    Full,
    /// Bytes `start..=end` (206).
    Partial(usize, usize),
    /// Starts past the end (416).
    Unsatisfiable,
}

/// Parses a `Range` parameter against an object of `size` bytes. Syntax S3 does not honour
/// (several ranges, garbage, end before start) returns the whole object, as AWS does.
pub(super) fn parse_range(spec: &str, size: usize) -> Range {
    let Some(spec) = spec.trim().strip_prefix("bytes=") else {
        return Range::Full;
    };
    if spec.contains(',') || size == 0 {
        return Range::Full;
    }
    let Some((first, last)) = spec.split_once('-') else {
        return Range::Full;
    };
    let (first, last) = (first.trim(), last.trim());
    if first.is_empty() {
        return match last.parse::<usize>() {
            Ok(0) => Range::Unsatisfiable,
            Ok(n) => Range::Partial(size.saturating_sub(n), size - 1),
            Err(_) => Range::Full,
        };
    }
    let Ok(start) = first.parse::<usize>() else {
        return Range::Full;
    };
    let end = if last.is_empty() {
        usize::MAX
    } else {
        match last.parse::<usize>() {
            Ok(end) => end,
            Err(_) => return Range::Full,
        }
    };
    if end < start {
        return Range::Full;
    }
    if start >= size {
        return Range::Unsatisfiable;
    }
    Range::Partial(start, end.min(size - 1))
}

/// Reads the `Metadata` parameter: string values, keys lower-cased (they travel as
/// `x-amz-meta-*` headers, which S3 stores lower-case).
fn read_metadata(p: Params<'_>) -> Result<BTreeMap<String, String>, AwsError> {
    let mut out = BTreeMap::new();
    if let Some(map) = p.opt_object("Metadata") {
        for (k, v) in map {
            let value = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return Err(AwsError::validation(format!("Invalid type for parameter Metadata.{k}, value: {v}, type: <class 'dict'>, valid types: <class 'str'>"))),
            };
            out.insert(k.to_ascii_lowercase(), value);
        }
    }
    Ok(out)
}

fn read_storage_class(p: Params<'_>) -> Result<Option<String>, AwsError> {
    match p.opt_str("StorageClass") {
        None => Ok(None),
        Some(class) if STORAGE_CLASSES.contains(&class) => Ok(Some(class.to_owned())),
        Some(_) => Err(AwsError::new("InvalidStorageClass", "The storage class you specified is not valid", 400)),
    }
}

pub(super) fn check_key(key: &str) -> Result<(), AwsError> {
    if key.is_empty() {
        return Err(AwsError::validation("Invalid length for parameter Key, value: 0, valid min length: 1"));
    }
    if key.len() > 1024 {
        return Err(AwsError::new("KeyTooLongError", "Your key is too long", 400));
    }
    Ok(())
}

/// A new object of `body` with what the request says about it: content type, metadata,
/// storage class, the stored headers and tags (PutObject and CreateMultipartUpload).
pub(super) fn new_object(body: Vec<u8>, p: Params<'_>, now_ms: i64) -> Result<Object, AwsError> {
    let metadata = read_metadata(p)?;
    let storage_class = read_storage_class(p)?;
    let tags = super::tagging::from_query(p)?;
    let mut object = Object::new(body, now_ms);
    object.tags = tags;
    if let Some(ct) = p.opt_str("ContentType") {
        object.content_type = ct.to_owned();
    }
    object.metadata = metadata;
    if let Some(class) = storage_class {
        object.storage_class = class;
    }
    for (name, _) in STORED_HEADERS {
        if let Some(v) = p.get(name) {
            object.headers.insert((*name).to_owned(), v.clone());
        }
    }
    Ok(object)
}

/// CopyObject's and UploadPartCopy's `CopySource`: `bucket/key` text or a `{Bucket, Key}` dict.
pub(super) fn copy_source(p: Params<'_>) -> Result<(String, String), AwsError> {
    Ok(match p.get("CopySource") {
        Some(Value::String(s)) => {
            // botocore quotes a string source itself, so it arrives here literally.
            let s = s.strip_prefix('/').unwrap_or(s);
            let s = s.split_once("?versionId=").map_or(s, |(path, _)| path);
            match s.split_once('/') {
                Some((b, k)) if !b.is_empty() && !k.is_empty() => (b.to_owned(), k.to_owned()),
                _ => return Err(invalid_argument("Invalid copy source object key", "x-amz-copy-source", s)),
            }
        }
        Some(Value::Object(m)) => {
            let b = m.get("Bucket").and_then(Value::as_str);
            let k = m.get("Key").and_then(Value::as_str);
            match (b, k) {
                (Some(b), Some(k)) => (b.to_owned(), k.to_owned()),
                _ => return Err(AwsError::validation("CopySource dict must have Bucket and Key")),
            }
        }
        _ => return Err(AwsError::validation("Missing required parameter in input: \"CopySource\"")),
    })
}

impl S3 {
    pub(super) fn put_object(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        check_key(key)?;
        let body = match p.get("Body") {
            None => Vec::new(),
            Some(v) => wire::as_bytes(v).ok_or_else(|| AwsError::validation("Invalid type for parameter Body, valid types: <class 'bytes'>, <class 'bytearray'>, file-like object"))?,
        };
        let object = new_object(body, p, env.now_ms)?;
        super::conditions::check_write(p, self.bucket(bucket_name)?.objects.get(key))?;
        let etag = object.quoted_etag();
        let size = object.body.len();
        let event_etag = object.etag.clone();
        let crc32 = object.crc32.clone();
        self.bucket_mut(bucket_name)?.objects.insert(key.to_owned(), object);
        self.notify(bucket_name, "ObjectCreated:Put", key, Some((size, event_etag)), env);
        Ok(json!({"ETag": etag, "ChecksumCRC32": crc32, "ServerSideEncryption": "AES256"}))
    }

    /// `GetObject` (with body) and `HeadObject` (without; its errors are bodiless, so
    /// botocore only sees the status code).
    pub(super) fn get_object(&self, p: Params<'_>, with_body: bool) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        let bucket = match self.buckets.get(bucket_name) {
            Some(b) => b,
            None if with_body => return Err(no_such_bucket(bucket_name)),
            None => return Err(head_not_found()),
        };
        let obj = match bucket.objects.get(key) {
            Some(o) => o,
            None if with_body => return Err(no_such_key(key)),
            None => return Err(head_not_found()),
        };
        if with_body && matches!(obj.storage_class.as_str(), "GLACIER" | "DEEP_ARCHIVE") {
            return Err(AwsError::new("InvalidObjectState", "The operation is not valid for the object's storage class", 403)
                .with_error_fields(json!({"StorageClass": obj.storage_class})));
        }
        let etag = obj.quoted_etag();
        super::conditions::check_read(p, obj, with_body)?;
        let size = obj.body.len();
        let range = p.opt_str("Range").map_or(Range::Full, |r| parse_range(r, size));
        let (start, end) = match range {
            Range::Full => (0, size),
            Range::Partial(s, e) => (s, e + 1),
            Range::Unsatisfiable => {
                let requested = p.opt_str("Range").unwrap_or_default();
                return Err(if with_body {
                    AwsError::new("InvalidRange", "The requested range is not satisfiable", 416)
                        .with_error_fields(json!({"ActualObjectSize": size.to_string(), "RangeRequested": requested}))
                } else {
                    AwsError::new("416", "Requested Range Not Satisfiable", 416)
                });
            }
        };
        let mut out = json!({
            "AcceptRanges": "bytes",
            "LastModified": wire::timestamp(obj.last_modified_ms),
            "ContentLength": end - start,
            "ETag": etag,
            "ContentType": p.opt_str("ResponseContentType").unwrap_or(&obj.content_type),
            "Metadata": obj.metadata,
            "ServerSideEncryption": "AES256",
        });
        for (name, response_override) in STORED_HEADERS {
            let value = response_override.and_then(|o| p.get(o)).or_else(|| obj.headers.get(*name));
            if let Some(v) = value {
                out[*name] = v.clone();
            }
        }
        if obj.storage_class != "STANDARD" {
            out["StorageClass"] = json!(obj.storage_class);
        }
        if !obj.tags.is_empty() {
            out["TagCount"] = json!(obj.tags.len());
        }
        if with_body {
            out["Body"] = wire::bytes(&obj.body[start..end]);
            // A full-object checksum, only for the whole object.
            if range == Range::Full
                && p.opt_str("ChecksumMode") == Some("ENABLED")
                && let Some(crc) = &obj.crc32
            {
                out["ChecksumCRC32"] = json!(crc);
                if crc.contains('-') {
                    // A multipart upload's checksum of its parts' checksums.
                    out["ChecksumType"] = json!("COMPOSITE");
                }
            }
        }
        if let Range::Partial(s, e) = range {
            out["ContentRange"] = json!(format!("bytes {s}-{e}/{size}"));
            return Ok(with_status(out, 206));
        }
        Ok(out)
    }

    pub(super) fn delete_object(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        let removed = self.bucket_mut(bucket_name)?.objects.remove(key);
        if removed.is_some() {
            self.notify(bucket_name, "ObjectRemoved:Delete", key, None, env);
        }
        Ok(with_status(json!({}), 204))
    }

    pub(super) fn delete_objects(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        self.bucket(bucket_name)?;
        let malformed = || {
            AwsError::new("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400)
        };
        let delete = p.get("Delete").ok_or_else(|| AwsError::validation("Missing required parameter in input: \"Delete\""))?;
        let objects = delete.get("Objects").and_then(Value::as_array).ok_or_else(malformed)?;
        if objects.is_empty() || objects.len() > 1000 {
            return Err(malformed());
        }
        let quiet = delete.get("Quiet").and_then(Value::as_bool).unwrap_or(false);
        let mut deleted = Vec::new();
        let mut errors = Vec::new();
        for entry in objects {
            let Some(key) = entry.get("Key").and_then(Value::as_str) else {
                return Err(malformed());
            };
            if key.is_empty() || key.len() > 1024 {
                errors.push(json!({"Key": key, "Code": "KeyTooLongError", "Message": "Your key is too long"}));
                continue;
            }
            let existed = self.bucket_mut(bucket_name)?.objects.remove(key).is_some();
            if existed {
                self.notify(bucket_name, "ObjectRemoved:Delete", key, None, env);
            }
            if !quiet {
                deleted.push(json!({"Key": key}));
            }
        }
        let mut out = json!({});
        if !deleted.is_empty() {
            out["Deleted"] = Value::Array(deleted);
        }
        if !errors.is_empty() {
            out["Errors"] = Value::Array(errors);
        }
        Ok(out)
    }

    pub(super) fn copy_object(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        check_key(key)?;
        let (src_bucket, src_key) = copy_source(p)?;
        let directive = p.opt_str("MetadataDirective").unwrap_or("COPY");
        if directive != "COPY" && directive != "REPLACE" {
            return Err(invalid_argument("Unknown metadata directive.", "x-amz-metadata-directive", directive));
        }
        let tagging_directive = p.opt_str("TaggingDirective").unwrap_or("COPY");
        if tagging_directive != "COPY" && tagging_directive != "REPLACE" {
            return Err(invalid_argument("Unknown tagging directive.", "x-amz-tagging-directive", tagging_directive));
        }
        let metadata = read_metadata(p)?;
        let storage_class = read_storage_class(p)?;
        let tags = if tagging_directive == "REPLACE" { Some(super::tagging::from_query(p)?) } else { None };
        let source = self.bucket(&src_bucket)?.objects.get(&src_key).ok_or_else(|| no_such_key(&src_key))?;
        super::conditions::check_copy_source(p, source)?;
        self.bucket(bucket_name)?;
        let same_object = src_bucket == bucket_name && src_key == key;
        let changes_something = directive == "REPLACE"
            || storage_class.is_some()
            || p.get("ServerSideEncryption").is_some()
            || p.get("WebsiteRedirectLocation").is_some();
        if same_object && !changes_something {
            return Err(AwsError::new(
                "InvalidRequest",
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
                400,
            ));
        }
        let mut object = Object::new(source.body.clone(), env.now_ms);
        if directive == "REPLACE" {
            if let Some(ct) = p.opt_str("ContentType") {
                object.content_type = ct.to_owned();
            }
            object.metadata = metadata;
            for (name, _) in STORED_HEADERS {
                if let Some(v) = p.get(name) {
                    object.headers.insert((*name).to_owned(), v.clone());
                }
            }
        } else {
            object.content_type = source.content_type.clone();
            object.metadata = source.metadata.clone();
            object.headers = source.headers.clone();
        }
        object.storage_class = storage_class.unwrap_or_else(|| "STANDARD".to_owned());
        object.tags = tags.unwrap_or_else(|| source.tags.clone());
        let result = json!({
            "CopyObjectResult": {
                "ETag": object.quoted_etag(),
                "LastModified": wire::timestamp(object.last_modified_ms),
                "ChecksumCRC32": object.crc32,
            },
            "ServerSideEncryption": "AES256",
        });
        let size = object.body.len();
        let event_etag = object.etag.clone();
        self.bucket_mut(bucket_name)?.objects.insert(key.to_owned(), object);
        self.notify(bucket_name, "ObjectCreated:Copy", key, Some((size, event_etag)), env);
        Ok(result)
    }
}
