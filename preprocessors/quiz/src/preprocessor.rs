//! The mdBook side: configuration, directive expansion, and what `labbook check` calls.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use course::Course;
use labbook_directives::DirectiveError;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::config::Config;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use labbook_seal::SealKey;

use crate::model::{self, Quiz, QuizError};
use crate::progress::{self, Part};

/// The preprocessor's name, as used in `[preprocessor.labbook-quiz]`.
pub const NAME: &str = "labbook-quiz";

/// The directive names this preprocessor owns.
pub const DIRECTIVES: &[&str] = &["quiz", "progress"];

/// The preprocessor. Holds the course `labbook` loaded for this build; without one (the stock
/// mdBook binary) it loads the course from the [`PreprocessorContext`] on each run.
#[derive(Debug, Default, Clone)]
pub struct QuizPreprocessor {
    course: Option<Arc<Course>>,
}

impl QuizPreprocessor {
    /// The preprocessor for an already-loaded course.
    pub fn new(course: Arc<Course>) -> QuizPreprocessor {
        QuizPreprocessor { course: Some(course) }
    }
}

/// Quizzes (file and version) whose code questions passed verification in this process:
/// `labbook serve` rebuilds on every edit, and re-running unchanged reference solutions each
/// time would only slow the preview down.
static VERIFIED: Mutex<Option<HashSet<(PathBuf, String)>>> = Mutex::new(None);

impl Preprocessor for QuizPreprocessor {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> mdbook_preprocessor::errors::Result<Book> {
        let course = match &self.course {
            Some(course) => Arc::clone(course),
            None => Arc::new(Course::from_config(&ctx.root, &ctx.config)?),
        };
        let src_dir = &course.settings().src_dir;
        let outline = progress::outline(&course);
        let key = seal_key(&ctx.config);
        let mut failures: Vec<String> = Vec::new();
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else { return };
            let file = chapter
                .source_path
                .as_ref()
                .map(|p| labbook_directives::display_path(&src_dir.join(p)))
                .unwrap_or_else(|| PathBuf::from(&chapter.name));
            let page = chapter.path.clone().unwrap_or_default();
            match expand(&chapter.content, &course, &outline, &page, key.as_ref()) {
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

/// The config key under which `labbook build` hands the lab runtime's seal key to this
/// preprocessor (in-process only: it is never in `book.toml` or the site).
pub const SEAL_KEY_CONFIG: &str = "preprocessor.labbook-quiz.seal-key";

/// The runtime's seal key: from the config `labbook` sets, else `LABBOOK_SEAL_KEY` (for stock
/// mdBook). Without one, code questions are rendered without their sealed lab.
fn seal_key(config: &Config) -> Option<SealKey> {
    let text: Option<String> = config.get(SEAL_KEY_CONFIG).ok().flatten();
    let text = text.or_else(|| std::env::var("LABBOOK_SEAL_KEY").ok())?;
    SealKey::from_hex(&text).ok()
}

/// Expands `{{#quiz}}` and `{{#progress}}` in one chapter whose page is `page` (its path in the
/// book, for relative links). Every error is returned, not just the first.
pub fn expand(content: &str, course: &Course, outline: &[Part], page: &Path, key: Option<&SealKey>) -> Result<String, Vec<ExpandError>> {
    let mut quiz_errors = Vec::new();
    let result = labbook_directives::replace(content, DIRECTIVES, |d| {
        let html = match d.name {
            "quiz" => {
                let quiz = course.quiz_for(d)?;
                let errors = verify_once(quiz);
                if !errors.is_empty() {
                    quiz_errors.extend(errors);
                    return Ok(String::new());
                }
                crate::render::render(quiz, key)
            }
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

/// Checks the directives of one chapter that the course model does not (it checks every
/// `{{#quiz}}` when it loads), for `labbook check`.
pub fn check(content: &str) -> Vec<DirectiveError> {
    labbook_directives::find(content)
        .iter()
        .filter(|d| d.name == "progress" && !d.args.is_empty())
        .map(|d| DirectiveError::at(d, "`{{#progress}}` takes no arguments"))
        .collect()
}

/// Runs every code question of every quiz in `course` (its reference solution must pass, its
/// starter must not), quizzes no chapter places yet too; for `labbook check`.
pub fn verify(course: &Course) -> Vec<QuizError> {
    course.quizzes().flat_map(model::verify_code).collect()
}

/// Surrounds markup with blank lines so it is one CommonMark HTML block and the Markdown after
/// it renders; the markup itself has no blank line ([`crate::render::without_blank_lines`]).
pub fn as_html_block(html: &str) -> String {
    format!("\n\n{}\n\n", crate::render::without_blank_lines(html))
}


#[cfg(test)]
mod tests {
    use super::*;

    /// A book whose chapter `a.md` is `chapter`, with these quiz files, loaded leniently (so a
    /// test can expand a chapter the strict load would refuse).
    fn course(chapter: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, Course) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir_all(root.join("quizzes")).unwrap();
        std::fs::write(root.join("book.toml"), "").unwrap();
        std::fs::write(root.join("src/SUMMARY.md"), "[A](a.md)\n").unwrap();
        std::fs::write(root.join("src/a.md"), chapter).unwrap();
        for (name, text) in files {
            std::fs::write(root.join("quizzes").join(name), text).unwrap();
        }
        let (course, _) = Course::read(root).unwrap();
        (dir, course)
    }

    const ONE: &str = "title = \"One\"\n[[questions]]\nkind = \"short\"\nprompt = \"Say *hi*\"\nanswer = \"hello there\"\nexplanation = \"Greetings.\"\n";

    #[test]
    fn quiz_directive_becomes_one_html_block() {
        let chapter = "Intro\n\n{{#quiz one.toml}}\n\n## Next\n";
        let (_dir, course) = course(chapter, &[("one.toml", ONE)]);
        let out = expand(chapter, &course, &[], Path::new("a.md"), None).unwrap();
        assert!(out.contains(r#"data-labbook-quiz="one""#), "{out}");
        assert!(out.contains("Say <em>hi</em>"));
        assert!(!out.contains("hello there") && !out.contains("Greetings"));
        assert!(out.ends_with("</section>\n\n\n\n## Next\n"), "{out:?}");
    }

    #[test]
    fn bad_directives_are_reported_at_the_chapter_line() {
        let chapter = "a\n{{#quiz}}\n{{#quiz nope.toml}}\n{{#quiz ../x.toml}}\n{{#progress now}}\n";
        let (_dir, course) = course(chapter, &[("one.toml", ONE)]);
        let errors = expand(chapter, &course, &[], Path::new("a.md"), None).unwrap_err();
        let shown: Vec<String> = errors.iter().map(|e| located(e, Path::new("src/a.md"))).collect();
        assert_eq!(shown.len(), 4, "{shown:?}");
        assert!(shown[0].starts_with("src/a.md:2: `{{#quiz}}` needs a quiz file"), "{shown:?}");
        assert!(shown[1].starts_with("src/a.md:3: no quiz `nope.toml`") && shown[1].ends_with("(quizzes here: one.toml)"), "{shown:?}");
        assert!(shown[2].starts_with("src/a.md:4: `{{#quiz ../x.toml}}`: name a file"), "{shown:?}");
        assert!(shown[3].starts_with("src/a.md:5: `{{#progress}}` takes no arguments"), "{shown:?}");
        assert_eq!(check(chapter).iter().map(|e| e.line).collect::<Vec<_>>(), [5]);
    }

    #[test]
    fn a_failing_code_question_is_reported_by_verify() {
        let code = "title = \"C\"\n[[questions]]\nkind = \"code\"\nid = \"one\"\nprompt = \"Return 1.\"\nexplanation = \"e\"\nsolution = \"\"\"\ndef lambda_handler(event, context):\n    return 2\n\"\"\"\n[[questions.cases]]\nname = \"one\"\nsteps = [{ invoke = {} }]\nchecks = [{ returned = { equals = 1 } }]\n";
        let (_dir, course) = course("{{#quiz c.toml}}", &[("c.toml", code)]);
        let problems = verify(&course);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 7);
        assert!(problems[0].message.contains("the reference solution of question `one` fails its checks"), "{problems:?}");
    }

    #[test]
    fn supports_only_html() {
        assert!(QuizPreprocessor::default().supports_renderer("html").unwrap());
        assert!(!QuizPreprocessor::default().supports_renderer("markdown").unwrap());
    }
}
