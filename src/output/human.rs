//! The human printer: one block per hit, like ripgrep's heading mode —
//! `path:line`, the article line, the highlighted passage, then its facts.

use std::io::{self, Write};

use super::Palette;
use crate::extract::{AmountFact, EntityFact, PassageFacts};
use crate::ingest::path_text::shown;
use crate::search::Hit;

/// Prints one hit.
pub fn print_hit(out: &mut dyn Write, p: Palette, rank: usize, hit: &Hit) -> io::Result<()> {
    writeln!(
        out,
        "{}:{}  {}",
        p.path(&shown(&hit.path)),
        p.line(&hit.line.to_string()),
        p.dim(&format!("#{rank} score {:.2}", hit.score))
    )?;
    let mut meta = vec![p.title(&hit.title)];
    if !hit.source.is_empty() {
        meta.push(hit.source.clone());
    }
    if let Some(date) = &hit.date {
        meta.push(date.clone());
    }
    writeln!(out, "  {}", meta.join(" · "))?;
    if let Some(heading) = &hit.heading {
        writeln!(out, "  {}", p.dim(&format!("§ {heading}")))?;
    }
    writeln!(out, "  {}", highlight(p, &hit.snippet, &hit.highlights))?;
    if let Some(line) = facts_line(p, &hit.facts) {
        writeln!(out, "  {line}")?;
    }
    if !hit.copies.is_empty() {
        let places: Vec<String> = hit
            .copies
            .iter()
            .map(|c| format!("{}:{}", shown(&c.path), c.line))
            .collect();
        writeln!(
            out,
            "  {}",
            p.dim(&format!(
                "{} more cop{} of this passage: {}",
                hit.copies.len(),
                if hit.copies.len() == 1 { "y" } else { "ies" },
                places.join(", ")
            ))
        )?;
    }
    if let Some(parts) = &hit.explain {
        let mut pieces: Vec<String> = parts
            .parts
            .iter()
            .map(|(name, v)| format!("{name} {v:.2}"))
            .collect();
        for (topic, s) in &parts.topics {
            pieces.push(format!("{} {:.2}", topic.as_str(), s));
        }
        pieces.push(format!("× topic {:.2}", parts.topic_multiplier));
        writeln!(
            out,
            "  {}",
            p.dim(&format!("explain: {}", pieces.join(", ")))
        )?;
    }
    writeln!(out)
}

/// The words pseudo-relevance feedback added to the query (`--explain`), before the hits.
pub fn print_feedback(
    out: &mut impl Write,
    p: Palette,
    terms: &[crate::search::FeedbackTerm],
) -> std::io::Result<()> {
    let words: Vec<String> = terms
        .iter()
        .map(|t| format!("{} {:.2}", t.stem, t.weight))
        .collect();
    writeln!(
        out,
        "{}\n",
        p.dim(&format!("feedback words added: {}", words.join(", ")))
    )
}

/// The snippet with matched words styled.
pub fn highlight(p: Palette, text: &str, ranges: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 12);
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.push_str(&p.matched(&text[r.clone()]));
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// "$50bn (≈ $50.0bn) · Microsoft, OpenAI · deal 0.82", or None when empty.
pub fn facts_line(p: Palette, facts: &PassageFacts) -> Option<String> {
    let mut parts = Vec::new();
    if !facts.amounts.is_empty() {
        let amounts: Vec<String> = facts.amounts.iter().map(amount_label).collect();
        parts.push(p.amount(&amounts.join(", ")));
    }
    if !facts.entities.is_empty() {
        parts.push(entity_list(&facts.entities));
    }
    let t = facts.topics;
    let topics: Vec<String> = [
        ("exclusivity", t.exclusivity),
        ("dispute", t.dispute),
        ("deal", t.deal),
    ]
    .into_iter()
    .filter(|(_, s)| *s >= 0.3)
    .map(|(name, s)| format!("{name} {s:.2}"))
    .collect();
    if !topics.is_empty() {
        parts.push(topics.join(" "));
    }
    (!parts.is_empty()).then(|| p.dim("» ") + &parts.join(&p.dim(" · ")))
}

/// `$50bn = USD 50bn` or `€4.34 billion = EUR 4.34bn ≈ $4.7bn`.
pub fn amount_label(a: &AmountFact) -> String {
    let mut label = format!("{} = {} {}", a.text, a.currency, compact(a.value));
    match (a.low, a.high, a.kind.as_str()) {
        (Some(lo), Some(hi), _) if lo != hi => {
            label.push_str(&format!(" ({}–{})", compact(lo), compact(hi)))
        }
        (Some(_), None, _) => label.push_str(" or more"),
        (None, Some(_), _) => label.push_str(" at most"),
        (_, _, "approximate") => label.push_str(" approx."),
        _ => {}
    }
    if a.currency != "USD" {
        if let Some(usd) = a.usd {
            label.push_str(&format!(" ≈ ${}", compact(usd)));
        }
    }
    label
}

/// 5e10 → "50bn", 1.3e7 → "13m", 94000 → "94,000".
pub fn compact(v: f64) -> String {
    let trim = |x: f64| {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let abs = v.abs();
    if abs >= 1e12 {
        format!("{}tn", trim(v / 1e12))
    } else if abs >= 1e9 {
        format!("{}bn", trim(v / 1e9))
    } else if abs >= 1e6 {
        format!("{}m", trim(v / 1e6))
    } else if abs >= 1e4 {
        let whole = v.round() as i64;
        let digits = whole.abs().to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        if whole < 0 {
            grouped.insert(0, '-');
        }
        grouped
    } else {
        trim(v)
    }
}

fn entity_list(entities: &[EntityFact]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for e in entities {
        if !names.contains(&e.canonical.as_str()) {
            names.push(&e.canonical);
        }
    }
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_amounts() {
        assert_eq!(compact(5e10), "50bn");
        assert_eq!(compact(1.13e9), "1.13bn");
        assert_eq!(compact(94_000.0), "94,000");
        assert_eq!(compact(1.2e12), "1.2tn");
        assert_eq!(compact(52.0), "52");
    }

    #[test]
    fn highlight_without_colour_is_the_text() {
        let p = Palette { on: false };
        assert_eq!(
            highlight(
                p,
                "azure exclusivity",
                &[std::ops::Range { start: 0, end: 5 }]
            ),
            "azure exclusivity"
        );
        let p = Palette { on: true };
        assert_eq!(
            highlight(p, "azure x", &[std::ops::Range { start: 0, end: 5 }]),
            "\x1b[1;31mazure\x1b[0m x"
        );
    }
}
