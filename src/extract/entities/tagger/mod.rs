//! The learned named-entity tagger: a greedy, left-to-right averaged perceptron over hashed
//! features, trained on CoNLL-2003 by `examples/train_ner.rs` (see [`super::train`]).
//!
//! It exists to find the entities the curated table cannot know about: people, companies and
//! places that first show up in the news. It runs on every passage at index time, so it is
//! built for speed:
//!
//! * features are 64-bit hashes built from per-token hashes computed once; no `String` is made
//!   per feature or per token;
//! * weights live in an open-addressing table of hashes with `i16` weights per label;
//! * decoding is greedy (each token's label is chosen from its features and the two labels
//!   before it), and tokens that are obviously outside any entity (see
//!   `is_obvious_outside`) are labelled `O` without being scored. About 85% of news tokens
//!   take that fast path. Training applies the same rule, so the model never relies on scores
//!   it will not see at run time.
//!
//! Besides word, affix, shape, context and label-history features, each token gets word
//! clusters learned from unlabelled news (stored in the weights file with the weights), which
//! is what lets the tagger generalise to names CoNLL never shows.
//!
//! The module is public only so the training and evaluation examples can reach it; the indexer
//! should use [`super::EntityExtractor`].
//!
//! # Layout
//!
//! [`Tagger`] is here. The label set and span decoding are in `labels`, per-token facts in
//! `token_info`, the feature templates in `features` (hashed with `hash`), and the weights
//! file with its lookup tables in `model`.

mod features;
mod hash;
mod labels;
mod model;
mod token_info;

pub use labels::{label, split_label, NerType, Part, TaggedSpan, LABELS, O};
pub use model::{lexicon_key, ModelData};

pub(crate) use features::features;
pub(crate) use labels::{best_label, spans_from_labels, START};
pub(crate) use token_info::{
    is_obvious_outside, prepare, Scratch, TokenInfo, F_CAPS_SENT, F_PUNCT, F_SENT_START,
    KNOWN_BEGIN,
};

use crate::extract::entities::tokens::Token;

use features::{context_features, word_features};
use hash::{finish, hash_bytes, mix};
use model::{HashIndex, NO_CLUSTER, UNSET_CLUSTER};
use token_info::{lowercase_into, F_ALLCAPS, MAX_FEATURES, WORD_CACHE};

/// Trained weights and word clusters, ready for lookups.
pub struct Tagger {
    features: HashIndex,
    /// One row of quantised weights per feature, indexed by `features`' values.
    weights: Vec<[i16; LABELS]>,
    /// Word key → clusters.
    lexicon: HashIndex,
    /// Unique per tagger made in this process: keys the per-thread word cache.
    id: usize,
}

impl Tagger {
    /// Builds a tagger from parsed model data.
    pub fn from_data(data: ModelData) -> Tagger {
        let features = HashIndex::new(data.rows.iter().enumerate().map(|(i, r)| (r.0, i as u32)));
        let weights = data.rows.into_iter().map(|r| r.1).collect();
        let lexicon = HashIndex::new(data.words.into_iter().map(|(h, c)| (h, c as u32)));
        static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
        Tagger {
            features,
            weights,
            lexicon,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Reads a weights file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        ModelData::from_bytes(bytes).map(Tagger::from_data)
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// True when the model has no features (never for a trained model).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The clusters of a word (`NO_CLUSTER` if the lexicon lacks it).
    #[inline]
    pub(crate) fn clusters(&self, exact_hash: u64) -> u16 {
        self.lexicon
            .get(finish(mix(0x1e8, exact_hash)))
            .map_or(NO_CLUSTER, |c| c as u16)
    }

    /// Sums the weight rows of `feats`. Memory latency dominates tagging, so the lookups are
    /// split into passes whose loads do not depend on each other: first every feature's home
    /// slot is read, then the rare collisions are probed, then the weight rows are summed. The
    /// CPU can then keep many cache misses in flight instead of one at a time.
    #[inline]
    fn score(&self, feats: &[u64], rows: &mut Vec<u32>) -> [i32; LABELS] {
        let idx = &self.features;
        rows.clear();
        // Pass 1: read every home slot, with no branch between the loads.
        let mut slots = [0u64; MAX_FEATURES];
        let n = feats.len().min(MAX_FEATURES);
        for (slot, &f) in slots.iter_mut().zip(&feats[..n]) {
            *slot = idx.slots[(f >> idx.shift) as usize];
        }
        // Pass 2: keep hits, probe past collisions.
        for (&slot, &f) in slots.iter().zip(&feats[..n]) {
            if slot == 0 {
                continue;
            }
            if slot >> 32 == f as u32 as u64 {
                rows.push((slot as u32).wrapping_sub(1));
            } else if let Some(r) = idx.get(f) {
                rows.push(r);
            }
        }
        // Pass 3: sum the rows.
        let mut scores = [0i32; LABELS];
        for &r in rows.iter() {
            let w = &self.weights[r as usize];
            for (s, &v) in scores.iter_mut().zip(w) {
                *s += v as i32;
            }
        }
        scores
    }

    /// Looks up the clusters of token `i` unless already done.
    #[inline]
    fn fill_cluster(
        &self,
        text: &str,
        tokens: &[Token],
        info: &mut [TokenInfo],
        i: usize,
        buf: &mut String,
    ) {
        let Some(t) = info.get_mut(i) else { return };
        if t.cluster != UNSET_CLUSTER {
            return;
        }
        let mut cluster = self.clusters(t.exact);
        if cluster == NO_CLUSTER && t.flags & F_ALLCAPS != 0 {
            // Headlines and sports tables shout ("DALLAS"): borrow the title-case word's
            // clusters.
            lowercase_into(tokens[i].as_str(text), buf);
            if let Some(first) = buf.chars().next() {
                let mut title = String::with_capacity(buf.len());
                title.extend(first.to_uppercase());
                title.push_str(&buf[first.len_utf8()..]);
                cluster = self.clusters(hash_bytes(0x2222, title.as_bytes()));
            }
        }
        t.cluster = cluster;
    }

    /// Looks up the clusters of every token (training featurises tokens in any order).
    pub(crate) fn fill_all_clusters(&self, text: &str, tokens: &[Token], scratch: &mut Scratch) {
        for i in 0..tokens.len() {
            self.fill_cluster(text, tokens, &mut scratch.info, i, &mut scratch.lower);
        }
    }

    /// Labels every token of `tokens` (one label per token into `scratch.labels`), after
    /// [`prepare`] has filled `scratch.info`.
    pub(crate) fn decode(&self, text: &str, tokens: &[Token], scratch: &mut Scratch) {
        let Scratch {
            info,
            labels,
            lower,
            feats,
            rows,
            words,
            words_of,
        } = scratch;
        labels.clear();
        let me = self.id;
        if words.is_empty() || *words_of != me {
            // Key 0 marks an empty slot; a word whose hash is 0 is simply never cached.
            words.clear();
            words.resize(WORD_CACHE, (0, [0; LABELS]));
            *words_of = me;
        }
        let mut prev = START;
        let mut prev2 = START;
        for i in 0..tokens.len() {
            if info[i].flags & F_SENT_START != 0 {
                prev = START;
                prev2 = START;
            }
            let label = if is_obvious_outside(&info[i], prev) {
                O
            } else {
                for j in i.saturating_sub(1)..i + 2 {
                    self.fill_cluster(text, tokens, info, j, lower);
                }
                let key = info[i].exact;
                let slot = (finish(key) as usize) & (WORD_CACHE - 1);
                let word = if key != 0 && words[slot].0 == key {
                    words[slot].1
                } else {
                    feats.clear();
                    word_features(text, tokens, info, i, lower, feats);
                    let sums = self.score(feats, rows);
                    if key != 0 {
                        words[slot] = (key, sums);
                    }
                    sums
                };
                feats.clear();
                context_features(info, i, (prev, prev2), feats);
                let mut scores = self.score(feats, rows);
                for (s, w) in scores.iter_mut().zip(word) {
                    *s += w;
                }
                best_label(&scores, prev)
            };
            labels.push(label);
            prev2 = prev;
            prev = label;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{hash_bytes, lexicon_key, ModelData, Tagger, LABELS, NO_CLUSTER};

    #[test]
    fn weights_round_trip_through_bytes() {
        let data = ModelData {
            rows: vec![(5u64, [1i16; LABELS]), (3u64, [-2i16; LABELS])],
            words: vec![(lexicon_key("Reuters"), 0x0203)],
        };
        let bytes = data.to_bytes();
        let back = ModelData::from_bytes(&bytes).expect("parses");
        assert_eq!(back.rows.len(), 2);
        let t = Tagger::from_data(back);
        assert_eq!(t.len(), 2);
        let mut rows = Vec::new();
        assert_eq!(t.score(&[3, 4], &mut rows), [-2i32; LABELS]);
        assert_eq!(t.clusters(hash_bytes(0x2222, b"Reuters")), 0x0203);
        assert_eq!(t.clusters(hash_bytes(0x2222, b"reuters")), NO_CLUSTER);
        assert!(Tagger::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Tagger::from_bytes(b"nonsense").is_err());
    }
}
