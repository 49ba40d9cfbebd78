//! What the build and the lab runtime share so that the site never carries answers in clear.
//!
//! - [`answer`]: quiz answers as salted digests, explanations keyed by a right answer.
//! - [`SealKey`], [`seal`] and [`open`]: lab data only the runtime reads (reference solutions,
//!   hidden cases, mutants, code questions' explanations). The build seals with the runtime's
//!   key; the key is compiled into the wasm runtime, never written into the site.
//! - [`token`]: small signed statements the runtime issues and later believes (how many grades
//!   failed, that the solution may be shown), so the page cannot unlock them by editing storage.
//!
//! What this protects against: finding an answer by reading the site's files, the network tab
//! or localStorage. What it cannot: a determined learner with a debugger, who can read the key
//! out of the wasm module or the plaintext out of its memory. The cipher is SHA-256 in counter
//! mode with an HMAC-SHA-256 tag (encrypt-then-MAC), nonces derived from the content so an
//! unchanged book seals to identical bytes.

pub mod answer;
pub mod token;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Why sealed data or a token could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    /// Not base64, too short, or a tag that does not match: damaged, edited or sealed for
    /// another purpose or with another runtime's key.
    #[error("sealed data is damaged or was sealed by another build of the runtime (rebuild the site)")]
    Damaged,
    /// A key given as text is not 64 hex digits.
    #[error("a seal key is 64 hex digits")]
    BadKey,
}

/// The runtime's secret: 32 bytes. The build seals with it, the runtime opens with it.
#[derive(Clone, PartialEq, Eq)]
pub struct SealKey([u8; 32]);

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(..)")
    }
}

impl SealKey {
    /// A key from its bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> SealKey {
        SealKey(bytes)
    }

    /// A key from 64 hex digits (how `labbook` hands it to the wasm build).
    pub fn from_hex(text: &str) -> Result<SealKey, SealError> {
        let bytes = answer::unhex(text.trim()).ok_or(SealError::BadKey)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| SealError::BadKey)?;
        Ok(SealKey(bytes))
    }

    /// The key as 64 hex digits.
    pub fn to_hex(&self) -> String {
        answer::hex(&self.0)
    }

    /// A sub-key for one purpose (`"lab"`, `"token"`…): sealed data of one kind cannot be
    /// passed off as another.
    fn derive(&self, purpose: &str) -> [u8; 32] {
        mac(&self.0, &[b"labbook-seal-derive", purpose.as_bytes()])
    }
}

type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA-256 over length-prefixed parts (so `["ab", "c"]` and `["a", "bc"]` differ).
fn mac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut m = <HmacSha256 as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        m.update(&(p.len() as u64).to_be_bytes());
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

const NONCE: usize = 16;
const TAG: usize = 32;

/// Seals `plaintext` for `purpose` (also bound into the tag: `"lab:<id>"` cannot be opened as
/// another lab's data). Base64url text, deterministic for the same key and input.
pub fn seal(key: &SealKey, purpose: &str, plaintext: &[u8]) -> String {
    let k = key.derive(purpose);
    let nonce = &mac(&k, &[b"nonce", plaintext])[..NONCE];
    let body = answer::keystream_xor(&mac(&k, &[b"stream", nonce]), plaintext);
    let tag = mac(&k, &[b"tag", nonce, &body]);
    let mut out = Vec::with_capacity(NONCE + body.len() + TAG);
    out.extend_from_slice(nonce);
    out.extend_from_slice(&body);
    out.extend_from_slice(&tag);
    B64.encode(out)
}

/// Opens what [`seal`] made for the same `purpose` with the same key.
pub fn open(key: &SealKey, purpose: &str, sealed: &str) -> Result<Vec<u8>, SealError> {
    let raw = B64.decode(sealed.trim()).map_err(|_| SealError::Damaged)?;
    if raw.len() < NONCE + TAG {
        return Err(SealError::Damaged);
    }
    let (nonce, rest) = raw.split_at(NONCE);
    let (body, tag) = rest.split_at(rest.len() - TAG);
    let k = key.derive(purpose);
    if !constant_time_eq(&mac(&k, &[b"tag", nonce, body]), tag) {
        return Err(SealError::Damaged);
    }
    Ok(answer::keystream_xor(&mac(&k, &[b"stream", nonce]), body))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(n: u8) -> SealKey {
        SealKey::from_bytes([n; 32])
    }

    #[test]
    fn sealed_data_opens_with_the_same_key_and_purpose_only() {
        let text = b"def lambda_handler(event, context):\n    return 42\n";
        let sealed = seal(&key(1), "lab:first", text);
        assert!(!sealed.contains("lambda_handler"));
        assert_eq!(open(&key(1), "lab:first", &sealed).unwrap(), text);
        assert_eq!(open(&key(2), "lab:first", &sealed), Err(SealError::Damaged));
        assert_eq!(open(&key(1), "lab:other", &sealed), Err(SealError::Damaged));
    }

    #[test]
    fn sealing_is_deterministic_and_any_edit_is_detected() {
        let a = seal(&key(1), "p", b"hello world");
        assert_eq!(a, seal(&key(1), "p", b"hello world"), "an unchanged book seals to the same bytes");
        assert_ne!(a, seal(&key(1), "p", b"hello worle"));
        let mut raw = B64.decode(&a).unwrap();
        raw[NONCE] ^= 1;
        assert_eq!(open(&key(1), "p", &B64.encode(&raw)), Err(SealError::Damaged));
        assert_eq!(open(&key(1), "p", "not base64!"), Err(SealError::Damaged));
        assert_eq!(open(&key(1), "p", "AAAA"), Err(SealError::Damaged));
    }

    #[test]
    fn keys_round_trip_as_hex_and_bad_hex_is_refused() {
        let k = key(7);
        assert_eq!(SealKey::from_hex(&k.to_hex()).unwrap(), k);
        assert_eq!(SealKey::from_hex("abc"), Err(SealError::BadKey));
        assert_eq!(SealKey::from_hex(&"zz".repeat(32)), Err(SealError::BadKey));
        assert!(!format!("{k:?}").contains("07"), "Debug never prints the key");
    }
}
