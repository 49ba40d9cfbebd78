//! Layers: PublishLayerVersion, ListLayerVersions, ListLayers, GetLayerVersion(ByArn),
//! DeleteLayerVersion. A layer version is immutable; numbers are never reused.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};

use super::code::{read_zip, sha256_b64};
use super::config::last_modified;
use super::errors::{Violations, resource_not_found};
use super::functions::with_status;
use super::names::{layer_arn, layer_version_arn};
use super::validate::RUNTIMES;
use super::{Lambda, LayerVersion};
use crate::AwsError;
use crate::env::{ACCOUNT_ID, Env, REGION};
use crate::wire::Params;

/// The summary of a layer version (`LayerVersionsListItem`).
fn list_item(name: &str, v: &LayerVersion) -> Value {
    let mut out = json!({
        "LayerVersionArn": layer_version_arn(name, v.version),
        "Version": v.version,
        "Description": v.description,
        "CreatedDate": last_modified(v.created_ms),
    });
    if !v.runtimes.is_empty() {
        out["CompatibleRuntimes"] = json!(v.runtimes);
    }
    if !v.architectures.is_empty() {
        out["CompatibleArchitectures"] = json!(v.architectures);
    }
    if let Some(l) = &v.license {
        out["LicenseInfo"] = json!(l);
    }
    out
}

/// The full answer of PublishLayerVersion/GetLayerVersion.
pub(crate) fn layer_version_json(name: &str, v: &LayerVersion) -> Value {
    let mut out = list_item(name, v);
    out["LayerArn"] = json!(layer_arn(name));
    out["Content"] = json!({
        "Location": format!("https://prod-04-2014-layers.s3.{REGION}.amazonaws.com/snapshots/{ACCOUNT_ID}/{name}-{}", &v.sha256.replace(['/', '+', '='], "")[..16]),
        "CodeSha256": v.sha256,
        "CodeSize": v.zip.len(),
    });
    out
}

/// The layer name of a `LayerName` parameter (a name or a layer ARN).
fn layer_name(value: &str) -> Result<String, AwsError> {
    let name = value.strip_prefix(layer_arn("").as_str()).unwrap_or(value);
    let ok = !name.is_empty() && name.len() <= 140 && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        let mut v = Violations::default();
        v.add(
            value,
            "layerName",
            r"Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+",
        );
        v.check()?;
    }
    Ok(name.to_owned())
}

fn strings(p: Params<'_>, key: &str) -> Vec<String> {
    p.opt_array(key).map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default()
}

impl Lambda {
    /// The layer version with ARN `arn`, if it exists.
    pub(super) fn layer_by_arn(&self, arn: &str) -> Option<&LayerVersion> {
        let (base, number) = arn.rsplit_once(':')?;
        let name = base.strip_prefix(&layer_arn(""))?;
        self.layers.get(name)?.0.get(&number.parse().ok()?)
    }

    pub(super) fn publish_layer_version(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = layer_name(p.str("LayerName")?)?;
        let runtimes = strings(p, "CompatibleRuntimes");
        let mut v = Violations::default();
        if runtimes.iter().any(|r| !RUNTIMES.contains(&r.as_str())) {
            v.add(
                format!("[{}]", runtimes.join(", ")),
                "compatibleRuntimes",
                &format!("Member must satisfy constraint: [Member must satisfy enum value set: [{}]]", RUNTIMES.join(", ")),
            );
        }
        if runtimes.len() > 15 {
            v.add(format!("[{}]", runtimes.join(", ")), "compatibleRuntimes", "Member must have length less than or equal to 15");
        }
        v.check()?;
        let zip = read_zip(p.get("Content").unwrap_or(&Value::Null), "PublishLayerVersion")?;
        let entry = self.layers.entry(name.clone()).or_insert_with(|| (BTreeMap::new(), 1));
        let version = entry.1;
        entry.1 += 1;
        let layer = LayerVersion {
            version,
            description: p.opt_str("Description").unwrap_or_default().to_owned(),
            sha256: sha256_b64(&zip),
            zip: Arc::new(zip),
            created_ms: env.now_ms,
            runtimes,
            architectures: strings(p, "CompatibleArchitectures"),
            license: p.opt_str("LicenseInfo").map(str::to_owned),
        };
        let out = layer_version_json(&name, &layer);
        entry.0.insert(version, layer);
        Ok(with_status(out, 201))
    }

    fn matches(v: &LayerVersion, p: Params<'_>) -> bool {
        p.opt_str("CompatibleRuntime").is_none_or(|r| v.runtimes.iter().any(|x| x == r))
            && p.opt_str("CompatibleArchitecture").is_none_or(|a| v.architectures.iter().any(|x| x == a))
    }

    pub(super) fn list_layer_versions(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = layer_name(p.str("LayerName")?)?;
        let list: Vec<Value> = self
            .layers
            .get(&name)
            .map(|(versions, _)| versions.values().rev().filter(|v| Self::matches(v, p)).map(|v| list_item(&name, v)).collect())
            .unwrap_or_default();
        Ok(json!({"LayerVersions": list}))
    }

    pub(super) fn list_layers(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let list: Vec<Value> = self
            .layers
            .iter()
            .filter_map(|(name, (versions, _))| {
                let latest = versions.values().rev().find(|v| Self::matches(v, p))?;
                Some(json!({"LayerName": name, "LayerArn": layer_arn(name), "LatestMatchingVersion": list_item(name, latest)}))
            })
            .collect();
        Ok(json!({"Layers": list}))
    }

    pub(super) fn get_layer_version(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = layer_name(p.str("LayerName")?)?;
        let number = p.opt_i64("VersionNumber").unwrap_or(0);
        let v = self.layers.get(&name).and_then(|(versions, _)| versions.get(&(number as u32))).ok_or_else(resource_not_found)?;
        Ok(layer_version_json(&name, v))
    }

    pub(super) fn get_layer_version_by_arn(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("Arn")?;
        let v = self.layer_by_arn(arn).ok_or_else(resource_not_found)?;
        let name = arn.rsplit_once(':').and_then(|(b, _)| b.rsplit(':').next()).unwrap_or_default().to_owned();
        Ok(layer_version_json(&name, v))
    }

    pub(super) fn delete_layer_version(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let name = layer_name(p.str("LayerName")?)?;
        let number = p.opt_i64("VersionNumber").unwrap_or(0) as u32;
        if let Some((versions, _)) = self.layers.get_mut(&name) {
            versions.remove(&number);
        }
        Ok(with_status(json!({}), 204))
    }
}
