//! Plain-text articles: the first non-empty line is the title, then optional
//! `Key: value` header lines (Source, Date, URL, Author) up to the first blank
//! line, then the body.

use super::passages::text_blocks;
use super::{parse_date, Article};

/// Parses a `.txt` article.
pub(super) fn parse(text: &str, mut article: Article) -> Article {
    let mut lines = text.lines().enumerate().peekable();
    while let Some((_, line)) = lines.peek() {
        if line.trim().is_empty() {
            lines.next();
        } else {
            break;
        }
    }
    let Some((_, title)) = lines.next() else {
        return article;
    };
    article.title = title.trim().to_string();
    let mut body_start = None;
    for (index, line) in lines.by_ref() {
        if line.trim().is_empty() {
            body_start = Some(index + 1);
            break;
        }
        if !apply_header(line, &mut article) {
            body_start = Some(index);
            break;
        }
    }
    if let Some(start) = body_start {
        let body: Vec<&str> = text.lines().skip(start).collect();
        article.blocks = text_blocks(&body.join("\n"), start as u32 + 1);
    }
    article
}

/// Applies a `Key: value` header line; false when the line is not a header.
fn apply_header(line: &str, article: &mut Article) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim().to_string();
    match key.trim().to_ascii_lowercase().as_str() {
        "source" | "publisher" | "site" => article.source = value,
        "date" | "published" | "pubdate" => article.published = parse_date(&value),
        "url" | "link" => article.url = value,
        "author" | "by" | "byline" => article.author = value,
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::split_passages;

    #[test]
    fn title_headers_and_body() {
        let text = "\nCloud deal signed\nSource: Demo Wire\nDate: 2025-11-03\nURL: https://x.invalid/a\nAuthor: A. Writer\n\nFirst paragraph.\n\nSecond paragraph.\n";
        let article = parse(text, Article::default());
        assert_eq!(article.title, "Cloud deal signed");
        assert_eq!(article.source, "Demo Wire");
        assert_eq!(article.url, "https://x.invalid/a");
        assert_eq!(article.author, "A. Writer");
        assert!(article.published.is_some());
        let passages = split_passages(&article);
        assert_eq!(passages.len(), 2);
        assert_eq!(passages[0].line, 8);
        assert_eq!(passages[1].line, 10);
    }

    #[test]
    fn body_may_follow_the_title_directly() {
        let article = parse(
            "A title\nThe body starts here: no headers.\n",
            Article::default(),
        );
        assert_eq!(article.title, "A title");
        assert_eq!(split_passages(&article)[0].line, 2);
    }
}
