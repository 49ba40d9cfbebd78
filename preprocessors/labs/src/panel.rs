//! What a lab panel shows before any script runs: title, brief, hints and the starter code of
//! the course's loaded lab, rendered as HTML that survives being one Markdown HTML block.
//!
//! The solution and the cases are deliberately not here: the page carries only what the
//! learner may read; the panel fetches the rest (`labbook/labs/<id>.json`) when it needs it.

use labs::Lab;
use minijinja::Value;
use pulldown_cmark::{Event, Options, Parser};

/// The template context of `lab`'s panel.
pub(crate) fn context(lab: &Lab) -> Value {
    minijinja::context! {
        id => lab.id,
        title => lab.def.title,
        brief_html => Value::from_safe_string(one_line(&markdown(&lab.def.brief))),
        hints_html => lab.def.hints.iter().map(|h| Value::from_safe_string(one_line(&markdown(h)))).collect::<Vec<_>>(),
        starter_html => Value::from_safe_string(labbook_directives::html_text(lab.starter.trim_end())),
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
