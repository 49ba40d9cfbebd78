//! DynamoDB's expression languages: a tokenizer and recursive-descent parsers for condition
//! (and filter, key-condition) expressions, update expressions and projection expressions.
//!
//! This module only checks syntax; [`super::placeholders`] then resolves `#name` / `:value`
//! placeholders. The passes are separate on purpose: DynamoDB reports a syntax error anywhere
//! in an expression before it complains about an undefined placeholder or a reserved word.
//! Error texts follow DynamoDB's, including the `near:` excerpt of syntax errors, because
//! learners paste them into search engines.
//!
//! Grammar (keywords case-insensitive, function names case-sensitive):
//!
//! ```text
//! condition  := and ("OR" and)*
//! and        := not ("AND" not)*
//! not        := "NOT" not | "(" condition ")" | function | operand tail
//! tail       := comparator operand | "BETWEEN" operand "AND" operand | "IN" "(" operand ("," operand)* ")"
//! function   := attribute_exists(path) | attribute_not_exists(path) | attribute_type(path, operand)
//!             | begins_with(operand, operand) | contains(operand, operand)
//! operand    := path | :value | size(path)
//! path       := (name | #name) ("." (name | #name) | "[" digits "]")*
//! update     := (("SET" set ("," set)*) | ("REMOVE" path ("," path)*)
//!             | ("ADD" path :value ("," path :value)*) | ("DELETE" path :value ("," …)*))+
//! set        := path "=" value (("+" | "-") value)?
//! value      := path | :value | if_not_exists(path, value) | list_append(value, value)
//! projection := path ("," path)*
//! ```

use super::types::Attr;
use crate::AwsError;

/// Which request parameter an expression came from; DynamoDB names it in every message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `ConditionExpression` (PutItem, UpdateItem, DeleteItem).
    Condition,
    /// `FilterExpression` (Query, Scan).
    Filter,
    /// `KeyConditionExpression` (Query).
    KeyCondition,
    /// `UpdateExpression` (UpdateItem).
    Update,
    /// `ProjectionExpression` (GetItem, Query, Scan, BatchGetItem).
    Projection,
}

impl Kind {
    /// The parameter name.
    pub(crate) fn param(self) -> &'static str {
        match self {
            Kind::Condition => "ConditionExpression",
            Kind::Filter => "FilterExpression",
            Kind::KeyCondition => "KeyConditionExpression",
            Kind::Update => "UpdateExpression",
            Kind::Projection => "ProjectionExpression",
        }
    }

    /// `Invalid <Param>: <detail>` as a ValidationException.
    pub(crate) fn invalid(self, detail: impl AsRef<str>) -> AwsError {
        AwsError::validation(format!("Invalid {}: {}", self.param(), detail.as_ref()))
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tk {
    /// Spaces, tabs, newlines (kept: syntax errors quote them in `near`).
    Ws,
    /// A run of letters, digits and underscores: attribute name, keyword, function, index.
    Word,
    /// `#placeholder`.
    Name,
    /// `:placeholder`.
    Value,
    /// Punctuation and operators, or any other single character.
    Sym,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tk,
    text: String,
}

/// A character of an attribute name, keyword or placeholder.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Splits an expression into tokens; never fails (an unknown character becomes a one-char
/// symbol the parser then rejects with DynamoDB's syntax error).
fn tokenize(src: &str) -> Vec<Token> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let kind = if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            Tk::Ws
        } else if c == '#' || c == ':' {
            i += 1;
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            if c == '#' { Tk::Name } else { Tk::Value }
        } else if is_word_char(c) {
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            Tk::Word
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            i += if matches!(two.as_str(), "<>" | "<=" | ">=") { 2 } else { 1 };
            Tk::Sym
        };
        out.push(Token { kind, text: chars[start..i].iter().collect() });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Syntax trees

/// One step of a document path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum PathElem {
    /// A map key or top-level attribute name (`#name` before resolution).
    Key(String),
    /// A list index.
    Index(usize),
}

/// A document path such as `a.b[0].c`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Path(pub(crate) Vec<PathElem>);

impl Path {
    /// A one-element path.
    pub(crate) fn attr(name: &str) -> Path {
        Path(vec![PathElem::Key(name.to_owned())])
    }

    /// The top-level attribute the path starts at.
    pub(crate) fn root(&self) -> &str {
        match &self.0[0] {
            PathElem::Key(k) => k,
            PathElem::Index(_) => "",
        }
    }

    /// Whether `self` equals `other` or contains it (is a prefix of it).
    pub(crate) fn overlaps(&self, other: &Path) -> bool {
        let n = self.0.len().min(other.0.len());
        self.0[..n] == other.0[..n]
    }

    /// DynamoDB's rendering in overlap errors: `[a, b, [0]]`.
    pub(crate) fn display(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|e| match e {
                PathElem::Key(k) => k.clone(),
                PathElem::Index(i) => format!("[{i}]"),
            })
            .collect();
        format!("[{}]", parts.join(", "))
    }
}

/// A value in a condition: an attribute, a constant, or `size(path)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    /// A document path.
    Path(Path),
    /// `:placeholder`, before resolution.
    Placeholder(String),
    /// A resolved constant.
    Const(Attr),
    /// `size(path)`.
    Size(Path),
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    fn from_sym(s: &str) -> Option<CmpOp> {
        Some(match s {
            "=" => CmpOp::Eq,
            "<>" => CmpOp::Ne,
            "<" => CmpOp::Lt,
            "<=" => CmpOp::Le,
            ">" => CmpOp::Gt,
            ">=" => CmpOp::Ge,
            _ => return None,
        })
    }

    /// The same comparison with its operands swapped (`:v < a` is `a > :v`).
    pub(crate) fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }
}

/// A condition (ConditionExpression, FilterExpression, KeyConditionExpression).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cond {
    /// `a <op> b`
    Cmp(Operand, CmpOp, Operand),
    /// `a BETWEEN lo AND hi`
    Between(Operand, Operand, Operand),
    /// `a IN (b, c, …)`
    In(Operand, Vec<Operand>),
    /// `attribute_exists(path)`
    Exists(Path),
    /// `attribute_not_exists(path)`
    NotExists(Path),
    /// `attribute_type(path, :type)`
    Type(Path, Operand),
    /// `begins_with(path, :prefix)`
    BeginsWith(Operand, Operand),
    /// `contains(path, operand)`
    Contains(Operand, Operand),
    /// `a AND b`
    And(Box<Cond>, Box<Cond>),
    /// `a OR b`
    Or(Box<Cond>, Box<Cond>),
    /// `NOT a`
    Not(Box<Cond>),
}

/// The right-hand side of a SET action, or an argument of its functions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SetOperand {
    /// An attribute of the item (as it was before the update).
    Path(Path),
    /// `:placeholder`, before resolution.
    Placeholder(String),
    /// A resolved constant.
    Const(Attr),
    /// `if_not_exists(path, operand)`
    IfNotExists(Path, Box<SetOperand>),
    /// `list_append(a, b)`
    ListAppend(Box<SetOperand>, Box<SetOperand>),
}

/// A SET value: an operand, or the sum/difference of two.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SetValue {
    /// `operand`
    Operand(SetOperand),
    /// `a + b`
    Plus(SetOperand, SetOperand),
    /// `a - b`
    Minus(SetOperand, SetOperand),
}

/// One action of an update expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Action {
    /// `SET path = value`
    Set(Path, SetValue),
    /// `REMOVE path`
    Remove(Path),
    /// `ADD path :value`
    Add(Path, SetOperand),
    /// `DELETE path :value`
    Delete(Path, SetOperand),
}

impl Action {
    /// The path the action writes.
    pub(crate) fn target(&self) -> &Path {
        match self {
            Action::Set(p, _) | Action::Remove(p) | Action::Add(p, _) | Action::Delete(p, _) => p,
        }
    }
}

/// A parsed update expression, actions in source order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Update {
    /// The actions.
    pub(crate) actions: Vec<Action>,
}

// ---------------------------------------------------------------------------------------------
// Parser

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
