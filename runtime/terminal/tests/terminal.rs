//! The terminal as a learner types into it, over a recording backend: the shell's expansions,
//! redirections and errors, and the `aws` command's parameters, output formats, errors and
//! exit codes (what the service answers is canned here; the mock cloud's answers are tested
//! with the real account in `labbook shell`'s tests and the differential test).

use serde_json::{Value, json};
use terminal::{Backend, ServiceError, Terminal, Vfs};

/// Records every call and answers from a list of canned responses by operation.
#[derive(Default)]
struct Recorder {
    calls: Vec<(String, String, Value)>,
    answers: Vec<(&'static str, Result<Value, ServiceError>)>,
}

impl Backend for Recorder {
    fn call(&mut self, service: &str, operation: &str, params: &Value) -> Result<Value, ServiceError> {
        self.calls.push((service.into(), operation.into(), params.clone()));
        self.answers.iter().find(|(op, _)| *op == operation).map(|(_, a)| a.clone()).unwrap_or_else(|| Ok(json!({})))
    }
}

fn term() -> Terminal {
    Terminal::new(Vfs::with_files([("app/lambda_function.py", "def lambda_handler(e, c):\n    return 1\n")]))
}

#[test]
fn variables_substitution_quotes_and_globs() {
    let mut t = term();
    let mut b = Recorder::default();
    let out = t.run("X='a  b'; Y=$(echo hi); echo $X \"$X\" ${Y} ${NOPE:-dflt} ~ app/*.py '$X'", &mut b);
    assert_eq!(out.stdout(), "a b a  b hi dflt /home/learner app/lambda_function.py $X\n");
    assert_eq!(t.run("false && echo no || echo yes; echo $?", &mut b).stdout(), "yes\n0\n");
    assert_eq!(t.run("export STAGE=dev && env | grep -c x", &mut b).stderr(), "bash: grep: command not found\n");
    assert_eq!(t.run("nosuch", &mut b).exit_code, 127);
}

#[test]
fn redirections_pipes_and_here_documents() {
    let mut t = term();
    let mut b = Recorder::default();
    let out = t.run("cat <<EOF > note.txt\nstage=$STAGE\nEOF\necho more >> note.txt; cat note.txt | head -n 1", &mut b);
    assert_eq!(out.stdout(), "stage=\n");
    assert_eq!(t.run("cat note.txt", &mut b).stdout(), "stage=\nmore\n");
    let missing = t.run("cat nope.txt 2>&1 >/dev/null; cat nope.txt 2>/dev/null; echo $?", &mut b);
    assert_eq!(missing.stdout(), "cat: nope.txt: No such file or directory\n1\n");
    assert_eq!(t.run("echo 'unterminated", &mut b).stderr(), "bash: syntax error: unexpected end of file\n");
}

#[test]
fn zip_and_unzip_make_and_read_real_archives() {
    let mut t = term();
    let mut b = Recorder::default();
    let out = t.run("cd app && zip -r ../function.zip . && cd .. && unzip -l function.zip", &mut b);
    assert_eq!(out.exit_code, 0, "{}", out.stderr());
    // 39 bytes do not shrink: Info-ZIP stores them rather than deflate them bigger.
    assert!(out.stdout().starts_with("  adding: lambda_function.py (stored 0%)"), "{}", out.stdout());
    // Info-ZIP 3.0 says 69% for these 45 bytes.
    let big = t.run("printf 'print(1)\\nprint(1)\\nprint(1)\\nprint(1)\\nprint(1)\\n' > big.py && zip big.zip big.py", &mut b);
    assert_eq!(big.stdout(), "  adding: big.py (deflated 69%)\n", "{}", big.stderr());
    assert!(out.stdout().contains("       39  01-15-2026 12:00   lambda_function.py\n"), "{}", out.stdout());
    let nothing = t.run("zip empty.zip nothing-here", &mut b);
    assert_eq!(nothing.exit_code, 12);
    assert_eq!(nothing.stderr(), "\tzip warning: name not matched: nothing-here\n\nzip error: Nothing to do! (empty.zip)\n");
}

#[test]
fn aws_builds_botocore_params_from_options_shorthand_and_files() {
    let mut t = term();
    let mut b = Recorder::default();
    let out = t.run(
        "cd app && zip -q f.zip lambda_function.py && aws lambda create-function --function-name f --runtime python3.13 \\\n  --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/r \\\n  --zip-file fileb://f.zip --timeout 10 --environment 'Variables={STAGE=dev,N=1}' --publish --layers a b",
        &mut b,
    );
    assert_eq!(out.exit_code, 0, "{}", out.stderr());
    let (service, op, params) = &b.calls[0];
    assert_eq!((service.as_str(), op.as_str()), ("lambda", "CreateFunction"));
    assert_eq!(params["Timeout"], 10);
    assert_eq!(params["Publish"], true);
    assert_eq!(params["Environment"], json!({"Variables": {"STAGE": "dev", "N": "1"}}));
    assert_eq!(params["Layers"], json!(["a", "b"]));
    assert!(params["Code"]["ZipFile"]["$bytes"].as_str().is_some_and(|z| z.starts_with("UEsDB")), "a real zip: {params}");
}

#[test]
fn binary_format_decides_what_a_text_payload_means() {
    let mut t = term();
    let mut b = Recorder::default();
    b.answers.push(("Invoke", Ok(json!({"StatusCode": 200, "ExecutedVersion": "$LATEST", "Payload": {"$bytes": "MQ=="}}))));
    let raw = t.run("aws lambda invoke --function-name f --cli-binary-format raw-in-base64-out --payload '{\"a\":1}' out.json", &mut b);
    assert_eq!(raw.stdout(), "{\n    \"StatusCode\": 200,\n    \"ExecutedVersion\": \"$LATEST\"\n}\n");
    assert_eq!(t.run("cat out.json", &mut b).stdout(), "1");
    assert_eq!(b.calls[0].2["Payload"], json!({"$bytes": "eyJhIjoxfQ=="}));
    let v2_default = t.run("aws lambda invoke --function-name f --payload '{\"a\":1}' out.json", &mut b);
    assert_eq!(v2_default.exit_code, 255);
    assert_eq!(v2_default.stderr(), "\naws: [ERROR]: Invalid base64: \"{\"a\":1}\"\n");
    let no_outfile = t.run("aws lambda invoke --function-name f", &mut b);
    assert_eq!(no_outfile.exit_code, 252);
    assert!(no_outfile.stderr().starts_with("\naws: [ERROR]: An error occurred (ParamValidation): the following arguments are required: outfile\n\nusage: aws [options]"), "{}", no_outfile.stderr());
}

#[test]
fn service_errors_and_usage_errors_exit_as_v2_does() {
    let mut t = term();
    let mut b = Recorder::default();
    b.answers.push((
        "GetFunction",
        Err(ServiceError {
            code: "ResourceNotFoundException".into(),
            message: "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope".into(),
            status: 404,
            response: json!({"Error": {"Code": "ResourceNotFoundException", "Message": "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"}, "Type": "User"}),
        }),
    ));
    let e = t.run("aws lambda get-function --function-name nope", &mut b);
    assert_eq!(e.exit_code, 254);
    assert!(e.stderr().starts_with("\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope\n"), "{}", e.stderr());
    let unknown = t.run("aws lambda list-functions --max-itemz 3", &mut b);
    assert_eq!(unknown.exit_code, 252);
    assert!(unknown.stderr().ends_with("\n\naws: [ERROR]: Unknown options: --max-itemz, 3\n"), "{}", unknown.stderr());
    let typo = t.run("aws lambda list-functons", &mut b);
    assert!(typo.stderr().contains("Found invalid choice 'list-functons'\n\nMaybe you meant:\n\n  * list-functions\n"), "{}", typo.stderr());
    let output = t.run("aws lambda list-functions --output jsn", &mut b);
    assert!(output.stderr().contains("argument --output: Found invalid choice 'jsn'"), "{}", output.stderr());
    let shorthand = t.run("aws lambda update-function-configuration --function-name f --environment Variables", &mut b);
    assert_eq!(shorthand.exit_code, 252);
    assert!(shorthand.stderr().contains("Error parsing parameter '--environment': Expected: '=', received: 'EOF' for input:\n Variables\n         ^"), "{}", shorthand.stderr());
    let nested = t.run("aws lambda update-function-configuration --function-name f --environment '{\"Vars\": {}}'", &mut b);
    assert!(nested.stderr().contains("Parameter validation failed:\nUnknown parameter in Environment: \"Vars\", must be one of: Variables"), "{}", nested.stderr());
}

#[test]
fn output_formats_and_query() {
    let mut t = term();
    let mut b = Recorder::default();
    b.answers.push((
        "ListFunctions",
        Ok(json!({"Functions": [{"FunctionName": "a", "Runtime": "python3.13", "MemorySize": 128}, {"FunctionName": "b", "Runtime": "python3.12", "MemorySize": 256}]})),
    ));
    let text = t.run("aws lambda list-functions --output text", &mut b);
    assert_eq!(text.stdout(), "FUNCTIONS\ta\t128\tpython3.13\nFUNCTIONS\tb\t256\tpython3.12\n");
    let names = t.run("aws lambda list-functions --query 'Functions[].FunctionName' --output text", &mut b);
    assert_eq!(names.stdout(), "a\tb\n");
    let json_order = t.run("aws lambda list-functions --query 'Functions[0]'", &mut b);
    assert_eq!(json_order.stdout(), "{\n    \"FunctionName\": \"a\",\n    \"Runtime\": \"python3.13\",\n    \"MemorySize\": 128\n}\n", "model order, not alphabetical");
    let yaml = t.run("AWS_DEFAULT_OUTPUT=yaml aws lambda list-functions --query 'Functions[1].[FunctionName, MemorySize]'", &mut b);
    assert_eq!(yaml.stdout(), "- b\n- 256\n");
    let table = t.run("aws lambda list-functions --output table --query 'Functions[].{Name: FunctionName}'", &mut b);
    // The title is wider than the column: the column widens to the title (the CLI's scaling).
    assert_eq!(table.stdout(), "---------------\n|ListFunctions|\n+-------------+\n|    Name     |\n+-------------+\n|  a          |\n|  b          |\n+-------------+\n");
}

#[test]
fn configure_writes_the_files_the_cli_reads() {
    let mut t = term();
    let mut b = Recorder::default();
    assert_eq!(t.run("aws configure set output text && aws configure get output", &mut b).stdout(), "text\n");
    assert_eq!(t.run("cat ~/.aws/config", &mut b).stdout(), "[default]\noutput = text\n");
    b.answers.push(("GetCallerIdentity", Ok(json!({"UserId": "U", "Account": "123456789012", "Arn": "arn"}))));
    assert_eq!(t.run("aws sts get-caller-identity", &mut b).stdout(), "U\t123456789012\tarn\n".replace("U\t123456789012\tarn", "123456789012\tarn\tU"));
    let region = t.run("aws sts get-caller-identity --region eu-west-1", &mut b);
    assert_eq!(region.exit_code, 255, "the simulated account is in us-east-1 only");
    let profile = t.run("aws sts get-caller-identity --profile dev", &mut b);
    assert_eq!((profile.exit_code, profile.stderr()), (255, "\naws: [ERROR]: The config profile (dev) could not be found\n".to_owned()));
}

#[test]
fn waiters_poll_their_operation_once_and_end_as_botocore_does() {
    let mut t = term();
    let mut b = Recorder::default();
    b.answers.push(("GetFunction", Ok(json!({"Configuration": {"FunctionName": "f", "State": "Active"}}))));
    let ok = t.run("aws lambda wait function-active-v2 --function-name f", &mut b);
    assert_eq!((ok.exit_code, ok.stdout(), ok.stderr()), (0, String::new(), String::new()));
    assert_eq!(b.calls.last().map(|c| c.1.as_str()), Some("GetFunction"));
    let missing = t.run("aws lambda wait function-active-v2", &mut b);
    assert!(missing.stderr().contains("the following arguments are required: --function-name"), "{}", missing.stderr());
    let typo = t.run("aws lambda wait function-activ", &mut b);
    assert!(typo.stderr().contains("argument waiter_name: Found invalid choice 'function-activ'"), "{}", typo.stderr());
    b.answers.clear();
    b.answers.push(("GetFunction", Ok(json!({"Configuration": {"FunctionName": "f", "State": "Failed"}}))));
    let failed = t.run("aws lambda wait function-active-v2 --function-name f", &mut b);
    assert_eq!(failed.exit_code, 255);
    assert_eq!(
        failed.stderr(),
        "\naws: [ERROR]: Waiter FunctionActiveV2 failed: Waiter encountered a terminal failure state: For expression \"Configuration.State\" we matched expected path: \"Failed\"\n"
    );
}
