//! The `aws` command: AWS CLI v2's command line over the mock cloud.
//!
//! Global options anywhere on the line, `aws <service> <operation> [options]` from the model,
//! the high-level `aws s3` commands, `aws configure`, help generated from the model, and the
//! CLI's errors and exit codes: 252 for usage and parameter errors, 253 for configuration, 254
//! for a service's error, 255 for anything else, each message after a blank line as
//! `aws: [ERROR]: ...` (the format v2 prints since its standardised error output).

pub mod args;
mod configure;
pub mod format;
mod help;
pub mod model;
mod paginate;
mod pyjson;
mod s3;
pub mod shorthand;
pub mod table;
pub mod wait;

use std::collections::BTreeMap;

use base64::Engine as _;
use serde_json::{Value, json};

use crate::json::Json;
use crate::shell::exec::{Io, Shell};
use crate::vfs;
use crate::{Backend, ServiceError};
use args::{ArgError, BinaryFormat};
use model::Model;

/// Exit status of usage and parameter errors.
pub const RC_USAGE: i32 = 252;
/// Exit status of configuration errors.
pub const RC_CONFIG: i32 = 253;
/// Exit status of a service's error response.
pub const RC_SERVICE: i32 = 254;
/// Exit status of any other failure.
pub const RC_GENERAL: i32 = 255;

/// The CLI's usage text (after `usage: `).
pub const USAGE: &str = "aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\nTo see help text, you can run:\n\n  aws help\n  aws <command> help\n  aws <command> <subcommand> help\n";

/// The version line `aws --version` prints.
pub const VERSION: &str = "aws-cli/2.31.0 Python/3.13.7 Linux/6.1 exec-env/labbook-terminal exe/x86_64.labbook prompt/off";

/// The only region the simulated cloud runs in (its ARNs say so).
pub const REGION: &str = "us-east-1";

/// Global options that take a value.
const GLOBAL_VALUE_OPTIONS: [&str; 11] = [
    "--output",
    "--query",
    "--region",
    "--profile",
    "--endpoint-url",
    "--cli-binary-format",
    "--color",
    "--cli-read-timeout",
    "--cli-connect-timeout",
    "--ca-bundle",
    "--cli-error-format",
];
/// Global flags.
const GLOBAL_FLAGS: [&str; 9] = [
    "--debug",
    "--no-verify-ssl",
    "--no-paginate",
    "--no-sign-request",
    "--no-cli-pager",
    "--cli-auto-prompt",
    "--no-cli-auto-prompt",
    "--version",
    "--v2-debug",
];

/// The global options of one command line.
#[derive(Debug, Default, Clone)]
pub struct Globals {
    values: BTreeMap<&'static str, String>,
    flags: Vec<&'static str>,
}

impl Globals {
    fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    fn flag(&self, name: &str) -> bool {
        self.flags.contains(&name)
    }
}

/// Writes an error as v2 does: a blank line, then `aws: [ERROR]: message`.
pub fn write_error(io: &mut Io, message: &str) {
    io.err(format!("\naws: [ERROR]: {}\n", message.trim()));
}

/// A parameter error (argparse's, a parameter's value, botocore's validation): v2's enhanced
/// error format names it with the `ParamValidation` code.
pub fn param_error(io: &mut Io, message: &str) -> i32 {
    write_error(io, &format!("An error occurred (ParamValidation): {}", message.trim()));
    RC_USAGE
}

fn usage_error(io: &mut Io, message: &str) -> i32 {
    param_error(io, &format!("{message}\n\nusage: {USAGE}"))
}

/// difflib's `get_close_matches(word, choices, n=3, cutoff=0.8)`.
pub fn close_matches<'a>(word: &str, choices: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = choices.into_iter().map(|c| (ratio(word, c), c)).filter(|(r, _)| *r >= 0.8).collect();
    scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal).then(b.1.cmp(a.1)));
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// difflib's `SequenceMatcher(None, b, a).ratio()` for short strings (no junk heuristic).
fn ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    fn matches(a: &[char], b: &[char]) -> usize {
        // Longest common block, leftmost in a then b, then recurse on both sides.
        let (mut best, mut bi, mut bj) = (0, 0, 0);
        for i in 0..a.len() {
            for j in 0..b.len() {
                let mut k = 0;
                while i + k < a.len() && j + k < b.len() && a[i + k] == b[j + k] {
                    k += 1;
                }
                if k > best {
                    (best, bi, bj) = (k, i, j);
                }
            }
        }
        if best == 0 {
            return 0;
        }
        best + matches(&a[..bi], &b[..bj]) + matches(&a[bi + best..], &b[bj + best..])
    }
    2.0 * matches(&b, &a) as f64 / (a.len() + b.len()) as f64
}

fn invalid_choice(io: &mut Io, argument: &str, value: &str, choices: &[&str]) -> i32 {
    let mut msg = format!("argument {argument}: Found invalid choice '{value}'\n");
    let possible = close_matches(value, choices.iter().copied());
    if !possible.is_empty() {
        msg.push_str("\nMaybe you meant:\n");
        for p in possible {
            msg.push_str(&format!("\n  * {p}"));
        }
    }
    usage_error(io, &msg)
}

/// Runs `aws args...`.
pub fn run(shell: &mut Shell, argv: &[String], env: &BTreeMap<String, String>, io: &mut Io, backend: &mut dyn Backend, model: &Model) -> i32 {
    // Global options may appear anywhere, as argparse's parse_known_args finds them.
    let mut globals = Globals::default();
    let mut rest = Vec::new();
    let mut i = 0;
    while i < argv.len() {
        let a = argv[i].as_str();
        let (name, inline) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_owned())),
            _ => (a, None),
        };
        if let Some(opt) = GLOBAL_VALUE_OPTIONS.iter().find(|o| **o == name) {
            let value = match inline {
                Some(v) => v,
                None => {
                    i += 1;
                    match argv.get(i) {
                        Some(v) if !v.starts_with("--") => v.clone(),
                        _ => return usage_error(io, &format!("argument {opt}: expected one argument")),
                    }
                }
            };
            globals.values.insert(opt, value);
        } else if let Some(flag) = GLOBAL_FLAGS.iter().find(|f| **f == a) {
            globals.flags.push(flag);
        } else {
            rest.push(argv[i].clone());
        }
        i += 1;
    }
    if globals.flag("--version") {
        io.out(format!("{VERSION}\n"));
        return 0;
    }
    if let Some(o) = globals.get("--output")
        && !format::FORMATS.contains(&o)
    {
        return invalid_choice(io, "--output", o, &format::FORMATS);
    }
    if let Some(f) = globals.get("--cli-binary-format")
        && !["base64", "raw-in-base64-out"].contains(&f)
    {
        return invalid_choice(io, "--cli-binary-format", f, &["base64", "raw-in-base64-out"]);
    }
    let settings = configure::Settings::resolve(shell, env, &globals);
    // `aws configure set ... --profile NEW` creates the profile; anything else needs it.
    let creates_profile = rest.first().is_some_and(|c| c == "configure") && rest.get(1).is_some_and(|c| c == "set");
    if let Some(profile) = settings.missing_profile.as_ref().filter(|_| !creates_profile) {
        write_error(io, &format!("The config profile ({profile}) could not be found"));
        // botocore's ProfileNotFound reaches the CLI's general handler.
        return RC_GENERAL;
    }
    let Some(command) = rest.first().cloned() else {
        return usage_error(io, "the following arguments are required: command");
    };
    match command.as_str() {
        "help" => {
            io.out(help::top(model));
            return 0;
        }
        "configure" => return configure::run(shell, &rest[1..], &settings, io),
        "s3" if rest.get(1).is_some_and(|s| s3::COMMANDS.contains(&s.as_str()) || s == "help") => {
            return s3::run(shell, &rest[1..], &settings, io, backend);
        }
        _ => {}
    }
    let service_name = if command == "s3api" { "s3" } else { command.as_str() };
    let Some(service) = model.services.get(service_name).filter(|_| command != "s3") else {
        if model.all_services.iter().any(|s| *s == command) || command == "s3" {
            if command == "s3" {
                return invalid_choice(io, "operation", rest.get(1).map_or("", String::as_str), &s3::COMMANDS);
            }
            write_error(io, &format!("The simulated cloud of this course has no {command} service; it has {}.", service_names(model)));
            return RC_GENERAL;
        }
        let mut choices: Vec<&str> = model.all_services.iter().map(String::as_str).collect();
        choices.extend(["configure", "s3api", "help"]);
        choices.sort();
        return invalid_choice(io, "command", &command, &choices);
    };
    let Some(op_cli) = rest.get(1) else {
        return usage_error(io, "the following arguments are required: operation");
    };
    if op_cli == "help" {
        io.out(help::service(service_name, service));
        return 0;
    }
    // `aws <service> wait <waiter> [options]`: the waiter's operation with its options.
    let waiter = if op_cli == "wait" {
        let Some(name) = rest.get(2) else {
            return usage_error(io, "the following arguments are required: waiter_name");
        };
        match service.waiters.get(name.as_str()) {
            Some(w) => Some(w),
            None => {
                let mut names: Vec<&str> = service.waiters.keys().map(String::as_str).collect();
                names.push("help");
                return invalid_choice(io, "waiter_name", name, &names);
            }
        }
    } else {
        None
    };
    let arg_start = if waiter.is_some() { 3 } else { 2 };
    let found = match waiter {
        Some(w) => service.operations.get_key_value(&w.operation).map(|(n, o)| (n.as_str(), o)),
        None => service.by_cli(op_cli),
    };
    let Some((op_name, op)) = found else {
        let mut choices: Vec<&str> = service.operations.values().map(|o| o.cli.as_str()).collect();
        if !service.waiters.is_empty() {
            choices.push("wait");
        }
        choices.push("help");
        choices.sort();
        return invalid_choice(io, "operation", op_cli, &choices);
    };
    // The CLI's paging arguments belong to it, not to the operation; an input token given by
    // hand (`--marker`) turns pagination off, as `--no-paginate` does, and gives the operation
    // back its own options the CLI's shadowed (`--max-items` of `iam list-roles`).
    let input_shape = op.input.as_deref().and_then(|n| service.shape(n));
    let given = |cli: &str| rest[arg_start..].iter().any(|a| a.strip_prefix("--").is_some_and(|o| o == cli || o.starts_with(&format!("{cli}="))));
    let manual_token = op.paginator.as_ref().is_some_and(|p| input_shape.is_some_and(|s| s.members.iter().any(|(m, _, cli)| p.input.contains(m) && given(cli))));
    let paginator = op.paginator.as_ref().filter(|_| !globals.flag("--no-paginate") && !manual_token);
    let (op_args, paging) = match (paginator, &op.paginator) {
        (Some(_), _) => paginate::take_paging_args(&rest[arg_start..], &[]),
        (None, Some(_)) => {
            let own: Vec<String> = input_shape.map(|s| s.members.iter().map(|(_, _, cli)| format!("--{cli}")).collect()).unwrap_or_default();
            paginate::take_paging_args(&rest[arg_start..], &own)
        }
        (None, None) => (rest[arg_start..].to_vec(), paginate::PagingArgs::default()),
    };
    if let Err(m) = paging.check() {
        return usage_error(io, &m);
    }
    let op_args = op_args.as_slice();
    if let Some(i) = op_args.iter().position(|a| a == "--generate-cli-skeleton")
        && op_args.get(i + 1).is_none_or(|v| v == "input" || v.starts_with("--"))
    {
        let skeleton = op.input.as_deref().map_or(Json::Object(vec![]), |n| skeleton(service, n, &mut Vec::new()));
        io.out(format!("{}\n", skeleton.dumps(Some(4))));
        return 0;
    }
    if op_args.first().is_some_and(|a| a == "help") {
        io.out(help::operation(service_name, op_name, service));
        return 0;
    }
    let output_shape = op.output.as_deref().and_then(|o| service.shape(o));
    let payload = output_shape.and_then(|s| s.payload.clone()).filter(|p| {
        output_shape.and_then(|s| s.members.iter().find(|(m, _, _)| m == p)).and_then(|(_, s, _)| service.shape(s)).is_some_and(|s| s.kind == "blob")
    });
    let format = if settings.binary_format == "raw-in-base64-out" { BinaryFormat::RawInBase64Out } else { BinaryFormat::Base64 };
    // Before the arguments: the model keeps no input shape for what the mock lacks, so every
    // option would read as unknown.
    if !op.implemented {
        write_error(io, &format!("The simulated {} service of this course does not implement {op_name} (`aws {command} {op_cli}`).", service.service_id));
        return RC_GENERAL;
    }
    let parsed = match args::parse(service_name, op_name, service, op.input.as_deref(), payload.is_some(), op_args, &shell.vfs, &shell.cwd, format) {
        Ok(p) => p,
        Err(ArgError::Usage(m)) => return usage_error(io, &m),
        Err(ArgError::Unknown(u)) => {
            io.err(format!("\nusage: {USAGE}\n"));
            write_error(io, &format!("Unknown options: {}", u.join(", ")));
            return RC_USAGE;
        }
        Err(ArgError::Param(m)) => return param_error(io, &m),
        Err(ArgError::General(m)) => {
            write_error(io, &m);
            return RC_GENERAL;
        }
    };
    if settings.region != REGION {
        write_error(io, &format!("The simulated cloud of this course runs in {REGION} only; the region is set to {} ({}).", settings.region, settings.region_source));
        return RC_GENERAL;
    }
    let query = globals.get("--query").map(str::to_owned);
    if let Some(q) = &query
        && let Err(e) = jmespath::compile(q)
    {
        return param_error(io, &format!("Bad value for --query {q}: {e}"));
    }
    if let Some(p) = paginator.filter(|p| !p.input.iter().any(|t| parsed.params.get(t).is_some())) {
        return print_pages(io, backend, service, op, (service_name, op_name), p, &paging, &parsed.params, &settings.output, query.as_deref(), globals.get("--cli-error-format"));
    }
    if !paging.used.is_empty() {
        return param_error(io, &format!("Cannot specify --no-paginate along with pagination arguments: {}", paging.used.join(", ")));
    }
    if let Some(w) = waiter {
        let answer = backend.call(service_name, op_name, &parsed.params).map(|r| format::order(service, op.output.as_deref(), &r, None));
        return match wait::evaluate(w, &answer) {
            Ok(()) => 0,
            Err(m) => {
                write_error(io, &m);
                RC_GENERAL
            }
        };
    }
    let response = match backend.call(service_name, op_name, &parsed.params) {
        Ok(r) => r,
        Err(e) => return service_error(io, service, op, op_name, &e, globals.get("--cli-error-format")),
    };
    if let (Some(member), Some(outfile)) = (&payload, &parsed.outfile) {
        let bytes = response.get(member.as_str()).and_then(bytes_of).unwrap_or_default();
        let path = vfs::resolve(&shell.cwd, outfile);
        if let Err(e) = shell.vfs.write(&path, bytes) {
            write_error(io, &format!("[Errno 2] {}", e.to_string().replacen(&path, outfile, 1)));
            return RC_GENERAL;
        }
    }
    // An operation without an output shape prints nothing (the CLI drops ResponseMetadata).
    let ordered = if op.output.is_none() { Json::Object(vec![]) } else { format::order(service, op.output.as_deref(), &response, payload.as_deref()) };
    let data = match &query {
        Some(q) => match format::query(q, &ordered) {
            Ok(d) => d,
            Err(e) => {
                write_error(io, &e);
                return RC_USAGE;
            }
        },
        None => ordered,
    };
    match format::try_render(&settings.output, op_name, &data, query.is_some()) {
        Ok(text) => io.out(text),
        Err(e) => {
            write_error(io, &e);
            return RC_GENERAL;
        }
    }
    0
}

/// A paginated operation's result, as the CLI prints it (see `paginate`).
#[allow(clippy::too_many_arguments)]
fn print_pages(
    io: &mut Io,
    backend: &mut dyn Backend,
    service: &model::Service,
    op: &model::Operation,
    (service_name, op_name): (&str, &str),
    p: &model::Paginator,
    paging: &paginate::PagingArgs,
    params: &Value,
    output: &str,
    query: Option<&str>,
    error_format: Option<&str>,
) -> i32 {
    let fetched = paginate::fetch(p, paging, params, |params| backend.call(service_name, op_name, params).map(|r| format::order(service, op.output.as_deref(), &r, None)));
    let pages = match fetched {
        Ok(pages) => pages,
        Err(paginate::PageError::Service(e)) => return service_error(io, service, op, op_name, &e, error_format),
        Err(paginate::PageError::General(m)) => {
            write_error(io, &m);
            return RC_GENERAL;
        }
    };
    // `text` prints page by page (the query applied to each); the others the full result.
    let results = if output == "text" { paginate::text_pages(p, &pages) } else { vec![paginate::full_result(p, &pages)] };
    let mut out = String::new();
    for data in results {
        let data = match query {
            Some(q) => match format::query(q, &data) {
                Ok(d) => d,
                Err(e) => {
                    write_error(io, &e);
                    return RC_USAGE;
                }
            },
            None => data,
        };
        match format::try_render(output, op_name, &data, query.is_some()) {
            Ok(text) => out.push_str(&text),
            Err(e) => {
                io.out(out);
                write_error(io, &e);
                return RC_GENERAL;
            }
        }
    }
    io.out(out);
    0
}

/// `--generate-cli-skeleton`: botocore's ArgumentGenerator over the input shape ("" for strings
/// or their first enum value, 0, 0.0, true, the epoch for timestamps, null for blobs, one item
/// per list, `KeyName` per map, `{}` for a structure already being generated).
fn skeleton(service: &model::Service, shape_name: &str, stack: &mut Vec<String>) -> Json {
    let Some(shape) = service.shape(shape_name) else { return Json::Null };
    if shape.kind == "structure" && stack.iter().any(|s| s == shape_name) {
        return Json::Object(vec![]);
    }
    stack.push(shape_name.to_owned());
    let out = match shape.kind.as_str() {
        "structure" => Json::Object(shape.members.iter().map(|(m, s, _)| (m.clone(), skeleton(service, s, stack))).collect()),
        "list" => Json::Array(shape.member.as_deref().map(|m| skeleton(service, m, stack)).into_iter().collect()),
        "map" => Json::Object(vec![("KeyName".into(), shape.value.as_deref().map_or(Json::Null, |v| skeleton(service, v, stack)))]),
        "string" => Json::String(shape.enum_values.first().cloned().unwrap_or_default()),
        "integer" | "long" => Json::Number(0.into()),
        "float" | "double" => Json::from_value(&json!(0.0)),
        "boolean" => Json::Bool(true),
        "timestamp" => Json::String("1970-01-01T00:00:00".into()),
        _ => Json::Null,
    };
    stack.pop();
    out
}

fn service_names(model: &Model) -> String {
    model.services.keys().cloned().collect::<Vec<_>>().join(", ")
}

/// A service's error response, as the CLI's enhanced error format prints it.
/// With `--cli-error-format json|yaml|text|table` the error's Code, Message and modelled members
/// in that output format instead (Message first for the JSON protocols, as botocore's parsers
/// build the dict); `legacy` is the line without the additional details.
fn service_error(io: &mut Io, service: &model::Service, op: &model::Operation, op_name: &str, e: &ServiceError, error_format: Option<&str>) -> i32 {
    let error_format = error_format.map(str::to_ascii_lowercase);
    let line = format!("An error occurred ({}) when calling the {op_name} operation: {}", e.code, e.message);
    if error_format.as_deref() == Some("legacy") {
        write_error(io, &line);
        return RC_SERVICE;
    }
    let structured = error_format.as_deref().filter(|f| ["json", "yaml", "text", "table"].contains(f));
    if structured.is_none() {
        write_error(io, &line);
    }
    // Members of the modelled error shape beyond Code and Message ("Additional error details").
    let modelled: Vec<&str> = op
        .errors
        .iter()
        .filter_map(|name| service.shape(name).filter(|_| error_code_matches(service, name, &e.code)))
        .flat_map(|s| s.members.iter().map(|(m, _, _)| m.as_str()))
        .filter(|m| !m.eq_ignore_ascii_case("code") && !m.eq_ignore_ascii_case("message"))
        .collect();
    let mut extra = Vec::new();
    if let Some(fields) = e.response.get("Error").and_then(Value::as_object) {
        for m in &modelled {
            if let Some(v) = fields.get(*m).or_else(|| e.response.get(*m)) {
                extra.push((m.to_string(), Json::from_value(v)));
            }
        }
    }
    if let Some(f) = structured {
        let (code, message) = (("Code".to_owned(), Json::String(e.code.clone())), ("Message".to_owned(), Json::String(e.message.clone())));
        let json_protocol = service.protocol.contains("json");
        let mut info = if json_protocol { vec![message, code] } else { vec![code, message] };
        // A JSON error body carries a lowercase `message`; where the error shape models it
        // (DynamoDB's), botocore keeps it beside Message.
        let lowercase_message = op.errors.iter().filter(|n| error_code_matches(service, n, &e.code)).filter_map(|n| service.shape(n)).any(|s| s.members.iter().any(|(m, _, _)| m == "message"));
        if json_protocol && lowercase_message {
            info.push(("message".into(), Json::String(e.message.clone())));
        }
        info.extend(extra);
        io.err(format::render(f, "error", &Json::Object(info), false));
        return RC_SERVICE;
    }
    if !extra.is_empty() {
        io.err("\nAdditional error details:\n");
        for (k, v) in extra {
            io.err(format!("{k}: {}\n", v.python_str()));
        }
    }
    RC_SERVICE
}

fn error_code_matches(_service: &model::Service, shape_name: &str, code: &str) -> bool {
    shape_name == code
}

/// Bytes as the wire's tagged value.
pub fn bytes_value(bytes: &[u8]) -> Value {
    json!({"$bytes": base64::engine::general_purpose::STANDARD.encode(bytes)})
}

/// The bytes of a tagged (or plain string) blob.
pub fn bytes_of(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => Some(s.as_bytes().to_vec()),
        Value::Object(m) => m.get("$bytes").and_then(Value::as_str).and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok()),
        _ => None,
    }
}

/// A timestamp argument: ISO 8601 (`2026-01-15`, `2026-01-15T12:00:00Z`) or epoch seconds.
pub fn parse_timestamp(s: &str) -> Option<i64> {
    if let Ok(secs) = s.parse::<f64>() {
        return Some((secs * 1000.0) as i64);
    }
    let (date, time) = s.split_once('T').unwrap_or((s, "00:00:00"));
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let time = time.trim_end_matches('Z').split('+').next()?;
    let mut t = time.split(':');
    let h: i64 = t.next()?.parse().ok()?;
    let mi: i64 = t.next().unwrap_or("0").parse().ok()?;
    let sec: f64 = t.next().unwrap_or("0").parse().ok()?;
    let days = days_from_civil(y, m as u32, day as u32);
    Some((days * 86_400 + h * 3600 + mi * 60) * 1000 + (sec * 1000.0) as i64)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_matches_like_difflib() {
        assert_eq!(close_matches("lamda", ["lambda", "lightsail", "logs"]), ["lambda"]);
        assert_eq!(close_matches("create-functon", ["create-function", "delete-function", "create-alias"]), ["create-function"]);
        assert!(close_matches("xyz", ["lambda"]).is_empty());
        assert!((ratio("abcd", "bcde") - 0.75).abs() < 1e-9);
    }

    #[test]
    fn timestamps_parse_both_ways() {
        assert_eq!(parse_timestamp("2026-01-15T12:00:00Z"), Some(1_768_478_400_000));
        assert_eq!(parse_timestamp("1768478400"), Some(1_768_478_400_000));
        assert_eq!(format::iso_timestamp(parse_timestamp("2026-03-01").unwrap()), "2026-03-01T00:00:00+00:00");
    }
}
