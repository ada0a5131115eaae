//! Running a search: collect candidates, apply the topic multiplier, keep at
//! most K passages per article, fold syndicated copies, make snippets.

use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, TantivyDocument};

use super::article::{count_articles, within_budget, ArticleScores, ArticleWalk, WeightedTerm};
use super::build::QueryBuilder;
use super::feedback::{feedback_terms, Evidence, FeedbackTerm};
use super::{parse_query, SearchError, SearchRequest};
use crate::extract::topics::Topic;
use crate::extract::PassageFacts;
use crate::index::{Fields, OpenIndex};

/// How much a passage fully about a query's topic is lifted: score × (1 + w·s).
const TOPIC_WEIGHT: f32 = 0.3;
/// The same lift when the user named the topic with `--topic`: they asked
/// for it, so it counts for more than a topic guessed from the words.
const EXPLICIT_TOPIC_WEIGHT: f32 = 1.0;
/// Postings of feedback words the article score may walk per search (a few milliseconds).
const FEEDBACK_POSTINGS_BUDGET: u64 = 5_000;
/// Postings of the user's own words the article score may walk per search (about 2 ms): past
/// it, the most common words leave the article score (they weigh least in it), so a search
/// over millions of passages stays fast.
const OWN_POSTINGS_BUDGET: u64 = 100_000;
/// Candidates of the first pass of a search with feedback: a fixed number, so the words
/// learned do not depend on how many hits were asked for.
const FEEDBACK_POOL: usize = 30;
/// Word-shingle overlap above which two passages are copies of one text.
pub(super) const DUPLICATE_JACCARD: f32 = 0.6;

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
    /// Passages matching the query and filters, before diversity and limit
    /// (when the request asked for the count).
    pub total_matches: Option<usize>,
    /// Set when the query was read leniently: what was read as words, and why.
    pub note: Option<String>,
    pub topics: Vec<Topic>,
    /// Words pseudo-relevance feedback added to the query, strongest first.
    pub feedback: Vec<FeedbackTerm>,
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
    let first = builder.build(&parsed, &request.filters, &topics, &[])?;
    let searcher = index.reader.searcher();

    let ranking = &request.ranking;
    let boost_topics: Vec<Topic> = if ranking.plain || !ranking.topics {
        Vec::new()
    } else {
        topics.clone()
    };
    let rescoring = first.proximity.is_some() || !boost_topics.is_empty();
    let thinned = ranking.per_article > 0 || ranking.collapse;
    // Phase 1 keeps a pool of candidates for phase 2 to reorder and for diversity to thin
    // out. Three times the limit loses nothing measurable against larger pools on the
    // evaluations; when diversity leaves fewer hits than asked for, a pool four times as
    // large is tried, until the matches run out.
    let mut pool = if thinned || rescoring {
        (request.limit * 3).max(request.limit + 10)
    } else {
        request.limit
    };
    let total_matches = if request.count_total {
        Some(first.full.count(&searcher)?)
    } else {
        None
    };
    // The snippets highlight the user's words, not feedback words.
    let snippets = snippet_generator(&searcher, &*first.full, fields.text, request.snippet_chars)?;

    // Article evidence and feedback rank by relevance, on the user's words.
    let relevance = request.sort == Sort::Relevance && !ranking.plain;
    let own: Vec<WeightedTerm> = if relevance {
        own_stems(&mut builder.en, &parsed)
    } else {
        Vec::new()
    };
    let params = ranking.params;
    let with_articles = ranking.article && !own.is_empty();
    let article_count = if with_articles {
        match index.article_count.get() {
            Some(&n) => n,
            None => {
                let n = count_articles(&searcher, fields)?;
                *index.article_count.get_or_init(|| n)
            }
        }
    } else {
        0
    };
    let walked = if with_articles {
        within_budget(&searcher, fields, &own, OWN_POSTINGS_BUDGET)?
    } else {
        Vec::new()
    };
    let mut walk = if walked.is_empty() {
        None
    } else {
        let mut walk = ArticleWalk::new(&searcher, fields, article_count)?;
        walk.add(&walked)?;
        Some(walk)
    };
    let mut articles = walk
        .as_ref()
        .map_or_else(ArticleScores::default, |w| w.scores(params.article));
    let mut built = first;
    let mut feedback = Vec::new();
    let mut first_phase = PhaseOneMemo::default();
    // Feedback needs a first pass that found the user's own words: one that only related
    // words found is too weak a sample of what they mean to learn more words from.
    let own_found = own.iter().try_fold(false, |found, t| {
        let term = tantivy::Term::from_field_text(fields.text, &t.stem);
        searcher.doc_freq(&term).map(|df| found || df > 0)
    })?;
    if ranking.feedback && relevance && parsed.has_plain_word() && own_found {
        let (ranked, _) = ranked_candidates(
            &searcher,
            fields,
            request,
            &built,
            &articles,
            &boost_topics,
            FEEDBACK_POOL,
            &mut first_phase,
        )?;
        let evidence: Vec<Evidence> = ranked
            .iter()
            .map(|c| Evidence {
                article: c.article,
                score: c.score,
                passage: c.addr,
            })
            .collect();
        let stems: Vec<String> = own.iter().map(|t| t.stem.clone()).collect();
        feedback = feedback_terms(
            &searcher,
            fields,
            &mut builder.en,
            &evidence,
            &stems,
            params.feedback_articles,
            params.feedback_terms,
        )?;
        if !feedback.is_empty() {
            built = builder.build(&parsed, &request.filters, &topics, &feedback)?;
            if let Some(walk) = walk.as_mut().filter(|_| params.article_feedback > 0) {
                // Feedback words join the article score, strongest first, while their
                // postings stay within a budget: the walk reads every posting of its words.
                let mut terms = Vec::new();
                let mut postings = 0u64;
                for t in feedback.iter().take(params.article_feedback) {
                    let term = tantivy::Term::from_field_text(fields.text, &t.stem);
                    postings += searcher.doc_freq(&term)?;
                    if postings > FEEDBACK_POSTINGS_BUDGET {
                        break;
                    }
                    terms.push(WeightedTerm {
                        stem: t.stem.clone(),
                        weight: params.feedback_weight * own.len() as f32 * t.weight,
                        own: false,
                    });
                }
                if !terms.is_empty() {
                    // The first scores share the walk's article map: let them go first, so
                    // adding terms does not copy it.
                    drop(std::mem::take(&mut articles));
                    walk.add(&terms)?;
                    articles = walk.scores(params.article);
                }
            }
        }
    }
    loop {
        let (hits, exhausted) = collect_hits(
            &searcher,
            fields,
            request,
            &built,
            &articles,
            &boost_topics,
            &snippets,
            pool,
            &mut first_phase,
        )?;
        if hits.len() >= request.limit || exhausted || !thinned {
            return Ok(SearchResults {
                hits,
                total_matches,
                note: parsed.note,
                topics,
                feedback,
                took: started.elapsed(),
            });
        }
        pool = pool.saturating_mul(4);
    }
}

/// The query's own words (plain and phrase words, not excluded ones) as text-field stems,
/// each once: the terms of the article score and what feedback must not add again.
fn own_stems(
    en: &mut tantivy::tokenizer::TextAnalyzer,
    parsed: &super::ParsedQuery,
) -> Vec<WeightedTerm> {
    let mut out: Vec<WeightedTerm> = Vec::new();
    for word in parsed.positive_words() {
        for stem in super::build::analyze(en, word) {
            if !out.iter().any(|t| t.stem == stem) {
                out.push(WeightedTerm {
                    stem,
                    weight: 1.0,
                    own: true,
                });
            }
        }
    }
    out
}

/// The phase-1 candidates of a search, kept for a later call with a pool no larger. Feedback
/// words score candidates in phase 2 only and leave the full query as it was, so without this
/// a search with feedback would run the same phase-1 search twice.
#[derive(Default)]
struct PhaseOneMemo {
    pool: usize,
    candidates: Vec<(f32, DocAddress)>,
}

impl PhaseOneMemo {
    /// The best `pool` candidates, if a search at least that deep was kept (top-k by score,
    /// ties by address, so a shallower top-k is a prefix of a deeper one).
    fn take(&self, pool: usize) -> Option<Vec<(f32, DocAddress)>> {
        (self.pool > 0 && self.pool >= pool)
            .then(|| self.candidates.iter().take(pool).copied().collect())
    }

    fn keep(&mut self, pool: usize, candidates: &[(f32, DocAddress)]) {
        self.pool = pool;
        self.candidates = candidates.to_vec();
    }
}

/// Phase 1 (a pool of BM25 candidates, plus the best passage of each of the best articles
/// that has none in the pool) and phase 2 (proximity, topics, article evidence), in rank
/// order. Also says whether the pool held every match, so a caller short of hits knows a
/// larger pool cannot help.
#[allow(clippy::too_many_arguments)]
fn ranked_candidates(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    request: &SearchRequest,
    built: &super::build::BuiltQuery,
    articles: &ArticleScores,
    boost_topics: &[Topic],
    pool: usize,
    first_phase: &mut PhaseOneMemo,
) -> Result<(Vec<Candidate>, bool), SearchError> {
    // Phase 1: candidates by BM25 (block-WAND for plain-word queries).
    let mut candidates: Vec<(f32, DocAddress)> = match request.sort {
        Sort::Date => {
            let collector = TopDocs::with_limit(pool).order_by_fast_field::<tantivy::DateTime>(
                fields.name(fields.published),
                Order::Desc,
            );
            searcher
                .search(&*built.full, &collector)?
                .into_iter()
                .map(|(_, addr)| (0.0, addr))
                .collect()
        }
        Sort::Relevance => match first_phase.take(pool) {
            Some(candidates) => candidates,
            None => {
                let found =
                    searcher.search(&*built.full, &TopDocs::with_limit(pool).order_by_score())?;
                first_phase.keep(pool, &found);
                found
            }
        },
    };
    let exhausted = candidates.len() < pool;
    if !articles.is_empty() {
        // An article that ranks well as a whole brings its best passage (scored by the full
        // query in phase 2, which also applies the filters).
        let present: std::collections::HashSet<DocAddress> =
            candidates.iter().map(|c| c.1).collect();
        for (_, article) in articles.top(pool) {
            if !present.contains(&article.best_passage) {
                candidates.push((f32::NAN, article.best_passage));
            }
        }
    }
    // Phase 2: proximity, topics and article evidence rescore the candidates only.
    let topic_weight = if request.filters.topics.is_empty() {
        TOPIC_WEIGHT
    } else {
        EXPLICIT_TOPIC_WEIGHT
    };
    let mut keyed = rescore(
        searcher,
        fields,
        &candidates,
        built,
        boost_topics,
        topic_weight,
        articles,
        request.ranking.params.article_weight,
    )?;
    if request.sort == Sort::Date {
        for c in &mut keyed {
            c.score = 0.0;
        }
    }
    // Ties broken by article and position, so output is stable across builds.
    keyed.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.article.cmp(&b.article))
            .then_with(|| a.ordinal.cmp(&b.ordinal))
    });
    if request.sort == Sort::Date {
        // Keep phase 1's newest-first order.
        let order: HashMap<DocAddress, usize> = candidates
            .iter()
            .enumerate()
            .map(|(i, (_, a))| (*a, i))
            .collect();
        keyed.sort_by_key(|c| order[&c.addr]);
    }
    Ok((keyed, exhausted))
}

/// The ranked candidates and the diversity pass that turns them into at most
/// `request.limit` hits.
#[allow(clippy::too_many_arguments)]
fn collect_hits(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    request: &SearchRequest,
    built: &super::build::BuiltQuery,
    articles: &ArticleScores,
    boost_topics: &[Topic],
    snippets: &SnippetGenerator,
    pool: usize,
    first_phase: &mut PhaseOneMemo,
) -> Result<(Vec<Hit>, bool), SearchError> {
    let (keyed, exhausted) = ranked_candidates(
        searcher,
        fields,
        request,
        built,
        articles,
        boost_topics,
        pool,
        first_phase,
    )?;
    let mut hits: Vec<Hit> = Vec::new();
    let mut per_article: HashMap<u64, usize> = HashMap::new();
    let mut shingles: Vec<Vec<u64>> = Vec::new();
    for candidate in keyed {
        let (score, article, addr) = (candidate.score, candidate.article, candidate.addr);
        if hits.len() >= request.limit {
            break;
        }
        let cap = request.ranking.per_article;
        if cap > 0 && per_article.get(&article).copied().unwrap_or(0) >= cap {
            continue;
        }
        let doc: TantivyDocument = searcher.doc(addr)?;
        let mut hit = to_hit(fields, score, &doc);
        if request.ranking.collapse {
            let mine = shingle_set(&hit.text);
            if let Some(pos) = shingles
                .iter()
                .position(|s| jaccard_at_least(s, &mine, DUPLICATE_JACCARD))
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
        *per_article.entry(article).or_insert(0) += 1;
        let (text, ranges) = snippet_of(snippets, &hit.text, request.snippet_chars);
        hit.snippet = text;
        hit.highlights = ranges;
        if request.explain {
            hit.explain = Some(explain(
                searcher,
                &built.parts,
                &candidate,
                &hit,
                boost_topics,
            )?);
        }
        hits.push(hit);
    }
    Ok((hits, exhausted))
}

/// A phase-1 candidate with what phase 2 adds.
struct Candidate {
    score: f32,
    proximity: f32,
    /// The feedback words' score (phase 2).
    feedback: f32,
    topic_multiplier: f32,
    /// The article evidence added, weight included.
    article_part: f32,
    article: u64,
    ordinal: u64,
    addr: DocAddress,
}

/// Adds the proximity score (by seeking a phrase scorer to each candidate, segment by
/// segment), the topic multiplier (from fast fields) and the article evidence, and reads
/// each candidate's article and position for grouping and tie-breaks. A candidate without a
/// phase-1 score (NaN: brought by its article) is scored by the full query first, and
/// dropped if it does not match it (a filter leaves it out).
#[allow(clippy::too_many_arguments)]
fn rescore(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    candidates: &[(f32, DocAddress)],
    built: &super::build::BuiltQuery,
    topics: &[Topic],
    topic_weight: f32,
    articles: &ArticleScores,
    article_weight: f32,
) -> Result<Vec<Candidate>, SearchError> {
    let scoring = || tantivy::query::EnableScoring::enabled_from_searcher(searcher);
    let weight = built
        .proximity
        .as_deref()
        .map(|q| q.weight(scoring()))
        .transpose()?;
    let feedback_weights = built
        .feedback
        .iter()
        .map(|q| q.weight(scoring()))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let needs_full = candidates.iter().any(|c| c.0.is_nan());
    let full_weight = if needs_full {
        Some(built.full.weight(scoring())?)
    } else {
        None
    };
    let mut by_segment: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, (_, addr)) in candidates.iter().enumerate() {
        by_segment.entry(addr.segment_ord).or_default().push(i);
    }
    let mut out: Vec<Candidate> = candidates
        .iter()
        .map(|&(score, addr)| Candidate {
            score,
            proximity: 0.0,
            feedback: 0.0,
            topic_multiplier: 1.0,
            article_part: 0.0,
            article: 0,
            ordinal: 0,
            addr,
        })
        .collect();
    for (segment_ord, mut members) in by_segment {
        members.sort_by_key(|&i| out[i].addr.doc_id);
        let segment = searcher.segment_reader(segment_ord);
        let articles_column = fields.u64_column(segment, fields.article_key)?;
        let ordinals = fields.u64_column(segment, fields.ordinal)?;
        let topic_columns: Vec<Column<f64>> = topics
            .iter()
            .map(|t| fields.f64_column(segment, fields.topic(*t)))
            .collect::<tantivy::Result<_>>()?;
        let mut scorer = match &weight {
            Some(w) => Some(w.scorer(segment, 1.0)?),
            None => None,
        };
        let mut feedback_scorers = feedback_weights
            .iter()
            .map(|w| w.scorer(segment, 1.0))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let mut full_scorer = match &full_weight {
            Some(w) => Some(w.scorer(segment, 1.0)?),
            None => None,
        };
        for i in members {
            let doc = out[i].addr.doc_id;
            let c = &mut out[i];
            if c.score.is_nan() {
                if let Some(full) = full_scorer.as_mut() {
                    if full.doc() < doc {
                        full.seek(doc);
                    }
                    if full.doc() == doc {
                        c.score = full.score();
                    }
                }
                if c.score.is_nan() {
                    continue;
                }
            }
            c.article = articles_column.first(doc).unwrap_or(0);
            c.ordinal = ordinals.first(doc).unwrap_or(0);
            if let Some(scorer) = scorer.as_mut() {
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                if scorer.doc() == doc {
                    c.proximity = scorer.score();
                }
            }
            for scorer in &mut feedback_scorers {
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                if scorer.doc() == doc {
                    c.feedback += scorer.score();
                }
            }
            let best = topic_columns
                .iter()
                .filter_map(|col| col.first(doc))
                .fold(0.0f64, f64::max) as f32;
            c.topic_multiplier = 1.0 + topic_weight * best;
            c.score = (c.score + c.proximity + c.feedback) * c.topic_multiplier;
        }
    }
    out.retain(|c| !c.score.is_nan());
    // Article evidence on the passage scores' scale: the best article adds `article_weight`
    // times the best passage's score, so the weight means the same for short and long
    // queries and small and large corpora.
    let best_article = articles.best_score();
    let best_passage = out.iter().map(|c| c.score).fold(0.0f32, f32::max);
    // A topic the user asked for (`--topic`) lifts the whole score, so a passage off that
    // topic does not rise on its article alone; a topic guessed from the words lifts only
    // the passage's own evidence.
    let explicit_topic = topic_weight == EXPLICIT_TOPIC_WEIGHT && !topics.is_empty();
    let topic_lift = |c: &Candidate| {
        if explicit_topic {
            c.topic_multiplier
        } else {
            1.0
        }
    };
    if best_article > 0.0 && best_passage > 0.0 {
        // An article's best passage takes the whole of its article's part, its other
        // passages the share their own score is of the best's: the article decides which
        // articles rise, the passages' own evidence which of their passages.
        let mut best_in_article: HashMap<u64, f32> = HashMap::new();
        for c in &out {
            let best = best_in_article.entry(c.article).or_insert(0.0);
            *best = best.max(c.score);
        }
        let scale = article_weight * best_passage / best_article;
        for c in &mut out {
            let best = best_in_article[&c.article];
            let share = if best > 0.0 { c.score / best } else { 1.0 };
            c.article_part = scale * articles.score(c.article) * share * topic_lift(c);
            c.score += c.article_part;
        }
    }
    Ok(out)
}

fn explain(
    searcher: &tantivy::Searcher,
    parts: &[(&'static str, Box<dyn tantivy::query::Query>)],
    candidate: &Candidate,
    hit: &Hit,
    topics: &[Topic],
) -> Result<ScoreParts, SearchError> {
    let mut out = ScoreParts::default();
    for (name, query) in parts {
        let value = match query.explain(searcher, candidate.addr) {
            Ok(explanation) => explanation.value(),
            Err(_) => 0.0, // the part does not match this passage
        };
        out.parts.push((name, value));
    }
    out.parts.push(("proximity", candidate.proximity));
    if candidate.feedback != 0.0 {
        out.parts.push(("feedback", candidate.feedback));
    }
    if candidate.article_part != 0.0 {
        out.parts.push(("article", candidate.article_part));
    }
    let t = hit.facts.topics;
    out.topics = topics.iter().map(|&topic| (topic, t.get(topic))).collect();
    out.topic_multiplier = candidate.topic_multiplier;
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
        .and_then(PassageFacts::from_stored)
        .unwrap_or_default();
    let heading = text(fields.heading);
    Hit {
        score,
        article_id: text(fields.article_id),
        path: text(fields.path),
        line: u64_of(doc, fields.line),
        ordinal: u64_of(doc, fields.ordinal),
        title: text(fields.title_shown),
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

/// Tantivy's `SnippetGenerator::create`, with an analyzer that stems only the words that can
/// stem to a query term: re-analysing ten passages per query was a tenth of a batch query's
/// time, most of it stemming words that cannot match.
fn snippet_generator(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    field: tantivy::schema::Field,
    max_chars: usize,
) -> tantivy::Result<SnippetGenerator> {
    let mut terms: std::collections::BTreeSet<tantivy::Term> = Default::default();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    // The same weights as `SnippetGenerator::create`: rarer terms make better fragments.
    let mut weights: std::collections::BTreeMap<String, f32> = Default::default();
    for term in &terms {
        if let Some(text) = term.value().as_str() {
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as f32));
            }
        }
    }
    let stemmer = crate::index::MemoStemmer::only_for(weights.keys().map(String::as_str));
    let analyzer = crate::index::english_analyzer(stemmer);
    Ok(SnippetGenerator::new(weights, analyzer, field, max_chars))
}

/// The passage itself when short, else the best fragment (widened back to the
/// passage start when that is near), with `…` where text was cut and the
/// highlight ranges moved to match.
fn snippet_of(
    generator: &SnippetGenerator,
    text: &str,
    max_chars: usize,
) -> (String, Vec<Range<usize>>) {
    let snippet = generator.snippet(text);
    if snippet.fragment().is_empty() {
        return (truncate_chars(text, max_chars), Vec::new());
    }
    let fragment = snippet.fragment_range();
    let (start, end) = if text.chars().count() <= max_chars {
        (0, text.len())
    } else if fragment.start <= 100 {
        (0, fragment.end)
    } else {
        (fragment.start, fragment.end)
    };
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let shift = |at: usize| at + fragment.start - start + prefix.len();
    let ranges = snippet
        .highlighted()
        .iter()
        .map(|r| shift(r.start)..shift(r.end))
        .collect();
    (format!("{prefix}{}{suffix}", &text[start..end]), ranges)
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

/// Hashes of the passage's 3-word shingles (words lower-cased), sorted and
/// without repeats, without allocating per word.
pub(super) fn shingle_set(text: &str) -> Vec<u64> {
    use crate::hash::{fnv_step, FNV_OFFSET};
    let mut words: Vec<u64> = Vec::with_capacity(text.len() / 5);
    if text.is_ascii() {
        // Byte by byte: the same hashes as the char path below gives ASCII text.
        for word in text
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            words.push(word.iter().fold(FNV_OFFSET, |h, b| {
                fnv_step(h, u64::from(b.to_ascii_lowercase()))
            }));
        }
    } else {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            words.push(
                word.chars()
                    .flat_map(char::to_lowercase)
                    .fold(FNV_OFFSET, |h, c| fnv_step(h, u64::from(c))),
            );
        }
    }
    if words.len() < 3 {
        return vec![words.iter().fold(0, |h, w| h ^ w.rotate_left(17))];
    }
    let mut shingles: Vec<u64> = words
        .windows(3)
        .map(|w| w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42))
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    shingles
}

/// Whether `jaccard(a, b) >= threshold`, without finishing the count when the answer is
/// already known: sets of very different sizes cannot be similar, and a merge stops once the
/// shingles left cannot lift the overlap to the threshold. Folding compares every hit with
/// every kept one, so this is most of what copy detection costs.
pub(super) fn jaccard_at_least(a: &[u64], b: &[u64], threshold: f32) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Bounds computed like `jaccard` (one f32 division), so rounding can never prune a pair
    // `jaccard` would keep: |A ∩ B| <= |short| and |A ∪ B| >= |long|.
    let ratio = |inter: usize, union: usize| {
        if union == 0 {
            0.0
        } else {
            inter as f32 / union as f32
        }
    };
    if ratio(short.len(), long.len()) < threshold {
        return false;
    }
    let reaches = |inter: usize, i: usize, j: usize| {
        let most = inter + (a.len() - i).min(b.len() - j);
        ratio(most, a.len() + b.len() - most) >= threshold
    };
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                i += 1;
                if !reaches(inter, i, j) {
                    return false;
                }
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                if !reaches(inter, i, j) {
                    return false;
                }
            }
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    ratio(inter, a.len() + b.len() - inter) >= threshold
}

/// Jaccard similarity of two [`shingle_set`]s (sorted, no repeats): the definition
/// [`jaccard_at_least`] is tested against.
#[cfg(test)]
pub(super) fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f32 / union as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_at_least_agrees_with_jaccard() {
        // Random sorted sets over a small universe, so overlaps of every size occur.
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d);
        let mut next = || rng.next_u64();
        for _ in 0..20_000 {
            let mut set = |n: u64| {
                let len = next() % n;
                let mut v: Vec<u64> = (0..len).map(|_| next() % 40).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let (a, b) = (set(30), set(30));
            for t in [0.0, 0.3, 0.5, 0.6, 0.75, 1.0] {
                assert_eq!(
                    jaccard_at_least(&a, &b, t),
                    jaccard(&a, &b) >= t,
                    "{a:?} {b:?} {t}"
                );
            }
        }
    }

    #[test]
    fn shingle_jaccard_measures_shared_word_triples() {
        let a = shingle_set("Contoso will be the exclusive hosting provider for Fabrikam.");
        let same = shingle_set("CONTOSO will be the exclusive hosting provider for Fabrikam");
        let other = shingle_set("Rain is expected across the region on Tuesday evening.");
        assert_eq!(jaccard(&a, &same), 1.0);
        assert_eq!(jaccard(&a, &other), 0.0);
        // 7 shingles and 9, the 7 shared.
        let b = shingle_set(
            "Contoso will be the exclusive hosting provider for Fabrikam and Tailspin.",
        );
        let a9 = shingle_set("Contoso will be the exclusive hosting provider for Fabrikam.");
        assert_eq!(a9.len(), 7);
        assert!((jaccard(&a9, &b) - 7.0 / 9.0).abs() < 1e-6);
        assert!(a.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert_eq!(jaccard(&[], &[]), 0.0);
        // ASCII text takes a byte path; it must hash words as the char path does.
        let accented = shingle_set(
            "Contoso will be the exclusive hosting provider for Fabrikam \u{e9}t\u{e9}",
        );
        assert!(a.iter().all(|h| accented.contains(h)));
    }
}
