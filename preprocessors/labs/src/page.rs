//! The standalone page of a lab (`labs/<id>.html` in the site): the same panel as in the
//! chapter, without the book's chrome, for learners who open one lab and for instructors who
//! embed it in an iframe on their own site.
//!
//! The page reports progress to its parent window with `postMessage`. Which origin may
//! receive it is the instructor's choice: `?origin=` on the iframe's URL, else the book's
//! `[preprocessor.labbook-labs] embed-origin` (the course's `Settings::embed_origin`); never
//! `"*"` unless one of those says so.

use labs::Lab;

use crate::{LabsError, panel, templates};

/// The HTML of `lab`'s standalone page. `root` is the relative path from the page to the
/// site root (e.g. `"../"` for `labs/<id>.html`), so the page works under any path prefix.
pub fn lab_page(lab: &Lab, root: &str, embed_origin: Option<&str>) -> Result<String, LabsError> {
    let env = templates();
    let render = |template: &'static str, ctx: minijinja::Value| {
        env.get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|source| LabsError::Template { template, source })
    };
    let panel = render(if lab.is_terminal_lab() { "terminal-lab.html" } else { "lab.html" }, panel::context(lab))?;
    render(
        "lab-page.html",
        minijinja::context! {
            title => lab.def.title,
            // Ours ("../"), not author text; minijinja would otherwise write `..&#x2f;`.
            root => minijinja::Value::from_safe_string(root.to_owned()),
            embed_origin => embed_origin.unwrap_or(""),
            panel => minijinja::Value::from_safe_string(panel),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::course_with;

    #[test]
    fn page_has_panel_relative_assets_origin_and_no_solution() {
        let (_dir, course) = course_with(None);
        let lab = course.lab("hello").unwrap();
        // minijinja escapes `/` in attribute values; browsers read `&#x2f;` as `/`.
        let html = lab_page(lab, "../", Some("https://lms.example")).unwrap().replace("&#x2f;", "/");
        assert!(html.contains(r#"href="../labbook/labbook.css""#), "{html}");
        assert!(html.contains(r#"src="../labbook/labbook.js""#), "{html}");
        assert!(html.contains(r#"content="https://lms.example""#), "{html}");
        assert!(html.contains(r#"data-labbook-lab="hello""#));
        assert!(html.contains("Say &lt;hi&gt;"), "title is escaped: {html}");
        assert!(html.contains("<strong>hi</strong>"), "brief is Markdown: {html}");
        assert!(html.contains("<code>return</code>"), "hints are Markdown: {html}");
        assert!(html.contains("&#10;&#10;    return &#39;&lt;b&gt;&#39;"), "starter escaped, lines kept: {html}");
        assert!(!html.contains("SECRET_SOLUTION"), "the solution stays out of the page");
    }

    #[test]
    fn no_configured_origin_means_empty_meta_not_star() {
        let (_dir, course) = course_with(None);
        let html = lab_page(course.lab("hello").unwrap(), "../", None).unwrap();
        assert!(html.contains(r#"name="labbook-embed-origin" content="""#), "{html}");
    }
}
