//! `newsdex timeline` and `newsdex report` on the demo corpus and a small fixture.

use std::collections::BTreeMap;

use scraper::{Html, Selector};
use serde::Deserialize;

use crate::env::{copy_dir, records, repo_dir, stderr, stdout, TestEnv};

/// The JSON contract of a `bucket` record, read independently.
#[derive(Debug, Deserialize)]
struct Bucket {
    period: String,
    start: String,
    end: String,
    articles: usize,
    passages: usize,
    #[serde(default)]
    series: Vec<Series>,
}

#[derive(Debug, Deserialize)]
struct Series {
    name: String,
    articles: usize,
    passages: usize,
}

#[derive(Debug, Deserialize)]
struct Summary {
    schema_version: u32,
    by: String,
    count: String,
    periods: usize,
    articles: usize,
    passages: usize,
    undated_articles: usize,
    copy_articles: usize,
}

fn demo_env() -> TestEnv {
    let env = TestEnv::empty();
    copy_dir(&repo_dir().join("corpus"), &env.path().join("corpus"));
    env.index();
    env
}

fn timeline_json(env: &TestEnv, args: &[&str]) -> (Vec<Bucket>, Summary) {
    let out = env
        .cmd()
        .arg("timeline")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = records(&out);
    let (summary, buckets) = records.split_last().unwrap();
    assert_eq!(summary.kind, "summary");
    (
        buckets
            .iter()
            .map(|r| {
                assert_eq!(r.kind, "bucket");
                serde_json::from_value(r.data.clone()).unwrap()
            })
            .collect(),
        serde_json::from_value(summary.data.clone()).unwrap(),
    )
}

#[test]
fn timeline_draws_one_row_per_period_within_80_columns() {
    let env = demo_env();
    // "legal action" as an exact phrase-free query matches one undated article here.
    let (buckets, summary) = timeline_json(&env, &["legal action", "--split", "topic"]);
    assert_eq!((buckets.len(), summary.undated_articles), (0, 1));
    let (buckets, summary) = timeline_json(&env, &["azure", "--split", "topic"]);
    assert_eq!(summary.schema_version, 1);
    assert_eq!(summary.periods, buckets.len());
    assert!((1..=40).contains(&buckets.len()));
    for b in &buckets {
        let total: usize = b.series.iter().map(|s| s.articles).sum();
        assert_eq!(total, b.articles, "series add up in {}", b.period);
        assert!(b.series.iter().map(|s| s.passages).sum::<usize>() <= b.passages);
        assert!(b.start <= b.end);
    }
    assert_eq!(buckets[0].series[0].name, "exclusivity");
    let out = env
        .cmd()
        .args(["timeline", "azure", "--split", "topic"])
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().filter(|l| l.contains('│')).collect();
    assert_eq!(rows.len(), buckets.len(), "{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    assert!(text.contains("█ exclusivity"), "legend: {text}");
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    // ASCII bars, every row ending in its count.
    let out = env
        .cmd()
        .args(["timeline", "azure", "--ascii", "--by", "quarter"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.lines().skip(1).all(|l| l.is_ascii()), "{text}");
    let (months, _) = timeline_json(&env, &["azure", "--by", "quarter"]);
    let bars: Vec<usize> = text
        .lines()
        .filter(|l| l.contains('|'))
        .map(|l| l.split_whitespace().last().unwrap().parse().unwrap())
        .collect();
    assert_eq!(bars, months.iter().map(|b| b.articles).collect::<Vec<_>>());
}

/// A small corpus where every count is known.
fn counted_env() -> TestEnv {
    let env = TestEnv::empty();
    let dir = env.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let article = |name: &str, title: &str, date: &str, body: &str| {
        std::fs::write(
            dir.join(name),
            format!("{title}\nDate: {date}\nSource: Wire\n\n{body}\n"),
        )
        .unwrap();
    };
    let wire =
        "Contoso agreed to a takeover of Fabrikam for $2bn in cash, the companies said on Monday.";
    article("a.txt", "Contoso bid", "2025-01-06", wire);
    article("b.txt", "Reprint", "2025-01-09", wire);
    article(
        "c.txt",
        "Takeover talk",
        "2025-03-03",
        "Northwind said it had rejected an approach from Tailspin. <script>alert(1)</script>",
    );
    article(
        "d.txt",
        "Unrelated",
        "2025-02-10",
        "Rain is expected across the region, forecasters said on Tuesday.",
    );
    article(
        "e.txt",
        "Takeover words apart",
        "2025-03-20",
        "The bid was hostile.\n\nThe takeover failed.",
    );
    env.index();
    env
}

#[test]
fn timeline_counts_exact_matches_with_copies_once() {
    let env = counted_env();
    let (buckets, summary) = timeline_json(&env, &["takeover", "--by", "month"]);
    let months: Vec<(&str, usize)> = buckets
        .iter()
        .map(|b| (b.period.as_str(), b.articles))
        .collect();
    // The reprint is a copy; February is empty but shown; c matches by its title.
    assert_eq!(months, [("2025-01", 1), ("2025-02", 0), ("2025-03", 2)]);
    assert_eq!(summary.copy_articles, 1);
    assert_eq!(
        (summary.by.as_str(), summary.count.as_str()),
        ("month", "articles")
    );
    // Every word required, in one passage: e has "bid" and "takeover" in two passages,
    // but "takeover" is in its title, so both passages match.
    let (_, s) = timeline_json(&env, &["takeover bid"]);
    assert_eq!(s.articles, 2);
    let (_, s) = timeline_json(&env, &["takeover -hostile"]);
    assert_eq!(s.articles, 3, "e keeps one passage without 'hostile'");
    let (_, s) = timeline_json(&env, &["\"takeover of fabrikam\""]);
    assert_eq!(s.articles, 1);
    let (_, s) = timeline_json(&env, &["rain OR northwind"]);
    assert_eq!(s.articles, 2);
    let (_, s) = timeline_json(&env, &["takeover", "--since", "2025-02-01"]);
    assert_eq!(s.articles, 2);
    let (_, s) = timeline_json(&env, &["takeover", "--min-amount", "1bn"]);
    assert_eq!(s.articles, 1);
    // No related-word expansion: "offer" must not pull in "bid".
    let out = env
        .cmd()
        .args(["timeline", "offer", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "nothing matches 'offer' exactly"
    );
    let (_, s) = timeline_json(&env, &["takeover", "--count", "passages"]);
    assert_eq!((s.count.as_str(), s.undated_articles), ("passages", 0));
    assert!(s.passages >= s.articles);
}

#[test]
fn report_holds_the_timeline_escapes_text_and_fetches_nothing() {
    let env = counted_env();
    let out = env
        .cmd()
        .args(["report", "takeover", "-o", "report.html", "--by", "month"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(env.path().join("report.html")).unwrap();
    let doc = Html::parse_document(&html);
    let bars = Selector::parse("#timeline svg rect[data-period]").unwrap();
    let drawn: BTreeMap<String, (usize, usize)> = doc
        .select(&bars)
        .map(|r| {
            let v = r.value();
            let n = |k: &str| v.attr(k).unwrap().parse::<usize>().unwrap();
            (
                v.attr("data-period").unwrap().to_string(),
                (n("data-articles"), n("data-passages")),
            )
        })
        .collect();
    let (buckets, _) = timeline_json(&env, &["takeover", "--by", "month"]);
    let expected: BTreeMap<String, (usize, usize)> = buckets
        .iter()
        .filter(|b| b.articles > 0)
        .map(|b| (b.period.clone(), (b.articles, b.passages)))
        .collect();
    assert_eq!(drawn, expected);
    assert_eq!(
        doc.select(&bars).count(),
        expected.len(),
        "one bar per non-empty period"
    );
    // The article's <script> is text, not markup.
    let scripts = Selector::parse("script").unwrap();
    assert_eq!(doc.select(&scripts).count(), 0);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Nothing to fetch.
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "network reference"
    );
    for sel in ["link", "img", "iframe", "object", "embed"] {
        let s = Selector::parse(sel).unwrap();
        assert_eq!(doc.select(&s).count(), 0, "<{sel}> in the page");
    }
    // Basic validity: a doctype, a language, a charset, a title, and every section.
    assert!(html.starts_with("<!DOCTYPE html>"));
    let has = |css: &str| doc.select(&Selector::parse(css).unwrap()).count() > 0;
    for css in [
        "html[lang]",
        "meta[charset]",
        "head > title",
        "#timeline",
        "#entities",
        "#money",
        "#topics",
        "#passages ol.hits li mark",
        "a[href^='file://']",
    ] {
        assert!(has(css), "missing {css}");
    }
    assert!(html.contains("prefers-color-scheme: dark"));
    assert!(html.contains("@media print"));
}
