//! English stemming with a per-thread memo.
//!
//! News text repeats its words, and the Snowball English stemmer costs 100–200 ns
//! a word where a hash lookup costs a fraction of that, so stemming each distinct
//! word once per thread speeds up indexing and, more so, snippets (which
//! re-analyse every hit's passage at query time). The stems are exactly tantivy's
//! `Stemmer::new(Language::English)`: the same frostem algorithm, and a unit test
//! compares the two.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Distinct words remembered per thread before the memo starts over: small enough to stay
/// in cache while the indexer fills memory with postings (measured: 2^14 beats 2^17).
const MEMO_WORDS: usize = 1 << 14;

/// Words this long or longer are stemmed without the memo: rare, and not worth keeping.
const MEMO_MAX_BYTES: usize = 24;

type Memo = HashMap<Box<str>, Option<Box<str>>, FxBuildHasher>;

thread_local! {
    /// Word → its stem, or `None` when the stem is the word itself.
    static MEMO: RefCell<Memo> = const { RefCell::new(HashMap::with_hasher(FxBuildHasher)) };
}

fn english() -> frostem::Stemmer {
    frostem::Stemmer::new(frostem::Algorithm::English)
}

/// Replaces `word` with its English stem.
pub fn stem_in_place(word: &mut String) {
    if word.len() >= MEMO_MAX_BYTES {
        if let std::borrow::Cow::Owned(stem) = english().stem(word) {
            *word = stem;
        }
        return;
    }
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(known) = memo.get(word.as_str()) {
            if let Some(stem) = known {
                word.clear();
                word.push_str(stem);
            }
            return;
        }
        let stem = match english().stem(word) {
            std::borrow::Cow::Owned(stem) => Some(stem),
            std::borrow::Cow::Borrowed(_) => None,
        };
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        memo.insert(word.as_str().into(), stem.as_deref().map(Box::from));
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

    /// Every word of the demo corpus passes the gate built from its own stem.
    #[test]
    fn every_demo_corpus_word_passes_the_gate_of_its_stem() {
        let mut words = std::collections::BTreeSet::new();
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::AsciiFoldingFilter)
            .build();
        for entry in walkdir::WalkDir::new(corpus)
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
