//! The SCO pages: a lab's standalone page (the same one the site embeds with `postMessage`)
//! or a quiz on a page of its own, with the SCORM adapter (`scorm.js`) and the xAPI reporter
//! (`xapi.js`) loaded before the scripts that read the learner's work, so that a draft the LMS
//! kept is in place when the lab panel or the quiz starts.

use anyhow::{Context, Result, bail};
use course::quiz::Quiz;
use labbook_seal::SealKey;
use labs::Lab;

use super::{Options, Unit};

/// Where the SCO pages sit in the package; assets are at `../labbook/` from there.
pub const SCO_DIR: &str = "sco";

/// The tags every SCO page gets in its `<head>`: what it is, how to report, and the adapter.
fn sco_head(unit: &Unit, title: &str, options: &Options) -> String {
    let activity = match unit {
        Unit::Chapter { slug, .. } => format!("chapter:{slug}"),
        other => other.spec(),
    };
    let mut head = format!(
        "<meta name=\"labbook-sco\" content=\"{}\">\n<meta name=\"labbook-scorm\" content=\"{}\">\n\
         <meta name=\"labbook-mastery\" content=\"{}\">\n<meta name=\"labbook-sco-title\" content=\"{}\">\n",
        attr(&unit.spec()),
        options.scorm.name(),
        options.mastery,
        attr(title)
    );
    if let Some(xapi) = &options.xapi {
        head.push_str(&format!(
            "<meta name=\"labbook-xapi\" content=\"{}\">\n<meta name=\"labbook-xapi-activity\" content=\"{}\">\n",
            attr(xapi.endpoint.as_deref().unwrap_or("launch")),
            attr(&format!("{}/{activity}", options.activity_base))
        ));
        if let Some(auth) = &xapi.auth {
            head.push_str(&format!("<meta name=\"labbook-xapi-auth\" content=\"{}\">\n", attr(auth)));
        }
    }
    head.push_str("<script src=\"../labbook/storage.js\"></script>\n<script src=\"../labbook/scorm.js\"></script>\n");
    if options.xapi.is_some() {
        head.push_str("<script src=\"../labbook/xapi.js\"></script>\n");
    }
    head
}

const LABBOOK_JS: &str = "<script defer src=\"../labbook/labbook.js\"></script>";

/// A lab's SCO: its standalone page with the adapter before `labbook.js`.
pub fn lab_page(lab: &Lab, embed_origin: Option<&str>, options: &Options) -> Result<String> {
    let html = mdbook_labbook_labs::lab_page(lab, "../", embed_origin).with_context(|| format!("rendering lab {}", lab.id))?;
    let Some(at) = html.find(LABBOOK_JS) else {
        bail!("the lab page template no longer loads ../labbook/labbook.js in its <head>; labbook's export needs it there")
    };
    let title = format!("Lab: {}", lab.def.title);
    Ok(format!("{}{}{}", &html[..at], sco_head(&Unit::Lab(lab.id.clone()), &title, options), &html[at..]))
}

/// The panel of a lab's standalone page (what its `<main>` holds), for a chapter's page.
fn lab_panel(lab: &Lab, embed_origin: Option<&str>) -> Result<String> {
    let html = mdbook_labbook_labs::lab_page(lab, "../", embed_origin).with_context(|| format!("rendering lab {}", lab.id))?;
    let (Some(start), Some(end)) = (html.find("<main>"), html.rfind("</main>")) else {
        bail!("the lab page template no longer has a <main>; labbook's export takes the lab's panel from there")
    };
    Ok(html[start + "<main>".len()..end].trim().to_owned())
}

/// What a chapter's SCO page shows, in the chapter's order.
pub enum Part<'a> {
    /// A lab's panel.
    Lab(&'a Lab),
    /// A quiz.
    Quiz(&'a Quiz),
}

/// A chapter's SCO (`--per-chapter`): its labs' panels and its quizzes on one page.
pub fn chapter_page(title: &str, unit: &Unit, parts: &[Part<'_>], embed_origin: Option<&str>, key: &SealKey, options: &Options) -> Result<String> {
    let mut body = String::new();
    for part in parts {
        body.push_str(&match part {
            Part::Lab(lab) => lab_panel(lab, embed_origin)?,
            Part::Quiz(quiz) => mdbook_labbook_quiz::render::render(quiz, Some(key)).with_context(|| format!("rendering quiz {}", quiz.id))?,
        });
        body.push('\n');
    }
    let meta = format!("<meta name=\"labbook-embed-origin\" content=\"{}\">\n", attr(embed_origin.unwrap_or("")));
    Ok(standalone(title, &format!("{meta}{}", sco_head(unit, title, options)), &body))
}

/// A quiz's SCO: the quiz as the chapter shows it, on a page of its own.
pub fn quiz_page(quiz: &Quiz, key: &SealKey, options: &Options) -> Result<String> {
    let section = mdbook_labbook_quiz::render::render(quiz, Some(key)).with_context(|| format!("rendering quiz {}", quiz.id))?;
    let title = format!("Quiz: {}", quiz.title);
    Ok(standalone(&title, &sco_head(&Unit::Quiz(quiz.id.clone()), &title, options), &section))
}

/// A page without the book's chrome holding `body`, with the quiz and lab scripts after `head`.
fn standalone(title: &str, head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\" class=\"labbook-standalone\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"../labbook/labbook.css\">\n\
         <link rel=\"stylesheet\" href=\"../labbook/quiz.css\">\n{}\
         {LABBOOK_JS}\n<script defer src=\"../labbook/quiz.js\"></script>\n\
         </head>\n<body class=\"labbook-standalone-body\">\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        mdbook_labbook_quiz::render::escape_html(title),
        head,
    )
}

fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}
