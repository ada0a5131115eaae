//! Currency markers around a numeral, the part of a mention that says in what.
//!
//! Symbols, letters and codes before the figure (`$`, `US$`, `Rs`, `MAUD`), and symbols, codes
//! and currency words after it (`5 €`, `75 USD million`, `750 mln dlrs`, `Canadian dollars`).
//! The guards that keep ordinary words from being read as money (`3.5 pounds` of weight,
//! `5 marks` in an exam) are applied here.

use super::number::{parse_amount, spaced_mag, Amount};
use super::tables::Family::{Cent, Dollar, Pound, Single};
use super::tables::Guard::{Lower, NeedsAdj, Plain, Weak, Weight};
use super::tables::{
    CodeInfo, WordInfo, DOLLAR_SUFFIX_LETTERS, LETTER_SYMBOLS, SYMBOLS, SYMBOL_PREFIXES, TABLES,
};
use super::text::{
    at, dotted_end, is_digit, is_letter, is_upper_word, letters_end, lw, phrase_starts_at,
    prev_word_in, skip_ws, word_at, word_is, ws_len, Cx,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CurKind {
    Symbol,
    Code,
    Word,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Cur {
    pub(super) end: usize,
    pub(super) iso: &'static str,
    /// Whole units per stated unit: 0.01 for cents.
    pub(super) factor: f64,
    /// A scale carried by the marker: `MUSD`, or "75 USD million".
    pub(super) mag: f64,
    pub(super) kind: CurKind,
    /// Glued to the number by a hyphen: "12-cent", "billion-dollar".
    pub(super) hyphen: bool,
}

pub(super) fn symbol_at(b: &[u8], i: usize) -> Option<(usize, &'static str, &'static str)> {
    let c = at(b, i);
    if c == b'$' {
        return Some((i + 1, "$", "USD"));
    }
    if c < 0x80 && c != b'z' {
        return None;
    }
    let rest = b.get(i..)?;
    SYMBOLS
        .iter()
        .find(|(s, _)| rest.starts_with(s.as_bytes()))
        .map(|&(s, iso)| (i + s.len(), s, iso))
}

/// `$` at `i`, with Australian-style letters after it (`$US5m`).
pub(super) fn dollar_sign(b: &[u8], i: usize, iso: &'static str) -> Cur {
    let mut cur = Cur {
        end: i + 1,
        iso,
        factor: 1.0,
        mag: 1.0,
        kind: CurKind::Symbol,
        hyphen: false,
    };
    let le = letters_end(b, i + 1);
    if le > i + 1 && iso == "USD" {
        let after = skip_ws(b, le);
        if is_digit(at(b, after)) {
            if let Some(&(_, code)) = DOLLAR_SUFFIX_LETTERS
                .iter()
                .find(|(l, _)| l.as_bytes() == &b[i + 1..le])
            {
                cur.end = le;
                cur.iso = code;
            }
        }
    }
    cur
}

pub(super) fn code_at(b: &[u8], s: usize, e: usize) -> Option<CodeInfo> {
    let w = lw(b, s, e)?;
    let info = *TABLES.codes.get(w.as_str())?;
    if info.upper_only && !is_upper_word(b, s, e) {
        return None;
    }
    Some(info)
}

/// A currency marker written before the number at `i`.
pub(super) fn prefix_cur(cx: &Cx, i: usize) -> Option<Cur> {
    let b = cx.b;
    let c = at(b, i);
    if c == b'$' {
        return Some(dollar_sign(b, i, "USD"));
    }
    if !is_letter(c) {
        let (end, _, iso) = symbol_at(b, i)?;
        return Some(Cur {
            end,
            iso,
            factor: 1.0,
            mag: 1.0,
            kind: CurKind::Symbol,
            hyphen: false,
        });
    }
    if c == b'z' && at(b, i + 1) >= 0x80 {
        // "zł" is written after the number.
        return None;
    }
    let de = dotted_end(b, i);
    let w = lw(b, i, de)?;
    let w = w.as_str();
    // Letters + symbol: "US$", "c $", "HK$", "u.s. $", "Mex$".
    if SYMBOL_PREFIXES.iter().any(|(l, ..)| *l == w) {
        let after_dot = if at(b, de) == b'.' { de + 1 } else { de };
        let k = skip_ws(b, after_dot);
        if let Some((se, sym, _)) = symbol_at(b, k) {
            let glued = k == de;
            // Spaced lower-case letters count only in tokenised text
            // ("us $ 150 million"): "gave us $5" is a pronoun.
            if !glued && !is_upper_word(b, i, de) && ws_len(b, se) == 0 {
                return None;
            }
            if let Some(&(_, _, iso, _)) = SYMBOL_PREFIXES
                .iter()
                .find(|(l, s, _, glue)| *l == w && *s == sym && (glued || !*glue))
            {
                let mut cur = if sym == "$" {
                    dollar_sign(b, k, iso)
                } else {
                    Cur {
                        end: se,
                        iso,
                        factor: 1.0,
                        mag: 1.0,
                        kind: CurKind::Symbol,
                        hyphen: false,
                    }
                };
                cur.iso = iso;
                return Some(cur);
            }
        }
    }
    if de != letters_end(b, i) {
        return None;
    }
    if let Some(&(_, iso, upper)) = LETTER_SYMBOLS.iter().find(|(l, ..)| *l == w) {
        if upper && !is_upper_word(b, i, de) {
            return None;
        }
        let end = if at(b, de) == b'.' { de + 1 } else { de };
        return Some(Cur {
            end,
            iso,
            factor: 1.0,
            mag: 1.0,
            kind: CurKind::Symbol,
            hyphen: false,
        });
    }
    let info = code_at(b, i, de)?;
    Some(Cur {
        end: de,
        iso: info.iso,
        factor: 1.0,
        mag: info.mag,
        kind: CurKind::Code,
        hyphen: false,
    })
}

/// Whether a symbol written after a number really belongs to it. A symbol
/// glued to the next digits ("1 $10") or followed by another figure
/// ("in 1988 $ 75 million") belongs to what follows, unless that figure
/// carries its own unit ("10 $ 30 $", "10 $ 30 cent").
pub(super) fn suffix_symbol_ok(cx: &Cx, sym_end: usize) -> bool {
    let b = cx.b;
    if is_digit(at(b, sym_end)) {
        return false;
    }
    let k = skip_ws(b, sym_end);
    if k > sym_end && is_digit(at(b, k)) {
        if let Some(a2) = parse_amount(cx, k, false) {
            let k2 = skip_ws(b, a2.end);
            if symbol_at(b, k2).is_some() {
                return true;
            }
            if word_at(b, k2).is_some_and(|(w, _)| matches!(w.as_str(), "cent" | "cents" | "cts")) {
                return true;
            }
        }
        return false;
    }
    true
}

/// Whether the currency word at `word` (after the amount `a` starting at
/// `start`) passes its guard.
pub(super) fn guard_ok(
    cx: &Cx,
    info: &WordInfo,
    a: &Amount,
    start: usize,
    word: (usize, usize),
    adj: bool,
    hyphen: bool,
) -> bool {
    let b = cx.b;
    let (ws, we) = word;
    match info.guard {
        Plain => true,
        Lower => b[ws..we].iter().all(|c| c.is_ascii_lowercase()),
        NeedsAdj => adj,
        Weak => adj || a.has_mag || a.decimal || a.value >= 1000.0,
        Weight => {
            let k = skip_ws(b, we);
            if adj || (k > we && word_is(b, k, "sterling").is_some()) {
                return true;
            }
            if hyphen {
                return false;
            }
            // News writes sums in pounds with "£"; a bare figure of pounds
            // ("weighs 3.5 pounds", "a 1,850 pound satellite", "drop 25
            // pounds") is a weight. Scaled sums ("361 million pounds") are
            // money.
            if !a.has_mag {
                return false;
            }
            if k > we
                && word_at(b, k).is_some_and(|(w, _)| {
                    matches!(
                        w.as_str(),
                        "of" | "per" | "each" | "heavier" | "lighter" | "force" | "weight"
                    )
                })
            {
                return false;
            }
            if prev_word_in(
                b,
                start,
                &[
                    "lost", "lose", "losing", "gain", "gained", "gaining", "shed", "heavy",
                    "weighing",
                ],
            ) {
                return false;
            }
            // "weighs", "weight", "lbs" shortly before the number.
            let lo = start.saturating_sub(48);
            let window = &b[lo..start];
            !window.windows(5).any(|w| w.eq_ignore_ascii_case(b"weigh"))
                && !window.windows(3).any(|w| w.eq_ignore_ascii_case(b"lbs"))
        }
    }
}

/// A currency word at `j`, with an optional country adjective before it.
pub(super) fn word_cur(cx: &Cx, j: usize, a: &Amount, start: usize, hyphen: bool) -> Option<Cur> {
    let b = cx.b;
    let t = &*TABLES;
    let (w1, e1) = {
        let e = dotted_end(b, j);
        (lw(b, j, e)?, e)
    };
    // Adjective + word: "australian dollars", "U.S. dlrs", "pounds sterling".
    if !hyphen {
        if let Some(cands) = t.adjectives.get(w1.as_str()) {
            for &(phrase, afam, aiso) in cands {
                // Dotted abbreviations ("u.s", "n.z") must be the whole
                // dotted word; other phrases may span several words.
                let pe = if phrase.contains('.') {
                    if w1.as_str() != phrase {
                        continue;
                    }
                    e1 + usize::from(at(b, e1) == b'.')
                } else {
                    match phrase_starts_at(b, j, phrase) {
                        Some(pe) => pe,
                        None => continue,
                    }
                };
                // "d-marks" is the only adjective glued by a hyphen.
                let k = if phrase == "d" {
                    if at(b, pe) != b'-' {
                        continue;
                    }
                    pe + 1
                } else {
                    let k = skip_ws(b, pe);
                    if k == pe {
                        continue;
                    }
                    k
                };
                let Some((w2, we2)) = word_at(b, k) else {
                    continue;
                };
                let Some(info) = t.words.get(w2.as_str()) else {
                    continue;
                };
                let fits = (afam == info.family && afam != Single)
                    || aiso == info.iso
                    || (info.family == Cent && afam == Dollar);
                if !fits || !guard_ok(cx, info, a, start, (k, we2), true, false) {
                    continue;
                }
                let iso = if afam == Single { info.iso } else { aiso };
                return Some(Cur {
                    end: we2,
                    iso,
                    factor: info.factor,
                    mag: 1.0,
                    kind: CurKind::Word,
                    hyphen,
                });
            }
        }
    }
    let we = letters_end(b, j);
    let w = lw(b, j, we)?;
    let info = t.words.get(w.as_str())?;
    if !guard_ok(cx, info, a, start, (j, we), false, hyphen) {
        return None;
    }
    // "925 sterling silver" is jewellery.
    if w.as_str() == "sterling" && word_is(b, skip_ws(b, we), "silver").is_some() {
        return None;
    }
    let mut end = we;
    if info.family == Pound && w.as_str() != "sterling" {
        let k = skip_ws(b, we);
        if let Some(e) = word_is(b, k, "sterling").filter(|_| k > we) {
            end = e;
        }
    }
    Some(Cur {
        end,
        iso: info.iso,
        factor: info.factor,
        mag: 1.0,
        kind: CurKind::Word,
        hyphen,
    })
}

/// Whether a figure with a glued "p" is British pence ("873p a share",
/// "53p") rather than a video resolution ("1080p") or a page.
pub(super) fn is_pence(a: &Amount) -> bool {
    const RESOLUTIONS: &[f64] = &[
        144.0, 240.0, 360.0, 480.0, 540.0, 576.0, 720.0, 900.0, 1080.0, 1440.0, 2160.0, 4320.0,
    ];
    !a.has_mag && !a.written && a.value < 10_000.0 && !RESOLUTIONS.contains(&a.value)
}

/// A currency marker written after the amount `a` that starts at `start`.
pub(super) fn suffix_cur(cx: &Cx, a: &Amount, start: usize, symbols: bool) -> Option<Cur> {
    let b = cx.b;
    let j0 = a.end;
    if at(b, j0) == b'-' && is_letter(at(b, j0 + 1)) {
        return word_cur(cx, j0 + 1, a, start, true);
    }
    if at(b, j0) == b'p' && !at(b, j0 + 1).is_ascii_alphanumeric() && is_pence(a) {
        return Some(Cur {
            end: j0 + 1,
            iso: "GBP",
            factor: 0.01,
            mag: 1.0,
            kind: CurKind::Word,
            hyphen: false,
        });
    }
    let j = skip_ws(b, j0);
    if symbols {
        if let Some((end, _, iso)) = symbol_at(b, j) {
            if !suffix_symbol_ok(cx, end) {
                return None;
            }
            return Some(Cur {
                end,
                iso,
                factor: 1.0,
                mag: 1.0,
                kind: CurKind::Symbol,
                hyphen: false,
            });
        }
    }
    if !is_letter(at(b, j)) {
        return None;
    }
    let le = letters_end(b, j);
    if let Some(info) = code_at(b, j, le) {
        if is_digit(at(b, le)) {
            // "3 USD50": the code belongs to the figure it touches.
            return None;
        }
        let mut cur = Cur {
            end: le,
            iso: info.iso,
            factor: 1.0,
            mag: info.mag,
            kind: CurKind::Code,
            hyphen: false,
        };
        if !a.has_mag && info.mag == 1.0 {
            // "75 USD million"
            let k = skip_ws(b, le);
            if let Some((w, we)) = word_at(b, k).filter(|_| k > le) {
                if let Some(m) = spaced_mag(w.as_str()).filter(|m| *m >= 1e3) {
                    cur.mag = m;
                    cur.end = we;
                }
            }
        }
        return Some(cur);
    }
    word_cur(cx, j, a, start, false)
}

/// `v` stated in units worth `factor` of the whole currency. Sub-units are
/// divided rather than multiplied by 0.01, so 47 cents is exactly 0.47.
pub(super) fn apply(v: f64, factor: f64) -> f64 {
    if factor < 1.0 {
        v / (1.0 / factor).round()
    } else {
        v * factor
    }
}

#[cfg(test)]
mod tests;
