//! JSON articles: one object or an array of objects per `.json` file, one
//! object per line in `.jsonl` / `.ndjson`. The common field names of news
//! feeds and scrapers are accepted; a malformed record is skipped and named,
//! the rest of the file is kept.

use serde_json::{Map, Value};

use super::markdown::LineIndex;
use super::passages::text_blocks;
use super::{parse_date, Article, Parsed, Skip};

const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "article",
    "description",
    "summary",
];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishedAt",
    "pubDate",
    "pubdate",
    "datePublished",
    "created_at",
    "timestamp",
];
const URL: &[&str] = &["url", "link", "href"];
const SOURCE: &[&str] = &["source", "publisher", "site", "site_name", "outlet"];
const AUTHOR: &[&str] = &["author", "authors", "byline", "creator"];

/// Parses a `.json` file: one article object, or an array of them.
pub(super) fn parse_json(text: &str, base: Article, parsed: &mut Parsed) {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(err) => {
            parsed.skips.push(Skip {
                location: format!("{}:{}", base.path, err.line()),
                reason: format!("malformed JSON: {err}"),
            });
            return;
        }
    };
    match value {
        Value::Object(map) => push_article(&map, base, 1, parsed),
        Value::Array(items) => {
            let starts = object_start_lines(text);
            for (i, item) in items.into_iter().enumerate() {
                let line = starts.get(i).copied().unwrap_or(1);
                let mut article = base.clone();
                article.id = format!("{}#{}", base.id, i + 1);
                match item {
                    Value::Object(map) => push_article(&map, article, line, parsed),
                    other => parsed.skips.push(Skip {
                        location: format!("{}:{line}", base.path),
                        reason: format!(
                            "array item {} is {}, not an article object",
                            i + 1,
                            kind(&other)
                        ),
                    }),
                }
            }
        }
        other => parsed.skips.push(Skip {
            location: base.path.clone(),
            reason: format!(
                "top-level JSON is {}, not an article object or array",
                kind(&other)
            ),
        }),
    }
}

/// Lines per piece when a large JSON Lines file is parsed in parallel.
const LINES_PER_PIECE: usize = 2000;

/// Parses a JSON Lines file and hands its articles to `take`: a large file is cut into
/// pieces of lines, parsed in parallel, each piece's articles handed over as soon as they are
/// parsed (numbered in file order); what was skipped is put back in file order.
pub(super) fn parse_json_lines_in_batches(
    text: &str,
    base: Article,
    mut parsed: Parsed,
    take: &super::TakeArticles<'_>,
) -> anyhow::Result<Parsed> {
    use rayon::prelude::*;
    let mut pieces: Vec<(u32, &str)> = Vec::new();
    let (mut start, mut line, mut count) = (0usize, 1u32, 0usize);
    if text.len() >= (1 << 20) {
        for (i, _) in text.match_indices('\n') {
            count += 1;
            if count == LINES_PER_PIECE {
                pieces.push((line, &text[start..=i]));
                line += count as u32;
                start = i + 1;
                count = 0;
            }
        }
    }
    if start < text.len() {
        pieces.push((line, &text[start..]));
    }
    let notes: Vec<(Vec<Skip>, Vec<Skip>)> = pieces
        .par_iter()
        .enumerate()
        .map(
            |(i, (first, piece))| -> anyhow::Result<(Vec<Skip>, Vec<Skip>)> {
                let mut part = Parsed::default();
                parse_json_lines(piece, *first, &base, &mut part);
                let articles = super::finish_articles(part.articles, &mut part.skips);
                take(i, articles)?;
                Ok((part.skips, part.warnings))
            },
        )
        .collect::<anyhow::Result<_>>()?;
    for (skips, warnings) in notes {
        parsed.skips.extend(skips);
        parsed.warnings.extend(warnings);
    }
    Ok(parsed)
}

/// Parses JSON Lines whose first line is line `first_line` of the file.
pub(super) fn parse_json_lines(text: &str, first_line: u32, base: &Article, parsed: &mut Parsed) {
    for (i, line) in text.lines().enumerate() {
        let number = first_line + i as u32;
        if line.trim().is_empty() {
            continue;
        }
        let location = format!("{}:{number}", base.path);
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => {
                let mut article = base.clone();
                article.id = format!("{}#{number}", base.id);
                push_article(&map, article, number, parsed);
            }
            Ok(other) => parsed.skips.push(Skip {
                location,
                reason: format!("line is {}, not an article object", kind(&other)),
            }),
            Err(err) => parsed.skips.push(Skip {
                location,
                reason: format!("malformed JSON line: {err}"),
            }),
        }
    }
}

fn push_article(map: &Map<String, Value>, mut article: Article, line: u32, parsed: &mut Parsed) {
    article.line = line;
    article.title = field(map, TITLE).unwrap_or_default();
    article.url = field(map, URL).unwrap_or_default();
    article.source = field(map, SOURCE).unwrap_or_default();
    article.author = field(map, AUTHOR).unwrap_or_default();
    article.published = field(map, DATE).as_deref().and_then(parse_date);
    if let Some(body) = field(map, BODY) {
        // The body sits on one line of the file (JSON strings cannot span
        // lines), so every passage points at the record's line.
        article.blocks = text_blocks(&body, line);
        for block in &mut article.blocks {
            block.line = line;
            // Keep passage cutting from counting the body's own line breaks
            // as lines of the file.
            block.text = block.text.replace('\n', " ");
        }
    }
    if article.title.is_empty() && article.blocks.is_empty() {
        parsed.skips.push(Skip {
            location: format!("{}:{line}", article.path),
            reason: "record has no title or body field".into(),
        });
        return;
    }
    parsed.articles.push(article);
}

/// The first field present among `names`, as text. Objects such as
/// `{"name": "Reuters"}` and arrays of names are flattened.
fn field(map: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        let value = map.get(*name)?;
        let text = as_text(value)?;
        (!text.trim().is_empty()).then(|| text.trim().to_string())
    })
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(map) => ["name", "title", "text", "value"]
            .iter()
            .find_map(|k| map.get(*k).and_then(as_text)),
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Line numbers where the elements of a top-level array start.
fn object_start_lines(text: &str) -> Vec<u32> {
    let index = LineIndex::new(text);
    let mut starts = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                if depth == 1 {
                    starts.push(index.line(i));
                }
                in_string = true;
            }
            b'{' | b'[' => {
                if depth == 1 {
                    starts.push(index.line(i));
                }
                depth += 1;
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'0'..=b'9' | b't' | b'f' | b'n' | b'-' if depth == 1 => {
                // A scalar element; record it once at its first byte.
                let prev = text[..i].trim_end().as_bytes().last().copied();
                if matches!(prev, Some(b'[') | Some(b',')) {
                    starts.push(index.line(i));
                }
            }
            _ => {}
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Article {
        Article {
            id: "f".into(),
            path: "f".into(),
            ..Article::default()
        }
    }

    #[test]
    fn array_of_articles_with_common_field_names() {
        let text = "[\n  {\"headline\": \"One\", \"text\": \"Body one.\", \"pubDate\": \"2025-01-21\"},\n  {\"title\": \"Two\", \"content\": \"Body two.\", \"publisher\": {\"name\": \"Wire\"}, \"authors\": [\"A\", \"B\"]}\n]";
        let mut parsed = Parsed::default();
        parse_json(text, base(), &mut parsed);
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[0].id, "f#1");
        assert_eq!(parsed.articles[0].blocks[0].line, 2);
        assert_eq!(parsed.articles[1].source, "Wire");
        assert_eq!(parsed.articles[1].author, "A, B");
        assert_eq!(parsed.articles[1].blocks[0].line, 3);
    }

    #[test]
    fn malformed_line_is_skipped_and_the_rest_kept() {
        let text =
            "{\"title\": \"a\", \"body\": \"x\"}\n{broken\n\n{\"title\": \"b\", \"body\": \"y\"}\n";
        let mut parsed = Parsed::default();
        parse_json_lines(text, 1, &base(), &mut parsed);
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[1].id, "f#4");
        assert_eq!(parsed.skips.len(), 1);
        assert_eq!(parsed.skips[0].location, "f:2");
    }

    #[test]
    fn large_files_are_parsed_in_pieces_with_the_right_line_numbers() {
        let mut text = String::new();
        for i in 1..=5000 {
            text.push_str(&format!(
                "{{\"title\": \"t{i}\", \"body\": \"{}\"}}\n",
                "word ".repeat(50)
            ));
        }
        text.push_str("{ broken\n");
        text.push_str("[1]\n");
        let parsed =
            super::super::parse_file(super::super::Format::JsonLines, text.as_bytes(), "f", "f");
        assert_eq!(parsed.articles.len(), 5000);
        for (i, article) in parsed.articles.iter().enumerate() {
            assert_eq!(article.id, format!("f#{}", i + 1));
            assert_eq!(article.blocks[0].line, i as u32 + 1);
        }
        let skipped: Vec<&str> = parsed.skips.iter().map(|s| s.location.as_str()).collect();
        assert_eq!(skipped, ["f:5001", "f:5002"]);
    }

    #[test]
    fn batches_arrive_numbered_in_file_order() {
        // Over 1 MiB, so it is cut into pieces.
        let line = format!("{{\"title\": \"t\", \"body\": \"{}\"}}\n", "b".repeat(40));
        let text = line.repeat(30_000);
        let batches = std::sync::Mutex::new(Vec::new());
        let parsed = super::super::parse_file_in_batches(
            super::super::Format::JsonLines,
            text.as_bytes(),
            "f",
            "f",
            &|i, articles| {
                let first = articles.first().map(|a| a.line);
                batches.lock().unwrap().push((i, articles.len(), first));
                Ok(())
            },
        )
        .unwrap();
        assert!(parsed.articles.is_empty() && parsed.skips.is_empty());
        let mut batches = batches.into_inner().unwrap();
        batches.sort_unstable();
        assert_eq!(batches.len(), 30_000 / LINES_PER_PIECE);
        for (k, (i, n, first)) in batches.into_iter().enumerate() {
            assert_eq!((i, n), (k, LINES_PER_PIECE));
            assert_eq!(first, Some((k * LINES_PER_PIECE) as u32 + 1));
        }
    }

    #[test]
    fn non_object_json_is_skipped() {
        let mut parsed = Parsed::default();
        parse_json("42", base(), &mut parsed);
        assert!(parsed.skips[0].reason.contains("number"));
    }
}
