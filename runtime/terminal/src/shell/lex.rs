//! The shell's lexer: characters to [`Token`]s — words with their quoted and expanded parts,
//! operators, redirections, and here-document bodies read after the line that opens them.
//! [`super::parse`] builds the script from the tokens.

use super::parse::{ParseError, Part, Redirect, Word};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Token {
    Word(Word),
    Assign(String, Word),
    Op(&'static str),
    Redirect(Redirect),
    Newline,
}

pub(super) struct Lexer<'a> {
    chars: Vec<char>,
    pos: usize,
    /// Here-documents whose bodies start at the next newline: (delimiter, expand, strip tabs,
    /// index of the token to fill in).
    pending: Vec<(String, bool, bool, usize)>,
    tokens: Vec<Token>,
    _src: &'a str,
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
    pub(super) fn new(src: &'a str) -> Lexer<'a> {
        Lexer { chars: src.chars().collect(), pos: 0, pending: Vec::new(), tokens: Vec::new(), _src: src }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    pub(super) fn run(mut self) -> Result<Vec<Token>, ParseError> {
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

