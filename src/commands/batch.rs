//! `newsdex batch`: many queries in, JSON Lines (or TSV) out, in input order.
//!
//! Lines are read in chunks; each chunk's queries run in parallel on a rayon
//! pool and are printed in input order before the next chunk is read, so
//! memory stays flat however long the input is.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use rayon::prelude::*;
use serde::Deserialize;

use super::search::{hit_record, request_from};
use super::Outcome;
use crate::cli::{BatchArgs, BatchFormat, SearchOptions};
use crate::extract::topics::Topic;
use crate::index::{open_index, OpenIndex};
use crate::output::json::{
    write_record, BatchSummary, ErrorRecord, FeedbackRecord, HitRecord, QueryRecord,
    JSON_SCHEMA_VERSION,
};
use crate::search::{parse_query, search, SearchError};

/// Queries read and run together; bounds memory and keeps output ordered.
const CHUNK: usize = 512;

/// One query line in JSON form.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonQuery {
    id: Option<serde_json::Value>,
    query: String,
    limit: Option<usize>,
    #[serde(default)]
    topic: OneOrMany,
    #[serde(default)]
    entity: OneOrMany,
    #[serde(default)]
    source: OneOrMany,
    min_amount: Option<serde_json::Value>,
    max_amount: Option<serde_json::Value>,
    currency: Option<String>,
    since: Option<String>,
    until: Option<String>,
}

/// `"x"` or `["x", "y"]`.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// What one query produced: its printed bytes and counts.
struct Done {
    bytes: Vec<u8>,
    hits: usize,
    error: Option<String>,
}

pub(super) fn run(args: BatchArgs, index_dir: &Path) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let index = open_index(index_dir)?;
    let input: Box<dyn BufRead> = if args.file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let file =
            std::fs::File::open(&args.file).with_context(|| format!("opening {}", args.file))?;
        Box::new(std::io::BufReader::new(file))
    };
    let threads = if args.threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        args.threads
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting worker threads")?;
    let progress = indicatif::ProgressBar::new_spinner();
    if !std::io::stderr().is_terminal() {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if args.format == BatchFormat::Tsv {
        writeln!(out, "query_id\trank\tscore\tpath\tline\ttitle\tsnippet")?;
    }
    let (mut queries, mut errors, mut hits) = (0u64, 0u64, 0u64);
    let mut chunk: Vec<(u64, String)> = Vec::with_capacity(CHUNK);
    let mut lines = input.lines();
    let mut number = 0u64;
    loop {
        let next = lines.next();
        let at_end = next.is_none();
        if let Some(line) = next {
            number += 1;
            let line = line.with_context(|| format!("reading query line {number}"))?;
            let trimmed = line.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                chunk.push((number, line));
            }
        }
        if chunk.len() == CHUNK || (at_end && !chunk.is_empty()) {
            let done: Vec<Done> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|(no, line)| run_one(&index, &args, *no, line))
                    .collect()
            });
            for d in done {
                queries += 1;
                hits += d.hits as u64;
                if let Some(message) = d.error {
                    errors += 1;
                    if args.format == BatchFormat::Tsv {
                        progress.suspend(|| eprintln!("newsdex: {message}"));
                    }
                }
                out.write_all(&d.bytes)?;
            }
            progress.set_message(format!("{queries} queries"));
            progress.tick();
            chunk.clear();
        }
        if at_end {
            break;
        }
    }
    let took = started.elapsed().as_secs_f64();
    if args.format == BatchFormat::Jsonl {
        write_record(
            &mut out,
            "summary",
            BatchSummary {
                schema_version: JSON_SCHEMA_VERSION,
                queries,
                errors,
                hits,
                took_ms: took * 1000.0,
                queries_per_second: if took > 0.0 {
                    queries as f64 / took
                } else {
                    0.0
                },
            },
        )?;
    }
    out.flush()?;
    progress.finish_and_clear();
    if errors > 0 {
        return Err(super::UsageError(format!(
            "{errors} of {queries} queries failed (see the error records)"
        ))
        .into());
    }
    Ok(if hits > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Runs one input line and renders its output.
fn run_one(index: &OpenIndex, args: &BatchArgs, line_no: u64, line: &str) -> Done {
    let (base, format) = (&args.options, args.format);
    let mut bytes = Vec::new();
    let fallback_id = line_no.to_string();
    let (id, result) = match parse_line(line, base) {
        Ok((id, query, options)) => {
            let id = id.unwrap_or(fallback_id);
            let result = request_from(&query, &options)
                .map_err(|e| e.0)
                .and_then(|mut request| {
                    request.count_total = false;
                    if !args.lenient {
                        if let Some(note) = parse_query(&request.query).ok().and_then(|p| p.note) {
                            return Err(format!(
                                "bad query syntax: {note}; pass --lenient to search it anyway"
                            ));
                        }
                    }
                    search(index, &request)
                        .map(|results| (request, results))
                        .map_err(|e| match e {
                            SearchError::BadRequest(m) => m,
                            SearchError::Index(e) => format!("{e:#}"),
                        })
                });
            (id, result)
        }
        Err((id, message)) => (id.unwrap_or(fallback_id), Err(message)),
    };
    match result {
        Ok((request, results)) => {
            for (i, hit) in results.hits.iter().enumerate() {
                match format {
                    BatchFormat::Jsonl => {
                        let record = HitRecord {
                            query_id: Some(&id),
                            ..hit_record(i + 1, hit)
                        };
                        let _ = write_record(&mut bytes, "hit", record);
                    }
                    BatchFormat::Tsv => {
                        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
                        let _ = writeln!(
                            bytes,
                            "{}\t{}\t{:.4}\t{}\t{}\t{}\t{}",
                            clean(&id),
                            i + 1,
                            hit.score,
                            clean(&crate::ingest::path_text::shown(&hit.path)),
                            hit.line,
                            clean(&hit.title),
                            clean(&hit.snippet)
                        );
                    }
                }
            }
            if format == BatchFormat::Jsonl {
                let summary = QueryRecord {
                    query_id: &id,
                    line: line_no,
                    query: &request.query,
                    hits: results.hits.len(),
                    total_matches: results.total_matches,
                    note: results.note.as_deref(),
                    feedback: FeedbackRecord::all(&results.feedback),
                    took_ms: results.took.as_secs_f64() * 1000.0,
                };
                let _ = write_record(&mut bytes, "query", summary);
            }
            Done {
                bytes,
                hits: results.hits.len(),
                error: None,
            }
        }
        Err(message) => {
            let text = format!("query {id} (line {line_no}): {message}");
            if format == BatchFormat::Jsonl {
                let record = ErrorRecord {
                    query_id: &id,
                    line: line_no,
                    message: &message,
                };
                let _ = write_record(&mut bytes, "error", record);
            }
            Done {
                bytes,
                hits: 0,
                error: Some(text),
            }
        }
    }
}

type ParsedLine = (Option<String>, String, SearchOptions);

/// Reads a line as a JSON object, `id<TAB>query`, or a plain query.
fn parse_line(line: &str, base: &SearchOptions) -> Result<ParsedLine, (Option<String>, String)> {
    let trimmed = line.trim();
    if trimmed.starts_with('{') {
        let q: JsonQuery = serde_json::from_str(trimmed)
            .map_err(|e| (None, format!("bad JSON query line: {e}")))?;
        let id = q.id.as_ref().map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        let mut options = base.clone();
        if let Some(limit) = q.limit {
            options.limit = limit;
        }
        for name in q.topic.into_vec() {
            // The names `--topic` takes, in any case.
            let Ok(topic) = <Topic as clap::ValueEnum>::from_str(&name, true) else {
                return Err((
                    id,
                    format!(
                        "unknown topic {:?}; use exclusivity, dispute or deal",
                        name.to_ascii_lowercase()
                    ),
                ));
            };
            options.topic.push(topic);
        }
        options.entity.extend(q.entity.into_vec());
        options.source.extend(q.source.into_vec());
        let amount = |v: Option<serde_json::Value>| {
            v.map(|v| match v {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            })
        };
        if let Some(a) = amount(q.min_amount) {
            options.min_amount = Some(a);
        }
        if let Some(a) = amount(q.max_amount) {
            options.max_amount = Some(a);
        }
        if q.currency.is_some() {
            options.currency = q.currency;
        }
        if q.since.is_some() {
            options.since = q.since;
        }
        if q.until.is_some() {
            options.until = q.until;
        }
        return Ok((id, q.query, options));
    }
    if let Some((id, query)) = line.split_once('\t') {
        return Ok((Some(id.trim().to_string()), query.to_string(), base.clone()));
    }
    Ok((None, trimmed.to_string(), base.clone()))
}
