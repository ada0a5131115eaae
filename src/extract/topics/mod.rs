//! Topic scoring: how strongly a passage is about exclusivity, disputes or deals.
//!
//! newsdex is best at the three things its users ask about most, so every passage gets a
//! score per [`Topic`] at index time and every query is checked for the topics it names. This
//! module owns the vocabulary behind both: weighted words and phrases per topic, the contexts
//! that cancel them ("deal with the problem", "exclusive interview", "fine print"), and the
//! saturating combination into `[0, 1]`.
//!
//! It is a pure function of the text, with no dependency on the other extractors, so it runs
//! on every passage of a large corpus and can be tested on sentences alone. Scoring lowercases
//! the passage once into a reused buffer and makes one pass of a precompiled Aho-Corasick
//! automaton over it; a few rules then look at the next words ("signed *a new* contract").
//!
//! The vocabulary and [`DEAL_THRESHOLD`] were tuned on the Reuters-21578 TRAIN split (its
//! `acq` category against its earnings reports) and on the training halves of the judged
//! passage sets in `tests/topics/` (Reuters-21578 and BBC News passages graded 0/1 per topic);
//! `scripts/eval-topics` reruns both, reports the held-out halves and times the scorer.
//!
//! # Layout
//!
//! The public face is here; the vocabulary is data in `vocabulary` (rules written with the
//! constructors in `rule`), compiled and scanned by `matcher` (after `normalise`, with rule
//! specs expanded by `spec`), and the matches are combined into scores in `evidence`.

mod evidence;
mod matcher;
mod normalise;
mod rule;
mod spec;
#[cfg(test)]
mod tests;
mod vocabulary;

use crate::extract::prefix::Scan;

use evidence::{Sums, QUERY_ALIASES, QUERY_MIN_EVIDENCE};
use matcher::{LABELS, MATCHER};
use rule::{CONTEXT, MARKET, OBJECT, RESULTS};
use vocabulary::{EXPAND_DEAL, EXPAND_DISPUTE, EXPAND_EXCLUSIVITY};

/// The three things users ask about most.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
#[value(rename_all = "lowercase")]
pub enum Topic {
    /// Exclusive rights and their limits: sole suppliers, rights of first refusal, lock-in.
    Exclusivity,
    /// Conflict between parties: lawsuits, complaints, probes, fines, hostile moves.
    Dispute,
    /// Transactions between parties: acquisitions, mergers, stakes, contracts, partnerships.
    Deal,
}

impl Topic {
    /// Every topic, in the order used for score arrays and for [`topics_in_query`] results,
    /// so callers can iterate without listing the variants themselves.
    pub const ALL: [Topic; 3] = [Topic::Exclusivity, Topic::Dispute, Topic::Deal];

    /// The topic's name as it appears in the index, in JSON and on the command line (the
    /// same spelling serde uses).
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Exclusivity => "exclusivity",
            Topic::Dispute => "dispute",
            Topic::Deal => "deal",
        }
    }

    /// Position in [`Topic::ALL`] and in per-topic weight arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Topic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How strongly a passage is about each topic, each in [0, 1]: as scored, as stored with
/// a passage and as printed in JSON (`{"exclusivity":…,"dispute":…,"deal":…}`).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TopicScores {
    /// Score for [`Topic::Exclusivity`].
    pub exclusivity: f32,
    /// Score for [`Topic::Dispute`].
    pub dispute: f32,
    /// Score for [`Topic::Deal`].
    pub deal: f32,
}

impl TopicScores {
    /// The score for one topic, so ranking code can stay generic over [`Topic`].
    pub fn get(&self, t: Topic) -> f32 {
        match t {
            Topic::Exclusivity => self.exclusivity,
            Topic::Dispute => self.dispute,
            Topic::Deal => self.deal,
        }
    }
}

/// The deal score above which an article counts as a deal (tuned on Reuters TRAIN; see eval).
///
/// An article is a deal when the best of its passages (title included) reaches this score.
/// It sits between `1 − e^−0.8` (0.551) and `1 − e^−0.9` (0.593): one announcement
/// ("agreed to acquire", "tender offer", "raised its stake", weight 0.9–1.0) is enough, a
/// single topic noun ("merger", "acquisition", "stake", 0.4–0.8) is not, and two pieces of
/// evidence usually are. On Reuters TRAIN it flags 96.8% of `acq` articles and 4.8% of
/// earnings reports; `scripts/eval-topics` prints the sweep behind the choice.
pub const DEAL_THRESHOLD: f32 = 0.57;

/// The passage score at which a passage counts as about a topic: the default of
/// `--min-topic` (`timeline`, `report`).
///
/// Chosen on the training halves of the judged passage sets in `tests/topics/`;
/// `scripts/eval-topics` prints the sweep behind it and precision/recall on the test halves.
pub const TOPIC_THRESHOLD: f32 = 0.5;

/// Scores a passage (any length; typically a paragraph of 20–150 words).
///
/// Each topic's score is `1 − exp(−Σ w)` over the weights of the vocabulary found in the
/// passage, so one strong term (1.0) gives 0.63 and two give 0.86. Adding evidence never
/// lowers a score; the one deliberate exception is deal vocabulary inside a financial-results
/// passage ("net includes operations of X, acquired in June"), which counts half, because
/// results mention past deals in passing.
pub fn score_topics(text: &str) -> TopicScores {
    let mut sums = Sums::default();
    MATCHER.for_each_hit(text, Scan::Passage, false, |_, _, p| sums.add(p));
    let [exclusivity, dispute, deal] = sums.finish();
    TopicScores {
        exclusivity,
        dispute,
        deal,
    }
}

/// Topics a search query is about, from its words ("Azure exclusivity" → \[Exclusivity\]; "legal
/// action" → \[Dispute\]; "cloud deal" → \[Deal\]; "lawsuit over the merger" → \[Dispute, Deal\]).
///
/// Uses the passage vocabulary, so a query and the passages it should find agree on what a
/// topic word is, plus a few words people type in queries that are too vague to score
/// passages with ("legal", "contract", "m&a"). A topic counts when its evidence reaches half
/// of a strong term, so weak words ("buy", "partner", "challenge") alone do not make a query
/// topical. Results are in [`Topic::ALL`] order.
pub fn topics_in_query(query: &str) -> Vec<Topic> {
    // Plain sums: queries are a few words, with no results context worth modelling.
    let mut sums = [0.0f32; 3];
    MATCHER.for_each_hit(query, Scan::Query, false, |_, _, p| {
        for (s, w) in sums.iter_mut().zip(p.weights) {
            *s += w;
        }
    });
    let lower = query.to_lowercase();
    for word in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '-'))
        .filter(|w| !w.is_empty())
    {
        for &(alias, topic) in QUERY_ALIASES {
            if word == alias {
                sums[topic.index()] += 1.0;
            }
        }
    }
    Topic::ALL
        .into_iter()
        .filter(|t| sums[t.index()] >= QUERY_MIN_EVIDENCE)
        .collect()
}

/// Vocabulary used to expand a topical query: phrases (lowercase, space-separated words as a user
/// would type them) with weights in (0, 1] — e.g. Exclusivity: "exclusive" 1.0, "exclusivity" 1.0,
/// "sole provider" 0.8, "only provider" 0.7, "right of first refusal" 0.9, "lock-in" 0.6 …
///
/// Kept apart from the scoring rules: scoring needs stems, blockers and weak words, while
/// expansion needs the handful of phrases a search engine can add to a query without
/// drowning it. A unit test checks that every phrase here scores for its own topic.
pub fn expansion_terms(topic: Topic) -> &'static [(&'static str, f32)] {
    match topic {
        Topic::Exclusivity => EXPAND_EXCLUSIVITY,
        Topic::Dispute => EXPAND_DISPUTE,
        Topic::Deal => EXPAND_DEAL,
    }
}

/// What a piece of matched vocabulary does to the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// Adds its weights to the topics' evidence.
    Evidence,
    /// Adds nothing itself but changes how deal evidence counts: a company or money word,
    /// a business object ("unit", "stake") or financial-results vocabulary.
    Context,
    /// Weightless text that covers a topic word so it does not count ("exclusive
    /// interview", "deal with the problem", "fine print").
    Blocker,
}

/// One piece of vocabulary found in a passage, as returned by [`explain_topics`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct TopicMatch {
    /// Byte offset in the passage where the match starts.
    pub start: usize,
    /// Byte offset in the passage where the match ends (exclusive). A rule that checked the
    /// next words ("signed…") reaches to the word it needed ("signed a new contract").
    pub end: usize,
    /// The rule that matched, as written in the vocabulary tables (a trailing `*` marks a
    /// stem; a trailing `…` marks a rule that also checked the next words).
    pub term: &'static str,
    /// Its weight per topic, in [`Topic::ALL`] order.
    pub weights: [f32; 3],
    /// What the match does to the scores.
    pub kind: TermKind,
}

/// The vocabulary behind [`score_topics`], match by match, so evaluations and an explain
/// view can show why a passage got its scores (and highlight the words, using the offsets).
pub fn explain_topics(text: &str) -> Vec<TopicMatch> {
    let mut out = Vec::new();
    MATCHER.for_each_hit(text, Scan::Passage, true, |(start, end), id, p| {
        let kind = if p.weights != [0.0; 3] {
            TermKind::Evidence
        } else if p.flags & (CONTEXT | OBJECT | RESULTS | MARKET) != 0 {
            TermKind::Context
        } else {
            TermKind::Blocker
        };
        out.push(TopicMatch {
            start,
            end,
            term: LABELS[id].as_str(),
            weights: p.weights,
            kind,
        });
    });
    out
}
