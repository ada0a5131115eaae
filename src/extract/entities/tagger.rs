//! The learned named-entity tagger: a greedy, left-to-right averaged perceptron over hashed
//! features, trained on CoNLL-2003 by `examples/train_ner.rs` (see [`super::train`]).
//!
//! It exists to find the entities the curated table cannot know about: people, companies and
//! places that first show up in the news. It runs on every passage at index time, so it is
//! built for speed:
//!
//! * features are 64-bit hashes built from per-token hashes computed once; no `String` is made
//!   per feature or per token;
//! * weights live in an open-addressing table of hashes with `i16` weights per label;
//! * decoding is greedy (each token's label is chosen from its features and the two labels
//!   before it), and tokens that are obviously outside any entity (see
//!   `is_obvious_outside`) are labelled `O` without being scored. About 85% of news tokens
//!   take that fast path. Training applies the same rule, so the model never relies on scores
//!   it will not see at run time.
//!
//! Besides word, affix, shape, context and label-history features, each token gets word
//! clusters learned from unlabelled news (stored in the weights file with the weights), which
//! is what lets the tagger generalise to names CoNLL never shows.
//!
//! The module is public only so the training and evaluation examples can reach it; the indexer
//! should use [`super::EntityExtractor`].

use super::tokens::Token;

/// Number of labels: `O` plus B-/I-/L-/U- (begin, inside, last, unit) for PER, ORG, LOC and
/// MISC. BILOU rather than IOB2 because a greedy decoder then decides where an entity ends
/// while looking at the token that ends it, which scored better on the CoNLL dev set.
pub const LABELS: usize = 17;
/// The label index of `O` (outside any entity).
pub const O: u8 = 0;
/// Pseudo-label used as the "previous label" before the first token of a sentence.
pub(crate) const START: u8 = LABELS as u8;

/// Where a token sits in its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// First token of a multi-token entity.
    Begin,
    /// Middle token.
    Inside,
    /// Last token of a multi-token entity.
    Last,
    /// A one-token entity.
    Unit,
}

impl Part {
    const ALL: [Part; 4] = [Part::Begin, Part::Inside, Part::Last, Part::Unit];
}

/// The label index for a type and a part.
pub fn label(ty: NerType, part: Part) -> u8 {
    1 + 4 * ty as u8 + part as u8
}

/// The type and part of a label, or `None` for `O` and `START`.
pub fn split_label(l: u8) -> Option<(NerType, Part)> {
    if l == O || l as usize >= LABELS {
        None
    } else {
        Some((
            NerType::ALL[((l - 1) / 4) as usize],
            Part::ALL[((l - 1) % 4) as usize],
        ))
    }
}

/// True when the entity continues after a token with this label (`B-` or `I-`).
#[inline]
pub(crate) fn is_open(l: u8) -> bool {
    matches!(split_label(l), Some((_, Part::Begin | Part::Inside)))
}

/// Whether `label` may follow `prev`: inside an entity only `I-`/`L-` of its type; outside
/// only `O`, `B-` or `U-`.
#[inline]
pub(crate) fn allowed(prev: u8, label: u8) -> bool {
    match (split_label(prev), split_label(label)) {
        (Some((pt, Part::Begin | Part::Inside)), Some((t, Part::Inside | Part::Last))) => pt == t,
        (Some((_, Part::Begin | Part::Inside)), _) => false,
        (_, Some((_, Part::Inside | Part::Last))) => false,
        _ => true,
    }
}

/// The CoNLL-2003 entity types. MISC (nationalities, events, products...) is learned because
/// it stops the tagger from calling "German" a place, but [`super::EntityExtractor`] drops it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerType {
    /// A person (CoNLL `PER`).
    Per,
    /// An organization (CoNLL `ORG`).
    Org,
    /// A location (CoNLL `LOC`).
    Loc,
    /// Anything else named (CoNLL `MISC`).
    Misc,
}

impl NerType {
    /// All types, in label order.
    pub const ALL: [NerType; 4] = [NerType::Per, NerType::Org, NerType::Loc, NerType::Misc];

    /// The CoNLL name of the type ("PER", "ORG", "LOC", "MISC").
    pub fn as_str(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Org => "ORG",
            NerType::Loc => "LOC",
            NerType::Misc => "MISC",
        }
    }

    /// Parses a CoNLL type name.
    pub fn parse(s: &str) -> Option<Self> {
        NerType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One entity found by the tagger: a run of tokens `[first, last)` and its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaggedSpan {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
    /// Byte offset of the start in the text.
    pub start: usize,
    /// Byte offset of the end in the text.
    pub end: usize,
    /// The entity type.
    pub ty: NerType,
}

// ---------------------------------------------------------------------------------------------
// Hashing. FxHash-style multiply-rotate: fast on short words and good enough once a final
// avalanche step spreads the bits for the table index.

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// Hashes bytes eight at a time.
#[inline]
pub(crate) fn hash_bytes(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = mix(h, u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut buf = [0u8; 8];
        buf[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
    }
    h
}

/// splitmix64's finaliser: every feature hash goes through it so the table index (top bits) is
/// well spread. Never returns 0, which marks an empty table slot.
#[inline]
fn finish(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    if x == 0 {
        1
    } else {
        x
    }
}

// ---------------------------------------------------------------------------------------------
// Per-token facts, computed once per token before decoding.

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
    exact: u64,
    /// Hash of the lowercased text.
    pub(crate) lower: u64,
    /// Hash of the collapsed word shape ("Xx", "X.X.", "d-d").
    shape: u64,
    /// Word clusters from unlabelled news: fine in the low byte, coarse in the high byte.
    cluster: u16,
    /// `F_*` bits.
    pub(crate) flags: u16,
    /// Known-table mark: 0 for none, else `1 + kind` with `KNOWN_BEGIN` set on a match's first
    /// token.
    known: u8,
}

/// Set in a known mark on the first token of a known-table match.
pub(crate) const KNOWN_BEGIN: u8 = 0x80;

/// Upper bound on the features of one token (the templates emit about 40).
const MAX_FEATURES: usize = 64;

/// Padding hashes for context positions before/after the sentence.
const BOS: u64 = 0x9e37_79b9_7f4a_7c15;
const EOS: u64 = 0x6a09_e667_f3bc_c909;

/// Reusable buffers for one tagging call, so decoding allocates only when a buffer first grows.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) info: Vec<TokenInfo>,
    pub(crate) labels: Vec<u8>,
    lower: String,
    pub(crate) feats: Vec<u64>,
    /// Weight-row indices of the current token's features.
    rows: Vec<u32>,
    /// Summed weights of [`word_features`] for recently scored words, direct-mapped by the
    /// word's hash: names repeat ("Reuters", "Japan"), and a hit skips a third of a token's
    /// feature hashing and table lookups. Integer sums, so scores are exactly the same.
    words: Vec<(u64, [i32; LABELS])>,
    /// The id of the tagger whose weights `words` holds (an evaluation may run two in one
    /// thread); 0 before the first use.
    words_of: usize,
}

/// Slots in [`Scratch::words`] (76 KiB per thread).
const WORD_CACHE: usize = 1 << 10;

/// Lowercases `w` into `buf` (cleared first).
fn lowercase_into(w: &str, buf: &mut String) {
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
fn mark_sentence(sent: &mut [TokenInfo]) {
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
const FUNCTION_WORDS: &[&str] = &[
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

// Template ids. Changing any of these (or the templates) requires retraining.
const T_BIAS: u64 = 1;
const T_EXACT: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_PREFIX: u64 = 5;
const T_SUFFIX: u64 = 6;
const T_LOWER_AT: u64 = 7;
const T_SHAPE_AT: u64 = 8;
const T_SHAPE_BI_L: u64 = 9;
const T_SHAPE_BI_R: u64 = 10;
const T_LOWER_BI_L: u64 = 11;
const T_LOWER_BI_R: u64 = 12;
const T_PREV: u64 = 13;
const T_PREV2: u64 = 14;
const T_PREV_LOWER: u64 = 15;
const T_PREV_SHAPE: u64 = 16;
const T_FLAGS: u64 = 17;
const T_CAPS_LOWER: u64 = 18;
const T_KNOWN_AT: u64 = 19;
const T_START_LOWER: u64 = 20;
const T_EXACT_AT: u64 = 21;
const T_CAPS_WINDOW: u64 = 23;
const T_LONG_SHAPE: u64 = 24;
const T_PREV_R1: u64 = 25;
const T_CLUSTER: u64 = 27;

/// Writes the feature hashes of token `i`, given the two labels before it (`(prev, prev2)`),
/// into `out`: [`word_features`] then [`context_features`].
pub(crate) fn features(
    text: &str,
    tokens: &[Token],
    info: &[TokenInfo],
    i: usize,
    prevs: (u8, u8),
    lower_buf: &mut String,
    out: &mut Vec<u64>,
) {
    out.clear();
    word_features(text, tokens, info, i, lower_buf, out);
    context_features(info, i, prevs, out);
}

/// Appends the features of token `i` that depend on its text alone (the word, its shape,
/// affixes and clusters), so their summed weights can be remembered per word.
fn word_features(
    text: &str,
    tokens: &[Token],
    info: &[TokenInfo],
    i: usize,
    lower_buf: &mut String,
    out: &mut Vec<u64>,
) {
    let t = &info[i];
    let push = |out: &mut Vec<u64>, h: u64| out.push(finish(h));
    push(out, mix(T_BIAS, 0));
    push(out, mix(T_EXACT, t.exact));
    push(out, mix(T_LOWER, t.lower));
    push(out, mix(T_SHAPE, t.shape));

    // Prefixes and suffixes of the lowercased word, one to four chars.
    let w = tokens[i].as_str(text);
    lowercase_into(w, lower_buf);
    let lw_str = lower_buf.as_str();
    let nchars = lw_str.chars().count();
    if nchars > 1 {
        let mut ends = [0usize; 5];
        let mut starts = [0usize; 5];
        let mut k = 0;
        for (pos, c) in lw_str.char_indices().take(4) {
            ends[k] = pos + c.len_utf8();
            k += 1;
        }
        for (m, end) in ends.iter().take(k.min(nchars - 1).min(4)).enumerate() {
            push(
                out,
                mix(
                    hash_bytes(T_PREFIX + m as u64 * 64, &lw_str.as_bytes()[..*end]),
                    0,
                ),
            );
        }
        let mut k2 = 0;
        for (pos, _) in lw_str.char_indices().rev().take(4) {
            starts[k2] = pos;
            k2 += 1;
        }
        for (m, st) in starts.iter().take(k2.min(nchars - 1).min(4)).enumerate() {
            push(
                out,
                mix(
                    hash_bytes(T_SUFFIX + m as u64 * 64, &lw_str.as_bytes()[*st..]),
                    0,
                ),
            );
        }
    }

    // Uncollapsed shape of the first eight chars: keeps length and inner case changes.
    let mut ls = T_LONG_SHAPE;
    for c in w.chars().take(8) {
        let k = if c.is_uppercase() {
            1
        } else if c.is_alphabetic() {
            2
        } else if c.is_numeric() {
            3
        } else {
            c as u64
        };
        ls = mix(ls, k);
    }
    push(out, ls);

    // Word clusters of the token itself, fine and coarse.
    push(out, mix(mix(T_CLUSTER, 0), (t.cluster & 0xff) as u64));
    push(out, mix(mix(T_CLUSTER, 1), (t.cluster >> 8) as u64));
}

/// Appends the features of token `i` that depend on where it stands: sentence flags, the
/// words and shapes around it, the labels before it and the known-table mark.
fn context_features(info: &[TokenInfo], i: usize, (prev, prev2): (u8, u8), out: &mut Vec<u64>) {
    let t = &info[i];
    let lower = t.lower;
    let n = info.len();
    // Context hashes, padded at sentence edges.
    let left = |d: usize| -> Option<&TokenInfo> {
        let mut j = i;
        for _ in 0..d {
            if info[j].flags & F_SENT_START != 0 || j == 0 {
                return None;
            }
            j -= 1;
        }
        Some(&info[j])
    };
    let right = |d: usize| -> Option<&TokenInfo> {
        let j = i + d;
        if j >= n || (i + 1..=j).any(|k| info[k].flags & F_SENT_START != 0) {
            None
        } else {
            Some(&info[j])
        }
    };
    let l1 = left(1);
    let l2 = left(2);
    let r1 = right(1);
    let r2 = right(2);
    let lw = |x: Option<&TokenInfo>, pad: u64| x.map_or(pad, |x| x.lower);
    let sh = |x: Option<&TokenInfo>, pad: u64| x.map_or(pad, |x| x.shape);

    let push = |out: &mut Vec<u64>, h: u64| out.push(finish(h));
    let flags = t.flags & (F_SENT_START | F_CAPS_SENT | F_TABLE_ROW);
    push(out, mix(mix(T_FLAGS, flags as u64), t.shape));
    if t.flags & F_CAPS_SENT != 0 {
        push(out, mix(T_CAPS_LOWER, lower));
    }
    if t.flags & F_SENT_START != 0 {
        push(out, mix(T_START_LOWER, lower));
    }

    // Window words and shapes.
    push(out, mix(mix(T_LOWER_AT, 1), lw(l1, BOS)));
    push(out, mix(mix(T_LOWER_AT, 2), lw(l2, BOS)));
    push(out, mix(mix(T_LOWER_AT, 3), lw(r1, EOS)));
    push(out, mix(mix(T_LOWER_AT, 4), lw(r2, EOS)));
    push(out, mix(mix(T_EXACT_AT, 1), l1.map_or(BOS, |x| x.exact)));
    push(out, mix(mix(T_EXACT_AT, 3), r1.map_or(EOS, |x| x.exact)));
    push(out, mix(mix(T_SHAPE_AT, 1), sh(l1, BOS)));
    push(out, mix(mix(T_SHAPE_AT, 3), sh(r1, EOS)));
    push(out, mix(mix(T_SHAPE_BI_L, sh(l1, BOS)), t.shape));
    push(out, mix(mix(T_SHAPE_BI_R, t.shape), sh(r1, EOS)));
    push(out, mix(mix(T_LOWER_BI_L, lw(l1, BOS)), lower));
    push(out, mix(mix(T_LOWER_BI_R, lower), lw(r1, EOS)));

    // Capitalisation pattern of the five-token window.
    let cls = |x: Option<&TokenInfo>| -> u64 {
        x.map_or(7, |x| {
            if x.flags & F_PUNCT != 0 {
                1
            } else if x.flags & F_ALLCAPS != 0 {
                2
            } else if x.flags & F_INITCAP != 0 {
                3
            } else if x.flags & F_UPPER != 0 {
                4
            } else if x.flags & F_DIGIT != 0 {
                5
            } else {
                6
            }
        })
    };
    let (c0, cl1, cl2, cr1, cr2) = (cls(Some(t)), cls(l1), cls(l2), cls(r1), cls(r2));
    push(out, mix(T_CAPS_WINDOW, c0 | cl1 << 4 | cr1 << 8));
    push(out, mix(T_CAPS_WINDOW, c0 | cl1 << 4 | cl2 << 8 | 1 << 20));
    push(out, mix(T_CAPS_WINDOW, c0 | cr1 << 4 | cr2 << 8 | 2 << 20));

    // Word clusters: fine next door, coarse with the previous label, fine with the flags.
    let fine = |x: Option<&TokenInfo>| x.map_or(0x1_0000, |x| (x.cluster & 0xff) as u64);
    let coarse = |x: &TokenInfo| (x.cluster >> 8) as u64;
    push(out, mix(mix(T_CLUSTER, 2), fine(l1)));
    push(out, mix(mix(T_CLUSTER, 3), fine(r1)));
    push(out, mix(mix(mix(T_CLUSTER, 4), coarse(t)), prev as u64));
    push(
        out,
        mix(mix(mix(T_CLUSTER, 6), fine(Some(t))), flags as u64),
    );

    // Label history.
    push(out, mix(T_PREV, prev as u64));
    push(out, mix(mix(T_PREV2, prev2 as u64), prev as u64));
    push(out, mix(mix(T_PREV_LOWER, prev as u64), lower));
    push(out, mix(mix(T_PREV_SHAPE, prev as u64), t.shape));
    push(out, mix(mix(T_PREV_R1, prev as u64), lw(r1, EOS)));

    // Known-table mark (the neighbours' marks did not help on the dev set).
    push(out, mix(mix(T_KNOWN_AT, 0), t.known as u64));
}

// ---------------------------------------------------------------------------------------------
// The weight table and the word-cluster lexicon.

/// Magic bytes at the start of a weights file (format version 2).
const MAGIC: &[u8; 8] = b"NDXNER2\0";

/// Word-cluster value for words the lexicon does not have.
pub(crate) const NO_CLUSTER: u16 = 0xffff;
/// Cluster value of a token whose clusters have not been looked up yet. Lookups are lazy
/// because only tokens that are scored, and their neighbours, need them.
const UNSET_CLUSTER: u16 = 0xfffe;

/// An open-addressing map from 64-bit hashes to `u32` values below `u32::MAX`, with linear
/// probing from the hash's top bits. Each slot is one `u64`: the hash's low 32 bits as a
/// fingerprint and the value plus one (0 marks an empty slot), so a lookup touches one cache
/// line in the common case. Two hashes that share both their home slot region and their low 32
/// bits would be confused; with 64-bit hashes and a few hundred thousand keys that does not
/// happen in practice, and a confusion would only add one wrong feature weight.
struct HashIndex {
    slots: Vec<u64>,
    mask: usize,
    shift: u32,
}

impl HashIndex {
    fn new(pairs: impl ExactSizeIterator<Item = (u64, u32)>) -> HashIndex {
        // Load factor between 3/8 and 3/4: small enough to stay in cache, sparse enough that a
        // miss usually ends at the home slot.
        let cap = (pairs.len() * 4 / 3).next_power_of_two().max(16);
        let bits = cap.trailing_zeros();
        let mut idx = HashIndex {
            slots: vec![0; cap],
            mask: cap - 1,
            shift: 64 - bits,
        };
        for (h, v) in pairs {
            let fp = (h as u32 as u64) << 32;
            let mut s = (h >> idx.shift) as usize;
            while idx.slots[s] != 0 && idx.slots[s] >> 32 != fp >> 32 {
                s = (s + 1) & idx.mask;
            }
            idx.slots[s] = fp | (v as u64 + 1);
        }
        idx
    }

    #[inline]
    fn get(&self, h: u64) -> Option<u32> {
        let fp = h as u32 as u64;
        let mut s = (h >> self.shift) as usize;
        loop {
            let slot = self.slots[s];
            if slot == 0 {
                return None;
            }
            if slot >> 32 == fp {
                return Some((slot as u32).wrapping_sub(1));
            }
            s = (s + 1) & self.mask;
        }
    }
}

/// The contents of a weights file: feature rows and the word-cluster lexicon.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelData {
    /// `(feature hash, quantised weight per label)`.
    pub rows: Vec<(u64, [i16; LABELS])>,
    /// `(word key, fine cluster | coarse cluster << 8)`, see [`lexicon_key`].
    pub words: Vec<(u64, u16)>,
}

impl ModelData {
    /// Serialises the model; rows and words are sorted first, so equal models give equal bytes.
    ///
    /// Format (little-endian): `MAGIC`, `u32` label count, `u32` feature count `n`, `u32` word
    /// count `m`, `n` feature hashes (`u64`), `n * LABELS` weights (`i16`, row by row), `m` word
    /// keys (`u64`), `m` clusters (`u16`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows = self.rows.clone();
        rows.sort_unstable_by_key(|r| r.0);
        let mut words = self.words.clone();
        words.sort_unstable();
        let mut out = Vec::with_capacity(20 + rows.len() * (8 + 2 * LABELS) + words.len() * 10);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(LABELS as u32).to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (h, _) in &rows {
            out.extend_from_slice(&h.to_le_bytes());
        }
        for (_, w) in &rows {
            for v in w {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        for (h, _) in &words {
            out.extend_from_slice(&h.to_le_bytes());
        }
        for (_, c) in &words {
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    /// Parses a weights file (see [`ModelData::to_bytes`] for the format).
    pub fn from_bytes(bytes: &[u8]) -> Result<ModelData, String> {
        let err = |m: &str| format!("bad NER weights file: {m}");
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(err("missing magic bytes (retrain with scripts/train-ner)"));
        }
        let word = |i: usize| {
            u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize
        };
        let (labels, n, m) = (word(8), word(12), word(16));
        if labels != LABELS {
            return Err(err("wrong label count"));
        }
        if bytes.len() != 20 + n * (8 + 2 * LABELS) + m * 10 {
            return Err(err("wrong length"));
        }
        let u64_at =
            |b: &[u8]| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        let (hashes, rest) = bytes[20..].split_at(n * 8);
        let (ws, rest) = rest.split_at(n * 2 * LABELS);
        let (wkeys, wvals) = rest.split_at(m * 8);
        let rows = hashes
            .chunks_exact(8)
            .zip(ws.chunks_exact(LABELS * 2))
            .map(|(h, w)| {
                let mut row = [0i16; LABELS];
                for (k, v) in row.iter_mut().enumerate() {
                    *v = i16::from_le_bytes([w[2 * k], w[2 * k + 1]]);
                }
                (u64_at(h), row)
            })
            .collect();
        let words = wkeys
            .chunks_exact(8)
            .zip(wvals.chunks_exact(2))
            .map(|(h, c)| (u64_at(h), u16::from_le_bytes([c[0], c[1]])))
            .collect();
        Ok(ModelData { rows, words })
    }
}

/// The key a word is stored under in the cluster lexicon: its exact text, hashed.
pub fn lexicon_key(word: &str) -> u64 {
    finish(mix(0x1e8, hash_bytes(0x2222, word.as_bytes())))
}

/// Trained weights and word clusters, ready for lookups.
pub struct Tagger {
    features: HashIndex,
    /// One row of quantised weights per feature, indexed by `features`' values.
    weights: Vec<[i16; LABELS]>,
    /// Word key → clusters.
    lexicon: HashIndex,
    /// Unique per tagger made in this process: keys the per-thread word cache.
    id: usize,
}

impl Tagger {
    /// Builds a tagger from parsed model data.
    pub fn from_data(data: ModelData) -> Tagger {
        let features = HashIndex::new(data.rows.iter().enumerate().map(|(i, r)| (r.0, i as u32)));
        let weights = data.rows.into_iter().map(|r| r.1).collect();
        let lexicon = HashIndex::new(data.words.into_iter().map(|(h, c)| (h, c as u32)));
        static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
        Tagger {
            features,
            weights,
            lexicon,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Reads a weights file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        ModelData::from_bytes(bytes).map(Tagger::from_data)
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when the model has no features (never for a trained model).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The clusters of a word (`NO_CLUSTER` if the lexicon lacks it).
    #[inline]
    pub(crate) fn clusters(&self, exact_hash: u64) -> u16 {
        self.lexicon
            .get(finish(mix(0x1e8, exact_hash)))
            .map_or(NO_CLUSTER, |c| c as u16)
    }

    /// Sums the weight rows of `feats`. Memory latency dominates tagging, so the lookups are
    /// split into passes whose loads do not depend on each other: first every feature's home
    /// slot is read, then the rare collisions are probed, then the weight rows are summed. The
    /// CPU can then keep many cache misses in flight instead of one at a time.
    #[inline]
    fn score(&self, feats: &[u64], rows: &mut Vec<u32>) -> [i32; LABELS] {
        let idx = &self.features;
        rows.clear();
        // Pass 1: read every home slot, with no branch between the loads.
        let mut slots = [0u64; MAX_FEATURES];
        let n = feats.len().min(MAX_FEATURES);
        for (slot, &f) in slots.iter_mut().zip(&feats[..n]) {
            *slot = idx.slots[(f >> idx.shift) as usize];
        }
        // Pass 2: keep hits, probe past collisions.
        for (&slot, &f) in slots.iter().zip(&feats[..n]) {
            if slot == 0 {
                continue;
            }
            if slot >> 32 == f as u32 as u64 {
                rows.push((slot as u32).wrapping_sub(1));
            } else if let Some(r) = idx.get(f) {
                rows.push(r);
            }
        }
        // Pass 3: sum the rows.
        let mut scores = [0i32; LABELS];
        for &r in rows.iter() {
            let w = &self.weights[r as usize];
            for (s, &v) in scores.iter_mut().zip(w) {
                *s += v as i32;
            }
        }
        scores
    }

    /// Looks up the clusters of token `i` unless already done.
    #[inline]
    fn fill_cluster(
        &self,
        text: &str,
        tokens: &[Token],
        info: &mut [TokenInfo],
        i: usize,
        buf: &mut String,
    ) {
        let Some(t) = info.get_mut(i) else { return };
        if t.cluster != UNSET_CLUSTER {
            return;
        }
        let mut cluster = self.clusters(t.exact);
        if cluster == NO_CLUSTER && t.flags & F_ALLCAPS != 0 {
            // Headlines and sports tables shout ("DALLAS"): borrow the title-case word's
            // clusters.
            lowercase_into(tokens[i].as_str(text), buf);
            if let Some(first) = buf.chars().next() {
                let mut title = String::with_capacity(buf.len());
                title.extend(first.to_uppercase());
                title.push_str(&buf[first.len_utf8()..]);
                cluster = self.clusters(hash_bytes(0x2222, title.as_bytes()));
            }
        }
        t.cluster = cluster;
    }

    /// Looks up the clusters of every token (training featurises tokens in any order).
    pub(crate) fn fill_all_clusters(&self, text: &str, tokens: &[Token], scratch: &mut Scratch) {
        for i in 0..tokens.len() {
            self.fill_cluster(text, tokens, &mut scratch.info, i, &mut scratch.lower);
        }
    }

    /// Labels every token of `tokens` (one label per token into `scratch.labels`), after
    /// [`prepare`] has filled `scratch.info`.
    pub(crate) fn decode(&self, text: &str, tokens: &[Token], scratch: &mut Scratch) {
        let Scratch {
            info,
            labels,
            lower,
            feats,
            rows,
            words,
            words_of,
        } = scratch;
        labels.clear();
        let me = self.id;
        if words.is_empty() || *words_of != me {
            // Key 0 marks an empty slot; a word whose hash is 0 is simply never cached.
            words.clear();
            words.resize(WORD_CACHE, (0, [0; LABELS]));
            *words_of = me;
        }
        let mut prev = START;
        let mut prev2 = START;
        for i in 0..tokens.len() {
            if info[i].flags & F_SENT_START != 0 {
                prev = START;
                prev2 = START;
            }
            let label = if is_obvious_outside(&info[i], prev) {
                O
            } else {
                for j in i.saturating_sub(1)..i + 2 {
                    self.fill_cluster(text, tokens, info, j, lower);
                }
                let key = info[i].exact;
                let slot = (finish(key) as usize) & (WORD_CACHE - 1);
                let word = if key != 0 && words[slot].0 == key {
                    words[slot].1
                } else {
                    feats.clear();
                    word_features(text, tokens, info, i, lower, feats);
                    let sums = self.score(feats, rows);
                    if key != 0 {
                        words[slot] = (key, sums);
                    }
                    sums
                };
                feats.clear();
                context_features(info, i, (prev, prev2), feats);
                let mut scores = self.score(feats, rows);
                for (s, w) in scores.iter_mut().zip(word) {
                    *s += w;
                }
                best_label(&scores, prev)
            };
            labels.push(label);
            prev2 = prev;
            prev = label;
        }
    }
}

/// The highest-scoring label allowed after `prev` (ties go to the lower index, so `O` wins).
#[inline]
pub(crate) fn best_label<T: PartialOrd + Copy>(scores: &[T; LABELS], prev: u8) -> u8 {
    let mut best = O;
    let mut best_score = scores[0];
    for (l, &s) in scores.iter().enumerate().skip(1) {
        if s > best_score && allowed(prev, l as u8) {
            best = l as u8;
            best_score = s;
        }
    }
    best
}

/// Turns per-token labels into entity spans. Labels that break BILOU order (an entity left
/// open at the end of a sentence, an `I-` of the wrong type) are read leniently: an open entity
/// ends where the next one starts or where an `O` is.
pub(crate) fn spans_from_labels(tokens: &[Token], labels: &[u8], out: &mut Vec<TaggedSpan>) {
    out.clear();
    let mut open: Option<(usize, NerType)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let Some((ty, part)) = split_label(l) else {
            if let Some((first, t)) = open.take() {
                out.push(make_span(tokens, first, i, t));
            }
            continue;
        };
        let continues =
            matches!(part, Part::Inside | Part::Last) && open.is_some_and(|o| o.1 == ty);
        if !continues {
            if let Some((first, t)) = open.take() {
                out.push(make_span(tokens, first, i, t));
            }
            open = Some((i, ty));
        }
        if matches!(part, Part::Last | Part::Unit) {
            if let Some((first, t)) = open.take() {
                out.push(make_span(tokens, first, i + 1, t));
            }
        }
    }
    if let Some((first, t)) = open {
        out.push(make_span(tokens, first, labels.len(), t));
    }
}

fn make_span(tokens: &[Token], first: usize, last: usize, ty: NerType) -> TaggedSpan {
    TaggedSpan {
        first,
        last,
        start: tokens[first].start as usize,
        end: tokens[last - 1].end as usize,
        ty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_follow_bilou() {
        for t in NerType::ALL {
            for p in Part::ALL {
                assert_eq!(split_label(label(t, p)), Some((t, p)));
            }
            assert_eq!(NerType::parse(t.as_str()), Some(t));
            assert!(allowed(label(t, Part::Begin), label(t, Part::Last)));
            assert!(!allowed(label(t, Part::Begin), O));
            assert!(!allowed(O, label(t, Part::Inside)));
            assert!(allowed(START, label(t, Part::Unit)));
        }
        assert_eq!(split_label(O), None);
        assert!(!allowed(
            label(NerType::Per, Part::Begin),
            label(NerType::Org, Part::Last)
        ));
    }

    #[test]
    fn spans_from_labels_reads_bilou() {
        let toks: Vec<Token> = (0..5)
            .map(|i| Token {
                start: 2 * i,
                end: 2 * i + 1,
            })
            .collect();
        let labels = [
            label(NerType::Per, Part::Begin),
            label(NerType::Per, Part::Last),
            O,
            label(NerType::Loc, Part::Unit),
            label(NerType::Org, Part::Begin),
        ];
        let mut out = Vec::new();
        spans_from_labels(&toks, &labels, &mut out);
        let got: Vec<_> = out.iter().map(|s| (s.first, s.last, s.ty)).collect();
        assert_eq!(
            got,
            [
                (0, 2, NerType::Per),
                (3, 4, NerType::Loc),
                (4, 5, NerType::Org)
            ]
        );
    }

    #[test]
    fn weights_round_trip_through_bytes() {
        let data = ModelData {
            rows: vec![(5u64, [1i16; LABELS]), (3u64, [-2i16; LABELS])],
            words: vec![(lexicon_key("Reuters"), 0x0203)],
        };
        let bytes = data.to_bytes();
        let back = ModelData::from_bytes(&bytes).expect("parses");
        assert_eq!(back.rows.len(), 2);
        let t = Tagger::from_data(back);
        assert_eq!(t.len(), 2);
        let mut rows = Vec::new();
        assert_eq!(t.score(&[3, 4], &mut rows), [-2i32; LABELS]);
        assert_eq!(t.clusters(hash_bytes(0x2222, b"Reuters")), 0x0203);
        assert_eq!(t.clusters(hash_bytes(0x2222, b"reuters")), NO_CLUSTER);
        assert!(Tagger::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Tagger::from_bytes(b"nonsense").is_err());
    }
}
