//! Terminal sessions in the runtime: each holds a [`Terminal`] (shell and workspace) and the
//! simulated [`Account`] its `aws` commands reach. The page sends command lines and gets back
//! what they printed, the prompt, and the workspace when a command changed it (the page saves
//! it, so the learner's files survive a reload or a replaced worker).
//!
//! The message types are always here (the protocol names them); the sessions only with the
//! `terminal` feature, so the runtime of plain lab pages carries none of the terminal.

use std::collections::BTreeMap;
#[cfg(feature = "terminal")]
use std::collections::HashMap;
#[cfg(feature = "terminal")]
use std::sync::Arc;

#[cfg(feature = "terminal")]
use base64::Engine as _;
#[cfg(feature = "terminal")]
use base64::engine::general_purpose::STANDARD;
#[cfg(feature = "terminal")]
use labs::Account;
#[cfg(feature = "terminal")]
use labs::terminal_lab::{self, CommandRecord};
use serde::{Deserialize, Serialize};
use terminal::Stream;
#[cfg(feature = "terminal")]
use terminal::{Model, Terminal, Vfs};

/// One chunk of output.
#[derive(Debug, Clone, Serialize)]
pub struct Chunk {
    /// `stdout` or `stderr`.
    pub stream: Stream,
    /// The text (invalid UTF-8 replaced).
    pub text: String,
}

/// What a command line did, for the page.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ran {
    /// The line needs another one (open quote, `\`, here-document): nothing ran.
    pub incomplete: bool,
    /// Output in order.
    pub chunks: Vec<Chunk>,
    /// `$?`.
    pub exit_code: i32,
    /// `clear` ran.
    pub clear: bool,
    /// The next prompt.
    pub prompt: String,
    /// The workspace (relative path → base64), when the line changed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<BTreeMap<String, String>>,
}

/// One thing the learner did in a session, as the page keeps it: replaying a session's entries
/// in order rebuilds its account and workspace after a reload or a replaced worker.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Entry {
    /// A command line (or the lines of one command) that ran.
    Run(String),
    /// A file saved from the page's editor.
    Write {
        /// Path relative to the home folder.
        path: String,
        /// Its text.
        text: String,
    },
}

#[cfg(feature = "terminal")]
struct Session {
    terminal: Terminal,
    account: Account,
    /// The terminal lab the session is for, if any.
    lab: Option<labs::Lab>,
    /// Every command line run, for the lab's checks.
    records: Vec<CommandRecord>,
}

/// The runtime's terminal sessions and the model they share.
#[cfg(feature = "terminal")]
#[derive(Default)]
pub struct Sessions {
    model: Option<Arc<Model>>,
    sessions: HashMap<String, Session>,
}

/// Workspace files as the page stores them.
#[cfg(feature = "terminal")]
pub fn encode_files(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    files.iter().map(|(k, v)| (k.clone(), STANDARD.encode(v))).collect()
}

#[cfg(feature = "terminal")]
impl Sessions {
    /// Opens (or reopens) session `id`: the lab's starting point (or a workspace of `files`),
    /// then `replay` applied in order. `model` is the service model's JSON text, needed once per
    /// runtime in the browser (natively the compiled-in one is used). Returns the prompt and the
    /// workspace.
    pub fn open(
        &mut self,
        id: &str,
        lab: Option<&labs::Lab>,
        files: &BTreeMap<String, String>,
        replay: &[Entry],
        model: Option<&str>,
    ) -> Result<(String, BTreeMap<String, String>), String> {
        if let Some(text) = model
            && self.model.is_none()
        {
            let parsed = Arc::new(Model::from_json(text).map_err(|e| format!("the terminal's service model is not valid: {e}"))?);
            Model::install(parsed.clone());
            self.model = Some(parsed);
        }
        let model = match &self.model {
            Some(m) => m.clone(),
            None => bundled_model().ok_or("open the terminal with its service model (labbook/aws-model.json)")?,
        };
        self.model = Some(model.clone());
        let mut decoded = Vec::new();
        for (path, b64) in files {
            let bytes = STANDARD.decode(b64).map_err(|_| format!("workspace file {path} is not base64"))?;
            decoded.push((path.clone(), bytes));
        }
        let (terminal, account) = match lab {
            Some(lab) => {
                let (t, a) = terminal_lab::start(lab).map_err(|e| format!("lab `{}` could not start: {e}", lab.id))?;
                (Terminal::with_model(t.shell.vfs, model), a)
            }
            None => (Terminal::with_model(Vfs::with_files(decoded), model), Account::default()),
        };
        let mut session = Session { terminal, account, lab: lab.cloned(), records: Vec::new() };
        for entry in replay {
            match entry {
                Entry::Run(source) if !Terminal::is_incomplete(source) => {
                    let output = session.terminal.run(source, &mut session.account);
                    session.records.push(CommandRecord::new(source, &output));
                }
                Entry::Run(_) => {}
                Entry::Write { path, text } => write(&mut session.terminal, path, text)?,
            }
        }
        let prompt = session.terminal.prompt();
        let files = encode_files(&session.terminal.shell.vfs.home_files());
        self.sessions.insert(id.to_owned(), session);
        Ok((prompt, files))
    }

    /// The lab and grade of session `id`'s work so far.
    pub fn grade(&self, id: &str) -> Result<(&labs::Lab, labs::Grade), String> {
        let s = self.sessions.get(id).ok_or_else(|| format!("terminal session `{id}` is not open in this runtime"))?;
        let lab = s.lab.as_ref().ok_or_else(|| format!("terminal session `{id}` is not a lab's"))?;
        Ok((lab, terminal_lab::grade(lab, &s.account, &s.records)))
    }

    /// Runs `source` in session `id`.
    pub fn run(&mut self, id: &str, source: &str) -> Result<Ran, String> {
        let s = self.sessions.get_mut(id).ok_or_else(|| format!("terminal session `{id}` is not open in this runtime"))?;
        if Terminal::is_incomplete(source) {
            return Ok(Ran { incomplete: true, chunks: vec![], exit_code: s.terminal.shell.last_status, clear: false, prompt: "> ".into(), files: None });
        }
        let before = s.terminal.shell.vfs.home_files();
        let output = s.terminal.run(source, &mut s.account);
        s.records.push(CommandRecord::new(source, &output));
        let after = s.terminal.shell.vfs.home_files();
        let chunks = output.chunks.iter().map(|(stream, bytes)| Chunk { stream: *stream, text: String::from_utf8_lossy(bytes).into_owned() }).collect();
        Ok(Ran {
            incomplete: false,
            chunks,
            exit_code: output.exit_code,
            clear: output.clear,
            prompt: s.terminal.prompt(),
            files: (before != after).then(|| encode_files(&after)),
        })
    }

    /// Writes a file the learner edited in the page's editor.
    pub fn write(&mut self, id: &str, path: &str, text: &str) -> Result<(), String> {
        let s = self.sessions.get_mut(id).ok_or_else(|| format!("terminal session `{id}` is not open in this runtime"))?;
        write(&mut s.terminal, path, text)
    }
}

#[cfg(feature = "terminal")]
fn write(terminal: &mut Terminal, path: &str, text: &str) -> Result<(), String> {
    let full = terminal::vfs::resolve(terminal::vfs::HOME, path);
    terminal.shell.vfs.mkdir_p(terminal::vfs::parent(&full));
    terminal.shell.vfs.write(&full, text.as_bytes().to_vec()).map_err(|e| e.to_string())
}

#[cfg(all(feature = "terminal", not(target_arch = "wasm32")))]
fn bundled_model() -> Option<Arc<Model>> {
    Some(Arc::new(Model::bundled()))
}

/// The browser's runtime carries no model: pages without a terminal never pay for it.
#[cfg(all(feature = "terminal", target_arch = "wasm32"))]
fn bundled_model() -> Option<Arc<Model>> {
    None
}
