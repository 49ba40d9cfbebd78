//! Preparing an `Invoke`: everything Lambda decides before code runs (which function, which
//! version, through which alias, whether the request is valid), with Lambda's errors. The lab
//! runtime runs the code it describes.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::code::zip_files;
use super::errors::{Violations, function_not_found};
use super::names::{function_arn, function_ref};
use super::Lambda;
use crate::AwsError;
use crate::env::Env;
use crate::wire::{Params, as_bytes};

/// The largest synchronous request payload (6 MB) and asynchronous one (1 MB).
const MAX_SYNC_PAYLOAD: usize = 6_291_456;
const MAX_ASYNC_PAYLOAD: usize = 1_048_576;

/// An invocation Lambda has accepted, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedInvoke {
    /// `FunctionName`.
    pub function_name: String,
    /// The unqualified function ARN.
    pub function_arn: String,
    /// The ARN the caller invoked (qualified with the alias or version when one was given), for
    /// the context's `invoked_function_arn`.
    pub invoked_arn: String,
    /// `$LATEST` or the version number that runs (`X-Amz-Executed-Version`).
    pub executed_version: String,
    /// `RequestResponse`, `Event` or `DryRun`.
    pub invocation_type: String,
    /// `LogType=Tail`: the caller wants the last 4 KB of the log, base64, in `LogResult`.
    pub log_tail: bool,
    /// The request payload (empty if none was sent).
    pub payload: Vec<u8>,
    /// `Handler`.
    pub handler: String,
    /// `Runtime`.
    pub runtime: String,
    /// `MemorySize`, MB.
    pub memory_mb: u32,
    /// `Timeout`, seconds.
    pub timeout_s: u32,
    /// `Environment.Variables`.
    pub environment: BTreeMap<String, String>,
    /// Files by absolute path: the function ZIP under /var/task/, each layer ZIP under /opt/
    /// (in order, later layers win), directories skipped.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Changes whenever code or configuration changes (a digest of the version's configuration
    /// with its CodeSha256 and LastModified, so not when only the resource policy changes): the
    /// executor keys warm environments on (function_arn, executed_version, this).
    pub revision_id: String,
    /// Reserved concurrency, if set.
    pub reserved_concurrency: Option<u32>,
    /// `LoggingConfig.LogGroup`.
    pub log_group: String,
}

fn enum_check(v: &mut Violations, value: Option<&str>, member: &str, allowed: &[&str]) {
    if let Some(x) = value
        && !allowed.contains(&x)
    {
        v.add(x, member, &format!("Member must satisfy enum value set: [{}]", allowed.join(", ")));
    }
}

/// A digest of everything about a version that a running environment depends on.
fn deployment_key(name: &str, config: &super::FunctionConfig) -> String {
    use sha2::{Digest, Sha256};
    let mut view = config.to_json(name, "");
    if let Some(m) = view.as_object_mut() {
        m.remove("RevisionId");
    }
    let digest = Sha256::digest(view.to_string().as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// A draw in [0, 1) from the deterministic id source.
fn draw(env: &mut Env<'_>) -> f64 {
    (env.ids.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

impl Lambda {
    /// Resolves an `Invoke` request (botocore's `Invoke` parameters: `FunctionName` as a name,
    /// ARN, partial ARN or `name:qualifier`, `Qualifier`, `InvocationType`, `LogType`,
    /// `Payload`) as Lambda does, without running anything. A weighted alias picks its version
    /// with a deterministic draw from `env`'s ids. Reserved concurrency 0 throttles a synchronous
    /// call here; other concurrency limits are the executor's to enforce.
    pub fn prepare_invoke(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<PreparedInvoke, AwsError> {
        let r = function_ref(p, false)?;
        let mut v = Violations::default();
        enum_check(&mut v, p.opt_str("InvocationType"), "invocationType", &["Event", "RequestResponse", "DryRun"]);
        enum_check(&mut v, p.opt_str("LogType"), "logType", &["None", "Tail"]);
        v.check()?;
        let invocation_type = p.opt_str("InvocationType").unwrap_or("RequestResponse").to_owned();
        let payload = p.get("Payload").and_then(as_bytes).unwrap_or_default();
        let limit = if invocation_type == "Event" { MAX_ASYNC_PAYLOAD } else { MAX_SYNC_PAYLOAD };
        if payload.len() > limit {
            return Err(AwsError::new(
                "RequestEntityTooLargeException",
                format!("{} byte payload is too large for the {invocation_type} invocation type (limit {limit} bytes)", payload.len()),
                413,
            ));
        }
        if !payload.is_empty()
            && let Err(e) = serde_json::from_slice::<Value>(&payload)
        {
            return Err(AwsError::new(
                "InvalidRequestContentException",
                format!("Could not parse request body into json: Could not parse payload into json: {e}"),
                400,
            ));
        }
        let f = self.function_of(&r)?;
        let missing = || function_not_found(&function_arn(&r.name, r.qualifier.as_deref().unwrap_or("")));
        let executed_version = match r.qualifier.as_deref() {
            None | Some("$LATEST") => "$LATEST".to_owned(),
            Some(q) if q.bytes().all(|b| b.is_ascii_digit()) => {
                f.config(q).ok_or_else(missing)?;
                q.to_owned()
            }
            Some(alias) => {
                let a = f.aliases.get(alias).ok_or_else(missing)?;
                let mut chosen = a.version.clone();
                let x = draw(env);
                let mut acc = 0.0;
                for (version, weight) in &a.weights {
                    acc += weight;
                    if x < acc {
                        chosen = version.clone();
                        break;
                    }
                }
                chosen
            }
        };
        let config = f.config(&executed_version).ok_or_else(missing)?;
        if f.reserved_concurrency == Some(0) && invocation_type == "RequestResponse" {
            let mut e = AwsError::new("TooManyRequestsException", "Rate Exceeded.", 429);
            e.extra = json!({"Response": {"Reason": "ReservedFunctionConcurrentInvocationLimitExceeded", "Type": "User", "message": "Rate Exceeded."}});
            return Err(e);
        }
        let mut files = BTreeMap::new();
        let task = zip_files(&config.zip).map_err(|e| AwsError::new("ServiceException", format!("the function's ZIP cannot be read: {e}"), 500))?;
        files.extend(task.into_iter().map(|(path, data)| (format!("/var/task/{path}"), data)));
        for layer in &config.layers {
            if let Some(l) = self.layer_by_arn(&layer.arn) {
                let content = zip_files(&l.zip).unwrap_or_default();
                files.extend(content.into_iter().map(|(path, data)| (format!("/opt/{path}"), data)));
            }
        }
        Ok(PreparedInvoke {
            function_name: f.name.clone(),
            function_arn: function_arn(&f.name, ""),
            invoked_arn: function_arn(&f.name, r.qualifier.as_deref().unwrap_or("")),
            executed_version,
            invocation_type,
            log_tail: p.opt_str("LogType") == Some("Tail"),
            payload,
            handler: config.handler.clone(),
            runtime: config.runtime.clone(),
            memory_mb: config.memory_mb,
            timeout_s: config.timeout_s,
            environment: config.environment.clone().unwrap_or_default(),
            files,
            revision_id: deployment_key(&f.name, config),
            reserved_concurrency: f.reserved_concurrency,
            log_group: config.log_group.clone(),
        })
    }
}
