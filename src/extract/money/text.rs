//! Byte-level helpers the grammar reads text with.
//!
//! The grammar works on bytes; every position it returns is at an ASCII byte or at the edge of a
//! whole symbol, so spans always fall on char boundaries. Whitespace includes the no-break and
//! thin spaces some sites put inside amounts, and phrases match across Reuters' line breaks.

pub(super) struct Cx<'a> {
    pub(super) b: &'a [u8],
}

#[inline]
pub(super) fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

#[inline]
pub(super) fn is_letter(c: u8) -> bool {
    c.is_ascii_alphabetic()
}

#[inline]
pub(super) fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}

/// Length of the whitespace character at `i`: ASCII space and controls,
/// no-break space, and the thin spaces some sites put in "€ 5".
pub(super) fn ws_len(b: &[u8], i: usize) -> usize {
    match at(b, i) {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        0xC2 if at(b, i + 1) == 0xA0 => 2,
        0xE2 if at(b, i + 1) == 0x80 && matches!(at(b, i + 2), 0x88 | 0x89 | 0x8A | 0xAF) => 3,
        _ => 0,
    }
}

pub(super) fn skip_ws(b: &[u8], mut i: usize) -> usize {
    loop {
        let n = ws_len(b, i);
        if n == 0 {
            return i;
        }
        i += n;
    }
}

pub(super) fn skip_ws_back(b: &[u8], mut i: usize) -> usize {
    loop {
        if i >= 1 && matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            i -= 1;
        } else if i >= 2 && b[i - 2] == 0xC2 && b[i - 1] == 0xA0 {
            i -= 2;
        } else if i >= 3
            && b[i - 3] == 0xE2
            && b[i - 2] == 0x80
            && matches!(b[i - 1], 0x88 | 0x89 | 0x8A | 0xAF)
        {
            i -= 3;
        } else {
            return i;
        }
    }
}

pub(super) fn letters_end(b: &[u8], mut i: usize) -> usize {
    while is_letter(at(b, i)) {
        i += 1;
    }
    i
}

/// End of a word that may contain inner dots ("u.s", "n.z"); a final dot is
/// not included.
pub(super) fn dotted_end(b: &[u8], i: usize) -> usize {
    let mut e = letters_end(b, i);
    while at(b, e) == b'.' && is_letter(at(b, e + 1)) {
        e = letters_end(b, e + 1);
    }
    e
}

/// A short ASCII word, lower-cased on the stack.
#[derive(Clone, Copy)]
pub(super) struct Lw {
    pub(super) buf: [u8; 24],
    pub(super) len: usize,
}

impl Lw {
    pub(super) fn new(src: &[u8]) -> Option<Lw> {
        if src.is_empty() || src.len() > 24 {
            return None;
        }
        let mut buf = [0u8; 24];
        for (d, s) in buf.iter_mut().zip(src) {
            *d = s.to_ascii_lowercase();
        }
        Some(Lw {
            buf,
            len: src.len(),
        })
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

pub(super) fn lw(b: &[u8], s: usize, e: usize) -> Option<Lw> {
    Lw::new(b.get(s..e)?)
}

/// The lower-cased letter word starting at `i`, with its end.
pub(super) fn word_at(b: &[u8], i: usize) -> Option<(Lw, usize)> {
    if !is_letter(at(b, i)) {
        return None;
    }
    let e = letters_end(b, i);
    Some((lw(b, i, e)?, e))
}

pub(super) fn word_is(b: &[u8], i: usize, w: &str) -> Option<usize> {
    let (x, e) = word_at(b, i)?;
    (x.as_str() == w).then_some(e)
}

/// The word just before `i` (skipping whitespace), lower-cased.
pub(super) fn prev_word(b: &[u8], i: usize) -> Option<Lw> {
    let e = skip_ws_back(b, i);
    let mut s = e;
    while s > 0 && is_letter(b[s - 1]) {
        s -= 1;
    }
    if s == e {
        return None;
    }
    lw(b, s, e)
}

pub(super) fn prev_word_in(b: &[u8], i: usize, set: &[&str]) -> bool {
    prev_word(b, i).is_some_and(|w| set.contains(&w.as_str()))
}

pub(super) fn is_upper_word(b: &[u8], s: usize, e: usize) -> bool {
    b[s..e]
        .iter()
        .all(|c| !c.is_ascii_alphabetic() || c.is_ascii_uppercase())
}

/// Whether `phrase` (lower case, single spaces) ends exactly at `e`, preceded
/// by a non-letter. Spaces in the phrase match any whitespace run, because
/// Reuters wraps lines anywhere.
pub(super) fn phrase_ends_at(b: &[u8], e: usize, phrase: &str) -> bool {
    let p = phrase.as_bytes();
    let mut i = e;
    let mut k = p.len();
    while k > 0 {
        let pc = p[k - 1];
        if pc == b' ' {
            let j = skip_ws_back(b, i);
            if j == i {
                return false;
            }
            i = j;
        } else {
            if i == 0 || !b[i - 1].eq_ignore_ascii_case(&pc) {
                return false;
            }
            i -= 1;
        }
        k -= 1;
    }
    !(is_letter(p[0]) && i > 0 && is_letter(b[i - 1]))
}

/// If `phrase` starts at `i` and ends at a word boundary, its end.
pub(super) fn phrase_starts_at(b: &[u8], i: usize, phrase: &str) -> Option<usize> {
    let p = phrase.as_bytes();
    let mut j = i;
    for &pc in p {
        if pc == b' ' {
            let k = skip_ws(b, j);
            if k == j {
                return None;
            }
            j = k;
        } else {
            if !at(b, j).eq_ignore_ascii_case(&pc) {
                return None;
            }
            j += 1;
        }
    }
    let last = p[p.len() - 1];
    if is_letter(last) && is_letter(at(b, j)) {
        return None;
    }
    Some(j)
}
