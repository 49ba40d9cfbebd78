//! The one protocol between the page's worker and the runtime: a [`Request`] in, a
//! [`Response`] out, both JSON. The worker only forwards; everything the page shows is decided
//! here (state tables, the learner's file, error lines, deadlines, when the solution unlocks).
//! The contract as the page sees it is documented in `theme/labbook/lab-worker.js`.

use std::collections::HashMap;
use std::str::FromStr;

use labbook_seal::answer::{self, Kind, PublicQuestion, Response as Answer, SealedCodeQuestion, Verdict};
use labbook_seal::{SealKey, token};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Failed grades after which the runtime lets the learner see the reference solution.
pub const SOLUTION_AFTER_FAILS: u32 = 3;

/// How long the page waits for requests that do not run a lab's cases (ms). A self-test is a
/// cold start of the interpreter, slow in an unoptimised (dev) runtime.
const SETUP_DEADLINE_MS: u64 = 120_000;
/// Deadline of a terminal command line (ms): several invocations of functions with long
/// timeouts fit; the handlers themselves stop at theirs.
const TERMINAL_DEADLINE_MS: u64 = 300_000;
/// Deadline of requests that never run Python (ms).
const QUICK_DEADLINE_MS: u64 = 10_000;

/// What the page asks of the runtime.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Request {
    /// Which runtime this is.
    Info,
    /// Runs the course's first handler: the "is my browser ready?" check.
    SelfTest,
    /// Opens a lab's data (`labbook/labs/<id>.json`) for the requests that name it.
    LoadLab {
        /// The lab id.
        lab: String,
        /// The file's content: `{"public": …, "sealed": "…"}`.
        data: LabData,
    },
    /// One invocation of the learner's code on the first visible case.
    Run {
        /// The lab id.
        lab: String,
        /// The learner's code.
        code: String,
        /// The event box's text; empty: the sample event.
        #[serde(default)]
        event: String,
    },
    /// Grades the learner's code on every case, hidden ones too.
    Grade {
        /// The lab id.
        lab: String,
        /// The learner's code.
        code: String,
        /// The attempts token of the last grade, if the page kept one.
        #[serde(default)]
        attempts: Option<String>,
    },
    /// The reference solution, for a solution token the runtime issued.
    Solution {
        /// The lab id.
        lab: String,
        /// The token.
        token: String,
    },
    /// Grades one quiz question.
    GradeQuestion {
        /// The question's page data.
        question: PublicQuestion,
        /// The learner's answer.
        response: Answer,
    },
    /// Opens a terminal session (again, after a replaced worker) with the saved workspace.
    TerminalOpen {
        /// The page's session id.
        session: String,
        /// Workspace files: path relative to the home folder → base64.
        #[serde(default)]
        files: std::collections::BTreeMap<String, String>,
        /// `labbook/aws-model.json`'s text, the first time (the runtime keeps it).
        #[serde(default)]
        model: Option<String>,
        /// A terminal lab (loaded with `loadLab`): the session starts where the lab does.
        #[serde(default)]
        lab: Option<String>,
        /// What the learner did before, replayed in order to rebuild the session.
        #[serde(default)]
        replay: Vec<crate::terminal::Entry>,
    },
    /// Grades a terminal lab's session: the account it left and the commands it ran.
    TerminalGrade {
        /// The session.
        session: String,
        /// The attempts token of the last grade, if the page kept one.
        #[serde(default)]
        attempts: Option<String>,
    },
    /// Runs what the learner typed (one line, or the lines of an unfinished command).
    TerminalRun {
        /// The session.
        session: String,
        /// The command line(s).
        source: String,
    },
    /// Saves a file the learner edited beside the terminal.
    TerminalWrite {
        /// The session.
        session: String,
        /// Path relative to the home folder.
        path: String,
        /// The new text.
        text: String,
    },
    /// How long the page should let `request` run once it has started.
    Deadline {
        /// Any request.
        request: Box<Request>,
    },
}

/// A lab's file in the site.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct LabData {
    /// What the page may read ([`labs::view::public_lab`]).
    #[serde(default)]
    pub public: Value,
    /// The whole lab, sealed by the build for this runtime.
    pub sealed: String,
}

/// Why a request line could not be parsed.
#[derive(Debug, thiserror::Error)]
#[error("bad request: {0}")]
pub struct ProtocolError(#[from] serde_json::Error);

impl Request {
    /// Parses a request from the page's JSON.
    pub fn parse(json: &str) -> Result<Request, ProtocolError> {
        Ok(serde_json::from_str(json)?)
    }
}

impl FromStr for Request {
    type Err = ProtocolError;
    fn from_str(s: &str) -> Result<Request, ProtocolError> {
        Request::parse(s)
    }
}

/// What the runtime answers.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum Response {
    /// See [`Request::Info`].
    Info {
        /// Crate name.
        name: &'static str,
        /// Runtime version.
        version: &'static str,
        /// `wasm32` or `native`.
        target: &'static str,
        /// The Python it runs.
        python: &'static str,
        /// The mock services.
        services: &'static [&'static str],
    },
    /// See [`Request::SelfTest`].
    SelfTest {
        /// The handler's result.
        result: Value,
        /// Its log.
        log: Vec<String>,
        /// Init duration (ms).
        init_ms: Option<f64>,
        /// Duration (ms).
        duration_ms: f64,
    },
    /// The lab is open.
    LabLoaded {
        /// The lab id.
        lab: String,
        /// The file the learner edits.
        file_name: String,
        /// The function's timeout (s).
        timeout_seconds: f64,
        /// The Run button's default event.
        sample_event: Value,
    },
    /// See [`Request::Run`].
    Run {
        /// Why the event box's text could not be used.
        #[serde(skip_serializing_if = "Option::is_none")]
        event_error: Option<String>,
        /// The case as it ran.
        #[serde(skip_serializing_if = "Option::is_none")]
        case: Option<Value>,
    },
    /// See [`Request::Grade`].
    Grade {
        /// The grade (`passed`, `score`, `maxScore`, `cases`).
        #[serde(flatten)]
        grade: Value,
        /// The token to send with the next grade.
        attempts: String,
        /// Failed grades so far.
        failed_grades: u32,
        /// Shows the solution: issued on a pass or after [`SOLUTION_AFTER_FAILS`] failures.
        solution_token: Option<String>,
    },
    /// See [`Request::Solution`].
    Solution {
        /// The lab id.
        lab: String,
        /// The reference solution.
        code: String,
    },
    /// See [`Request::GradeQuestion`].
    QuestionGraded {
        /// Whether the answer is right.
        correct: bool,
        /// The explanation (HTML), once unlocked.
        #[serde(skip_serializing_if = "Option::is_none")]
        explanation: Option<String>,
        /// Why it could not be checked.
        #[serde(skip_serializing_if = "Option::is_none")]
        message: Option<String>,
        /// A code question's grade.
        #[serde(skip_serializing_if = "Option::is_none")]
        grade: Option<Value>,
    },
    /// See [`Request::TerminalOpen`].
    TerminalOpened {
        /// The session.
        session: String,
        /// The first prompt.
        prompt: String,
        /// The workspace after the replay (path → base64).
        files: std::collections::BTreeMap<String, String>,
    },
    /// See [`Request::TerminalRun`].
    TerminalRan {
        /// What the line did.
        #[serde(flatten)]
        ran: crate::terminal::Ran,
    },
    /// See [`Request::TerminalWrite`].
    TerminalWritten {
        /// The path written.
        path: String,
    },
    /// See [`Request::Deadline`].
    Deadline {
        /// Milliseconds from the request's start.
        deadline_ms: u64,
    },
    /// The request failed.
    Error {
        /// What to tell the learner.
        message: String,
    },
}

impl Response {
    fn error(message: impl Into<String>) -> Response {
        Response::Error { message: message.into() }
    }
}

/// An opened lab.
struct Loaded {
    lab: labs::Lab,
    file: String,
}

/// The runtime's state in one worker: its key and the labs opened so far.
pub struct Runtime {
    key: Option<SealKey>,
    labs: HashMap<String, Loaded>,
    #[cfg(feature = "terminal")]
    terminals: crate::terminal::Sessions,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Attempts {
    lab: String,
    failed_grades: u32,
}

impl Runtime {
    /// A runtime that opens data sealed with `key` (`None`: a runtime built without one, which
    /// can still run its self-test and grade quizzes' choice questions).
    pub fn new(key: Option<SealKey>) -> Runtime {
        Runtime {
            key,
            labs: HashMap::new(),
            #[cfg(feature = "terminal")]
            terminals: crate::terminal::Sessions::default(),
        }
    }

    /// Handles one request given as JSON; the response as JSON. Never panics on bad input.
    pub fn handle_json(&mut self, json: &str) -> String {
        let response = match Request::parse(json) {
            Ok(request) => self.handle(request),
            Err(e) => Response::error(e.to_string()),
        };
        serde_json::to_string(&response).expect("responses serialise")
    }

    /// Handles one request.
    pub fn handle(&mut self, request: Request) -> Response {
        match request {
            Request::Info => Response::Info {
                name: env!("CARGO_PKG_NAME"),
                version: crate::VERSION,
                target: if cfg!(target_arch = "wasm32") { "wasm32" } else { "native" },
                python: "3.13 (RustPython)",
                services: &["s3", "sqs", "dynamodb", "sns", "apigateway", "events"],
            },
            Request::SelfTest => {
                let report = crate::self_test_report();
                Response::SelfTest { result: report.payload(), log: report.log, init_ms: report.init_ms, duration_ms: report.duration_ms }
            }
            Request::LoadLab { lab, data } => self.load(lab, &data),
            Request::Run { lab, code, event } => {
                let Some(l) = self.labs.get(&lab) else { return not_loaded(&lab) };
                let event = if event.trim().is_empty() {
                    None
                } else {
                    match serde_json::from_str(&event) {
                        Ok(v) => Some(v),
                        Err(e) => return Response::Run { event_error: Some(format!("the test event is not valid JSON: {e}")), case: None },
                    }
                };
                let case = labs::report::run_json(&l.lab, &code, event);
                match case.get("error").and_then(Value::as_str) {
                    Some(message) if case.get("invocations").is_none() => Response::error(message),
                    _ => Response::Run { event_error: None, case: Some(case) },
                }
            }
            Request::Grade { lab, code, attempts } => self.grade(&lab, &code, attempts.as_deref()),
            Request::Solution { lab, token } => {
                let Some(l) = self.labs.get(&lab) else { return not_loaded(&lab) };
                let Some(key) = &self.key else { return no_key() };
                match token::verify(key, "solution", &token) {
                    Ok(payload) if payload == lab => Response::Solution { lab, code: l.lab.solution.clone() },
                    _ => Response::error("the solution unlocks after a passing grade or 3 failed ones"),
                }
            }
            Request::GradeQuestion { question, response } => self.grade_question(&question, response),
            #[cfg(feature = "terminal")]
            request @ (Request::TerminalOpen { .. } | Request::TerminalRun { .. } | Request::TerminalWrite { .. } | Request::TerminalGrade { .. }) => {
                self.terminal(request)
            }
            #[cfg(not(feature = "terminal"))]
            Request::TerminalOpen { .. } | Request::TerminalRun { .. } | Request::TerminalWrite { .. } | Request::TerminalGrade { .. } => {
                Response::error("this lab runtime has no terminal: pages with a terminal load labbook/wasm-terminal/")
            }
            Request::Deadline { request } => Response::Deadline { deadline_ms: self.deadline_ms(&request) },
        }
    }

    /// The terminal's requests.
    #[cfg(feature = "terminal")]
    fn terminal(&mut self, request: Request) -> Response {
        match request {
            Request::TerminalOpen { session, files, model, lab, replay } => {
                let lab = match &lab {
                    Some(id) => match self.labs.get(id) {
                        Some(l) => Some(&l.lab),
                        None => return not_loaded(id),
                    },
                    None => None,
                };
                match self.terminals.open(&session, lab, &files, &replay, model.as_deref()) {
                    Ok((prompt, files)) => Response::TerminalOpened { session, prompt, files },
                    Err(e) => Response::error(e),
                }
            }
            Request::TerminalGrade { session, attempts } => match self.terminals.grade(&session) {
                Ok((lab, grade)) => {
                    let id = lab.id.clone();
                    self.graded(&id, &grade, "solution.sh", attempts.as_deref())
                }
                Err(e) => Response::error(e),
            },
            Request::TerminalRun { session, source } => match self.terminals.run(&session, &source) {
                Ok(ran) => Response::TerminalRan { ran },
                Err(e) => Response::error(e),
            },
            Request::TerminalWrite { session, path, text } => match self.terminals.write(&session, &path, &text) {
                Ok(()) => Response::TerminalWritten { path },
                Err(e) => Response::error(e),
            },
            _ => Response::error("not a terminal request"),
        }
    }

    fn load(&mut self, id: String, data: &LabData) -> Response {
        let Some(key) = &self.key else { return no_key() };
        let lab: labs::Lab = match labbook_seal::open(key, &lab_purpose(&id), &data.sealed)
            .map_err(|e| e.to_string())
            .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| format!("bad lab data: {e}")))
        {
            Ok(lab) => lab,
            Err(e) => return Response::error(format!("lab `{id}`: {e}")),
        };
        let sample_event = labs::report::sample_event(&lab);
        let file = labs::view::learner_file(&lab);
        let response = Response::LabLoaded { lab: id.clone(), file_name: file.clone(), timeout_seconds: lab.def.function.timeout, sample_event };
        self.labs.insert(id, Loaded { lab, file });
        response
    }

    fn grade(&mut self, id: &str, code: &str, attempts: Option<&str>) -> Response {
        let Some(l) = self.labs.get(id) else { return not_loaded(id) };
        if self.key.is_none() {
            return no_key();
        }
        let grade = labs::grade(&l.lab, code, true);
        let file = l.file.clone();
        self.graded(id, &grade, &file, attempts)
    }

    /// A grade as the page gets it, with the attempts token counting failed grades and the
    /// solution token once the solution unlocks.
    fn graded(&self, id: &str, grade: &labs::Grade, file: &str, attempts: Option<&str>) -> Response {
        let Some(key) = &self.key else { return no_key() };
        let mut failed = attempts
            .and_then(|t| token::verify(key, "attempts", t).ok())
            .and_then(|p| serde_json::from_str::<Attempts>(&p).ok())
            .filter(|a| a.lab == id)
            .map_or(0, |a| a.failed_grades);
        if !grade.passed() {
            failed = failed.saturating_add(1);
        }
        let payload = serde_json::to_string(&Attempts { lab: id.to_owned(), failed_grades: failed }).expect("serialises");
        let unlocked = grade.passed() || failed >= SOLUTION_AFTER_FAILS;
        Response::Grade {
            grade: labs::report::grade_json(grade, file),
            attempts: token::issue(key, "attempts", &payload),
            failed_grades: failed,
            solution_token: unlocked.then(|| token::issue(key, "solution", id)),
        }
    }

    fn grade_question(&self, q: &PublicQuestion, r: Answer) -> Response {
        if q.kind != Kind::Code {
            return match answer::check(q, &r) {
                Ok(Verdict { correct, explanation, message }) => Response::QuestionGraded { correct, explanation, message, grade: None },
                Err(e) => Response::error(e.to_string()),
            };
        }
        let sealed = match self.code_question(q) {
            Ok(s) => s,
            Err(e) => return Response::error(e),
        };
        let code = r.code.unwrap_or_default();
        if code.trim().is_empty() {
            return Response::QuestionGraded { correct: false, explanation: None, message: Some("Write a handler first.".into()), grade: None };
        }
        let grade = labs::grade(&sealed.0, &code, true);
        Response::QuestionGraded {
            correct: grade.passed(),
            explanation: Some(sealed.1),
            message: None,
            grade: Some(labs::report::grade_json(&grade, &labs::view::learner_file(&sealed.0))),
        }
    }

    /// A code question's lab and explanation, opened.
    fn code_question(&self, q: &PublicQuestion) -> Result<(labs::Lab, String), String> {
        let key = self.key.as_ref().ok_or_else(|| NO_KEY.to_owned())?;
        if q.sealed.is_empty() {
            return Err(format!("code question `{}` has no sealed lab: build the site with `labbook build`", q.id));
        }
        let bytes = labbook_seal::open(key, &answer::code_question_purpose(&q.salt), &q.sealed).map_err(|e| format!("question `{}`: {e}", q.id))?;
        let sealed: SealedCodeQuestion = serde_json::from_slice(&bytes).map_err(|e| format!("bad question data: {e}"))?;
        let lab: labs::Lab = serde_json::from_value(sealed.lab).map_err(|e| format!("bad lab data in question `{}`: {e}", q.id))?;
        Ok((lab, sealed.explanation))
    }

    fn deadline_ms(&self, request: &Request) -> u64 {
        match request {
            Request::Run { lab, .. } => self.labs.get(lab).map_or(QUICK_DEADLINE_MS, |l| labs::view::deadline_ms(&l.lab, false)),
            Request::Grade { lab, .. } => self.labs.get(lab).map_or(QUICK_DEADLINE_MS, |l| labs::view::deadline_ms(&l.lab, true)),
            Request::GradeQuestion { question, .. } if question.kind == Kind::Code => {
                self.code_question(question).map_or(QUICK_DEADLINE_MS, |(lab, _)| labs::view::deadline_ms(&lab, true))
            }
            // Reopening replays what the learner did before: as long as a command line, at least.
            Request::TerminalOpen { .. } => TERMINAL_DEADLINE_MS,
            Request::SelfTest | Request::LoadLab { .. } => SETUP_DEADLINE_MS,
            // A command line may invoke functions, each stopped at its own timeout.
            Request::TerminalRun { .. } => TERMINAL_DEADLINE_MS,
            Request::TerminalWrite { .. } => QUICK_DEADLINE_MS,
            Request::TerminalGrade { .. } => TERMINAL_DEADLINE_MS,
            Request::Info | Request::Solution { .. } | Request::GradeQuestion { .. } | Request::Deadline { .. } => QUICK_DEADLINE_MS,
        }
    }
}

/// The seal purpose of lab `id`'s data: one lab's file cannot be passed off as another's.
pub fn lab_purpose(id: &str) -> String {
    format!("lab:{id}")
}

/// Seals a lab for the site: the `labbook/labs/<id>.json` the page fetches.
pub fn lab_data(key: &SealKey, lab: &labs::Lab) -> LabData {
    let full = serde_json::to_vec(lab).expect("a lab serialises");
    LabData { public: labs::view::public_lab(lab), sealed: labbook_seal::seal(key, &lab_purpose(&lab.id), &full) }
}

const NO_KEY: &str = "this lab runtime was built without the site's seal key; build the site with `labbook build`";

fn no_key() -> Response {
    Response::error(NO_KEY)
}

fn not_loaded(lab: &str) -> Response {
    Response::error(format!("lab `{lab}` is not loaded in this runtime"))
}
