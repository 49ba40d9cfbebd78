//! Managed policies: CreatePolicy, GetPolicy, GetPolicyVersion, DeletePolicy, ListPolicies, for
//! customer managed policies and the AWS managed ones in `managed_policies.json`.

use serde_json::{Value, json};

use super::managed::{ManagedPolicy, aws_managed_policies};
use super::{Iam, Policy, aws_managed_policy, check_name, check_path, iam_error, no_such_entity, parse_document, unique_suffix};
use crate::AwsError;
use crate::env::Env;
use crate::wire::{Params, timestamp};

fn not_found(arn: &str) -> AwsError {
    no_such_entity(format!("Policy {arn} does not exist or is not attachable."))
}

/// A stable `PolicyId` for an AWS managed policy (AWS's real ids are not in the data).
fn managed_id(name: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut id = String::from("ANPA");
    for _ in 0..17 {
        for b in name.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        id.push(ALPHABET[(h >> 59) as usize % 32] as char);
    }
    id
}

fn managed_json(m: &ManagedPolicy, attachments: usize) -> Value {
    json!({
        "PolicyName": m.name,
        "PolicyId": managed_id(&m.name),
        "Arn": m.arn,
        "Path": m.path,
        "DefaultVersionId": m.default_version,
        "AttachmentCount": attachments,
        "PermissionsBoundaryUsageCount": 0,
        "IsAttachable": true,
        "CreateDate": timestamp(m.created_ms),
        "UpdateDate": timestamp(m.updated_ms),
    })
}

fn policy_json(p: &Policy, attachments: usize) -> Value {
    let mut v = json!({
        "PolicyName": p.name,
        "PolicyId": p.id,
        "Arn": p.arn(),
        "Path": p.path,
        "DefaultVersionId": format!("v{}", p.versions.len()),
        "AttachmentCount": attachments,
        "PermissionsBoundaryUsageCount": 0,
        "IsAttachable": true,
        "CreateDate": timestamp(p.created_ms),
        "UpdateDate": timestamp(p.versions.last().map_or(p.created_ms, |v| v.1)),
    });
    if let Some(d) = &p.description {
        v["Description"] = json!(d);
    }
    v
}

impl Iam {
    pub(super) fn create_policy(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = p.str("PolicyName")?;
        check_name(name, "policyName", 128)?;
        let path = p.opt_str("Path").unwrap_or("/");
        check_path(path)?;
        let document = parse_document(p.str("PolicyDocument")?)?;
        let policy = Policy {
            name: name.to_owned(),
            path: path.to_owned(),
            id: format!("ANPA{}", unique_suffix(env)),
            description: p.opt_str("Description").map(str::to_owned),
            created_ms: env.now_ms,
            versions: vec![(document, env.now_ms)],
        };
        let arn = policy.arn();
        if self.policies.contains_key(&arn) {
            return Err(iam_error("EntityAlreadyExists", format!("A policy called {name} already exists. Duplicate names are not allowed."), 409));
        }
        let out = json!({"Policy": policy_json(&policy, 0)});
        self.policies.insert(arn, policy);
        Ok(out)
    }

    pub(super) fn get_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("PolicyArn")?;
        let count = self.attachment_count(arn);
        if let Some(policy) = self.policies.get(arn) {
            return Ok(json!({"Policy": policy_json(policy, count)}));
        }
        let m = aws_managed_policy(arn).ok_or_else(|| not_found(arn))?;
        Ok(json!({"Policy": managed_json(m, count)}))
    }

    pub(super) fn get_policy_version(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("PolicyArn")?;
        let version = p.str("VersionId")?;
        let missing = || no_such_entity(format!("Policy {arn} version {version} does not exist or is not attachable."));
        if let Some(policy) = self.policies.get(arn) {
            let n: usize = version.strip_prefix('v').and_then(|n| n.parse().ok()).ok_or_else(missing)?;
            let (document, created) = policy.versions.get(n.wrapping_sub(1)).ok_or_else(missing)?;
            return Ok(json!({"PolicyVersion": {
                "Document": document, "VersionId": version, "IsDefaultVersion": n == policy.versions.len(), "CreateDate": timestamp(*created),
            }}));
        }
        let m = aws_managed_policy(arn).ok_or_else(|| not_found(arn))?;
        if m.default_version != version {
            return Err(missing());
        }
        Ok(json!({"PolicyVersion": {
            "Document": m.document, "VersionId": version, "IsDefaultVersion": true, "CreateDate": timestamp(m.updated_ms),
        }}))
    }

    pub(super) fn delete_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("PolicyArn")?;
        if !self.policies.contains_key(arn) {
            return Err(not_found(arn));
        }
        if self.attachment_count(arn) > 0 {
            return Err(iam_error("DeleteConflict", "Cannot delete a policy attached to entities.", 409));
        }
        self.policies.remove(arn);
        Ok(json!({}))
    }

    pub(super) fn list_policies(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let scope = p.opt_str("Scope").unwrap_or("All");
        let only_attached = p.opt_bool("OnlyAttached").unwrap_or(false);
        let mut out = Vec::new();
        if scope != "Local" {
            for m in aws_managed_policies() {
                let count = self.attachment_count(&m.arn);
                if !only_attached || count > 0 {
                    out.push(managed_json(m, count));
                }
            }
        }
        if scope != "AWS" {
            for policy in self.policies.values() {
                let count = self.attachment_count(&policy.arn());
                if !only_attached || count > 0 {
                    out.push(policy_json(policy, count));
                }
            }
        }
        Ok(json!({"Policies": out, "IsTruncated": false}))
    }
}
