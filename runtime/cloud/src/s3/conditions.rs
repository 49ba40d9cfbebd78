//! Conditional requests: `IfMatch`, `IfNoneMatch`, `IfModifiedSince` and `IfUnmodifiedSince`
//! on GetObject and HeadObject, and CopyObject's `CopySourceIf*`, combined as S3 documents
//! (RFC 7232): a matching `IfMatch` makes `IfUnmodifiedSince` irrelevant, an `IfNoneMatch`
//! makes `IfModifiedSince` irrelevant. A failed read precondition is 412 `PreconditionFailed`
//! (with the `Condition` that failed), a read that would return what the caller has is 304;
//! a failed copy precondition is always 412. Writes (PutObject, CompleteMultipartUpload) take
//! `IfNoneMatch: "*"` (only if the key is free) and `IfMatch` (only over that ETag; 404 when
//! there is no object), AWS's conditional writes since 2024.
//!
//! moto 5.2.5 checks only some of these (CopyObject: only `CopySourceIfNoneMatch`), fails a
//! matching `IfMatch` with an old `IfUnmodifiedSince`, and treats `*` as no ETag; this follows
//! AWS. Dates compare in whole seconds, as S3 keeps `LastModified`.

use serde_json::{Value, json};

use super::Object;
use crate::AwsError;
use crate::wire::Params;

/// Why a precondition stops a request.
enum Failed {
    /// 412, naming the condition (`If-Match`, `x-amz-copy-source-If-Match`, ...).
    Precondition(&'static str),
    /// 304.
    NotModified,
}

/// Whether an `If-Match`/`If-None-Match` value (`*`, or ETags separated by commas, quoted or
/// not) names the object.
fn names(value: &str, obj: &Object) -> bool {
    value.split(',').map(|v| v.trim().trim_matches('"')).any(|v| v == "*" || v == obj.etag)
}

/// A timestamp parameter as epoch seconds: botocore's ISO 8601 text
/// (`2026-01-15T12:00:00Z`, fractions and offsets allowed), or a tagged `{"$timestamp": ms}`.
pub(super) fn param_seconds(v: &Value) -> Option<i64> {
    if let Some(ms) = v.get("$timestamp").and_then(Value::as_i64) {
        return Some(ms.div_euclid(1000));
    }
    if let Some(n) = v.as_f64() {
        return Some(n.floor() as i64);
    }
    let s = v.as_str()?.trim();
    let num = |range: std::ops::Range<usize>| s.get(range).and_then(|t| t.parse::<i64>().ok());
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = if s.len() > 10 { (num(11..13)?, num(14..16)?, num(17..19).unwrap_or(0)) } else { (0, 0, 0) };
    let rest = s.get(19..).unwrap_or_default();
    let rest = rest.strip_prefix('.').map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
    let offset = match rest {
        "" | "Z" | "z" => 0,
        r if r.len() == 6 && (r.starts_with('+') || r.starts_with('-')) => {
            let sign = if r.starts_with('-') { -1 } else { 1 };
            sign * (r[1..3].parse::<i64>().ok()? * 3600 + r[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The four conditions under the parameter names `names` (`[if-match, if-none-match,
/// if-modified-since, if-unmodified-since]`) and the `Condition` each reports.
fn check(p: Params<'_>, obj: &Object, params: [&str; 4], conditions: [&'static str; 4]) -> Result<(), Failed> {
    let modified = obj.last_modified_ms.div_euclid(1000);
    let time = |name: &str| p.get(name).and_then(param_seconds);
    if let Some(wanted) = p.opt_str(params[0]) {
        if !names(wanted, obj) {
            return Err(Failed::Precondition(conditions[0]));
        }
    } else if let Some(since) = time(params[3])
        && modified > since
    {
        return Err(Failed::Precondition(conditions[3]));
    }
    if let Some(unwanted) = p.opt_str(params[1]) {
        if names(unwanted, obj) {
            return Err(if conditions[1].starts_with("x-amz") { Failed::Precondition(conditions[1]) } else { Failed::NotModified });
        }
    } else if let Some(since) = time(params[2])
        && modified <= since
    {
        return Err(if conditions[2].starts_with("x-amz") { Failed::Precondition(conditions[2]) } else { Failed::NotModified });
    }
    Ok(())
}

fn precondition_failed(condition: &str) -> AwsError {
    AwsError::new("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412)
        .with_error_fields(json!({"Condition": condition}))
}

/// GetObject's and HeadObject's conditions (HEAD errors are bodiless: botocore sees only the
/// status).
pub(super) fn check_read(p: Params<'_>, obj: &Object, with_body: bool) -> Result<(), AwsError> {
    let params = ["IfMatch", "IfNoneMatch", "IfModifiedSince", "IfUnmodifiedSince"];
    let conditions = ["If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since"];
    match check(p, obj, params, conditions) {
        Ok(()) => Ok(()),
        Err(Failed::NotModified) => Err(AwsError::new("304", "Not Modified", 304)),
        Err(Failed::Precondition(condition)) if with_body => Err(precondition_failed(condition)),
        Err(Failed::Precondition(_)) => Err(AwsError::new("412", "Precondition Failed", 412)),
    }
}

/// CopyObject's conditions on its source.
pub(super) fn check_copy_source(p: Params<'_>, source: &Object) -> Result<(), AwsError> {
    let params = ["CopySourceIfMatch", "CopySourceIfNoneMatch", "CopySourceIfModifiedSince", "CopySourceIfUnmodifiedSince"];
    let conditions = [
        "x-amz-copy-source-If-Match",
        "x-amz-copy-source-If-None-Match",
        "x-amz-copy-source-If-Modified-Since",
        "x-amz-copy-source-If-Unmodified-Since",
    ];
    match check(p, source, params, conditions) {
        Ok(()) => Ok(()),
        Err(Failed::Precondition(condition)) => Err(precondition_failed(condition)),
        Err(Failed::NotModified) => Err(precondition_failed(conditions[1])),
    }
}

/// PutObject's and CompleteMultipartUpload's conditions against the object now at the key.
pub(super) fn check_write(p: Params<'_>, existing: Option<&Object>) -> Result<(), AwsError> {
    if let Some(unwanted) = p.opt_str("IfNoneMatch")
        && existing.is_some_and(|obj| names(unwanted, obj))
    {
        return Err(precondition_failed("If-None-Match"));
    }
    if let Some(wanted) = p.opt_str("IfMatch") {
        match existing {
            None => return Err(AwsError::new("NoSuchKey", "The specified key does not exist.", 404)),
            Some(obj) if !names(wanted, obj) => return Err(precondition_failed("If-Match")),
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_parse_as_botocore_sends_them() {
        assert_eq!(param_seconds(&json!("2026-01-15T12:00:00Z")), Some(1_768_478_400));
        assert_eq!(param_seconds(&json!("2026-01-15T12:00:00.999Z")), Some(1_768_478_400));
        assert_eq!(param_seconds(&json!("2026-01-15T13:30:00+01:30")), Some(1_768_478_400));
        assert_eq!(param_seconds(&json!({"$timestamp": 1_768_478_400_500_i64})), Some(1_768_478_400));
        assert_eq!(param_seconds(&json!("1970-01-01")), Some(0));
        assert_eq!(param_seconds(&json!("yesterday")), None);
    }
}
