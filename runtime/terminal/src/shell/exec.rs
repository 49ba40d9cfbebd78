//! Running a parsed script: expansion (variables, command substitution, field splitting,
//! `*`/`?` globs over the workspace), redirections and pipelines, as bash does them for
//! commands that run one after another (every command here is built in, so a pipeline runs its
//! commands in turn, each reading the whole output of the one before).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::aws::model::Model;

use crate::output::{Output, Stream};
use crate::shell::parse::{self, Command, Join, ParseError, Part, Redirect, Word};
use crate::vfs::{self, HOME, Vfs};
use crate::{Backend, commands};

/// What one command reads and writes.
#[derive(Debug, Default)]
pub struct Io {
    /// Standard input (a pipe, a file, a here-document, or empty).
    pub stdin: Vec<u8>,
    /// What it wrote, in order, by stream.
    pub chunks: Vec<(Stream, Vec<u8>)>,
}

impl Io {
    /// Writes to standard output.
    pub fn out(&mut self, text: impl AsRef<[u8]>) {
        self.write(Stream::Stdout, text.as_ref());
    }

    /// Writes to standard error.
    pub fn err(&mut self, text: impl AsRef<[u8]>) {
        self.write(Stream::Stderr, text.as_ref());
    }

    fn write(&mut self, stream: Stream, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some((s, b)) if *s == stream => b.extend_from_slice(bytes),
            _ => self.chunks.push((stream, bytes.to_vec())),
        }
    }
}

/// The shell's state between command lines.
#[derive(Debug, Clone)]
pub struct Shell {
    /// The workspace.
    pub vfs: Vfs,
    /// The working directory.
    pub cwd: String,
    /// Shell variables.
    pub vars: BTreeMap<String, String>,
    /// Which variables are exported to commands (`export`).
    pub exported: BTreeSet<String>,
    /// `$?`.
    pub last_status: i32,
    /// The service models the `aws` command reads.
    pub model: Arc<Model>,
}

impl Shell {
    /// A shell in [`HOME`] over `vfs`, with the variables a CloudShell session has.
    pub fn new(vfs: Vfs, model: Arc<Model>) -> Shell {
        let mut shell = Shell { vfs, cwd: HOME.to_owned(), vars: BTreeMap::new(), exported: BTreeSet::new(), last_status: 0, model };
        for (k, v) in [("HOME", HOME), ("USER", "learner"), ("SHELL", "/bin/bash"), ("PWD", HOME), ("AWS_REGION", "us-east-1")] {
            shell.vars.insert(k.into(), v.into());
            shell.exported.insert(k.into());
        }
        shell
    }

    /// The environment a command sees: exported variables plus the command's assignments.
    pub fn environment(&self, assignments: &BTreeMap<String, String>) -> BTreeMap<String, String> {
        let mut env: BTreeMap<String, String> =
            self.vars.iter().filter(|(k, _)| self.exported.contains(*k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        env.extend(assignments.iter().map(|(k, v)| (k.clone(), v.clone())));
        env
    }

    /// Runs `source`, appending what it prints to `output`; returns the last status.
    pub fn run(&mut self, source: &str, backend: &mut dyn Backend, output: &mut Output) -> i32 {
        let script = match parse::parse(source) {
            Ok(s) => s,
            Err(ParseError::Incomplete) => {
                output.push(Stream::Stderr, b"bash: syntax error: unexpected end of file\n");
                self.last_status = 2;
                return 2;
            }
            Err(e) => {
                output.push(Stream::Stderr, format!("bash: {e}\n").as_bytes());
                self.last_status = 2;
                return 2;
            }
        };
        for (join, pipeline) in script {
            let run = match join {
                Join::Then => true,
                Join::And => self.last_status == 0,
                Join::Or => self.last_status != 0,
            };
            if !run {
                continue;
            }
            let mut stdin = Vec::new();
            let count = pipeline.commands.len();
            let mut status = 0;
            for (i, command) in pipeline.commands.iter().enumerate() {
                let last = i + 1 == count;
                let (st, piped) = self.run_command(command, std::mem::take(&mut stdin), !last, backend, output);
                status = st;
                stdin = piped;
            }
            if pipeline.negated {
                status = i32::from(status == 0);
            }
            self.last_status = status;
        }
        self.last_status
    }

    /// Runs one command; returns its status and, when `piped`, its standard output.
    fn run_command(&mut self, command: &Command, stdin: Vec<u8>, piped: bool, backend: &mut dyn Backend, output: &mut Output) -> (i32, Vec<u8>) {
        let mut assignments = BTreeMap::new();
        for (name, value) in &command.assignments {
            let v = self.expand_joined(value, backend, output);
            assignments.insert(name.clone(), v);
        }
        let mut argv = Vec::new();
        for word in &command.words {
            argv.extend(self.expand(word, backend, output));
        }
        // Redirections: where each stream goes, resolved left to right as bash does.
        #[derive(Clone, PartialEq)]
        enum Dest {
            Outer(Stream),
            Pipe,
            File(String),
            Null,
        }
        let mut dest = [if piped { Dest::Pipe } else { Dest::Outer(Stream::Stdout) }, Dest::Outer(Stream::Stderr)];
        let mut io = Io { stdin, chunks: Vec::new() };
        let mut redirect_error = None;
        let open_file = |shell: &mut Shell, target: &str, append: bool| -> Result<Dest, String> {
            if target == "/dev/null" {
                return Ok(Dest::Null);
            }
            let path = vfs::resolve(&shell.cwd, target);
            let result = if append { shell.vfs.append(&path, b"") } else { shell.vfs.write(&path, Vec::new()) };
            result.map(|_| Dest::File(path)).map_err(|e| format!("bash: {}\n", e.to_string().replacen(&vfs::resolve(&shell.cwd, target), target, 1)))
        };
        for r in &command.redirects {
            match r {
                Redirect::Out { fd, target, append } => {
                    let t = self.expand_joined(target, backend, output);
                    match open_file(self, &t, *append) {
                        Ok(d) => dest[usize::from(*fd == 2)] = d,
                        Err(e) => redirect_error = Some(e),
                    }
                }
                Redirect::Both { target } => {
                    let t = self.expand_joined(target, backend, output);
                    match open_file(self, &t, false) {
                        Ok(d) => dest = [d.clone(), d],
                        Err(e) => redirect_error = Some(e),
                    }
                }
                Redirect::Dup { from, to } => dest[usize::from(*from == 2)] = dest[usize::from(*to == 2)].clone(),
                Redirect::In { source } => {
                    let s = self.expand_joined(source, backend, output);
                    let path = vfs::resolve(&self.cwd, &s);
                    match self.vfs.read(&path) {
                        Ok(b) => io.stdin = b.to_vec(),
                        Err(e) => redirect_error = Some(format!("bash: {}\n", e.to_string().replacen(&path, &s, 1))),
                    }
                }
                Redirect::HereDoc { body, expand } => {
                    io.stdin = if *expand { self.expand_heredoc(body, backend, output).into_bytes() } else { body.clone().into_bytes() };
                }
            }
            if redirect_error.is_some() {
                break;
            }
        }
        if let Some(e) = redirect_error {
            output.push(Stream::Stderr, e.as_bytes());
            return (1, Vec::new());
        }
        let status = if argv.is_empty() {
            for (k, v) in assignments {
                self.vars.insert(k, v);
            }
            0
        } else {
            let env = self.environment(&assignments);
            commands::run(self, &argv, &env, &mut io, backend, output)
        };
        let mut piped_out = Vec::new();
        for (stream, bytes) in io.chunks {
            let d = &dest[usize::from(stream == Stream::Stderr)];
            match d {
                Dest::Outer(s) => output.push(*s, &bytes),
                Dest::Pipe => piped_out.extend_from_slice(&bytes),
                Dest::File(path) => {
                    let _ = self.vfs.append(path, &bytes);
                }
                Dest::Null => {}
            }
        }
        (status, piped_out)
    }

    /// Runs `$(...)`: its standard output with trailing newlines removed; its errors pass through.
    fn substitute(&mut self, source: &str, backend: &mut dyn Backend, output: &mut Output) -> String {
        let mut inner = Output::default();
        self.run(source, backend, &mut inner);
        let mut captured = Vec::new();
        for (stream, bytes) in inner.chunks {
            match stream {
                Stream::Stdout => captured.extend_from_slice(&bytes),
                Stream::Stderr => output.push(Stream::Stderr, &bytes),
            }
        }
        let mut text = String::from_utf8_lossy(&captured).into_owned();
        while text.ends_with('\n') {
            text.pop();
        }
        text
    }

    fn var(&self, name: &str) -> Option<String> {
        if name == "?" {
            return Some(self.last_status.to_string());
        }
        self.vars.get(name).cloned()
    }

    /// Expands a word into fields: unquoted expansions are split on blanks, unquoted globs
    /// match workspace paths (left as typed when nothing matches, as bash does).
    pub fn expand(&mut self, word: &Word, backend: &mut dyn Backend, output: &mut Output) -> Vec<String> {
        // Each field is a list of (char, globbable) so only unquoted `*`/`?` glob.
        let mut fields: Vec<Vec<(char, bool)>> = Vec::new();
        let mut current: Vec<(char, bool)> = Vec::new();
        let mut have_current = false;
        for (i, part) in word.iter().enumerate() {
            match part {
                Part::Lit { text, quoted } => {
                    let mut text = text.as_str();
                    let home;
                    if i == 0 && !quoted && (text == "~" || text.starts_with("~/")) {
                        home = format!("{HOME}{}", &text[1..]);
                        text = &home;
                    }
                    current.extend(text.chars().map(|c| (c, !quoted)));
                    have_current = true;
                }
                Part::Var { name, default, quoted } => {
                    let value = match self.var(name).filter(|v| !v.is_empty()) {
                        Some(v) => v,
                        None => match default {
                            Some(d) => self.expand_joined(d, backend, output),
                            None => String::new(),
                        },
                    };
                    self.push_expansion(&value, *quoted, &mut fields, &mut current, &mut have_current);
                }
                Part::Sub { source, quoted } => {
                    let value = self.substitute(source, backend, output);
                    self.push_expansion(&value, *quoted, &mut fields, &mut current, &mut have_current);
                }
            }
        }
        if have_current {
            fields.push(current);
        }
        let mut out = Vec::new();
        for field in fields {
            let text: String = field.iter().map(|(c, _)| *c).collect();
            if field.iter().any(|(c, g)| *g && matches!(c, '*' | '?')) {
                let matches = self.glob(&field);
                if !matches.is_empty() {
                    out.extend(matches);
                    continue;
                }
            }
            out.push(text);
        }
        out
    }

    fn push_expansion(&self, value: &str, quoted: bool, fields: &mut Vec<Vec<(char, bool)>>, current: &mut Vec<(char, bool)>, have: &mut bool) {
        if quoted {
            current.extend(value.chars().map(|c| (c, false)));
            *have = true;
            return;
        }
        let starts_blank = value.starts_with(|c: char| c.is_whitespace());
        let ends_blank = value.ends_with(|c: char| c.is_whitespace());
        let pieces: Vec<&str> = value.split_whitespace().collect();
        if pieces.is_empty() {
            if starts_blank && *have {
                fields.push(std::mem::take(current));
                *have = false;
            }
            return;
        }
        for (i, piece) in pieces.iter().enumerate() {
            if (i > 0 || starts_blank) && *have {
                fields.push(std::mem::take(current));
            }
            current.extend(piece.chars().map(|c| (c, true)));
            *have = true;
        }
        if ends_blank {
            fields.push(std::mem::take(current));
            *have = false;
        }
    }

    /// A word expanded to a single string (redirection targets, assignments): no splitting.
    pub fn expand_joined(&mut self, word: &Word, backend: &mut dyn Backend, output: &mut Output) -> String {
        let mut s = String::new();
        for (i, part) in word.iter().enumerate() {
            match part {
                Part::Lit { text, quoted } => {
                    if i == 0 && !quoted && (text == "~" || text.starts_with("~/")) {
                        s.push_str(HOME);
                        s.push_str(&text[1..]);
                    } else {
                        s.push_str(text);
                    }
                }
                Part::Var { name, default, .. } => match self.var(name).filter(|v| !v.is_empty()) {
                    Some(v) => s.push_str(&v),
                    None => {
                        if let Some(d) = default {
                            let v = self.expand_joined(d, backend, output);
                            s.push_str(&v);
                        }
                    }
                },
                Part::Sub { source, .. } => {
                    let v = self.substitute(source, backend, output);
                    s.push_str(&v);
                }
            }
        }
        s
    }

    /// A here-document body with `$NAME`, `${NAME}` and `$(...)` expanded.
    fn expand_heredoc(&mut self, body: &str, backend: &mut dyn Backend, output: &mut Output) -> String {
        // Parse the body as the inside of double quotes, line by line.
        let quoted = format!("\"{}\"", body.replace('\\', "\\\\").replace('"', "\\\"").replace("\\\\$", "\\$"));
        match parse::parse(&format!("x {quoted}")) {
            Ok(script) => {
                let word = script[0].1.commands[0].words[1].clone();
                self.expand_joined(&word, backend, output)
            }
            Err(_) => body.to_owned(),
        }
    }

    /// Paths matching a glob field, relative as typed, sorted; hidden files only when the
    /// pattern's component starts with `.`.
    fn glob(&self, field: &[(char, bool)]) -> Vec<String> {
        let pattern: String = field.iter().map(|(c, _)| *c).collect();
        let absolute = pattern.starts_with('/');
        let components: Vec<&str> = pattern.split('/').filter(|c| !c.is_empty()).collect();
        let mut candidates: Vec<(String, String)> = vec![(if absolute { "/".into() } else { self.cwd.clone() }, String::new())];
        for (i, comp) in components.iter().enumerate() {
            let last = i + 1 == components.len();
            let mut next = Vec::new();
            for (dir, shown) in &candidates {
                let has_glob = comp.contains(['*', '?']);
                if !has_glob {
                    let path = vfs::resolve(dir, comp);
                    if self.vfs.is_dir(&path) || (last && self.vfs.is_file(&path)) {
                        next.push((path, join_shown(shown, comp, absolute)));
                    }
                    continue;
                }
                for (name, is_dir) in self.vfs.list(dir) {
                    if name.starts_with('.') && !comp.starts_with('.') {
                        continue;
                    }
                    if (last || is_dir) && glob_match(comp, &name) {
                        next.push((vfs::resolve(dir, &name), join_shown(shown, &name, absolute)));
                    }
                }
            }
            candidates = next;
        }
        let mut out: Vec<String> = candidates.into_iter().map(|(_, shown)| shown).collect();
        out.sort();
        out
    }
}

fn join_shown(shown: &str, name: &str, absolute: bool) -> String {
    if shown.is_empty() {
        if absolute { format!("/{name}") } else { name.to_owned() }
    } else {
        format!("{shown}/{name}")
    }
}

/// `*` and `?` matching of one path component.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_matches_stars_and_marks() {
        assert!(glob_match("*.py", "app.py"));
        assert!(!glob_match("*.py", "app.pyc"));
        assert!(glob_match("a?c*", "abcdef"));
        assert!(glob_match("*", ""));
    }
}
