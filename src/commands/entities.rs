//! `newsdex entities`: the most mentioned entities, with passage and article counts.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use super::{Outcome, UsageError};
use crate::cli::EntitiesArgs;
use crate::extract::entities::EntityKind;
use crate::index::{for_each_live_doc, open_index, NameDisplay};
use crate::output::json::{write_record, EntitiesSummary, EntityRecord, JSON_SCHEMA_VERSION};

pub(super) fn run(args: EntitiesArgs, index_dir: &Path) -> anyhow::Result<Outcome> {
    let wanted = match &args.kind {
        Some(name) => Some(EntityKind::parse(name).ok_or_else(|| {
            UsageError(format!(
                "--type {name:?}: use organization, person, product or place"
            ))
        })?),
        None => None,
    };
    let index = open_index(index_dir)?;
    let searcher = index.reader.searcher();
    // Display name and kind of each canonical entity, recorded when the index was built.
    let names = NameDisplay::load(&index.dir)?;
    // Counts from the entity field, where a passage about AWS also counts
    // for its parent Amazon.
    let mut counts: HashMap<(String, String), (u64, HashSet<u64>)> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(index.fields.entity)?;
        let articles = index.fields.u64_column(segment, index.fields.article_key)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let lower = String::from_utf8_lossy(terms.key()).into_owned();
            let Some((kind, canonical)) = names.get(&lower) else {
                continue;
            };
            if wanted.is_some_and(|w| kind != w) {
                continue;
            }
            let mut docs = Vec::new();
            let live = for_each_live_doc(segment, &inverted, terms.value(), |doc| docs.push(doc))?;
            if live == 0 {
                // Every passage naming it was deleted by an incremental update.
                continue;
            }
            let entry = counts
                .entry((kind.as_str().to_string(), canonical))
                .or_insert_with(|| (0, HashSet::new()));
            entry.0 += live;
            entry
                .1
                .extend(docs.into_iter().filter_map(|doc| articles.first(doc)));
        }
    }
    let mut rows: Vec<EntityRecord> = counts
        .into_iter()
        .map(|((kind, canonical), (passages, articles))| EntityRecord {
            canonical,
            kind,
            passages,
            articles: articles.len() as u64,
        })
        .collect();
    let total = rows.len();
    rows.sort_by(|a, b| {
        b.passages
            .cmp(&a.passages)
            .then(b.articles.cmp(&a.articles))
            .then_with(|| a.canonical.cmp(&b.canonical))
    });
    rows.truncate(args.top);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        for row in &rows {
            write_record(&mut out, "entity", row)?;
        }
        write_record(
            &mut out,
            "summary",
            EntitiesSummary {
                schema_version: JSON_SCHEMA_VERSION,
                entities: total,
                shown: rows.len(),
            },
        )?;
    } else {
        writeln!(
            out,
            "{:>8} {:>8}  {:<13} entity",
            "passages", "articles", "type"
        )?;
        for row in &rows {
            writeln!(
                out,
                "{:>8} {:>8}  {:<13} {}",
                row.passages, row.articles, row.kind, row.canonical
            )?;
        }
    }
    out.flush()?;
    Ok(if rows.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
