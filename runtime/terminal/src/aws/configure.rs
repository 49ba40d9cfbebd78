//! Where the CLI's settings come from (options, environment, `~/.aws/config`), and
//! `aws configure` with its `set`, `get`, `list` and `list-profiles` subcommands.
//!
//! The config and credentials files are real files in the workspace (`~/.aws/config`,
//! `~/.aws/credentials`), in the CLI's INI format, so `cat ~/.aws/config` shows what
//! `aws configure` wrote. As in AWS CloudShell, credentials come with the environment and
//! `AWS_REGION` is set, so commands work before anything is configured.

use std::collections::BTreeMap;

use super::{Globals, USAGE};
use crate::shell::exec::{Io, Shell};
use crate::vfs::HOME;

const CONFIG: &str = "/home/learner/.aws/config";
const CREDENTIALS: &str = "/home/learner/.aws/credentials";

/// The settings one command runs with.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The profile name.
    pub(crate) profile: String,
    /// Where the profile came from (`--profile`, `env`, or none).
    pub(crate) profile_source: &'static str,
    /// The profile named does not exist.
    pub(crate) missing_profile: Option<String>,
    /// The region.
    pub(crate) region: String,
    /// Where the region came from, for messages.
    pub(crate) region_source: String,
    /// The output format.
    pub(crate) output: String,
    /// `--cli-binary-format`.
    pub(crate) binary_format: String,
}

/// An INI file as (section, key, value) lines in order.
#[derive(Debug, Default, Clone)]
struct Ini {
    sections: Vec<(String, Vec<(String, String)>)>,
}

impl Ini {
    fn parse(text: &str) -> Ini {
        let mut ini = Ini::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                ini.sections.push((name.trim().to_owned(), Vec::new()));
            } else if let Some((k, v)) = line.split_once('=')
                && let Some((_, entries)) = ini.sections.last_mut()
            {
                entries.push((k.trim().to_owned(), v.trim().to_owned()));
            }
        }
        ini
    }

    fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.sections.iter().find(|(s, _)| s == section).and_then(|(_, e)| e.iter().find(|(k, _)| k == key)).map(|(_, v)| v.as_str())
    }

    fn has(&self, section: &str) -> bool {
        self.sections.iter().any(|(s, _)| s == section)
    }

    fn set(&mut self, section: &str, key: &str, value: &str) {
        let idx = match self.sections.iter().position(|(s, _)| s == section) {
            Some(i) => i,
            None => {
                self.sections.push((section.to_owned(), Vec::new()));
                self.sections.len() - 1
            }
        };
        let entries = &mut self.sections[idx].1;
        match entries.iter_mut().find(|(k, _)| k == key) {
            Some(e) => e.1 = value.to_owned(),
            None => entries.push((key.to_owned(), value.to_owned())),
        }
    }

    fn render(&self) -> String {
        let mut out = String::new();
        for (name, entries) in &self.sections {
            out.push_str(&format!("[{name}]\n"));
            for (k, v) in entries {
                out.push_str(&format!("{k} = {v}\n"));
            }
        }
        out
    }
}

fn read_ini(shell: &Shell, path: &str) -> Ini {
    shell.vfs.read(path).map(|b| Ini::parse(&String::from_utf8_lossy(b))).unwrap_or_default()
}

fn config_section(profile: &str) -> String {
    if profile == "default" { "default".into() } else { format!("profile {profile}") }
}

impl Settings {
    /// Resolves the settings as botocore does: option, then environment, then config file.
    pub(crate) fn resolve(shell: &Shell, env: &BTreeMap<String, String>, globals: &Globals) -> Settings {
        let config = read_ini(shell, CONFIG);
        let credentials = read_ini(shell, CREDENTIALS);
        let (profile, profile_source) = match (globals.get("--profile"), env.get("AWS_PROFILE")) {
            (Some(p), _) => (p.to_owned(), "manual"),
            (None, Some(p)) => (p.clone(), "env"),
            _ => ("default".to_owned(), "None"),
        };
        let section = config_section(&profile);
        let missing_profile = (profile != "default" && !config.has(&section) && !credentials.has(&profile)).then(|| profile.clone());
        let (region, region_source) = if let Some(r) = globals.get("--region") {
            (r.to_owned(), "--region".to_owned())
        } else if let Some(r) = env.get("AWS_REGION").filter(|r| !r.is_empty()) {
            (r.clone(), "AWS_REGION".to_owned())
        } else if let Some(r) = env.get("AWS_DEFAULT_REGION").filter(|r| !r.is_empty()) {
            (r.clone(), "AWS_DEFAULT_REGION".to_owned())
        } else if let Some(r) = config.get(&section, "region") {
            (r.to_owned(), "~/.aws/config".to_owned())
        } else {
            (super::REGION.to_owned(), "default".to_owned())
        };
        let output = globals
            .get("--output")
            .map(str::to_owned)
            .or_else(|| env.get("AWS_DEFAULT_OUTPUT").cloned())
            .or_else(|| config.get(&section, "output").map(str::to_owned))
            .unwrap_or_else(|| "json".into());
        let binary_format = globals
            .get("--cli-binary-format")
            .map(str::to_owned)
            .or_else(|| config.get(&section, "cli_binary_format").map(str::to_owned))
            .unwrap_or_else(|| "base64".into());
        Settings { profile, profile_source, missing_profile, region, region_source, output, binary_format }
    }
}

/// `aws configure ...`.
pub(crate) fn run(shell: &mut Shell, args: &[String], settings: &Settings, io: &mut Io) -> i32 {
    let profile = settings.profile.clone();
    match args.first().map(String::as_str) {
        None => interactive(shell, &profile, io),
        Some("set") => {
            let (Some(key), Some(value)) = (args.get(1), args.get(2)) else {
                return usage(io, "the following arguments are required: varname, value");
            };
            let (profile, key) = split_key(&profile, key);
            let credential = matches!(key.as_str(), "aws_access_key_id" | "aws_secret_access_key" | "aws_session_token");
            let (path, section) = if credential { (CREDENTIALS, profile.clone()) } else { (CONFIG, config_section(&profile)) };
            let mut ini = read_ini(shell, path);
            ini.set(&section, &key, value);
            shell.vfs.mkdir_p(&format!("{HOME}/.aws"));
            let _ = shell.vfs.write(path, ini.render().into_bytes());
            0
        }
        Some("get") => {
            let Some(key) = args.get(1) else { return usage(io, "the following arguments are required: varname") };
            let (profile, key) = split_key(&profile, key);
            let credential = matches!(key.as_str(), "aws_access_key_id" | "aws_secret_access_key" | "aws_session_token");
            let value = if credential { read_ini(shell, CREDENTIALS).get(&profile, &key).map(str::to_owned) } else { read_ini(shell, CONFIG).get(&config_section(&profile), &key).map(str::to_owned) };
            match value {
                Some(v) => {
                    io.out(format!("{v}\n"));
                    0
                }
                None => 1,
            }
        }
        Some("list") => {
            let line = |name: &str, value: &str, kind: &str, location: &str| format!("{name:<10} : {value:<24} : {kind:<16} : {location}\n");
            io.out(line("NAME", "VALUE", "TYPE", "LOCATION"));
            let profile_value = if settings.profile_source == "None" { "<not set>".to_owned() } else { settings.profile.clone() };
            let profile_location = match settings.profile_source {
                "manual" => "--profile",
                "env" => "AWS_PROFILE",
                _ => "None",
            };
            io.out(line("profile", &profile_value, settings.profile_source, profile_location));
            let creds = read_ini(shell, CREDENTIALS);
            match creds.get(&settings.profile, "aws_access_key_id") {
                Some(k) => {
                    let secret = creds.get(&settings.profile, "aws_secret_access_key").unwrap_or("");
                    io.out(line("access_key", &mask(k), "shared-credentials-file", ""));
                    io.out(line("secret_key", &mask(secret), "shared-credentials-file", ""));
                }
                None => {
                    io.out(line("access_key", &mask("ASIAEXAMPLECLOUDSHELL"), "container-role", ""));
                    io.out(line("secret_key", &mask("labbookSimulatedSecretKeyForCloudShellXyZ1"), "container-role", ""));
                }
            }
            let (kind, location) = match settings.region_source.as_str() {
                "--region" => ("manual", "--region"),
                "AWS_REGION" => ("env", "['AWS_REGION', 'AWS_DEFAULT_REGION']"),
                "AWS_DEFAULT_REGION" => ("env", "['AWS_REGION', 'AWS_DEFAULT_REGION']"),
                "~/.aws/config" => ("config-file", "~/.aws/config"),
                _ => ("None", "None"),
            };
            io.out(line("region", &settings.region, kind, location));
            0
        }
        Some("list-profiles") => {
            let mut names: Vec<String> = Vec::new();
            for (s, _) in read_ini(shell, CONFIG).sections {
                let n = s.strip_prefix("profile ").unwrap_or(&s).to_owned();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            for (s, _) in read_ini(shell, CREDENTIALS).sections {
                if !names.contains(&s) {
                    names.push(s);
                }
            }
            for n in names {
                io.out(format!("{n}\n"));
            }
            0
        }
        Some(other) => super::invalid_choice(io, "operation", other, &["get", "list", "list-profiles", "set"]),
    }
}

fn usage(io: &mut Io, message: &str) -> i32 {
    super::param_error(io, &format!("{message}\n\nusage: {USAGE}"))
}

/// `profile.dev.region` → (`dev`, `region`); `default.region` → (`default`, `region`).
fn split_key(profile: &str, key: &str) -> (String, String) {
    if let Some(rest) = key.strip_prefix("profile.")
        && let Some((p, k)) = rest.split_once('.')
    {
        return (p.to_owned(), k.to_owned());
    }
    if let Some(k) = key.strip_prefix("default.") {
        return ("default".into(), k.to_owned());
    }
    (profile.to_owned(), key.to_owned())
}

fn mask(value: &str) -> String {
    let tail: String = value.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    format!("****************{tail}")
}

/// `aws configure` with no arguments: four prompts, answered from standard input (an empty
/// answer keeps the current value).
fn interactive(shell: &mut Shell, profile: &str, io: &mut Io) -> i32 {
    let stdin = String::from_utf8_lossy(&io.stdin).into_owned();
    let mut answers = stdin.lines();
    let mut creds = read_ini(shell, CREDENTIALS);
    let mut config = read_ini(shell, CONFIG);
    let section = config_section(profile);
    let prompts: [(&str, &str, bool); 4] = [
        ("AWS Access Key ID", "aws_access_key_id", true),
        ("AWS Secret Access Key", "aws_secret_access_key", true),
        ("Default region name", "region", false),
        ("Default output format", "output", false),
    ];
    for (text, key, credential) in prompts {
        let current = if credential { creds.get(profile, key).map(mask) } else { config.get(&section, key).map(str::to_owned) };
        io.out(format!("{text} [{}]: ", current.as_deref().unwrap_or("None")));
        let answer = answers.next().unwrap_or("").trim().to_owned();
        io.out("\n");
        if answer.is_empty() {
            continue;
        }
        if credential {
            creds.set(profile, key, &answer);
        } else {
            config.set(&section, key, &answer);
        }
    }
    shell.vfs.mkdir_p(&format!("{HOME}/.aws"));
    if !creds.sections.is_empty() {
        let _ = shell.vfs.write(CREDENTIALS, creds.render().into_bytes());
    }
    if !config.sections.is_empty() {
        let _ = shell.vfs.write(CONFIG, config.render().into_bytes());
    }
    0
}
