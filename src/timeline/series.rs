//! Splitting a timeline into series. Each article goes into exactly one series, so
//! stacked bars add up to the period's total:
//!
//! - topic: the topic the article scores highest on (over its counted passages), when that
//!   score is at least [`TOPIC_MIN`]; otherwise `no topic`;
//! - entity: of the five entities tagged in the most articles, the one the article tags in
//!   the most passages (ties: the more common entity); otherwise `other`;
//! - source: the five sources with the most articles, the rest `other`.

use super::Article;
use crate::extract::topics::Topic;

/// Lowest topic score for an article to count under that topic.
pub const TOPIC_MIN: f32 = 0.5;
/// Named series when splitting by entity or source; the rest is `other`.
const TOP: usize = 5;

/// What series a timeline is split into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitBy {
    Topic,
    Entity,
    Source,
}

impl SplitBy {
    pub fn as_str(self) -> &'static str {
        match self {
            SplitBy::Topic => "topic",
            SplitBy::Entity => "entity",
            SplitBy::Source => "source",
        }
    }
}

/// Series names and each article's series. Copies are given the last series; they are
/// not counted anyway.
pub fn split(articles: &[Article], by: SplitBy) -> (Vec<String>, Vec<usize>) {
    match by {
        SplitBy::Topic => {
            let mut names: Vec<String> = Topic::ALL.iter().map(|t| t.as_str().into()).collect();
            names.push("no topic".into());
            let assignment = articles
                .iter()
                .map(|a| {
                    let t = a.topics;
                    let scores = [t.exclusivity, t.dispute, t.deal];
                    let (best, score) = scores.iter().copied().enumerate().fold(
                        (scores.len(), 0.0f32),
                        |acc, (i, s)| {
                            if s > acc.1 {
                                (i, s)
                            } else {
                                acc
                            }
                        },
                    );
                    if score >= TOPIC_MIN {
                        best
                    } else {
                        scores.len()
                    }
                })
                .collect();
            (names, assignment)
        }
        SplitBy::Entity => {
            let top = most_common(
                articles
                    .iter()
                    .filter(|a| !a.copy)
                    .flat_map(|a| a.entities.iter().map(|(n, _)| n.as_str())),
            );
            let assignment = articles
                .iter()
                .map(|a| {
                    let mut best: Option<(usize, usize)> = None; // (series, passages)
                    for (rank, name) in top.iter().enumerate() {
                        if let Some((_, n)) = a.entities.iter().find(|(e, _)| e == name) {
                            if best.is_none_or(|(_, m)| *n > m) {
                                best = Some((rank, *n));
                            }
                        }
                    }
                    best.map_or(top.len(), |(rank, _)| rank)
                })
                .collect();
            (with_other(top), assignment)
        }
        SplitBy::Source => {
            let label = |a: &Article| {
                if a.source.is_empty() {
                    "(no source)".to_string()
                } else {
                    a.source.clone()
                }
            };
            let labels: Vec<String> = articles.iter().map(label).collect();
            let top = most_common(
                articles
                    .iter()
                    .zip(&labels)
                    .filter(|(a, _)| !a.copy)
                    .map(|(_, l)| l.as_str()),
            );
            let assignment = labels
                .iter()
                .map(|l| top.iter().position(|t| t == l).unwrap_or(top.len()))
                .collect();
            (with_other(top), assignment)
        }
    }
}

/// The [`TOP`] most frequent names (ties: alphabetical).
fn most_common<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for name in names {
        *counts.entry(name).or_insert(0) += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .into_iter()
        .take(TOP)
        .map(|(n, _)| n.to_string())
        .collect()
}

fn with_other(mut names: Vec<String>) -> Vec<String> {
    names.push("other".into());
    names
}
