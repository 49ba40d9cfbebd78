//! Why Python's `json.loads` refuses a text, in its words: the CLI parses JSON parameters
//! with Python's `json` module and prints its error (`Invalid JSON: Expecting ',' delimiter:
//! line 1 column 31 (char 30)`), so a learner's typo reads as it does in a real terminal. A
//! scanner with the positions CPython's `_json` scanner reports; positions count characters.
//! Trailing commas get Python 3.13's message (the Python AWS CLI v2 ships with).

enum Fail {
    /// No value starts here (`StopIteration`), reported as "Expecting value".
    Stop(usize),
    /// A message at a position.
    At(&'static str, usize),
}

struct Scanner {
    c: Vec<char>,
}

impl Scanner {
    fn ws(&self, mut i: usize) -> usize {
        while i < self.c.len() && matches!(self.c[i], ' ' | '\t' | '\n' | '\r') {
            i += 1;
        }
        i
    }

    fn starts(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, w)| self.c.get(i + k) == Some(&w))
    }

    fn digits(&self, mut i: usize) -> usize {
        while i < self.c.len() && self.c[i].is_ascii_digit() {
            i += 1;
        }
        i
    }

    fn value(&self, i: usize) -> Result<usize, Fail> {
        let Some(&ch) = self.c.get(i) else { return Err(Fail::Stop(i)) };
        match ch {
            '"' => self.string(i + 1),
            '{' => self.object(i + 1),
            '[' => self.array(i + 1),
            _ => {
                for word in ["null", "true", "false", "NaN", "Infinity", "-Infinity"] {
                    if self.starts(i, word) {
                        return Ok(i + word.chars().count());
                    }
                }
                self.number(i)
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`
    fn number(&self, start: usize) -> Result<usize, Fail> {
        let mut i = start;
        if self.c.get(i) == Some(&'-') {
            i += 1;
        }
        match self.c.get(i) {
            Some('0') => i += 1,
            Some(d) if d.is_ascii_digit() => i = self.digits(i),
            _ => return Err(Fail::Stop(start)),
        }
        if self.c.get(i) == Some(&'.') && self.c.get(i + 1).is_some_and(char::is_ascii_digit) {
            i = self.digits(i + 1);
        }
        if matches!(self.c.get(i), Some('e' | 'E')) {
            let mut j = i + 1;
            if matches!(self.c.get(j), Some('+' | '-')) {
                j += 1;
            }
            if self.c.get(j).is_some_and(char::is_ascii_digit) {
                i = self.digits(j);
            }
        }
        Ok(i)
    }

    fn string(&self, mut i: usize) -> Result<usize, Fail> {
        let begin = i - 1;
        loop {
            let Some(&ch) = self.c.get(i) else { return Err(Fail::At("Unterminated string starting at", begin)) };
            match ch {
                '"' => return Ok(i + 1),
                '\\' => match self.c.get(i + 1) {
                    None => return Err(Fail::At("Unterminated string starting at", begin)),
                    Some('u') => {
                        if !(2..6).all(|k| self.c.get(i + k).is_some_and(char::is_ascii_hexdigit)) {
                            return Err(Fail::At("Invalid \\uXXXX escape", i + 1));
                        }
                        i += 6;
                    }
                    Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') => i += 2,
                    Some(_) => return Err(Fail::At("Invalid \\escape", i)),
                },
                c if (c as u32) < 0x20 => return Err(Fail::At("Invalid control character at", i)),
                _ => i += 1,
            }
        }
    }

    fn object(&self, i: usize) -> Result<usize, Fail> {
        let mut i = self.ws(i);
        if self.c.get(i) == Some(&'}') {
            return Ok(i + 1);
        }
        loop {
            if self.c.get(i) != Some(&'"') {
                return Err(Fail::At("Expecting property name enclosed in double quotes", i));
            }
            i = self.ws(self.string(i + 1)?);
            if self.c.get(i) != Some(&':') {
                return Err(Fail::At("Expecting ':' delimiter", i));
            }
            i = self.ws(self.value(self.ws(i + 1))?);
            match self.c.get(i) {
                Some('}') => return Ok(i + 1),
                Some(',') => {}
                _ => return Err(Fail::At("Expecting ',' delimiter", i)),
            }
            let comma = i;
            i = self.ws(i + 1);
            if self.c.get(i) == Some(&'}') {
                return Err(Fail::At("Illegal trailing comma before end of object", comma));
            }
        }
    }

    fn array(&self, i: usize) -> Result<usize, Fail> {
        let mut i = self.ws(i);
        if self.c.get(i) == Some(&']') {
            return Ok(i + 1);
        }
        loop {
            i = self.ws(self.value(i)?);
            match self.c.get(i) {
                Some(']') => return Ok(i + 1),
                Some(',') => {}
                _ => return Err(Fail::At("Expecting ',' delimiter", i)),
            }
            let comma = i;
            i = self.ws(i + 1);
            if self.c.get(i) == Some(&']') {
                return Err(Fail::At("Illegal trailing comma before end of array", comma));
            }
        }
    }
}

/// Python's `JSONDecodeError` text for `text`, or `None` when Python would parse it.
pub(crate) fn error_message(text: &str) -> Option<String> {
    let s = Scanner { c: text.chars().collect() };
    let (msg, pos) = match s.value(s.ws(0)) {
        Ok(end) => {
            let end = s.ws(end);
            if end == s.c.len() {
                return None;
            }
            ("Extra data", end)
        }
        Err(Fail::Stop(p)) => ("Expecting value", p),
        Err(Fail::At(m, p)) => (m, p),
    };
    let before = &s.c[..pos.min(s.c.len())];
    let line = before.iter().filter(|c| **c == '\n').count() + 1;
    let column = before.iter().rposition(|c| *c == '\n').map_or(pos + 1, |nl| pos - nl);
    Some(format!("{msg}: line {line} column {column} (char {pos})"))
}

#[cfg(test)]
mod tests {
    use super::error_message;

    #[test]
    fn messages_and_positions_are_pythons() {
        // Each expectation is what CPython's json.loads says for the input.
        let cases = [
            (r#"{"Variables": {"STAGE": "dev"}"#, "Expecting ',' delimiter: line 1 column 31 (char 30)"),
            (r#"{"id": {"S": }}"#, "Expecting value: line 1 column 14 (char 13)"),
            ("", "Expecting value: line 1 column 1 (char 0)"),
            ("   ", "Expecting value: line 1 column 4 (char 3)"),
            ("{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
            ("[", "Expecting value: line 1 column 2 (char 1)"),
            ("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"),
            (r#"{"a" 1}"#, "Expecting ':' delimiter: line 1 column 6 (char 5)"),
            ("{'a': 1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
            ("{\"a\": \"b\nc\"}", "Invalid control character at: line 1 column 9 (char 8)"),
            (r#"{"a": "\q"}"#, "Invalid \\escape: line 1 column 8 (char 7)"),
            (r#"{"a": "\u12"}"#, "Invalid \\uXXXX escape: line 1 column 9 (char 8)"),
            (r#"{"a": "abc"#, "Unterminated string starting at: line 1 column 7 (char 6)"),
            (r#"{"a": 1} x"#, "Extra data: line 1 column 10 (char 9)"),
            (r#"{"a": tru}"#, "Expecting value: line 1 column 7 (char 6)"),
            (r#"{"a": 01}"#, "Expecting ',' delimiter: line 1 column 8 (char 7)"),
            (r#"{"a": 1.}"#, "Expecting ',' delimiter: line 1 column 8 (char 7)"),
            ("{\"a\":\n  1\n  \"b\": 2}", "Expecting ',' delimiter: line 3 column 3 (char 12)"),
            ("[-]", "Expecting value: line 1 column 2 (char 1)"),
            // Python 3.13's own message for trailing commas.
            (r#"{"a": 1,}"#, "Illegal trailing comma before end of object: line 1 column 8 (char 7)"),
            ("[1,]", "Illegal trailing comma before end of array: line 1 column 3 (char 2)"),
        ];
        for (text, want) in cases {
            assert_eq!(error_message(text).as_deref(), Some(want), "{text:?}");
        }
        assert_eq!(error_message(r#"{"a": [1, NaN, -Infinity], "b": {"c": "\u00e9"}}"#), None);
    }
}
