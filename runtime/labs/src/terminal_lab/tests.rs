//! Each check kind against sessions that satisfy it and sessions that do not, the messages the
//! learner gets, and the lab format's errors.

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::checks::CheckResult;

/// A role and a python3.12 function `f` whose handler returns `{"ok": true, "n": event["n"]}`.
const PRELUDE: &str = r#"cat > trust.json <<'EOF'
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
EOF
aws iam create-role --role-name r --assume-role-policy-document file://trust.json
cat > lambda_function.py <<'EOF'
def lambda_handler(event, context):
    print("n is", event.get("n"))
    if event.get("fail"):
        raise ValueError("asked to fail")
    return {"ok": True, "n": event.get("n")}
EOF
zip f.zip lambda_function.py
aws lambda create-function --function-name f --runtime python3.12 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/r --zip-file fileb://f.zip
"#;

fn lab(checks: &str) -> Lab {
    let text = format!("title = \"t\"\nbrief = \"b\"\n[terminal]\n{checks}");
    Lab::from_text("t", Path::new("lab.toml"), &text, "", "true\n", BTreeMap::new()).unwrap_or_else(|e| panic!("{e}"))
}

/// The checks' results after the prelude and `script`.
fn results(checks: &str, script: &str) -> Vec<CheckResult> {
    let lab = lab(checks);
    let (records, grade) = run_and_grade(&lab, &format!("{PRELUDE}{script}"));
    for r in records.iter().filter(|r| r.exit_code != 0 && !r.command.contains("fail")) {
        eprintln!("note: `{}` exited {}: {}", r.command, r.exit_code, r.stderr);
    }
    grade.cases.into_iter().flat_map(|c| c.checks).collect()
}

fn one(checks: &str, script: &str) -> CheckResult {
    let mut r = results(checks, script);
    assert_eq!(r.len(), 1);
    r.remove(0)
}

#[test]
fn a_function_check_names_the_setting_that_differs_and_the_command_that_changes_it() {
    let check = "[[terminal.checks]]\nfunction = { name = \"f\", runtime = \"python3.13\", memory = 256, environment = { STAGE = \"dev\" } }\n";
    let r = one(check, "");
    assert!(!r.passed);
    assert!(r.message.contains("`f` has runtime python3.12; the lab asks for python3.13"), "{}", r.message);
    assert!(r.message.contains("--runtime") && r.message.contains("--memory-size"), "{}", r.message);
    assert!(r.message.contains("no environment variable STAGE"), "{}", r.message);
    let fixed = "aws lambda update-function-configuration --function-name f --runtime python3.13 --memory-size 256 --environment Variables={STAGE=dev}\n";
    assert!(one(check, fixed).passed);
}

#[test]
fn a_function_check_sees_the_package_handler_role_versions_and_concurrency() {
    let check = "[[terminal.checks]]\nfunction = { name = \"f\", handler = \"app.main\", role = \"r\", files = [\"app.py\"], published_versions = 1, reserved_concurrency = 2 }\n";
    let r = one(check, "");
    for needle in ["handler is `lambda_function.lambda_handler`", "package has no `app.py` (it holds: lambda_function.py)", "0 published", "no reserved concurrency"] {
        assert!(r.message.contains(needle), "{needle}: {}", r.message);
    }
    assert!(!r.message.contains("runs as"), "the role matches by name: {}", r.message);
    let fixed = "cp lambda_function.py app.py\nzip g.zip app.py\naws lambda update-function-code --function-name f --zip-file fileb://g.zip\n\
        aws lambda update-function-configuration --function-name f --handler app.main\naws lambda publish-version --function-name f\n\
        aws lambda put-function-concurrency --function-name f --reserved-concurrent-executions 2\n";
    assert!(one(check, fixed).passed, "{}", one(check, fixed).message);
}

#[test]
fn a_missing_or_deleted_function_is_told_apart() {
    let r = one("[[terminal.checks]]\nfunction = { name = \"g\", runtime = \"python3.13\" }\n", "");
    assert_eq!(r.description, "function `g`: runtime python3.13", "what is asked, whether or not it exists");
    assert!(r.message.contains("there is no function `g` (functions in the account: `f`)"), "{}", r.message);
    assert!(r.message.contains("create-function"));
    let gone = "[[terminal.checks]]\nfunction = { name = \"f\", exists = false }\n";
    assert!(!one(gone, "").passed);
    assert!(one(gone, "aws lambda delete-function --function-name f\n").passed);
}

#[test]
fn an_alias_check_compares_version_and_routing_weights() {
    let check = "[[terminal.checks]]\nalias = { function = \"f\", name = \"prod\", version = \"1\", weights = { \"2\" = 0.25 } }\n";
    let versions = "aws lambda publish-version --function-name f\naws lambda update-function-configuration --function-name f --timeout 9\naws lambda publish-version --function-name f\n";
    let r = one(check, versions);
    assert!(r.message.contains("has no alias `prod` (its aliases: none yet)"), "{}", r.message);
    let r = one(check, &format!("{versions}aws lambda create-alias --function-name f --name prod --function-version 2\n"));
    assert!(r.message.contains("points at version 2; the lab asks for version 1"), "{}", r.message);
    assert!(r.message.contains("routes everything to one version"), "{}", r.message);
    let r = one(check, &format!("{versions}aws lambda create-alias --function-name f --name prod --function-version 1 --routing-config AdditionalVersionWeights={{2=0.25}}\n"));
    assert!(r.passed, "{}", r.message);
    assert_eq!(r.description, "alias `prod` of `f` → version 1, 25% to version 2");
}

#[test]
fn a_role_check_reads_the_trust_policy_and_attached_policies() {
    let basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
    let check = format!("[[terminal.checks]]\nrole = {{ name = \"r\", trusts = \"lambda.amazonaws.com\", policies = [\"{basic}\"] }}\n");
    let r = one(&check, "");
    assert!(r.message.contains("does not have AWSLambdaBasicExecutionRole attached (attached: none)"), "{}", r.message);
    assert!(!r.message.contains("trust policy"), "the prelude's role trusts Lambda: {}", r.message);
    assert!(one(&check, &format!("aws iam attach-role-policy --role-name r --policy-arn {basic}\n")).passed);
    let ec2 = "cat > t2.json <<'EOF'\n{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}\nEOF\naws iam create-role --role-name e --assume-role-policy-document file://t2.json\n";
    let r = one("[[terminal.checks]]\nrole = { name = \"e\", trusts = \"lambda.amazonaws.com\" }\n", ec2);
    assert!(r.message.contains("does not let lambda.amazonaws.com assume it"), "{}", r.message);
    let r = one("[[terminal.checks]]\nrole = { name = \"nobody\" }\n", "");
    assert!(r.message.contains("there is no role `nobody` (roles in the account: `r`)"), "{}", r.message);
}

#[test]
fn a_layer_check_counts_versions_and_reads_compatible_runtimes() {
    let check = "[[terminal.checks]]\nlayer = { name = \"util\", versions = 2, compatible_runtime = \"python3.13\" }\n";
    assert!(one(check, "").message.contains("there is no layer `util`"));
    let publish = "mkdir python\necho 'X = 1' > python/util.py\nzip -r util.zip python\naws lambda publish-layer-version --layer-name util --zip-file fileb://util.zip --compatible-runtimes python3.12\n";
    let r = one(check, publish);
    assert!(r.message.contains("has 1 version(s); the lab asks for 2"), "{}", r.message);
    assert!(r.message.contains("does not list python3.13"), "{}", r.message);
    let again = format!("{publish}aws lambda publish-layer-version --layer-name util --zip-file fileb://util.zip --compatible-runtimes python3.13\n");
    assert!(one(check, &again).passed);
    let attached = "[[terminal.checks]]\nfunction = { name = \"f\", layers = [\"util:1\"] }\n";
    assert!(one(attached, publish).message.contains("does not use layer `util:1` (its layers: none)"));
    let attach = format!("{publish}aws lambda update-function-configuration --function-name f --layers arn:aws:lambda:us-east-1:123456789012:layer:util:1\n");
    assert!(one(attached, &attach).passed);
}

#[test]
fn an_invoked_check_matches_version_outcome_payload_and_log() {
    let invoke = |payload: &str| format!("aws lambda invoke --function-name f --cli-binary-format raw-in-base64-out --payload '{payload}' out.json\n");
    let ok = "[[terminal.checks]]\ninvoked = { function = \"f\", error = false, returned = { path = \"n\", equals = 3 }, log_contains = \"n is 3\" }\n";
    assert!(one(ok, "").message.contains("`f` has not been invoked yet"));
    let r = one(ok, &invoke("{\"n\": 2}"));
    assert!(r.message.contains("it returned 2 at `n`, not 3"), "{}", r.message);
    assert!(one(ok, &invoke("{\"n\": 3}")).passed);
    let r = one(ok, &invoke("{\"fail\": true}"));
    assert!(r.message.contains("it failed with ValueError: asked to fail"), "{}", r.message);
    let failed = "[[terminal.checks]]\ninvoked = { function = \"f\", error_type = \"ValueError\", min = 2 }\n";
    let r = one(failed, &invoke("{\"fail\": true}"));
    assert!(r.message.contains("1 of `f`'s invocations match; the lab asks for 2"), "{}", r.message);
    assert!(one(failed, &invoke("{\"fail\": true}").repeat(2)).passed);
    let v1 = "[[terminal.checks]]\ninvoked = { function = \"f\", version = \"1\" }\n";
    assert!(one(v1, &invoke("{}")).message.contains("it ran version $LATEST, not 1"));
    let published = format!("aws lambda publish-version --function-name f\n{}", invoke("{}").replace("--function-name f", "--function-name f --qualifier 1"));
    assert!(one(v1, &published).passed);
    let prod = "[[terminal.checks]]\ninvoked = { function = \"f\", qualifier = \"prod\", version = \"1\" }\n";
    let r = one(prod, &published);
    assert!(r.message.contains("it was invoked as `f:1`, not through `prod`"), "{}", r.message);
    assert_eq!(r.description, "`f` was invoked through `prod` (version 1)");
    let alias = format!("{published}aws lambda create-alias --function-name f --name prod --function-version 1\n{}", invoke("{}").replace("--function-name f", "--function-name f --qualifier prod"));
    assert!(one(prod, &alias).passed);
}

#[test]
fn a_function_check_with_a_version_reads_that_versions_configuration() {
    let check = "[[terminal.checks]]\nfunction = { name = \"f\", version = \"1\", timeout = 3 }\n";
    let r = one(check, "");
    assert!(r.message.contains("`f` has no version 1 (its published versions: none yet)"), "{}", r.message);
    assert_eq!(r.description, "version 1 of `f`: timeout (s) 3");
    let later = "aws lambda publish-version --function-name f\naws lambda update-function-configuration --function-name f --timeout 9\n";
    assert!(one(check, later).passed, "version 1 keeps the timeout it was published with");
    let latest = "[[terminal.checks]]\nfunction = { name = \"f\", timeout = 3 }\n";
    assert!(one(latest, later).message.contains("`f` has timeout (s) 9; the lab asks for 3"));
}

#[test]
fn a_ran_check_matches_the_pattern_exit_status_and_output() {
    let check = "[[terminal.checks]]\nran = { command = \"aws lambda invoke --log-type Tail\", exit_code = 0 }\n";
    assert!(one(check, "").message.contains("no command you ran matches `aws lambda invoke --log-type Tail` yet"));
    let r = one(check, "aws lambda invoke --function-name nope --log-type Tail out.json\n");
    assert!(r.message.contains("it exited with 254: aws: [ERROR]: An error occurred (ResourceNotFoundException)"), "{}", r.message);
    assert!(one(check, "aws lambda invoke --function-name f --log-type=Tail out.json\n").passed);
    let output = "[[terminal.checks]]\nran = { command = \"cat\", stdout_contains = \"\\\"ok\\\"\" }\n";
    assert!(one(output, "aws lambda invoke --function-name f out.json\ncat out.json\n").passed);
    let never = "[[terminal.checks]]\nran = { command = \"aws lambda delete-function\", max = 0 }\n";
    assert!(one(never, "").passed);
    assert!(one(never, "aws lambda delete-function --function-name f\n").message.contains("the lab asks you not to"));
}

#[test]
fn an_authors_message_replaces_the_generated_one_but_keeps_what_the_account_shows() {
    let state = "[[terminal.checks]]\nfunction = { name = \"f\", runtime = \"python3.13\" }\nmessage = \"Move f to the newest runtime\"\n";
    let r = one(state, "");
    assert!(r.message.starts_with("Move f to the newest runtime (now: `f` has runtime python3.12"), "{}", r.message);
    let ran = "[[terminal.checks]]\nran = { command = \"aws lambda invoke --log-type Tail\" }\nmessage = \"Read the log tail\"\n";
    assert_eq!(one(ran, "").message, "Read the log tail");
}

#[test]
fn commands_split_as_the_terminal_reads_them() {
    let script = "# a comment\n\naws lambda invoke \\\n  --function-name f out.json\ncat > a.txt <<'EOF'\nx\n\nEOF\necho 'two\nlines'\n";
    assert_eq!(
        split_commands(script),
        ["aws lambda invoke \\\n  --function-name f out.json", "cat > a.txt <<'EOF'\nx\n\nEOF", "echo 'two\nlines'"]
    );
}

#[test]
fn the_record_is_the_json_labbook_shell_prints() {
    let lab = lab("[[terminal.checks]]\nran = { command = \"echo\" }\n");
    let (mut terminal, mut account) = start(&lab).unwrap();
    let records = run_script(&mut terminal, &mut account, "echo hi\nls nothing-here\n");
    let json = serde_json::to_value(&records).unwrap();
    assert_eq!(json[0], serde_json::json!({"command": "echo hi", "exit_code": 0, "stdout": "hi\n", "stderr": ""}));
    assert_ne!(json[1]["exit_code"], 0);
    assert!(json[1]["stderr"].as_str().unwrap().contains("nothing-here"));
}

#[test]
fn setup_runs_before_the_session_and_a_failing_setup_is_the_authors_error() {
    let mut lab = lab("[[terminal.checks]]\nrole = { name = \"made\" }\n");
    let text = "cat > t.json <<'EOF'\n{\"Version\": \"2012-10-17\", \"Statement\": []}\nEOF\naws iam create-role --role-name made --assume-role-policy-document file://t.json\nX=1\n";
    lab.terminal = Some(crate::definition::TerminalFiles { workspace: BTreeMap::from([("notes.txt".into(), "hi".into())]), setup_script: Some(text.into()) });
    let (mut terminal, mut account) = start(&lab).unwrap();
    let records = run_script(&mut terminal, &mut account, "ls\necho \"[$X]\"\npwd\n");
    assert_eq!(records[0].stdout.split_whitespace().collect::<Vec<_>>(), ["notes.txt", "t.json"], "setup's files stay");
    assert_eq!(records[1].stdout, "[]\n", "the learner's shell starts afresh");
    assert!(grade(&lab, &account, &records).passed());
    lab.terminal.as_mut().unwrap().setup_script = Some("aws lambda get-function --function-name missing\n".into());
    let Err(e) = start(&lab) else { panic!("setup.sh failed, yet the lab started") };
    assert!(e.starts_with("setup.sh: `aws lambda get-function --function-name missing` exited with 254"), "{e}");
    let grade = grade_script(&lab, "");
    assert!(!grade.passed());
    assert_eq!(grade.cases[0].run.setup_error.as_deref(), Some(e.as_str()));
}

#[test]
fn a_terminal_lab_toml_with_a_mistake_is_reported_at_its_line() {
    let load = |text: &str| Lab::from_text("t", Path::new("lab.toml"), text, "", "true\n", BTreeMap::new()).map(|_| ()).map_err(|e| e.to_string());
    let head = "title = \"t\"\nbrief = \"b\"\n";
    assert_eq!(load(&format!("{head}[terminal]\n")).unwrap_err(), "lab.toml:3: a terminal lab needs at least one [[terminal.checks]]");
    let e = load(&format!("{head}[terminal]\n[[terminal.checks]]\nran = {{ command = \"--log-type Tail\" }}\n")).unwrap_err();
    assert!(e.starts_with("lab.toml:5: the command pattern `--log-type Tail` must start with the command's words"), "{e}");
    let e = load(&format!("{head}[[setup]]\ncall = \"ec2.RunInstances\"\n[terminal]\n[[terminal.checks]]\nrole = {{ name = \"r\" }}\n")).unwrap_err();
    assert!(e.starts_with("lab.toml:4: call `ec2.RunInstances` must be `service.Operation` with service s3, sqs, dynamodb, sns, lambda or iam"), "{e}");
    let e = load(&format!("{head}[terminal]\n[[terminal.checks]]\nalias = {{ function = \"f\", name = \"prod\", weights = {{ \"2\" = 10 }} }}\n")).unwrap_err();
    assert!(e.contains("a routing weight is between 0 and 1"), "{e}");
    let e = load(&format!("{head}[terminal]\n[[terminal.checks]]\nrole = {{ name = \"r\", trust = \"x\" }}\n")).unwrap_err();
    // The check table's line: `flatten` loses the field's own span.
    assert!(e.starts_with("lab.toml:4:") && e.contains("unknown field `trust`, expected one of"), "{e}");
    let e = load(&format!("{head}[terminal]\n[[terminal.checks]]\nrole = {{ name = \"r\" }}\n[[cases]]\nname = \"c\"\nchecks = []\n")).unwrap_err();
    assert!(e.starts_with("lab.toml:6: a terminal lab is graded by [[terminal.checks]], not [[cases]]"), "{e}");
    let e = load(&format!("{head}[function]\nname = \"f\"\n[terminal]\n[[terminal.checks]]\nrole = {{ name = \"r\" }}\n")).unwrap_err();
    assert!(e.starts_with("lab.toml:3: a terminal lab has no [function]"), "{e}");
    let e = load(&format!("{head}[[setup]]\ncall = \"lambda.CreateFunction\"\n[[cases]]\nname = \"c\"\nchecks = [{{ log = {{ contains = \"x\" }} }}]\n")).unwrap_err();
    assert!(e.contains("with service s3, sqs, dynamodb or sns"), "handler labs keep their setup services: {e}");
}

#[test]
fn the_page_sees_a_terminal_labs_workspace_but_not_its_setup_or_solution() {
    let mut lab = lab("[[terminal.checks]]\nran = { command = \"echo\" }\n");
    lab.solution = "aws lambda create-function --function-name secret-name\n".into();
    lab.terminal = Some(crate::definition::TerminalFiles {
        workspace: BTreeMap::from([("app/lambda_function.py".into(), "def h(e, c): pass\n".into())]),
        setup_script: Some("zip -r hidden-mistake.zip app\n".into()),
    });
    let public = crate::view::public_lab(&lab);
    assert_eq!(public["terminalLab"], true);
    assert_eq!(public["workspace"]["app/lambda_function.py"], "def h(e, c): pass\n");
    let text = public.to_string();
    assert!(!text.contains("secret-name") && !text.contains("hidden-mistake"), "{text}");
}
