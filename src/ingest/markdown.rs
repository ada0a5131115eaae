//! Markdown articles: front matter (`---` block of `key: value` lines) or the
//! first `# ` heading gives the title; the body is parsed with pulldown-cmark so
//! paragraphs, headings and list items become blocks with their line numbers.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{parse_date, Article, Block, BlockKind};

/// Parses a `.md` article.
pub(super) fn parse(text: &str, mut article: Article) -> Article {
    let body_offset = front_matter(text, &mut article);
    let body = &text[body_offset..];
    let line_of = LineIndex::new(text);
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String, BlockKind)> = None;
    let mut depth_list_item = 0usize;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) if depth_list_item == 0 => {
                current = Some((range.start, String::new(), BlockKind::Paragraph));
            }
            Event::Start(Tag::Heading { .. }) => {
                current = Some((range.start, String::new(), BlockKind::Heading));
            }
            Event::Start(Tag::Item) => {
                depth_list_item += 1;
                if depth_list_item == 1 {
                    current = Some((range.start, String::new(), BlockKind::Paragraph));
                }
            }
            Event::End(TagEnd::Item) => {
                depth_list_item -= 1;
                if depth_list_item == 0 {
                    finish(&mut current, &mut blocks, body_offset, &line_of);
                }
            }
            Event::End(TagEnd::Paragraph) if depth_list_item == 0 => {
                finish(&mut current, &mut blocks, body_offset, &line_of)
            }
            Event::End(TagEnd::Heading(_)) => {
                finish(&mut current, &mut blocks, body_offset, &line_of)
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some((_, text, _)) = current.as_mut() {
                    text.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                if let Some((_, text, _)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text, _)) = current.as_mut() {
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    finish(&mut current, &mut blocks, body_offset, &line_of);
    if article.title.is_empty() {
        if let Some(pos) = blocks.iter().position(|b| b.kind == BlockKind::Heading) {
            article.title = blocks.remove(pos).text;
        }
    }
    article.blocks = blocks;
    article
}

fn finish(
    current: &mut Option<(usize, String, BlockKind)>,
    blocks: &mut Vec<Block>,
    body_offset: usize,
    line_of: &LineIndex,
) {
    if let Some((start, text, kind)) = current.take() {
        let text = text.trim().to_string();
        if !text.is_empty() {
            blocks.push(Block {
                line: line_of.line(body_offset + start),
                text,
                kind,
            });
        }
    }
}

/// Reads a leading `---` front-matter block into the article; returns the
/// byte offset where the body starts.
fn front_matter(text: &str, article: &mut Article) -> usize {
    let Some(rest) = text.strip_prefix("---") else {
        return 0;
    };
    let Some(first_newline) = rest.find('\n') else {
        return 0;
    };
    if !rest[..first_newline].trim().is_empty() {
        return 0;
    }
    let mut offset = 3 + first_newline + 1;
    for line in text[offset..].split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            return offset;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let value = unquote(value.trim()).to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" => article.title = value,
            "source" | "publisher" | "site" => article.source = value,
            "date" | "published" | "published_at" => article.published = parse_date(&value),
            "url" | "link" => article.url = value,
            "author" | "by" => article.author = value,
            _ => {}
        }
    }
    // No closing fence: not front matter after all.
    article.title.clear();
    0
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// Maps byte offsets to 1-based line numbers.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub(crate) fn line(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::split_passages;

    #[test]
    fn front_matter_and_structure() {
        let text = "---\ntitle: \"Deal: done\"\ndate: 2025-01-21\nsource: Demo\n---\n\nIntro *para*.\n\n## Background\n\nMore [text](http://x) here.\n\n- item one\n- item two\n";
        let article = parse(text, Article::default());
        assert_eq!(article.title, "Deal: done");
        assert_eq!(article.source, "Demo");
        assert!(article.published.is_some());
        let passages = split_passages(&article);
        assert_eq!(passages[0].text, "Intro para.");
        assert_eq!(passages[0].line, 7);
        assert_eq!(passages[1].text, "More text here.");
        assert_eq!(passages[1].heading.as_deref(), Some("Background"));
        assert_eq!(passages[1].line, 11);
        assert_eq!(passages[2].text, "item one");
        assert_eq!(passages[3].line, 14);
    }

    #[test]
    fn first_heading_is_the_title_without_front_matter() {
        let article = parse("# The Title\n\nBody text.\n", Article::default());
        assert_eq!(article.title, "The Title");
        assert_eq!(split_passages(&article)[0].line, 3);
    }
}
