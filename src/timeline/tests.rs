use jiff::civil::{date, Date};

use super::*;
use crate::search::{fold_copies, MatchedPassage};

fn passage(article: &str, day: Option<Date>, text: &str) -> MatchedPassage {
    MatchedPassage {
        article_id: article.into(),
        path: format!("{article}.txt"),
        line: 1,
        ordinal: 0,
        title: article.into(),
        source: "Wire".into(),
        published: day.map(|d| {
            d.to_zoned(jiff::tz::TimeZone::UTC)
                .unwrap()
                .timestamp()
                .as_second()
        }),
        text: text.into(),
        amounts: Vec::new(),
        entities: Vec::new(),
        topics: Default::default(),
        copy_of: None,
    }
}

/// Passages with copies folded, as `matching_passages` hands them over.
fn folded(mut passages: Vec<MatchedPassage>) -> Vec<MatchedPassage> {
    let pairs: Vec<(String, String)> = passages
        .iter()
        .map(|p| (p.article_id.clone(), p.text.clone()))
        .collect();
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(a, t)| (a.as_str(), t.as_str()))
        .collect();
    for (p, c) in passages.iter_mut().zip(fold_copies(&refs)) {
        p.copy_of = c;
    }
    passages
}

fn labels(t: &Timeline) -> Vec<(String, usize)> {
    t.buckets
        .iter()
        .map(|b| (b.period.label(), b.counts.articles))
        .collect()
}

#[test]
fn weeks_start_on_monday_and_take_the_iso_year() {
    // 2024-12-30 is a Monday, in ISO week 1 of 2025.
    let p = Period::of(date(2025, 1, 2), Unit::Week);
    assert_eq!(p.start, date(2024, 12, 30));
    assert_eq!(p.end(), date(2025, 1, 5));
    assert_eq!(p.label(), "2025-W01");
    // A Sunday belongs to the week before it.
    assert_eq!(
        Period::of(date(2025, 3, 9), Unit::Week).start,
        date(2025, 3, 3)
    );
    assert_eq!(
        Period::of(date(2025, 3, 10), Unit::Week).start,
        date(2025, 3, 10)
    );
}

#[test]
fn quarters_run_from_january_april_july_october() {
    let p = Period::of(date(2025, 3, 31), Unit::Quarter);
    assert_eq!(
        (p.start, p.end(), p.label()),
        (date(2025, 1, 1), date(2025, 3, 31), "2025-Q1".into())
    );
    let p = Period::of(date(2025, 4, 1), Unit::Quarter);
    assert_eq!(
        (p.start, p.end(), p.label()),
        (date(2025, 4, 1), date(2025, 6, 30), "2025-Q2".into())
    );
    let p = Period::of(date(2024, 12, 31), Unit::Quarter);
    assert_eq!(
        (p.label(), p.next().label()),
        ("2024-Q4".into(), "2025-Q1".into())
    );
    assert_eq!(
        Period::of(date(2024, 2, 29), Unit::Month).end(),
        date(2024, 2, 29)
    );
}

#[test]
fn the_unit_is_chosen_for_six_to_forty_bars() {
    assert_eq!(choose_unit(date(2025, 1, 1), date(2025, 1, 20)), Unit::Day);
    assert_eq!(choose_unit(date(2025, 1, 1), date(2025, 3, 1)), Unit::Week);
    assert_eq!(
        choose_unit(date(1987, 2, 26), date(1987, 10, 20)),
        Unit::Week
    );
    assert_eq!(
        choose_unit(date(2024, 1, 1), date(2025, 6, 30)),
        Unit::Month
    );
    assert_eq!(
        choose_unit(date(2016, 1, 1), date(2025, 6, 30)),
        Unit::Quarter
    );
    assert_eq!(choose_unit(date(1950, 1, 1), date(2025, 1, 1)), Unit::Year);
    for (a, b) in [
        (date(2025, 1, 1), date(2025, 1, 7)),
        (date(2020, 1, 1), date(2025, 12, 31)),
    ] {
        let n = periods_between(a, b, choose_unit(a, b));
        assert!((6..=MAX_BARS).contains(&n), "{a} to {b}: {n} bars");
    }
}

#[test]
fn empty_periods_between_matches_are_kept() {
    let list = articles(&folded(vec![
        passage(
            "a",
            Some(date(2025, 1, 15)),
            "Contoso sued Fabrikam over the cloud contract.",
        ),
        passage(
            "b",
            Some(date(2025, 4, 2)),
            "The court heard the case against Northwind.",
        ),
        passage(
            "c",
            Some(date(2025, 4, 20)),
            "A third article on the dispute, in April.",
        ),
    ]));
    let t = timeline(&list, Some(Unit::Month), None);
    assert_eq!(
        labels(&t),
        [
            ("2025-01".into(), 1),
            ("2025-02".into(), 0),
            ("2025-03".into(), 0),
            ("2025-04".into(), 2)
        ]
    );
    assert_eq!(t.total.articles, 3);
}

#[test]
fn undated_articles_are_counted_apart() {
    let list = articles(&folded(vec![
        passage(
            "a",
            Some(date(2025, 1, 15)),
            "Contoso sued Fabrikam over the cloud contract.",
        ),
        passage(
            "u",
            None,
            "An undated note on the same lawsuit and its costs.",
        ),
    ]));
    let t = timeline(&list, None, None);
    assert_eq!(labels(&t), [("2025-01-15".into(), 1)]);
    assert_eq!(
        t.undated,
        Counts {
            articles: 1,
            passages: 1
        }
    );
    assert_eq!(t.total.articles, 2);
}

#[test]
fn syndicated_copies_are_counted_once() {
    let wire = "Contoso agreed to buy Fabrikam for $2bn in a takeover announced on Monday.";
    let list = articles(&folded(vec![
        passage("original", Some(date(2025, 1, 6)), wire),
        passage("reprint", Some(date(2025, 1, 7)), wire),
        passage(
            "other",
            Some(date(2025, 1, 8)),
            "Northwind rejected a takeover bid from Tailspin.",
        ),
    ]));
    assert!(list.iter().find(|a| a.id == "reprint").unwrap().copy);
    let t = timeline(&list, Some(Unit::Week), None);
    assert_eq!(labels(&t), [("2025-W02".into(), 2)]);
    assert_eq!(t.buckets[0].counts.passages, 2);
    assert_eq!(
        t.copies,
        Counts {
            articles: 1,
            passages: 1
        }
    );
}

#[test]
fn series_add_up_to_the_total() {
    let mut ps = vec![
        passage(
            "a",
            Some(date(2025, 1, 6)),
            "Contoso sued Fabrikam over the cloud contract.",
        ),
        passage(
            "b",
            Some(date(2025, 1, 7)),
            "Northwind agreed to buy Tailspin for cash.",
        ),
        passage(
            "c",
            Some(date(2025, 1, 8)),
            "Rain fell on the city for the third day running.",
        ),
    ];
    ps[0].topics.dispute = 0.9;
    ps[1].topics.deal = 0.7;
    ps[2].topics.deal = 0.2;
    let list = articles(&folded(ps));
    let t = timeline(&list, Some(Unit::Month), Some(split(&list, SplitBy::Topic)));
    assert_eq!(t.series, ["exclusivity", "dispute", "deal", "no topic"]);
    let per: Vec<usize> = t.buckets[0].series.iter().map(|c| c.articles).collect();
    assert_eq!(per, [0, 1, 1, 1]);
}
