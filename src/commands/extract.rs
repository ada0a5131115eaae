//! `newsdex extract`: show what the indexer finds in a text, so a user can see
//! why a passage is or isn't found.

use std::io::{Read, Write};
use std::path::Path;

use anyhow::Context;

use super::{Outcome, UsageError};
use crate::cli::{ExtractArgs, FormatArg};
use crate::extract::{Extractors, PassageFacts};
use crate::ingest::{self, Article, Format};
use crate::output::human::facts_line;
use crate::output::json::{write_record, ExtractSummary, PassageRecord, JSON_SCHEMA_VERSION};
use crate::output::Palette;

pub(super) fn run(args: ExtractArgs, color: bool) -> anyhow::Result<Outcome> {
    let (bytes, name) = if args.file == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .context("reading stdin")?;
        (buf, "<stdin>".to_string())
    } else {
        let bytes = std::fs::read(&args.file).with_context(|| format!("reading {}", args.file))?;
        (bytes, args.file.clone())
    };
    let format = match args.format {
        Some(FormatArg::Txt) => Some(Format::Text),
        Some(FormatArg::Md) => Some(Format::Markdown),
        Some(FormatArg::Html) => Some(Format::Html),
        Some(FormatArg::Json) => Some(Format::Json),
        Some(FormatArg::Jsonl) => Some(Format::JsonLines),
        None if args.file == "-" => None,
        None => Some(Format::of(Path::new(&args.file)).ok_or_else(|| {
            UsageError(format!(
                "{}: unknown file type; pass --format txt|md|html|json|jsonl",
                args.file
            ))
        })?),
    };
    let articles = match format {
        Some(format) => {
            let parsed = ingest::parse_file(format, &bytes, &name, &name);
            for skip in parsed.skips.iter().chain(&parsed.warnings) {
                eprintln!("newsdex: {}: {}", skip.location, skip.reason);
            }
            parsed.articles
        }
        // Text on stdin is all body: there is no title line to take off.
        None => {
            let text = String::from_utf8_lossy(&bytes);
            vec![Article {
                id: name.clone(),
                path: name.clone(),
                blocks: ingest::text_blocks(&text, 1),
                ..Article::default()
            }]
        }
    };
    let extractors = Extractors::default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let palette = Palette {
        on: color && !args.json,
    };
    let (mut passages, mut amounts, mut entities) = (0, 0, 0);
    for (a, article) in articles.iter().enumerate() {
        if !args.json && !article.title.is_empty() {
            writeln!(out, "{}", palette.title(&article.title))?;
        }
        let pieces = ingest::split_passages(article);
        let found = extractors.analyze_article(pieces.iter().map(|p| p.text.as_str()));
        for (passage, facts) in pieces.into_iter().zip(found.passages) {
            let facts: PassageFacts = facts;
            passages += 1;
            amounts += facts.amounts.len();
            entities += facts.entities.len();
            if args.json {
                write_record(
                    &mut out,
                    "passage",
                    PassageRecord {
                        article: a + 1,
                        title: &article.title,
                        passage: passage.ordinal,
                        line: passage.line,
                        heading: passage.heading.as_deref(),
                        text: &passage.text,
                        amounts: &facts.amounts,
                        entities: &facts.entities,
                        topics: facts.topics,
                    },
                )?;
            } else {
                writeln!(
                    out,
                    "{}:{}  {}",
                    palette.path(&article.path),
                    palette.line(&passage.line.to_string()),
                    passage.text
                )?;
                if let Some(line) = facts_line(palette, &facts) {
                    writeln!(out, "  {line}")?;
                }
                for amount in &facts.amounts {
                    writeln!(
                        out,
                        "  {}",
                        palette.amount(&crate::output::human::amount_label(amount))
                    )?;
                }
            }
        }
    }
    if args.json {
        write_record(
            &mut out,
            "summary",
            ExtractSummary {
                schema_version: JSON_SCHEMA_VERSION,
                articles: articles.len(),
                passages,
                amounts,
                entities,
            },
        )?;
    }
    out.flush()?;
    Ok(if passages > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
