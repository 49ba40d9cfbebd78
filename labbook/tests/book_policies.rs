//! Every IAM policy in the book is valid JSON that follows the IAM policy grammar.
//!
//! A policy is any JSON object with a `Statement` key in a ```json block (a whole policy, or one
//! nested in an API response such as `create-role`'s `AssumeRolePolicyDocument`), or any mapping
//! with a `Statement` key inside a SAM/CloudFormation template (trust policies, inline role
//! policies, SAM `Policies` statements; cfn-lint checks their structure but not action names).
//! Templates are read by `common/template_policies.py` with cfn-lint's own YAML decoder. Blocks
//! marked `,fragment` are skipped. In templates, intrinsic functions (`!GetAtt T.Arn`, `!Sub`)
//! stand where a value is only known at deploy time and are not checked, and a statement list
//! given directly in a SAM function's `Policies` needs no `Version` (SAM adds the document).
//!
//! What is checked, per the IAM JSON policy reference:
//! - the document: only `Version`, `Id`, `Statement`; `Version` present and `2012-10-17` or
//!   `2008-10-17`; `Statement` an object or a non-empty array of objects;
//! - each statement: only the documented keys; `Sid` alphanumeric; `Effect` `Allow` or `Deny`;
//!   exactly one of `Action`/`NotAction`; at most one of `Resource`/`NotResource` and of
//!   `Principal`/`NotPrincipal`; a policy is either identity-based (no principal in any
//!   statement; every statement needs a resource) or resource-based (a principal in every
//!   statement; a resource is needed except in a role trust policy, whose actions are all
//!   `sts:AssumeRole*`);
//! - actions: `*` or `service:Name` with `*`/`?` wildcards; the service prefix must exist (one
//!   of botocore's signing names/endpoint prefixes); for the services the book teaches, the name
//!   must be a real action: an operation of that service's botocore model, or one of the
//!   IAM-only actions in [`IAM_ONLY_ACTIONS`] (IAM names differ from API names for some, e.g.
//!   `s3:ListBucket` for `ListObjectsV2`, `lambda:InvokeFunction` for `Invoke`). A wildcard must
//!   match at least one known action. Other services get the prefix and shape check only.
//!   Names are compared case-sensitively (IAM itself ignores case; the book uses AWS's spelling);
//! - resources: `*` or `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` with a known partition
//!   and service, a region-shaped or empty region, a 12-digit, empty or `aws` account, `*`
//!   wildcards, and a non-empty resource; S3 and IAM ARNs have the empty fields their ARNs have.
//!   A whole field in capitals (`ACCOUNT_ID`, `REGION`) is a placeholder the text asks the reader
//!   to fill in, and is accepted where an account or region goes;
//! - `Condition`: operators from the documented set (with `IfExists`, `ForAllValues:`,
//!   `ForAnyValue:`), keys shaped `prefix:name` with a known prefix, values strings, numbers,
//!   booleans or lists of them;
//! - `Principal`: `*`, or `AWS` (account ids, IAM ARNs, `*`), `Service` (`name.amazonaws.com`),
//!   `Federated` or `CanonicalUser`.
//!
//! Not checked: whether a policy does what its text says, condition keys against each
//! service's documented keys, resource types against each action, or ARN resource paths
//! beyond being non-empty.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// IAM actions that are not API operation names in botocore's models (for the services whose
/// actions are checked). From the Service Authorization Reference's action tables.
const IAM_ONLY_ACTIONS: &[(&str, &[&str])] = &[
    ("lambda", &["InvokeFunction", "InvokeFunctionUrl", "EnableReplication", "DisableReplication"]),
    (
        "s3",
        &[
            "ListBucket",
            "ListBucketVersions",
            "ListBucketMultipartUploads",
            "ListMultipartUploadParts",
            "ListAllMyBuckets",
            "GetObjectVersion",
            "GetObjectVersionAcl",
            "GetObjectVersionTagging",
            "DeleteObjectVersion",
            "PutBucketNotification",
            "GetBucketNotification",
            "PutObjectVersionAcl",
            "ReplicateObject",
            "ReplicateDelete",
        ],
    ),
    ("dynamodb", &["ConditionCheckItem", "PartiQLSelect", "PartiQLInsert", "PartiQLUpdate", "PartiQLDelete"]),
    ("iam", &["PassRole"]),
    ("execute-api", &["Invoke", "ManageConnections", "InvalidateCache"]),
    ("apigateway", &["GET", "POST", "PUT", "PATCH", "DELETE"]),
    ("sts", &["TagSession", "SetSourceIdentity"]),
];

/// IAM service prefix → the botocore services whose operations are its actions, for the
/// services the book uses. `dynamodb:` also names DynamoDB Streams' operations.
const ACTION_SOURCES: &[(&str, &[&str])] = &[
    ("lambda", &["lambda"]),
    ("s3", &["s3", "s3control"]),
    ("sqs", &["sqs"]),
    ("dynamodb", &["dynamodb", "dynamodbstreams"]),
    ("sns", &["sns"]),
    ("logs", &["logs"]),
    ("xray", &["xray"]),
    ("iam", &["iam"]),
    ("sts", &["sts"]),
    ("kms", &["kms"]),
    ("events", &["events"]),
    ("cloudwatch", &["cloudwatch"]),
    ("ssm", &["ssm"]),
    ("secretsmanager", &["secretsmanager"]),
    ("states", &["stepfunctions"]),
    ("apigateway", &[]),
    ("execute-api", &[]),
];

const CONDITION_OPERATORS: &[&str] = &[
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
];

/// What the validator knows about services and actions.
struct Knowledge {
    /// Every service prefix that exists.
    prefixes: BTreeSet<String>,
    /// For the services whose action names are checked: every action name.
    actions: BTreeMap<String, BTreeSet<String>>,
}

impl Knowledge {
    /// From botocore's models (the book-tools venv).
    fn from_botocore() -> Self {
        let services: BTreeSet<&str> = ACTION_SOURCES.iter().flat_map(|(_, s)| s.iter().copied()).collect();
        let models = common::venv::botocore_models(&services.into_iter().collect::<Vec<_>>(), true);
        assert!(models["unknown"].as_array().is_some_and(Vec::is_empty), "botocore lacks {}", models["unknown"]);
        let mut prefixes: BTreeSet<String> =
            models["iam_prefixes"].as_array().unwrap().iter().filter_map(|p| p.as_str().map(str::to_owned)).collect();
        let mut actions = BTreeMap::new();
        for (prefix, sources) in ACTION_SOURCES {
            let set: &mut BTreeSet<String> = actions.entry(prefix.to_string()).or_default();
            for service in *sources {
                for op in models["services"][service]["operations"].as_object().unwrap().values() {
                    set.insert(op["name"].as_str().unwrap().to_owned());
                }
            }
            prefixes.insert(prefix.to_string());
        }
        Self::with_iam_only(prefixes, actions)
    }

    fn with_iam_only(prefixes: BTreeSet<String>, mut actions: BTreeMap<String, BTreeSet<String>>) -> Self {
        for (prefix, names) in IAM_ONLY_ACTIONS {
            actions.entry(prefix.to_string()).or_default().extend(names.iter().map(|n| n.to_string()));
        }
        Knowledge { prefixes, actions }
    }
}

/// A problem in a policy: what is wrong, and a piece of the policy's text to find its line by.
#[derive(Debug)]
struct Problem {
    message: String,
    near: Option<String>,
}

fn problem(message: impl Into<String>, near: Option<&str>) -> Problem {
    Problem { message: message.into(), near: near.map(str::to_owned) }
}

/// `*` and `?` glob match.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// A CloudFormation intrinsic function (`{"Ref": ..}`, `{"Fn::GetAtt": ..}`): known at deploy time.
fn is_intrinsic(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.len() == 1 && o.keys().all(|k| k == "Ref" || k.starts_with("Fn::")))
}

/// A string or a list of strings (the shape of `Action`, `Resource`, principal values...);
/// intrinsic functions are skipped.
fn strings<'a>(value: &'a Value, what: &str, out: &mut Vec<Problem>) -> Vec<&'a str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        v if is_intrinsic(v) => Vec::new(),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .filter_map(|v| {
                let s = v.as_str();
                if s.is_none() && !is_intrinsic(v) {
                    out.push(problem(format!("{what} must be a string or a list of strings, found {v}"), None));
                }
                s
            })
            .collect(),
        other => {
            out.push(problem(format!("{what} must be a string or a non-empty list of strings, found {other}"), None));
            Vec::new()
        }
    }
}

fn is_placeholder(field: &str) -> bool {
    field.len() > 1
        && field.starts_with(|c: char| c.is_ascii_uppercase())
        && field.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn check_action(action: &str, known: &Knowledge, out: &mut Vec<Problem>) {
    if action == "*" {
        return;
    }
    let Some((prefix, name)) = action.split_once(':') else {
        out.push(problem(format!("action `{action}` is not `service:Action`"), Some(action)));
        return;
    };
    let prefix_ok =
        !prefix.is_empty() && prefix.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let name_ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '*' || c == '?');
    if !prefix_ok || !name_ok {
        out.push(problem(
            format!(
                "action `{action}` is not `service:Action` (lowercase service prefix, then letters, digits and `*`/`?`)"
            ),
            Some(action),
        ));
        return;
    }
    if !known.prefixes.contains(prefix) {
        out.push(problem(format!("action `{action}`: no AWS service has the prefix `{prefix}`"), Some(action)));
        return;
    }
    let Some(names) = known.actions.get(prefix) else {
        return;
    };
    if name.contains(['*', '?']) {
        if !names.iter().any(|n| glob(name, n)) {
            out.push(problem(format!("action `{action}` matches no {prefix} action"), Some(action)));
        }
    } else if !names.contains(name) {
        let close: Vec<&String> = names.iter().filter(|n| n.eq_ignore_ascii_case(name)).collect();
        let hint = match close.first() {
            Some(n) => format!(" (the action is spelled `{prefix}:{n}`)"),
            None => String::new(),
        };
        out.push(problem(format!("action `{action}` is not a {prefix} action{hint}"), Some(action)));
    }
}

fn check_resource(resource: &str, known: &Knowledge, out: &mut Vec<Problem>) {
    if resource == "*" {
        return;
    }
    let fields: Vec<&str> = resource.splitn(6, ':').collect();
    let bad = |why: &str| {
        problem(
            format!("resource `{resource}` is not an ARN `arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE` or `*`: {why}"),
            Some(resource),
        )
    };
    if fields.len() < 6 || fields[0] != "arn" {
        out.push(bad("it needs six `:`-separated fields starting with `arn`"));
        return;
    }
    let (partition, service, region, account, rest) = (fields[1], fields[2], fields[3], fields[4], fields[5]);
    if !["aws", "aws-cn", "aws-us-gov", "*"].contains(&partition) {
        out.push(bad(&format!("unknown partition `{partition}`")));
    }
    if !known.prefixes.contains(service) {
        out.push(bad(&format!("unknown service `{service}`")));
    }
    let region_ok = region.is_empty()
        || region == "*"
        || is_placeholder(region)
        || (region.split('-').count() >= 3
            && region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '*')
            && region.ends_with(|c: char| c.is_ascii_digit() || c == '*'));
    if !region_ok {
        out.push(bad(&format!("`{region}` is not a region")));
    }
    let account_ok = account.is_empty()
        || account == "*"
        || account == "aws"
        || is_placeholder(account)
        || (account.len() == 12 && account.chars().all(|c| c.is_ascii_digit()));
    if !account_ok {
        out.push(bad(&format!("`{account}` is not a 12-digit account id")));
    }
    if matches!(service, "s3") && (!region.is_empty() || !account.is_empty()) {
        out.push(bad("S3 bucket and object ARNs have empty region and account fields (`arn:aws:s3:::bucket/key`)"));
    }
    if matches!(service, "iam") && !region.is_empty() {
        out.push(bad("IAM ARNs have an empty region field (`arn:aws:iam::ACCOUNT:role/name`)"));
    }
    if rest.is_empty() {
        out.push(bad("the resource field is empty"));
    }
}

fn check_condition(condition: &Value, known: &Knowledge, out: &mut Vec<Problem>) {
    let Some(operators) = condition.as_object() else {
        out.push(problem(format!("Condition must be an object of operators, found {condition}"), None));
        return;
    };
    for (operator, tests) in operators {
        let base = operator
            .strip_prefix("ForAllValues:")
            .or_else(|| operator.strip_prefix("ForAnyValue:"))
            .unwrap_or(operator);
        // `...IfExists` exists for every operator but `Null`.
        let base = base.strip_suffix("IfExists").filter(|b| *b != "Null").unwrap_or(base);
        if !CONDITION_OPERATORS.contains(&base) {
            out.push(problem(
                format!("`{operator}` is not a condition operator (StringEquals, StringLike, ArnLike, Bool, ...)"),
                Some(operator),
            ));
        }
        let Some(tests) = tests.as_object().filter(|t| !t.is_empty()) else {
            out.push(problem(format!("condition `{operator}` must map condition keys to values"), Some(operator)));
            continue;
        };
        for (key, value) in tests {
            match key.split_once(':') {
                Some((prefix, name)) if !name.is_empty() && (prefix == "aws" || known.prefixes.contains(prefix)) => {}
                _ => out.push(problem(
                    format!("condition key `{key}` is not `service:key` with a known service prefix (or `aws:`)"),
                    Some(key),
                )),
            }
            let scalar = |v: &Value| v.is_string() || v.is_number() || v.is_boolean() || is_intrinsic(v);
            let ok = scalar(value) || value.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(scalar));
            if !ok {
                out.push(problem(
                    format!(
                        "condition `{operator}` `{key}`: value must be a string, number, boolean or a list of them"
                    ),
                    Some(key),
                ));
            }
        }
    }
}

fn check_principal(principal: &Value, out: &mut Vec<Problem>) {
    if principal.as_str() == Some("*") || is_intrinsic(principal) {
        return;
    }
    let Some(kinds) = principal.as_object().filter(|p| !p.is_empty()) else {
        out.push(problem(
            format!(
                "Principal must be `*` or an object like {{\"Service\": \"lambda.amazonaws.com\"}}, found {principal}"
            ),
            None,
        ));
        return;
    };
    for (kind, value) in kinds {
        for p in strings(value, &format!("Principal {kind}"), out) {
            let ok = match kind.as_str() {
                "AWS" => {
                    p == "*"
                        || (p.len() == 12 && p.chars().all(|c| c.is_ascii_digit()))
                        || p.strip_prefix("arn:aws:iam::").or_else(|| p.strip_prefix("arn:aws:sts::")).is_some_and(
                            |rest| {
                                rest.split_once(':').is_some_and(|(account, what)| {
                                    (account.len() == 12 && account.chars().all(|c| c.is_ascii_digit())
                                        || is_placeholder(account))
                                        && (what == "root"
                                            || ["user/", "role/", "assumed-role/", "federated-user/"]
                                                .iter()
                                                .any(|t| what.len() > t.len() && what.starts_with(t)))
                                })
                            },
                        )
                }
                "Service" => p.strip_suffix(".amazonaws.com").is_some_and(|s| {
                    !s.is_empty()
                        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
                }),
                "Federated" => !p.is_empty(),
                "CanonicalUser" => p.len() == 64 && p.chars().all(|c| c.is_ascii_hexdigit()),
                _ => {
                    out.push(problem(
                        format!("Principal type `{kind}` is not AWS, Service, Federated or CanonicalUser"),
                        Some(kind),
                    ));
                    break;
                }
            };
            if !ok {
                out.push(problem(format!("Principal {kind} `{p}` is not a valid {kind} principal"), Some(p)));
            }
        }
    }
}

/// Checks one policy document; `sam_inline`: a statement list in a SAM function's `Policies`,
/// which SAM wraps in a document with a Version.
fn check_policy(policy: &Value, known: &Knowledge, sam_inline: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(doc) = policy.as_object() else {
        return vec![problem("a policy must be a JSON object", None)];
    };
    for key in doc.keys() {
        if !["Version", "Id", "Statement"].contains(&key.as_str()) {
            out.push(problem(format!("`{key}` is not a policy element (Version, Id, Statement)"), Some(key)));
        }
    }
    match doc.get("Version").and_then(Value::as_str) {
        Some("2012-10-17" | "2008-10-17") => {}
        Some(v) => out.push(problem(format!("Version `{v}` is not a policy language version (use \"2012-10-17\")"), Some(v))),
        None if sam_inline => {}
        None => out.push(problem("the policy has no \"Version\": \"2012-10-17\" (without it IAM assumes 2008-10-17, where policy variables do not work)", None)),
    }
    let statements: Vec<&Value> = match doc.get("Statement") {
        Some(Value::Array(items)) if !items.is_empty() => items.iter().collect(),
        Some(s @ Value::Object(_)) => vec![s],
        other => {
            out.push(problem(
                format!(
                    "Statement must be an object or a non-empty list, found {}",
                    other.map_or("nothing".into(), |v| v.to_string())
                ),
                None,
            ));
            return out;
        }
    };
    let with_principal =
        statements.iter().filter(|s| s.get("Principal").is_some() || s.get("NotPrincipal").is_some()).count();
    if with_principal != 0 && with_principal != statements.len() {
        out.push(problem("some statements have a Principal and some do not: a policy is either identity-based (no Principal) or resource-based (every statement has one)", None));
    }
    for (i, statement) in statements.iter().enumerate() {
        let n = i + 1;
        let Some(s) = statement.as_object() else {
            out.push(problem(format!("statement {n} is not an object"), None));
            continue;
        };
        let near = s.get("Sid").and_then(Value::as_str);
        for key in s.keys() {
            if ![
                "Sid",
                "Effect",
                "Principal",
                "NotPrincipal",
                "Action",
                "NotAction",
                "Resource",
                "NotResource",
                "Condition",
            ]
            .contains(&key.as_str())
            {
                out.push(problem(format!("statement {n}: `{key}` is not a statement element"), Some(key)));
            }
        }
        if let Some(sid) = s.get("Sid") {
            if !sid.as_str().is_some_and(|v| v.chars().all(|c| c.is_ascii_alphanumeric())) {
                out.push(problem(format!("statement {n}: Sid {sid} must contain only letters and digits"), near));
            }
        }
        match s.get("Effect").and_then(Value::as_str) {
            Some("Allow" | "Deny") => {}
            Some(e) => out.push(problem(format!("statement {n}: Effect `{e}` must be `Allow` or `Deny`"), Some(e))),
            None => out.push(problem(format!("statement {n} has no Effect (`Allow` or `Deny`)"), near)),
        }
        let actions = match (s.get("Action"), s.get("NotAction")) {
            (Some(a), None) | (None, Some(a)) => strings(a, &format!("statement {n}: Action"), &mut out),
            (Some(_), Some(_)) => {
                out.push(problem(format!("statement {n} has both Action and NotAction"), near));
                Vec::new()
            }
            (None, None) => {
                out.push(problem(format!("statement {n} has no Action (or NotAction)"), near));
                Vec::new()
            }
        };
        for action in &actions {
            check_action(action, known, &mut out);
        }
        match (s.get("Principal"), s.get("NotPrincipal")) {
            (Some(_), Some(_)) => out.push(problem(format!("statement {n} has both Principal and NotPrincipal"), near)),
            (Some(p), None) | (None, Some(p)) => check_principal(p, &mut out),
            (None, None) => {}
        }
        let resource_based = s.contains_key("Principal") || s.contains_key("NotPrincipal");
        let trust = !actions.is_empty() && actions.iter().all(|a| a.starts_with("sts:AssumeRole"));
        match (s.get("Resource"), s.get("NotResource")) {
            (Some(_), Some(_)) => out.push(problem(format!("statement {n} has both Resource and NotResource"), near)),
            (Some(r), None) | (None, Some(r)) => {
                for resource in strings(r, &format!("statement {n}: Resource"), &mut out) {
                    check_resource(resource, known, &mut out);
                }
            }
            (None, None) if !resource_based => out.push(problem(
                format!("statement {n} has no Resource: an identity-based policy statement needs one (\"*\" for all)"),
                near,
            )),
            (None, None) if !trust => out.push(problem(
                format!("statement {n} has no Resource: only a role trust policy (sts:AssumeRole) may leave it out"),
                near,
            )),
            (None, None) => {}
        }
        if let Some(condition) = s.get("Condition") {
            check_condition(condition, known, &mut out);
        }
    }
    out
}

/// Every object in `value` that has a `Statement` key, outermost first.
fn policies_in<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("Statement") {
                out.push(value);
                return;
            }
            map.values().for_each(|v| policies_in(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| policies_in(v, out)),
        _ => {}
    }
}

#[test]
fn every_iam_policy_in_the_book_follows_the_policy_grammar() {
    let known = Knowledge::from_botocore();
    let mut failures = Vec::new();
    let mut policies = 0;
    let mut statements = 0;
    for block in common::book::all_blocks().into_iter().flatten() {
        if block.lang() != "json" || block.fragment() {
            continue;
        }
        // Blocks that do not parse are reported by book_examples.rs.
        let Ok(value) = serde_json::from_str::<Value>(&block.text) else {
            continue;
        };
        let mut found = Vec::new();
        policies_in(&value, &mut found);
        for policy in found {
            policies += 1;
            statements += match &policy["Statement"] {
                Value::Array(a) => a.len(),
                _ => 1,
            };
            for p in check_policy(policy, &known, false) {
                let index = p
                    .near
                    .as_deref()
                    .and_then(|near| block.text.lines().position(|l| l.contains(&format!("\"{near}\""))))
                    .map(|i| block.line_of(i))
                    .unwrap_or(block.line);
                failures.push(format!(
                    "{}:{index}: IAM policy: {} (fix the policy, or mark the block ```json,fragment if it is deliberately partial)",
                    block.file, p.message
                ));
            }
        }
    }
    let (in_templates, template_statements) = check_template_policies(&known, &mut failures);
    eprintln!(
        "IAM policies: {policies} in JSON blocks ({statements} statements), {in_templates} in templates ({template_statements} statements)"
    );
    assert!(policies >= 15, "expected the book's IAM policies, found {policies}");
    assert!(failures.is_empty(), "{} problem(s) in the book's IAM policies:\n{}", failures.len(), failures.join("\n"));
}

/// Checks the policies inside the book's templates; returns how many policies and statements.
fn check_template_policies(known: &Knowledge, failures: &mut Vec<String>) -> (usize, usize) {
    let templates: Vec<common::book::Block> =
        common::book::all_blocks().into_iter().flatten().filter(|b| b.is_template()).collect();
    let dir = tempfile::tempdir().unwrap();
    let mut files = BTreeMap::new();
    for (i, block) in templates.iter().enumerate() {
        let path = dir.path().join(format!("template-{i:03}.{}", if block.lang() == "json" { "json" } else { "yaml" }));
        std::fs::write(&path, &block.text).unwrap();
        files.insert(path.display().to_string(), block);
    }
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/template_policies.py");
    let out = std::process::Command::new(common::venv::book_tools_python())
        .arg(&script)
        .args(files.keys())
        .output()
        .expect("run template_policies.py");
    // A template that does not parse is reported by book_templates.rs (cfn-lint E0000).
    assert!(out.status.success(), "template_policies.py failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let found: Vec<Value> = serde_json::from_slice(&out.stdout).expect("template_policies.py prints JSON");
    let mut statements = 0;
    for entry in &found {
        let block = files[entry["file"].as_str().unwrap()];
        let line = entry["line"].as_u64().unwrap() as usize;
        let policy = &entry["policy"];
        statements += policy["Statement"].as_array().map_or(1, Vec::len);
        for p in check_policy(policy, known, entry["sam_inline"] == true) {
            let index = p
                .near
                .as_deref()
                .and_then(|near| block.text.lines().skip(line - 1).position(|l| l.contains(near)).map(|i| i + line - 1))
                .unwrap_or(line - 1);
            failures.push(format!("{}: IAM policy in template: {}", block.at(index), p.message));
        }
    }
    (found.len(), statements)
}

// ---------------------------------------------------------------------------------------------
// The validator itself: every rule can fail. No botocore here: a small hand-made Knowledge.

fn test_knowledge() -> Knowledge {
    let prefixes =
        ["lambda", "s3", "dynamodb", "sts", "iam", "logs", "execute-api", "apigateway"].map(String::from).into();
    let mut actions = BTreeMap::new();
    actions.insert("lambda".into(), ["Invoke", "GetFunction", "CreateFunction"].map(String::from).into());
    actions.insert("s3".into(), ["GetObject", "PutObject", "ListObjectsV2"].map(String::from).into());
    actions.insert("dynamodb".into(), ["GetItem", "PutItem", "Query"].map(String::from).into());
    actions.insert("sts".into(), ["AssumeRole"].map(String::from).into());
    Knowledge::with_iam_only(prefixes, actions)
}

fn problems(policy: &str) -> Vec<String> {
    check_policy(&serde_json::from_str(policy).unwrap(), &test_knowledge(), false)
        .into_iter()
        .map(|p| p.message)
        .collect()
}

/// A valid identity policy with `statement` as its only statement.
fn with_statement(statement: &str) -> String {
    format!(r#"{{"Version": "2012-10-17", "Statement": [{statement}]}}"#)
}

#[track_caller]
fn assert_rejected(policy: &str, expected: &str) {
    let found = problems(policy);
    assert!(
        found.iter().any(|m| m.contains(expected)),
        "expected a problem containing {expected:?} for\n{policy}\ngot {found:?}"
    );
}

#[test]
fn valid_policies_pass() {
    let good = [
        with_statement(r#"{"Sid": "Read1", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]}"#),
        with_statement(r#"{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f"}"#),
        with_statement(r#"{"Effect": "Allow", "Action": "lambda:Get*", "Resource": "arn:aws:lambda:REGION:ACCOUNT_ID:function:*"}"#),
        with_statement(r#"{"Effect": "Deny", "NotAction": "iam:PassRole", "NotResource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:RequestedRegion": ["us-east-1"]}, "ForAnyValue:StringLike": {"s3:prefix": "a/*"}, "Null": {"aws:TokenIssueTime": true}}}"#),
        with_statement(r#"{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}"#),
        with_statement(r#"{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "210987654321"]}, "Action": "dynamodb:*", "Resource": "*"}"#),
        with_statement(r#"{"Effect": "Allow", "Action": "execute-api:Invoke", "Resource": "arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/orders"}"#),
        r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:iam::aws:policy/x"}}"#.to_owned(),
    ];
    for policy in good {
        assert_eq!(problems(&policy), Vec::<String>::new(), "{policy}");
    }
}

#[test]
fn template_policies_may_use_intrinsics_and_sam_statement_lists() {
    let sam = r#"{"Statement": [{"Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": {"Fn::GetAtt": ["T", "Arn"]},
        "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}}]}"#;
    let known = test_knowledge();
    assert!(check_policy(&serde_json::from_str(sam).unwrap(), &known, true).is_empty());
    let missing: Vec<String> =
        check_policy(&serde_json::from_str(sam).unwrap(), &known, false).into_iter().map(|p| p.message).collect();
    assert!(missing.iter().any(|m| m.contains("no \"Version\"")), "{missing:?}");
    // An object that is not an intrinsic function is still wrong.
    assert_rejected(
        &with_statement(r#"{"Effect": "Allow", "Action": "*", "Resource": {"Arn": "x"}}"#),
        "non-empty list of strings",
    );
}

#[test]
fn document_rules_fail() {
    assert_rejected(
        r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
        "no \"Version\"",
    );
    assert_rejected(
        r#"{"Version": "2012-10-18", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
        "is not a policy language version",
    );
    assert_rejected(r#"{"Version": "2012-10-17", "Statement": []}"#, "Statement must be");
    assert_rejected(r#"{"Version": "2012-10-17", "Statement": "x"}"#, "Statement must be");
    assert_rejected(
        r#"{"Version": "2012-10-17", "Statements": [], "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#,
        "`Statements` is not a policy element",
    );
    assert_rejected(
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}"#,
        "either identity-based",
    );
}

#[test]
fn statement_rules_fail() {
    assert_rejected(
        &with_statement(r#"{"Effect": "Permit", "Action": "*", "Resource": "*"}"#),
        "must be `Allow` or `Deny`",
    );
    assert_rejected(&with_statement(r#"{"Action": "*", "Resource": "*"}"#), "has no Effect");
    assert_rejected(&with_statement(r#"{"Effect": "Allow", "Resource": "*"}"#), "has no Action");
    assert_rejected(
        &with_statement(r#"{"Effect": "Allow", "Action": "*", "NotAction": "*", "Resource": "*"}"#),
        "both Action and NotAction",
    );
    assert_rejected(
        &with_statement(r#"{"Effect": "Allow", "Action": "*", "Resource": "*", "NotResource": "*"}"#),
        "both Resource and NotResource",
    );
    assert_rejected(
        &with_statement(r#"{"Effect": "Allow", "Action": "*"}"#),
        "identity-based policy statement needs one",
    );
    assert_rejected(
        &with_statement(r#"{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}"#),
        "only a role trust policy",
    );
    assert_rejected(
        &with_statement(r#"{"Effect": "Allow", "Action": "*", "Resource": "*", "Resources": "*"}"#),
        "`Resources` is not a statement element",
    );
    assert_rejected(
        &with_statement(r#"{"Sid": "read-all", "Effect": "Allow", "Action": "*", "Resource": "*"}"#),
        "only letters and digits",
    );
    assert_rejected(
        &with_statement(r#"{"Effect": "Allow", "Action": [], "Resource": "*"}"#),
        "non-empty list of strings",
    );
    assert_rejected(
        &with_statement(r#"{"Effect": "Allow", "Action": ["s3:GetObject", 3], "Resource": "*"}"#),
        "string or a list of strings",
    );
    assert_rejected(
        &with_statement(
            r#"{"Effect": "Allow", "Principal": "*", "NotPrincipal": "*", "Action": "*", "Resource": "*"}"#,
        ),
        "both Principal and NotPrincipal",
    );
}

#[test]
fn action_rules_fail() {
    let policy =
        |action: &str| with_statement(&format!(r#"{{"Effect": "Allow", "Action": "{action}", "Resource": "*"}}"#));
    assert_rejected(&policy("GetObject"), "is not `service:Action`");
    assert_rejected(&policy("S3:GetObject"), "lowercase service prefix");
    assert_rejected(&policy("s3:Get-Object"), "lowercase service prefix");
    assert_rejected(&policy("lamda:InvokeFunction"), "no AWS service has the prefix `lamda`");
    assert_rejected(&policy("lambda:Invokefunction"), "spelled `lambda:InvokeFunction`");
    assert_rejected(&policy("s3:ListObjects"), "is not a s3 action");
    assert_rejected(&policy("dynamodb:Scan*"), "matches no dynamodb action");
    // A prefix whose actions are not listed: shape and prefix only.
    assert_eq!(problems(&policy("logs:AnythingGoes")), Vec::<String>::new());
}

#[test]
fn resource_rules_fail() {
    let policy =
        |resource: &str| with_statement(&format!(r#"{{"Effect": "Allow", "Action": "*", "Resource": "{resource}"}}"#));
    assert_rejected(&policy("orders"), "six `:`-separated fields");
    assert_rejected(&policy("arn:aws:dynamodb:us-east-1:123456789012"), "six `:`-separated fields");
    assert_rejected(&policy("arn:amazon:s3:::b"), "unknown partition");
    assert_rejected(&policy("arn:aws:dynamo:us-east-1:123456789012:table/t"), "unknown service `dynamo`");
    assert_rejected(&policy("arn:aws:dynamodb:useast1:123456789012:table/t"), "is not a region");
    assert_rejected(&policy("arn:aws:dynamodb:us-east-1:12345:table/t"), "12-digit account id");
    assert_rejected(&policy("arn:aws:dynamodb:us-east-1:123456789012:"), "resource field is empty");
    assert_rejected(&policy("arn:aws:s3:us-east-1:123456789012:b"), "S3 bucket and object ARNs");
    assert_rejected(&policy("arn:aws:iam:us-east-1:123456789012:role/r"), "IAM ARNs have an empty region");
    assert_rejected(&policy("arn:aws:dynamodb:us-east-1:account:table/t"), "12-digit account id");
}

#[test]
fn condition_rules_fail() {
    let policy = |condition: &str| {
        with_statement(&format!(r#"{{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {condition}}}"#))
    };
    assert_rejected(
        &policy(r#"{"StringEqual": {"aws:SourceAccount": "123456789012"}}"#),
        "`StringEqual` is not a condition operator",
    );
    assert_rejected(&policy(r#"{"NullIfExists": {"aws:SourceAccount": true}}"#), "is not a condition operator");
    assert_rejected(&policy(r#"{"StringEquals": {"SourceAccount": "1"}}"#), "is not `service:key`");
    assert_rejected(&policy(r#"{"StringEquals": {"lamda:FunctionArn": "1"}}"#), "is not `service:key`");
    assert_rejected(&policy(r#"{"StringEquals": {"aws:SourceAccount": {"x": 1}}}"#), "value must be");
    assert_rejected(&policy(r#"{"StringEquals": {}}"#), "must map condition keys");
    assert_rejected(&policy(r#"["StringEquals"]"#), "Condition must be an object");
}

#[test]
fn principal_rules_fail() {
    let policy = |principal: &str| {
        with_statement(&format!(r#"{{"Effect": "Allow", "Principal": {principal}, "Action": "sts:AssumeRole"}}"#))
    };
    assert_rejected(&policy(r#""lambda.amazonaws.com""#), "Principal must be `*` or an object");
    assert_rejected(&policy(r#"{"Service": "lambda"}"#), "not a valid Service principal");
    assert_rejected(&policy(r#"{"AWS": "arn:aws:iam::123456789012:group/devs"}"#), "not a valid AWS principal");
    assert_rejected(&policy(r#"{"AWS": "12345"}"#), "not a valid AWS principal");
    assert_rejected(&policy(r#"{"User": "ana"}"#), "is not AWS, Service, Federated or CanonicalUser");
    assert_rejected(&policy(r#"{"CanonicalUser": "abc"}"#), "not a valid CanonicalUser principal");
}

#[test]
fn glob_matches_like_iam() {
    assert!(glob("Get*", "GetObject"));
    assert!(glob("*Object", "GetObject"));
    assert!(glob("Get?bject", "GetObject"));
    assert!(!glob("Put*", "GetObject"));
    assert!(glob("*", ""));
}
