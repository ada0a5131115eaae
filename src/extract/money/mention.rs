//! The mention grammar: what a parse found ([`Found`]) and the forms tried at a token start.
//!
//! An amount after a currency marker (`$ 75 million`), a figure with its currency after it
//! (`750 mln dlrs`) or a range; failing those, a vague amount (`super::vague`).

use super::cents::cents_after;
use super::currency::{apply, prefix_cur, suffix_cur, Cur, CurKind};
use super::number::parse_amount;
use super::range::range_after;
use super::text::{at, is_digit, is_letter, prev_word_in, skip_ws, Cx};
use super::vague::parse_vague;
use super::{Money, MoneyKind};

#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) iso: &'static str,
    pub(super) value: f64,
    pub(super) kind: MoneyKind,
    pub(super) low: Option<f64>,
    pub(super) high: Option<f64>,
    /// For a plain single figure: its unit factor and scale, which a
    /// following "vs 47" inherits.
    pub(super) factor: f64,
    pub(super) mag: f64,
    pub(super) single: bool,
}

impl Found {
    pub(super) fn exact(start: usize, end: usize, iso: &'static str, value: f64) -> Found {
        Found {
            start,
            end,
            iso,
            value,
            kind: MoneyKind::Exact,
            low: None,
            high: None,
            factor: 1.0,
            mag: 1.0,
            single: false,
        }
    }

    pub(super) fn vague(
        start: usize,
        end: usize,
        iso: &'static str,
        value: f64,
        low: f64,
    ) -> Found {
        Found {
            kind: MoneyKind::Approximate,
            low: Some(low),
            ..Found::exact(start, end, iso, value)
        }
    }

    pub(super) fn into_money(self, text: &str) -> Money {
        Money {
            start: self.start,
            end: self.end,
            text: text[self.start..self.end].to_string(),
            currency: self.iso,
            value: self.value,
            kind: self.kind,
            low: self.low,
            high: self.high,
        }
    }
}

/// The grammar at `i`: an amount after a currency marker, a figure with its
/// currency after it (or a range), or a vague amount.
pub(super) fn parse_at(cx: &Cx, i: usize) -> Option<Found> {
    let c = cx.b[i];
    if let Some(pc) = prefix_cur(cx, i) {
        if let Some(f) = parse_prefixed(cx, i, pc) {
            return Some(f);
        }
    }
    if is_digit(c) || is_letter(c) {
        if let Some(f) = parse_numbered(cx, i) {
            return Some(f);
        }
    }
    if is_letter(c) {
        return parse_vague(cx, i);
    }
    None
}

/// `$ 75 million`, `USD 3m`, `Rs 500 crore`, `MAUD 60`, `$10-$15 billion`.
pub(super) fn parse_prefixed(cx: &Cx, i: usize, pc: Cur) -> Option<Found> {
    let j = skip_ws(cx.b, pc.end);
    if !is_digit(at(cx.b, j)) {
        return None;
    }
    let a = parse_amount(cx, j, false)?;
    if let Some(f) = range_after(cx, i, &a, Some(pc)) {
        return Some(f);
    }
    let mut value = apply(a.value * pc.mag, pc.factor);
    let mut end = a.end;
    if let Some((e, extra)) = cents_after(cx, a.end, &a, &pc, false) {
        value += extra;
        end = e;
    }
    Some(Found {
        factor: pc.factor,
        mag: a.mag * pc.mag,
        single: end == a.end,
        ..Found::exact(i, end, pc.iso, value)
    })
}

/// `5 dollars`, `750 mln dlrs`, `10-15 mln dlrs`, `five million yen`,
/// `12-cent`, `3 dollars 50 cents`.
pub(super) fn parse_numbered(cx: &Cx, i: usize) -> Option<Found> {
    let b = cx.b;
    let a = parse_amount(cx, i, true)?;
    if let Some(f) = range_after(cx, i, &a, None) {
        return Some(f);
    }
    let cur = suffix_cur(cx, &a, i, true)?;
    // "in 1990 dollars" is a price level, not an amount.
    if a.year_like
        && cur.kind == CurKind::Word
        && prev_word_in(b, i, &["in", "constant", "real", "current", "nominal"])
    {
        return None;
    }
    let mut value = apply(a.value * cur.mag, cur.factor);
    let mut end = cur.end;
    if a.a_scale && cur.hyphen {
        // "a billion-dollar company": the article is not a figure; the
        // vague reading from "billion" on takes it.
        return None;
    }
    if let Some((e, extra)) = cents_after(cx, cur.end, &a, &cur, true) {
        value += extra;
        end = e;
    }
    Some(Found {
        factor: cur.factor,
        mag: a.mag * cur.mag,
        single: end == cur.end,
        ..Found::exact(i, end, cur.iso, value)
    })
}
