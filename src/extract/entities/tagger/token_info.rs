//! Per-token facts, computed once per token before decoding: shape flags, sentence position,
//! function words, known-table marks and the per-token hashes features are built from. Also the
//! rule that labels obviously-outside tokens `O` without scoring them.

use crate::extract::entities::tokens::Token;

use super::hash::{hash_bytes, mix};
use super::labels::{is_open, LABELS};
use super::model::UNSET_CLUSTER;

/// The token has an uppercase letter.
pub(crate) const F_UPPER: u16 = 1;
/// The token starts with an uppercase letter.
pub(crate) const F_INITCAP: u16 = 2;
/// Every letter in the token is uppercase (and there is at least one).
pub(crate) const F_ALLCAPS: u16 = 4;
/// The token has a digit.
pub(crate) const F_DIGIT: u16 = 8;
/// The token starts a sentence.
pub(crate) const F_SENT_START: u16 = 16;
/// The token's sentence is written in capitals (a headline): case means little there.
pub(crate) const F_CAPS_SENT: u16 = 32;
/// The token has no letter or digit.
pub(crate) const F_PUNCT: u16 = 64;
/// The token's sentence looks like a row of a results table.
pub(crate) const F_TABLE_ROW: u16 = 128;

/// Second flag byte: a sentence-initial word from [`FUNCTION_WORDS`].
pub(crate) const F_FUNCTION_WORD: u16 = 256;

/// What the feature templates need to know about one token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenInfo {
    /// Hash of the exact text.
    pub(super) exact: u64,
    /// Hash of the lowercased text.
    pub(crate) lower: u64,
    /// Hash of the collapsed word shape ("Xx", "X.X.", "d-d").
    pub(super) shape: u64,
    /// Word clusters from unlabelled news: fine in the low byte, coarse in the high byte.
    pub(super) cluster: u16,
    /// `F_*` bits.
    pub(crate) flags: u16,
    /// Known-table mark: 0 for none, else `1 + kind` with `KNOWN_BEGIN` set on a match's first
    /// token.
    pub(super) known: u8,
}

/// Set in a known mark on the first token of a known-table match.
pub(crate) const KNOWN_BEGIN: u8 = 0x80;

/// Upper bound on the features of one token (the templates emit about 40).
pub(super) const MAX_FEATURES: usize = 64;

/// Padding hashes for context positions before/after the sentence.
pub(super) const BOS: u64 = 0x9e37_79b9_7f4a_7c15;
pub(super) const EOS: u64 = 0x6a09_e667_f3bc_c909;

/// Reusable buffers for one tagging call, so decoding allocates only when a buffer first grows.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) info: Vec<TokenInfo>,
    pub(crate) labels: Vec<u8>,
    pub(super) lower: String,
    pub(crate) feats: Vec<u64>,
    /// Weight-row indices of the current token's features.
    pub(super) rows: Vec<u32>,
    /// Summed weights of [`word_features`](super::features::word_features) for recently scored
    /// words, direct-mapped by the word's hash: names repeat ("Reuters", "Japan"), and a hit skips
    /// a third of a token's feature hashing and table lookups. Integer sums, so scores are exactly
    /// the same.
    pub(super) words: Vec<(u64, [i32; LABELS])>,
    /// The id of the tagger whose weights `words` holds (an evaluation may run two in one
    /// thread); 0 before the first use.
    pub(super) words_of: usize,
}

/// Slots in [`Scratch::words`] (76 KiB per thread).
pub(super) const WORD_CACHE: usize = 1 << 10;

/// Lowercases `w` into `buf` (cleared first).
pub(super) fn lowercase_into(w: &str, buf: &mut String) {
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        for c in w.chars() {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Computes the per-token facts for all of `tokens`. `known` holds one known-table mark per
/// token (see [`TokenInfo::known`]). Sentences start at the first token, after a standalone
/// `.`, `!` or `?`, and after a blank line; a single newline is treated as a space because
/// newswire bodies are hard-wrapped mid-sentence.
pub(crate) fn prepare(text: &str, tokens: &[Token], known: &[u8], scratch: &mut Scratch) {
    let info = &mut scratch.info;
    info.clear();
    let mut sent_start = true;
    let mut sent_begin_idx = 0;
    let mut prev_end = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        let w = t.as_str(text);
        let gap = &text[prev_end..t.start as usize];
        if i > 0 && gap.len() >= 2 && gap.bytes().filter(|&b| b == b'\n').count() >= 2 {
            sent_start = true;
        }
        if sent_start {
            mark_sentence(&mut info[sent_begin_idx..]);
            sent_begin_idx = i;
        }
        let mut flags = 0u16;
        let (mut letters, mut uppers) = (0u32, 0u32);
        let mut any_alnum = false;
        // Shape: map each char to a class and collapse repeats.
        let mut shape = 0x5eed_u64;
        let mut last_class = 0u32;
        let mut see = |k: usize, class: u32| {
            if k == 0 && class == 'X' as u32 {
                flags |= F_INITCAP;
            }
            if class == 'd' as u32 {
                flags |= F_DIGIT;
            }
            if class != last_class {
                shape = mix(shape, class as u64);
                last_class = class;
            }
        };
        if w.is_ascii() {
            for (k, &b) in w.as_bytes().iter().enumerate() {
                let class = match b {
                    b'A'..=b'Z' => {
                        letters += 1;
                        uppers += 1;
                        'X' as u32
                    }
                    b'a'..=b'z' => {
                        letters += 1;
                        'x' as u32
                    }
                    b'0'..=b'9' => 'd' as u32,
                    _ => b as u32,
                };
                any_alnum |= b.is_ascii_alphanumeric();
                see(k, class);
            }
        } else {
            for (k, c) in w.chars().enumerate() {
                let class = if c.is_uppercase() {
                    letters += 1;
                    uppers += 1;
                    'X' as u32
                } else if c.is_alphabetic() {
                    letters += 1;
                    'x' as u32
                } else if c.is_numeric() {
                    'd' as u32
                } else {
                    c as u32
                };
                any_alnum |= c.is_alphanumeric();
                see(k, class);
            }
        }
        if uppers > 0 {
            flags |= F_UPPER;
            if uppers == letters {
                flags |= F_ALLCAPS;
            }
        }
        if !any_alnum {
            flags |= F_PUNCT;
        }
        if sent_start {
            flags |= F_SENT_START;
            if flags & F_INITCAP != 0 && FUNCTION_WORDS.contains(&w) {
                flags |= F_FUNCTION_WORD;
            }
        }
        let lower = if flags & F_UPPER == 0 && w.is_ascii() {
            hash_bytes(0x1111, w.as_bytes())
        } else if w.len() <= 32 && w.is_ascii() {
            let mut buf = [0u8; 32];
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            hash_bytes(0x1111, &buf[..w.len()])
        } else {
            lowercase_into(w, &mut scratch.lower);
            hash_bytes(0x1111, scratch.lower.as_bytes())
        };
        info.push(TokenInfo {
            exact: hash_bytes(0x2222, w.as_bytes()),
            cluster: UNSET_CLUSTER,
            lower,
            shape,
            flags,
            known: known.get(i).copied().unwrap_or(0),
        });
        sent_start = matches!(w, "." | "!" | "?");
        prev_end = t.end as usize;
    }
    mark_sentence(&mut info[sent_begin_idx..]);
}

/// Flags a sentence as a headline when most of its words with letters are all capitals, and
/// as a table row (sports results, standings) when a third of its tokens are numbers.
pub(super) fn mark_sentence(sent: &mut [TokenInfo]) {
    let (mut words, mut caps) = (0, 0);
    let numbers = sent
        .iter()
        .filter(|t| t.flags & F_DIGIT != 0 && t.flags & F_UPPER == 0)
        .count();
    if numbers >= 2 && numbers * 3 >= sent.len() {
        for t in sent.iter_mut() {
            t.flags |= F_TABLE_ROW;
        }
    }
    for t in sent.iter() {
        if t.flags & F_PUNCT == 0 && (t.flags & F_UPPER != 0 || t.flags & F_DIGIT == 0) {
            words += 1;
            if t.flags & F_ALLCAPS != 0 {
                caps += 1;
            }
        }
    }
    if words >= 2 && caps * 10 >= words * 8 {
        for t in sent.iter_mut() {
            t.flags |= F_CAPS_SENT;
        }
    }
}

/// True when token `i` takes the fast path: not inside an entity, not in a known-table match,
/// and either without an uppercase letter or a capitalised function word ("The", "It") at the
/// start of a sentence. About 85% of news tokens take it; the F1 cost on CoNLL is nil.
#[inline]
pub(crate) fn is_obvious_outside(info: &TokenInfo, prev: u8) -> bool {
    !is_open(prev)
        && info.known == 0
        && (info.flags & F_UPPER == 0 || info.flags & F_FUNCTION_WORD != 0)
}

/// Function words that start sentences in capitals but never start a name in CoNLL-2003's
/// training data. Matched on the exact text of a sentence's first token.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "In",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "For",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "However",
    "Also",
    "Some",
    "Most",
    "Many",
    "Other",
    "Such",
    "Under",
    "With",
    "By",
    "From",
    "To",
    "Of",
    "Last",
    "Earlier",
    "Meanwhile",
];
