//! Deciding what a corpus file's bytes are: text in an encoding newsdex reads,
//! or binary content that must not be indexed.
//!
//! The binary test looks at the first block only, as git and ripgrep do, so a
//! large file costs no more than a small one: a NUL byte, more than a few
//! control characters, or a large share of bytes that are not UTF-8 mean
//! binary (random bytes, images, PDFs, archives). Text is read as UTF-8, as
//! UTF-16 when it starts with a byte-order mark, and as Windows-1252 (Latin-1
//! plus curly quotes and dashes) when it is not UTF-8 but looks like text, so a
//! Latin-1 "café" is searched as "café" rather than "caf\u{FFFD}".

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How much of a file the binary test reads (git reads 8,000 bytes, ripgrep its first buffer).
const BLOCK: usize = 8192;

/// What a file's bytes hold.
#[derive(Debug, PartialEq)]
pub(crate) enum Decoded<'a> {
    /// Text, with a note when it was not plain UTF-8 and the reading is a guess.
    Text {
        text: Cow<'a, str>,
        note: Option<String>,
    },
    /// Not text: the first block has NUL bytes, control characters or bytes of no encoding.
    Binary,
}

/// Decodes a file's bytes, or says they are binary.
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    // UTF-16 with a byte-order mark (what Windows tools write as "Unicode"): its ASCII
    // letters come with NUL bytes, so it must be decoded before the binary test.
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        if encoding != UTF_8 {
            let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
            if looks_binary(first_block(text.as_bytes())) {
                return Decoded::Binary;
            }
            let note = malformed.then(|| {
                format!(
                    "malformed {}; decoded with replacement characters",
                    encoding.name()
                )
            });
            return Decoded::Text {
                text: Cow::Owned(text.into_owned()),
                note,
            };
        }
    }
    let block = first_block(bytes);
    if looks_binary(block) {
        return Decoded::Binary;
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Decoded::Text {
                text: Cow::Borrowed(text),
                note: None,
            }
        }
        Err(err) => err,
    };
    // Text in no encoding newsdex reads: Windows-1252 text has an accented letter here
    // and there, not a third of its bytes outside UTF-8.
    if invalid_utf8_bytes(block) * 3 > block.len() {
        return Decoded::Binary;
    }
    // UTF-8 with a few broken bytes keeps its good letters; a file whose non-ASCII bytes are
    // mostly not UTF-8 is the older single-byte encoding.
    let invalid = invalid_utf8_bytes(bytes);
    let valid_non_ascii = bytes.iter().filter(|&&b| b >= 0x80).count() - invalid;
    if valid_non_ascii >= invalid {
        return Decoded::Text {
            text: String::from_utf8_lossy(bytes),
            note: Some(format!(
                "invalid UTF-8 at byte {}; decoded with replacement characters",
                error.valid_up_to()
            )),
        };
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Decoded::Text {
        text,
        note: Some(format!(
            "not UTF-8 (first bad byte at {}); read as Windows-1252 (Latin-1)",
            error.valid_up_to()
        )),
    }
}

fn first_block(bytes: &[u8]) -> &[u8] {
    &bytes[..bytes.len().min(BLOCK)]
}

/// NUL bytes, or control characters that text does not use (anything below space but
/// tab, line breaks, form feed and escape; DEL) in more than one byte in 32.
fn looks_binary(block: &[u8]) -> bool {
    if block.contains(&0) {
        return true;
    }
    let controls = block
        .iter()
        .filter(|&&b| {
            (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0x1b)) || b == 0x7f
        })
        .count();
    controls > 1 && controls * 32 > block.len()
}

/// Bytes that are not part of a valid UTF-8 sequence (a sequence cut off at the end
/// counts too: at most three bytes).
fn invalid_utf8_bytes(bytes: &[u8]) -> usize {
    bytes.utf8_chunks().map(|chunk| chunk.invalid().len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<String>) {
        match decode(bytes) {
            Decoded::Text { text, note } => (text.into_owned(), note),
            Decoded::Binary => panic!("{bytes:?} was called binary"),
        }
    }

    /// A fixed pseudo-random stream.
    fn random_bytes(n: usize, seed: u64) -> Vec<u8> {
        let mut rng = crate::test_rng::XorShift(seed);
        (0..n).map(|_| rng.byte()).collect()
    }

    #[test]
    fn utf8_is_borrowed_as_it_is() {
        let bytes = "Café deal — €5bn\n\tindented\r\n\x0cpage".as_bytes();
        assert_eq!(
            decode(bytes),
            Decoded::Text {
                text: Cow::Borrowed(std::str::from_utf8(bytes).unwrap()),
                note: None
            }
        );
    }

    #[test]
    fn random_bytes_are_binary() {
        assert_eq!(decode(&random_bytes(20_000, 7)), Decoded::Binary);
        // Without NUL bytes the control characters and invalid UTF-8 still give it away.
        let no_nul: Vec<u8> = random_bytes(20_000, 11)
            .into_iter()
            .filter(|&b| b != 0)
            .collect();
        assert_eq!(decode(&no_nul), Decoded::Binary);
        // Only high bytes: no controls, but nearly all of it outside UTF-8.
        let high: Vec<u8> = random_bytes(20_000, 13).iter().map(|b| b | 0x80).collect();
        assert_eq!(decode(&high), Decoded::Binary);
    }

    #[test]
    fn images_and_documents_are_binary() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06";
        assert_eq!(decode(png), Decoded::Binary);
        let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 500 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(random_bytes(500, 3));
        assert_eq!(decode(&pdf), Decoded::Binary);
        assert_eq!(decode(b"abc\0def"), Decoded::Binary);
        // A few stray control characters do not make text binary.
        assert!(matches!(
            decode(b"A DOS file that ends with the old end-of-file mark.\r\n\x1a"),
            Decoded::Text { .. }
        ));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let words = "Tapir deal signed\n\nThe café bought a tapir.";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(words.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(text(&le), (words.to_string(), None));
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(words.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(text(&be), (words.to_string(), None));
        // An odd byte at the end: the text survives, with a note.
        let mut odd = le.clone();
        odd.push(b'x');
        let (decoded, note) = text(&odd);
        assert!(decoded.starts_with(words));
        assert!(note.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn latin1_is_read_as_windows_1252() {
        let (decoded, note) =
            text(b"Caf\xe9 deal\n\nThe caf\xe9 signed \x93an exclusive\x94 deal \x96 at last.");
        assert_eq!(
            decoded,
            "Café deal\n\nThe café signed \u{201c}an exclusive\u{201d} deal \u{2013} at last."
        );
        assert!(note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf8_with_a_broken_byte_keeps_its_good_letters() {
        let (decoded, note) = text(
            "Café, naïve, résumé: \u{20ac}5bn "
                .as_bytes()
                .iter()
                .copied()
                .chain(*b"\xff end")
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert_eq!(decoded, "Café, naïve, résumé: \u{20ac}5bn \u{fffd} end");
        assert!(note.unwrap().contains("invalid UTF-8"));
    }
}
