//! The fields of an exported passage, in one table: the Quickwit doc mapping, the OpenSearch
//! mapping and the tests that hold the records to both are all read from [`FIELDS`].

/// How a field is searched; each target maps a kind to its own type and analyzer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// English prose: words lower-cased, folded and stemmed, with positions for phrases and
    /// norms for BM25 (Quickwit `en_stem`, OpenSearch `english`).
    Text,
    /// A name searched by its words, not stemmed (Quickwit `default`, OpenSearch `standard`).
    Words,
    /// One exact value (Quickwit `raw`, OpenSearch `keyword`).
    Keyword,
    /// Any number of exact values.
    Keywords,
    /// One value shown with a hit, never searched.
    Stored,
    /// Values shown with a hit, never searched.
    StoredList,
    /// A whole number.
    Count,
    /// A number in a range query or an aggregation (a fast field in Quickwit).
    Score,
    /// Any number of numbers, for range queries.
    Numbers,
    /// An RFC 3339 timestamp in UTC.
    Date,
}

/// One field of the export.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    pub kind: Kind,
    /// Kept column-wise too (Quickwit fast field), for aggregations and sorting.
    pub fast: bool,
    pub about: &'static str,
}

const fn field(name: &'static str, kind: Kind, fast: bool, about: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        kind,
        fast,
        about,
    }
}

/// Every field a record may carry. Optional ones are left out of a record when empty.
pub const FIELDS: &[FieldSpec] = &[
    field("id", Kind::Keyword, false, "Passage id: the article id, a colon and the passage's position in it"),
    field("article_id", Kind::Keyword, true, "Article id: the path relative to the corpus, plus #N for the N-th article of a multi-article file"),
    field("path", Kind::Keyword, false, "The file as newsdex was given it"),
    field("line", Kind::Count, false, "1-based line of the passage in its file"),
    field("passage", Kind::Count, false, "0-based position of the passage in its article"),
    field("article_words", Kind::Count, false, "Words in the whole article, for article-level scoring"),
    field("title", Kind::Text, false, "Article title (the first words of the body when the file gave none)"),
    field("heading", Kind::Text, false, "The heading the passage sits under"),
    field("text", Kind::Text, false, "The passage"),
    field("source", Kind::Words, false, "Publisher"),
    field("author", Kind::Words, false, "Author"),
    field("url", Kind::Stored, false, "Article URL"),
    field("published", Kind::Date, true, "Publication date and time (UTC)"),
    field("entity", Kind::Keywords, true, "Canonical names of the entities mentioned and of the groups they belong to (AWS: Amazon too); what newsdex --entity matches"),
    field("entity_name", Kind::Keywords, false, "Canonical name of each entity mention, in text order"),
    field("entity_kind", Kind::Keywords, true, "Kind of each mention (organization, person, product, place), parallel to entity_name"),
    field("entity_text", Kind::StoredList, false, "Each mention as written, parallel to entity_name"),
    field("amount_text", Kind::StoredList, false, "Each money amount as written"),
    field("amount_value", Kind::Numbers, true, "Value of each amount in its own currency, parallel to amount_text"),
    field("currency", Kind::Keywords, true, "ISO code of each amount's currency, parallel to amount_text"),
    field("amount_kind", Kind::Keywords, false, "exact, approximate or range, parallel to amount_text"),
    field("amount_usd", Kind::Numbers, true, "Approximate US-dollar value of each amount whose currency has a rate"),
    field("topic_exclusivity", Kind::Score, true, "Exclusivity topic score, 0 to 1"),
    field("topic_dispute", Kind::Score, true, "Dispute topic score, 0 to 1"),
    field("topic_deal", Kind::Score, true, "Deal topic score, 0 to 1"),
];

/// The field Quickwit shards splits by and prunes time ranges with.
pub const TIMESTAMP_FIELD: &str = "published";

/// Low-cardinality exact fields whose values Quickwit records per split, so a query naming
/// one skips splits without it.
pub const TAG_FIELDS: &[&str] = &["entity_kind", "currency"];

/// The fields a query word without a field searches, as in newsdex.
pub const DEFAULT_SEARCH_FIELDS: &[&str] = &["text", "title", "heading"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_the_special_fields_exist() {
        let mut names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a field is declared twice");
        let kind = |name: &str| FIELDS.iter().find(|f| f.name == name).map(|f| f.kind);
        assert_eq!(kind(TIMESTAMP_FIELD), Some(Kind::Date));
        for tag in TAG_FIELDS {
            assert!(
                matches!(kind(tag), Some(Kind::Keyword | Kind::Keywords)),
                "{tag}"
            );
        }
        for name in DEFAULT_SEARCH_FIELDS {
            assert_eq!(kind(name), Some(Kind::Text), "{name}");
        }
    }
}
