//! HTML articles, parsed with a real HTML5 parser (scraper / html5ever), so
//! broken or truncated markup still yields its text.
//!
//! Metadata comes from the usual meta tags (Open Graph, `article:*`, `author`,
//! `<time datetime>`); text comes from `<article>` or `<main>` (else `<body>`),
//! leaving out script, style, navigation, header, footer and asides. Line
//! numbers are found by locating each block's first words in the source.

use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use super::markdown::LineIndex;
use super::passages::collapse_whitespace;
use super::{parse_date, Article, Block, BlockKind};

/// Elements whose text is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template",
    "button", "svg", "iframe", "select", "figure",
];
/// Elements that end a block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
    "body",
];

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static selector is valid")
}

static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static META: LazyLock<Selector> = LazyLock::new(|| selector("meta"));
static TIME: LazyLock<Selector> = LazyLock::new(|| selector("time[datetime]"));
static ROOTS: LazyLock<[Selector; 3]> =
    LazyLock::new(|| [selector("article"), selector("main"), selector("body")]);

/// Parses an `.html` article.
pub(super) fn parse(source: &str, mut article: Article) -> Article {
    let document = Html::parse_document(source);
    read_meta(&document, &mut article);

    let root = ROOTS
        .iter()
        .find_map(|sel| document.select(sel).next())
        .unwrap_or_else(|| document.root_element());
    let mut blocks = Vec::new();
    let mut pending = String::new();
    let mut kind = BlockKind::Paragraph;
    collect(root, &mut blocks, &mut pending, &mut kind);
    flush(&mut blocks, &mut pending, kind);

    // The first h1 is usually the title again; drop it, or use it as the title.
    if let Some(pos) = blocks.iter().position(|b| b.kind == BlockKind::Heading) {
        if article.title.is_empty() {
            article.title = blocks.remove(pos).text;
        } else if pos == 0 && same_text(&blocks[0].text, &article.title) {
            blocks.remove(0);
        }
    }
    locate_lines(source, &mut blocks);
    article.blocks = blocks;
    article
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b) || norm(b).starts_with(&norm(a))
}

fn read_meta(document: &Html, article: &mut Article) {
    let mut og_title = None;
    let mut date = None;
    for meta in document.select(&META) {
        let key = meta
            .attr("property")
            .or_else(|| meta.attr("name"))
            .or_else(|| meta.attr("itemprop"))
            .unwrap_or("")
            .to_ascii_lowercase();
        let Some(content) = meta
            .attr("content")
            .map(str::trim)
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        match key.as_str() {
            "og:title" | "twitter:title" => og_title = Some(content.to_string()),
            "article:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "dc.date"
            | "dc.date.issued"
            | "sailthru.date"
                if date.is_none() =>
            {
                date = parse_date(content);
            }
            "author" | "article:author" | "dc.creator" | "byl" if article.author.is_empty() => {
                article.author = content.trim_start_matches("By ").to_string();
            }
            "og:site_name" | "application-name" | "publisher" if article.source.is_empty() => {
                article.source = content.to_string();
            }
            "og:url" => article.url = content.to_string(),
            _ => {}
        }
    }
    if date.is_none() {
        date = document
            .select(&TIME)
            .find_map(|t| t.attr("datetime").and_then(parse_date));
    }
    article.published = date;
    let title_tag = document
        .select(&TITLE)
        .next()
        .map(|t| collapse_whitespace(&t.text().collect::<String>()));
    article.title = og_title.or(title_tag).unwrap_or_default();
}

fn collect(
    element: ElementRef,
    blocks: &mut Vec<Block>,
    pending: &mut String,
    kind: &mut BlockKind,
) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => pending.push_str(text),
            Node::Element(el) => {
                let name = el.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                let Some(child_ref) = ElementRef::wrap(child) else {
                    continue;
                };
                if BLOCKS.contains(&name) {
                    flush(blocks, pending, *kind);
                    let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                    *kind = if heading {
                        BlockKind::Heading
                    } else {
                        BlockKind::Paragraph
                    };
                    collect(child_ref, blocks, pending, kind);
                    flush(blocks, pending, *kind);
                    *kind = BlockKind::Paragraph;
                } else {
                    collect(child_ref, blocks, pending, kind);
                }
            }
            _ => {}
        }
    }
}

fn flush(blocks: &mut Vec<Block>, pending: &mut String, kind: BlockKind) {
    let text = collapse_whitespace(pending);
    pending.clear();
    if !text.is_empty() {
        blocks.push(Block {
            line: 0,
            text,
            kind,
        });
    }
}

/// Finds each block's line in the source by searching for its first plain
/// words after the previous block's position; falls back to the previous line.
fn locate_lines(source: &str, blocks: &mut [Block]) {
    let index = LineIndex::new(source);
    let mut cursor = 0;
    let mut last_line = 1;
    for block in blocks.iter_mut() {
        let probe: String = block
            .text
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ' ')
            .take(40)
            .collect();
        let probe = probe.trim_end();
        if probe.len() >= 6 {
            if let Some(found) = source[cursor..].find(probe) {
                cursor += found;
                last_line = index.line(cursor);
            }
        }
        block.line = last_line;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::split_passages;

    const PAGE: &str = r#"<!doctype html>
<html><head><title>Site | Deal</title>
<meta property="og:title" content="Contoso signs deal">
<meta property="article:published_time" content="2025-11-03T09:00:00Z">
<meta name="author" content="Jo Reporter">
<meta property="og:site_name" content="Demo News">
<style>.x { color: red }</style><script>var junk = "tracking";</script>
</head><body><nav>Home | World</nav><header>Top banner</header>
<article>
<h1>Contoso signs deal</h1>
<p>Contoso agreed a deal with Fabrikam &amp; partners.</p>
<h2>Terms</h2>
<p>The contract runs five years&#8217; time.</p>
<ul><li>First point here</li><li>Second point here</li></ul>
</article>
<footer>Copyright</footer></body></html>"#;

    #[test]
    fn meta_and_article_text() {
        let article = parse(PAGE, Article::default());
        assert_eq!(article.title, "Contoso signs deal");
        assert_eq!(article.author, "Jo Reporter");
        assert_eq!(article.source, "Demo News");
        assert!(article.published.is_some());
        let passages = split_passages(&article);
        let texts: Vec<&str> = passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Contoso agreed a deal with Fabrikam & partners.",
                "The contract runs five years’ time.",
                "First point here",
                "Second point here"
            ]
        );
        assert_eq!(passages[0].line, 11);
        assert_eq!(passages[1].heading.as_deref(), Some("Terms"));
        assert_eq!(passages[1].line, 13);
    }

    #[test]
    fn truncated_html_still_yields_text() {
        let article = parse(
            "<html><body><p>Half a page about a merger",
            Article::default(),
        );
        assert_eq!(article.blocks[0].text, "Half a page about a merger");
        let article = parse("<p>One</p><p>Two paragraphs of text", Article::default());
        assert_eq!(article.blocks.len(), 2);
    }
}
