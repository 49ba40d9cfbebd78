//! Lab-format capabilities beyond triggers and cloud checks: test labs (the learner writes
//! tests, graded against correct and broken implementations), request-id and numeric-range
//! checks on return values, and a case's own reserved concurrency.

mod common;

use common::{lab_dir, load, load_err};
use labs::{Lab, Runner};
use serde_json::{Value, json};

const CORRECT: &str = "def lambda_handler(event, context):\n    return {'double': event['n'] * 2}\n";
const BROKEN: &str = "def lambda_handler(event, context):\n    return {'double': event['n'] + 2}\n";

const TEST_LAB: &str = r#"
title = "t"
brief = "b"

[tests]

[[cases]]
name = "correct"
implementation = "correct"
checks = [ { tests = { pass = true }, message = "must pass" } ]

[[cases]]
name = "adds instead of doubling"
implementation = "adds"
checks = [ { tests = { pass = false }, message = "must catch it" } ]
"#;

fn test_lab(tests: &str) -> Lab {
    load(TEST_LAB, tests, &[("implementations/correct.py", CORRECT), ("implementations/adds.py", BROKEN)])
}

/// (passed, message) of the single check of each case.
fn outcomes(lab: &Lab, code: &str) -> Vec<(bool, String)> {
    labs::grade(lab, code, true).cases.iter().map(|c| (c.checks[0].passed, c.checks[0].message.clone())).collect()
}

#[test]
fn good_tests_pass_the_correct_handler_and_catch_the_broken_one() {
    let tests = "import lambda_function\n\ndef test_doubles():\n    assert lambda_function.lambda_handler({'n': 3}, None) == {'double': 6}\n";
    let lab = test_lab(tests);
    let grade = labs::grade(&lab, tests, true);
    assert!(grade.passed(), "{:?}", outcomes(&lab, tests));
    let run = &grade.cases[1].run;
    assert_eq!(run.invocations.len(), 1);
    assert_eq!(run.invocations[0].source, "tests");
    let log = run.invocations[0].report.as_ref().unwrap().log_text();
    assert!(log.contains("test_lambda_function.py::test_doubles FAILED: AssertionError"), "{log}");
    assert!(log.contains("1 test(s): 0 passed, 1 failed"), "{log}");
}

#[test]
fn weak_tests_miss_the_bug_and_say_so() {
    let tests = "import lambda_function\n\ndef test_returns_a_dict():\n    assert 'double' in lambda_function.lambda_handler({'n': 2}, None)\n";
    let got = outcomes(&test_lab(tests), tests);
    assert!(got[0].0, "{got:?}");
    assert!(!got[1].0);
    assert_eq!(got[1].1, "must catch it (all 1 of your test(s) passed against this broken handler, so they miss its bug)");
}

#[test]
fn a_wrong_test_fails_the_correct_handler_with_its_line() {
    let tests = "import lambda_function\n\ndef test_doubles():\n    result = lambda_function.lambda_handler({'n': 2}, None)\n    assert result == {'double': 5}, result\n";
    let got = outcomes(&test_lab(tests), tests);
    assert!(!got[0].0);
    assert_eq!(got[0].1, "must pass (this handler is correct, but `test_doubles` failed at line 5: AssertionError: {'double': 4})");
}

#[test]
fn no_tests_a_syntax_error_and_fixtures_are_explained() {
    let none = "import lambda_function\n\ndef helper():\n    pass\n";
    let got = outcomes(&test_lab(none), none);
    assert!(got[1].1.contains("no tests found: write functions whose names start with `test_`"), "{got:?}");

    let syntax = "def test_x(:\n    pass\n";
    let got = outcomes(&test_lab(syntax), syntax);
    assert!(got[0].1.contains("your test file does not load: SyntaxError"), "{got:?}");
    assert!(got[0].1.contains("(line 1)"), "{got:?}");

    let import = "import lambda_function\nimport pytest\n";
    let got = outcomes(&test_lab(import), import);
    assert!(got[0].1.contains("does not load: ModuleNotFoundError"), "{got:?}");
    assert!(got[0].1.contains("(line 2)"), "{got:?}");

    let fixture = "import lambda_function\n\ndef test_x(context):\n    assert True\n";
    let got = outcomes(&test_lab(fixture), fixture);
    assert!(got[0].1.contains("`test_x` raised: TypeError: this test takes arguments (context)"), "{got:?}");
}

#[test]
fn helpers_imported_into_the_test_file_are_not_tests_but_test_classes_are() {
    let tests = "from lambda_function import lambda_handler as testable\n\nclass TestDouble:\n    def test_three(self):\n        assert testable({'n': 3}, None)['double'] == 6\n";
    let lab = test_lab(tests);
    let grade = labs::grade(&lab, tests, true);
    assert!(grade.passed(), "{:?}", outcomes(&lab, tests));
    let result = grade.cases[0].run.invocations[0].report.as_ref().unwrap().payload();
    assert_eq!(result["tests"].as_array().unwrap().len(), 1, "{result}");
    assert_eq!(result["tests"][0]["name"], "TestDouble.test_three");
}

#[test]
fn run_button_runs_the_tests_against_the_first_visible_implementation() {
    let tests = "import lambda_function\n\ndef test_doubles():\n    assert lambda_function.lambda_handler({'n': 3}, None) == {'double': 6}\n";
    let lab = test_lab(tests);
    assert_eq!(labs::report::sample_event(&lab), json!({}));
    let run = labs::report::run_json(&lab, tests, None);
    assert_eq!(run["invocations"][0]["source"], "tests");
    assert_eq!(run["invocations"][0]["result"]["passed"], 1);
    let log: Vec<&str> = run["invocations"][0]["log"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(log.iter().any(|l| l.contains("test_doubles PASSED")), "{log:?}");
}

#[test]
fn lab_json_round_trips_and_older_json_without_implementations_still_loads() {
    let lab = test_lab("");
    let json = serde_json::to_value(&lab).unwrap();
    assert_eq!(json["implementations"]["adds"], BROKEN);
    let back: Lab = serde_json::from_value(json.clone()).unwrap();
    assert!(back.is_test_lab());
    let mut old = json;
    old.as_object_mut().unwrap().remove("implementations");
    old["def"].as_object_mut().unwrap().remove("tests");
    for case in old["def"]["cases"].as_array_mut().unwrap() {
        case.as_object_mut().unwrap().remove("implementation");
        case["checks"] = json!([{"returned": {"path": "x", "exists": true}, "message": "m"}]);
    }
    let back: Lab = serde_json::from_value(old).unwrap();
    assert!(!back.is_test_lab());
    assert!(back.implementations.is_empty());
}

#[test]
fn test_lab_mistakes_are_reported_with_their_line() {
    let files = [("implementations/correct.py", CORRECT)];
    // A case names an implementation that does not exist.
    let toml = "title = \"t\"\nbrief = \"b\"\n[tests]\n[[cases]]\nname = \"c\"\nimplementation = \"nope\"\nchecks = [ { tests = { pass = true } } ]\n";
    let e = load_err(toml, &files);
    assert_eq!(e.line, 6, "{e}");
    assert!(e.message.contains("no implementations/nope.py (there are: correct)"), "{e}");

    // A case without an implementation.
    let toml = "title = \"t\"\nbrief = \"b\"\n[tests]\n[[cases]]\nname = \"lonely\"\nchecks = [ { tests = { pass = true } } ]\n";
    let e = load_err(toml, &files);
    assert_eq!(e.line, 5, "{e}");
    assert!(e.message.contains("case `lonely` needs `implementation = \"<name>\"`"), "{e}");

    // Invoke steps make no sense in a test lab.
    let toml = "title = \"t\"\nbrief = \"b\"\n[tests]\n[[cases]]\nname = \"c\"\nimplementation = \"correct\"\nsteps = [ { invoke = {} } ]\nchecks = [ { tests = { pass = true } } ]\n";
    let e = load_err(toml, &files);
    assert!(e.message.contains("steps can only be calls"), "{e}");

    // No implementations folder.
    let toml = "title = \"t\"\nbrief = \"b\"\n\n[tests]\n[[cases]]\nname = \"c\"\nimplementation = \"correct\"\nchecks = [ { tests = { pass = true } } ]\n";
    let e = load_err(toml, &[]);
    assert_eq!(e.line, 4, "{e}");
    assert!(e.message.contains("implementations/"), "{e}");

    // A trigger.
    let toml = "title = \"t\"\nbrief = \"b\"\n[tests]\n[trigger]\ntype = \"sns\"\ntopic = \"x\"\n[[cases]]\nname = \"c\"\nimplementation = \"correct\"\nchecks = [ { tests = { pass = true } } ]\n";
    let e = load_err(toml, &files);
    assert_eq!(e.line, 4, "{e}");

    // The learner's module would shadow the handler.
    let toml = "title = \"t\"\nbrief = \"b\"\n[tests]\nmodule = \"lambda_function\"\n[[cases]]\nname = \"c\"\nimplementation = \"correct\"\nchecks = [ { tests = { pass = true } } ]\n";
    let e = load_err(toml, &files);
    assert_eq!(e.line, 4, "{e}");

    // A case without a tests check.
    let toml = "title = \"t\"\nbrief = \"b\"\n[tests]\n[[cases]]\nname = \"c\"\nimplementation = \"correct\"\nchecks = [ { returned = { exists = true } } ]\n";
    let e = load_err(toml, &files);
    assert!(e.message.contains("needs a `tests = { pass = ... }` check"), "{e}");
}

#[test]
fn test_lab_features_outside_a_test_lab_are_errors() {
    let toml = "title = \"t\"\nbrief = \"b\"\n[[cases]]\nname = \"c\"\nimplementation = \"correct\"\nsteps = [ { invoke = {} } ]\nchecks = [ { returned = { exists = true } } ]\n";
    let e = load_err(toml, &[]);
    assert_eq!(e.line, 5, "{e}");
    assert!(e.message.contains("only for test labs"), "{e}");

    let toml = "title = \"t\"\nbrief = \"b\"\n[[cases]]\nname = \"c\"\nsteps = [ { invoke = {} } ]\nchecks = [ { tests = { pass = true } } ]\n";
    let e = load_err(toml, &[]);
    assert!(e.message.contains("only for test labs"), "{e}");
}

const CONTEXT_LAB: &str = r#"
title = "t"
brief = "b"
[[cases]]
name = "c"
steps = [ { invoke = {} }, { invoke = {} } ]
checks = [
  { returned = { index = 0, path = "id", request_id = true } },
  { returned = { index = 1, path = "id", request_id = true } },
  { returned = { path = "left", min = 1, max = 3000 } },
]
"#;

#[test]
fn returned_values_can_be_checked_against_the_request_id_and_a_range() {
    let good = "def lambda_handler(event, context):\n    return {'id': context.aws_request_id, 'left': context.get_remaining_time_in_millis()}\n";
    let lab = load(CONTEXT_LAB, good, &[]);
    let grade = labs::grade(&lab, good, true);
    assert!(grade.passed(), "{:?}", grade.cases[0].checks);

    // The first invocation's id, kept in a global: right once, wrong when warm.
    let cached = "FIRST = []\ndef lambda_handler(event, context):\n    FIRST.append(context.aws_request_id)\n    return {'id': FIRST[0], 'left': 'soon'}\n";
    let checks = labs::grade(&lab, cached, true).cases[0].checks.clone();
    assert!(checks[0].passed);
    assert!(!checks[1].passed);
    assert!(checks[1].message.starts_with("expected this invocation's request id"), "{}", checks[1].message);
    assert!(!checks[2].passed);
    assert_eq!(checks[2].message, "expected a number, got \"soon\"");

    let late = "def lambda_handler(event, context):\n    return {'id': context.aws_request_id, 'left': 5000}\n";
    let checks = labs::grade(&lab, late, true).cases[0].checks.clone();
    assert_eq!(checks[2].message, "expected a number between 1 and 3000, got 5000");
}

#[test]
fn a_case_can_have_its_own_reserved_concurrency() {
    let toml = r#"
title = "t"
brief = "b"
[function]
reserved_concurrency = 2
[[cases]]
name = "function's reservation"
steps = [ { burst = { count = 5 } } ]
checks = [ { invocations = { count = 2, throttles = 3 } } ]
[[cases]]
name = "case's reservation"
reserved_concurrency = 4
steps = [ { burst = { count = 5 } } ]
checks = [ { invocations = { count = 4, throttles = 1 } } ]
[[cases]]
name = "emergency stop"
reserved_concurrency = 0
steps = [ { invoke = {} } ]
checks = [ { invocations = { count = 0, throttles = 1 } } ]
"#;
    let code = "def lambda_handler(event, context):\n    return 1\n";
    let lab = load(toml, code, &[]);
    let mut runner = Runner::new(&lab, code);
    for case in &lab.def.cases {
        let run = runner.run_case(case);
        let check = labs::checks::evaluate(&case.checks[0], &run);
        assert!(check.passed, "case `{}`: {}", case.name, check.message);
    }
}

/// [`TEST_LAB`] with its broken handler written as a mutant of the correct one.
fn mutant_lab() -> String {
    TEST_LAB.replace("[tests]\n", "[tests]\nmutants = [ { name = \"adds\", replace = [[\"n'] * 2\", \"n'] + 2\"]] } ]\n")
}

#[test]
fn mutants_are_edits_of_an_implementation_and_grade_like_files() {
    let lab = load(&mutant_lab(), "", &[("implementations/correct.py", CORRECT)]);
    assert_eq!(lab.implementations["adds"], BROKEN, "the mutant is the base with its replacement");
    let good = "import lambda_function\ndef test_double():\n    assert lambda_function.lambda_handler({'n': 3}, None) == {'double': 6}\n";
    let graded = outcomes(&lab, good);
    assert!(graded.iter().all(|(passed, _)| *passed), "{graded:?}");
}

#[test]
fn mutant_mistakes_name_the_line_and_the_fix() {
    let missing = mutant_lab().replace("n'] * 2", "n'] * 3");
    let e = load_err(&missing, &[("implementations/correct.py", CORRECT)]);
    assert!(e.message.contains("is not in implementations/correct.py"), "{e}");
    assert_eq!(e.line, 6, "{e}");
    let twice = format!("{CORRECT}# n'] * 2\n");
    let e = load_err(&mutant_lab(), &[("implementations/correct.py", &twice)]);
    assert!(e.message.contains("occurs 2 times"), "{e}");
    let e = load_err(&mutant_lab().replace("replace =", "of = \"nope\", replace ="), &[("implementations/correct.py", CORRECT)]);
    assert!(e.message.contains("implementations/nope.py, which does not exist"), "{e}");
    let e = load_err(&mutant_lab(), &[("implementations/correct.py", CORRECT), ("implementations/adds.py", BROKEN)]);
    assert!(e.message.contains("rename one"), "{e}");
}

#[test]
fn a_labs_data_files_ship_with_the_function_and_binary_files_are_refused() {
    let toml = r#"
title = "t"
brief = "b"
[[cases]]
name = "reads its config"
steps = [ { invoke = {} } ]
checks = [ { returned = { path = "region", equals = "eu-west-1" } } ]
"#;
    let code = "import json\ndef lambda_handler(event, context):\n    with open('config.json') as f:\n        return json.load(f)\n";
    let lab = load(toml, code, &[("files/config.json", r#"{"region": "eu-west-1"}"#)]);
    assert_eq!(lab.extra_files["/var/task/config.json"], r#"{"region": "eu-west-1"}"#);
    let run = Runner::new(&lab, &lab.solution).run_case(&lab.def.cases[0]);
    let report = run.invocations[0].report.as_ref().expect("ran");
    assert_eq!(report.payload()["region"], json!("eu-west-1"), "{}", report.log_text());

    let (_dir, path) = lab_dir(toml, code, &[]);
    std::fs::create_dir_all(path.join("files")).unwrap();
    std::fs::write(path.join("files/logo.png"), [0x89u8, b'P', b'N', b'G', 0xff, 0xfe]).unwrap();
    let e = Lab::load(&path).expect_err("binary files are refused");
    assert!(e.to_string().contains("logo.png") && e.message.contains("not UTF-8 text"), "{e}");
}
