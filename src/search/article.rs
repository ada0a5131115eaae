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
//! the first pool. Feedback words join the same walk afterwards ([`ArticleWalk::add`]), so
//! the user's words are walked once per query.

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;
use tantivy::columnar::{Cardinality, Column};
use tantivy::fieldnorm::FieldNormReader;
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
    /// Article key → its entry in `by_slot` (shared with the walk that made it).
    slots: Rc<FxHashMap<u64, usize>>,
    /// Each article's key, score and best passage.
    by_slot: Vec<(u64, ArticleScore)>,
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
        self.slots
            .get(&article)
            .map_or(0.0, |&slot| self.by_slot[slot].1.score)
    }

    /// Whether no article holds a query term.
    pub fn is_empty(&self) -> bool {
        self.by_slot.is_empty()
    }

    /// An article's score and best passage, if it holds a query term.
    #[cfg(test)]
    fn get(&self, article: u64) -> Option<ArticleScore> {
        self.slots.get(&article).map(|&slot| self.by_slot[slot].1)
    }

    /// The `n` best articles, best first (ties by key, for stable output). Keeps a buffer of
    /// at most `2n` entries instead of copying every article, which a query can touch by the
    /// ten thousand.
    pub fn top(&self, n: usize) -> Vec<(u64, ArticleScore)> {
        let order = |a: &(u64, ArticleScore), b: &(u64, ArticleScore)| {
            b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0))
        };
        if n == 0 {
            return Vec::new();
        }
        let mut best: Vec<(u64, ArticleScore)> = Vec::with_capacity(2 * n);
        // After a selection, the n-th best so far: an entry ranked below it cannot be in the top.
        let mut bar: Option<(u64, ArticleScore)> = None;
        for entry in &self.by_slot {
            if bar.is_some_and(|bar| order(entry, &bar).is_gt()) {
                continue;
            }
            if best.len() == 2 * n {
                best.select_nth_unstable_by(n - 1, order);
                best.truncate(n);
                bar = Some(best[n - 1]);
                if order(entry, &best[n - 1]).is_gt() {
                    continue;
                }
            }
            best.push(*entry);
        }
        if best.len() > n {
            best.select_nth_unstable_by(n - 1, order);
            best.truncate(n);
        }
        best.sort_by(order);
        best
    }

    /// The best article score (0 when no article holds a query term).
    pub fn best_score(&self) -> f32 {
        self.by_slot
            .iter()
            .map(|(_, a)| a.score)
            .fold(0.0f32, f32::max)
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
        if ordinals.get_cardinality() == Cardinality::Full {
            // Every passage has an ordinal: decode the values a block at a time (one call
            // per block instead of one per passage: this pass is part of every one-off search).
            let mut block = [0u64; 1024];
            let max_doc = segment.max_doc();
            let mut start = 0u32;
            while start < max_doc {
                let len = (max_doc - start).min(block.len() as u32) as usize;
                ordinals.values.get_range(start as u64, &mut block[..len]);
                for (i, &ordinal) in block[..len].iter().enumerate() {
                    let doc = start + i as u32;
                    if ordinal == 0 && alive.is_none_or(|a| a.is_alive(doc)) {
                        articles += 1;
                    }
                }
                start += len as u32;
            }
            continue;
        }
        for doc in 0..segment.max_doc() {
            if alive.is_none_or(|a| a.is_alive(doc)) && ordinals.first(doc) == Some(0) {
                articles += 1;
            }
        }
    }
    Ok(articles)
}

/// The terms whose postings fit in `budget`, in their order: the most common leave first.
pub(crate) fn within_budget(
    searcher: &Searcher,
    fields: &Fields,
    terms: &[WeightedTerm],
    budget: u64,
) -> tantivy::Result<Vec<WeightedTerm>> {
    let mut by_postings = Vec::with_capacity(terms.len());
    for (i, t) in terms.iter().enumerate() {
        let text = Term::from_field_text(fields.text, &t.stem);
        let title = Term::from_field_text(fields.title, &t.stem);
        by_postings.push((searcher.doc_freq(&text)? + searcher.doc_freq(&title)?, i));
    }
    let mut total: u64 = by_postings.iter().map(|p| p.0).sum();
    by_postings.sort_unstable_by(|a, b| b.cmp(a));
    let mut dropped = vec![false; terms.len()];
    for &(postings, i) in &by_postings {
        if total <= budget {
            break;
        }
        dropped[i] = true;
        total -= postings;
    }
    Ok(terms
        .iter()
        .zip(dropped)
        .filter(|(_, dropped)| !dropped)
        .map(|(t, _)| t.clone())
        .collect())
}

thread_local! {
    /// Per-segment passage scores, all zero between walks: a walk takes them and gives them
    /// back cleaned, so a query does not allocate (and the kernel does not zero) a score
    /// cell for every passage of the index.
    static PASSAGE_SCRATCH: RefCell<Vec<Vec<f32>>> = const { RefCell::new(Vec::new()) };
}

/// A walk over the postings of a query's terms that sums each article's term frequencies.
/// Terms can be added after a first scoring (feedback words) without walking the first
/// terms again.
pub(crate) struct ArticleWalk<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    /// Live articles in the index.
    articles: u64,
    terms: Vec<WeightedTerm>,
    /// Passage-level statistics, for picking each article's best passage.
    passages: u64,
    text_tokens: u64,
    title_tokens: u64,
    avg_passage_len: f32,
    slots: Rc<FxHashMap<u64, usize>>,
    keys: Vec<u64>,
    /// Body words (from `article_len`) and title words; negative until a live passage is seen.
    body_len: Vec<f32>,
    title_len: Vec<f32>,
    /// Per term, per slot: body term frequency and title term frequency.
    tf: Vec<Vec<f32>>,
    title_tf: Vec<Vec<f32>>,
    /// Per term: how many articles hold it.
    doc_freq: Vec<u64>,
    /// Per segment: passage scores by document, and the documents that have one with
    /// their article's slot.
    passage_score: Vec<Vec<f32>>,
    touched: Vec<Vec<(DocId, u32)>>,
    /// Per segment, opened once for every term: opening a column costs more than reading
    /// a few hundred values from it.
    readers: Vec<SegmentColumns>,
}

/// What the walk reads of one segment besides postings.
#[derive(Clone)]
struct SegmentColumns {
    keys: Column<u64>,
    lens: Column<u64>,
    text_norms: FieldNormReader,
    title_norms: FieldNormReader,
}

impl<'a> ArticleWalk<'a> {
    /// A walk over an index of `articles` live articles, with no terms yet.
    pub fn new(searcher: &'a Searcher, fields: &'a Fields, articles: u64) -> tantivy::Result<Self> {
        let passages = searcher.num_docs().max(1);
        let mut text_tokens = 0u64;
        let mut title_tokens = 0u64;
        for segment in searcher.segment_readers() {
            text_tokens += segment.inverted_index(fields.text)?.total_num_tokens();
            title_tokens += segment.inverted_index(fields.title)?.total_num_tokens();
        }
        let mut passage_score = PASSAGE_SCRATCH.with(|s| std::mem::take(&mut *s.borrow_mut()));
        let segments = searcher.segment_readers();
        passage_score.resize_with(segments.len(), Vec::new);
        for (scores, segment) in passage_score.iter_mut().zip(segments) {
            let max_doc = segment.max_doc() as usize;
            if scores.len() < max_doc {
                scores.resize(max_doc, 0.0);
            }
        }
        let readers = segments
            .iter()
            .map(|segment| {
                Ok(SegmentColumns {
                    keys: fields.u64_column(segment, fields.article_key)?,
                    lens: fields.u64_column(segment, fields.article_len)?,
                    text_norms: segment.get_fieldnorms_reader(fields.text)?,
                    title_norms: segment.get_fieldnorms_reader(fields.title)?,
                })
            })
            .collect::<tantivy::Result<_>>()?;
        Ok(ArticleWalk {
            readers,
            searcher,
            fields,
            articles: articles.max(1),
            terms: Vec::new(),
            passages,
            text_tokens,
            title_tokens,
            avg_passage_len: text_tokens as f32 / passages as f32,
            slots: Rc::default(),
            keys: Vec::new(),
            body_len: Vec::new(),
            title_len: Vec::new(),
            tf: Vec::new(),
            title_tf: Vec::new(),
            doc_freq: Vec::new(),
            passage_score,
            touched: vec![Vec::new(); segments.len()],
        })
    }

    fn slot(&mut self, key: u64) -> usize {
        let next = self.keys.len();
        let slot = *Rc::make_mut(&mut self.slots).entry(key).or_insert(next);
        if slot == next {
            self.keys.push(key);
            self.body_len.push(-1.0);
            self.title_len.push(0.0);
        }
        slot
    }

    /// Walks the postings of `terms` (already analysed: stems of the text field), past the
    /// first [`MAX_TERMS`] in all.
    pub fn add(&mut self, terms: &[WeightedTerm]) -> tantivy::Result<()> {
        let room = MAX_TERMS.saturating_sub(self.terms.len());
        for t in &terms[..terms.len().min(room)] {
            self.add_term(t.clone())?;
        }
        Ok(())
    }

    /// Term at a time: the term's postings in turn, summing into its articles' slots and into
    /// a per-passage score.
    fn add_term(&mut self, t: WeightedTerm) -> tantivy::Result<()> {
        let fields = self.fields;
        let passage_idf = {
            let term = Term::from_field_text(fields.text, &t.stem);
            idf(self.searcher.doc_freq(&term)?, self.passages)
        };
        let mut tf = Vec::with_capacity(self.keys.len());
        let mut title_tf = Vec::new();
        for (segment_ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            // Clones share the opened data (the walk's slots are borrowed mutably below).
            let SegmentColumns {
                keys,
                lens,
                text_norms,
                title_norms,
            } = self.readers[segment_ord].clone();
            let alive = segment.alive_bitset();
            for in_title in [false, true] {
                let field = if in_title { fields.title } else { fields.text };
                let term = Term::from_field_text(field, &t.stem);
                let Some(mut postings) = segment
                    .inverted_index(field)?
                    .read_postings(&term, IndexRecordOption::WithFreqs)?
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
                                let slot = self.slot(key);
                                last = Some((key, slot));
                                slot
                            }
                        };
                        if self.body_len[slot] < 0.0 {
                            // Lengths from a live passage: a changed file's old passages
                            // share the key.
                            self.body_len[slot] = lens.first(doc).unwrap_or(0) as f32;
                            self.title_len[slot] = title_norms.fieldnorm(doc) as f32;
                        }
                        let freq = postings.term_freq() as f32;
                        let cell = &mut self.passage_score[segment_ord][doc as usize];
                        if *cell == 0.0 {
                            self.touched[segment_ord].push((doc, slot as u32));
                            *cell = f32::MIN_POSITIVE;
                        }
                        if in_title {
                            // A title match makes the passage a candidate for best passage.
                            grow(&mut title_tf, slot);
                            title_tf[slot] = title_tf[slot].max(freq);
                        } else {
                            grow(&mut tf, slot);
                            tf[slot] += freq;
                            let norm = 0.25
                                + 0.75 * text_norms.fieldnorm(doc) as f32 / self.avg_passage_len;
                            *cell += t.weight * passage_idf * freq * 2.2 / (freq + 1.2 * norm);
                        }
                    }
                    doc = postings.advance();
                }
            }
        }
        let held = (0..tf.len().max(title_tf.len()))
            .filter(|&s| {
                tf.get(s).is_some_and(|&f| f > 0.0) || title_tf.get(s).is_some_and(|&f| f > 0.0)
            })
            .count();
        self.doc_freq.push(held as u64);
        self.tf.push(tf);
        self.title_tf.push(title_tf);
        self.terms.push(t);
        Ok(())
    }

    /// The article scores of the terms walked so far.
    pub fn scores(&self, params: ArticleParams) -> ArticleScores {
        let n = self.terms.len();
        let slots = self.keys.len();
        let mut out = ArticleScores::default();
        if n == 0 {
            return out;
        }
        // Each article's best passage; ties go to the earlier one.
        let mut best: Vec<(f32, DocAddress)> =
            vec![(f32::NEG_INFINITY, DocAddress::new(0, 0)); slots];
        for (segment_ord, touched) in self.touched.iter().enumerate() {
            let scores = &self.passage_score[segment_ord];
            for &(doc, slot) in touched {
                let (score, addr) = (
                    scores[doc as usize],
                    DocAddress::new(segment_ord as u32, doc),
                );
                let best = &mut best[slot as usize];
                if score > best.0 || (score == best.0 && addr < best.1) {
                    *best = (score, addr);
                }
            }
        }
        let at = |v: &Vec<f32>, slot: usize| v.get(slot).copied().unwrap_or(0.0);
        // Article document frequencies.
        let articles = self.articles;
        let article_idf: Vec<f32> = self.doc_freq.iter().map(|&df| idf(df, articles)).collect();
        let avg_len = (self.text_tokens as f32
            + params.title_weight * self.title_tokens as f32 / self.passages as f32
                * articles as f32)
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
            .filter(|&i| self.terms[i].own)
            .map(|i| article_idf[i])
            .sum();
        // Term at a time over dense per-slot sums: each slot adds its terms in query order,
        // as a slot-at-a-time loop would, in a loop the compiler can keep tight.
        let norm: Vec<f32> = (0..slots)
            .map(|slot| {
                let len = self.body_len[slot] + title_weight * self.title_len[slot];
                k1 * (1.0 - b + b * len / avg_len)
            })
            .collect();
        let mut score = vec![0.0f32; slots];
        let mut own_held = vec![0.0f32; if coord > 0.0 { slots } else { 0 }];
        for (i, (term, &idf)) in self.terms.iter().zip(&article_idf).enumerate() {
            let (tf, title_tf) = (&self.tf[i], &self.title_tf[i]);
            for slot in 0..tf.len().max(title_tf.len()) {
                let tf = at(tf, slot) + title_weight * at(title_tf, slot);
                if tf > 0.0 {
                    score[slot] += term.weight * idf * tf * (k1 + 1.0) / (tf + norm[slot]);
                    if term.own && coord > 0.0 {
                        own_held[slot] += idf;
                    }
                }
            }
        }
        if coord > 0.0 && own_mass > 0.0 {
            for (score, held) in score.iter_mut().zip(&own_held) {
                *score *= (held / own_mass).powf(coord);
            }
        }
        out.slots = Rc::clone(&self.slots);
        out.by_slot = best
            .iter()
            .zip(score)
            .zip(&self.keys)
            .map(|((&(_, best_passage), score), &key)| {
                (
                    key,
                    ArticleScore {
                        score,
                        best_passage,
                    },
                )
            })
            .collect();
        out
    }
}

impl Drop for ArticleWalk<'_> {
    fn drop(&mut self) {
        for (scores, touched) in self.passage_score.iter_mut().zip(&self.touched) {
            for &(doc, _) in touched {
                scores[doc as usize] = 0.0;
            }
        }
        let scratch = std::mem::take(&mut self.passage_score);
        PASSAGE_SCRATCH.with(|s| *s.borrow_mut() = scratch);
    }
}

/// Makes `slot` an index of `v`.
fn grow(v: &mut Vec<f32>, slot: usize) {
    if v.len() <= slot {
        v.resize(slot + 1, 0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{article_key, register_analyzers};
    use tantivy::{Index, TantivyDocument};

    /// Computes the article scores for `terms` (already analysed: stems of the text field)
    /// over an index of `articles` live articles.
    fn article_scores(
        searcher: &Searcher,
        fields: &Fields,
        terms: &[WeightedTerm],
        articles: u64,
        params: ArticleParams,
    ) -> tantivy::Result<ArticleScores> {
        let mut walk = ArticleWalk::new(searcher, fields, articles)?;
        walk.add(terms)?;
        Ok(walk.scores(params))
    }

    /// One of the user's own words, by its stem.
    fn own_term(stem: &str) -> WeightedTerm {
        WeightedTerm {
            stem: stem.into(),
            weight: 1.0,
            own: true,
        }
    }

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
        assert_eq!(scores.by_slot.len(), 2, "a and c hold the word, b does not");
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
        let best = scores.get(article_key("a")).unwrap().best_passage;
        assert_eq!(best.doc_id, 0);
    }

    #[test]
    fn coordination_lowers_articles_missing_a_query_word() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let terms = [own_term("merger"), own_term("talk")];
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

    #[test]
    fn top_agrees_with_a_full_sort() {
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        for round in 0..200 {
            let len = rng.below(300);
            let by_slot: Vec<(u64, ArticleScore)> = (0..len)
                .map(|i| {
                    // Few distinct scores, so ties (broken by key) are common.
                    let score = rng.below(20) as f32 / 4.0;
                    let best_passage = DocAddress::new(0, i as u32);
                    (
                        rng.next_u64() % 1000,
                        ArticleScore {
                            score,
                            best_passage,
                        },
                    )
                })
                .collect();
            let scores = ArticleScores {
                slots: Rc::default(),
                by_slot,
            };
            let mut sorted = scores.by_slot.clone();
            sorted.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));
            let n = rng.below(40);
            let expected: Vec<(u64, f32)> =
                sorted.iter().take(n).map(|(k, a)| (*k, a.score)).collect();
            let got: Vec<(u64, f32)> = scores.top(n).iter().map(|(k, a)| (*k, a.score)).collect();
            assert_eq!(got, expected, "round {round}, n {n}, len {len}");
            let best = sorted.first().map_or(0.0, |(_, a)| a.score);
            assert_eq!(scores.best_score(), best);
        }
    }

    #[test]
    fn within_budget_drops_the_most_common_words_first() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        // Postings (text + title): "merger" 2 + 3 = 5, "today" 2, "rain" 1.
        let terms = [own_term("merger"), own_term("today"), own_term("rain")];
        let kept = |budget| -> Vec<String> {
            within_budget(&searcher, &fields, &terms, budget)
                .unwrap()
                .into_iter()
                .map(|t| t.stem)
                .collect()
        };
        assert_eq!(kept(8), ["merger", "today", "rain"]);
        assert_eq!(kept(7), ["today", "rain"]);
        assert_eq!(kept(3), ["today", "rain"]);
        assert_eq!(kept(2), ["rain"]);
        assert!(kept(0).is_empty());
    }

    #[test]
    fn count_articles_counts_first_passages_across_blocks() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(count_articles(&searcher, &fields).unwrap(), 3);

        // More passages than one decoding block: 2,500 passages, five per article.
        let big = Index::create_in_ram(fields.schema.clone());
        register_analyzers(&big);
        let mut writer = big.writer_with_num_threads(1, 15_000_000).unwrap();
        for i in 0..2_500u64 {
            let mut doc = TantivyDocument::new();
            doc.add_u64(fields.article_key, i / 5);
            doc.add_u64(fields.article_len, 10);
            doc.add_u64(fields.ordinal, i % 5);
            doc.add_text(fields.text, "words");
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = big.reader().unwrap().searcher();
        assert_eq!(count_articles(&searcher, &fields).unwrap(), 500);
    }
}
