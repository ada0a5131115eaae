//! The compiled vocabulary and the scan over a passage.
//!
//! Every rule is expanded into phrases and compiled once into one automaton (`Matcher`); a
//! passage is lowercased once into a reused per-thread buffer, scanned in one pass, the
//! `Next` conditions are checked on the words after each match, and overlapping matches are
//! resolved longest-first so blockers and richer phrases cover the words inside them.

use std::cell::RefCell;
use std::sync::LazyLock;

use crate::extract::prefix::PatternSet;
use crate::extract::prefix::Scan;

use super::normalise::normalise_into;
use super::rule::Next;
use super::spec::expand_into;
use super::vocabulary::{DEAL, DISPUTE, EXCLUSIVITY, FILLERS, MAX_FILLERS};

/// One expanded pattern: the text fed to the automaton and what a match is worth.
pub(super) struct Pattern {
    pub(super) weights: [f32; 3],
    pub(super) flags: u8,
    pub(super) next: Next,
    /// For a [`Next::NoneOf`] rule, the index of its weightless twin used when it is vetoed.
    pub(super) blocked_twin: Option<u32>,
    /// For such a twin, the index of the rule it stands in for.
    pub(super) twin_of: Option<u32>,
    /// The phrase ends in `*`: any word starting with it matches.
    pub(super) stem: bool,
    /// Whether the byte before a match must not be a word byte; false for patterns that
    /// start with punctuation (`$`).
    pub(super) check_left: bool,
    /// Whether the byte after a match must not be a word byte; false for stems (`acquir*`)
    /// and for patterns ending in punctuation (`exclusive:`).
    pub(super) check_right: bool,
}

/// The compiled vocabulary: one automaton over every expanded pattern.
pub(super) struct Matcher {
    /// The phrases searched for (pattern `i` describes needle `i`); their automaton is built
    /// on first use over a passage, never for a query.
    pub(super) needles: PatternSet,
    /// Indexed by automaton pattern id, followed by the blocked twins.
    pub(super) patterns: Vec<Pattern>,
}

/// A kept match of pattern `id` over `start..end` of the normalised text. For a rule that
/// checked the next words, `reach` extends to the word it found; otherwise it equals `end`.
#[derive(Clone, Copy)]
pub(super) struct Hit {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) reach: u32,
    pub(super) id: u32,
}

/// Per-thread scratch space, so scoring a passage allocates nothing once warmed up.
#[derive(Default)]
pub(super) struct Scratch {
    pub(super) text: String,
    pub(super) hits: Vec<Hit>,
    /// Normalised byte offset → original byte offset; filled only for
    /// [`explain_topics`](super::explain_topics).
    pub(super) offsets: Vec<usize>,
}

/// Scratch capacity kept between calls; a longer text gets its memory back afterwards.
pub(super) const RETAINED_BYTES: usize = 1 << 20;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

pub(super) static MATCHER: LazyLock<Matcher> = LazyLock::new(Matcher::build);

/// Each pattern's phrase as [`explain_topics`](super::explain_topics) reports it: a trailing `*`
/// marks a stem, `…` a rule that checked the next words. Built on first explain, as nothing else
/// needs them.
pub(super) static LABELS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let m = &*MATCHER;
    let label = |i: usize| {
        let p = &m.patterns[i];
        let mut label = m.needles.pattern(i).to_string();
        if p.stem {
            label.push('*');
        }
        if !matches!(p.next, Next::Any) {
            label.push('…');
        }
        label
    };
    (0..m.patterns.len())
        .map(|i| match m.patterns[i].twin_of {
            Some(rule) => format!("{} (blocked)", label(rule as usize)),
            None => label(i),
        })
        .collect()
});

impl Matcher {
    pub(super) fn build() -> Matcher {
        let mut patterns: Vec<Pattern> = Vec::new();
        // All needles in one buffer: a one-off search builds this, so it allocates little.
        let mut needle_text = String::with_capacity(64 * 1024);
        let mut needle_at: Vec<(u32, u32)> = Vec::with_capacity(4096);
        patterns.reserve(4096);
        for rule in EXCLUSIVITY.iter().chain(DISPUTE).chain(DEAL) {
            // The same phrase may appear in two rules only with different conditions on the
            // next words (a bare "buy" and "buy … stake"); the automaton reports both and the
            // longer match wins. `tests::no_duplicate_phrases` makes sure no phrase repeats
            // under the same condition, so nothing here needs to deduplicate.
            let first_new = needle_at.len();
            expand_into(rule.spec, &mut needle_text, &mut needle_at);
            for at in &mut needle_at[first_new..] {
                let text = &needle_text[at.0 as usize..at.1 as usize];
                let stem = text.ends_with('*');
                let body = text.trim_end_matches('*');
                at.1 = at.0 + body.len() as u32;
                let first = body.as_bytes().first().copied().unwrap_or(b' ');
                let last = body.as_bytes().last().copied().unwrap_or(b' ');
                patterns.push(Pattern {
                    weights: rule.weights,
                    flags: rule.flags,
                    next: rule.next,
                    blocked_twin: None,
                    twin_of: None,
                    stem,
                    check_left: is_word_byte(first),
                    check_right: !stem && is_word_byte(last),
                });
            }
        }
        let needles = PatternSet::from_buffer(needle_text, needle_at, false);
        for i in 0..patterns.len() {
            if !matches!(patterns[i].next, Next::NoneOf(_)) {
                continue;
            }
            let twin = patterns.len() as u32;
            let p = &patterns[i];
            let blocked = Pattern {
                weights: [0.0; 3],
                flags: 0,
                next: Next::Any,
                blocked_twin: None,
                twin_of: Some(i as u32),
                stem: p.stem,
                check_left: p.check_left,
                check_right: p.check_right,
            };
            patterns[i].blocked_twin = Some(twin);
            patterns.push(blocked);
        }
        Matcher { needles, patterns }
    }

    /// Calls `f` with the byte range and pattern of each match kept after overlap
    /// resolution, blockers and context included. With `original_offsets` the ranges are in
    /// `text`; otherwise they are in the normalised copy.
    pub(super) fn for_each_hit<'a>(
        &'a self,
        text: &str,
        scan: Scan,
        original_offsets: bool,
        mut f: impl FnMut((usize, usize), usize, &'a Pattern),
    ) {
        SCRATCH.with(|cell| {
            // Only a re-entrant call (impossible today: `f` never scores) could find the
            // scratch borrowed; fresh buffers are the safe fallback.
            let mut fresh = Scratch::default();
            let mut guard = cell.try_borrow_mut();
            let scratch = match guard.as_deref_mut() {
                Ok(s) => s,
                Err(_) => &mut fresh,
            };
            let offsets = original_offsets.then_some(&mut scratch.offsets);
            normalise_into(text, &mut scratch.text, offsets);
            self.collect_hits(&scratch.text, scan, &mut scratch.hits);
            for h in &scratch.hits {
                let (mut s, mut e) = (h.start as usize, h.reach as usize);
                if original_offsets {
                    (s, e) = (scratch.offsets[s], scratch.offsets[e]);
                }
                f((s, e), h.id as usize, &self.patterns[h.id as usize]);
            }
            // Keep the buffers for the next passage, but not a whole book's worth.
            scratch.text.shrink_to(RETAINED_BYTES);
            scratch.offsets.shrink_to(RETAINED_BYTES);
            scratch.hits.shrink_to(RETAINED_BYTES / 64);
        })
    }

    /// Finds every pattern occurrence that starts and ends on word boundaries and meets its
    /// [`Next`] condition, then keeps the longest match at each position, left to right,
    /// without overlaps. Longest-wins is what lets a weightless blocker ("exclusive
    /// interview") or a richer phrase ("tender offer") replace the bare word inside it.
    ///
    /// A rule that checked the next words competes by its full reach ("signed … contract"
    /// beats "signed" alone) but covers only its own words, so evidence between them still
    /// counts: "signed an *exclusive* agreement" is exclusivity as well as a deal.
    pub(super) fn collect_hits(&self, text: &str, scan: Scan, hits: &mut Vec<Hit>) {
        hits.clear();
        let bytes = text.as_bytes();
        self.needles.for_each_match(text, scan, |start, end, id| {
            let mut id = id as u32;
            let p = &self.patterns[id as usize];
            let mut reach = end;
            if p.check_left && start > 0 && is_word_byte(bytes[start - 1]) {
                return;
            }
            if p.check_right && end < bytes.len() && is_word_byte(bytes[end]) {
                return;
            }
            match p.next {
                Next::Any => {}
                Next::OneOf(words) => match next_word_in(bytes, end, words) {
                    Some(e) => reach = e,
                    None => return,
                },
                Next::NoneOf(words) => {
                    if let (Some(e), Some(twin)) = (next_word_in(bytes, end, words), p.blocked_twin)
                    {
                        reach = e;
                        id = twin;
                    }
                }
            }
            hits.push(Hit {
                start: start as u32,
                end: end as u32,
                reach: reach as u32,
                id,
            });
        });
        hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.reach), h.id));
        let mut kept = 0;
        let mut covered = 0;
        for i in 0..hits.len() {
            let h = hits[i];
            if h.start >= covered {
                hits[kept] = h;
                kept += 1;
                covered = h.end;
            }
        }
        hits.truncate(kept);
    }
}

/// Looks at the words after byte `pos`: skips up to [`MAX_FILLERS`] filler words plus one
/// other word (a modifier: "signed a multi-year *cloud* contract"), and if the next word is one
/// of `words`, returns the byte offset where it ends. Stops at clause punctuation, so
/// "completed. The sale" does not connect.
pub(super) fn next_word_in(bytes: &[u8], mut pos: usize, words: &[&str]) -> Option<usize> {
    let mut modifier_left = true;
    for _ in 0..=MAX_FILLERS {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let token = &bytes[start..pos];
        // Trailing punctuation ends the word, and the clause if it is a stop or a comma.
        let word_len = token
            .iter()
            .rposition(|&b| is_word_byte(b))
            .map_or(0, |i| i + 1);
        let word = &token[..word_len];
        if word.is_empty() {
            return None;
        }
        if words.iter().any(|w| w.as_bytes() == word) {
            return Some(start + word_len);
        }
        if token[word_len..].iter().any(|b| b".,;:!?()".contains(b)) {
            return None;
        }
        if !is_filler(word) {
            if !modifier_left {
                return None;
            }
            modifier_left = false;
        }
    }
    None
}

/// Whether a word may sit between a rule's head and the word it needs: a [`FILLERS`] word,
/// an amount ("1.05", "$5bn", "10%") or a duration ("five-year").
pub(super) fn is_filler(word: &[u8]) -> bool {
    let numeric = matches!(word.first(), Some(b'0'..=b'9' | b'$'))
        || word.starts_with("€".as_bytes())
        || word.starts_with("£".as_bytes());
    numeric
        || word.ends_with(b"-year")
        || word.ends_with(b"-month")
        || FILLERS.iter().any(|f| f.as_bytes() == word)
}

/// Letters, digits and every byte of a non-ASCII character count as word bytes, so "sue"
/// does not match inside "issue" or "suède", while "-", "'" and punctuation end words.
pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

#[cfg(test)]
mod tests {
    use crate::extract::prefix::Scan;

    use super::{Hit, Matcher};
    use crate::extract::topics::normalise::normalise_into;

    /// Queries scanned through the prefix index (no automaton) get exactly the hits the
    /// automaton gives, on random mixes of vocabulary, near-misses and junk.
    #[test]
    fn query_scan_matches_the_automaton_on_random_text() {
        let scanned = Matcher::build();
        let automaton = Matcher::build();
        automaton.needles.automaton();
        let pieces = [
            " ", ", ", ". ", "-", "'", "the ", "a ", "x", "é", "\u{2019}", "$", "5bn ", "\n",
        ];
        let mut rng = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..rng.below(8) + 1 {
                if rng.below(3) == 0 {
                    text.push_str(pieces[rng.below(pieces.len())]);
                } else {
                    let needle = scanned.needles.pattern(rng.below(scanned.needles.len()));
                    let cut = if rng.below(4) == 0 {
                        needle.len() / 2
                    } else {
                        needle.len()
                    };
                    text.push_str(needle.get(..cut).unwrap_or(needle));
                }
            }
            let mut normal = String::new();
            normalise_into(&text, &mut normal, None);
            scanned.collect_hits(&normal, Scan::Query, &mut a);
            automaton.collect_hits(&normal, Scan::Query, &mut b);
            let key = |h: &Hit| (h.start, h.end, h.reach, h.id);
            assert_eq!(
                a.iter().map(key).collect::<Vec<_>>(),
                b.iter().map(key).collect::<Vec<_>>(),
                "{normal:?}"
            );
        }
        assert!(
            !scanned.needles.has_automaton(),
            "the scan never built the automaton"
        );
    }
}
