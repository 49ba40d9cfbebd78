//! DynamoDB numbers: exact decimals, never floats.
//!
//! DynamoDB stores up to 38 significant digits, compares numerically ("10" > "9", "1.0" = "1")
//! and returns numbers in a canonical form (leading and trailing zeros trimmed, no exponent).
//! boto3 sends `Decimal`s as strings such as `"1E+2"` or `"0.10"`, so the mock parses into
//! sign, digits and exponent and does arithmetic on digit vectors: f64 would make `0.1 + 0.2`
//! differ from DynamoDB and break equality on large ids.

use std::cmp::Ordering;
use std::fmt;

/// An exact decimal: `(-1)^neg × 0.d1d2…dn × 10^exp`, digits without leading or trailing
/// zeros. Zero has no digits, `neg == false` and `exp == 0`, so the derived equality and
/// hash are numeric.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Number {
    neg: bool,
    digits: Vec<u8>,
    exp: i64,
}

/// Why a number cannot be stored, with DynamoDB's message.
pub(crate) const TOO_MANY_DIGITS: &str = "Attempting to store more than 38 significant digits in a Number";
/// Magnitude above 9.9999999999999999999999999999999999999E+125.
pub(crate) const OVERFLOW: &str =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
/// Magnitude below 1E-130.
pub(crate) const UNDERFLOW: &str =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

impl Number {
    /// Zero.
    pub(crate) fn zero() -> Number {
        Number { neg: false, digits: Vec::new(), exp: 0 }
    }

    /// Parses DynamoDB's number syntax (optional sign, digits with an optional point, optional
    /// exponent); `None` for anything else (spaces, `NaN`, `Infinity`, hex…).
    pub(crate) fn parse(s: &str) -> Option<Number> {
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut neg = false;
        if let Some(&c) = bytes.first()
            && (c == b'+' || c == b'-')
        {
            neg = c == b'-';
            i = 1;
        }
        let mut all = Vec::new();
        let mut int_len: i64 = 0;
        let mut seen_point = false;
        let mut any_digit = false;
        while i < bytes.len() {
            match bytes[i] {
                c @ b'0'..=b'9' => {
                    all.push(c - b'0');
                    any_digit = true;
                    if !seen_point {
                        int_len += 1;
                    }
                }
                b'.' if !seen_point => seen_point = true,
                b'e' | b'E' => break,
                _ => return None,
            }
            i += 1;
        }
        if !any_digit {
            return None;
        }
        let mut exp10: i64 = 0;
        if i < bytes.len() {
            // Exponent part.
            i += 1;
            let mut exp_neg = false;
            if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
                exp_neg = bytes[i] == b'-';
                i += 1;
            }
            if i >= bytes.len() {
                return None;
            }
            for &c in &bytes[i..] {
                if !c.is_ascii_digit() {
                    return None;
                }
                exp10 = exp10.checked_mul(10)?.checked_add(i64::from(c - b'0'))?;
                if exp10 > 1_000_000 {
                    return None;
                }
            }
            if exp_neg {
                exp10 = -exp10;
            }
        }
        Some(Number::from_parts(neg, all, int_len + exp10))
    }

    /// Normalises `0.digits × 10^exp` (digits may have leading/trailing zeros).
    fn from_parts(neg: bool, mut digits: Vec<u8>, mut exp: i64) -> Number {
        let lead = digits.iter().take_while(|&&d| d == 0).count();
        digits.drain(..lead);
        exp -= lead as i64;
        while digits.last() == Some(&0) {
            digits.pop();
        }
        if digits.is_empty() {
            return Number::zero();
        }
        Number { neg, digits, exp }
    }

    /// Whether the number is zero.
    pub(crate) fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// DynamoDB's limits: 38 significant digits, magnitude in 1E-130 ..= 9.99…E+125.
    pub(crate) fn check_limits(&self) -> Result<(), &'static str> {
        if self.is_zero() {
            return Ok(());
        }
        if self.digits.len() > 38 {
            return Err(TOO_MANY_DIGITS);
        }
        if self.exp > 126 {
            return Err(OVERFLOW);
        }
        if self.exp < -129 {
            return Err(UNDERFLOW);
        }
        Ok(())
    }

    /// Storage size DynamoDB charges: about one byte per two significant digits, plus one.
    pub(crate) fn size(&self) -> usize {
        self.digits.len().div_ceil(2) + 1
    }

    /// The sum, exact.
    pub(crate) fn add(&self, other: &Number) -> Number {
        if self.is_zero() {
            return other.clone();
        }
        if other.is_zero() {
            return self.clone();
        }
        // Both as integers scaled by 10^low.
        let low = (self.exp - self.digits.len() as i64).min(other.exp - other.digits.len() as i64);
        let a = self.scaled(low);
        let b = other.scaled(low);
        let (neg, mag) = if self.neg == other.neg {
            (self.neg, add_mag(&a, &b))
        } else {
            match cmp_mag(&a, &b) {
                Ordering::Equal => return Number::zero(),
                Ordering::Greater => (self.neg, sub_mag(&a, &b)),
                Ordering::Less => (other.neg, sub_mag(&b, &a)),
            }
        };
        let len = mag.len() as i64;
        Number::from_parts(neg, mag, len + low)
    }

    /// The difference, exact.
    pub(crate) fn sub(&self, other: &Number) -> Number {
        self.add(&other.negated())
    }

    fn negated(&self) -> Number {
        let mut n = self.clone();
        if !n.is_zero() {
            n.neg = !n.neg;
        }
        n
    }

    /// Digits of `|self| / 10^low` (an integer because `low` is at most our lowest power).
    fn scaled(&self, low: i64) -> Vec<u8> {
        let zeros = (self.exp - self.digits.len() as i64 - low) as usize;
        let mut v = self.digits.clone();
        v.extend(std::iter::repeat_n(0, zeros));
        v
    }
}

/// Compares two big-endian digit vectors without leading zeros.
fn cmp_mag(a: &[u8], b: &[u8]) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

fn add_mag(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let (mut i, mut j, mut carry) = (a.len(), b.len(), 0u8);
    while i > 0 || j > 0 || carry > 0 {
        let mut d = carry;
        if i > 0 {
            i -= 1;
            d += a[i];
        }
        if j > 0 {
            j -= 1;
            d += b[j];
        }
        out.push(d % 10);
        carry = d / 10;
    }
    out.reverse();
    out
}

/// `a - b` for `a >= b`.
fn sub_mag(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(a.len());
    let (mut i, mut j, mut borrow) = (a.len(), b.len(), 0i8);
    while i > 0 {
        i -= 1;
        let mut d = a[i] as i8 - borrow;
        if j > 0 {
            j -= 1;
            d -= b[j] as i8;
        }
        if d < 0 {
            d += 10;
            borrow = 1;
        } else {
            borrow = 0;
        }
        out.push(d as u8);
    }
    out.reverse();
    out
}

impl Ord for Number {
    fn cmp(&self, other: &Number) -> Ordering {
        let sign = |n: &Number| -> i8 {
            if n.is_zero() {
                0
            } else if n.neg {
                -1
            } else {
                1
            }
        };
        let (sa, sb) = (sign(self), sign(other));
        if sa != sb || sa == 0 {
            return sa.cmp(&sb);
        }
        let mag = self.exp.cmp(&other.exp).then_with(|| self.digits.cmp(&other.digits));
        if sa < 0 { mag.reverse() } else { mag }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Number) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The canonical text DynamoDB returns: plain notation, no superfluous zeros.
impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_zero() {
            return f.write_str("0");
        }
        let mut s = String::new();
        if self.neg {
            s.push('-');
        }
        let digit = |d: &u8| char::from(b'0' + d);
        let n = self.digits.len() as i64;
        if self.exp <= 0 {
            s.push_str("0.");
            s.extend(std::iter::repeat_n('0', (-self.exp) as usize));
            s.extend(self.digits.iter().map(digit));
        } else if self.exp >= n {
            s.extend(self.digits.iter().map(digit));
            s.extend(std::iter::repeat_n('0', (self.exp - n) as usize));
        } else {
            let (int, frac) = self.digits.split_at(self.exp as usize);
            s.extend(int.iter().map(digit));
            s.push('.');
            s.extend(frac.iter().map(digit));
        }
        f.write_str(&s)
    }
}
