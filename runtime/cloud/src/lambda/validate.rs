//! What Lambda checks before it accepts a configuration: the runtime (known, and not blocked
//! for creation), the role ARN, memory, timeout, `/tmp` size, handler and environment.

use std::collections::BTreeMap;

use serde_json::Value;

use super::errors::{Violations, invalid_parameter};
use crate::AwsError;

/// Every value of botocore 1.44.8's `Runtime` enum, in the model's order (the order of the
/// ValidationException's "enum value set").
pub(crate) const RUNTIMES: &[&str] = &[
    "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x",
    "nodejs20.x", "nodejs22.x", "nodejs24.x", "java8", "java8.al2", "java11", "java17", "java21", "java25", "python2.7",
    "python3.6", "python3.7", "python3.8", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14",
    "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "dotnet10", "nodejs4.3-edge",
    "go1.x", "ruby2.5", "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4", "ruby4.0", "provided", "provided.al2", "provided.al2023",
    "nodejs26.x", "python3.15", "java8.al2023", "java11.al2023", "java17.al2023", "custom",
];

/// Runtimes past their "block function create" date as of the course (December 2026), from
/// AWS's runtime deprecation tables (python3.10: Nov 30 2026; nodejs20.x: Aug 31 2026;
/// python3.9 and ruby3.2 earlier in 2026; the rest long before).
pub(crate) const BLOCKED_RUNTIMES: &[&str] = &[
    "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs18.x",
    "nodejs20.x", "nodejs4.3-edge", "java8", "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "python3.10",
    "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "go1.x", "ruby2.5", "ruby2.7", "ruby3.2",
    "provided",
];

/// The runtime Lambda's refusal recommends instead of a blocked one.
fn successor(runtime: &str) -> &'static str {
    match runtime {
        r if r.starts_with("python") => "python3.14",
        r if r.starts_with("nodejs") => "nodejs24.x",
        r if r.starts_with("java") => "java25",
        r if r.starts_with("dotnet") => "dotnet10",
        r if r.starts_with("ruby") => "ruby3.4",
        _ => "provided.al2023",
    }
}

/// The role pattern of botocore's `RoleArn` shape.
pub(crate) const ROLE_PATTERN: &str = r"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";

/// Whether `arn` matches [`ROLE_PATTERN`].
pub(crate) fn role_arn_ok(arn: &str) -> bool {
    let Some(rest) = arn.strip_prefix("arn:") else { return false };
    let Some((partition, rest)) = rest.split_once(':') else { return false };
    let partition_ok = partition.is_empty()
        || partition.strip_prefix("aws").is_some_and(|s| s.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-'));
    let Some(rest) = rest.strip_prefix("iam::") else { return false };
    let (account, rest) = rest.split_at_checked(12).unwrap_or(("", ""));
    let Some(name) = rest.strip_prefix(":role") else { return false };
    partition_ok
        && account.bytes().all(|b| b.is_ascii_digit())
        && account.len() == 12
        && !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"_+=,.@-/".contains(&b))
}

/// Environment variable names Lambda sets itself and refuses to take.
const RESERVED_VARIABLES: &[&str] = &[
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
];

/// Checks the members of a CreateFunction/UpdateFunctionConfiguration request that have a
/// model constraint, all at once (Lambda reports every violation in one message).
pub(crate) fn check_constraints(p: &Value) -> Result<(), AwsError> {
    let mut v = Violations::default();
    if let Some(runtime) = p.get("Runtime").and_then(Value::as_str)
        && !RUNTIMES.contains(&runtime)
    {
        v.add(runtime, "runtime", &format!("Member must satisfy enum value set: [{}]", RUNTIMES.join(", ")));
    }
    if let Some(role) = p.get("Role").and_then(Value::as_str)
        && !role_arn_ok(role)
    {
        v.add(role, "role", &format!("Member must satisfy regular expression pattern: {ROLE_PATTERN}"));
    }
    if let Some(handler) = p.get("Handler").and_then(Value::as_str) {
        if handler.len() > 128 {
            v.add(handler, "handler", "Member must have length less than or equal to 128");
        } else if handler.is_empty() || handler.chars().any(char::is_whitespace) {
            v.add(handler, "handler", r"Member must satisfy regular expression pattern: [^\s]+");
        }
    }
    let ranges = [("MemorySize", "memorySize", 128, 10_240), ("Timeout", "timeout", 1, 900)];
    for (key, member, min, max) in ranges {
        if let Some(n) = p.get(key).and_then(Value::as_i64) {
            if n < min {
                v.add(n, member, &format!("Member must have value greater than or equal to {min}"));
            } else if n > max {
                v.add(n, member, &format!("Member must have value less than or equal to {max}"));
            }
        }
    }
    if let Some(size) = p.get("EphemeralStorage").and_then(|e| e.get("Size")).and_then(Value::as_i64)
        && !(512..=10_240).contains(&size)
    {
        let bound = if size < 512 { "greater than or equal to 512" } else { "less than or equal to 10240" };
        v.add(size, "ephemeralStorage.size", &format!("Member must have value {bound}"));
    }
    if let Some(d) = p.get("Description").and_then(Value::as_str)
        && d.chars().count() > 256
    {
        v.add(d, "description", "Member must have length less than or equal to 256");
    }
    v.check()
}

/// Refuses a runtime that is past its block date, as Lambda does.
pub(crate) fn check_runtime_allowed(runtime: &str) -> Result<(), AwsError> {
    if BLOCKED_RUNTIMES.contains(&runtime) {
        return Err(invalid_parameter(format!(
            "The runtime parameter of {runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime ({}) while creating or updating functions.",
            successor(runtime)
        )));
    }
    Ok(())
}

/// The `Environment.Variables` of a request, checked as Lambda checks them.
pub(crate) fn environment(env: &Value) -> Result<BTreeMap<String, String>, AwsError> {
    let mut vars = BTreeMap::new();
    if let Some(map) = env.get("Variables").and_then(Value::as_object) {
        for (k, val) in map {
            let text = match val {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            vars.insert(k.clone(), text);
        }
    }
    let bad_key = vars.keys().any(|k| {
        let mut chars = k.chars();
        !(chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && k.len() >= 2 && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
    });
    if bad_key {
        return Err(AwsError::validation(
            "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
        ));
    }
    let reserved: Vec<&str> = vars.keys().map(String::as_str).filter(|k| RESERVED_VARIABLES.contains(k)).collect();
    if !reserved.is_empty() {
        return Err(invalid_parameter(format!(
            "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: {}",
            reserved.join(", ")
        )));
    }
    let measured = serde_json::to_string(&vars).unwrap_or_default();
    if measured.len() > 4096 {
        return Err(invalid_parameter(format!(
            "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {measured}"
        )));
    }
    Ok(vars)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn constraints(v: Value) -> Result<(), AwsError> {
        check_constraints(&v)
    }

    #[test]
    fn an_unknown_runtime_gets_the_enum_message() {
        let e = constraints(json!({"Runtime": "python3.99"})).unwrap_err();
        assert_eq!(e.code, "ValidationException");
        assert!(e.message.starts_with("1 validation error detected: Value 'python3.99' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs, nodejs4.3,"), "{}", e.message);
        assert!(constraints(json!({"Runtime": "python3.13"})).is_ok());
    }

    #[test]
    fn blocked_runtimes_are_refused_with_a_successor() {
        let e = check_runtime_allowed("python3.9").unwrap_err();
        assert_eq!(e.code, "InvalidParameterValueException");
        assert_eq!(e.message, "The runtime parameter of python3.9 is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (python3.14) while creating or updating functions.");
        assert!(check_runtime_allowed("python3.10").is_err());
        assert!(check_runtime_allowed("python3.11").is_ok());
        assert!(check_runtime_allowed("nodejs22.x").is_ok());
    }

    #[test]
    fn role_arns_follow_the_model_pattern() {
        assert!(role_arn_ok("arn:aws:iam::123456789012:role/lambda-ex"));
        assert!(role_arn_ok("arn:aws:iam::123456789012:role/service-role/x"));
        for bad in ["lambda-ex", "arn:aws:iam::12345:role/x", "arn:aws:iam::123456789012:user/x", "arn:aws:iam::123456789012:role", "arn:aws:iam::123456789012:role/a b"] {
            assert!(!role_arn_ok(bad), "{bad}");
        }
        let e = constraints(json!({"Role": "lambda-ex"})).unwrap_err();
        assert_eq!(e.message, format!("1 validation error detected: Value 'lambda-ex' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: {ROLE_PATTERN}"));
    }

    #[test]
    fn several_violations_are_reported_together() {
        let e = constraints(json!({"MemorySize": 20000, "Timeout": 0})).unwrap_err();
        assert_eq!(
            e.message,
            "2 validation errors detected: Value '20000' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240; Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1"
        );
        assert!(constraints(json!({"MemorySize": 10240, "Timeout": 900})).is_ok());
        assert!(constraints(json!({"Timeout": 901})).unwrap_err().message.contains("less than or equal to 900"));
    }

    #[test]
    fn environment_variables_are_checked_like_lambda() {
        assert_eq!(environment(&json!({"Variables": {"STAGE": "dev"}})).unwrap()["STAGE"], "dev");
        let e = environment(&json!({"Variables": {"AWS_REGION": "eu-west-1"}})).unwrap_err();
        assert!(e.message.ends_with("Reserved keys used in this request: AWS_REGION"), "{}", e.message);
        assert_eq!(environment(&json!({"Variables": {"1X": "a"}})).unwrap_err().code, "ValidationException");
        assert_eq!(environment(&json!({"Variables": {"A": "a"}})).unwrap_err().code, "ValidationException", "Lambda wants two characters at least");
        let e = environment(&json!({"Variables": {"BIG": "x".repeat(5000)}})).unwrap_err();
        assert!(e.message.contains("exceeded the 4KB limit"));
    }
}
