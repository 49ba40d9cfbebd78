//! What "the same answer" means, and how a page checks one without knowing it.
//!
//! The page must not carry correct answers in readable form. For every accepted answer the build
//! stores, per question, a salted SHA-256 *digest* of the normalised answer and a *wrapped*
//! content key; the explanation is encrypted with that content key. A learner's answer is
//! normalised the same way (this module, compiled into the wasm grader): if its digest matches,
//! the answer also derives the key that unwraps the content key, which decrypts the explanation.
//! So the page holds no answer and no readable explanation, and only a correct answer unlocks
//! the explanation.
//!
//! What this does not do: stop a determined learner who computes digests of every candidate
//! offline. A four-option question has 4 (or 15) candidates; secrecy here means "you must
//! answer to see it", not cryptographic protection of a small answer space.
//!
//! Numeric answers with a tolerance cannot be digested as a value (every number within the
//! tolerance would need its own digest). The value is snapped to a grid of step `tolerance`:
//! `k = round(value / tolerance)`, and the digest is of `k`. A learner's `x` is accepted when
//! `round(x / tolerance)` is `k - 1`, `k` or `k + 1`. Everything within the tolerance is
//! accepted; answers up to twice the tolerance away may be accepted too. That is the trade-off
//! for not shipping the value.
//!
//! The encryption is SHA-256 in counter mode as a keystream: enough to keep text out of the page
//! source, with no dependency beyond `sha2`; the digest match is the integrity check.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The kinds of question a quiz can ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One option is right.
    Single,
    /// "Select all that apply".
    Multiple,
    /// Free text with accepted alternatives, case- and space-insensitive.
    Short,
    /// A number, optionally with a tolerance.
    Numeric,
    /// A handler graded by the lab runtime against checks.
    Code,
}

impl Kind {
    /// Every kind's name, as authors write it in `kind = "…"`.
    pub const NAMES: &'static [&'static str] = &["single", "multiple", "short", "numeric", "code"];

    /// The kind named `name`, if any.
    pub fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "single" => Kind::Single,
            "multiple" => Kind::Multiple,
            "short" => Kind::Short,
            "numeric" => Kind::Numeric,
            "code" => Kind::Code,
            _ => return None,
        })
    }

    /// The name authors use.
    pub fn name(self) -> &'static str {
        Kind::NAMES[self as usize]
    }
}

/// One accepted answer as the page holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerKey {
    /// Hex SHA-256 of the salted, normalised answer.
    pub digest: String,
    /// Hex: the content key XOR a key derived from the same answer.
    pub wrap: String,
}

/// Everything the page knows about a question: enough to grade an answer, nothing that reads
/// as the answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublicQuestion {
    /// The question's stable id.
    pub id: String,
    /// Its kind.
    pub kind: Kind,
    /// Hex salt, unique per question and quiz version.
    pub salt: String,
    /// One entry per accepted answer (single/multiple/short/numeric).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<AnswerKey>,
    /// The explanation (HTML), encrypted with the content key; hex. Code questions: a
    /// [`SealedCodeQuestion`] sealed with the runtime's key (`labbook_seal::seal`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sealed: String,
    /// Numeric questions: the grid step (0 = exact).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub tolerance: f64,
}

/// What a code question seals for the runtime (in [`PublicQuestion::sealed`], under purpose
/// [`code_question_purpose`]): its lab, whose hidden checks and expected values the page must
/// not carry, and its explanation. Any passing handler is correct, so no single answer could
/// key the explanation as for other kinds; the runtime shows it once the code has been graded.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SealedCodeQuestion {
    /// The lab (function, setup, trigger, cases and checks) without its reference solution,
    /// as the `labs` crate serialises it.
    pub lab: serde_json::Value,
    /// The explanation (HTML).
    pub explanation: String,
}

/// The seal purpose of a code question with this salt (unique per quiz, question and version).
pub fn code_question_purpose(salt: &str) -> String {
    format!("quiz-code:{salt}")
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// A learner's answer, as the page sends it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Response {
    /// Single choice: the chosen option's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    /// Multiple choice: the chosen options' ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
    /// Short and numeric answers: what was typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Code questions: the handler.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The outcome of checking one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Whether the answer is accepted.
    pub correct: bool,
    /// The explanation (HTML), present once it is unlocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Why the answer could not be checked (empty answer, not a number…), for the learner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Why an answer could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// The page's data for the question is damaged (not the learner's fault).
    #[error("the quiz data for question `{0}` is damaged; rebuild the site")]
    BadData(String),
    /// Code questions run in the lab runtime, not here.
    #[error("code questions are graded by running them in the lab runtime")]
    CodeQuestion,
}

/// Lowercases, drops all whitespace, and strips quotes or backticks around the whole answer:
/// `` ` Python 3.13 ` `` and `python3.13` are the same answer.
pub fn normalise_text(text: &str) -> String {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    squeezed
        .trim_matches(|c| matches!(c, '`' | '"' | '\'' | '“' | '”' | '‘' | '’'))
        .to_owned()
}

/// Reads a number as a learner types it: spaces, `_` and thousands commas (`1,000`) are ignored.
pub fn parse_number(text: &str) -> Option<f64> {
    let s: String = text.chars().filter(|c| !c.is_whitespace() && *c != '_').collect();
    let s = if is_thousands(&s) { s.replace(',', "") } else { s };
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `1,000` and `1,000,000.5` (commas between groups of three digits), not `0,5`.
fn is_thousands(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or("").trim_start_matches(['-', '+']);
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
}

/// The normalised form of an exact number: Rust's shortest round-trip form (`900`, `0.5`).
pub fn normalise_number(value: f64) -> String {
    let v = if value == 0.0 { 0.0 } else { value };
    format!("{v}")
}

/// The normalised form of grid cell `k` (numeric answers with a tolerance).
pub fn grid_cell(k: i64) -> String {
    format!("grid:{k}")
}

/// Grid cells are kept within ±2^53, where every integer is exact as an `f64` and `k ± 1`
/// cannot overflow.
const MAX_CELL: f64 = 9_007_199_254_740_992.0;

/// The grid cell of `value` for step `tolerance`, or `None` when `value / tolerance` is not a
/// finite number within ±2^53 (`1e300` with a tolerance of 0.05): no authored answer is there,
/// so such an input is simply wrong.
pub fn cell_of(value: f64, tolerance: f64) -> Option<i64> {
    let cell = (value / tolerance).round();
    (cell.is_finite() && cell.abs() <= MAX_CELL).then_some(cell as i64)
}

/// The normalised form of a set of chosen options: sorted ids joined by commas.
pub fn normalise_choices(ids: &[String]) -> String {
    let mut ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.join(",")
}

fn sha(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(h.finalize().as_slice());
    out
}

/// The digest stored for a normalised answer.
pub fn digest(salt: &str, normalised: &str) -> String {
    hex(&sha(&[b"labbook-quiz-digest", salt.as_bytes(), normalised.as_bytes()]))
}

/// The key a normalised answer derives (a different domain from the digest, so the digest
/// says nothing about the key).
fn answer_key(salt: &str, normalised: &str) -> [u8; 32] {
    sha(&[b"labbook-quiz-key", salt.as_bytes(), normalised.as_bytes()])
}

/// Derives a question's content key from its salt and first accepted answer: deterministic
/// (a rebuild of an unchanged quiz is byte-identical) yet unknowable without an answer.
pub fn content_key(salt: &str, first_normalised: &str) -> [u8; 32] {
    sha(&[b"labbook-quiz-content", salt.as_bytes(), first_normalised.as_bytes()])
}

/// The page's entry for one accepted answer.
pub fn answer_entry(salt: &str, normalised: &str, content: &[u8; 32]) -> AnswerKey {
    let key = answer_key(salt, normalised);
    let wrap: Vec<u8> = content.iter().zip(key).map(|(c, k)| c ^ k).collect();
    AnswerKey { digest: digest(salt, normalised), wrap: hex(&wrap) }
}

/// Encrypts (or decrypts: XOR is its own inverse) `data` with `key`'s SHA-256 keystream.
pub fn keystream_xor(key: &[u8; 32], data: &[u8]) -> Vec<u8> {
    data.chunks(32)
        .enumerate()
        .flat_map(|(i, chunk)| {
            let block = sha(&[b"labbook-quiz-stream", key, &(i as u64).to_be_bytes()]);
            chunk.iter().zip(block).map(|(d, k)| d ^ k).collect::<Vec<_>>()
        })
        .collect()
}

/// Encrypts an explanation for the page.
pub fn seal(content: &[u8; 32], plaintext: &str) -> String {
    hex(&keystream_xor(content, plaintext.as_bytes()))
}

/// The salt of question `qid` in quiz `quiz` at content version `version`.
pub fn salt_for(quiz: &str, qid: &str, version: &str) -> String {
    hex(&sha(&[b"labbook-quiz-salt", quiz.as_bytes(), qid.as_bytes(), version.as_bytes()])[..16])
}

/// An opaque, stable id for option `index` of a question: it says nothing about the authored
/// order (which often puts the right answer first).
pub fn option_id(salt: &str, index: usize) -> String {
    format!("o{}", &hex(&sha(&[b"labbook-quiz-option", salt.as_bytes(), &(index as u64).to_be_bytes()]))[..8])
}

/// Checks a single, multiple, short or numeric answer against the page's data.
pub fn check(q: &PublicQuestion, r: &Response) -> Result<Verdict, CheckError> {
    let candidates: Vec<String> = match q.kind {
        Kind::Code => return Err(CheckError::CodeQuestion),
        Kind::Single => match r.choice.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => vec![c.to_owned()],
            None => return Ok(unanswered("Choose an option first.")),
        },
        Kind::Multiple => match r.choices.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => vec![normalise_choices(c)],
            None => return Ok(unanswered("Select at least one option first.")),
        },
        Kind::Short => match r.text.as_deref().map(normalise_text).filter(|t| !t.is_empty()) {
            Some(t) => vec![t],
            None => return Ok(unanswered("Type an answer first.")),
        },
        Kind::Numeric => {
            let text = r.text.as_deref().unwrap_or("").trim();
            if text.is_empty() {
                return Ok(unanswered("Type a number first."));
            }
            let Some(x) = parse_number(text) else {
                return Ok(unanswered("That is not a number; type digits only, such as 900 or 0.5."));
            };
            if q.tolerance > 0.0 {
                match cell_of(x, q.tolerance) {
                    Some(j) => vec![grid_cell(j), grid_cell(j - 1), grid_cell(j + 1)],
                    None => Vec::new(),
                }
            } else {
                vec![normalise_number(x)]
            }
        }
    };
    for candidate in &candidates {
        let d = digest(&q.salt, candidate);
        if let Some(entry) = q.keys.iter().find(|k| k.digest == d) {
            let bad = || CheckError::BadData(q.id.clone());
            let wrap = unhex(&entry.wrap).filter(|w| w.len() == 32).ok_or_else(bad)?;
            let key = answer_key(&q.salt, candidate);
            let mut content = [0u8; 32];
            for (i, (w, k)) in wrap.iter().zip(key).enumerate() {
                content[i] = w ^ k;
            }
            let sealed = unhex(&q.sealed).ok_or_else(bad)?;
            let explanation = String::from_utf8(keystream_xor(&content, &sealed)).map_err(|_| bad())?;
            return Ok(Verdict { correct: true, explanation: Some(explanation), message: None });
        }
    }
    Ok(Verdict { correct: false, explanation: None, message: None })
}

fn unanswered(message: &str) -> Verdict {
    Verdict { correct: false, explanation: None, message: Some(message.to_owned()) }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from lowercase or uppercase hex; `None` if it is not hex.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A question with the given accepted normalised answers, as the build would emit it.
    fn question(kind: Kind, answers: &[String], tolerance: f64) -> PublicQuestion {
        let salt = salt_for("quiz", "q1", "v1");
        let content = content_key(&salt, &answers[0]);
        PublicQuestion {
            id: "q1".into(),
            kind,
            keys: answers.iter().map(|a| answer_entry(&salt, a, &content)).collect(),
            sealed: seal(&content, "<p>Because.</p>"),
            salt,
            tolerance,
        }
    }

    fn text(t: &str) -> Response {
        Response { text: Some(t.into()), ..Response::default() }
    }

    #[test]
    fn text_normalisation_ignores_case_space_and_quotes() {
        assert_eq!(normalise_text("  Python 3.13 "), "python3.13");
        assert_eq!(normalise_text("`python3.13`"), "python3.13");
        assert_eq!(normalise_text("\"US-East-1\""), "us-east-1");
        assert_eq!(normalise_text("   "), "");
    }

    #[test]
    fn numbers_parse_as_typed() {
        assert_eq!(parse_number(" 900 "), Some(900.0));
        assert_eq!(parse_number("1,000"), Some(1000.0));
        assert_eq!(parse_number("10_240"), Some(10240.0));
        assert_eq!(parse_number("0.5"), Some(0.5));
        assert_eq!(parse_number("0,5"), None);
        assert_eq!(parse_number("fifteen"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(normalise_number(900.0), "900");
        assert_eq!(normalise_number(-0.0), "0");
    }

    #[test]
    fn single_choice_accepts_only_the_right_option_and_unlocks_the_explanation() {
        let q = question(Kind::Single, &["o2".into()], 0.0);
        let right = check(&q, &Response { choice: Some("o2".into()), ..Response::default() }).unwrap();
        assert!(right.correct);
        assert_eq!(right.explanation.as_deref(), Some("<p>Because.</p>"));
        let wrong = check(&q, &Response { choice: Some("o1".into()), ..Response::default() }).unwrap();
        assert_eq!(wrong, Verdict { correct: false, explanation: None, message: None });
        let empty = check(&q, &Response::default()).unwrap();
        assert!(!empty.correct && empty.message.is_some());
    }

    #[test]
    fn multiple_choice_needs_exactly_the_right_set_in_any_order() {
        let q = question(Kind::Multiple, &[normalise_choices(&["ob".into(), "oa".into()])], 0.0);
        let pick = |ids: &[&str]| Response { choices: Some(ids.iter().map(|s| s.to_string()).collect()), ..Response::default() };
        assert!(check(&q, &pick(&["oa", "ob"])).unwrap().correct);
        assert!(check(&q, &pick(&["ob", "oa"])).unwrap().correct);
        assert!(!check(&q, &pick(&["oa"])).unwrap().correct);
        assert!(!check(&q, &pick(&["oa", "ob", "oc"])).unwrap().correct);
    }

    #[test]
    fn short_answers_accept_every_alternative_case_and_space_insensitively() {
        let q = question(Kind::Short, &["python3.13".into(), "python313".into()], 0.0);
        assert!(check(&q, &text("Python 3.13")).unwrap().correct);
        assert!(check(&q, &text("PYTHON313")).unwrap().correct);
        let second = check(&q, &text("python313")).unwrap();
        assert_eq!(second.explanation.as_deref(), Some("<p>Because.</p>"), "every alternative unlocks the same explanation");
        assert!(!check(&q, &text("python3.9")).unwrap().correct);
    }

    #[test]
    fn numeric_exact_and_with_tolerance() {
        let exact = question(Kind::Numeric, &[normalise_number(900.0)], 0.0);
        assert!(check(&exact, &text("900")).unwrap().correct);
        assert!(check(&exact, &text("900.0")).unwrap().correct);
        assert!(!check(&exact, &text("901")).unwrap().correct);
        let not_number = check(&exact, &text("nine hundred")).unwrap();
        assert!(!not_number.correct && not_number.message.unwrap().contains("not a number"));

        // 0.2 GB-seconds ± 0.05: everything within the tolerance passes, far answers do not.
        let tol = 0.05;
        let q = question(Kind::Numeric, &[grid_cell(cell_of(0.2, tol).unwrap())], tol);
        for ok in ["0.2", "0.15", "0.25", "0.17", "0.2499"] {
            assert!(check(&q, &text(ok)).unwrap().correct, "{ok} is within tolerance");
        }
        for no in ["0.3", "0.05", "2", "-0.2"] {
            assert!(!check(&q, &text(no)).unwrap().correct, "{no} is outside");
        }
    }

    #[test]
    fn huge_or_non_finite_numbers_are_wrong_answers_not_panics() {
        let tol = 0.05;
        let q = question(Kind::Numeric, &[grid_cell(cell_of(0.2, tol).unwrap())], tol);
        for typed in ["1e300", "-1e300", "1e308", "9223372036854775807", "1.7976931348623157e308"] {
            assert!(!check(&q, &text(typed)).unwrap().correct, "{typed}");
        }
        for typed in ["inf", "-inf", "nan", "NaN", "1e999"] {
            let v = check(&q, &text(typed)).unwrap();
            assert!(!v.correct && v.message.is_some(), "{typed} is not a number");
        }
        let tiny = question(Kind::Numeric, &[grid_cell(cell_of(1.0, 1e-300).unwrap_or(0))], 1e-300);
        assert!(!check(&tiny, &text("1e10")).unwrap().correct);
        let exact = question(Kind::Numeric, &[normalise_number(900.0)], 0.0);
        assert!(!check(&exact, &text("1e300")).unwrap().correct);
    }

    #[test]
    fn the_page_data_never_contains_the_answer_or_explanation_in_clear() {
        let q = question(Kind::Short, &["python3.13".into()], 0.0);
        let json = serde_json::to_string(&q).unwrap();
        assert!(!json.contains("python3.13"), "{json}");
        assert!(!json.contains("Because"), "{json}");
        assert_ne!(digest(&q.salt, "python3.13"), hex(b"python3.13"));
        // The same answer in another question has another digest (salted).
        assert_ne!(digest(&salt_for("quiz", "q2", "v1"), "python3.13"), digest(&q.salt, "python3.13"));
    }

    #[test]
    fn damaged_data_is_an_error_not_a_panic() {
        let mut q = question(Kind::Short, &["a".into()], 0.0);
        q.keys[0].wrap = "zz".into();
        assert_eq!(check(&q, &text("a")), Err(CheckError::BadData("q1".into())));
        q.kind = Kind::Code;
        assert_eq!(check(&q, &text("a")), Err(CheckError::CodeQuestion));
    }

    #[test]
    fn option_ids_are_opaque_and_distinct() {
        let salt = salt_for("quiz", "q1", "v1");
        let ids: Vec<String> = (0..8).map(|i| option_id(&salt, i)).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 8);
        assert!(ids.iter().all(|id| id.len() == 9 && id.starts_with('o')));
        assert_ne!(option_id(&salt_for("quiz", "q2", "v1"), 0), ids[0]);
    }
}
