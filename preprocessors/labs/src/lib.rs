//! The `labbook-labs` mdBook preprocessor: lab panels and the runtime check in chapters.
//!
//! Two directives are ours:
//! - `{{#lab <id>}}` places the interactive panel of the lab in `book/labs/<id>/` (title,
//!   brief, hints and starter come from the [`Course`]'s loaded lab). The panel is inert HTML
//!   until the page's script brings the lab runtime in, so a page without a lab never
//!   downloads the wasm.
//! - `{{#runtime-check}}` places a small box that loads the runtime and reports its version:
//!   the course's "is my browser ready?" check.
//! - `{{#terminal}}` (or `{{#terminal NAME}}`) places a terminal with the `aws` CLI over a
//!   simulated account, a file tree and an editor. Its workspace persists in the browser under
//!   NAME (default: the chapter's path), so two terminals named alike share their files.
//!
//! Markup comes from minijinja templates in `templates/`, so the theme's CSS and JS and the
//! HTML they style are edited side by side. Directive errors carry the chapter file and line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use course::Course;
use labbook_directives::{DirectiveError, display_path};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use minijinja::Environment;

mod panel;
mod page;

pub use page::lab_page;

/// The preprocessor's name, as used in `[preprocessor.labbook-labs]`.
pub const NAME: &str = "labbook-labs";

/// The directive names this preprocessor owns.
pub const DIRECTIVES: &[&str] = &["lab", "runtime-check", "terminal"];

/// Errors from expanding lab directives.
#[derive(Debug, thiserror::Error)]
pub enum LabsError {
    /// One or more directives in a chapter are malformed or name a missing lab.
    #[error("{}", format_directive_errors(file, errors))]
    Directives {
        /// The chapter's source file.
        file: PathBuf,
        /// Every bad directive in that file.
        errors: Vec<DirectiveError>,
    },
    /// A built-in template failed to render (a bug in this crate, not in the book).
    #[error("rendering the `{template}` template: {source}")]
    Template {
        /// Template name.
        template: &'static str,
        /// What minijinja said.
        source: minijinja::Error,
    },
}

fn format_directive_errors(file: &Path, errors: &[DirectiveError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}:{}: {}", file.display(), e.line, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The preprocessor. Holds the course `labbook` loaded for this build; without one (the stock
/// mdBook binary) it loads the course from the [`PreprocessorContext`] on each run.
#[derive(Debug, Default, Clone)]
pub struct LabsPreprocessor {
    course: Option<Arc<Course>>,
}

impl LabsPreprocessor {
    /// The preprocessor for an already-loaded course.
    pub fn new(course: Arc<Course>) -> LabsPreprocessor {
        LabsPreprocessor { course: Some(course) }
    }
}

impl Preprocessor for LabsPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> mdbook_preprocessor::errors::Result<Book> {
        let course = match &self.course {
            Some(course) => Arc::clone(course),
            None => Arc::new(Course::from_config(&ctx.root, &ctx.config)?),
        };
        let src_dir = &course.settings().src_dir;
        let mut failure: Option<LabsError> = None;
        book.for_each_chapter_mut(|chapter| {
            if failure.is_some() {
                return;
            }
            let file = chapter
                .source_path
                .as_ref()
                .map(|p| display_path(&src_dir.join(p)))
                .unwrap_or_else(|| PathBuf::from(&chapter.name));
            match expand(&chapter.content, &course, &file) {
                Ok(content) => chapter.content = content,
                Err(e) => failure = Some(e),
            }
        });
        match failure {
            Some(e) => Err(e.into()),
            None => Ok(book),
        }
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        // The panels are HTML and script; other renderers get the directive text untouched.
        Ok(renderer == "html")
    }
}

/// Expands our directives in one chapter's Markdown. `file` is only used in error messages.
pub fn expand(content: &str, course: &Course, file: &Path) -> Result<String, LabsError> {
    let env = templates();
    let mut template_error = None;
    let result = labbook_directives::replace(content, DIRECTIVES, |d| {
        let (template, context) = match d.name {
            "lab" => {
                let lab = course.lab_for(d)?;
                // A terminal lab is done in a terminal, graded on the account it leaves.
                (if lab.is_terminal_lab() { "terminal-lab.html" } else { "lab.html" }, panel::context(lab))
            }
            "terminal" => ("terminal.html", minijinja::context! { key => terminal_key(d, file)? }),
            _ => {
                if !d.args.is_empty() {
                    return Err(DirectiveError::at(d, "`{{#runtime-check}}` takes no arguments"));
                }
                ("runtime-check.html", minijinja::Value::UNDEFINED)
            }
        };
        match env.get_template(template).and_then(|t| t.render(context)) {
            Ok(html) => Ok(as_html_block(&html)),
            Err(source) => {
                template_error.get_or_insert(LabsError::Template { template, source });
                Ok(String::new())
            }
        }
    });
    if let Some(e) = template_error {
        return Err(e);
    }
    result.map_err(|errors| LabsError::Directives {
        file: file.to_owned(),
        errors,
    })
}

/// The workspace key of a `{{#terminal}}`: its NAME, or the chapter's path without `.md`.
fn terminal_key(d: &labbook_directives::Directive<'_>, file: &Path) -> Result<String, DirectiveError> {
    let name = d.args.trim();
    if name.is_empty() {
        return Ok(file.with_extension("").to_string_lossy().replace('\\', "/"));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(DirectiveError::at(d, format!("`{{{{#terminal {name}}}}}`: a terminal's name is letters, digits, `-` and `_` (it keys the learner's saved files)")));
    }
    Ok(name.to_owned())
}

/// Checks the directives of one chapter that the course model does not (it checks every
/// `{{#lab}}` when it loads); used by `labbook check`.
pub fn check(content: &str) -> Vec<DirectiveError> {
    let mut errors: Vec<DirectiveError> = labbook_directives::find(content)
        .iter()
        .filter(|d| d.name == "runtime-check" && !d.args.is_empty())
        .map(|d| DirectiveError::at(d, "`{{#runtime-check}}` takes no arguments"))
        .collect();
    for d in labbook_directives::find(content).iter().filter(|d| d.name == "terminal") {
        if let Err(e) = terminal_key(d, Path::new("chapter.md")) {
            errors.push(e);
        }
    }
    errors.sort_by_key(|e| e.line);
    errors
}

fn templates() -> Environment<'static> {
    let mut env = Environment::new();
    // Auto-escaping by extension: lab titles are author text and must not become markup.
    env.add_template("lab.html", include_str!("../templates/lab.html"))
        .expect("lab.html parses");
    env.add_template("runtime-check.html", include_str!("../templates/runtime-check.html"))
        .expect("runtime-check.html parses");
    env.add_template("lab-page.html", include_str!("../templates/lab-page.html"))
        .expect("lab-page.html parses");
    env.add_template("terminal.html", include_str!("../templates/terminal.html"))
        .expect("terminal.html parses");
    env.add_template("terminal-lab.html", include_str!("../templates/terminal-lab.html"))
        .expect("terminal-lab.html parses");
    env
}

/// CommonMark ends an HTML block at a blank line; surround the markup with blank lines and
/// drop any inside it so the whole panel stays one block and the Markdown after it renders.
fn as_html_block(html: &str) -> String {
    let body: Vec<&str> = html.lines().filter(|l| !l.trim().is_empty()).collect();
    format!("\n\n{}\n\n", body.join("\n"))
}


#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A book with one chapter and lab `hello` ("Say <hi>", a Markdown brief and hint, a
    /// starter with a blank line), loaded as a course; `lab.toml` may be replaced.
    pub(crate) fn course_with(toml: Option<&str>) -> (tempfile::TempDir, Course) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir_all(root.join("labs/hello")).unwrap();
        std::fs::write(root.join("book.toml"), "").unwrap();
        std::fs::write(root.join("src/SUMMARY.md"), "[A](a.md)\n").unwrap();
        std::fs::write(root.join("src/a.md"), "{{#lab hello}}\n").unwrap();
        let lab = "title = \"Say <hi>\"\nbrief = \"Return **hi**.\"\nhints = [\"Use `return`.\"]\n[[cases]]\nname = \"hi\"\nsteps = [ { invoke = {} } ]\nchecks = [ { returned = { equals = \"hi\" } } ]\n";
        std::fs::write(root.join("labs/hello/lab.toml"), toml.unwrap_or(lab)).unwrap();
        std::fs::write(root.join("labs/hello/starter.py"), "def lambda_handler(event, context):\n\n    return '<b>'\n").unwrap();
        std::fs::write(root.join("labs/hello/solution.py"), "SECRET_SOLUTION = 1\n").unwrap();
        let course = Course::load(root).unwrap_or_else(|e| panic!("{e}"));
        (dir, course)
    }

    #[test]
    fn lab_directive_becomes_one_html_block_with_escaped_title() {
        let (_dir, course) = course_with(None);
        let out = expand("Intro\n\n{{#lab hello}}\n\n## Next\n", &course, Path::new("ch.md")).unwrap();
        assert!(out.contains(r#"data-labbook-lab="hello""#), "{out}");
        assert!(out.contains("Say &lt;hi&gt;"), "{out}");
        assert!(out.contains("<strong>hi</strong>"), "brief from the loaded lab: {out}");
        assert!(!out.contains("\n\n<h3"), "blank line inside the block: {out}");
        assert!(out.ends_with("\n\n\n\n## Next\n"), "{out:?}");
    }

    #[test]
    fn terminal_directive_keys_its_workspace_by_name_or_chapter() {
        let (_dir, course) = course_with(None);
        let named = expand("{{#terminal cli-basics}}\n", &course, Path::new("part1/cli.md")).unwrap();
        assert!(named.contains(r#"data-labbook-terminal="cli-basics""#), "{named}");
        assert!(!named.trim().contains("\n\n"), "one HTML block: {named}");
        let unnamed = expand("{{#terminal}}\n", &course, Path::new("part1/cli.md")).unwrap();
        assert!(unnamed.contains(r#"data-labbook-terminal="part1&#x2f;cli""#), "escaped as an attribute: {unnamed}");
        let bad = expand("x\n{{#terminal my files}}\n", &course, Path::new("c.md")).unwrap_err().to_string();
        assert!(bad.starts_with("c.md:2: `{{#terminal my files}}`: a terminal's name is letters, digits"), "{bad}");
        assert_eq!(check("{{#terminal ok}}\n{{#terminal not ok}}\n").iter().map(|e| e.line).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn missing_lab_names_file_line_and_available_labs() {
        let (_dir, course) = course_with(None);
        let err = expand("a\n\n{{#lab s3-uplod}}\n", &course, Path::new("src/s3.md")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("src/s3.md:3: no lab `s3-uplod`"), "{msg}");
        assert!(msg.contains("(labs here: hello)"), "{msg}");
    }

    #[test]
    fn runtime_check_arguments_are_reported_at_their_line() {
        let errors = check("{{#lab hello}}\n{{#runtime-check}}\n{{#runtime-check now}}\n");
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3]);
        assert!(errors[0].message.contains("takes no arguments"));
    }

    #[test]
    fn runtime_check_renders_status_and_button() {
        let (_dir, course) = course_with(None);
        let out = expand("{{#runtime-check}}", &course, Path::new("x.md")).unwrap();
        assert!(out.contains("data-labbook-runtime"));
        assert!(out.contains(r#"role="status""#));
        assert!(out.contains("<button type=\"button\""));
    }

    #[test]
    fn supports_only_html() {
        assert!(LabsPreprocessor::default().supports_renderer("html").unwrap());
        assert!(!LabsPreprocessor::default().supports_renderer("markdown").unwrap());
    }
}
