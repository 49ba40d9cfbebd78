//! What a learner can find, read from the rendered chapters (so every anchor is the one mdBook
//! wrote): a section per `h1`–`h3` with an `id`, a lab per lab panel (its title and brief), a
//! quiz question per prompt (the prompt only: options, hints and answers are never indexed)
//! a glossary term per `<dt id>` with its `<dd>` definition, and a command per AWS CLI command
//! a code block shows (see [`commands`](super::commands)), linked to the section around it.
//! Code inside a lab panel (its brief, hints and solution) gives no command result: the lab's
//! own result is the way in, and a solution's commands are its answers.
//!
//! html5ever's tokenizer does the parsing (entities, attributes, raw text of scripts); this
//! file only follows which region of the page a piece of text belongs to.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};

use super::{Doc, Kind, commands};

/// Longest snippet shown under a result (a glossary definition is shown whole).
pub(super) const SNIPPET_CHARS: usize = 160;

/// The documents of one rendered page, `page` being its index in the index's page list.
pub fn page_docs(html: &str, page: usize) -> Vec<Doc> {
    let sink = Sink { state: RefCell::new(State { page, ..State::default() }) };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&input);
    tok.end();
    let mut state = tok.sink.state.into_inner();
    state.docs.append(&mut state.commands);
    state.docs.iter_mut().for_each(Doc::tidy);
    state.docs.retain(|d| !d.title.is_empty() && !d.anchor.is_empty());
    state.docs
}

/// An element being followed until its end tag: its name and how many of the same name are open.
#[derive(Debug)]
struct Region {
    tag: String,
    depth: usize,
}

impl Region {
    fn new(tag: &str) -> Option<Region> {
        Some(Region { tag: tag.to_owned(), depth: 1 })
    }

    /// Counts `tag`'s start or end; true when this end tag closes the region.
    fn track(region: &mut Option<Region>, tag: &str, start: bool) -> bool {
        let Some(r) = region else { return false };
        if r.tag != tag {
            return false;
        }
        if start {
            r.depth += 1;
            false
        } else {
            r.depth -= 1;
            if r.depth == 0 {
                *region = None;
                return true;
            }
            false
        }
    }
}

#[derive(Debug, Default)]
struct State {
    page: usize,
    in_main: bool,
    docs: Vec<Doc>,
    /// The section collecting body text (index into `docs`).
    section: Option<usize>,
    /// The heading whose text is the current doc's title.
    heading: Option<Region>,
    /// A lab panel or quiz: skipped but for what is captured below.
    widget: Option<Region>,
    /// The widget's kind and, for a quiz, its anchor.
    widget_kind: Option<(Kind, String)>,
    /// Inside a lab's brief, a quiz prompt, a `<dt>` or a `<dd>`: text goes to `docs.last()`.
    capture: Option<Region>,
    /// The glossary term being read (its `<dd>` follows).
    term: Option<usize>,
    /// Depth of `<pre>`: code is indexed but kept out of snippets.
    pre: usize,
    /// The text of the code block being read, outside widgets (scanned for commands at its end).
    code: String,
    /// The page's command results, after its other documents (a `docs.last()` stays the
    /// document being captured).
    commands: Vec<Doc>,
}

impl State {
    fn start(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = &*tag.name;
        if matches!(name, "script" | "style") {
            return TokenSinkResult::RawData(if name == "script" { RawKind::ScriptData } else { RawKind::Rawtext });
        }
        if name == "main" {
            self.in_main = true;
        }
        if !self.in_main {
            return TokenSinkResult::Continue;
        }
        let attr = |key: &str| tag.attrs.iter().find(|a| &*a.name.local == key).map(|a| a.value.to_string());
        let class = attr("class").unwrap_or_default();
        let has_class = |c: &str| class.split_whitespace().any(|x| x == c);
        Region::track(&mut self.heading, name, true);
        Region::track(&mut self.capture, name, true);
        Region::track(&mut self.widget, name, true);
        if name == "pre" {
            self.pre += 1;
        }
        if !is_inline(name) {
            self.text(" ");
        }
        match (&self.widget_kind, name) {
            (None, "section") if has_class("labbook-lab") => {
                self.widget = Region::new(name);
                self.widget_kind = Some((Kind::Lab, String::new()));
            }
            (None, "section") if has_class("labbook-quiz") => {
                self.widget = Region::new(name);
                self.widget_kind = Some((Kind::Quiz, attr("id").unwrap_or_default()));
            }
            (None, "h1" | "h2" | "h3") => {
                if let Some(id) = attr("id") {
                    self.docs.push(Doc::new(Kind::Section, self.page, id));
                    self.section = Some(self.docs.len() - 1);
                    self.heading = Region::new(name);
                }
            }
            (None, "dt") => {
                if let Some(id) = attr("id") {
                    self.docs.push(Doc::new(Kind::Glossary, self.page, id));
                    self.term = Some(self.docs.len() - 1);
                    self.heading = Region::new(name);
                }
            }
            (None, "dd") if self.term.is_some() => self.capture = Region::new(name),
            (Some((Kind::Lab, _)), "h3") if has_class("labbook-lab-title") => {
                self.docs.push(Doc::new(Kind::Lab, self.page, attr("id").unwrap_or_default()));
                self.heading = Region::new(name);
            }
            (Some((Kind::Lab, _)), "div") if has_class("labbook-lab-brief") => self.capture = Region::new(name),
            (Some((Kind::Quiz, _)), "h3") if has_class("labbook-quiz-title") => {
                // The quiz's title is the label of its questions' results, not a result itself.
                self.heading = Region::new(name);
                self.docs.push(Doc::new(Kind::Quiz, self.page, String::new()));
            }
            (Some((Kind::Quiz, id)), "div") if has_class("labbook-quiz-prompt") => {
                let quiz_title = self.docs.last().filter(|d| d.kind == Kind::Quiz).map(|d| d.snippet.clone());
                let mut doc = Doc::new(Kind::Quiz, self.page, id.clone());
                doc.snippet = quiz_title.unwrap_or_default();
                self.docs.push(doc);
                self.capture = Region::new(name);
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn end(&mut self, name: &str) {
        if !self.in_main {
            return;
        }
        if name == "main" {
            self.in_main = false;
            return;
        }
        if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
            if self.pre == 0 {
                self.code_block_ended();
            }
        }
        if !is_inline(name) {
            self.text(" ");
        }
        if Region::track(&mut self.heading, name, false) {
            // A quiz's title row: keep it as the label its questions show, then drop the row.
            if let Some(d) = self.docs.last_mut()
                && d.kind == Kind::Quiz
                && d.anchor.is_empty()
            {
                d.snippet = std::mem::take(&mut d.title);
            }
        }
        if Region::track(&mut self.capture, name, false) && name == "dd" {
            self.term = None;
        }
        if Region::track(&mut self.widget, name, false) {
            self.widget_kind = None;
            self.docs.retain(|d| !(d.kind == Kind::Quiz && d.anchor.is_empty()));
        }
    }

    fn text(&mut self, text: &str) {
        if !self.in_main {
            return;
        }
        let in_widget = self.widget.is_some();
        if self.pre > 0 && !in_widget {
            self.code.push_str(text);
        }
        let target = if self.heading.is_some() || self.capture.is_some() {
            self.docs.len().checked_sub(1)
        } else if in_widget || self.term.is_some() {
            None
        } else {
            self.section
        };
        let Some(doc) = target.and_then(|i| self.docs.get_mut(i)) else { return };
        if self.heading.is_some() {
            doc.title.push_str(text);
            return;
        }
        doc.text.push_str(text);
        let wants_snippet = doc.kind != Kind::Quiz && (doc.kind == Kind::Glossary || doc.snippet.len() < SNIPPET_CHARS * 2);
        if self.pre == 0 && wants_snippet {
            doc.snippet.push_str(text);
        }
    }
}

impl State {
    /// A command result per command the block shows, unless this section already has one for it.
    fn code_block_ended(&mut self) {
        let code = std::mem::take(&mut self.code);
        let Some(section) = self.section.and_then(|i| self.docs.get(i)) else { return };
        for command in commands::scan(&code) {
            let shown = self.commands.iter().any(|d| d.anchor == section.anchor && d.text == command.name);
            if !shown {
                let mut doc = Doc::new(Kind::Command, self.page, section.anchor.clone());
                doc.title = command.line;
                doc.text = command.name;
                doc.snippet = section.title.clone();
                self.commands.push(doc);
            }
        }
    }
}

/// Tags inside which a word continues (no space is put at their edges).
fn is_inline(name: &str) -> bool {
    matches!(name, "a" | "em" | "strong" | "code" | "span" | "b" | "i" | "kbd" | "sub" | "sup" | "abbr" | "mark" | "small")
}

struct Sink {
    state: RefCell<State>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            TagToken(tag) if tag.kind == StartTag => return state.start(&tag),
            TagToken(tag) if tag.kind == EndTag => state.end(&tag.name),
            CharacterTokens(text) => state.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<html><head><script>var x = "<h2 id='no'>";</script></head><body>
<nav><h2 id="nav">Not content</h2></nav>
<main>
<h1 id="sqs"><a class="header" href="#sqs">Asynchronous processing with SQS</a></h1>
<p>Lambda polls the <em>queue</em> &amp; deletes messages.</p>
<h2 id="dlq"><a class="header" href="#dlq">Dead-letter queues</a></h2>
<p>Set <code>maxReceiveCount</code>.</p><pre><code>aws sqs create-queue</code></pre>
<section class="labbook-lab" data-labbook-lab="orders" aria-labelledby="t">
<h3 class="labbook-lab-title" id="labbook-lab-orders-title">Lab: Process orders</h3>
<div class="labbook-lab-brief"><p>Write each <code>order</code> to DynamoDB.</p><div>nested</div><p>after</p></div>
<h4 class="labbook-lab-label" id="code-label">Your code</h4><textarea>starter code</textarea>
</section>
<section class="labbook-quiz" id="quiz-part3" data-labbook-quiz="part3">
<h3 class="labbook-quiz-title">Quiz: Messaging</h3>
<ol><li class="labbook-quiz-q"><div class="labbook-quiz-prompt"><p>What does a DLQ keep?</p></div>
<ul class="labbook-quiz-options"><li><label><span>Failed messages (the answer)</span></label></li></ul>
<p class="labbook-quiz-explanation">Because redrive.</p></li></ol>
</section>
<p>After the quiz.</p>
<dl><dt id="cold-start"><a class="header" href="#cold-start">Cold start</a></dt><dd>An invocation that waits for INIT.</dd></dl>
<p>Tail text.</p>
</main><nav>Next chapter</nav></body></html>"##;

    #[test]
    fn sections_labs_quiz_prompts_and_glossary_terms_with_their_anchors() {
        let docs = page_docs(PAGE, 3);
        let seen: Vec<(Kind, &str, &str)> = docs.iter().map(|d| (d.kind, d.anchor.as_str(), d.title.as_str())).collect();
        assert_eq!(
            seen,
            [
                (Kind::Section, "sqs", "Asynchronous processing with SQS"),
                (Kind::Section, "dlq", "Dead-letter queues"),
                (Kind::Lab, "labbook-lab-orders-title", "Lab: Process orders"),
                (Kind::Quiz, "quiz-part3", "What does a DLQ keep?"),
                (Kind::Glossary, "cold-start", "Cold start"),
                (Kind::Command, "dlq", "aws sqs create-queue"),
            ]
        );
        assert!(docs.iter().all(|d| d.page == 3));
        assert_eq!(docs[0].text, "Lambda polls the queue & deletes messages.");
        // Text after the widgets goes back to the section it is in; code is indexed, not quoted.
        assert_eq!(docs[1].text, "Set maxReceiveCount. aws sqs create-queue After the quiz. Tail text.");
        assert_eq!(docs[1].snippet, "Set maxReceiveCount. After the quiz. Tail text.");
        assert_eq!(docs[2].text, "Write each order to DynamoDB. nested after");
        assert_eq!(docs[3].snippet, "Quiz: Messaging");
        assert_eq!(docs[4].snippet, "An invocation that waits for INIT.");
        assert_eq!((docs[5].text.as_str(), docs[5].snippet.as_str()), ("aws sqs create-queue", "Dead-letter queues"));
    }

    #[test]
    fn a_command_is_a_result_once_per_section_linked_to_its_heading() {
        let page = r##"<main>
<h2 id="step-4"><a class="header" href="#step-4">Step 4: update the code</a></h2>
<pre><code class="language-bash">$ zip function.zip lambda_function.py
$ aws lambda update-function-code \
    --function-name order-summary \
    --zip-file fileb://function.zip
{ "LastUpdateStatus": "InProgress" }
$ aws lambda wait function-updated-v2 --function-name order-summary &amp;&amp; aws lambda invoke out.json
</code></pre>
<p>Or from S3:</p>
<pre><code>$ aws s3 cp function.zip s3://BUCKET/f.zip
$ aws lambda update-function-code --function-name order-summary --s3-bucket BUCKET</code></pre>
<section class="labbook-lab"><h3 class="labbook-lab-title" id="lab-t">Lab: Deploy</h3>
<div class="labbook-lab-brief"><pre><code>aws lambda get-function --function-name x</code></pre></div>
<details class="labbook-lab-hints"><pre><code>aws iam create-role --role-name secret</code></pre></details></section>
<h3 id="clean-up"><a class="header" href="#clean-up">Clean up</a></h3>
<pre><code>$ aws lambda update-function-code --function-name order-summary</code></pre>
</main>"##;
        let docs = page_docs(page, 0);
        let commands: Vec<(&str, &str, &str)> = docs
            .iter()
            .filter(|d| d.kind == Kind::Command)
            .map(|d| (d.anchor.as_str(), d.text.as_str(), d.title.as_str()))
            .collect();
        assert_eq!(
            commands,
            [
                ("step-4", "aws lambda update-function-code", "aws lambda update-function-code"),
                ("step-4", "aws lambda wait function-updated-v2", "aws lambda wait function-updated-v2 --function-name order-summary && aws lambda invoke out.json"),
                ("step-4", "aws lambda invoke", "aws lambda wait function-updated-v2 --function-name order-summary && aws lambda invoke out.json"),
                ("step-4", "aws s3 cp", "aws s3 cp function.zip s3://BUCKET/f.zip"),
                ("clean-up", "aws lambda update-function-code", "aws lambda update-function-code --function-name order-summary"),
            ]
        );
        let step4 = docs.iter().find(|d| d.kind == Kind::Command).unwrap();
        assert_eq!(step4.snippet, "Step 4: update the code", "the result names the section that shows it");
    }

    #[test]
    fn quiz_options_explanations_and_lab_code_are_never_indexed() {
        let docs = page_docs(PAGE, 0);
        let all: String = docs.iter().map(|d| format!("{} {} {}", d.title, d.text, d.snippet)).collect();
        for secret in ["the answer", "redrive", "starter code", "Your code", "Not content", "Next chapter", "'no'"] {
            assert!(!all.contains(secret), "{secret:?} leaked into the index: {all}");
        }
    }
}
