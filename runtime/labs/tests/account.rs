//! The simulated account behind the terminal: the `aws` CLI deploys real code, and Lambda's
//! event sources run it between commands (an SQS mapping, an S3 notification), with
//! separate execution environments per function.

use labs::Account;
use terminal::{Terminal, Vfs};

const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

fn deployed(code: &str, name: &str) -> (Terminal, Account) {
    let mut t = Terminal::new(Vfs::with_files([("lambda_function.py", code)]));
    let mut a = Account::default();
    let script = format!(
        "aws iam create-role --role-name r --assume-role-policy-document '{TRUST}' > /dev/null\n\
         zip -q f.zip lambda_function.py\n\
         aws lambda create-function --function-name {name} --runtime python3.13 --handler lambda_function.lambda_handler \
         --role arn:aws:iam::123456789012:role/r --zip-file fileb://f.zip > /dev/null"
    );
    for line in script.lines() {
        let out = t.run(line, &mut a);
        assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr());
    }
    (t, a)
}

#[test]
fn an_sqs_mapping_delivers_sent_messages_and_deletes_them_on_success() {
    let code = "def lambda_handler(event, context):\n    return [r['body'] for r in event['Records']]\n";
    let (mut t, mut a) = deployed(code, "consumer");
    let run = |t: &mut Terminal, a: &mut Account, line: &str| {
        let out = t.run(line, a);
        assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr());
        out.stdout()
    };
    let url = run(&mut t, &mut a, "aws sqs create-queue --queue-name jobs --query QueueUrl --output text");
    run(&mut t, &mut a, "aws lambda create-event-source-mapping --function-name consumer --batch-size 5 --event-source-arn arn:aws:sqs:us-east-1:123456789012:jobs");
    assert!(a.invocations.is_empty());
    run(&mut t, &mut a, &format!("aws sqs send-message --queue-url {} --message-body hello", url.trim()));
    assert_eq!(a.invocations.len(), 1, "the mapping polled the queue after the command");
    assert_eq!(a.invocations[0].report.payload(), serde_json::json!(["hello"]));
    let left = run(&mut t, &mut a, &format!("aws sqs get-queue-attributes --queue-url {} --attribute-names All --query Attributes.ApproximateNumberOfMessages --output text", url.trim()));
    assert_eq!(left.trim(), "0", "a successful batch is deleted");
}

#[test]
fn two_functions_do_not_share_module_state_and_new_code_cold_starts() {
    let code = "COUNT = 0\ndef lambda_handler(event, context):\n    global COUNT\n    COUNT += 1\n    return COUNT\n";
    let (mut t, mut a) = deployed(code, "one");
    let out = t.run("aws lambda create-function --function-name two --runtime python3.13 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/r --zip-file fileb://f.zip > /dev/null", &mut a);
    assert_eq!(out.exit_code, 0, "{}", out.stderr());
    let mut invoke = |t: &mut Terminal, a: &mut Account, f: &str| t.run(&format!("aws lambda invoke --function-name {f} out.json > /dev/null && cat out.json"), a).stdout();
    assert_eq!(invoke(&mut t, &mut a, "one"), "1");
    assert_eq!(invoke(&mut t, &mut a, "one"), "2", "warm: module state kept");
    assert_eq!(invoke(&mut t, &mut a, "two"), "1", "another function has its own environment");
    assert_eq!(invoke(&mut t, &mut a, "one"), "3", "and the first stayed warm meanwhile");
    assert!(a.invocations.last().is_some_and(|i| i.report.init_ms.is_none()), "a warm start, no Init Duration");
    let updated = t.run("aws lambda update-function-configuration --function-name one --timeout 5 > /dev/null", &mut a);
    assert_eq!(updated.exit_code, 0);
    assert_eq!(invoke(&mut t, &mut a, "one"), "1", "a configuration change cold-starts");
}

#[test]
fn a_wrong_handler_fails_like_lambda_with_function_error() {
    let (mut t, mut a) = deployed("def lambda_handler(event, context):\n    return 1\n", "f");
    let out = t.run("aws lambda update-function-configuration --function-name f --handler app.handler > /dev/null && aws lambda invoke --function-name f out.json --query FunctionError --output text && cat out.json", &mut a);
    assert_eq!(out.exit_code, 0, "an Unhandled function error is not a failed call: {}", out.stderr());
    let text = out.stdout();
    assert!(text.starts_with("Unhandled\n"), "{text}");
    assert!(text.contains("\"errorType\": \"Runtime.ImportModuleError\"") || text.contains("\"errorType\":\"Runtime.ImportModuleError\""), "{text}");
    assert!(text.contains("Unable to import module 'app': No module named 'app'"), "{text}");
}

#[test]
fn an_async_invocation_is_retried_twice_then_sent_to_its_on_failure_destination() {
    let (mut t, mut a) = deployed("def lambda_handler(event, context):\n    raise ValueError('bad order ' + str(event['id']))\n", "orders");
    let run = |t: &mut Terminal, a: &mut Account, line: &str| {
        let out = t.run(line, a);
        assert_eq!(out.exit_code, 0, "{line}: {}", out.stderr());
        out.stdout()
    };
    let url = run(&mut t, &mut a, "aws sqs create-queue --queue-name failed-orders --query QueueUrl --output text");
    run(
        &mut t,
        &mut a,
        "aws lambda put-function-event-invoke-config --function-name orders --destination-config 'OnFailure={Destination=arn:aws:sqs:us-east-1:123456789012:failed-orders}'",
    );
    let status = run(&mut t, &mut a, "aws lambda invoke --function-name orders --invocation-type Event --cli-binary-format raw-in-base64-out --payload '{\"id\": 7}' out.json --query StatusCode");
    assert_eq!(status.trim(), "202");
    assert_eq!(a.invocations.len(), 3, "one attempt and two retries");
    let body = run(&mut t, &mut a, &format!("aws sqs receive-message --queue-url {} --query 'Messages[0].Body' --output text", url.trim()));
    let record: serde_json::Value = serde_json::from_str(body.trim()).unwrap();
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 3);
    assert_eq!(record["requestPayload"], serde_json::json!({"id": 7}));
    assert_eq!(record["responseContext"]["functionError"], "Unhandled");
    assert_eq!(record["responsePayload"]["errorMessage"], "bad order 7");
}
