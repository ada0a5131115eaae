//! Running a search: collect candidates, apply the topic multiplier, keep at
//! most K passages per article, fold syndicated copies, make snippets.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::time::{Duration, Instant};

use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Order, Score, SegmentReader, TantivyDocument};

use super::build::QueryBuilder;
use super::{parse_query, SearchError, SearchRequest};
use crate::extract::topics::Topic;
use crate::extract::PassageFacts;
use crate::index::{Fields, OpenIndex};

/// How much a passage fully about a query's topic is lifted: score × (1 + w·s).
const TOPIC_WEIGHT: f32 = 0.6;
/// Word-shingle overlap above which two passages are copies of one text.
const DUPLICATE_JACCARD: f32 = 0.6;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    /// Newest first.
    Date,
}

/// One ranked passage.
#[derive(Debug, Clone)]
pub struct Hit {
    pub score: f32,
    pub article_id: String,
    pub path: String,
    pub line: u64,
    pub ordinal: u64,
    pub title: String,
    pub source: String,
    pub url: String,
    pub author: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub heading: Option<String>,
    /// The whole passage.
    pub text: String,
    /// The best fragment of the passage, and the byte ranges to highlight in it.
    pub snippet: String,
    pub highlights: Vec<Range<usize>>,
    pub facts: PassageFacts,
    /// Other places the same passage appears (syndicated copies).
    pub copies: Vec<Copy>,
    pub explain: Option<ScoreParts>,
}

/// Where a folded near-duplicate lives.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    pub path: String,
    pub line: u64,
    pub source: String,
}

/// A hit's score, broken into the parts that make it.
#[derive(Debug, Clone, Default)]
pub struct ScoreParts {
    /// Each additive part's contribution (bm25, proximity, entities, expansion).
    pub parts: Vec<(&'static str, f32)>,
    /// Topic scores of the passage for the query's topics.
    pub topics: Vec<(Topic, f32)>,
    /// The multiplier those topics gave.
    pub topic_multiplier: f32,
}

/// The outcome of a search.
#[derive(Debug)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Passages matching the query and filters, before diversity and limit.
    pub total_matches: usize,
    /// Set when the query was read leniently: what was read as words, and why.
    pub note: Option<String>,
    pub topics: Vec<Topic>,
    pub took: Duration,
}

/// Runs a search request against an open index.
pub fn search(index: &OpenIndex, request: &SearchRequest) -> Result<SearchResults, SearchError> {
    let started = Instant::now();
    let parsed = parse_query(&request.query)
        .map_err(|e| SearchError::BadRequest(format!("bad query {:?}: {e}", request.query)))?;
    let topics = request.topics(&parsed);
    let fields = &index.fields;
    let tokenizers = index.index.tokenizers();
    let mut builder = QueryBuilder {
        fields,
        en: tokenizers
            .get(crate::index::schema_analyzer_en())
            .expect("analyzers are registered on open"),
        plain_words: tokenizers
            .get(crate::index::schema_analyzer_plain())
            .expect("analyzers are registered on open"),
        ranking: &request.ranking,
    };
    let built = builder.build(&parsed, &request.filters, &topics)?;
    let searcher = index.reader.searcher();

    let pool = if request.ranking.per_article > 0 || request.ranking.collapse {
        request.limit * 4 + 20
    } else {
        request.limit
    };
    let boost_topics: Vec<Topic> = if request.ranking.plain || !request.ranking.topics {
        Vec::new()
    } else {
        topics.clone()
    };
    let (candidates, total_matches): (Vec<(f32, DocAddress)>, usize) = match request.sort {
        Sort::Date => {
            let collector = TopDocs::with_limit(pool)
                .order_by_fast_field::<tantivy::DateTime>("published", Order::Desc);
            let (docs, count) = searcher.search(&*built.full, &(collector, Count))?;
            (
                docs.into_iter().map(|(_, addr)| (0.0, addr)).collect(),
                count,
            )
        }
        Sort::Relevance if boost_topics.is_empty() => {
            let collector = TopDocs::with_limit(pool).order_by_score();
            searcher.search(&*built.full, &(collector, Count))?
        }
        Sort::Relevance => {
            let names: Vec<&'static str> = boost_topics.iter().map(|t| topic_field(*t)).collect();
            let collector =
                TopDocs::with_limit(pool).tweak_score(move |segment: &SegmentReader| {
                    let columns: Vec<_> = names
                        .iter()
                        .filter_map(|name| segment.fast_fields().f64(name).ok())
                        .map(|c| c.first_or_default_col(0.0))
                        .collect();
                    move |doc: DocId, score: Score| {
                        let best = columns
                            .iter()
                            .map(|c| c.get_val(doc) as f32)
                            .fold(0.0f32, f32::max);
                        score * (1.0 + TOPIC_WEIGHT * best)
                    }
                });
            searcher.search(&*built.full, &(collector, Count))?
        }
    };

    let mut snippets = SnippetGenerator::create(&searcher, &*built.full, fields.text)?;
    snippets.set_max_num_chars(request.snippet_chars);
    let mut hits: Vec<Hit> = Vec::new();
    let mut per_article: HashMap<String, usize> = HashMap::new();
    let mut shingles: Vec<HashSet<u64>> = Vec::new();
    let mut ordered = candidates;
    // Ties broken by article and position, so output is stable across builds.
    let mut loaded: Vec<(f32, DocAddress, TantivyDocument)> = Vec::with_capacity(ordered.len());
    for (score, addr) in ordered.drain(..) {
        let doc: TantivyDocument = searcher.doc(addr)?;
        loaded.push((score, addr, doc));
    }
    loaded.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| text_of(&a.2, fields.article_id).cmp(text_of(&b.2, fields.article_id)))
            .then_with(|| u64_of(&a.2, fields.ordinal).cmp(&u64_of(&b.2, fields.ordinal)))
    });
    for (score, addr, doc) in loaded {
        if hits.len() >= request.limit {
            break;
        }
        let hit = to_hit(fields, score, &doc);
        if request.ranking.collapse {
            let mine = shingle_set(&hit.text);
            if let Some(pos) = shingles
                .iter()
                .position(|s| jaccard(s, &mine) >= DUPLICATE_JACCARD)
            {
                hits[pos].copies.push(Copy {
                    path: hit.path,
                    line: hit.line,
                    source: hit.source,
                });
                continue;
            }
            shingles.push(mine);
        }
        if request.ranking.per_article > 0 {
            let seen = per_article.entry(hit.article_id.clone()).or_insert(0);
            if *seen >= request.ranking.per_article {
                if request.ranking.collapse {
                    shingles.pop();
                }
                continue;
            }
            *seen += 1;
        }
        let mut hit = hit;
        let snippet = snippets.snippet(&hit.text);
        if snippet.fragment().is_empty() {
            hit.snippet = truncate_chars(&hit.text, request.snippet_chars);
        } else {
            hit.snippet = snippet.fragment().to_string();
            hit.highlights = snippet.highlighted().to_vec();
        }
        if request.explain {
            hit.explain = Some(explain(&searcher, &built.parts, addr, &hit, &boost_topics)?);
        }
        hits.push(hit);
    }
    Ok(SearchResults {
        hits,
        total_matches,
        note: parsed.note,
        topics,
        took: started.elapsed(),
    })
}

fn topic_field(topic: Topic) -> &'static str {
    match topic {
        Topic::Exclusivity => "topic_exclusivity",
        Topic::Dispute => "topic_dispute",
        Topic::Deal => "topic_deal",
    }
}

fn explain(
    searcher: &tantivy::Searcher,
    parts: &[(&'static str, Box<dyn tantivy::query::Query>)],
    addr: DocAddress,
    hit: &Hit,
    topics: &[Topic],
) -> Result<ScoreParts, SearchError> {
    let mut out = ScoreParts::default();
    for (name, query) in parts {
        let value = match query.explain(searcher, addr) {
            Ok(explanation) => explanation.value(),
            Err(_) => 0.0, // the part does not match this passage
        };
        out.parts.push((name, value));
    }
    let t = hit.facts.topics;
    out.topics = topics
        .iter()
        .map(|&topic| {
            let s = match topic {
                Topic::Exclusivity => t.exclusivity,
                Topic::Dispute => t.dispute,
                Topic::Deal => t.deal,
            };
            (topic, s)
        })
        .collect();
    let best = out.topics.iter().map(|(_, s)| *s).fold(0.0f32, f32::max);
    out.topic_multiplier = 1.0
        + if topics.is_empty() {
            0.0
        } else {
            TOPIC_WEIGHT * best
        };
    Ok(out)
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> &str {
    doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("")
}

fn u64_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> u64 {
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}

fn to_hit(fields: &Fields, score: f32, doc: &TantivyDocument) -> Hit {
    let text = |f| text_of(doc, f).to_string();
    let date = doc
        .get_first(fields.published)
        .and_then(|v| v.as_datetime())
        .and_then(|d| jiff::Timestamp::from_second(d.into_timestamp_secs()).ok())
        .map(|ts| ts.strftime("%Y-%m-%d").to_string());
    let facts = doc
        .get_first(fields.facts)
        .and_then(|v| v.as_str())
        .and_then(|raw| serde_json::from_str(raw).ok())
        .unwrap_or_default();
    let heading = text(fields.heading);
    Hit {
        score,
        article_id: text(fields.article_id),
        path: text(fields.path),
        line: u64_of(doc, fields.line),
        ordinal: u64_of(doc, fields.ordinal),
        title: text(fields.title),
        source: text(fields.source),
        url: text(fields.url),
        author: text(fields.author),
        date,
        heading: (!heading.is_empty()).then_some(heading),
        text: text(fields.text),
        snippet: String::new(),
        highlights: Vec::new(),
        facts,
        copies: Vec::new(),
        explain: None,
    }
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let cut = text[..cut].rfind(' ').unwrap_or(cut);
            format!("{}…", &text[..cut])
        }
    }
}

/// Hashes of the passage's 3-word shingles (lower-cased words only).
fn shingle_set(text: &str) -> HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut set = HashSet::new();
    if words.len() < 3 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        words.hash(&mut h);
        set.insert(h.finish());
        return set;
    }
    for window in words.windows(3) {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        window.hash(&mut h);
        set.insert(h.finish());
    }
    set
}

fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f32 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}
