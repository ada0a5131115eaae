//! Finding which of many patterns start at a place in a short text, without an automaton.
//!
//! Building an Aho-Corasick automaton over thousands of patterns takes milliseconds, which a
//! one-off search would pay to look at a three-word query. Bucketing the patterns by their
//! first two bytes costs a fraction of that to build, and leaves a handful of candidates to
//! compare at each byte of the query.

/// Pattern ids sorted by their (folded) first two bytes; one-byte patterns under `[b, 0]`.
/// One sorted vector (binary-searched) rather than a map of buckets: built with one allocation.
#[derive(Debug, Default)]
pub(crate) struct PrefixIndex {
    entries: Vec<([u8; 2], u32)>,
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
        PrefixIndex { entries }
    }

    /// Ids of the patterns that may start at `rest[0]`: those whose first two bytes are
    /// `rest`'s, then the one-byte patterns equal to `rest[0]`. The caller still compares
    /// each pattern in full.
    pub(crate) fn candidates<'s>(
        &'s self,
        rest: &[u8],
        fold: impl Fn(u8) -> u8,
    ) -> impl Iterator<Item = &'s u32> + 's {
        let (two, one) = match rest {
            [] => (None, None),
            [a] => (None, Some([fold(*a), 0])),
            // A zero second byte shares the one-byte bucket: look it up once.
            [a, b, ..] if fold(*b) == 0 => (None, Some([fold(*a), 0])),
            [a, b, ..] => (Some([fold(*a), fold(*b)]), Some([fold(*a), 0])),
        };
        let bucket = |key: Option<[u8; 2]>| {
            let range = key.map_or(0..0, |k| {
                let from = self.entries.partition_point(|(e, _)| *e < k);
                let to = from + self.entries[from..].partition_point(|(e, _)| *e == k);
                from..to
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
        let patterns: [&[u8]; 5] = [b"deal", b"de", b"d", b"x", b""];
        let index = PrefixIndex::new(patterns, |b| b);
        let mut got: Vec<u32> = index.candidates(b"deals", |b| b).copied().collect();
        got.sort_unstable();
        assert_eq!(got, vec![0, 1, 2]);
        assert_eq!(
            index.candidates(b"d", |b| b).copied().collect::<Vec<_>>(),
            vec![2]
        );
        assert_eq!(index.candidates(b"", |b| b).count(), 0);
        assert_eq!(
            index.candidates(b"d\0", |b| b).copied().collect::<Vec<_>>(),
            vec![2]
        );
        let folded = PrefixIndex::new([b"AWS".as_slice()], |b: u8| b.to_ascii_lowercase());
        assert_eq!(
            folded
                .candidates(b"aws", |b| b.to_ascii_lowercase())
                .count(),
            1
        );
    }
}
