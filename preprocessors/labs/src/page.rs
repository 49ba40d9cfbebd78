//! The standalone page of a lab (`labs/<id>.html` in the site): the same panel as in the
//! chapter, without the book's chrome, for learners who open one lab and for instructors who
//! embed it in an iframe on their own site.
//!
//! The page reports progress to its parent window with `postMessage`. Which origin may
//! receive it is the instructor's choice: `?origin=` on the iframe's URL, else the book's
//! `[preprocessor.labbook-labs] embed-origin`; never `"*"` unless one of those says so.

use std::path::Path;

use mdbook_preprocessor::config::Config;

use crate::panel::LabHeader;
use crate::{LabsError, NAME, templates};

/// The `book.toml` key of the default parent origin of embedded labs.
pub const EMBED_ORIGIN_KEY: &str = "preprocessor.labbook-labs.embed-origin";

/// The configured default parent origin for embedded labs, if any.
pub fn embed_origin(config: &Config) -> Option<String> {
    debug_assert!(EMBED_ORIGIN_KEY.starts_with(&format!("preprocessor.{NAME}.")));
    config.get::<String>(EMBED_ORIGIN_KEY).ok().flatten().filter(|o| !o.trim().is_empty())
}

/// The HTML of lab `id`'s standalone page. `root` is the relative path from the page to the
/// site root (e.g. `"../"` for `labs/<id>.html`), so the page works under any path prefix.
pub fn lab_page(labs_dir: &Path, id: &str, root: &str, embed_origin: Option<&str>) -> Result<String, LabsError> {
    let toml_path = labs_dir.join(id).join("lab.toml");
    let lab_error = |message: String| LabsError::Lab { id: id.to_owned(), message };
    let text = std::fs::read_to_string(&toml_path).map_err(|e| lab_error(format!("{}: {e}", toml_path.display())))?;
    let header: LabHeader =
        toml::from_str(&text).map_err(|e| lab_error(format!("{}: {}", toml_path.display(), e.message())))?;
    let env = templates();
    let render = |template: &'static str, ctx: minijinja::Value| {
        env.get_template(template)
            .and_then(|t| t.render(ctx))
            .map_err(|source| LabsError::Template { template, source })
    };
    let panel = render("lab.html", header.context(id, &labs_dir.join(id)))?;
    render(
        "lab-page.html",
        minijinja::context! {
            title => header.title,
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

    fn lab(dir: &Path) {
        std::fs::create_dir_all(dir.join("hello")).unwrap();
        std::fs::write(
            dir.join("hello/lab.toml"),
            "title = \"Say <hi>\"\nbrief = \"Return **hi**.\"\nhints = [\"Use `return`.\"]\n",
        )
        .unwrap();
        std::fs::write(dir.join("hello/starter.py"), "def lambda_handler(event, context):\n\n    return '<b>'\n").unwrap();
        std::fs::write(dir.join("hello/solution.py"), "SECRET_SOLUTION = 1\n").unwrap();
    }

    #[test]
    fn page_has_panel_relative_assets_origin_and_no_solution() {
        let dir = tempfile::tempdir().unwrap();
        lab(dir.path());
        // minijinja escapes `/` in attribute values; browsers read `&#x2f;` as `/`.
        let html = lab_page(dir.path(), "hello", "../", Some("https://lms.example")).unwrap().replace("&#x2f;", "/");
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
        let dir = tempfile::tempdir().unwrap();
        lab(dir.path());
        let html = lab_page(dir.path(), "hello", "../", None).unwrap();
        assert!(html.contains(r#"name="labbook-embed-origin" content="""#), "{html}");
    }

    #[test]
    fn missing_lab_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let err = lab_page(dir.path(), "nope", "../", None).unwrap_err().to_string();
        assert!(err.contains("nope"), "{err}");
    }

    #[test]
    fn origin_comes_from_book_toml() {
        let config: Config = "[preprocessor.labbook-labs]\nembed-origin = \"https://lms.example\"\n".parse().unwrap();
        assert_eq!(embed_origin(&config).as_deref(), Some("https://lms.example"));
        assert_eq!(embed_origin(&Config::default()), None);
    }
}
