//! The protocol end to end, natively: sealed lab data in, what the page shows out.

use labbook_seal::SealKey;
use serde_json::{Value, json};

use super::*;

const LAB: &str = r#"
title = "Greeter"
brief = "Greet by name."
[function]
timeout = 2
[[cases]]
name = "Ada"
steps = [ { invoke = { name = "Ada" } } ]
checks = [ { returned = { path = "greeting", equals = "hello Ada" } } ]
[[cases]]
name = "the secret hidden case"
hidden = true
steps = [ { invoke = { name = "Grace" } } ]
checks = [ { returned = { path = "greeting", equals = "hello Grace" } } ]
"#;
const STARTER: &str = "def lambda_handler(event, context):\n    return {}\n";
const SOLUTION: &str = "def lambda_handler(event, context):\n    return {'greeting': 'hello ' + event['name']}\n";

fn key() -> SealKey {
    SealKey::from_bytes([5; 32])
}

fn lab() -> labs::Lab {
    labs::Lab::from_text("greeter", std::path::Path::new("lab.toml"), LAB, STARTER, SOLUTION, Default::default()).unwrap()
}

fn ask(rt: &mut Runtime, request: Value) -> Value {
    serde_json::from_str(&rt.handle_json(&request.to_string())).unwrap()
}

fn loaded() -> Runtime {
    let mut rt = Runtime::new(Some(key()));
    let data = serde_json::to_value(protocol::lab_data(&key(), &lab())).unwrap();
    let r = ask(&mut rt, json!({"type": "loadLab", "lab": "greeter", "data": data}));
    assert_eq!(r["type"], "labLoaded", "{r}");
    assert_eq!(r["fileName"], "lambda_function.py");
    assert_eq!(r["timeoutSeconds"], 2.0);
    assert_eq!(r["sampleEvent"], json!({"name": "Ada"}));
    rt
}

#[test]
fn the_sites_lab_data_hides_the_solution_and_hidden_cases() {
    let text = serde_json::to_string(&protocol::lab_data(&key(), &lab())).unwrap();
    assert!(!text.contains("hello ' + event"), "a solution line: {text}");
    assert!(!text.contains("secret hidden"), "a hidden case's name");
    assert!(!text.contains("hello Grace"), "a hidden expected value");
    assert!(text.contains("Greet by name"), "the public part is readable");
}

#[test]
fn info_and_bad_requests() {
    let mut rt = Runtime::new(None);
    let info = ask(&mut rt, json!({"type": "info"}));
    assert_eq!((info["name"].as_str(), info["target"].as_str()), (Some("labs-wasm"), Some("native")));
    let bad = ask(&mut rt, json!({"type": "launchMissiles"}));
    assert_eq!(bad["type"], "error");
    assert!(bad["message"].as_str().unwrap().starts_with("bad request:"), "{bad}");
    let garbage: Value = serde_json::from_str(&rt.handle_json("{")).unwrap();
    assert_eq!(garbage["type"], "error");
    let no_key = ask(&mut rt, json!({"type": "loadLab", "lab": "greeter", "data": protocol::lab_data(&key(), &lab())}));
    assert!(no_key["message"].as_str().unwrap().contains("seal key"), "{no_key}");
}

#[test]
fn data_sealed_with_another_key_or_for_another_lab_is_refused() {
    let mut rt = Runtime::new(Some(SealKey::from_bytes([6; 32])));
    let r = ask(&mut rt, json!({"type": "loadLab", "lab": "greeter", "data": protocol::lab_data(&key(), &lab())}));
    assert_eq!(r["type"], "error", "{r}");
    let mut rt = Runtime::new(Some(key()));
    let r = ask(&mut rt, json!({"type": "loadLab", "lab": "other", "data": protocol::lab_data(&key(), &lab())}));
    assert_eq!(r["type"], "error", "{r}");
}

#[test]
fn run_reports_results_changes_and_the_learners_error_line() {
    let mut rt = loaded();
    let r = ask(&mut rt, json!({"type": "run", "lab": "greeter", "code": SOLUTION, "event": ""}));
    assert_eq!(r["type"], "run");
    assert_eq!(r["case"]["invocations"][0]["result"]["greeting"], "hello Ada", "{r}");
    assert!(r["case"]["changes"].is_array());
    let broken = "def lambda_handler(event, context):\n    x = 1\n    return event['missing']\n";
    let r = ask(&mut rt, json!({"type": "run", "lab": "greeter", "code": broken, "event": "{\"name\": \"x\"}"}));
    let inv = &r["case"]["invocations"][0];
    assert_eq!(inv["error"]["errorType"], "KeyError", "{r}");
    assert_eq!(inv["errorLine"], 3);
    let r = ask(&mut rt, json!({"type": "run", "lab": "greeter", "code": SOLUTION, "event": "{nope"}));
    assert!(r["eventError"].as_str().unwrap().contains("not valid JSON"), "{r}");
    let r = ask(&mut rt, json!({"type": "run", "lab": "nope", "code": SOLUTION}));
    assert_eq!(r["type"], "error");
}

#[test]
fn the_solution_unlocks_after_a_pass_or_three_counted_failures_only() {
    let mut rt = loaded();
    let mut attempts = Value::Null;
    for n in 1..=3 {
        let g = ask(&mut rt, json!({"type": "grade", "lab": "greeter", "code": STARTER, "attempts": attempts}));
        assert_eq!(g["passed"], false);
        assert_eq!(g["failedGrades"], n);
        assert_eq!(g["cases"][1], json!({"name": "the secret hidden case", "hidden": true, "checks": g["cases"][1]["checks"], "passed": false}));
        assert_eq!(g["solutionToken"].is_string(), n == 3, "after {n} failures: {g}");
        attempts = g["attempts"].clone();
        if n == 3 {
            let s = ask(&mut rt, json!({"type": "solution", "lab": "greeter", "token": g["solutionToken"]}));
            assert_eq!(s["code"], SOLUTION);
        }
    }
    // A forged counter is not believed: the count starts again.
    let g = ask(&mut rt, json!({"type": "grade", "lab": "greeter", "code": STARTER, "attempts": "eyJsYWIiOiJncmVldGVyIiwiZmFpbGVkR3JhZGVzIjo5fQ.AAAA"}));
    assert_eq!(g["failedGrades"], 1);
    let s = ask(&mut rt, json!({"type": "solution", "lab": "greeter", "token": "made-up"}));
    assert_eq!(s["type"], "error");
    let pass = ask(&mut rt, json!({"type": "grade", "lab": "greeter", "code": SOLUTION, "attempts": null}));
    assert_eq!((pass["passed"].as_bool(), pass["score"].as_u64()), (Some(true), Some(2)));
    assert!(pass["solutionToken"].is_string());
}

#[test]
fn deadlines_come_from_the_lab() {
    let mut rt = loaded();
    let run = ask(&mut rt, json!({"type": "deadline", "request": {"type": "run", "lab": "greeter", "code": ""}}));
    assert_eq!(run["deadlineMs"], 2000 + 2000);
    let grade = ask(&mut rt, json!({"type": "deadline", "request": {"type": "grade", "lab": "greeter", "code": ""}}));
    assert_eq!(grade["deadlineMs"], 2 * 2000 + 2000);
}

fn short_question() -> Value {
    use labbook_seal::answer;
    let salt = answer::salt_for("q", "runtime", "v");
    let content = answer::content_key(&salt, "python3.13");
    serde_json::to_value(answer::PublicQuestion {
        id: "runtime".into(),
        kind: answer::Kind::Short,
        keys: vec![answer::answer_entry(&salt, "python3.13", &content)],
        sealed: answer::seal(&content, "<p>The newest supported one.</p>"),
        salt,
        tolerance: 0.0,
    })
    .unwrap()
}

#[test]
fn grades_a_short_answer_and_unlocks_the_explanation() {
    let mut rt = Runtime::new(None);
    let right = ask(&mut rt, json!({"type": "gradeQuestion", "question": short_question(), "response": {"text": "Python 3.13"}}));
    assert_eq!(right["correct"], true);
    assert_eq!(right["explanation"], "<p>The newest supported one.</p>");
    let wrong = ask(&mut rt, json!({"type": "gradeQuestion", "question": short_question(), "response": {"text": "python3.9"}}));
    assert_eq!(wrong["correct"], false);
    assert!(wrong.get("explanation").is_none());
}

#[test]
fn grades_a_sealed_code_question_by_running_it() {
    use labbook_seal::answer;
    let salt = "00".to_owned();
    let mut l = lab();
    l.solution.clear();
    let sealed = answer::SealedCodeQuestion { lab: serde_json::to_value(&l).unwrap(), explanation: "<p>Read the event.</p>".into() };
    let sealed = labbook_seal::seal(&key(), &answer::code_question_purpose(&salt), &serde_json::to_vec(&sealed).unwrap());
    assert!(!sealed.contains("Read the event"));
    let q = json!({"id": "hello", "kind": "code", "salt": salt, "sealed": sealed});
    let mut rt = Runtime::new(Some(key()));
    let v = ask(&mut rt, json!({"type": "gradeQuestion", "question": q, "response": {"code": SOLUTION}}));
    assert_eq!(v["correct"], true, "{v}");
    assert_eq!(v["explanation"], "<p>Read the event.</p>");
    assert_eq!(v["grade"]["score"], 2);
    let v = ask(&mut rt, json!({"type": "gradeQuestion", "question": q, "response": {"code": STARTER}}));
    assert_eq!(v["correct"], false);
    assert_eq!(v["grade"]["cases"][0]["checks"][0]["passed"], false);
    let d = ask(&mut rt, json!({"type": "deadline", "request": {"type": "gradeQuestion", "question": q, "response": {}}}));
    assert_eq!(d["deadlineMs"], 6000);
}

#[test]
fn self_test_runs_a_python_handler() {
    let v = ask(&mut Runtime::new(None), json!({"type": "selfTest"}));
    assert_eq!(v["result"]["body"], "Hello from Lambda!");
    assert!(v["log"][0].as_str().unwrap().starts_with("START RequestId: "));
}

#[cfg(feature = "terminal")]
#[test]
fn terminal_session_deploys_and_invokes_a_function_and_returns_the_workspace() {
    use base64::Engine as _;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let mut rt = Runtime::new(None);
    let files = json!({"app/lambda_function.py": b64("def lambda_handler(event, context):\n    print('hi', event['n'])\n    return event['n'] * 2\n")});
    let opened = ask(&mut rt, json!({"type": "terminalOpen", "session": "s1", "files": files}));
    assert_eq!(opened["type"], "terminalOpened", "{opened}");
    assert_eq!(opened["prompt"], "~ $ ");
    let run = |rt: &mut Runtime, source: &str| ask(rt, json!({"type": "terminalRun", "session": "s1", "source": source}));
    // An unfinished line runs nothing and asks for more.
    let more = run(&mut rt, "cd app && zip function.zip \\");
    assert_eq!(more["incomplete"], true, "{more}");
    let zipped = run(&mut rt, "cd app && zip function.zip \\\n  lambda_function.py");
    assert_eq!(zipped["exitCode"], 0, "{zipped}");
    assert_eq!(zipped["prompt"], "~/app $ ");
    assert!(zipped["files"]["app/function.zip"].is_string(), "the new zip is in the saved workspace: {zipped}");
    let role = run(
        &mut rt,
        r#"aws iam create-role --role-name r --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}' --query Role.Arn --output text"#,
    );
    assert_eq!(role["chunks"][0]["text"], "arn:aws:iam::123456789012:role/r\n", "{role}");
    let created = run(&mut rt, "aws lambda create-function --function-name f --runtime python3.13 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/r --zip-file fileb://function.zip --query Handler --output text");
    assert_eq!(created["chunks"][0]["text"], "lambda_function.lambda_handler\n", "{created}");
    let invoked = run(&mut rt, "aws lambda invoke --function-name f --cli-binary-format raw-in-base64-out --payload '{\"n\": 21}' out.json > /dev/null && cat out.json");
    assert_eq!(invoked["chunks"][0]["text"], "42", "{invoked}");
    let failed = run(&mut rt, "aws lambda get-function --function-name nope");
    assert_eq!(failed["exitCode"], 254);
    assert_eq!(failed["chunks"][0]["stream"], "stderr");
    // An edit from the page's editor is what the next command sees.
    let written = ask(&mut rt, json!({"type": "terminalWrite", "session": "s1", "path": "app/notes.txt", "text": "hello"}));
    assert_eq!(written["type"], "terminalWritten");
    assert_eq!(run(&mut rt, "cat notes.txt")["chunks"][0]["text"], "hello");
    let unknown = ask(&mut rt, json!({"type": "terminalRun", "session": "nope", "source": "ls"}));
    assert_eq!(unknown["type"], "error");
}
