//! How a vocabulary rule is written: a phrase spec, weights per topic, flags, and an optional
//! condition on the words that follow. The constructors (`ex`, `di`, `de`, `block` …) keep the
//! tables in `super::vocabulary` to one short line per rule.

/// Flag: a deal weight that needs company, object or money context to count in full.
pub(super) const WEAK: u8 = 1;
/// Flag: a company or money word that gives weak deal words their full weight.
pub(super) const CONTEXT: u8 = 2;
/// Flag: a business object ("unit", "stake") that earns weak deal words
/// [`PAIR_BONUS`](super::evidence::PAIR_BONUS).
pub(super) const OBJECT: u8 = 4;
/// Flag: financial-results vocabulary that triggers
/// [`RESULTS_DAMPING`](super::evidence::RESULTS_DAMPING).
pub(super) const RESULTS: u8 = 8;
/// Flag: a deal announcement, whose weight is never damped by results context.
pub(super) const ANNOUNCE: u8 = 16;
/// Flag: money-market vocabulary that triggers
/// [`MARKET_DAMPING`](super::evidence::MARKET_DAMPING).
pub(super) const MARKET: u8 = 32;

/// One entry of the rule tables. `spec` is lowercase text with two bits of syntax: `{a|b|}`
/// alternatives (an empty one makes the group optional) and a trailing `*` for a stem that
/// may run on into a longer word. `next` optionally checks the words after the match.
#[derive(Clone, Copy)]
pub(super) struct Rule {
    pub(super) spec: &'static str,
    pub(super) weights: [f32; 3],
    pub(super) flags: u8,
    pub(super) next: Next,
}

/// A condition on the words right after a match, after skipping up to
/// [`MAX_FILLERS`](super::vocabulary::MAX_FILLERS) [`FILLERS`](super::vocabulary::FILLERS) ("signed
/// *a new five-year* contract", "deal with *the growing* problem"). It keeps verb-plus-object rules
/// to one pattern per verb instead of one per combination.
#[derive(Clone, Copy)]
pub(super) enum Next {
    /// No condition.
    Any,
    /// The rule counts only if one of these words comes next; the match then covers it.
    OneOf(&'static [&'static str]),
    /// If one of these words comes next, the match becomes a blocker covering it.
    NoneOf(&'static [&'static str]),
}

impl Rule {
    /// Counts only when followed by one of `words` (see [`Next::OneOf`]).
    pub(super) const fn then(self, words: &'static [&'static str]) -> Rule {
        Rule {
            next: Next::OneOf(words),
            ..self
        }
    }

    /// Blocks instead when followed by one of `words` (see [`Next::NoneOf`]).
    pub(super) const fn unless(self, words: &'static [&'static str]) -> Rule {
        Rule {
            next: Next::NoneOf(words),
            ..self
        }
    }
}

pub(super) const fn rule(spec: &'static str, weights: [f32; 3], flags: u8) -> Rule {
    Rule {
        spec,
        weights,
        flags,
        next: Next::Any,
    }
}
/// Exclusivity evidence.
pub(super) const fn ex(spec: &'static str, w: f32) -> Rule {
    rule(spec, [w, 0.0, 0.0], 0)
}
/// Dispute evidence.
pub(super) const fn di(spec: &'static str, w: f32) -> Rule {
    rule(spec, [0.0, w, 0.0], 0)
}
/// Deal evidence that results context damps (see
/// [`RESULTS_DAMPING`](super::evidence::RESULTS_DAMPING)).
pub(super) const fn de(spec: &'static str, w: f32) -> Rule {
    rule(spec, [0.0, 0.0, w], 0)
}
/// A deal announcement (see [`ANNOUNCE`]).
pub(super) const fn announce(spec: &'static str, w: f32) -> Rule {
    rule(spec, [0.0, 0.0, w], ANNOUNCE)
}
/// A weak deal word (see [`WEAK_ALONE`](super::evidence::WEAK_ALONE)).
pub(super) const fn weak(spec: &'static str, w: f32) -> Rule {
    rule(spec, [0.0, 0.0, w], WEAK)
}
/// Evidence for several topics at once ("hostile takeover", "exclusive licence").
pub(super) const fn multi(spec: &'static str, weights: [f32; 3]) -> Rule {
    rule(spec, weights, 0)
}
/// Context that cancels a topic word by covering it with a longer, weightless match.
pub(super) const fn block(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], 0)
}
/// A company or money word (see [`CONTEXT`]).
pub(super) const fn company_or_money(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], CONTEXT)
}
/// A business object (see [`OBJECT`]); also company context.
pub(super) const fn object(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], OBJECT | CONTEXT)
}
/// Financial-results vocabulary (see [`RESULTS`]).
pub(super) const fn results(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], RESULTS)
}

/// Money-market vocabulary (see [`MARKET`]).
pub(super) const fn market(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], MARKET)
}

/// Identifies a rule's [`Next`] condition for duplicate detection: its kind and word list.
#[cfg(test)]
pub(super) fn next_key(next: Next) -> (u8, usize) {
    match next {
        Next::Any => (0, 0),
        Next::OneOf(w) => (1, w.as_ptr() as usize),
        Next::NoneOf(w) => (2, w.as_ptr() as usize),
    }
}
