//! What must never be readable in the built site: every lab's solution lines (those not in its
//! starter), every hidden case's name and expected values, and every code question's
//! explanation. Searched for in every file of the site, as written, HTML-escaped and
//! JSON-escaped.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// A secret and where it comes from, for the failure message.
pub struct Secret {
    pub text: String,
    pub what: String,
}

/// Short strings occur by chance anywhere (`200`, `"ok"`); only these lengths are searched.
const MIN_LEN: usize = 12;

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Every chapter's Markdown and the runtime's own Python: code a chapter teaches in the open
/// (`return value`, `except ValueError:`) or the runtime already holds (`except Exception as
/// e:`) is not a lab's secret even when a solution uses it too.
fn open_text(book: &Path) -> String {
    fn walk(dir: &Path, ext: &str, out: &mut String) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, ext, out);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push_str(&std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    let mut out = String::new();
    walk(&book.join("src"), "md", &mut out);
    walk(&super::root().join("runtime/python/python"), "py", &mut out);
    out
}

/// The book's secrets: what only the sealed data holds (not the lab's own public part, such as
/// a hint that quotes a line, nor what the chapters show anyway).
pub fn of_book(book: &Path) -> Vec<Secret> {
    let mut secrets = Vec::new();
    let prose = open_text(book);
    for lab in labs::load_all(&book.join("labs")).expect("the book's labs load") {
        let public = serde_json::to_string(&labs::view::public_lab(&lab)).unwrap() + &serde_json::to_string(&lab.def.hints).unwrap() + &lab.def.hints.join("\n");
        let secret = |l: &&str| l.len() >= MIN_LEN && !lab.starter.contains(*l) && !public.contains(*l) && !prose.contains(*l);
        for line in lab.solution.lines().map(str::trim).filter(secret) {
            secrets.push(Secret { text: line.to_owned(), what: format!("lab {}: solution line", lab.id) });
        }
        for case in lab.def.cases.iter().filter(|c| c.hidden) {
            secrets.push(Secret { text: case.name.clone(), what: format!("lab {}: hidden case name", lab.id) });
            let mut values = Vec::new();
            strings(&serde_json::to_value(&case.checks).unwrap(), &mut values);
            strings(&serde_json::to_value(&case.steps).unwrap(), &mut values);
            for v in values.into_iter().filter(|v| v.len() >= MIN_LEN && !public.contains(v.as_str()) && !prose.contains(v.as_str())) {
                secrets.push(Secret { text: v, what: format!("lab {}: hidden case `{}` value", lab.id, case.name) });
            }
        }
        for (name, code) in &lab.implementations {
            for line in code.lines().map(str::trim).filter(secret) {
                secrets.push(Secret { text: line.to_owned(), what: format!("lab {}: implementation `{name}` line", lab.id) });
            }
        }
    }
    for entry in std::fs::read_dir(book.join("quizzes")).unwrap() {
        let path = entry.unwrap().path();
        let quiz = mdbook_labbook_quiz::model::load(&path).unwrap_or_else(|e| panic!("{e:?}"));
        for q in quiz.questions.iter().filter(|q| matches!(q.body, mdbook_labbook_quiz::model::Body::Code { .. })) {
            // Sentences of the explanation, as the author wrote them (Markdown marks removed).
            let plain = q.explanation.replace(['`', '*'], "");
            for sentence in plain.split(['.', '\n']).map(str::trim).filter(|s| s.len() >= 24 && !prose.contains(*s)) {
                secrets.push(Secret { text: sentence.to_owned(), what: format!("quiz {}: code question `{}` explanation", quiz.id, q.id) });
            }
            if let mdbook_labbook_quiz::model::Body::Code { lab, .. } = &q.body {
                for line in lab.solution.lines().map(str::trim).filter(|l| l.len() >= MIN_LEN && !lab.starter.contains(*l) && !prose.contains(*l)) {
                    secrets.push(Secret { text: line.to_owned(), what: format!("quiz {}: code question `{}` solution line", quiz.id, q.id) });
                }
            }
        }
    }
    secrets
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { files(&p, out) } else { out.push(p) }
    }
}

/// The forms a text takes in the site's files.
fn forms(text: &str) -> Vec<String> {
    let html = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut forms = vec![
        text.to_owned(),
        html.replace('"', "&quot;").replace('\'', "&#39;"),
        html.replace('"', "&quot;").replace('\'', "&#x27;"),
        html.clone(),
    ];
    let json = serde_json::to_string(text).unwrap();
    forms.push(json[1..json.len() - 1].to_owned());
    forms.sort();
    forms.dedup();
    forms
}

/// Every secret found in the site, as `file: what: text`. One pass over each file for all
/// secrets in all their forms (the site is ~50 MB with the dev runtime).
pub fn found_in(site: &Path, secrets: &[Secret]) -> Vec<String> {
    let mut all = Vec::new();
    files(site, &mut all);
    let mut patterns = Vec::new();
    let mut owner = Vec::new();
    for (i, s) in secrets.iter().enumerate() {
        for f in forms(&s.text) {
            patterns.push(f);
            owner.push(i);
        }
    }
    let matcher = aho_corasick::AhoCorasick::new(&patterns).unwrap();
    let mut found = std::collections::BTreeSet::new();
    for path in all {
        let bytes = std::fs::read(&path).unwrap();
        for m in matcher.find_overlapping_iter(&bytes) {
            let s = &secrets[owner[m.pattern().as_usize()]];
            found.insert(format!("{}: {}: `{}`", path.strip_prefix(site).unwrap_or(&path).display(), s.what, s.text));
        }
    }
    found.into_iter().collect()
}
