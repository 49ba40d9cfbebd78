//! The recursive-descent parser over the tokens of [`super::tokenize`]: one method per rule of
//! the grammar in the parent module's documentation, and the three entry points.

use super::*;

struct Parser {
    toks: Vec<Token>,
    /// Index in `toks` of the next significant token (or `toks.len()` at the end).
    pos: usize,
    kind: Kind,
}

type PResult<T> = Result<T, AwsError>;

const CONDITION_FUNCTIONS: [&str; 6] =
    ["attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains", "size"];

impl Parser {
    fn new(src: &str, kind: Kind) -> Parser {
        let mut p = Parser { toks: tokenize(src.trim()), pos: 0, kind };
        p.skip_ws();
        p
    }

    fn skip_ws(&mut self) {
        while self.pos < self.toks.len() && self.toks[self.pos].kind == Tk::Ws {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn peek_at(&self, n: usize) -> Option<&Token> {
        self.toks[self.pos.min(self.toks.len())..].iter().filter(|t| t.kind != Tk::Ws).nth(n)
    }

    fn bump(&mut self) -> Token {
        let t = self.toks[self.pos].clone();
        self.pos += 1;
        self.skip_ws();
        t
    }

    fn at_sym(&self, s: &str) -> bool {
        self.peek().is_some_and(|t| t.kind == Tk::Sym && t.text == s)
    }

    fn at_keyword(&self, kw: &str) -> bool {
        self.peek().is_some_and(|t| t.kind == Tk::Word && t.text.eq_ignore_ascii_case(kw))
    }

    fn expect_sym(&mut self, s: &str) -> PResult<()> {
        if self.at_sym(s) {
            self.bump();
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    /// DynamoDB's syntax error: the offending token and a `near` excerpt of the token before
    /// it, the token, and the token after it (with the whitespace between them).
    fn unexpected(&self) -> AwsError {
        let i = self.pos;
        let text = |j: usize| self.toks.get(j).map_or("", |t| t.text.as_str());
        let is_ws = |j: usize| self.toks.get(j).is_some_and(|t| t.kind == Tk::Ws);
        let mut near = String::new();
        if i >= 1 {
            if i >= 2 && is_ws(i - 1) {
                near.push_str(text(i - 2));
            }
            near.push_str(text(i - 1));
        }
        let token = if i >= self.toks.len() {
            "<EOF>".to_owned()
        } else {
            near.push_str(text(i));
            near.push_str(text(i + 1));
            if is_ws(i + 1) {
                near.push_str(text(i + 2));
            }
            self.toks[i].text.clone()
        };
        self.kind.invalid(format!("Syntax error; token: \"{token}\", near: \"{near}\""))
    }

    fn finish(&self) -> PResult<()> {
        if self.at_end() { Ok(()) } else { Err(self.unexpected()) }
    }

    // --- paths ---

    fn at_path_start(&self) -> bool {
        self.peek().is_some_and(|t| {
            t.kind == Tk::Name || (t.kind == Tk::Word && !t.text.starts_with(|c: char| c.is_ascii_digit()))
        })
    }

    /// A document path. Its `.` and `[n]` steps bind tightly: no whitespace inside a path.
    fn path(&mut self) -> PResult<Path> {
        let mut elems = vec![self.path_name()?];
        loop {
            if self.at_sym(".") {
                self.pos += 1;
                elems.push(self.path_name()?);
            } else if self.at_sym("[") {
                self.pos += 1;
                let index = self
                    .peek()
                    .filter(|t| t.kind == Tk::Word && t.text.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|t| t.text.parse::<usize>().ok());
                let Some(index) = index else { return Err(self.unexpected()) };
                self.pos += 1;
                if !self.at_sym("]") {
                    return Err(self.unexpected());
                }
                self.pos += 1;
                elems.push(PathElem::Index(index));
            } else {
                break;
            }
        }
        self.skip_ws();
        Ok(Path(elems))
    }

    fn path_name(&mut self) -> PResult<PathElem> {
        if !self.at_path_start() {
            return Err(self.unexpected());
        }
        let t = self.toks[self.pos].clone();
        self.pos += 1;
        Ok(PathElem::Key(t.text))
    }

    // --- conditions ---

    fn or_cond(&mut self) -> PResult<Cond> {
        let mut left = self.and_cond()?;
        while self.at_keyword("OR") {
            self.bump();
            let right = self.and_cond()?;
            left = Cond::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and_cond(&mut self) -> PResult<Cond> {
        let mut left = self.not_cond()?;
        while self.at_keyword("AND") {
            self.bump();
            let right = self.not_cond()?;
            left = Cond::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn not_cond(&mut self) -> PResult<Cond> {
        if self.at_keyword("NOT") {
            self.bump();
            return Ok(Cond::Not(Box::new(self.not_cond()?)));
        }
        self.primary_cond()
    }

    fn primary_cond(&mut self) -> PResult<Cond> {
        if self.at_sym("(") {
            self.bump();
            let c = self.or_cond()?;
            self.expect_sym(")")?;
            return Ok(c);
        }
        if let Some(t) = self.peek()
            && t.kind == Tk::Word
            && self.peek_at(1).is_some_and(|n| n.kind == Tk::Sym && n.text == "(")
            && t.text != "size"
        {
            return self.function_cond();
        }
        let left = self.operand()?;
        if let Some(op) = self.peek().filter(|t| t.kind == Tk::Sym).and_then(|t| CmpOp::from_sym(&t.text)) {
            self.bump();
            let right = self.operand()?;
            return Ok(Cond::Cmp(left, op, right));
        }
        if self.at_keyword("BETWEEN") {
            self.bump();
            let lo = self.operand()?;
            if !self.at_keyword("AND") {
                return Err(self.unexpected());
            }
            self.bump();
            let hi = self.operand()?;
            return Ok(Cond::Between(left, lo, hi));
        }
        if self.at_keyword("IN") {
            self.bump();
            self.expect_sym("(")?;
            let mut list = vec![self.operand()?];
            while self.at_sym(",") {
                self.bump();
                list.push(self.operand()?);
            }
            self.expect_sym(")")?;
            return Ok(Cond::In(left, list));
        }
        Err(self.unexpected())
    }

    fn function_cond(&mut self) -> PResult<Cond> {
        let name = self.peek().map(|t| t.text.clone()).unwrap_or_default();
        if !CONDITION_FUNCTIONS.contains(&name.as_str()) {
            return Err(self.kind.invalid(format!("Invalid function name; function: {name}")));
        }
        self.bump();
        self.expect_sym("(")?;
        let cond = match name.as_str() {
            "attribute_exists" => Cond::Exists(self.path()?),
            "attribute_not_exists" => Cond::NotExists(self.path()?),
            "attribute_type" => {
                let p = self.path()?;
                self.expect_sym(",")?;
                Cond::Type(p, self.operand()?)
            }
            "begins_with" => {
                let a = self.operand()?;
                self.expect_sym(",")?;
                Cond::BeginsWith(a, self.operand()?)
            }
            _ => {
                let a = self.operand()?;
                self.expect_sym(",")?;
                Cond::Contains(a, self.operand()?)
            }
        };
        self.expect_sym(")")?;
        Ok(cond)
    }

    fn operand(&mut self) -> PResult<Operand> {
        let Some(t) = self.peek().cloned() else { return Err(self.unexpected()) };
        match t.kind {
            Tk::Value => {
                self.bump();
                Ok(Operand::Placeholder(t.text))
            }
            Tk::Word if self.peek_at(1).is_some_and(|n| n.kind == Tk::Sym && n.text == "(") => {
                if t.text == "size" {
                    self.bump();
                    self.expect_sym("(")?;
                    let p = self.path()?;
                    self.expect_sym(")")?;
                    Ok(Operand::Size(p))
                } else if CONDITION_FUNCTIONS.contains(&t.text.as_str()) {
                    Err(self.kind.invalid(format!(
                        "The function is not allowed to be used this way in an expression; function: {}",
                        t.text
                    )))
                } else {
                    Err(self.kind.invalid(format!("Invalid function name; function: {}", t.text)))
                }
            }
            Tk::Word if ["AND", "OR", "NOT", "BETWEEN", "IN"].iter().any(|k| t.text.eq_ignore_ascii_case(k)) => {
                Err(self.unexpected())
            }
            _ => Ok(Operand::Path(self.path()?)),
        }
    }

    // --- update expressions ---

    fn update(&mut self) -> PResult<Update> {
        let mut actions = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        if self.at_end() {
            return Err(self.unexpected());
        }
        while !self.at_end() {
            let clause = match self.peek() {
                Some(t) if t.kind == Tk::Word => t.text.to_ascii_uppercase(),
                _ => return Err(self.unexpected()),
            };
            if !["SET", "REMOVE", "ADD", "DELETE"].contains(&clause.as_str()) {
                return Err(self.unexpected());
            }
            if seen.contains(&clause) {
                return Err(self
                    .kind
                    .invalid(format!("The \"{clause}\" section can only be used once in an update expression;")));
            }
            seen.push(clause.clone());
            self.bump();
            loop {
                let path = self.path()?;
                let action = match clause.as_str() {
                    "SET" => {
                        self.expect_sym("=")?;
                        Action::Set(path, self.set_value()?)
                    }
                    "REMOVE" => Action::Remove(path),
                    _ => {
                        let Some(t) = self.peek().filter(|t| t.kind == Tk::Value).cloned() else {
                            return Err(self.unexpected());
                        };
                        self.bump();
                        let v = SetOperand::Placeholder(t.text);
                        if clause == "ADD" { Action::Add(path, v) } else { Action::Delete(path, v) }
                    }
                };
                actions.push(action);
                if self.at_sym(",") {
                    self.bump();
                } else {
                    break;
                }
            }
        }
        Ok(Update { actions })
    }

    fn set_value(&mut self) -> PResult<SetValue> {
        let left = self.set_operand()?;
        if self.at_sym("+") {
            self.bump();
            return Ok(SetValue::Plus(left, self.set_operand()?));
        }
        if self.at_sym("-") {
            self.bump();
            return Ok(SetValue::Minus(left, self.set_operand()?));
        }
        Ok(SetValue::Operand(left))
    }

    fn set_operand(&mut self) -> PResult<SetOperand> {
        let Some(t) = self.peek().cloned() else { return Err(self.unexpected()) };
        if t.kind == Tk::Value {
            self.bump();
            return Ok(SetOperand::Placeholder(t.text));
        }
        if t.kind == Tk::Word && self.peek_at(1).is_some_and(|n| n.kind == Tk::Sym && n.text == "(") {
            match t.text.as_str() {
                "if_not_exists" => {
                    self.bump();
                    self.expect_sym("(")?;
                    let p = self.path()?;
                    self.expect_sym(",")?;
                    let alt = self.set_operand()?;
                    self.expect_sym(")")?;
                    return Ok(SetOperand::IfNotExists(p, Box::new(alt)));
                }
                "list_append" => {
                    self.bump();
                    self.expect_sym("(")?;
                    let a = self.set_operand()?;
                    self.expect_sym(",")?;
                    let b = self.set_operand()?;
                    self.expect_sym(")")?;
                    return Ok(SetOperand::ListAppend(Box::new(a), Box::new(b)));
                }
                other => return Err(self.kind.invalid(format!("Invalid function name; function: {other}"))),
            }
        }
        Ok(SetOperand::Path(self.path()?))
    }

    // --- projections ---

    fn projection(&mut self) -> PResult<Vec<Path>> {
        let mut paths = vec![self.path()?];
        while self.at_sym(",") {
            self.bump();
            paths.push(self.path()?);
        }
        Ok(paths)
    }
}

/// Parses a condition, filter or key-condition expression (syntax only).
pub(crate) fn parse_condition(src: &str, kind: Kind) -> Result<Cond, AwsError> {
    let mut p = Parser::new(src, kind);
    let c = p.or_cond()?;
    p.finish()?;
    Ok(c)
}

/// Parses an update expression (syntax only).
pub(crate) fn parse_update(src: &str) -> Result<Update, AwsError> {
    let mut p = Parser::new(src, Kind::Update);
    let u = p.update()?;
    p.finish()?;
    Ok(u)
}

/// Parses a projection expression (syntax only).
pub(crate) fn parse_projection(src: &str) -> Result<Vec<Path>, AwsError> {
    let mut p = Parser::new(src, Kind::Projection);
    let paths = p.projection()?;
    p.finish()?;
    Ok(paths)
}
