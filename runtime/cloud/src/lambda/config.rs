//! A version's configuration (`$LATEST` or a published version) and its `FunctionConfiguration`
//! JSON, as Lambda writes it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::names::function_arn;
use crate::env::{REGION, iso_millis};

/// A layer a function uses.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerRef {
    /// The layer version's ARN.
    pub arn: String,
    /// Its ZIP's size.
    pub code_size: u64,
}

/// The configuration and code of one version of a function.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionConfig {
    /// `$LATEST` or the version number.
    pub version: String,
    /// `Runtime`.
    pub runtime: String,
    /// `Role` (ARN).
    pub role: String,
    /// `Handler` (`file.function` for Python).
    pub handler: String,
    /// `Description`.
    pub description: String,
    /// `Timeout`, seconds.
    pub timeout_s: u32,
    /// `MemorySize`, MB.
    pub memory_mb: u32,
    /// `Environment.Variables`, if the function has an environment.
    pub environment: Option<BTreeMap<String, String>>,
    /// `Layers`, in order.
    pub layers: Vec<LayerRef>,
    /// The deployment package.
    pub zip: Arc<Vec<u8>>,
    /// `CodeSha256`.
    pub code_sha256: String,
    /// `LastModified`, epoch milliseconds.
    pub last_modified_ms: i64,
    /// `RevisionId`: changes with every update.
    pub revision_id: String,
    /// `EphemeralStorage.Size`, MB.
    pub ephemeral_mb: u32,
    /// `TracingConfig.Mode` (`PassThrough` or `Active`).
    pub tracing_mode: String,
    /// `Architectures`.
    pub architectures: Vec<String>,
    /// `LoggingConfig.LogFormat` (`Text` or `JSON`).
    pub log_format: String,
    /// `LoggingConfig.LogGroup`.
    pub log_group: String,
    /// `DeadLetterConfig.TargetArn`.
    pub dead_letter_target: Option<String>,
}

/// Lambda's `LastModified`: `2026-01-15T12:00:00.000+0000`.
pub(crate) fn last_modified(epoch_ms: i64) -> String {
    let iso = iso_millis(epoch_ms);
    format!("{}+0000", iso.trim_end_matches('Z'))
}

/// The runtime version ARN Lambda reports for `runtime` (stable per runtime here).
fn runtime_version_arn(runtime: &str) -> String {
    let digest = Sha256::digest(runtime.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("arn:aws:lambda:{REGION}::runtime:{hex}")
}

impl FunctionConfig {
    /// `CodeSize`: the ZIP's size in bytes.
    pub fn code_size(&self) -> u64 {
        self.zip.len() as u64
    }

    /// The `FunctionConfiguration` of function `name`, its `FunctionArn` qualified with
    /// `arn_qualifier` (empty: unqualified, as GetFunction without a qualifier answers).
    pub fn to_json(&self, name: &str, arn_qualifier: &str) -> Value {
        let mut v = json!({
            "FunctionName": name,
            "FunctionArn": function_arn(name, arn_qualifier),
            "Runtime": self.runtime,
            "Role": self.role,
            "Handler": self.handler,
            "CodeSize": self.code_size(),
            "Description": self.description,
            "Timeout": self.timeout_s,
            "MemorySize": self.memory_mb,
            "LastModified": last_modified(self.last_modified_ms),
            "CodeSha256": self.code_sha256,
            "Version": self.version,
            "TracingConfig": {"Mode": self.tracing_mode},
            "RevisionId": self.revision_id,
            "State": "Active",
            "LastUpdateStatus": "Successful",
            "PackageType": "Zip",
            "Architectures": self.architectures,
            "EphemeralStorage": {"Size": self.ephemeral_mb},
            "SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"},
            "RuntimeVersionConfig": {"RuntimeVersionArn": runtime_version_arn(&self.runtime)},
            "LoggingConfig": {"LogFormat": self.log_format, "LogGroup": self.log_group},
        });
        if let Some(vars) = &self.environment {
            v["Environment"] = json!({"Variables": vars});
        }
        if !self.layers.is_empty() {
            v["Layers"] = self.layers.iter().map(|l| json!({"Arn": l.arn, "CodeSize": l.code_size})).collect();
        }
        if let Some(target) = &self.dead_letter_target {
            v["DeadLetterConfig"] = json!({"TargetArn": target});
        }
        v
    }

    /// Whether `other` has the same code and configuration (PublishVersion publishes nothing new
    /// when the latest version already has them).
    pub fn same_as(&self, other: &FunctionConfig) -> bool {
        let strip = |c: &FunctionConfig| {
            let mut c = c.clone();
            c.version = String::new();
            c.last_modified_ms = 0;
            c.revision_id = String::new();
            c.description = String::new();
            c
        };
        strip(self) == strip(other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_modified_is_lambdas_format() {
        assert_eq!(last_modified(1_768_478_400_000), "2026-01-15T12:00:00.000+0000");
    }
}
