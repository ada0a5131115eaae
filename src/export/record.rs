//! One exported passage: the fields of [`FIELDS`](super::fields::FIELDS), built from what the
//! indexer analyses or from what an index stores, so both sources give the same record.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use crate::extract::PassageFacts;
use crate::index::{entity_tags, AnalyzedArticle, Fields};
use crate::ingest::{path_text, Passage};

/// One passage with its article's fields and its facts, flattened into the arrays both
/// targets can index (neither indexes arrays of objects well). Parallel arrays keep mention
/// order: `entity_name[i]`, `entity_kind[i]` and `entity_text[i]` describe one mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record<'a> {
    pub id: String,
    pub article_id: Cow<'a, str>,
    pub path: Cow<'a, str>,
    pub line: u64,
    pub passage: u64,
    pub article_words: u64,
    pub title: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<Cow<'a, str>>,
    pub text: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub source: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub author: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub url: Cow<'a, str>,
    /// RFC 3339 in UTC, to the second (as the index keeps it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entity: Vec<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entity_name: Vec<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entity_kind: Vec<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entity_text: Vec<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amount_text: Vec<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amount_value: Vec<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub currency: Vec<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amount_kind: Vec<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amount_usd: Vec<f64>,
    pub topic_exclusivity: f32,
    pub topic_dispute: f32,
    pub topic_deal: f32,
}

/// The article-level fields of a record.
pub(crate) struct ArticleFields<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub title: &'a str,
    pub source: &'a str,
    pub author: &'a str,
    pub url: &'a str,
    /// Seconds since the Unix epoch.
    pub published: Option<i64>,
    pub words: u64,
}

/// The passage-level fields of a record.
pub(crate) struct PassageFields<'a> {
    pub ordinal: u64,
    pub line: u64,
    pub text: &'a str,
    pub heading: Option<&'a str>,
    pub facts: &'a PassageFacts,
}

impl<'a> Record<'a> {
    /// The record of one passage of an article the indexer analysed.
    pub fn of_analyzed(
        article: &'a AnalyzedArticle<'a>,
        passage: &'a Passage,
        facts: &'a PassageFacts,
    ) -> Record<'a> {
        let a = article.article;
        Record::new(
            &ArticleFields {
                id: &a.id,
                path: &a.path,
                title: &a.title,
                source: &a.source,
                author: &a.author,
                url: &a.url,
                published: a.published.map(|t| t.as_second()),
                words: article.words,
            },
            PassageFields {
                ordinal: u64::from(passage.ordinal),
                line: u64::from(passage.line),
                text: &passage.text,
                heading: passage.heading.as_deref(),
                facts,
            },
        )
    }

    pub(crate) fn new(a: &ArticleFields<'a>, p: PassageFields<'a>) -> Record<'a> {
        let facts = p.facts;
        let article_id = path_text::shown(a.id);
        Record {
            id: format!("{article_id}:{}", p.ordinal),
            article_id,
            path: path_text::shown(a.path),
            line: p.line,
            passage: p.ordinal,
            article_words: a.words,
            title: Cow::Borrowed(a.title),
            heading: p.heading.map(Cow::Borrowed),
            text: Cow::Borrowed(p.text),
            source: Cow::Borrowed(a.source),
            author: Cow::Borrowed(a.author),
            url: Cow::Borrowed(a.url),
            published: a.published.and_then(|secs| {
                jiff::Timestamp::from_second(secs)
                    .ok()
                    .map(|t| t.to_string())
            }),
            entity: entity_tags(facts).into_iter().map(Cow::Borrowed).collect(),
            entity_name: facts
                .entities
                .iter()
                .map(|e| Cow::Borrowed(e.canonical.as_str()))
                .collect(),
            entity_kind: facts
                .entities
                .iter()
                .map(|e| Cow::Borrowed(e.kind.as_str()))
                .collect(),
            entity_text: facts
                .entities
                .iter()
                .map(|e| Cow::Borrowed(e.text.as_str()))
                .collect(),
            amount_text: facts
                .amounts
                .iter()
                .map(|m| Cow::Borrowed(m.text.as_str()))
                .collect(),
            amount_value: facts.amounts.iter().map(|m| m.value).collect(),
            currency: facts
                .amounts
                .iter()
                .map(|m| Cow::Borrowed(m.currency.as_str()))
                .collect(),
            amount_kind: facts
                .amounts
                .iter()
                .map(|m| Cow::Borrowed(m.kind.as_str()))
                .collect(),
            amount_usd: facts.amounts.iter().filter_map(|m| m.usd).collect(),
            topic_exclusivity: facts.topics.exclusivity,
            topic_dispute: facts.topics.dispute,
            topic_deal: facts.topics.deal,
        }
    }
}

/// A passage as an index stores it, read back into the parts a [`Record`] is built from.
pub(crate) struct StoredPassage {
    doc: TantivyDocument,
    facts: PassageFacts,
    article_words: u64,
}

impl StoredPassage {
    pub(crate) fn new(fields: &Fields, doc: TantivyDocument, article_words: u64) -> StoredPassage {
        let facts = doc
            .get_first(fields.facts)
            .and_then(|v| v.as_str())
            .and_then(PassageFacts::from_stored)
            .unwrap_or_default();
        StoredPassage {
            doc,
            facts,
            article_words,
        }
    }

    /// The record of this passage.
    pub(crate) fn record<'a>(&'a self, fields: &Fields) -> Record<'a> {
        let doc = &self.doc;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str());
        let number = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        Record::new(
            &ArticleFields {
                id: text(fields.article_id).unwrap_or(""),
                path: text(fields.path).unwrap_or(""),
                title: text(fields.title_shown).unwrap_or(""),
                source: text(fields.source).unwrap_or(""),
                author: text(fields.author).unwrap_or(""),
                url: text(fields.url).unwrap_or(""),
                published: doc
                    .get_first(fields.published)
                    .and_then(|v| v.as_datetime())
                    .map(|d| d.into_timestamp_secs()),
                words: self.article_words,
            },
            PassageFields {
                ordinal: number(fields.ordinal),
                line: number(fields.line),
                text: text(fields.text).unwrap_or(""),
                heading: text(fields.heading),
                facts: &self.facts,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fields::FIELDS;
    use crate::extract::Extractors;

    /// A record with every optional field set serialises to exactly the declared fields.
    #[test]
    fn a_full_record_carries_exactly_the_declared_fields() {
        let facts = Extractors::default()
            .analyze("Amazon Web Services won a $10bn exclusive cloud deal from Contoso.");
        assert!(!facts.amounts.is_empty() && !facts.entities.is_empty());
        let record = Record::new(
            &ArticleFields {
                id: "a.txt",
                path: "corpus/a.txt",
                title: "Title",
                source: "Wire",
                author: "Desk",
                url: "https://example.invalid/a",
                published: Some(1_700_000_000),
                words: 12,
            },
            PassageFields {
                ordinal: 1,
                line: 3,
                text: "text",
                heading: Some("Heading"),
                facts: &facts,
            },
        );
        let value = serde_json::to_value(&record).unwrap();
        let mut keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut declared: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        keys.sort_unstable();
        declared.sort_unstable();
        assert_eq!(keys, declared);
        assert_eq!(record.id, "a.txt:1");
        assert_eq!(record.published.as_deref(), Some("2023-11-14T22:13:20Z"));
        assert!(
            record.entity.contains(&Cow::Borrowed("Amazon")),
            "{:?}",
            record.entity
        );
        let back: Record<'static> = serde_json::from_value(value).unwrap();
        assert_eq!(back, record);
    }
}
