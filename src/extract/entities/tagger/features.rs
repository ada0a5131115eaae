//! The feature templates: word, affix, shape, context, cluster and label-history features
//! of a token, each a 64-bit hash. Changing a template or its id requires retraining.

use crate::extract::entities::tokens::Token;

use super::hash::{finish, hash_bytes, mix};
use super::token_info::{
    lowercase_into, TokenInfo, BOS, EOS, F_ALLCAPS, F_CAPS_SENT, F_DIGIT, F_INITCAP, F_PUNCT,
    F_SENT_START, F_TABLE_ROW, F_UPPER,
};

// Template ids. Changing any of these (or the templates) requires retraining.
pub(super) const T_BIAS: u64 = 1;
pub(super) const T_EXACT: u64 = 2;
pub(super) const T_LOWER: u64 = 3;
pub(super) const T_SHAPE: u64 = 4;
pub(super) const T_PREFIX: u64 = 5;
pub(super) const T_SUFFIX: u64 = 6;
pub(super) const T_LOWER_AT: u64 = 7;
pub(super) const T_SHAPE_AT: u64 = 8;
pub(super) const T_SHAPE_BI_L: u64 = 9;
pub(super) const T_SHAPE_BI_R: u64 = 10;
pub(super) const T_LOWER_BI_L: u64 = 11;
pub(super) const T_LOWER_BI_R: u64 = 12;
pub(super) const T_PREV: u64 = 13;
pub(super) const T_PREV2: u64 = 14;
pub(super) const T_PREV_LOWER: u64 = 15;
pub(super) const T_PREV_SHAPE: u64 = 16;
pub(super) const T_FLAGS: u64 = 17;
pub(super) const T_CAPS_LOWER: u64 = 18;
pub(super) const T_KNOWN_AT: u64 = 19;
pub(super) const T_START_LOWER: u64 = 20;
pub(super) const T_EXACT_AT: u64 = 21;
pub(super) const T_CAPS_WINDOW: u64 = 23;
pub(super) const T_LONG_SHAPE: u64 = 24;
pub(super) const T_PREV_R1: u64 = 25;
pub(super) const T_CLUSTER: u64 = 27;

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
pub(super) fn word_features(
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
pub(super) fn context_features(
    info: &[TokenInfo],
    i: usize,
    (prev, prev2): (u8, u8),
    out: &mut Vec<u64>,
) {
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
