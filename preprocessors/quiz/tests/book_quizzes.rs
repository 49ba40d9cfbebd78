//! Every quiz of the real course: it parses, each code question's reference solution passes
//! its checks (and its starter does not), the part quizzes are as big and varied as the course
//! promises, and the rendered page keeps every answer and explanation out of sight.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use mdbook_labbook_quiz::answer::{self, Kind, Response};
use mdbook_labbook_quiz::model::{self, Body};
use mdbook_labbook_quiz::render;

fn quizzes_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../book/quizzes")
}

#[test]
fn every_book_quiz_is_valid_and_its_code_solutions_pass() {
    let course = course::Course::load(quizzes_dir().parent().unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let count = course.quizzes().len();
    let problems = mdbook_labbook_quiz::verify(&course);
    assert!(count >= 4, "the four part quizzes at least, found {count}");
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
}

#[test]
fn part_quizzes_mix_kinds_with_a_code_question_each() {
    for n in 1..=4 {
        let quiz = model::load(&quizzes_dir().join(format!("part{n}.toml"))).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(quiz.questions.len() >= 8, "part{n}: {} questions", quiz.questions.len());
        let kinds: HashSet<Kind> = quiz.questions.iter().map(|q| q.body.kind()).collect();
        for kind in [Kind::Single, Kind::Multiple, Kind::Short, Kind::Numeric, Kind::Code] {
            assert!(kinds.contains(&kind), "part{n} has no {kind:?} question");
        }
    }
}

#[test]
fn rendered_quizzes_hide_answers_and_grade_the_authors_answers_right() {
    for entry in std::fs::read_dir(quizzes_dir()).unwrap() {
        let path = entry.unwrap().path();
        let quiz = model::load(&path).unwrap_or_else(|e| panic!("{e:?}"));
        let key = labbook_seal::SealKey::from_bytes([9; 32]);
        let html = render::render(&quiz, Some(&key)).unwrap();
        for q in &quiz.questions {
            let public = render::public_question(&quiz, q, Some(&key));
            // No explanation is in the page, code questions' included (theirs is sealed).
            let first_words: String = q.explanation.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
            assert!(!html.contains(&render::markdown(&q.explanation)), "{}: `{}` explanation in clear", path.display(), q.id);
            let plain = first_words.replace('`', "");
            assert!(plain.len() < 12 || !html.contains(&plain), "{}: `{}` explanation text `{plain}` in the page", path.display(), q.id);
            // The author's answer is accepted by the data the page carries.
            let response = match &q.body {
                Body::Single { answer, .. } => Response { choice: Some(answer::option_id(&public.salt, *answer)), ..Response::default() },
                Body::Multiple { answers, .. } => Response {
                    choices: Some(answers.iter().map(|&i| answer::option_id(&public.salt, i)).collect()),
                    ..Response::default()
                },
                Body::Short { answers } => {
                    // Short answers (`-f`, `logs`) occur in any page by chance; longer ones must not.
                    for a in answers.iter().filter(|a| a.len() >= 6) {
                        assert!(!html.contains(a.as_str()), "{}: `{}` short answer `{a}` in the page", path.display(), q.id);
                    }
                    Response { text: answers.first().cloned(), ..Response::default() }
                }
                Body::Numeric { value, .. } => Response { text: Some(value.to_string()), ..Response::default() },
                Body::Code { lab, .. } => {
                    let own_lines = lab.solution.lines().map(str::trim).filter(|l| l.len() > 16 && !lab.starter.contains(l));
                    for line in own_lines {
                        let in_json = line.replace('\\', "\\\\").replace('"', "\\\"");
                        assert!(!html.contains(&in_json), "{}: solution line `{line}` in the page", path.display());
                    }
                    continue;
                }
            };
            let verdict = answer::check(&public, &response).unwrap();
            assert!(verdict.correct, "{}: `{}` rejects its own answer", path.display(), q.id);
            assert_eq!(verdict.explanation.as_deref(), Some(render::markdown(&q.explanation).as_str()));
        }
    }
}
