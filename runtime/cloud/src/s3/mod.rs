//! Amazon S3: buckets, objects, listings and event notifications, answering like AWS.
//!
//! Keys are kept in a `BTreeMap<String, _>`, whose order is the UTF-8 byte order S3 lists
//! keys in. Every object write or delete that matches the bucket's notification
//! configuration pushes an [`Effect::S3Notification`](crate::Effect::S3Notification) carrying
//! the exact `Records` entry AWS sends (see `notify`).
//!
//! Where moto 5.2 and AWS differ, this follows AWS: bucket names are validated strictly
//! (moto accepts `Bad_Name`), `HeadObject` on a missing bucket is a bare `404`, `ListObjects`
//! v1 gives `NextMarker` only with a delimiter, and `MaxKeys` counts common prefixes too.
//!
//! The operations live in `buckets`, `objects` (with `conditions`, the If-* preconditions),
//! `list` (the listings), `multipart` (multipart uploads), `tagging` (object tags) and `notify` (notification configurations and event
//! records).

mod buckets;
mod conditions;
mod list;
mod multipart;
mod notify;
mod objects;
mod tagging;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use md5::{Digest, Md5};
use serde_json::{Map, Value, json};

use crate::AwsError;
use crate::env::{Env, iso_millis};
use crate::wire::{self, Params};

use notify::{EventInfo, NotificationConfig};

/// Canonical user id of the account (the owner of every bucket and object).
const OWNER_ID: &str = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";


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
    /// Multipart uploads in progress, by upload id.
    uploads: BTreeMap<String, multipart::Upload>,
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
    /// with `ChecksumMode=ENABLED`) and listing `ChecksumAlgorithm: ["CRC32"]`. A multipart
    /// upload's is composite (`<crc of the parts' crcs>-<parts>`), and absent when the upload
    /// named no checksum algorithm.
    crc32: Option<String>,
    /// Object tags, in the order given.
    tags: tagging::Tags,
}

impl Object {
    fn new(body: Vec<u8>, now_ms: i64) -> Object {
        let etag = md5_hex(&body);
        let crc32 = Some(crc32_base64(&body));
        Object {
            body,
            etag,
            crc32,
            content_type: "binary/octet-stream".into(),
            metadata: BTreeMap::new(),
            last_modified_ms: now_ms - now_ms.rem_euclid(1000),
            storage_class: "STANDARD".into(),
            headers: BTreeMap::new(),
            tags: Vec::new(),
        }
    }

    fn quoted_etag(&self) -> String {
        format!("\"{}\"", self.etag)
    }
}

/// CRC-32 (IEEE 802.3, as zlib computes it) of `data`, big-endian bytes in base64: the
/// `x-amz-checksum-crc32` value.
fn crc32_base64(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(crc32_raw(data).to_be_bytes())
}

/// CRC-32 (IEEE 802.3) of `data`, table-driven: multipart bodies run to megabytes.
fn crc32_raw(data: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut crc = i as u32;
            let mut bit = 0;
            while bit < 8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
                bit += 1;
            }
            table[i] = crc;
            i += 1;
        }
        table
    };
    let mut crc = !0u32;
    for &b in data {
        crc = TABLE[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
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
            "CreateMultipartUpload" => self.create_multipart_upload(p, env),
            "UploadPart" => self.upload_part(p, env),
            "UploadPartCopy" => self.upload_part_copy(p, env),
            "CompleteMultipartUpload" => self.complete_multipart_upload(p, env),
            "AbortMultipartUpload" => self.abort_multipart_upload(p),
            "ListParts" => self.list_parts(p),
            "ListMultipartUploads" => self.list_multipart_uploads(p),
            "PutObjectTagging" => self.put_object_tagging(p),
            "GetObjectTagging" => self.get_object_tagging(p),
            "DeleteObjectTagging" => self.delete_object_tagging(p),
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
                let mut entry = json!({
                    "Size": obj.body.len(),
                    "ETag": obj.quoted_etag(),
                    "ContentType": obj.content_type,
                    "LastModified": iso_millis(obj.last_modified_ms),
                    "Metadata": obj.metadata,
                    "StorageClass": obj.storage_class,
                    "Body": body,
                });
                if !obj.tags.is_empty() {
                    let tags: Map<String, Value> = obj.tags.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
                    entry["Tags"] = Value::Object(tags);
                }
                objects.insert(key.clone(), entry);
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
