//! The `ran` check's command pattern: `aws lambda invoke --log-type Tail` matches every way of
//! typing that command (quoted or not, `--log-type=Tail`, other options between, inside
//! `$(...)`, after `VAR=`, continued over several lines with `\`).

/// A parsed pattern: leading words, then options with an optional value (`*` = any).
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// Words that must appear in this order, one after the other.
    pub words: Vec<String>,
    /// `--option` and the value that must follow it.
    pub options: Vec<(String, Option<String>)>,
}

impl Pattern {
    /// Parses `pattern`; an error says what is wrong with it.
    pub fn parse(pattern: &str) -> Result<Pattern, String> {
        let tokens = words(pattern);
        let first_option = tokens.iter().position(|t| t.starts_with("--")).unwrap_or(tokens.len());
        let words = tokens[..first_option].to_vec();
        if words.is_empty() {
            return Err(format!("the command pattern `{pattern}` must start with the command's words, e.g. `aws lambda invoke --log-type Tail`"));
        }
        let mut options = Vec::new();
        let mut rest = tokens[first_option..].iter().peekable();
        while let Some(option) = rest.next() {
            if !option.starts_with("--") {
                return Err(format!("in the command pattern `{pattern}`, `{option}` follows a value: give each --option at most one value"));
            }
            let value = rest.next_if(|t| !t.starts_with("--")).cloned();
            options.push((option.clone(), value));
        }
        Ok(Pattern { words, options })
    }

    /// Whether the command line `line` matches.
    pub fn matches(&self, line: &str) -> bool {
        let tokens = words(line);
        let n = self.words.len();
        (0..tokens.len().saturating_sub(n - 1)).filter(|&i| tokens[i..i + n] == self.words[..]).any(|start| {
            let after = &tokens[start + n..];
            self.options.iter().all(|(option, value)| {
                after.iter().enumerate().any(|(j, t)| {
                    t == option
                        && match value.as_deref() {
                            None => true,
                            Some("*") => after.get(j + 1).is_some_and(|v| !v.starts_with("--")),
                            Some(v) => after.get(j + 1).is_some_and(|w| w == v),
                        }
                })
            })
        })
    }
}

/// A command line's words as the shell would split them, without quotes; operators (`|`,
/// `&&`, `;`, `>`, `$(`, `)`) are words of their own, `NAME=` before a word is dropped, and
/// `--opt=value` is two words.
pub fn words(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    // The word being read is an assignment's value (`X=value`): not a word of the command.
    let mut assigned = false;
    let mut chars = line.chars().peekable();
    let flush = |word: &mut String, quoted: &mut bool, assigned: &mut bool, out: &mut Vec<String>| {
        if !word.is_empty() || *quoted {
            let w = std::mem::take(word);
            match w.split_once('=') {
                // `"$(aws ...)"`: the command inside the quotes is a command too.
                _ if *quoted && w.contains("$(") => out.extend(words(&w)),
                _ if *assigned => {}
                Some((opt, value)) if opt.starts_with("--") && !*quoted => {
                    out.push(opt.to_owned());
                    out.push(value.to_owned());
                }
                _ => out.push(w),
            }
        }
        *quoted = false;
        *assigned = false;
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                quoted = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    word.push(c);
                }
            }
            '"' => {
                quoted = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' if chars.peek().is_some_and(|n| matches!(n, '"' | '\\' | '$' | '`')) => word.push(chars.next().unwrap_or('\\')),
                        _ => word.push(c),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(n) => word.push(n),
            },
            '=' if !quoted
                && !word.is_empty()
                && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && out.last().is_none_or(|w| matches!(w.as_str(), "|" | "&" | ";" | "$(" | "(")) =>
            {
                // `ROLE_ARN=$(...)` before a command: an assignment, not a word of it.
                word.clear();
                assigned = true;
            }
            '#' if word.is_empty() && !quoted => {
                // A comment, to the end of the line.
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '$' if chars.peek() == Some(&'(') => {
                chars.next();
                flush(&mut word, &mut quoted, &mut assigned, &mut out);
                out.push("$(".into());
            }
            '|' | '&' | ';' | '>' | '<' | '(' | ')' => {
                flush(&mut word, &mut quoted, &mut assigned, &mut out);
                out.push(c.to_string());
            }
            c if c.is_whitespace() => flush(&mut word, &mut quoted, &mut assigned, &mut out),
            c => word.push(c),
        }
    }
    flush(&mut word, &mut quoted, &mut assigned, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, line: &str) -> bool {
        Pattern::parse(pattern).unwrap().matches(line)
    }

    #[test]
    fn every_way_of_typing_the_option_matches() {
        let p = "aws lambda invoke --log-type Tail";
        assert!(m(p, "aws lambda invoke --function-name f --log-type Tail out.json"));
        assert!(m(p, "aws lambda invoke --function-name f --log-type=Tail out.json"));
        assert!(m(p, "aws lambda invoke --function-name f \\\n  --log-type \"Tail\" out.json"));
        assert!(m(p, "LOG=$(aws lambda invoke --function-name f --log-type 'Tail' --query LogResult --output text out.json)"));
        assert!(m(p, "aws lambda invoke --function-name f --log-type Tail out.json | jq ."));
    }

    #[test]
    fn a_different_command_value_or_order_does_not_match() {
        let p = "aws lambda invoke --log-type Tail";
        assert!(!m(p, "aws lambda invoke --function-name f out.json"));
        assert!(!m(p, "aws lambda invoke --function-name f --log-type None out.json"));
        assert!(!m(p, "aws lambda get-function --function-name f --log-type Tail"));
        assert!(!m(p, "echo aws lambda --log-type Tail invoke"));
        assert!(!m(p, "# aws lambda invoke --log-type Tail"), "a comment");
    }

    #[test]
    fn a_star_takes_any_value_and_a_bare_option_needs_only_itself() {
        assert!(m("aws lambda invoke --payload *", "aws lambda invoke --function-name f --payload '{\"a\": 1}' o.json"));
        assert!(!m("aws lambda invoke --payload *", "aws lambda invoke --function-name f o.json"));
        assert!(m("aws lambda publish-version --description", "aws lambda publish-version --function-name f --description 'v2'"));
    }

    #[test]
    fn a_pattern_must_start_with_words_and_give_one_value_per_option() {
        assert!(Pattern::parse("--log-type Tail").is_err());
        assert!(Pattern::parse("aws lambda invoke --log-type Tail extra").is_err());
        let p = Pattern::parse("aws lambda invoke --log-type=Tail --dry-run").unwrap();
        assert_eq!(p.words, ["aws", "lambda", "invoke"]);
        assert_eq!(p.options, [("--log-type".to_owned(), Some("Tail".to_owned())), ("--dry-run".to_owned(), None)]);
    }

    #[test]
    fn words_drop_quotes_and_assignments() {
        assert_eq!(words("X=1 echo 'a b' \"c\\\"d\""), ["echo", "a b", "c\"d"]);
        assert_eq!(words("ARN=\"$(aws iam get-role --role-name r)\""), ["$(", "aws", "iam", "get-role", "--role-name", "r", ")"]);
        assert_eq!(words("aws s3 ls && echo ok"), ["aws", "s3", "ls", "&", "&", "echo", "ok"]);
        assert_eq!(words("aws lambda update-function-configuration --environment Variables={STAGE=dev}")[3..], ["--environment", "Variables={STAGE=dev}"]);
    }
}
