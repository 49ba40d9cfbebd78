//! Words as a learner types them about AWS: `put_item`, `update-function-code`,
//! `s3:ObjectCreated:*`, `AWSLambdaBasicExecutionRole` and `X-Ray` are each one token that is
//! also found by its parts (`put`, `item`, `function`, `basic`, `execution`, `role`) and by its
//! parts joined (`putitem`, `xray`), so `xray`, `x-ray` and `X Ray` all find the tracing chapter.
//!
//! The page's engine (`theme/labbook/search-engine.js`) splits a query with the same rules;
//! the stop words and synonyms it needs travel in the index, so this file is their one source.

/// Words too common to help: never indexed, dropped from queries.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "for", "from", "has", "have", "how", "if", "in",
    "into", "is", "it", "its", "no", "not", "of", "on", "or", "so", "than", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "we", "what", "when", "which", "will", "with", "you", "your",
];

/// Words that mean the same to a learner: a section with either is found by both. Compared
/// after [`stem`], so `deadletter` is what `Dead-letter` and `dead-letter` join to.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("dlq", "deadletter"),
    ("ddb", "dynamodb"),
    ("cfn", "cloudformation"),
    ("cw", "cloudwatch"),
    ("env", "environment"),
    ("apigw", "apigateway"),
    ("sam", "serverless"),
];

/// One token of the text: every form it is found by (its whole, lowercased; its parts; its parts
/// joined), stemmed and without stop words. Empty when the token is only a stop word.
pub fn forms(raw: &str) -> Vec<String> {
    let full = raw.to_lowercase();
    let parts = parts(raw);
    let mut out = Vec::with_capacity(parts.len() + 2);
    if parts.len() > 1 {
        push(&mut out, stem(&full));
        push(&mut out, stem(&parts.concat()));
    }
    for p in parts {
        // One letter alone (the `X` of `X-Ray`) finds everything; its joined form is kept.
        if p.len() > 1 || p.bytes().all(|b| b.is_ascii_digit()) {
            push(&mut out, stem(&p));
        }
    }
    out
}

fn push(out: &mut Vec<String>, w: String) {
    if !w.is_empty() && !STOP_WORDS.contains(&w.as_str()) && !out.contains(&w) {
        out.push(w);
    }
}

/// The raw tokens of `text`: runs of letters, digits and the joiners AWS names use
/// (`_ - : . /` inside a token, `*` after `:`), with sentence punctuation trimmed.
pub fn raw_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || is_joiner(c)))
        .map(|t| t.trim_matches(|c: char| is_joiner(c) && c != '*').trim_start_matches('*'))
        .map(|t| t.trim_end_matches(|c: char| matches!(c, '.' | '-' | '/' | '_')))
        .filter(|t| t.chars().any(char::is_alphanumeric))
}

/// Every indexed form of every token of `text`, in order (with repeats: term frequency).
pub fn words(text: &str) -> Vec<String> {
    raw_tokens(text).flat_map(forms).collect()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '_' | '-' | ':' | '.' | '/' | '*')
}

/// Splits at the joiners and at camelCase humps (`AWSLambdaBasic` → `aws`, `lambda`, `basic`);
/// digits stay with their letters (`s3`, `ec2`, `python3`).
fn parts(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in raw.split(is_joiner).filter(|p| !p.is_empty()) {
        let chars: Vec<char> = piece.chars().collect();
        let mut start = 0;
        for i in 1..chars.len() {
            let (prev, cur) = (chars[i - 1], chars[i]);
            let next_lower = chars.get(i + 1).is_some_and(|c| c.is_lowercase());
            let hump = (prev.is_lowercase() && cur.is_uppercase()) || (prev.is_uppercase() && cur.is_uppercase() && next_lower);
            if hump {
                out.push(chars[start..i].iter().collect::<String>().to_lowercase());
                start = i;
            }
        }
        out.push(chars[start..].iter().collect::<String>().to_lowercase());
    }
    out
}

/// A light English plural folding, the same in the page's engine: `queues` → `queue`,
/// `policies` → `policy`; `access`, `status`, `aws` are left alone.
pub fn stem(word: &str) -> String {
    let alpha = word.bytes().all(|b| b.is_ascii_lowercase());
    if !alpha || word.len() <= 3 {
        return word.to_owned();
    }
    if let Some(base) = word.strip_suffix("ies")
        && word.len() > 4
    {
        return format!("{base}y");
    }
    if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") && !word.ends_with("is") {
        return word[..word.len() - 1].to_owned();
    }
    word.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn aws_names_are_found_whole_by_parts_and_joined() {
        assert_eq!(all("put_item"), ["put_item", "putitem", "put", "item"]);
        assert_eq!(all("update-function-code"), ["update-function-code", "updatefunctioncode", "update", "function", "code"]);
        assert_eq!(all("s3:ObjectCreated:*"), ["s3:objectcreated:*", "s3objectcreated", "s3", "object", "created"]);
        assert_eq!(
            all("AWSLambdaBasicExecutionRole"),
            ["awslambdabasicexecutionrole", "aws", "lambda", "basic", "execution", "role"]
        );
        assert_eq!(all("X-Ray"), ["x-ray", "xray", "ray"]);
        assert_eq!(all("Dead-letter"), ["dead-letter", "deadletter", "dead", "letter"]);
    }

    #[test]
    fn sentence_punctuation_and_stop_words_are_dropped() {
        assert_eq!(all("Set the timeout. Then, retry (twice)!"), ["set", "timeout", "retry", "twice"]);
        assert_eq!(all("the function's role"), ["function", "role"]);
        assert_eq!(all("see lambda_handler."), ["see", "lambda_handler", "lambdahandler", "lambda", "handler"]);
        assert_eq!(all("python3.13 and 900"), ["python3.13", "python313", "python3", "13", "900"]);
    }

    #[test]
    fn plurals_fold_but_short_and_latin_words_stay() {
        assert_eq!(stem("queues"), "queue");
        assert_eq!(stem("policies"), "policy");
        assert_eq!(stem("access"), "access");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("aws"), "aws");
        assert_eq!(stem("sqs"), "sqs");
        assert_eq!(stem("s3://bucket"), "s3://bucket");
    }
}
