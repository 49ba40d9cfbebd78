//! The mdBook side: configuration, directive expansion, and what `labbook check` calls.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use labbook_directives::{Directive, DirectiveError};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::config::Config;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::model::{self, Quiz, QuizError};
use crate::progress::{self, Part};

/// The preprocessor's name, as used in `[preprocessor.labbook-quiz]`.
pub const NAME: &str = "labbook-quiz";

/// The directive names this preprocessor owns.
pub const DIRECTIVES: &[&str] = &["quiz", "progress"];

/// The preprocessor. Stateless apart from a cache of code questions already verified.
#[derive(Debug, Default, Clone, Copy)]
pub struct QuizPreprocessor;

/// Quizzes (file and version) whose code questions passed verification in this process:
/// `labbook serve` rebuilds on every edit, and re-running unchanged reference solutions each
/// time would only slow the preview down.
static VERIFIED: Mutex<Option<HashSet<(PathBuf, String)>>> = Mutex::new(None);

impl Preprocessor for QuizPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> mdbook_preprocessor::errors::Result<Book> {
        let quizzes = quizzes_dir(&ctx.root, &ctx.config);
        let labs = labs_dir(&ctx.root, &ctx.config);
        let src_dir = ctx.root.join(&ctx.config.book.src);
        let outline = progress::outline(&book, &quizzes, &labs);
        let mut failures: Vec<String> = Vec::new();
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else { return };
            let file = chapter
                .source_path
                .as_ref()
                .map(|p| labbook_directives::display_path(&src_dir.join(p)))
                .unwrap_or_else(|| PathBuf::from(&chapter.name));
            let page = chapter.path.clone().unwrap_or_default();
            match expand(&chapter.content, &quizzes, &outline, &page) {
                Ok(content) => chapter.content = content,
                Err(errors) => failures.extend(errors.iter().map(|e| located(e, &file))),
            }
        });
        if failures.is_empty() {
            Ok(book)
        } else {
            Err(anyhow::anyhow!("{}", failures.join("\n")))
        }
    }

    fn supports_renderer(&self, renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        Ok(renderer == "html")
    }
}

/// An error from expanding one chapter: about the directive (the chapter's line) or about the
/// quiz file it names (the quiz's own line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpandError {
    /// The directive itself is wrong.
    Directive(DirectiveError),
    /// The quiz file is.
    Quiz(QuizError),
}

fn located(e: &ExpandError, chapter: &Path) -> String {
    match e {
        ExpandError::Directive(d) => format!("{}:{}: {}", chapter.display(), d.line, d.message),
        ExpandError::Quiz(q) => QuizError { file: labbook_directives::display_path(&q.file), ..q.clone() }.to_string(),
    }
}

/// Where quizzes live: `[preprocessor.labbook-quiz] quizzes-dir`, relative to the book root.
/// Default: `quizzes`.
pub fn quizzes_dir(book_root: &Path, config: &Config) -> PathBuf {
    let configured: Option<String> = config.get(&format!("preprocessor.{NAME}.quizzes-dir")).ok().flatten();
    book_root.join(configured.as_deref().unwrap_or("quizzes"))
}

/// Where labs live, as the labs preprocessor reads it (for lab titles on the progress page).
fn labs_dir(book_root: &Path, config: &Config) -> PathBuf {
    let configured: Option<String> = config.get("preprocessor.labbook-labs.labs-dir").ok().flatten();
    book_root.join(configured.as_deref().unwrap_or("labs"))
}

/// Expands `{{#quiz}}` and `{{#progress}}` in one chapter whose page is `page` (its path in the
/// book, for relative links). Every error is returned, not just the first.
pub fn expand(content: &str, quizzes_dir: &Path, outline: &[Part], page: &Path) -> Result<String, Vec<ExpandError>> {
    let mut quiz_errors = Vec::new();
    let result = labbook_directives::replace(content, DIRECTIVES, |d| {
        let html = match d.name {
            "quiz" => match load_directive(d, quizzes_dir)? {
                Ok(quiz) => {
                    let errors = verify_once(&quiz);
                    if !errors.is_empty() {
                        quiz_errors.extend(errors);
                        return Ok(String::new());
                    }
                    crate::render::render(&quiz)
                }
                Err(errors) => {
                    quiz_errors.extend(errors);
                    return Ok(String::new());
                }
            },
            _ => {
                if !d.args.is_empty() {
                    return Err(DirectiveError::at(d, "`{{#progress}}` takes no arguments"));
                }
                progress::render(outline, page)
            }
        };
        html.map(|h| as_html_block(&h))
            .map_err(|e| DirectiveError::at(d, format!("rendering failed (a bug in {NAME}): {e}")))
    });
    let mut errors: Vec<ExpandError> = match result {
        Ok(out) if quiz_errors.is_empty() => return Ok(out),
        Ok(_) => Vec::new(),
        Err(errors) => errors.into_iter().map(ExpandError::Directive).collect(),
    };
    errors.extend(quiz_errors.into_iter().map(ExpandError::Quiz));
    Err(errors)
}

/// The quiz a directive names: `Err` for a bad directive (at the chapter's line), `Ok(Err)` for
/// a bad quiz file (at the quiz's lines).
fn load_directive(d: &Directive<'_>, quizzes_dir: &Path) -> Result<Result<Quiz, Vec<QuizError>>, DirectiveError> {
    let file = d.args;
    if file.is_empty() {
        return Err(DirectiveError::at(d, "`{{#quiz}}` needs a quiz file, e.g. `{{#quiz part1.toml}}`"));
    }
    if !file.ends_with(".toml") || file.contains(['/', '\\']) || file.contains(char::is_whitespace) {
        return Err(DirectiveError::at(d, format!("`{{{{#quiz {file}}}}}`: name a file in the quizzes folder, like `part1.toml`")));
    }
    let path = quizzes_dir.join(file);
    if !path.is_file() {
        return Err(DirectiveError::at(
            d,
            format!("no quiz `{file}`: expected {}{}", labbook_directives::display_path(&path).display(), available(quizzes_dir)),
        ));
    }
    Ok(model::load(&path))
}

fn verify_once(quiz: &Quiz) -> Vec<QuizError> {
    let key = (quiz.file.clone(), quiz.version.clone());
    if VERIFIED.lock().map(|v| v.as_ref().is_some_and(|s| s.contains(&key))).unwrap_or(false) {
        return Vec::new();
    }
    let errors = model::verify_code(quiz);
    if errors.is_empty()
        && let Ok(mut v) = VERIFIED.lock()
    {
        v.get_or_insert_with(HashSet::new).insert(key);
    }
    errors
}

/// Checks one chapter's directives without rendering, for `labbook check`: directive problems
/// at `chapter`'s lines, quiz problems at the quiz file's lines. Code questions are not run
/// here; [`check_all`] does that once per quiz file.
pub fn check(content: &str, chapter: &Path, quizzes_dir: &Path) -> Vec<QuizError> {
    let mut out = Vec::new();
    for d in labbook_directives::find(content) {
        let at = |e: DirectiveError| QuizError { file: chapter.to_owned(), line: e.line, message: e.message };
        match d.name {
            "quiz" => match load_directive(&d, quizzes_dir) {
                Err(e) => out.push(at(e)),
                Ok(Err(errors)) => out.extend(errors),
                Ok(Ok(_)) => {}
            },
            "progress" if !d.args.is_empty() => out.push(at(DirectiveError::at(&d, "`{{#progress}}` takes no arguments"))),
            _ => {}
        }
    }
    out
}

/// Every quiz file in `quizzes_dir`, validated, with its code questions run: the number of
/// quizzes and every problem. A quiz no chapter uses yet is still checked.
pub fn check_all(quizzes_dir: &Path) -> (usize, Vec<QuizError>) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(quizzes_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    for f in &files {
        match model::load(f) {
            Ok(quiz) => problems.extend(model::verify_code(&quiz)),
            Err(errors) => problems.extend(errors),
        }
    }
    (files.len(), problems)
}

fn available(quizzes_dir: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(quizzes_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    if names.is_empty() { String::new() } else { format!(" (quizzes here: {})", names.join(", ")) }
}

/// Surrounds markup with blank lines so it is one CommonMark HTML block and the Markdown after
/// it renders; the markup itself has no blank line ([`crate::render::without_blank_lines`]).
pub fn as_html_block(html: &str) -> String {
    format!("\n\n{}\n\n", crate::render::without_blank_lines(html))
}


#[cfg(test)]
mod tests {
    use super::*;

    fn quizzes(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    const ONE: &str = "title = \"One\"\n[[questions]]\nkind = \"short\"\nprompt = \"Say *hi*\"\nanswer = \"hello there\"\nexplanation = \"Greetings.\"\n";

    #[test]
    fn quiz_directive_becomes_one_html_block() {
        let dir = quizzes(&[("one.toml", ONE)]);
        let out = expand("Intro\n\n{{#quiz one.toml}}\n\n## Next\n", dir.path(), &[], Path::new("a.md")).unwrap();
        assert!(out.contains(r#"data-labbook-quiz="one""#), "{out}");
        assert!(out.contains("Say <em>hi</em>"));
        assert!(!out.contains("hello there") && !out.contains("Greetings"));
        assert!(out.ends_with("</section>\n\n\n\n## Next\n"), "{out:?}");
    }

    #[test]
    fn bad_directives_are_reported_at_the_chapter_line() {
        let dir = quizzes(&[("one.toml", ONE)]);
        let errors = expand("a\n{{#quiz}}\n{{#quiz nope.toml}}\n{{#quiz ../x.toml}}\n{{#progress now}}\n", dir.path(), &[], Path::new("a.md")).unwrap_err();
        let shown: Vec<String> = errors.iter().map(|e| located(e, Path::new("src/a.md"))).collect();
        assert_eq!(shown.len(), 4, "{shown:?}");
        assert!(shown[0].starts_with("src/a.md:2: `{{#quiz}}` needs a quiz file"), "{shown:?}");
        assert!(shown[1].starts_with("src/a.md:3: no quiz `nope.toml`") && shown[1].ends_with("(quizzes here: one.toml)"), "{shown:?}");
        assert!(shown[2].starts_with("src/a.md:4: `{{#quiz ../x.toml}}`: name a file"), "{shown:?}");
        assert!(shown[3].starts_with("src/a.md:5: `{{#progress}}` takes no arguments"), "{shown:?}");
    }

    #[test]
    fn a_bad_quiz_is_reported_at_the_quiz_files_line() {
        let dir = quizzes(&[("bad.toml", "title = \"B\"\n[[questions]]\nkind = \"poll\"\nprompt = \"p\"\nexplanation = \"e\"\n")]);
        let errors = expand("{{#quiz bad.toml}}", dir.path(), &[], Path::new("a.md")).unwrap_err();
        let shown = located(&errors[0], Path::new("a.md"));
        assert!(shown.ends_with("bad.toml:3: unknown question kind `poll`; kinds: single, multiple, short, numeric, code"), "{shown}");
        let checked = check("{{#quiz bad.toml}}", Path::new("a.md"), dir.path());
        assert_eq!(checked.len(), 1);
        assert_eq!(checked[0].line, 3);
        let (count, problems) = check_all(dir.path());
        assert_eq!((count, problems.len()), (1, 1));
    }

    #[test]
    fn supports_only_html() {
        assert!(QuizPreprocessor.supports_renderer("html").unwrap());
        assert!(!QuizPreprocessor.supports_renderer("markdown").unwrap());
    }
}
