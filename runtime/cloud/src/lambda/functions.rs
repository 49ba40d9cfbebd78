//! Functions: CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions,
//! UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction; and resolving the function
//! and version a request names.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};

use super::code::{MAX_UNZIPPED_BYTES, read_zip, sha256_b64, unzipped_size};
use super::config::{FunctionConfig, LayerRef};
use super::errors::{conflict, function_not_found, invalid_parameter, precondition_failed};
use super::names::{FunctionRef, function_arn, function_ref};
use super::validate::{check_constraints, check_runtime_allowed, environment};
use super::{Function, Lambda, Peers};
use crate::AwsError;
use crate::env::{ACCOUNT_ID, Env, REGION};
use crate::wire::Params;

/// A successful response whose HTTP status is not 200.
pub(super) fn with_status(mut response: Value, status: u16) -> Value {
    response["ResponseMetadata"] = json!({"HTTPStatusCode": status});
    response
}

fn role_cannot_be_assumed() -> AwsError {
    invalid_parameter("The role defined for the function cannot be assumed by Lambda.")
}

fn check_role(role: &str, peers: &dyn Peers) -> Result<(), AwsError> {
    match peers.role_trusts_lambda(role) {
        Some(true) => Ok(()),
        _ => Err(role_cannot_be_assumed()),
    }
}

/// A version's configuration, found as a request names it.
pub(super) struct Resolved<'a> {
    pub function: &'a Function,
    pub config: &'a FunctionConfig,
    /// What the answer's `FunctionArn` is qualified with (`""`, `$LATEST`, a version, an alias).
    pub arn_qualifier: String,
}

impl Lambda {
    /// The function `r` names, or Lambda's "Function not found" for it.
    pub(super) fn function_of(&self, r: &FunctionRef) -> Result<&Function, AwsError> {
        self.functions.get(&r.name).ok_or_else(|| function_not_found(&function_arn(&r.name, r.qualifier.as_deref().unwrap_or(""))))
    }

    pub(super) fn function_mut_of(&mut self, r: &FunctionRef) -> Result<&mut Function, AwsError> {
        let arn = function_arn(&r.name, r.qualifier.as_deref().unwrap_or(""));
        self.functions.get_mut(&r.name).ok_or_else(|| function_not_found(&arn))
    }

    /// The configuration the function and qualifier of `r` name.
    pub(super) fn resolve(&self, r: &FunctionRef) -> Result<Resolved<'_>, AwsError> {
        let function = self.function_of(r)?;
        let missing = || function_not_found(&function_arn(&r.name, r.qualifier.as_deref().unwrap_or("")));
        let (config, arn_qualifier) = match r.qualifier.as_deref() {
            None => (&function.latest, String::new()),
            Some("$LATEST") => (&function.latest, "$LATEST".to_owned()),
            Some(q) if q.bytes().all(|b| b.is_ascii_digit()) => {
                let n: u32 = q.parse().map_err(|_| missing())?;
                (function.versions.get(&n).ok_or_else(missing)?, q.to_owned())
            }
            Some(alias) => {
                let a = function.aliases.get(alias).ok_or_else(missing)?;
                (function.config(&a.version).ok_or_else(missing)?, alias.to_owned())
            }
        };
        Ok(Resolved { function, config, arn_qualifier })
    }

    /// The layer versions a request's `Layers` names, checked.
    fn layer_refs(&self, p: Params<'_>) -> Result<Option<Vec<LayerRef>>, AwsError> {
        let Some(list) = p.opt_array("Layers") else { return Ok(None) };
        if list.len() > 5 {
            return Err(invalid_parameter("Cannot reference more than 5 layers."));
        }
        let mut refs = Vec::new();
        for arn in list.iter().filter_map(Value::as_str) {
            let layer = self.layer_by_arn(arn).ok_or_else(|| invalid_parameter(format!("Layer version {arn} does not exist.")))?;
            refs.push(LayerRef { arn: arn.to_owned(), code_size: layer.zip.len() as u64 });
        }
        Ok(Some(refs))
    }

    /// Lambda's limit on a function's code with its layers, unzipped.
    fn check_total_size(&self, zip: &[u8], layers: &[LayerRef]) -> Result<(), AwsError> {
        let total = unzipped_size(zip) + layers.iter().filter_map(|l| self.layer_by_arn(&l.arn)).map(|l| unzipped_size(&l.zip)).sum::<u64>();
        if total > MAX_UNZIPPED_BYTES {
            return Err(invalid_parameter(format!(
                "Function code combined with layers exceeds the maximum allowed size of {MAX_UNZIPPED_BYTES} bytes. The actual size is {total} bytes."
            )));
        }
        Ok(())
    }

    pub(super) fn create_function(&mut self, p: Params<'_>, env: &mut Env<'_>, peers: &dyn Peers) -> Result<Value, AwsError> {
        let r = function_ref(p, true)?;
        check_constraints(p.0)?;
        if p.opt_str("PackageType").is_some_and(|t| t != "Zip") {
            return Err(AwsError::new("NotImplemented", "labbook's mock Lambda runs ZIP packages only (PackageType Zip)", 501));
        }
        let (Some(runtime), Some(handler)) = (p.opt_str("Runtime"), p.opt_str("Handler")) else {
            return Err(invalid_parameter("Runtime and Handler are mandatory parameters for functions created with deployment packages."));
        };
        check_runtime_allowed(runtime)?;
        let role = p.str("Role")?;
        check_role(role, peers)?;
        if self.functions.contains_key(&r.name) {
            return Err(conflict(format!("Function already exist: {}", r.name)));
        }
        let zip = read_zip(p.get("Code").unwrap_or(&Value::Null), "CreateFunction")?;
        let layers = self.layer_refs(p)?.unwrap_or_default();
        self.check_total_size(&zip, &layers)?;
        let environment = p.get("Environment").map(environment).transpose()?.filter(|v| !v.is_empty());
        let logging = p.opt_object("LoggingConfig");
        let config = FunctionConfig {
            version: "$LATEST".to_owned(),
            runtime: runtime.to_owned(),
            role: role.to_owned(),
            handler: handler.to_owned(),
            description: p.opt_str("Description").unwrap_or_default().to_owned(),
            timeout_s: p.opt_i64("Timeout").unwrap_or(3) as u32,
            memory_mb: p.opt_i64("MemorySize").unwrap_or(128) as u32,
            environment,
            layers,
            code_sha256: sha256_b64(&zip),
            zip: Arc::new(zip),
            last_modified_ms: env.now_ms,
            revision_id: env.ids.uuid(),
            ephemeral_mb: p.get("EphemeralStorage").and_then(|e| e["Size"].as_i64()).unwrap_or(512) as u32,
            tracing_mode: p.get("TracingConfig").and_then(|t| t["Mode"].as_str()).unwrap_or("PassThrough").to_owned(),
            architectures: p
                .opt_array("Architectures")
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_else(|| vec!["x86_64".to_owned()]),
            log_format: logging.and_then(|l| l.get("LogFormat")).and_then(Value::as_str).unwrap_or("Text").to_owned(),
            log_group: logging
                .and_then(|l| l.get("LogGroup"))
                .and_then(Value::as_str)
                .map_or_else(|| format!("/aws/lambda/{}", r.name), str::to_owned),
            dead_letter_target: p.get("DeadLetterConfig").and_then(|d| d["TargetArn"].as_str()).map(str::to_owned),
        };
        let tags: BTreeMap<String, String> = p
            .opt_object("Tags")
            .map(|t| t.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
            .unwrap_or_default();
        let function = Function {
            name: r.name.clone(),
            latest: config,
            versions: BTreeMap::new(),
            next_version: 1,
            aliases: BTreeMap::new(),
            tags,
            reserved_concurrency: None,
            policies: BTreeMap::new(),
            event_invoke: BTreeMap::new(),
        };
        self.functions.insert(r.name.clone(), function);
        let f = self.functions.get_mut(&r.name).expect("just inserted");
        let body = if p.opt_bool("Publish").unwrap_or(false) {
            let n = f.publish(env, None);
            f.versions[&n].to_json(&f.name, &n.to_string())
        } else {
            f.latest.to_json(&f.name, "")
        };
        Ok(with_status(body, 201))
    }

    pub(super) fn get_function(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let found = self.resolve(&r)?;
        let f = found.function;
        let location = format!(
            "https://awslambda-{REGION}-tasks.s3.{REGION}.amazonaws.com/snapshots/{ACCOUNT_ID}/{}-{}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=600",
            f.name, found.config.revision_id
        );
        let mut out = json!({
            "Configuration": found.config.to_json(&f.name, &found.arn_qualifier),
            "Code": {"RepositoryType": "S3", "Location": location},
        });
        if !f.tags.is_empty() {
            out["Tags"] = json!(f.tags);
        }
        if let Some(n) = f.reserved_concurrency {
            out["Concurrency"] = json!({"ReservedConcurrentExecutions": n});
        }
        Ok(out)
    }

    pub(super) fn get_function_configuration(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let found = self.resolve(&r)?;
        Ok(found.config.to_json(&found.function.name, &found.arn_qualifier))
    }

    pub(super) fn list_functions(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let all_versions = p.opt_str("FunctionVersion") == Some("ALL");
        let mut list = Vec::new();
        for f in self.functions.values() {
            if all_versions {
                list.push((f.name.clone(), f.latest.to_json(&f.name, "$LATEST")));
                list.extend(f.versions.iter().map(|(n, c)| (f.name.clone(), c.to_json(&f.name, &n.to_string()))));
            } else {
                list.push((f.name.clone(), f.latest.to_json(&f.name, "")));
            }
        }
        paginate(list, p, "Functions")
    }

    pub(super) fn update_function_code(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let zip = read_zip(p.0, "UpdateFunctionCode")?;
        let layers = self.function_of(&r)?.latest.layers.clone();
        self.check_total_size(&zip, &layers)?;
        let f = self.function_mut_of(&r)?;
        if let Some(rev) = p.opt_str("RevisionId")
            && rev != f.latest.revision_id
        {
            return Err(precondition_failed());
        }
        if p.opt_bool("DryRun").unwrap_or(false) {
            let mut preview = f.latest.clone();
            preview.code_sha256 = sha256_b64(&zip);
            preview.zip = Arc::new(zip);
            return Ok(preview.to_json(&f.name, ""));
        }
        f.latest.code_sha256 = sha256_b64(&zip);
        f.latest.zip = Arc::new(zip);
        if let Some(a) = p.opt_array("Architectures") {
            f.latest.architectures = a.iter().filter_map(Value::as_str).map(str::to_owned).collect();
        }
        f.touch(env);
        if p.opt_bool("Publish").unwrap_or(false) {
            let n = f.publish(env, None);
            return Ok(f.versions[&n].to_json(&f.name, &n.to_string()));
        }
        Ok(f.latest.to_json(&f.name, ""))
    }

    pub(super) fn update_function_configuration(&mut self, p: Params<'_>, env: &mut Env<'_>, peers: &dyn Peers) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        check_constraints(p.0)?;
        self.function_of(&r)?;
        if let Some(runtime) = p.opt_str("Runtime") {
            check_runtime_allowed(runtime)?;
        }
        if let Some(role) = p.opt_str("Role") {
            check_role(role, peers)?;
        }
        let layers = self.layer_refs(p)?;
        if let Some(layers) = &layers {
            let zip = self.function_of(&r)?.latest.zip.clone();
            self.check_total_size(&zip, layers)?;
        }
        let environment = p.get("Environment").map(environment).transpose()?;
        let f = self.function_mut_of(&r)?;
        if let Some(rev) = p.opt_str("RevisionId")
            && rev != f.latest.revision_id
        {
            return Err(precondition_failed());
        }
        let c = &mut f.latest;
        let text = |key: &str| p.opt_str(key).map(str::to_owned);
        if let Some(v) = text("Runtime") {
            c.runtime = v;
        }
        if let Some(v) = text("Role") {
            c.role = v;
        }
        if let Some(v) = text("Handler") {
            c.handler = v;
        }
        if let Some(v) = text("Description") {
            c.description = v;
        }
        if let Some(n) = p.opt_i64("Timeout") {
            c.timeout_s = n as u32;
        }
        if let Some(n) = p.opt_i64("MemorySize") {
            c.memory_mb = n as u32;
        }
        if let Some(vars) = environment {
            c.environment = Some(vars).filter(|v| !v.is_empty());
        }
        if let Some(layers) = layers {
            c.layers = layers;
        }
        if let Some(n) = p.get("EphemeralStorage").and_then(|e| e["Size"].as_i64()) {
            c.ephemeral_mb = n as u32;
        }
        if let Some(mode) = p.get("TracingConfig").and_then(|t| t["Mode"].as_str()) {
            c.tracing_mode = mode.to_owned();
        }
        if let Some(logging) = p.opt_object("LoggingConfig") {
            if let Some(v) = logging.get("LogFormat").and_then(Value::as_str) {
                c.log_format = v.to_owned();
            }
            if let Some(v) = logging.get("LogGroup").and_then(Value::as_str) {
                c.log_group = v.to_owned();
            }
        }
        if let Some(d) = p.get("DeadLetterConfig") {
            c.dead_letter_target = d["TargetArn"].as_str().filter(|s| !s.is_empty()).map(str::to_owned);
        }
        f.touch(env);
        Ok(f.latest.to_json(&f.name, ""))
    }

    pub(super) fn delete_function(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let f = self.function_mut_of(&r)?;
        match r.qualifier.as_deref() {
            None => {
                self.functions.remove(&r.name);
            }
            Some("$LATEST") => {
                return Err(invalid_parameter("$LATEST version cannot be deleted without deleting the function."));
            }
            Some(q) => {
                let n: u32 = q.parse().map_err(|_| invalid_parameter("Deletion of aliases is not supported."))?;
                if !f.versions.contains_key(&n) {
                    return Err(function_not_found(&function_arn(&r.name, q)));
                }
                let users: Vec<&str> = f.aliases.values().filter(|a| a.version == q || a.weights.contains_key(q)).map(|a| a.name.as_str()).collect();
                if !users.is_empty() {
                    return Err(conflict(format!("Unable to delete version because the following aliases reference it: [{}]", users.join(", "))));
                }
                f.versions.remove(&n);
            }
        }
        // DeleteFunction's output shape binds the HTTP status to a `StatusCode` member.
        Ok(with_status(json!({"StatusCode": 204}), 204))
    }
}

impl Function {
    /// The configuration of `version` (`$LATEST` or a number).
    pub fn config(&self, version: &str) -> Option<&FunctionConfig> {
        if version == "$LATEST" {
            return Some(&self.latest);
        }
        self.versions.get(&version.parse().ok()?)
    }

    /// Marks `$LATEST` changed: a new `RevisionId` and `LastModified`.
    pub(super) fn touch(&mut self, env: &mut Env<'_>) {
        self.latest.revision_id = env.ids.uuid();
        self.latest.last_modified_ms = env.now_ms;
    }
}

/// `Marker`/`MaxItems` pagination of a list of (name, item), answering `key` and `NextMarker`.
pub(super) fn paginate(list: Vec<(String, Value)>, p: Params<'_>, key: &str) -> Result<Value, AwsError> {
    let start = match p.opt_str("Marker") {
        Some(m) => m.parse::<usize>().map_err(|_| invalid_parameter("Invalid Marker"))?,
        None => 0,
    };
    let max = p.opt_i64("MaxItems").unwrap_or(50).clamp(1, 10_000) as usize;
    let total = list.len();
    let page: Vec<Value> = list.into_iter().skip(start).take(max).map(|(_, v)| v).collect();
    let mut out = json!({ key: page });
    if start + max < total {
        out["NextMarker"] = json!((start + max).to_string());
    }
    Ok(out)
}
