//! The course's terminal: a small shell over a virtual workspace and an `aws` command with
//! AWS CLI v2's arguments, output and errors, talking to the mock cloud through [`Backend`].
//!
//! The same [`Terminal`] runs natively (`labbook shell`, tests, terminal labs' grading) and in
//! the browser (inside the lab worker). It never touches a real disk or network: files live in
//! a [`Vfs`], AWS calls go to whatever [`Backend`] the host gives it (the mock cloud, with
//! Lambda's Invoke running the function's code in the Python engine).

pub mod aws;
mod commands;
pub mod json;
pub mod output;
pub mod shell;
pub mod vfs;

use std::sync::Arc;

use serde_json::Value;

pub use aws::model::Model;
pub use output::{Output, Stream};
pub use shell::exec::Shell;
pub use vfs::Vfs;

/// A service's error response: botocore's `ClientError` as the CLI reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError {
    /// Error code (`ResourceNotFoundException`).
    pub code: String,
    /// Error message.
    pub message: String,
    /// HTTP status.
    pub status: u16,
    /// The full `response` dict (`Error` and any modelled top-level members).
    pub response: Value,
}

/// Where the `aws` command's calls go.
pub trait Backend {
    /// One operation: `service` as botocore names it (`lambda`), PascalCase `operation`,
    /// botocore-shaped params (bytes as `{"$bytes": base64}`).
    fn call(&mut self, service: &str, operation: &str, params: &Value) -> Result<Value, ServiceError>;
}

/// A terminal session: the shell's state and the model its `aws` command reads.
#[derive(Debug, Clone)]
pub struct Terminal {
    /// The shell (workspace, directory, variables).
    pub shell: Shell,
}

impl Terminal {
    /// A session over `vfs`, with the default model ([`Model::default_model`]: natively the
    /// compiled-in one, in the browser the one the page sent).
    pub fn new(vfs: Vfs) -> Terminal {
        Terminal::with_model(vfs, Model::default_model())
    }

    /// A session with a model the host loaded (the browser fetches it).
    pub fn with_model(vfs: Vfs, model: Arc<Model>) -> Terminal {
        Terminal { shell: Shell::new(vfs, model) }
    }

    /// Runs one command line (or several lines) and returns what it printed.
    pub fn run(&mut self, source: &str, backend: &mut dyn Backend) -> Output {
        let mut output = Output::default();
        let status = self.shell.run(source, backend, &mut output);
        output.exit_code = status;
        output
    }

    /// Whether `source` needs another line (open quote, `\`, here-document, trailing `&&`).
    pub fn is_incomplete(source: &str) -> bool {
        shell::parse::is_incomplete(source)
    }

    /// The prompt, as CloudShell's bash shows it (`~/app $ `).
    pub fn prompt(&self) -> String {
        let cwd = &self.shell.cwd;
        let shown = if cwd == vfs::HOME { "~".to_owned() } else if let Some(rest) = cwd.strip_prefix(&format!("{}/", vfs::HOME)) { format!("~/{rest}") } else { cwd.clone() };
        format!("{shown} $ ")
    }
}
