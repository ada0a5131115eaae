//! The index schema, in one place: every field newsdex stores or searches, its
//! options, the analyzers, and the schema version.
//!
//! One tantivy document is one passage; it carries its article's fields too, so
//! a hit can be shown without a second lookup.

use tantivy::columnar::Column;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{DateTime, Index, SegmentReader};

use super::stem::MemoStemmer;

/// Bumped whenever the fields or analyzers change; an index with another
/// version is refused with a message to rebuild.
pub const SCHEMA_VERSION: u32 = 8;

/// English text: words, lower-cased, accents folded, Porter-stemmed.
pub const ANALYZER_EN: &str = "newsdex_en";
/// Names and sources: words, lower-cased, accents folded, not stemmed.
pub const ANALYZER_PLAIN: &str = "newsdex_plain";
/// Exact values matched case-insensitively (canonical entity names).
pub const ANALYZER_EXACT: &str = "newsdex_exact";

/// Handles to every field, so no module looks fields up by name.
#[derive(Debug, Clone)]
pub struct Fields {
    pub schema: Schema,
    /// Stable article id (path plus `#N` for multi-article files).
    pub article_id: Field,
    /// A 64-bit hash of the article id as a fast field: cheap per-article
    /// grouping at query time (a string fast field costs a dictionary lookup).
    pub article_key: Field,
    /// Words in the whole article's text (every passage), for the article-level BM25 of
    /// `search/article.rs`.
    pub article_len: Field,
    pub path: Field,
    /// The file's path relative to the corpus: deletes a file's articles
    /// when it changes or disappears.
    pub file: Field,
    /// The title as searched (empty when the file gave none).
    pub title: Field,
    /// The title as shown (the body's first words when the file gave none).
    pub title_shown: Field,
    pub source: Field,
    pub url: Field,
    pub author: Field,
    pub published: Field,
    /// Position of the passage in its article (0-based).
    pub ordinal: Field,
    /// 1-based line of the passage in its file.
    pub line: Field,
    /// The passage text, searched with stemming and positions (for phrases).
    pub text: Field,
    /// The heading the passage sits under.
    pub heading: Field,
    /// Canonical entity names and their parents, matched exactly.
    pub entity: Field,
    /// Each money amount's approximate value in US dollars.
    pub amount_usd: Field,
    /// Each amount keyed by currency: see [`amount_key`].
    pub amount_key: Field,
    /// ISO currency codes of the passage's amounts.
    pub currency: Field,
    pub topic_exclusivity: Field,
    pub topic_dispute: Field,
    pub topic_deal: Field,
    /// The extracted facts (amounts, entities, topics) as JSON, for display.
    pub facts: Field,
}

impl Fields {
    /// Builds the schema.
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let text_with = |analyzer: &str, positions: bool| {
            let record = if positions {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::WithFreqs
            };
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyzer)
                    .set_index_option(record),
            )
        };
        let score = NumericOptions::default().set_indexed().set_fast();
        // Shown, never searched: indexing them cost the writer a term per passage.
        let article_id = b.add_text_field("article_id", STORED);
        let article_key = b.add_u64_field("article_key", FAST);
        let article_len = b.add_u64_field("article_len", FAST);
        let path = b.add_text_field("path", STORED);
        let file = b.add_text_field("file", STRING);
        let title = b.add_text_field("title", text_with(ANALYZER_EN, true));
        let title_shown = b.add_text_field("title_shown", STORED);
        let source = b.add_text_field("source", text_with(ANALYZER_PLAIN, true).set_stored());
        let url = b.add_text_field("url", STORED);
        let author = b.add_text_field("author", text_with(ANALYZER_PLAIN, true).set_stored());
        let published = b.add_date_field("published", INDEXED | FAST | STORED);
        let ordinal = b.add_u64_field("ordinal", STORED | FAST);
        let line = b.add_u64_field("line", STORED);
        let text = b.add_text_field("text", text_with(ANALYZER_EN, true).set_stored());
        let heading = b.add_text_field("heading", text_with(ANALYZER_EN, true).set_stored());
        let entity = b.add_text_field("entity", text_with(ANALYZER_EXACT, false));
        let amount_usd = b.add_f64_field("amount_usd", score.clone());
        let amount_key = b.add_u64_field("amount_key", INDEXED);
        let currency = b.add_text_field("currency", STRING);
        let topic_exclusivity = b.add_f64_field("topic_exclusivity", score.clone());
        let topic_dispute = b.add_f64_field("topic_dispute", score.clone());
        let topic_deal = b.add_f64_field("topic_deal", score);
        let facts = b.add_text_field("facts", STORED);
        Fields {
            schema: b.build(),
            article_id,
            article_key,
            article_len,
            path,
            file,
            title,
            title_shown,
            source,
            url,
            author,
            published,
            ordinal,
            line,
            text,
            heading,
            entity,
            amount_usd,
            amount_key,
            currency,
            topic_exclusivity,
            topic_dispute,
            topic_deal,
            facts,
        }
    }

    /// A field's name in the schema: what tantivy's fast-field and sort APIs take, so
    /// callers never spell it themselves.
    pub fn name(&self, field: Field) -> &str {
        self.schema.get_field_name(field)
    }

    /// A segment's u64 fast column of `field`; an error (not an empty column) when the
    /// index lacks it.
    pub fn u64_column(
        &self,
        segment: &SegmentReader,
        field: Field,
    ) -> tantivy::Result<Column<u64>> {
        segment.fast_fields().u64(self.name(field))
    }

    /// A segment's f64 fast column of `field`; an error when the index lacks it.
    pub fn f64_column(
        &self,
        segment: &SegmentReader,
        field: Field,
    ) -> tantivy::Result<Column<f64>> {
        segment.fast_fields().f64(self.name(field))
    }

    /// A segment's date fast column of `field`; an error when the index lacks it.
    pub fn date_column(
        &self,
        segment: &SegmentReader,
        field: Field,
    ) -> tantivy::Result<Column<DateTime>> {
        segment.fast_fields().date(self.name(field))
    }

    /// The field holding a topic's score.
    pub fn topic(&self, topic: crate::extract::topics::Topic) -> Field {
        use crate::extract::topics::Topic;
        match topic {
            Topic::Exclusivity => self.topic_exclusivity,
            Topic::Dispute => self.topic_dispute,
            Topic::Deal => self.topic_deal,
        }
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}

/// Registers newsdex's analyzers on an index (needed on every open).
pub fn register_analyzers(index: &Index) {
    let en = english_analyzer(MemoStemmer::all());
    let plain = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let exact = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build();
    let manager = index.tokenizers();
    manager.register(ANALYZER_EN, en);
    manager.register(ANALYZER_PLAIN, plain);
    manager.register(ANALYZER_EXACT, exact);
}

/// The English analyzer (`ANALYZER_EN`) with the given stemmer: all words stemmed for
/// indexing and queries, or only those that matter for highlighting a query's terms.
pub fn english_analyzer(stemmer: MemoStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(stemmer)
        .build()
}

/// Words in a text as the English analyzer splits them (runs of letters and digits): the
/// article length of [`Fields::article_len`].
pub fn word_count(text: &str) -> u64 {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let word = c.is_alphanumeric();
        if word && !in_word {
            count += 1;
        }
        in_word = word;
    }
    count
}

/// FNV-1a: a stable 64-bit hash of an article id for [`Fields::article_key`].
pub fn article_key(id: &str) -> u64 {
    use crate::hash::{fnv_step, FNV_OFFSET};
    id.bytes()
        .fold(FNV_OFFSET, |h, b| fnv_step(h, u64::from(b)))
}

/// Bits of [`amount_key`] that hold the value; the currency sits above them.
const KEY_VALUE_BITS: u32 = 48;

/// Packs a currency and a whole-unit value into one sortable u64, so a range
/// query can ask for "EUR amounts between a and b" even when a passage holds
/// amounts in several currencies. Values are capped at 2^48 − 1 (≈ 2.8e14).
pub fn amount_key(currency: &str, value: f64) -> u64 {
    let code = currency.bytes().take(3).fold(0u64, |acc, b| {
        (acc << 5) | u64::from(b.to_ascii_uppercase().saturating_sub(b'@') & 31)
    });
    let max = (1u64 << KEY_VALUE_BITS) - 1;
    let units = if value.is_finite() && value > 0.0 {
        (value.round() as u64).min(max)
    } else {
        0
    };
    (code << KEY_VALUE_BITS) | units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amount_keys_sort_within_a_currency_and_separate_currencies() {
        assert!(amount_key("EUR", 5.0) < amount_key("EUR", 6.0));
        assert!(amount_key("EUR", 1e14) < amount_key("GBP", 1.0));
        assert!(amount_key("USD", 1e300) > amount_key("USD", 1e12));
        assert_eq!(amount_key("usd", 3.0), amount_key("USD", 3.0));
    }
}
