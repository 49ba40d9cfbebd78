//! The course as one loaded model: what `book.toml` says about labs and quizzes
//! ([`Settings`]), every lab (`labs::Lab`, parsed by the one `lab.toml` parser in
//! `runtime/labs`), every quiz ([`quiz::Quiz`]) and which chapter places which
//! ([`ChapterMap`], from SUMMARY.md and the chapters' sources).
//!
//! Loaded once per build and shared: `labbook` hands one [`Course`] to both preprocessors, the
//! site writer, `labbook check` and `labbook lab`; the stock-mdBook preprocessor binaries load
//! their own from the preprocessor context. Nothing downstream reads `lab.toml`, a quiz file or
//! a `[preprocessor.labbook-*]` key again.
//!
//! Every problem is a [`Problem`] at `file:line`. [`Course::load`] fails on any of them (a
//! build must not ship a broken lab); [`Course::read`] loads what it can and lists them all
//! (what `labbook check` reports).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use labbook_directives::{Directive, DirectiveError, display_path};
use labs::Lab;
use mdbook_preprocessor::config::Config;

mod chapters;
pub mod quiz;
mod settings;

pub use chapters::{Chapter, ChapterMap, Part, Placement};
pub use quiz::{Quiz, QuizError};
pub use settings::{EMBED_ORIGIN_KEY, LABS_DIR_KEY, QUIZZES_DIR_KEY, SEARCH_KEY, Settings};

/// What a [`Problem`] is about, for callers that care about one kind (`labbook lab` reports
/// only the labs' problems).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// `book.toml` or SUMMARY.md.
    Book,
    /// A lab's folder.
    Lab,
    /// A quiz file.
    Quiz,
    /// A `{{#lab}}` or `{{#quiz}}` in a chapter.
    Chapter,
}

/// One problem in the course's sources.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}:{line}: {message}", file.display())]
pub struct Problem {
    /// The file at fault, as shown to the author (relative to the working directory when it can be).
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
    /// What kind of source it is in.
    pub area: Area,
}

impl Problem {
    fn new(area: Area, file: &Path, line: usize, message: impl Into<String>) -> Problem {
        Problem { file: display_path(file), line, message: message.into(), area }
    }
}

/// Why the course did not load.
#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    /// `book.toml` is missing or is not valid TOML: nothing else can be read.
    #[error("{}: {message}", file.display())]
    Config {
        /// The `book.toml`.
        file: PathBuf,
        /// What mdBook's config loader said.
        message: String,
    },
    /// The sources have problems (every one, in file order).
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Problems {
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

/// The loaded course.
#[derive(Debug, Clone)]
pub struct Course {
    settings: Settings,
    labs: BTreeMap<String, Lab>,
    quizzes: BTreeMap<String, Quiz>,
    chapters: ChapterMap,
    /// Folders and files that exist but failed to load (only after [`Course::read`]), so a
    /// chapter that places one is not told it does not exist.
    broken_labs: BTreeSet<String>,
    broken_quizzes: BTreeSet<String>,
}

impl Course {
    /// Loads the course of the book at `book_root` (reads its `book.toml`); any problem fails.
    pub fn load(book_root: &Path) -> Result<Course, CourseError> {
        Course::from_config(book_root, &read_config(book_root)?)
    }

    /// Loads the course with an already-parsed `book.toml` (mdBook's, in a preprocessor); any
    /// problem fails.
    pub fn from_config(book_root: &Path, config: &Config) -> Result<Course, CourseError> {
        let (course, problems) = Course::read_with_config(book_root, config);
        if problems.is_empty() { Ok(course) } else { Err(CourseError::Problems { problems }) }
    }

    /// Loads whatever loads and returns every problem beside it: `labbook check`'s way, which
    /// reports them all. Only an unreadable `book.toml` stops it.
    pub fn read(book_root: &Path) -> Result<(Course, Vec<Problem>), CourseError> {
        Ok(Course::read_with_config(book_root, &read_config(book_root)?))
    }

    /// [`Course::read`] with an already-parsed `book.toml`.
    pub fn read_with_config(book_root: &Path, config: &Config) -> (Course, Vec<Problem>) {
        let settings = Settings::from_config(book_root, config);
        let mut problems = Vec::new();
        let mut course = Course {
            labs: BTreeMap::new(),
            quizzes: BTreeMap::new(),
            chapters: ChapterMap::default(),
            broken_labs: BTreeSet::new(),
            broken_quizzes: BTreeSet::new(),
            settings,
        };
        for dir in labs::definition::lab_dirs(&course.settings.labs_dir) {
            let id = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match Lab::load(&dir) {
                Ok(lab) => {
                    course.labs.insert(id, lab);
                }
                Err(e) => {
                    problems.push(Problem::new(Area::Lab, &e.file, e.line, e.message));
                    course.broken_labs.insert(id);
                }
            }
        }
        for file in quiz_files(&course.settings.quizzes_dir) {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match quiz::load(&file) {
                Ok(quiz) => {
                    course.quizzes.insert(name, quiz);
                }
                Err(errors) => {
                    problems.extend(errors.into_iter().map(|e| Problem::new(Area::Quiz, &e.file, e.line, e.message)));
                    course.broken_quizzes.insert(name);
                }
            }
        }
        let (chapters, chapter_problems) = ChapterMap::read(&course);
        course.chapters = chapters;
        problems.extend(chapter_problems);
        (course, problems)
    }

    /// What `book.toml` says.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every lab, by id.
    pub fn labs(&self) -> impl ExactSizeIterator<Item = &Lab> {
        self.labs.values()
    }

    /// The lab `id`, if it exists and loaded.
    pub fn lab(&self, id: &str) -> Option<&Lab> {
        self.labs.get(id)
    }

    /// Every quiz, by file name.
    pub fn quizzes(&self) -> impl ExactSizeIterator<Item = &Quiz> {
        self.quizzes.values()
    }

    /// The quiz in `file` (its name in the quizzes folder, `part1.toml`), if it loaded.
    pub fn quiz(&self, file: &str) -> Option<&Quiz> {
        self.quizzes.get(file)
    }

    /// Which chapter places which lab and quiz.
    pub fn chapters(&self) -> &ChapterMap {
        &self.chapters
    }

    /// The lab a `{{#lab <id>}}` names, or the error to report at the directive's line.
    pub fn lab_for(&self, d: &Directive<'_>) -> Result<&Lab, DirectiveError> {
        let id = d.args;
        if id.is_empty() {
            return Err(DirectiveError::at(d, "`{{#lab}}` needs a lab id, e.g. `{{#lab s3-upload}}`"));
        }
        if !is_id(id) {
            return Err(DirectiveError::at(
                d,
                format!("lab id `{id}` may only use lowercase letters, digits and `-` (it names a folder and a URL)"),
            ));
        }
        if let Some(lab) = self.labs.get(id) {
            return Ok(lab);
        }
        let toml = self.settings.labs_dir.join(id).join("lab.toml");
        if self.broken_labs.contains(id) {
            return Err(DirectiveError::at(d, format!("lab `{id}` does not load; fix {} first", display_path(&toml).display())));
        }
        let ids: Vec<&str> = self.labs.keys().chain(&self.broken_labs).map(String::as_str).collect();
        Err(DirectiveError::at(
            d,
            format!("no lab `{id}`: expected {}; create it or fix the id{}", display_path(&toml).display(), listed("labs", ids)),
        ))
    }

    /// The quiz a `{{#quiz <file>.toml}}` names, or the error to report at the directive's line.
    pub fn quiz_for(&self, d: &Directive<'_>) -> Result<&Quiz, DirectiveError> {
        let file = d.args;
        if file.is_empty() {
            return Err(DirectiveError::at(d, "`{{#quiz}}` needs a quiz file, e.g. `{{#quiz part1.toml}}`"));
        }
        if !file.ends_with(".toml") || file.contains(['/', '\\']) || file.contains(char::is_whitespace) {
            return Err(DirectiveError::at(d, format!("`{{{{#quiz {file}}}}}`: name a file in the quizzes folder, like `part1.toml`")));
        }
        if let Some(quiz) = self.quizzes.get(file) {
            return Ok(quiz);
        }
        let path = self.settings.quizzes_dir.join(file);
        if self.broken_quizzes.contains(file) {
            return Err(DirectiveError::at(d, format!("quiz `{file}` does not load; fix {} first", display_path(&path).display())));
        }
        let names: Vec<&str> = self.quizzes.keys().chain(&self.broken_quizzes).map(String::as_str).collect();
        Err(DirectiveError::at(d, format!("no quiz `{file}`: expected {}{}", display_path(&path).display(), listed("quizzes", names))))
    }

    /// Whether a lab or quiz of that name exists but failed to load (only after [`Course::read`]).
    fn is_broken(&self, d: &Directive<'_>) -> bool {
        match d.name {
            "lab" => self.broken_labs.contains(d.args),
            _ => self.broken_quizzes.contains(d.args),
        }
    }
}

fn read_config(book_root: &Path) -> Result<Config, CourseError> {
    let file = book_root.join("book.toml");
    Config::from_disk(&file).map_err(|e| CourseError::Config {
        message: e.chain().map(ToString::to_string).collect::<Vec<_>>().join(": "),
        file: display_path(&file),
    })
}

/// The `*.toml` files of `quizzes_dir`, sorted.
fn quiz_files(quizzes_dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(quizzes_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn listed(what: &str, mut names: Vec<&str>) -> String {
    names.sort_unstable();
    if names.is_empty() { String::new() } else { format!(" ({what} here: {})", names.join(", ")) }
}

fn is_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests;
