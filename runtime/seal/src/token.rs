//! Signed statements the runtime issues to the page and later believes.
//!
//! The page keeps them (in localStorage) and hands them back; it cannot forge or edit one
//! without the runtime's key. A token is `<base64url payload>.<base64url tag>`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;

use crate::{SealError, SealKey, constant_time_eq, mac};

/// Signs `payload` (any text, usually JSON, such as `{"lab":"first-handler","failedGrades":2}`)
/// for `purpose`.
pub fn issue(key: &SealKey, purpose: &str, payload: &str) -> String {
        let tag = mac(&key.derive("token"), &[purpose.as_bytes(), payload.as_bytes()]);
        format!("{}.{}", B64.encode(payload), B64.encode(&tag[..16]))
}

/// The payload of a token issued for `purpose` with this key, or why it is refused.
pub fn verify(key: &SealKey, purpose: &str, token: &str) -> Result<String, SealError> {
        let (payload, tag) = token.trim().split_once('.').ok_or(SealError::Damaged)?;
        let payload = B64.decode(payload).map_err(|_| SealError::Damaged)?;
        let tag = B64.decode(tag).map_err(|_| SealError::Damaged)?;
        let want = mac(&key.derive("token"), &[purpose.as_bytes(), &payload]);
        if !constant_time_eq(&want[..16], &tag) {
            return Err(SealError::Damaged);
        }
        String::from_utf8(payload).map_err(|_| SealError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_verifies_only_unchanged_for_its_purpose_and_key() {
        let key = SealKey::from_bytes([3; 32]);
        let t = issue(&key, "attempts", r#"{"lab":"a","failedGrades":1}"#);
        assert_eq!(verify(&key, "attempts", &t).unwrap(), r#"{"lab":"a","failedGrades":1}"#);
        assert!(verify(&key, "solution", &t).is_err(), "another purpose");
        assert!(verify(&SealKey::from_bytes([4; 32]), "attempts", &t).is_err(), "another key");
        let forged = format!("{}.{}", B64.encode(r#"{"lab":"a","failedGrades":9}"#), t.split_once('.').unwrap().1);
        assert!(verify(&key, "attempts", &forged).is_err(), "an edited payload");
        assert!(verify(&key, "attempts", "garbage").is_err());
    }
}
