//! Exact matching for counting (`timeline`, `report`): every passage that matches the
//! query as written, not the ranked pool `search` returns.
//!
//! What matches: every word and quoted phrase of the query is required (as if written
//! `+word`) in the passage text, its heading or its article's title; `a OR b` needs either,
//! `NOT`/`-` exclude; every filter applies. Words are matched by the index analyzer
//! (lower-cased, accents folded, stemmed: "takeovers" matches "takeover"), but nothing is
//! added: no related words, no topic vocabulary, no entity aliases.
//!
//! Syndicated copies are folded here so every count above this module sees each text once:
//! a passage is a copy when its word 3-shingles overlap those of an earlier passage from
//! another article by at least 60% (the rule `search` folds hits by), passages taken in date
//! order so the first publication counts. An article whose matching passages are all copies
//! is a copy.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use tantivy::collector::DocSetCollector;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use super::build::QueryBuilder;
use super::query::parse_query_all_required;
use super::rank::{jaccard_at_least, shingle_set, DUPLICATE_JACCARD};
use super::{Filters, Ranking, SearchError};
use crate::extract::{AmountFact, PassageFacts, TopicScores};
use crate::index::OpenIndex;

/// One passage that matches exactly.
#[derive(Debug, Clone)]
pub struct MatchedPassage {
    /// The article's stable id.
    pub article_id: String,
    pub path: String,
    pub line: u64,
    pub ordinal: u64,
    pub title: String,
    pub source: String,
    /// Publication time, seconds since the epoch.
    pub published: Option<i64>,
    pub text: String,
    pub amounts: Vec<AmountFact>,
    /// Canonical names of the entities tagged in the passage.
    pub entities: Vec<String>,
    pub topics: TopicScores,
    /// Set when the passage is a near-copy of an earlier passage of another article:
    /// the index (in [`Matches::passages`]) of that passage.
    pub copy_of: Option<usize>,
}

/// Every exactly matching passage, in date order (undated last), copies marked.
#[derive(Debug)]
pub struct Matches {
    pub passages: Vec<MatchedPassage>,
    /// Set when the query was read leniently.
    pub note: Option<String>,
    pub took: Duration,
}

/// Finds every passage matching `query` exactly (see the module docs) and the filters.
pub fn matching_passages(
    index: &OpenIndex,
    query: &str,
    filters: &Filters,
) -> Result<Matches, SearchError> {
    let started = Instant::now();
    let parsed = parse_query_all_required(query)
        .map_err(|e| SearchError::BadRequest(format!("bad query {query:?}: {e}")))?;
    let tokenizers = index.index.tokenizers();
    // Plain BM25 off too: passage text, title and heading are all searched, but nothing
    // is added to the words the user wrote.
    let ranking = Ranking {
        plain: false,
        proximity: false,
        topics: false,
        expansion: false,
        entities: false,
        per_article: 0,
        collapse: false,
        article: false,
        feedback: false,
        params: super::RankingParams::default(),
    };
    let mut builder = QueryBuilder {
        fields: &index.fields,
        en: tokenizers
            .get(crate::index::schema_analyzer_en())
            .expect("analyzers are registered on open"),
        plain_words: tokenizers
            .get(crate::index::schema_analyzer_plain())
            .expect("analyzers are registered on open"),
        ranking: &ranking,
    };
    let built = builder.build(&parsed, filters, &[], &[])?;
    let searcher = index.reader.searcher();
    let mut addresses: Vec<DocAddress> = searcher
        .search(&*built.full, &DocSetCollector)?
        .into_iter()
        .collect();
    // Store order: neighbouring documents share a compressed block.
    addresses.sort();
    let mut passages = Vec::with_capacity(addresses.len());
    for addr in addresses {
        let doc: TantivyDocument = searcher.doc(addr)?;
        passages.push(to_matched(&index.fields, &doc));
    }
    passages.sort_by(|a, b| {
        (a.published.is_none(), a.published, &a.article_id, a.ordinal).cmp(&(
            b.published.is_none(),
            b.published,
            &b.article_id,
            b.ordinal,
        ))
    });
    let copies = fold_copies(
        &passages
            .iter()
            .map(|p| (p.article_id.as_str(), p.text.as_str()))
            .collect::<Vec<_>>(),
    );
    for (passage, copy_of) in passages.iter_mut().zip(copies) {
        passage.copy_of = copy_of;
    }
    Ok(Matches {
        passages,
        note: parsed.note,
        took: started.elapsed(),
    })
}

fn to_matched(fields: &crate::index::Fields, doc: &TantivyDocument) -> MatchedPassage {
    let text = |f| {
        doc.get_first(f)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let number = |f| doc.get_first(f).and_then(|v| v.as_u64()).unwrap_or(0);
    let facts = doc
        .get_first(fields.facts)
        .and_then(|v| v.as_str())
        .and_then(PassageFacts::from_stored)
        .unwrap_or_default();
    let mut entities: Vec<String> = facts.entities.into_iter().map(|e| e.canonical).collect();
    entities.sort();
    entities.dedup();
    MatchedPassage {
        article_id: text(fields.article_id),
        path: text(fields.path),
        line: number(fields.line),
        ordinal: number(fields.ordinal),
        title: text(fields.title_shown),
        source: text(fields.source),
        published: doc
            .get_first(fields.published)
            .and_then(|v| v.as_datetime())
            .map(|d| d.into_timestamp_secs()),
        text: text(fields.text),
        amounts: facts.amounts,
        entities,
        topics: facts.topics,
        copy_of: None,
    }
}

/// For passages given as (article, text) in the order they count, which earlier passage of
/// another article each one copies. Exact for the 60% Jaccard rule: two sets that similar
/// share one of the smallest `|S| - ceil(0.6·|S|) + 1` shingles of each (the prefix filter
/// of all-pairs similarity joins), so only passages sharing one are compared.
pub fn fold_copies(passages: &[(&str, &str)]) -> Vec<Option<usize>> {
    let mut sets: Vec<Vec<u64>> = Vec::with_capacity(passages.len());
    let mut by_prefix: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut out = Vec::with_capacity(passages.len());
    for (i, (article, text)) in passages.iter().enumerate() {
        let set = shingle_set(text);
        // Slightly under the exact product, so rounding can only lengthen the prefix.
        let overlap = ((DUPLICATE_JACCARD * set.len() as f32) - 1e-4)
            .ceil()
            .max(0.0) as usize;
        let prefix = &set[..(set.len() + 1).saturating_sub(overlap).min(set.len())];
        let mut found = None;
        let mut seen: Vec<usize> = Vec::new();
        'look: for shingle in prefix {
            for &j in by_prefix.get(shingle).into_iter().flatten() {
                if passages[j].0 == *article || seen.contains(&j) {
                    continue;
                }
                seen.push(j);
                if jaccard_at_least(&sets[j], &set, DUPLICATE_JACCARD) {
                    found = Some(j);
                    break 'look;
                }
            }
        }
        for &shingle in prefix {
            by_prefix.entry(shingle).or_default().push(i);
        }
        sets.push(set);
        out.push(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::rank::jaccard;

    #[test]
    fn a_syndicated_copy_points_at_the_first_publication() {
        let text = "Contoso agreed to buy Fabrikam for $2bn in a takeover announced on Monday.";
        let copies = fold_copies(&[
            ("a", text),
            (
                "b",
                "Rain is expected across the region on Tuesday evening.",
            ),
            ("c", text),
            ("c", text),
            (
                "a",
                "Contoso agreed to buy Fabrikam for $2bn in a takeover announced Monday.",
            ),
        ]);
        // The same article repeating a passage is not a copy of itself.
        assert_eq!(copies, [None, None, Some(0), Some(0), Some(2)]);
    }

    #[test]
    fn prefix_filter_finds_exactly_the_pairs_over_the_threshold() {
        // Texts over a small vocabulary, so overlaps of every size occur; compare with
        // an all-pairs search.
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let mut next = || rng.next_u64();
        let words = [
            "deal", "bid", "cloud", "azure", "share", "court", "fine", "rain",
        ];
        let base: Vec<String> = (0..4)
            .map(|_| {
                (0..12)
                    .map(|_| words[(next() % 8) as usize])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let texts: Vec<String> = (0..300)
            .map(|_| {
                let mut t: Vec<&str> = base[(next() % 4) as usize].split(' ').collect();
                for _ in 0..(next() % 4) {
                    let at = (next() % t.len() as u64) as usize;
                    t[at] = words[(next() % 8) as usize];
                }
                t.join(" ")
            })
            .collect();
        let articles: Vec<String> = (0..300).map(|i| format!("a{}", i % 97)).collect();
        let input: Vec<(&str, &str)> = articles
            .iter()
            .zip(&texts)
            .map(|(a, t)| (a.as_str(), t.as_str()))
            .collect();
        let fast = fold_copies(&input);
        let sets: Vec<Vec<u64>> = texts.iter().map(|t| shingle_set(t)).collect();
        for (i, found) in fast.iter().enumerate() {
            let any = (0..i).any(|j| {
                input[j].0 != input[i].0 && jaccard(&sets[j], &sets[i]) >= DUPLICATE_JACCARD
            });
            assert_eq!(found.is_some(), any, "passage {i}: {}", texts[i]);
        }
    }
}
