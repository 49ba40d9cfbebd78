//! Lambda's errors as botocore parses them (rest-json: `Error.Code` from the error type,
//! `Error.Message`; the shapes with a lower-case `message` member also show it at the top of the
//! response, as moto 5.2.5 and AWS give it).

use serde_json::json;

use crate::AwsError;

/// `ResourceNotFoundException` (404).
pub(crate) fn not_found(message: impl Into<String>) -> AwsError {
    AwsError::new("ResourceNotFoundException", message, 404)
}

/// `Function not found: <arn>` for the function (and qualifier) asked for.
pub(crate) fn function_not_found(arn: &str) -> AwsError {
    not_found(format!("Function not found: {arn}"))
}

/// `The resource you requested does not exist.`: Lambda's message for a missing layer version,
/// policy or mapping.
pub(crate) fn resource_not_found() -> AwsError {
    let message = "The resource you requested does not exist.";
    let mut e = not_found(message);
    // botocore shows the modelled members of this answer (as moto 5.2.5 sends them).
    e.extra = json!({"Response": {"Type": "User", "Message": message}});
    e
}

fn with_message(code: &str, message: String, status: u16) -> AwsError {
    let mut e = AwsError::new(code, message.clone(), status);
    e.extra = json!({"Response": {"message": message}});
    e
}

/// `InvalidParameterValueException` (400).
pub(crate) fn invalid_parameter(message: impl Into<String>) -> AwsError {
    with_message("InvalidParameterValueException", message.into(), 400)
}

/// `ResourceConflictException` (409).
pub(crate) fn conflict(message: impl Into<String>) -> AwsError {
    with_message("ResourceConflictException", message.into(), 409)
}

/// `PreconditionFailedException` (412): a `RevisionId` that is not the current one.
pub(crate) fn precondition_failed() -> AwsError {
    with_message(
        "PreconditionFailedException",
        "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id".to_owned(),
        412,
    )
}

/// The constraint violations of one request, reported together as Lambda's
/// `ValidationException` does: "2 validation errors detected: Value 'x' at 'a' failed to satisfy
/// constraint: ...; Value ...".
#[derive(Debug, Default)]
pub(crate) struct Violations(Vec<String>);

impl Violations {
    /// Records that `value` at `member` breaks `constraint`.
    pub(crate) fn add(&mut self, value: impl std::fmt::Display, member: &str, constraint: &str) {
        self.0.push(format!("Value '{value}' at '{member}' failed to satisfy constraint: {constraint}"));
    }

    /// `Ok` if nothing was recorded, else the `ValidationException`.
    pub(crate) fn check(self) -> Result<(), AwsError> {
        match self.0.len() {
            0 => Ok(()),
            1 => Err(AwsError::validation(format!("1 validation error detected: {}", self.0[0]))),
            n => Err(AwsError::validation(format!("{n} validation errors detected: {}", self.0.join("; ")))),
        }
    }
}
