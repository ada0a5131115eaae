//! File paths as exact strings, even when a name is not UTF-8.
//!
//! Ids, the manifest, the index's `file` and `path` fields and skip locations are
//! strings, but a Unix file name is any bytes. A path is kept as its *path text*: a
//! UTF-8 name is itself, and each byte that is not part of valid UTF-8 becomes one
//! private-use character (U+10FF80 + byte - 0x80, plane 16's last 128 code points).
//! A name that really holds one of those characters has its UTF-8 bytes escaped the
//! same way, so the mapping is one-to-one and [`bytes`] gives back the exact name:
//! the same file gets the same id on every run (incremental indexing finds it
//! unchanged), and two names never share one.
//!
//! People see [`shown`] (bad bytes as U+FFFD, as `Path::display` does); JSON gives
//! that plus the exact bytes ([`raw`]). Every UTF-8 path without those rare
//! characters is its own path text, so indexes built before this still read right.

use std::borrow::Cow;
use std::ffi::OsStr;

/// The first of the 128 code points that stand for one byte each.
const FIRST: u32 = 0x10_FF80;

fn stands_for_byte(c: char) -> bool {
    u32::from(c) >= FIRST
}

fn byte_char(byte: u8) -> char {
    char::from_u32(FIRST + u32::from(byte - 0x80)).expect("plane 16 code point")
}

/// The path text of an OS path (on Unix its bytes; on Windows the WTF-8 form).
pub fn encode(path: &OsStr) -> Cow<'_, str> {
    let bytes = path.as_encoded_bytes();
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.chars().any(stands_for_byte) {
            return Cow::Borrowed(text);
        }
    }
    let mut text = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if stands_for_byte(c) {
                let mut buf = [0; 4];
                text.extend(c.encode_utf8(&mut buf).bytes().map(byte_char));
            } else {
                text.push(c);
            }
        }
        // Invalid UTF-8 bytes are never ASCII.
        text.extend(chunk.invalid().iter().copied().map(byte_char));
    }
    Cow::Owned(text)
}

/// The exact bytes a path text stands for.
pub fn bytes(text: &str) -> Cow<'_, [u8]> {
    if !text.chars().any(stands_for_byte) {
        return Cow::Borrowed(text.as_bytes());
    }
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        if stands_for_byte(c) {
            out.push((u32::from(c) - FIRST + 0x80) as u8);
        } else {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    Cow::Owned(out)
}

/// A path text as people see it: bytes that are not UTF-8 as U+FFFD.
pub fn shown(text: &str) -> Cow<'_, str> {
    match bytes(text) {
        Cow::Borrowed(_) => Cow::Borrowed(text),
        Cow::Owned(bytes) => Cow::Owned(String::from_utf8_lossy(&bytes).into_owned()),
    }
}

/// The exact bytes of a path text whose shown form loses something (it is not UTF-8).
pub fn raw(text: &str) -> Option<Vec<u8>> {
    let bytes = bytes(text);
    std::str::from_utf8(&bytes)
        .is_err()
        .then(|| bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn os(bytes: &[u8]) -> &OsStr {
        std::os::unix::ffi::OsStrExt::from_bytes(bytes)
    }

    #[test]
    fn utf8_paths_are_their_own_text() {
        let path = OsStr::new("corpus/news/café-€.txt");
        assert!(matches!(
            encode(path),
            Cow::Borrowed("corpus/news/café-€.txt")
        ));
        assert_eq!(shown("corpus/news/café-€.txt"), "corpus/news/café-€.txt");
        assert_eq!(raw("corpus/news/café-€.txt"), None);
    }

    #[cfg(unix)]
    #[test]
    fn bytes_that_are_not_utf8_round_trip() {
        for name in [
            &b"corpus/name-\xff.txt"[..],
            b"caf\xe9 \xe9t\xe9.md",
            b"\xc3",
            b"cut \xe2\x82",
            b"\x80\x81\xfe\xff",
        ] {
            let text = encode(os(name));
            assert_eq!(&*bytes(&text), name, "{name:?}");
            assert_eq!(raw(&text).as_deref(), Some(name));
            assert_eq!(shown(&text), String::from_utf8_lossy(name));
        }
    }

    #[test]
    fn names_holding_the_escape_characters_stay_distinct() {
        let literal = "odd-\u{10ffff}.txt";
        let text = encode(OsStr::new(literal));
        assert_ne!(text, literal);
        assert_eq!(&*bytes(&text), literal.as_bytes());
        assert_eq!(shown(&text), literal);
        assert_eq!(raw(&text), None);
        #[cfg(unix)]
        assert_ne!(encode(os(b"odd-\xff.txt")), text);
    }
}
