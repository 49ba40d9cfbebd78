//! AWS Lambda's control plane: functions, versions, aliases, layers, concurrency, event source
//! mappings, resource policies and asynchronous invocation settings, answering boto3 (and the
//! terminal's `aws lambda ...`) as Lambda does: the same shapes, error codes, HTTP statuses and
//! messages ("Function not found: arn:aws:lambda:us-east-1:123456789012:function:name").
//!
//! The cloud does not run code. `Invoke` is executed one layer up, by the lab runtime, which
//! owns the Python engine: it calls [`Lambda::prepare_invoke`] to resolve the function, version
//! and alias exactly as Lambda would (with Lambda's errors), and gets back a [`PreparedInvoke`]
//! with everything needed to run it: handler, runtime, memory, timeout, environment and the
//! function's files (its ZIP under `/var/task`, its layers under `/opt`).
//!
//! Other services are read, never written, through [`Peers`]: a function's role must exist in
//! IAM and trust `lambda.amazonaws.com`; an event source mapping's queue or stream must exist.
//!
//! Where moto 5.2.5 differs from AWS (it accepts any runtime name and memory size, answers
//! `LastModified` in its own format, has no `RevisionId`), the mock follows AWS.
//!
//! Split by job: `names` (function names, ARNs and qualifiers), `errors`, `validate` (runtimes,
//! roles, limits), `code` (ZIPs), `config` (a version's configuration and its JSON),
//! `functions` (create, get, list, update, delete), `versions` (versions and aliases), `layers`,
//! `mappings` (event source mappings), `permissions` (resource policy), `settings` (concurrency,
//! event invoke configs, tags) and `invoke` (preparing an invocation).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::AwsError;
use crate::env::Env;
use crate::error::not_implemented;
use crate::wire::Params;

mod code;
mod config;
mod errors;
mod functions;
mod invoke;
mod layers;
mod mappings;
mod names;
mod peers;
mod permissions;
mod settings;
mod validate;
mod versions;
#[cfg(test)]
mod tests;

pub use code::zip_files;
pub use config::{FunctionConfig, LayerRef};
pub use invoke::PreparedInvoke;
pub use mappings::EventSourceMapping;
pub use code::make_zip;
pub use names::{function_arn, layer_arn};
pub use peers::CloudPeers;

/// What Lambda reads of other services.
pub trait Peers {
    /// Whether the role `arn` exists and its trust policy lets `lambda.amazonaws.com` assume
    /// it: `None` if it does not exist, `Some(trusts)` if it does.
    fn role_trusts_lambda(&self, arn: &str) -> Option<bool>;
    /// Whether the SQS queue with ARN `arn` exists.
    fn queue_exists(&self, arn: &str) -> bool;
    /// Whether the DynamoDB stream with ARN `arn` exists.
    fn stream_exists(&self, arn: &str) -> bool;
}

/// No other services (unit tests of the parts that need none).
#[derive(Debug, Default)]
pub struct NoPeers;

impl Peers for NoPeers {
    fn role_trusts_lambda(&self, _arn: &str) -> Option<bool> {
        None
    }
    fn queue_exists(&self, _arn: &str) -> bool {
        false
    }
    fn stream_exists(&self, _arn: &str) -> bool {
        false
    }
}

/// An alias.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// `Name`.
    pub name: String,
    /// The version it points at.
    pub version: String,
    /// `Description`.
    pub description: String,
    /// `RoutingConfig.AdditionalVersionWeights`: version -> weight (0..1).
    pub weights: BTreeMap<String, f64>,
    /// Whether a `RoutingConfig` was given (answered even when it has no weights).
    pub routing: bool,
    /// `RevisionId`.
    pub revision_id: String,
}

/// An asynchronous invocation configuration (`PutFunctionEventInvokeConfig`).
#[derive(Debug, Clone, PartialEq)]
pub struct EventInvokeConfig {
    /// `MaximumRetryAttempts` (0-2), if set.
    pub max_retries: Option<i64>,
    /// `MaximumEventAgeInSeconds` (60-21600), if set.
    pub max_age_s: Option<i64>,
    /// `DestinationConfig.OnSuccess.Destination`.
    pub on_success: Option<String>,
    /// `DestinationConfig.OnFailure.Destination`.
    pub on_failure: Option<String>,
    /// Last change, epoch milliseconds.
    pub modified_ms: i64,
}

/// A function: `$LATEST`, its published versions and everything attached to it.
#[derive(Debug, Clone)]
pub struct Function {
    /// `FunctionName`.
    pub name: String,
    /// The unpublished version.
    pub latest: FunctionConfig,
    /// Published versions by number.
    pub versions: BTreeMap<u32, FunctionConfig>,
    /// The number the next published version gets (numbers are never reused).
    pub next_version: u32,
    /// Aliases by name.
    pub aliases: BTreeMap<String, Alias>,
    /// Tags.
    pub tags: BTreeMap<String, String>,
    /// Reserved concurrency (`PutFunctionConcurrency`).
    pub reserved_concurrency: Option<u32>,
    /// Resource policy statements by qualifier (`""` for the unqualified function): (Sid, the
    /// statement as JSON text, members in Lambda's order).
    pub policies: BTreeMap<String, Vec<(String, String)>>,
    /// Asynchronous invocation configurations by qualifier (`$LATEST`, a version or an alias).
    pub event_invoke: BTreeMap<String, EventInvokeConfig>,
}

/// A published layer version.
#[derive(Debug, Clone)]
pub struct LayerVersion {
    /// Its number.
    pub version: u32,
    /// `Description`.
    pub description: String,
    /// The ZIP.
    pub zip: std::sync::Arc<Vec<u8>>,
    /// `CodeSha256` (base64 of the SHA-256).
    pub sha256: String,
    /// `CreatedDate`, epoch milliseconds.
    pub created_ms: i64,
    /// `CompatibleRuntimes`.
    pub runtimes: Vec<String>,
    /// `CompatibleArchitectures`.
    pub architectures: Vec<String>,
    /// `LicenseInfo`.
    pub license: Option<String>,
}

/// The answer to an invocation that reached the cloud: the cloud cannot run code.
fn run_by_the_lab_runtime(op: &str) -> AwsError {
    AwsError::new(
        "NotImplemented",
        format!("{op} runs the function's code, which the mock cloud cannot: the lab runtime executes it (Lambda::prepare_invoke resolves the function)"),
        501,
    )
}

/// The mock Lambda.
#[derive(Debug, Default)]
pub struct Lambda {
    functions: BTreeMap<String, Function>,
    /// Layers by name: their versions by number, and the next number.
    layers: BTreeMap<String, (BTreeMap<u32, LayerVersion>, u32)>,
    mappings: BTreeMap<String, EventSourceMapping>,
}

impl Lambda {
    /// Runs one control-plane operation. `Invoke` is not one: see [`Lambda::prepare_invoke`].
    pub fn call(&mut self, op: &str, p: Params<'_>, env: &mut Env<'_>, peers: &dyn Peers) -> Result<Value, AwsError> {
        match op {
            "CreateFunction" => self.create_function(p, env, peers),
            "GetFunction" => self.get_function(p),
            "GetFunctionConfiguration" => self.get_function_configuration(p),
            "ListFunctions" => self.list_functions(p),
            "UpdateFunctionCode" => self.update_function_code(p, env),
            "UpdateFunctionConfiguration" => self.update_function_configuration(p, env, peers),
            "DeleteFunction" => self.delete_function(p),
            "PublishVersion" => self.publish_version(p, env),
            "ListVersionsByFunction" => self.list_versions_by_function(p),
            "CreateAlias" => self.create_alias(p, env),
            "UpdateAlias" => self.update_alias(p, env),
            "GetAlias" => self.get_alias(p),
            "ListAliases" => self.list_aliases(p),
            "DeleteAlias" => self.delete_alias(p),
            "PublishLayerVersion" => self.publish_layer_version(p, env),
            "ListLayerVersions" => self.list_layer_versions(p),
            "ListLayers" => self.list_layers(p),
            "GetLayerVersion" => self.get_layer_version(p),
            "GetLayerVersionByArn" => self.get_layer_version_by_arn(p),
            "DeleteLayerVersion" => self.delete_layer_version(p),
            "PutFunctionConcurrency" => self.put_function_concurrency(p),
            "GetFunctionConcurrency" => self.get_function_concurrency(p),
            "DeleteFunctionConcurrency" => self.delete_function_concurrency(p),
            "CreateEventSourceMapping" => self.create_event_source_mapping(p, env, peers),
            "ListEventSourceMappings" => self.list_event_source_mappings(p),
            "GetEventSourceMapping" => self.get_event_source_mapping(p),
            "UpdateEventSourceMapping" => self.update_event_source_mapping(p, env),
            "DeleteEventSourceMapping" => self.delete_event_source_mapping(p),
            "AddPermission" => self.add_permission(p, env),
            "RemovePermission" => self.remove_permission(p, env),
            "GetPolicy" => self.get_policy(p),
            "PutFunctionEventInvokeConfig" => self.put_function_event_invoke_config(p, env, false),
            "UpdateFunctionEventInvokeConfig" => self.put_function_event_invoke_config(p, env, true),
            "GetFunctionEventInvokeConfig" => self.get_function_event_invoke_config(p),
            "DeleteFunctionEventInvokeConfig" => self.delete_function_event_invoke_config(p),
            "TagResource" => self.tag_resource(p),
            "UntagResource" => self.untag_resource(p),
            "ListTags" => self.list_tags(p),
            "GetAccountSettings" => Ok(self.account_settings()),
            // Listed one per line so that the boto3 shim's model generator sees them as
            // implemented: the lab runtime answers them before they reach the cloud.
            "Invoke" => Err(run_by_the_lab_runtime(op)),
            "InvokeAsync" => Err(run_by_the_lab_runtime(op)),
            _ => Err(not_implemented("lambda", op)),
        }
    }

    /// A function by name.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.get(name)
    }

    /// All functions, by name.
    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.functions.values()
    }

    /// All event source mappings, by UUID (the lab runtime polls their sources).
    pub fn event_source_mappings(&self) -> impl Iterator<Item = &EventSourceMapping> {
        self.mappings.values()
    }

    /// Everything, for the lab's state view and terminal-lab checks.
    pub fn snapshot(&self) -> Value {
        let functions: serde_json::Map<String, Value> = self
            .functions
            .values()
            .map(|f| {
                let versions: serde_json::Map<String, Value> =
                    f.versions.iter().map(|(n, c)| (n.to_string(), c.to_json(&f.name, &n.to_string()))).collect();
                let aliases: serde_json::Map<String, Value> = f.aliases.values().map(|a| (a.name.clone(), versions::alias_json(&f.name, a))).collect();
                let view = json!({
                    "Configuration": f.latest.to_json(&f.name, ""),
                    "Files": code::zip_files(&f.latest.zip).map(|m| m.into_keys().collect::<Vec<_>>()).unwrap_or_default(),
                    "Versions": versions,
                    "Aliases": aliases,
                    "ReservedConcurrentExecutions": f.reserved_concurrency,
                    "Tags": f.tags,
                    "Policy": permissions::policy_document(f, ""),
                });
                (f.name.clone(), view)
            })
            .collect();
        let layers: serde_json::Map<String, Value> = self
            .layers
            .iter()
            .map(|(name, (versions, _))| {
                let list: Vec<Value> = versions.values().map(|v| layers::layer_version_json(name, v)).collect();
                (name.clone(), Value::Array(list))
            })
            .collect();
        let mappings: Vec<Value> = self.mappings.values().map(|m| m.to_json(None)).collect();
        json!({"functions": functions, "layers": layers, "event_source_mappings": mappings})
    }
}
