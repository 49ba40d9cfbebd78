//! The `labbook-labs` mdBook preprocessor: lab panels and the runtime check in chapters.
//!
//! Two directives are ours:
//! - `{{#lab <id>}}` places the interactive panel of the lab in `book/labs/<id>/` (its
//!   `lab.toml` gives the title). The panel is inert HTML until the page's script brings the
//!   lab runtime in, so a page without a lab never downloads the wasm.
//! - `{{#runtime-check}}` places a small box that loads the runtime and reports its version:
//!   the course's "is my browser ready?" check.
//!
//! Markup comes from minijinja templates in `templates/`, so the theme's CSS and JS and the
//! HTML they style are edited side by side. Directive errors carry the chapter file and line.

use std::path::{Path, PathBuf};

use labbook_directives::{Directive, DirectiveError, display_path};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::config::Config;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use minijinja::Environment;

mod panel;
mod page;

pub use page::{EMBED_ORIGIN_KEY, embed_origin, lab_page};
use panel::LabHeader;

/// The preprocessor's name, as used in `[preprocessor.labbook-labs]`.
pub const NAME: &str = "labbook-labs";

/// The directive names this preprocessor owns.
pub const DIRECTIVES: &[&str] = &["lab", "runtime-check"];

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
    /// A lab's standalone page could not be made (missing or malformed `lab.toml`).
    #[error("lab `{id}`: {message}")]
    Lab {
        /// The lab's id.
        id: String,
        /// What went wrong.
        message: String,
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

/// The preprocessor. Stateless: everything it needs comes from the [`PreprocessorContext`].
#[derive(Debug, Default, Clone, Copy)]
pub struct LabsPreprocessor;

impl Preprocessor for LabsPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> mdbook_preprocessor::errors::Result<Book> {
        let labs_dir = labs_dir(&ctx.root, &ctx.config);
        let src_dir = ctx.root.join(&ctx.config.book.src);
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
            match expand(&chapter.content, &labs_dir, &file) {
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

/// Where labs live: `[preprocessor.labbook-labs] labs-dir`, relative to the book root.
/// Default: `labs`.
pub fn labs_dir(book_root: &Path, config: &Config) -> PathBuf {
    let configured: Option<String> = config
        .get(&format!("preprocessor.{NAME}.labs-dir"))
        .ok()
        .flatten();
    book_root.join(configured.as_deref().unwrap_or("labs"))
}

/// Expands our directives in one chapter's Markdown. `file` is only used in error messages.
pub fn expand(content: &str, labs_dir: &Path, file: &Path) -> Result<String, LabsError> {
    let env = templates();
    let mut template_error = None;
    let result = labbook_directives::replace(content, DIRECTIVES, |d| {
        let (template, context) = match d.name {
            "lab" => ("lab.html", lab_context(d, labs_dir)?),
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

/// Checks the directives of one chapter without rendering anything; used by `labbook check`.
pub fn check(content: &str, labs_dir: &Path) -> Vec<DirectiveError> {
    labbook_directives::find(content)
        .iter()
        .filter_map(|d| match d.name {
            "lab" => lab_context(d, labs_dir).err(),
            "runtime-check" if !d.args.is_empty() => Some(DirectiveError::at(
                d,
                "`{{#runtime-check}}` takes no arguments",
            )),
            _ => None,
        })
        .collect()
}

fn lab_context(d: &Directive<'_>, labs_dir: &Path) -> Result<minijinja::Value, DirectiveError> {
    let id = d.args;
    if id.is_empty() {
        return Err(DirectiveError::at(d, "`{{#lab}}` needs a lab id, e.g. `{{#lab s3-upload}}`"));
    }
    if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(DirectiveError::at(
            d,
            format!("lab id `{id}` may only use lowercase letters, digits and `-` (it names a folder and a URL)"),
        ));
    }
    let toml_path = labs_dir.join(id).join("lab.toml");
    let text = std::fs::read_to_string(&toml_path).map_err(|_| {
        DirectiveError::at(
            d,
            format!(
                "no lab `{id}`: expected {}; create it or fix the id{}",
                display_path(&toml_path).display(),
                available_labs(labs_dir)
            ),
        )
    })?;
    let header: LabHeader = toml::from_str(&text).map_err(|e| {
        DirectiveError::at(d, format!("{}: {}", display_path(&toml_path).display(), e.message()))
    })?;
    Ok(header.context(id, &labs_dir.join(id)))
}

fn available_labs(labs_dir: &Path) -> String {
    let mut ids: Vec<String> = std::fs::read_dir(labs_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("lab.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    if ids.is_empty() {
        String::new()
    } else {
        format!(" (labs here: {})", ids.join(", "))
    }
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
    env
}

/// CommonMark ends an HTML block at a blank line; surround the markup with blank lines and
/// drop any inside it so the whole panel stays one block and the Markdown after it renders.
fn as_html_block(html: &str) -> String {
    let body: Vec<&str> = html.lines().filter(|l| !l.trim().is_empty()).collect();
    format!("\n\n{}\n\n", body.join("\n"))
}


#[cfg(test)]
mod tests {
    use super::*;

    fn labs_with(id: &str, toml: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(id)).unwrap();
        std::fs::write(dir.path().join(id).join("lab.toml"), toml).unwrap();
        dir
    }

    #[test]
    fn lab_directive_becomes_one_html_block_with_escaped_title() {
        let labs = labs_with("s3-upload", "title = \"Validate <CSV> uploads\"\n");
        let out = expand("Intro\n\n{{#lab s3-upload}}\n\n## Next\n", labs.path(), Path::new("ch.md")).unwrap();
        assert!(out.contains(r#"data-labbook-lab="s3-upload""#), "{out}");
        assert!(out.contains("Validate &lt;CSV&gt; uploads"), "{out}");
        assert!(!out.contains("\n\n<h3"), "blank line inside the block: {out}");
        assert!(out.ends_with("\n\n\n\n## Next\n"), "{out:?}");
    }

    #[test]
    fn missing_lab_names_file_line_and_available_labs() {
        let labs = labs_with("sqs-orders", "title = \"Orders\"\n");
        let err = expand("a\n\n{{#lab s3-uplod}}\n", labs.path(), Path::new("src/s3.md")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("src/s3.md:3: no lab `s3-uplod`"), "{msg}");
        assert!(msg.contains("(labs here: sqs-orders)"), "{msg}");
    }

    #[test]
    fn bad_ids_and_arguments_are_reported_together() {
        let labs = tempfile::tempdir().unwrap();
        let errors = check("{{#lab}}\n{{#lab Bad_Id}}\n{{#runtime-check now}}\n", labs.path());
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
        assert!(errors[1].message.contains("lowercase"));
    }

    #[test]
    fn malformed_lab_toml_is_reported_at_the_directive() {
        let labs = labs_with("broken", "title = \n");
        let errors = check("{{#lab broken}}", labs.path());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("lab.toml"), "{}", errors[0].message);
    }

    #[test]
    fn runtime_check_renders_status_and_button() {
        let out = expand("{{#runtime-check}}", Path::new("/nonexistent"), Path::new("x.md")).unwrap();
        assert!(out.contains("data-labbook-runtime"));
        assert!(out.contains(r#"role="status""#));
        assert!(out.contains("<button type=\"button\""));
    }

    #[test]
    fn supports_only_html() {
        assert!(LabsPreprocessor.supports_renderer("html").unwrap());
        assert!(!LabsPreprocessor.supports_renderer("markdown").unwrap());
    }
}
