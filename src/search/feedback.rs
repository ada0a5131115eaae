//! Pseudo-relevance feedback, RM3-style (Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004):
//! the words that the first pass's best articles share are taken as evidence of what the
//! user means, and the strongest of them join the query at a lower weight.
//!
//! The relevance model is estimated from the stored text of the top articles' best
//! passages (those the first pass ranked, at most a few per article): each passage's words
//! as a distribution P(w|D), weighted by the article's first-pass score P(Q|D), summed. The
//! bound is a few articles and a few dozen passages read from the doc store, so the cost is
//! a fraction of a search. Words that are in the query already, very common (in more than
//! [`MAX_DOC_SHARE`] of passages: "said", "year"), too rare to generalise (one passage),
//! numbers or one or two letters long are left out.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::index::Fields;

/// Stems of the words that carry no topic (`stopwords.txt`), analysed once per process.
static STOP_STEMS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut en = crate::index::english_analyzer(crate::index::MemoStemmer::all());
    include_str!("stopwords.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .flat_map(|line| super::build::analyze(&mut en, line))
        .collect()
});

/// Words in more passages than this share carry no topic.
const MAX_DOC_SHARE: f32 = 0.1;
/// Passages read per feedback article.
const PASSAGES_PER_ARTICLE: usize = 3;

/// A feedback word: its stem and its share of the relevance model (the shares of a
/// query's feedback words sum to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct FeedbackTerm {
    pub stem: String,
    pub weight: f32,
}

/// One first-pass result offered as feedback evidence: an article, its score and a passage.
pub(crate) struct Evidence {
    pub article: u64,
    pub score: f32,
    pub passage: DocAddress,
}

/// The `terms` strongest feedback words of the first pass's top `articles` articles.
/// `ranked` is the first pass in rank order; `own` the query's own stems.
pub(crate) fn feedback_terms(
    searcher: &Searcher,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
    ranked: &[Evidence],
    own: &[String],
    articles: usize,
    terms: usize,
) -> tantivy::Result<Vec<FeedbackTerm>> {
    if articles == 0 || terms == 0 {
        return Ok(Vec::new());
    }
    // The top articles, each with up to a few of its passages, in rank order.
    let mut chosen: Vec<(u64, f32, Vec<DocAddress>)> = Vec::new();
    for e in ranked {
        match chosen.iter().position(|c| c.0 == e.article) {
            Some(i) if chosen[i].2.len() < PASSAGES_PER_ARTICLE => chosen[i].2.push(e.passage),
            Some(_) => {}
            None if chosen.len() < articles => chosen.push((e.article, e.score, vec![e.passage])),
            None => {}
        }
    }
    let Some(top) = chosen.first().map(|c| c.1) else {
        return Ok(Vec::new());
    };
    let mut model: FxHashMap<String, f32> = FxHashMap::default();
    for (_, score, passages) in &chosen {
        // P(Q|D): the article's first-pass score relative to the best.
        let query_likelihood = if top > 0.0 {
            (score / top).max(0.0)
        } else {
            1.0
        };
        let mut counts: FxHashMap<String, f32> = FxHashMap::default();
        let mut length = 0.0f32;
        for &addr in passages {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let text = doc
                .get_first(fields.text)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            let mut stream = analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                length += 1.0;
                *counts.entry(token.text.clone()).or_insert(0.0) += 1.0;
            }
        }
        if length == 0.0 {
            continue;
        }
        for (word, count) in counts {
            *model.entry(word).or_insert(0.0) += query_likelihood * count / length;
        }
    }
    let passages = searcher.num_docs().max(1) as f32;
    let mut candidates: Vec<(String, f32)> = model
        .into_iter()
        .filter(|(w, _)| w.chars().count() > 2 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|(w, _)| !own.contains(w) && !STOP_STEMS.contains(w))
        .collect();
    // Strongest first; then keep those whose document frequency says they carry a topic.
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = Vec::new();
    for (stem, p) in candidates {
        if out.len() >= terms {
            break;
        }
        let df = searcher.doc_freq(&Term::from_field_text(fields.text, &stem))? as f32;
        if df < 2.0 || df / passages > MAX_DOC_SHARE {
            continue;
        }
        out.push(FeedbackTerm { stem, weight: p });
    }
    let total: f32 = out.iter().map(|t| t.weight).sum();
    if total > 0.0 {
        for t in &mut out {
            t.weight /= total;
        }
    }
    Ok(out)
}
