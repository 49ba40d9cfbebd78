//! Numbers: canonical form, validation, comparison and arithmetic.

use super::*;

#[test]
fn numbers_are_returned_in_canonical_form() {
    for (input, canonical) in [
        ("1.50", "1.5"),
        ("1E+2", "100"),
        ("1e-3", "0.001"),
        ("007", "7"),
        ("-0.0", "0"),
        ("+3", "3"),
        ("-12.340e1", "-123.4"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        (".5", "0.5"),
        ("5.", "5"),
    ] {
        assert_eq!(n(input).to_string(), canonical, "{input}");
    }
}

#[test]
fn malformed_numbers_are_refused() {
    for bad in ["", "abc", " 1", "1 ", "1e", "--1", "1.2.3", "NaN", "Infinity", "0x10", "."] {
        assert!(Number::parse(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn numbers_compare_numerically_not_textually() {
    assert!(n("10") > n("9"));
    assert!(n("-1") < n("0.5"));
    assert!(n("-10") < n("-9"));
    assert_eq!(n("1.0"), n("1"));
    assert!(n("0.09") < n("0.1"));
    assert!(n("12345678901234567890123456789012345678") > n("12345678901234567890123456789012345677"));
}

#[test]
fn number_arithmetic_is_exact() {
    assert_eq!(n("0.1").add(&n("0.2")).to_string(), "0.3");
    assert_eq!(n("1").sub(&n("1.5")).to_string(), "-0.5");
    assert_eq!(n("99999999999999999999").add(&n("1")).to_string(), "100000000000000000000");
    assert_eq!(n("-5").add(&n("5")).to_string(), "0");
    assert_eq!(n("-5").sub(&n("-7.25")).to_string(), "2.25");
    assert_eq!(n("1e20").add(&n("1e-5")).to_string(), "100000000000000000000.00001");
}

#[test]
fn number_limits_use_dynamodb_messages() {
    assert_eq!(n(&"1".repeat(39)).check_limits(), Err(number::TOO_MANY_DIGITS));
    assert_eq!(n("1e126").check_limits(), Err(number::OVERFLOW));
    assert_eq!(n("9.9e125").check_limits(), Ok(()));
    assert_eq!(n("1e-131").check_limits(), Err(number::UNDERFLOW));
    assert_eq!(n("1e-130").check_limits(), Ok(()));
}
