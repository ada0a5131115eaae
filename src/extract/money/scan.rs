//! Where mentions can be: the cue scanner and the walk back from each cue.
//!
//! One byte regex finds every currency signal; around each cue the grammar is tried from the
//! token starts a mention could begin at, leftmost first. Keeping that walk back short is what
//! keeps the extractor cheap on long passages.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::bytes::Regex;

use super::currency::symbol_at;
use super::mention::{parse_at, Found};
use super::number::{scale_word, small_number, spaced_mag};
use super::qualifiers::qualify;
use super::tables::{ADJECTIVES, LETTER_SYMBOLS, SYMBOLS, SYMBOL_PREFIXES, TABLES, WORDS};
use super::text::{at, is_digit, is_letter, lw, skip_ws, skip_ws_back, Cx};

/// How far left of a cue (in bytes) a mention may start:
/// "three quarters billion us dollars" and
/// "between 1.4 and 1.5 billion Canadian dlrs" both fit.
pub(super) const WINDOW: usize = 96;

/// The cue scanner: every symbol, code, scaled code, letter symbol and
/// currency word, as one byte regex. Word boundaries are checked inside the
/// automaton, so "cent" in "percent" or "rs" in "years" never surfaces: on
/// newswire text that is four times fewer hits than a plain literal
/// automaton reports, and no restarts. Codes and words may touch digits
/// ("usd115", "115usd", "5dollars").
pub(super) static CUES: LazyLock<Regex> = LazyLock::new(|| {
    let alternation = |mut items: Vec<String>| {
        // Longest first, so the leftmost-first alternation prefers "dollars"
        // to "dollar".
        items.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        items.dedup();
        items
            .iter()
            .map(|s| regex::escape(s))
            .collect::<Vec<_>>()
            .join("|")
    };
    let words = alternation(WORDS.iter().map(|w| w.0.to_string()).collect());
    let codes = alternation(
        TABLES
            .codes
            .keys()
            .cloned()
            .chain(LETTER_SYMBOLS.iter().map(|l| l.0.to_string()))
            .collect(),
    );
    // Symbols as raw UTF-8 bytes: the regex runs without Unicode tables.
    let symbols = SYMBOLS
        .iter()
        .map(|(s, _)| s.bytes().map(|c| format!(r"\x{c:02X}")).collect::<String>())
        .collect::<Vec<_>>()
        .join("|");
    let pattern = format!(
        r"(?i-u)(?:\b|[0-9])(?:{words})\b|(?:\b|[0-9])(?:{codes})(?:\b|[0-9])|[0-9]p\b|{symbols}"
    );
    Regex::new(&pattern).expect("the cue pattern is built from plain literals")
});

/// Tries the grammar from each token start between the furthest point a
/// mention could begin ([`reach_back`]) and the cue, leftmost first, and
/// keeps the first mention that covers the cue.
pub(super) fn parse_around(cx: &Cx, floor: usize, cs: usize, ce: usize) -> Option<Found> {
    let b = cx.b;
    let lo = reach_back(b, floor, cs);
    let mut p = lo;
    while p <= cs {
        let cl = class(b[p]);
        let start = match cl {
            Class::Space | Class::Cont => false,
            Class::Other => true,
            Class::Letter | Class::Digit => p == 0 || class(b[p - 1]) != cl,
        };
        if start && candidate_ok(b, p, cl) {
            if let Some(f) = parse_at(cx, p) {
                if f.end >= ce {
                    return Some(qualify(cx, f));
                }
            }
        }
        p += 1;
    }
    None
}

/// Table words that can appear in a mention before its currency cue:
/// country adjectives (each word of "new zealand"), prefix letters, codes
/// and currency words.
pub(super) static TABLE_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    let mut add_parts = |phrase: &str| {
        for part in phrase.split([' ', '.']).filter(|p| !p.is_empty()) {
            set.insert(part.to_string());
        }
    };
    ADJECTIVES.iter().for_each(|(p, ..)| add_parts(p));
    SYMBOL_PREFIXES.iter().for_each(|(p, ..)| add_parts(p));
    LETTER_SYMBOLS.iter().for_each(|(p, ..)| add_parts(p));
    WORDS.iter().for_each(|(p, ..)| add_parts(p));
    TABLES.codes.keys().for_each(|p| add_parts(p));
    set
});

/// Whether the lower-case word `w` can appear in a mention before its
/// currency cue: numbers, scales, vague quantities, range words and table
/// words. [`reach_back`] stops at any other word, which keeps the number of
/// grammar attempts per cue small.
pub(super) fn inside_word(w: &str) -> bool {
    small_number(w).is_some()
        || spaced_mag(w).is_some()
        || scale_word(w).is_some()
        || matches!(
            w,
            "a" | "an"
                | "and"
                | "to"
                | "of"
                | "half"
                | "quarter"
                | "quarters"
                | "few"
                | "couple"
                | "several"
                | "tens"
                | "hundreds"
        )
        || w.starts_with("multi")
        || TABLE_WORDS.contains(w)
}

/// Whether the token `b[s..e]` can be part of a mention that ends at a later
/// cue.
pub(super) fn inside_token(b: &[u8], s: usize, e: usize) -> bool {
    let c = b[s];
    if is_digit(c) || matches!(c, b'.' | b',' | b'/' | b'-') {
        return true;
    }
    // A symbol belongs to a mention only next to a figure ("$5", "5 €",
    // "$ 75"); this also keeps runs like "$$$$" cheap.
    let symbol = c == b'$' || (c >= 0x80 && symbol_at(b, s).is_some());
    if symbol {
        let before = skip_ws_back(b, s);
        return is_digit(at(b, skip_ws(b, e))) || (before > 0 && is_digit(b[before - 1]));
    }
    if is_letter(c) {
        // Glued to digits: "5m", "usd115".
        if (s > 0 && is_digit(b[s - 1])) || is_digit(at(b, e)) {
            return true;
        }
        return lw(b, s, e).is_some_and(|w| inside_word(w.as_str()));
    }
    b[s..].starts_with("–".as_bytes())
}

/// The furthest point left of the cue at `cs` where a mention could begin:
/// walks back token by token while the tokens could belong to an amount,
/// never past `floor` (the end of the previous mention) or [`WINDOW`] bytes.
pub(super) fn reach_back(b: &[u8], floor: usize, cs: usize) -> usize {
    let limit = cs.saturating_sub(WINDOW).max(floor);
    let mut p = cs;
    loop {
        let e = skip_ws_back(b, p);
        if e <= limit {
            break;
        }
        let c = b[e - 1];
        let mut s = e - 1;
        if is_letter(c) {
            while s > 0 && is_letter(b[s - 1]) {
                s -= 1;
            }
        } else if is_digit(c) {
            while s > 0 && is_digit(b[s - 1]) {
                s -= 1;
            }
        } else if c >= 0x80 {
            while s > 0 && b[s] & 0xC0 == 0x80 {
                s -= 1;
            }
        }
        if s < limit || !inside_token(b, s, e) {
            break;
        }
        p = s;
    }
    p
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Letter,
    Digit,
    Space,
    Cont,
    Other,
}

pub(super) fn class(c: u8) -> Class {
    match c {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Class::Space,
        0x80..=0xBF => Class::Cont,
        _ => Class::Other,
    }
}

/// Cheap rejections before running the grammar at `p`.
pub(super) fn candidate_ok(b: &[u8], p: usize, cl: Class) -> bool {
    match cl {
        Class::Digit => {
            if p == 0 {
                return true;
            }
            let prev = b[p - 1];
            // "%20CAD" in a URL, "a16z", "1/2".
            if is_letter(prev) || prev == b'/' || prev == b'%' {
                return false;
            }
            // The tail of "1.5" or "1,000", or the number in "GPT-4".
            if matches!(prev, b'.' | b',') && p >= 2 && is_digit(b[p - 2]) {
                return false;
            }
            // The tail of a tokenised decimal: "1 . 8500 marks".
            if p >= 4 && &b[p - 3..p] == b" . " && is_digit(b[p - 4]) {
                return false;
            }
            !(prev == b'-' && p >= 2 && is_letter(b[p - 2]))
        }
        Class::Letter => true,
        Class::Other => b[p] == b'$' || b[p] >= 0xC0,
        _ => false,
    }
}
