//! Helpers shared by the money tests, and tests of the public face as a whole: spans and
//! offsets, text that is not money, the JSON shape, amount filters and a randomised check of
//! the invariants the indexer relies on.

use crate::extract::money::{find_money, parse_amount_filter, Money, MoneyKind};

/// (text, currency, value) of every mention.
pub(super) fn found(text: &str) -> Vec<(String, &'static str, f64)> {
    find_money(text)
        .into_iter()
        .map(|m| (m.text, m.currency, m.value))
        .collect()
}

/// The single mention in `text`; fails if there is not exactly one.
pub(super) fn one(text: &str) -> Money {
    let mut all = find_money(text);
    assert_eq!(
        all.len(),
        1,
        "expected one mention in {text:?}, got {all:?}"
    );
    all.remove(0)
}

pub(super) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12)
}

/// Asserts the single mention's text, currency and value.
#[track_caller]
pub(super) fn check(text: &str, span: &str, currency: &str, value: f64) {
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
pub(super) fn none(text: &str) {
    let all = find_money(text);
    assert!(all.is_empty(), "expected no money in {text:?}, got {all:?}");
}

#[track_caller]
pub(super) fn approx(text: &str, span: &str, value: f64, low: Option<f64>, high: Option<f64>) {
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
fn url_encoding_is_not_money() {
    none("see /q?x=%20CAD%20and%2050%20USD");
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
