//! The HTML report of `newsdex report`: one self-contained page (inline CSS and SVG, no
//! scripts, nothing fetched), written with maud, whose templates are checked at compile
//! time and escape every interpolated string, so article text cannot inject markup.
//!
//! Light and dark colours follow `prefers-color-scheme`; `@media print` keeps sections
//! and passages whole across pages.

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::extract::AmountFact;
use crate::search::Hit;
use crate::timeline::Timeline;

const CSS: &str = include_str!("report.css");
/// The timeline and money charts' drawing size (the SVG scales to the page).
const CHART_W: f64 = 960.0;
const CHART_H: f64 = 220.0;
/// Space under the bars for period labels, and beside them for the scale.
const AXIS_H: f64 = 28.0;
const AXIS_W: f64 = 44.0;

/// Everything the page shows, gathered by the command.
pub struct Report<'a> {
    pub query: &'a str,
    /// Filters as `--flag value`, for the header.
    pub filters: Vec<String>,
    pub corpus: Option<String>,
    pub index: String,
    pub index_date: Option<String>,
    pub generated: String,
    pub note: Option<&'a str>,
    pub timeline: &'a Timeline,
    /// Canonical name, articles, passages (most articles first).
    pub entities: Vec<(String, usize, usize)>,
    /// The largest amounts, largest first.
    pub money: Vec<MoneyRow<'a>>,
    /// Per timeline period: the largest amount (approximate USD) and how many amounts.
    pub money_by_period: Vec<(String, f64, usize)>,
    /// Series of the topic split (`exclusivity`, `dispute`, `deal`, `no topic`) with
    /// article counts, and the mean of each topic's score over counted passages.
    pub topic_mix: Vec<(String, usize)>,
    pub topic_means: Vec<(&'static str, f32)>,
    /// The top passages as `search` ranks them.
    pub hits: &'a [Hit],
}

/// One large amount with the passage it was found in.
pub struct MoneyRow<'a> {
    pub amount: &'a AmountFact,
    pub label: String,
    pub text: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    pub path: &'a str,
    pub line: u64,
}

/// Renders the page.
pub fn render(r: &Report) -> String {
    let t = r.timeline;
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                meta name="generator" content="newsdex";
                title { "newsdex report: " (r.query) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { "“" (r.query) "”" }
                    p.muted { "A newsdex report, written " (r.generated) "." }
                    dl.facts {
                        dt { "Query" } dd { code { (r.query) } " (every word required)" }
                        dt { "Filters" }
                        dd { @if r.filters.is_empty() { "none" } @else { code { (r.filters.join(" ")) } } }
                        @if let Some(corpus) = &r.corpus { dt { "Corpus" } dd { (corpus) } }
                        dt { "Index" } dd { (r.index) @if let Some(d) = &r.index_date { ", built " (d) } }
                        @if let Some(note) = r.note { dt { "Note" } dd { (note) } }
                    }
                    div.counts {
                        div { b { (t.total.articles) } "articles" }
                        div { b { (t.total.passages) } "matching passages" }
                        div { b { (t.copies.passages) } "copied passages folded" }
                        div { b { (t.undated.articles) } "articles without a date" }
                    }
                }
                section #timeline {
                    h2 { "Timeline" }
                    @if t.buckets.is_empty() {
                        p.muted { "No dated article matches." }
                    } @else {
                        figure {
                            (timeline_svg(t))
                            figcaption {
                                "Matching articles per " (t.unit.as_str()) " (syndicated copies once), "
                                (t.buckets.first().map(|b| b.period.label()).unwrap_or_default()) " to "
                                (t.buckets.last().map(|b| b.period.label()).unwrap_or_default()) "."
                                @if t.undated.articles > 0 { " " (t.undated.articles) " undated articles are not drawn." }
                            }
                        }
                    }
                }
                section #entities {
                    h2 { "Who is in it" }
                    @if r.entities.is_empty() {
                        p.muted { "No entities tagged in the matching passages." }
                    } @else {
                        (entity_table(&r.entities))
                    }
                }
                section #money {
                    h2 { "Money at stake" }
                    @if r.money.is_empty() {
                        p.muted { "No amounts in the matching passages." }
                    } @else {
                        table {
                            thead { tr { th.num { "Amount" } th { "Date" } th { "Passage" } } }
                            tbody {
                                @for m in &r.money {
                                    tr {
                                        td.num { b { (m.amount.text) } br; span.muted { (m.label) } }
                                        td.when { (m.date.as_deref().unwrap_or("undated")) }
                                        td {
                                            span.muted { (m.title) " · " span.where { (m.path) ":" (m.line) } }
                                            p.passage { (m.text) }
                                        }
                                    }
                                }
                            }
                        }
                        @if r.money_by_period.iter().any(|(_, v, _)| *v > 0.0) {
                            figure {
                                (money_svg(&r.money_by_period))
                                figcaption { "Largest amount per " (t.unit.as_str()) " (approximate US dollars)." }
                            }
                        }
                    }
                }
                section #topics {
                    h2 { "Topic mix" }
                    (topic_table(&r.topic_mix, &r.topic_means))
                }
                section #passages {
                    h2 { "Top passages" }
                    @if r.hits.is_empty() {
                        p.muted { "No passages." }
                    } @else {
                        p.muted { "The first " (r.hits.len()) " passages as " code { "newsdex search" } " ranks them." }
                        ol.hits {
                            @for hit in r.hits { li { (hit_item(hit)) } }
                        }
                    }
                }
                footer { "Written by newsdex " (env!("CARGO_PKG_VERSION")) ". Counts match the query exactly; see "
                    code { "newsdex timeline --help" } "." }
            }
        }
    };
    page.into_string()
}

/// Vertical bars, one per period; a bar per non-empty period carries its counts.
fn timeline_svg(t: &Timeline) -> Markup {
    let max = t
        .buckets
        .iter()
        .map(|b| b.counts.articles)
        .max()
        .unwrap_or(0);
    let values: Vec<(String, f64, String)> = t
        .buckets
        .iter()
        .map(|b| {
            let title = format!(
                "{}: {} article{}, {} passage{}",
                b.period.label(),
                b.counts.articles,
                if b.counts.articles == 1 { "" } else { "s" },
                b.counts.passages,
                if b.counts.passages == 1 { "" } else { "s" },
            );
            (b.period.label(), b.counts.articles as f64, title)
        })
        .collect();
    let extra: Vec<(usize, usize)> = t
        .buckets
        .iter()
        .map(|b| (b.counts.articles, b.counts.passages))
        .collect();
    bar_svg(
        &values,
        max as f64,
        "bar",
        &max.to_string(),
        "Matching articles per period",
        Some(&extra),
    )
}

fn money_svg(rows: &[(String, f64, usize)]) -> Markup {
    let max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    let values: Vec<(String, f64, String)> = rows
        .iter()
        .map(|(label, v, n)| {
            let title = if *n == 0 {
                format!("{label}: no amounts")
            } else {
                format!("{label}: largest ≈ ${} of {n} amounts", short_money(*v))
            };
            (label.clone(), *v, title)
        })
        .collect();
    bar_svg(
        &values,
        max,
        "money",
        &format!("${}", short_money(max)),
        "Largest amount per period",
        None,
    )
}

/// A vertical bar chart: `(label, value, hover title)` per bar, labels thinned to fit.
/// With `counts`, each bar carries `data-articles` and `data-passages`.
fn bar_svg(
    values: &[(String, f64, String)],
    max: f64,
    class: &str,
    max_label: &str,
    aria: &str,
    counts: Option<&[(usize, usize)]>,
) -> Markup {
    let n = values.len().max(1) as f64;
    let plot_w = CHART_W - AXIS_W;
    let plot_h = CHART_H - AXIS_H;
    let slot = plot_w / n;
    let gap = (slot * 0.15).min(4.0);
    let label_every = ((values.len() as f64 * 58.0 / plot_w).ceil() as usize).max(1);
    html! {
        svg viewBox=(format!("0 0 {CHART_W} {CHART_H}"))
            role="img" aria-label=(aria) {
            line.grid x1=(AXIS_W) y1="4" x2=(CHART_W) y2="4" {}
            line.grid x1=(AXIS_W) y1=(plot_h) x2=(CHART_W) y2=(plot_h) {}
            text x=(AXIS_W - 6.0) y="14" text-anchor="end" { (max_label) }
            text x=(AXIS_W - 6.0) y=(plot_h) text-anchor="end" { "0" }
            @for (i, (label, value, title)) in values.iter().enumerate() {
                @let x = AXIS_W + i as f64 * slot + gap / 2.0;
                @if *value > 0.0 {
                    @let h = ((value / max) * (plot_h - 4.0)).max(1.0);
                    @let (articles, passages) = counts.map_or((None, None), |c| (Some(c[i].0), Some(c[i].1)));
                    rect class=(class) x=(fmt(x)) y=(fmt(plot_h - h)) width=(fmt(slot - gap)) height=(fmt(h))
                        data-period=(label) data-articles=[articles] data-passages=[passages] {
                        title { (title) }
                    }
                }
                @if i % label_every == 0 {
                    text x=(fmt(x + (slot - gap) / 2.0)) y=(CHART_H - 10.0) text-anchor="middle" { (label) }
                }
            }
        }
    }
}

fn entity_table(rows: &[(String, usize, usize)]) -> Markup {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    html! {
        table {
            thead { tr { th { "Entity" } th.num { "Articles" } th.num { "Passages" } th { span.muted { "share of the most named" } } } }
            tbody {
                @for (name, articles, passages) in rows {
                    tr {
                        td { (name) }
                        td.num { (articles) }
                        td.num { (passages) }
                        td.barcell { span.hbar style=(format!("width:{:.1}%", *articles as f64 * 100.0 / max as f64)) {} }
                    }
                }
            }
        }
    }
}

fn topic_table(mix: &[(String, usize)], means: &[(&'static str, f32)]) -> Markup {
    let total: usize = mix.iter().map(|m| m.1).sum::<usize>().max(1);
    html! {
        table {
            thead { tr { th { "Mostly about" } th.num { "Articles" } th.num { "Share" } th {} } }
            tbody {
                @for (name, n) in mix {
                    @let class = match name.as_str() { "dispute" => "hbar dispute", "deal" => "hbar deal", "no topic" => "hbar none", _ => "hbar" };
                    @let share = *n as f64 * 100.0 / total as f64;
                    tr {
                        td { (name) }
                        td.num { (n) }
                        td.num { (format!("{share:.0}%")) }
                        td.barcell { @if *n > 0 { span class=(class) style=(format!("width:{share:.1}%")) {} } }
                    }
                }
            }
        }
        p.muted {
            "An article is “mostly about” the topic it scores highest on (at least "
            (crate::timeline::TOPIC_MIN) " of 1). Mean scores over the matching passages: "
            @for (i, (name, mean)) in means.iter().enumerate() {
                @if i > 0 { ", " }
                (name) " " (format!("{mean:.2}"))
            }
            "."
        }
    }
}

fn hit_item(hit: &Hit) -> Markup {
    html! {
        div.meta {
            a.where href=(file_url(&hit.path)) { (hit.path) ":" (hit.line) }
            " · " b { (hit.title) }
            @if !hit.source.is_empty() { " · " (hit.source) }
            @if let Some(d) = &hit.date { " · " (d) }
        }
        p.passage { (highlighted(&hit.snippet, &hit.highlights)) }
        @if !hit.copies.is_empty() {
            div.copies {
                "Also in: "
                @for (i, c) in hit.copies.iter().enumerate() {
                    @if i > 0 { ", " }
                    a.where href=(file_url(&c.path)) { (c.path) ":" (c.line) }
                    @if !c.source.is_empty() { " (" (c.source) ")" }
                }
            }
        }
    }
}

/// The snippet with its matched ranges in `<mark>`, every piece escaped.
fn highlighted(text: &str, ranges: &[std::ops::Range<usize>]) -> Markup {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        pieces.push((&text[at..r.start], false));
        pieces.push((&text[r.start..r.end], true));
        at = r.end;
    }
    pieces.push((&text[at..], false));
    html! {
        @for (piece, marked) in pieces {
            @if marked { mark { (piece) } } @else { (piece) }
        }
    }
}

/// A `file://` URL for a path (made absolute against the working folder), with
/// everything but unreserved characters and `/` percent-encoded.
pub fn file_url(path: &str) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| std::path::PathBuf::from(path));
    let mut url = String::from("file://");
    for b in absolute.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// `12.5bn`, `310m`, `4.2k`.
pub fn short_money(v: f64) -> String {
    let (div, unit) = if v >= 1e12 {
        (1e12, "tn")
    } else if v >= 1e9 {
        (1e9, "bn")
    } else if v >= 1e6 {
        (1e6, "m")
    } else if v >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let x = v / div;
    if x >= 100.0 || unit.is_empty() {
        format!("{x:.0}{unit}")
    } else {
        format!("{x:.1}{unit}")
    }
}

/// SVG coordinates with two decimals (smaller files than full floats).
fn fmt(v: f64) -> String {
    format!("{v:.2}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_marked_and_text_is_escaped() {
        let marks = [21..29, 40..40];
        let out = highlighted("a <script>x</script> takeover", &marks).into_string();
        assert_eq!(
            out,
            "a &lt;script&gt;x&lt;/script&gt; <mark>takeover</mark>"
        );
    }

    #[test]
    fn file_urls_are_absolute_and_encoded() {
        let url = file_url("/tmp/a b#c.txt");
        assert_eq!(url, "file:///tmp/a%20b%23c.txt");
    }

    #[test]
    fn money_is_short() {
        assert_eq!(short_money(12_500_000_000.0), "12.5bn");
        assert_eq!(short_money(310_000_000.0), "310m");
        assert_eq!(short_money(999.0), "999");
    }
}
