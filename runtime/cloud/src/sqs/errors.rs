//! SQS's errors as botocore parses them: the legacy query code, the modelled `QueryErrorCode`
//! and `Type: Sender`.

use serde_json::json;

use crate::AwsError;

/// Error shapes botocore's SQS model has, each with a `message` member.
const MODELLED_ERRORS: &[&str] = &[
    "BatchEntryIdsNotDistinct",
    "BatchRequestTooLong",
    "EmptyBatchRequest",
    "InvalidAddress",
    "InvalidAttributeName",
    "InvalidAttributeValue",
    "InvalidBatchEntryId",
    "InvalidMessageContents",
    "InvalidSecurity",
    "OverLimit",
    "PurgeQueueInProgress",
    "QueueDeletedRecently",
    "QueueDoesNotExist",
    "QueueNameExists",
    "ReceiptHandleIsInvalid",
    "RequestThrottled",
    "ResourceNotFoundException",
    "TooManyEntriesInBatchRequest",
    "UnsupportedOperation",
];

/// An SQS error as botocore parses it: legacy code, modelled `QueryErrorCode`, `Type: Sender`.
///
/// When the code is the modelled shape's own name, botocore also parses the body's `message`
/// member into the response (`e.response["message"]`), as moto 5.2.5 shows.
pub(super) fn sqs_error(code: &str, query_code: &str, message: impl Into<String>, status: u16) -> AwsError {
    let message = message.into();
    let mut e = AwsError::new(code, message.clone(), status).with_error_fields(json!({"QueryErrorCode": query_code, "Type": "Sender"}));
    if code == query_code && MODELLED_ERRORS.contains(&query_code) {
        e.extra["Response"] = json!({"message": message});
    }
    e
}

pub(super) fn queue_does_not_exist() -> AwsError {
    sqs_error("AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", "The specified queue does not exist.", 400)
}

pub(super) fn invalid_parameter_value(message: impl Into<String>) -> AwsError {
    sqs_error("InvalidParameterValue", "InvalidParameterValue", message, 400)
}

pub(super) fn missing_parameter(name: &str) -> AwsError {
    sqs_error(
        "MissingParameter",
        "MissingRequiredParameterException",
        format!("The request must contain the parameter {name}."),
        400,
    )
}

pub(super) fn invalid_attribute_name(name: &str) -> AwsError {
    sqs_error("InvalidAttributeName", "InvalidAttributeName", format!("Unknown Attribute {name}."), 400)
}

pub(super) fn invalid_attribute_value(name: &str) -> AwsError {
    sqs_error("InvalidAttributeValue", "InvalidAttributeValue", format!("Invalid value for the parameter {name}."), 400)
}

pub(super) fn receipt_handle_invalid(handle: &str) -> AwsError {
    sqs_error(
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        format!("The input receipt handle \"{handle}\" is not a valid receipt handle."),
        400,
    )
}

pub(super) fn receipt_handle_other_queue(handle: &str) -> AwsError {
    sqs_error(
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        format!("The receipt handle \"{handle}\" is not valid for this queue."),
        400,
    )
}

pub(super) fn receipt_handle_expired(handle: &str) -> AwsError {
    invalid_parameter_value(format!(
        "Value {handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired."
    ))
}
