//! The weights file and the tables it loads into: an open-addressing hash index for features
//! and the word-cluster lexicon, and [`ModelData`] to read and write the file format.

use super::hash::{finish, hash_bytes, mix};
use super::labels::LABELS;

/// Magic bytes at the start of a weights file (format version 2).
pub(super) const MAGIC: &[u8; 8] = b"NDXNER2\0";

/// Word-cluster value for words the lexicon does not have.
pub(crate) const NO_CLUSTER: u16 = 0xffff;
/// Cluster value of a token whose clusters have not been looked up yet. Lookups are lazy
/// because only tokens that are scored, and their neighbours, need them.
pub(super) const UNSET_CLUSTER: u16 = 0xfffe;

/// An open-addressing map from 64-bit hashes to `u32` values below `u32::MAX`, with linear
/// probing from the hash's top bits. Each slot is one `u64`: the hash's low 32 bits as a
/// fingerprint and the value plus one (0 marks an empty slot), so a lookup touches one cache
/// line in the common case. Two hashes that share both their home slot region and their low 32
/// bits would be confused; with 64-bit hashes and a few hundred thousand keys that does not
/// happen in practice, and a confusion would only add one wrong feature weight.
pub(super) struct HashIndex {
    pub(super) slots: Vec<u64>,
    pub(super) mask: usize,
    pub(super) shift: u32,
}

impl HashIndex {
    pub(super) fn new(pairs: impl ExactSizeIterator<Item = (u64, u32)>) -> HashIndex {
        // Load factor between 3/8 and 3/4: small enough to stay in cache, sparse enough that a
        // miss usually ends at the home slot.
        let cap = (pairs.len() * 4 / 3).next_power_of_two().max(16);
        let bits = cap.trailing_zeros();
        let mut idx = HashIndex {
            slots: vec![0; cap],
            mask: cap - 1,
            shift: 64 - bits,
        };
        for (h, v) in pairs {
            let fp = (h as u32 as u64) << 32;
            let mut s = (h >> idx.shift) as usize;
            while idx.slots[s] != 0 && idx.slots[s] >> 32 != fp >> 32 {
                s = (s + 1) & idx.mask;
            }
            idx.slots[s] = fp | (v as u64 + 1);
        }
        idx
    }

    #[inline]
    pub(super) fn get(&self, h: u64) -> Option<u32> {
        let fp = h as u32 as u64;
        let mut s = (h >> self.shift) as usize;
        loop {
            let slot = self.slots[s];
            if slot == 0 {
                return None;
            }
            if slot >> 32 == fp {
                return Some((slot as u32).wrapping_sub(1));
            }
            s = (s + 1) & self.mask;
        }
    }
}

/// The contents of a weights file: feature rows and the word-cluster lexicon.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModelData {
    /// `(feature hash, quantised weight per label)`.
    pub rows: Vec<(u64, [i16; LABELS])>,
    /// `(word key, fine cluster | coarse cluster << 8)`, see [`lexicon_key`].
    pub words: Vec<(u64, u16)>,
}

impl ModelData {
    /// Serialises the model; rows and words are sorted first, so equal models give equal bytes.
    ///
    /// Format (little-endian): `MAGIC`, `u32` label count, `u32` feature count `n`, `u32` word
    /// count `m`, `n` feature hashes (`u64`), `n * LABELS` weights (`i16`, row by row), `m` word
    /// keys (`u64`), `m` clusters (`u16`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut rows = self.rows.clone();
        rows.sort_unstable_by_key(|r| r.0);
        let mut words = self.words.clone();
        words.sort_unstable();
        let mut out = Vec::with_capacity(20 + rows.len() * (8 + 2 * LABELS) + words.len() * 10);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(LABELS as u32).to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (h, _) in &rows {
            out.extend_from_slice(&h.to_le_bytes());
        }
        for (_, w) in &rows {
            for v in w {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        for (h, _) in &words {
            out.extend_from_slice(&h.to_le_bytes());
        }
        for (_, c) in &words {
            out.extend_from_slice(&c.to_le_bytes());
        }
        out
    }

    /// Parses a weights file (see [`ModelData::to_bytes`] for the format).
    pub fn from_bytes(bytes: &[u8]) -> Result<ModelData, String> {
        let err = |m: &str| format!("bad NER weights file: {m}");
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(err("missing magic bytes (retrain with scripts/train-ner)"));
        }
        let word = |i: usize| {
            u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize
        };
        let (labels, n, m) = (word(8), word(12), word(16));
        if labels != LABELS {
            return Err(err("wrong label count"));
        }
        if bytes.len() != 20 + n * (8 + 2 * LABELS) + m * 10 {
            return Err(err("wrong length"));
        }
        let u64_at =
            |b: &[u8]| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        let (hashes, rest) = bytes[20..].split_at(n * 8);
        let (ws, rest) = rest.split_at(n * 2 * LABELS);
        let (wkeys, wvals) = rest.split_at(m * 8);
        let rows = hashes
            .chunks_exact(8)
            .zip(ws.chunks_exact(LABELS * 2))
            .map(|(h, w)| {
                let mut row = [0i16; LABELS];
                for (k, v) in row.iter_mut().enumerate() {
                    *v = i16::from_le_bytes([w[2 * k], w[2 * k + 1]]);
                }
                (u64_at(h), row)
            })
            .collect();
        let words = wkeys
            .chunks_exact(8)
            .zip(wvals.chunks_exact(2))
            .map(|(h, c)| (u64_at(h), u16::from_le_bytes([c[0], c[1]])))
            .collect();
        Ok(ModelData { rows, words })
    }
}

/// The key a word is stored under in the cluster lexicon: its exact text, hashed.
pub fn lexicon_key(word: &str) -> u64 {
    finish(mix(0x1e8, hash_bytes(0x2222, word.as_bytes())))
}
