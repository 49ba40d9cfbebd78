//! AWS IAM, the part a Lambda learner touches: execution roles with their trust policy, inline
//! role policies, customer managed policies and the AWS managed policies the course attaches.
//!
//! IAM speaks the query protocol: botocore parses its XML errors into `Code`, `Message` and
//! `Type: Sender`, and URL-decodes policy documents into dicts (`AssumeRolePolicyDocument`,
//! `PolicyDocument`, `Document`), which is what a boto3 caller gets and so what the mock returns.
//! Where moto 5.2.5 words a message differently from AWS (a missing role is "Role x not found" in
//! moto, "The role with name x cannot be found." on AWS) the mock follows AWS.
//!
//! Nothing is evaluated here yet: policy documents are kept as parsed JSON (the AWS managed ones
//! as AWS publishes them, in `managed_policies.json`) so that a later permission check can read
//! them through [`Iam::role`] and [`Iam::policy_document`].
//!
//! Split by job: `roles` (roles and their inline and attached policies), `policies` (managed
//! policies), `managed` (the AWS managed policy data).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::AwsError;
use crate::env::{ACCOUNT_ID, Env};
use crate::error::not_implemented;
use crate::wire::Params;

mod managed;
mod policies;
mod roles;
#[cfg(test)]
mod tests;

pub use managed::aws_managed_policy;

/// An IAM role.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// `RoleName`.
    pub name: String,
    /// `Path` (`/` unless given).
    pub path: String,
    /// `RoleId` (`AROA` + 17 characters).
    pub id: String,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// The trust policy, parsed.
    pub trust_policy: Value,
    /// `Description`, if given.
    pub description: Option<String>,
    /// `MaxSessionDuration` in seconds.
    pub max_session_s: i64,
    /// Inline policies by name, parsed.
    pub inline: BTreeMap<String, Value>,
    /// ARNs of attached managed policies, in attachment order.
    pub attached: Vec<String>,
    /// Tags.
    pub tags: Vec<(String, String)>,
}

impl Role {
    /// The role's ARN.
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::{ACCOUNT_ID}:role{}{}", self.path, self.name)
    }

    /// Whether the trust policy lets `service` (e.g. `lambda.amazonaws.com`) assume the role:
    /// an `Allow` statement whose `Principal.Service` names it and whose `Action` covers
    /// `sts:AssumeRole`.
    pub fn trusts_service(&self, service: &str) -> bool {
        let statements = match &self.trust_policy["Statement"] {
            Value::Array(a) => a.clone(),
            s @ Value::Object(_) => vec![s.clone()],
            _ => return false,
        };
        statements.iter().any(|s| {
            let one_or_many = |v: &Value, want: &dyn Fn(&str) -> bool| match v {
                Value::String(x) => want(x),
                Value::Array(a) => a.iter().filter_map(Value::as_str).any(want),
                _ => false,
            };
            s["Effect"] == "Allow"
                && one_or_many(&s["Principal"]["Service"], &|x| x == service)
                && one_or_many(&s["Action"], &|x| matches!(x, "sts:AssumeRole" | "sts:*" | "*"))
        })
    }
}

/// A customer managed policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// `PolicyName`.
    pub name: String,
    /// `Path`.
    pub path: String,
    /// `PolicyId` (`ANPA` + 17 characters).
    pub id: String,
    /// `Description`.
    pub description: Option<String>,
    /// Creation time, epoch milliseconds.
    pub created_ms: i64,
    /// Versions `v1`, `v2`... as (document, created_ms); the default is the last.
    pub versions: Vec<(Value, i64)>,
}

impl Policy {
    /// The policy's ARN.
    pub fn arn(&self) -> String {
        format!("arn:aws:iam::{ACCOUNT_ID}:policy{}{}", self.path, self.name)
    }
}

/// The mock IAM.
#[derive(Debug, Default)]
pub struct Iam {
    roles: BTreeMap<String, Role>,
    policies: BTreeMap<String, Policy>,
}

/// An IAM error as botocore parses it (query protocol: `Type: Sender`).
pub(crate) fn iam_error(code: &str, message: impl Into<String>, status: u16) -> AwsError {
    AwsError::new(code, message, status).with_error_fields(json!({"Type": "Sender"}))
}

fn no_such_entity(message: impl Into<String>) -> AwsError {
    iam_error("NoSuchEntity", message, 404)
}

/// IAM's `ValidationError` for a value that breaks the model's pattern or length.
fn validation_error(value: &str, member: &str, constraint: &str) -> AwsError {
    iam_error(
        "ValidationError",
        format!("1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}"),
        400,
    )
}

/// Parses a policy document: AWS refuses anything that is not a JSON object.
fn parse_document(text: &str) -> Result<Value, AwsError> {
    match serde_json::from_str::<Value>(text) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(iam_error("MalformedPolicyDocument", "This policy contains invalid Json", 400)),
    }
}

/// 17 characters of IAM's unique-id alphabet (upper-case letters and digits).
fn unique_suffix(env: &mut Env<'_>) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    (0..17).map(|_| ALPHABET[(env.ids.next_u64() % 32) as usize] as char).collect()
}

fn check_name(value: &str, member: &str, max: usize) -> Result<(), AwsError> {
    let ok = |c: char| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c);
    if value.is_empty() || !value.chars().all(ok) {
        return Err(validation_error(value, member, "Member must satisfy regular expression pattern: [\\w+=,.@-]+"));
    }
    if value.len() > max {
        return Err(validation_error(value, member, &format!("Member must have length less than or equal to {max}")));
    }
    Ok(())
}

fn check_path(path: &str) -> Result<(), AwsError> {
    let ok = path.starts_with('/') && path.ends_with('/') && path.chars().all(|c| ('\u{21}'..='\u{7f}').contains(&c));
    if !ok {
        return Err(validation_error(
            path,
            "path",
            "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)",
        ));
    }
    Ok(())
}

impl Iam {
    /// Runs one operation.
    pub fn call(&mut self, op: &str, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        match op {
            "CreateRole" => self.create_role(p, env),
            "GetRole" => self.get_role(p),
            "ListRoles" => self.list_roles(p),
            "DeleteRole" => self.delete_role(p),
            "UpdateAssumeRolePolicy" => self.update_assume_role_policy(p),
            "PutRolePolicy" => self.put_role_policy(p),
            "GetRolePolicy" => self.get_role_policy(p),
            "DeleteRolePolicy" => self.delete_role_policy(p),
            "ListRolePolicies" => self.list_role_policies(p),
            "AttachRolePolicy" => self.attach_role_policy(p),
            "DetachRolePolicy" => self.detach_role_policy(p),
            "ListAttachedRolePolicies" => self.list_attached_role_policies(p),
            "CreatePolicy" => self.create_policy(p, env),
            "GetPolicy" => self.get_policy(p),
            "GetPolicyVersion" => self.get_policy_version(p),
            "DeletePolicy" => self.delete_policy(p),
            "ListPolicies" => self.list_policies(p),
            _ => Err(not_implemented("iam", op)),
        }
    }

    /// The role with ARN `arn`, if it exists.
    pub fn role_by_arn(&self, arn: &str) -> Option<&Role> {
        let name = arn.rsplit('/').next()?;
        self.roles.get(name).filter(|r| r.arn() == arn)
    }

    /// The role named `name`, if it exists.
    pub fn role(&self, name: &str) -> Option<&Role> {
        self.roles.get(name)
    }

    /// The default version's document of the managed policy `arn` (customer or AWS managed).
    pub fn policy_document(&self, arn: &str) -> Option<Value> {
        if let Some(p) = self.policies.values().find(|p| p.arn() == arn) {
            return p.versions.last().map(|(d, _)| d.clone());
        }
        aws_managed_policy(arn).map(|m| m.document.clone())
    }

    /// Everything, for the lab's state view: `{"roles": {name: {...}}, "policies": {arn: {...}}}`.
    pub fn snapshot(&self) -> Value {
        let roles: serde_json::Map<String, Value> = self
            .roles
            .values()
            .map(|r| {
                let view = json!({
                    "Arn": r.arn(),
                    "RoleId": r.id,
                    "AssumeRolePolicyDocument": r.trust_policy,
                    "InlinePolicies": r.inline,
                    "AttachedPolicies": r.attached,
                });
                (r.name.clone(), view)
            })
            .collect();
        let policies: serde_json::Map<String, Value> = self
            .policies
            .values()
            .map(|p| (p.arn(), json!({"PolicyName": p.name, "Document": p.versions.last().map(|(d, _)| d.clone())})))
            .collect();
        json!({"roles": roles, "policies": policies})
    }
}
