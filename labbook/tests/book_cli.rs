//! Every `aws ...` command in the book's shell blocks uses a command and options that exist, as
//! AWS CLI version 2 builds them from botocore's service models.
//!
//! Commands are found in ```bash/```sh/```console/```shell blocks (not ```...,fragment) by
//! `common/shell.rs`: `$ ` prompts, continuations, `$(...)`, pipes and output lines. For each
//! `aws [GLOBAL...] SERVICE OPERATION ARGS`:
//! - the service is a botocore service (`s3api` is `s3`), the operation one of its operations in
//!   the CLI's kebab-case (`botocore.xform_name`, as the CLI names them), or `wait WAITER` for one
//!   of its waiters, or one of the CLI's own commands in [`CUSTOM`] (`aws s3 cp`, `aws logs
//!   tail`, `aws configure sso`, `aws cloudformation deploy`, ...; options from the AWS CLI v2
//!   command reference);
//! - every `--option` is an input member of the operation, a global option, `--cli-input-json`
//!   and friends, a pagination option of a paginated operation, `--no-X` for a boolean member,
//!   or a documented customisation (`--zip-file` of `lambda create-function`); it gets as many
//!   values as its type takes (none for a boolean, one for a scalar, one or more for a list);
//! - positional arguments only where the CLI takes them (the `outfile` of operations whose
//!   output is a blob, like `lambda invoke`), and every required member is given;
//! - literal values (not `$VAR`) are checked against the member's type: enum values, integers,
//!   the keys of JSON and shorthand (`Key=value,...`) structures and of enum-keyed maps; a blob
//!   given as text, `--payload '{...}'` or `--payload file://e.json`, needs
//!   `--cli-binary-format raw-in-base64-out` (without it CLI v2 reads the text as base64 and
//!   fails; `fileb://` passes bytes); a `file://NAME.json` argument whose JSON the chapter
//!   shows (a ```json block right after a paragraph naming `NAME.json`) is checked like an inline
//!   JSON value.
//!
//! `sam ...` commands (the SAM CLI, not in botocore) are checked the same way against
//! [`SAM_COMMANDS`], a table of the SAM CLI reference's commands and options for the commands
//! the book uses; a `sam` command missing from the table fails and says to add it.
//!
//! Not checked: commands in prose (inline `aws ...` code, where quiz questions show wrong commands
//! on purpose); what a command does; the contents of `file://` files the chapter does not show;
//! shorthand below its top-level keys; timestamps and ARNs given as values; values of `sam`
//! options. The CLI's argument renames ([`RENAMES`]) are listed for the services the book uses
//! only.
//!
//! `BOOK_CLI_DUMP=1 cargo test -p labbook --test book_cli -- --nocapture` prints every command as
//! parsed, with its chapter line.

mod common;
#[path = "common/shell.rs"]
mod shell;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use shell::Word;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Arity {
    /// A flag: no value.
    Flag,
    /// Exactly one value.
    One,
    /// One or more values.
    Many,
}
use Arity::{Flag, Many, One};

/// The CLI's global options (`aws help`, AWS CLI v2).
const GLOBAL: &[(&str, Arity)] = &[
    ("--debug", Flag),
    ("--endpoint-url", One),
    ("--no-verify-ssl", Flag),
    ("--no-paginate", Flag),
    ("--output", One),
    ("--query", One),
    ("--profile", One),
    ("--region", One),
    ("--version", Flag),
    ("--color", One),
    ("--no-sign-request", Flag),
    ("--ca-bundle", One),
    ("--cli-read-timeout", One),
    ("--cli-connect-timeout", One),
    ("--cli-binary-format", One),
    ("--no-cli-pager", Flag),
    ("--cli-auto-prompt", Flag),
    ("--no-cli-auto-prompt", Flag),
];

/// Values of the global options that take a fixed set.
const GLOBAL_VALUES: &[(&str, &[&str])] = &[
    ("--output", &["json", "text", "table", "yaml", "yaml-stream"]),
    ("--color", &["on", "off", "auto"]),
    ("--cli-binary-format", &["base64", "raw-in-base64-out"]),
];

/// Options every model operation takes.
const PER_OPERATION: &[(&str, Arity)] =
    &[("--cli-input-json", One), ("--cli-input-yaml", One), ("--generate-cli-skeleton", Flag)];

/// Options of paginated operations.
const PAGINATION: &[(&str, Arity)] = &[("--starting-token", One), ("--page-size", One), ("--max-items", One)];

/// A CLI command that is not an operation of a model: `(positionals min, max, options)`.
struct Custom {
    service: &'static str,
    command: &'static str,
    positionals: (usize, usize),
    options: &'static [(&'static str, Arity)],
}

const S3_TRANSFER: &[(&str, Arity)] = &[
    ("--dryrun", Flag),
    ("--quiet", Flag),
    ("--include", One),
    ("--exclude", One),
    ("--acl", One),
    ("--follow-symlinks", Flag),
    ("--no-follow-symlinks", Flag),
    ("--no-guess-mime-type", Flag),
    ("--sse", One),
    ("--sse-c", One),
    ("--sse-c-key", One),
    ("--sse-kms-key-id", One),
    ("--sse-c-copy-source", One),
    ("--sse-c-copy-source-key", One),
    ("--storage-class", One),
    ("--grants", Many),
    ("--website-redirect", One),
    ("--content-type", One),
    ("--cache-control", One),
    ("--content-disposition", One),
    ("--content-encoding", One),
    ("--content-language", One),
    ("--expires", One),
    ("--source-region", One),
    ("--only-show-errors", Flag),
    ("--no-progress", Flag),
    ("--page-size", One),
    ("--ignore-glacier-warnings", Flag),
    ("--force-glacier-transfer", Flag),
    ("--request-payer", One),
    ("--checksum-mode", One),
    ("--checksum-algorithm", One),
    ("--metadata", One),
    ("--copy-props", One),
    ("--metadata-directive", One),
    ("--expected-size", One),
    ("--recursive", Flag),
    ("--no-overwrite", Flag),
    ("--delete", Flag),
    ("--exact-timestamps", Flag),
    ("--size-only", Flag),
    ("--validate-same-s3-paths", Flag),
];

/// The CLI's own commands the book may use (AWS CLI v2 command reference).
const CUSTOM: &[Custom] = &[
    Custom { service: "s3", command: "cp", positionals: (2, 2), options: S3_TRANSFER },
    Custom { service: "s3", command: "mv", positionals: (2, 2), options: S3_TRANSFER },
    Custom { service: "s3", command: "sync", positionals: (2, 2), options: S3_TRANSFER },
    Custom {
        service: "s3",
        command: "rm",
        positionals: (1, 1),
        options: &[
            ("--dryrun", Flag),
            ("--quiet", Flag),
            ("--recursive", Flag),
            ("--request-payer", One),
            ("--include", One),
            ("--exclude", One),
            ("--only-show-errors", Flag),
            ("--page-size", One),
        ],
    },
    Custom {
        service: "s3",
        command: "ls",
        positionals: (0, 1),
        options: &[
            ("--recursive", Flag),
            ("--page-size", One),
            ("--human-readable", Flag),
            ("--summarize", Flag),
            ("--request-payer", One),
            ("--bucket-name-prefix", One),
            ("--bucket-region", One),
        ],
    },
    Custom { service: "s3", command: "mb", positionals: (1, 1), options: &[] },
    Custom { service: "s3", command: "rb", positionals: (1, 1), options: &[("--force", Flag)] },
    Custom { service: "s3", command: "presign", positionals: (1, 1), options: &[("--expires-in", One)] },
    Custom {
        service: "s3",
        command: "website",
        positionals: (1, 1),
        options: &[("--index-document", One), ("--error-document", One)],
    },
    Custom {
        service: "logs",
        command: "tail",
        positionals: (1, 1),
        options: &[
            ("--log-stream-names", Many),
            ("--log-stream-name-prefix", One),
            ("--follow", Flag),
            ("--format", One),
            ("--filter-pattern", One),
            ("--since", One),
        ],
    },
    Custom {
        service: "cloudformation",
        command: "package",
        positionals: (0, 0),
        options: &[
            ("--template-file", One),
            ("--s3-bucket", One),
            ("--s3-prefix", One),
            ("--kms-key-id", One),
            ("--output-template-file", One),
            ("--use-json", Flag),
            ("--force-upload", Flag),
            ("--metadata", One),
        ],
    },
    Custom {
        service: "cloudformation",
        command: "deploy",
        positionals: (0, 0),
        options: &[
            ("--template-file", One),
            ("--stack-name", One),
            ("--s3-bucket", One),
            ("--force-upload", Flag),
            ("--s3-prefix", One),
            ("--kms-key-id", One),
            ("--parameter-overrides", Many),
            ("--capabilities", Many),
            ("--no-execute-changeset", Flag),
            ("--disable-rollback", Flag),
            ("--no-disable-rollback", Flag),
            ("--role-arn", One),
            ("--notification-arns", Many),
            ("--fail-on-empty-changeset", Flag),
            ("--no-fail-on-empty-changeset", Flag),
            ("--tags", Many),
        ],
    },
    Custom { service: "configure", command: "", positionals: (0, 0), options: &[] },
    Custom {
        service: "configure",
        command: "sso",
        positionals: (0, 0),
        options: &[("--use-device-code", Flag), ("--no-browser", Flag)],
    },
    Custom { service: "configure", command: "sso-session", positionals: (0, 0), options: &[] },
    Custom { service: "configure", command: "get", positionals: (1, 1), options: &[] },
    Custom { service: "configure", command: "set", positionals: (2, 2), options: &[] },
    Custom { service: "configure", command: "list", positionals: (0, 0), options: &[] },
    Custom { service: "configure", command: "list-profiles", positionals: (0, 0), options: &[] },
    Custom { service: "configure", command: "export-credentials", positionals: (0, 0), options: &[("--format", One)] },
    Custom {
        service: "configure",
        command: "import",
        positionals: (0, 0),
        options: &[("--csv", One), ("--skip-invalid", Flag), ("--profile-prefix", One)],
    },
    Custom {
        service: "sso",
        command: "login",
        positionals: (0, 0),
        options: &[("--sso-session", One), ("--use-device-code", Flag), ("--no-browser", Flag)],
    },
    Custom { service: "sso", command: "logout", positionals: (0, 0), options: &[] },
];

/// Options the CLI adds to model operations: `(service, operation, option, member it supplies)`.
/// `--zip-file fileb://x.zip` stands for the `Code`/`Content` structure's `ZipFile`.
const CUSTOM_OPTIONS: &[(&str, &str, &str, &str)] = &[
    ("lambda", "create-function", "--zip-file", "code"),
    ("lambda", "publish-layer-version", "--zip-file", "content"),
];

/// Options the CLI renames (awscli's `customizations/argrename.py`), for the services the book
/// uses: `(service, operation or *, member option, CLI option)`.
const RENAMES: &[(&str, &str, &str, &str)] = &[
    ("sns", "subscribe", "endpoint", "notification-endpoint"),
    ("apigateway", "create-rest-api", "version", "api-version"),
    ("apigatewayv2", "create-api", "version", "api-version"),
    ("apigatewayv2", "update-api", "version", "api-version"),
    ("stepfunctions", "send-task-success", "output", "task-output"),
];

/// Services whose commands are all in [`CUSTOM`].
const CUSTOM_ONLY: &[&str] = &["configure", "sso", "s3"];

/// Options every `sam` command takes (SAM CLI reference).
const SAM_COMMON: &[(&str, Arity)] = &[
    ("--profile", One),
    ("--region", One),
    ("--config-file", One),
    ("--config-env", One),
    ("--debug", Flag),
    ("--beta-features", Flag),
    ("--no-beta-features", Flag),
    ("--save-params", Flag),
    ("--help", Flag),
];

/// The SAM CLI commands the book uses, from the SAM CLI command reference:
/// `(command, positionals min, max, options)`; short forms are listed with their long ones.
const SAM_COMMANDS: &[(&str, (usize, usize), &[(&str, Arity)])] = &[
    ("validate", (0, 0), &[("--template-file", One), ("--template", One), ("-t", One), ("--lint", Flag)]),
    (
        "build",
        (0, 1),
        &[
            ("--use-container", Flag),
            ("-u", Flag),
            ("--container-env-var", One),
            ("-e", One),
            ("--container-env-var-file", One),
            ("--build-image", One),
            ("--exclude", One),
            ("-x", One),
            ("--parallel", Flag),
            ("-p", Flag),
            ("--mount-with", One),
            ("--mount-symlinks", Flag),
            ("--skip-pull-image", Flag),
            ("--docker-network", One),
            ("--build-dir", One),
            ("-b", One),
            ("--base-dir", One),
            ("-s", One),
            ("--template-file", One),
            ("--template", One),
            ("-t", One),
            ("--cached", Flag),
            ("--no-cached", Flag),
            ("--cache-dir", One),
            ("--manifest", One),
            ("-m", One),
            ("--parameter-overrides", Many),
            ("--hook-name", One),
            ("--skip-prepare-infra", Flag),
            ("--build-in-source", Flag),
            ("--no-build-in-source", Flag),
            ("--terraform-project-root-path", One),
        ],
    ),
    (
        "deploy",
        (0, 0),
        &[
            ("--guided", Flag),
            ("-g", Flag),
            ("--template-file", One),
            ("--template", One),
            ("-t", One),
            ("--stack-name", One),
            ("--s3-bucket", One),
            ("--s3-prefix", One),
            ("--image-repository", One),
            ("--image-repositories", Many),
            ("--resolve-s3", Flag),
            ("--resolve-image-repos", Flag),
            ("--kms-key-id", One),
            ("--no-execute-changeset", Flag),
            ("--fail-on-empty-changeset", Flag),
            ("--no-fail-on-empty-changeset", Flag),
            ("--confirm-changeset", Flag),
            ("--no-confirm-changeset", Flag),
            ("--capabilities", Many),
            ("--parameter-overrides", Many),
            ("--tags", Many),
            ("--notification-arns", Many),
            ("--role-arn", One),
            ("--force-upload", Flag),
            ("--use-json", Flag),
            ("--metadata", One),
            ("--disable-rollback", Flag),
            ("--no-disable-rollback", Flag),
            ("--on-failure", One),
            ("--max-wait-duration", One),
            ("--signing-profiles", Many),
            ("--no-progressbar", Flag),
        ],
    ),
    ("delete", (0, 0), &[("--stack-name", One), ("--no-prompts", Flag), ("--s3-bucket", One), ("--s3-prefix", One)]),
    (
        "logs",
        (0, 0),
        &[
            ("--name", One),
            ("-n", One),
            ("--stack-name", One),
            ("--filter", One),
            ("--tail", Flag),
            ("-t", Flag),
            ("--include-traces", Flag),
            ("-i", Flag),
            ("--cw-log-group", One),
            ("--output", One),
            ("--start-time", One),
            ("-s", One),
            ("--end-time", One),
            ("-e", One),
        ],
    ),
    (
        "remote invoke",
        (0, 1),
        &[
            ("--stack-name", One),
            ("--event", One),
            ("-e", One),
            ("--event-file", One),
            ("--test-event-name", One),
            ("--parameter", One),
            ("--output", One),
        ],
    ),
    (
        "local invoke",
        (0, 1),
        &[
            ("--event", One),
            ("-e", One),
            ("--no-event", Flag),
            ("--env-vars", One),
            ("-n", One),
            ("--template-file", One),
            ("--template", One),
            ("-t", One),
            ("--parameter-overrides", Many),
            ("--debug-port", One),
            ("-d", One),
            ("--debugger-path", One),
            ("--debug-args", One),
            ("--container-env-vars", One),
            ("--docker-volume-basedir", One),
            ("-v", One),
            ("--docker-network", One),
            ("--container-host", One),
            ("--container-host-interface", One),
            ("--log-file", One),
            ("-l", One),
            ("--layer-cache-basedir", One),
            ("--skip-pull-image", Flag),
            ("--force-image-build", Flag),
            ("--shutdown", Flag),
            ("--invoke-image", One),
            ("--runtime", One),
            ("--mount-symlinks", Flag),
            ("--add-host", One),
            ("--hook-name", One),
            ("--skip-prepare-infra", Flag),
        ],
    ),
    // `sam local generate-event SERVICE EVENT`: the options depend on the event; these are S3's.
    ("local generate-event s3", (1, 1), &[("--bucket", One), ("--key", One), ("--region", One), ("--partition", One)]),
];

/// Checks a `sam ...` command against [`SAM_COMMANDS`].
fn check_sam(models: &Models, words: &[Word]) -> Problems {
    let mut out = Problems::new();
    if words.len() == 2 && matches!(words[1].text.as_str(), "--version" | "--help") {
        return out;
    }
    let path: Vec<&str> = words[1..].iter().map(|w| w.text.as_str()).take_while(|w| !w.starts_with('-')).collect();
    let Some((command, positionals, options)) =
        SAM_COMMANDS.iter().filter(|(c, _, _)| path.join(" ").starts_with(c)).max_by_key(|(c, _, _)| c.len())
    else {
        out.push((
            0,
            format!("`sam {}` is not in SAM_COMMANDS (book_cli.rs): add it from the SAM CLI reference", path.join(" ")),
        ));
        return out;
    };
    let start = 1 + command.split(' ').count();
    let lookup =
        |name: &str| SAM_COMMON.iter().chain(options.iter()).find(|(n, _)| *n == name).map(|(_, a)| (*a, None));
    let mut given = Vec::new();
    let found = models.options_with_values(words, start, &lookup, &mut out, &mut given);
    check_positionals(words, &found, *positionals, &mut out);
    out
}

/// botocore's service for an `aws SERVICE` name.
fn botocore_name(service: &str) -> &str {
    if service == "s3api" { "s3" } else { service }
}

/// One `aws` command, with where it is.
struct Found {
    file: String,
    block_line: usize,
    words: Vec<Word>,
}

/// The JSON files a chapter shows: `name.json` → its text, for the ```json blocks that the
/// paragraph right before names ("Save this as `notification.json`:").
fn shown_files(blocks: &[common::book::Block]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(first) = blocks.first() else {
        return out;
    };
    let source = std::fs::read_to_string(common::root().join(&first.file)).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    for block in blocks.iter().filter(|b| b.lang() == "json" && !b.fragment()) {
        let before = &lines[block.line.saturating_sub(4)..block.line - 1];
        let named = before.iter().flat_map(|l| l.split('`').skip(1).step_by(2)).filter(|n| n.ends_with(".json")).last();
        if let Some(name) = named {
            out.insert(name.to_owned(), block.text.clone());
        }
    }
    out
}

impl Found {
    fn at(&self, word: &Word) -> String {
        format!("{}:{}", self.file, self.block_line + 1 + word.line)
    }
}

/// Every `aws` command of the book.
fn book_commands() -> Vec<(Found, std::rc::Rc<BTreeMap<String, String>>)> {
    let mut out = Vec::new();
    for blocks in common::book::all_blocks() {
        let files = std::rc::Rc::new(shown_files(&blocks));
        for block in blocks {
            if !matches!(block.lang(), "bash" | "sh" | "shell" | "console" | "zsh") || block.fragment() {
                continue;
            }
            for words in shell::commands(&block.text) {
                if words.first().is_some_and(|w| w.text == "aws" || w.text == "sam") {
                    out.push((Found { file: block.file.clone(), block_line: block.line, words }, files.clone()));
                }
            }
        }
    }
    out
}

/// The checker: botocore's models for the services the commands name.
struct Models {
    services: BTreeMap<String, Value>,
}

/// A problem with one command: the word it is about and what is wrong.
type Problems = Vec<(usize, String)>;

/// An option given: its name, the input member it sets (if any), the indices of its values.
type Given = (String, Option<String>, Vec<usize>);

impl Models {
    fn shape<'a>(&'a self, service: &str, name: &str) -> &'a Value {
        &self.services[service]["shapes"][name]
    }

    /// Checks `aws ARGS`; problems point at an index into `words`.
    /// `files` are the JSON files the chapter shows, checked where a command passes them as
    /// `file://NAME` to a structure, list or map option.
    fn check(&self, words: &[Word], files: &BTreeMap<String, String>) -> Problems {
        let mut out = Problems::new();
        let mut i = 1;
        // Global options before the service.
        while let Some(w) = words.get(i).filter(|w| w.text.starts_with("--")) {
            match GLOBAL.iter().find(|(n, _)| *n == w.text) {
                Some((_, arity)) => i += if *arity == Flag { 1 } else { 2 },
                None => {
                    out.push((i, format!("`{}` is not a global option of the AWS CLI", w.text)));
                    return out;
                }
            }
        }
        let Some(service) = words.get(i) else {
            if !words.iter().any(|w| w.text == "--version") {
                out.push((0, "`aws` needs a service (`aws lambda ...`)".into()));
            }
            return out;
        };
        let service = service.text.as_str();
        if service == "help" {
            return out;
        }
        let command = words.get(i + 1).map(|w| w.text.as_str()).filter(|c| !c.starts_with("--"));
        if command == Some("help") {
            return out;
        }
        let custom = CUSTOM.iter().find(|c| c.service == service && c.command == command.unwrap_or(""));
        if let Some(custom) = custom {
            let start = if custom.command.is_empty() { i + 1 } else { i + 2 };
            let options: BTreeMap<&str, Arity> = GLOBAL.iter().chain(custom.options).copied().collect();
            let mut given = Vec::new();
            let positionals = self.options_with_values(
                words,
                start,
                &|name| options.get(name).map(|a| (*a, None)),
                &mut out,
                &mut given,
            );
            check_positionals(words, &positionals, custom.positionals, &mut out);
            check_global_values(words, &given, &mut out);
            return out;
        }
        if CUSTOM_ONLY.contains(&service) {
            let known: Vec<&str> = CUSTOM.iter().filter(|c| c.service == service).map(|c| c.command).collect();
            out.push((
                i + 1,
                format!("`aws {service} {}` is not a command (known: {})", command.unwrap_or(""), known.join(", ")),
            ));
            return out;
        }
        let model_name = botocore_name(service);
        let Some(model) = self.services.get(model_name) else {
            out.push((i, format!("`{service}` is not an AWS CLI service (botocore has no model `{model_name}`)")));
            return out;
        };
        let Some(command) = command else {
            out.push((i, format!("`aws {service}` needs an operation")));
            return out;
        };
        let (op_key, start) = if command == "wait" {
            let Some(waiter) = words.get(i + 2) else {
                out.push((i + 1, format!("`aws {service} wait` needs a waiter")));
                return out;
            };
            match model["waiters"][&waiter.text].as_str() {
                Some(op) => (
                    model["operations"].as_object().unwrap().iter().find(|(_, v)| v["name"] == op).unwrap().0.clone(),
                    i + 3,
                ),
                None => {
                    let waiters: Vec<&String> = model["waiters"].as_object().unwrap().keys().collect();
                    out.push((i + 2, format!("`{}` is not a waiter of {service} (waiters: {waiters:?})", waiter.text)));
                    return out;
                }
            }
        } else {
            (command.to_owned(), i + 2)
        };
        let Some(op) = model["operations"].get(&op_key) else {
            out.push((
                i + 1,
                format!(
                    "`{command}` is not an operation of `aws {service}`{}",
                    suggest(&op_key, model["operations"].as_object().unwrap().keys())
                ),
            ));
            return out;
        };
        let input = op["input"].as_str().map(|s| self.shape(model_name, s));
        let mut members: BTreeMap<&str, &str> =
            op["options"].as_object().unwrap().iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap())).collect();
        for (_, _, from, to) in RENAMES.iter().filter(|(s, o, _, _)| *s == service && (*o == op_key || *o == "*")) {
            if let Some(member) = members.remove(from) {
                members.insert(to, member);
            }
        }
        let paginated = model["paginated"].as_array().unwrap().iter().any(|p| p == &op["name"]);
        let extra: Vec<(&str, &str)> = CUSTOM_OPTIONS
            .iter()
            .filter(|(s, o, _, _)| *s == service && *o == op_key && command != "wait")
            .map(|(_, _, opt, m)| (*opt, *m))
            .collect();
        let lookup = |name: &str| -> Option<(Arity, Option<String>)> {
            if let Some((_, arity)) = GLOBAL
                .iter()
                .chain(PER_OPERATION)
                .chain(if paginated { PAGINATION } else { &[] })
                .find(|(n, _)| *n == name)
            {
                return Some((*arity, None));
            }
            if extra.iter().any(|(opt, _)| *opt == name) {
                return Some((One, None));
            }
            let member_arity = |key: &str| -> Option<(Arity, &str)> {
                let member = *members.get(key)?;
                let shape = &input?["members"][member]["shape"];
                let arity = match self.shape(model_name, shape.as_str()?)["type"].as_str()? {
                    "boolean" => Flag,
                    "list" => Many,
                    _ => One,
                };
                Some((arity, member))
            };
            let key = name.strip_prefix("--")?;
            if let Some((arity, member)) = member_arity(key) {
                return Some((arity, Some(member.to_owned())));
            }
            // `--no-X` for a boolean member X.
            match key.strip_prefix("no-").and_then(member_arity) {
                Some((Flag, member)) => Some((Flag, Some(member.to_owned()))),
                _ => None,
            }
        };
        let given = {
            let mut given = Vec::new();
            let positionals = self.options_with_values(words, start, &lookup, &mut out, &mut given);
            let outfile = op["streaming_output"].as_bool() == Some(true) && command != "wait";
            check_positionals(words, &positionals, if outfile { (1, 1) } else { (0, 0) }, &mut out);
            given
        };
        let raw_blobs =
            words.windows(2).any(|w| w[0].text == "--cli-binary-format" && w[1].text == "raw-in-base64-out");
        let skeleton = given
            .iter()
            .any(|(o, _, _)| matches!(o.as_str(), "--cli-input-json" | "--cli-input-yaml" | "--generate-cli-skeleton"));
        if let Some(input) = input {
            if !skeleton {
                for required in input["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
                    let supplied = given.iter().any(|(_, m, _)| m.as_deref() == Some(required))
                        || extra.iter().any(|(opt, m)| {
                            members.get(m) == Some(&required) && given.iter().any(|(o, _, _)| o == opt)
                        });
                    if !supplied {
                        let option = members
                            .iter()
                            .find(|(_, m)| **m == required)
                            .map(|(k, _)| format!("--{k}"))
                            .unwrap_or_default();
                        out.push((0, format!("`aws {service} {command}` requires {option}")));
                    }
                }
            }
            for (option, member, values) in &given {
                let Some(member) = member else { continue };
                let shape_name = input["members"][member]["shape"].as_str().unwrap();
                for &v in values {
                    if let Some(problem) = self.check_value(model_name, shape_name, &words[v], raw_blobs) {
                        out.push((v, format!("{option}: {problem}")));
                    }
                    let shown =
                        words[v].text.strip_prefix("file://").and_then(|name| files.get(name).map(|text| (name, text)));
                    let structured = matches!(
                        self.shape(model_name, shape_name)["type"].as_str(),
                        Some("structure" | "list" | "map")
                    );
                    if let (Some((name, text)), true) = (shown, structured) {
                        if let Some(problem) = self.check_json(model_name, shape_name, text) {
                            out.push((
                                v,
                                format!("{option} file://{name} (the JSON the chapter shows for it): {problem}"),
                            ));
                        }
                    }
                }
            }
        }
        check_global_values(words, &given, &mut out);
        out
    }

    /// Reads options from `start` into `given` as `(option, member, value indices)`; returns
    /// the indices of positional arguments.
    fn options_with_values(
        &self,
        words: &[Word],
        start: usize,
        lookup: &dyn Fn(&str) -> Option<(Arity, Option<String>)>,
        out: &mut Problems,
        given: &mut Vec<Given>,
    ) -> Vec<usize> {
        let mut positionals = Vec::new();
        let mut i = start;
        while i < words.len() {
            let word = &words[i];
            if !word.text.starts_with('-') || word.text == "--" || word.text == "-" {
                positionals.push(i);
                i += 1;
                continue;
            }
            let (name, inline) = match word.text.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (word.text.as_str(), None),
            };
            let spec = lookup(name);
            let Some((arity, member)) = spec else {
                out.push((i, format!("`{name}` is not an option of this command")));
                i += 1;
                // Skip its values, so they are not reported as positionals too.
                while words.get(i).is_some_and(|w| !w.text.starts_with('-') || w.text == "-") {
                    i += 1;
                }
                continue;
            };
            if given.iter().any(|(o, _, _)| o == name) {
                out.push((i, format!("`{name}` is given twice")));
            }
            let mut values = Vec::new();
            i += 1;
            if inline.is_some() {
                values.push(i - 1);
            } else if arity != Flag {
                // A value is the next word that is not an option (`-` and negative numbers are
                // values); a one-value option takes the next word unless it is a `--option`.
                let is_value = |w: &Word, first: bool| {
                    !w.text.starts_with('-')
                        || w.text == "-"
                        || w.text.parse::<f64>().is_ok()
                        || (first && arity == One && !w.text.starts_with("--"))
                };
                while words.get(i).is_some_and(|w| is_value(w, values.is_empty())) {
                    values.push(i);
                    i += 1;
                    if arity == One {
                        break;
                    }
                }
                if values.is_empty() {
                    out.push((i - 1, format!("`{name}` needs a value")));
                }
            }
            given.push((name.to_owned(), member, values));
        }
        positionals
    }

    /// Checks a literal value against its member's shape.
    fn check_value(&self, service: &str, shape_name: &str, word: &Word, raw_blobs: bool) -> Option<String> {
        if word.expanded || word.text.starts_with("fileb://") {
            return None;
        }
        let shape = self.shape(service, shape_name);
        let text = word.text.as_str();
        // CLI v2 reads a blob given as text, inline or `file://`, as base64; only `fileb://`
        // passes raw bytes. Other file:// contents are not known here.
        let blob = shape["type"] == "blob" && shape["streaming"] != true;
        if blob && !raw_blobs {
            return Some(
                "CLI v2 reads a text value for a binary option as base64: add `--cli-binary-format raw-in-base64-out`, or pass fileb://FILE".into(),
            );
        }
        if text.starts_with("file://") {
            return None;
        }
        match shape["type"].as_str()? {
            "string" => {
                let allowed: Vec<&str> = shape["enum"].as_array()?.iter().filter_map(Value::as_str).collect();
                (!allowed.contains(&text)).then(|| format!("`{text}` is not one of {allowed:?}"))
            }
            "integer" | "long" => text.parse::<i64>().is_err().then(|| format!("`{text}` is not an integer")),
            "float" | "double" => text.parse::<f64>().is_err().then(|| format!("`{text}` is not a number")),
            "list" => {
                let member = shape["member"]["shape"].as_str()?;
                if text.starts_with('[') {
                    return self.check_json(service, shape_name, text);
                }
                self.check_value(service, member, word, raw_blobs)
            }
            "structure" | "map" => {
                if text.starts_with('{') {
                    return self.check_json(service, shape_name, text);
                }
                if shape["type"] == "map" {
                    return shorthand_keys(text).iter().find_map(|k| self.map_key_problem(service, shape, k));
                }
                let members = shape["members"].as_object()?;
                for key in shorthand_keys(text) {
                    if !members.contains_key(&key) {
                        let names: Vec<&String> = members.keys().collect();
                        return Some(format!("shorthand key `{key}` is not a member of {shape_name} ({names:?})"));
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// A map key outside the key shape's enum (`sqs create-queue --attributes`' attribute names).
    fn map_key_problem(&self, service: &str, map: &Value, key: &str) -> Option<String> {
        let key_shape = self.shape(service, map["key"]["shape"].as_str()?);
        let allowed: Vec<&str> = key_shape["enum"].as_array()?.iter().filter_map(Value::as_str).collect();
        (!allowed.contains(&key)).then(|| format!("`{key}` is not one of {allowed:?}"))
    }

    /// Checks the keys of a JSON value against a shape, all the way down.
    fn check_json(&self, service: &str, shape_name: &str, text: &str) -> Option<String> {
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => return Some(format!("the JSON value does not parse: {e}")),
        };
        self.json_problem(service, shape_name, &value, shape_name)
    }

    fn json_problem(&self, service: &str, shape_name: &str, value: &Value, path: &str) -> Option<String> {
        let shape = self.shape(service, shape_name);
        match (shape["type"].as_str()?, value) {
            ("structure", Value::Object(map)) => {
                let members = shape["members"].as_object()?;
                for (key, v) in map {
                    let Some(member) = members.get(key) else {
                        let names: Vec<&String> = members.keys().collect();
                        return Some(format!("`{key}` is not a member of {path} ({names:?})"));
                    };
                    if let Some(p) = self.json_problem(service, member["shape"].as_str()?, v, &format!("{path}.{key}"))
                    {
                        return Some(p);
                    }
                }
                None
            }
            ("list", Value::Array(items)) => {
                let member = shape["member"]["shape"].as_str()?;
                items.iter().find_map(|v| self.json_problem(service, member, v, &format!("{path}[]")))
            }
            ("map", Value::Object(map)) => {
                if let Some(problem) = map.keys().find_map(|k| self.map_key_problem(service, shape, k)) {
                    return Some(format!("{path}: {problem}"));
                }
                let value_shape = shape["value"]["shape"].as_str()?;
                map.iter().find_map(|(k, v)| self.json_problem(service, value_shape, v, &format!("{path}.{k}")))
            }
            ("structure" | "map", other) => Some(format!("{path} must be a JSON object, not {other}")),
            ("list", other) => Some(format!("{path} must be a JSON list, not {other}")),
            _ => None,
        }
    }
}

/// The top-level keys of a shorthand value `A=1,B={C=2},D=[x,y]`.
fn shorthand_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let (mut depth, mut part) = (0i32, String::new());
    for c in text.chars().chain([',']) {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => {
                if let Some((key, _)) = part.split_once('=') {
                    keys.push(key.trim().to_owned());
                }
                part.clear();
                continue;
            }
            _ => {}
        }
        part.push(c);
    }
    keys
}

/// Values of global options that take a fixed set (`--output xml` is wrong).
fn check_global_values(words: &[Word], given: &[Given], out: &mut Problems) {
    for (option, _, values) in given {
        if let Some((_, allowed)) = GLOBAL_VALUES.iter().find(|(n, _)| n == option) {
            for &v in values {
                if !words[v].expanded && !allowed.contains(&words[v].text.as_str()) {
                    out.push((v, format!("{option} takes one of {allowed:?}, not `{}`", words[v].text)));
                }
            }
        }
    }
}

fn check_positionals(words: &[Word], positionals: &[usize], (min, max): (usize, usize), out: &mut Problems) {
    for &p in positionals.iter().skip(max) {
        out.push((
            p,
            format!("unexpected argument `{}` (an option's value too many, or a missing `--option`)", words[p].text),
        ));
    }
    if positionals.len() < min {
        out.push((0, format!("the command takes {min} positional argument(s), found {}", positionals.len())));
    }
}

fn suggest<'a>(wanted: &str, names: impl Iterator<Item = &'a String>) -> String {
    let close: Vec<&String> = names.filter(|n| n.contains(wanted) || wanted.contains(n.as_str())).take(5).collect();
    if close.is_empty() { String::new() } else { format!(" (did you mean one of {close:?}?)") }
}

fn models_for(commands: &[(Found, std::rc::Rc<BTreeMap<String, String>>)]) -> Models {
    let mut services = BTreeSet::new();
    for (found, _) in commands.iter().filter(|(f, _)| f.words[0].text == "aws") {
        let mut i = 1;
        while let Some(w) = found.words.get(i).filter(|w| w.text.starts_with("--")) {
            i += if GLOBAL.iter().any(|(n, a)| *n == w.text && *a == Flag) { 1 } else { 2 };
        }
        if let Some(service) = found.words.get(i) {
            if !CUSTOM_ONLY.contains(&service.text.as_str()) && service.text != "help" {
                services.insert(botocore_name(&service.text).to_owned());
            }
        }
    }
    let services: Vec<&str> = services.iter().map(String::as_str).collect();
    let dump = common::venv::botocore_models(&services, false);
    Models { services: dump["services"].as_object().unwrap().clone().into_iter().collect() }
}

#[test]
fn every_aws_and_sam_command_in_the_book_exists_in_the_cli() {
    let commands = book_commands();
    let models = models_for(&commands);
    let mut failures = Vec::new();
    let mut per_service: BTreeMap<String, usize> = BTreeMap::new();
    let mut shown_checked = 0;
    for (found, files) in &commands {
        shown_checked += found
            .words
            .iter()
            .filter(|w| w.text.strip_prefix("file://").is_some_and(|n| files.contains_key(n)))
            .count();
        let name = found.words.iter().skip(1).find(|w| !w.text.starts_with("--")).map_or("", |w| w.text.as_str());
        *per_service.entry(format!("{} {name}", found.words[0].text)).or_default() += 1;
        let problems = if found.words[0].text == "sam" {
            check_sam(&models, &found.words)
        } else {
            models.check(&found.words, files)
        };
        for (index, message) in problems {
            let shown: Vec<&str> = found.words.iter().take(3).map(|w| w.text.as_str()).collect();
            failures.push(format!(
                "{}: `{} ...`: {message} (see `{} help`; mark the block ```bash,fragment if it is deliberately not a real command)",
                found.at(&found.words[index]),
                shown.join(" "),
                shown.join(" ")
            ));
        }
    }
    eprintln!(
        "aws/sam commands: {} checked ({per_service:?}); {shown_checked} file:// arguments with the JSON shown",
        commands.len()
    );
    if std::env::var_os("BOOK_CLI_DUMP").is_some() {
        for (found, _) in &commands {
            eprintln!(
                "{}: {:?}",
                found.at(&found.words[0]),
                found.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>()
            );
        }
    }
    assert!(commands.len() >= 100, "expected the book's aws commands, found {}", commands.len());
    assert!(failures.is_empty(), "{} problem(s) in the book's aws commands:\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The checker itself, on commands with known mistakes (botocore's real models).

fn problems_of(models: &Models, line: &str) -> Vec<String> {
    let words = shell::commands(line).remove(0);
    let files = BTreeMap::from([("n.json".to_owned(), r#"{"LambdaFunctionConfigurations": [{"LambdaFunctionArn": "a", "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "suffix", "Value": ".csv"}]}}}]}"#.to_owned()),
        ("bad.json".to_owned(), r#"{"LambdaFunctionConfiguration": []}"#.to_owned()),
    ]);
    models.check(&words, &files).into_iter().map(|(_, m)| m).collect()
}

#[test]
fn the_checker_rejects_wrong_commands() {
    let models = Models {
        services: common::venv::botocore_models(&["lambda", "dynamodb", "s3", "sns", "sqs"], false)["services"]
            .as_object()
            .unwrap()
            .clone()
            .into_iter()
            .collect(),
    };
    let ok = [
        "aws lambda invoke --function-name f --cli-binary-format raw-in-base64-out --payload '{}' out.json",
        "aws lambda invoke --function-name f --payload fileb://e.json out.json",
        "aws lambda invoke --function-name f --cli-binary-format raw-in-base64-out --payload file://e.json out.json",
        "aws lambda create-function --function-name f --runtime python3.13 --role arn:aws:iam::1:role/r --zip-file fileb://f.zip --handler a.b",
        "aws --region us-east-1 lambda wait function-active-v2 --function-name f",
        "aws lambda list-functions --max-items 5 --output table",
        "aws lambda create-event-source-mapping --function-name f --event-source-arn a --bisect-batch-on-function-error",
        "aws lambda create-event-source-mapping --function-name f --event-source-arn a --no-bisect-batch-on-function-error",
        "aws dynamodb get-item --table-name t --key '{\"id\": {\"S\": \"1\"}}'",
        "aws lambda update-function-configuration --function-name f --environment Variables={A=1}",
        "aws s3 cp a.txt s3://b/a.txt --content-type text/plain",
        "aws s3api get-object --bucket b --key k out",
        "aws lambda help",
        "aws sqs create-queue --queue-name q --attributes MessageRetentionPeriod=60,VisibilityTimeout=30",
        "aws s3api put-bucket-notification-configuration --bucket b --notification-configuration file://n.json",
        "aws sns subscribe --topic-arn t --protocol lambda --notification-endpoint e",
        "aws --version",
    ];
    for line in ok {
        assert_eq!(problems_of(&models, line), Vec::<String>::new(), "{line}");
    }
    let bad = [
        ("aws lamda list-functions", "is not an AWS CLI service"),
        ("aws lambda invoke-function --function-name f out", "is not an operation"),
        ("aws lambda invoke --function-name f --payload '{}' out.json", "--cli-binary-format raw-in-base64-out"),
        ("aws lambda invoke --function-name f", "takes 1 positional"),
        (
            "aws lambda invoke --function-name hello --payload file://payload.json out.json",
            "--cli-binary-format raw-in-base64-out",
        ),
        ("aws lambda update-function-code --function-name f --zip-file file://f.zip", "pass fileb://FILE"),
        ("aws lambda get-function --function-name f extra", "unexpected argument `extra`"),
        ("aws lambda get-function --function f", "`--function` is not an option"),
        ("aws lambda get-function --function-name", "needs a value"),
        ("aws lambda get-function --query X", "requires --function-name"),
        ("aws lambda create-function --function-name f --role r --runtime python3.13 --handler a.b", "requires --code"),
        ("aws lambda wait function-ready --function-name f", "is not a waiter"),
        ("aws lambda invoke --function-name f --log-type tail out", "`tail` is not one of"),
        ("aws lambda update-function-configuration --function-name f --timeout ten", "is not an integer"),
        (
            "aws lambda update-function-configuration --function-name f --tracing-config mode=Active",
            "shorthand key `mode`",
        ),
        (
            "aws lambda put-function-event-invoke-config --function-name f --destination-config '{\"OnFailure\": {\"Arn\": \"x\"}}'",
            "`Arn` is not a member",
        ),
        ("aws lambda get-function --function-name f --output xml", "--output takes one of"),
        ("aws lambda list-functions --function-name f", "is not an option"),
        ("aws sns subscribe --topic-arn t --protocol lambda --endpoint e", "`--endpoint` is not an option"),
        ("aws s3 copy a b", "is not a command"),
        ("aws sqs create-queue --queue-name q --attributes MessageRetention=60", "`MessageRetention` is not one of"),
        (
            "aws s3api put-bucket-notification-configuration --bucket b --notification-configuration file://bad.json",
            "`LambdaFunctionConfiguration` is not a member",
        ),
        ("aws s3 cp a", "takes 2 positional"),
        ("aws s3 ls --recursive --human s3://b", "`--human` is not an option"),
        ("aws --regoin us-east-1 lambda list-functions", "is not a global option"),
        ("aws lambda get-function --function-name f --function-name g", "given twice"),
        (
            "aws lambda create-event-source-mapping --function-name f --event-source-arn a --bisect-batch-on-function-error true",
            "unexpected argument `true`",
        ),
    ];
    let sam_ok = [
        "sam build --use-container",
        "sam deploy --stack-name s --parameter-overrides A=1 B=2 -g",
        "sam local invoke Fn --event events/e.json",
        "sam local generate-event s3 put --bucket b --key k",
        "sam --version",
    ];
    for line in sam_ok {
        let words = shell::commands(line).remove(0);
        assert_eq!(check_sam(&models, &words), Problems::new(), "{line}");
    }
    let sam_bad = [
        ("sam deploy --stack s", "`--stack` is not an option"),
        ("sam local invoke A B", "unexpected argument `B`"),
        ("sam publish", "is not in SAM_COMMANDS"),
        ("sam deploy --query x", "`--query` is not an option"),
        ("sam logs --tail true", "unexpected argument `true`"),
    ];
    for (line, expected) in sam_bad {
        let words = shell::commands(line).remove(0);
        let found: Vec<String> = check_sam(&models, &words).into_iter().map(|(_, m)| m).collect();
        assert!(found.iter().any(|m| m.contains(expected)), "expected {expected:?} for `{line}`, got {found:?}");
    }
    for (line, expected) in bad {
        let found = problems_of(&models, line);
        assert!(
            found.iter().any(|m| m.contains(expected)),
            "expected a problem containing {expected:?} for `{line}`, got {found:?}"
        );
    }
}
