//! The AWS CLI commands a code block shows, so a learner who searches "update function code"
//! (or misspells it) lands on the section that shows `aws lambda update-function-code`. A
//! command is found by its service and operation (`aws s3 cp`, `aws lambda wait
//! function-updated-v2` with its waiter); what the result shows is the line it starts on,
//! without the prompt or the `\` that continues it.
//!
//! Only a command in command position counts: at the start of a line (after a `$` or `>`
//! prompt), inside `$(...)` or backquotes, or after `|`, `;`, `&&`, `||`. So `/aws/lambda/x`
//! in a log group's name, `aws: error: ...` printed by the CLI and prose in a comment are not
//! commands.

/// A command a code block shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// `aws <service> <operation>` (and a waiter's name after `wait`): what is indexed.
    pub name: String,
    /// The line the command starts on, trimmed: what the result shows.
    pub line: String,
}

/// Every command in the text of one code block, in order (repeats kept: the caller dedupes).
pub fn scan(code: &str) -> Vec<Command> {
    let mut out = Vec::new();
    for line in code.lines() {
        let shown = shown(line);
        for at in command_starts(shown) {
            if let Some(name) = name_at(&shown[at..]) {
                out.push(Command { name, line: shown.to_owned() });
            }
        }
    }
    out
}

/// A line as the result shows it: no prompt, no trailing `\`, no surrounding blanks.
fn shown(line: &str) -> &str {
    let t = line.trim();
    let t = t.strip_prefix("$ ").or_else(|| t.strip_prefix("> ")).unwrap_or(t);
    t.strip_suffix('\\').unwrap_or(t).trim()
}

/// Byte offsets in `line` where a word `aws` stands in command position.
fn command_starts(line: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    for (at, _) in line.match_indices("aws") {
        let before = line[..at].trim_end();
        let in_position = before.is_empty()
            || before.ends_with("$(")
            || before.ends_with('`')
            || before.ends_with('|')
            || before.ends_with(';')
            || before.ends_with("&&")
            // `FOO=bar aws ...`: an environment assignment before the command.
            || (before.len() < at && is_assignment(before.rsplit(char::is_whitespace).next().unwrap_or("")));
        if in_position && line[at + 3..].starts_with(char::is_whitespace) {
            starts.push(at);
        }
    }
    starts
}

/// `NAME=value` with a shell variable's name.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    }) && !word.contains("$(")
}

/// `aws <service> <operation>` from text starting at `aws`, if the two words are a service's
/// and an operation's names (lowercase, digits, `-`; options and placeholders are not).
fn name_at(text: &str) -> Option<String> {
    let mut words = text.split_whitespace().skip(1);
    let is_name = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_lowercase())
            && w.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let service = words.next().filter(|w| is_name(w))?;
    let operation = words.next().map(|w| w.trim_end_matches([')', ';', '`'])).filter(|w| is_name(w))?;
    let mut name = format!("aws {service} {operation}");
    if operation == "wait"
        && let Some(waiter) = words.next().map(|w| w.trim_end_matches([')', ';', '`'])).filter(|w| is_name(w))
    {
        name.push(' ');
        name.push_str(waiter);
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(code: &str) -> Vec<(String, String)> {
        scan(code).into_iter().map(|c| (c.name, c.line)).collect()
    }

    fn pair(name: &str, line: &str) -> (String, String) {
        (name.to_owned(), line.to_owned())
    }

    #[test]
    fn a_multi_line_command_is_named_by_service_and_operation_and_shown_by_its_first_line() {
        let code = "$ zip function.zip lambda_function.py\nupdating: lambda_function.py (deflated 57%)\n\
                    $ aws lambda update-function-code \\\n    --function-name order-summary \\\n    --zip-file fileb://function.zip\n\
                    {\n  \"LastUpdateStatus\": \"InProgress\"\n}\n";
        assert_eq!(names(code), [pair("aws lambda update-function-code", "aws lambda update-function-code")]);
    }

    #[test]
    fn s3_commands_waiters_and_commands_without_a_prompt() {
        let code = "aws s3 cp function.zip s3://BUCKET/order-summary/function.zip\n\
                    aws lambda wait function-updated-v2 --function-name \"$FUNCTION\"\n\
                    $ aws s3 ls\n";
        assert_eq!(
            names(code),
            [
                pair("aws s3 cp", "aws s3 cp function.zip s3://BUCKET/order-summary/function.zip"),
                pair("aws lambda wait function-updated-v2", "aws lambda wait function-updated-v2 --function-name \"$FUNCTION\""),
                pair("aws s3 ls", "aws s3 ls"),
            ]
        );
    }

    #[test]
    fn commands_inside_substitutions_pipes_and_after_assignments() {
        let code = "$ ROLE_ARN=$(aws iam get-role --role-name r --query Role.Arn --output text)\n\
                    $ eval \"$(aws configure export-credentials --format env)\"\n\
                    $ cat out.json | jq . && aws sqs list-queues\n\
                    $ AWS_PROFILE=learn aws sts get-caller-identity\n\
                    V=`aws lambda list-layers`\n";
        let found: Vec<String> = scan(code).into_iter().map(|c| c.name).collect();
        assert_eq!(
            found,
            ["aws iam get-role", "aws configure export-credentials", "aws sqs list-queues", "aws sts get-caller-identity", "aws lambda list-layers"]
        );
        assert_eq!(scan(code)[0].line, "ROLE_ARN=$(aws iam get-role --role-name r --query Role.Arn --output text)");
    }

    #[test]
    fn output_log_group_names_options_and_placeholders_are_not_commands() {
        let code = "aws: error: argument operation: Invalid choice\n\
                    /aws/lambda/order-summary 2024/01/01 START\n\
                    # then run aws lambda invoke by hand\n\
                    usage: aws [options] <command> <subcommand>\n\
                    $ aws --version\n\
                    $ aws <service> <operation>\n\
                    $ aws lambda --help\n\
                    \"Arn\": \"arn:aws:lambda:us-east-1:123456789012:function:f\"\n\
                    ls ~/.aws lambda\n";
        assert_eq!(names(code), []);
    }
}
