//! An operation's command-line arguments turned into request parameters, as AWS CLI v2 does
//! it: one `--option` per top-level input member (booleans also as `--no-option`), lists as
//! several values, structures and maps as JSON or shorthand, `file://` and `fileb://` values,
//! blobs in the `--cli-binary-format` the learner chose, then botocore's parameter validation.

use base64::Engine as _;
use serde_json::{Value, json};

use super::model::{Service, Shape};
use super::shorthand;
use crate::json::Json;
use crate::vfs::{self, Vfs};

/// Why arguments could not become parameters; each maps to the CLI's message and exit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgError {
    /// argparse's errors (exit 252, with the usage text).
    Usage(String),
    /// `Unknown options: ...` (exit 252, usage first).
    Unknown(Vec<String>),
    /// `Error parsing parameter '--x': ...` and botocore's validation (exit 252).
    Param(String),
    /// Anything else the CLI reports as a general error (exit 255), e.g. invalid base64.
    General(String),
}

/// The parsed arguments of one operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// botocore-shaped parameters (bytes as `{"$bytes"}` tags).
    pub params: Value,
    /// The `outfile` positional, for operations with a streaming payload.
    pub outfile: Option<String>,
}

/// How blob arguments given as text are read (`--cli-binary-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryFormat {
    /// v2's default: text is base64 and is decoded.
    Base64,
    /// Text is taken as its UTF-8 bytes.
    RawInBase64Out,
}

/// A value as it came off the command line: text, or the bytes of a `fileb://` file.
#[derive(Debug, Clone)]
enum Raw {
    Text(String),
    Bytes(Vec<u8>),
}

/// The CLI's `--zip-file` customization for Lambda: the nested `ZipFile` blob of
/// `create-function`'s `--code` and `publish-layer-version`'s `--content` hoisted to a
/// top-level `--zip-file` (which makes the nesting option optional); for `update-function-code`
/// the model's own `--zip-file`. Either way the bytes must be a ZIP.
fn zip_hoist(service_name: &str, op_name: &str) -> Option<&'static str> {
    match (service_name, op_name) {
        ("lambda", "CreateFunction") => Some("Code"),
        ("lambda", "PublishLayerVersion") => Some("Content"),
        _ => None,
    }
}

/// Streaming blob inputs (botocore's `streaming: true`, which the compact model does not keep):
/// the CLI takes their value as the path of a file to send, not as base64.
fn is_streaming_input(service_name: &str, op_name: &str, member: &str) -> bool {
    matches!((service_name, op_name, member), ("s3", "PutObject" | "UploadPart", "Body") | ("lambda", "InvokeAsync", "InvokeArgs"))
}

/// The CLI's argument renames (awscli's argrename customization) for the services simulated:
/// `aws sns subscribe --notification-endpoint`, as `--endpoint` would read as the endpoint URL.
fn renamed<'a>(service_name: &str, op_name: &str, cli: &'a str) -> &'a str {
    match (service_name, op_name, cli) {
        ("sns", "Subscribe", "endpoint") => "notification-endpoint",
        _ => cli,
    }
}

const NOT_A_ZIP: &str = "--zip-file must be a zip file with the fileb:// prefix.\nExample usage:  --zip-file fileb://path/to/file.zip";

/// Whether `bytes` holds a ZIP's end-of-central-directory record, as Python's `zipfile` needs.
fn is_zip(bytes: &[u8]) -> bool {
    bytes.windows(4).rev().take(65_557).any(|w| w == b"PK\x05\x06")
}

/// Parses `args` for `op_name` of `service_name`, whose input shape is `input`.
#[allow(clippy::too_many_arguments)]
pub fn parse(service_name: &str, op_name: &str, service: &Service, input: Option<&str>, has_outfile: bool, args: &[String], vfs: &Vfs, cwd: &str, format: BinaryFormat) -> Result<Parsed, ArgError> {
    let hoist = zip_hoist(service_name, op_name);
    let mut zip_file: Option<Raw> = None;
    let empty = Shape { kind: "structure".into(), members: vec![], required: vec![], payload: None, member: None, key: None, value: None, min: None, enum_values: vec![] };
    let shape = input.and_then(|n| service.shape(n)).unwrap_or(&empty);
    let payload = shape.payload.clone();
    // The argument table: (option, member, shape, is list of scalars).
    let members: Vec<&(String, String, String)> = shape.members.iter().collect();
    let mut values: Vec<(usize, Vec<Raw>, bool)> = Vec::new(); // member index, values, bool flag value
    let mut unknown = Vec::new();
    let mut outfile = None;
    let mut cli_input_json: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        let Some(opt) = arg.strip_prefix("--") else {
            if has_outfile && outfile.is_none() {
                outfile = Some(arg.clone());
            } else {
                unknown.push(arg.clone());
            }
            continue;
        };
        let (name, inline) = match opt.split_once('=') {
            Some((n, v)) => (n, Some(v.to_owned())),
            None => (opt, None),
        };
        if name == "cli-input-json" {
            let v = take_values(args, &mut i, inline, false, arg)?;
            cli_input_json = Some(load_text(&v[0], vfs, cwd, "--cli-input-json")?);
            continue;
        }
        if hoist.is_some() && name == "zip-file" {
            let v = take_values(args, &mut i, inline, false, arg)?;
            zip_file = Some(load(&v[0], vfs, cwd, "--zip-file")?);
            continue;
        }
        let found = members.iter().position(|(_, _, cli)| renamed(service_name, op_name, cli) == name);
        let negated = name.strip_prefix("no-").and_then(|n| members.iter().position(|(_, s, cli)| cli == n && service.shape(s).is_some_and(|s| s.kind == "boolean")));
        match (found, negated) {
            (Some(idx), _) => {
                let member_shape = service.shape(&members[idx].1).map(|s| s.kind.as_str()).unwrap_or("string");
                if member_shape == "boolean" {
                    values.retain(|(m, _, _)| *m != idx);
                    values.push((idx, vec![], true));
                    continue;
                }
                let is_list = member_shape == "list";
                let raw = take_values(args, &mut i, inline, is_list, arg)?;
                let mut loaded = Vec::new();
                for r in raw {
                    loaded.push(load(&r, vfs, cwd, arg)?);
                }
                values.retain(|(m, _, _)| *m != idx);
                values.push((idx, loaded, false));
            }
            (None, Some(idx)) => {
                values.retain(|(m, _, _)| *m != idx);
                values.push((idx, vec![Raw::Text("false".into())], false));
            }
            (None, None) => unknown.push(arg.clone()),
        }
    }
    // argparse checks required options before the CLI looks at unknown ones.
    let mut missing: Vec<String> = Vec::new();
    if cli_input_json.is_none() {
        for (name, _, cli) in &members {
            if shape.required.contains(name) && Some(name.as_str()) != hoist && !values.iter().any(|(m, _, _)| members[*m].0 == *name) {
                missing.push(format!("--{}", renamed(service_name, op_name, cli)));
            }
        }
    }
    if has_outfile && outfile.is_none() {
        missing.push("outfile".into());
    }
    if !missing.is_empty() {
        return Err(ArgError::Usage(format!("the following arguments are required: {}", missing.join(", "))));
    }
    if !unknown.is_empty() {
        return Err(ArgError::Unknown(unknown));
    }
    let mut params = match &cli_input_json {
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(m)) => Value::Object(m),
            Ok(_) | Err(_) => return Err(ArgError::Param(format!("Error parsing parameter '--cli-input-json': Invalid JSON received.\nJSON received: {text}"))),
        },
        None => json!({}),
    };
    for (idx, raws, flag) in values {
        let (name, shape_name, cli) = members[idx];
        let option = format!("--{}", renamed(service_name, op_name, cli));
        let member_shape = service.shape(shape_name).ok_or_else(|| ArgError::General(format!("no shape {shape_name}")))?;
        let value = if flag {
            Value::Bool(true)
        } else if is_streaming_input(service_name, op_name, name) {
            match &raws[0] {
                Raw::Bytes(b) => crate::aws::bytes_value(b),
                Raw::Text(path) => {
                    let bytes = vfs.read(&vfs::resolve(cwd, path)).map_err(|_| ArgError::Param(format!("Error parsing parameter '{option}': Blob values must be a path to a file.")))?;
                    crate::aws::bytes_value(&bytes)
                }
            }
        } else {
            convert(service, member_shape, &raws, &option, format, payload.as_deref() == Some(name.as_str()))?
        };
        params[name.as_str()] = value;
    }
    if let Some(target) = hoist {
        if params.get(target).and_then(|c| c.get("ZipFile")).is_some() {
            let cli = members.iter().find(|(m, _, _)| m == target).map(|(_, _, c)| c.as_str()).unwrap_or("code");
            return Err(ArgError::Param(format!("ZipFile cannot be provided as part of the --{cli} argument.  Please use the '--zip-file' option instead to specify a zip file.")));
        }
        if let Some(raw) = zip_file {
            let bytes = match raw {
                Raw::Bytes(b) => b,
                Raw::Text(t) => t.into_bytes(),
            };
            if !is_zip(&bytes) {
                return Err(ArgError::Param(NOT_A_ZIP.into()));
            }
            if !params.get(target).is_some_and(Value::is_object) {
                params[target] = json!({});
            }
            params[target]["ZipFile"] = crate::aws::bytes_value(&bytes);
        }
    }
    if service_name == "lambda" && op_name == "UpdateFunctionCode"
        && let Some(z) = params.get("ZipFile")
        && !crate::aws::bytes_of(z).is_some_and(|b| is_zip(&b))
    {
        return Err(ArgError::Param(NOT_A_ZIP.into()));
    }
    // botocore's validation of the whole request.
    let mut problems = Vec::new();
    validate(service, shape, &params, "", &mut problems);
    if !problems.is_empty() {
        return Err(ArgError::Param(format!("Parameter validation failed:\n{}", problems.join("\n"))));
    }
    if format == BinaryFormat::Base64 {
        decode_blobs(service, shape, &mut params)?;
    }
    Ok(Parsed { params, outfile })
}

/// The value(s) after an option: one, or for lists every argument up to the next option.
fn take_values(args: &[String], i: &mut usize, inline: Option<String>, list: bool, option: &str) -> Result<Vec<String>, ArgError> {
    if let Some(v) = inline {
        return Ok(vec![v]);
    }
    let mut out = Vec::new();
    while *i < args.len() {
        let a = &args[*i];
        let looks_like_option = a.starts_with("--") || (a.starts_with('-') && a.len() > 1 && !a[1..].starts_with(|c: char| c.is_ascii_digit()));
        if looks_like_option {
            break;
        }
        out.push(a.clone());
        *i += 1;
        if !list {
            break;
        }
    }
    if out.is_empty() {
        let name = option.split('=').next().unwrap_or(option);
        return Err(ArgError::Usage(format!("argument {name}: expected {}", if list { "at least one argument" } else { "one argument" })));
    }
    Ok(out)
}

fn load(value: &str, vfs: &Vfs, cwd: &str, option: &str) -> Result<Raw, ArgError> {
    if let Some(path) = value.strip_prefix("fileb://") {
        let full = vfs::resolve(cwd, path);
        return vfs
            .read(&full)
            .map(|b| Raw::Bytes(b.to_vec()))
            .map_err(|_| ArgError::Param(format!("Error parsing parameter '{option}': Unable to load paramfile {value}: [Errno 2] No such file or directory: '{path}'")));
    }
    if value.starts_with("file://") {
        return load_text(value, vfs, cwd, option).map(Raw::Text);
    }
    Ok(Raw::Text(value.to_owned()))
}

fn load_text(value: &str, vfs: &Vfs, cwd: &str, option: &str) -> Result<String, ArgError> {
    let Some(path) = value.strip_prefix("file://") else { return Ok(value.to_owned()) };
    let full = vfs::resolve(cwd, path);
    let bytes = vfs
        .read(&full)
        .map_err(|_| ArgError::Param(format!("Error parsing parameter '{option}': Unable to load paramfile {value}: [Errno 2] No such file or directory: '{path}'")))?;
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        ArgError::Param(format!(
            "Error parsing parameter '{option}': Unable to load paramfile ({path}), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix."
        ))
    })
}

/// One option's values as the member's shape wants them.
fn convert(service: &Service, shape: &Shape, raws: &[Raw], option: &str, format: BinaryFormat, _payload: bool) -> Result<Value, ArgError> {
    let perr = |m: String| ArgError::Param(format!("Error parsing parameter '{option}': {m}"));
    let text = |r: &Raw| match r {
        Raw::Text(t) => t.clone(),
        Raw::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
    };
    match shape.kind.as_str() {
        "list" => {
            let member = shape.member.as_deref().and_then(|m| service.shape(m));
            let first = text(&raws[0]);
            if raws.len() == 1 && first.trim_start().starts_with('[') {
                return parse_json(&first).map_err(perr).map(|j| j.to_value());
            }
            let member = member.ok_or_else(|| perr("unknown list member".into()))?;
            let mut out = Vec::new();
            for r in raws {
                if is_complex(member) {
                    let t = text(r);
                    if t.trim_start().starts_with('{') {
                        out.push(parse_json(&t).map_err(perr)?.to_value());
                    } else {
                        let j = shorthand::parse(&t).map_err(|e| perr(e.to_string()))?;
                        out.push(shorthand::coerce(service, member, &j));
                    }
                } else {
                    out.push(convert(service, member, std::slice::from_ref(r), option, format, false)?);
                }
            }
            Ok(Value::Array(out))
        }
        "structure" | "map" => {
            let t = text(&raws[0]);
            if t.trim_start().starts_with('{') {
                return parse_json(&t).map_err(perr).map(|j| j.to_value());
            }
            let j = shorthand::parse(&t).map_err(|e| perr(e.to_string()))?;
            Ok(shorthand::coerce(service, shape, &j))
        }
        "integer" | "long" => {
            let t = text(&raws[0]);
            // Python's int() raises a ValueError the CLI reports as a general error (exit 255).
            t.trim().parse::<i64>().map(Value::from).map_err(|_| ArgError::General(format!("invalid literal for int() with base 10: '{t}'")))
        }
        "double" | "float" => {
            let t = text(&raws[0]);
            t.trim().parse::<f64>().map(|f| json!(f)).map_err(|_| ArgError::General(format!("could not convert string to float: '{t}'")))
        }
        "boolean" => Ok(Value::Bool(!text(&raws[0]).eq_ignore_ascii_case("false"))),
        "blob" => Ok(match &raws[0] {
            Raw::Bytes(b) => crate::aws::bytes_value(b),
            Raw::Text(t) => match format {
                BinaryFormat::RawInBase64Out => crate::aws::bytes_value(t.as_bytes()),
                // Decoded after validation, as the CLI's provide-client-params handler does.
                BinaryFormat::Base64 => Value::String(t.clone()),
            },
        }),
        "timestamp" => {
            let t = text(&raws[0]);
            crate::aws::parse_timestamp(&t).map(|ms| json!({"$timestamp": ms})).ok_or_else(|| perr(format!("Invalid timestamp received: {t}")))
        }
        _ => Ok(Value::String(text(&raws[0]))),
    }
}

fn is_complex(shape: &Shape) -> bool {
    matches!(shape.kind.as_str(), "structure" | "map" | "list")
}

fn parse_json(text: &str) -> Result<Json, String> {
    Json::parse(text).map_err(|e| format!("Invalid JSON: {}\nJSON received: {text}", super::pyjson::error_message(text).unwrap_or_else(|| e.to_string())))
}

/// botocore's ParamValidator: unknown and missing members, types, minimums.
fn validate(service: &Service, shape: &Shape, value: &Value, path: &str, problems: &mut Vec<String>) {
    let name = if path.is_empty() { "input".to_owned() } else { path.to_owned() };
    let type_error = |problems: &mut Vec<String>, valid: &str| {
        problems.push(format!("Invalid type for parameter {}, value: {}, type: {}, valid types: {valid}", path, python_repr(value), python_type(value)));
    };
    match shape.kind.as_str() {
        "structure" => {
            let Some(obj) = value.as_object() else { return type_error(problems, "<class 'dict'>") };
            for req in &shape.required {
                if !obj.contains_key(req) {
                    problems.push(format!("Missing required parameter in {name}: \"{req}\""));
                }
            }
            for (k, v) in obj {
                match shape.members.iter().find(|(m, _, _)| m == k) {
                    Some((_, s, _)) => {
                        if let Some(ms) = service.shape(s) {
                            let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                            validate(service, ms, v, &p, problems);
                        }
                    }
                    None => {
                        let names: Vec<&str> = shape.members.iter().map(|(m, _, _)| m.as_str()).collect();
                        problems.push(format!("Unknown parameter in {name}: \"{k}\", must be one of: {}", names.join(", ")));
                    }
                }
            }
        }
        "list" => {
            let Some(items) = value.as_array() else { return type_error(problems, "<class 'list'>, <class 'tuple'>") };
            if let Some(min) = shape.min
                && (items.len() as f64) < min
            {
                problems.push(format!("Invalid length for parameter {path}, value: {}, valid min length: {min}", items.len()));
            }
            if let Some(ms) = shape.member.as_deref().and_then(|m| service.shape(m)) {
                for (i, item) in items.iter().enumerate() {
                    validate(service, ms, item, &format!("{path}[{i}]"), problems);
                }
            }
        }
        "map" => {
            let Some(obj) = value.as_object() else { return type_error(problems, "<class 'dict'>") };
            if let Some(vs) = shape.value.as_deref().and_then(|m| service.shape(m)) {
                for (k, v) in obj {
                    validate(service, vs, v, &format!("{path}.{k}"), problems);
                }
            }
        }
        "string" => match value.as_str() {
            Some(s) => {
                if let Some(min) = shape.min
                    && (s.chars().count() as f64) < min
                {
                    problems.push(format!("Invalid length for parameter {path}, value: {}, valid min length: {}", s.chars().count(), min as i64));
                }
            }
            None => type_error(problems, "<class 'str'>"),
        },
        "integer" | "long" => match value.as_i64() {
            Some(n) => {
                if let Some(min) = shape.min
                    && (n as f64) < min
                {
                    problems.push(format!("Invalid value for parameter {path}, value: {n}, valid min value: {}", min as i64));
                }
            }
            None => type_error(problems, "<class 'int'>"),
        },
        "boolean" if !value.is_boolean() => type_error(problems, "<class 'bool'>"),
        "blob" if !(value.is_string() || value.get("$bytes").is_some()) => {
            type_error(problems, "<class 'bytes'>, <class 'bytearray'>, file-like object")
        }
        _ => {}
    }
}

fn python_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}

/// The value as botocore's message shows it: `str(value)`, so a string as is and containers
/// with Python's `repr` of their items (`['STAGE']`).
fn python_repr(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

fn py_repr(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
            let mut out = String::from(quote);
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    '\r' => out.push_str("\\r"),
                    c if c == quote => {
                        out.push('\\');
                        out.push(c);
                    }
                    c => out.push(c),
                }
            }
            out.push(quote);
            out
        }
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(m) => format!("{{{}}}", m.iter().map(|(k, v)| format!("{}: {}", py_repr(&Value::String(k.clone())), py_repr(v))).collect::<Vec<_>>().join(", ")),
        other => Json::from_value(other).python_str(),
    }
}

/// v2's default binary format: blob members given as text are base64 and are decoded (with
/// Python's lenient `b64decode`: characters outside the alphabet are dropped, the padding must
/// add up).
fn decode_blobs(service: &Service, shape: &Shape, value: &mut Value) -> Result<(), ArgError> {
    match shape.kind.as_str() {
        "structure" => {
            if let Some(obj) = value.as_object_mut() {
                for (k, v) in obj.iter_mut() {
                    if let Some((_, s, _)) = shape.members.iter().find(|(m, _, _)| m == k)
                        && let Some(ms) = service.shape(s)
                    {
                        decode_blobs(service, ms, v)?;
                    }
                }
            }
        }
        "list" => {
            if let (Some(items), Some(ms)) = (value.as_array_mut(), shape.member.as_deref().and_then(|m| service.shape(m))) {
                for item in items {
                    decode_blobs(service, ms, item)?;
                }
            }
        }
        "map" => {
            if let (Some(obj), Some(vs)) = (value.as_object_mut(), shape.value.as_deref().and_then(|m| service.shape(m))) {
                for v in obj.values_mut() {
                    decode_blobs(service, vs, v)?;
                }
            }
        }
        "blob" => {
            if let Value::String(s) = value {
                let bytes = lenient_b64decode(s).ok_or_else(|| ArgError::General(format!("Invalid base64: \"{s}\"")))?;
                *value = crate::aws::bytes_value(&bytes);
            }
        }
        _ => {}
    }
    Ok(())
}

fn lenient_b64decode(s: &str) -> Option<Vec<u8>> {
    let kept: String = s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')).collect();
    let data = kept.trim_end_matches('=');
    if data.contains('=') {
        return None;
    }
    if data.len() % 4 == 1 {
        return None;
    }
    let padded_len = kept.len();
    if data.len() % 4 != 0 && padded_len < data.len() + (4 - data.len() % 4) {
        return None;
    }
    base64::engine::general_purpose::STANDARD_NO_PAD.decode(data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_b64decode_is_lenient_but_checks_padding() {
        assert_eq!(lenient_b64decode("eyJhIjoxfQ=="), Some(br#"{"a":1}"#.to_vec()));
        assert_eq!(lenient_b64decode("{\"a\":1}"), None);
        assert_eq!(lenient_b64decode("test"), Some(vec![0xb5, 0xeb, 0x2d]));
        assert_eq!(lenient_b64decode("abc"), None);
    }
}
