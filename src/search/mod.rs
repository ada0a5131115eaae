//! Searching: turning a request into a tantivy query, ranking passages, and
//! shaping hits (snippets, facts, near-duplicate copies) for the printers.
//!
//! The score of a passage is built from parts that can each be switched off
//! (and are all off under `--plain`), so each can be measured:
//! BM25 over passage text, title, heading and entity names; proximity (the
//! query words as a phrase or close together); expansion with related words
//! ("probe" → inquiry) and topic vocabulary;
//! a boost for passages tagged with entities the query names; and a topic
//! multiplier for passages about the topics the query asks about.

mod article;
mod build;
mod feedback;
mod matching;
pub mod query;
mod rank;
mod related;

pub use article::ArticleParams;
pub use build::{AmountFilter, Filters, Ranking, RankingParams};
pub use feedback::FeedbackTerm;
pub use matching::{fold_copies, matching_passages, MatchedPassage, Matches};
pub use query::{parse_query, ParsedQuery, QueryError};
pub use rank::{search, Copy, Hit, ScoreParts, SearchResults, Sort};

use crate::extract::topics::Topic;

/// Everything a search needs: the query text, filters and ranking switches.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub filters: Filters,
    pub ranking: Ranking,
    pub sort: Sort,
    /// Keep each hit's score parts.
    pub explain: bool,
    /// Longest snippet, in characters.
    pub snippet_chars: usize,
    /// Count every matching passage (costs a full pass over the matches;
    /// batch runs turn it off).
    pub count_total: bool,
}

impl SearchRequest {
    /// A request with the default filters and ranking.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            filters: Filters::default(),
            ranking: Ranking::default(),
            sort: Sort::Relevance,
            explain: false,
            snippet_chars: 320,
            count_total: true,
        }
    }

    /// The topics this search is about: named with `--topic`, or evoked by its words.
    pub fn topics(&self, parsed: &ParsedQuery) -> Vec<Topic> {
        let mut topics = self.filters.topics.clone();
        if self.ranking.topics {
            let words = parsed.positive_words().join(" ");
            for topic in crate::extract::topics::topics_in_query(&words) {
                if !topics.contains(&topic) {
                    topics.push(topic);
                }
            }
        }
        topics
    }
}

/// Why a search failed: the user's request (exit 2 with the message), or the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("{0}")]
    BadRequest(String),
    #[error(transparent)]
    Index(#[from] anyhow::Error),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(err: tantivy::TantivyError) -> Self {
        SearchError::Index(err.into())
    }
}
