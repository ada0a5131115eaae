//! Matching many patterns at once, with an automaton for running text and without one for
//! short queries.
//!
//! Building an Aho-Corasick automaton over thousands of patterns takes milliseconds, which a
//! one-off search would pay to look at a three-word query. [`PatternSet`] builds its automaton
//! only when running text needs it; a short query is matched through a [`PrefixIndex`] (the
//! patterns bucketed by their first two bytes), which costs a fraction of that to build and
//! leaves a handful of candidates to compare at each byte. Both ways find the same matches.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// Texts up to this long, when they are queries, are matched without building the automaton.
const SHORT_QUERY_BYTES: usize = 512;

/// What is being matched: running text always goes through the automaton; a query is short,
/// so scanning the patterns that start with each of its bytes is cheaper than building it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scan {
    Passage,
    Query,
}

/// A set of patterns (ids are their positions) matched overlapping, optionally ASCII
/// case-insensitive: the automaton half of the topic and entity matchers.
#[derive(Debug)]
pub(crate) struct PatternSet {
    /// All patterns, back to back.
    text: String,
    /// Byte range of pattern `i` in `text`.
    at: Vec<(u32, u32)>,
    ascii_case_insensitive: bool,
    /// Built on first use over running text.
    ac: OnceLock<AhoCorasick>,
    by_prefix: PrefixIndex,
}

impl PatternSet {
    /// A set of patterns already laid out back to back: pattern `i` is `text[at[i]]`.
    pub(crate) fn from_buffer(
        text: String,
        at: Vec<(u32, u32)>,
        ascii_case_insensitive: bool,
    ) -> PatternSet {
        let fold = |b: u8| {
            if ascii_case_insensitive {
                b.to_ascii_lowercase()
            } else {
                b
            }
        };
        let by_prefix = PrefixIndex::new(
            at.iter()
                .map(|&(a, b)| &text.as_bytes()[a as usize..b as usize]),
            fold,
        );
        PatternSet {
            text,
            at,
            ascii_case_insensitive,
            ac: OnceLock::new(),
            by_prefix,
        }
    }

    /// Pattern `id`'s text.
    pub(crate) fn pattern(&self, id: usize) -> &str {
        let (a, b) = self.at[id];
        &self.text[a as usize..b as usize]
    }

    /// Number of patterns.
    pub(crate) fn len(&self) -> usize {
        self.at.len()
    }

    /// Whether the automaton has been built (tests check that queries never build it).
    #[cfg(test)]
    pub(crate) fn has_automaton(&self) -> bool {
        self.ac.get().is_some()
    }

    /// The automaton over every pattern, built on first call: a full DFA, slow to build
    /// (milliseconds) and the fastest to search.
    pub(crate) fn automaton(&self) -> &AhoCorasick {
        self.ac.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(self.ascii_case_insensitive)
                .kind(Some(AhoCorasickKind::DFA))
                .build((0..self.len()).map(|i| self.pattern(i)))
                .expect("patterns are a valid Aho-Corasick pattern set")
        })
    }

    /// Calls `f(start, end, id)` for every occurrence of every pattern in `text`, overlapping,
    /// in no particular order. Running text goes through the automaton; a short query is
    /// scanned through the prefix index unless the automaton already exists.
    pub(crate) fn for_each_match(
        &self,
        text: &str,
        scan: Scan,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        if scan == Scan::Passage || text.len() > SHORT_QUERY_BYTES || self.ac.get().is_some() {
            for m in self.automaton().find_overlapping_iter(text) {
                f(m.start(), m.end(), m.pattern().as_usize());
            }
            return;
        }
        for s in 0..text.len() {
            self.matches_at(text, s, Scan::Query, &mut f);
        }
    }

    /// Calls `f(start, end, id)` for every pattern that occurs in `text` starting at byte `s`,
    /// without the automaton: the patterns sharing the first two bytes are compared in full.
    /// For scans that know where matches can start (see `KnownTable::find`); `scan` says
    /// whether many positions of running text will be tried (worth a lookup table).
    #[inline]
    pub(crate) fn matches_at(
        &self,
        text: &str,
        s: usize,
        scan: Scan,
        f: &mut impl FnMut(usize, usize, usize),
    ) {
        let bytes = text.as_bytes();
        let insensitive = self.ascii_case_insensitive;
        let fold = |b: u8| {
            if insensitive {
                b.to_ascii_lowercase()
            } else {
                b
            }
        };
        for &id in self.by_prefix.candidates(&bytes[s..], fold, scan) {
            let pat = self.pattern(id as usize).as_bytes();
            let Some(here) = bytes[s..].get(..pat.len()) else {
                continue;
            };
            let same = if insensitive {
                here.eq_ignore_ascii_case(pat)
            } else {
                here == pat
            };
            if same {
                f(s, s + pat.len(), id as usize);
            }
        }
    }
}

/// Pattern ids sorted by their (folded) first two bytes; one-byte patterns under `[b, 0]`.
/// One sorted vector rather than a map of buckets, built with one allocation. Scans of running
/// text also get a direct table of where each two-byte bucket starts (built on their first
/// use), so a lookup is two array reads instead of two binary searches.
#[derive(Debug, Default)]
pub(crate) struct PrefixIndex {
    entries: Vec<([u8; 2], u32)>,
    /// `bucket_start[k]..bucket_start[k + 1]` are the entries of key `k = a << 8 | b`.
    bucket_start: OnceLock<Vec<u32>>,
}

impl PrefixIndex {
    /// Indexes `patterns` (ids are their positions), folding bytes with `fold` (identity, or
    /// ASCII lowercase for a case-insensitive matcher). Empty patterns are left out.
    pub(crate) fn new<'a>(
        patterns: impl IntoIterator<Item = &'a [u8]>,
        fold: impl Fn(u8) -> u8,
    ) -> PrefixIndex {
        let mut entries: Vec<([u8; 2], u32)> = patterns
            .into_iter()
            .enumerate()
            .filter_map(|(id, p)| {
                let key = match p {
                    [] => return None,
                    [a] => [fold(*a), 0],
                    [a, b, ..] => [fold(*a), fold(*b)],
                };
                Some((key, id as u32))
            })
            .collect();
        // One u64 key per entry sorts faster than the tuples.
        entries.sort_unstable_by_key(|&([a, b], id)| {
            u64::from(a) << 40 | u64::from(b) << 32 | u64::from(id)
        });
        PrefixIndex {
            entries,
            bucket_start: OnceLock::new(),
        }
    }

    /// The direct bucket table (256 KiB): worth building for running text, not for a query.
    fn table(&self) -> &[u32] {
        self.bucket_start.get_or_init(|| {
            let mut start = vec![0u32; (1 << 16) + 1];
            for ([a, b], _) in &self.entries {
                start[(usize::from(*a) << 8 | usize::from(*b)) + 1] += 1;
            }
            for k in 1..start.len() {
                start[k] += start[k - 1];
            }
            start
        })
    }

    /// Ids of the patterns that may start at `rest[0]`: those whose first two bytes are
    /// `rest`'s, then the one-byte patterns equal to `rest[0]`. The caller still compares
    /// each pattern in full.
    pub(crate) fn candidates<'s>(
        &'s self,
        rest: &[u8],
        fold: impl Fn(u8) -> u8,
        scan: Scan,
    ) -> impl Iterator<Item = &'s u32> + 's {
        let table = (scan == Scan::Passage).then(|| self.table());
        let (two, one) = match rest {
            [] => (None, None),
            [a] => (None, Some([fold(*a), 0])),
            // A zero second byte shares the one-byte bucket: look it up once.
            [a, b, ..] if fold(*b) == 0 => (None, Some([fold(*a), 0])),
            [a, b, ..] => (Some([fold(*a), fold(*b)]), Some([fold(*a), 0])),
        };
        let bucket = |key: Option<[u8; 2]>| {
            let range = key.map_or(0..0, |k| {
                if let Some(start) = table {
                    let i = usize::from(k[0]) << 8 | usize::from(k[1]);
                    start[i] as usize..start[i + 1] as usize
                } else {
                    let from = self.entries.partition_point(|(e, _)| *e < k);
                    let to = from + self.entries[from..].partition_point(|(e, _)| *e == k);
                    from..to
                }
            });
            self.entries[range].iter().map(|(_, id)| id)
        };
        bucket(two).chain(bucket(one))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_pattern_starting_here_and_no_others() {
        // Both lookups: binary search (queries) and the bucket table (running text).
        for scan in [Scan::Query, Scan::Passage] {
            let patterns: [&[u8]; 5] = [b"deal", b"de", b"d", b"x", b""];
            let index = PrefixIndex::new(patterns, |b| b);
            let ids = |rest: &[u8]| -> Vec<u32> {
                let mut got: Vec<u32> = index.candidates(rest, |b| b, scan).copied().collect();
                got.sort_unstable();
                got
            };
            assert_eq!(ids(b"deals"), vec![0, 1, 2]);
            assert_eq!(ids(b"d"), vec![2]);
            assert_eq!(ids(b""), Vec::<u32>::new());
            assert_eq!(ids(b"d\0"), vec![2]);
            assert_eq!(ids(b"xy"), vec![3]);
            assert_eq!(ids(b"e"), Vec::<u32>::new());
            let folded = PrefixIndex::new([b"AWS".as_slice()], |b: u8| b.to_ascii_lowercase());
            let lower = |b: u8| b.to_ascii_lowercase();
            assert_eq!(folded.candidates(b"aws", lower, scan).count(), 1);
            assert_eq!(folded.candidates(b"AWs", lower, scan).count(), 1);
        }
    }
}
