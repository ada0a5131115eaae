//! `newsdex timeline`: how many articles match a query exactly, per period, as a
//! terminal bar chart or JSON Lines.

use std::io::Write;
use std::path::Path;

use clap::{Args, FromArgMatches};

use super::{Outcome, UsageError};
use crate::cli::{CountArg, FilterArgs, PeriodArg, SearchOptions, SplitArg, TimelineArgs};
use crate::index::{open_index, OpenIndex};
use crate::output::chart::{draw, terminal_width, ChartStyle};
use crate::output::json::{
    write_record, BucketRecord, SeriesCounts, TimelineSummary, JSON_SCHEMA_VERSION,
};
use crate::search::{matching_passages, Filters, Matches, SearchError};
use crate::timeline::{articles, split, timeline, Article, Measure, SplitBy, Timeline, Unit};

pub(super) fn run(args: TimelineArgs, index_dir: &Path, color: bool) -> anyhow::Result<Outcome> {
    let filters = filters_from(&args.filters)?;
    let index = open_index(index_dir)?;
    let matches = find(&index, &args.query, &filters)?;
    if let Some(note) = &matches.note {
        eprintln!("newsdex: note: {note}");
    }
    let list = articles(&matches.passages);
    let t = timeline(
        &list,
        args.by.map(unit_of),
        args.split.map(|s| split(&list, split_of(s))),
    );
    let measure = match args.count {
        CountArg::Articles => Measure::Articles,
        CountArg::Passages => Measure::Passages,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        print_json(&mut out, &args, &t, &matches, measure)?;
    } else if t.total.articles > 0 {
        writeln!(out, "{}", heading(&args.query, &t, measure))?;
        let style = ChartStyle {
            width: terminal_width(),
            ascii: args.ascii,
            color,
            measure,
        };
        draw(&mut out, &t, style)?;
        for line in footnotes(&t) {
            writeln!(out, "{line}")?;
        }
    } else {
        eprintln!("newsdex: no articles matched {:?}", args.query);
    }
    out.flush()?;
    Ok(if t.total.articles == 0 {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// Every exactly matching passage, with a bad request reported as the user's error.
pub(super) fn find(index: &OpenIndex, query: &str, filters: &Filters) -> anyhow::Result<Matches> {
    match matching_passages(index, query, filters) {
        Ok(m) => Ok(m),
        Err(SearchError::BadRequest(message)) => Err(UsageError(message).into()),
        Err(SearchError::Index(err)) => Err(err),
    }
}

/// The chart's first line: what was counted, how, and over what span.
fn heading(query: &str, t: &Timeline, measure: Measure) -> String {
    let span = match (t.buckets.first(), t.buckets.last()) {
        (Some(f), Some(l)) => format!(", {} to {}", f.period.label(), l.period.label()),
        _ => String::new(),
    };
    let bars = match measure {
        Measure::Articles => "",
        Measure::Passages => "; bars count passages",
    };
    format!(
        "{query:?}: {} articles ({} passages) per {}{span}{bars}",
        t.total.articles,
        t.total.passages,
        t.unit.as_str(),
    )
}

/// What the bars leave out: undated articles and folded copies.
fn footnotes(t: &Timeline) -> Vec<String> {
    let mut lines = Vec::new();
    if t.undated.articles > 0 {
        lines.push(format!(
            "{} article{} without a date ({} passages): counted above, not drawn",
            t.undated.articles,
            if t.undated.articles == 1 { "" } else { "s" },
            t.undated.passages
        ));
    }
    if t.copies.passages > 0 {
        lines.push(format!(
            "{} copied passage{} counted once ({} articles wholly copies of others)",
            t.copies.passages,
            if t.copies.passages == 1 { "" } else { "s" },
            t.copies.articles
        ));
    }
    lines
}

fn print_json(
    out: &mut dyn Write,
    args: &TimelineArgs,
    t: &Timeline,
    matches: &Matches,
    measure: Measure,
) -> std::io::Result<()> {
    for bucket in &t.buckets {
        write_record(
            out,
            "bucket",
            BucketRecord {
                period: bucket.period.label(),
                start: bucket.period.start.to_string(),
                end: bucket.period.end().to_string(),
                articles: bucket.counts.articles,
                passages: bucket.counts.passages,
                series: t
                    .series
                    .iter()
                    .zip(&bucket.series)
                    .map(|(name, c)| SeriesCounts {
                        name,
                        articles: c.articles,
                        passages: c.passages,
                    })
                    .collect(),
            },
        )?;
    }
    write_record(
        out,
        "summary",
        TimelineSummary {
            schema_version: JSON_SCHEMA_VERSION,
            query: &args.query,
            by: t.unit.as_str(),
            count: measure.as_str(),
            split: args.split.map(|s| split_of(s).as_str()),
            series: t.series.iter().map(String::as_str).collect(),
            periods: t.buckets.len(),
            articles: t.total.articles,
            passages: t.total.passages,
            undated_articles: t.undated.articles,
            undated_passages: t.undated.passages,
            copy_articles: t.copies.articles,
            copy_passages: t.copies.passages,
            first: t.buckets.first().map(|b| b.period.label()),
            last: t.buckets.last().map(|b| b.period.label()),
            note: matches.note.as_deref(),
            took_ms: matches.took.as_secs_f64() * 1000.0,
        },
    )
}

pub(super) fn unit_of(by: PeriodArg) -> Unit {
    match by {
        PeriodArg::Day => Unit::Day,
        PeriodArg::Week => Unit::Week,
        PeriodArg::Month => Unit::Month,
        PeriodArg::Quarter => Unit::Quarter,
        PeriodArg::Year => Unit::Year,
    }
}

fn split_of(s: SplitArg) -> SplitBy {
    match s {
        SplitArg::Topic => SplitBy::Topic,
        SplitArg::Entity => SplitBy::Entity,
        SplitArg::Source => SplitBy::Source,
    }
}

/// The filters, read and checked exactly as `search` reads its own: `search`'s options at
/// their defaults (as clap gives them), with the filter flags given here.
pub(super) fn filters_from(args: &FilterArgs) -> Result<Filters, UsageError> {
    let command = SearchOptions::augment_args(clap::Command::new("filters"));
    let matches = command
        .try_get_matches_from(["filters"])
        .map_err(|e| UsageError(format!("reading filters: {e}")))?;
    let mut options = SearchOptions::from_arg_matches(&matches)
        .map_err(|e| UsageError(format!("reading filters: {e}")))?;
    options.entity = args.entity.clone();
    options.min_amount = args.min_amount.clone();
    options.max_amount = args.max_amount.clone();
    options.currency = args.currency.clone();
    options.since = args.since.clone();
    options.until = args.until.clone();
    options.source = args.source.clone();
    options.topic = args.topic.clone();
    // Counting has no ranking for --topic to lift, so a topic always filters.
    options.min_topic = (!args.topic.is_empty()).then_some(args.min_topic);
    Ok(super::search::request_from("", &options)?.filters)
}

/// Articles that count (not copies), for the report's tables.
pub(super) fn counted(list: &[Article]) -> impl Iterator<Item = &Article> {
    list.iter().filter(|a| !a.copy)
}
