//! Versions and aliases: PublishVersion, ListVersionsByFunction, Create/Update/Get/List/
//! DeleteAlias (with weighted routing to a second version).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::errors::{Violations, conflict, function_not_found, invalid_parameter, not_found, precondition_failed};
use super::functions::{paginate, with_status};
use super::names::{function_arn, function_ref};
use super::{Alias, Function, Lambda};
use crate::AwsError;
use crate::env::Env;
use crate::wire::Params;

/// The alias JSON (`AliasConfiguration`).
pub(crate) fn alias_json(function: &str, a: &Alias) -> Value {
    let mut v = json!({
        "AliasArn": function_arn(function, &a.name),
        "Name": a.name,
        "FunctionVersion": a.version,
        "Description": a.description,
        "RevisionId": a.revision_id,
    });
    if a.routing || !a.weights.is_empty() {
        v["RoutingConfig"] = json!({"AdditionalVersionWeights": a.weights});
    }
    v
}

fn alias_not_found(function: &str, alias: &str) -> AwsError {
    not_found(format!("Cannot find alias arn: {}", function_arn(function, alias)))
}

fn check_alias_name(name: &str) -> Result<(), AwsError> {
    let mut v = Violations::default();
    let chars_ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !chars_ok || name.bytes().all(|b| b.is_ascii_digit()) {
        v.add(name, "name", "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    }
    if name.len() > 128 {
        v.add(name, "name", "Member must have length less than or equal to 128");
    }
    v.check()
}

impl Function {
    /// Publishes `$LATEST` as a new version, unless the newest version already has the same code
    /// and configuration (then that one is answered, as Lambda does). Returns its number.
    pub(super) fn publish(&mut self, env: &mut Env<'_>, description: Option<&str>) -> u32 {
        if let Some((&n, last)) = self.versions.iter().next_back()
            && last.same_as(&self.latest)
        {
            return n;
        }
        let n = self.next_version;
        self.next_version += 1;
        let mut config = self.latest.clone();
        config.version = n.to_string();
        config.revision_id = env.ids.uuid();
        config.last_modified_ms = env.now_ms;
        if let Some(d) = description {
            config.description = d.to_owned();
        }
        self.versions.insert(n, config);
        n
    }

    /// Checks an alias's target and routing: every version must exist, weights in 0..=1, at most
    /// one additional version, published versions only when routing.
    fn check_routing(&self, version: &str, weights: &BTreeMap<String, f64>) -> Result<(), AwsError> {
        if self.config(version).is_none() {
            return Err(function_not_found(&function_arn(&self.name, version)));
        }
        if weights.is_empty() {
            return Ok(());
        }
        let mut v = Violations::default();
        for w in weights.values() {
            if !(0.0..=1.0).contains(w) {
                let bound = if *w < 0.0 { "greater than or equal to 0.0" } else { "less than or equal to 1.0" };
                v.add(w, "routingConfig.additionalVersionWeights", &format!("Map value must satisfy constraint: [Member must have value {bound}]"));
            }
        }
        v.check()?;
        if weights.len() > 1 {
            return Err(invalid_parameter("Number of items in AdditionalVersionWeights cannot be greater than 1"));
        }
        if version == "$LATEST" || weights.contains_key("$LATEST") {
            return Err(invalid_parameter("$LATEST is not supported for an alias pointing to more than 1 version"));
        }
        for extra in weights.keys() {
            if extra == version {
                return Err(invalid_parameter(format!("Invalid function version {extra}. Function version {extra} is already included in routing configuration.")));
            }
            if self.config(extra).is_none() {
                return Err(function_not_found(&function_arn(&self.name, extra)));
            }
        }
        Ok(())
    }
}

fn weights(p: Params<'_>) -> Option<BTreeMap<String, f64>> {
    let routing = p.opt_object("RoutingConfig")?;
    Some(
        routing
            .get("AdditionalVersionWeights")
            .and_then(Value::as_object)
            .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_f64()?))).collect())
            .unwrap_or_default(),
    )
}

impl Lambda {
    pub(super) fn publish_version(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let f = self.function_mut_of(&r)?;
        if let Some(sha) = p.opt_str("CodeSha256")
            && sha != f.latest.code_sha256
        {
            return Err(invalid_parameter(format!(
                "CodeSHA256 ({sha}) is different from current CodeSHA256 in $LATEST ({}). Please try again with the CodeSHA256 in $LATEST.",
                f.latest.code_sha256
            )));
        }
        if let Some(rev) = p.opt_str("RevisionId")
            && rev != f.latest.revision_id
        {
            return Err(precondition_failed());
        }
        let n = f.publish(env, p.opt_str("Description"));
        Ok(with_status(f.versions[&n].to_json(&f.name, &n.to_string()), 201))
    }

    pub(super) fn list_versions_by_function(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let f = self.function_of(&r)?;
        let mut list = vec![(String::new(), f.latest.to_json(&f.name, "$LATEST"))];
        list.extend(f.versions.iter().map(|(n, c)| (String::new(), c.to_json(&f.name, &n.to_string()))));
        paginate(list, p, "Versions")
    }

    pub(super) fn create_alias(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let name = p.str("Name")?;
        check_alias_name(name)?;
        let version = p.str("FunctionVersion")?;
        let routing = weights(p);
        let weights = routing.clone().unwrap_or_default();
        let f = self.function_mut_of(&r)?;
        f.check_routing(version, &weights)?;
        if f.aliases.contains_key(name) {
            return Err(conflict(format!("Alias already exists: {}", function_arn(&f.name, name))));
        }
        let alias = Alias {
            name: name.to_owned(),
            version: version.to_owned(),
            description: p.opt_str("Description").unwrap_or_default().to_owned(),
            weights,
            routing: routing.is_some(),
            revision_id: env.ids.uuid(),
        };
        let out = alias_json(&f.name, &alias);
        f.aliases.insert(name.to_owned(), alias);
        Ok(with_status(out, 201))
    }

    pub(super) fn update_alias(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let name = p.str("Name")?;
        let f = self.function_mut_of(&r)?;
        let current = f.aliases.get(name).ok_or_else(|| alias_not_found(&r.name, name))?.clone();
        if let Some(rev) = p.opt_str("RevisionId")
            && rev != current.revision_id
        {
            return Err(precondition_failed());
        }
        let version = p.opt_str("FunctionVersion").unwrap_or(&current.version).to_owned();
        let routing = weights(p);
        let given = routing.is_some();
        let weights = routing.unwrap_or(current.weights);
        f.check_routing(&version, &weights)?;
        let alias = Alias {
            name: name.to_owned(),
            version,
            description: p.opt_str("Description").map_or(current.description, str::to_owned),
            weights,
            routing: current.routing || given,
            revision_id: env.ids.uuid(),
        };
        let out = alias_json(&f.name, &alias);
        f.aliases.insert(name.to_owned(), alias);
        Ok(out)
    }

    pub(super) fn get_alias(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let name = p.str("Name")?;
        let f = self.function_of(&r)?;
        let alias = f.aliases.get(name).ok_or_else(|| alias_not_found(&r.name, name))?;
        Ok(alias_json(&f.name, alias))
    }

    pub(super) fn list_aliases(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let f = self.function_of(&r)?;
        let only = p.opt_str("FunctionVersion");
        let list = f
            .aliases
            .values()
            .filter(|a| only.is_none_or(|v| a.version == v))
            .map(|a| (a.name.clone(), alias_json(&f.name, a)))
            .collect();
        paginate(list, p, "Aliases")
    }

    pub(super) fn delete_alias(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        let name = p.str("Name")?;
        let f = self.function_mut_of(&r)?;
        f.aliases.remove(name).ok_or_else(|| alias_not_found(&r.name, name))?;
        f.event_invoke.remove(name);
        f.policies.remove(name);
        Ok(with_status(json!({}), 204))
    }
}
