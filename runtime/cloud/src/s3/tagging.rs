//! Object tags: PutObjectTagging, GetObjectTagging, DeleteObjectTagging, and the `Tagging`
//! parameter of PutObject, CreateMultipartUpload and CopyObject (a URL-encoded query string,
//! `project=lab%20one&stage=raw`, as the `x-amz-tagging` header carries it).
//!
//! The limits are S3's: at most 10 tags, keys up to 128 and values up to 256 characters, no
//! key twice. moto 5.2.5 accepts a repeated key and words the length errors its own way; this
//! follows AWS. Tags keep the order they were given in, as S3 returns them.

use serde_json::{Value, json};

use super::notify::url_decode;
use super::{S3, no_such_key, with_status};
use crate::AwsError;
use crate::wire::Params;

/// An object's tags, in the order they were given.
pub(super) type Tags = Vec<(String, String)>;

fn invalid_tag(message: &str) -> AwsError {
    AwsError::new("InvalidTag", message, 400)
}

/// Checks a tag set against S3's limits.
fn validate(tags: Tags) -> Result<Tags, AwsError> {
    if tags.len() > 10 {
        return Err(AwsError::new("BadRequest", "Object tags cannot be greater than 10", 400));
    }
    for (i, (key, value)) in tags.iter().enumerate() {
        if key.chars().count() > 128 {
            return Err(invalid_tag("The TagKey you have provided is too long, max 128"));
        }
        if value.chars().count() > 256 {
            return Err(invalid_tag("The TagValue you have provided is too long, max 256"));
        }
        if tags[..i].iter().any(|(k, _)| k == key) {
            return Err(invalid_tag("Cannot provide multiple Tags with the same key"));
        }
    }
    Ok(tags)
}

/// The `Tagging` parameter of PutObject, CreateMultipartUpload and CopyObject (REPLACE).
pub(super) fn from_query(p: Params<'_>) -> Result<Tags, AwsError> {
    let Some(query) = p.opt_str("Tagging") else {
        return Ok(Vec::new());
    };
    let tags = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (url_decode(k), url_decode(v))
        })
        .collect();
    validate(tags)
}

/// `TagSet` as GetObjectTagging returns it.
fn tag_set(tags: &Tags) -> Value {
    Value::Array(tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect())
}

impl S3 {
    fn object_tags_mut(&mut self, p: Params<'_>) -> Result<&mut Tags, AwsError> {
        let key = p.str("Key")?;
        let bucket = self.bucket_mut(p.str("Bucket")?)?;
        bucket.objects.get_mut(key).map(|o| &mut o.tags).ok_or_else(|| no_such_key(key))
    }

    pub(super) fn put_object_tagging(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let set = p
            .get("Tagging")
            .and_then(|t| t.get("TagSet"))
            .and_then(Value::as_array)
            .ok_or_else(|| AwsError::validation("Missing required parameter in input: \"Tagging\""))?;
        let tags = set
            .iter()
            .map(|t| {
                let field = |name| t.get(name).and_then(Value::as_str).unwrap_or_default().to_owned();
                (field("Key"), field("Value"))
            })
            .collect();
        let tags = validate(tags)?;
        *self.object_tags_mut(p)? = tags;
        Ok(json!({}))
    }

    pub(super) fn get_object_tagging(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let tags = self.object_tags_mut(p)?;
        Ok(json!({"TagSet": tag_set(tags)}))
    }

    pub(super) fn delete_object_tagging(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        self.object_tags_mut(p)?.clear();
        Ok(with_status(json!({}), 204))
    }
}
