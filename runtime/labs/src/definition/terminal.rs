//! `[terminal]` and `[[terminal.checks]]`: a terminal lab's part of `lab.toml`.
//!
//! Each check names one thing in the account or in the session and the facts it must have;
//! unset fields are not checked. Every kind is one rule evaluated by
//! [`crate::terminal_lab::checks`]:
//!
//! ```toml
//! [[terminal.checks]]   # the function's configuration ($LATEST) and package
//! function = { name = "hello-cli", runtime = "python3.13", handler = "lambda_function.lambda_handler",
//!              role = "lambda-basic", memory = 256, timeout = 10, environment = { STAGE = "dev" },
//!              layers = ["shared-utils"], reserved_concurrency = 5, files = ["lambda_function.py"],
//!              published_versions = 2 }
//! [[terminal.checks]]   # an alias and its routing (weights of additional versions)
//! alias = { function = "hello-cli", name = "prod", version = "2", weights = { "3" = 0.1 } }
//! [[terminal.checks]]   # a role, whom it trusts, its attached managed policies
//! role = { name = "lambda-basic", trusts = "lambda.amazonaws.com",
//!          policies = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"] }
//! [[terminal.checks]]   # a layer with at least `versions` versions
//! layer = { name = "shared-utils", versions = 1, compatible_runtime = "python3.13" }
//! [[terminal.checks]]   # at least `min` invocations that ran like this
//! invoked = { function = "hello-cli", qualifier = "prod", version = "2", error = false,
//!             returned = { path = "statusCode", equals = 200 }, log_contains = "hello" }
//! [[terminal.checks]]   # a command line the learner ran (see RanCheck for the pattern)
//! ran = { command = "aws lambda invoke --log-type Tail", exit_code = 0 }
//! message = "Invoke once with the log tail: ..."   # any check: replaces the generated message
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::format::yes;

/// `[terminal]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalDef {
    /// What must hold after the learner's session, in the order the grade shows them.
    #[serde(default)]
    pub checks: Vec<TerminalCheck>,
}

/// One check of a terminal lab and what the learner is told when it fails.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct TerminalCheck {
    /// What is checked.
    #[serde(flatten)]
    pub kind: TerminalCheckKind,
    /// The learner-facing message when it fails, followed by what the account shows (except
    /// for `ran` checks); a generated one (what is wrong and which command changes it) otherwise.
    #[serde(default)]
    pub message: Option<String>,
}

/// What a terminal lab's check looks at.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TerminalCheckKind {
    /// A function's configuration and package.
    Function(FunctionCheck),
    /// A function's alias.
    Alias(AliasCheck),
    /// An IAM role.
    Role(RoleCheck),
    /// A layer's versions.
    Layer(LayerCheck),
    /// Invocations the account ran.
    Invoked(InvokedCheck),
    /// Command lines the learner ran.
    Ran(RanCheck),
}

/// `function = { name = "hello-cli", runtime = "python3.13", ... }`: the function's `$LATEST`,
/// or with `version = "2"` that published version's configuration.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FunctionCheck {
    /// Function name.
    pub name: String,
    /// A published version to check instead of `$LATEST` (its package's `files` are not kept:
    /// `files` checks `$LATEST`).
    #[serde(default)]
    pub version: Option<String>,
    /// Must exist (default) or must not (`false`: it was deleted, or never made).
    #[serde(default = "yes")]
    pub exists: bool,
    /// Runtime identifier.
    #[serde(default)]
    pub runtime: Option<String>,
    /// Handler string.
    #[serde(default)]
    pub handler: Option<String>,
    /// Execution role: a role name (matches the ARN's last part) or a whole ARN.
    #[serde(default)]
    pub role: Option<String>,
    /// Memory in MB.
    #[serde(default)]
    pub memory: Option<u32>,
    /// Timeout in seconds.
    #[serde(default)]
    pub timeout: Option<u32>,
    /// Environment variables that must have these values (others may exist).
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    /// Layers that must be attached: `name` (any version) or `name:N`.
    #[serde(default)]
    pub layers: Vec<String>,
    /// Reserved concurrency.
    #[serde(default)]
    pub reserved_concurrency: Option<u32>,
    /// Paths that must be in the deployment package (`lambda_function.py` at its root).
    #[serde(default)]
    pub files: Vec<String>,
    /// At least this many published versions.
    #[serde(default)]
    pub published_versions: Option<usize>,
}

/// `alias = { function = "hello-cli", name = "prod", version = "2", weights = { "3" = 0.1 } }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AliasCheck {
    /// Function name.
    pub function: String,
    /// Alias name.
    pub name: String,
    /// Must exist (default) or must not.
    #[serde(default = "yes")]
    pub exists: bool,
    /// The version it points at.
    #[serde(default)]
    pub version: Option<String>,
    /// Its routing: additional version → weight, exactly (`{}` = no routing).
    #[serde(default)]
    pub weights: Option<BTreeMap<String, f64>>,
}

/// `role = { name = "lambda-basic", trusts = "lambda.amazonaws.com", policies = [...] }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleCheck {
    /// Role name.
    pub name: String,
    /// Must exist (default) or must not.
    #[serde(default = "yes")]
    pub exists: bool,
    /// A service principal its trust policy lets assume it (`sts:AssumeRole`, Allow).
    #[serde(default)]
    pub trusts: Option<String>,
    /// Managed policies that must be attached: ARNs, or names (an ARN's last part).
    #[serde(default)]
    pub policies: Vec<String>,
    /// Inline policies it must have, by name.
    #[serde(default)]
    pub inline_policies: Vec<String>,
}

/// `layer = { name = "shared-utils", versions = 1 }`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LayerCheck {
    /// Layer name.
    pub name: String,
    /// At least this many versions. Default: 1.
    #[serde(default = "one")]
    pub versions: usize,
    /// The latest version lists this compatible runtime.
    #[serde(default)]
    pub compatible_runtime: Option<String>,
}

/// `invoked = { function = "hello-cli", error = false, returned = { path = "statusCode", equals = 200 } }`:
/// at least `min` invocations of the function that match every field set.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InvokedCheck {
    /// Function name.
    pub function: String,
    /// The version that ran (`$LATEST`, `2`; an alias resolves to a version).
    #[serde(default)]
    pub version: Option<String>,
    /// The qualifier the caller named: an alias (`prod`) or a version number.
    #[serde(default)]
    pub qualifier: Option<String>,
    /// Whether it failed (`FunctionError` set) or succeeded.
    #[serde(default)]
    pub error: Option<bool>,
    /// The error's type (`Runtime.ImportModuleError`); implies a failure.
    #[serde(default)]
    pub error_type: Option<String>,
    /// What it returned.
    #[serde(default)]
    pub returned: Option<ReturnedMatch>,
    /// Text its log must contain.
    #[serde(default)]
    pub log_contains: Option<String>,
    /// At least this many such invocations. Default: 1.
    #[serde(default = "one")]
    pub min: usize,
}

/// `returned = { path = "body", contains = "Ada" }`: a value inside an invocation's payload
/// (with neither `equals` nor `contains`, the path must exist).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReturnedMatch {
    /// Dotted path into the payload (`body`, `items.0.id`); empty = all of it. A `json:` prefix
    /// parses a string field as JSON first (`json:body.greeting`).
    #[serde(default)]
    pub path: String,
    /// Expected value.
    #[serde(default)]
    pub equals: Option<Value>,
    /// Expected substring of the value (of its JSON text when it is not a string).
    #[serde(default)]
    pub contains: Option<String>,
}

/// `ran = { command = "aws lambda invoke --log-type Tail", exit_code = 0 }`: at least `min`
/// (and at most `max`) command lines that match.
///
/// `command` is a pattern in the shell's words: the words before the first `--option` must
/// appear in that order, one after the other, somewhere in the line (`aws lambda invoke`,
/// also inside `$(...)` or after `VAR=`); each `--option` must appear after them, followed by
/// its value when the pattern gives one (`*` = any value). `--opt=value` counts as
/// `--opt value`, and quoting does not matter, so every way of typing the same command matches.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RanCheck {
    /// The pattern.
    pub command: String,
    /// The line's exit status.
    #[serde(default)]
    pub exit_code: Option<i32>,
    /// Text its standard output must contain.
    #[serde(default)]
    pub stdout_contains: Option<String>,
    /// Text its standard error must contain.
    #[serde(default)]
    pub stderr_contains: Option<String>,
    /// At least this many matching lines. Default: 1 (0 with `max = 0`).
    #[serde(default)]
    pub min: Option<usize>,
    /// At most this many (`max = 0`: the learner must not run it).
    #[serde(default)]
    pub max: Option<usize>,
}

fn one() -> usize {
    1
}
