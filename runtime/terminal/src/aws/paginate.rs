//! The CLI's automatic pagination: for an operation with a paginator (and no `--no-paginate`,
//! nor an input token such as `--marker` given by hand) the CLI pages through the results with
//! botocore's PageIterator and prints not the response but the paginator's result: its result
//! keys aggregated over the pages, then its non-aggregate keys from the first page, then a
//! `NextToken` when `--max-items` stopped it (for `text`, page by page). So `IsTruncated`,
//! `Marker` and the like never show, and `aws s3api list-objects-v2` ends with
//! `"RequestCharged": null, "Prefix": ""`. `--starting-token`, `--page-size` and `--max-items`
//! are the CLI's paging arguments, with botocore's token format (base64 of the JSON of the
//! input tokens, plus `boto_truncate_amount` when a page was cut).

use base64::Engine as _;
use serde_json::Value;

use super::format;
use super::model::Paginator;
use crate::ServiceError;
use crate::json::Json;

/// The CLI's paging arguments of one command line.
#[derive(Debug, Default, Clone)]
pub(super) struct PagingArgs {
    starting_token: Option<String>,
    page_size: Option<String>,
    max_items: Option<String>,
    /// The options given, as typed (`--max-items`), for the `--no-paginate` error.
    pub(super) used: Vec<&'static str>,
}

/// Why paging failed.
#[derive(Debug)]
pub(super) enum PageError {
    /// The service's error response to one of the requests.
    Service(ServiceError),
    /// A bad paging argument or token (a general error, exit 255).
    General(String),
}

/// The pages one command line fetched.
#[derive(Debug, Default)]
pub(super) struct Pages {
    pages: Vec<Json>,
    non_aggregate: Vec<(String, Json)>,
    resume_token: Option<String>,
}

const PAGING_OPTIONS: [&str; 3] = ["--starting-token", "--page-size", "--max-items"];

/// Splits the paging arguments off an operation's arguments, but for those in `keep` (with
/// pagination off, the operation's own `--max-items` is no longer shadowed by the CLI's).
pub(super) fn take_paging_args(args: &[String], keep: &[String]) -> (Vec<String>, PagingArgs) {
    let mut rest = Vec::new();
    let mut paging = PagingArgs::default();
    let mut i = 0;
    while i < args.len() {
        let (name, inline) = match args[i].split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_owned())),
            _ => (args[i].as_str(), None),
        };
        let Some(option) = PAGING_OPTIONS.iter().find(|o| **o == name && !keep.iter().any(|k| k == *o)) else {
            rest.push(args[i].clone());
            i += 1;
            continue;
        };
        let value = match inline {
            Some(v) => Some(v),
            None => {
                i += 1;
                args.get(i).filter(|v| !v.starts_with("--")).cloned()
            }
        };
        i += 1;
        let Some(value) = value else {
            // Left to the argument parser, which reports the missing value.
            rest.push((*option).to_owned());
            continue;
        };
        paging.used.retain(|u| u != option);
        paging.used.push(option);
        match *option {
            "--starting-token" => paging.starting_token = Some(value),
            "--page-size" => paging.page_size = Some(value),
            _ => paging.max_items = Some(value),
        }
    }
    (rest, paging)
}

impl PagingArgs {
    /// argparse's type check of `--page-size` and `--max-items` (a usage error).
    pub(super) fn check(&self) -> Result<(), String> {
        for (option, value) in [("--page-size", &self.page_size), ("--max-items", &self.max_items)] {
            if let Some(v) = value
                && v.trim().parse::<i64>().is_err()
            {
                return Err(format!("argument {option}: invalid int value: '{v}'"));
            }
        }
        Ok(())
    }
}

fn int_arg(value: &str) -> Result<i64, PageError> {
    value.trim().parse().map_err(|_| PageError::General(format!("invalid literal for int() with base 10: '{value}'")))
}

fn key_of(page: &Json, key: &str) -> Json {
    page.get(key).cloned().unwrap_or(Json::Null)
}

fn set_key(obj: &mut Json, key: &str, value: Json) {
    if let Json::Object(m) = obj {
        match m.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => m.push((key.to_owned(), value)),
        }
    }
}

/// botocore's `_get_next_token`: no tokens when `more` says so; empty tokens count as none.
fn next_tokens(p: &Paginator, page: &Json) -> Vec<(String, Json)> {
    if let Some(more) = &p.more
        && !format::query(more, page).is_ok_and(|v| truthy(&v))
    {
        return p.input.iter().map(|k| (k.clone(), Json::Null)).collect();
    }
    p.input
        .iter()
        .zip(&p.output)
        .map(|(input, output)| {
            let t = format::query(output, page).unwrap_or(Json::Null);
            (input.clone(), if truthy(&t) { t } else { Json::Null })
        })
        .collect()
}

fn truthy(v: &Json) -> bool {
    match v {
        Json::Null | Json::Bool(false) => false,
        Json::String(s) => !s.is_empty(),
        Json::Array(a) => !a.is_empty(),
        Json::Object(m) => !m.is_empty(),
        _ => true,
    }
}

/// botocore's TokenEncoder: base64 of `json.dumps(token)`.
fn encode_token(token: Vec<(String, Json)>) -> String {
    let text = Json::Object(token).dumps(None);
    base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
}

/// The input tokens and the truncation a `--starting-token` holds; a token that is not
/// botocore's base64 JSON is taken in its older format (`TOKEN___TOKEN___INDEX`), so an
/// opaque service token passes through as the first input token.
fn decode_token(p: &Paginator, token: &str) -> Result<(Vec<(String, Json)>, usize), PageError> {
    let bad = || PageError::General(format!("Bad starting token: {token}"));
    let decoded = base64::engine::general_purpose::STANDARD.decode(token.trim()).ok().and_then(|b| String::from_utf8(b).ok()).and_then(|t| Json::parse(&t).ok());
    let Some(Json::Object(mut m)) = decoded else {
        let mut parts: Vec<&str> = token.split("___").collect();
        let mut index = 0;
        if parts.len() == p.input.len() + 1 {
            match parts.last().and_then(|i| i.parse::<usize>().ok()) {
                Some(i) => {
                    index = i;
                    parts.pop();
                }
                None => parts = vec![token],
            }
        }
        if parts.len() > p.input.len() {
            return Err(bad());
        }
        let values = parts.iter().map(|t| if *t == "None" { Json::Null } else { Json::String((*t).to_owned()) });
        let mut tokens: Vec<(String, Json)> = p.input.iter().cloned().zip(values.chain(std::iter::repeat(Json::Null))).collect();
        tokens.truncate(p.input.len());
        return Ok((tokens, index));
    };
    let mut truncation = 0;
    if let Some(i) = m.iter().position(|(k, _)| k == "boto_truncate_amount") {
        let (_, v) = m.remove(i);
        truncation = v.to_value().as_u64().ok_or_else(bad)? as usize;
    }
    if m.iter().any(|(k, _)| !p.input.contains(k)) {
        return Err(bad());
    }
    Ok((m, truncation))
}

fn inject(params: &mut Value, tokens: &[(String, Json)]) {
    for (k, v) in tokens {
        match v {
            Json::Null => {
                params.as_object_mut().map(|o| o.remove(k));
            }
            Json::String(s) if s == "None" => {
                params.as_object_mut().map(|o| o.remove(k));
            }
            other => params[k.as_str()] = other.to_value(),
        }
    }
}

/// Fetches the pages as botocore's PageIterator does; `call` makes one request and returns
/// the response in model order.
pub(super) fn fetch(p: &Paginator, paging: &PagingArgs, params: &Value, mut call: impl FnMut(&Value) -> Result<Json, ServiceError>) -> Result<Pages, PageError> {
    let mut params = params.clone();
    let max_items = paging.max_items.as_deref().map(int_arg).transpose()?;
    if let (Some(size), Some(limit)) = (&paging.page_size, &p.limit) {
        params[limit.as_str()] = Value::from(int_arg(size)?);
    }
    let mut tokens: Vec<(String, Json)> = p.input.iter().map(|k| (k.clone(), Json::Null)).collect();
    let mut starting_truncation = 0;
    if let Some(t) = &paging.starting_token {
        let (given, truncation) = decode_token(p, t)?;
        for (k, v) in given {
            set_pair(&mut tokens, &k, v);
        }
        starting_truncation = truncation;
        inject(&mut params, &tokens);
    }
    let primary = p.result.first().map(String::as_str).unwrap_or_default();
    let mut out = Pages::default();
    let mut total = 0usize;
    let mut previous: Option<Vec<(String, Json)>> = None;
    loop {
        let mut page = call(&params).map_err(PageError::Service)?;
        if out.pages.is_empty() {
            if paging.starting_token.is_some() {
                // `_handle_first_request`: skip what the token's page already gave.
                let data = match key_of(&page, primary) {
                    Json::Array(a) => Json::Array(a.into_iter().skip(starting_truncation).collect()),
                    Json::String(s) => Json::String(s.chars().skip(starting_truncation).collect()),
                    _ => Json::Null,
                };
                set_key(&mut page, primary, data);
                for key in p.result.iter().skip(1) {
                    let empty = match key_of(&page, key) {
                        Json::Array(_) => Json::Array(vec![]),
                        Json::String(_) => Json::String(String::new()),
                        n @ Json::Number(_) => n,
                        _ => Json::Null,
                    };
                    set_key(&mut page, key, empty);
                }
            }
            out.non_aggregate = p.non_aggregate.iter().map(|k| (k.clone(), key_of(&page, k))).collect();
        }
        let current = match key_of(&page, primary) {
            Json::Array(a) => a,
            _ => vec![],
        };
        if let Some(max) = max_items.map(|m| m.max(0) as usize)
            && total + current.len() > max
        {
            let keep = max - total;
            set_key(&mut page, primary, Json::Array(current.into_iter().take(keep).collect()));
            let mut resume = tokens.clone();
            resume.push(("boto_truncate_amount".into(), Json::Number((keep + if out.pages.is_empty() { starting_truncation } else { 0 }).into())));
            out.resume_token = Some(encode_token(resume));
            out.pages.push(page);
            break;
        }
        total += current.len();
        let next = next_tokens(p, &page);
        out.pages.push(page);
        if next.iter().all(|(_, v)| matches!(v, Json::Null)) {
            break;
        }
        if max_items.is_some_and(|m| total as i64 == m) {
            out.resume_token = Some(encode_token(next));
            break;
        }
        if previous.as_ref() == Some(&next) {
            let shown = next.iter().map(|(k, v)| format!("'{k}': {}", python_repr(v))).collect::<Vec<_>>().join(", ");
            return Err(PageError::General(format!("The same next token was received twice: {{{shown}}}")));
        }
        inject(&mut params, &next);
        tokens = next.clone();
        previous = Some(next);
    }
    Ok(out)
}

fn set_pair(pairs: &mut Vec<(String, Json)>, key: &str, value: Json) {
    match pairs.iter_mut().find(|(k, _)| k == key) {
        Some((_, v)) => *v = value,
        None => pairs.push((key.to_owned(), value)),
    }
}

fn python_repr(v: &Json) -> String {
    match v {
        Json::String(s) => format!("'{s}'"),
        other => other.python_str(),
    }
}

/// botocore's `build_full_result`: what `json`, `table` and `yaml` print.
pub(super) fn full_result(p: &Paginator, pages: &Pages) -> Json {
    let mut complete = Json::Object(vec![]);
    for page in &pages.pages {
        for key in &p.result {
            let value = key_of(page, key);
            if matches!(value, Json::Null) {
                continue;
            }
            let merged = match (complete.get(key).cloned(), value) {
                (None, v) => v,
                (Some(Json::Array(mut a)), Json::Array(b)) => {
                    a.extend(b);
                    Json::Array(a)
                }
                (Some(Json::Number(a)), Json::Number(b)) => match (a.as_i64(), b.as_i64()) {
                    (Some(x), Some(y)) => Json::Number((x + y).into()),
                    _ => Json::Number(a),
                },
                (Some(Json::String(a)), Json::String(b)) => Json::String(a + &b),
                (Some(existing), _) => existing,
            };
            set_key(&mut complete, key, merged);
        }
    }
    for (k, v) in &pages.non_aggregate {
        set_key(&mut complete, k, v.clone());
    }
    if let Some(t) = &pages.resume_token {
        set_key(&mut complete, "NextToken", Json::String(t.clone()));
    }
    complete
}

/// The CLI's text formatter pages: the first with the non-aggregate keys, each with its result
/// keys (missing ones as null), then `{"NextToken": {"NextToken": token}}` when cut.
pub(super) fn text_pages(p: &Paginator, pages: &Pages) -> Vec<Json> {
    let mut out = Vec::new();
    for (i, page) in pages.pages.iter().enumerate() {
        let mut current = Json::Object(if i == 0 { pages.non_aggregate.clone() } else { vec![] });
        for key in &p.result {
            set_key(&mut current, key, key_of(page, key));
        }
        out.push(current);
    }
    if let Some(t) = &pages.resume_token {
        out.push(Json::Object(vec![("NextToken".into(), Json::Object(vec![("NextToken".into(), Json::String(t.clone()))]))]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paginator() -> Paginator {
        Paginator { input: vec!["Marker".into()], output: vec!["NextMarker".into()], more: None, limit: Some("MaxItems".into()), result: vec!["Functions".into()], non_aggregate: vec![] }
    }

    fn names(n: std::ops::Range<usize>) -> Json {
        Json::Array(n.map(|i| Json::Object(vec![("FunctionName".into(), Json::String(format!("f{i}")))])).collect())
    }

    #[test]
    fn pages_are_followed_and_aggregated_without_their_tokens() {
        let mut calls = Vec::new();
        let pages = fetch(&paginator(), &PagingArgs::default(), &serde_json::json!({}), |params| {
            calls.push(params.clone());
            Ok(match params.get("Marker") {
                None => Json::Object(vec![("Functions".into(), names(0..2)), ("NextMarker".into(), Json::String("m2".into()))]),
                Some(_) => Json::Object(vec![("Functions".into(), names(2..3))]),
            })
        })
        .unwrap();
        assert_eq!(calls, vec![serde_json::json!({}), serde_json::json!({"Marker": "m2"})]);
        assert_eq!(full_result(&paginator(), &pages).dumps(None), r#"{"Functions": [{"FunctionName": "f0"}, {"FunctionName": "f1"}, {"FunctionName": "f2"}]}"#);
    }

    #[test]
    fn max_items_cuts_a_page_with_botocores_token() {
        let (rest, paging) = take_paging_args(&["--max-items".into(), "1".into(), "--region=us-east-1".into()], &[]);
        assert_eq!(rest, vec!["--region=us-east-1".to_owned()]);
        let pages = fetch(&paginator(), &paging, &serde_json::json!({}), |_| Ok(Json::Object(vec![("Functions".into(), names(0..3))]))).unwrap();
        let full = full_result(&paginator(), &pages);
        // The token every AWS CLI user has seen: {"Marker": null, "boto_truncate_amount": 1}.
        assert_eq!(full.get("NextToken"), Some(&Json::String("eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==".into())));
        assert_eq!(full.get("Functions"), Some(&names(0..1)));
        let (_, resume) = take_paging_args(&["--starting-token".into(), "eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAxfQ==".into()], &[]);
        let rest = fetch(&paginator(), &resume, &serde_json::json!({}), |_| Ok(Json::Object(vec![("Functions".into(), names(0..3))]))).unwrap();
        assert_eq!(full_result(&paginator(), &rest).get("Functions"), Some(&names(1..3)));
    }

    #[test]
    fn non_aggregate_keys_follow_the_results_and_text_pages_lead_with_them() {
        let p = Paginator { input: vec!["ContinuationToken".into()], output: vec!["NextContinuationToken".into()], more: Some("IsTruncated".into()), limit: Some("MaxKeys".into()), result: vec!["Contents".into(), "CommonPrefixes".into()], non_aggregate: vec!["RequestCharged".into(), "Prefix".into()] };
        let page = Json::parse(r#"{"IsTruncated": false, "Contents": [{"Key": "a"}], "Name": "b", "Prefix": "", "KeyCount": 1}"#).unwrap();
        let pages = fetch(&p, &PagingArgs::default(), &serde_json::json!({}), |_| Ok(page.clone())).unwrap();
        assert_eq!(full_result(&p, &pages).dumps(None), r#"{"Contents": [{"Key": "a"}], "RequestCharged": null, "Prefix": ""}"#);
        assert_eq!(text_pages(&p, &pages)[0].dumps(None), r#"{"RequestCharged": null, "Prefix": "", "Contents": [{"Key": "a"}], "CommonPrefixes": null}"#);
    }
}
