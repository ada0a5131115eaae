//! How the evidence found in a passage becomes three scores.
//!
//! Matches are summed per topic and kind (announcements, other deal evidence, weak words and the
//! contexts that change how they count), then saturated into `[0, 1]`. The constants here were
//! tuned on the Reuters-21578 TRAIN split with `scripts/eval-topics`.

use super::matcher::Pattern;
use super::rule::{ANNOUNCE, CONTEXT, MARKET, OBJECT, RESULTS, WEAK};
use super::Topic;

/// Weak deal words ("buy", "sale of", "offer") count in full only in a passage that names a
/// company, a business object or money; elsewhere ("buy groceries") they count this much.
pub(super) const WEAK_ALONE: f32 = 0.3;

/// Added when a weak transaction word and a business object ("unit", "division", "stake")
/// share a passage: "sold its Airdrome Parts division" is a deal though the verb and the
/// object are several words apart.
pub(super) const PAIR_BONUS: f32 = 0.3;

/// Deal nouns and weak words count this much in a passage that reports financial results
/// ("NOTE: 1986 net includes operations of X, acquired in June"). Announcements ("agreed to
/// acquire") keep their full weight. On Reuters TRAIN it cuts earnings reports flagged as
/// deals from 6.0% to 4.8% for 0.3 points of `acq` recall.
pub(super) const RESULTS_DAMPING: f32 = 0.5;

/// All deal evidence, announcements included, counts this much in a passage about the money
/// market ("bought treasury bills", "offered to exchange its bonds"): buying and selling there
/// is trading, not a deal between companies. Chosen on the training half of
/// `tests/topics/deal.tsv` with Reuters TRAIN acq recall held.
pub(super) const MARKET_DAMPING: f32 = 0.5;

/// Evidence a query needs for a topic: half of one strong term.
pub(super) const QUERY_MIN_EVIDENCE: f32 = 0.5;

/// Words that name a topic in a query ("Azure contract") but are too vague or too common to
/// score passages with on their own.
pub(super) const QUERY_ALIASES: &[(&str, Topic)] = &[
    ("exclusives", Topic::Exclusivity),
    ("legal", Topic::Dispute),
    ("legally", Topic::Dispute),
    ("m&a", Topic::Deal),
    ("contract", Topic::Deal),
    ("contracts", Topic::Deal),
    ("agreement", Topic::Deal),
    ("agreements", Topic::Deal),
    ("investment", Topic::Deal),
    ("investments", Topic::Deal),
    ("licensing", Topic::Deal),
];

/// The evidence found in one passage, kept apart by kind until [`Sums::finish`] combines it.
#[derive(Default)]
pub(super) struct Sums {
    pub(super) exclusivity: f32,
    pub(super) dispute: f32,
    /// Deal announcements: never damped.
    pub(super) announce: f32,
    /// Other deal evidence.
    pub(super) deal: f32,
    /// Weak deal words, before [`WEAK_ALONE`] and [`PAIR_BONUS`].
    pub(super) weak: f32,
    pub(super) context: bool,
    pub(super) object: bool,
    pub(super) results: bool,
    pub(super) market: bool,
}

impl Sums {
    pub(super) fn add(&mut self, p: &Pattern) {
        let [x, d, deal] = p.weights;
        self.exclusivity += x;
        self.dispute += d;
        if p.flags & ANNOUNCE != 0 {
            self.announce += deal;
        } else if p.flags & WEAK != 0 {
            self.weak += deal;
        } else {
            self.deal += deal;
        }
        self.context |= p.flags & CONTEXT != 0;
        self.object |= p.flags & OBJECT != 0;
        self.results |= p.flags & RESULTS != 0;
        self.market |= p.flags & MARKET != 0;
    }

    pub(super) fn finish(&self) -> [f32; 3] {
        let weak = self.weak * if self.context { 1.0 } else { WEAK_ALONE };
        let pair = if self.weak > 0.0 && self.object {
            PAIR_BONUS
        } else {
            0.0
        };
        let damping = if self.results { RESULTS_DAMPING } else { 1.0 };
        let market = if self.market { MARKET_DAMPING } else { 1.0 };
        let deal = (self.announce + (self.deal + weak + pair) * damping) * market;
        [self.exclusivity, self.dispute, deal].map(saturate)
    }
}

/// Maps summed evidence to `[0, 1]`, monotonically: 1.0 gives 0.63, 2.0 gives 0.86.
pub(super) fn saturate(evidence: f32) -> f32 {
    1.0 - (-evidence.max(0.0)).exp()
}
