//! Invariant checks shared by the parser and passage targets.
#![allow(dead_code)]

use newsdex::ingest::{parse_file, split_passages, Article, Format, Passage};

/// The most bytes a passage may hold (`MAX_BYTES` in src/ingest/passages.rs).
pub const MAX_PASSAGE_BYTES: usize = 4000;

/// The passage size limit checked: [`MAX_PASSAGE_BYTES`], unless the environment
/// variable `FUZZ_MAX_PASSAGE_BYTES` sets another (e.g. a huge one to fuzz past a
/// known over-long-passage bug while looking for other failures).
pub fn max_passage_bytes() -> usize {
    static LIMIT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("FUZZ_MAX_PASSAGE_BYTES")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(MAX_PASSAGE_BYTES)
    })
}

/// Parses `data` as `format`, then splits and checks every article.
pub fn parse_and_check(format: Format, data: &[u8], name: &str) {
    let parsed = parse_file(format, data, name, name);
    for article in &parsed.articles {
        check_passages(article, &split_passages(article));
    }
}

/// Checks the passage invariants for one article.
pub fn check_passages(article: &Article, passages: &[Passage]) {
    let max_bytes = max_passage_bytes();
    for (i, p) in passages.iter().enumerate() {
        assert!(
            !p.text.is_empty(),
            "passage {i} of article {:?} has empty text",
            article.id
        );
        assert!(
            !p.text.trim().is_empty(),
            "passage {i} of article {:?} is only whitespace: {:?}",
            article.id,
            p.text
        );
        assert!(
            p.line >= 1,
            "passage {i} of article {:?} has line {}",
            article.id,
            p.line
        );
        assert_eq!(
            p.ordinal as usize, i,
            "passage ordinals out of order in article {:?}",
            article.id
        );
        assert!(
            p.text.len() <= max_bytes,
            "passage {i} of article {:?} holds {} bytes (> {max_bytes}); heading: {}, starts {:?}",
            article.id,
            p.text.len(),
            p.heading.is_some(),
            p.text.chars().take(40).collect::<String>()
        );
    }
}
