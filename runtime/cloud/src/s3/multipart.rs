//! Multipart upload: CreateMultipartUpload, UploadPart, UploadPartCopy,
//! CompleteMultipartUpload, AbortMultipartUpload, ListParts and ListMultipartUploads.
//!
//! boto3's `upload_file`/`upload_fileobj` take this path above `multipart_threshold` (8 MiB),
//! so a learner sees its results: the object's ETag is the MD5 of the parts' binary MD5s
//! followed by `-<number of parts>`, and with a checksum algorithm (s3transfer always asks for
//! CRC32) its checksum is *composite*: the CRC32 of the parts' CRC32s, `-<parts>`, with
//! `ChecksumType: COMPOSITE`.
//!
//! Where moto 5.2.5 and AWS differ, this follows AWS: part numbers are checked before the
//! upload id (moto answers part 0 with NoSuchUpload), a parts list out of order is
//! `InvalidPartOrder` before any size check, `EntityTooSmall` says which part and how big,
//! an unversioned bucket's completion has no `VersionId`, and every answer says
//! `ServerSideEncryption: AES256` (the default encryption every bucket has).

use std::collections::BTreeMap;

use md5::{Digest, Md5};
use serde_json::{Value, json};

use super::objects::{check_key, copy_source, new_object};
use super::{OWNER_ID, Object, S3, crc32_base64, crc32_raw, md5_hex, with_status};
use crate::AwsError;
use crate::env::Env;
use crate::wire::{self, Params};

/// Every part but the last must be at least this big (5 MiB).
const MIN_PART_SIZE: usize = 5 * 1024 * 1024;
/// Part numbers are 1..=10000.
const MAX_PART_NUMBER: i64 = 10_000;

/// An upload in progress: the object it will make (all but the body) and its parts so far.
#[derive(Debug, Clone)]
pub(super) struct Upload {
    key: String,
    initiated_ms: i64,
    /// Content type, metadata, storage class, stored headers and tags, as given on creation.
    template: Object,
    /// `ChecksumAlgorithm` given on creation (s3transfer gives CRC32).
    checksum_algorithm: Option<String>,
    parts: BTreeMap<u32, Part>,
}

#[derive(Debug, Clone)]
struct Part {
    body: Vec<u8>,
    /// Hex MD5, unquoted.
    etag: String,
    crc32: String,
    last_modified_ms: i64,
}

fn no_such_upload(upload_id: &str) -> AwsError {
    AwsError::new(
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
        404,
    )
    .with_error_fields(json!({"UploadId": upload_id}))
}

fn malformed_xml() -> AwsError {
    AwsError::new("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400)
}

/// Percent-encodes a key for the `Location` URL (`/` kept, as S3 does).
fn location_path(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for b in key.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl S3 {
    /// The upload `id` of `bucket`, if it is one for `key` (S3 answers NoSuchUpload for an
    /// upload id given with another key).
    fn upload_mut(&mut self, bucket: &str, key: &str, id: &str) -> Result<&mut Upload, AwsError> {
        self.bucket_mut(bucket)?.uploads.get_mut(id).filter(|u| u.key == key).ok_or_else(|| no_such_upload(id))
    }

    pub(super) fn create_multipart_upload(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        check_key(key)?;
        let template = new_object(Vec::new(), p, env.now_ms)?;
        self.bucket(bucket_name)?;
        let checksum_algorithm = p.opt_str("ChecksumAlgorithm").map(str::to_owned);
        let id = format!("{}.{}", env.ids.hex(32), env.ids.hex(32));
        let upload = Upload { key: key.to_owned(), initiated_ms: env.now_ms, template, checksum_algorithm, parts: BTreeMap::new() };
        let mut out = json!({"Bucket": bucket_name, "Key": key, "UploadId": id, "ServerSideEncryption": "AES256"});
        if let Some(algorithm) = &upload.checksum_algorithm {
            out["ChecksumAlgorithm"] = json!(algorithm);
        }
        self.bucket_mut(bucket_name)?.uploads.insert(id, upload);
        Ok(out)
    }

    pub(super) fn upload_part(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        let id = p.str("UploadId")?;
        let number = p.opt_i64("PartNumber").ok_or_else(|| AwsError::validation("Missing required parameter in input: \"PartNumber\""))?;
        let body = match p.get("Body") {
            None => Vec::new(),
            Some(v) => wire::as_bytes(v).ok_or_else(|| AwsError::validation("Invalid type for parameter Body, valid types: <class 'bytes'>, <class 'bytearray'>, file-like object"))?,
        };
        self.bucket(bucket_name)?;
        if !(1..=MAX_PART_NUMBER).contains(&number) {
            return Err(super::invalid_argument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", &number.to_string()));
        }
        let upload = self.upload_mut(bucket_name, key, id)?;
        let part = Part { etag: md5_hex(&body), crc32: crc32_base64(&body), body, last_modified_ms: env.now_ms - env.now_ms.rem_euclid(1000) };
        let out = json!({"ETag": format!("\"{}\"", part.etag), "ChecksumCRC32": part.crc32, "ServerSideEncryption": "AES256"});
        upload.parts.insert(number as u32, part);
        Ok(out)
    }

    /// A part copied from (a byte range of) an existing object, as boto3's managed `copy`
    /// does above `multipart_threshold`.
    pub(super) fn upload_part_copy(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        let id = p.str("UploadId")?;
        let number = p.opt_i64("PartNumber").ok_or_else(|| AwsError::validation("Missing required parameter in input: \"PartNumber\""))?;
        let (src_bucket, src_key) = copy_source(p)?;
        let source = self.bucket(&src_bucket)?.objects.get(&src_key).ok_or_else(|| super::no_such_key(&src_key))?;
        super::conditions::check_copy_source(p, source)?;
        let size = source.body.len();
        let (start, end) = match p.opt_str("CopySourceRange") {
            None => (0, size),
            Some(range) => {
                let bounds = range.strip_prefix("bytes=").and_then(|r| r.split_once('-')).and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)));
                match bounds {
                    Some((first, last)) if first <= last && last < size => (first, last + 1),
                    Some(_) => {
                        return Err(super::invalid_argument(
                            &format!("Range specified is not valid for source object of size: {size}"),
                            "x-amz-copy-source-range",
                            range,
                        ));
                    }
                    None => {
                        return Err(super::invalid_argument(
                            "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
                            "x-amz-copy-source-range",
                            range,
                        ));
                    }
                }
            }
        };
        let body = source.body[start..end].to_vec();
        if !(1..=MAX_PART_NUMBER).contains(&number) {
            return Err(super::invalid_argument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", &number.to_string()));
        }
        let upload = self.upload_mut(bucket_name, key, id)?;
        let modified = env.now_ms - env.now_ms.rem_euclid(1000);
        let part = Part { etag: md5_hex(&body), crc32: crc32_base64(&body), body, last_modified_ms: modified };
        let mut result = json!({"ETag": format!("\"{}\"", part.etag), "LastModified": wire::timestamp(modified)});
        if upload.checksum_algorithm.as_deref() == Some("CRC32") {
            result["ChecksumCRC32"] = json!(part.crc32);
        }
        upload.parts.insert(number as u32, part);
        Ok(json!({"CopyPartResult": result, "ServerSideEncryption": "AES256"}))
    }

    pub(super) fn complete_multipart_upload(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        let id = p.str("UploadId")?;
        super::conditions::check_write(p, self.bucket(bucket_name)?.objects.get(key))?;
        let upload = self.upload_mut(bucket_name, key, id)?;
        let listed = p.get("MultipartUpload").and_then(|m| m.get("Parts")).and_then(Value::as_array).filter(|a| !a.is_empty()).ok_or_else(malformed_xml)?;
        let mut chosen: Vec<(u32, &Part)> = Vec::with_capacity(listed.len());
        for entry in listed {
            let number = entry.get("PartNumber").and_then(Value::as_i64).ok_or_else(malformed_xml)?;
            if chosen.last().is_some_and(|(previous, _)| i64::from(*previous) >= number) {
                return Err(AwsError::new(
                    "InvalidPartOrder",
                    "The list of parts was not in ascending order. The parts list must be specified in order by part number.",
                    400,
                )
                .with_error_fields(json!({"UploadId": id})));
            }
            let etag = entry.get("ETag").and_then(Value::as_str).unwrap_or_default().trim_matches('"');
            let part = u32::try_from(number).ok().and_then(|n| upload.parts.get(&n)).filter(|part| part.etag == etag).ok_or_else(|| {
                AwsError::new(
                    "InvalidPart",
                    "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.",
                    400,
                )
            })?;
            chosen.push((number as u32, part));
        }
        for (i, (number, part)) in chosen.iter().enumerate() {
            if i + 1 < chosen.len() && part.body.len() < MIN_PART_SIZE {
                return Err(AwsError::new("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size", 400).with_error_fields(json!({
                    "ProposedSize": part.body.len().to_string(),
                    "MinSizeAllowed": MIN_PART_SIZE.to_string(),
                    "PartNumber": number.to_string(),
                    "ETag": part.etag,
                })));
            }
        }
        let count = chosen.len();
        let mut digests = Vec::with_capacity(16 * count);
        let mut crcs = Vec::with_capacity(4 * count);
        let mut body = Vec::with_capacity(chosen.iter().map(|(_, part)| part.body.len()).sum());
        for (_, part) in &chosen {
            digests.extend_from_slice(&Md5::digest(&part.body));
            crcs.extend_from_slice(&crc32_raw(&part.body).to_be_bytes());
            body.extend_from_slice(&part.body);
        }
        let mut object = upload.template.clone();
        object.etag = format!("{}-{count}", md5_hex(&digests));
        object.body = body;
        object.last_modified_ms = env.now_ms - env.now_ms.rem_euclid(1000);
        object.crc32 = match upload.checksum_algorithm.as_deref() {
            Some("CRC32") => Some(format!("{}-{count}", crc32_base64(&crcs))),
            _ => None,
        };
        let mut out = json!({
            "Location": format!("https://{bucket_name}.s3.amazonaws.com/{}", location_path(key)),
            "Bucket": bucket_name,
            "Key": key,
            "ETag": object.quoted_etag(),
            "ServerSideEncryption": "AES256",
        });
        if let Some(crc) = &object.crc32 {
            out["ChecksumCRC32"] = json!(crc);
            out["ChecksumType"] = json!("COMPOSITE");
        }
        let (size, event_etag) = (object.body.len(), object.etag.clone());
        let bucket = self.bucket_mut(bucket_name)?;
        bucket.uploads.remove(id);
        bucket.objects.insert(key.to_owned(), object);
        self.notify(bucket_name, "ObjectCreated:CompleteMultipartUpload", key, Some((size, event_etag)), env);
        Ok(out)
    }

    pub(super) fn abort_multipart_upload(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        let id = p.str("UploadId")?;
        self.upload_mut(bucket_name, key, id)?;
        self.bucket_mut(bucket_name)?.uploads.remove(id);
        Ok(with_status(json!({}), 204))
    }

    pub(super) fn list_parts(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let key = p.str("Key")?;
        let id = p.str("UploadId")?;
        let max = p.opt_i64("MaxParts").unwrap_or(1000).clamp(0, 1000) as usize;
        let marker = p.opt_i64("PartNumberMarker").unwrap_or(0).max(0);
        let upload = self.upload_mut(bucket_name, key, id)?;
        let after: Vec<(&u32, &Part)> = upload.parts.range((marker.min(i64::from(u32::MAX)) as u32).saturating_add(1)..).collect();
        let page = &after[..after.len().min(max)];
        let parts: Vec<Value> = page
            .iter()
            .map(|(number, part)| {
                let mut item = json!({
                    "PartNumber": number,
                    "LastModified": wire::timestamp(part.last_modified_ms),
                    "ETag": format!("\"{}\"", part.etag),
                    "Size": part.body.len(),
                });
                if upload.checksum_algorithm.as_deref() == Some("CRC32") {
                    item["ChecksumCRC32"] = json!(part.crc32);
                }
                item
            })
            .collect();
        let mut out = json!({
            "Bucket": bucket_name,
            "Key": key,
            "UploadId": id,
            "PartNumberMarker": marker,
            "NextPartNumberMarker": page.last().map_or(0, |(n, _)| **n),
            "MaxParts": max,
            "IsTruncated": after.len() > page.len(),
            "Initiator": {"ID": OWNER_ID},
            "Owner": {"ID": OWNER_ID},
            "StorageClass": upload.template.storage_class,
        });
        if !parts.is_empty() {
            out["Parts"] = Value::Array(parts);
        }
        if let Some(algorithm) = &upload.checksum_algorithm {
            out["ChecksumAlgorithm"] = json!(algorithm);
        }
        Ok(out)
    }

    pub(super) fn list_multipart_uploads(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let bucket_name = p.str("Bucket")?;
        let bucket = self.bucket(bucket_name)?;
        let prefix = p.opt_str("Prefix").unwrap_or_default();
        let key_marker = p.opt_str("KeyMarker").unwrap_or_default();
        let id_marker = p.opt_str("UploadIdMarker").unwrap_or_default();
        let max = p.opt_i64("MaxUploads").unwrap_or(1000).clamp(0, 1000) as usize;
        // Key order, then the order they were started in.
        let mut uploads: Vec<(&String, &Upload)> = bucket.uploads.iter().filter(|(_, u)| u.key.starts_with(prefix)).collect();
        uploads.sort_by(|(a_id, a), (b_id, b)| (&a.key, a.initiated_ms, a_id).cmp(&(&b.key, b.initiated_ms, b_id)));
        if !key_marker.is_empty() {
            let resume = uploads.iter().position(|(id, u)| id.as_str() == id_marker && u.key == key_marker);
            uploads = match resume {
                Some(i) => uploads.split_off(i + 1),
                None => uploads.into_iter().filter(|(_, u)| u.key.as_str() > key_marker).collect(),
            };
        }
        let truncated = uploads.len() > max;
        uploads.truncate(max);
        let items: Vec<Value> = uploads
            .iter()
            .map(|(id, u)| {
                let mut item = json!({
                    "UploadId": id,
                    "Key": u.key,
                    "Initiated": wire::timestamp(u.initiated_ms),
                    "StorageClass": u.template.storage_class,
                    "Owner": {"ID": OWNER_ID},
                    "Initiator": {"ID": OWNER_ID},
                });
                if let Some(algorithm) = &u.checksum_algorithm {
                    item["ChecksumAlgorithm"] = json!(algorithm);
                }
                item
            })
            .collect();
        let mut out = json!({
            "Bucket": bucket_name,
            "KeyMarker": key_marker,
            "UploadIdMarker": id_marker,
            "MaxUploads": max,
            "IsTruncated": truncated,
        });
        if let Some(prefix) = p.opt_str("Prefix") {
            out["Prefix"] = json!(prefix);
        }
        if truncated && let Some((id, u)) = uploads.last() {
            out["NextKeyMarker"] = json!(u.key);
            out["NextUploadIdMarker"] = json!(id);
        }
        if !items.is_empty() {
            out["Uploads"] = Value::Array(items);
        }
        Ok(out)
    }
}
