//! The SCO pages: a lab's standalone page (the same one the site embeds with `postMessage`)
//! or a quiz on a page of its own, with the SCORM adapter (`scorm.js`) and the xAPI reporter
//! (`xapi.js`) loaded before the scripts that read the learner's work, so that a draft the LMS
//! kept is in place when the lab panel or the quiz starts.

use anyhow::{Context, Result, bail};
use course::quiz::Quiz;
use labbook_seal::SealKey;
use labs::Lab;

use super::Options;

/// Where the SCO pages sit in the package; assets are at `../labbook/` from there.
pub const SCO_DIR: &str = "sco";

/// The tags every SCO page gets in its `<head>`: what it is, how to report, and the adapter.
fn sco_head(unit: &str, title: &str, options: &Options) -> String {
    let mut head = format!(
        "<meta name=\"labbook-sco\" content=\"{}\">\n<meta name=\"labbook-scorm\" content=\"{}\">\n\
         <meta name=\"labbook-mastery\" content=\"{}\">\n<meta name=\"labbook-sco-title\" content=\"{}\">\n",
        attr(unit),
        options.scorm.name(),
        options.mastery,
        attr(title)
    );
    if let Some(xapi) = &options.xapi {
        head.push_str(&format!(
            "<meta name=\"labbook-xapi\" content=\"{}\">\n<meta name=\"labbook-xapi-activity\" content=\"{}\">\n",
            attr(xapi.endpoint.as_deref().unwrap_or("launch")),
            attr(&format!("{}/{unit}", options.activity_base))
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

/// A lab's SCO: its standalone page with the adapter before `labbook.js`.
pub fn lab_page(lab: &Lab, embed_origin: Option<&str>, options: &Options) -> Result<String> {
    let html = mdbook_labbook_labs::lab_page(lab, "../", embed_origin).with_context(|| format!("rendering lab {}", lab.id))?;
    const LABBOOK_JS: &str = "<script defer src=\"../labbook/labbook.js\"></script>";
    let Some(at) = html.find(LABBOOK_JS) else {
        bail!("the lab page template no longer loads ../labbook/labbook.js in its <head>; labbook's export needs it there")
    };
    let title = format!("Lab: {}", lab.def.title);
    Ok(format!("{}{}{}", &html[..at], sco_head(&format!("lab:{}", lab.id), &title, options), &html[at..]))
}

/// A quiz's SCO: the quiz as the chapter shows it, on a page of its own.
pub fn quiz_page(quiz: &Quiz, key: &SealKey, options: &Options) -> Result<String> {
    let section = mdbook_labbook_quiz::render::render(quiz, Some(key)).with_context(|| format!("rendering quiz {}", quiz.id))?;
    let title = format!("Quiz: {}", quiz.title);
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\" class=\"labbook-standalone\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"../labbook/labbook.css\">\n\
         <link rel=\"stylesheet\" href=\"../labbook/quiz.css\">\n{}\
         <script defer src=\"../labbook/labbook.js\"></script>\n<script defer src=\"../labbook/quiz.js\"></script>\n\
         </head>\n<body class=\"labbook-standalone-body\">\n<main>\n{section}\n</main>\n</body>\n</html>\n",
        mdbook_labbook_quiz::render::escape_html(&title),
        sco_head(&format!("quiz:{}", quiz.id), &title, options),
    ))
}

fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}
