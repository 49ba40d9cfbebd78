//! Quiz grading for the browser: one question's public data and the learner's answer in,
//! a verdict out (JSON both ways).
//!
//! Choice, short and numeric answers are checked against the page's salted digests by
//! `mdbook_labbook_quiz::answer`, the same code the build used to make them, so both sides
//! normalise answers identically; a right answer also unlocks the encrypted explanation.
//! Code questions are tiny labs: the learner's handler runs in the lab runtime against the
//! question's cases and checks, exactly as a lab is graded.

use mdbook_labbook_quiz::answer::{self, Kind, PublicQuestion, Response, Verdict};
use serde_json::{Value, json};

/// Grades `response_json` (`{"choice"}`, `{"choices"}`, `{"text"}` or `{"code"}`) for the
/// question `question_json` (a `PublicQuestion` from the page). Returns
/// `{"correct", "explanation"?, "message"?, "grade"?}`; `grade` is a code question's lab grade.
pub fn grade_question(question_json: &str, response_json: &str) -> String {
    match grade(question_json, response_json) {
        Ok(v) => v.to_string(),
        Err(message) => json!({"correct": false, "error": message}).to_string(),
    }
}

fn grade(question_json: &str, response_json: &str) -> Result<Value, String> {
    let q: PublicQuestion = serde_json::from_str(question_json).map_err(|e| format!("bad question data: {e}"))?;
    let r: Response = serde_json::from_str(response_json).map_err(|e| format!("bad answer data: {e}"))?;
    if q.kind != Kind::Code {
        let verdict = answer::check(&q, &r).map_err(|e| e.to_string())?;
        return serde_json::to_value(verdict).map_err(|e| e.to_string());
    }
    let lab: labs::Lab = serde_json::from_value(q.lab.clone().ok_or("code question without a lab")?)
        .map_err(|e| format!("bad lab data in question `{}`: {e}", q.id))?;
    let code = r.code.unwrap_or_default();
    if code.trim().is_empty() {
        let verdict = Verdict { correct: false, explanation: None, message: Some("Write a handler first.".into()) };
        return serde_json::to_value(verdict).map_err(|e| e.to_string());
    }
    let grade = labs::grade(&lab, &code, true);
    let passed = grade.passed();
    Ok(json!({
        "correct": passed,
        // Any passing handler is right, so the explanation cannot be keyed to one answer; it
        // is shown once the learner has run their code.
        "explanation": q.explanation,
        "grade": labs::report::grade_json(&grade),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short_question() -> String {
        let salt = answer::salt_for("q", "runtime", "v");
        let content = answer::content_key(&salt, "python3.13");
        serde_json::to_string(&PublicQuestion {
            id: "runtime".into(),
            kind: Kind::Short,
            keys: vec![answer::answer_entry(&salt, "python3.13", &content)],
            sealed: answer::seal(&content, "<p>The newest supported one.</p>"),
            salt,
            tolerance: 0.0,
            lab: None,
            explanation: None,
        })
        .unwrap()
    }

    #[test]
    fn grades_a_short_answer_and_unlocks_the_explanation() {
        let right: Value = serde_json::from_str(&grade_question(&short_question(), r#"{"text": "Python 3.13"}"#)).unwrap();
        assert_eq!(right["correct"], true);
        assert_eq!(right["explanation"], "<p>The newest supported one.</p>");
        let wrong: Value = serde_json::from_str(&grade_question(&short_question(), r#"{"text": "python3.9"}"#)).unwrap();
        assert_eq!(wrong["correct"], false);
        assert!(wrong.get("explanation").is_none());
    }

    #[test]
    fn grades_a_code_question_by_running_it() {
        let lab = json!({
            "id": "quiz-q-hello", "starter": "", "solution": "", "extra_files": {},
            "def": {"title": "t", "brief": "b", "cases": [{"name": "Ada", "steps": [{"invoke": {"name": "Ada"}}],
                "checks": [{"returned": {"path": "greeting", "equals": "hello Ada"}}]}]},
        });
        let q = json!({"id": "hello", "kind": "code", "salt": "00", "lab": lab, "explanation": "<p>Read the event.</p>"}).to_string();
        let good = json!({"code": "def lambda_handler(event, context):\n    return {'greeting': 'hello ' + event['name']}\n"}).to_string();
        let v: Value = serde_json::from_str(&grade_question(&q, &good)).unwrap();
        assert_eq!(v["correct"], true, "{v}");
        assert_eq!(v["explanation"], "<p>Read the event.</p>");
        assert_eq!(v["grade"]["score"], 1);
        let bad = json!({"code": "def lambda_handler(event, context):\n    return {}\n"}).to_string();
        let v: Value = serde_json::from_str(&grade_question(&q, &bad)).unwrap();
        assert_eq!(v["correct"], false);
        assert_eq!(v["grade"]["cases"][0]["checks"][0]["passed"], false);
    }

    #[test]
    fn bad_data_is_an_error_result() {
        let v: Value = serde_json::from_str(&grade_question("{", "{}")).unwrap();
        assert!(v["error"].as_str().unwrap().starts_with("bad question data"));
    }
}
