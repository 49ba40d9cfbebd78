//! Per-function settings: reserved concurrency (Put/Get/DeleteFunctionConcurrency and the
//! account's limits), asynchronous invocation (Put/Update/Get/DeleteFunctionEventInvokeConfig)
//! and tags (TagResource, UntagResource, ListTags).

use serde_json::{Value, json};

use super::errors::{Violations, function_not_found, invalid_parameter, not_found};
use super::functions::with_status;
use super::names::{function_arn, function_ref};
use super::{EventInvokeConfig, Lambda};
use crate::AwsError;
use crate::env::Env;
use crate::wire::{Params, timestamp};

/// The account's concurrency limit, and the part that can never be reserved.
pub(crate) const ACCOUNT_CONCURRENCY: u32 = 1000;
const MIN_UNRESERVED: u32 = 100;

impl Lambda {
    fn reserved_elsewhere(&self, except: &str) -> u32 {
        self.functions.values().filter(|f| f.name != except).filter_map(|f| f.reserved_concurrency).sum()
    }

    pub(super) fn put_function_concurrency(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let n = p.opt_i64("ReservedConcurrentExecutions").unwrap_or(-1);
        if n < 0 {
            let mut v = Violations::default();
            v.add(n, "reservedConcurrentExecutions", "Member must have value greater than or equal to 0");
            v.check()?;
        }
        self.function_of(&r)?;
        if self.reserved_elsewhere(&r.name) + n as u32 > ACCOUNT_CONCURRENCY - MIN_UNRESERVED {
            return Err(invalid_parameter(format!(
                "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{MIN_UNRESERVED}]."
            )));
        }
        self.function_mut_of(&r)?.reserved_concurrency = Some(n as u32);
        Ok(json!({"ReservedConcurrentExecutions": n}))
    }

    pub(super) fn get_function_concurrency(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        Ok(match self.function_of(&r)?.reserved_concurrency {
            Some(n) => json!({"ReservedConcurrentExecutions": n}),
            None => json!({}),
        })
    }

    pub(super) fn delete_function_concurrency(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        self.function_mut_of(&r)?.reserved_concurrency = None;
        Ok(with_status(json!({}), 204))
    }

    /// `GetAccountSettings`.
    pub(super) fn account_settings(&self) -> Value {
        let code: usize = self.functions.values().map(|f| f.latest.zip.len() + f.versions.values().map(|c| c.zip.len()).sum::<usize>()).sum();
        json!({
            "AccountLimit": {
                "TotalCodeSize": 80_530_636_800_u64,
                "CodeSizeUnzipped": 262_144_000,
                "CodeSizeZipped": 52_428_800,
                "ConcurrentExecutions": ACCOUNT_CONCURRENCY,
                "UnreservedConcurrentExecutions": ACCOUNT_CONCURRENCY - self.reserved_elsewhere(""),
            },
            "AccountUsage": {"TotalCodeSize": code, "FunctionCount": self.functions.len()},
        })
    }

    /// The function and qualifier (`$LATEST` when none) an invoke-config request names.
    fn invoke_config_target(&self, p: Params<'_>) -> Result<(String, String), AwsError> {
        let r = function_ref(p, false)?;
        let f = self.function_of(&r)?;
        let q = r.qualifier.clone().unwrap_or_else(|| "$LATEST".to_owned());
        if f.config(&q).is_none() && !f.aliases.contains_key(&q) {
            return Err(function_not_found(&function_arn(&r.name, &q)));
        }
        Ok((r.name, q))
    }

    pub(super) fn put_function_event_invoke_config(&mut self, p: Params<'_>, env: &mut Env<'_>, merge: bool) -> Result<Value, AwsError> {
        let (name, q) = self.invoke_config_target(p)?;
        let mut v = Violations::default();
        if let Some(n) = p.opt_i64("MaximumRetryAttempts")
            && !(0..=2).contains(&n)
        {
            v.add(n, "maximumRetryAttempts", if n < 0 { "Member must have value greater than or equal to 0" } else { "Member must have value less than or equal to 2" });
        }
        if let Some(n) = p.opt_i64("MaximumEventAgeInSeconds")
            && !(60..=21_600).contains(&n)
        {
            v.add(n, "maximumEventAgeInSeconds", if n < 60 { "Member must have value greater than or equal to 60" } else { "Member must have value less than or equal to 21600" });
        }
        v.check()?;
        let destination = |kind: &str| p.get("DestinationConfig").and_then(|d| d[kind]["Destination"].as_str()).map(str::to_owned);
        let (on_success, on_failure) = (destination("OnSuccess"), destination("OnFailure"));
        for arn in on_success.iter().chain(on_failure.iter()) {
            let known = ["arn:aws:sqs:", "arn:aws:sns:", "arn:aws:lambda:", "arn:aws:events:", "arn:aws:s3:::"];
            if !known.iter().any(|k| arn.starts_with(k)) {
                return Err(invalid_parameter(format!("The destination ARN {arn} is invalid.")));
            }
        }
        let f = self.functions.get_mut(&name).expect("checked by invoke_config_target");
        if merge && !f.event_invoke.contains_key(&q) {
            return Err(not_found(format!("The function {} doesn't have an EventInvokeConfig", function_arn(&name, &q))));
        }
        let old = f.event_invoke.get(&q).cloned().filter(|_| merge);
        let config = EventInvokeConfig {
            max_retries: p.opt_i64("MaximumRetryAttempts").or(old.as_ref().and_then(|o| o.max_retries)),
            max_age_s: p.opt_i64("MaximumEventAgeInSeconds").or(old.as_ref().and_then(|o| o.max_age_s)),
            on_success: on_success.or(old.as_ref().and_then(|o| o.on_success.clone())),
            on_failure: on_failure.or(old.as_ref().and_then(|o| o.on_failure.clone())),
            modified_ms: env.now_ms,
        };
        let out = invoke_config_json(&name, &q, &config);
        f.event_invoke.insert(q, config);
        Ok(out)
    }

    pub(super) fn get_function_event_invoke_config(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let (name, q) = self.invoke_config_target(p)?;
        let config = self.functions[&name]
            .event_invoke
            .get(&q)
            .ok_or_else(|| not_found(format!("The function {} doesn't have an EventInvokeConfig", function_arn(&name, &q))))?;
        Ok(invoke_config_json(&name, &q, config))
    }

    pub(super) fn delete_function_event_invoke_config(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let (name, q) = self.invoke_config_target(p)?;
        let f = self.functions.get_mut(&name).expect("checked by invoke_config_target");
        f.event_invoke
            .remove(&q)
            .ok_or_else(|| not_found(format!("The function {} doesn't have an EventInvokeConfig", function_arn(&name, &q))))?;
        Ok(with_status(json!({}), 204))
    }

    /// The function a tagging request's `Resource` ARN names.
    fn tag_target(&self, p: Params<'_>) -> Result<String, AwsError> {
        let resource = p.str("Resource")?;
        let params = json!({"FunctionName": resource});
        let r = function_ref(Params(&params), false)?;
        self.function_of(&r)?;
        Ok(r.name)
    }

    pub(super) fn tag_resource(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = self.tag_target(p)?;
        let f = self.functions.get_mut(&name).expect("checked by tag_target");
        for (k, v) in p.opt_object("Tags").into_iter().flatten() {
            f.tags.insert(k.clone(), v.as_str().unwrap_or_default().to_owned());
        }
        Ok(with_status(json!({}), 204))
    }

    pub(super) fn untag_resource(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = self.tag_target(p)?;
        let f = self.functions.get_mut(&name).expect("checked by tag_target");
        for k in p.opt_array("TagKeys").into_iter().flatten().filter_map(Value::as_str) {
            f.tags.remove(k);
        }
        Ok(with_status(json!({}), 204))
    }

    pub(super) fn list_tags(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = self.tag_target(p)?;
        Ok(json!({"Tags": self.functions[&name].tags}))
    }
}

/// The `FunctionEventInvokeConfig` JSON.
fn invoke_config_json(name: &str, qualifier: &str, c: &EventInvokeConfig) -> Value {
    let destination = |d: &Option<String>| d.as_ref().map_or(json!({}), |arn| json!({"Destination": arn}));
    let mut v = json!({
        "LastModified": timestamp(c.modified_ms),
        "FunctionArn": function_arn(name, qualifier),
        "DestinationConfig": {"OnSuccess": destination(&c.on_success), "OnFailure": destination(&c.on_failure)},
    });
    if let Some(n) = c.max_retries {
        v["MaximumRetryAttempts"] = json!(n);
    }
    if let Some(n) = c.max_age_s {
        v["MaximumEventAgeInSeconds"] = json!(n);
    }
    v
}
