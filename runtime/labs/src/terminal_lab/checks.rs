//! Evaluates a terminal lab's checks. Every failure tells the learner what the account (or
//! their session) shows, what the lab asks for, and which command changes it — a pointer to
//! the command, not the finished command line.

use serde_json::Value;

use super::CommandRecord;
use super::pattern::Pattern;
use crate::account::AccountInvocation;
use crate::checks::{CheckResult, json_eq, lookup};
use crate::definition::{
    AliasCheck, FunctionCheck, InvokedCheck, LayerCheck, RanCheck, ReturnedMatch, RoleCheck, TerminalCheck, TerminalCheckKind,
};

/// What the checks look at.
pub struct Facts<'a> {
    /// The cloud's snapshot ([`mock_cloud::Cloud::snapshot`]): `lambda`, `iam`, the data services.
    pub state: &'a Value,
    /// Every invocation in the session, in order.
    pub invocations: &'a [AccountInvocation],
    /// Every command line in the session, in order.
    pub commands: &'a [CommandRecord],
}

/// Evaluates `check`.
pub fn evaluate(check: &TerminalCheck, facts: &Facts<'_>) -> CheckResult {
    let (description, problems) = match &check.kind {
        TerminalCheckKind::Function(f) => function(f, facts),
        TerminalCheckKind::Alias(a) => alias(a, facts),
        TerminalCheckKind::Role(r) => role(r, facts),
        TerminalCheckKind::Layer(l) => layer(l, facts),
        TerminalCheckKind::Invoked(i) => invoked(i, facts),
        TerminalCheckKind::Ran(r) => ran(r, facts),
    };
    let passed = problems.is_empty();
    // An author's message says what to do; what the account shows is kept after it, except
    // for `ran`, whose generated text would spell out the pattern the message hints at.
    let message = match (&check.message, passed) {
        (_, true) => String::new(),
        (Some(m), false) if matches!(check.kind, TerminalCheckKind::Ran(_)) => m.clone(),
        (Some(m), false) => format!("{m} (now: {})", problems.join("; ")),
        (None, false) => problems.join("; "),
    };
    CheckResult { description, passed, message }
}

/// What is wrong with a check as written (a needle to find its line, and the message).
pub fn validate(kind: &TerminalCheckKind) -> Result<(), (String, String)> {
    match kind {
        TerminalCheckKind::Ran(r) => Pattern::parse(&r.command).map(|_| ()).map_err(|m| (r.command.clone(), m)),
        TerminalCheckKind::Alias(a) => match a.weights.iter().flatten().find(|(_, w)| !(0.0..=1.0).contains(*w)) {
            Some((v, w)) => Err((a.name.clone(), format!("alias `{}`: the weight of version {v} is {w}; a routing weight is between 0 and 1", a.name))),
            None => Ok(()),
        },
        TerminalCheckKind::Function(f) => match f.layers.iter().find(|l| l.is_empty() || l.contains('/')) {
            Some(l) => Err((f.name.clone(), format!("function `{}`: layer `{l}` must be a layer name or `name:version`", f.name))),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

type Outcome = (String, Vec<String>);

fn names(map: &Value) -> String {
    let names: Vec<String> = map.as_object().map(|m| m.keys().map(|k| format!("`{k}`")).collect()).unwrap_or_default();
    if names.is_empty() { "none yet".into() } else { names.join(", ") }
}

/// What a function check asks for, from the check alone (the same line whatever the account holds).
fn function_description(c: &FunctionCheck) -> String {
    let mut wanted = Vec::new();
    let mut add = |label: &str, value: &Option<String>| {
        if let Some(v) = value {
            wanted.push(format!("{label} {v}"));
        }
    };
    add("runtime", &c.runtime);
    add("memory (MB)", &c.memory.map(|m| m.to_string()));
    add("timeout (s)", &c.timeout.map(|t| t.to_string()));
    add("handler", &c.handler);
    add("role", &c.role);
    wanted.extend(c.environment.iter().map(|(k, v)| format!("{k}={v}")));
    wanted.extend(c.layers.iter().map(|l| format!("layer {l}")));
    if let Some(r) = c.reserved_concurrency {
        wanted.push(format!("reserved concurrency {r}"));
    }
    wanted.extend(c.files.iter().map(|f| format!("`{f}` in its package")));
    if let Some(n) = c.published_versions {
        wanted.push(format!("{n} published version(s)"));
    }
    let subject = match &c.version {
        Some(v) => format!("version {v} of `{}`", c.name),
        None => format!("function `{}`", c.name),
    };
    if wanted.is_empty() { format!("{subject} exists") } else { format!("{subject}: {}", wanted.join(", ")) }
}

fn function(c: &FunctionCheck, facts: &Facts<'_>) -> Outcome {
    let functions = &facts.state["lambda"]["functions"];
    let f = &functions[&c.name];
    let name = &c.name;
    if !c.exists {
        let problems = if f.is_null() { vec![] } else { vec![format!("function `{name}` still exists: remove it with `aws lambda delete-function`")] };
        return (format!("function `{name}` is deleted"), problems);
    }
    let mut problems = Vec::new();
    if f.is_null() {
        return (
            function_description(c),
            vec![format!("there is no function `{name}` (functions in the account: {}): create it with `aws lambda create-function`", names(functions))],
        );
    }
    let cfg = match &c.version {
        None => &f["Configuration"],
        Some(v) if f["Versions"][v].is_object() => &f["Versions"][v],
        Some(v) => {
            let published: Vec<&String> = f["Versions"].as_object().map(|m| m.keys().filter(|k| *k != "$LATEST").collect()).unwrap_or_default();
            let list = if published.is_empty() { "none yet".into() } else { published.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ") };
            return (
                function_description(c),
                vec![format!("`{name}` has no version {v} (its published versions: {list}): publish one with `aws lambda publish-version`")],
            );
        }
    };
    let text = |v: &Value| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
    {
        let mut setting = |label: &str, expected: Option<String>, actual: &Value, option: &str| {
            if let Some(expected) = expected {
                if text(actual) != expected {
                    problems.push(format!(
                        "`{name}` has {label} {}; the lab asks for {expected}: change it with `aws lambda update-function-configuration {option}`",
                        if actual.is_null() { "none".into() } else { text(actual) }
                    ));
                }
            }
        };
        setting("runtime", c.runtime.clone(), &cfg["Runtime"], "--runtime");
        setting("memory (MB)", c.memory.map(|m| m.to_string()), &cfg["MemorySize"], "--memory-size");
        setting("timeout (s)", c.timeout.map(|t| t.to_string()), &cfg["Timeout"], "--timeout");
    }
    if let Some(handler) = &c.handler {
        let actual = text(&cfg["Handler"]);
        if actual != *handler {
            let module = handler.rsplit_once('.').map_or(handler.as_str(), |(m, _)| m);
            problems.push(format!(
                "`{name}`'s handler is `{actual}`; the lab asks for `{handler}` (the function `{}` in `{module}.py`): change it with `aws lambda update-function-configuration --handler`",
                handler.rsplit_once('.').map_or("", |(_, f)| f)
            ));
        }
    }
    if let Some(role) = &c.role {
        let actual = text(&cfg["Role"]);
        if actual != *role && !actual.ends_with(&format!("/{role}")) {
            problems.push(format!(
                "`{name}` runs as `{actual}`; the lab asks for role `{role}`: pass its ARN (`aws iam get-role --query Role.Arn`) to `--role`"
            ));
        }
    }
    let vars = &cfg["Environment"]["Variables"];
    for (k, v) in &c.environment {
        match vars[k].as_str() {
            Some(actual) if actual == v => {}
            Some(actual) => problems.push(format!(
                "`{name}`'s environment variable {k} is `{actual}`; the lab asks for `{v}`: set it with `aws lambda update-function-configuration --environment` (it replaces every variable)"
            )),
            None => problems.push(format!(
                "`{name}` has no environment variable {k}: set it with `aws lambda update-function-configuration --environment` (it replaces every variable)"
            )),
        }
    }
    let attached: Vec<&str> = cfg["Layers"].as_array().into_iter().flatten().filter_map(|l| l["Arn"].as_str()).collect();
    for layer in &c.layers {
        let needle = if layer.contains(':') { format!(":layer:{layer}") } else { format!(":layer:{layer}:") };
        let found = attached.iter().any(|arn| if layer.contains(':') { arn.ends_with(&needle) } else { arn.contains(&needle) });
        if !found {
            let now = if attached.is_empty() { "none".into() } else { attached.join(", ") };
            problems.push(format!(
                "`{name}` does not use layer `{layer}` (its layers: {now}): attach it with `aws lambda update-function-configuration --layers` and the layer version's ARN (publish-layer-version prints it as LayerVersionArn)"
            ));
        }
    }
    if let Some(reserved) = c.reserved_concurrency {
        match f["ReservedConcurrentExecutions"].as_u64() {
            Some(r) if r == u64::from(reserved) => {}
            Some(r) => problems.push(format!(
                "`{name}` has a reserved concurrency of {r}; the lab asks for {reserved}: change it with `aws lambda put-function-concurrency`"
            )),
            None => problems.push(format!("`{name}` has no reserved concurrency; the lab asks for {reserved}: set it with `aws lambda put-function-concurrency`")),
        }
    }
    let files: Vec<&str> = f["Files"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    for file in &c.files {
        if !files.contains(&file.as_str()) {
            problems.push(format!(
                "`{name}`'s package has no `{file}` (it holds: {}): zip the files themselves, not their folder, and upload the ZIP with `aws lambda update-function-code`",
                if files.is_empty() { "nothing".into() } else { files.join(", ") }
            ));
        }
    }
    if let Some(min) = c.published_versions {
        let n = f["Versions"].as_object().map_or(0, |m| m.keys().filter(|k| *k != "$LATEST").count());
        if n < min {
            problems.push(format!("`{name}` has {n} published version(s); the lab asks for {min}: publish one with `aws lambda publish-version`"));
        }
    }
    (function_description(c), problems)
}

fn alias(c: &AliasCheck, facts: &Facts<'_>) -> Outcome {
    let (function, name) = (&c.function, &c.name);
    let f = &facts.state["lambda"]["functions"][function];
    let a = &f["Aliases"][name];
    let mut wanted = Vec::new();
    if let Some(v) = &c.version {
        wanted.push(format!("→ version {v}"));
    }
    if let Some(w) = &c.weights {
        wanted.extend(w.iter().map(|(v, w)| format!("{:.0}% to version {v}", w * 100.0)));
    }
    let description = format!("alias `{name}` of `{function}`{}", if wanted.is_empty() { String::new() } else { format!(" {}", wanted.join(", ")) });
    if f.is_null() {
        let problem = if c.exists { vec![format!("there is no function `{function}` yet")] } else { vec![] };
        return (description, problem);
    }
    if !c.exists {
        let problem = if a.is_null() { vec![] } else { vec![format!("alias `{name}` still exists: remove it with `aws lambda delete-alias`")] };
        return (description, problem);
    }
    if a.is_null() {
        return (
            description,
            vec![format!("`{function}` has no alias `{name}` (its aliases: {}): create it with `aws lambda create-alias`", names(&f["Aliases"]))],
        );
    }
    let mut problems = Vec::new();
    if let Some(v) = &c.version {
        let actual = a["FunctionVersion"].as_str().unwrap_or("");
        if actual != v {
            problems.push(format!("alias `{name}` points at version {actual}; the lab asks for version {v}: move it with `aws lambda update-alias --function-version`"));
        }
    }
    if let Some(expected) = &c.weights {
        let actual = a["RoutingConfig"]["AdditionalVersionWeights"].as_object().cloned().unwrap_or_default();
        let same = actual.len() == expected.len()
            && expected.iter().all(|(v, w)| actual.get(v).and_then(Value::as_f64).is_some_and(|x| (x - w).abs() < 1e-9));
        if !same {
            let now: Vec<String> = actual.iter().map(|(v, w)| format!("{}% to version {v}", w.as_f64().unwrap_or(0.0) * 100.0)).collect();
            problems.push(format!(
                "alias `{name}` routes {}; change its weights with `aws lambda update-alias --routing-config` (AdditionalVersionWeights)",
                if now.is_empty() { "everything to one version".into() } else { now.join(", ") }
            ));
        }
    }
    (description, problems)
}

/// Whether a trust policy lets `service` assume the role.
fn trusts(document: &Value, service: &str) -> bool {
    let listed = |v: &Value, what: &str| match v {
        Value::String(s) => s == what || s == "*",
        Value::Array(a) => a.iter().any(|x| x.as_str().is_some_and(|s| s == what || s == "*")),
        _ => false,
    };
    let statements = match &document["Statement"] {
        Value::Array(a) => a.clone(),
        s @ Value::Object(_) => vec![s.clone()],
        _ => Vec::new(),
    };
    statements.iter().any(|s| s["Effect"] == "Allow" && listed(&s["Action"], "sts:AssumeRole") && listed(&s["Principal"]["Service"], service))
}

fn role(c: &RoleCheck, facts: &Facts<'_>) -> Outcome {
    let roles = &facts.state["iam"]["roles"];
    let r = &roles[&c.name];
    let name = &c.name;
    if !c.exists {
        let problem = if r.is_null() { vec![] } else { vec![format!("role `{name}` still exists: remove it with `aws iam delete-role`")] };
        return (format!("role `{name}` is deleted"), problem);
    }
    let mut wanted = Vec::new();
    if let Some(s) = &c.trusts {
        wanted.push(format!("trusted by {s}"));
    }
    wanted.extend(c.policies.iter().map(|p| format!("policy {}", p.rsplit('/').next().unwrap_or(p))));
    wanted.extend(c.inline_policies.iter().map(|p| format!("inline policy {p}")));
    let description = if wanted.is_empty() { format!("role `{name}` exists") } else { format!("role `{name}`: {}", wanted.join(", ")) };
    if r.is_null() {
        return (
            description,
            vec![format!("there is no role `{name}` (roles in the account: {}): create it with `aws iam create-role` and a trust policy", names(roles))],
        );
    }
    let mut problems = Vec::new();
    if let Some(service) = &c.trusts
        && !trusts(&r["AssumeRolePolicyDocument"], service)
    {
        problems.push(format!(
            "role `{name}`'s trust policy does not let {service} assume it (it needs a statement allowing sts:AssumeRole to the service principal {service}): fix it with `aws iam update-assume-role-policy`"
        ));
    }
    let attached: Vec<&str> = r["AttachedPolicies"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    for policy in &c.policies {
        if !attached.iter().any(|a| a == policy || a.ends_with(&format!("/{policy}"))) {
            problems.push(format!(
                "role `{name}` does not have {} attached (attached: {}): attach it with `aws iam attach-role-policy`",
                policy.rsplit('/').next().unwrap_or(policy),
                if attached.is_empty() { "none".into() } else { attached.join(", ") }
            ));
        }
    }
    for policy in &c.inline_policies {
        if r["InlinePolicies"][policy].is_null() {
            problems.push(format!("role `{name}` has no inline policy `{policy}`: add it with `aws iam put-role-policy`"));
        }
    }
    (description, problems)
}

fn layer(c: &LayerCheck, facts: &Facts<'_>) -> Outcome {
    let layers = &facts.state["lambda"]["layers"];
    let versions = layers[&c.name].as_array().cloned().unwrap_or_default();
    let name = &c.name;
    let mut description = if c.versions > 1 { format!("layer `{name}` has {} versions", c.versions) } else { format!("layer `{name}` is published") };
    if let Some(r) = &c.compatible_runtime {
        description.push_str(&format!(" for {r}"));
    }
    let mut problems = Vec::new();
    if versions.is_empty() {
        problems.push(format!("there is no layer `{name}` (layers in the account: {}): publish it with `aws lambda publish-layer-version`", names(layers)));
    } else if versions.len() < c.versions {
        problems.push(format!("layer `{name}` has {} version(s); the lab asks for {}: publish another with `aws lambda publish-layer-version`", versions.len(), c.versions));
    }
    if let (Some(runtime), Some(latest)) = (&c.compatible_runtime, versions.last()) {
        let listed = latest["CompatibleRuntimes"].as_array().into_iter().flatten().any(|r| r == runtime.as_str());
        if !listed {
            problems.push(format!("layer `{name}`'s latest version does not list {runtime} as a compatible runtime: publish it again with `--compatible-runtimes`"));
        }
    }
    (description, problems)
}

/// Why an invocation does not match (the first reason), or `None` when it does.
fn mismatch(c: &InvokedCheck, i: &AccountInvocation) -> Option<String> {
    let report = &i.report;
    let error = match &report.outcome {
        lab_python::Outcome::Failed(e) => Some(e),
        lab_python::Outcome::Returned(_) => None,
    };
    if let Some(q) = &c.qualifier
        && i.qualifier.as_ref() != Some(q)
    {
        let how = i.qualifier.as_ref().map_or_else(|| "with no qualifier".to_owned(), |q| format!("as `{}:{q}`", i.function_name));
        return Some(format!("it was invoked {how}, not through `{q}` (`--qualifier {q}`)"));
    }
    if let Some(v) = &c.version
        && &i.version != v
    {
        return Some(format!("it ran version {}, not {v}", i.version));
    }
    let must_fail = c.error.or(c.error_type.as_ref().map(|_| true));
    match (must_fail, error) {
        (Some(true), None) => return Some("it succeeded; the lab wants to see it fail".into()),
        (Some(false), Some(e)) => return Some(format!("it failed with {}: {}", e.error_type, e.error_message)),
        _ => {}
    }
    if let (Some(t), Some(e)) = (&c.error_type, error)
        && &e.error_type != t
    {
        return Some(format!("it failed with {}, not {t}", e.error_type));
    }
    if let Some(r) = &c.returned
        && let Some(why) = returned_mismatch(r, &report.payload())
    {
        return Some(why);
    }
    if let Some(needle) = &c.log_contains
        && !report.log_text().contains(needle.as_str())
    {
        return Some(format!("its log does not contain {needle:?}"));
    }
    None
}

fn returned_mismatch(r: &ReturnedMatch, payload: &Value) -> Option<String> {
    let at = if r.path.is_empty() { String::new() } else { format!(" at `{}`", r.path) };
    let Some(value) = lookup(payload, &r.path) else { return Some(format!("it returned {payload}, with nothing{at}")) };
    if let Some(expected) = &r.equals
        && !json_eq(&value, expected)
    {
        return Some(format!("it returned {value}{at}, not {expected}"));
    }
    if let Some(needle) = &r.contains {
        let text = value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string());
        if !text.contains(needle.as_str()) {
            return Some(format!("it returned {value}{at}, without {needle:?}"));
        }
    }
    None
}

fn invoked(c: &InvokedCheck, facts: &Facts<'_>) -> Outcome {
    let function = &c.function;
    let mut description = format!("`{function}` was invoked");
    match (&c.qualifier, &c.version) {
        (Some(q), Some(v)) => description.push_str(&format!(" through `{q}` (version {v})")),
        (Some(q), None) => description.push_str(&format!(" through `{q}`")),
        (None, Some(v)) => description.push_str(&format!(" (version {v})")),
        (None, None) => {}
    }
    match (c.error, &c.error_type) {
        (_, Some(t)) => description.push_str(&format!(" and failed with {t}")),
        (Some(true), None) => description.push_str(" and failed"),
        (Some(false), None) => description.push_str(" and succeeded"),
        _ => {}
    }
    if c.min > 1 {
        description.push_str(&format!(" {} times", c.min));
    }
    let of_function: Vec<&AccountInvocation> = facts.invocations.iter().filter(|i| &i.function_name == function).collect();
    let matching = of_function.iter().filter(|i| mismatch(c, i).is_none()).count();
    let problems = if matching >= c.min {
        vec![]
    } else if of_function.is_empty() {
        vec![format!("`{function}` has not been invoked yet: call it with `aws lambda invoke`")]
    } else {
        let last = of_function.iter().rev().find_map(|i| mismatch(c, i)).unwrap_or_default();
        if matching == 0 {
            vec![format!("`{function}` ran {} time(s), but not as the lab asks: the last time, {last}", of_function.len())]
        } else {
            vec![format!("{matching} of `{function}`'s invocations match; the lab asks for {} (the last time, {last})", c.min)]
        }
    };
    (description, problems)
}

fn ran(c: &RanCheck, facts: &Facts<'_>) -> Outcome {
    let mut description = match c.max {
        Some(0) => format!("`{}` was not run", c.command),
        _ => format!("you ran `{}`", c.command),
    };
    if let Some(code) = c.exit_code {
        description.push_str(&format!(" (exit status {code})"));
    }
    let Ok(pattern) = Pattern::parse(&c.command) else { return (description, vec!["this check's pattern is invalid".into()]) };
    let lines: Vec<&CommandRecord> = facts.commands.iter().filter(|r| pattern.matches(&r.command)).collect();
    let why = |r: &CommandRecord| -> Option<String> {
        if let Some(code) = c.exit_code
            && r.exit_code != code
        {
            let said = r.stderr.lines().find(|l| !l.trim().is_empty()).map(|l| format!(": {}", l.trim())).unwrap_or_default();
            return Some(format!("it exited with {}{said}", r.exit_code));
        }
        if let Some(needle) = &c.stdout_contains
            && !r.stdout.contains(needle.as_str())
        {
            return Some(format!("its output does not show {needle:?}"));
        }
        if let Some(needle) = &c.stderr_contains
            && !r.stderr.contains(needle.as_str())
        {
            return Some(format!("its error output does not show {needle:?}"));
        }
        None
    };
    let matching = lines.iter().filter(|r| why(r).is_none()).count();
    let min = c.min.unwrap_or(if c.max == Some(0) { 0 } else { 1 });
    let mut problems = Vec::new();
    if matching < min {
        if lines.is_empty() {
            problems.push(format!("no command you ran matches `{}` yet", c.command));
        } else {
            let last = lines.iter().rev().find_map(|r| why(r)).unwrap_or_default();
            problems.push(format!("you ran `{}` {} time(s), but the last time {last}", c.command, lines.len()));
        }
    }
    if let Some(max) = c.max
        && matching > max
    {
        problems.push(if max == 0 {
            format!("you ran `{}`; the lab asks you not to", c.command)
        } else {
            format!("you ran `{}` {matching} times; the lab allows {max}", c.command)
        });
    }
    (description, problems)
}
