//! Entry point of the `sns_filter_policy` fuzz target (`fuzz/`, feature `fuzzing`): the
//! filter-policy parser is private to SNS, and a policy is only worth checking together with
//! the matching it drives.

use serde_json::Value;

use super::filter::{Scope, Wording, matches_attributes, matches_body, parse};

/// Parses `policy` in both scopes and, where it is valid, matches `message` with it (as a
/// body, and as SNS message attributes when it is a JSON object). Never panics.
pub fn filter_policy(policy: &str, message: &str) {
    for (scope, wording) in [(Scope::MessageAttributes, Wording::SUBSCRIBE), (Scope::MessageBody, Wording::SET)] {
        let Ok(policy) = parse(policy, scope, wording) else { continue };
        match scope {
            Scope::MessageBody => {
                matches_body(&policy, message);
            }
            Scope::MessageAttributes => {
                if let Ok(Value::Object(attributes)) = serde_json::from_str::<Value>(message) {
                    matches_attributes(&policy, &attributes);
                }
            }
        }
    }
}
