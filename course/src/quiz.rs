//! A quiz file (`book/quizzes/<name>.toml`), parsed and validated into a [`Quiz`] (moved here from the quiz preprocessor so the course model owns every source format).
//!
//! ```toml
//! title = "Lambda basics"
//!
//! [[questions]]
//! kind = "single"            # single | multiple | short | numeric | code
//! id = "max-timeout"         # optional; derived from the prompt when left out
//! prompt = "What is the longest timeout a function can have?"
//! options = ["3 seconds", "15 minutes", "1 hour"]
//! answer = 1                 # 0-based: the second option
//! shuffle = true             # default; `false` pins the authored order
//! hint = "Think of a long batch job."
//! explanation = "Up to 900 seconds."
//! ```
//!
//! `multiple` takes `answer = [0, 2]`; `short` takes `answer = "text"` or a list of accepted
//! alternatives; `numeric` takes `answer = 900` and an optional `tolerance = 0.5`; `code` takes
//! `starter`, `solution` and the lab keys `function`, `setup`, `trigger` and `[[questions.cases]]`
//! exactly as in `lab.toml` (the same types, so the check language is the same).
//!
//! Every problem is reported as `file:line: message`, all of them at once.
//!
//! Ids are derived, not written back: `labbook check` must not modify the book, and a derived id
//! (`q-` and a hash of the prompt) is stable when questions are reordered. Authors who want an
//! id that survives rewording write `id = "…"`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use labs::definition::{CallStep, Case, FunctionDef, Trigger};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use toml::Spanned;

use labbook_seal::answer::{Kind, hex};

/// A problem in a quiz file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct QuizError {
    /// The quiz file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// A validated quiz.
#[derive(Debug, Clone)]
pub struct Quiz {
    /// The file stem (`part1` for `part1.toml`): the localStorage key and the element id.
    pub id: String,
    /// Title shown above the questions.
    pub title: String,
    /// Hash of the file's content: stored answers of another version are discarded.
    pub version: String,
    /// The file it came from.
    pub file: PathBuf,
    /// The questions, in authored order.
    pub questions: Vec<Question>,
}

/// One validated question.
#[derive(Debug, Clone)]
pub struct Question {
    /// Stable id, unique in the quiz.
    pub id: String,
    /// Line of its `kind` (where errors about the whole question point).
    pub line: usize,
    /// Markdown.
    pub prompt: String,
    /// Markdown, optional.
    pub hint: Option<String>,
    /// Markdown.
    pub explanation: String,
    /// What kind of answer it takes.
    pub body: Body,
}

/// The kind-specific part of a question.
#[derive(Debug, Clone)]
pub enum Body {
    /// One right option.
    Single {
        /// Markdown options.
        options: Vec<String>,
        /// Index of the right one.
        answer: usize,
        /// Shuffle per attempt.
        shuffle: bool,
    },
    /// Every right option must be chosen, and no other.
    Multiple {
        /// Markdown options.
        options: Vec<String>,
        /// Indices of the right ones, sorted.
        answers: Vec<usize>,
        /// Shuffle per attempt.
        shuffle: bool,
    },
    /// Accepted alternatives (as authored).
    Short {
        /// At least one.
        answers: Vec<String>,
    },
    /// A number, within `tolerance`.
    Numeric {
        /// The value.
        value: f64,
        /// 0 = exact.
        tolerance: f64,
    },
    /// A handler, graded as a lab.
    Code {
        /// The lab: function, setup, trigger, cases and checks; `starter` and `solution`.
        lab: Box<labs::Lab>,
        /// Line of `solution`, for errors about it.
        solution_line: usize,
    },
}

impl Body {
    /// The kind of this body.
    pub fn kind(&self) -> Kind {
        match self {
            Body::Single { .. } => Kind::Single,
            Body::Multiple { .. } => Kind::Multiple,
            Body::Short { .. } => Kind::Short,
            Body::Numeric { .. } => Kind::Numeric,
            Body::Code { .. } => Kind::Code,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizFile {
    title: String,
    #[serde(default)]
    questions: Vec<QuestionDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionDef {
    kind: Spanned<String>,
    #[serde(default)]
    id: Option<Spanned<String>>,
    prompt: String,
    explanation: String,
    #[serde(default)]
    hint: Option<String>,
    #[serde(default)]
    options: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    answer: Option<Spanned<toml::Value>>,
    #[serde(default)]
    shuffle: Option<bool>,
    #[serde(default)]
    tolerance: Option<Spanned<f64>>,
    #[serde(default)]
    starter: Option<String>,
    #[serde(default)]
    solution: Option<Spanned<String>>,
    #[serde(default)]
    function: Option<FunctionDef>,
    #[serde(default)]
    setup: Option<Vec<CallStep>>,
    #[serde(default)]
    trigger: Option<Trigger>,
    #[serde(default)]
    cases: Option<Vec<Case>>,
}

/// The starter of a code question that gives none.
const DEFAULT_STARTER: &str = "def lambda_handler(event, context):\n    pass\n";

/// Reads and validates the quiz file at `path`.
pub fn load(path: &Path) -> Result<Quiz, Vec<QuizError>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        vec![QuizError { file: path.to_owned(), line: 1, message: format!("cannot read the quiz: {e}") }]
    })?;
    parse(path, &text)
}

/// Parses and validates quiz `text`; `path` names it in errors and gives its id (the stem).
pub fn parse(path: &Path, text: &str) -> Result<Quiz, Vec<QuizError>> {
    let at = |line: usize, message: String| QuizError { file: path.to_owned(), line, message };
    let file: QuizFile = toml::from_str(text).map_err(|e| {
        vec![at(e.span().map_or(1, |s| line_of(text, s.start)), e.message().trim().to_owned())]
    })?;
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut errors = Vec::new();
    if !is_id(&id) {
        errors.push(at(1, format!("quiz file name `{id}` may only use lowercase letters, digits and `-` (it names the quiz in the page and in saved progress)")));
    }
    if file.questions.is_empty() {
        errors.push(at(1, "a quiz needs at least one [[questions]]".into()));
    }
    let mut questions = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for def in file.questions {
        let line = line_of(text, def.kind.span().start);
        let (qid, id_line) = match &def.id {
            Some(id) => (id.get_ref().clone(), line_of(text, id.span().start)),
            None => (derived_id(&def.prompt), line),
        };
        if !is_id(&qid) {
            errors.push(at(id_line, format!("question id `{qid}` may only use lowercase letters, digits and `-`")));
        }
        if let Some(first) = seen.insert(qid.clone(), id_line) {
            let how = if def.id.is_some() { "" } else { " (derived from the prompt, which repeats an earlier one; give one of them an `id`)" };
            errors.push(at(id_line, format!("duplicate question id `{qid}`{how}; first used on line {first}")));
        }
        match body(&id, &qid, line, &def, text) {
            Ok(body) => questions.push(Question {
                id: qid,
                line,
                prompt: def.prompt,
                hint: def.hint,
                explanation: def.explanation,
                body,
            }),
            Err(e) => errors.extend(e.into_iter().map(|(line, message)| at(line, message))),
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    Ok(Quiz { id, title: file.title, version: version_of(text), file: path.to_owned(), questions })
}

type Problems = Vec<(usize, String)>;

fn body(quiz: &str, qid: &str, line: usize, def: &QuestionDef, text: &str) -> Result<Body, Problems> {
    let name = def.kind.get_ref().as_str();
    let Some(kind) = Kind::parse(name) else {
        return Err(vec![(line, format!("unknown question kind `{name}`; kinds: {}", Kind::NAMES.join(", ")))]);
    };
    let mut problems = Problems::new();
    let span_line = |s: std::ops::Range<usize>| line_of(text, s.start);
    // Keys that belong to other kinds are mistakes (a `solution` on a choice question is
    // never shown, an `options` list on a short answer is never offered).
    let used: &[(&str, bool)] = &[
        ("options", def.options.is_some()),
        ("answer", def.answer.is_some()),
        ("shuffle", def.shuffle.is_some()),
        ("tolerance", def.tolerance.is_some()),
        ("starter", def.starter.is_some()),
        ("solution", def.solution.is_some()),
        ("function", def.function.is_some()),
        ("setup", def.setup.is_some()),
        ("trigger", def.trigger.is_some()),
        ("cases", def.cases.is_some()),
    ];
    let allowed: &[&str] = match kind {
        Kind::Single | Kind::Multiple => &["options", "answer", "shuffle"],
        Kind::Short => &["answer"],
        Kind::Numeric => &["answer", "tolerance"],
        Kind::Code => &["starter", "solution", "function", "setup", "trigger", "cases"],
    };
    for (key, present) in used {
        if *present && !allowed.contains(key) {
            problems.push((line, format!("`{key}` does not apply to a {name} question (its keys: {})", allowed.join(", "))));
        }
    }
    let answer_line = def.answer.as_ref().map_or(line, |a| span_line(a.span()));
    let missing_answer = |what: &str| (line, format!("a {name} question needs `answer = {what}`"));
    let body = match kind {
        Kind::Single | Kind::Multiple => {
            let options = def.options.as_ref().map(|o| o.get_ref().clone()).unwrap_or_default();
            if options.len() < 2 {
                let l = def.options.as_ref().map_or(line, |o| span_line(o.span()));
                problems.push((l, format!("a {name} question needs `options` with at least two entries")));
            }
            let index = |v: &toml::Value| -> Result<usize, String> {
                match v.as_integer() {
                    Some(i) if i >= 0 && (i as usize) < options.len() => Ok(i as usize),
                    Some(i) => Err(format!(
                        "answer index {i} is out of range: there are {} options, numbered from 0 to {}",
                        options.len(),
                        options.len().saturating_sub(1)
                    )),
                    None => Err(format!("answer indices are whole numbers counted from 0, not {v}")),
                }
            };
            let shuffle = def.shuffle.unwrap_or(true);
            match (kind, def.answer.as_ref().map(Spanned::get_ref)) {
                (_, None) => {
                    problems.push(missing_answer(if kind == Kind::Single { "<index>" } else { "[<index>, ...]" }));
                    None
                }
                (Kind::Single, Some(v)) => match index(v) {
                    Ok(answer) => Some(Body::Single { options, answer, shuffle }),
                    Err(m) => {
                        problems.push((answer_line, m));
                        None
                    }
                },
                (_, Some(v)) => {
                    let list = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
                    let mut answers = Vec::new();
                    for item in &list {
                        match index(item) {
                            Ok(i) if answers.contains(&i) => problems.push((answer_line, format!("answer index {i} is listed twice"))),
                            Ok(i) => answers.push(i),
                            Err(m) => problems.push((answer_line, m)),
                        }
                    }
                    if list.is_empty() {
                        problems.push((answer_line, "a multiple question needs at least one right option in `answer`".into()));
                    }
                    answers.sort_unstable();
                    Some(Body::Multiple { options, answers, shuffle })
                }
            }
        }
        Kind::Short => {
            let answers: Vec<String> = match def.answer.as_ref().map(Spanned::get_ref) {
                None => {
                    problems.push(missing_answer("\"text\" or [\"text\", \"alternative\"]"));
                    Vec::new()
                }
                Some(toml::Value::String(s)) => vec![s.clone()],
                Some(toml::Value::Array(items)) if items.iter().all(toml::Value::is_str) => {
                    items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
                }
                Some(other) => {
                    problems.push((answer_line, format!("a short answer is text or a list of accepted texts, not {other}")));
                    Vec::new()
                }
            };
            if def.answer.is_some() && answers.iter().any(|a| labbook_seal::answer::normalise_text(a).is_empty()) {
                problems.push((answer_line, "an accepted answer is empty once case, spaces and quotes are ignored".into()));
            }
            if def.answer.is_some() && answers.is_empty() && problems.is_empty() {
                problems.push((answer_line, "list at least one accepted answer".into()));
            }
            Some(Body::Short { answers })
        }
        Kind::Numeric => {
            let value = match def.answer.as_ref().map(Spanned::get_ref) {
                None => {
                    problems.push(missing_answer("<number>"));
                    0.0
                }
                Some(toml::Value::Integer(i)) => *i as f64,
                Some(toml::Value::Float(f)) if f.is_finite() => *f,
                Some(other) => {
                    problems.push((answer_line, format!("a numeric answer is a number, not {other}")));
                    0.0
                }
            };
            let tolerance = def.tolerance.as_ref().map_or(0.0, |t| *t.get_ref());
            if !(tolerance.is_finite() && tolerance >= 0.0) {
                let l = def.tolerance.as_ref().map_or(line, |t| span_line(t.span()));
                problems.push((l, format!("tolerance must be a number of 0 or more, not {tolerance}")));
            } else if tolerance > 0.0 && labbook_seal::answer::cell_of(value, tolerance).is_none() {
                problems.push((answer_line, format!("{value} is too large for a tolerance of {tolerance}; use a larger tolerance or none")));
            }
            Some(Body::Numeric { value, tolerance })
        }
        Kind::Code => {
            let solution_line = def.solution.as_ref().map_or(line, |s| span_line(s.span()));
            let solution = def.solution.as_ref().map(|s| s.get_ref().clone()).unwrap_or_default();
            if def.solution.is_none() {
                problems.push((line, "a code question needs a reference `solution` (it must pass the checks)".into()));
            }
            let cases = def.cases.clone().unwrap_or_default();
            if cases.is_empty() {
                problems.push((line, "a code question needs at least one [[questions.cases]] with checks".into()));
            }
            for case in cases.iter().filter(|c| c.checks.is_empty()) {
                problems.push((line, format!("case `{}` has no checks", case.name)));
            }
            // Built through serde rather than struct literals: the lab format grows (new
            // optional keys) without this crate having to follow every field.
            let lab = serde_json::json!({
                "id": format!("quiz-{quiz}-{qid}"),
                "def": {
                    "title": first_line(&def.prompt),
                    "brief": def.prompt,
                    "hints": def.hint.iter().collect::<Vec<_>>(),
                    "function": def.function.clone().unwrap_or_default(),
                    "setup": def.setup.clone().unwrap_or_default(),
                    "trigger": def.trigger.clone().unwrap_or_default(),
                    "cases": cases,
                },
                "starter": def.starter.clone().unwrap_or_else(|| DEFAULT_STARTER.to_owned()),
                "solution": solution,
                "extra_files": {},
            });
            let lab: labs::Lab = match serde_json::from_value(lab) {
                Ok(lab) => lab,
                Err(e) => return Err(vec![(line, format!("this code question does not make a valid lab: {e}"))]),
            };
            Some(Body::Code { lab: Box::new(lab), solution_line })
        }
    };
    match body {
        Some(b) if problems.is_empty() => Ok(b),
        _ => Err(problems),
    }
}

/// Runs every code question's reference solution (it must pass its checks) and starter (it
/// must not: a question that is already answered teaches nothing). Slow-ish (real Python), so
/// separate from [`parse`].
pub fn verify_code(quiz: &Quiz) -> Vec<QuizError> {
    let mut errors = Vec::new();
    for q in &quiz.questions {
        let Body::Code { lab, solution_line } = &q.body else { continue };
        let grade = labs::grade(lab, &lab.solution, true);
        if !grade.passed() {
            let failed: Vec<String> = grade
                .cases
                .iter()
                .flat_map(|c| c.checks.iter().filter(|k| !k.passed).map(move |k| format!("{}: {} ({})", c.run.name, k.description, k.message)))
                .collect();
            errors.push(QuizError {
                file: quiz.file.clone(),
                line: *solution_line,
                message: format!("the reference solution of question `{}` fails its checks: {}", q.id, failed.join("; ")),
            });
        }
        if labs::grade(lab, &lab.starter, true).passed() {
            errors.push(QuizError {
                file: quiz.file.clone(),
                line: q.line,
                message: format!("the starter of code question `{}` already passes every check; nothing is left to do", q.id),
            });
        }
    }
    errors
}

fn first_line(markdown: &str) -> String {
    markdown.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("Code question").to_owned()
}

/// `q-` and 8 hex digits of the hash of the prompt with whitespace collapsed.
fn derived_id(prompt: &str) -> String {
    let squeezed: Vec<&str> = prompt.split_whitespace().collect();
    let hash = Sha256::digest(squeezed.join(" ").as_bytes());
    format!("q-{}", &hex(hash.as_slice())[..8])
}

/// 12 hex digits of the hash of the file: any edit gives a new version.
fn version_of(text: &str) -> String {
    hex(Sha256::digest(text.as_bytes()).as_slice())[..12].to_owned()
}

fn is_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Quiz, Vec<QuizError>> {
        parse(Path::new("quizzes/demo.toml"), text)
    }

    fn errors(text: &str) -> Vec<String> {
        parse_str(text).err().expect("should fail").iter().map(ToString::to_string).collect()
    }

    const GOOD: &str = r#"title = "Demo"

[[questions]]
kind = "single"
id = "timeout"
prompt = "Longest timeout?"
options = ["3 s", "15 min"]
answer = 1
explanation = "900 s."

[[questions]]
kind = "multiple"
prompt = "Which are pushed?"
options = ["S3", "SQS", "SNS"]
answer = [2, 0]
shuffle = false
explanation = "S3 and SNS push."
hint = "Who polls?"

[[questions]]
kind = "short"
prompt = "The runtime id?"
answer = ["python3.13", "python 3.13"]
explanation = "python3.13"

[[questions]]
kind = "numeric"
prompt = "GB-seconds?"
answer = 0.25
tolerance = 0.01
explanation = "0.25"
"#;

    #[test]
    fn parses_every_kind_with_ids_lines_and_version() {
        let quiz = parse_str(GOOD).unwrap();
        assert_eq!(quiz.id, "demo");
        assert_eq!(quiz.title, "Demo");
        assert_eq!(quiz.version.len(), 12);
        assert_eq!(quiz.questions.len(), 4);
        let q = &quiz.questions;
        assert_eq!(q[0].id, "timeout");
        assert_eq!(q[0].line, 4);
        assert!(matches!(q[0].body, Body::Single { answer: 1, shuffle: true, .. }));
        assert!(matches!(&q[1].body, Body::Multiple { answers, shuffle: false, .. } if answers == &[0, 2]));
        assert_eq!(q[1].hint.as_deref(), Some("Who polls?"));
        assert!(matches!(&q[2].body, Body::Short { answers } if answers.len() == 2));
        assert!(matches!(q[3].body, Body::Numeric { value, tolerance } if value == 0.25 && tolerance == 0.01));
        // Derived ids are stable: the same prompt gives the same id, anywhere in the file.
        assert!(q[1].id.starts_with("q-") && q[1].id.len() == 10);
        assert_eq!(q[1].id, derived_id("Which  are\npushed?"));
        // Any edit is a new version.
        assert_ne!(parse_str(&GOOD.replace("900 s.", "900 seconds.")).unwrap().version, quiz.version);
    }

    #[test]
    fn unknown_kind_names_the_line_and_the_kinds() {
        let errs = errors("title = \"x\"\n\n[[questions]]\nkind = \"essay\"\nprompt = \"p\"\nexplanation = \"e\"\n");
        assert_eq!(errs, vec!["quizzes/demo.toml:4: unknown question kind `essay`; kinds: single, multiple, short, numeric, code"]);
    }

    #[test]
    fn answer_index_out_of_range_points_at_the_answer() {
        let errs = errors("title = \"x\"\n[[questions]]\nkind = \"single\"\nprompt = \"p\"\noptions = [\"a\", \"b\"]\nanswer = 2\nexplanation = \"e\"\n");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].starts_with("quizzes/demo.toml:6: answer index 2 is out of range: there are 2 options"), "{errs:?}");
        let errs = errors("title = \"x\"\n[[questions]]\nkind = \"multiple\"\nprompt = \"p\"\noptions = [\"a\", \"b\"]\nanswer = [0, -1]\nexplanation = \"e\"\n");
        assert!(errs[0].starts_with("quizzes/demo.toml:6: answer index -1 is out of range"), "{errs:?}");
    }

    #[test]
    fn duplicate_ids_explicit_and_derived() {
        let q = |id: &str, prompt: &str| format!("[[questions]]\nkind = \"short\"\n{id}prompt = \"{prompt}\"\nanswer = \"a\"\nexplanation = \"e\"\n");
        let text = format!("title = \"x\"\n{}{}{}{}", q("id = \"one\"\n", "p1"), q("id = \"one\"\n", "p2"), q("", "same"), q("", "same"));
        let errs = errors(&text);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].starts_with("quizzes/demo.toml:10: duplicate question id `one`; first used on line 4"), "{errs:?}");
        assert!(errs[1].starts_with("quizzes/demo.toml:20: duplicate question id `q-"), "{errs:?}");
        assert!(errs[1].ends_with("first used on line 15"), "{errs:?}");
        assert!(errs[1].contains("give one of them an `id`"), "{errs:?}");
    }

    #[test]
    fn toml_and_shape_errors_have_lines() {
        let errs = errors("title = \"x\"\n[[questions]]\nkind = \"single\"\nprompt = \"p\"\noptions = [\"a\", \"b\"]\nanswer = 0\n");
        assert!(errs[0].starts_with("quizzes/demo.toml:2: missing field `explanation`"), "{errs:?}");
        let errs = errors("title = \"x\"\n[[questions]]\nkind = \"short\"\nprompt = \"p\"\nanswer = 3\nexplanation = \"e\"\nbogus = 1\n");
        assert!(errs[0].starts_with("quizzes/demo.toml:7: unknown field `bogus`"), "{errs:?}");
        let errs = errors("title = \"x\"\n[[questions]]\nkind = \"short\"\nprompt = \"p\"\nanswer = 3\nexplanation = \"e\"\n");
        assert_eq!(errs, vec!["quizzes/demo.toml:5: a short answer is text or a list of accepted texts, not 3"]);
        let errs = errors("title = \"x\"\n[[questions]]\nkind = \"numeric\"\nprompt = \"p\"\nanswer = 3\ntolerance = -1.0\noptions = [\"a\"]\nexplanation = \"e\"\n");
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].starts_with("quizzes/demo.toml:3: `options` does not apply to a numeric question"), "{errs:?}");
        assert!(errs[1].starts_with("quizzes/demo.toml:6: tolerance must be"), "{errs:?}");
        assert_eq!(errors("title = \"x\"\n"), vec!["quizzes/demo.toml:1: a quiz needs at least one [[questions]]"]);
        let errs = errors("title = \"x\"\n[[questions]]\nkind = \"single\"\nprompt = \"p\"\noptions = [\"only\"]\nanswer = 0\nexplanation = \"e\"\n");
        assert!(errs[0].starts_with("quizzes/demo.toml:5: a single question needs `options` with at least two"), "{errs:?}");
    }

    #[test]
    fn bad_quiz_file_names_are_rejected() {
        let errs = parse(Path::new("q/Part_1.toml"), GOOD).err().unwrap();
        assert!(errs[0].message.contains("quiz file name `Part_1`"), "{errs:?}");
    }

    pub(crate) const CODE: &str = r#"title = "Code"

[[questions]]
kind = "code"
id = "hello"
prompt = "Return `{\"greeting\": \"hello <name>\"}` for the event's `name`."
explanation = "Read the key from the event dict."
starter = """
def lambda_handler(event, context):
    return {}
"""
solution = """
def lambda_handler(event, context):
    return {"greeting": "hello " + event["name"]}
"""

[[questions.cases]]
name = "Ada"
steps = [{ invoke = { name = "Ada" } }]
checks = [{ returned = { path = "greeting", equals = "hello Ada" } }]
"#;

    #[test]
    fn code_questions_are_labs_with_the_lab_check_language() {
        let quiz = parse_str(CODE).unwrap();
        let Body::Code { lab, solution_line } = &quiz.questions[0].body else { panic!("code") };
        assert_eq!(*solution_line, 12);
        assert_eq!(lab.id, "quiz-demo-hello");
        assert_eq!(lab.def.function.runtime, "python3.13");
        assert_eq!(lab.def.cases[0].checks.len(), 1);
        assert!(verify_code(&quiz).is_empty(), "{:?}", verify_code(&quiz));
    }

    #[test]
    fn a_failing_reference_solution_is_reported_at_its_line() {
        let broken = CODE.replace("\"hello \" + event[\"name\"]", "\"hi \" + event[\"name\"]");
        let errs = verify_code(&parse_str(&broken).unwrap());
        assert_eq!(errs.len(), 1, "{errs:?}");
        let msg = errs[0].to_string();
        assert!(msg.starts_with("quizzes/demo.toml:12: the reference solution of question `hello` fails its checks: Ada:"), "{msg}");
    }

    #[test]
    fn code_questions_need_a_solution_and_checked_cases() {
        let errs = errors("title = \"x\"\n[[questions]]\nkind = \"code\"\nprompt = \"p\"\nexplanation = \"e\"\n");
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].contains("needs a reference `solution`"));
        assert!(errs[1].contains("at least one [[questions.cases]]"));
    }
}
