//! Reading a corpus: walking the folder, parsing each supported format into
//! [`Article`]s, and splitting articles into [`Passage`]s.
//!
//! Parsers never fail the run: a file that cannot be read or understood becomes a
//! [`Skip`] with a reason, which the indexer reports and counts.

mod decode;
mod html;
mod json;
mod markdown;
mod passages;
pub mod path_text;
mod text;
mod walk;

pub use passages::{split_passages, text_blocks, Passage};
pub use walk::{walk_corpus, CorpusFile, WalkEvent};

use std::path::Path;

/// Metadata and body of one article, as parsed from a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Stable id: the path relative to the corpus, plus `#N` for the N-th article
    /// (1-based line for JSON Lines, array position for JSON arrays).
    pub id: String,
    /// Path as given to the user (corpus path joined with the relative path).
    pub path: String,
    pub title: String,
    pub source: String,
    pub url: String,
    pub author: String,
    /// Publication date as an RFC 3339 timestamp (UTC), when one could be read.
    pub published: Option<jiff::Timestamp>,
    /// Body text in blocks (paragraphs, headings, list items) with line numbers.
    pub blocks: Vec<Block>,
    /// True when the file gave no title and `title` is the body's first words
    /// (shown to people, but not searched as a title).
    pub title_made_up: bool,
    /// 1-based line where the article starts in its file (its record, for
    /// JSON); where a title-only article's one passage points.
    pub line: u32,
}

/// A paragraph-like piece of an article body, before passage splitting.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// 1-based line number in the source file where the block starts.
    pub line: u32,
    pub text: String,
    pub kind: BlockKind,
}

/// What role a block plays; headings become context of the passage after them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
}

/// The formats newsdex reads, decided by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    JsonLines,
}

impl Format {
    /// The format of a path, or `None` for extensions newsdex ignores.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// The skip reason of a file that is not text (see `decode.rs`).
pub const BINARY: &str = "binary content";

/// Why a file, or one record of it, was not indexed.
#[derive(Debug, Clone, PartialEq)]
pub struct Skip {
    /// Path as [`path_text`] (with `:line` for a JSON Lines record).
    pub location: String,
    pub reason: String,
}

/// The result of parsing one file: its articles, and anything skipped inside it.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub skips: Vec<Skip>,
    /// Non-fatal notes about the file (e.g. invalid UTF-8 decoded lossily).
    pub warnings: Vec<Skip>,
}

/// Parses the bytes of one file. `rel` is the path relative to the corpus root
/// (used for ids); `display` is the path shown to users.
pub fn parse_file(format: Format, bytes: &[u8], rel: &str, display: &str) -> Parsed {
    let batches = std::sync::Mutex::new(Vec::new());
    let mut parsed = parse_file_in_batches(format, bytes, rel, display, &|i, articles| {
        batches
            .lock()
            .expect("no panics while holding the lock")
            .push((i, articles));
        Ok(())
    })
    .expect("collecting articles cannot fail");
    let mut batches = batches
        .into_inner()
        .expect("no panics while holding the lock");
    batches.sort_unstable_by_key(|(i, _)| *i);
    parsed.articles = batches.into_iter().flat_map(|(_, a)| a).collect();
    parsed
}

/// Receives a file's articles batch by batch: the batch's place in the file and its articles.
pub type TakeArticles<'a> = dyn Fn(usize, Vec<Article>) -> anyhow::Result<()> + Sync + 'a;

/// Parses one file like [`parse_file`], but hands the articles to `take` as they are parsed
/// instead of returning them: a large JSON Lines file in pieces parsed in parallel (batches
/// arrive in any order, numbered in file order), so indexing starts before the whole file is
/// read; any other file in one batch. The returned [`Parsed`] holds what was skipped, in file
/// order, and no articles. The first error from `take` stops the parse and is returned.
pub fn parse_file_in_batches(
    format: Format,
    bytes: &[u8],
    rel: &str,
    display: &str,
    take: &TakeArticles<'_>,
) -> anyhow::Result<Parsed> {
    let mut parsed = Parsed::default();
    let text = match decode::decode(bytes) {
        decode::Decoded::Binary => {
            parsed.skips.push(Skip {
                location: display.to_string(),
                reason: BINARY.into(),
            });
            return Ok(parsed);
        }
        decode::Decoded::Text { text, note } => {
            if let Some(note) = note {
                parsed.warnings.push(Skip {
                    location: display.to_string(),
                    reason: note,
                });
            }
            text
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        parsed.skips.push(Skip {
            location: display.to_string(),
            reason: "empty file".into(),
        });
        return Ok(parsed);
    }
    let base = Article {
        id: rel.to_string(),
        path: display.to_string(),
        line: 1,
        ..Article::default()
    };
    match format {
        Format::Text => parsed.articles.push(text::parse(text, base)),
        Format::Markdown => parsed.articles.push(markdown::parse(text, base)),
        Format::Html => parsed.articles.push(html::parse(text, base)),
        Format::Json => json::parse_json(text, base, &mut parsed),
        Format::JsonLines => {
            return json::parse_json_lines_in_batches(text, base, parsed, take);
        }
    }
    let articles = finish_articles(std::mem::take(&mut parsed.articles), &mut parsed.skips);
    take(0, articles)?;
    Ok(parsed)
}

/// Drops articles with no text at all (noting each in `skips`) and gives the
/// title-less ones a made-up title.
fn finish_articles(articles: Vec<Article>, skips: &mut Vec<Skip>) -> Vec<Article> {
    let mut kept = Vec::with_capacity(articles.len());
    for mut article in articles {
        if article.title.trim().is_empty() && article.blocks.is_empty() {
            skips.push(Skip {
                location: article.id.clone(),
                reason: "no text found".into(),
            });
            continue;
        }
        if article.title.trim().is_empty() {
            article.title = fallback_title(&article);
            article.title_made_up = true;
        }
        kept.push(article);
    }
    kept
}

/// A title for articles that have none: the first words of the body.
fn fallback_title(article: &Article) -> String {
    let first = article
        .blocks
        .first()
        .map(|b| b.text.as_str())
        .unwrap_or("");
    let mut title: String = first
        .split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ");
    if first.split_whitespace().count() > 12 {
        title.push('…');
    }
    title
}

/// Reads a date in the forms news feeds use (RFC 3339, ISO dates with or without
/// time, RFC 2822 `pubDate`, "November 3, 2025", "3 Nov 2025") as UTC.
pub fn parse_date(raw: &str) -> Option<jiff::Timestamp> {
    use jiff::civil::{Date, DateTime};
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Ok(ts) = raw.parse::<jiff::Timestamp>() {
        return Some(ts);
    }
    if let Ok(dt) = raw.parse::<DateTime>() {
        return dt
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp());
    }
    if let Ok(date) = raw.parse::<Date>() {
        return date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp());
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(raw) {
        return Some(zoned.timestamp());
    }
    let cleaned = raw.replace(',', "");
    for fmt in [
        "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%m/%d/%Y",
    ] {
        if let Ok(date) = Date::strptime(fmt, &cleaned) {
            return date
                .to_zoned(jiff::tz::TimeZone::UTC)
                .ok()
                .map(|z| z.timestamp());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_forms() {
        let day = |s: &str| parse_date(s).map(|t| t.to_string()[..10].to_string());
        assert_eq!(day("2025-11-03").as_deref(), Some("2025-11-03"));
        assert_eq!(day("2025-11-03T09:00:00Z").as_deref(), Some("2025-11-03"));
        assert_eq!(day("1987-02-26T15:01:01.79").as_deref(), Some("1987-02-26"));
        assert_eq!(
            day("Mon, 03 Nov 2025 09:00:00 +0000").as_deref(),
            Some("2025-11-03")
        );
        assert_eq!(day("November 3, 2025").as_deref(), Some("2025-11-03"));
        assert_eq!(day("3 Nov 2025").as_deref(), Some("2025-11-03"));
        assert_eq!(day("yesterday"), None);
    }

    #[test]
    fn binary_and_empty_files_are_skipped() {
        let parsed = parse_file(Format::Text, b"abc\0def", "a.txt", "a.txt");
        assert!(parsed.articles.is_empty());
        assert_eq!(parsed.skips[0].reason, BINARY);
        let parsed = parse_file(Format::Text, b"  \n\n ", "a.txt", "a.txt");
        assert!(parsed.skips[0].reason.contains("empty"));
    }

    #[test]
    fn latin1_is_decoded_with_a_warning() {
        let parsed = parse_file(Format::Text, b"Title\n\nCaf\xe9 society.", "a.txt", "a.txt");
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].blocks[0].text, "Café society.");
        assert!(parsed.warnings[0].reason.contains("Windows-1252"));
    }

    #[test]
    fn utf16_is_parsed_like_utf8() {
        let text = "Title\n\nThe café society.";
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let parsed = parse_file(Format::Text, &utf16, "a.txt", "a.txt");
        assert_eq!(
            parsed.articles,
            parse_file(Format::Text, text.as_bytes(), "a.txt", "a.txt").articles
        );
        assert!(parsed.warnings.is_empty());
    }
}
