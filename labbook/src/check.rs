//! `labbook check`: everything that can be wrong with the book's sources, found without
//! writing a site, each problem as `file:line: message` (the form editors and CI annotate).
//!
//! Checked: every SUMMARY.md entry names an existing file; every internal link in a chapter
//! leads to a file of the book and, with a `#fragment`, to an anchor mdBook will generate
//! there; every `{{#…}}` directive is one we (or mdBook) know and ours parse; and finally that
//! every lab loads, its reference solution passes and its starter does not; and that
//! mdBook itself loads the book.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use course::{Area, Course};
use mdbook_driver::config::Config;
use mdbook_labbook_labs as lab_directives;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::project::Project;

/// Directives mdBook itself expands; not ours to judge.
const MDBOOK_DIRECTIVES: &[&str] = &["include", "rustdoc_include", "playground", "title"];

/// One problem in the book's sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, relative to the working directory when possible.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// The outcome of a check.
#[derive(Debug, Default)]
pub struct Report {
    /// Everything found, in file order.
    pub problems: Vec<Problem>,
    /// Chapters checked.
    pub chapters: usize,
    /// Internal links checked.
    pub links: usize,
    /// Labs tested.
    pub labs: usize,
}

/// Checks the book of `project`.
pub fn check_book(project: &Project) -> Result<Report> {
    let toml = project.book.join("book.toml");
    let config = Config::from_disk(&toml).with_context(|| format!("reading {}", toml.display()))?;
    // Labs, quizzes and the chapters' `{{#lab}}`/`{{#quiz}}`, loaded and checked once.
    let (course, course_problems) = Course::read_with_config(&project.book, &config);
    let src = course.settings().src_dir.clone();
    let mut report = Report::default();

    let summary_path = src.join("SUMMARY.md");
    let summary = std::fs::read_to_string(&summary_path)
        .with_context(|| format!("reading {}", summary_path.display()))?;
    let chapters = summary_entries(&summary);
    let mut cache = AnchorCache::default();
    for entry in &chapters {
        if !src.join(&entry.path).is_file() {
            report.problems.push(Problem {
                file: shown(&summary_path),
                line: entry.line,
                message: format!(
                    "chapter `{}` does not exist in {}; create the file or fix the link",
                    entry.path,
                    shown(&src).display()
                ),
            });
        }
    }

    let known: Vec<&str> = MDBOOK_DIRECTIVES
        .iter()
        .chain(lab_directives::DIRECTIVES)
        .chain(mdbook_labbook_quiz::DIRECTIVES)
        .copied()
        .collect();
    for entry in chapters.iter().filter(|e| src.join(&e.path).is_file()) {
        let file = src.join(&entry.path);
        let content = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
        report.chapters += 1;
        let first_of_chapter = report.problems.len();
        check_links(&src, Path::new(&entry.path), &content, &mut cache, &mut report);
        for d in labbook_directives::find(&content) {
            if !known.contains(&d.name) {
                report.problems.push(Problem {
                    file: shown(&file),
                    line: d.line,
                    message: format!(
                        "unknown directive `{{{{#{}}}}}`; known directives: {}",
                        d.name,
                        known.join(", ")
                    ),
                });
            }
        }
        for e in lab_directives::check(&content).into_iter().chain(mdbook_labbook_quiz::check(&content)) {
            report.problems.push(Problem { file: shown(&file), line: e.line, message: e.message });
        }
        let here = shown(&file);
        for p in course_problems.iter().filter(|p| p.area == Area::Chapter && p.file == here) {
            report.problems.push(Problem { file: p.file.clone(), line: p.line, message: p.message.clone() });
        }
        report.problems[first_of_chapter..].sort_by_key(|p| p.line);
    }

    // Every lab and quiz loads (the course's other problems), every lab's solution passes and
    // its starter does not, and each code question's solution passes its checks (quizzes no
    // chapter places yet too).
    // (Chapter problems were reported with their chapter; push_once keeps any other once.)
    for p in &course_problems {
        push_once(&mut report.problems, Problem { file: p.file.clone(), line: p.line, message: p.message.clone() });
    }
    for lab in course.labs() {
        for message in crate::cmd::lab::lab_problems(lab) {
            let file = shown(&course.settings().labs_dir.join(&lab.id).join("lab.toml"));
            report.problems.push(Problem { file, line: 1, message });
        }
    }
    report.labs = course.labs().len();
    for e in mdbook_labbook_quiz::verify(&course) {
        push_once(&mut report.problems, Problem { file: shown(&e.file), line: e.line, message: e.message });
    }

    // Last, mdBook's own loader: catches SUMMARY structure errors our scan does not model.
    if report.problems.is_empty()
        && let Err(e) = mdbook_driver::MDBook::load_with_config(&project.book, no_create(config))
    {
        let message = e.chain().map(ToString::to_string).collect::<Vec<_>>().join(": ");
        report.problems.push(Problem { file: shown(&summary_path), line: 1, message });
    }
    Ok(report)
}

/// A quiz file's problem is found both through the chapter that places it and by checking
/// every quiz; report it once.
fn push_once(problems: &mut Vec<Problem>, problem: Problem) {
    if !problems.contains(&problem) {
        problems.push(problem);
    }
}

fn no_create(mut config: Config) -> Config {
    config.build.create_missing = false;
    config
}

/// A chapter link in SUMMARY.md.
#[derive(Debug, PartialEq, Eq)]
struct SummaryEntry {
    /// Path relative to `src/`.
    path: String,
    line: usize,
}

/// The non-draft chapter links of SUMMARY.md, with their lines.
fn summary_entries(summary: &str) -> Vec<SummaryEntry> {
    let mut entries = Vec::new();
    for (event, range) in Parser::new(summary).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = event
            && !dest_url.is_empty()
        {
            entries.push(SummaryEntry {
                path: percent_decode(&dest_url),
                line: labbook_directives::line_of(summary, range.start),
            });
        }
    }
    entries
}

/// Markdown options mdBook 0.5 renders with (so headings and ids come out the same).
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
}

fn check_links(src: &Path, chapter: &Path, content: &str, cache: &mut AnchorCache, report: &mut Report) {
    let file = src.join(chapter);
    for (event, range) in Parser::new_ext(content, markdown_options()).into_offset_iter() {
        let dest = match event {
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if is_external(&dest) {
            continue;
        }
        report.links += 1;
        let line = labbook_directives::line_of(content, range.start);
        if let Some(message) = check_link(src, chapter, &dest, cache) {
            report.problems.push(Problem { file: shown(&file), line, message });
        }
    }
}

fn is_external(dest: &str) -> bool {
    dest.contains("://") || dest.starts_with("//") || dest.starts_with("mailto:") || dest.starts_with("tel:")
}

/// Checks one internal link; `None` when it resolves.
fn check_link(src: &Path, chapter: &Path, dest: &str, cache: &mut AnchorCache) -> Option<String> {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    if path.starts_with('/') {
        return Some(format!(
            "link `{dest}` is absolute and breaks when the site is served under a path prefix; make it relative"
        ));
    }
    let target_md = if path.is_empty() {
        chapter.to_path_buf()
    } else {
        let joined = chapter.parent().unwrap_or(Path::new("")).join(percent_decode(path));
        let Some(normal) = normalize(&joined) else {
            return Some(format!("link `{dest}` points outside the book's source folder"));
        };
        match normal.extension().and_then(|e| e.to_str()) {
            Some("md") => normal,
            Some("html") => normal.with_extension("md"),
            _ => {
                return (!src.join(&normal).exists())
                    .then(|| format!("link `{dest}` points to {} which does not exist", normal.display()));
            }
        }
    };
    if !src.join(&target_md).is_file() {
        return Some(format!(
            "link `{dest}` points to chapter {} which does not exist",
            target_md.display()
        ));
    }
    let fragment = percent_decode(fragment?);
    if fragment.is_empty() {
        return None;
    }
    let anchors = cache.anchors(&src.join(&target_md));
    if anchors.contains(&fragment) {
        return None;
    }
    let mut near: Vec<&String> = anchors.iter().filter(|a| near_miss(a, &fragment)).collect();
    near.sort();
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!("; anchors there include {}", near.iter().take(5).map(|a| format!("#{a}")).collect::<Vec<_>>().join(", "))
    };
    Some(format!("link `{dest}`: {} has no anchor `#{fragment}`{hint}", target_md.display()))
}

/// Whether anchor `a` is a plausible intended target for the misspelt `b`: a small edit
/// distance (typos) or a shared long word (`#execution-roles` vs `#execution-role`).
fn near_miss(a: &str, b: &str) -> bool {
    edit_distance(a, b) <= 2 || a.split('-').any(|w| w.len() > 3 && b.split('-').any(|v| v == w))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Resolves `.` and `..` without touching the disk; `None` if it climbs above the start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// Anchors per chapter file, computed once.
#[derive(Default)]
struct AnchorCache {
    files: HashMap<PathBuf, HashSet<String>>,
}

impl AnchorCache {
    fn anchors(&mut self, file: &Path) -> &HashSet<String> {
        self.files
            .entry(file.to_path_buf())
            .or_insert_with(|| anchors_of(&std::fs::read_to_string(file).unwrap_or_default()))
    }
}

/// The ids mdBook gives a chapter's headings and definition terms (as `mdbook-html` does:
/// explicit `{#id}` wins; otherwise the text, lowercased, spaces to `-`, punctuation dropped,
/// `-1`, `-2`… for repeats), plus any `id="…"` in raw HTML.
pub fn anchors_of(content: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut open: Option<(Option<String>, String)> = None;
    for event in Parser::new_ext(content, markdown_options()) {
        match event {
            Event::Start(Tag::Heading { id, .. }) => open = Some((id.map(|i| i.to_string()), String::new())),
            Event::Start(Tag::DefinitionListTitle) => open = Some((None, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_) | TagEnd::DefinitionListTitle) => {
                if let Some((explicit, text)) = open.take() {
                    match explicit {
                        Some(id) => {
                            ids.insert(id);
                        }
                        None => {
                            let id = unique_id(&id_from_content(&text), &mut ids);
                            ids.insert(id);
                        }
                    }
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => html_ids(&html, &mut ids),
            _ => {}
        }
    }
    ids
}

fn id_from_content(content: &str) -> String {
    content
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|ch| {
            if ch.is_alphanumeric() || ch == '_' || ch == '-' {
                Some(ch)
            } else if ch.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

fn unique_id(id: &str, used: &mut HashSet<String>) -> String {
    if !used.contains(id) {
        return id.to_owned();
    }
    (1..).map(|n| format!("{id}-{n}")).find(|c| !used.contains(c)).expect("some suffix is free")
}

fn html_ids(html: &str, ids: &mut HashSet<String>) {
    for attr in ["id=\"", "name=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                ids.insert(rest[..end].to_owned());
                rest = &rest[end..];
            }
        }
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn shown(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_owned))
        .unwrap_or_else(|| path.to_owned())
}

#[cfg(test)]
mod tests;
