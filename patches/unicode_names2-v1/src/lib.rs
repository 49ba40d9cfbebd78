//! RustPython 0.6 links two copies of the Unicode character-name tables: `unicode_names2` 1.x
//! (through its Python parser, for `"\N{…}"` escapes) and 3.x (through `rustpython-unicode`, for
//! `unicodedata`). Each is several hundred kilobytes of the browser bundle. This crate is patched
//! in for 1.x (`[patch.crates-io]` in the workspace manifest) and answers with 3.x's tables.
//!
//! The parser only calls [`character`]; [`name`] is here for completeness. Both versions
//! implement the same lookup over the same Unicode data (3.x adds newer Unicode versions).
#![no_std]

pub use names::{Name, character, name};

#[cfg(test)]
mod tests {
    #[test]
    fn looks_names_up_both_ways() {
        assert_eq!(super::character("GREEK SMALL LETTER ALPHA"), Some('α'));
        assert_eq!(super::character("snowman"), Some('☃'), "case-insensitive, like 1.x");
        assert_eq!(super::character("NOT A CHARACTER NAME"), None);
        let mut buf = [0u8; 64];
        let name = super::name('☃').expect("named");
        let mut n = 0;
        for part in name {
            buf[n..n + part.len()].copy_from_slice(part.as_bytes());
            n += part.len();
        }
        assert_eq!(&buf[..n], b"SNOWMAN");
    }
}
