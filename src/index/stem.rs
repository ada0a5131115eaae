//! English stemming with a per-thread memo.
//!
//! News text repeats its words, and the Snowball English stemmer costs 100–200 ns
//! a word where a hash lookup costs a fraction of that, so stemming each distinct
//! word once per thread speeds up indexing and, more so, snippets (which
//! re-analyse every hit's passage at query time). The stems are exactly tantivy's
//! `Stemmer::new(Language::English)`: the same frostem algorithm, and a unit test
//! compares the two.

use std::cell::RefCell;
use std::hash::Hasher;
use std::sync::Arc;

use rustc_hash::FxHasher;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Longest word (in bytes) the memo keeps; longer ones are rare and stemmed each time.
const SLOT_BYTES: usize = 31;

/// `stem_len` of a slot whose stem is the word itself.
const SAME: u8 = u8::MAX;

/// One memo entry, stored inline in one cache line: a lookup reads one line and allocates
/// nothing (a `HashMap<Box<str>, _>` read the slot, then the key on the heap, and cleared
/// itself when full).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    /// 0 for an empty slot.
    word_len: u8,
    /// [`SAME`] when the stem is the word.
    stem_len: u8,
    word: [u8; SLOT_BYTES],
    stem: [u8; SLOT_BYTES],
}

const EMPTY: Slot = Slot {
    word_len: 0,
    stem_len: 0,
    word: [0; SLOT_BYTES],
    stem: [0; SLOT_BYTES],
};

/// A direct-mapped table of words and their stems: a word's hash picks its one slot, and a
/// newer word that hashes there replaces it. It starts small, so a one-off search does not
/// zero a megabyte, and grows once to [`MAX_SLOTS`] when a thread stems many words (the
/// indexer's writer threads).
struct Memo {
    slots: Vec<Slot>,
    /// Words stemmed since the table last grew.
    misses: usize,
}

/// Table sizes: 64 KiB at first, 1 MiB at most (measured against 2^13 and the old map).
const FIRST_SLOTS: usize = 1 << 10;
const MAX_SLOTS: usize = 1 << 14;

thread_local! {
    static MEMO: RefCell<Memo> = const { RefCell::new(Memo { slots: Vec::new(), misses: 0 }) };
}

fn english() -> frostem::Stemmer {
    frostem::Stemmer::new(frostem::Algorithm::English)
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// Replaces `word` with its English stem.
pub fn stem_in_place(word: &mut String) {
    if word.is_empty() || word.len() > SLOT_BYTES {
        if let std::borrow::Cow::Owned(stem) = english().stem(word) {
            *word = stem;
        }
        return;
    }
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.slots.is_empty() {
            memo.slots = vec![EMPTY; FIRST_SLOTS];
        }
        let bytes = word.as_bytes();
        let n = bytes.len();
        let h = hash(bytes) as usize;
        let i = h & (memo.slots.len() - 1);
        let slot = &memo.slots[i];
        if usize::from(slot.word_len) == n && slot.word[..n] == *bytes {
            if slot.stem_len != SAME {
                let stem = &slot.stem[..usize::from(slot.stem_len)];
                // Only ever filled from a `str`; the check is cheap on a short ASCII word.
                if let Ok(stem) = std::str::from_utf8(stem) {
                    word.clear();
                    word.push_str(stem);
                    return;
                }
            } else {
                return;
            }
        }
        let stem = match english().stem(word) {
            std::borrow::Cow::Owned(stem) => Some(stem),
            std::borrow::Cow::Borrowed(_) => None,
        };
        memo.misses += 1;
        if memo.slots.len() < MAX_SLOTS && memo.misses > memo.slots.len() {
            memo.slots = vec![EMPTY; MAX_SLOTS];
            memo.misses = 0;
        }
        if stem.as_ref().is_none_or(|s| s.len() <= SLOT_BYTES) {
            let i = h & (memo.slots.len() - 1);
            let slot = &mut memo.slots[i];
            slot.word_len = n as u8;
            slot.word[..n].copy_from_slice(word.as_bytes());
            match &stem {
                Some(s) => {
                    slot.stem_len = s.len() as u8;
                    slot.stem[..s.len()].copy_from_slice(s.as_bytes());
                }
                None => slot.stem_len = SAME,
            }
        }
        if let Some(stem) = stem {
            *word = stem;
        }
    });
}

/// A token filter giving tantivy's English stems through [`stem_in_place`].
#[derive(Clone, Debug, Default)]
pub struct MemoStemmer {
    /// When set, only words starting with one of these (1- or 2-byte) prefixes are stemmed.
    only: Option<Arc<[Vec<u8>]>>,
}

impl MemoStemmer {
    /// Stems every word.
    pub fn all() -> MemoStemmer {
        MemoStemmer { only: None }
    }

    /// Stems only the words that could stem to one of `stems`, leaving the rest as they are:
    /// for highlighting, where a word matters only if its stem is a query term. English
    /// stemming rewrites endings, never a word's first two letters, except that a short
    /// "-ying" word turns its y into i ("dying" → "die", "vying" → "vie"); so a word whose
    /// first two bytes begin none of `stems` (nor "Xy" for a stem starting "Xi") cannot stem
    /// to any of them. A unit test checks this over the demo corpus's words; it was also
    /// checked once over every word of ../shared/data (Reuters, BBC, AG News, CoNLL, TIME).
    pub fn only_for<'a>(stems: impl IntoIterator<Item = &'a str>) -> MemoStemmer {
        let mut prefixes: Vec<Vec<u8>> = Vec::new();
        for stem in stems {
            let head = &stem.as_bytes()[..stem.len().min(2)];
            prefixes.push(head.to_vec());
            if let [first, b'i'] = head {
                prefixes.push(vec![*first, b'y']);
            }
        }
        prefixes.sort_unstable();
        prefixes.dedup();
        MemoStemmer {
            only: Some(prefixes.into()),
        }
    }
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            only: self.only,
        }
    }
}

/// [`MemoStemmer`] applied to a tokenizer.
#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    only: Option<Arc<[Vec<u8>]>>,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            only: self.only.as_deref(),
        }
    }
}

/// The token stream of [`MemoStemmerFilter`].
pub struct MemoStemmerStream<'a, T> {
    tail: T,
    only: Option<&'a [Vec<u8>]>,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let word = &mut self.tail.token_mut().text;
        let wanted = self.only.is_none_or(|prefixes| {
            let head = &word.as_bytes()[..word.len().min(2)];
            prefixes.iter().any(|p| p.as_slice() == head)
        });
        if wanted {
            stem_in_place(word);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stems_exactly_like_tantivys_stemmer_twice_over() {
        let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(MemoStemmer::all())
            .build();
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let text = "Microsoft's exclusivity arrangements were running; runs ran \
            generously relational conditional hopefully agreements agreed agreeing \
            acquisitions acquired a the sky skies dying lying news Über naïve \
            pneumonoultramicroscopicsilicovolcanoconiosis antidisestablishmentarianism";
        let want = tokens(&mut theirs, text);
        assert_eq!(tokens(&mut ours, text), want, "first pass (memo empty)");
        assert_eq!(tokens(&mut ours, text), want, "second pass (from the memo)");
        assert!(want.contains(&"exclus".to_string()));
    }

    /// Many distinct words, twice: the memo grows, slots are overwritten, and every answer
    /// is still frostem's.
    #[test]
    fn the_memo_never_changes_a_stem() {
        let suffixes = [
            "", "s", "ing", "ed", "ies", "ation", "ness", "ly", "y", "ational",
        ];
        let words: Vec<String> = (0..6000u32)
            .flat_map(|i| {
                let base = format!("w{}rd{}", (b'a' + (i % 26) as u8) as char, i);
                suffixes.iter().map(move |s| format!("{base}{s}"))
            })
            .chain([
                "a".repeat(31),
                "b".repeat(32),
                "running".into(),
                "ponies".into(),
            ])
            .collect();
        for round in 0..2 {
            for w in &words {
                let mut ours = w.clone();
                stem_in_place(&mut ours);
                assert_eq!(ours, english().stem(w), "{w} (round {round})");
            }
        }
    }

    /// Every word of the demo corpus passes the gate built from its own stem.
    #[test]
    fn every_demo_corpus_word_passes_the_gate_of_its_stem() {
        let mut words = std::collections::BTreeSet::new();
        // The directory cargo runs the test for (at run time): a test binary shared through
        // one target folder between two checkouts keeps the compile-time path of the first.
        let root = std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
        let corpus = format!("{root}/corpus");
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::AsciiFoldingFilter)
            .build();
        for entry in walkdir::WalkDir::new(&corpus)
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                words.extend(tokens(&mut plain, &text));
            }
        }
        words
            .extend(["dying", "lying", "tying", "skies", "skis", "idly", "ugly"].map(String::from));
        assert!(
            words.len() > 1000,
            "read the demo corpus: {} words from {corpus}",
            words.len()
        );
        for word in words {
            let mut stem = word.clone();
            stem_in_place(&mut stem);
            let gate = MemoStemmer::only_for([stem.as_str()]);
            let head = &word.as_bytes()[..word.len().min(2)];
            let prefixes = gate.only.expect("a gate");
            assert!(
                prefixes.iter().any(|p| p.as_slice() == head),
                "{word:?} stems to {stem:?} but its gate is {prefixes:?}"
            );
        }
    }

    #[test]
    fn a_gated_stemmer_stems_the_words_that_can_reach_its_stems() {
        let mut gated = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(MemoStemmer::only_for([
                "exclus", "sky", "die", "lie", "tie",
            ]))
            .build();
        assert_eq!(
            tokens(
                &mut gated,
                "Exclusivity skies dying lying tying running deals"
            ),
            ["exclus", "sky", "die", "lie", "tie", "running", "deals"]
        );
    }
}
