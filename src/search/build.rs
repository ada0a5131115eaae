//! From a parsed query, filters and ranking switches to tantivy queries.

use std::ops::Bound;
use std::sync::LazyLock;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur as TOccur, PhraseQuery,
    Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::article::ArticleParams;
use super::feedback::FeedbackTerm;
use super::query::{Clause, Node, Occur, ParsedQuery, QueryField};
use super::related::related_terms;
use super::SearchError;
use crate::extract::entities::EntityExtractor;
use crate::extract::topics::{expansion_terms, Topic};
use crate::index::{amount_key, Fields};

/// Title words say what the whole article is about; they count a bit more.
const TITLE_BOOST: f32 = 0.8;
const HEADING_BOOST: f32 = 0.6;
/// A passage tagged with an entity the query names (any alias).
const ENTITY_BOOST: f32 = 1.2;
/// The query words within a few words of each other, in order.
const NEAR_BOOST: f32 = 1.5;
const NEAR_SLOP: u32 = 8;
/// Expanded topic vocabulary weighs less than the user's own words.
const EXPANSION_BOOST: f32 = 0.25;
/// A query word's related words (synonyms, near-synonyms) weigh more than a topic's
/// vocabulary, as they mean what the user typed, but less than the word itself.
const RELATED_BOOST: f32 = 0.5;

/// Filters that restrict which passages can match.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Entity names (any alias); every one must be tagged on the passage.
    pub entities: Vec<String>,
    pub min_amount: Option<AmountFilter>,
    pub max_amount: Option<AmountFilter>,
    /// Compare amounts in this currency exactly instead of in approximate USD.
    pub currency: Option<String>,
    /// Seconds since the epoch, inclusive.
    pub since: Option<i64>,
    pub until: Option<i64>,
    /// Source names (words matched, case-insensitive); any may match.
    pub sources: Vec<String>,
    /// Topics asked for with `--topic`; boost, and filter with `min_topic`.
    pub topics: Vec<Topic>,
    pub min_topic: Option<f32>,
}

/// An amount bound: a value and the currency it was written in, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct AmountFilter {
    pub value: f64,
    pub currency: Option<String>,
}

/// Ranking switches, so each part of the score can be measured on its own.
#[derive(Debug, Clone)]
pub struct Ranking {
    /// Plain BM25 over passage text only: the baseline.
    pub plain: bool,
    pub proximity: bool,
    pub topics: bool,
    pub expansion: bool,
    pub entities: bool,
    /// At most this many passages from one article (0 = no limit).
    pub per_article: usize,
    /// Fold near-duplicate passages (syndicated copies) into one hit.
    pub collapse: bool,
    /// Add the whole article's BM25 to each passage's score (`search/article.rs`).
    pub article: bool,
    /// Pseudo-relevance feedback: words of the first pass's top articles join the query
    /// (`search/feedback.rs`).
    pub feedback: bool,
    /// The weights and parameters of those parts.
    pub params: RankingParams,
}

/// The tunable numbers of the ranking, chosen on the training half of the judged news
/// queries (`scripts/eval-ranking --tune`); `NEWSDEX_RANKING="name=value,..."` overrides
/// them for an evaluation run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankingParams {
    /// Weight of the article score added to a passage's score, both relative to the query's
    /// best: the best article adds this many times the best passage's own score.
    pub article_weight: f32,
    pub article: ArticleParams,
    /// Articles of the first pass whose words feed back.
    pub feedback_articles: usize,
    /// Feedback words added to the query.
    pub feedback_terms: usize,
    /// Weight of the feedback words against the user's: RM3's mixing weight a as a / (1 - a).
    pub feedback_weight: f32,
    /// How many of the strongest feedback words count in the article score too (the
    /// article score walks every posting of its words, so this bounds its cost).
    pub article_feedback: usize,
}

impl Default for RankingParams {
    fn default() -> Self {
        RankingParams {
            article_weight: 2.0,
            article: ArticleParams::default(),
            feedback_articles: 5,
            feedback_terms: 20,
            feedback_weight: 0.5,
            article_feedback: 20,
        }
    }
}

impl RankingParams {
    /// The defaults with `name=value` pairs (comma-separated) applied: for evaluations
    /// that try values without rebuilding.
    pub fn with_overrides(spec: &str) -> Result<RankingParams, String> {
        let mut p = RankingParams::default();
        for pair in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (name, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("{pair:?} is not name=value"))?;
            let v: f32 = value
                .trim()
                .parse()
                .map_err(|_| format!("{pair:?}: {value:?} is not a number"))?;
            match name.trim() {
                "article_weight" => p.article_weight = v,
                "article_k1" => p.article.k1 = v,
                "article_b" => p.article.b = v,
                "title_weight" => p.article.title_weight = v,
                "article_coord" => p.article.coord = v,
                "feedback_articles" => p.feedback_articles = v as usize,
                "feedback_terms" => p.feedback_terms = v as usize,
                "feedback_weight" => p.feedback_weight = v,
                "article_feedback" => p.article_feedback = v as usize,
                other => return Err(format!("unknown ranking parameter {other:?}")),
            }
        }
        Ok(p)
    }
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            plain: false,
            proximity: true,
            topics: true,
            expansion: true,
            entities: true,
            per_article: 2,
            collapse: true,
            article: true,
            feedback: true,
            params: RankingParams::default(),
        }
    }
}

impl Ranking {
    /// The baseline: plain BM25 over passage text, nothing else.
    pub fn plain() -> Ranking {
        Ranking {
            plain: true,
            proximity: false,
            topics: false,
            expansion: false,
            entities: false,
            per_article: 0,
            collapse: false,
            article: false,
            feedback: false,
            params: RankingParams::default(),
        }
    }
}

/// The queries a search runs, with its scoring parts kept apart for `--explain`.
pub(crate) struct BuiltQuery {
    /// What is collected: scoring parts and filters.
    pub full: Box<dyn Query>,
    /// Named scoring parts (each evaluated alone for `--explain`).
    pub parts: Vec<(&'static str, Box<dyn Query>)>,
    /// The query words close together: scored only on the top candidates.
    pub proximity: Option<Box<dyn Query>>,
    /// Pseudo-relevance feedback words, one query each: scored only on the top candidates,
    /// each seeked on its own (a union scorer clears its whole window on every seek).
    pub feedback: Vec<Box<dyn Query>>,
}

/// Should-clauses as one query.
fn union(clauses: &[Box<dyn Query>]) -> Box<dyn Query> {
    if clauses.len() == 1 {
        return clauses[0].box_clone();
    }
    Box::new(BooleanQuery::new(
        clauses
            .iter()
            .map(|q| (TOccur::Should, q.box_clone()))
            .collect(),
    ))
}

pub(crate) struct QueryBuilder<'a> {
    pub fields: &'a Fields,
    pub en: TextAnalyzer,
    pub plain_words: TextAnalyzer,
    pub ranking: &'a Ranking,
}

impl QueryBuilder<'_> {
    pub fn build(
        &mut self,
        parsed: &ParsedQuery,
        filters: &Filters,
        topics: &[Topic],
        feedback: &[FeedbackTerm],
    ) -> Result<BuiltQuery, SearchError> {
        let (core_clauses, excluded): (Vec<&Clause>, Vec<&Clause>) = parsed
            .clauses
            .iter()
            .partition(|c| c.occur != Occur::MustNot);
        let has_must = core_clauses.iter().any(|c| c.occur == Occur::Must);
        let core_clauses: Vec<Clause> = core_clauses.into_iter().cloned().collect();
        // Each part is a list of should-clauses. Kept flat (not nested
        // booleans) so a query of plain words is one union of term queries,
        // which tantivy ranks with block-WAND instead of scoring every match.
        let mut parts: Vec<(&'static str, Vec<Box<dyn Query>>)> = Vec::new();
        let core = if has_must {
            self.clauses(&core_clauses)?.map(|q| vec![q])
        } else {
            self.flat_should(&core_clauses)?
        };
        if let Some(core) = core {
            parts.push(("bm25", core));
        }
        let words = parsed.positive_words();
        if self.ranking.entities && !self.ranking.plain {
            if let Some(q) = self.named_entities(&words.join(" ")) {
                parts.push(("entities", q));
            }
        }
        if self.ranking.expansion && !self.ranking.plain && parsed.has_plain_word() {
            if let Some(q) = self.expansion(topics, &words) {
                parts.push(("expansion", q));
            }
        }
        let mut feedback_clauses = Vec::new();
        if !feedback.is_empty() {
            // RM3 mixes the query (each of its n words 1/n) with the feedback model at
            // (1 - a) : a; as boosts against a query word's 1, a feedback word with share p
            // gets n · p · a / (1 - a), and `feedback_weight` is a / (1 - a).
            let own = words
                .iter()
                .flat_map(|w| analyze(&mut self.en, w))
                .count()
                .max(1) as f32;
            let weight = self.ranking.params.feedback_weight * own;
            // Scored on the candidates only, like proximity: it reorders what the user's
            // words (and the articles they rank) found, at a fraction of a second pass's cost.
            feedback_clauses = feedback
                .iter()
                .map(|t| {
                    let term = Term::from_field_text(self.fields.text, &t.stem);
                    boosted(term_query(term), weight * t.weight)
                })
                .collect();
        }
        let proximity = if self.ranking.proximity && !self.ranking.plain {
            self.proximity(&words)
        } else {
            None
        };

        let mut top: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        if parts.is_empty() {
            top.push((TOccur::Must, Box::new(AllQuery)));
        } else if has_must {
            // The user's required words decide what matches; the other parts only score.
            for (i, (_, clauses)) in parts.iter().enumerate() {
                let occur = if i == 0 { TOccur::Must } else { TOccur::Should };
                top.push((occur, union(clauses)));
            }
        } else {
            for (_, clauses) in &parts {
                top.extend(clauses.iter().map(|q| (TOccur::Should, q.box_clone())));
            }
        }
        for clause in excluded {
            if let Some(q) = self.node(&clause.node)? {
                top.push((TOccur::MustNot, q));
            }
        }
        if top.iter().all(|(o, _)| *o == TOccur::MustNot) {
            top.push((TOccur::Must, Box::new(AllQuery)));
        }
        for filter in self.filters(filters)? {
            top.push((TOccur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        Ok(BuiltQuery {
            full: Box::new(BooleanQuery::new(top)),
            parts: parts
                .into_iter()
                .map(|(name, clauses)| (name, union(&clauses)))
                .collect(),
            proximity,
            feedback: feedback_clauses,
        })
    }

    /// All-should clauses as one flat list of should-queries (a plain-word
    /// query becomes a union of term queries).
    fn flat_should(
        &mut self,
        clauses: &[Clause],
    ) -> Result<Option<Vec<Box<dyn Query>>>, SearchError> {
        let mut out = Vec::new();
        for clause in clauses {
            match &clause.node {
                Node::Word { field: None, text } => out.extend(self.default_field_clauses(text)),
                other => out.extend(self.node(other)?),
            }
        }
        Ok((!out.is_empty()).then_some(out))
    }

    fn clauses(&mut self, clauses: &[Clause]) -> Result<Option<Box<dyn Query>>, SearchError> {
        let mut subs: Vec<(TOccur, Box<dyn Query>)> = Vec::new();
        for clause in clauses {
            let Some(q) = self.node(&clause.node)? else {
                continue;
            };
            let occur = match clause.occur {
                Occur::Should => TOccur::Should,
                Occur::Must => TOccur::Must,
                Occur::MustNot => TOccur::MustNot,
            };
            subs.push((occur, q));
        }
        if subs.is_empty() {
            return Ok(None);
        }
        if subs.iter().all(|(o, _)| *o == TOccur::MustNot) {
            subs.push((TOccur::Must, Box::new(AllQuery)));
        }
        if subs.len() == 1 && subs[0].0 != TOccur::MustNot {
            return Ok(subs.pop().map(|(_, q)| q));
        }
        Ok(Some(Box::new(BooleanQuery::new(subs))))
    }

    fn node(&mut self, node: &Node) -> Result<Option<Box<dyn Query>>, SearchError> {
        Ok(match node {
            Node::Word { field: None, text } => self.default_fields(text, false),
            Node::Phrase { field: None, text } => self.default_fields(text, true),
            Node::Word {
                field: Some(f),
                text,
            }
            | Node::Phrase {
                field: Some(f),
                text,
            } => self.in_field(*f, text),
            Node::DateRange { from, to } => Some(date_range(self.fields.published, *from, *to)),
            Node::Group(inner) => self.clauses(inner)?,
        })
    }

    /// A word or phrase searched in passage text, title, heading and entity names.
    fn default_fields(&mut self, text: &str, _phrase: bool) -> Option<Box<dyn Query>> {
        let clauses = self.default_field_clauses(text);
        (!clauses.is_empty()).then(|| union(&clauses))
    }

    /// The should-clauses of [`Self::default_fields`].
    fn default_field_clauses(&mut self, text: &str) -> Vec<Box<dyn Query>> {
        let tokens = analyze(&mut self.en, text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let f = self.fields;
        let mut targets = vec![(f.text, 1.0)];
        if !self.ranking.plain {
            targets.extend([(f.title, TITLE_BOOST), (f.heading, HEADING_BOOST)]);
        }
        let mut subs: Vec<Box<dyn Query>> = targets
            .into_iter()
            .map(|(field, boost)| boosted(terms_query(field, &tokens), boost))
            .collect();
        if self.ranking.entities && !self.ranking.plain {
            let extractor = EntityExtractor::shared();
            if let Some(canonical) = extractor.resolve(text) {
                let term = Term::from_field_text(f.entity, &canonical.to_lowercase());
                subs.push(boosted(term_query(term), ENTITY_BOOST));
            }
        }
        subs
    }

    fn in_field(&mut self, field: QueryField, text: &str) -> Option<Box<dyn Query>> {
        let f = self.fields;
        let (target, analyzer) = match field {
            QueryField::Title => (f.title, &mut self.en),
            QueryField::Text => (f.text, &mut self.en),
            QueryField::Heading => (f.heading, &mut self.en),
            QueryField::Source => (f.source, &mut self.plain_words),
            QueryField::Author => (f.author, &mut self.plain_words),
            QueryField::Entity => return Some(entity_query(f, text)),
        };
        let tokens = analyze(analyzer, text);
        (!tokens.is_empty()).then(|| terms_query(target, &tokens))
    }

    /// The query's words as an exact phrase and as a sloppy phrase in passage text.
    fn proximity(&mut self, words: &[&str]) -> Option<Box<dyn Query>> {
        let tokens: Vec<String> = words
            .iter()
            .flat_map(|w| analyze(&mut self.en, w))
            .collect();
        if !(2..=8).contains(&tokens.len()) {
            return None;
        }
        let terms: Vec<Term> = tokens
            .iter()
            .map(|t| Term::from_field_text(self.fields.text, t))
            .collect();
        let mut near = PhraseQuery::new(terms);
        near.set_slop(NEAR_SLOP);
        Some(boosted(Box::new(near), NEAR_BOOST))
    }

    /// Passages tagged with the known entities the query names.
    fn named_entities(&self, words: &str) -> Option<Vec<Box<dyn Query>>> {
        let names = EntityExtractor::shared().known_in_query(words);
        let subs: Vec<Box<dyn Query>> = names
            .into_iter()
            .filter(|name| name.contains(' '))
            .map(|name| {
                let term = Term::from_field_text(self.fields.entity, &name.to_lowercase());
                boosted(term_query(term), ENTITY_BOOST)
            })
            .collect();
        (!subs.is_empty()).then_some(subs)
    }

    /// Each query word's related words (see [`super::related`]) and each topic's vocabulary,
    /// weighted below the user's own words. A phrase reached both ways counts once, at its
    /// larger weight.
    fn expansion(&mut self, topics: &[Topic], words: &[&str]) -> Option<Vec<Box<dyn Query>>> {
        let own: Vec<String> = words
            .iter()
            .flat_map(|w| analyze(&mut self.en, w))
            .collect();
        let mut chosen: Vec<(&[String], f32)> = Vec::new();
        let mut add = |tokens: &'static [String], boost: f32| {
            if tokens.is_empty() || (tokens.len() == 1 && own.contains(&tokens[0])) {
                return;
            }
            match chosen.iter_mut().find(|(t, _)| *t == tokens) {
                Some((_, b)) => *b = b.max(boost),
                None => chosen.push((tokens, boost)),
            }
        };
        for stem in &own {
            for (tokens, weight) in related_terms(stem) {
                add(tokens, RELATED_BOOST * weight);
            }
        }
        for &topic in topics {
            for (tokens, weight) in analyzed_expansion(topic) {
                add(tokens, EXPANSION_BOOST * weight);
            }
        }
        let subs: Vec<Box<dyn Query>> = chosen
            .into_iter()
            .map(|(tokens, boost)| boosted(terms_query(self.fields.text, tokens), boost))
            .collect();
        (!subs.is_empty()).then_some(subs)
    }

    fn filters(&mut self, filters: &Filters) -> Result<Vec<Box<dyn Query>>, SearchError> {
        let f = self.fields;
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for name in &filters.entities {
            out.push(entity_query(f, name));
        }
        if filters.since.is_some() || filters.until.is_some() {
            out.push(date_range(f.published, filters.since, filters.until));
        }
        if !filters.sources.is_empty() {
            let subs: Vec<(TOccur, Box<dyn Query>)> = filters
                .sources
                .iter()
                .filter_map(|s| {
                    let tokens = analyze(&mut self.plain_words, s);
                    (!tokens.is_empty()).then(|| (TOccur::Should, terms_query(f.source, &tokens)))
                })
                .collect();
            out.push(if subs.is_empty() {
                Box::new(EmptyQuery)
            } else {
                Box::new(BooleanQuery::new(subs))
            });
        }
        if filters.min_amount.is_some() || filters.max_amount.is_some() {
            out.push(amount_range(f, filters)?);
        }
        if let Some(min) = filters.min_topic {
            if filters.topics.is_empty() {
                return Err(SearchError::BadRequest(
                    "--min-topic needs --topic to say which topic".into(),
                ));
            }
            for &topic in &filters.topics {
                out.push(Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_f64(f.topic(topic), f64::from(min))),
                    Bound::Unbounded,
                )));
            }
        }
        Ok(out)
    }
}

fn amount_range(f: &Fields, filters: &Filters) -> Result<Box<dyn Query>, SearchError> {
    let currency = filters
        .currency
        .as_deref()
        .map(str::to_ascii_uppercase)
        .or_else(|| {
            // An amount written in a currency other than dollars ("€2bn") compares exactly in it.
            [&filters.min_amount, &filters.max_amount]
                .into_iter()
                .flatten()
                .find_map(|a| a.currency.clone())
                .filter(|c| c != "USD")
        });
    for bound in [&filters.min_amount, &filters.max_amount]
        .into_iter()
        .flatten()
    {
        if let (Some(wanted), Some(given)) = (&currency, &bound.currency) {
            if wanted != given {
                return Err(SearchError::BadRequest(format!(
                    "amount bound in {given} cannot be compared with --currency {wanted}"
                )));
            }
        }
    }
    let lo = filters.min_amount.as_ref().map(|a| a.value);
    let hi = filters.max_amount.as_ref().map(|a| a.value);
    if let (Some(lo), Some(hi)) = (lo, hi) {
        if lo > hi {
            return Err(SearchError::BadRequest(format!(
                "impossible amount range: --min-amount {lo} is above --max-amount {hi}"
            )));
        }
    }
    Ok(match currency {
        Some(code) => {
            let lower = Term::from_field_u64(f.amount_key, amount_key(&code, lo.unwrap_or(0.0)));
            let upper =
                Term::from_field_u64(f.amount_key, amount_key(&code, hi.unwrap_or(f64::MAX)));
            Box::new(RangeQuery::new(
                Bound::Included(lower),
                Bound::Included(upper),
            ))
        }
        None => {
            let lower = lo.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_f64(f.amount_usd, v))
            });
            let upper = hi.map_or(Bound::Unbounded, |v| {
                Bound::Included(Term::from_field_f64(f.amount_usd, v))
            });
            Box::new(RangeQuery::new(lower, upper))
        }
    })
}

fn entity_query(f: &Fields, name: &str) -> Box<dyn Query> {
    let extractor = EntityExtractor::shared();
    let canonical = extractor
        .resolve(name)
        .map(str::to_string)
        .unwrap_or_else(|| name.split_whitespace().collect::<Vec<_>>().join(" "));
    term_query(Term::from_field_text(f.entity, &canonical.to_lowercase()))
}

fn date_range(field: Field, from: Option<i64>, to: Option<i64>) -> Box<dyn Query> {
    let term = |secs: i64| {
        Term::from_field_date_for_search(field, tantivy::DateTime::from_timestamp_secs(secs))
    };
    let lower = from.map_or(Bound::Unbounded, |s| Bound::Included(term(s)));
    let upper = to.map_or(Bound::Unbounded, |s| Bound::Included(term(s)));
    if matches!((&lower, &upper), (Bound::Unbounded, Bound::Unbounded)) {
        return Box::new(AllQuery);
    }
    Box::new(RangeQuery::new(lower, upper))
}

/// A topic's expansion phrases as index terms, analysed once per process (every topical
/// query uses them).
fn analyzed_expansion(topic: Topic) -> &'static [(Vec<String>, f32)] {
    /// Per topic, each phrase's terms and weight.
    type Analyzed = Vec<Vec<(Vec<String>, f32)>>;
    static ANALYZED: LazyLock<Analyzed> = LazyLock::new(|| {
        let mut en = crate::index::english_analyzer(crate::index::MemoStemmer::all());
        Topic::ALL
            .iter()
            .map(|&t| {
                expansion_terms(t)
                    .iter()
                    .map(|&(phrase, weight)| (analyze(&mut en, phrase), weight))
                    .collect()
            })
            .collect()
    });
    &ANALYZED[topic.index()]
}

pub(crate) fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

fn term_query(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// One token: a term query; several (`AT&T`, `U.S.-China`, a phrase): a phrase query.
fn terms_query(field: Field, tokens: &[String]) -> Box<dyn Query> {
    if tokens.len() == 1 {
        return term_query(Term::from_field_text(field, &tokens[0]));
    }
    let terms = tokens
        .iter()
        .map(|t| Term::from_field_text(field, t))
        .collect();
    Box::new(PhraseQuery::new(terms))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_params_take_overrides_and_reject_nonsense() {
        let p = RankingParams::with_overrides("article_weight=3, feedback_terms=7").unwrap();
        assert_eq!(p.article_weight, 3.0);
        assert_eq!(p.feedback_terms, 7);
        assert_eq!(p.article, ArticleParams::default());
        assert_eq!(
            RankingParams::with_overrides("").unwrap(),
            RankingParams::default()
        );
        assert!(RankingParams::with_overrides("k9=1").is_err());
        assert!(RankingParams::with_overrides("article_weight").is_err());
        assert!(RankingParams::with_overrides("article_weight=x").is_err());
    }
}
