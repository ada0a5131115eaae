//! Splitting article bodies into passages, the unit newsdex ranks and shows.
//!
//! Two steps: [`text_blocks`] turns plain text into paragraph-like [`Block`]s
//! (used by the text and JSON parsers; Markdown and HTML produce blocks from
//! their own structure), and [`split_passages`] turns blocks into passages:
//! headings become the context of the passage after them and very long
//! paragraphs are cut at sentence boundaries.

use super::{Article, Block, BlockKind};

/// Paragraphs longer than this many words are cut at sentence boundaries.
const MAX_WORDS: usize = 150;
/// Where a long paragraph is cut: the first sentence end after this many words.
const TARGET_WORDS: usize = 120;
/// A passage never holds more bytes than this, whatever its punctuation.
const MAX_BYTES: usize = 4000;
/// Longest heading kept as a passage's context.
const MAX_HEADING_BYTES: usize = 300;
/// Lines longer than this mean the text puts one paragraph per line.
const LONG_LINE: usize = 100;

/// One rankable piece of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// 0-based position of the passage in its article.
    pub ordinal: u32,
    /// 1-based line in the source file where the passage starts.
    pub line: u32,
    /// The passage text as written (whitespace runs collapsed).
    pub text: String,
    /// The heading the passage sits under, if any.
    pub heading: Option<String>,
}

/// Splits plain text (one article body) into blocks. `first_line` is the line
/// number of the text's first line in its file.
///
/// The text decides the layout: blank lines separate paragraphs; inside a
/// blank-free chunk, long lines mean one paragraph per line (web copy), while
/// short wrapped lines form one paragraph unless an indented or bulleted line
/// starts a new one (newswire). A line holding only a list marker joins the
/// line after it; a short line without closing punctuation is a heading.
pub fn text_blocks(text: &str, first_line: u32) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut chunk: Vec<(u32, &str)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = first_line + i as u32;
        if line.trim().is_empty() {
            flush_chunk(&mut chunk, &mut blocks);
        } else {
            chunk.push((number, line));
        }
    }
    flush_chunk(&mut chunk, &mut blocks);
    blocks
}

fn flush_chunk(chunk: &mut Vec<(u32, &str)>, blocks: &mut Vec<Block>) {
    if chunk.is_empty() {
        return;
    }
    let per_line = chunk.len() == 1 || chunk.iter().any(|(_, l)| l.trim().len() > LONG_LINE);
    let mut pending_marker = false;
    let mut current: Option<Block> = None;
    for &(number, raw) in chunk.iter() {
        let line = raw.trim();
        if is_list_marker(line) {
            if let Some(block) = current.take() {
                blocks.push(block);
            }
            pending_marker = true;
            continue;
        }
        let starts_new = per_line
            || pending_marker
            || current.is_none()
            || raw.starts_with([' ', '\t'])
            || starts_with_bullet(line);
        if starts_new {
            if let Some(block) = current.take() {
                blocks.push(block);
            }
            let kind =
                if !pending_marker && looks_like_heading(line) && (per_line || chunk.len() == 1) {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                };
            current = Some(Block {
                line: number,
                text: strip_bullet(line).to_string(),
                kind,
            });
        } else if let Some(block) = current.as_mut() {
            block.text.push('\n');
            block.text.push_str(line);
        }
        pending_marker = false;
    }
    if let Some(block) = current.take() {
        blocks.push(block);
    }
    chunk.clear();
}

fn is_list_marker(line: &str) -> bool {
    matches!(line, "-" | "•" | "*" | "–" | "—" | "·")
}

fn starts_with_bullet(line: &str) -> bool {
    ["- ", "• ", "* ", "· "].iter().any(|m| line.starts_with(m))
}

fn strip_bullet(line: &str) -> &str {
    for marker in ["- ", "• ", "* ", "· "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    line
}

/// A short line with no closing punctuation reads as a heading.
pub(crate) fn looks_like_heading(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let closing = ['.', '!', '?', ':', ';', ',', '"', '”', '’', ')', '…', '\''];
    (1..=14).contains(&words) && line.len() <= 100 && !line.ends_with(closing)
}

/// Turns an article's blocks into passages.
pub fn split_passages(article: &Article) -> Vec<Passage> {
    let mut passages = Vec::new();
    let mut heading: Option<String> = None;
    for block in &article.blocks {
        let text = block.text.trim();
        if text.is_empty() {
            continue;
        }
        if block.kind == BlockKind::Heading {
            heading = Some(collapse_whitespace(text));
            continue;
        }
        // A heading is short context; a huge one (junk markup) is cut down.
        if let Some(h) = heading.as_mut() {
            if h.len() > MAX_HEADING_BYTES {
                let cut = (0..=MAX_HEADING_BYTES)
                    .rev()
                    .find(|&i| h.is_char_boundary(i))
                    .unwrap_or(0);
                h.truncate(cut);
            }
        }
        for (line, piece) in cut_long(text, block.line) {
            passages.push(Passage {
                ordinal: passages.len() as u32,
                line,
                text: collapse_whitespace(piece),
                heading: heading.clone(),
            });
        }
    }
    // A wire sign-off or end-of-release mark ("Reuter", "###") is furniture,
    // not a passage: as its own paragraph it would be a search hit of one word
    // (a sixth of Reuters-21578's passages were "Reuter").
    if passages.len() > 1 && passages.last().is_some_and(|p| is_end_mark(&p.text)) {
        passages.pop();
    }
    // An article made only of headings, or only of a title (a one-line
    // note), still has a passage, so it can be found.
    if passages.is_empty() {
        let line = article
            .blocks
            .first()
            .map_or(article.line.max(1), |b| b.line);
        if let Some(text) = heading.or_else(|| {
            let title = collapse_whitespace(&article.title);
            (!title.is_empty()).then_some(title)
        }) {
            for (_, piece) in cut_long(&text, line) {
                passages.push(Passage {
                    ordinal: passages.len() as u32,
                    line,
                    text: piece.to_string(),
                    heading: None,
                });
            }
        }
    }
    passages
}

/// Whether a paragraph is only a sign-off that newswires and press releases
/// put at the end of a story.
fn is_end_mark(text: &str) -> bool {
    const END_MARKS: &[&str] = &[
        "reuter", "reuters", "###", "-30-", "- 30 -", "-ends-", "ends", "end",
    ];
    let t = text.trim().trim_end_matches('.');
    END_MARKS.iter().any(|m| t.eq_ignore_ascii_case(m))
}

/// Cuts a paragraph longer than [`MAX_WORDS`] at sentence ends near
/// [`TARGET_WORDS`], returning each piece with its starting line.
fn cut_long(text: &str, first_line: u32) -> Vec<(u32, &str)> {
    let words = text.split_whitespace().count();
    if words <= MAX_WORDS && text.len() <= MAX_BYTES {
        return vec![(first_line, text)];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut count = 0;
    let mut in_word = false;
    let bytes = text.as_bytes();
    for (i, ch) in text.char_indices() {
        // Never let a piece grow past MAX_BYTES, whatever the characters.
        if i > start && i + ch.len_utf8() - start > MAX_BYTES {
            pieces.push((start, i));
            start = i;
            count = 0;
        }
        if ch.is_whitespace() {
            if in_word {
                count += 1;
                in_word = false;
            }
            let forced = count >= MAX_WORDS * 2;
            let sentence_end = count >= TARGET_WORDS && ends_sentence(&text[start..i]);
            if (sentence_end || forced) && i > start {
                pieces.push((start, i));
                start = i;
                count = 0;
            }
        } else {
            in_word = true;
        }
    }
    if start < bytes.len() {
        pieces.push((start, bytes.len()));
    }
    // A short tail reads better joined to the piece before it.
    if pieces.len() > 1 {
        let (s, e) = pieces[pieces.len() - 1];
        let tail_words = text[s..e].split_whitespace().count();
        let (ps, _) = pieces[pieces.len() - 2];
        if tail_words < 20 && e - ps <= MAX_BYTES {
            pieces.pop();
            let last = pieces.len() - 1;
            pieces[last] = (ps, e);
        }
    }
    pieces
        .into_iter()
        .map(|(s, e)| {
            let line = first_line + text[..s].matches('\n').count() as u32;
            (line, text[s..e].trim())
        })
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// Whether `text` ends with a sentence end rather than an abbreviation.
fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end_matches(['"', '”', '’', ')', '\'']);
    if !text.ends_with(['.', '!', '?']) {
        return false;
    }
    let last_word = text.rsplit(char::is_whitespace).next().unwrap_or("");
    let stem = last_word.trim_end_matches('.');
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "st", "inc", "corp", "co", "ltd", "vs", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "u.s", "u.k", "e.g",
        "i.e", "gov", "sen", "rep", "gen", "jr", "sr",
    ];
    !(stem.len() <= 1 || ABBREVIATIONS.contains(&stem.to_ascii_lowercase().as_str()))
}

/// Collapses runs of whitespace (wrapped lines, indents) into single spaces.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str) -> Article {
        Article {
            blocks: text_blocks(body, 3),
            ..Article::default()
        }
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        let passages = split_passages(&article("First para.\n\nSecond para\ncontinues here."));
        assert_eq!(passages.len(), 2);
        assert_eq!(passages[0].line, 3);
        assert_eq!(passages[1].line, 5);
        assert_eq!(passages[1].text, "Second para continues here.");
    }

    #[test]
    fn newswire_indents_start_paragraphs() {
        let body = "Showers fell across the region\nthis week, a trader said.\n    The dry spell ended\nearly in the month.";
        let passages = split_passages(&article(body));
        assert_eq!(passages.len(), 2);
        assert_eq!(passages[1].line, 5);
        assert!(passages[1].text.starts_with("The dry spell"));
    }

    #[test]
    fn a_closing_sign_off_is_not_a_passage() {
        let body = "Showers fell across the region\nthis week, a trader said.\n Reuter\n";
        let passages = split_passages(&article(body));
        assert_eq!(passages.len(), 1, "{passages:?}");
        let release = "Contoso signed the deal.\n\nAbout Contoso: it hosts things.\n\n###\n";
        assert_eq!(split_passages(&article(release)).len(), 2);
        // Only a paragraph of the mark alone, and never the only passage.
        let sentence = "Shares rose.\n\nEnd users and Reuter readers noticed.";
        assert_eq!(split_passages(&article(sentence)).len(), 2);
        assert_eq!(split_passages(&article("Reuter")).len(), 1);
    }

    #[test]
    fn list_marker_lines_join_the_next_line_and_headings_give_context() {
        let long = "x ".repeat(60);
        let body = format!(
            "Intro paragraph that is long enough to make this a one-paragraph-per-line text {long}.\nKey Points\n-\nAzure Exclusivity: models were hosted on Azure.\n-\nShared Roadmap: both aligned."
        );
        let passages = split_passages(&article(&body));
        assert_eq!(passages.len(), 3);
        assert_eq!(
            passages[1].text,
            "Azure Exclusivity: models were hosted on Azure."
        );
        assert_eq!(passages[1].line, 6);
        assert_eq!(passages[1].heading.as_deref(), Some("Key Points"));
        assert_eq!(passages[2].heading.as_deref(), Some("Key Points"));
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends() {
        let sentence =
            "The cloud contract was signed by both parties after long talks in the spring. ";
        let body = sentence.repeat(40);
        let passages = split_passages(&article(&body));
        assert!(passages.len() >= 3, "{}", passages.len());
        for p in &passages {
            assert!(p.text.ends_with('.'), "{}", p.text);
            assert!(p.text.split_whitespace().count() <= MAX_WORDS * 2);
        }
    }

    #[test]
    fn a_huge_line_without_spaces_is_bounded() {
        let body = "a".repeat(20_000);
        let passages = split_passages(&article(&body));
        assert!(passages.iter().all(|p| p.text.len() <= MAX_BYTES));
        assert_eq!(passages.iter().map(|p| p.text.len()).sum::<usize>(), 20_000);
    }

    #[test]
    fn multibyte_text_and_long_titles_stay_within_the_limit() {
        let body = format!("a{}", "é".repeat(2000));
        let passages = split_passages(&article(&body));
        assert!(
            passages.iter().all(|p| p.text.len() <= MAX_BYTES),
            "{:?}",
            passages.iter().map(|p| p.text.len()).collect::<Vec<_>>()
        );
        let title_only = Article {
            title: "word ".repeat(1000),
            line: 1,
            ..Article::default()
        };
        let passages = split_passages(&title_only);
        assert!(passages.len() >= 2);
        assert!(passages.iter().all(|p| p.text.len() <= MAX_BYTES));
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert!(!ends_sentence("talks with Microsoft Corp."));
        assert!(!ends_sentence("the U.S."));
        assert!(ends_sentence("the deal closed."));
    }
}
