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

mod parser;

pub(crate) use parser::{parse_condition, parse_projection, parse_update};

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
