//! What a learner can find, read from the rendered chapters (so every anchor is the one mdBook
//! wrote): a section per `h1`–`h3` with an `id`, a lab per lab panel (its title and brief), a
//! quiz question per prompt (the prompt only: options, hints and answers are never indexed)
//! and a glossary term per `<dt id>` with its `<dd>` definition.
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

use super::{Doc, Kind};

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
