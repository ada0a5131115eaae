//! Counting a story over time: exactly matching passages (from
//! [`crate::search::matching_passages`]) grouped into articles, articles into calendar
//! periods, and optionally into series (by topic, entity or source).
//!
//! Pure functions over plain data, so bucketing is tested without an index; the terminal
//! chart (`output::chart`), the JSON records and the HTML report all draw from one
//! [`Timeline`].

mod period;
mod series;
#[cfg(test)]
mod tests;

use jiff::civil::Date;

pub use period::{choose_unit, periods_between, Period, Unit, MAX_BARS};
pub use series::{split, SplitBy, TOPIC_MIN};

use crate::extract::TopicScores;
use crate::search::MatchedPassage;

/// One article with matching passages.
#[derive(Debug, Clone)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub source: String,
    /// Publication day (UTC).
    pub date: Option<Date>,
    /// Its matching passages that are not copies of another article's.
    pub passages: usize,
    /// Its matching passages that are copies.
    pub copied_passages: usize,
    /// Every matching passage is a copy of another article's: counted under that one.
    pub copy: bool,
    /// Highest score on each topic over its counted passages.
    pub topics: TopicScores,
    /// Canonical entity names with the number of counted passages tagging them.
    pub entities: Vec<(String, usize)>,
}

/// The day (UTC) of a time in seconds since the epoch.
pub fn day_of(secs: i64) -> Option<Date> {
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// Groups passages (in date order, as `matching_passages` returns them) into articles,
/// in the order of their first passage.
pub fn articles(passages: &[MatchedPassage]) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = Default::default();
    for p in passages {
        let i = *at.entry(p.article_id.as_str()).or_insert_with(|| {
            out.push(Article {
                id: p.article_id.clone(),
                title: p.title.clone(),
                source: p.source.clone(),
                date: p.published.and_then(day_of),
                passages: 0,
                copied_passages: 0,
                copy: false,
                topics: TopicScores::default(),
                entities: Vec::new(),
            });
            out.len() - 1
        });
        let a = &mut out[i];
        if p.copy_of.is_some() {
            a.copied_passages += 1;
            continue;
        }
        a.passages += 1;
        a.topics.exclusivity = a.topics.exclusivity.max(p.topics.exclusivity);
        a.topics.dispute = a.topics.dispute.max(p.topics.dispute);
        a.topics.deal = a.topics.deal.max(p.topics.deal);
        for name in &p.entities {
            match a.entities.iter_mut().find(|(n, _)| n == name) {
                Some((_, count)) => *count += 1,
                None => a.entities.push((name.clone(), 1)),
            }
        }
    }
    for a in &mut out {
        a.copy = a.passages == 0;
    }
    out
}

/// Articles and passages counted together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: usize,
    pub passages: usize,
}

impl Counts {
    fn add(&mut self, a: &Article) {
        self.articles += 1;
        self.passages += a.passages;
    }
}

/// One period's counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub period: Period,
    pub counts: Counts,
    /// Per series (in [`Timeline::series`] order), when split.
    pub series: Vec<Counts>,
}

/// Counts per period from the first to the last dated article, empty periods included.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub unit: Unit,
    /// Series names when split (each article is in exactly one).
    pub series: Vec<String>,
    pub buckets: Vec<Bucket>,
    /// Articles without a date: counted, but in no period.
    pub undated: Counts,
    /// Every counted article (dated or not).
    pub total: Counts,
    /// Articles folded as copies of others, and copied passages (of any article).
    pub copies: Counts,
}

/// Buckets `articles` by `unit` (chosen from the span when `None`); `series` gives the
/// series names and each article's series (index into the names), one per article.
pub fn timeline(
    articles: &[Article],
    unit: Option<Unit>,
    series: Option<(Vec<String>, Vec<usize>)>,
) -> Timeline {
    let counted = || articles.iter().filter(|a| !a.copy);
    let first = counted().filter_map(|a| a.date).min();
    let last = counted().filter_map(|a| a.date).max();
    let unit = unit.unwrap_or_else(|| match (first, last) {
        (Some(f), Some(l)) => choose_unit(f, l),
        _ => Unit::Month,
    });
    let (names, assignment) = series.unwrap_or_default();
    let mut buckets: Vec<Bucket> = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let mut period = Period::of(first, unit);
        let end = Period::of(last, unit);
        while period <= end {
            buckets.push(Bucket {
                period,
                counts: Counts::default(),
                series: vec![Counts::default(); names.len()],
            });
            period = period.next();
        }
    }
    let mut out = Timeline {
        unit,
        series: names,
        buckets,
        undated: Counts::default(),
        total: Counts::default(),
        copies: Counts::default(),
    };
    for (i, a) in articles.iter().enumerate() {
        out.copies.passages += a.copied_passages;
        if a.copy {
            out.copies.articles += 1;
            continue;
        }
        out.total.add(a);
        let Some(date) = a.date else {
            out.undated.add(a);
            continue;
        };
        let start = Period::of(date, unit).start;
        // Buckets are consecutive and sorted: find by binary search.
        let at = out
            .buckets
            .binary_search_by(|b| b.period.start.cmp(&start))
            .expect("every dated article's period is in the range");
        let bucket = &mut out.buckets[at];
        bucket.counts.add(a);
        if let Some(&s) = assignment.get(i) {
            if let Some(c) = bucket.series.get_mut(s) {
                c.add(a);
            }
        }
    }
    out
}

/// What a chart's bars count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Articles,
    Passages,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Articles => "articles",
            Measure::Passages => "passages",
        }
    }

    pub fn of(self, c: Counts) -> usize {
        match self {
            Measure::Articles => c.articles,
            Measure::Passages => c.passages,
        }
    }
}
