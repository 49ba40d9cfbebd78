//! Roles: CreateRole, GetRole, ListRoles, DeleteRole, UpdateAssumeRolePolicy, the inline role
//! policies (Put/Get/Delete/ListRolePolicies) and attached managed policies
//! (Attach/Detach/ListAttachedRolePolicies).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Iam, Role, aws_managed_policy, check_name, check_path, iam_error, no_such_entity, parse_document, unique_suffix};
use crate::AwsError;
use crate::env::Env;
use crate::wire::{Params, timestamp};

fn no_such_role(name: &str) -> AwsError {
    no_such_entity(format!("The role with name {name} cannot be found."))
}

fn tags(p: Params<'_>) -> Vec<(String, String)> {
    p.opt_array("Tags")
        .map(|a| {
            a.iter()
                .filter_map(|t| Some((t["Key"].as_str()?.to_owned(), t["Value"].as_str().unwrap_or_default().to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

/// The `Role` shape. `CreateRole` answers without `MaxSessionDuration` and `RoleLastUsed` (as
/// AWS's documented response shows), `GetRole` with both, `ListRoles` without `RoleLastUsed`.
fn role_json(r: &Role, full: bool, last_used: bool) -> Value {
    let mut v = json!({
        "Path": r.path,
        "RoleName": r.name,
        "RoleId": r.id,
        "Arn": r.arn(),
        "CreateDate": timestamp(r.created_ms),
        "AssumeRolePolicyDocument": r.trust_policy,
    });
    if let Some(d) = &r.description {
        v["Description"] = json!(d);
    }
    if full {
        v["MaxSessionDuration"] = json!(r.max_session_s);
    }
    if !r.tags.is_empty() {
        v["Tags"] = r.tags.iter().map(|(k, val)| json!({"Key": k, "Value": val})).collect();
    }
    if last_used {
        v["RoleLastUsed"] = json!({});
    }
    v
}

impl Iam {
    fn role_mut(&mut self, p: Params<'_>) -> Result<&mut Role, AwsError> {
        let name = p.str("RoleName")?;
        self.roles.get_mut(name).ok_or_else(|| no_such_role(name))
    }

    pub(super) fn create_role(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let name = p.str("RoleName")?;
        check_name(name, "roleName", 64)?;
        let path = p.opt_str("Path").unwrap_or("/");
        check_path(path)?;
        let trust_policy = parse_document(p.str("AssumeRolePolicyDocument")?)?;
        let max_session_s = p.opt_i64("MaxSessionDuration").unwrap_or(3600);
        if !(3600..=43_200).contains(&max_session_s) {
            return Err(iam_error(
                "ValidationError",
                format!("1 validation error detected: Value '{max_session_s}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value {}", if max_session_s < 3600 { "greater than or equal to 3600" } else { "less than or equal to 43200" }),
                400,
            ));
        }
        // Role names are unique case-insensitively.
        if self.roles.keys().any(|k| k.eq_ignore_ascii_case(name)) {
            return Err(iam_error("EntityAlreadyExists", format!("Role with name {name} already exists."), 409));
        }
        let role = Role {
            name: name.to_owned(),
            path: path.to_owned(),
            id: format!("AROA{}", unique_suffix(env)),
            created_ms: env.now_ms,
            trust_policy,
            description: p.opt_str("Description").map(str::to_owned),
            max_session_s,
            inline: BTreeMap::new(),
            attached: Vec::new(),
            tags: tags(p),
        };
        let out = json!({"Role": role_json(&role, false, false)});
        self.roles.insert(name.to_owned(), role);
        Ok(out)
    }

    pub(super) fn get_role(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let role = self.role_mut(p)?;
        Ok(json!({"Role": role_json(role, true, true)}))
    }

    pub(super) fn list_roles(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let prefix = p.opt_str("PathPrefix").unwrap_or("/");
        let roles: Vec<Value> = self.roles.values().filter(|r| r.path.starts_with(prefix)).map(|r| role_json(r, true, false)).collect();
        Ok(json!({"Roles": roles, "IsTruncated": false}))
    }

    pub(super) fn delete_role(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let role = self.role_mut(p)?;
        if !role.attached.is_empty() {
            return Err(iam_error("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409));
        }
        if !role.inline.is_empty() {
            return Err(iam_error("DeleteConflict", "Cannot delete entity, must delete policies first.", 409));
        }
        let name = role.name.clone();
        self.roles.remove(&name);
        Ok(json!({}))
    }

    pub(super) fn update_assume_role_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let document = parse_document(p.str("PolicyDocument")?)?;
        self.role_mut(p)?.trust_policy = document;
        Ok(json!({}))
    }

    pub(super) fn put_role_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let policy_name = p.str("PolicyName")?;
        check_name(policy_name, "policyName", 128)?;
        let document = parse_document(p.str("PolicyDocument")?)?;
        self.role_mut(p)?.inline.insert(policy_name.to_owned(), document);
        Ok(json!({}))
    }

    pub(super) fn get_role_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let policy_name = p.str("PolicyName")?;
        let role = self.role_mut(p)?;
        let document = role
            .inline
            .get(policy_name)
            .ok_or_else(|| no_such_entity(format!("The role policy with name {policy_name} cannot be found.")))?;
        Ok(json!({"RoleName": role.name, "PolicyName": policy_name, "PolicyDocument": document}))
    }

    pub(super) fn delete_role_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let policy_name = p.str("PolicyName")?;
        let role = self.role_mut(p)?;
        role.inline
            .remove(policy_name)
            .ok_or_else(|| no_such_entity(format!("The role policy with name {policy_name} cannot be found.")))?;
        Ok(json!({}))
    }

    pub(super) fn list_role_policies(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let role = self.role_mut(p)?;
        let names: Vec<&String> = role.inline.keys().collect();
        Ok(json!({"PolicyNames": names, "IsTruncated": false}))
    }

    /// The name of the attachable managed policy `arn` (customer or AWS managed).
    fn policy_name(&self, arn: &str) -> Option<String> {
        if let Some(p) = self.policies.values().find(|p| p.arn() == arn) {
            return Some(p.name.clone());
        }
        aws_managed_policy(arn).map(|m| m.name.clone())
    }

    pub(super) fn attach_role_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("PolicyArn")?;
        self.role_mut(p)?;
        if self.policy_name(arn).is_none() {
            return Err(no_such_entity(format!("Policy {arn} does not exist or is not attachable.")));
        }
        let role = self.role_mut(p)?;
        if !role.attached.iter().any(|a| a == arn) {
            role.attached.push(arn.to_owned());
        }
        Ok(json!({}))
    }

    pub(super) fn detach_role_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arn = p.str("PolicyArn")?;
        let role = self.role_mut(p)?;
        let before = role.attached.len();
        role.attached.retain(|a| a != arn);
        if role.attached.len() == before {
            return Err(no_such_entity(format!("Policy {arn} was not found.")));
        }
        Ok(json!({}))
    }

    pub(super) fn list_attached_role_policies(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let arns = self.role_mut(p)?.attached.clone();
        let prefix = p.opt_str("PathPrefix").unwrap_or("/");
        let attached: Vec<Value> = arns
            .iter()
            .filter(|arn| arn.split_once(":policy").is_some_and(|(_, rest)| rest.starts_with(prefix)))
            .map(|arn| json!({"PolicyName": self.policy_name(arn).unwrap_or_default(), "PolicyArn": arn}))
            .collect();
        Ok(json!({"AttachedPolicies": attached, "IsTruncated": false}))
    }

    /// How many roles have `arn` attached (a policy's `AttachmentCount`).
    pub(super) fn attachment_count(&self, arn: &str) -> usize {
        self.roles.values().filter(|r| r.attached.iter().any(|a| a == arn)).count()
    }
}
