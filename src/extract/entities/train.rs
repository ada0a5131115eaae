//! Training the tagger: word clusters from unlabelled news, then greedy averaged perceptrons,
//! deterministic from their inputs.
//!
//! Sentences are tokenised and featurised exactly as at run time (through
//! `EntityExtractor::analyze`, table marks included), and gold CoNLL spans are projected
//! onto those tokens in BILOU form (`U-` for a one-token entity, else `B-`, `I-`..., `L-`). Training
//! decodes with its own predicted labels as history, as run time does, and skips the tokens the
//! run-time fast path would label `O` without scoring.
//!
//! Determinism: sentences are shuffled with a fixed-seed xorshift generator, features are kept
//! in insertion order, and the output rows are sorted by hash, so the same data and options
//! give the same bytes on every run and machine.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::conll::{Scores, Sentence, Span};
use super::tagger::{
    self, best_label, label, lexicon_key, ModelData, NerType, Part, LABELS, O, START,
};
use super::tokens::Token;
use super::{Buffers, EntityExtractor};

/// Keys are already good hashes; hashing them again would only cost time.
#[derive(Default)]
struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type FeatureMap = HashMap<u64, u32, BuildHasherDefault<IdentityHasher>>;

/// One training sentence, analysed once up front.
struct Prepared {
    text: String,
    tokens: Vec<Token>,
    info: Vec<tagger::TokenInfo>,
    gold: Vec<u8>,
}

/// Knobs for a training run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed for the per-epoch shuffle.
    pub seed: u64,
    /// Features whose largest quantised weight (in units of `1/scale`, `scale` fixed by the
    /// largest weight) is below this are dropped from the output.
    pub prune: i16,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            epochs: 14,
            seed: 0x5eed_2003,
            prune: 30,
        }
    }
}

/// A perceptron being trained.
pub struct Trainer {
    data: Vec<Prepared>,
    /// The word-cluster lexicon the extractor was built with, copied into the output.
    words: Vec<(u64, u16)>,
    index: FeatureMap,
    /// Current weights.
    w: Vec<[f32; LABELS]>,
    /// Sum of `step * delta`, for averaging (Daumé's trick: avg = w - u / step).
    u: Vec<[f32; LABELS]>,
    step: u64,
    rng: u64,
}

/// Projects gold spans onto our tokens (see the module docs).
fn project(tokens: &[Token], spans: &[Span]) -> Vec<u8> {
    let mut labels = vec![O; tokens.len()];
    for &(s, e, ty) in spans {
        let inside: Vec<usize> = (0..tokens.len())
            .filter(|&i| tokens[i].start as usize >= s && tokens[i].end as usize <= e)
            .collect();
        for (k, &i) in inside.iter().enumerate() {
            let part = match (k, inside.len()) {
                (_, 1) => Part::Unit,
                (0, _) => Part::Begin,
                (k, n) if k + 1 == n => Part::Last,
                _ => Part::Inside,
            };
            labels[i] = label(ty, part);
        }
    }
    labels
}

impl Trainer {
    /// Analyses the training sentences with `ex`, an extractor built from `words` (the cluster
    /// lexicon) and no weights: it supplies table marks and clusters.
    pub fn new(
        ex: &EntityExtractor,
        words: Vec<(u64, u16)>,
        sentences: &[Sentence],
        seed: u64,
    ) -> Trainer {
        let mut b = Buffers::default();
        let data: Vec<Prepared> = sentences
            .iter()
            .map(|s| {
                ex.analyze(&s.text, &mut b);
                ex.tagger().expect("weights decode").fill_all_clusters(
                    &s.text,
                    &b.tokens,
                    &mut b.scratch,
                );
                Prepared {
                    text: s.text.clone(),
                    tokens: b.tokens.clone(),
                    info: b.scratch.info.clone(),
                    gold: project(&b.tokens, &s.spans),
                }
            })
            .collect();
        Trainer {
            data,
            words,
            index: FeatureMap::default(),
            w: Vec::new(),
            u: Vec::new(),
            step: 1,
            rng: seed | 1,
        }
    }

    fn next_random(&mut self) -> u64 {
        // xorshift64*
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// One pass over the data in a fresh shuffled order; returns the token error count.
    pub fn epoch(&mut self) -> u64 {
        let mut order: Vec<usize> = (0..self.data.len()).collect();
        for i in (1..order.len()).rev() {
            let j = (self.next_random() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0;
        let mut feats = Vec::new();
        let mut lower = String::new();
        for &si in &order {
            let d = &self.data[si];
            let (mut prev, mut prev2) = (START, START);
            let mut updates: Vec<(Vec<u64>, u8, u8)> = Vec::new();
            // Decode with the current weights; collect the updates first and apply them after
            // the sentence, so the borrow of `self.data` ends before the weights change.
            let mut labels = Vec::with_capacity(d.tokens.len());
            for i in 0..d.tokens.len() {
                if d.info[i].flags & tagger::F_SENT_START != 0 {
                    prev = START;
                    prev2 = START;
                }
                let gold = d.gold[i];
                let pred = if tagger::is_obvious_outside(&d.info[i], prev) {
                    O
                } else {
                    tagger::features(
                        &d.text,
                        &d.tokens,
                        &d.info,
                        i,
                        (prev, prev2),
                        &mut lower,
                        &mut feats,
                    );
                    let mut scores = [0f32; LABELS];
                    for f in &feats {
                        if let Some(&r) = self.index.get(f) {
                            for (s, v) in scores.iter_mut().zip(&self.w[r as usize]) {
                                *s += v;
                            }
                        }
                    }
                    let p = best_label(&scores, prev);
                    if p != gold {
                        updates.push((feats.clone(), gold, p));
                    }
                    p
                };
                if pred != gold {
                    errors += 1;
                }
                labels.push(pred);
                prev2 = prev;
                prev = pred;
            }
            for (fs, gold, pred) in updates {
                self.update(&fs, gold, pred);
            }
            self.step += 1;
        }
        errors
    }

    fn update(&mut self, feats: &[u64], gold: u8, pred: u8) {
        let step = self.step as f32;
        for &f in feats {
            let next = self.w.len() as u32;
            let r = *self.index.entry(f).or_insert(next) as usize;
            if r == self.w.len() {
                self.w.push([0.0; LABELS]);
                self.u.push([0.0; LABELS]);
            }
            self.w[r][gold as usize] += 1.0;
            self.u[r][gold as usize] += step;
            self.w[r][pred as usize] -= 1.0;
            self.u[r][pred as usize] -= step;
        }
    }

    /// The averaged weights as `(hash, row)` pairs, sorted by hash.
    pub fn averaged(&self) -> Vec<(u64, [f32; LABELS])> {
        let step = self.step as f32;
        let mut rows: Vec<(u64, [f32; LABELS])> = self
            .index
            .iter()
            .map(|(&h, &r)| {
                let r = r as usize;
                let mut a = [0f32; LABELS];
                for (l, v) in a.iter_mut().enumerate() {
                    *v = self.w[r][l] - self.u[r][l] / step;
                }
                (h, a)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// The current averaged model as a weights file.
    pub fn to_bytes(&self, prune: i16) -> Vec<u8> {
        model_bytes(&self.averaged(), self.words.clone(), prune)
    }

    /// The cluster lexicon this trainer was built with.
    pub fn words(&self) -> &[(u64, u16)] {
        &self.words
    }

    /// Number of features with a weight so far.
    pub fn features(&self) -> usize {
        self.w.len()
    }
}

/// Averages several models' rows (sorted by hash): the mean of independently shuffled runs
/// scores a little better than any one of them.
pub fn average_models(models: &[Vec<(u64, [f32; LABELS])>]) -> Vec<(u64, [f32; LABELS])> {
    let mut all: Vec<(u64, [f32; LABELS])> = models.iter().flatten().copied().collect();
    all.sort_by_key(|r| r.0);
    let k = models.len().max(1) as f32;
    let mut out: Vec<(u64, [f32; LABELS])> = Vec::new();
    for (h, w) in all {
        match out.last_mut() {
            Some(last) if last.0 == h => {
                for (a, b) in last.1.iter_mut().zip(w) {
                    *a += b;
                }
            }
            _ => out.push((h, w)),
        }
    }
    for (_, w) in &mut out {
        w.iter_mut().for_each(|v| *v /= k);
    }
    out
}

/// Quantises averaged rows to `i16` (the largest weight maps to 32000), drops rows whose
/// largest quantised weight is below `prune`, and serialises them with the cluster lexicon.
pub fn model_bytes(rows: &[(u64, [f32; LABELS])], words: Vec<(u64, u16)>, prune: i16) -> Vec<u8> {
    let max = rows
        .iter()
        .flat_map(|r| r.1)
        .fold(0f32, |m, v| m.max(v.abs()));
    let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
    let rows = rows
        .iter()
        .filter_map(|(h, w)| {
            let mut q = [0i16; LABELS];
            for (qv, v) in q.iter_mut().zip(w) {
                *qv = (v * scale).round() as i16;
            }
            let big = q.iter().map(|v| v.unsigned_abs()).max().unwrap_or(0);
            (big >= prune.unsigned_abs()).then_some((*h, q))
        })
        .collect();
    ModelData { rows, words }.to_bytes()
}

/// Scores a weights file's tagger alone (MISC included) on `sentences`.
pub fn score_tagger(weights: &[u8], sentences: &[Sentence]) -> Result<Scores, String> {
    let ex = EntityExtractor::with_weights(weights)?;
    let mut scores = Scores::default();
    for s in sentences {
        let pred: Vec<Span> = ex
            .tagged_spans(&s.text)
            .into_iter()
            .map(|p| (p.start, p.end, p.ty))
            .collect();
        scores.add(&s.spans, &pred);
    }
    Ok(scores)
}

/// Which types the overall figure covers: MISC is learned but never reported by the extractor.
pub const SCORED_TYPES: [NerType; 3] = [NerType::Per, NerType::Org, NerType::Loc];

/// Settings for [`build_clusters`].
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Words seen fewer times are left out of the lexicon.
    pub min_count: u32,
    /// At most this many words (the most frequent) are clustered.
    pub max_words: usize,
    /// Number of context words (the most frequent) that make up a word's vector.
    pub context_words: usize,
    /// Number of fine clusters (at most 255).
    pub fine: usize,
    /// Number of coarse clusters (at most 255).
    pub coarse: usize,
    /// k-means iterations.
    pub iterations: usize,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            min_count: 3,
            max_words: 60_000,
            context_words: 500,
            fine: 255,
            coarse: 60,
            iterations: 10,
        }
    }
}

/// Clusters the words of unlabelled text by the words seen next to them, for the tagger's
/// cluster features: a cheap stand-in for Brown clusters. Names the CoNLL training data never
/// shows ("Fabrikam") still land near names that it does, because news uses them alike.
///
/// Each word (case kept) becomes a vector of square-rooted counts of its neighbours (one and
/// two to the left and right, the farther ones at half weight) among the `context_words` most
/// frequent tokens, normalised to length 1; spherical
/// k-means then groups them, once with `fine` and once with `coarse` clusters. Initial centres
/// are words at evenly spaced frequency ranks, so the result is deterministic.
pub fn build_clusters(texts: &[String], opts: &ClusterOptions) -> Vec<(u64, u16)> {
    let mut toks = Vec::new();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    let mut docs: Vec<Vec<&str>> = Vec::with_capacity(texts.len());
    for t in texts {
        super::tokens::tokenize(t, &mut toks);
        let words: Vec<&str> = toks.iter().map(|k| k.as_str(t)).collect();
        for w in &words {
            *counts.entry(w).or_insert(0) += 1;
        }
        docs.push(words);
    }
    let mut by_freq: Vec<(&str, u32)> = counts.iter().map(|(w, c)| (*w, *c)).collect();
    by_freq.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let context: HashMap<&str, u32> = by_freq
        .iter()
        .take(opts.context_words)
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let vocab: Vec<&str> = by_freq
        .iter()
        .filter(|(w, c)| *c >= opts.min_count && w.chars().any(|ch| ch.is_alphabetic()))
        .take(opts.max_words)
        .map(|(w, _)| *w)
        .collect();
    let vocab_index: HashMap<&str, usize> =
        vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    // Context ids: 0..n are context words, n is "other", n + 1 is the text edge; the four
    // positions (left 1, right 1, left 2, right 2) each get a block of n + 2 dimensions.
    let n = opts.context_words.min(by_freq.len()) as u32;
    let dims = 4 * (n as usize + 2);
    let mut raw: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for words in &docs {
        for (i, w) in words.iter().enumerate() {
            let Some(&v) = vocab_index.get(w) else {
                continue;
            };
            let ctx = |j: Option<usize>| match j.and_then(|j| words.get(j)) {
                Some(x) => context.get(x).copied().unwrap_or(n),
                None => n + 1,
            };
            *raw[v].entry(ctx(i.checked_sub(1))).or_insert(0.0) += 1.0;
            *raw[v].entry(n + 2 + ctx(Some(i + 1))).or_insert(0.0) += 1.0;
            *raw[v]
                .entry(2 * (n + 2) + ctx(i.checked_sub(2)))
                .or_insert(0.0) += 0.5;
            *raw[v].entry(3 * (n + 2) + ctx(Some(i + 2))).or_insert(0.0) += 0.5;
        }
    }
    let vectors: Vec<Vec<(u32, f32)>> = raw
        .into_iter()
        .map(|m| {
            let mut v: Vec<(u32, f32)> = m.into_iter().map(|(d, c)| (d, c.sqrt())).collect();
            v.sort_unstable_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            for x in &mut v {
                x.1 /= norm;
            }
            v
        })
        .collect();
    let fine = kmeans(&vectors, dims, opts.fine, opts.iterations);
    let coarse = kmeans(&vectors, dims, opts.coarse, opts.iterations);
    vocab
        .iter()
        .enumerate()
        .map(|(i, w)| (lexicon_key(w), fine[i] as u16 | (coarse[i] as u16) << 8))
        .collect()
}

/// Spherical k-means over sparse unit vectors; returns each vector's cluster.
fn kmeans(vectors: &[Vec<(u32, f32)>], dims: usize, k: usize, iterations: usize) -> Vec<u8> {
    use rayon::prelude::*;
    let k = k.min(vectors.len()).clamp(1, 255);
    // Seeds: vectors at evenly spaced ranks among the more frequent words, whose contexts are
    // well estimated.
    let pool = vectors.len().min(k * 50);
    let mut centres: Vec<Vec<f32>> = (0..k)
        .map(|c| {
            let mut d = vec![0f32; dims];
            for &(i, v) in &vectors[c * pool / k] {
                d[i as usize] = v;
            }
            d
        })
        .collect();
    let mut assign = vec![0u8; vectors.len()];
    for _ in 0..iterations {
        assign = vectors
            .par_iter()
            .map(|v| {
                let mut best = (0usize, f32::MIN);
                for (c, centre) in centres.iter().enumerate() {
                    let s: f32 = v.iter().map(|&(i, x)| x * centre[i as usize]).sum();
                    if s > best.1 {
                        best = (c, s);
                    }
                }
                best.0 as u8
            })
            .collect();
        for c in centres.iter_mut() {
            c.iter_mut().for_each(|x| *x = 0.0);
        }
        for (v, &a) in vectors.iter().zip(&assign) {
            for &(i, x) in v {
                centres[a as usize][i as usize] += x;
            }
        }
        for c in centres.iter_mut() {
            let norm = c.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                c.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
    assign
}
