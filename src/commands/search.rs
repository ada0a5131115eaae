//! `newsdex search`: rank passages for a query and print them.

use std::io::Write;
use std::path::Path;

use super::{Outcome, UsageError};
use crate::cli::{SearchArgs, SearchOptions, SortArg};
use crate::extract::money::parse_amount_filter;
use crate::extract::Extractors;
use crate::index::{build_index, index_state, open_index, BuildOptions, IndexState};
use crate::ingest::path_text::shown;
use crate::output::human::{print_feedback, print_hit};
use crate::output::json::{
    write_record, CopyRecord, ExplainRecord, FeedbackRecord, HitRecord, RawBytes, SearchSummary,
    SnippetRecord, JSON_SCHEMA_VERSION,
};
use crate::output::progress::ProgressReporter;
use crate::output::Palette;
use crate::search::{
    query::bound, search, AmountFilter, Filters, Hit, Ranking, RankingParams, SearchError,
    SearchRequest, SearchResults, Sort,
};

pub(super) fn run(
    args: SearchArgs,
    index_dir: &Path,
    default_index: bool,
    color: bool,
) -> anyhow::Result<Outcome> {
    let mut request = request_from(&args.query, &args.options)?;
    // Only the JSON summary reports how many passages matched; counting them is a pass over
    // every match, which people reading the terminal would wait for in vain.
    request.count_total = args.json;
    if default_index {
        ensure_index(index_dir, &args.corpus)?;
    }
    let index = open_index(index_dir)?;
    let results = match search(&index, &request) {
        Ok(results) => results,
        Err(SearchError::BadRequest(message)) => return Err(UsageError(message).into()),
        Err(SearchError::Index(err)) => return Err(err),
    };
    if let Some(note) = &results.note {
        eprintln!("newsdex: note: {note}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        print_json(&mut out, &request, &results)?;
    } else {
        let palette = Palette {
            on: color && !args.json,
        };
        if request.explain && !results.feedback.is_empty() {
            print_feedback(&mut out, palette, &results.feedback)?;
        }
        for (i, hit) in results.hits.iter().enumerate() {
            print_hit(&mut out, palette, i + 1, hit)?;
        }
        if results.hits.is_empty() {
            eprintln!("newsdex: no passages matched {:?}", request.query);
        }
    }
    out.flush()?;
    Ok(if results.hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// On first use of the default index folder, builds the index from the corpus so a
/// fresh clone answers at once.
fn ensure_index(index_dir: &Path, corpus: &Path) -> anyhow::Result<()> {
    if !matches!(index_state(index_dir)?, IndexState::Missing) || !corpus.is_dir() {
        return Ok(());
    }
    eprintln!(
        "newsdex: no index at {} yet; building it from {} first",
        index_dir.display(),
        corpus.display()
    );
    let options = BuildOptions {
        corpus: corpus.to_path_buf(),
        index: index_dir.to_path_buf(),
        max_file_size: 64 << 20,
        threads: 0,
        rebuild: false,
        wait: true,
        extractors: Extractors::default(),
    };
    let reporter = ProgressReporter::new(false);
    let summary = build_index(&options, &reporter)?;
    drop(reporter);
    super::index::print_human(&options, &summary);
    Ok(())
}

/// The ranking's tunable numbers: the defaults, or those `NEWSDEX_RANKING` sets
/// (`name=value,...`, for evaluations that try values without rebuilding).
fn ranking_params() -> Result<RankingParams, UsageError> {
    match std::env::var("NEWSDEX_RANKING") {
        Ok(spec) => RankingParams::with_overrides(&spec)
            .map_err(|e| UsageError(format!("NEWSDEX_RANKING: {e}"))),
        Err(_) => Ok(RankingParams::default()),
    }
}

/// Turns flags into a search request, rejecting what cannot mean anything.
pub(crate) fn request_from(query: &str, args: &SearchOptions) -> Result<SearchRequest, UsageError> {
    let mut request = SearchRequest::new(query);
    request.limit = args.limit;
    request.explain = args.explain;
    request.sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
    };
    request.ranking = if args.plain {
        Ranking::plain()
    } else {
        Ranking {
            plain: false,
            proximity: !args.no_proximity,
            topics: !args.no_topics,
            expansion: !args.no_expansion,
            entities: !args.no_entity_boost,
            per_article: args.per_article,
            collapse: !args.no_collapse,
            article: !args.no_article,
            feedback: !args.no_feedback,
            params: ranking_params()?,
        }
    };
    let amount = |flag: &str, text: &Option<String>| -> Result<Option<AmountFilter>, UsageError> {
        text.as_deref()
            .map(|t| {
                parse_amount_filter(t)
                    .map(|(value, currency)| AmountFilter {
                        value,
                        currency: currency.map(str::to_string),
                    })
                    .map_err(|e| UsageError(format!("{flag} {t:?}: {e}")))
            })
            .transpose()
    };
    let date = |flag: &str, text: &Option<String>, end: bool| -> Result<Option<i64>, UsageError> {
        match text.as_deref() {
            None => Ok(None),
            Some(t) => bound(t, end).map_err(|e| UsageError(format!("{flag}: {e}"))),
        }
    };
    if let Some(min) = args.min_topic {
        if !(0.0..=1.0).contains(&min) {
            return Err(UsageError(format!(
                "--min-topic {min}: use a score between 0 and 1"
            )));
        }
    }
    let currency = match &args.currency {
        Some(code) if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) => {
            Some(code.to_ascii_uppercase())
        }
        Some(code) => {
            return Err(UsageError(format!(
                "--currency {code:?}: use a three-letter ISO code such as USD, EUR or GBP"
            )))
        }
        None => None,
    };
    request.filters = Filters {
        entities: args.entity.clone(),
        min_amount: amount("--min-amount", &args.min_amount)?,
        max_amount: amount("--max-amount", &args.max_amount)?,
        currency,
        since: date("--since", &args.since, false)?,
        until: date("--until", &args.until, true)?,
        sources: args.source.clone(),
        topics: args.topic.clone(),
        min_topic: args.min_topic,
    };
    if let (Some(since), Some(until)) = (request.filters.since, request.filters.until) {
        if since > until {
            return Err(UsageError(
                "impossible date range: --since is after --until".into(),
            ));
        }
    }
    Ok(request)
}

fn print_json(
    out: &mut dyn Write,
    request: &SearchRequest,
    results: &SearchResults,
) -> std::io::Result<()> {
    for (i, hit) in results.hits.iter().enumerate() {
        write_record(out, "hit", hit_record(i + 1, hit))?;
    }
    write_record(
        out,
        "summary",
        SearchSummary {
            schema_version: JSON_SCHEMA_VERSION,
            query: &request.query,
            hits: results.hits.len(),
            total_matches: results.total_matches,
            topics: results.topics.iter().map(|t| t.as_str()).collect(),
            note: results.note.as_deref(),
            feedback: FeedbackRecord::all(&results.feedback),
            took_ms: results.took.as_secs_f64() * 1000.0,
        },
    )
}

/// The JSON form of a hit (shared with batch output).
pub(crate) fn hit_record(rank: usize, hit: &Hit) -> HitRecord<'_> {
    HitRecord {
        query_id: None,
        rank,
        score: hit.score,
        path: shown(&hit.path),
        raw_path: RawBytes::of_path(&hit.path),
        line: hit.line,
        article_id: shown(&hit.article_id),
        passage: hit.ordinal,
        title: &hit.title,
        source: &hit.source,
        date: hit.date.as_deref(),
        url: &hit.url,
        author: &hit.author,
        heading: hit.heading.as_deref(),
        text: &hit.text,
        snippet: SnippetRecord {
            text: &hit.snippet,
            highlights: hit.highlights.iter().map(|r| [r.start, r.end]).collect(),
        },
        amounts: &hit.facts.amounts,
        entities: &hit.facts.entities,
        topics: hit.facts.topics,
        copies: hit
            .copies
            .iter()
            .map(|c| CopyRecord {
                path: shown(&c.path),
                raw_path: RawBytes::of_path(&c.path),
                line: c.line,
                source: &c.source,
            })
            .collect(),
        explain: hit.explain.as_ref().map(|e| ExplainRecord {
            parts: e.parts.iter().copied().collect(),
            topics: e.topics.iter().map(|(t, s)| (t.as_str(), *s)).collect(),
            topic_multiplier: e.topic_multiplier,
        }),
    }
}
