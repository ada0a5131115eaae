//! `newsdex report`: gather a query's timeline, entities, money, topic mix and top
//! passages, and write them as one self-contained HTML page.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use super::timeline::{counted, filters_from, find, unit_of};
use super::{Outcome, UsageError};
use crate::cli::{FilterArgs, ReportArgs};
use crate::index::open_index;
use crate::output::human::amount_label;
use crate::output::report::{render, MoneyRow, Report};
use crate::search::{search, SearchError, SearchRequest};
use crate::timeline::{articles, day_of, split, timeline, Period, SplitBy};

/// Largest amounts listed.
const MONEY_ROWS: usize = 10;
/// Entities listed.
const ENTITY_ROWS: usize = 15;

pub(super) fn run(args: ReportArgs, index_dir: &Path) -> anyhow::Result<Outcome> {
    let filters = filters_from(&args.filters)?;
    let index = open_index(index_dir)?;
    let matches = find(&index, &args.query, &filters)?;
    if let Some(note) = &matches.note {
        eprintln!("newsdex: note: {note}");
    }
    let list = articles(&matches.passages);
    let t = timeline(&list, args.by.map(unit_of), None);

    // The ranked passages, with the same filters.
    let mut request = SearchRequest::new(args.query.clone());
    request.limit = args.limit;
    request.filters = filters.clone();
    request.count_total = false;
    let results = match search(&index, &request) {
        Ok(r) => r,
        Err(SearchError::BadRequest(message)) => return Err(UsageError(message).into()),
        Err(SearchError::Index(err)) => return Err(err),
    };

    // Entities: articles and passages (copies once) tagging each.
    let mut entity_counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for a in counted(&list) {
        for (name, passages) in &a.entities {
            let e = entity_counts.entry(name.as_str()).or_default();
            e.0 += 1;
            e.1 += passages;
        }
    }
    let mut entities: Vec<(String, usize, usize)> = entity_counts
        .into_iter()
        .map(|(n, (a, p))| (n.to_string(), a, p))
        .collect();
    entities.sort_by(|x, y| y.1.cmp(&x.1).then(y.2.cmp(&x.2)).then(x.0.cmp(&y.0)));
    entities.truncate(ENTITY_ROWS);

    // Money: every amount in a counted passage, largest (approximate USD) first.
    let counted_passages = || matches.passages.iter().filter(|p| p.copy_of.is_none());
    let mut amounts: Vec<(
        f64,
        &crate::extract::AmountFact,
        &crate::search::MatchedPassage,
    )> = counted_passages()
        .flat_map(|p| p.amounts.iter().map(move |a| (a.usd.unwrap_or(0.0), a, p)))
        .collect();
    amounts.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    let money = amounts
        .iter()
        .take(MONEY_ROWS)
        .map(|&(_, amount, p)| MoneyRow {
            amount,
            label: amount_label(amount),
            text: &p.text,
            title: &p.title,
            date: p.published.and_then(day_of).map(|d| d.to_string()),
            path: &p.path,
            line: p.line,
        })
        .collect();
    let mut money_by_period: Vec<(String, f64, usize)> = t
        .buckets
        .iter()
        .map(|b| (b.period.label(), 0.0, 0))
        .collect();
    for (usd, _, p) in &amounts {
        let Some(date) = p.published.and_then(day_of) else {
            continue;
        };
        let start = Period::of(date, t.unit).start;
        if let Ok(i) = t.buckets.binary_search_by(|b| b.period.start.cmp(&start)) {
            let row = &mut money_by_period[i];
            row.1 = f64::max(row.1, *usd);
            row.2 += 1;
        }
    }

    // Topic mix: each counted article under the topic it scores highest on.
    let (names, assignment) = split(&list, SplitBy::Topic);
    let mut mix: Vec<(String, usize)> = names.into_iter().map(|n| (n, 0)).collect();
    for (a, &s) in list.iter().zip(&assignment) {
        if !a.copy {
            mix[s].1 += 1;
        }
    }
    let n = counted_passages().count().max(1) as f32;
    let sum = |f: fn(&crate::extract::TopicScores) -> f32| {
        counted_passages().map(|p| f(&p.topics)).sum::<f32>() / n
    };
    let topic_means = vec![
        ("exclusivity", sum(|t| t.exclusivity)),
        ("dispute", sum(|t| t.dispute)),
        ("deal", sum(|t| t.deal)),
    ];

    let report = Report {
        query: &args.query,
        filters: describe_filters(&args.filters),
        corpus: corpus_of(&index),
        index: index_dir.display().to_string(),
        index_date: std::fs::metadata(&index.dir)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .map(|ts| ts.strftime("%Y-%m-%d %H:%M UTC").to_string()),
        generated: jiff::Timestamp::now()
            .strftime("%Y-%m-%d %H:%M UTC")
            .to_string(),
        note: matches.note.as_deref(),
        timeline: &t,
        entities,
        money,
        money_by_period,
        topic_mix: mix,
        topic_means,
        hits: &results.hits,
    };
    let html = render(&report);
    std::fs::write(&args.output, &html)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "newsdex: wrote {} ({} articles, {} passages listed, {:.0} KB)",
        args.output.display(),
        t.total.articles,
        results.hits.len(),
        html.len() as f64 / 1000.0
    );
    Ok(if t.total.articles == 0 && results.hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// The corpus the index was built from, as its manifest (the commit payload) records it.
fn corpus_of(index: &crate::index::OpenIndex) -> Option<String> {
    let metas = index.index.load_metas().ok()?;
    let payload: serde_json::Value = serde_json::from_str(metas.payload.as_deref()?).ok()?;
    payload.get("corpus")?.as_str().map(str::to_string)
}

fn describe_filters(f: &FilterArgs) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |flag: &str, value: &str| out.push(format!("--{flag} {value}"));
    for e in &f.entity {
        add("entity", e);
    }
    for (flag, v) in [
        ("min-amount", &f.min_amount),
        ("max-amount", &f.max_amount),
        ("currency", &f.currency),
        ("since", &f.since),
        ("until", &f.until),
    ] {
        if let Some(v) = v {
            add(flag, v);
        }
    }
    for s in &f.source {
        add("source", s);
    }
    for t in &f.topic {
        add("topic", &format!("{t:?}").to_lowercase());
    }
    if !f.topic.is_empty() {
        add("min-topic", &f.min_topic.to_string());
    }
    out
}
