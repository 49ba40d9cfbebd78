//! The book's fenced code blocks, with the chapter file and line each starts on, for the tests
//! that check the book's examples (`book_examples`, `book_templates`, `book_policies`,
//! `book_cli`).
//!
//! A block's info string is `LANG[,ATTR...]` (mdBook ignores what follows a comma); the one
//! attribute the tests read is `fragment`: the block is deliberately partial (a piece of a larger
//! program, template or policy) and is not checked as a whole.

use std::path::{Path, PathBuf};

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// A fenced code block of a chapter.
pub struct Block {
    /// The chapter, relative to the workspace root (`book/src/part1/setup/cli.md`).
    pub file: String,
    /// The fence's info string, as written.
    pub info: String,
    /// The block's text (indentation of a block nested in a list item removed).
    pub text: String,
    /// Line of the opening fence (1-based).
    pub line: usize,
}

impl Block {
    /// The language of the info string (`yaml` in `yaml,fragment`).
    pub fn lang(&self) -> &str {
        lang(&self.info).0
    }

    /// Whether the block is marked `,fragment`.
    pub fn fragment(&self) -> bool {
        lang(&self.info).1
    }

    /// The chapter line of the block's `index`-th text line (0-based).
    pub fn line_of(&self, index: usize) -> usize {
        self.line + 1 + index
    }

    /// Whether the block is a whole SAM/CloudFormation template: a ```yaml or ```json block
    /// with a top-level `AWSTemplateFormatVersion`, `Transform: AWS::Serverless-...` or
    /// `Resources`, not marked `,fragment`.
    pub fn is_template(&self) -> bool {
        if self.fragment() {
            return false;
        }
        match self.lang() {
            "yaml" | "yml" => self.text.lines().any(|l| {
                l.starts_with("AWSTemplateFormatVersion:")
                    || l.starts_with("Resources:")
                    || l.starts_with("Transform: AWS::Serverless")
            }),
            "json" => serde_json::from_str::<serde_json::Value>(&self.text).ok().is_some_and(|v| {
                v.get("AWSTemplateFormatVersion").is_some() || v.get("Resources").is_some_and(|r| r.is_object())
            }),
            _ => false,
        }
    }

    /// `book/src/<chapter>.md:<line>` for the block's `index`-th text line.
    pub fn at(&self, index: usize) -> String {
        format!("{}:{}", self.file, self.line_of(index))
    }
}

/// `(language, fragment?)` of an info string.
pub fn lang(info: &str) -> (&str, bool) {
    let mut parts = info.split([',', ' ']).filter(|p| !p.is_empty());
    let lang = parts.next().unwrap_or("");
    (lang, parts.any(|p| p == "fragment"))
}

/// The fenced code blocks of one Markdown source, in order; `file` is what failures show.
pub fn blocks_of(file: &str, source: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in Parser::new(source).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = source[..range.start].lines().count() + 1;
                current = Some(Block { file: file.to_owned(), info: info.to_string(), text: String::new(), line });
            }
            Event::Text(t) => {
                if let Some(b) = current.as_mut() {
                    b.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// Every chapter of the real book (`book/src/**/*.md`), sorted.
pub fn chapters() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&super::book().join("src"), &mut out);
    out.sort();
    out
}

/// Every fenced block of every chapter, grouped by chapter, in book order.
pub fn all_blocks() -> Vec<Vec<Block>> {
    chapters()
        .iter()
        .map(|path| {
            let source = std::fs::read_to_string(path).unwrap();
            let shown = path.strip_prefix(super::root()).unwrap_or(path).display().to_string();
            blocks_of(&shown, &source)
        })
        .collect()
}
