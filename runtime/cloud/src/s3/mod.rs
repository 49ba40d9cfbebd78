//! Amazon S3: buckets, objects, listings and event notifications, answering like AWS.
//!
//! Keys are kept in a `BTreeMap<String, _>`, whose order is the UTF-8 byte order S3 lists
//! keys in. Every object write or delete that matches the bucket's notification
//! configuration pushes an [`Effect::S3Notification`](crate::Effect::S3Notification) carrying
//! the exact `Records` entry AWS sends (see [`notify`]).
//!
//! Where moto 5.2 and AWS differ, this follows AWS: bucket names are validated strictly
//! (moto accepts `Bad_Name`), `HeadObject` on a missing bucket is a bare `404`, `ListObjects`
//! v1 gives `NextMarker` only with a delimiter, and `MaxKeys` counts common prefixes too.

mod list;
mod notify;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use md5::{Digest, Md5};
use serde_json::{Map, Value, json};

use crate::AwsError;
use crate::env::{Env, REGION, iso_millis};
use crate::wire::{self, Params};

use notify::{EventInfo, NotificationConfig};

/// Canonical user id of the account (the owner of every bucket and object).
const OWNER_ID: &str = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";

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

/// The mock S3.
#[derive(Debug, Default)]
pub struct S3 {
    buckets: BTreeMap<String, Bucket>,
    /// Last event sequencer handed out (they only ever grow).
    last_sequencer: u64,
}

#[derive(Debug)]
struct Bucket {
    region: String,
    created_ms: i64,
    objects: BTreeMap<String, Object>,
    notifications: NotificationConfig,
}

#[derive(Debug, Clone)]
struct Object {
    body: Vec<u8>,
    /// Hex MD5 of the body, unquoted.
    etag: String,
    content_type: String,
    /// User metadata, keys lower-cased.
    metadata: BTreeMap<String, String>,
    /// Whole seconds, as S3 keeps it.
    last_modified_ms: i64,
    storage_class: String,
    /// `STORED_HEADERS` members given on upload.
    headers: BTreeMap<String, Value>,
    /// Base64 CRC32 of the body: boto3 (since 1.36) sends one with every upload by default
    /// and S3 keeps it, returning it from PutObject, CopyObject, GetObject (boto3 always asks,
    /// with `ChecksumMode=ENABLED`) and listing `ChecksumAlgorithm: ["CRC32"]`.
    crc32: String,
}

impl Object {
    fn new(body: Vec<u8>, now_ms: i64) -> Object {
        let etag = md5_hex(&body);
        let crc32 = crc32_base64(&body);
        Object {
            body,
            etag,
            crc32,
            content_type: "binary/octet-stream".into(),
            metadata: BTreeMap::new(),
            last_modified_ms: now_ms - now_ms.rem_euclid(1000),
            storage_class: "STANDARD".into(),
            headers: BTreeMap::new(),
        }
    }

    fn quoted_etag(&self) -> String {
        format!("\"{}\"", self.etag)
    }
}

/// What a `Range` header selects.
#[derive(Debug, PartialEq, Eq)]
enum Range {
    /// No usable range: the whole object (200).
    Full,
    /// Bytes `start..=end` (206).
    Partial(usize, usize),
    /// Starts past the end (416).
    Unsatisfiable,
}

/// CRC-32 (IEEE 802.3, as zlib computes it) of `data`, big-endian bytes in base64: the
/// `x-amz-checksum-crc32` value.
fn crc32_base64(data: &[u8]) -> String {
    use base64::Engine;
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    base64::engine::general_purpose::STANDARD.encode((!crc).to_be_bytes())
}

/// Lower-case hex MD5.
fn md5_hex(data: &[u8]) -> String {
    Md5::digest(data).iter().map(|b| format!("{b:02x}")).collect()
}

fn no_such_bucket(bucket: &str) -> AwsError {
    AwsError::new("NoSuchBucket", "The specified bucket does not exist", 404).with_error_fields(json!({"BucketName": bucket}))
}

fn no_such_key(key: &str) -> AwsError {
    AwsError::new("NoSuchKey", "The specified key does not exist.", 404).with_error_fields(json!({"Key": key}))
}

/// What botocore makes of a bodiless 404 (HEAD requests).
fn head_not_found() -> AwsError {
    AwsError::new("404", "Not Found", 404)
}

fn invalid_argument(message: &str, name: &str, value: &str) -> AwsError {
    AwsError::new("InvalidArgument", message, 400).with_error_fields(json!({"ArgumentName": name, "ArgumentValue": value}))
}

/// A successful response whose HTTP status is not 200 (204 deletes, 206 ranges).
fn with_status(mut response: Value, status: u16) -> Value {
    response["ResponseMetadata"] = json!({"HTTPStatusCode": status});
    response
}

/// AWS's rules for general purpose bucket names.
/// <https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html>
pub(crate) fn valid_bucket_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    if !(3..=63).contains(&bytes.len()) {
        return false;
    }
    if !bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'.' || *b == b'-') {
        return false;
    }
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    if name.contains("..") {
        return false;
    }
    let looks_like_ip = name.split('.').count() == 4 && name.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if looks_like_ip {
        return false;
    }
    const BAD_PREFIXES: &[&str] = &["xn--", "sthree-", "amzn-s3-demo-"];
    const BAD_SUFFIXES: &[&str] = &["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
    !BAD_PREFIXES.iter().any(|p| name.starts_with(p)) && !BAD_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Parses a `Range` parameter against an object of `size` bytes. Syntax S3 does not honour
/// (several ranges, garbage, end before start) returns the whole object, as AWS does.
fn parse_range(spec: &str, size: usize) -> Range {
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

fn check_key(key: &str) -> Result<(), AwsError> {
    if key.is_empty() {
        return Err(AwsError::validation("Invalid length for parameter Key, value: 0, valid min length: 1"));
    }
    if key.len() > 1024 {
        return Err(AwsError::new("KeyTooLongError", "Your key is too long", 400));
    }
    Ok(())
}

impl S3 {
    /// Runs one operation.
    pub fn call(&mut self, op: &str, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        match op {
            "CreateBucket" => self.create_bucket(p, env),
            "DeleteBucket" => self.delete_bucket(p),
            "ListBuckets" => self.list_buckets(p),
            "HeadBucket" => self.head_bucket(p),
            "GetBucketLocation" => self.get_bucket_location(p),
            "PutObject" => self.put_object(p, env),
            "GetObject" => self.get_object(p, true),
            "HeadObject" => self.get_object(p, false),
            "DeleteObject" => self.delete_object(p, env),
            "DeleteObjects" => self.delete_objects(p, env),
            "CopyObject" => self.copy_object(p, env),
            "ListObjectsV2" => self.list_objects(p, true),
            "ListObjects" => self.list_objects(p, false),
            "PutBucketNotificationConfiguration" => self.put_notification_configuration(p, env),
            "GetBucketNotificationConfiguration" => self.get_notification_configuration(p),
            _ => Err(crate::error::not_implemented("s3", op)),
        }
    }

    /// The whole state, for display and grading: every bucket with its objects (bodies as
    /// text when they are UTF-8, else tagged bytes) and its notification configuration.
    pub fn snapshot(&self) -> Value {
        let mut buckets = Map::new();
        for (name, bucket) in &self.buckets {
            let mut objects = Map::new();
            for (key, obj) in &bucket.objects {
                let body = match std::str::from_utf8(&obj.body) {
                    Ok(text) => Value::String(text.to_owned()),
                    Err(_) => wire::bytes(&obj.body),
                };
                objects.insert(
                    key.clone(),
                    json!({
                        "Size": obj.body.len(),
                        "ETag": obj.quoted_etag(),
                        "ContentType": obj.content_type,
                        "LastModified": iso_millis(obj.last_modified_ms),
                        "Metadata": obj.metadata,
                        "StorageClass": obj.storage_class,
                        "Body": body,
                    }),
                );
            }
            buckets.insert(
                name.clone(),
                json!({
                    "Region": bucket.region,
                    "CreationDate": iso_millis(bucket.created_ms),
                    "Objects": objects,
                    "NotificationConfiguration": bucket.notifications.to_json(),
                }),
            );
        }
        json!({"Buckets": buckets})
    }

    fn bucket(&self, name: &str) -> Result<&Bucket, AwsError> {
        self.buckets.get(name).ok_or_else(|| no_such_bucket(name))
    }

    fn bucket_mut(&mut self, name: &str) -> Result<&mut Bucket, AwsError> {
        self.buckets.get_mut(name).ok_or_else(|| no_such_bucket(name))
    }

    /// Next event sequencer: 16 upper-case hex digits, strictly increasing, derived from
    /// the virtual clock so later events sort after earlier ones.
    fn next_sequencer(&mut self, now_ms: i64) -> String {
        let from_clock = (now_ms.max(0) as u64) << 12;
        self.last_sequencer = from_clock.max(self.last_sequencer + 1);
        format!("{:016X}", self.last_sequencer)
    }

    /// Pushes the notification effects for one event on `bucket`/`key`.
    fn notify(&mut self, bucket: &str, event: &'static str, key: &str, object: Option<(usize, String)>, env: &mut Env<'_>) {
        let Some(b) = self.buckets.get(bucket) else { return };
        let targets: Vec<_> = b.notifications.matching(event, key).cloned().collect();
        if targets.is_empty() {
            return;
        }
        let region = b.region.clone();
        let sequencer = self.next_sequencer(env.now_ms);
        let info = EventInfo { bucket, region: &region, event, key, object, sequencer };
        notify::push_effects(&targets, &info, env);
    }

    fn create_bucket(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = p.str("Bucket")?;
        if !valid_bucket_name(name) {
            return Err(AwsError::new("InvalidBucketName", "The specified bucket is not valid.", 400).with_error_fields(json!({"BucketName": name})));
        }
        let constraint = p.get("CreateBucketConfiguration").and_then(|c| c.get("LocationConstraint")).and_then(Value::as_str);
        let region = match constraint {
            None | Some("") => REGION.to_owned(),
            Some(REGION) => {
                return Err(AwsError::new("InvalidLocationConstraint", "The specified location-constraint is not valid", 400)
                    .with_error_fields(json!({"LocationConstraint": REGION})));
            }
            Some(other) => other.to_owned(),
        };
        if let Some(existing) = self.buckets.get(name) {
            // In us-east-1 S3 keeps its legacy answer: re-creating your own bucket is a 200.
            if existing.region == REGION && region == REGION {
                return Ok(json!({"Location": format!("/{name}")}));
            }
            return Err(AwsError::new(
                "BucketAlreadyOwnedByYou",
                "Your previous request to create the named bucket succeeded and you already own it.",
                409,
            )
            .with_error_fields(json!({"BucketName": name})));
        }
        let location = if region == REGION { format!("/{name}") } else { format!("http://{name}.s3.amazonaws.com/") };
        self.buckets.insert(
            name.to_owned(),
            Bucket {
                region,
                created_ms: env.now_ms - env.now_ms.rem_euclid(1000),
                objects: BTreeMap::new(),
                notifications: NotificationConfig::default(),
            },
        );
        Ok(json!({"Location": location}))
    }

    fn delete_bucket(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("Bucket")?;
        let bucket = self.bucket(name)?;
        if !bucket.objects.is_empty() {
            return Err(AwsError::new("BucketNotEmpty", "The bucket you tried to delete is not empty", 409).with_error_fields(json!({"BucketName": name})));
        }
        self.buckets.remove(name);
        Ok(with_status(json!({}), 204))
    }

    /// `ListBuckets`, alphabetical. `BucketRegion` is given per bucket only when the request
    /// has a parameter (AWS documents exactly that); `MaxBuckets` pages with an opaque token.
    fn list_buckets(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let prefix = p.opt_str("Prefix").unwrap_or("");
        let region = p.opt_str("BucketRegion");
        let any_param = ["MaxBuckets", "ContinuationToken", "Prefix", "BucketRegion"].iter().any(|n| p.get(n).is_some());
        let max = match p.opt_i64("MaxBuckets") {
            None => usize::MAX,
            Some(n) if (1..=10_000).contains(&n) => n as usize,
            Some(n) => return Err(invalid_argument("Argument max-buckets must be an integer between 1 and 10000", "max-buckets", &n.to_string())),
        };
        let after = match p.opt_str("ContinuationToken") {
            None => None,
            Some(token) => Some(list::decode_token(token).ok_or_else(|| {
                invalid_argument("The continuation token provided is incorrect", "continuation-token", token)
            })?),
        };
        let mut buckets = Vec::new();
        let mut next = None;
        for (name, b) in &self.buckets {
            if !name.starts_with(prefix) || region.is_some_and(|r| r != b.region) || after.as_ref().is_some_and(|a| name <= a) {
                continue;
            }
            if buckets.len() == max {
                next = buckets.last().and_then(|v: &Value| v["Name"].as_str()).map(list::encode_token);
                break;
            }
            let mut entry = json!({"Name": name, "CreationDate": wire::timestamp(b.created_ms)});
            if any_param {
                entry["BucketRegion"] = json!(b.region);
            }
            buckets.push(entry);
        }
        let mut out = json!({"Buckets": buckets, "Owner": {"ID": OWNER_ID}});
        if p.get("Prefix").is_some() {
            out["Prefix"] = json!(prefix);
        }
        if let Some(token) = next {
            out["ContinuationToken"] = json!(token);
        }
        Ok(out)
    }

    fn head_bucket(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("Bucket")?;
        let bucket = self.buckets.get(name).ok_or_else(head_not_found)?;
        Ok(json!({"BucketRegion": bucket.region, "AccessPointAlias": false}))
    }

    fn get_bucket_location(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let bucket = self.bucket(p.str("Bucket")?)?;
        // us-east-1 answers with an empty constraint, which boto3 gives as None.
        let constraint = if bucket.region == REGION { Value::Null } else { Value::String(bucket.region.clone()) };
        Ok(json!({"LocationConstraint": constraint}))
    }

    fn put_object(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        check_key(key)?;
        let body = match p.get("Body") {
            None => Vec::new(),
            Some(v) => wire::as_bytes(v).ok_or_else(|| AwsError::validation("Invalid type for parameter Body, valid types: <class 'bytes'>, <class 'bytearray'>, file-like object"))?,
        };
        let metadata = read_metadata(p)?;
        let storage_class = read_storage_class(p)?;
        self.bucket(bucket_name)?;
        let mut object = Object::new(body, env.now_ms);
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
    fn get_object(&self, p: Params<'_>, with_body: bool) -> Result<Value, AwsError> {
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
        if let Some(wanted) = p.opt_str("IfMatch")
            && wanted != "*"
            && wanted.trim_matches('"') != obj.etag
        {
            return Err(if with_body {
                AwsError::new("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412)
                    .with_error_fields(json!({"Condition": "If-Match"}))
            } else {
                AwsError::new("412", "Precondition Failed", 412)
            });
        }
        if let Some(unwanted) = p.opt_str("IfNoneMatch")
            && (unwanted == "*" || unwanted.trim_matches('"') == obj.etag)
        {
            return Err(AwsError::new("304", "Not Modified", 304));
        }
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
        if with_body {
            out["Body"] = wire::bytes(&obj.body[start..end]);
            // A full-object checksum, only for the whole object.
            if range == Range::Full && p.opt_str("ChecksumMode") == Some("ENABLED") {
                out["ChecksumCRC32"] = json!(obj.crc32);
            }
        }
        if let Range::Partial(s, e) = range {
            out["ContentRange"] = json!(format!("bytes {s}-{e}/{size}"));
            return Ok(with_status(out, 206));
        }
        Ok(out)
    }

    fn delete_object(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        let removed = self.bucket_mut(bucket_name)?.objects.remove(key);
        if removed.is_some() {
            self.notify(bucket_name, "ObjectRemoved:Delete", key, None, env);
        }
        Ok(with_status(json!({}), 204))
    }

    fn delete_objects(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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

    fn copy_object(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        check_key(key)?;
        let (src_bucket, src_key) = match p.get("CopySource") {
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
        };
        let directive = p.opt_str("MetadataDirective").unwrap_or("COPY");
        if directive != "COPY" && directive != "REPLACE" {
            return Err(invalid_argument("Unknown metadata directive.", "x-amz-metadata-directive", directive));
        }
        let metadata = read_metadata(p)?;
        let storage_class = read_storage_class(p)?;
        let source = self.bucket(&src_bucket)?.objects.get(&src_key).ok_or_else(|| no_such_key(&src_key))?;
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

    fn list_objects(&self, p: Params<'_>, v2: bool) -> Result<Value, AwsError> {
        let name = p.str("Bucket")?;
        let bucket = self.bucket(name)?;
        list::list(name, &bucket.objects, p, v2)
    }

    fn put_notification_configuration(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = p.str("Bucket")?;
        self.bucket(name)?;
        let config = p
            .opt_object("NotificationConfiguration")
            .ok_or_else(|| AwsError::validation("Missing required parameter in input: \"NotificationConfiguration\""))?;
        let parsed = NotificationConfig::parse(config, env)?;
        self.bucket_mut(name)?.notifications = parsed;
        Ok(json!({}))
    }

    fn get_notification_configuration(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let bucket = self.bucket(p.str("Bucket")?)?;
        Ok(bucket.notifications.to_json())
    }
}
