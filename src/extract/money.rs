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

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::bytes::Regex;
use serde::Serialize;

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

/// The fixed, approximate US-dollar value of one unit of each currency.
///
/// Filters need one scale across currencies, and an index must not change
/// with the day's rates, so these are round mid-2020s figures, kept in this
/// one place (and documented in the README). Currencies replaced by the euro
/// are converted at their fixed euro conversion rate times the euro rate, so
/// the 1987 Reuters archive stays comparable. Bitcoin and `XXX` have no rate:
/// the first swings too much for a fixed number, the second is unknown.
pub const USD_RATES: &[(&str, f64)] = &[
    ("USD", 1.0),
    ("EUR", 1.08),
    ("GBP", 1.27),
    ("JPY", 0.0067),
    ("CNY", 0.14),
    ("INR", 0.012),
    ("CHF", 1.13),
    ("CAD", 0.73),
    ("AUD", 0.66),
    ("HKD", 0.128),
    ("NZD", 0.60),
    ("SGD", 0.74),
    ("TWD", 0.031),
    ("KRW", 0.00073),
    ("SEK", 0.095),
    ("NOK", 0.093),
    ("DKK", 0.145),
    ("ISK", 0.0072),
    ("CZK", 0.043),
    ("PLN", 0.25),
    ("HUF", 0.0027),
    ("RON", 0.22),
    ("BGN", 0.55),
    ("RUB", 0.011),
    ("UAH", 0.025),
    ("TRY", 0.03),
    ("ILS", 0.27),
    ("SAR", 0.267),
    ("AED", 0.272),
    ("QAR", 0.275),
    ("KWD", 3.25),
    ("BHD", 2.65),
    ("OMR", 2.6),
    ("JOD", 1.41),
    ("EGP", 0.021),
    ("MAD", 0.10),
    ("NGN", 0.00065),
    ("KES", 0.0077),
    ("GHS", 0.065),
    ("ZAR", 0.054),
    ("BRL", 0.18),
    ("MXN", 0.055),
    ("ARS", 0.0011),
    ("CLP", 0.0011),
    ("COP", 0.00025),
    ("PKR", 0.0036),
    ("LKR", 0.0033),
    ("NPR", 0.0075),
    ("BDT", 0.0085),
    ("IDR", 0.000062),
    ("MYR", 0.22),
    ("THB", 0.028),
    ("PHP", 0.017),
    ("VND", 0.00004),
    ("KZT", 0.0021),
    ("GEL", 0.37),
    ("CRC", 0.0019),
    ("LAK", 0.000046),
    ("XDR", 1.33),
    // Legacy European currencies: fixed euro conversion rate × EUR rate.
    ("XEU", 1.08),
    ("DEM", 0.552),
    ("FRF", 0.165),
    ("ITL", 0.000558),
    ("ESP", 0.00649),
    ("NLG", 0.49),
    ("BEF", 0.0268),
    ("LUF", 0.0268),
    ("ATS", 0.0785),
    ("FIM", 0.182),
    ("PTE", 0.00539),
    ("IEP", 1.371),
    ("GRD", 0.00317),
];

/// The USD value of one unit of `currency` from [`USD_RATES`], if listed.
///
/// The one lookup the indexer and the filters share, so both convert alike.
pub fn usd_rate(currency: &str) -> Option<f64> {
    USD_RATES
        .iter()
        .find(|(code, _)| *code == currency)
        .map(|&(_, rate)| rate)
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

// ---------------------------------------------------------------------------
// Tables. Everything the grammar knows about currencies is listed here once;
// the cue automaton and the lookups are built from these lists.

/// Groups of currency words that an adjective can narrow down: "Canadian"
/// applies to dollars and cents, "Swiss" to francs. `Single` words name one
/// currency; an adjective fits them only if it names the same one
/// ("Japanese yen").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Dollar,
    Cent,
    Pound,
    Franc,
    Rupee,
    Peso,
    Krona,
    Dinar,
    Rial,
    Dirham,
    Shilling,
    Lira,
    Mark,
    Single,
}

/// Checks for currency words that are also ordinary English words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guard {
    /// Always money after a number.
    Plain,
    /// Only in lower case: "Bucks" is a basketball team, "CT" a scan.
    Lower,
    /// Only with a country adjective: "real", "mark".
    NeedsAdj,
    /// Needs an adjective, a scale, decimals or a figure of 1,000 or more:
    /// "5 marks" may be exam marks, "3 crowns" teeth, "50 won" a score.
    Weak,
    /// "pounds": sterling only with a scale, "sterling" or a country, and
    /// not when the text speaks of weight.
    Weight,
}

use Family::*;
use Guard::*;

/// Currency words that follow a number: word, family, default ISO code,
/// factor to whole units, guard.
const WORDS: &[(&str, Family, &str, f64, Guard)] = &[
    ("dollar", Dollar, "USD", 1.0, Plain),
    ("dollars", Dollar, "USD", 1.0, Plain),
    ("dlr", Dollar, "USD", 1.0, Plain),
    ("dlrs", Dollar, "USD", 1.0, Plain),
    ("bucks", Dollar, "USD", 1.0, Lower),
    ("cent", Cent, "USD", 0.01, Plain),
    ("cents", Cent, "USD", 0.01, Plain),
    ("cts", Cent, "USD", 0.01, Plain),
    ("ct", Cent, "USD", 0.01, Lower),
    ("euro", Single, "EUR", 1.0, Plain),
    ("euros", Single, "EUR", 1.0, Plain),
    ("pound", Pound, "GBP", 1.0, Weight),
    ("pounds", Pound, "GBP", 1.0, Weight),
    ("sterling", Pound, "GBP", 1.0, Plain),
    ("stg", Pound, "GBP", 1.0, Plain),
    ("quid", Pound, "GBP", 1.0, Plain),
    ("pence", Single, "GBP", 0.01, Plain),
    ("penny", Single, "GBP", 0.01, Plain),
    ("pennies", Single, "GBP", 0.01, Plain),
    ("yen", Single, "JPY", 1.0, Plain),
    ("yuan", Single, "CNY", 1.0, Plain),
    ("renminbi", Single, "CNY", 1.0, Plain),
    ("rmb", Single, "CNY", 1.0, Plain),
    ("rupee", Rupee, "INR", 1.0, Plain),
    ("rupees", Rupee, "INR", 1.0, Plain),
    ("paise", Single, "INR", 0.01, Plain),
    ("rupiah", Single, "IDR", 1.0, Plain),
    ("franc", Franc, "CHF", 1.0, Plain),
    ("francs", Franc, "CHF", 1.0, Plain),
    ("mark", Mark, "DEM", 1.0, NeedsAdj),
    ("marks", Mark, "DEM", 1.0, Weak),
    ("deutschmark", Mark, "DEM", 1.0, Plain),
    ("deutschmarks", Mark, "DEM", 1.0, Plain),
    ("markka", Mark, "FIM", 1.0, Plain),
    ("markkaa", Mark, "FIM", 1.0, Plain),
    ("lira", Lira, "TRY", 1.0, Plain),
    ("liras", Lira, "TRY", 1.0, Plain),
    ("lire", Lira, "ITL", 1.0, Plain),
    ("guilder", Single, "NLG", 1.0, Plain),
    ("guilders", Single, "NLG", 1.0, Plain),
    ("peseta", Single, "ESP", 1.0, Plain),
    ("pesetas", Single, "ESP", 1.0, Plain),
    ("escudo", Single, "PTE", 1.0, Plain),
    ("escudos", Single, "PTE", 1.0, Plain),
    ("schilling", Single, "ATS", 1.0, Plain),
    ("schillings", Single, "ATS", 1.0, Plain),
    ("drachma", Single, "GRD", 1.0, Plain),
    ("drachmas", Single, "GRD", 1.0, Plain),
    ("drachmae", Single, "GRD", 1.0, Plain),
    ("ecu", Single, "XEU", 1.0, Weak),
    ("ecus", Single, "XEU", 1.0, Weak),
    ("sdr", Single, "XDR", 1.0, Weak),
    ("sdrs", Single, "XDR", 1.0, Weak),
    ("krona", Krona, "SEK", 1.0, Plain),
    ("kronor", Krona, "SEK", 1.0, Plain),
    ("krone", Krona, "XXX", 1.0, Plain),
    ("kroner", Krona, "XXX", 1.0, Plain),
    ("crown", Krona, "XXX", 1.0, Weak),
    ("crowns", Krona, "XXX", 1.0, Weak),
    ("koruna", Single, "CZK", 1.0, Plain),
    ("won", Single, "KRW", 1.0, Weak),
    ("real", Single, "BRL", 1.0, NeedsAdj),
    ("reais", Single, "BRL", 1.0, Plain),
    ("rand", Single, "ZAR", 1.0, Plain),
    ("rouble", Single, "RUB", 1.0, Plain),
    ("roubles", Single, "RUB", 1.0, Plain),
    ("ruble", Single, "RUB", 1.0, Plain),
    ("rubles", Single, "RUB", 1.0, Plain),
    ("ringgit", Single, "MYR", 1.0, Plain),
    ("baht", Single, "THB", 1.0, Plain),
    ("peso", Peso, "XXX", 1.0, Plain),
    ("pesos", Peso, "XXX", 1.0, Plain),
    ("dinar", Dinar, "XXX", 1.0, Plain),
    ("dinars", Dinar, "XXX", 1.0, Plain),
    ("rial", Rial, "XXX", 1.0, Plain),
    ("rials", Rial, "XXX", 1.0, Plain),
    ("riyal", Rial, "SAR", 1.0, Plain),
    ("riyals", Rial, "SAR", 1.0, Plain),
    ("dirham", Dirham, "AED", 1.0, Plain),
    ("dirhams", Dirham, "AED", 1.0, Plain),
    ("shekel", Single, "ILS", 1.0, Plain),
    ("shekels", Single, "ILS", 1.0, Plain),
    ("zloty", Single, "PLN", 1.0, Plain),
    ("zlotys", Single, "PLN", 1.0, Plain),
    ("zlotych", Single, "PLN", 1.0, Plain),
    ("forint", Single, "HUF", 1.0, Plain),
    ("forints", Single, "HUF", 1.0, Plain),
    ("naira", Single, "NGN", 1.0, Plain),
    ("hryvnia", Single, "UAH", 1.0, Plain),
    ("hryvnias", Single, "UAH", 1.0, Plain),
    ("dong", Single, "VND", 1.0, Weak),
    ("lari", Single, "GEL", 1.0, Plain),
    ("kip", Single, "LAK", 1.0, Weak),
    ("colones", Single, "CRC", 1.0, Plain),
    ("cedi", Single, "GHS", 1.0, Plain),
    ("cedis", Single, "GHS", 1.0, Plain),
    ("taka", Single, "BDT", 1.0, Plain),
    ("shilling", Shilling, "XXX", 1.0, Weak),
    ("shillings", Shilling, "XXX", 1.0, Weak),
    ("leva", Single, "BGN", 1.0, Plain),
    ("lei", Single, "RON", 1.0, Weak),
    ("tenge", Single, "KZT", 1.0, Plain),
    ("bitcoin", Single, "BTC", 1.0, Plain),
    ("bitcoins", Single, "BTC", 1.0, Plain),
    ("satoshi", Single, "BTC", 1e-8, Plain),
    ("satoshis", Single, "BTC", 1e-8, Plain),
];

/// Country adjectives that sit between a number and a currency word
/// ("125 million Australian dollars", "5 mln U.S. dlrs"). Dotted
/// abbreviations are listed without their final dot.
const ADJECTIVES: &[(&str, Family, &str)] = &[
    ("us", Dollar, "USD"),
    ("u.s", Dollar, "USD"),
    ("american", Dollar, "USD"),
    ("canadian", Dollar, "CAD"),
    ("can", Dollar, "CAD"),
    ("cdn", Dollar, "CAD"),
    ("australian", Dollar, "AUD"),
    ("aust", Dollar, "AUD"),
    ("aus", Dollar, "AUD"),
    ("new zealand", Dollar, "NZD"),
    ("n.z", Dollar, "NZD"),
    ("nz", Dollar, "NZD"),
    ("hong kong", Dollar, "HKD"),
    ("h.k", Dollar, "HKD"),
    ("hk", Dollar, "HKD"),
    ("singapore", Dollar, "SGD"),
    ("singaporean", Dollar, "SGD"),
    ("new taiwan", Dollar, "TWD"),
    ("taiwan", Dollar, "TWD"),
    ("taiwanese", Dollar, "TWD"),
    ("nt", Dollar, "TWD"),
    ("jamaican", Dollar, "JMD"),
    ("zimbabwe", Dollar, "ZWL"),
    ("malaysian", Dollar, "MYR"),
    ("brunei", Dollar, "BND"),
    ("zimbabwean", Dollar, "ZWL"),
    ("euro", Cent, "EUR"),
    ("swiss", Franc, "CHF"),
    ("french", Franc, "FRF"),
    ("belgian", Franc, "BEF"),
    ("luxembourg", Franc, "LUF"),
    ("cfa", Franc, "XOF"),
    ("british", Pound, "GBP"),
    ("uk", Pound, "GBP"),
    ("egyptian", Pound, "EGP"),
    ("irish", Pound, "IEP"),
    ("lebanese", Pound, "LBP"),
    ("syrian", Pound, "SYP"),
    ("indian", Rupee, "INR"),
    ("pakistani", Rupee, "PKR"),
    ("sri lankan", Rupee, "LKR"),
    ("nepalese", Rupee, "NPR"),
    ("nepali", Rupee, "NPR"),
    ("mauritian", Rupee, "MUR"),
    ("mexican", Peso, "MXN"),
    ("philippine", Peso, "PHP"),
    ("argentine", Peso, "ARS"),
    ("argentinian", Peso, "ARS"),
    ("chilean", Peso, "CLP"),
    ("colombian", Peso, "COP"),
    ("uruguayan", Peso, "UYU"),
    ("dominican", Peso, "DOP"),
    ("swedish", Krona, "SEK"),
    ("danish", Krona, "DKK"),
    ("norwegian", Krona, "NOK"),
    ("icelandic", Krona, "ISK"),
    ("czech", Krona, "CZK"),
    ("kuwaiti", Dinar, "KWD"),
    ("bahraini", Dinar, "BHD"),
    ("iraqi", Dinar, "IQD"),
    ("jordanian", Dinar, "JOD"),
    ("tunisian", Dinar, "TND"),
    ("algerian", Dinar, "DZD"),
    ("libyan", Dinar, "LYD"),
    ("serbian", Dinar, "RSD"),
    ("saudi", Rial, "SAR"),
    ("iranian", Rial, "IRR"),
    ("omani", Rial, "OMR"),
    ("qatari", Rial, "QAR"),
    ("yemeni", Rial, "YER"),
    ("uae", Dirham, "AED"),
    ("emirati", Dirham, "AED"),
    ("moroccan", Dirham, "MAD"),
    ("kenyan", Shilling, "KES"),
    ("ugandan", Shilling, "UGX"),
    ("tanzanian", Shilling, "TZS"),
    ("somali", Shilling, "SOS"),
    ("turkish", Lira, "TRY"),
    ("italian", Lira, "ITL"),
    ("west german", Mark, "DEM"),
    ("german", Mark, "DEM"),
    ("deutsche", Mark, "DEM"),
    ("d", Mark, "DEM"),
    ("finnish", Mark, "FIM"),
    ("japanese", Single, "JPY"),
    ("chinese", Single, "CNY"),
    ("south korean", Single, "KRW"),
    ("korean", Single, "KRW"),
    ("brazilian", Single, "BRL"),
    ("south african", Single, "ZAR"),
    ("russian", Single, "RUB"),
    ("dutch", Single, "NLG"),
    ("spanish", Single, "ESP"),
    ("portuguese", Single, "PTE"),
    ("greek", Single, "GRD"),
    ("austrian", Single, "ATS"),
    ("indonesian", Single, "IDR"),
    ("malaysian", Single, "MYR"),
    ("thai", Single, "THB"),
    ("new israeli", Single, "ILS"),
    ("israeli", Single, "ILS"),
    ("polish", Single, "PLN"),
    ("hungarian", Single, "HUF"),
    ("nigerian", Single, "NGN"),
    ("ukrainian", Single, "UAH"),
    ("vietnamese", Single, "VND"),
    ("georgian", Single, "GEL"),
    ("ghanaian", Single, "GHS"),
    ("bangladeshi", Single, "BDT"),
    ("bulgarian", Single, "BGN"),
    ("romanian", Single, "RON"),
    ("costa rican", Single, "CRC"),
    ("lao", Single, "LAK"),
];

/// ISO codes written before or after a number (`USD 3m`, `3m EUR`,
/// `usd115`): code, ISO, upper case only. Codes that are English words or
/// tech terms (CAD, TRY, RUB …) count only in capitals; PHP, ALL, COP, GEL,
/// MAD and the like are left out entirely ("PHP 8", "COP28", "silica gel").
const CODES: &[(&str, &str, bool)] = &[
    ("usd", "USD", false),
    ("eur", "EUR", false),
    ("gbp", "GBP", false),
    ("jpy", "JPY", false),
    ("cny", "CNY", false),
    ("rmb", "CNY", false),
    ("inr", "INR", false),
    ("chf", "CHF", false),
    ("cad", "CAD", true),
    ("aud", "AUD", false),
    ("hkd", "HKD", false),
    ("nzd", "NZD", false),
    ("sgd", "SGD", false),
    ("twd", "TWD", false),
    ("krw", "KRW", false),
    ("sek", "SEK", false),
    ("nok", "NOK", false),
    ("dkk", "DKK", false),
    ("isk", "ISK", false),
    ("czk", "CZK", false),
    ("pln", "PLN", false),
    ("huf", "HUF", false),
    ("rub", "RUB", true),
    ("uah", "UAH", false),
    ("try", "TRY", true),
    ("ils", "ILS", true),
    ("sar", "SAR", true),
    ("aed", "AED", false),
    ("qar", "QAR", false),
    ("kwd", "KWD", false),
    ("egp", "EGP", false),
    ("ngn", "NGN", false),
    ("kes", "KES", true),
    ("zar", "ZAR", false),
    ("brl", "BRL", false),
    ("mxn", "MXN", false),
    ("ars", "ARS", true),
    ("clp", "CLP", true),
    ("pkr", "PKR", false),
    ("lkr", "LKR", false),
    ("bdt", "BDT", false),
    ("idr", "IDR", false),
    ("myr", "MYR", false),
    ("thb", "THB", false),
    ("vnd", "VND", false),
    ("xeu", "XEU", false),
    ("frf", "FRF", false),
    ("btc", "BTC", false),
    ("xbt", "BTC", false),
];

/// Codes that also come with a scale letter glued on, as Nordic and German
/// reports write them: `30 MUSD`, `MAUD 60`, `500 kSEK`.
const SCALED_CODE_BASES: &[&str] = &[
    "usd", "eur", "gbp", "aud", "cad", "nzd", "hkd", "sgd", "chf", "sek", "nok", "dkk",
];

/// Currency symbols and the currency they stand for. `¥` is read as yen
/// (Japanese stories use it far more often than Chinese ones in English).
const SYMBOLS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₱", "PHP"),
    ("₦", "NGN"),
    ("₫", "VND"),
    ("₪", "ILS"),
    ("₴", "UAH"),
    ("₿", "BTC"),
    ("元", "CNY"),
    ("円", "JPY"),
    ("₡", "CRC"),
    ("₾", "GEL"),
    ("₭", "LAK"),
    ("ரூ", "LKR"),
    ("฿", "THB"),
    ("₸", "KZT"),
    ("₵", "GHS"),
    ("zł", "PLN"),
];

/// Letters written before a symbol to say which dollar (or yen) it is:
/// letters, symbol, ISO code, whether the letters must touch the symbol.
/// `A$` must be glued because "a $ 300 million contract" is an article.
const SYMBOL_PREFIXES: &[(&str, &str, &str, bool)] = &[
    ("us", "$", "USD", false),
    ("u.s", "$", "USD", false),
    ("usd", "$", "USD", false),
    ("c", "$", "CAD", false),
    ("ca", "$", "CAD", true),
    ("can", "$", "CAD", true),
    ("cdn", "$", "CAD", false),
    ("cad", "$", "CAD", false),
    ("a", "$", "AUD", true),
    ("au", "$", "AUD", true),
    ("aus", "$", "AUD", false),
    ("aud", "$", "AUD", false),
    ("hk", "$", "HKD", false),
    ("h.k", "$", "HKD", false),
    ("hkd", "$", "HKD", false),
    ("nz", "$", "NZD", false),
    ("n.z", "$", "NZD", false),
    ("nzd", "$", "NZD", false),
    ("s", "$", "SGD", true),
    ("sgd", "$", "SGD", false),
    ("nt", "$", "TWD", false),
    ("twd", "$", "TWD", false),
    ("r", "$", "BRL", true),
    ("mex", "$", "MXN", false),
    ("mx", "$", "MXN", true),
    ("mxn", "$", "MXN", false),
    ("cn", "¥", "CNY", true),
    ("rmb", "¥", "CNY", true),
];

/// Letters glued after `$` in Australian and Canadian style: `$US5m`.
const DOLLAR_SUFFIX_LETTERS: &[(&str, &str)] = &[
    ("US", "USD"),
    ("A", "AUD"),
    ("AU", "AUD"),
    ("NZ", "NZD"),
    ("C", "CAD"),
    ("CA", "CAD"),
    ("HK", "HKD"),
];

/// Letter abbreviations used like a symbol before the number: `Rs 500 crore`,
/// `RM5 billion`, `Rp 2 trillion`, `DM 300 million`, `SFr 12`. Upper case only
/// where the letters are common ("rm", "dm").
const LETTER_SYMBOLS: &[(&str, &str, bool)] = &[
    ("rs", "INR", false),
    ("rp", "IDR", false),
    ("rm", "MYR", true),
    ("dm", "DEM", true),
    ("sfr", "CHF", false),
];

/// Currencies without a hundredth that anyone writes: "15 yen 50" is not
/// 15.50 yen.
const NO_CENTS: &[&str] = &["JPY", "KRW", "IDR", "VND", "XXX", "BTC", "ITL", "LAK"];

/// How far left of a cue (in bytes) a mention may start:
/// "three quarters billion us dollars" and
/// "between 1.4 and 1.5 billion Canadian dlrs" both fit.
const WINDOW: usize = 96;

#[derive(Debug, Clone, Copy)]
struct WordInfo {
    family: Family,
    iso: &'static str,
    factor: f64,
    guard: Guard,
}

#[derive(Debug, Clone, Copy)]
struct CodeInfo {
    iso: &'static str,
    mag: f64,
    upper_only: bool,
}

struct Tables {
    words: HashMap<&'static str, WordInfo>,
    codes: HashMap<String, CodeInfo>,
    /// Adjective entries keyed by their first word.
    adjectives: HashMap<&'static str, Vec<(&'static str, Family, &'static str)>>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let words = WORDS
        .iter()
        .map(|&(w, family, iso, factor, guard)| {
            (
                w,
                WordInfo {
                    family,
                    iso,
                    factor,
                    guard,
                },
            )
        })
        .collect();
    let mut codes: HashMap<String, CodeInfo> = CODES
        .iter()
        .map(|&(c, iso, upper_only)| {
            (
                c.to_string(),
                CodeInfo {
                    iso,
                    mag: 1.0,
                    upper_only,
                },
            )
        })
        .collect();
    for base in SCALED_CODE_BASES {
        let iso = codes[*base].iso;
        for (letter, mag) in [("m", 1e6), ("k", 1e3)] {
            codes.insert(
                format!("{letter}{base}"),
                CodeInfo {
                    iso,
                    mag,
                    upper_only: false,
                },
            );
        }
    }
    let mut adjectives: HashMap<&'static str, Vec<_>> = HashMap::new();
    for &(phrase, family, iso) in ADJECTIVES {
        let first = phrase.split(' ').next().unwrap_or(phrase);
        adjectives
            .entry(first)
            .or_default()
            .push((phrase, family, iso));
    }
    Tables {
        words,
        codes,
        adjectives,
    }
});

/// The cue scanner: every symbol, code, scaled code, letter symbol and
/// currency word, as one byte regex. Word boundaries are checked inside the
/// automaton, so "cent" in "percent" or "rs" in "years" never surfaces: on
/// newswire text that is four times fewer hits than a plain literal
/// automaton reports, and no restarts. Codes and words may touch digits
/// ("usd115", "115usd", "5dollars").
static CUES: LazyLock<Regex> = LazyLock::new(|| {
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

// ---------------------------------------------------------------------------
// Byte-level helpers. The grammar works on bytes; every position it returns
// is at an ASCII byte or at the edge of a whole symbol, so spans always fall
// on char boundaries.

struct Cx<'a> {
    b: &'a [u8],
}

#[inline]
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

#[inline]
fn is_letter(c: u8) -> bool {
    c.is_ascii_alphabetic()
}

#[inline]
fn is_digit(c: u8) -> bool {
    c.is_ascii_digit()
}

/// Length of the whitespace character at `i`: ASCII space and controls,
/// no-break space, and the thin spaces some sites put in "€ 5".
fn ws_len(b: &[u8], i: usize) -> usize {
    match at(b, i) {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        0xC2 if at(b, i + 1) == 0xA0 => 2,
        0xE2 if at(b, i + 1) == 0x80 && matches!(at(b, i + 2), 0x88 | 0x89 | 0x8A | 0xAF) => 3,
        _ => 0,
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    loop {
        let n = ws_len(b, i);
        if n == 0 {
            return i;
        }
        i += n;
    }
}

fn skip_ws_back(b: &[u8], mut i: usize) -> usize {
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

fn letters_end(b: &[u8], mut i: usize) -> usize {
    while is_letter(at(b, i)) {
        i += 1;
    }
    i
}

/// End of a word that may contain inner dots ("u.s", "n.z"); a final dot is
/// not included.
fn dotted_end(b: &[u8], i: usize) -> usize {
    let mut e = letters_end(b, i);
    while at(b, e) == b'.' && is_letter(at(b, e + 1)) {
        e = letters_end(b, e + 1);
    }
    e
}

/// A short ASCII word, lower-cased on the stack.
#[derive(Clone, Copy)]
struct Lw {
    buf: [u8; 24],
    len: usize,
}

impl Lw {
    fn new(src: &[u8]) -> Option<Lw> {
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

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

fn lw(b: &[u8], s: usize, e: usize) -> Option<Lw> {
    Lw::new(b.get(s..e)?)
}

/// The lower-cased letter word starting at `i`, with its end.
fn word_at(b: &[u8], i: usize) -> Option<(Lw, usize)> {
    if !is_letter(at(b, i)) {
        return None;
    }
    let e = letters_end(b, i);
    Some((lw(b, i, e)?, e))
}

fn word_is(b: &[u8], i: usize, w: &str) -> Option<usize> {
    let (x, e) = word_at(b, i)?;
    (x.as_str() == w).then_some(e)
}

/// The word just before `i` (skipping whitespace), lower-cased.
fn prev_word(b: &[u8], i: usize) -> Option<Lw> {
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

fn prev_word_in(b: &[u8], i: usize, set: &[&str]) -> bool {
    prev_word(b, i).is_some_and(|w| set.contains(&w.as_str()))
}

fn is_upper_word(b: &[u8], s: usize, e: usize) -> bool {
    b[s..e]
        .iter()
        .all(|c| !c.is_ascii_alphabetic() || c.is_ascii_uppercase())
}

/// Whether `phrase` (lower case, single spaces) ends exactly at `e`, preceded
/// by a non-letter. Spaces in the phrase match any whitespace run, because
/// Reuters wraps lines anywhere.
fn phrase_ends_at(b: &[u8], e: usize, phrase: &str) -> bool {
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
fn phrase_starts_at(b: &[u8], i: usize, phrase: &str) -> Option<usize> {
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

// ---------------------------------------------------------------------------
// Numbers.

/// A numeral with its scale: "1.5 billion", "$94,000", "five million".
#[derive(Debug, Clone, Copy)]
struct Amount {
    end: usize,
    /// numeral × scale.
    value: f64,
    /// The numeral alone.
    numeral: f64,
    /// The scale (1 when none).
    mag: f64,
    has_mag: bool,
    /// Digits only: no separators, decimals, fraction or scale.
    plain_int: bool,
    decimal: bool,
    written: bool,
    /// Written as "a million": an article, not a figure.
    a_scale: bool,
    year_like: bool,
    /// See [`Digits::shifted`].
    shifted: Option<(f64, i32)>,
}

impl Amount {
    /// The numeral times another scale ("$10-$15 billion": 10 × 1e9).
    fn numeral_times(&self, mag: f64) -> f64 {
        let d = Digits {
            end: self.end,
            value: self.numeral,
            plain: self.plain_int,
            decimal: self.decimal,
            shifted: self.shifted,
        };
        scaled(&d, mag)
    }
}

/// A scale word written after a space: "5 million", "750 mln", "35 lakh".
fn spaced_mag(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" | "mn" | "mil" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
        "crore" | "crores" | "cr" => 1e7,
        _ => return None,
    })
}

/// A scale glued to the digits: "5m", "$1.2bn", "500k", "$1T", "$5mm".
fn attached_mag(w: &str) -> Option<f64> {
    Some(match w {
        "k" => 1e3,
        "m" | "mm" => 1e6,
        "b" => 1e9,
        "t" => 1e12,
        _ => return spaced_mag(w),
    })
}

/// The plain scales that can stand alone in vague amounts and hyphenated
/// adjectives ("billion-dollar", "tens of millions").
fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" | "thousands" => 1e3,
        "million" | "millions" | "mln" => 1e6,
        "billion" | "billions" | "bln" => 1e9,
        "trillion" | "trillions" => 1e12,
        _ => return None,
    })
}

fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

fn written_scale(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bln" => 1e9,
        "trillion" => 1e12,
        "lakh" => 1e5,
        "crore" => 1e7,
        _ => return None,
    })
}

fn is_number_word(w: &str) -> bool {
    small_number(w).is_some()
        || written_scale(w).is_some()
        || matches!(w, "hundred" | "half" | "quarter" | "quarters" | "a" | "an")
}

/// A figure written in digits.
struct Digits {
    end: usize,
    value: f64,
    /// Digits only: no separators, decimals or fraction.
    plain: bool,
    decimal: bool,
    /// The digits as a whole number and how many of them follow the decimal
    /// point ("1.13" → (113, 2)); `None` for fractions.
    shifted: Option<(f64, i32)>,
}

/// Tokenised text splits decimals: "$ 46 . 8 million". Joined only when a
/// scale word follows, so a sentence ending in a figure is left alone.
fn penn_decimal(b: &[u8], d: &mut Digits) {
    let e = d.end;
    if !d.plain || b.get(e..e + 3) != Some(b" . ") || !is_digit(at(b, e + 3)) {
        return;
    }
    let mut f = e + 3;
    while is_digit(at(b, f)) {
        f += 1;
    }
    let k = skip_ws(b, f);
    let scale_follows =
        k > f && word_at(b, k).is_some_and(|(w, _)| spaced_mag(w.as_str()).is_some());
    let places = f - e - 3;
    if !scale_follows || places > 6 {
        return;
    }
    let Some(frac) = std::str::from_utf8(&b[e + 3..f])
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
    else {
        return;
    };
    let p = 10f64.powi(places as i32);
    d.value += frac / p;
    d.shifted = d.shifted.map(|(w, _)| (w * p + frac, places as i32));
    d.end = f;
    d.plain = false;
    d.decimal = true;
}

/// `numeral × mag` computed as one correctly rounded operation where
/// possible, so that "$1.13bn" is exactly 1130000000 and not
/// 1129999999.9999998 in the JSON output.
fn scaled(d: &Digits, mag: f64) -> f64 {
    let exp = mag.log10().round() as i32;
    match d.shifted {
        Some((whole, places)) if 10f64.powi(exp) == mag && whole < 9e15 => {
            if exp >= places {
                whole * 10f64.powi(exp - places)
            } else {
                whole / 10f64.powi(places - exp)
            }
        }
        _ => d.value * mag,
    }
}

/// Digits with thousands separators (`94,000`, Indian `12,34,567`, European
/// `1.234.567`), decimals and newswire fractions (`22-1/2`).
fn parse_digits(b: &[u8], i: usize) -> Option<Digits> {
    let mut buf = [0u8; 40];
    let mut n = 0;
    let mut push = |c: u8, n: &mut usize| -> bool {
        if *n >= buf.len() {
            return false;
        }
        buf[*n] = c;
        *n += 1;
        true
    };
    let mut j = i;
    while is_digit(at(b, j)) {
        if !push(b[j], &mut n) {
            return None;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    let int_len = j - i;
    let mut plain = true;
    let mut decimal = false;
    // Comma groups of three; Indian style allows groups of two before the last.
    let mut grouped = false;
    loop {
        if at(b, j) != b',' {
            break;
        }
        let mut k = j + 1;
        while is_digit(at(b, k)) {
            k += 1;
        }
        let glen = k - j - 1;
        let ok = (glen == 3 && !is_digit(at(b, k)))
            || (glen == 2 && at(b, k) == b',' && is_digit(at(b, k + 1)));
        if !ok || (!grouped && int_len > 3) {
            break;
        }
        for &c in &b[j + 1..k] {
            if !push(c, &mut n) {
                return None;
            }
        }
        grouped = true;
        plain = false;
        j = k;
    }
    // European dot groups: at least two groups of three ("1.234.567").
    if !grouped && int_len <= 3 && at(b, j) == b'.' {
        let mut k = j;
        let mut groups = 0;
        while at(b, k) == b'.' && (1..=3).all(|d| is_digit(at(b, k + d))) && !is_digit(at(b, k + 4))
        {
            groups += 1;
            k += 4;
        }
        if groups >= 2 {
            for &c in b[j..k].iter().filter(|c| c.is_ascii_digit()) {
                if !push(c, &mut n) {
                    return None;
                }
            }
            plain = false;
            j = k;
            if at(b, j) == b',' && is_digit(at(b, j + 1)) {
                push(b'.', &mut n);
                j += 1;
                while is_digit(at(b, j)) {
                    push(b[j], &mut n);
                    j += 1;
                }
                decimal = true;
            }
        }
    }
    if !decimal && at(b, j) == b'.' && is_digit(at(b, j + 1)) {
        if !push(b'.', &mut n) {
            return None;
        }
        j += 1;
        while is_digit(at(b, j)) {
            if !push(b[j], &mut n) {
                return None;
            }
            j += 1;
        }
        plain = false;
        decimal = true;
    }
    // "1.2.3" or "1,2345": a version or code, not an amount.
    if matches!(at(b, j), b'.' | b',') && is_digit(at(b, j + 1)) {
        return None;
    }
    let text = std::str::from_utf8(&buf[..n]).ok()?;
    let mut value: f64 = text.parse().ok()?;
    // The figure without its decimal point, for exact scaling.
    let frac_digits = text.find('.').map_or(0, |dot| text.len() - dot - 1);
    let mut shifted = if frac_digits > 0 && n <= 16 {
        let mut whole = [0u8; 40];
        let mut m = 0;
        for &c in buf[..n].iter().filter(|c| c.is_ascii_digit()) {
            whole[m] = c;
            m += 1;
        }
        std::str::from_utf8(&whole[..m])
            .ok()
            .and_then(|w| w.parse::<f64>().ok())
            .map(|w| (w, frac_digits as i32))
    } else {
        Some((value, 0))
    };
    // Newswire fractions: "22-1/2 dlrs", "12 1/2 cts".
    if plain && matches!(at(b, j), b'-' | b' ') {
        let k = j + 1;
        let mut e = k;
        while is_digit(at(b, e)) && e - k < 2 {
            e += 1;
        }
        if e > k && at(b, e) == b'/' {
            let mut f = e + 1;
            while is_digit(at(b, f)) && f - e - 1 < 2 {
                f += 1;
            }
            if f > e + 1 && !is_digit(at(b, f)) && !(at(b, f) == b'.' && is_digit(at(b, f + 1))) {
                let num: f64 = std::str::from_utf8(&b[k..e]).ok()?.parse().ok()?;
                let den: f64 = std::str::from_utf8(&b[e + 1..f]).ok()?.parse().ok()?;
                if den >= 2.0 && num < den {
                    value += num / den;
                    shifted = None;
                    plain = false;
                    j = f;
                }
            }
        }
    }
    Some(Digits {
        end: j,
        value,
        plain,
        decimal,
        shifted,
    })
}

/// Written numbers: "five", "twenty-five", "one hundred and fifty",
/// "a million", "half a million", "three quarters billion",
/// "two and a half billion".
fn parse_words(b: &[u8], i: usize) -> Option<Amount> {
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut any = false;
    let mut has_mag = false;
    let mut frac: Option<f64> = None;
    let mut a_scale = false;
    let mut article = false;
    let mut last_scale = 1.0;
    let mut end = i;
    let mut j = i;
    while let Some((w, we)) = word_at(b, j) {
        let w = w.as_str();
        // Where the next word would start: one whitespace run or a hyphen.
        let next = if at(b, we) == b'-' && is_letter(at(b, we + 1)) {
            we + 1
        } else {
            skip_ws(b, we)
        };
        let next_word = word_at(b, next).map(|(x, _)| x);
        let next_is = |f: &dyn Fn(&str) -> bool| next_word.is_some_and(|x| f(x.as_str()));
        if let Some(n) = small_number(w) {
            cur += n;
        } else if w == "hundred" {
            cur = if cur == 0.0 { 1.0 } else { cur } * 100.0;
        } else if let Some(m) = written_scale(w) {
            if !any {
                break;
            }
            if has_mag && cur == 0.0 && frac.is_none() && m >= 1e6 && last_scale >= 1e6 {
                // "two million million": a doubled scale is a typo; the first one counts.
            } else if has_mag && frac.is_none() && m > last_scale && last_scale < 1e6 {
                // "a thousand million", "one thousand two hundred million": a larger scale
                // multiplies everything before it. Not after a million or more: "two million
                // and three billion" is two amounts, not a product.
                total = (total + cur) * m;
                last_scale = m;
            } else {
                let base = if cur == 0.0 { 1.0 } else { cur };
                total += base * frac.take().unwrap_or(1.0) * m;
                last_scale = m;
            }
            cur = 0.0;
            has_mag = true;
            if article {
                a_scale = true;
            }
        } else if w == "a" || w == "an" {
            let ok = next_is(&|x| {
                written_scale(x).is_some() || matches!(x, "hundred" | "quarter" | "half")
            });
            if !ok || next == we {
                break;
            }
            cur = if frac.is_some() { 1.0 } else { cur.max(1.0) };
            if !any {
                article = true;
            }
        } else if w == "half" {
            frac = Some(0.5 * if cur == 0.0 { 1.0 } else { cur });
            cur = 0.0;
        } else if w == "quarter" || w == "quarters" {
            frac = Some(0.25 * if cur == 0.0 { 1.0 } else { cur });
            cur = 0.0;
        } else if w == "and" {
            if !any || next == we {
                break;
            }
            // "two and a half million"
            if let Some(e1) = word_is(b, next, "a") {
                let k = skip_ws(b, e1);
                if let Some(e2) = word_is(b, k, "half").filter(|_| k > e1) {
                    cur += 0.5;
                    end = e2;
                    j = skip_ws(b, e2);
                    if j == e2 {
                        break;
                    }
                    continue;
                }
            }
            if !next_is(&|x| is_number_word(x) && !matches!(x, "a" | "an")) {
                break;
            }
            j = next;
            continue;
        } else {
            break;
        }
        any = true;
        end = we;
        if next == we {
            break;
        }
        j = next;
    }
    if !any || (frac.is_some() && !has_mag) {
        return None;
    }
    let value = total + cur;
    if value <= 0.0 {
        return None;
    }
    // "ten million": numeral 10, scale 1e6, so "five to ten million" can
    // carry the scale back to "five".
    Some(Amount {
        end,
        value,
        numeral: value / last_scale,
        mag: last_scale,
        has_mag,
        plain_int: false,
        decimal: false,
        written: true,
        a_scale,
        year_like: false,
        shifted: None,
    })
}

/// A numeral (digits, or words when `words` is set) with its scale.
fn parse_amount(cx: &Cx, i: usize, words: bool) -> Option<Amount> {
    let b = cx.b;
    if !is_digit(at(b, i)) {
        return if words && is_letter(at(b, i)) {
            parse_words(b, i)
        } else {
            None
        };
    }
    let mut digits = parse_digits(b, i)?;
    penn_decimal(b, &mut digits);
    let (mut end, numeral, plain, decimal) =
        (digits.end, digits.value, digits.plain, digits.decimal);
    let year_like = plain && end - i == 4 && (1800.0..=2099.0).contains(&numeral);
    let mut mag = 1.0;
    let mut has_mag = false;
    let le = letters_end(b, end);
    if le > end {
        // Glued scale ("5m", "$1.2bn"); other glued letters ("115usd") are
        // left for the currency check.
        if let Some(m) = lw(b, end, le).and_then(|w| attached_mag(w.as_str())) {
            mag = m;
            has_mag = true;
            end = le;
        }
    } else if at(b, end) == b'-' && is_letter(at(b, end + 1)) {
        // "$1.5-billion", "a 240-mln-dlr loan"
        let le = letters_end(b, end + 1);
        if let Some(m) = lw(b, end + 1, le).and_then(|w| match w.as_str() {
            "million" | "mln" | "mn" => Some(1e6),
            "billion" | "bln" | "bn" => Some(1e9),
            "trillion" | "tn" => Some(1e12),
            _ => None,
        }) {
            mag = m;
            has_mag = true;
            end = le;
        }
    }
    // Spaced scales, chained: "5 million", "1.2 lakh crore", "1 thousand million". Two
    // scales of a million or more in a row are a typo in the source ("$4.5bn trillion",
    // "1.143 billion mln stg"), not a product: the first one counts.
    loop {
        let k = skip_ws(b, end);
        if k == end {
            break;
        }
        let Some((w, we)) = word_at(b, k) else { break };
        match spaced_mag(w.as_str()) {
            Some(m) if mag >= 1e6 && m >= 1e6 => end = we,
            Some(m) => {
                mag *= m;
                has_mag = true;
                end = we;
            }
            None => break,
        }
    }
    Some(Amount {
        end,
        value: scaled(&digits, mag),
        numeral,
        mag,
        has_mag,
        plain_int: plain && !has_mag,
        decimal,
        written: false,
        a_scale: false,
        year_like,
        shifted: digits.shifted,
    })
}

// ---------------------------------------------------------------------------
// Currency markers.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CurKind {
    Symbol,
    Code,
    Word,
}

#[derive(Debug, Clone, Copy)]
struct Cur {
    end: usize,
    iso: &'static str,
    /// Whole units per stated unit: 0.01 for cents.
    factor: f64,
    /// A scale carried by the marker: `MUSD`, or "75 USD million".
    mag: f64,
    kind: CurKind,
    /// Glued to the number by a hyphen: "12-cent", "billion-dollar".
    hyphen: bool,
}

fn symbol_at(b: &[u8], i: usize) -> Option<(usize, &'static str, &'static str)> {
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
fn dollar_sign(b: &[u8], i: usize, iso: &'static str) -> Cur {
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

fn code_at(b: &[u8], s: usize, e: usize) -> Option<CodeInfo> {
    let w = lw(b, s, e)?;
    let info = *TABLES.codes.get(w.as_str())?;
    if info.upper_only && !is_upper_word(b, s, e) {
        return None;
    }
    Some(info)
}

/// A currency marker written before the number at `i`.
fn prefix_cur(cx: &Cx, i: usize) -> Option<Cur> {
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
fn suffix_symbol_ok(cx: &Cx, sym_end: usize) -> bool {
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
fn guard_ok(
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
fn word_cur(cx: &Cx, j: usize, a: &Amount, start: usize, hyphen: bool) -> Option<Cur> {
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
fn is_pence(a: &Amount) -> bool {
    const RESOLUTIONS: &[f64] = &[
        144.0, 240.0, 360.0, 480.0, 540.0, 576.0, 720.0, 900.0, 1080.0, 1440.0, 2160.0, 4320.0,
    ];
    !a.has_mag && !a.written && a.value < 10_000.0 && !RESOLUTIONS.contains(&a.value)
}

/// A currency marker written after the amount `a` that starts at `start`.
fn suffix_cur(cx: &Cx, a: &Amount, start: usize, symbols: bool) -> Option<Cur> {
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

// ---------------------------------------------------------------------------
// The mention grammar.

#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    iso: &'static str,
    value: f64,
    kind: MoneyKind,
    low: Option<f64>,
    high: Option<f64>,
    /// For a plain single figure: its unit factor and scale, which a
    /// following "vs 47" inherits.
    factor: f64,
    mag: f64,
    single: bool,
}

impl Found {
    fn exact(start: usize, end: usize, iso: &'static str, value: f64) -> Found {
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

    fn vague(start: usize, end: usize, iso: &'static str, value: f64, low: f64) -> Found {
        Found {
            kind: MoneyKind::Approximate,
            low: Some(low),
            ..Found::exact(start, end, iso, value)
        }
    }

    fn into_money(self, text: &str) -> Money {
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

/// Tries the grammar from each token start between the furthest point a
/// mention could begin ([`reach_back`]) and the cue, leftmost first, and
/// keeps the first mention that covers the cue.
fn parse_around(cx: &Cx, floor: usize, cs: usize, ce: usize) -> Option<Found> {
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
static TABLE_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
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
fn inside_word(w: &str) -> bool {
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
fn inside_token(b: &[u8], s: usize, e: usize) -> bool {
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
fn reach_back(b: &[u8], floor: usize, cs: usize) -> usize {
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
enum Class {
    Letter,
    Digit,
    Space,
    Cont,
    Other,
}

fn class(c: u8) -> Class {
    match c {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Class::Space,
        0x80..=0xBF => Class::Cont,
        _ => Class::Other,
    }
}

/// Cheap rejections before running the grammar at `p`.
fn candidate_ok(b: &[u8], p: usize, cl: Class) -> bool {
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

/// The grammar at `i`: an amount after a currency marker, a figure with its
/// currency after it (or a range), or a vague amount.
fn parse_at(cx: &Cx, i: usize) -> Option<Found> {
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
fn parse_prefixed(cx: &Cx, i: usize, pc: Cur) -> Option<Found> {
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
fn parse_numbered(cx: &Cx, i: usize) -> Option<Found> {
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

/// Words after which "X to Y" is a change, not a range.
const CHANGE_WORDS: &[&str] = &[
    "from",
    "by",
    "rose",
    "rise",
    "rises",
    "rising",
    "fell",
    "fall",
    "falls",
    "falling",
    "up",
    "down",
    "gained",
    "lost",
    "added",
    "jumped",
    "climbed",
    "dropped",
    "slipped",
    "increased",
    "decreased",
    "raised",
    "cut",
    "lowered",
    "boosted",
    "trimmed",
    "grew",
    "declined",
    "slid",
];

/// Where a range separator after `j` leads to, if the text continues as a
/// range: `-`, `–`, `to`, or `and` after "between".
fn range_sep(cx: &Cx, j: usize, start: usize) -> Option<usize> {
    let b = cx.b;
    let k = skip_ws(b, j);
    let dash = if at(b, k) == b'-' && at(b, k + 1) != b'-' {
        Some(k + 1)
    } else if b
        .get(k..k + 3)
        .is_some_and(|s| s == "–".as_bytes() || s == "—".as_bytes())
    {
        Some(k + 3)
    } else {
        None
    };
    if let Some(d) = dash {
        return Some(skip_ws(b, d));
    }
    if k == j {
        return None;
    }
    let (w, we) = word_at(b, k)?;
    let after = skip_ws(b, we);
    if after == we {
        return None;
    }
    match w.as_str() {
        // "from $10m to $20m", "by $5m to $10m" and "rose $2 to $50" are
        // a change between two amounts.
        "to" if !prev_word_in(b, start, CHANGE_WORDS) => Some(after),
        "and" if prev_word_in(b, start, &["between"]) => Some(after),
        _ => None,
    }
}

/// A range continuing after the first amount `a` (which starts at `start`,
/// after the prefix currency `pc` if any).
fn range_after(cx: &Cx, start: usize, a: &Amount, pc: Option<Cur>) -> Option<Found> {
    let b = cx.b;
    let k = range_sep(cx, a.end, start)?;
    let pc2 = prefix_cur(cx, k).filter(|c| is_digit(at(b, skip_ws(b, c.end))));
    if let (Some(p1), Some(p2)) = (pc, pc2) {
        if p1.iso != p2.iso {
            return None;
        }
    }
    let kb = pc2.map_or(k, |c| skip_ws(b, c.end));
    let second = parse_amount(cx, kb, a.written && pc2.is_none())?;
    // "$10-$15 billion": the scale of the second figure carries back.
    let low = if !a.has_mag && second.has_mag {
        a.numeral_times(second.mag)
    } else if a.plain_int
        && !second.has_mag
        && b[..second.end].ends_with(b",000")
        && a.value * 10.0 < second.value
        && a.value * 1000.0 < second.value
    {
        // "$50-100,000" is fifty to a hundred thousand.
        a.value * 1000.0
    } else {
        a.value
    };
    let high = second.value;
    if low >= high {
        return None;
    }
    let (cur, end) = match pc.or(pc2) {
        Some(c) => {
            // The second figure borrows the first's currency; it must not
            // run on into a count ("$10 to 15 employees").
            if pc2.is_none() && !second.has_mag {
                let n = skip_ws(b, second.end);
                if let Some((w, _)) = word_at(b, n).filter(|_| n > second.end) {
                    if !matches!(
                        w.as_str(),
                        "a" | "an" | "per" | "each" | "for" | "in" | "and" | "or"
                    ) {
                        return None;
                    }
                }
                if is_letter(at(b, second.end)) || at(b, second.end) == b'%' {
                    return None;
                }
            }
            (c, second.end)
        }
        None => {
            let c = suffix_cur(cx, &second, kb, true)?;
            (c, c.end)
        }
    };
    let (low, high) = (
        apply(low * cur.mag, cur.factor),
        apply(high * cur.mag, cur.factor),
    );
    Some(Found {
        kind: MoneyKind::Range,
        low: Some(low),
        high: Some(high),
        ..Found::exact(start, end, cur.iso, low)
    })
}

/// Cents written after whole units: "3 dollars 50 cents",
/// "thirteen dollars and forty-five cents", "15 dollars 50.", "c $ 100 and
/// fifty". Without the word "cents", the figure must be spelled out or the
/// currency must have come after the number, and the cents must end the
/// clause: "$4.25 and 32 is the quantity" is two things.
fn cents_after(
    cx: &Cx,
    end: usize,
    a: &Amount,
    cur: &Cur,
    suffix_form: bool,
) -> Option<(usize, f64)> {
    let b = cx.b;
    if cur.factor != 1.0 || cur.mag != 1.0 || a.has_mag || !(a.plain_int || a.written) {
        return None;
    }
    if NO_CENTS.contains(&cur.iso) {
        return None;
    }
    let mut k = skip_ws(b, end);
    if k == end {
        return None;
    }
    if let Some(e) = word_is(b, k, "and") {
        let n = skip_ws(b, e);
        if n == e {
            return None;
        }
        k = n;
    }
    let (ce, cents, written) = if is_digit(at(b, k)) {
        let d = parse_digits(b, k)?;
        if !d.plain || d.end - k > 2 {
            return None;
        }
        (d.end, d.value, false)
    } else {
        let w = parse_words(b, k)?;
        if w.has_mag {
            return None;
        }
        (w.end, w.value, true)
    };
    if !(1.0..100.0).contains(&cents) {
        return None;
    }
    let k2 = skip_ws(b, ce);
    if let Some((w, we)) = word_at(b, k2) {
        if matches!(w.as_str(), "cent" | "cents" | "cts") {
            return Some((we, cents / 100.0));
        }
    }
    if !(suffix_form || written) {
        return None;
    }
    let c = at(b, ce);
    let clause_end = ce == b.len()
        || matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b')')
        || (k2 > ce && word_is(b, k2, "more").is_some());
    if !clause_end {
        return None;
    }
    Some((ce, cents / 100.0))
}

/// `v` stated in units worth `factor` of the whole currency. Sub-units are
/// divided rather than multiplied by 0.01, so 47 cents is exactly 0.47.
fn apply(v: f64, factor: f64) -> f64 {
    if factor < 1.0 {
        v / (1.0 / factor).round()
    } else {
        v * factor
    }
}

/// A fake amount for vague phrases, so word guards treat them as large.
const VAGUE_AMOUNT: Amount = Amount {
    end: 0,
    value: 1e9,
    numeral: 1.0,
    mag: 1e9,
    has_mag: true,
    plain_int: false,
    decimal: false,
    written: true,
    a_scale: false,
    year_like: false,
    shifted: None,
};

/// Currency after a vague phrase: a word or a code, never a bare symbol.
fn vague_cur(cx: &Cx, j: usize, start: usize) -> Option<Cur> {
    let a = Amount {
        end: j,
        ..VAGUE_AMOUNT
    };
    suffix_cur(cx, &a, start, false)
}

/// "tens of billions of dollars", "billions of dollars", "several billion
/// dollars", "a few million euros", "multibillion-dollar",
/// "billion-dollar".
fn parse_vague(cx: &Cx, i: usize) -> Option<Found> {
    let b = cx.b;
    let (w, we) = word_at(b, i)?;
    let w = w.as_str();
    // multibillion-dollar, multi-million pound
    if let Some(rest) = w.strip_prefix("multi") {
        let (scale, se) = if rest.is_empty() {
            if at(b, we) != b'-' {
                return None;
            }
            let (w2, e2) = word_at(b, we + 1)?;
            (scale_word(w2.as_str())?, e2)
        } else {
            (scale_word(rest)?, we)
        };
        let cur = if at(b, se) == b'-' {
            word_cur(cx, se + 1, &VAGUE_AMOUNT, i, false)?
        } else {
            let k = skip_ws(b, se);
            if k == se {
                return None;
            }
            word_cur(cx, k, &VAGUE_AMOUNT, i, false)?
        };
        let v = apply(scale, cur.factor);
        return Some(Found::vague(i, cur.end, cur.iso, v, v));
    }
    // billion-dollar
    if let Some(scale) = scale_word(w).filter(|_| at(b, we) == b'-') {
        if matches!(w, "million" | "billion" | "trillion") {
            let cur = word_cur(cx, we + 1, &VAGUE_AMOUNT, i, false)?;
            let v = apply(scale, cur.factor);
            return Some(Found::vague(i, cur.end, cur.iso, v, v));
        }
        return None;
    }
    let of_after = |e: usize| -> Option<usize> {
        let k = skip_ws(b, e);
        let e2 = word_is(b, k, "of").filter(|_| k > e)?;
        let n = skip_ws(b, e2);
        (n > e2).then_some(n)
    };
    let mult = match w {
        "tens" => Some(10.0),
        "hundreds" => Some(100.0),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        "trillions" => Some(1e12),
        _ => None,
    };
    if let Some(mut mult) = mult {
        let mut k = of_after(we)?;
        if matches!(w, "tens" | "hundreds") {
            if let Some((w2, e2)) = word_at(b, k) {
                if let Some(s) = scale_word(w2.as_str()) {
                    mult *= s;
                    k = of_after(e2)?;
                }
            }
        }
        let cur = vague_cur(cx, k, i).filter(|c| c.kind != CurKind::Symbol)?;
        let v = apply(mult * cur.mag, cur.factor);
        return Some(Found::vague(i, cur.end, cur.iso, v, v));
    }
    // several / a few / a couple of
    let mut k = skip_ws(b, we);
    if k == we {
        return None;
    }
    let count = match w {
        "several" => 3.0,
        "a" => {
            let (w2, e2) = word_at(b, k)?;
            let count = match w2.as_str() {
                "few" => 3.0,
                "couple" => 2.0,
                _ => return None,
            };
            let n = skip_ws(b, e2);
            if n == e2 {
                return None;
            }
            k = n;
            if count == 2.0 {
                let e3 = word_is(b, k, "of")?;
                k = skip_ws(b, e3);
                if k == e3 {
                    return None;
                }
            }
            count
        }
        _ => return None,
    };
    let mut base = 1.0;
    let mut j = k;
    let mut last = None;
    while let Some((w2, e2)) = word_at(b, j) {
        let m = match w2.as_str() {
            "hundred" => 1e2,
            other => match written_scale(other) {
                Some(m) => m,
                None => break,
            },
        };
        base *= m;
        last = Some(e2);
        let n = skip_ws(b, e2);
        if n == e2 {
            break;
        }
        j = n;
    }
    let cur = match last {
        Some(e) => vague_cur(cx, e, i)?,
        None => word_cur(cx, k, &VAGUE_AMOUNT, i, false)?,
    };
    let value = apply(count * base * cur.mag, cur.factor);
    // "a couple of" is about two: no bound. "several" and "a few" are more
    // than two.
    let low = (count != 2.0).then(|| apply(2.0 * base * cur.mag, cur.factor));
    Some(Found {
        low,
        ..Found::vague(i, cur.end, cur.iso, value, value)
    })
}

// ---------------------------------------------------------------------------
// Qualifiers and follow-ups.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Qual {
    Approx,
    Low,
    High,
}

/// Words before an amount that hedge it. Longer phrases come first so that
/// "no more than" is not read as "more than".
const PRE_QUALIFIERS: &[(&str, Qual)] = &[
    ("no more than", Qual::High),
    ("not more than", Qual::High),
    ("no less than", Qual::Low),
    ("not less than", Qual::Low),
    ("a maximum of", Qual::High),
    ("a minimum of", Qual::Low),
    ("in excess of", Qual::Low),
    ("upwards of", Qual::Low),
    ("upward of", Qual::Low),
    ("greater than", Qual::Low),
    ("more than", Qual::Low),
    ("at least", Qual::Low),
    ("as little as", Qual::Low),
    ("as low as", Qual::Low),
    ("starting at", Qual::Low),
    ("starting from", Qual::Low),
    ("starts at", Qual::Low),
    ("start at", Qual::Low),
    ("north of", Qual::Low),
    ("exceeding", Qual::Low),
    ("over", Qual::Low),
    ("above", Qual::Low),
    ("as much as", Qual::High),
    ("as high as", Qual::High),
    ("at most", Qual::High),
    ("up to", Qual::High),
    ("less than", Qual::High),
    ("shy of", Qual::High),
    ("nearly", Qual::High),
    ("almost", Qual::High),
    ("under", Qual::High),
    ("below", Qual::High),
    ("an estimated", Qual::Approx),
    ("approximately", Qual::Approx),
    ("approx.", Qual::Approx),
    ("approx", Qual::Approx),
    ("close to", Qual::Approx),
    ("roughly", Qual::Approx),
    ("around", Qual::Approx),
    ("about", Qual::Approx),
    ("circa", Qual::Approx),
    ("some", Qual::Approx),
    ("estimated", Qual::Approx),
    ("~", Qual::Approx),
];

/// Words right after an amount that hedge it.
const POST_QUALIFIERS: &[(&str, Qual)] = &[
    ("or more", Qual::Low),
    ("or higher", Qual::Low),
    ("or above", Qual::Low),
    ("or over", Qual::Low),
    ("and up", Qual::Low),
    ("and above", Qual::Low),
    ("or less", Qual::High),
    ("or lower", Qual::High),
    ("or under", Qual::High),
    ("or so", Qual::Approx),
];

fn pre_qualifier(b: &[u8], start: usize) -> Option<Qual> {
    let e = skip_ws_back(b, start);
    PRE_QUALIFIERS.iter().find_map(|&(p, q)| {
        // A word must be followed by whitespace; "~" may touch the figure.
        let spaced = e < start || !p.ends_with(|c: char| c.is_ascii_alphabetic());
        (spaced && phrase_ends_at(b, e, p)).then_some(q)
    })
}

fn post_qualifier(b: &[u8], end: usize) -> Option<Qual> {
    // Glued: "$5bn+", "$5bn-plus".
    if at(b, end) == b'+' {
        return Some(Qual::Low);
    }
    if at(b, end) == b'-' && phrase_starts_at(b, end + 1, "plus").is_some() {
        return Some(Qual::Low);
    }
    let k = skip_ws(b, end);
    if k == end {
        return None;
    }
    POST_QUALIFIERS
        .iter()
        .find_map(|&(p, q)| phrase_starts_at(b, k, p).map(|_| q))
}

/// Applies hedging words around an exact figure.
fn qualify(cx: &Cx, mut f: Found) -> Found {
    if f.kind != MoneyKind::Exact {
        return f;
    }
    let q = pre_qualifier(cx.b, f.start).or_else(|| post_qualifier(cx.b, f.end));
    if let Some(q) = q {
        f.kind = MoneyKind::Approximate;
        match q {
            Qual::Approx => {}
            Qual::Low => f.low = Some(f.value),
            Qual::High => f.high = Some(f.value),
        }
    }
    f
}

/// Newswire result tables compare with "vs" and drop the unit the second
/// time: "Shr 52 cts vs 47", "Net 1.28 billion dlrs vs 551.7 mln". The
/// second figure takes the first one's currency, factor and (for small bare
/// figures) scale.
fn versus_follow(cx: &Cx, f: &Found) -> Option<Found> {
    let b = cx.b;
    if !f.single {
        return None;
    }
    let k = skip_ws(b, f.end);
    if k == f.end {
        return None;
    }
    let mut e = word_is(b, k, "vs")?;
    if at(b, e) == b'.' {
        e += 1;
    }
    let mut n = skip_ws(b, e);
    if n == e {
        return None;
    }
    if let Some((w, we)) = word_at(b, n) {
        if !matches!(w.as_str(), "profit" | "loss") {
            return None;
        }
        let m = skip_ws(b, we);
        if m == we {
            return None;
        }
        n = m;
    }
    if !is_digit(at(b, n)) {
        return None;
    }
    let a = parse_amount(cx, n, false)?;
    // With its own unit the normal scan reads it; "vs 5 pct" is no money.
    if suffix_cur(cx, &a, n, true).is_some() {
        return None;
    }
    let c = at(b, a.end);
    if c == b'%' || is_letter(c) {
        return None;
    }
    let k2 = skip_ws(b, a.end);
    if k2 > a.end {
        if let Some((w, _)) = word_at(b, k2) {
            let lower_ok = matches!(
                w.as_str(),
                "in" | "a" | "the" | "for" | "last" | "year" | "prior" | "previous" | "and" | "or"
            );
            if !(b[k2].is_ascii_uppercase() || lower_ok) {
                return None;
            }
        }
    }
    let mag = if a.has_mag || a.value >= 1000.0 {
        1.0
    } else {
        f.mag
    };
    let value = apply(a.value * mag, f.factor);
    Some(Found {
        factor: f.factor,
        mag: a.mag,
        single: false,
        ..Found::exact(n, a.end, f.iso, value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, currency, value) of every mention.
    fn found(text: &str) -> Vec<(String, &'static str, f64)> {
        find_money(text)
            .into_iter()
            .map(|m| (m.text, m.currency, m.value))
            .collect()
    }

    /// The single mention in `text`; fails if there is not exactly one.
    fn one(text: &str) -> Money {
        let mut all = find_money(text);
        assert_eq!(
            all.len(),
            1,
            "expected one mention in {text:?}, got {all:?}"
        );
        all.remove(0)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
    }

    /// Asserts the single mention's text, currency and value.
    #[track_caller]
    fn check(text: &str, span: &str, currency: &str, value: f64) {
        let m = one(text);
        assert_eq!(m.text, span, "span in {text:?}");
        assert_eq!(m.currency, currency, "currency in {text:?}");
        assert!(
            close(m.value, value),
            "value in {text:?}: {} != {value}",
            m.value
        );
    }

    #[track_caller]
    fn none(text: &str) {
        let all = find_money(text);
        assert!(all.is_empty(), "expected no money in {text:?}, got {all:?}");
    }

    // --- symbols and prefixes -------------------------------------------

    #[test]
    fn dollar_sign_with_scales() {
        check(
            "Revenue hit $1.13bn last quarter.",
            "$1.13bn",
            "USD",
            1.13e9,
        );
        check(
            "The startup raised $94,000 from friends.",
            "$94,000",
            "USD",
            94_000.0,
        );
        check(
            "A grant of $ 75 million was approved.",
            "$ 75 million",
            "USD",
            75e6,
        );
        check("It paid $5m in fines.", "$5m", "USD", 5e6);
        check("Valued at $2.5B, the firm", "$2.5B", "USD", 2.5e9);
        check("a $500k seed round", "$500k", "USD", 5e5);
        check("a $1T market cap", "$1T", "USD", 1e12);
        check("debt of $3tn overall", "$3tn", "USD", 3e12);
        check("a $1.5-billion acquisition", "$1.5-billion", "USD", 1.5e9);
        check("sold for $0.99 each", "$0.99", "USD", 0.99);
    }

    #[test]
    fn a_doubled_scale_is_a_typo_and_the_first_counts() {
        // Seen in Reuters-21578 and BBC text; multiplying gave trillions of trillions.
        check(
            "borrowing of $4.5bn trillion over",
            "$4.5bn trillion",
            "USD",
            4.5e9,
        );
        check(
            "with 1.143 billion mln stg assistance",
            "1.143 billion mln stg",
            "GBP",
            1.143e9,
        );
        check(
            "a 40 million mln dlr loan",
            "40 million mln dlr",
            "USD",
            40e6,
        );
        check(
            "Two million million dollars",
            "Two million million dollars",
            "USD",
            2e6,
        );
    }

    #[test]
    fn a_larger_scale_multiplies_the_words_before_it() {
        check(
            "A thousand million dollars",
            "A thousand million dollars",
            "USD",
            1e9,
        );
        check(
            "one thousand two hundred million dollars",
            "one thousand two hundred million dollars",
            "USD",
            1.2e9,
        );
        check(
            "two million three hundred thousand dollars",
            "two million three hundred thousand dollars",
            "USD",
            2.3e6,
        );
        check("Rs 1.2 lakh crore", "Rs 1.2 lakh crore", "INR", 1.2e12);
        check(
            "five thousand million dollars",
            "five thousand million dollars",
            "USD",
            5e9,
        );
        check(
            "two hundred and fifty million dollars",
            "two hundred and fifty million dollars",
            "USD",
            2.5e8,
        );
        // Never a product across two amounts of a million or more.
        for text in [
            "between two million and three billion dollars",
            "five million and ten billion dollars",
        ] {
            for m in find_money(text) {
                assert!(m.value <= 1.1e10, "{text:?}: {}", m.value);
            }
        }
    }

    #[test]
    fn scaled_values_are_exact() {
        assert_eq!(one("It earned $1.13bn.").value, 1_130_000_000.0);
        assert_eq!(one("It earned $4.151 billion.").value, 4_151_000_000.0);
        assert_eq!(one("Shr 47 cts").value, 0.47);
    }

    #[test]
    fn country_dollar_prefixes() {
        check("a US$5m deal", "US$5m", "USD", 5e6);
        check("raised C$16.4 million", "C$16.4 million", "CAD", 16.4e6);
        check(
            "the price is c $ 16.4 million",
            "c $ 16.4 million",
            "CAD",
            16.4e6,
        );
        check("about A$30m in grants", "A$30m", "AUD", 30e6);
        check(
            "exports of hk $ 10.05 billion",
            "hk $ 10.05 billion",
            "HKD",
            10.05e9,
        );
        check("HK$2 billion of bonds", "HK$2 billion", "HKD", 2e9);
        check("a us $ 150 million loan", "us $ 150 million", "USD", 150e6);
        check("He gave us $5.", "$5", "USD", 5.0);
        check("the US $2 trillion bill", "US $2 trillion", "USD", 2e12);
        check("a prize of u.s. $ 12", "u.s. $ 12", "USD", 12.0);
        check("NZ$15 per ticket", "NZ$15", "NZD", 15.0);
        check("nzd$15 per ticket", "nzd$15", "NZD", 15.0);
        check("Mex$ 10 million forward", "Mex$ 10 million", "MXN", 10e6);
        check("it costs $US5m in total", "$US5m", "USD", 5e6);
        check("S$4.2 billion in deposits", "S$4.2 billion", "SGD", 4.2e9);
    }

    #[test]
    fn an_article_before_a_dollar_sign_is_not_australian() {
        check(
            "Boeing won a $ 300 million contract.",
            "$ 300 million",
            "USD",
            300e6,
        );
        check("A $5 fee applies.", "$5", "USD", 5.0);
    }

    #[test]
    fn other_symbols() {
        check("It sold for £8.10 million.", "£8.10 million", "GBP", 8.1e6);
        check("a fine of €2 million", "€2 million", "EUR", 2e6);
        check("a ¥500 billion package", "¥500 billion", "JPY", 500e9);
        check("an order worth ₹1,200 crore", "₹1,200 crore", "INR", 12e9);
        check("a ₩3 trillion plant", "₩3 trillion", "KRW", 3e12);
        check("The ticket is 100 ₡", "100 ₡", "CRC", 100.0);
        check("The bike cost 100₾", "100₾", "GEL", 100.0);
        check("They paid 100元 for it", "100元", "CNY", 100.0);
        check(
            "Supply is capped at ₿21,000,000",
            "₿21,000,000",
            "BTC",
            21e6,
        );
    }

    #[test]
    fn symbols_written_after_the_figure() {
        assert_eq!(
            found("Notes of 5 €, 10 € and 20 € exist."),
            vec![
                ("5 €".into(), "EUR", 5.0),
                ("10 €".into(), "EUR", 10.0),
                ("20 €".into(), "EUR", 20.0),
            ]
        );
        check("10 $ is cheap", "10 $", "USD", 10.0);
        assert_eq!(
            found("10 $ 30 $"),
            vec![("10 $".into(), "USD", 10.0), ("30 $".into(), "USD", 30.0)]
        );
    }

    #[test]
    fn a_year_before_a_tokenised_dollar_sign_is_not_money() {
        check("sales in 1988 $ 75 million", "$ 75 million", "USD", 75e6);
        check("one $10 bill", "$10", "USD", 10.0);
    }

    #[test]
    fn iso_codes_before_and_after() {
        check("a loan of USD 3m", "USD 3m", "USD", 3e6);
        check("a grant of 3m EUR", "3m EUR", "EUR", 3e6);
        check("priced at GBP 350.", "GBP 350", "GBP", 350.0);
        check("USD115.5 per unit", "USD115.5", "USD", 115.5);
        check("115usd per unit", "115usd", "USD", 115.0);
        check("They lost 75 USD million.", "75 USD million", "USD", 75e6);
        check("we sold 3 USD50 cards", "USD50", "USD", 50.0);
        check(
            "fees of CHF 12.5 million",
            "CHF 12.5 million",
            "CHF",
            12.5e6,
        );
        check("a SEK 2bn rights issue", "SEK 2bn", "SEK", 2e9);
        assert_eq!(
            found("rmb 10 usd 20"),
            vec![
                ("rmb 10".into(), "CNY", 10.0),
                ("usd 20".into(), "USD", 20.0)
            ]
        );
        assert_eq!(
            found("10 rmb 20 usd"),
            vec![
                ("10 rmb".into(), "CNY", 10.0),
                ("20 usd".into(), "USD", 20.0)
            ]
        );
    }

    #[test]
    fn codes_with_a_scale_letter() {
        check("losses above 30 MUSD", "30 MUSD", "USD", 30e6);
        check("sales rose to 120 MEUR", "120 MEUR", "EUR", 120e6);
        check("revenues of about MAUD 60", "MAUD 60", "AUD", 60e6);
        check("twenty MUSD in grants", "twenty MUSD", "USD", 20e6);
        check("a budget of 500 kSEK", "500 kSEK", "SEK", 5e5);
    }

    #[test]
    fn codes_that_are_english_words_need_capitals() {
        check("a CAD 5 million grant", "CAD 5 million", "CAD", 5e6);
        none("the cad 5 model");
        none("PHP 8 is out, and COP 28 opens soon.");
        none("Try 3 times; all 70 of us agreed.");
    }

    #[test]
    fn letter_prefixes() {
        check("a deal worth Rs 500 crore", "Rs 500 crore", "INR", 5e9);
        check(
            "a deal worth Rs.1.2 lakh crore",
            "Rs.1.2 lakh crore",
            "INR",
            1.2e12,
        );
        check("a RM5 billion highway", "RM5 billion", "MYR", 5e9);
        check("bonds worth Rp 2 trillion", "Rp 2 trillion", "IDR", 2e12);
        check("a DM 300 million credit", "DM 300 million", "DEM", 300e6);
        none("the rm 5 command");
    }

    // --- currency words ---------------------------------------------------

    #[test]
    fn currency_words() {
        check("Give me 5 dollars.", "5 dollars", "USD", 5.0);
        check("for 323 million euros", "323 million euros", "EUR", 323e6);
        check(
            "profit of 361 million pounds",
            "361 million pounds",
            "GBP",
            361e6,
        );
        check(
            "a 2 mln pounds sterling charge",
            "2 mln pounds sterling",
            "GBP",
            2e6,
        );
        check(
            "it broke 100 billion yuan",
            "100 billion yuan",
            "CNY",
            100e9,
        );
        check(
            "a 3 billion renminbi fund",
            "3 billion renminbi",
            "CNY",
            3e9,
        );
        check(
            "fined 10,000 swiss francs",
            "10,000 swiss francs",
            "CHF",
            10_000.0,
        );
        check("at 1,015 francs a share", "1,015 francs", "CHF", 1015.0);
        check(
            "worth 528 million French francs",
            "528 million French francs",
            "FRF",
            528e6,
        );
        check("a loan of 35 lakh rupees", "35 lakh rupees", "INR", 3.5e6);
        check(
            "for 420 million finnish markka",
            "420 million finnish markka",
            "FIM",
            420e6,
        );
        check("a 9 billion kronor order", "9 billion kronor", "SEK", 9e9);
        check(
            "raised 4 billion Danish crowns",
            "4 billion Danish crowns",
            "DKK",
            4e9,
        );
        check("costs 600 million rand", "600 million rand", "ZAR", 600e6);
        check("a 2 trillion won plant", "2 trillion won", "KRW", 2e12);
        check(
            "worth 15 trillion rupiah",
            "15 trillion rupiah",
            "IDR",
            15e12,
        );
        check(
            "at 6.65 billion pesetas",
            "6.65 billion pesetas",
            "ESP",
            6.65e9,
        );
        check(
            "250 million dutch guilders of bonds",
            "250 million dutch guilders",
            "NLG",
            250e6,
        );
        check("It costs 10 turkish lira", "10 turkish lira", "TRY", 10.0);
        check("a lease of 3 billion reais", "3 billion reais", "BRL", 3e9);
        check("6.25 BTC per block", "6.25 BTC", "BTC", 6.25);
        check(
            "a wallet holding 10000 bitcoins",
            "10000 bitcoins",
            "BTC",
            10_000.0,
        );
    }

    #[test]
    fn country_adjectives() {
        check(
            "125 million australian dollars of notes",
            "125 million australian dollars",
            "AUD",
            125e6,
        );
        check("It costs you 10 us dollar.", "10 us dollar", "USD", 10.0);
        check("and 100 chinese yuan", "100 chinese yuan", "CNY", 100.0);
        check(
            "a 5 mln Canadian dlr loan",
            "5 mln Canadian dlr",
            "CAD",
            5e6,
        );
        check("about 12 mln Can dlrs", "12 mln Can dlrs", "CAD", 12e6);
        check(
            "worth 3.61 billion U.S. dlrs",
            "3.61 billion U.S. dlrs",
            "USD",
            3.61e9,
        );
        check(
            "a 300 mln H.K. dlrs issue",
            "300 mln H.K. dlrs",
            "HKD",
            300e6,
        );
        check(
            "worth 8 billion Mexican pesos",
            "8 billion Mexican pesos",
            "MXN",
            8e9,
        );
        check(
            "priced at 20 Brazilian real",
            "20 Brazilian real",
            "BRL",
            20.0,
        );
        check(
            "some 40 mln Malaysian dlrs",
            "40 mln Malaysian dlrs",
            "MYR",
            40e6,
        );
        check("a 2 bln D-mark bond", "2 bln D-mark", "DEM", 2e9);
    }

    #[test]
    fn ambiguous_currency_words_are_xxx() {
        check("a 5 billion pesos budget", "5 billion pesos", "XXX", 5e9);
        check("profit of 300 mln crowns", "300 mln crowns", "XXX", 300e6);
        assert_eq!(usd_rate("XXX"), None);
    }

    #[test]
    fn cents_and_pence_are_fractions_of_the_unit() {
        check("oil rose 50 cents a barrel", "50 cents", "USD", 0.5);
        check("the contract rose 1.20 cents", "1.20 cents", "USD", 0.012);
        check("a 12-cent-a-share dividend", "12-cent", "USD", 0.12);
        check("a bid of 470 pence a share", "470 pence", "GBP", 4.7);
        check("shares closed one penny lower", "one penny", "GBP", 0.01);
        check("shares closed at 873p on Friday", "873p", "GBP", 8.73);
        check("shares were up 4p or 1%", "4p", "GBP", 0.04);
        check("a tip of 2 satoshis", "2 satoshis", "BTC", 2e-8);
        check("worth 5 euro cents", "5 euro cents", "EUR", 0.05);
        none("streams in 1080p or 720p, and 4K");
        none("up 5 per cent on the year");
    }

    #[test]
    fn written_out_numbers() {
        check("received five million yen", "five million yen", "JPY", 5e6);
        check(
            "It cost a million dollars.",
            "a million dollars",
            "USD",
            1e6,
        );
        check("just twenty-five cents", "twenty-five cents", "USD", 0.25);
        check(
            "It costs half a million euros.",
            "half a million euros",
            "EUR",
            5e5,
        );
        check("It costs half million usd.", "half million usd", "USD", 5e5);
        check(
            "It costs a quarter million us dollars.",
            "a quarter million us dollars",
            "USD",
            2.5e5,
        );
        check(
            "three quarters billion us dollars",
            "three quarters billion us dollars",
            "USD",
            7.5e8,
        );
        check(
            "two and a half billion dollars",
            "two and a half billion dollars",
            "USD",
            2.5e9,
        );
        check(
            "one hundred and fifty euros",
            "one hundred and fifty euros",
            "EUR",
            150.0,
        );
        check("its one-yen bid", "one-yen", "JPY", 1.0);
        check("posted a seven mln dlr profit", "seven mln dlr", "USD", 7e6);
        check(
            "three thousand dollars two hundred times",
            "three thousand dollars",
            "USD",
            3000.0,
        );
    }

    #[test]
    fn dollars_and_cents_together() {
        check(
            "It cost 3 dollars 50 cents.",
            "3 dollars 50 cents",
            "USD",
            3.5,
        );
        check(
            "only thirteen dollars and forty-five cents",
            "thirteen dollars and forty-five cents",
            "USD",
            13.45,
        );
        check(
            "only thirteen dollars forty five",
            "thirteen dollars forty five",
            "USD",
            13.45,
        );
        check("It costs 15 dollars 50.", "15 dollars 50", "USD", 15.5);
        check(
            "It costs 15 dollars and 15.",
            "15 dollars and 15",
            "USD",
            15.15,
        );
        check("up to 17 USD 25.", "17 USD 25", "USD", 17.25);
        check("10 $ 30 cent", "10 $ 30 cent", "USD", 10.3);
        check(
            "I owe c $ 100 and fifty.",
            "c $ 100 and fifty",
            "CAD",
            100.5,
        );
    }

    #[test]
    fn trailing_figures_that_are_not_cents() {
        check("Price is $4.25 and 32 is the count.", "$4.25", "USD", 4.25);
        check("It is 500 USD,100 times more.", "500 USD", "USD", 500.0);
        check("10 turkish lira 1111-2222", "10 turkish lira", "TRY", 10.0);
        assert_eq!(
            found("50 dollar 40 rmb"),
            vec![
                ("50 dollar".into(), "USD", 50.0),
                ("40 rmb".into(), "CNY", 40.0)
            ]
        );
        check(
            "He paid 15 dollars and 20 shares.",
            "15 dollars",
            "USD",
            15.0,
        );
        check("the price: 15 yen 50.", "15 yen", "JPY", 15.0);
    }

    // --- newswire forms (Reuters-21578 style) ----------------------------

    #[test]
    fn newswire_abbreviations() {
        check(
            "a loan of 750 mln dlrs to the",
            "750 mln dlrs",
            "USD",
            750e6,
        );
        check(
            "assets of 1.5 billion dlrs.",
            "1.5 billion dlrs",
            "USD",
            1.5e9,
        );
        check("a charge of 12.5 mln stg", "12.5 mln stg", "GBP", 12.5e6);
        check("an offer of 52 dlrs a share", "52 dlrs", "USD", 52.0);
        check("a dividend of 15 cts a share", "15 cts", "USD", 0.15);
        check("Qtly div 9 ct, payable", "9 ct", "USD", 0.09);
        check(
            "drained 16 billion marks from the market",
            "16 billion marks",
            "DEM",
            16e9,
        );
        check("traded at 1.8085 marks late", "1.8085 marks", "DEM", 1.8085);
        check("closed at 142.05 yen", "142.05 yen", "JPY", 142.05);
        check(
            "a budget of 3,717 billion lire",
            "3,717 billion lire",
            "ITL",
            3.717e12,
        );
        // Small bare counts of "ECUs" are engine control units in tech news.
        none("a modern car has 100 ECUs");
        check("issued 100 mln Ecus of notes", "100 mln Ecus", "XEU", 100e6);
        check("a loan of 200 mln SDRs", "200 mln SDRs", "XDR", 200e6);
    }

    #[test]
    fn newswire_line_breaks_inside_amounts() {
        check(
            "a deficit of 5.3\n    mln dlrs in the",
            "5.3\n    mln dlrs",
            "USD",
            5.3e6,
        );
        check(
            "worth 1.4 to 1.5\nbillion dlrs",
            "1.4 to 1.5\nbillion dlrs",
            "USD",
            1.4e9,
        );
    }

    #[test]
    fn newswire_fractions() {
        check("a 22-1/2 dlrs a share bid", "22-1/2 dlrs", "USD", 22.5);
        check("paying 12-1/2 cts quarterly", "12-1/2 cts", "USD", 0.125);
    }

    #[test]
    fn hyphenated_scale_and_unit() {
        check("a 240-mln-dlr contract", "240-mln-dlr", "USD", 240e6);
        check("a 1.8-mln-dlr note", "1.8-mln-dlr", "USD", 1.8e6);
    }

    #[test]
    fn versus_tables_carry_the_unit_over() {
        assert_eq!(
            found("Shr 52 cts vs 47\n    Net 1.28 billion dlrs vs 551.7 mln\n"),
            vec![
                ("52 cts".into(), "USD", 0.52),
                ("47".into(), "USD", 0.47),
                ("1.28 billion dlrs".into(), "USD", 1.28e9),
                ("551.7 mln".into(), "USD", 551.7e6),
            ]
        );
        check(
            "Revs 12.3 mln dlrs vs 11.1 pct",
            "12.3 mln dlrs",
            "USD",
            12.3e6,
        );
        let m = find_money("Sales 9.1 mln dlrs vs 8.2 in the year");
        assert_eq!(m.len(), 2);
        assert!(close(m[1].value, 8.2e6));
        assert_eq!(found("Shr loss 34 cts vs loss 58 cts").len(), 2);
    }

    #[test]
    fn weight_pounds_are_not_money() {
        none("The laptop weighs 3.5 pounds.");
        none("a 5-pound bag of rice");
        none("bought 2.3 mln pounds of peanut products");
        none("a 1,850 pound satellite");
        none("He lost 20 pounds last year.");
        none("The baby is over two pounds.");
        none("A tonne is 2,204.62 pounds.");
        check("a 5 million pound deal", "5 million pound", "GBP", 5e6);
        check(
            "it costs 20 pounds sterling",
            "20 pounds sterling",
            "GBP",
            20.0,
        );
        check(
            "a fee of 500 British pounds",
            "500 British pounds",
            "GBP",
            500.0,
        );
        approx(
            "millions of pounds",
            "millions of pounds",
            1e6,
            Some(1e6),
            None,
        );
    }

    #[test]
    fn common_words_that_are_also_currencies() {
        none("Exam results: 5 marks out of 10.");
        none("The team won 3 games.");
        none("She had 3 crowns fitted.");
        none("Bucks 110, Celtics 102");
        none("He needed 3 CT scans.");
        none("The 100 mark was passed.");
        none("With 2 real options left.");
        check("The shop sells it for 10 bucks.", "10 bucks", "USD", 10.0);
    }

    // --- ranges -----------------------------------------------------------

    #[track_caller]
    fn range(text: &str, span: &str, low: f64, high: f64) {
        let m = one(text);
        assert_eq!(m.text, span, "span in {text:?}");
        assert_eq!(m.kind, MoneyKind::Range, "kind in {text:?}");
        assert!(close(m.value, low), "value {} in {text:?}", m.value);
        assert!(close(m.low.unwrap(), low), "low in {text:?}");
        assert!(close(m.high.unwrap(), high), "high in {text:?}");
    }

    #[test]
    fn ranges() {
        range("a cost of $10-$15 billion", "$10-$15 billion", 1e10, 1.5e10);
        range("a cost of $10-15 billion", "$10-15 billion", 1e10, 1.5e10);
        range("valued at $10bn to $20bn", "$10bn to $20bn", 1e10, 2e10);
        range("between $1m and $2m a year", "$1m and $2m", 1e6, 2e6);
        range("seen at 10-15 mln dlrs", "10-15 mln dlrs", 1e7, 1.5e7);
        range("worth 10 to 15 mln dlrs", "10 to 15 mln dlrs", 1e7, 1.5e7);
        range("a 3–5 billion euros plan", "3–5 billion euros", 3e9, 5e9);
        range(
            "between 1.4 mln and 14.6 mln dlrs",
            "1.4 mln and 14.6 mln dlrs",
            1.4e6,
            14.6e6,
        );
        range(
            "three to five billion dlrs",
            "three to five billion dlrs",
            3e9,
            5e9,
        );
        range("salaries of $50-100,000", "$50-100,000", 5e4, 1e5);
        range("15-20 cts a share", "15-20 cts", 0.15, 0.2);
    }

    #[test]
    fn changes_are_not_ranges() {
        assert_eq!(
            found("Sales rose from $10m to $15m."),
            vec![("$10m".into(), "USD", 1e7), ("$15m".into(), "USD", 1.5e7)]
        );
        assert_eq!(found("It cut costs by $5m to $3m.").len(), 2);
        check("a $ 70 - a - share bid", "$ 70", "USD", 70.0);
        check(
            "in 1986 to 15.995 billion dlrs",
            "15.995 billion dlrs",
            "USD",
            15.995e9,
        );
        check("paid $10 to 15 employees", "$10", "USD", 10.0);
        assert_eq!(
            found("Shares rose $2 to $50."),
            vec![("$2".into(), "USD", 2.0), ("$50".into(), "USD", 50.0)]
        );
        check("the 1986-87 budget of 5 mln dlrs", "5 mln dlrs", "USD", 5e6);
    }

    // --- qualifiers and vague amounts ---------------------------------------

    #[track_caller]
    fn approx(text: &str, span: &str, value: f64, low: Option<f64>, high: Option<f64>) {
        let m = one(text);
        assert_eq!(m.text, span, "span in {text:?}");
        assert_eq!(m.kind, MoneyKind::Approximate, "kind in {text:?}");
        assert!(close(m.value, value), "value {} in {text:?}", m.value);
        assert_eq!(
            m.low.is_some(),
            low.is_some(),
            "low in {text:?}: {:?}",
            m.low
        );
        assert_eq!(
            m.high.is_some(),
            high.is_some(),
            "high in {text:?}: {:?}",
            m.high
        );
        if let (Some(a), Some(b)) = (m.low, low) {
            assert!(close(a, b), "low {a} in {text:?}");
        }
        if let (Some(a), Some(b)) = (m.high, high) {
            assert!(close(a, b), "high {a} in {text:?}");
        }
    }

    #[test]
    fn exact_amounts_have_no_bounds() {
        let m = one("It paid $50bn.");
        assert_eq!((m.kind, m.low, m.high), (MoneyKind::Exact, None, None));
        assert_eq!(m.value, 5e10);
    }

    #[test]
    fn hedges_before_the_amount() {
        approx(
            "sales of about $13 billion",
            "$13 billion",
            1.3e10,
            None,
            None,
        );
        approx("roughly €4m", "€4m", 4e6, None, None);
        approx("around 20 mln dlrs", "20 mln dlrs", 2e7, None, None);
        approx(
            "approximately £15 million",
            "£15 million",
            1.5e7,
            None,
            None,
        );
        approx("lost some $2bn", "$2bn", 2e9, None, None);
        approx("an estimated $5 million", "$5 million", 5e6, None, None);
        approx("more than $5bn", "$5bn", 5e9, Some(5e9), None);
        approx("over $1m", "$1m", 1e6, Some(1e6), None);
        approx("at least $3m", "$3m", 3e6, Some(3e6), None);
        approx("in excess of\n$3m", "$3m", 3e6, Some(3e6), None);
        approx("up to $500 billion", "$500 billion", 5e11, None, Some(5e11));
        approx("as much as $2bn", "$2bn", 2e9, None, Some(2e9));
        approx("nearly $2bn", "$2bn", 2e9, None, Some(2e9));
        approx("almost $2bn", "$2bn", 2e9, None, Some(2e9));
        approx("less than $1m", "$1m", 1e6, None, Some(1e6));
        approx("under $1m", "$1m", 1e6, None, Some(1e6));
        approx("no more than $1m", "$1m", 1e6, None, Some(1e6));
        approx(
            "(approximately £ 15 million)",
            "£ 15 million",
            1.5e7,
            None,
            None,
        );
        approx("Prices start at $299.", "$299", 299.0, Some(299.0), None);
    }

    #[test]
    fn hedges_after_the_amount() {
        approx("$5bn or more", "$5bn", 5e9, Some(5e9), None);
        approx("$5bn+ in deals", "$5bn", 5e9, Some(5e9), None);
        approx("a $5bn-plus deal", "$5bn", 5e9, Some(5e9), None);
        approx("$5bn or so", "$5bn", 5e9, None, None);
        approx("$5bn or less", "$5bn", 5e9, None, Some(5e9));
    }

    #[test]
    fn vague_amounts() {
        approx(
            "tens of billions of dollars",
            "tens of billions of dollars",
            1e10,
            Some(1e10),
            None,
        );
        approx(
            "hundreds of millions of euros",
            "hundreds of millions of euros",
            1e8,
            Some(1e8),
            None,
        );
        approx(
            "billions of dollars in fees",
            "billions of dollars",
            1e9,
            Some(1e9),
            None,
        );
        approx(
            "millions of U.S. dollars",
            "millions of U.S. dollars",
            1e6,
            Some(1e6),
            None,
        );
        approx(
            "thousands of dollars",
            "thousands of dollars",
            1e3,
            Some(1e3),
            None,
        );
        approx(
            "several billion dollars",
            "several billion dollars",
            3e9,
            Some(2e9),
            None,
        );
        approx(
            "several hundred million dollars",
            "several hundred million dollars",
            3e8,
            Some(2e8),
            None,
        );
        approx(
            "a few million euros",
            "a few million euros",
            3e6,
            Some(2e6),
            None,
        );
        approx(
            "a multibillion-dollar deal",
            "multibillion-dollar",
            1e9,
            Some(1e9),
            None,
        );
        approx(
            "a multi-million pound scandal",
            "multi-million pound",
            1e6,
            Some(1e6),
            None,
        );
        approx(
            "a billion-dollar company",
            "billion-dollar",
            1e9,
            Some(1e9),
            None,
        );
        approx(
            "a trillion-dollar market",
            "trillion-dollar",
            1e12,
            Some(1e12),
            None,
        );
    }

    #[test]
    fn vague_amounts_need_a_currency() {
        none("hundreds of millions of users");
        none("It has billions of downloads.");
        none("several billion devices");
        none("tens of thousands of jobs");
    }

    // --- things that are not money -----------------------------------------

    #[test]
    fn no_currency_no_money() {
        none("Profit rose 5 billion this year.");
        none("Shares rose 12% to 4.5 in 2023.");
        none("The company has 100 million users and 10 million shares.");
        none("GPT-4 beat Windows 11 and Microsoft 365 in 2024.");
        none("The plant makes 2 gigawatts from 500 tonnes of coal.");
        none("Output was 6.4 mln barrels a day and 155,221 bags of 60 kilos.");
        none("Call 1-800-555-0199 or +44 20 7946 0958 before 12/31/2024.");
        none("The meeting is on March 3, 2025 at 10:30.");
        none("Version 1.2.3 shipped with 5 per cent fewer bugs.");
        none("");
        none("no digits and no currency at all");
    }

    #[test]
    fn runs_of_symbols_and_odd_text() {
        none(&"$".repeat(10_000));
        none(&"€ ".repeat(5_000));
        none("a 925 sterling silver ring");
        none("$HOME and $PATH and ${x}");
        assert_eq!(find_money(&"5 $ ".repeat(1_000)).len(), 1_000);
    }

    #[test]
    fn price_levels_are_not_amounts() {
        none("measured in 1990 dollars");
        none("in constant 2015 dollars");
        check("it paid 2000 dollars", "2000 dollars", "USD", 2000.0);
    }

    #[test]
    fn percentages_next_to_money() {
        assert_eq!(
            found("Net interest income sank 27% to $254 million."),
            vec![("$254 million".into(), "USD", 254e6)]
        );
        assert_eq!(
            found("Fees rose 5 pct to 3 mln stg, up 2.5 percent."),
            vec![("3 mln stg".into(), "GBP", 3e6)]
        );
    }

    // --- spans and offsets -----------------------------------------------------

    #[test]
    fn spans_index_the_input() {
        let text = "Über-Deal: €2 million for Zürich, then ¥500 billion and 873p.";
        let all = find_money(text);
        assert_eq!(all.len(), 3);
        for m in &all {
            assert_eq!(&text[m.start..m.end], m.text);
        }
        assert_eq!(all[0].text, "€2 million");
        assert_eq!(all[1].text, "¥500 billion");
    }

    #[test]
    fn several_mentions_in_order() {
        let text = "TimeWarner made $1.13bn (£600m), up from $639m; rival sales were 4bn euros.";
        assert_eq!(
            found(text),
            vec![
                ("$1.13bn".into(), "USD", 1.13e9),
                ("£600m".into(), "GBP", 6e8),
                ("$639m".into(), "USD", 6.39e8),
                ("4bn euros".into(), "EUR", 4e9),
            ]
        );
    }

    #[test]
    fn thin_and_no_break_spaces() {
        check("a fine of €\u{a0}5 million", "€\u{a0}5 million", "EUR", 5e6);
        check("a fine of 5\u{202f}€", "5\u{202f}€", "EUR", 5.0);
    }

    #[test]
    fn tokenised_decimals() {
        check(
            "the project costs $ 46 . 8 million , and",
            "$ 46 . 8 million",
            "USD",
            46.8e6,
        );
        check("it cost $ 46 . then 8 million people", "$ 46", "USD", 46.0);
    }

    #[test]
    fn url_encoding_is_not_money() {
        none("see /q?x=%20CAD%20and%2050%20USD");
    }

    #[test]
    fn number_formats() {
        check("at $12,345.", "$12,345", "USD", 12_345.0);
        check(
            "12,34,567.89 rupees",
            "12,34,567.89 rupees",
            "INR",
            1_234_567.89,
        );
        check("€1.234.567 in damages", "€1.234.567", "EUR", 1_234_567.0);
        check("$ 20,000.00 each", "$ 20,000.00", "USD", 20_000.0);
        check("a $10000 loan", "$10000", "USD", 10_000.0);
        check("Rs 500 cr", "Rs 500 cr", "INR", 5e9);
    }

    // --- rates, serialization and filters ------------------------------------------

    #[test]
    fn usd_conversion() {
        assert_eq!(one("a $5m deal").usd(), Some(5e6));
        let eur = one("a €2m deal").usd().unwrap();
        assert!(close(eur, 2e6 * usd_rate("EUR").unwrap()));
        assert_eq!(one("6.25 BTC").usd(), None);
        assert_eq!(usd_rate("NOPE"), None);
        let mut codes: Vec<&str> = USD_RATES.iter().map(|(c, _)| *c).collect();
        let n = codes.len();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), n, "USD_RATES lists a code twice");
        assert!(USD_RATES.iter().all(|(c, r)| c.len() == 3 && *r > 0.0));
    }

    #[test]
    fn every_emitted_currency_has_a_rate_or_is_deliberately_without() {
        let known_without = [
            "XXX", "BTC", "ZWL", "JMD", "BND", "IQD", "TND", "DZD", "LYD", "RSD",
        ];
        let mut emitted: Vec<&str> = WORDS.iter().map(|w| w.2).collect();
        emitted.extend(CODES.iter().map(|c| c.1));
        emitted.extend(SYMBOLS.iter().map(|s| s.1));
        emitted.extend(SYMBOL_PREFIXES.iter().map(|s| s.2));
        emitted.extend(LETTER_SYMBOLS.iter().map(|s| s.1));
        for code in emitted {
            assert!(
                usd_rate(code).is_some() || known_without.contains(&code),
                "{code} has no rate"
            );
        }
    }

    #[test]
    fn json_shape() {
        let m = one("more than $5bn");
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["kind"], "approximate");
        assert_eq!(v["currency"], "USD");
        assert_eq!(v["text"], "$5bn");
        assert_eq!(v["low"], 5e9);
        assert!(v["high"].is_null());
        assert_eq!(serde_json::to_value(MoneyKind::Range).unwrap(), "range");
        assert_eq!(serde_json::to_value(MoneyKind::Exact).unwrap(), "exact");
    }

    #[test]
    fn amount_filters() {
        let ok = |s: &str| parse_amount_filter(s).unwrap();
        assert_eq!(ok("1bn"), (1e9, None));
        assert_eq!(ok("$500m"), (5e8, Some("USD")));
        assert_eq!(ok("1e9"), (1e9, None));
        assert_eq!(ok("€2 billion"), (2e9, Some("EUR")));
        assert_eq!(ok("10000"), (1e4, None));
        assert_eq!(ok("2.5 billion"), (2.5e9, None));
        assert_eq!(ok(" 1,000,000 "), (1e6, None));
        assert_eq!(ok("500k"), (5e5, None));
        assert_eq!(ok("USD 3m"), (3e6, Some("USD")));
        assert_eq!(ok("3m EUR"), (3e6, Some("EUR")));
        assert_eq!(ok("five million"), (5e6, None));
        assert_eq!(ok("1.5 trillion"), (1.5e12, None));
        assert_eq!(ok("25 cents"), (0.25, Some("USD")));
        assert_eq!(ok("1BN"), (1e9, None));
    }

    #[test]
    fn amount_filter_errors_say_what_is_wrong() {
        for bad in ["", "  ", "-5", "lots", "$", "5 bananas", "1e999", "$1m-$2m"] {
            let err = parse_amount_filter(bad).unwrap_err();
            assert!(!err.is_empty() && err.len() < 200, "{bad:?}: {err}");
        }
        assert!(parse_amount_filter("-5").unwrap_err().contains("negative"));
        assert!(parse_amount_filter("$1m-$2m")
            .unwrap_err()
            .contains("range"));
        assert!(parse_amount_filter("").unwrap_err().contains("empty"));
    }

    // --- robustness -------------------------------------------------------------

    /// Runs the extractor on a few hundred pseudo-random strings built from
    /// money-ish fragments and checks the invariants the indexer relies on.
    #[test]
    fn random_fragments_keep_the_invariants() {
        const FRAGMENTS: &[&str] = &[
            "$",
            "US",
            "c ",
            "£",
            "€",
            "¥",
            "₹",
            "₿",
            "元",
            "ரூ",
            "zł",
            "5",
            "12",
            "1,000",
            "1.5",
            ".",
            ",",
            "-",
            "–",
            "/",
            " ",
            "\n",
            "\u{a0}",
            "mln",
            "bn",
            "m",
            "k",
            "billion",
            "million",
            "dlrs",
            "dollars",
            "cts",
            "cents",
            "pence",
            "p",
            "yen",
            "euros",
            "pounds",
            "marks",
            "USD",
            "usd",
            "MUSD",
            "Rs",
            "RM",
            "crore",
            "lakh",
            "to",
            "and",
            "between",
            "vs",
            "about",
            "more than",
            "up to",
            "or more",
            "+",
            "%",
            "pct",
            "a",
            "half",
            "one",
            "twenty-five",
            "tens of",
            "billions of",
            "several",
            "multi",
            "Canadian",
            "U.S.",
            "sterling",
            "(",
            ")",
            "é",
            "ü",
            "😀",
            "1/2",
            "1986",
            "22-1/2",
            "0",
            "99999999999999999999",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        for _ in 0..600 {
            let n = 1 + next() % 14;
            let mut text = String::new();
            for _ in 0..n {
                text.push_str(FRAGMENTS[next() % FRAGMENTS.len()]);
                if next() % 3 == 0 {
                    text.push(' ');
                }
            }
            let found = find_money(&text);
            let mut prev_end = 0;
            for m in &found {
                assert!(m.start < m.end, "empty span in {text:?}: {m:?}");
                assert!(
                    m.start >= prev_end,
                    "overlap or disorder in {text:?}: {found:?}"
                );
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                assert_eq!(&text[m.start..m.end], m.text, "text mismatch in {text:?}");
                assert!(
                    m.value.is_finite() && m.value >= 0.0,
                    "bad value in {text:?}: {m:?}"
                );
                if let (Some(l), Some(h)) = (m.low, m.high) {
                    assert!(l <= h, "bounds reversed in {text:?}: {m:?}");
                }
                assert!(m.currency.len() == 3, "bad code in {text:?}: {m:?}");
                prev_end = m.end;
            }
            let _ = parse_amount_filter(&text);
        }
    }
}
