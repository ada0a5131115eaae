//! The JSON contract: every record newsdex prints with `--json`, as
//! serialize-only types in one place.
//!
//! Output is JSON Lines. Each line is an envelope `{"type": T, "data": {...}}`:
//!
//! | type       | printed by            | data                                   |
//! |------------|-----------------------|----------------------------------------|
//! | `hit`      | search                | [`HitRecord`]                          |
//! | `passage`  | extract               | [`PassageRecord`]                      |
//! | `bucket`   | timeline              | [`BucketRecord`]                       |
//! | `query`    | batch                 | [`QueryRecord`]                        |
//! | `error`    | batch                 | [`ErrorRecord`]                        |
//! | `entity`   | entities              | [`EntityRecord`]                       |
//! | `stats`    | stats                 | [`StatsRecord`]                        |
//! | `summary`  | search, index, extract, timeline, batch, entities, export | [`SearchSummary`], [`IndexSummary`], [`ExtractSummary`], [`TimelineSummary`], [`BatchSummary`], [`EntitiesSummary`], [`ExportSummary`] |
//!
//! `batch` prints `hit` records with `query_id` set.
//!
//! Every summary carries `schema_version` ([`JSON_SCHEMA_VERSION`]); fields are
//! only ever added within a version.
//!
//! Paths are strings. A file name that is not UTF-8 is given as people see it
//! (each bad byte as U+FFFD) and, beside it, its exact bytes as [`RawBytes`]:
//! `"path": "corpus/name-�.txt", "raw_path": {"bytes": "Y29ycHVzL25hbWUt/y50eHQ="}`
//! (like ripgrep's `{"bytes": ...}`), so a script can still open the file. The
//! `raw_*` field is absent when the path is UTF-8.

use std::borrow::Cow;

use base64::Engine;
use serde::Serialize;

use crate::extract::{AmountFact, EntityFact, TopicScores};

/// Version of the JSON output contract.
pub const JSON_SCHEMA_VERSION: u32 = 1;

/// `{"type": ..., "data": ...}`: the envelope of every line.
#[derive(Serialize)]
pub struct Envelope<'a, T: Serialize> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub data: T,
}

/// One ranked passage.
#[derive(Serialize)]
pub struct HitRecord<'a> {
    /// The query the hit answers, in `batch` output (absent from `search`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_id: Option<&'a str>,
    pub rank: usize,
    pub score: f32,
    pub path: Cow<'a, str>,
    /// The exact bytes of `path` when it is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_path: Option<RawBytes>,
    pub line: u64,
    pub article_id: Cow<'a, str>,
    pub passage: u64,
    pub title: &'a str,
    pub source: &'a str,
    pub date: Option<&'a str>,
    pub url: &'a str,
    pub author: &'a str,
    pub heading: Option<&'a str>,
    pub text: &'a str,
    pub snippet: SnippetRecord<'a>,
    pub amounts: &'a [AmountFact],
    pub entities: &'a [EntityFact],
    pub topics: TopicScores,
    pub copies: Vec<CopyRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<ExplainRecord>,
}

/// The best fragment of a passage with byte ranges of the matched words.
#[derive(Serialize)]
pub struct SnippetRecord<'a> {
    pub text: &'a str,
    pub highlights: Vec<[usize; 2]>,
}

/// A syndicated copy folded into a hit.
#[derive(Serialize)]
pub struct CopyRecord<'a> {
    pub path: Cow<'a, str>,
    /// The exact bytes of `path` when it is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_path: Option<RawBytes>,
    pub line: u64,
    pub source: &'a str,
}

/// A hit's score parts (`--explain`).
#[derive(Serialize)]
pub struct ExplainRecord {
    /// Additive parts: bm25, proximity, entities, expansion.
    pub parts: std::collections::BTreeMap<&'static str, f32>,
    /// The passage's scores on the query's topics.
    pub topics: std::collections::BTreeMap<&'static str, f32>,
    pub topic_multiplier: f32,
}

/// Closing record of a search.
#[derive(Serialize)]
pub struct SearchSummary<'a> {
    pub schema_version: u32,
    pub query: &'a str,
    pub hits: usize,
    /// Every passage matching the query and filters (before the limit).
    pub total_matches: Option<usize>,
    pub topics: Vec<&'static str>,
    pub note: Option<&'a str>,
    /// Words pseudo-relevance feedback added to the query (stems), strongest first.
    pub feedback: Vec<FeedbackRecord<'a>>,
    pub took_ms: f64,
}

/// A word feedback added to a query: its stem as indexed and its share of the feedback
/// model (the shares of a query's feedback words sum to 1).
#[derive(Serialize)]
pub struct FeedbackRecord<'a> {
    pub term: &'a str,
    pub weight: f32,
}

impl<'a> FeedbackRecord<'a> {
    /// The records of a search's feedback words.
    pub fn all(terms: &'a [crate::search::FeedbackTerm]) -> Vec<FeedbackRecord<'a>> {
        terms
            .iter()
            .map(|t| FeedbackRecord {
                term: &t.stem,
                weight: t.weight,
            })
            .collect()
    }
}

/// A file or record that was not indexed.
#[derive(Serialize)]
pub struct SkipRecord<'a> {
    pub location: Cow<'a, str>,
    /// The exact bytes of `location` when its path is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_location: Option<RawBytes>,
    pub reason: &'a str,
}

/// Exact bytes that are not UTF-8, as `{"bytes": "<base64>"}` (standard alphabet, padded).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct RawBytes {
    pub bytes: String,
}

impl RawBytes {
    /// The exact bytes of a path kept as [`path_text`], when they are not UTF-8.
    ///
    /// [`path_text`]: crate::ingest::path_text
    pub fn of_path(text: &str) -> Option<RawBytes> {
        crate::ingest::path_text::raw(text).map(|bytes| RawBytes {
            bytes: base64::engine::general_purpose::STANDARD.encode(bytes),
        })
    }
}

/// Closing record of an index build.
#[derive(Serialize)]
pub struct IndexSummary<'a> {
    pub schema_version: u32,
    /// `full` (new generation), `incremental` or `unchanged`.
    pub mode: &'static str,
    pub corpus: String,
    pub index: String,
    pub files_seen: u64,
    pub files_indexed: u64,
    pub articles: u64,
    pub passages: u64,
    /// Files read for the first time, re-read after a change, gone, and untouched.
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
    pub ignored: u64,
    pub skipped: Vec<SkipRecord<'a>>,
    pub warnings: Vec<SkipRecord<'a>>,
    pub index_bytes: u64,
    pub elapsed_ms: f64,
}

/// Closing record of `newsdex export`.
#[derive(Serialize)]
pub struct ExportSummary {
    pub schema_version: u32,
    /// `quickwit` or `opensearch`.
    pub target: &'static str,
    /// `index` or `corpus`, and the folder read.
    pub from: &'static str,
    pub input: String,
    pub out_dir: String,
    /// The index config (Quickwit) or mapping (OpenSearch) written.
    pub config: String,
    /// The part files, in order.
    pub parts: Vec<String>,
    pub articles: u64,
    pub passages: u64,
    /// Compressed bytes of all parts.
    pub bytes: u64,
    /// Corpus files and records that could not be used.
    pub skipped: u64,
    pub elapsed_ms: f64,
}

/// One passage of `newsdex extract`.
#[derive(Serialize)]
pub struct PassageRecord<'a> {
    pub article: usize,
    pub title: &'a str,
    pub passage: u32,
    pub line: u32,
    pub heading: Option<&'a str>,
    pub text: &'a str,
    pub amounts: &'a [AmountFact],
    pub entities: &'a [EntityFact],
    pub topics: TopicScores,
}

/// Closing record of `newsdex extract`.
#[derive(Serialize)]
pub struct ExtractSummary {
    pub schema_version: u32,
    pub articles: usize,
    pub passages: usize,
    pub amounts: usize,
    pub entities: usize,
}

/// One period of `newsdex timeline`: matching articles (syndicated copies once) and
/// their matching passages.
#[derive(Serialize)]
pub struct BucketRecord<'a> {
    /// `2025-03-04`, `2025-W10` (ISO week), `2025-03`, `2025-Q1` or `2025`.
    pub period: String,
    /// First and last day of the period, both inclusive (`YYYY-MM-DD`).
    pub start: String,
    pub end: String,
    pub articles: usize,
    pub passages: usize,
    /// With `--split`: the counts of each series, in legend order (each article is in
    /// exactly one series, so they add up to `articles`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<SeriesCounts<'a>>,
}

/// One series' counts in a [`BucketRecord`].
#[derive(Serialize)]
pub struct SeriesCounts<'a> {
    pub name: &'a str,
    pub articles: usize,
    pub passages: usize,
}

/// Closing record of `newsdex timeline`.
#[derive(Serialize)]
pub struct TimelineSummary<'a> {
    pub schema_version: u32,
    pub query: &'a str,
    /// The period length: day, week, month, quarter or year.
    pub by: &'static str,
    /// What the chart's bars count: articles or passages.
    pub count: &'static str,
    /// topic, entity or source, when split.
    pub split: Option<&'static str>,
    pub series: Vec<&'a str>,
    pub periods: usize,
    /// Every counted article and passage, with a date or not.
    pub articles: usize,
    pub passages: usize,
    pub undated_articles: usize,
    pub undated_passages: usize,
    /// Articles left out as copies of another, and passages folded as copies.
    pub copy_articles: usize,
    pub copy_passages: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub note: Option<&'a str>,
    pub took_ms: f64,
}

/// Closing record of one query in `newsdex batch`, after its hits.
#[derive(Serialize)]
pub struct QueryRecord<'a> {
    pub query_id: &'a str,
    /// 1-based line of the query in the input.
    pub line: u64,
    pub query: &'a str,
    pub hits: usize,
    /// Always null in batch (counting every match costs time a batch does not spend).
    pub total_matches: Option<usize>,
    pub note: Option<&'a str>,
    pub feedback: Vec<FeedbackRecord<'a>>,
    pub took_ms: f64,
}

/// A query of `newsdex batch` that failed; the batch goes on.
#[derive(Serialize)]
pub struct ErrorRecord<'a> {
    pub query_id: &'a str,
    pub line: u64,
    pub message: &'a str,
}

/// Closing record of `newsdex batch`.
#[derive(Serialize)]
pub struct BatchSummary {
    pub schema_version: u32,
    pub queries: u64,
    pub errors: u64,
    pub hits: u64,
    pub took_ms: f64,
    pub queries_per_second: f64,
}

/// One entity of `newsdex entities`.
#[derive(Serialize)]
pub struct EntityRecord {
    pub canonical: String,
    /// organization, person, product or place.
    #[serde(rename = "type")]
    pub kind: String,
    /// Passages that mention the entity or one of its parts (AWS counts for Amazon).
    pub passages: u64,
    pub articles: u64,
}

/// Closing record of `newsdex entities`.
#[derive(Serialize)]
pub struct EntitiesSummary {
    pub schema_version: u32,
    /// Entities counted, and how many of them were printed (`--top`).
    pub entities: usize,
    pub shown: usize,
}

/// The one record of `newsdex stats`: what the index holds.
#[derive(Serialize)]
pub struct StatsRecord {
    pub schema_version: u32,
    pub index_schema_version: u32,
    pub index: String,
    pub articles: usize,
    pub passages: u64,
    pub segments: usize,
    pub index_bytes: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub top_entities: Vec<EntityCount>,
    pub top_amounts: Vec<TopAmount>,
}

/// An entity and its passage count in a [`StatsRecord`].
#[derive(Serialize)]
pub struct EntityCount {
    pub canonical: String,
    pub passages: u64,
}

/// One of the largest amounts in a [`StatsRecord`], with where it was found.
#[derive(Serialize)]
pub struct TopAmount {
    /// The amount as the human output labels it.
    pub text: String,
    pub currency: String,
    pub value: f64,
    pub usd: Option<f64>,
    pub path: String,
    pub line: u64,
}

/// Writes one envelope line.
pub fn write_record<T: Serialize>(
    out: &mut dyn std::io::Write,
    kind: &str,
    data: T,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &Envelope { kind, data })?;
    out.write_all(b"\n")
}
