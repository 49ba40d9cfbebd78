//! Evaluating resolved expressions against items: conditions and filters, projections, and
//! the actions of an update expression.
//!
//! Semantics follow DynamoDB: a comparison with a missing attribute or a value of another
//! type is false (except `<>`, which is then true); numbers compare numerically; an update
//! evaluates every operand against the item as it was before the update.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::expressions::{Action, CmpOp, Cond, Operand, Path, PathElem, SetOperand, SetValue, Update};
use super::number::Number;
use super::types::{Attr, Item};
use crate::AwsError;

/// "The provided expression refers to an attribute that does not exist in the item".
pub(crate) const NO_SUCH_ATTRIBUTE: &str =
    "The provided expression refers to an attribute that does not exist in the item";
/// A SET/REMOVE through a missing or mistyped parent.
pub(crate) const BAD_DOCUMENT_PATH: &str = "The document path provided in the update expression is invalid for update";
/// ADD/DELETE on an attribute of another type.
pub(crate) const BAD_DATA_TYPE: &str = "An operand in the update expression has an incorrect data type";

/// The value at `path`, if there is one.
pub(crate) fn get<'a>(item: &'a Item, path: &Path) -> Option<&'a Attr> {
    let mut elems = path.0.iter();
    let mut cur = match elems.next()? {
        PathElem::Key(k) => item.get(k)?,
        PathElem::Index(_) => return None,
    };
    for e in elems {
        cur = match (e, cur) {
            (PathElem::Key(k), Attr::M(m)) => m.get(k)?,
            (PathElem::Index(i), Attr::L(l)) => l.get(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn get_mut<'a>(item: &'a mut Item, elems: &[PathElem]) -> Option<&'a mut Attr> {
    let (first, rest) = elems.split_first()?;
    let mut cur = match first {
        PathElem::Key(k) => item.get_mut(k)?,
        PathElem::Index(_) => return None,
    };
    for e in rest {
        cur = match (e, cur) {
            (PathElem::Key(k), Attr::M(m)) => m.get_mut(k)?,
            (PathElem::Index(i), Attr::L(l)) => l.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

// ---------------------------------------------------------------------------------------------
// Conditions

fn operand<'a>(o: &'a Operand, item: &'a Item) -> Option<Cow<'a, Attr>> {
    match o {
        Operand::Path(p) => get(item, p).map(Cow::Borrowed),
        Operand::Const(v) => Some(Cow::Borrowed(v)),
        Operand::Placeholder(_) => None,
        Operand::Size(p) => {
            let n = match get(item, p)? {
                Attr::S(s) => s.chars().count(),
                Attr::B(b) => b.len(),
                Attr::L(l) => l.len(),
                Attr::M(m) => m.len(),
                Attr::Ss(s) => s.len(),
                Attr::Ns(s) => s.len(),
                Attr::Bs(s) => s.len(),
                _ => return None,
            };
            Some(Cow::Owned(Attr::N(Number::parse(&n.to_string()).unwrap_or_else(Number::zero))))
        }
    }
}

/// Evaluates a condition; a missing item is an item with no attributes.
pub(crate) fn eval(c: &Cond, item: &Item) -> bool {
    match c {
        Cond::And(a, b) => eval(a, item) && eval(b, item),
        Cond::Or(a, b) => eval(a, item) || eval(b, item),
        Cond::Not(a) => !eval(a, item),
        Cond::Cmp(a, op, b) => {
            let (a, b) = (operand(a, item), operand(b, item));
            match op {
                CmpOp::Eq => matches!((a, b), (Some(a), Some(b)) if a == b),
                CmpOp::Ne => !matches!((a, b), (Some(a), Some(b)) if a == b),
                _ => {
                    let Some(ord) = a.zip(b).and_then(|(a, b)| a.compare(&b)) else { return false };
                    match op {
                        CmpOp::Lt => ord == Ordering::Less,
                        CmpOp::Le => ord != Ordering::Greater,
                        CmpOp::Gt => ord == Ordering::Greater,
                        _ => ord != Ordering::Less,
                    }
                }
            }
        }
        Cond::Between(a, lo, hi) => {
            let (Some(a), Some(lo), Some(hi)) = (operand(a, item), operand(lo, item), operand(hi, item)) else {
                return false;
            };
            matches!(a.compare(&lo), Some(Ordering::Greater | Ordering::Equal))
                && matches!(a.compare(&hi), Some(Ordering::Less | Ordering::Equal))
        }
        Cond::In(a, list) => {
            let Some(a) = operand(a, item) else { return false };
            list.iter().any(|o| operand(o, item).is_some_and(|v| v == a))
        }
        Cond::Exists(p) => get(item, p).is_some(),
        Cond::NotExists(p) => get(item, p).is_none(),
        Cond::Type(p, t) => match (get(item, p), operand(t, item)) {
            (Some(v), Some(t)) => matches!(&*t, Attr::S(name) if name == v.type_code()),
            _ => false,
        },
        Cond::BeginsWith(a, b) => match (operand(a, item), operand(b, item)) {
            (Some(a), Some(b)) => match (&*a, &*b) {
                (Attr::S(a), Attr::S(b)) => a.starts_with(b.as_str()),
                (Attr::B(a), Attr::B(b)) => a.starts_with(b),
                _ => false,
            },
            _ => false,
        },
        Cond::Contains(a, b) => match (operand(a, item), operand(b, item)) {
            (Some(a), Some(b)) => match (&*a, &*b) {
                (Attr::S(a), Attr::S(b)) => a.contains(b.as_str()),
                (Attr::Ss(set), Attr::S(b)) => set.contains(b),
                (Attr::Ns(set), Attr::N(b)) => set.contains(b),
                (Attr::Bs(set), Attr::B(b)) => set.contains(b),
                (Attr::L(list), b) => list.contains(b),
                _ => false,
            },
            _ => false,
        },
    }
}

/// The attribute paths a condition reads (for "filter on key attribute" checks).
pub(crate) fn cond_roots(c: &Cond, out: &mut Vec<String>) {
    let op = |o: &Operand, out: &mut Vec<String>| {
        if let Operand::Path(p) | Operand::Size(p) = o {
            out.push(p.root().to_owned());
        }
    };
    match c {
        Cond::And(a, b) | Cond::Or(a, b) => {
            cond_roots(a, out);
            cond_roots(b, out);
        }
        Cond::Not(a) => cond_roots(a, out),
        Cond::Cmp(a, _, b) | Cond::BeginsWith(a, b) | Cond::Contains(a, b) => {
            op(a, out);
            op(b, out);
        }
        Cond::Between(a, b, c) => {
            op(a, out);
            op(b, out);
            op(c, out);
        }
        Cond::In(a, list) => {
            op(a, out);
            list.iter().for_each(|o| op(o, out));
        }
        Cond::Exists(p) | Cond::NotExists(p) | Cond::Type(p, _) => out.push(p.root().to_owned()),
    }
}

// ---------------------------------------------------------------------------------------------
// Projections

/// What a projection keeps of one value.
#[derive(Debug)]
enum Sel {
    All,
    Keys(BTreeMap<String, Sel>),
    Indexes(BTreeMap<usize, Sel>),
}

impl Sel {
    fn insert(&mut self, elems: &[PathElem]) {
        let Some((first, rest)) = elems.split_first() else {
            *self = Sel::All;
            return;
        };
        if let (Sel::Keys(m), PathElem::Index(_)) = (&*self, first)
            && m.is_empty()
        {
            *self = Sel::Indexes(BTreeMap::new());
        }
        let child = match (self, first) {
            (Sel::Keys(m), PathElem::Key(k)) => m.entry(k.clone()).or_insert_with(|| Sel::Keys(BTreeMap::new())),
            (Sel::Indexes(m), PathElem::Index(i)) => m.entry(*i).or_insert_with(|| Sel::Keys(BTreeMap::new())),
            // Already whole, or a path that conflicts with another (a.b and a[0]).
            _ => return,
        };
        if rest.is_empty() {
            *child = Sel::All;
        } else {
            child.insert(rest);
        }
    }

    fn extract(&self, v: &Attr) -> Option<Attr> {
        match (self, v) {
            (Sel::All, v) => Some(v.clone()),
            (Sel::Keys(keys), Attr::M(m)) => {
                let out: BTreeMap<String, Attr> =
                    keys.iter().filter_map(|(k, s)| Some((k.clone(), s.extract(m.get(k)?)?))).collect();
                (!out.is_empty()).then_some(Attr::M(out))
            }
            (Sel::Indexes(idx), Attr::L(l)) => {
                let out: Vec<Attr> = idx.iter().filter_map(|(i, s)| s.extract(l.get(*i)?)).collect();
                (!out.is_empty()).then_some(Attr::L(out))
            }
            _ => None,
        }
    }
}

/// The parts of `item` the paths select, nested as in the item (list elements keep their
/// relative order), as DynamoDB's ProjectionExpression returns them.
pub(crate) fn project(item: &Item, paths: &[Path]) -> Item {
    let mut top: BTreeMap<String, Sel> = BTreeMap::new();
    for p in paths {
        let Some((PathElem::Key(k), rest)) = p.0.split_first() else { continue };
        let sel = top.entry(k.clone()).or_insert_with(|| Sel::Keys(BTreeMap::new()));
        if rest.is_empty() {
            *sel = Sel::All;
        } else {
            sel.insert(rest);
        }
    }
    top.iter().filter_map(|(k, s)| Some((k.clone(), s.extract(item.get(k)?)?))).collect()
}

// ---------------------------------------------------------------------------------------------
// Updates

fn operand_type_error(op: &str, v: &Attr) -> AwsError {
    AwsError::validation(format!(
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: {op}, operand type: {}",
        v.type_code()
    ))
}

fn set_operand(o: &SetOperand, item: &Item) -> Result<Attr, AwsError> {
    match o {
        SetOperand::Path(p) => get(item, p).cloned().ok_or_else(|| AwsError::validation(NO_SUCH_ATTRIBUTE)),
        SetOperand::Const(v) => Ok(v.clone()),
        SetOperand::Placeholder(_) => Err(AwsError::validation(NO_SUCH_ATTRIBUTE)),
        SetOperand::IfNotExists(p, alt) => match get(item, p) {
            Some(v) => Ok(v.clone()),
            None => set_operand(alt, item),
        },
        SetOperand::ListAppend(a, b) => {
            let (a, b) = (set_operand(a, item)?, set_operand(b, item)?);
            match (a, b) {
                (Attr::L(mut a), Attr::L(b)) => {
                    a.extend(b);
                    Ok(Attr::L(a))
                }
                (Attr::L(_), other) | (other, _) => Err(operand_type_error("list_append", &other)),
            }
        }
    }
}

fn checked_number(n: Number) -> Result<Attr, AwsError> {
    n.check_limits().map_err(AwsError::validation)?;
    Ok(Attr::N(n))
}

fn set_value(v: &SetValue, item: &Item) -> Result<Attr, AwsError> {
    let (a, b, op) = match v {
        SetValue::Operand(o) => return set_operand(o, item),
        SetValue::Plus(a, b) => (a, b, "+"),
        SetValue::Minus(a, b) => (a, b, "-"),
    };
    match (set_operand(a, item)?, set_operand(b, item)?) {
        (Attr::N(a), Attr::N(b)) => checked_number(if op == "+" { a.add(&b) } else { a.sub(&b) }),
        (Attr::N(_), other) | (other, _) => Err(operand_type_error(op, &other)),
    }
}

/// Writes `value` at `path`: the parent must exist; a list index past the end appends.
fn set_path(item: &mut Item, path: &Path, value: Attr) -> Result<(), AwsError> {
    let bad = || AwsError::validation(BAD_DOCUMENT_PATH);
    let Some((last, parents)) = path.0.split_last() else { return Err(bad()) };
    if parents.is_empty() {
        let PathElem::Key(k) = last else { return Err(bad()) };
        item.insert(k.clone(), value);
        return Ok(());
    }
    match (get_mut(item, parents).ok_or_else(bad)?, last) {
        (Attr::M(m), PathElem::Key(k)) => {
            m.insert(k.clone(), value);
        }
        (Attr::L(l), PathElem::Index(i)) => {
            if *i < l.len() {
                l[*i] = value;
            } else {
                l.push(value);
            }
        }
        _ => return Err(bad()),
    }
    Ok(())
}

/// Removes what `path` names; nothing to remove is fine, a missing parent is not.
fn remove_path(item: &mut Item, path: &Path) -> Result<(), AwsError> {
    let bad = || AwsError::validation(BAD_DOCUMENT_PATH);
    let Some((last, parents)) = path.0.split_last() else { return Err(bad()) };
    if parents.is_empty() {
        if let PathElem::Key(k) = last {
            item.remove(k);
        }
        return Ok(());
    }
    match (get_mut(item, parents).ok_or_else(bad)?, last) {
        (Attr::M(m), PathElem::Key(k)) => {
            m.remove(k);
        }
        (Attr::L(l), PathElem::Index(i)) => {
            if *i < l.len() {
                l.remove(*i);
            }
        }
        _ => return Err(bad()),
    }
    Ok(())
}

fn union<T: Ord + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let mut v: Vec<T> = a.iter().chain(b).cloned().collect();
    v.sort();
    v.dedup();
    v
}

fn difference<T: Ord + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

/// Applies an update to `base` (the existing item, or a new one holding only the key).
/// Every operand is read from `base` as it was before the update, as DynamoDB does.
pub(crate) fn apply_update(update: &Update, base: &Item) -> Result<Item, AwsError> {
    // Evaluate all SET values first (against the old item).
    let mut sets = Vec::new();
    for action in &update.actions {
        if let Action::Set(p, v) = action {
            sets.push((p, set_value(v, base)?));
        }
    }
    let mut new = base.clone();
    for (p, v) in sets {
        set_path(&mut new, p, v)?;
    }
    // REMOVE in reverse path order, so removing a[1] and a[3] removes the original elements.
    let mut removes: Vec<&Path> =
        update.actions.iter().filter_map(|a| if let Action::Remove(p) = a { Some(p) } else { None }).collect();
    removes.sort_by(|a, b| b.0.cmp(&a.0));
    for p in removes {
        remove_path(&mut new, p)?;
    }
    for action in &update.actions {
        match action {
            Action::Add(p, v) => {
                let v = set_operand(v, base)?;
                let merged = match (get(&new, p), v) {
                    (None, v) => v,
                    (Some(Attr::N(a)), Attr::N(b)) => checked_number(a.add(&b))?,
                    (Some(Attr::Ss(a)), Attr::Ss(b)) => Attr::Ss(union(a, &b)),
                    (Some(Attr::Ns(a)), Attr::Ns(b)) => Attr::Ns(union(a, &b)),
                    (Some(Attr::Bs(a)), Attr::Bs(b)) => Attr::Bs(union(a, &b)),
                    _ => return Err(AwsError::validation(BAD_DATA_TYPE)),
                };
                set_path(&mut new, p, merged)?;
            }
            Action::Delete(p, v) => {
                let v = set_operand(v, base)?;
                let remaining = match (get(&new, p), v) {
                    (None, _) => continue,
                    (Some(Attr::Ss(a)), Attr::Ss(b)) => Attr::Ss(difference(a, &b)),
                    (Some(Attr::Ns(a)), Attr::Ns(b)) => Attr::Ns(difference(a, &b)),
                    (Some(Attr::Bs(a)), Attr::Bs(b)) => Attr::Bs(difference(a, &b)),
                    _ => return Err(AwsError::validation(BAD_DATA_TYPE)),
                };
                let empty = matches!(&remaining, Attr::Ss(s) if s.is_empty())
                    || matches!(&remaining, Attr::Ns(s) if s.is_empty())
                    || matches!(&remaining, Attr::Bs(s) if s.is_empty());
                if empty {
                    remove_path(&mut new, p)?;
                } else {
                    set_path(&mut new, p, remaining)?;
                }
            }
            _ => {}
        }
    }
    Ok(new)
}
