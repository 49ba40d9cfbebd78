//! Finds `{{#name args}}` directives in a chapter's Markdown.
//!
//! mdBook's own directives (`{{#include}}`, `{{#playground}}`, …) share this syntax, so every
//! preprocessor of ours needs the same three things: find a directive, know which line it is on
//! (so an author's error says `chapter.md:12`), and leave it alone when it only appears inside
//! a code block or inline code — a chapter that *teaches* `{{#lab s3-upload}}` must not get a
//! lab panel. This crate does exactly that and nothing else; `labbook check` uses it too, so
//! the checker and the build agree on what counts as a directive.
//!
//! It also holds the two small things every directive's output and errors need: text written
//! into the chapter as HTML ([`html_text`]) and paths shown short in messages ([`display_path`]).

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag};

/// One `{{#name args}}` occurrence in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive<'a> {
    /// The name after `#`, e.g. `lab`.
    pub name: &'a str,
    /// Everything after the name, trimmed; empty when there are no arguments.
    pub args: &'a str,
    /// Byte range of the whole `{{#…}}` in the chapter source.
    pub span: Range<usize>,
    /// 1-based line of the opening `{{`.
    pub line: usize,
}

/// A directive that one of our preprocessors could not accept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct DirectiveError {
    /// 1-based line of the directive in the chapter source.
    pub line: usize,
    /// What is wrong and how to fix it, in an author's words.
    pub message: String,
}

impl DirectiveError {
    /// An error about `directive`, placed at its line.
    pub fn at(directive: &Directive<'_>, message: impl Into<String>) -> Self {
        DirectiveError {
            line: directive.line,
            message: message.into(),
        }
    }
}

/// Every directive in `source` that is outside code, in order of appearance.
///
/// An escaped directive (`\{{#lab x}}`) is skipped: mdBook removes the backslash itself and the
/// author meant the literal text. An opening `{{#` with no closing `}}` on the same line is not
/// a directive either (mdBook would leave it as text too).
pub fn find(source: &str) -> Vec<Directive<'_>> {
    let code = code_ranges(source);
    let mut found = Vec::new();
    let mut search_from = 0;
    while let Some(rel) = source[search_from..].find("{{#") {
        let start = search_from + rel;
        search_from = start + 3;
        if start > 0 && source.as_bytes()[start - 1] == b'\\' {
            continue;
        }
        if code.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let line_end = source[start..].find('\n').map_or(source.len(), |i| start + i);
        let Some(close_rel) = source[start..line_end].find("}}") else {
            continue;
        };
        let end = start + close_rel + 2;
        let inner = source[start + 3..end - 2].trim();
        let (name, args) = match inner.find(char::is_whitespace) {
            Some(i) => (&inner[..i], inner[i..].trim()),
            None => (inner, ""),
        };
        if name.is_empty() {
            continue;
        }
        found.push(Directive {
            name,
            args,
            span: start..end,
            line: line_of(source, start),
        });
        search_from = end;
    }
    found
}

/// Replaces every directive named in `names` by what `render` returns for it.
///
/// Other directives (mdBook's, or another preprocessor's) are left byte-for-byte as they were.
/// Every failing directive is reported, not just the first, so an author fixes them in one go.
pub fn replace<F>(source: &str, names: &[&str], mut render: F) -> Result<String, Vec<DirectiveError>>
where
    F: FnMut(&Directive<'_>) -> Result<String, DirectiveError>,
{
    let mut out = String::with_capacity(source.len());
    let mut errors = Vec::new();
    let mut copied_to = 0;
    for directive in find(source).iter().filter(|d| names.contains(&d.name)) {
        out.push_str(&source[copied_to..directive.span.start]);
        match render(directive) {
            Ok(html) => out.push_str(&html),
            Err(e) => errors.push(e),
        }
        copied_to = directive.span.end;
    }
    out.push_str(&source[copied_to..]);
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// 1-based line number of byte offset `at`.
pub fn line_of(source: &str, at: usize) -> usize {
    source[..at].bytes().filter(|&b| b == b'\n').count() + 1
}

/// Byte ranges of fenced/indented code blocks and inline code spans.
fn code_ranges(source: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(source, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// `text` as HTML text, with newlines as `&#10;`: a directive's output goes into the chapter
/// as one CommonMark HTML block, which a blank line would end (and inside `<pre>` or a
/// `<textarea>` the character reference is still a line break).
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out.replace('\n', "&#10;")
}

/// `path` relative to the working directory when it is inside it, so messages stay short.
pub fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_owned))
        .unwrap_or_else(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_text_escapes_markup_and_keeps_lines_without_blank_ones() {
        assert_eq!(super::html_text("<b>\"a\" & 'b'</b>\n\nx"), "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;&#10;&#10;x");
    }

    use super::*;

    #[test]
    fn finds_name_args_and_line() {
        let src = "# Title\n\nSome text.\n\n{{#lab s3-upload}}\n\nMore {{#quiz part1.toml }} inline.\n";
        let found = find(src);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "lab");
        assert_eq!(found[0].args, "s3-upload");
        assert_eq!(found[0].line, 5);
        assert_eq!(&src[found[0].span.clone()], "{{#lab s3-upload}}");
        assert_eq!(found[1].name, "quiz");
        assert_eq!(found[1].args, "part1.toml");
        assert_eq!(found[1].line, 7);
    }

    #[test]
    fn ignores_code_blocks_inline_code_and_escapes() {
        let src = "```md\n{{#lab in-fence}}\n```\n\nUse `{{#lab inline}}` to embed.\n\n\\{{#lab escaped}}\n\n    {{#lab indented}}\n";
        assert!(find(src).is_empty(), "{:?}", find(src));
    }

    #[test]
    fn unterminated_directive_is_not_a_directive() {
        assert!(find("{{#lab oops\n}}").is_empty());
        assert!(find("{{#}}").is_empty());
    }

    #[test]
    fn replace_touches_only_named_directives() {
        let src = "a {{#include x.md}} b {{#lab one}} c {{#lab two}}";
        let out = replace(src, &["lab"], |d| Ok(format!("[{}]", d.args))).unwrap();
        assert_eq!(out, "a {{#include x.md}} b [one] c [two]");
    }

    #[test]
    fn replace_reports_every_failure_with_its_line() {
        let src = "{{#lab}}\n\n{{#lab ok}}\n{{#lab}}\n";
        let errors = replace(src, &["lab"], |d| {
            if d.args.is_empty() {
                Err(DirectiveError::at(d, "missing lab id"))
            } else {
                Ok(String::new())
            }
        })
        .unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 4]);
        assert_eq!(errors[0].to_string(), "line 1: missing lab id");
    }
}
