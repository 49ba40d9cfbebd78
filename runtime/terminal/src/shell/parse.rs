//! The shell's grammar: what AWS's docs and the course type, parsed as bash parses it.
//!
//! Lists (`;`, newlines), `&&`/`||`, pipelines (`|`), simple commands with leading
//! `NAME=value` assignments, redirections (`>`, `>>`, `<`, `2>`, `2>&1`, `&>`), here-documents
//! (`<<EOF`, `<<'EOF'` without expansion, `<<-EOF` stripping tabs), `#` comments, `\`
//! line continuations, and words made of unquoted text, `'single'` and `"double"` quotes,
//! `$NAME`, `${NAME}`, `${NAME:-default}`, `$?` and `$(...)` / backquote command substitution.
//! No functions, loops or conditionals: the course never types them at a prompt.

use thiserror::Error;

/// A parse failure, worded as bash words it.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The input ends inside a quote, substitution or here-document, or after `&&`/`|`/`\`:
    /// the terminal asks for another line rather than failing.
    #[error("unexpected end of file")]
    Incomplete,
    /// A token where none fits.
    #[error("syntax error near unexpected token `{0}'")]
    Unexpected(String),
}

/// One piece of a word, before expansion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal text; `quoted` text is never split or globbed.
    Lit {
        /// The characters.
        text: String,
        /// Inside quotes (or escaped).
        quoted: bool,
    },
    /// `$NAME`, `${NAME}` or `${NAME:-default}`.
    Var {
        /// Variable name (`?` for the last status).
        name: String,
        /// The `:-` default, if any.
        default: Option<Word>,
        /// Inside double quotes.
        quoted: bool,
    },
    /// `$(...)` or backquotes: the source of the inner script.
    Sub {
        /// Script source.
        source: String,
        /// Inside double quotes.
        quoted: bool,
    },
}

/// A word: parts that expand to one or more fields.
pub type Word = Vec<Part>;

/// Where a redirection sends or takes a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Redirect {
    /// `N> file` (truncate) or `N>> file` (append); N is 1 or 2.
    Out {
        /// 1 (stdout) or 2 (stderr).
        fd: u8,
        /// The target word.
        target: Word,
        /// `>>`.
        append: bool,
    },
    /// `&> file`: both streams to the file.
    Both {
        /// The target word.
        target: Word,
    },
    /// `2>&1` (`from` = 2, `to` = 1) or `1>&2`.
    Dup {
        /// The stream redirected.
        from: u8,
        /// Where it goes.
        to: u8,
    },
    /// `< file`.
    In {
        /// The source word.
        source: Word,
    },
    /// A here-document: its body, expanded unless the delimiter was quoted.
    HereDoc {
        /// The body lines joined, with the final newline.
        body: String,
        /// Whether `$` expansions apply.
        expand: bool,
    },
}

/// A simple command.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Command {
    /// Leading `NAME=value` words.
    pub assignments: Vec<(String, Word)>,
    /// The command name and arguments.
    pub words: Vec<Word>,
    /// Redirections, in order.
    pub redirects: Vec<Redirect>,
}

/// Commands joined by `|`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pipeline {
    /// `!` in front: the status is negated.
    pub negated: bool,
    /// The commands.
    pub commands: Vec<Command>,
}

/// How a pipeline joins the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// `;` or a newline: always run.
    Then,
    /// `&&`: run if the previous succeeded.
    And,
    /// `||`: run if the previous failed.
    Or,
}

/// A parsed script: pipelines with how each joins the previous one.
pub type Script = Vec<(Join, Pipeline)>;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(Word),
    Assign(String, Word),
    Op(&'static str),
    Redirect(Redirect),
    Newline,
}

struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    /// Here-documents whose bodies start at the next newline: (delimiter, expand, strip tabs,
    /// index of the token to fill in).
    pending: Vec<(String, bool, bool, usize)>,
    tokens: Vec<Token>,
    _src: &'a str,
}

/// Parses a script; [`ParseError::Incomplete`] means "ask for another line".
pub fn parse(src: &str) -> Result<Script, ParseError> {
    let tokens = Lexer::new(src).run()?;
    build(tokens)
}

/// Whether `src` needs another line before it can run (open quote, `\` at the end, a
/// here-document without its delimiter, a trailing `&&`, `||` or `|`).
pub fn is_incomplete(src: &str) -> bool {
    matches!(parse(src), Err(ParseError::Incomplete))
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_meta(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')')
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Lexer<'a> {
        Lexer { chars: src.chars().collect(), pos: 0, pending: Vec::new(), tokens: Vec::new(), _src: src }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn run(mut self) -> Result<Vec<Token>, ParseError> {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' => self.pos += 1,
                '\\' if self.peek_at(1) == Some('\n') => self.pos += 2,
                '\\' if self.peek_at(1).is_none() => return Err(ParseError::Incomplete),
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                '\n' => {
                    self.pos += 1;
                    self.tokens.push(Token::Newline);
                    self.read_heredoc_bodies()?;
                }
                ';' => {
                    self.pos += 1;
                    self.tokens.push(Token::Op(";"));
                }
                '&' if self.peek_at(1) == Some('&') => {
                    self.pos += 2;
                    self.tokens.push(Token::Op("&&"));
                }
                '&' if self.peek_at(1) == Some('>') => {
                    self.pos += 2;
                    let target = self.target_word()?;
                    self.tokens.push(Token::Redirect(Redirect::Both { target }));
                }
                '&' => return Err(ParseError::Unexpected("&".into())),
                '|' if self.peek_at(1) == Some('|') => {
                    self.pos += 2;
                    self.tokens.push(Token::Op("||"));
                }
                '|' => {
                    self.pos += 1;
                    self.tokens.push(Token::Op("|"));
                }
                '(' | ')' => return Err(ParseError::Unexpected(c.to_string())),
                '<' | '>' => self.redirect(1)?,
                '1' | '2' if matches!(self.peek_at(1), Some('>')) => {
                    let fd = if c == '1' { 1 } else { 2 };
                    self.pos += 1;
                    self.redirect(fd)?;
                }
                _ => {
                    let start_of_word = self.pos;
                    let word = self.word()?;
                    self.push_word(word, start_of_word);
                }
            }
        }
        if !self.pending.is_empty() {
            return Err(ParseError::Incomplete);
        }
        Ok(self.tokens)
    }

    /// A word at the start of a command that looks like `NAME=...` is an assignment.
    fn push_word(&mut self, word: Word, _start: usize) {
        let at_command_start = matches!(self.tokens.last(), None | Some(Token::Op(_)) | Some(Token::Newline) | Some(Token::Assign(..)));
        if at_command_start
            && let Some(Part::Lit { text, quoted: false }) = word.first()
            && let Some(eq) = text.find('=')
            && eq > 0
            && text[..eq].chars().next().is_some_and(is_name_start)
            && text[..eq].chars().all(is_name_char)
        {
            let name = text[..eq].to_owned();
            let mut value = word.clone();
            let rest = text[eq + 1..].to_owned();
            if rest.is_empty() {
                value.remove(0);
            } else {
                value[0] = Part::Lit { text: rest, quoted: false };
            }
            self.tokens.push(Token::Assign(name, value));
            return;
        }
        self.tokens.push(Token::Word(word));
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
    }

    fn target_word(&mut self) -> Result<Word, ParseError> {
        self.skip_blanks();
        match self.peek() {
            None => Err(ParseError::Unexpected("newline".into())),
            Some(c) if is_meta(c) => Err(ParseError::Unexpected(if c == '\n' { "newline".into() } else { c.to_string() })),
            Some(_) => self.word(),
        }
    }

    fn redirect(&mut self, fd: u8) -> Result<(), ParseError> {
        let c = self.peek().unwrap_or(' ');
        self.pos += 1;
        if c == '<' {
            if self.peek() == Some('<') {
                self.pos += 1;
                let strip = self.peek() == Some('-');
                if strip {
                    self.pos += 1;
                }
                let delim = self.target_word()?;
                let expand = delim.iter().all(|p| matches!(p, Part::Lit { quoted: false, .. }));
                let text: String = delim
                    .iter()
                    .map(|p| match p {
                        Part::Lit { text, .. } => text.clone(),
                        _ => String::new(),
                    })
                    .collect();
                self.tokens.push(Token::Redirect(Redirect::HereDoc { body: String::new(), expand }));
                self.pending.push((text, expand, strip, self.tokens.len() - 1));
                return Ok(());
            }
            let source = self.target_word()?;
            self.tokens.push(Token::Redirect(Redirect::In { source }));
            return Ok(());
        }
        let append = self.peek() == Some('>');
        if append {
            self.pos += 1;
        }
        if self.peek() == Some('&') && matches!(self.peek_at(1), Some('1' | '2')) {
            let to = if self.peek_at(1) == Some('1') { 1 } else { 2 };
            self.pos += 2;
            self.tokens.push(Token::Redirect(Redirect::Dup { from: fd, to }));
            return Ok(());
        }
        let target = self.target_word()?;
        self.tokens.push(Token::Redirect(Redirect::Out { fd, target, append }));
        Ok(())
    }

    /// Reads the bodies of the here-documents opened on the line just ended.
    fn read_heredoc_bodies(&mut self) -> Result<(), ParseError> {
        for (delim, _expand, strip, index) in std::mem::take(&mut self.pending) {
            let mut body = String::new();
            loop {
                if self.pos >= self.chars.len() {
                    return Err(ParseError::Incomplete);
                }
                let start = self.pos;
                while self.peek().is_some_and(|c| c != '\n') {
                    self.pos += 1;
                }
                let ended = self.peek().is_some();
                let mut line: String = self.chars[start..self.pos].iter().collect();
                if ended {
                    self.pos += 1;
                }
                if strip {
                    line = line.trim_start_matches('\t').to_owned();
                }
                if line == delim {
                    break;
                }
                if !ended {
                    return Err(ParseError::Incomplete);
                }
                body.push_str(&line);
                body.push('\n');
            }
            if let Token::Redirect(Redirect::HereDoc { body: b, .. }) = &mut self.tokens[index] {
                *b = body;
            }
        }
        Ok(())
    }

    fn word(&mut self) -> Result<Word, ParseError> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let flush = |lit: &mut String, parts: &mut Word, quoted: bool| {
            if !lit.is_empty() {
                parts.push(Part::Lit { text: std::mem::take(lit), quoted });
            }
        };
        while let Some(c) = self.peek() {
            if is_meta(c) {
                break;
            }
            match c {
                '\\' => {
                    match self.peek_at(1) {
                        None => return Err(ParseError::Incomplete),
                        Some('\n') => self.pos += 2,
                        Some(e) => {
                            flush(&mut lit, &mut parts, false);
                            parts.push(Part::Lit { text: e.to_string(), quoted: true });
                            self.pos += 2;
                        }
                    }
                }
                '\'' => {
                    flush(&mut lit, &mut parts, false);
                    self.pos += 1;
                    let start = self.pos;
                    while self.peek().is_some_and(|c| c != '\'') {
                        self.pos += 1;
                    }
                    if self.peek().is_none() {
                        return Err(ParseError::Incomplete);
                    }
                    let text: String = self.chars[start..self.pos].iter().collect();
                    self.pos += 1;
                    parts.push(Part::Lit { text, quoted: true });
                }
                '"' => {
                    flush(&mut lit, &mut parts, false);
                    self.pos += 1;
                    let before = parts.len();
                    self.double_quoted(&mut parts)?;
                    if parts.len() == before {
                        parts.push(Part::Lit { text: String::new(), quoted: true });
                    }
                }
                '$' | '`' => {
                    flush(&mut lit, &mut parts, false);
                    match self.dollar(false)? {
                        Some(p) => parts.push(p),
                        None => lit.push('$'),
                    }
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut lit, &mut parts, false);
        Ok(parts)
    }

    fn double_quoted(&mut self, parts: &mut Word) -> Result<(), ParseError> {
        let mut lit = String::new();
        loop {
            let Some(c) = self.peek() else { return Err(ParseError::Incomplete) };
            match c {
                '"' => {
                    self.pos += 1;
                    break;
                }
                '\\' => match self.peek_at(1) {
                    None => return Err(ParseError::Incomplete),
                    Some('\n') => self.pos += 2,
                    Some(e @ ('$' | '`' | '"' | '\\')) => {
                        lit.push(e);
                        self.pos += 2;
                    }
                    Some(_) => {
                        lit.push('\\');
                        self.pos += 1;
                    }
                },
                '$' | '`' => {
                    if !lit.is_empty() {
                        parts.push(Part::Lit { text: std::mem::take(&mut lit), quoted: true });
                    }
                    match self.dollar(true)? {
                        Some(p) => parts.push(p),
                        None => lit.push('$'),
                    }
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Lit { text: lit, quoted: true });
        }
        Ok(())
    }

    /// `$...` or a backquote at the cursor; `None` for a lone `$` (taken literally).
    fn dollar(&mut self, quoted: bool) -> Result<Option<Part>, ParseError> {
        if self.peek() == Some('`') {
            self.pos += 1;
            let start = self.pos;
            while self.peek().is_some_and(|c| c != '`') {
                self.pos += 1;
            }
            if self.peek().is_none() {
                return Err(ParseError::Incomplete);
            }
            let source: String = self.chars[start..self.pos].iter().collect();
            self.pos += 1;
            return Ok(Some(Part::Sub { source, quoted }));
        }
        self.pos += 1; // the `$`
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                let start = self.pos;
                self.skip_balanced()?;
                let source: String = self.chars[start..self.pos].iter().collect();
                self.pos += 1;
                Ok(Some(Part::Sub { source, quoted }))
            }
            Some('{') => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(|c| is_name_char(c) || c == '?') {
                    self.pos += 1;
                }
                let name: String = self.chars[start..self.pos].iter().collect();
                let mut default = None;
                if self.peek() == Some(':') && self.peek_at(1) == Some('-') {
                    self.pos += 2;
                    let dstart = self.pos;
                    while self.peek().is_some_and(|c| c != '}') {
                        self.pos += 1;
                    }
                    let text: String = self.chars[dstart..self.pos].iter().collect();
                    let inner = Lexer::new(&text).word_from_text(quoted)?;
                    default = Some(inner);
                }
                match self.peek() {
                    Some('}') => self.pos += 1,
                    None => return Err(ParseError::Incomplete),
                    Some(c) => return Err(ParseError::Unexpected(format!("${{{name}{c}"))),
                }
                if name.is_empty() {
                    return Err(ParseError::Unexpected("${}".into()));
                }
                Ok(Some(Part::Var { name, default, quoted }))
            }
            Some('?') => {
                self.pos += 1;
                Ok(Some(Part::Var { name: "?".into(), default: None, quoted }))
            }
            Some(c) if is_name_start(c) => {
                let start = self.pos;
                while self.peek().is_some_and(is_name_char) {
                    self.pos += 1;
                }
                Ok(Some(Part::Var { name: self.chars[start..self.pos].iter().collect(), default: None, quoted }))
            }
            _ => Ok(None),
        }
    }

    /// A `${NAME:-default}` default: the text parsed as one word (quotes honoured).
    fn word_from_text(mut self, quoted: bool) -> Result<Word, ParseError> {
        let mut word = self.word()?;
        if quoted {
            for p in &mut word {
                match p {
                    Part::Lit { quoted, .. } | Part::Var { quoted, .. } | Part::Sub { quoted, .. } => *quoted = true,
                }
            }
        }
        Ok(word)
    }

    /// Moves the cursor to the `)` that closes the `$(` just read, honouring quotes.
    fn skip_balanced(&mut self) -> Result<(), ParseError> {
        let mut depth = 1;
        while let Some(c) = self.peek() {
            match c {
                '\\' => self.pos += 1,
                '\'' => {
                    self.pos += 1;
                    while self.peek().is_some_and(|c| c != '\'') {
                        self.pos += 1;
                    }
                }
                '"' => {
                    self.pos += 1;
                    while let Some(c) = self.peek() {
                        if c == '\\' {
                            self.pos += 1;
                        } else if c == '"' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
            self.pos += 1;
        }
        Err(ParseError::Incomplete)
    }
}

fn build(tokens: Vec<Token>) -> Result<Script, ParseError> {
    let mut script = Script::new();
    let mut join = Join::Then;
    let mut pipeline = Pipeline::default();
    let mut command = Command::default();
    // After `&&`, `||` or `|`, a command must follow (newlines may come first).
    let mut need_command = false;
    let finish_command = |pipeline: &mut Pipeline, command: &mut Command| -> bool {
        if command.words.is_empty() && command.assignments.is_empty() && command.redirects.is_empty() {
            return false;
        }
        pipeline.commands.push(std::mem::take(command));
        true
    };
    for token in tokens {
        match token {
            Token::Word(w) => {
                if command.words.is_empty() && command.assignments.is_empty() && w == [Part::Lit { text: "!".into(), quoted: false }] && pipeline.commands.is_empty() {
                    pipeline.negated = !pipeline.negated;
                    continue;
                }
                command.words.push(w);
                need_command = false;
            }
            Token::Assign(name, value) => {
                if command.words.is_empty() {
                    command.assignments.push((name, value));
                } else {
                    // After the command name, `A=b` is an ordinary argument.
                    let mut w = vec![Part::Lit { text: format!("{name}="), quoted: false }];
                    w.extend(value);
                    command.words.push(w);
                }
                need_command = false;
            }
            Token::Redirect(r) => {
                command.redirects.push(r);
                need_command = false;
            }
            Token::Op("|") => {
                if !finish_command(&mut pipeline, &mut command) {
                    return Err(ParseError::Unexpected("|".into()));
                }
                need_command = true;
            }
            Token::Op(op @ ("&&" | "||")) => {
                if !finish_command(&mut pipeline, &mut command) {
                    return Err(ParseError::Unexpected(op.into()));
                }
                script.push((join, std::mem::take(&mut pipeline)));
                join = if op == "&&" { Join::And } else { Join::Or };
                need_command = true;
            }
            Token::Op(_) | Token::Newline => {
                let is_semi = token == Token::Op(";");
                if need_command {
                    if is_semi {
                        return Err(ParseError::Unexpected(";".into()));
                    }
                    continue;
                }
                if finish_command(&mut pipeline, &mut command) {
                    script.push((join, std::mem::take(&mut pipeline)));
                    join = Join::Then;
                } else if is_semi {
                    return Err(ParseError::Unexpected(";".into()));
                }
            }
        }
    }
    if need_command {
        return Err(ParseError::Incomplete);
    }
    if finish_command(&mut pipeline, &mut command) {
        script.push((join, pipeline));
    }
    Ok(script)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str, quoted: bool) -> Part {
        Part::Lit { text: s.into(), quoted }
    }

    #[test]
    fn words_quotes_and_variables() {
        let s = parse(r#"echo 'a b' "c $X ${Y:-d}" e\ f"#).unwrap();
        let words = &s[0].1.commands[0].words;
        assert_eq!(words[0], vec![lit("echo", false)]);
        assert_eq!(words[1], vec![lit("a b", true)]);
        assert_eq!(words[2][0], lit("c ", true));
        assert!(matches!(&words[2][1], Part::Var { name, quoted: true, .. } if name == "X"));
        assert!(matches!(&words[2][3], Part::Var { name, default: Some(_), .. } if name == "Y"));
        assert_eq!(words[3], vec![lit("e", false), lit(" ", true), lit("f", false)]);
    }

    #[test]
    fn command_substitution_nests_and_keeps_quotes() {
        let s = parse(r#"ROLE=$(aws iam get-role --role-name "r" --query 'Role.Arn' --output text)"#).unwrap();
        let c = &s[0].1.commands[0];
        assert!(c.words.is_empty());
        assert_eq!(c.assignments[0].0, "ROLE");
        assert!(matches!(&c.assignments[0].1[0], Part::Sub { source, .. } if source.starts_with("aws iam get-role --role-name \"r\"")));
    }

    #[test]
    fn and_or_pipes_and_comments() {
        let s = parse("mkdir a && cd a || echo no # comment\nls | cat").unwrap();
        let joins: Vec<Join> = s.iter().map(|(j, _)| *j).collect();
        assert_eq!(joins, [Join::Then, Join::And, Join::Or, Join::Then]);
        assert_eq!(s[3].1.commands.len(), 2);
    }

    #[test]
    fn heredoc_quoted_delimiter_does_not_expand() {
        let s = parse("cat <<'EOF' > f.py\nprint($X)\nEOF\n").unwrap();
        let r = &s[0].1.commands[0].redirects;
        assert_eq!(r[0], Redirect::HereDoc { body: "print($X)\n".into(), expand: false });
        assert!(matches!(&r[1], Redirect::Out { fd: 1, append: false, .. }));
    }

    #[test]
    fn incomplete_inputs_ask_for_more() {
        for src in ["echo 'a", "echo \"a", "aws lambda invoke \\", "cat <<EOF\nhello", "ls &&", "ls |", "X=$(echo"] {
            assert!(is_incomplete(src), "{src:?}");
        }
        for src in ["echo a", "aws lambda invoke \\\n  --function-name f out.json", "cat <<EOF\nhi\nEOF", ""] {
            assert!(!is_incomplete(src), "{src:?}");
        }
    }

    #[test]
    fn redirections_and_dup() {
        let s = parse("aws s3 ls 2>&1 >> log.txt").unwrap();
        let r = &s[0].1.commands[0].redirects;
        assert_eq!(r[0], Redirect::Dup { from: 2, to: 1 });
        assert!(matches!(&r[1], Redirect::Out { fd: 1, append: true, .. }));
    }

    #[test]
    fn syntax_errors_name_the_token() {
        assert_eq!(parse("&& ls"), Err(ParseError::Unexpected("&&".into())));
        assert_eq!(parse("ls ;;"), Err(ParseError::Unexpected(";".into())));
        assert_eq!(parse("echo >"), Err(ParseError::Unexpected("newline".into())));
    }
}
