//! Loading a lab folder: reading its files, parsing `lab.toml` and validating it, every
//! problem reported as `file:line: message`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;

impl Lab {
    /// Loads and validates the lab in `dir` (its folder name is the id).
    pub fn load(dir: &Path) -> Result<Lab, LabError> {
        let id = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let toml_path = dir.join("lab.toml");
        let text = read(&toml_path)?;
        let def = parse_def(&toml_path, &text)?;
        if def.terminal.is_some() {
            return Lab::load_terminal(dir, id, def, &toml_path, &text);
        }
        let starter = read(&dir.join("starter.py"))?;
        let solution = read(&dir.join("solution.py"))?;
        let mut extra_files = BTreeMap::new();
        collect(&dir.join("files"), "/var/task", &mut extra_files)?;
        collect(&dir.join("layer"), "/opt/python", &mut extra_files)?;
        let implementations = implementations(&dir.join("implementations"))?;
        Lab::assemble(id, def, &toml_path, &text, starter, solution, extra_files, implementations, None)
    }

    /// A terminal lab's folder: `workspace/`, `solution.sh`, and optionally `starter.sh` and
    /// `setup.sh`.
    fn load_terminal(dir: &Path, id: String, def: LabDef, toml_path: &Path, text: &str) -> Result<Lab, LabError> {
        let optional = |name: &str| {
            let path = dir.join(name);
            if path.is_file() { read(&path).map(Some) } else { Ok(None) }
        };
        let solution = read(&dir.join("solution.sh"))?;
        let starter = optional("starter.sh")?.unwrap_or_default();
        let relative = |folder: &str| -> Result<BTreeMap<String, String>, LabError> {
            let mut files = BTreeMap::new();
            collect(&dir.join(folder), "", &mut files)?;
            Ok(files.into_iter().map(|(k, v)| (k.trim_start_matches('/').to_owned(), v)).collect())
        };
        let terminal = TerminalFiles { workspace: relative("workspace")?, setup_script: optional("setup.sh")? };
        Lab::assemble(id, def, toml_path, text, starter, solution, BTreeMap::new(), BTreeMap::new(), Some(terminal))
    }

    /// Parses and validates a lab from the text of its `lab.toml` alone, with the handler
    /// files given and no `files/` or `layer/`: what [`Lab::load`] does once the folder is
    /// read (the `lab_toml` fuzz target's entry; `toml_path` only names the file in errors).
    pub fn from_text(
        id: &str,
        toml_path: &Path,
        text: &str,
        starter: &str,
        solution: &str,
        implementations: BTreeMap<String, String>,
    ) -> Result<Lab, LabError> {
        let def = parse_def(toml_path, text)?;
        let (starter, solution) = (starter.to_owned(), solution.to_owned());
        let terminal = def.terminal.is_some().then(TerminalFiles::default);
        Lab::assemble(id.to_owned(), def, toml_path, text, starter, solution, BTreeMap::new(), implementations, terminal)
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        id: String,
        def: LabDef,
        toml_path: &Path,
        text: &str,
        starter: String,
        solution: String,
        extra_files: BTreeMap<String, String>,
        mut implementations: BTreeMap<String, String>,
        terminal: Option<TerminalFiles>,
    ) -> Result<Lab, LabError> {
        let toml_path = toml_path.to_owned();
        if let Some(tests) = &def.tests {
            for mutant in &tests.mutants {
                let code = mutate(&implementations, mutant).map_err(|message| LabError {
                    file: toml_path.clone(),
                    line: text.find(&format!("\"{}\"", mutant.name)).map(|i| line_of(text, i)).unwrap_or(1),
                    message,
                })?;
                implementations.insert(mutant.name.clone(), code);
            }
        }
        let lab = Lab { id, def, starter, solution, extra_files, implementations, terminal };
        lab.validate(&toml_path, text)?;
        Ok(lab)
    }

    fn validate(&self, file: &Path, text: &str) -> Result<(), LabError> {
        let err = |needle: &str, message: String| LabError {
            file: file.to_owned(),
            line: text.find(needle).map(|i| line_of(text, i)).unwrap_or(1),
            message,
        };
        if self.def.terminal.is_some() {
            return self.validate_terminal(text, &err);
        }
        if self.def.cases.is_empty() {
            return Err(err("", "a lab needs at least one [[cases]]".into()));
        }
        if self.def.function.async_retries > 2 {
            return Err(err("async_retries", "async_retries must be 0, 1 or 2 (Lambda's MaximumRetryAttempts)".into()));
        }
        if !(1.0..=900.0).contains(&self.def.function.timeout) {
            return Err(err("timeout", "timeout must be between 1 and 900 seconds".into()));
        }
        let calls = self.def.setup.iter().chain(self.def.cases.iter().flat_map(|c| c.setup.iter()));
        for call in calls {
            check_call_name(&call.call, false).map_err(|m| err(&call.call, m))?;
        }
        self.validate_tests(&err)?;
        for case in &self.def.cases {
            if case.checks.is_empty() {
                return Err(err(&case.name, format!("case `{}` has no checks", case.name)));
            }
            for step in &case.steps {
                let problem = match (step, &self.def.trigger) {
                    (Step::Call(c), _) => check_call_name(&c.call, false).err(),
                    (Step::Request { .. }, Trigger::ApiRest { .. } | Trigger::ApiHttp { .. }) => None,
                    (Step::Request { .. }, _) => Some("a `request` step needs trigger type api-rest or api-http".into()),
                    (Step::Schedule { .. }, Trigger::Schedule { .. }) => None,
                    (Step::Schedule { .. }, _) => Some("a `schedule` step needs trigger type schedule".into()),
                    _ => None,
                };
                if let Some(message) = problem {
                    return Err(err(&case.name, format!("case `{}`: {message}", case.name)));
                }
            }
        }
        Ok(())
    }

    /// What is wrong with a terminal lab: a handler lab's parts in it, no checks, a check
    /// that could never hold.
    fn validate_terminal(&self, text: &str, err: &dyn Fn(&str, String) -> LabError) -> Result<(), LabError> {
        let def = &self.def;
        let terminal = def.terminal.as_ref().expect("a terminal lab");
        if !def.cases.is_empty() {
            return Err(err("[[cases]]", "a terminal lab is graded by [[terminal.checks]], not [[cases]]: move the checks there".into()));
        }
        if def.tests.is_some() {
            return Err(err("[tests]", "a lab is either a terminal lab ([terminal]) or a test lab ([tests]), not both".into()));
        }
        if text.lines().any(|l| l.trim() == "[function]") {
            return Err(err(
                "[function]",
                "a terminal lab has no [function]: the learner makes functions in the terminal (a `setup.sh` can deploy one for them)".into(),
            ));
        }
        if !matches!(def.trigger, Trigger::Direct) {
            return Err(err("[trigger]", "a terminal lab has no trigger: the learner makes and invokes functions in the terminal".into()));
        }
        if terminal.checks.is_empty() {
            return Err(err("[terminal]", "a terminal lab needs at least one [[terminal.checks]]".into()));
        }
        if self.solution.trim().is_empty() {
            return Err(err("[terminal]", "solution.sh is empty: write the commands that solve the lab, one per line".into()));
        }
        for call in &def.setup {
            check_call_name(&call.call, true).map_err(|m| err(&call.call, m))?;
        }
        for check in &terminal.checks {
            if let Err((needle, message)) = crate::terminal_lab::checks::validate(&check.kind) {
                return Err(err(&needle, message));
            }
        }
        Ok(())
    }

    /// What is wrong with a test lab's `[tests]`, `implementation`s and `tests` checks, or
    /// with those in a lab that is not a test lab.
    fn validate_tests(&self, err: &dyn Fn(&str, String) -> LabError) -> Result<(), LabError> {
        let is_tests_check = |c: &Check| matches!(c.kind, CheckKind::Tests(_));
        let Some(tests) = &self.def.tests else {
            for case in &self.def.cases {
                if case.implementation.is_some() {
                    return Err(err(
                        "implementation",
                        format!("case `{}`: `implementation` is only for test labs; add a [tests] table or remove it", case.name),
                    ));
                }
                if case.checks.iter().any(is_tests_check) {
                    return Err(err(&case.name, format!("case `{}`: a `tests` check is only for test labs (with a [tests] table)", case.name)));
                }
            }
            return Ok(());
        };
        let valid_module = |m: &str| {
            m.split('.').all(|p| {
                p.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
        };
        if !valid_module(&tests.module) {
            return Err(err("module", format!("[tests] module `{}` must be a Python module name, e.g. `test_lambda_function`", tests.module)));
        }
        if tests.module == self.handler_module() || tests.module == TEST_RUNNER_MODULE {
            return Err(err(
                "module",
                format!("[tests] module `{}` must differ from the handler's module and from `{TEST_RUNNER_MODULE}`", tests.module),
            ));
        }
        if !matches!(self.def.trigger, Trigger::Direct) {
            return Err(err("[trigger]", "a test lab runs the learner's tests, not a trigger: remove [trigger]".into()));
        }
        if self.implementations.is_empty() {
            return Err(err(
                "[tests]",
                "a test lab needs handlers to test: put them in implementations/ next to lab.toml, one per file (e.g. implementations/correct.py)".into(),
            ));
        }
        let names = self.implementations.keys().cloned().collect::<Vec<_>>().join(", ");
        for case in &self.def.cases {
            match &case.implementation {
                None => {
                    return Err(err(
                        &case.name,
                        format!("case `{}` needs `implementation = \"<name>\"`, the handler its tests run against (one of: {names})", case.name),
                    ));
                }
                Some(name) if !self.implementations.contains_key(name) => {
                    return Err(err(
                        &format!("\"{name}\""),
                        format!("case `{}`: no implementations/{name}.py (there are: {names})", case.name),
                    ));
                }
                Some(_) => {}
            }
            if case.steps.iter().any(|s| !matches!(s, Step::Call(_))) {
                return Err(err(
                    &case.name,
                    format!("case `{}`: in a test lab, steps can only be calls (the tests run once, after them)", case.name),
                ));
            }
            if !case.checks.iter().any(is_tests_check) {
                return Err(err(&case.name, format!("case `{}` needs a `tests = {{ pass = ... }}` check", case.name)));
            }
        }
        Ok(())
    }

    /// The module of the function's handler (`lambda_function` for `lambda_function.lambda_handler`).
    pub fn handler_module(&self) -> &str {
        self.def.function.handler.rsplit_once('.').map_or("lambda_function", |(m, _)| m)
    }

    /// Whether this is a terminal lab: the learner's work is command lines, graded on the
    /// account they leave (see [`crate::terminal_lab`]).
    pub fn is_terminal_lab(&self) -> bool {
        self.def.terminal.is_some()
    }

    /// Whether this is a test lab: the learner's code is tests, run against implementations.
    pub fn is_test_lab(&self) -> bool {
        self.def.tests.is_some()
    }

    /// The function's files with `code` as `/var/task/<handler module>.py`; in a test lab,
    /// `code` is the learner's test module and the handler module is the case's
    /// implementation (see [`Lab::test_files`]).
    pub fn files_with(&self, code: &str) -> BTreeMap<String, String> {
        let mut files = self.extra_files.clone();
        match &self.def.tests {
            None => {
                files.insert(format!("/var/task/{}.py", self.handler_module()), code.to_owned());
            }
            Some(tests) => {
                files.insert(module_path(&tests.module), code.to_owned());
                files.insert(module_path(TEST_RUNNER_MODULE), test_runner(&tests.module));
            }
        }
        files
    }

    /// A test lab's files for one case: the learner's tests (`code`), the test runner, and the
    /// implementation `name` as the handler module.
    pub fn test_files(&self, code: &str, implementation: &str) -> BTreeMap<String, String> {
        let mut files = self.files_with(code);
        let handler = self.implementations.get(implementation).cloned().unwrap_or_default();
        files.insert(format!("/var/task/{}.py", self.handler_module()), handler);
        files
    }
}

/// The module that runs a test lab's tests; the function's handler is `<it>.run`.
pub const TEST_RUNNER_MODULE: &str = "labbook_test_runner";

/// The test runner's source, for the learner's test module `module`.
fn test_runner(module: &str) -> String {
    format!(
        "TEST_MODULE = {module:?}\nTEST_FILE = {:?}\n{}",
        module_path(module),
        include_str!("../test_runner.py")
    )
}

fn module_path(module: &str) -> String {
    format!("/var/task/{}.py", module.replace('.', "/"))
}

/// The code of `mutant`: its base implementation with its replacements applied.
fn mutate(implementations: &BTreeMap<String, String>, mutant: &Mutant) -> Result<String, String> {
    if implementations.contains_key(&mutant.name) {
        return Err(format!("mutant `{}` has the name of implementations/{0}.py; rename one", mutant.name));
    }
    let mut code = implementations
        .get(&mutant.of)
        .ok_or_else(|| format!("mutant `{}` is an edit of implementations/{}.py, which does not exist", mutant.name, mutant.of))?
        .clone();
    if mutant.replace.is_empty() {
        return Err(format!("mutant `{}` changes nothing: give `replace = [[\"find\", \"with\"]]`", mutant.name));
    }
    for (find, with) in &mutant.replace {
        match code.matches(find.as_str()).count() {
            1 => code = code.replacen(find.as_str(), with, 1),
            0 => return Err(format!("mutant `{}`: `{find}` is not in implementations/{}.py (after the earlier replacements)", mutant.name, mutant.of)),
            n => return Err(format!("mutant `{}`: `{find}` occurs {n} times in implementations/{}.py; make it unique", mutant.name, mutant.of)),
        }
    }
    Ok(code)
}

/// `implementations/*.py` by file stem.
fn implementations(dir: &Path) -> Result<BTreeMap<String, String>, LabError> {
    let mut out = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(out) };
    for entry in entries.flatten() {
        let path = entry.path();
        if let (Some(stem), Some("py")) = (path.file_stem().and_then(|s| s.to_str()), path.extension().and_then(|s| s.to_str())) {
            out.insert(stem.to_owned(), read(&path)?);
        }
    }
    Ok(out)
}

/// Whether `call` names an operation a setup may make: a data service's, and in a terminal
/// lab (`control_plane`) also Lambda's and IAM's (a role made for the learner).
fn check_call_name(call: &str, control_plane: bool) -> Result<(), String> {
    match call.split_once('.') {
        Some(("s3" | "sqs" | "dynamodb" | "sns", op)) if op.starts_with(|c: char| c.is_ascii_uppercase()) => Ok(()),
        Some(("lambda" | "iam", op)) if control_plane && op.starts_with(|c: char| c.is_ascii_uppercase()) => Ok(()),
        _ if control_plane => Err(format!(
            "call `{call}` must be `service.Operation` with service s3, sqs, dynamodb, sns, lambda or iam and the API's PascalCase operation (e.g. `iam.CreateRole`)"
        )),
        _ => Err(format!(
            "call `{call}` must be `service.Operation` with service s3, sqs, dynamodb or sns and the API's PascalCase operation (e.g. `s3.PutObject`)"
        )),
    }
}

fn read(path: &Path) -> Result<String, LabError> {
    std::fs::read_to_string(path).map_err(|e| LabError {
        file: path.to_owned(),
        line: 1,
        message: if e.kind() == std::io::ErrorKind::InvalidData {
            "is not UTF-8 text: a lab's files are text (code, JSON, CSV); generate binary data in a setup call instead".into()
        } else {
            format!("cannot read: {e}")
        },
    })
}

fn collect(dir: &Path, mount: &str, files: &mut BTreeMap<String, String>) -> Result<(), LabError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            collect(&path, &format!("{mount}/{name}"), files)?;
        } else if !name.starts_with('.') && !name.ends_with(".pyc") {
            // Any text file ships with the function (modules, config.json, a CSV to load),
            // as Lambda ships the whole deployment package; `read` rejects binary files.
            files.insert(format!("{mount}/{name}"), read(&path)?);
        }
    }
    Ok(())
}

fn parse_def(toml_path: &Path, text: &str) -> Result<LabDef, LabError> {
    toml::from_str(text).map_err(|e| LabError {
        file: toml_path.to_owned(),
        line: e.span().map(|s| line_of(text, s.start)).unwrap_or(1),
        message: e.message().to_owned(),
    })
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Every lab under `labs_dir`, sorted by id; the first broken one is an error.
pub fn load_all(labs_dir: &Path) -> Result<Vec<Lab>, LabError> {
    lab_dirs(labs_dir).iter().map(|d| Lab::load(d)).collect()
}

/// The folders of `labs_dir` that hold a `lab.toml`, sorted (a lab's id is its folder's name).
pub fn lab_dirs(labs_dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(labs_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("lab.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}
