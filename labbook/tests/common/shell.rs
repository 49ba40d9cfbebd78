//! The commands of a shell code block, split into words with the line each word is on, enough to
//! find and check the book's `aws ...` commands.
//!
//! Understood: `$ ` prompts (in a block that has them, other lines are the commands' output),
//! `\` line continuations, lines continued by an open quote, parenthesis or `for ... do`/`if ...
//! then` compound, comments, `'...'` and `"..."` quoting with escapes, `$VAR` and `$(...)`
//! (whose commands are commands too: `ID=$(aws ...)`), pipes and lists (`|`, `&&`, `||`, `;`,
//! `&`), redirections (`> file`), leading `NAME=value` assignments and reserved words (`do`,
//! `then`, ...). Not a shell: no aliases, functions, brace or parameter expansion; a word with an
//! expansion in it is marked so its value is not checked.

/// A word of a command, quotes removed.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    pub text: String,
    /// Line within the block's text (0-based).
    pub line: usize,
    /// The word contains `$...`, `$(...)` or backticks: its value is only known at run time.
    pub expanded: bool,
}

/// The simple commands of a block (each a list of words, reserved words and assignments
/// removed), in order, the commands inside `$(...)` included.
pub(crate) fn commands(text: &str) -> Vec<Vec<Word>> {
    let lines: Vec<&str> = text.lines().collect();
    let prompted = lines.iter().any(|l| l.trim_start().starts_with("$ "));
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        let first = if prompted {
            match trimmed.strip_prefix("$ ") {
                Some(rest) => rest,
                None => {
                    i += 1;
                    continue;
                }
            }
        } else {
            lines[i]
        };
        let start = i;
        let mut logical = first.to_owned();
        while needs_more(&logical) && i + 1 < lines.len() {
            i += 1;
            logical.push('\n');
            logical.push_str(lines[i]);
        }
        let mut lexer = Lexer { chars: logical.chars().collect(), pos: 0, line: start, commands: Vec::new() };
        lexer.list(false);
        out.extend(lexer.commands);
        i += 1;
    }
    out
}

/// Whether a command's text goes on to the next line.
fn needs_more(text: &str) -> bool {
    if text.ends_with('\\') {
        return true;
    }
    let (mut single, mut double, mut depth, mut escaped) = (false, false, 0i32, false);
    for c in text.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '(' if !single => depth += 1,
            ')' if !single => depth -= 1,
            _ => {}
        }
    }
    if single || double || depth > 0 {
        return true;
    }
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == ';').collect();
    let count = |w: &str| words.iter().filter(|x| **x == w).count();
    count("do") > count("done") || count("then") > count("fi")
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    commands: Vec<Vec<Word>>,
}

enum Token {
    Word(Word),
    Separator,
    Redirect,
}

const RESERVED: &[&str] = &["do", "then", "else", "elif", "if", "while", "until", "!", "time", "{", "}", "done", "fi"];

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// Lexes a command list up to the end (or the `)` closing a `$(`), recording its commands.
    fn list(&mut self, nested: bool) {
        let mut tokens = Vec::new();
        while let Some(c) = self.peek(0) {
            match c {
                ' ' | '\t' => self.pos += 1,
                '\\' if self.peek(1) == Some('\n') => {
                    self.pos += 2;
                    self.line += 1;
                }
                '\n' => {
                    self.pos += 1;
                    self.line += 1;
                    tokens.push(Token::Separator);
                }
                '#' => {
                    while self.peek(0).is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                ')' if nested => {
                    self.pos += 1;
                    break;
                }
                '(' | ')' | '|' | '&' | ';' => {
                    self.pos += 1;
                    tokens.push(Token::Separator);
                }
                '>' | '<' => {
                    while self.peek(0).is_some_and(|c| matches!(c, '>' | '<' | '&')) {
                        self.pos += 1;
                    }
                    tokens.push(Token::Redirect);
                }
                _ => {
                    let word = self.word();
                    // `2>file`: the digit belongs to the redirection.
                    if word.text.chars().all(|c| c.is_ascii_digit()) && matches!(self.peek(0), Some('>' | '<')) {
                        continue;
                    }
                    tokens.push(Token::Word(word));
                }
            }
        }
        let mut command: Vec<Word> = Vec::new();
        let mut skip_next = false;
        for token in tokens.into_iter().chain([Token::Separator]) {
            match token {
                Token::Word(w) if skip_next => {
                    skip_next = false;
                    drop(w);
                }
                Token::Word(w) => {
                    let is_assignment = command.is_empty()
                        && w.text.split_once('=').is_some_and(|(name, _)| {
                            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        });
                    if !(command.is_empty() && (is_assignment || RESERVED.contains(&w.text.as_str()))) {
                        command.push(w);
                    }
                }
                Token::Redirect => skip_next = true,
                Token::Separator => {
                    if !command.is_empty() {
                        self.commands.push(std::mem::take(&mut command));
                    }
                }
            }
        }
    }

    fn substitution(&mut self, word: &mut Word) {
        // At `$(`: its commands are recorded; the word gets a stand-in.
        self.pos += 2;
        self.list(true);
        word.text.push_str("$(...)");
        word.expanded = true;
    }

    fn word(&mut self) -> Word {
        let mut word = Word { text: String::new(), line: self.line, expanded: false };
        while let Some(c) = self.peek(0) {
            match c {
                ' ' | '\t' | '\n' | '|' | '&' | ';' | '(' | ')' | '<' | '>' => break,
                '\\' => {
                    if self.peek(1) == Some('\n') {
                        self.line += 1;
                    } else if let Some(next) = self.peek(1) {
                        word.text.push(next);
                    }
                    self.pos += 2;
                }
                '\'' => {
                    self.pos += 1;
                    while let Some(c) = self.peek(0) {
                        self.pos += 1;
                        if c == '\'' {
                            break;
                        }
                        if c == '\n' {
                            self.line += 1;
                        }
                        word.text.push(c);
                    }
                }
                '"' => {
                    self.pos += 1;
                    while let Some(c) = self.peek(0) {
                        match c {
                            '"' => {
                                self.pos += 1;
                                break;
                            }
                            '\\' if matches!(self.peek(1), Some('"' | '\\' | '$' | '`')) => {
                                word.text.push(self.peek(1).unwrap());
                                self.pos += 2;
                            }
                            '$' if self.peek(1) == Some('(') => self.substitution(&mut word),
                            _ => {
                                if c == '$' || c == '`' {
                                    word.expanded = true;
                                }
                                if c == '\n' {
                                    self.line += 1;
                                }
                                word.text.push(c);
                                self.pos += 1;
                            }
                        }
                    }
                }
                '$' if self.peek(1) == Some('(') => self.substitution(&mut word),
                _ => {
                    if c == '$' || c == '`' {
                        word.expanded = true;
                    }
                    word.text.push(c);
                    self.pos += 1;
                }
            }
        }
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(block: &str) -> Vec<Vec<(String, usize)>> {
        commands(block).into_iter().map(|c| c.into_iter().map(|w| (w.text, w.line)).collect()).collect()
    }

    fn words(block: &str) -> Vec<Vec<String>> {
        commands(block).into_iter().map(|c| c.into_iter().map(|w| w.text).collect()).collect()
    }

    #[test]
    fn prompts_continuations_and_output() {
        let block =
            "$ aws lambda invoke \\\n    --function-name f \\\n    out.json\n{\"StatusCode\": 200}\n$ cat out.json";
        assert_eq!(
            texts(block),
            vec![
                vec![
                    ("aws".into(), 0),
                    ("lambda".into(), 0),
                    ("invoke".into(), 0),
                    ("--function-name".into(), 1),
                    ("f".into(), 1),
                    ("out.json".into(), 2)
                ],
                vec![("cat".into(), 4), ("out.json".into(), 4)],
            ]
        );
    }

    #[test]
    fn quotes_substitutions_pipes_and_comments() {
        let block = "$ ID=$(aws logs start-query --start-time $(date +%s) --query-string 'a | b' --query \"x\") # why\n$ aws x y --v \"$ID\" | base64 --decode > out && echo ok";
        assert_eq!(
            words(block),
            vec![
                vec!["date", "+%s"],
                vec!["aws", "logs", "start-query", "--start-time", "$(...)", "--query-string", "a | b", "--query", "x"],
                vec!["aws", "x", "y", "--v", "$ID"],
                vec!["base64", "--decode"],
                vec!["echo", "ok"],
            ]
        );
        assert!(commands(block)[2][4].expanded);
    }

    #[test]
    fn scripts_and_compound_commands() {
        assert_eq!(
            words("# comment\nset -e\nX=1 aws sts get-caller-identity\n"),
            vec![vec!["set", "-e"], vec!["aws", "sts", "get-caller-identity"]]
        );
        let block = "$ for a in dev prod; do\n    aws lambda get-function --function-name \"$a\"\n  done";
        assert_eq!(
            words(block),
            vec![vec!["for", "a", "in", "dev", "prod"], vec!["aws", "lambda", "get-function", "--function-name", "$a"]]
        );
        assert_eq!(
            words("$ eval \"$(aws configure export-credentials --format env)\""),
            vec![vec!["aws", "configure", "export-credentials", "--format", "env"], vec!["eval", "$(...)"],]
        );
    }
}
