//! The function's resource-based policy: AddPermission, RemovePermission, GetPolicy. Lambda
//! answers the policy as a JSON string whose members are in its own order
//! (`Sid, Effect, Principal, Action, Resource, Condition`), which is kept here.

use serde_json::{Value, json};

use super::errors::{Violations, conflict, function_not_found, not_found, precondition_failed, resource_not_found};
use super::functions::with_status;
use super::names::{function_arn, function_ref};
use super::{Function, Lambda};
use crate::AwsError;
use crate::env::Env;
use crate::wire::Params;

/// The policy document of `f` for `qualifier` (`""`: the unqualified function), if it has
/// statements.
pub(crate) fn policy_document(f: &Function, qualifier: &str) -> Option<String> {
    let statements = f.policies.get(qualifier).filter(|s| !s.is_empty())?;
    let list: Vec<&str> = statements.iter().map(|(_, text)| text.as_str()).collect();
    Some(format!("{{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{}]}}", list.join(",")))
}

/// The `Principal` member for a principal as AddPermission takes it.
fn principal(p: &str) -> Value {
    if p == "*" {
        json!("*")
    } else if p.len() == 12 && p.bytes().all(|b| b.is_ascii_digit()) {
        json!({"AWS": format!("arn:aws:iam::{p}:root")})
    } else if p.starts_with("arn:") {
        json!({"AWS": p})
    } else {
        json!({"Service": p})
    }
}

impl Lambda {
    /// The function and the existing qualifier (`""` when none) a policy request names.
    fn policy_target(&self, p: Params<'_>) -> Result<(String, String), AwsError> {
        let r = function_ref(p, false)?;
        let f = self.function_of(&r)?;
        let qualifier = r.qualifier.clone().unwrap_or_default();
        if !qualifier.is_empty() && qualifier != "$LATEST" && f.config(&qualifier).is_none() && !f.aliases.contains_key(&qualifier) {
            return Err(function_not_found(&function_arn(&r.name, &qualifier)));
        }
        Ok((r.name, qualifier))
    }

    pub(super) fn add_permission(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let (name, qualifier) = self.policy_target(p)?;
        let sid = p.str("StatementId")?;
        let action = p.str("Action")?;
        let who = p.str("Principal")?;
        let mut v = Violations::default();
        if sid.is_empty() || sid.len() > 100 || !sid.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            v.add(sid, "statementId", "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)");
        }
        let action_ok = action == "*" || action.strip_prefix("lambda:").is_some_and(|a| a == "*" || (!a.is_empty() && a.bytes().all(|b| b.is_ascii_alphabetic())));
        if !action_ok {
            v.add(action, "action", "Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])");
        }
        v.check()?;
        let f = self.functions.get_mut(&name).expect("checked by policy_target");
        if let Some(rev) = p.opt_str("RevisionId")
            && rev != f.latest.revision_id
        {
            return Err(precondition_failed());
        }
        let statements = f.policies.entry(qualifier.clone()).or_default();
        if statements.iter().any(|(s, _)| s == sid) {
            return Err(conflict(format!(
                "The statement id ({sid}) provided already exists. Please specify a new statement id, or remove the existing statement."
            )));
        }
        let mut conditions = serde_json::Map::new();
        if let Some(arn) = p.opt_str("SourceArn") {
            conditions.insert("ArnLike".into(), json!({"AWS:SourceArn": arn}));
        }
        let mut equals = serde_json::Map::new();
        if let Some(account) = p.opt_str("SourceAccount") {
            equals.insert("AWS:SourceAccount".into(), json!(account));
        }
        if let Some(org) = p.opt_str("PrincipalOrgID") {
            equals.insert("aws:PrincipalOrgID".into(), json!(org));
        }
        if let Some(auth) = p.opt_str("FunctionUrlAuthType") {
            equals.insert("lambda:FunctionUrlAuthType".into(), json!(auth));
        }
        if !equals.is_empty() {
            conditions.insert("StringEquals".into(), Value::Object(equals));
        }
        let mut text = format!(
            "{{\"Sid\":{},\"Effect\":\"Allow\",\"Principal\":{},\"Action\":{},\"Resource\":{}",
            json!(sid),
            principal(who),
            json!(action),
            json!(function_arn(&name, &qualifier))
        );
        if !conditions.is_empty() {
            text.push_str(&format!(",\"Condition\":{}", Value::Object(conditions)));
        }
        text.push('}');
        statements.push((sid.to_owned(), text.clone()));
        // A policy change is a new revision of the function, not a new deployment: LastModified
        // (and the lab runtime's warm environments) stay.
        f.latest.revision_id = env.ids.uuid();
        Ok(with_status(json!({"Statement": text}), 201))
    }

    pub(super) fn remove_permission(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let (name, qualifier) = self.policy_target(p)?;
        let sid = p.str("StatementId")?;
        let f = self.functions.get_mut(&name).expect("checked by policy_target");
        let statements = f
            .policies
            .get_mut(&qualifier)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| not_found("No policy is associated with the given resource."))?;
        let before = statements.len();
        statements.retain(|(s, _)| s != sid);
        if statements.len() == before {
            return Err(not_found(format!("Statement {sid} is not found in resource policy.")));
        }
        f.latest.revision_id = env.ids.uuid();
        Ok(with_status(json!({}), 204))
    }

    pub(super) fn get_policy(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let (name, qualifier) = self.policy_target(p)?;
        let f = &self.functions[&name];
        let policy = policy_document(f, &qualifier).ok_or_else(resource_not_found)?;
        Ok(json!({"Policy": policy, "RevisionId": f.latest.revision_id}))
    }
}
