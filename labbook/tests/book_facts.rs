//! The course says what is true today and does not break its own rules: facts that were right
//! when written and have since passed their date, and labs or examples that contradict what a
//! chapter teaches (issue #16). Each check reads the book's files directly (no site build):
//!
//! - runtimes: the "What Lambda supports today" table of `languages.md`, every lab and code
//!   question's runtime, and the runtime in every copyable code block (```yaml, ```json, ```bash,
//!   not ```text, which is where the book shows old examples to recognise) must not be past its
//!   deprecation date in `fixtures/lambda-runtimes.json`; and no sentence may still promise a
//!   date that has passed ("has a deprecation date of October 31, 2026", "reaches end of
//!   support on ...");
//! - SQS: a lab's queue has a visibility timeout of at least 6 × its function timeout, and no
//!   redrive policy in a lab or in the book's examples has `maxReceiveCount` below 3;
//! - `aws lambda invoke` with a text `--payload` (not `fileb://`) names
//!   `--cli-binary-format raw-in-base64-out`, in code blocks, inline code, lab briefs and the
//!   labs' shell scripts, unless the sentence around it says the command is wrong;
//! - no "course outline" (learners have none) in chapters, quizzes or labs;
//! - sample S3 events carry a current `eventVersion` (2.4 or later, S3's unified version);
//! - no metric math divides by `MAX([...])`, which is 0 with no traffic;
//! - a code block introduced by "Save it as `NAME.py`:" is the Python file, not an event.
//!
//! "Today" is the system date; `BOOK_FACTS_TODAY=2027-07-01` shows what the book will get
//! wrong on a later date.

mod common;
#[path = "common/shell.rs"]
mod shell;

use std::collections::BTreeMap;
use std::path::Path;

use common::book::{Block, all_blocks, blocks_of, chapters};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::Value;

// --- dates --------------------------------------------------------------------------------

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` as days since the epoch.
fn iso_days(text: &str) -> Option<i64> {
    let mut parts = text.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    (1..=12).contains(&m).then(|| days(y, m, d))
}

/// Today (UTC), or `BOOK_FACTS_TODAY`.
fn today() -> i64 {
    if let Ok(text) = std::env::var("BOOK_FACTS_TODAY") {
        return iso_days(&text).unwrap_or_else(|| panic!("BOOK_FACTS_TODAY={text}: write YYYY-MM-DD"));
    }
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    i64::try_from(secs / 86_400).unwrap()
}

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// The date at the start of `text` written as "October 31, 2026", in days.
fn prose_date(text: &str) -> Option<i64> {
    let (month, rest) = text.split_once(' ')?;
    let m = MONTHS.iter().position(|name| *name == month)? as i64 + 1;
    let (day, rest) = rest.split_once(", ")?;
    let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(days(year.parse().ok()?, m, day.parse().ok()?))
}

/// Phrases that promise a date still to come; after it they are wrong.
const FUTURE_PHRASES: [&str; 9] = [
    "has a deprecation date of ",
    "until their end of support on ",
    "have a deprecation date of ",
    "deprecation date is ",
    "will be deprecated on ",
    "is deprecated on ",
    "reaches end of support on ",
    "reach end of support on ",
    "will reach end of support on ",
];

/// "`phrase` Month D, YYYY" in `text` whose date is `today` or earlier, as `line: problem`.
fn passed_promises(text: &str, today: i64) -> Vec<String> {
    // The text with each run of whitespace as one space (a phrase may wrap), and the line each
    // word starts on.
    let (mut flat, mut starts) = (String::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        for word in line.split_whitespace() {
            starts.push((flat.len(), i + 1));
            flat.push_str(word);
            flat.push(' ');
        }
    }
    let line_at = |at: usize| starts[starts.partition_point(|(start, _)| *start <= at).saturating_sub(1)].1;
    let mut out = Vec::new();
    for phrase in FUTURE_PHRASES {
        for (at, _) in flat.match_indices(phrase) {
            let after = &flat[at + phrase.len()..];
            if prose_date(after).is_some_and(|d| d <= today) {
                let date: String = after.split_inclusive(' ').take(3).collect();
                out.push(format!(
                    "{}: \"{phrase}{}\" has passed: write it in the past tense (\"was deprecated on ...\", \"reached end of support on ...\")",
                    line_at(at),
                    date.trim().trim_end_matches(['.', ',', ';'])
                ));
            }
        }
    }
    out
}

// --- runtimes -----------------------------------------------------------------------------

/// `fixtures/lambda-runtimes.json`: runtime id -> deprecation day (`None`: no date, supported;
/// `Some(i64::MIN)`: deprecated at an unlisted date).
fn runtimes() -> BTreeMap<String, Option<i64>> {
    let path = common::fixture("lambda-runtimes.json");
    let json: Value = serde_json::from_str(&common::read(&path)).unwrap();
    let table = json["runtimes"].as_object().expect("lambda-runtimes.json has a `runtimes` object");
    table
        .iter()
        .map(|(id, entry)| {
            let date = match &entry["deprecation"] {
                Value::Null => None,
                Value::String(s) if s == "past" => Some(i64::MIN),
                Value::String(s) => Some(iso_days(s).unwrap_or_else(|| panic!("{}: {id}: bad date {s}", path.display()))),
                other => panic!("{}: {id}: deprecation is {other}", path.display()),
            };
            (id.clone(), date)
        })
        .collect()
}

/// Why `id` may not be offered as current today, or `None` when it may.
fn not_current(id: &str, table: &BTreeMap<String, Option<i64>>, today: i64) -> Option<String> {
    match table.get(id) {
        None => Some(format!(
            "`{id}` is not in labbook/tests/fixtures/lambda-runtimes.json: add it with its deprecation date from the fact sheet"
        )),
        Some(Some(day)) if *day <= today => Some(format!("`{id}` is deprecated (see lambda-runtimes.json)")),
        _ => None,
    }
}

/// The runtime ids in the second column of the "What Lambda supports today" table.
fn supported_table(languages_md: &str) -> Vec<(usize, String)> {
    let start = languages_md.find("## What Lambda supports today").expect("languages.md has its runtime table");
    let first_line = languages_md[..start].lines().count();
    let mut out = Vec::new();
    let rows = languages_md[start..].lines().enumerate().skip_while(|(_, l)| !l.starts_with('|'));
    for (i, row) in rows.take_while(|(_, l)| l.starts_with('|')).skip(2) {
        let column = row.split('|').nth(2).unwrap_or("");
        for id in column.split('`').skip(1).step_by(2) {
            out.push((first_line + i + 1, id.to_owned()));
        }
    }
    out
}

/// Runtime ids a copyable code block configures: `Runtime: X`, `"Runtime": "X"`, `--runtime X`.
fn configured_runtimes(block: &Block) -> Vec<(usize, String)> {
    if !matches!(block.lang(), "yaml" | "yml" | "json" | "bash" | "sh" | "shell" | "console") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, line) in block.text.lines().enumerate() {
        for key in ["Runtime:", "\"Runtime\":", "--runtime "] {
            if let Some(at) = line.find(key) {
                let value = line[at + key.len()..].trim().trim_matches(|c| c == '"' || c == ',' || c == '\\').trim();
                let value = value.split_whitespace().next().unwrap_or("").trim_matches(['"', ',']);
                if !value.is_empty() && value.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                    out.push((i, value.to_owned()));
                }
            }
        }
    }
    out
}

#[test]
fn no_deprecated_runtime_is_offered_as_current() {
    let (table, today) = (runtimes(), today());
    let mut failures = Vec::new();
    let languages = common::book().join("src/part2/first-function/languages.md");
    let listed = supported_table(&common::read(&languages));
    assert!(listed.iter().any(|(_, id)| id == "python3.13"), "the runtime table was not found in languages.md: {listed:?}");
    for (line, id) in listed {
        if let Some(why) = not_current(&id, &table, today) {
            failures.push(format!("book/src/part2/first-function/languages.md:{line}: listed as supported, but {why}"));
        }
    }
    for block in all_blocks().iter().flatten() {
        for (i, id) in configured_runtimes(block) {
            if let Some(why) = not_current(&id, &table, today) {
                failures.push(format!("{}: {why}; use a current runtime (or show an old example as ```text)", block.at(i)));
            }
        }
    }
    let course = course::Course::load(&common::book()).expect("the course loads");
    let code_labs = course.quizzes().flat_map(|q| {
        q.questions.iter().filter_map(move |question| match &question.body {
            course::quiz::Body::Code { lab, .. } => Some((format!("{}: question `{}`", q.file.display(), question.id), &**lab)),
            _ => None,
        })
    });
    for (what, lab) in course.labs().map(|l| (format!("book/labs/{}", l.id), l)).chain(code_labs) {
        if let Some(why) = not_current(&lab.def.function.runtime, &table, today) {
            failures.push(format!("{what}: the function's runtime {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Chapters, quizzes and lab files as `(shown path, text)`.
fn book_texts() -> Vec<(String, String)> {
    let root = common::root();
    let shown = |p: &Path| p.strip_prefix(&root).unwrap_or(p).display().to_string();
    let mut out: Vec<(String, String)> = chapters().iter().map(|p| (shown(p), common::read(p))).collect();
    for dir in ["book/quizzes", "book/labs"] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "toml" || e == "md") {
                    out.push((shown(&path), common::read(&path)));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn no_promised_date_has_passed() {
    let today = today();
    let failures: Vec<String> = book_texts()
        .iter()
        .flat_map(|(file, text)| passed_promises(text, today).into_iter().map(move |f| format!("{file}:{f}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// --- SQS ----------------------------------------------------------------------------------

/// Problems with the SQS queues a lab creates, by the rules of the SQS chapter.
fn sqs_problems(lab: &labs::Lab) -> Vec<String> {
    let steps = lab.def.setup.iter().chain(lab.def.cases.iter().flat_map(|c| c.setup.iter()));
    let mut out = Vec::new();
    for step in steps.filter(|s| s.call == "sqs.CreateQueue") {
        let name = step.params["QueueName"].as_str().unwrap_or("?");
        let attributes = &step.params["Attributes"];
        if let labs::definition::Trigger::Sqs { queue, .. } = &lab.def.trigger
            && queue == name
        {
            let visibility = attributes["VisibilityTimeout"].as_str().map_or(Some(30.0), |v| v.parse::<f64>().ok());
            let timeout = lab.def.function.timeout;
            if visibility.is_none_or(|v| v < 6.0 * timeout) {
                out.push(format!(
                    "queue `{name}`: VisibilityTimeout {} is under 6 × the function timeout ({timeout} s); set it to at least {}",
                    attributes["VisibilityTimeout"], 6.0 * timeout
                ));
            }
        }
        if let Some(policy) = attributes["RedrivePolicy"].as_str() {
            let policy: Value = serde_json::from_str(policy).unwrap_or(Value::Null);
            let count = &policy["maxReceiveCount"];
            let count = count.as_u64().or_else(|| count.as_str().and_then(|s| s.parse().ok()));
            if count.is_none_or(|c| c < 3) {
                out.push(format!("queue `{name}`: maxReceiveCount {count:?} is below 3 (the chapter: not 1 or 2)"));
            }
        }
    }
    out
}

/// `maxReceiveCount` values below 3 in a block (JSON, YAML, or JSON escaped in a string).
fn low_receive_counts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices("maxReceiveCount") {
            let rest = line[at + "maxReceiveCount".len()..].trim_start_matches(['"', '\\', ':', ' ', '=']);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if digits.parse::<u32>().is_ok_and(|n| n < 3) {
                out.push(i);
            }
        }
    }
    out
}

/// A template block whose queue `VisibilityTimeout` is under 6 × the longest function `Timeout`
/// in the same template: `(visibility, timeout)`.
fn short_visibility(block: &Block) -> Option<(f64, f64)> {
    if !matches!(block.lang(), "yaml" | "yml") {
        return None;
    }
    let values = |key: &str| -> Vec<f64> {
        block.text.lines().filter_map(|l| l.trim().strip_prefix(key)?.trim().parse::<f64>().ok()).collect()
    };
    let visibility = values("VisibilityTimeout:").into_iter().reduce(f64::min)?;
    let timeout = values("Timeout:").into_iter().reduce(f64::max)?;
    (visibility < 6.0 * timeout).then_some((visibility, timeout))
}

#[test]
fn sqs_labs_and_examples_follow_the_chapter() {
    let course = course::Course::load(&common::book()).expect("the course loads");
    let sqs_labs = course.labs().filter(|l| matches!(l.def.trigger, labs::definition::Trigger::Sqs { .. })).count();
    assert!(sqs_labs > 0, "no lab has an SQS trigger: the check below would check nothing");
    let mut failures: Vec<String> = course
        .labs()
        .flat_map(|lab| sqs_problems(lab).into_iter().map(move |p| format!("book/labs/{}/lab.toml: {p}", lab.id)))
        .collect();
    for block in all_blocks().iter().flatten().filter(|b| b.lang() != "text") {
        if let Some((visibility, timeout)) = short_visibility(block) {
            failures.push(format!(
                "{}: VisibilityTimeout {visibility} is under 6 × the function Timeout {timeout}",
                block.at(0)
            ));
        }
        for i in low_receive_counts(&block.text) {
            failures.push(format!("{}: maxReceiveCount below 3 (the SQS chapter says not 1 or 2)", block.at(i)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// --- CLI, wording, sample events, metric math ----------------------------------------------

/// Why an `aws lambda invoke` command's `--payload` fails on CLI v2, or `None`.
fn invoke_problem(words: &[shell::Word]) -> Option<String> {
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    let lambda = texts.iter().position(|w| *w == "lambda")?;
    if texts.first() != Some(&"aws") || texts.get(lambda + 1) != Some(&"invoke") {
        return None;
    }
    let payload = texts.iter().position(|w| *w == "--payload" || w.starts_with("--payload="))?;
    let value = texts[payload].strip_prefix("--payload=").or(texts.get(payload + 1).copied()).unwrap_or("");
    let named = texts.iter().any(|w| w.starts_with("--cli-binary-format"));
    (!value.starts_with("fileb://") && !named).then(|| {
        format!("`--payload {value}` without `--cli-binary-format raw-in-base64-out` fails on CLI v2 (or use fileb://)")
    })
}

/// Inline code spans of a Markdown text with the line each is on and the text of the
/// paragraph or list item around it.
fn inline_code(source: &str) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut open: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (event, range) in Parser::new(source).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item) => open.push((String::new(), Vec::new())),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                if let Some((text, codes)) = open.pop() {
                    out.extend(codes.into_iter().map(|(line, code)| (line, code, text.clone())));
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                for (text, _) in &mut open {
                    text.push_str(t);
                }
                if let (Event::Code(code), Some((_, codes))) = (&event, open.last_mut()) {
                    codes.push((source[..range.start].lines().count().max(1), code.to_string()));
                }
            }
            _ => {}
        }
    }
    out
}

/// `file:line` problems of `aws lambda invoke` commands in one Markdown text.
fn invoke_problems(file: &str, source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks_of(file, source).iter().filter(|b| matches!(b.lang(), "bash" | "sh" | "shell" | "console")) {
        for command in shell::commands(&block.text) {
            if let Some(why) = invoke_problem(&command) {
                out.push(format!("{}: {why}", block.at(command[0].line)));
            }
        }
    }
    for (line, code, around) in inline_code(source) {
        if around.to_lowercase().contains("wrong") {
            continue; // a command the text shows as wrong, on purpose
        }
        for command in shell::commands(&code) {
            if let Some(why) = invoke_problem(&command) {
                out.push(format!("{file}:{line}: {why}"));
            }
        }
    }
    out
}

#[test]
fn invoke_with_a_text_payload_names_the_binary_format() {
    let root = common::root();
    let mut failures = Vec::new();
    for path in chapters() {
        let shown = path.strip_prefix(&root).unwrap().display().to_string();
        failures.extend(invoke_problems(&shown, &common::read(&path)));
    }
    let course = course::Course::load(&common::book()).expect("the course loads");
    for lab in course.labs() {
        let text = format!("{}\n\n{}", lab.def.brief, lab.def.hints.join("\n\n"));
        failures.extend(invoke_problems(&format!("book/labs/{}/lab.toml (brief or hints)", lab.id), &text));
    }
    // Terminal labs' shell scripts (setup, solution): what a learner runs or is shown.
    for lab in course.labs() {
        for entry in std::fs::read_dir(common::book().join("labs").join(&lab.id)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "sh") {
                for command in shell::commands(&common::read(&path)) {
                    if let Some(why) = invoke_problem(&command) {
                        let shown = path.strip_prefix(&root).unwrap().display();
                        failures.push(format!("{shown}:{}: {why}", command[0].line + 1));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Wording a learner cannot act on: they have no course outline.
fn outline_mentions(text: &str) -> Vec<usize> {
    let lower = text.to_lowercase();
    ["course outline", "outline of this course", "the outline"]
        .iter()
        .flat_map(|p| lower.match_indices(p).map(|(at, _)| lower[..at].lines().count().max(1)).collect::<Vec<_>>())
        .collect()
}

/// S3 sample events in `text` whose `eventVersion` is older than 2.4 (S3's unified version).
fn old_s3_event_versions(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("\"eventVersion\"") {
        let rest = text[at + "\"eventVersion\"".len()..].trim_start_matches([':', ' ', '"', '\\']);
        let version: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        let window = &text[at.saturating_sub(50)..(at + 600).min(text.len())];
        let window = &window[..window.char_indices().last().map_or(0, |(i, _)| i)];
        if window.contains("aws:s3") && (major, minor) < (2, 4) {
            out.push(text[..at].lines().count().max(1));
        }
    }
    out
}

/// A metric-math division by `MAX([...])`: with no traffic every metric in it is 0.
fn max_guards(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        if squeezed.contains("/max([") || squeezed.contains("max([errors,invocations])") {
            out.push(i + 1);
        }
    }
    out
}

#[test]
fn wording_sample_events_and_metric_math_are_current() {
    let mut failures = Vec::new();
    for (file, text) in book_texts() {
        for line in outline_mentions(&text) {
            failures.push(format!("{file}:{line}: \"course outline\": learners have no outline; say what the thing is"));
        }
        for line in old_s3_event_versions(&text) {
            failures.push(format!("{file}:{line}: S3 sample event with an eventVersion before 2.4; S3 now sends 2.5"));
        }
        for line in max_guards(&text) {
            failures.push(format!("{file}:{line}: MAX([...]) does not guard a division (it is 0 with no traffic); use IF(invocations > 0, ..., 0)"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The language a file name's extension calls for, for the extensions the book saves.
fn language_of(file: &str) -> Option<&'static [&'static str]> {
    Some(match file.rsplit_once('.')?.1 {
        "py" => &["python"],
        "json" => &["json"],
        "yaml" | "yml" => &["yaml", "yml"],
        "sh" => &["bash", "sh"],
        "mjs" | "js" => &["javascript", "js"],
        "java" => &["java"],
        "cs" => &["csharp", "cs"],
        "rb" => &["ruby"],
        "go" => &["go"],
        _ => return None,
    })
}

/// Blocks introduced by "Save it as `NAME.EXT`:" (or "... in `NAME.EXT`:") whose language is
/// not the file's: the text told the reader to save something else than what follows.
fn misplaced_saves(file: &str, source: &str) -> Vec<String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = Vec::new();
    for block in blocks_of(file, source) {
        let Some(intro) = lines[..block.line - 1].iter().rev().find(|l| !l.trim().is_empty()) else { continue };
        let intro = intro.trim_end();
        let Some(name) = intro.strip_suffix("`:").and_then(|rest| rest.rsplit_once('`')).map(|(_, name)| name) else {
            continue;
        };
        if let Some(langs) = language_of(name)
            && !langs.contains(&block.lang())
        {
            out.push(format!("{file}:{}: \"{intro}\" is followed by a ```{} block; put the file right after its introduction", block.line, block.lang()));
        }
    }
    out
}

#[test]
fn each_saved_file_follows_its_introduction() {
    let root = common::root();
    let failures: Vec<String> = chapters()
        .iter()
        .flat_map(|path| misplaced_saves(&path.strip_prefix(&root).unwrap().display().to_string(), &common::read(path)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// --- the checks catch what issue #16 found --------------------------------------------------

#[test]
fn each_check_catches_the_mistake_it_was_written_for() {
    let table = runtimes();
    let dec_2026 = days(2026, 12, 3);
    let old_row = "## What Lambda supports today\n\ntext\n\n| Language | Runtime identifiers | Handler | Notes |\n| --- | --- | --- | --- |\n| Python | `python3.13`; `python3.10` (Amazon Linux 2) | x | y |\n| C# | `dotnet10`; `dotnet8` | x | y |\n\nafter";
    let listed: Vec<String> = supported_table(old_row).into_iter().map(|(_, id)| id).collect();
    assert_eq!(listed, ["python3.13", "python3.10", "dotnet10", "dotnet8"]);
    let stale: Vec<&String> = listed.iter().filter(|id| not_current(id, &table, dec_2026).is_some()).collect();
    assert_eq!(stale, ["python3.10", "dotnet8"]);
    assert!(not_current("python3.13", &table, dec_2026).is_none());
    assert!(not_current("python3.11", &table, days(2027, 7, 1)).is_some(), "dates in the table do pass");

    let promise = "`python3.10` has a deprecation date of\nOctober 31, 2026.";
    assert_eq!(passed_promises(promise, dec_2026).len(), 1);
    assert!(passed_promises(promise, days(2026, 10, 30)).is_empty());
    assert!(passed_promises("`python3.10` was deprecated on October 31, 2026.", dec_2026).is_empty());

    let template = blocks_of("t.md", "```yaml\nResources:\n  F:\n    Properties:\n      Runtime: python3.9\n```\n");
    assert_eq!(configured_runtimes(&template[0]), [(3, "python3.9".to_owned())]);
    let shown_old = blocks_of("t.md", "```text\nRuntime: python3.9\n```\n");
    assert!(configured_runtimes(&shown_old[0]).is_empty(), "```text is where old examples are shown");

    let old_lab = r#"
title = "t"
brief = "b"
[function]
timeout = 10
[[setup]]
call = "sqs.CreateQueue"
params = { QueueName = "orders", Attributes = { VisibilityTimeout = "30", RedrivePolicy = '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:dlq","maxReceiveCount":"2"}' } }
[trigger]
type = "sqs"
queue = "orders"
[[cases]]
name = "one order"
steps = [ { call = "sqs.SendMessage", params = { QueueUrl = "https://sqs.us-east-1.amazonaws.com/123456789012/orders", MessageBody = "{}" } } ]
checks = [ { queue = { name = "orders", depth = 0 } } ]
"#;
    let handler = "def lambda_handler(event, context):\n    pass\n";
    let lab = labs::Lab::from_text("old", Path::new("old/lab.toml"), old_lab, handler, handler, BTreeMap::new())
        .expect("the old lab parses");
    let problems = sqs_problems(&lab);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("VisibilityTimeout") && problems[1].contains("maxReceiveCount"), "{problems:?}");
    assert_eq!(low_receive_counts(r#"  "RedrivePolicy": "{\"maxReceiveCount\":\"2\"}""#), [0]);
    assert!(low_receive_counts("        maxReceiveCount: 5").is_empty());
    let template = "```yaml\nResources:\n  Q:\n    Properties:\n      VisibilityTimeout: 90\n  F:\n    Properties:\n      Timeout: 30\n```\n";
    assert_eq!(short_visibility(&blocks_of("t.md", template)[0]), Some((90.0, 30.0)));
    assert_eq!(short_visibility(&blocks_of("t.md", &template.replace(": 90", ": 180"))[0]), None);

    let prose = "Nothing forces a caller to send an object: `aws lambda invoke --payload '\"hi\"'` gives a string.\n";
    assert_eq!(invoke_problems("h.md", prose).len(), 1);
    let block = "```bash\n$ aws lambda invoke --function-name f \\\n    --payload '{}' out.json\n```\n";
    assert_eq!(invoke_problems("h.md", block).len(), 1);
    let fixed = "```bash\n$ aws lambda invoke --function-name f --cli-binary-format raw-in-base64-out \\\n    --payload '{}' out.json\n$ aws lambda invoke --function-name f --payload fileb://e.json out.json\n```\n";
    assert!(invoke_problems("h.md", fixed).is_empty());
    assert!(invoke_problems("h.md", "5. What is wrong with `aws lambda invoke --payload file://p.json out.json`?\n").is_empty());

    let old_handler = "This is the example handler. Save it as `lambda_function.py`:\n\n```json\n{}\n```\n\n```python\ndef lambda_handler(event, context):\n    return 1\n```\n";
    assert_eq!(misplaced_saves("h.md", old_handler).len(), 1);
    assert!(misplaced_saves("h.md", &old_handler.replace("```json\n{}\n```\n\n", "")).is_empty());

    assert_eq!(outline_mentions("This is the example handler from the course outline."), [1]);
    assert_eq!(old_s3_event_versions(r#"{"Records": [{"eventVersion": "2.1", "eventSource": "aws:s3"}]}"#), [1]);
    assert!(old_s3_event_versions(r#"{"Records": [{"eventVersion": "2.5", "eventSource": "aws:s3"}]}"#).is_empty());
    assert!(old_s3_event_versions(r#"{"eventVersion": "1.1", "eventSource": "aws:dynamodb"}"#).is_empty());
    assert_eq!(max_guards(r#"    "Expression": "100 * errors / MAX([errors, invocations])","#), [1]);
    assert!(max_guards(r#"    "Expression": "IF(invocations > 0, 100 * errors / invocations, 0)","#).is_empty());
}
