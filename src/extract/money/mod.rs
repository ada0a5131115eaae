//! Money amounts in news text: `$1.13bn`, `750 mln dlrs`, `about €2 billion`,
//! `$10-$15 billion`, `tens of billions of dollars`, `15 cts a share`.
//!
//! The indexer stores every amount as a number with an ISO 4217 currency so
//! that searches can filter on it (`--min-amount 1bn`), and the JSON output
//! shows what was found. This module owns that whole step: finding the
//! mentions ([`find_money`]), reading a user's filter value
//! ([`parse_amount_filter`]) and the fixed conversion table to US dollars
//! ([`USD_RATES`]). It is pure: `&str` in, values out, no I/O.
//!
//! # How it finds amounts
//!
//! Money always carries a currency signal, so the search is anchored on
//! those: one byte-regex pass finds currency symbols (`$ £ € ¥ ₹ …`), ISO
//! codes (`USD`, `MEUR`), prefixes (`Rs`, `RM`) and currency words
//! (`dollars`, `dlrs`, `cts`, `yen`, `francs` …). A passage without any of
//! them costs one scan and no allocation. Around each cue a small
//! hand-written grammar is tried from the few tokens to its left, leftmost
//! first, so that `10-15 mln dlrs` wins over `15 mln dlrs`. A bare number
//! with a scale (`5 billion`) is never money: precision matters more than
//! recall for a search filter.
//!
//! # What a mention covers
//!
//! The span runs from the first currency marker or numeral to the last one:
//! `$ 75 million`, `us $ 150 million`, `12-cent`, `$10-$15 billion`,
//! `tens of billions of dollars`. Qualifiers (`about`, `more than`, `up to`,
//! `or more`) are read from the words around the span but are not part of it,
//! so the text of `about $5bn` is `$5bn` with kind
//! [`MoneyKind::Approximate`]. Range words that only introduce the range
//! (`between`) are outside it too: `between $1m and $2m` gives `$1m and $2m`.
//!
//! # Values
//!
//! `value` is in whole units of `currency`: `15 cts` is 0.15 USD, `470 pence`
//! is 4.70 GBP, `2 satoshis` is 2e-8 BTC. Exact amounts have no bounds.
//! Qualified amounts keep the stated number as value and add the bound the
//! qualifier implies (`more than $5bn`: low 5e9; `up to`, `nearly`: high).
//! Ranges take the low end as value, with both bounds. Vague amounts take the
//! smallest number the words allow as value and lower bound: `billions of
//! dollars` 1e9, `tens of billions` 1e10, `hundreds of millions` 1e8,
//! `multibillion-dollar` 1e9; `several`/`a few` N take value 3N with lower
//! bound 2N (an honest middle of "more than two, usually fewer than ten").
//! Vague amounts need a currency word after them: `hundreds of millions` alone
//! could be users or shares, `hundreds of millions of euros` is money.
//!
//! # Currency choices worth knowing
//!
//! `$`, `dollars`, `dlrs` and `cents` without a country are US dollars; `¥`
//! is yen; plain `francs` are Swiss francs (the one franc a tech story is
//! likely to mean today); words shared by several countries with no
//! adjective (`pesos`, `crowns`, `kroner`, `dinars`) are `XXX`. Legacy
//! currencies that still fill the Reuters archive (`marks`, `lire`,
//! `guilders`, `ecus`) keep their own codes.
//!
//! Some currency words are also ordinary words, and the extractor prefers
//! silence to a wrong amount. News writes sums in pounds with `£`, so a bare
//! `3.5 pounds` or `a 1,850 pound satellite` is a weight; pounds count with a
//! scale (`361 million pounds`), `sterling` or a country, and never before
//! `of`/`per` or after `weighs`. `marks`, `won`, `crowns`, `ECUs` and `dong`
//! need a scale, decimals, a country or a figure of 1,000 or more (`5 marks`
//! is an exam, `3 crowns` dentistry, `100 ECUs` engine controllers). A glued
//! `p` is pence except for video resolutions (`1080p`). Codes that are
//! English words or tech terms (`CAD`, `TRY`) count only in capitals, and
//! `PHP`, `COP` or `ALL` never.
//!
//! # Newswire forms
//!
//! Reuters-style text is supported as written: `750 mln dlrs`, `12.5 mln
//! stg`, `22-1/2 dlrs`, `a 240-mln-dlr loan`, `5 mln Can dlrs`, figures split
//! across lines, and result tables that name the unit once: in
//! `Shr 52 cts vs 47`, the `47` is reported as 0.47 USD too.
//!
//! Cents written after whole units are folded in: `3 dollars 50 cents` and
//! `15 dollars 50.` are 3.50 and 15.50, but only when the word `cents`
//! follows or the cents end the clause, so `$4.25 and 32 is the count` stays
//! $4.25.
//!
//! # Layout
//!
//! [`find_money`] runs the cue scanner (`scan`) and, around each cue, the
//! mention grammar (`mention`), which reads a numeral (`number`) and its
//! currency marker (`currency`, from the lists in `tables`), or a range
//! (`range`), trailing cents (`cents`) or a vague amount (`vague`); then
//! hedging words (`qualifiers`) and newswire `vs` figures (`versus`). The
//! byte helpers they share are in `text`, the rates in `rates`.

mod cents;
mod currency;
mod mention;
mod number;
mod qualifiers;
mod range;
mod rates;
mod scan;
mod tables;
#[cfg(test)]
mod tests;
mod text;
mod vague;
mod versus;

pub use rates::{usd_rate, USD_RATES};

use serde::Serialize;

use number::parse_amount;
use scan::{parse_around, CUES};
use text::Cx;
use versus::versus_follow;

/// How precisely the text states the amount.
///
/// Search filters and ranking treat an exact figure differently from
/// "more than $5bn" or "billions of dollars", so the kind travels with the
/// value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MoneyKind {
    /// The text gives one figure with no hedge: `$50bn`.
    Exact,
    /// The figure is hedged or vague: `about $13 billion`, `more than $5bn`,
    /// `tens of billions of dollars`.
    Approximate,
    /// The text gives two figures: `$10-$15 billion`, `between $1m and $2m`.
    Range,
}

/// One money mention found in a text.
///
/// This is what the indexer stores per passage and what `--json` prints, so
/// the field names are part of the wire format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    /// Byte offset of the first byte of the mention in the input.
    pub start: usize,
    /// Byte offset one past the mention (exclusive).
    pub end: usize,
    /// The original text of the mention, `input[start..end]`.
    pub text: String,
    /// ISO 4217 code (`"USD"`, `"EUR"` …; `"BTC"` for bitcoin, `"XXX"` when the
    /// currency word fits several countries and the text does not say which).
    pub currency: &'static str,
    /// The representative number in whole currency units (0.15 for `15 cts`).
    pub value: f64,
    /// How precisely the text states the amount.
    pub kind: MoneyKind,
    /// The lower bound the text implies, if any.
    pub low: Option<f64>,
    /// The upper bound the text implies, if any.
    pub high: Option<f64>,
}

impl Money {
    /// Approximate US-dollar equivalent from the fixed rate table
    /// (value × rate); `None` if the currency has no rate.
    ///
    /// Filters compare amounts across currencies through this one number.
    pub fn usd(&self) -> Option<f64> {
        usd_rate(self.currency).map(|rate| self.value * rate)
    }
}

/// Every money mention in `text`, in order, non-overlapping.
///
/// The indexer calls this on every passage, so a passage without any
/// currency cue returns after one regex scan without allocating.
pub fn find_money(text: &str) -> Vec<Money> {
    let mut out = Vec::new();
    let cx = Cx { b: text.as_bytes() };
    // End of the last mention: later mentions may not start before it.
    let mut floor = 0;
    for cue in CUES.find_iter(cx.b) {
        let (cs, ce) = (cue.start(), cue.end());
        if cs < floor {
            continue;
        }
        let Some(found) = parse_around(&cx, floor, cs, ce) else {
            continue;
        };
        floor = found.end;
        let follow = versus_follow(&cx, &found);
        out.push(found.into_money(text));
        if let Some(next) = follow {
            floor = next.end;
            out.push(next.into_money(text));
        }
    }
    out
}

/// Parses a user's amount filter (`--min-amount 1bn`, `$500m`, `1e9`,
/// `€2 billion`, `10000`, `2.5 billion`): the value in whole units and the
/// currency if one was stated. Err with a short human message saying what is
/// wrong.
///
/// It reuses the extractor's grammar so that whatever the index understands
/// in articles, a user can type as a filter.
pub fn parse_amount_filter(s: &str) -> Result<(f64, Option<&'static str>), String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("empty amount: give a number such as 1bn, $500m or 2.5 billion".into());
    }
    if t.starts_with('-') {
        return Err(format!("{t:?} is negative: amounts are never below zero"));
    }
    // Plain numbers and scientific notation (`1e9`), which news never writes
    // but a user may.
    let plain = t
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+'));
    if plain && t.bytes().any(|c| c.is_ascii_digit()) {
        if let Ok(v) = t.parse::<f64>() {
            if v.is_finite() {
                return Ok((v, None));
            }
            return Err(format!("{t:?} is too large"));
        }
    }
    let found = find_money(t);
    if let [m] = found.as_slice() {
        if m.start == 0 && m.end == t.len() {
            if m.kind == MoneyKind::Range {
                return Err(format!("{t:?} is a range: give one amount"));
            }
            return Ok((m.value, Some(m.currency)));
        }
    }
    let cx = Cx { b: t.as_bytes() };
    if let Some(a) = parse_amount(&cx, 0, true) {
        if a.end == t.len() {
            return Ok((a.value, None));
        }
    }
    Err(format!(
        "cannot read {t:?} as an amount: use a number with an optional currency and scale, \
         e.g. 1bn, $500m, €2 billion, 2.5 billion or 1e9"
    ))
}
