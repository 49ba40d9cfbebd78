//! What a lab panel shows before any script runs: title, brief, hints and the starter code,
//! read from the lab's folder and rendered as HTML that survives being one Markdown HTML block.
//!
//! The solution and the cases are deliberately not here: the page carries only what the
//! learner may read; the panel fetches the rest (`labbook/labs/<id>.json`) when it needs it.

use std::path::Path;

use minijinja::Value;
use pulldown_cmark::{Event, Options, Parser};
use serde::Deserialize;

/// The part of `lab.toml` the panel renders.
#[derive(Deserialize)]
pub(crate) struct LabHeader {
    pub(crate) title: String,
    #[serde(default)]
    brief: String,
    #[serde(default)]
    hints: Vec<String>,
}

impl LabHeader {
    /// The template context of the panel of lab `id` (whose folder is `dir`).
    pub(crate) fn context(&self, id: &str, dir: &Path) -> Value {
        // A lab without starter.py is reported by `labbook check`; the panel shows an empty editor.
        let starter = std::fs::read_to_string(dir.join("starter.py")).unwrap_or_default();
        minijinja::context! {
            id => id,
            title => self.title,
            brief_html => Value::from_safe_string(one_line(&markdown(&self.brief))),
            hints_html => self.hints.iter().map(|h| Value::from_safe_string(one_line(&markdown(h)))).collect::<Vec<_>>(),
            starter_html => Value::from_safe_string(labbook_directives::html_text(starter.trim_end())),
        }
    }
}

/// Author Markdown to HTML. Raw HTML in a brief is shown as text: lab content never becomes
/// markup the author did not write as Markdown.
fn markdown(text: &str) -> String {
    let parser = Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}


/// Newlines as `&#10;`: a blank line would end the chapter's HTML block (CommonMark), and
/// inside `<pre>` the character reference is still a line break.
fn one_line(html: &str) -> String {
    html.trim_end().replace('\n', "&#10;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_code_and_shows_raw_html_as_text() {
        let html = markdown("Use `boto3`.\n\n<script>alert(1)</script>\n");
        assert!(html.contains("<code>boto3</code>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn one_line_has_no_blank_lines_but_keeps_line_breaks_in_pre() {
        let out = labbook_directives::html_text("def f():\n\n    return 1\n".trim_end());
        assert!(!out.contains('\n'), "{out}");
        assert_eq!(out, "def f():&#10;&#10;    return 1");
    }
}
