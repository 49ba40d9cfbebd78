//! Buckets: CreateBucket, DeleteBucket, ListBuckets, HeadBucket and GetBucketLocation, with
//! AWS's bucket name rules.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::notify::NotificationConfig;
use super::{Bucket, OWNER_ID, S3, head_not_found, invalid_argument, list, with_status};
use crate::AwsError;
use crate::env::{Env, REGION};
use crate::wire::{self, Params};

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

impl S3 {
    pub(super) fn create_bucket(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
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
                uploads: BTreeMap::new(),
                notifications: NotificationConfig::default(),
            },
        );
        Ok(json!({"Location": location}))
    }

    pub(super) fn delete_bucket(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
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
    pub(super) fn list_buckets(&self, p: Params<'_>) -> Result<Value, AwsError> {
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

    pub(super) fn head_bucket(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = p.str("Bucket")?;
        let bucket = self.buckets.get(name).ok_or_else(head_not_found)?;
        Ok(json!({"BucketRegion": bucket.region, "AccessPointAlias": false}))
    }

    pub(super) fn get_bucket_location(&self, p: Params<'_>) -> Result<Value, AwsError> {
        let bucket = self.bucket(p.str("Bucket")?)?;
        // us-east-1 answers with an empty constraint, which boto3 gives as None.
        let constraint = if bucket.region == REGION { Value::Null } else { Value::String(bucket.region.clone()) };
        Ok(json!({"LocationConstraint": constraint}))
    }
}
