//! Splits text into word and punctuation tokens for the learned tagger.
//!
//! The tagger needs tokens that look like the CoNLL-2003 ones it was trained on ("U.S.",
//! "O'Neill", "1,000", "Hewlett-Packard", "'s" split off its word) but it also sees raw news text,
//! where punctuation sticks to words. Training re-tokenises the CoNLL sentences with this same
//! function, so whatever this module decides, training and run time agree.
//!
//! Tokens are byte spans into the input: nothing is allocated per token, and every span starts
//! and ends on a char boundary because the scanner only ever cuts between chars.

/// One token: a byte span `[start, end)` of the input, always on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Token {
    /// The token's text within `text` (the string it was cut from).
    pub fn as_str(self, text: &str) -> &str {
        &text[self.start as usize..self.end as usize]
    }
}

/// Abbreviations that keep their trailing period, so "Corp." or "Mr." stays one token and the
/// period is not mistaken for the end of a sentence. Compared case-sensitively.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Corp", "Inc", "Co", "Ltd", "Bros", "Gen", "Gov",
    "Sen", "Rep", "Prof", "Lt", "Col", "Capt", "Sgt", "Mt", "Ft", "vs", "No", "Jan", "Feb", "Mar",
    "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Calif", "Mass", "Ariz", "Fla", "Ill",
    "Penn", "Va", "Wash", "Tex", "Conn", "Md", "Mich", "Minn", "Wis", "Ore", "Colo", "Okla",
];

/// Chars that count as part of a word. Combining marks are included so "é" written as
/// "e" + U+0301 stays inside its word instead of becoming a token of its own.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Returns the char starting at byte `i`, if any.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// True when `text[i..]` starts a possessive `'s` / `’s` that ends there (not "'sake").
#[inline]
pub(crate) fn possessive_at(text: &str, i: usize) -> Option<usize> {
    let c = char_at(text, i)?;
    if !is_apostrophe(c) {
        return None;
    }
    let j = i + c.len_utf8();
    let s = char_at(text, j)?;
    if s != 's' && s != 'S' {
        return None;
    }
    let k = j + 1;
    match char_at(text, k) {
        Some(n) if is_word_char(n) => None,
        _ => Some(k),
    }
}

/// True when the word `w` (without a trailing period) should take the period that follows it:
/// dotted acronyms ("U.S"), single capital initials ("J") and the listed abbreviations.
fn keeps_period(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() == 1 && b[0].is_ascii_uppercase() {
        return true;
    }
    if b.contains(&b'.') {
        // "U.S", "F.C", "U.N": letters separated by single periods.
        return w
            .split('.')
            .all(|p| p.len() == 1 && p.as_bytes()[0].is_ascii_alphabetic());
    }
    ABBREVIATIONS.contains(&w)
}

/// Appends the tokens of `text` to `out` (which is cleared first).
///
/// A word is a run of word chars that may be joined by `-`, `.`, `&`, an apostrophe, or (between
/// digits) `,` when a word char follows the joiner; a possessive `'s` is split off as its own
/// token. Every other non-space char is a token by itself.
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        // ASCII fast path for the common cases.
        if b == b' ' || b == b'\n' || b == b'\t' || b == b'\r' {
            i += 1;
            continue;
        }
        let c = match char_at(text, i) {
            Some(c) => c,
            None => break,
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            let start = i;
            let mut j = i + c.len_utf8();
            loop {
                // Most words are ASCII: skip their letters without decoding chars.
                while j < n && bytes[j].is_ascii_alphanumeric() {
                    j += 1;
                }
                let Some(d) = char_at(text, j) else { break };
                if is_word_char(d) {
                    j += d.len_utf8();
                    continue;
                }
                let next_pos = j + d.len_utf8();
                let Some(next) = char_at(text, next_pos) else {
                    break;
                };
                if !is_word_char(next) {
                    break;
                }
                let prev = text[..j].chars().next_back().unwrap_or(' ');
                let joins = match d {
                    '-' | '.' => true,
                    '&' => prev.is_uppercase(),
                    ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
                    _ if is_apostrophe(d) => possessive_at(text, j).is_none(),
                    _ => false,
                };
                if !joins {
                    break;
                }
                j = next_pos;
            }
            if j < n && bytes[j] == b'.' && keeps_period(&text[start..j]) {
                j += 1;
            }
            out.push(Token {
                start: start as u32,
                end: j as u32,
            });
            i = j;
            continue;
        }
        if let Some(k) = possessive_at(text, i) {
            out.push(Token {
                start: i as u32,
                end: k as u32,
            });
            i = k;
            continue;
        }
        let j = i + c.len_utf8();
        out.push(Token {
            start: i as u32,
            end: j as u32,
        });
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| t.as_str(s)).collect()
    }

    #[test]
    fn splits_punctuation_and_possessives() {
        assert_eq!(
            toks("Microsoft's cloud, (AWS) and OpenAI’s models."),
            [
                "Microsoft",
                "'s",
                "cloud",
                ",",
                "(",
                "AWS",
                ")",
                "and",
                "OpenAI",
                "’s",
                "models",
                "."
            ]
        );
    }

    #[test]
    fn keeps_acronyms_abbreviations_and_numbers() {
        assert_eq!(
            toks("U.S. Steel Corp. paid $1,250.50 to O'Neill in Hewlett-Packard's deal."),
            [
                "U.S.",
                "Steel",
                "Corp.",
                "paid",
                "$",
                "1,250.50",
                "to",
                "O'Neill",
                "in",
                "Hewlett-Packard",
                "'s",
                "deal",
                "."
            ]
        );
        assert_eq!(toks("AT&T and J. Smith"), ["AT&T", "and", "J.", "Smith"]);
    }

    #[test]
    fn odd_input_stays_on_char_boundaries() {
        for s in [
            "",
            "'",
            "’",
            "'s",
            "a'",
            "é́x",
            "🦀🦀 x",
            "x\u{301}y",
            "...",
            "-a-",
            "a-",
        ] {
            let mut v = Vec::new();
            tokenize(s, &mut v);
            for t in v {
                assert!(s.is_char_boundary(t.start as usize) && s.is_char_boundary(t.end as usize));
                assert!(t.start < t.end);
            }
        }
    }
}
