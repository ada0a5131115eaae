//! `newsdex stats`: what the index holds.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

use tantivy::collector::TopDocs;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{Order, TantivyDocument};

use super::Outcome;
use crate::cli::StatsArgs;
use crate::extract::PassageFacts;
use crate::index::{live_doc_freq, open_index, NameDisplay, OpenIndex, SCHEMA_VERSION};
use crate::output::human::amount_label;
use crate::output::json::{write_record, EntityCount, StatsRecord, TopAmount, JSON_SCHEMA_VERSION};

pub(super) fn run(args: StatsArgs, index_dir: &Path) -> anyhow::Result<Outcome> {
    let index = open_index(index_dir)?;
    let stats = collect(&index, index_dir, args.top)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        write_record(&mut out, "stats", &stats)?;
    } else {
        writeln!(
            out,
            "index        {} (schema version {})",
            stats.index, stats.index_schema_version
        )?;
        writeln!(out, "articles     {}", stats.articles)?;
        writeln!(out, "passages     {}", stats.passages)?;
        writeln!(
            out,
            "size         {:.1} MB in {} segments",
            stats.index_bytes as f64 / 1e6,
            stats.segments
        )?;
        if let (Some(first), Some(last)) = (&stats.first_date, &stats.last_date) {
            writeln!(out, "dates        {first} to {last}")?;
        }
        if !stats.top_entities.is_empty() {
            writeln!(out, "top entities (passages)")?;
            for e in &stats.top_entities {
                writeln!(out, "  {:>6}  {}", e.passages, e.canonical)?;
            }
        }
        if !stats.top_amounts.is_empty() {
            writeln!(out, "largest amounts")?;
            for a in &stats.top_amounts {
                writeln!(out, "  {}  {}:{}", a.text, a.path, a.line)?;
            }
        }
    }
    out.flush()?;
    Ok(if stats.passages > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

fn collect(index: &OpenIndex, root: &Path, top: usize) -> anyhow::Result<StatsRecord> {
    let searcher = index.reader.searcher();
    let f = &index.fields;
    let mut articles: HashSet<u64> = HashSet::new();
    let mut entities: BTreeMap<String, u64> = BTreeMap::new();
    let names = NameDisplay::load(&index.dir)?;
    let (mut first, mut last): (Option<i64>, Option<i64>) = (None, None);
    for segment in searcher.segment_readers() {
        // Articles: distinct keys among the live passages (deleted ones are left out).
        let keys = f.u64_column(segment, f.article_key)?;
        for doc in segment.doc_ids_alive() {
            articles.extend(keys.first(doc));
        }
        // The entity field holds names lowercased; the names file has them as written.
        let inverted = segment.inverted_index(f.entity)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let lower = String::from_utf8_lossy(terms.key());
            let name = match names.get(&lower) {
                Some((_, name)) => name,
                None => lower.into_owned(),
            };
            let live = live_doc_freq(segment, &inverted, terms.value())?;
            // A name whose passages were all deleted by an incremental update is gone.
            if live > 0 {
                *entities.entry(name).or_default() += live;
            }
        }
        // Dates of the live passages: the column's min and max would count deleted ones.
        let dates = f.date_column(segment, f.published)?;
        for secs in segment
            .doc_ids_alive()
            .filter_map(|doc| dates.first(doc))
            .map(|d| d.into_timestamp_secs())
        {
            first = Some(first.map_or(secs, |f| f.min(secs)));
            last = Some(last.map_or(secs, |l| l.max(secs)));
        }
    }
    let mut top_entities: Vec<EntityCount> = entities
        .into_iter()
        .map(|(canonical, passages)| EntityCount {
            canonical,
            passages,
        })
        .collect();
    top_entities.sort_by(|a, b| {
        b.passages
            .cmp(&a.passages)
            .then(a.canonical.cmp(&b.canonical))
    });
    top_entities.truncate(top);

    let collector =
        TopDocs::with_limit(top).order_by_fast_field::<f64>(f.name(f.amount_usd), Order::Desc);
    let mut top_amounts = Vec::new();
    for (_, addr) in searcher.search(&AllQuery, &collector)? {
        let doc: TantivyDocument = searcher.doc(addr)?;
        let facts: PassageFacts = doc
            .get_first(f.facts)
            .and_then(|v| v.as_str())
            .and_then(PassageFacts::from_stored)
            .unwrap_or_default();
        let Some(best) = facts
            .amounts
            .iter()
            .max_by(|a, b| a.usd.unwrap_or(0.0).total_cmp(&b.usd.unwrap_or(0.0)))
        else {
            continue;
        };
        top_amounts.push(TopAmount {
            text: amount_label(best),
            currency: best.currency.clone(),
            value: best.value,
            usd: best.usd,
            path: crate::ingest::path_text::shown(
                doc.get_first(f.path).and_then(|v| v.as_str()).unwrap_or(""),
            )
            .into_owned(),
            line: doc.get_first(f.line).and_then(|v| v.as_u64()).unwrap_or(0),
        });
    }
    let day = |secs: i64| {
        jiff::Timestamp::from_second(secs)
            .ok()
            .map(|t| t.strftime("%Y-%m-%d").to_string())
    };
    Ok(StatsRecord {
        schema_version: JSON_SCHEMA_VERSION,
        index_schema_version: SCHEMA_VERSION,
        index: root.display().to_string(),
        articles: articles.len(),
        passages: searcher.num_docs(),
        segments: searcher.segment_readers().len(),
        index_bytes: crate::index::folder_size(&index.dir),
        first_date: first.and_then(day),
        last_date: last.and_then(day),
        top_entities,
        top_amounts,
    })
}
