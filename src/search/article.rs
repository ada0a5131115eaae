//! Article evidence: a whole-article BM25 for every article that holds a query word,
//! computed from the passage index, so a passage's score can count what its whole article
//! says about the query (Callan 1994; Bendersky & Kurland 2008: passage plus document
//! evidence beats either alone).
//!
//! newsdex indexes one tantivy document per passage. An article is the passages that share
//! an `article_key`; its length is stored on each of them (`article_len`). One walk over the
//! postings of the query's terms, passage by passage in document order, sums each article's
//! term frequencies (title words count [`ArticleParams::title_weight`] times) and counts the
//! articles that hold each term, which gives an exact article-level BM25 (article document
//! frequencies, article lengths, the live article count) without a second index. The same
//! walk keeps each article's best passage by passage BM25, so an article that ranks well as
//! a whole can bring its best passage into the candidates even when no passage of it made
//! the first pool.

use rustc_hash::FxHashMap;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Searcher, Term, TERMINATED};

use crate::index::Fields;

/// At most this many query terms take part (the rest of a long query still ranks passages).
pub(crate) const MAX_TERMS: usize = 24;

/// BM25 parameters of the article score (chosen on the training queries: see
/// `scripts/eval-ranking`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArticleParams {
    pub k1: f32,
    pub b: f32,
    /// How many times a title word counts against a body word.
    pub title_weight: f32,
    /// Coordination: an article's score is multiplied by the share of the user's own
    /// words it holds (each word counted by its idf), to this power (0 = off).
    pub coord: f32,
}

impl Default for ArticleParams {
    fn default() -> Self {
        ArticleParams {
            k1: 0.9,
            b: 0.75,
            title_weight: 2.0,
            coord: 0.0,
        }
    }
}

/// One query term of the article score, with its weight (1 for the user's own words,
/// less for feedback terms).
#[derive(Debug, Clone)]
pub(crate) struct WeightedTerm {
    pub stem: String,
    pub weight: f32,
    /// One of the user's own words (not a feedback word).
    pub own: bool,
}

/// The article scores of one query.
#[derive(Debug, Default)]
pub(crate) struct ArticleScores {
    /// Article key → its score and best passage.
    pub by_article: FxHashMap<u64, ArticleScore>,
}

/// One article's evidence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArticleScore {
    pub score: f32,
    pub best_passage: DocAddress,
}

impl ArticleScores {
    /// The score of an article (0 when it holds no query term).
    pub fn score(&self, article: u64) -> f32 {
        self.by_article.get(&article).map_or(0.0, |a| a.score)
    }

    /// The `n` best articles, best first (ties by key, for stable output).
    pub fn top(&self, n: usize) -> Vec<(u64, ArticleScore)> {
        let mut all: Vec<(u64, ArticleScore)> =
            self.by_article.iter().map(|(k, v)| (*k, *v)).collect();
        let order = |a: &(u64, ArticleScore), b: &(u64, ArticleScore)| {
            b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0))
        };
        if n == 0 {
            return Vec::new();
        }
        if all.len() > n {
            all.select_nth_unstable_by(n - 1, order);
            all.truncate(n);
        }
        all.sort_by(order);
        all
    }
}

/// Lucene's and tantivy's BM25 idf.
fn idf(doc_freq: u64, doc_count: u64) -> f32 {
    let x = ((doc_count - doc_freq.min(doc_count)) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// Live articles in the index: passages at position 0. A pass over a fast column, so
/// [`crate::index::OpenIndex`] keeps the answer for every search it serves.
pub(crate) fn count_articles(searcher: &Searcher, fields: &Fields) -> tantivy::Result<u64> {
    let mut articles = 0u64;
    for segment in searcher.segment_readers() {
        let ordinals = fields.u64_column(segment, fields.ordinal)?;
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_none_or(|a| a.is_alive(doc)) && ordinals.first(doc) == Some(0) {
                articles += 1;
            }
        }
    }
    Ok(articles)
}

/// Per-article sums, one slot per article, term sums laid out `slot * terms + term`.
#[derive(Default)]
struct Sums {
    keys: Vec<u64>,
    tf: Vec<f32>,
    title_tf: Vec<f32>,
    /// Body words (from `article_len`) and title words; negative until a live passage is seen.
    body_len: Vec<f32>,
    title_len: Vec<f32>,
    best_passage: Vec<DocAddress>,
    best_passage_score: Vec<f32>,
}

impl Sums {
    fn add_slot(&mut self, key: u64, terms: usize, addr: DocAddress) -> usize {
        self.keys.push(key);
        self.tf.extend(std::iter::repeat_n(0.0, terms));
        self.title_tf.extend(std::iter::repeat_n(0.0, terms));
        self.body_len.push(-1.0);
        self.title_len.push(0.0);
        self.best_passage.push(addr);
        self.best_passage_score.push(f32::NEG_INFINITY);
        self.keys.len() - 1
    }
}

/// Computes the article scores for `terms` (already analysed: stems of the text field)
/// over an index of `articles` live articles.
pub(crate) fn article_scores(
    searcher: &Searcher,
    fields: &Fields,
    terms: &[WeightedTerm],
    articles: u64,
    params: ArticleParams,
) -> tantivy::Result<ArticleScores> {
    let terms = &terms[..terms.len().min(MAX_TERMS)];
    if terms.is_empty() {
        return Ok(ArticleScores::default());
    }
    let n = terms.len();
    // Passage-level statistics, for picking each article's best passage.
    let passages = searcher.num_docs().max(1);
    let mut text_tokens = 0u64;
    let mut title_tokens = 0u64;
    for segment in searcher.segment_readers() {
        text_tokens += segment.inverted_index(fields.text)?.total_num_tokens();
        title_tokens += segment.inverted_index(fields.title)?.total_num_tokens();
    }
    let articles = articles.max(1);
    let avg_passage_len = text_tokens as f32 / passages as f32;
    let passage_idf: Vec<f32> = terms
        .iter()
        .map(|t| {
            let term = Term::from_field_text(fields.text, &t.stem);
            searcher.doc_freq(&term).map(|df| idf(df, passages))
        })
        .collect::<tantivy::Result<_>>()?;

    // Term at a time: each term's postings in turn, summing into its articles' slots and
    // into a per-passage score (dense by document, reset between segments).
    let mut slots: FxHashMap<u64, usize> = FxHashMap::default();
    let mut sums = Sums::default();
    let mut passage_score: Vec<f32> = Vec::new();
    let mut touched: Vec<DocId> = Vec::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let text_index = segment.inverted_index(fields.text)?;
        let title_index = segment.inverted_index(fields.title)?;
        let keys = fields.u64_column(segment, fields.article_key)?;
        let lens = fields.u64_column(segment, fields.article_len)?;
        let text_norms = segment.get_fieldnorms_reader(fields.text)?;
        let title_norms = segment.get_fieldnorms_reader(fields.title)?;
        let alive = segment.alive_bitset();
        passage_score.clear();
        passage_score.resize(segment.max_doc() as usize, 0.0);
        touched.clear();
        for (i, t) in terms.iter().enumerate() {
            for in_title in [false, true] {
                let (index, field) = if in_title {
                    (&title_index, fields.title)
                } else {
                    (&text_index, fields.text)
                };
                let term = Term::from_field_text(field, &t.stem);
                let Some(mut postings) =
                    index.read_postings(&term, IndexRecordOption::WithFreqs)?
                else {
                    continue;
                };
                let mut last: Option<(u64, usize)> = None;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        let key = keys.first(doc).unwrap_or(u64::MAX);
                        let slot = match last {
                            Some((k, slot)) if k == key => slot,
                            _ => {
                                let addr = DocAddress::new(segment_ord as u32, doc);
                                let slot = *slots
                                    .entry(key)
                                    .or_insert_with(|| sums.add_slot(key, n, addr));
                                last = Some((key, slot));
                                slot
                            }
                        };
                        if sums.body_len[slot] < 0.0 {
                            // Lengths from a live passage: a changed file's old passages
                            // share the key.
                            sums.body_len[slot] = lens.first(doc).unwrap_or(0) as f32;
                            sums.title_len[slot] = title_norms.fieldnorm(doc) as f32;
                        }
                        let tf = postings.term_freq() as f32;
                        let at = slot * n + i;
                        if in_title {
                            sums.title_tf[at] = sums.title_tf[at].max(tf);
                            // A title match makes the passage a candidate for best passage.
                            let cell = &mut passage_score[doc as usize];
                            if *cell == 0.0 {
                                touched.push(doc);
                                *cell = f32::MIN_POSITIVE;
                            }
                        } else {
                            sums.tf[at] += tf;
                            let norm =
                                0.25 + 0.75 * text_norms.fieldnorm(doc) as f32 / avg_passage_len;
                            let score = t.weight * passage_idf[i] * tf * 2.2 / (tf + 1.2 * norm);
                            let cell = &mut passage_score[doc as usize];
                            if *cell == 0.0 {
                                touched.push(doc);
                            }
                            *cell += score;
                        }
                    }
                    doc = postings.advance();
                }
            }
        }
        // Each article's best passage in this segment.
        let mut last: Option<(u64, usize)> = None;
        touched.sort_unstable();
        for &doc in &touched {
            let key = keys.first(doc).unwrap_or(u64::MAX);
            let slot = match last {
                Some((k, slot)) if k == key => slot,
                _ => {
                    let slot = slots[&key];
                    last = Some((key, slot));
                    slot
                }
            };
            let score = passage_score[doc as usize];
            if score > sums.best_passage_score[slot] {
                sums.best_passage_score[slot] = score;
                sums.best_passage[slot] = DocAddress::new(segment_ord as u32, doc);
            }
        }
    }

    // Article document frequencies and the score of every article.
    let mut doc_freq = [0u64; MAX_TERMS];
    for slot in 0..sums.keys.len() {
        for (i, df) in doc_freq.iter_mut().enumerate().take(n) {
            if sums.tf[slot * n + i] > 0.0 || sums.title_tf[slot * n + i] > 0.0 {
                *df += 1;
            }
        }
    }
    let article_idf: Vec<f32> = (0..n).map(|i| idf(doc_freq[i], articles)).collect();
    let avg_len = (text_tokens as f32
        + params.title_weight * title_tokens as f32 / passages as f32 * articles as f32)
        / articles as f32;
    let ArticleParams {
        k1,
        b,
        title_weight,
        coord,
    } = params;
    // Coordination counts each of the user's words by its idf: an article that lacks a
    // rare word of the query lacks more than one that lacks a common word.
    let own_mass: f32 = (0..n)
        .filter(|&i| terms[i].own)
        .map(|i| article_idf[i])
        .sum();
    let mut out = ArticleScores::default();
    out.by_article.reserve(sums.keys.len());
    for slot in 0..sums.keys.len() {
        if sums.best_passage_score[slot] == f32::NEG_INFINITY {
            continue; // every posting was of a deleted passage
        }
        let len = sums.body_len[slot] + title_weight * sums.title_len[slot];
        let norm = k1 * (1.0 - b + b * len / avg_len);
        let mut score = 0.0;
        let mut own_held = 0.0;
        for i in 0..n {
            let tf = sums.tf[slot * n + i] + title_weight * sums.title_tf[slot * n + i];
            if tf > 0.0 {
                score += terms[i].weight * article_idf[i] * tf * (k1 + 1.0) / (tf + norm);
                if terms[i].own {
                    own_held += article_idf[i];
                }
            }
        }
        if coord > 0.0 && own_mass > 0.0 {
            score *= (own_held / own_mass).powf(coord);
        }
        out.by_article.insert(
            sums.keys[slot],
            ArticleScore {
                score,
                best_passage: sums.best_passage[slot],
            },
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{article_key, register_analyzers};
    use tantivy::{Index, TantivyDocument};

    /// Two articles: "a" in two passages (the word twice, then once), "b" in one passage
    /// without it, "c" with it once in its title only.
    fn index() -> (Index, Fields) {
        let fields = Fields::new();
        let index = Index::create_in_ram(fields.schema.clone());
        register_analyzers(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let passages = [
            ("a", "Merger", 0, "merger talks and a merger"),
            ("a", "Merger", 1, "the merger was agreed"),
            ("b", "Weather", 0, "rain and wind today"),
            ("c", "Merger ahead", 0, "shares rose today"),
        ];
        for (id, title, ordinal, text) in passages {
            let len: u64 = passages
                .iter()
                .filter(|p| p.0 == id)
                .map(|p| crate::index::word_count(p.3))
                .sum();
            let mut doc = TantivyDocument::new();
            doc.add_u64(fields.article_key, article_key(id));
            doc.add_u64(fields.article_len, len);
            doc.add_u64(fields.ordinal, ordinal);
            doc.add_text(fields.title, title);
            doc.add_text(fields.text, text);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index, fields)
    }

    #[test]
    fn article_bm25_sums_passages_and_counts_articles() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let params = ArticleParams {
            coord: 0.0,
            ..ArticleParams::default()
        };
        let terms = [WeightedTerm {
            stem: "merger".into(),
            weight: 1.0,
            own: true,
        }];
        let scores = article_scores(&searcher, &fields, &terms, 3, params).unwrap();
        assert_eq!(
            scores.by_article.len(),
            2,
            "a and c hold the word, b does not"
        );
        assert_eq!(scores.score(article_key("b")), 0.0);
        // By hand: 3 articles, 2 hold "merger"; a: tf 3 + 2·1 (title), length 9 + 2·1.
        let idf = (1.0f32 + (3.0 - 2.0 + 0.5) / (2.0 + 0.5)).ln();
        let (text_words, title_words, passages) = (9.0 + 4.0 + 3.0, 5.0, 4.0);
        let avg = (text_words + 2.0 * title_words / passages * 3.0) / 3.0;
        let bm25 = |tf: f32, len: f32| {
            idf * tf * (params.k1 + 1.0)
                / (tf + params.k1 * (1.0 - params.b + params.b * len / avg))
        };
        let a = scores.score(article_key("a"));
        assert!(
            (a - bm25(5.0, 11.0)).abs() < 1e-4,
            "{a} vs {}",
            bm25(5.0, 11.0)
        );
        let c = scores.score(article_key("c"));
        assert!(
            (c - bm25(2.0, 7.0)).abs() < 1e-4,
            "{c} vs {}",
            bm25(2.0, 7.0)
        );
        // The best passage of "a" is its first (the word twice in fewer words).
        let best = scores.by_article[&article_key("a")].best_passage;
        assert_eq!(best.doc_id, 0);
    }

    #[test]
    fn coordination_lowers_articles_missing_a_query_word() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let term = |stem: &str| WeightedTerm {
            stem: stem.into(),
            weight: 1.0,
            own: true,
        };
        let terms = [term("merger"), term("talk")];
        let off = ArticleParams {
            coord: 0.0,
            ..ArticleParams::default()
        };
        let on = ArticleParams {
            coord: 2.0,
            ..ArticleParams::default()
        };
        let plain = article_scores(&searcher, &fields, &terms, 3, off).unwrap();
        let coord = article_scores(&searcher, &fields, &terms, 3, on).unwrap();
        let (a, c) = (article_key("a"), article_key("c"));
        assert_eq!(plain.score(a), coord.score(a), "a holds both words");
        assert!(coord.score(c) < plain.score(c), "c lacks 'talks'");
    }
}
