//! The error every mock operation returns, shaped like what botocore raises.

use serde_json::{Value, json};

/// An error response from a service: botocore turns it into `ClientError` (or the modelled
/// subclass named by `code`) with `response['Error'] == {'Code': code, 'Message': message}`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("An error occurred ({code}) when calling the {operation} operation: {message}")]
pub struct AwsError {
    /// The operation, PascalCase (`GetObject`); filled in by [`crate::Cloud`] if left empty.
    pub operation: String,
    /// The error code, e.g. `NoSuchKey`, `ConditionalCheckFailedException`, `404`.
    pub code: String,
    /// The message exactly as AWS (moto) gives it.
    pub message: String,
    /// HTTP status code of the error response.
    pub status: u16,
    /// Extra members of the `Error` dict some errors carry (S3's `Key`, `BucketName`…), and
    /// top-level response members (DynamoDB's `Item` on a failed condition with
    /// `ReturnValuesOnConditionCheckFailure`), under `"Error"`/`"Response"` keys.
    pub extra: Value,
}

impl AwsError {
    /// An error with `code`, `message` and HTTP `status`; the operation is set by the caller.
    pub fn new(code: impl Into<String>, message: impl Into<String>, status: u16) -> AwsError {
        AwsError {
            operation: String::new(),
            code: code.into(),
            message: message.into(),
            status,
            extra: Value::Null,
        }
    }

    /// DynamoDB/SQS/SNS-style `ValidationException` (HTTP 400).
    pub fn validation(message: impl Into<String>) -> AwsError {
        AwsError::new("ValidationException", message, 400)
    }

    /// Adds members to the `Error` dict.
    pub fn with_error_fields(mut self, fields: Value) -> AwsError {
        let mut extra = self.extra.take();
        if !extra.is_object() {
            extra = json!({});
        }
        extra["Error"] = fields;
        self.extra = extra;
        self
    }

    /// The `response` dict botocore attaches to `ClientError`.
    pub fn response(&self) -> Value {
        let mut error = json!({"Code": self.code, "Message": self.message});
        if let Some(fields) = self.extra.get("Error").and_then(Value::as_object) {
            for (k, v) in fields {
                error[k] = v.clone();
            }
        }
        let mut response = json!({
            "Error": error,
            "ResponseMetadata": {"HTTPStatusCode": self.status},
        });
        if let Some(fields) = self.extra.get("Response").and_then(Value::as_object) {
            for (k, v) in fields {
                response[k] = v.clone();
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_botocore() {
        let mut e = AwsError::new("NoSuchKey", "The specified key does not exist.", 404);
        e.operation = "GetObject".into();
        assert_eq!(
            e.to_string(),
            "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist."
        );
        let e = e.with_error_fields(json!({"Key": "a.txt"}));
        assert_eq!(e.response()["Error"], json!({"Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": "a.txt"}));
        assert_eq!(e.response()["ResponseMetadata"]["HTTPStatusCode"], 404);
    }
}

/// The error for a real AWS operation the mock does not implement: never a silent wrong answer.
pub fn not_implemented(service: &str, operation: &str) -> AwsError {
    AwsError::new(
        "NotImplemented",
        format!("labbook's mock {service} does not implement {operation}; the labs use only the operations listed in the course"),
        501,
    )
}
