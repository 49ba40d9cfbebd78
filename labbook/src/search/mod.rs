//! labbook's search: an index built here from the rendered site, answered in the page by
//! `theme/labbook/search-engine.js` with typo tolerance (mdBook's elasticlunr finds nothing for
//! a misspelled word). Split by job: [`tokenize`] (AWS-aware words), [`extract`] (what a
//! learner can find on a rendered page, with its anchor), [`commands`] (the AWS CLI commands
//! its code blocks show), [`index`] (the compact index the page downloads on the first search).
//!
//! A book switches it off with `[preprocessor.labbook-labs] search = false`
//! ([`course::SEARCH_KEY`]); mdBook's own search is then the site's search.

use std::path::Path;

use anyhow::{Context, Result};
use course::Course;

pub mod commands;
pub mod extract;
pub mod index;
pub mod tokenize;

/// The index file, inside the site's assets folder: a script (not JSON fetched), so search
/// works from `file://` too, where `fetch` is refused.
pub const INDEX_FILE: &str = "search-index.js";
/// The page-side loader that takes over mdBook's search button and keys.
pub const LOADER_FILE: &str = "search.js";

/// What a result is; its label in the results list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A heading of a chapter and the text up to the next one.
    Section = 0,
    /// A lab: its title and brief.
    Lab = 1,
    /// A quiz question: its prompt.
    Quiz = 2,
    /// A glossary term and its definition.
    Glossary = 3,
    /// An AWS CLI command a code block shows, found by its service and operation.
    Command = 4,
}

/// One searchable thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    /// What it is.
    pub kind: Kind,
    /// Index of its page in the index's page list.
    pub page: usize,
    /// The `id` it links to on its page.
    pub anchor: String,
    /// Its heading (a quiz question's prompt; a command's line).
    pub title: String,
    /// Everything it says, indexed (a command's `aws <service> <operation>`, indexed as its title).
    pub text: String,
    /// What the result shows under the title.
    pub snippet: String,
}

impl Doc {
    fn new(kind: Kind, page: usize, anchor: String) -> Doc {
        Doc { kind, page, anchor, title: String::new(), text: String::new(), snippet: String::new() }
    }

    /// Collapses whitespace and cuts the snippet at a word (a glossary definition stays whole).
    fn tidy(&mut self) {
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").replace(" .", ".").replace(" ,", ",");
        self.title = squash(&self.title);
        self.text = squash(&self.text);
        self.snippet = squash(&self.snippet);
        if self.kind == Kind::Quiz && self.title.is_empty() {
            // A question's result is the start of its prompt (all of it is indexed); the
            // snippet names the quiz.
            self.title = cut(&self.text, extract::SNIPPET_CHARS);
        }
        if self.kind == Kind::Command {
            self.title = cut(&self.title, extract::SNIPPET_CHARS);
        }
        if self.kind != Kind::Glossary {
            self.snippet = cut(&self.snippet, extract::SNIPPET_CHARS);
        }
    }
}

/// `text` cut to at most `max` characters at a word, with `…` when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max).collect();
    let at = head.rfind(' ').unwrap_or(head.len());
    format!("{}…", head[..at].trim_end_matches([',', ';', ':']))
}

/// Figures of a written index, for the build's progress line.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    /// Documents by kind: sections, labs, quiz questions, glossary terms, commands.
    pub by_kind: [usize; 5],
    /// Distinct terms.
    pub terms: usize,
    /// Bytes of the index file.
    pub bytes: usize,
}

/// Reads every chapter of the rendered site in `site` (book order, from the course's chapter
/// map) and writes the index into its assets folder `assets`.
pub fn write(site: &Path, assets: &Path, course: &Course) -> Result<Stats> {
    let mut pages = Vec::new();
    let mut docs = Vec::new();
    for chapter in course.chapters().chapters() {
        let path = chapter.html_path();
        let file = site.join(&path);
        let html = std::fs::read_to_string(&file).with_context(|| format!("reading the rendered chapter {}", file.display()))?;
        docs.extend(extract::page_docs(&html, pages.len()));
        pages.push((path, chapter.name.clone()));
    }
    let built = index::Index::build(&pages, &docs);
    let script = built.to_script()?;
    let file = assets.join(INDEX_FILE);
    std::fs::write(&file, &script).with_context(|| format!("writing {}", file.display()))?;
    let mut by_kind = [0; 5];
    for d in &docs {
        by_kind[d.kind as usize] += 1;
    }
    Ok(Stats { by_kind, terms: built.terms(), bytes: script.len() })
}

/// With the search switched off, the loader the theme links is replaced by one that does
/// nothing, so mdBook's search keeps its button and keys.
pub fn write_off(assets: &Path) -> Result<()> {
    let file = assets.join(LOADER_FILE);
    std::fs::write(&file, "// labbook search is off for this book ([preprocessor.labbook-labs] search = false): mdBook's search is used.\n")
        .with_context(|| format!("writing {}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(cut("short enough", 20), "short enough");
        assert_eq!(cut("Set the visibility timeout, then retry", 30), "Set the visibility timeout…");
        assert_eq!(cut("évènement à traiter", 12), "évènement à…");
    }
}
