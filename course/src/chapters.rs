//! The chapter map: the book's parts and chapters in SUMMARY.md's order (parsed by mdBook's
//! own parser, so parts, drafts and nesting are exactly mdBook's) and the labs and quizzes each
//! chapter places with `{{#lab <id>}}` and `{{#quiz <file>.toml}}`, read from its source.
//!
//! The progress page's outline comes from here; so does the check that a chapter places only
//! labs and quizzes that exist.

use std::path::{Path, PathBuf};

use mdbook_summary::{Link, SummaryItem};

use crate::{Area, Course, Problem};

/// The book's parts, in order; parts without a chapter are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChapterMap {
    /// The parts. Chapters before the first part title form an untitled one.
    pub parts: Vec<Part>,
}

/// A part of the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The part title; empty for the untitled front matter.
    pub title: String,
    /// Its chapters, depth-first.
    pub chapters: Vec<Chapter>,
}

/// A chapter (one with a file; drafts are left out, their sub-chapters kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// The title SUMMARY.md gives it.
    pub name: String,
    /// Its source, relative to the chapters' folder (`part1/summary.md`).
    pub source: PathBuf,
    /// 0 for a top-level chapter.
    pub depth: usize,
    /// The labs it places, in order.
    pub labs: Vec<Placement>,
    /// The quizzes it places, in order.
    pub quizzes: Vec<Placement>,
}

/// One `{{#lab}}` or `{{#quiz}}` in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The lab id, or the quiz's file name (`part1.toml`).
    pub name: String,
    /// 1-based line of the directive in the chapter's source.
    pub line: usize,
}

impl Chapter {
    /// Its page, relative to the site root, with `/` separators (`part1/summary.html`).
    pub fn html_path(&self) -> String {
        let p = self.source.with_extension("html");
        p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
    }
}

impl ChapterMap {
    /// Every chapter, in book order.
    pub fn chapters(&self) -> impl Iterator<Item = &Chapter> {
        self.parts.iter().flat_map(|p| &p.chapters)
    }

    /// The chapters that place lab `id`.
    pub fn placing_lab<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Chapter> {
        self.chapters().filter(move |c| c.labs.iter().any(|l| l.name == id))
    }

    /// Reads SUMMARY.md and every chapter it lists that exists (a missing one is SUMMARY's
    /// problem, which `labbook check` and mdBook report). Placements of labs and quizzes that
    /// `course` does not have are problems at the directive's line.
    pub(crate) fn read(course: &Course) -> (ChapterMap, Vec<Problem>) {
        let src = &course.settings.src_dir;
        let summary_path = src.join("SUMMARY.md");
        let mut problems = Vec::new();
        let summary = match std::fs::read_to_string(&summary_path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(Problem::new(Area::Book, &summary_path, 1, format!("cannot read the book's table of contents: {e}")));
                return (ChapterMap::default(), problems);
            }
        };
        let summary = match mdbook_summary::parse_summary(&summary) {
            Ok(s) => s,
            Err(e) => {
                let message = e.chain().map(ToString::to_string).collect::<Vec<_>>().join(": ");
                problems.push(Problem::new(Area::Book, &summary_path, 1, message));
                return (ChapterMap::default(), problems);
            }
        };
        let mut parts = vec![Part { title: String::new(), chapters: Vec::new() }];
        let items = summary.prefix_chapters.iter().chain(&summary.numbered_chapters).chain(&summary.suffix_chapters);
        for item in items {
            match item {
                SummaryItem::PartTitle(title) => parts.push(Part { title: title.clone(), chapters: Vec::new() }),
                SummaryItem::Link(link) => {
                    let chapters = &mut parts.last_mut().expect("one part").chapters;
                    add(course, link, 0, chapters, &mut problems);
                }
                // Separators, and whatever a later mdBook adds: nothing to place.
                _ => {}
            }
        }
        parts.retain(|p| !p.chapters.is_empty());
        (ChapterMap { parts }, problems)
    }
}

fn add(course: &Course, link: &Link, depth: usize, out: &mut Vec<Chapter>, problems: &mut Vec<Problem>) {
    let src = &course.settings.src_dir;
    if let Some(source) = &link.location
        && let Ok(content) = std::fs::read_to_string(src.join(source))
    {
        out.push(chapter(course, &link.name, source, depth, &content, problems));
    }
    for item in &link.nested_items {
        if let SummaryItem::Link(sub) = item {
            add(course, sub, depth + 1, out, problems);
        }
    }
}

fn chapter(course: &Course, name: &str, source: &Path, depth: usize, content: &str, problems: &mut Vec<Problem>) -> Chapter {
    let file = course.settings.src_dir.join(source);
    let mut ch = Chapter { name: name.to_owned(), source: source.to_owned(), depth, labs: Vec::new(), quizzes: Vec::new() };
    for d in labbook_directives::find(content) {
        let found = match d.name {
            "lab" => course.lab_for(&d).map(|_| &mut ch.labs),
            "quiz" => course.quiz_for(&d).map(|_| &mut ch.quizzes),
            _ => continue,
        };
        match found {
            Ok(list) => list.push(Placement { name: d.args.to_owned(), line: d.line }),
            // Its own problems are already reported at its file's lines.
            Err(_) if course.is_broken(&d) => {}
            Err(e) => problems.push(Problem::new(Area::Chapter, &file, e.line, e.message)),
        }
    }
    ch
}
