//! The index the page downloads on the first search: the documents (what a result shows and
//! links to), the sorted term list and each term's postings, as one script that hands a JSON
//! object to `labbookSearchIndex(...)`.
//!
//! Postings are delta-coded integers: `(doc - previous doc) << 3 | in_title << 2 | min(tf, 3)`.
//! The term list is one `\n`-joined string, sorted (prefix search is a binary search; brotli
//! packs sorted words well). The page does the fuzzy matching over that list, so no automaton
//! is shipped: for this book's ~8k terms a bounded edit distance over all of them takes about
//! a millisecond, and the list is far smaller than an FST's transitions would be once brotli has
//! had both (measured with `browser-tests/tools/search-bench.mjs`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::tokenize::{self, STOP_WORDS, SYNONYMS};
use super::{Doc, Kind};

/// Format version the engine checks.
const VERSION: u32 = 1;

/// A built index.
#[derive(Debug, Serialize)]
pub struct Index {
    v: u32,
    /// `[path, chapter title]` per page.
    pages: Vec<(String, String)>,
    /// `[kind, page, anchor, title, snippet]` per document.
    docs: Vec<(u8, usize, String, String, String)>,
    /// Sorted terms, `\n`-joined.
    terms: String,
    /// Per term (same order), its delta-coded postings.
    post: Vec<Vec<u32>>,
    /// Words the engine drops from a query.
    stop: &'static [&'static str],
    #[serde(skip)]
    term_count: usize,
}

impl Index {
    /// Indexes `docs` (whose `page` index into `pages`).
    pub fn build(pages: &[(String, String)], docs: &[Doc]) -> Index {
        let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut last_doc: BTreeMap<String, usize> = BTreeMap::new();
        for (i, doc) in docs.iter().enumerate() {
            // term -> (in title, frequency)
            let mut seen: BTreeMap<String, (bool, u32)> = BTreeMap::new();
            // A question's prompt is its title on screen, but ranks as body text: a heading
            // that matches must come before a question that mentions the word. A command's
            // title is its line, options and all; its operation (`invoke` of `aws lambda
            // invoke`) is what ranks as a heading, so neither `--function-name order-summary`
            // nor `lambda` (every Lambda command has it; a query for "lambda layers" wants the
            // chapter) does.
            let heading = match doc.kind {
                Kind::Quiz => None,
                Kind::Command => doc.text.splitn(3, ' ').nth(2),
                _ => Some(doc.title.as_str()),
            };
            for w in heading.map(|h| tokenize::words(h)).unwrap_or_default() {
                seen.entry(w).or_default().0 = true;
            }
            for w in tokenize::words(&doc.text) {
                seen.entry(w).or_default().1 += 1;
            }
            let synonyms: Vec<(String, (bool, u32))> = seen
                .iter()
                .flat_map(|(w, v)| SYNONYMS.iter().filter_map(move |&(a, b)| synonym_of(w, a, b).map(|s| (s.to_owned(), *v))))
                .collect();
            for (s, v) in synonyms {
                seen.entry(s).or_insert(v);
            }
            for (term, (in_title, tf)) in seen {
                let prev = last_doc.insert(term.clone(), i).unwrap_or(0);
                let delta = u32::try_from(i - prev).expect("fewer than 2^29 documents");
                postings.entry(term).or_default().push(delta << 3 | u32::from(in_title) << 2 | tf.min(3));
            }
        }
        let term_count = postings.len();
        let (terms, post): (Vec<String>, Vec<Vec<u32>>) = postings.into_iter().unzip();
        Index {
            v: VERSION,
            pages: pages.to_vec(),
            docs: docs.iter().map(|d| (d.kind as u8, d.page, d.anchor.clone(), d.title.clone(), d.snippet.clone())).collect(),
            terms: terms.join("\n"),
            post,
            stop: STOP_WORDS,
            term_count,
        }
    }

    /// Number of distinct terms.
    pub fn terms(&self) -> usize {
        self.term_count
    }

    /// The index file's content.
    pub fn to_script(&self) -> serde_json::Result<String> {
        Ok(format!("labbookSearchIndex({});\n", serde_json::to_string(self)?))
    }
}

/// `b` when `w` is `a`, and `a` when it is `b`.
fn synonym_of<'a>(w: &str, a: &'a str, b: &'a str) -> Option<&'a str> {
    if w == a {
        Some(b)
    } else if w == b {
        Some(a)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: Kind, title: &str, text: &str) -> Doc {
        Doc { kind, page: 0, anchor: "a".into(), title: title.into(), text: text.into(), snippet: String::new() }
    }

    fn postings<'a>(index: &'a Index, term: &str) -> &'a [u32] {
        let i = index.terms.split('\n').position(|t| t == term).unwrap_or_else(|| panic!("{term} is not indexed"));
        &index.post[i]
    }

    #[test]
    fn postings_are_delta_coded_with_title_flag_and_frequency() {
        let docs = [
            doc(Kind::Section, "Dead-letter queues", "queues queues queues queues"),
            doc(Kind::Section, "Other", "nothing"),
            doc(Kind::Glossary, "Queue", "a queue"),
        ];
        let index = Index::build(&[("p.html".into(), "P".into())], &docs);
        // doc 0: title + tf 3 (capped); doc 2: delta 2, title + tf 1.
        assert_eq!(postings(&index, "queue"), [4 | 3, (2 << 3) | 4 | 1]);
        // The synonym is indexed where its partner is.
        assert_eq!(postings(&index, "dlq"), postings(&index, "deadletter"));
        let terms: Vec<&str> = index.terms.split('\n').collect();
        assert!(terms.is_sorted(), "{terms:?}");
        assert!(index.to_script().unwrap().starts_with("labbookSearchIndex({\"v\":1,"));
    }

    #[test]
    fn a_command_ranks_by_its_name_not_by_its_options() {
        let docs = [doc(Kind::Command, "aws lambda invoke --function-name order-summary", "aws lambda invoke")];
        let index = Index::build(&[], &docs);
        assert_eq!(postings(&index, "invoke"), [4 | 1]);
        assert_eq!(postings(&index, "lambda"), [1], "the service is found, but not as a heading");
        assert!(!index.terms.split('\n').any(|t| t == "summary"), "{}", index.terms);
    }

    #[test]
    fn a_quiz_prompt_never_ranks_as_a_heading() {
        let docs = [doc(Kind::Quiz, "Which timeout?", "Which timeout?")];
        let index = Index::build(&[], &docs);
        assert_eq!(postings(&index, "timeout"), [1]);
    }
}
