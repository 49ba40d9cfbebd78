//! A [`Quiz`] as page markup: the questions as HTML (prompts and options rendered from
//! Markdown) and, in a `<script type="application/json">`, each question's [`PublicQuestion`]:
//! digests, wrapped keys and the encrypted explanation; never an answer.

use minijinja::{Environment, context};
use pulldown_cmark::{Options, Parser};
use serde::Serialize;

use labbook_seal::SealKey;

use crate::answer::{self, PublicQuestion};
use crate::model::{Body, Question, Quiz};

/// Everything the page's script gets about a quiz.
#[derive(Debug, Serialize)]
pub struct PageData {
    /// Quiz id.
    pub quiz: String,
    /// Content version.
    pub version: String,
    /// Questions in order.
    pub questions: Vec<PublicQuestion>,
}

/// The public data of a question: what the browser grades with. A code question's lab (its
/// hidden checks and expected values) and explanation are sealed with the runtime's `key`;
/// without one (stock mdBook, no `labbook build`) they are left out and the page says the
/// question needs the lab runtime.
pub fn public_question(quiz: &Quiz, q: &Question, key: Option<&SealKey>) -> PublicQuestion {
    let salt = answer::salt_for(&quiz.id, &q.id, &quiz.version);
    let explanation = markdown(&q.explanation);
    let mut public = PublicQuestion {
        id: q.id.clone(),
        kind: q.body.kind(),
        salt: salt.clone(),
        keys: Vec::new(),
        sealed: String::new(),
        tolerance: 0.0,
    };
    let accepted: Vec<String> = match &q.body {
        Body::Single { answer, .. } => vec![answer::option_id(&salt, *answer)],
        Body::Multiple { answers, .. } => {
            let ids: Vec<String> = answers.iter().map(|&i| answer::option_id(&salt, i)).collect();
            vec![answer::normalise_choices(&ids)]
        }
        Body::Short { answers } => {
            let mut all: Vec<String> = Vec::new();
            for a in answers.iter().map(|a| answer::normalise_text(a)) {
                if !all.contains(&a) {
                    all.push(a);
                }
            }
            all
        }
        Body::Numeric { value, tolerance } if *tolerance > 0.0 => {
            public.tolerance = *tolerance;
            // The model refused values whose cell does not exist.
            answer::cell_of(*value, *tolerance).map(answer::grid_cell).into_iter().collect()
        }
        Body::Numeric { value, .. } => vec![answer::normalise_number(*value)],
        Body::Code { lab, .. } => {
            let mut shown = (**lab).clone();
            shown.solution = String::new();
            if let Some(key) = key {
                let sealed = answer::SealedCodeQuestion { lab: serde_json::to_value(&shown).expect("a lab serialises"), explanation };
                let json = serde_json::to_vec(&sealed).expect("a sealed question serialises");
                public.sealed = labbook_seal::seal(key, &answer::code_question_purpose(&salt), &json);
            }
            return public;
        }
    };
    let Some(first) = accepted.first() else { return public };
    let content = answer::content_key(&salt, first);
    public.keys = accepted.iter().map(|a| answer::answer_entry(&salt, a, &content)).collect();
    public.sealed = answer::seal(&content, &explanation);
    public
}

/// The quiz's HTML, one block with no blank lines (see [`crate::as_html_block`]).
pub fn render(quiz: &Quiz, key: Option<&SealKey>) -> Result<String, minijinja::Error> {
    let mut questions = Vec::new();
    let mut public = Vec::new();
    for q in &quiz.questions {
        let p = public_question(quiz, q, key);
        let (options, shuffle) = match &q.body {
            Body::Single { options, shuffle, .. } | Body::Multiple { options, shuffle, .. } => (
                options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| context! { id => answer::option_id(&p.salt, i), html => inline_markdown(o) })
                    .collect(),
                *shuffle,
            ),
            _ => (Vec::new(), false),
        };
        let (starter, rows) = match &q.body {
            Body::Code { lab, .. } => (labbook_directives::html_text(&lab.starter), lab.starter.lines().count().clamp(4, 24) + 1),
            _ => (String::new(), 0),
        };
        questions.push(context! {
            id => q.id,
            kind => q.body.kind().name(),
            prompt => markdown(&q.prompt),
            hint => q.hint.as_deref().map(markdown),
            options => options,
            shuffle => shuffle,
            starter => starter,
            rows => rows,
        });
        public.push(p);
    }
    let data = PageData { quiz: quiz.id.clone(), version: quiz.version.clone(), questions: public };
    let mut env = Environment::new();
    env.add_template("quiz.html", include_str!("../templates/quiz.html"))?;
    let html = env.get_template("quiz.html")?.render(context! {
        id => quiz.id,
        title => quiz.title,
        version => quiz.version,
        questions => questions,
        data => script_json(&data),
    })?;
    Ok(without_blank_lines(&html))
}

/// CommonMark ends an HTML block at a blank line, so the markup must have none (template tags
/// leave some). Code keeps its blank lines as `&#10;`, so nothing meaningful is dropped.
pub fn without_blank_lines(html: &str) -> String {
    html.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// JSON safe inside `<script>`: no `<`, `>` or `&` that the HTML parser could see.
pub fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .expect("page data serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Markdown to HTML, with code blocks kept on one source line (`&#10;` for newlines) so the
/// surrounding HTML block never contains a blank line.
pub fn markdown(text: &str) -> String {
    let mut html = String::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, options));
    protect_pre(html.trim_end())
}

/// Markdown of an option: one paragraph, without the `<p>` around it.
fn inline_markdown(text: &str) -> String {
    let html = markdown(text);
    match html.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

fn protect_pre(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<pre") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</pre>").map_or(rest.len(), |e| start + e + "</pre>".len());
        out.push_str(&rest[start..end].replace('\n', "&#10;"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Text escaped for HTML (without minijinja's `&#x2f;` for `/`, so URLs stay readable).
pub fn escape_html(text: &str) -> String {
    labbook_directives::html_text(text)
}


#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::answer::{Response, check};
    use crate::model::parse;

    const QUIZ: &str = r#"title = "Limits <and> such"

[[questions]]
kind = "single"
id = "timeout"
prompt = "The **longest** timeout?"
options = ["3 seconds", "15 minutes", "1 hour"]
answer = 1
explanation = "Fifteen minutes is `900` seconds."

[[questions]]
kind = "short"
id = "runtime"
prompt = "Which runtime?"
answer = ["eu-west-1", "EU-West-1 "]
hint = "Not 3.9."
explanation = "Use the supported one."

[[questions]]
kind = "numeric"
id = "gbs"
prompt = "GB-seconds?"
answer = 0.25
tolerance = 0.01
explanation = "Half a GB for half a second."

[[questions]]
kind = "code"
id = "code"
prompt = "Fix it:\n\n```python\nx = 1\n\ny = 2\n```"
explanation = "Return the dict."
starter = "def lambda_handler(event, context):\n\n    return None\n"
solution = "def lambda_handler(event, context):\n    return {'ok': True}\n"

[[questions.cases]]
name = "ok"
steps = [{ invoke = {} }]
checks = [{ returned = { path = "ok", equals = true } }]
"#;

    fn quiz() -> Quiz {
        parse(Path::new("part9.toml"), QUIZ).unwrap()
    }

    #[test]
    fn the_page_has_questions_but_no_answers_or_explanations() {
        let key = SealKey::from_bytes([2; 32]);
        let html = render(&quiz(), Some(&key)).unwrap();
        assert!(html.contains(r#"data-labbook-quiz="part9""#), "{html}");
        assert!(html.contains("Quiz: Limits &lt;and&gt; such"));
        assert!(html.contains("The <strong>longest</strong> timeout?"));
        assert!(html.contains("<details class=\"labbook-quiz-hint\"><summary>Hint</summary><p>Not 3.9.</p></details>"));
        // The code question's explanation and checks are sealed for the runtime like the rest.
        for secret in ["eu-west-1", "EU-West-1", "Fifteen minutes", "0.25", "Half a GB", "Use the supported one", "'ok': True", "Return the dict."] {
            assert!(!html.contains(secret), "`{secret}` leaked into the page");
        }
        assert!(!html.lines().any(|l| l.trim().is_empty()), "a blank line would end the HTML block");
        assert!(html.contains("<pre><code class=\"language-python\">x = 1&#10;&#10;y = 2&#10;</code></pre>"), "{html}");
        assert!(html.contains("def lambda_handler(event, context):&#10;&#10;    return None&#10;</textarea>"));
        // Option ids are opaque and in authored order in the markup (the script shuffles).
        assert_eq!(html.matches("type=\"radio\"").count(), 3);
        assert!(html.contains("data-shuffle"));
    }

    #[test]
    fn the_published_data_grades_answers_like_the_author_meant() {
        let quiz = quiz();
        let key = SealKey::from_bytes([1; 32]);
        let data: Vec<PublicQuestion> = quiz.questions.iter().map(|q| public_question(&quiz, q, Some(&key))).collect();
        let salt = &data[0].salt;
        let choose = |i| Response { choice: Some(answer::option_id(salt, i)), ..Response::default() };
        let right = check(&data[0], &choose(1)).unwrap();
        assert!(right.correct);
        assert_eq!(right.explanation.as_deref(), Some("<p>Fifteen minutes is <code>900</code> seconds.</p>"));
        assert!(!check(&data[0], &choose(0)).unwrap().correct);
        let text = |t: &str| Response { text: Some(t.into()), ..Response::default() };
        assert!(check(&data[1], &text(" EU-WEST-1")).unwrap().correct);
        assert_eq!(data[1].keys.len(), 1, "alternatives equal once normalised are stored once");
        assert!(check(&data[2], &text("0.255")).unwrap().correct);
        assert!(!check(&data[2], &text("0.3")).unwrap().correct);
        // The code question's lab is sealed for the runtime, without its reference solution.
        let opened = labbook_seal::open(&key, &answer::code_question_purpose(&data[3].salt), &data[3].sealed).unwrap();
        let sealed: answer::SealedCodeQuestion = serde_json::from_slice(&opened).unwrap();
        assert_eq!(sealed.lab["solution"], "", "the reference solution stays out of the page");
        assert_eq!(sealed.lab["def"]["cases"][0]["checks"][0]["returned"]["path"], "ok");
        assert!(!serde_json::to_string(&data[3]).unwrap().contains("\"ok\""), "its checks are not readable");
        let unsealed = public_question(&quiz, &quiz.questions[3], None);
        assert!(unsealed.sealed.is_empty(), "without the runtime's key nothing is sealed, and nothing is in clear");
    }

    #[test]
    fn data_cannot_close_its_script_element() {
        assert_eq!(script_json(&"</script><b>&"), r#""\u003c/script\u003e\u003cb\u003e\u0026""#);
    }
}
