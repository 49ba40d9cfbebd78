//! Function names as Lambda accepts them: a name (`my-function`), a name with a qualifier
//! (`my-function:prod`), a partial ARN (`123456789012:function:my-function`) or a full ARN
//! (`arn:aws:lambda:us-east-1:123456789012:function:my-function:3`); and the ARNs Lambda writes.

use super::errors::{Violations, invalid_parameter};
use crate::AwsError;
use crate::env::{ACCOUNT_ID, REGION};
use crate::wire::Params;

/// The `FunctionName` pattern of CreateFunction (botocore's `FunctionName` shape).
pub(crate) const FUNCTION_NAME_PATTERN: &str = r"(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";
/// The `FunctionName` pattern of the other operations (botocore's `NamespacedFunctionName`).
pub(crate) const NAMESPACED_FUNCTION_NAME_PATTERN: &str = r"(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";

/// The ARN of function `name`, qualified unless `qualifier` is empty.
pub fn function_arn(name: &str, qualifier: &str) -> String {
    let base = format!("arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{name}");
    if qualifier.is_empty() { base } else { format!("{base}:{qualifier}") }
}

/// The ARN of layer `name` (without a version).
pub fn layer_arn(name: &str) -> String {
    format!("arn:aws:lambda:{REGION}:{ACCOUNT_ID}:layer:{name}")
}

/// The ARN of version `version` of layer `name`.
pub(crate) fn layer_version_arn(name: &str, version: u32) -> String {
    format!("{}:{version}", layer_arn(name))
}

fn name_chars(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_region(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts.last().is_some_and(|d| d.len() == 1 && d.bytes().all(|b| b.is_ascii_digit()))
}

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A parsed `FunctionName`: the function's name and the qualifier written in it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FunctionRef {
    /// The function's name.
    pub name: String,
    /// The qualifier in the name (`my-function:prod`), if any.
    pub qualifier: Option<String>,
}

/// Parses `value` as a FunctionName, or `None` if it breaks the pattern.
fn parse(value: &str) -> Option<FunctionRef> {
    let mut parts: Vec<&str> = value.split(':').collect();
    if parts.first() == Some(&"arn") {
        if parts.len() < 4 || !parts[1].starts_with("aws") || parts[2] != "lambda" {
            return None;
        }
        parts.drain(..3);
    }
    let mut rest = parts.as_slice();
    if rest.len() > 1 && is_region(rest[0]) {
        rest = &rest[1..];
    }
    if rest.len() > 1 && is_account(rest[0]) {
        rest = &rest[1..];
    }
    if rest.len() > 1 && rest[0] == "function" {
        rest = &rest[1..];
    }
    match rest {
        [name] if name_chars(name) => Some(FunctionRef { name: (*name).to_owned(), qualifier: None }),
        [name, q] if name_chars(name) && (*q == "$LATEST" || name_chars(q)) => {
            Some(FunctionRef { name: (*name).to_owned(), qualifier: Some((*q).to_owned()) })
        }
        _ => None,
    }
}

/// The function a request names: `FunctionName` (in any of its forms) and `Qualifier`, which
/// must agree when both give one. `create` selects CreateFunction's stricter pattern.
pub(crate) fn function_ref(p: Params<'_>, create: bool) -> Result<FunctionRef, AwsError> {
    let value = p.str("FunctionName")?;
    let qualifier = p.opt_str("Qualifier");
    let mut v = Violations::default();
    let pattern = if create { FUNCTION_NAME_PATTERN } else { NAMESPACED_FUNCTION_NAME_PATTERN };
    let parsed = parse(value);
    if parsed.is_none() {
        v.add(value, "functionName", &format!("Member must satisfy regular expression pattern: {pattern}"));
    }
    if value.len() > if create { 140 } else { 256 } {
        v.add(value, "functionName", &format!("Member must have length less than or equal to {}", if create { 140 } else { 256 }));
    }
    if let Some(q) = qualifier
        && !q.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'$' || b == b'_' || b == b'-')
    {
        v.add(q, "qualifier", "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)");
    }
    v.check()?;
    let mut r = parsed.expect("checked above");
    if r.name.len() > 64 {
        return Err(AwsError::validation(format!(
            "1 validation error detected: Value '{value}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64"
        )));
    }
    match (&r.qualifier, qualifier) {
        (Some(a), Some(b)) if a != b => {
            return Err(invalid_parameter("The derived qualifier from the function name does not match the specified qualifier."));
        }
        (None, Some(b)) => r.qualifier = Some(b.to_owned()),
        _ => {}
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn parsed(p: serde_json::Value) -> Result<FunctionRef, AwsError> {
        function_ref(Params(&p), false)
    }

    #[test]
    fn every_form_lambda_accepts_names_the_same_function() {
        for form in [
            "my-fn",
            "function:my-fn",
            "123456789012:function:my-fn",
            "us-east-1:123456789012:function:my-fn",
            "arn:aws:lambda:us-east-1:123456789012:function:my-fn",
        ] {
            assert_eq!(parsed(json!({"FunctionName": form})).unwrap(), FunctionRef { name: "my-fn".into(), qualifier: None }, "{form}");
        }
        let q = parsed(json!({"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:my-fn:prod"})).unwrap();
        assert_eq!(q.qualifier.as_deref(), Some("prod"));
        assert_eq!(parsed(json!({"FunctionName": "my-fn:$LATEST"})).unwrap().qualifier.as_deref(), Some("$LATEST"));
        assert_eq!(parsed(json!({"FunctionName": "my-fn", "Qualifier": "3"})).unwrap().qualifier.as_deref(), Some("3"));
    }

    #[test]
    fn a_qualifier_in_the_name_must_match_the_qualifier_parameter() {
        let e = parsed(json!({"FunctionName": "my-fn:1", "Qualifier": "2"})).unwrap_err();
        assert_eq!(e.code, "InvalidParameterValueException");
        assert_eq!(e.message, "The derived qualifier from the function name does not match the specified qualifier.");
        assert!(parsed(json!({"FunctionName": "my-fn:1", "Qualifier": "1"})).is_ok());
    }

    #[test]
    fn malformed_names_get_the_pattern_message() {
        let e = parsed(json!({"FunctionName": "my fn"})).unwrap_err();
        assert_eq!(e.code, "ValidationException");
        assert!(e.message.starts_with("1 validation error detected: Value 'my fn' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:"), "{}", e.message);
        assert!(parsed(json!({"FunctionName": "a:b:c"})).is_err());
        let long = "x".repeat(65);
        assert!(parsed(json!({"FunctionName": long})).unwrap_err().message.ends_with("less than or equal to 64"));
    }
}
