//! Entity extraction: finds the organizations, people, products and places a passage names.
//!
//! Two sources are combined:
//!
//! * a curated table of known entities (`known.tsv`, see the `known` module) that knows aliases
//!   ("AWS" is Amazon Web Services), kinds (Azure is a product) and parents (Azure belongs to
//!   Microsoft), so search can group and expand on them;
//! * a learned tagger ([`tagger`], an averaged perceptron trained on CoNLL-2003) for the
//!   entities the table cannot know about. It labels people, organizations and places; its
//!   fourth CoNLL type, MISC, is learned but not reported.
//!
//! Where a table match and a tagger span overlap, the table wins: its names are curated and
//! carry a canonical form. Both the table and the weights are embedded in the binary, so the
//! extractor needs no files at run time.
//!
//! Canonical names: a known entity's canonical name is the table's first column. For an unknown
//! entity it is the surface text with whitespace collapsed to single spaces, the possessive
//! already cut off, and, for organizations, a trailing company form (" Corp.", " Inc.",
//! " Ltd"...) dropped, so "Contoso Corp." and "Contoso" index as the same name. Case is kept.

use std::cell::RefCell;
use std::sync::LazyLock;

pub mod conll;
pub mod document;
pub(crate) mod known;
pub(crate) mod mention;
pub mod tagger;
pub(crate) mod tokens;
pub mod train;

use known::{KnownMatch, KnownTable};
use tagger::{NerType, Scratch, TaggedSpan, Tagger, F_CAPS_SENT, F_PUNCT};
use tokens::Token;

/// The trained tagger weights, produced by `scripts/train-ner`.
const WEIGHTS: &[u8] = include_bytes!("ner.weights");

/// What kind of thing an entity is. Regulators and courts are organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// Companies, regulators, courts, governments as actors, unions of states (the EU).
    Organization,
    /// People.
    Person,
    /// Products and services (Azure, ChatGPT, GPT-4).
    Product,
    /// Countries, regions, cities.
    Place,
}

impl EntityKind {
    /// All kinds, in declaration order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Organization,
        EntityKind::Person,
        EntityKind::Product,
        EntityKind::Place,
    ];

    /// The lowercase name used in the index, in JSON output and in `--kind` filters.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Organization => "organization",
            EntityKind::Person => "person",
            EntityKind::Product => "product",
            EntityKind::Place => "place",
        }
    }

    /// Parses a kind as a user or the table writes it, in any case: `org`/`organization`
    /// (also `organisation`), `person`/`per`, `product`, `place`/`loc`/`location`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "org" | "organization" | "organisation" => Some(EntityKind::Organization),
            "person" | "per" => Some(EntityKind::Person),
            "product" => Some(EntityKind::Product),
            "place" | "loc" | "location" => Some(EntityKind::Place),
            _ => None,
        }
    }

    /// The kind the tagger's CoNLL type maps to; MISC has none and is not reported.
    fn from_ner(t: NerType) -> Option<Self> {
        match t {
            NerType::Per => Some(EntityKind::Person),
            NerType::Org => Some(EntityKind::Organization),
            NerType::Loc => Some(EntityKind::Place),
            NerType::Misc => None,
        }
    }
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entity {
    /// Byte offset of the mention's start in the input.
    pub start: usize,
    /// Byte offset one past the mention's end; a possessive `'s` / `’s` is not included.
    pub end: usize,
    /// The surface text, `input[start..end]`.
    pub text: String,
    /// What kind of thing it is.
    pub kind: EntityKind,
    /// The name to index and group by (see the module docs for how it is chosen).
    pub canonical: String,
    /// True when the mention came from the curated table.
    pub known: bool,
    /// True when words of the mention decided its kind (an honorific, a company form) or an
    /// article tied it to such a name: it weighs more when an article votes on a name's kind.
    #[serde(skip)]
    pub sure: bool,
}

/// Finds entities; built once (tables + weights), shared across threads (Send + Sync).
pub struct EntityExtractor {
    table: KnownTable,
    /// Decoded on first use: a search only needs the table (aliases, parents),
    /// and decoding the weights would cost every one-off search ~10 ms.
    tagger: std::sync::OnceLock<Tagger>,
    weights: std::borrow::Cow<'static, [u8]>,
}

/// The shared extractor, built on first use from the embedded table and weights.
static SHARED: LazyLock<EntityExtractor> = LazyLock::new(|| {
    // Both inputs are compiled in and checked by unit tests, so failure here is a build bug.
    EntityExtractor::lazy(std::borrow::Cow::Borrowed(WEIGHTS))
        .expect("embedded entity table and weights are valid")
});

thread_local! {
    /// Per-thread buffers, so extracting from many passages does not reallocate each time.
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// Buffers for one extraction call.
#[derive(Default)]
pub(crate) struct Buffers {
    pub(crate) tokens: Vec<Token>,
    pub(crate) known: Vec<KnownMatch>,
    pub(crate) marks: Vec<u8>,
    pub(crate) scratch: Scratch,
    pub(crate) spans: Vec<TaggedSpan>,
}

impl EntityExtractor {
    /// The process-wide extractor over the embedded table and weights.
    pub fn shared() -> &'static EntityExtractor {
        &SHARED
    }

    /// Builds an extractor from the embedded table and the given weights file. Exists so the
    /// evaluation can score freshly trained weights without rebuilding the crate.
    pub fn with_weights(weights: &[u8]) -> Result<EntityExtractor, String> {
        let extractor = EntityExtractor::lazy(std::borrow::Cow::Owned(weights.to_vec()))?;
        extractor.tagger()?;
        Ok(extractor)
    }

    /// An extractor whose tagger is decoded when first needed.
    fn lazy(weights: std::borrow::Cow<'static, [u8]>) -> Result<EntityExtractor, String> {
        let table = KnownTable::parse(known::KNOWN_TSV).map_err(|e| e.0)?;
        Ok(EntityExtractor {
            table,
            tagger: std::sync::OnceLock::new(),
            weights,
        })
    }

    pub(crate) fn tagger(&self) -> Result<&Tagger, String> {
        if let Some(tagger) = self.tagger.get() {
            return Ok(tagger);
        }
        let tagger = Tagger::from_bytes(&self.weights)?;
        Ok(self.tagger.get_or_init(|| tagger))
    }

    /// Tokenises `text`, finds table matches and prepares the tagger's per-token facts.
    pub(crate) fn analyze(&self, text: &str, b: &mut Buffers) {
        tokens::tokenize(text, &mut b.tokens);
        self.table.find(text, &mut b.known);
        b.marks.clear();
        let mut m = 0;
        for t in &b.tokens {
            let (s, e) = (t.start as usize, t.end as usize);
            while m < b.known.len() && b.known[m].end <= s {
                m += 1;
            }
            let mark = match b.known.get(m) {
                Some(k) if k.start < e => {
                    let kind = self.table.entities[k.entity].kind as u8;
                    let begin = if k.start >= s { tagger::KNOWN_BEGIN } else { 0 };
                    (1 + kind) | begin
                }
                _ => 0,
            };
            b.marks.push(mark);
        }
        tagger::prepare(text, &b.tokens, &b.marks, &mut b.scratch);
    }

    /// Runs table and tagger over `text`, leaving tagger spans in `b.spans`.
    fn run(&self, text: &str, b: &mut Buffers) {
        self.analyze(text, b);
        let tagger = self
            .tagger()
            .expect("embedded entity weights are valid (checked by unit tests)");
        tagger.decode(text, &b.tokens, &mut b.scratch);
        tagger::spans_from_labels(&b.tokens, &b.scratch.labels, &mut b.spans);
        // Trim possessives and stray punctuation off the tagger's spans.
        let text_b = text;
        for sp in b.spans.iter_mut() {
            while sp.last > sp.first + 1 {
                let t = b.tokens[sp.last - 1];
                let w = t.as_str(text_b);
                if tokens::possessive_at(w, 0).is_some()
                    || b.scratch.info[sp.last - 1].flags & F_PUNCT != 0
                {
                    sp.last -= 1;
                    sp.end = b.tokens[sp.last - 1].end as usize;
                } else {
                    break;
                }
            }
        }
        b.spans.retain(|sp| {
            let w = b.tokens[sp.first].as_str(text_b);
            b.scratch.info[sp.first].flags & F_PUNCT == 0 && tokens::possessive_at(w, 0).is_none()
        });
        // In a sentence written in capitals case tells nothing, and the tagger takes function
        // words for names ("SAID", "HIS", "DE GAULLE HAS"): they are cut from a span's end, and
        // a span of nothing else is dropped.
        b.spans.retain_mut(|sp| {
            if b.scratch.info[sp.first].flags & F_CAPS_SENT == 0 {
                return true;
            }
            let function_word = |i: usize| {
                let w = b.tokens[i].as_str(text_b);
                CAPS_FUNCTION_WORDS
                    .binary_search_by(|f| cmp_ignore_ascii_case(f, w))
                    .is_ok()
            };
            while sp.last > sp.first && function_word(sp.last - 1) {
                sp.last -= 1;
            }
            if sp.last == sp.first {
                return false;
            }
            sp.end = b.tokens[sp.last - 1].end as usize;
            true
        });
    }

    /// Finds the entities in `text`, ordered by position and never overlapping.
    pub fn extract(&self, text: &str) -> Vec<Entity> {
        BUFFERS.with(|cell| {
            let mut guard = cell.borrow_mut();
            let b = &mut *guard;
            self.run(text, b);
            let mut out = Vec::with_capacity(b.known.len() + b.spans.len());
            // Table matches a tagger span has taken over (see `tagger_takes_over`).
            let mut dropped = vec![false; b.known.len()];
            let mut ki = 0;
            for sp in &b.spans {
                while ki < b.known.len() && b.known[ki].end <= sp.start {
                    ki += 1;
                }
                let mut kj = ki;
                while kj < b.known.len() && b.known[kj].start < sp.end {
                    kj += 1;
                }
                let overlapping = &b.known[ki..kj];
                let Some(kind) = EntityKind::from_ner(sp.ty) else {
                    // A name of another sort (an event, a nationality, a product) that holds
                    // a place, like "Tour de France": the place is part of that name.
                    if self.tagger_takes_over(sp, EntityKind::Product, overlapping) {
                        dropped[ki..kj].iter_mut().for_each(|d| *d = true);
                    }
                    continue;
                };
                if !overlapping.is_empty() && !self.tagger_takes_over(sp, kind, overlapping) {
                    continue; // the table wins
                }
                dropped[ki..kj].iter_mut().for_each(|d| *d = true);
                out.extend(self.unknown_entity(text, sp.start, sp.end, kind));
            }
            for (k, _) in b.known.iter().zip(&dropped).filter(|(_, d)| !**d) {
                let e = &self.table.entities[k.entity];
                out.push(Entity {
                    start: k.start,
                    end: k.end,
                    text: text[k.start..k.end].to_string(),
                    kind: e.kind,
                    canonical: e.canonical.clone(),
                    known: true,
                    sure: true,
                });
            }
            out.sort_by_key(|e| e.start);
            out
        })
    }

    /// The exceptions to "the table wins", both about places: a tagger span that contains only
    /// known places and is longer than them, like "Bank of China", "Virginia Rometty" or "South
    /// Africa", is kept whole, because a place name inside a longer name is part of that name;
    /// and a span that is exactly one known place but that the tagger reads as something else
    /// from its context (a club or team named after its city, "Leeds beat Chelsea") keeps the
    /// tagger's kind. Tuned on CoNLL testa: through `extract()` 0.889 → 0.901, the tagger
    /// alone 0.902.
    fn tagger_takes_over(&self, sp: &TaggedSpan, kind: EntityKind, known: &[KnownMatch]) -> bool {
        if let [k] = known {
            if kind != EntityKind::Place
                && self.table.entities[k.entity].kind == EntityKind::Place
                && k.start == sp.start
                && k.end == sp.end
            {
                return true;
            }
        }
        known.iter().all(|k| {
            self.table.entities[k.entity].kind == EntityKind::Place
                && k.start >= sp.start
                && k.end <= sp.end
                && k.end - k.start < sp.end - sp.start
        })
    }

    /// An entity for a tagger span, named as [`mention::clean`] reads it (honorifics cut from
    /// the span, titles and company forms from the canonical name); `None` for a span that
    /// holds no name ("Corp", "Mr"). It is not looked up in the table: a name the table knows
    /// was already matched in the text, and lookups here would cost a tenth of extraction time.
    fn unknown_entity(
        &self,
        text: &str,
        start: usize,
        end: usize,
        kind: EntityKind,
    ) -> Option<Entity> {
        let cleaned = mention::clean(&text[start..end], kind)?;
        let start = start + cleaned.skip;
        Some(Entity {
            start,
            end,
            text: text[start..end].to_string(),
            kind: cleaned.kind,
            canonical: cleaned.canonical,
            known: false,
            sure: cleaned.sure,
        })
    }

    /// The tagger's own spans for `text`, MISC included and before table matches override
    /// them. Exists for evaluation; the indexer wants [`EntityExtractor::extract`].
    pub fn tagged_spans(&self, text: &str) -> Vec<TaggedSpan> {
        BUFFERS.with(|cell| {
            let mut guard = cell.borrow_mut();
            let b = &mut *guard;
            self.run(text, b);
            b.spans.clone()
        })
    }

    /// The canonical name for any alias in any case ("aws", "Amazon Web Services",
    /// "Microsoft Corp."), or `None` if the table does not know it.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        self.table
            .lookup(name)
            .map(|r| self.table.entities[r].canonical.as_str())
    }

    /// The parent chain of a known entity, nearest first: "GitHub Copilot" gives
    /// `["GitHub", "Microsoft"]`. Empty for unknown names and for entities without a parent.
    pub fn ancestors(&self, canonical: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut at = self
            .table
            .lookup(canonical)
            .and_then(|r| self.table.entities[r].parent);
        while let Some(p) = at {
            out.push(self.table.entities[p].canonical.as_str());
            at = self.table.entities[p].parent;
        }
        out
    }

    /// The kind of a known entity (any alias is accepted, like [`EntityExtractor::resolve`]).
    pub fn kind_of(&self, canonical: &str) -> Option<EntityKind> {
        self.table
            .lookup(canonical)
            .map(|r| self.table.entities[r].kind)
    }

    /// The canonical names of the known entities a search query names, in query order and
    /// without repeats: "azure exclusivity" gives `["Azure"]`.
    pub fn known_in_query(&self, query: &str) -> Vec<&str> {
        let mut found = Vec::new();
        self.table.find_in_query(query, &mut found);
        let mut out: Vec<&str> = Vec::new();
        for m in found {
            let name = self.table.entities[m.entity].canonical.as_str();
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// Number of rows in the curated table.
    pub fn known_len(&self) -> usize {
        self.table.entities.len()
    }
}

/// Words that never end a name, sorted for binary search (lowercase): pronouns, auxiliaries,
/// conjunctions, prepositions and reporting verbs. Only used in sentences written in capitals.
const CAPS_FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "during", "each", "few", "for", "from", "had", "has", "have",
    "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "may", "me", "might", "more", "most", "must", "my", "no", "nor", "not", "now", "of", "on",
    "once", "only", "or", "other", "our", "out", "over", "said", "says", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "though", "through", "to", "told", "too", "under", "until", "up", "very",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "would", "yet", "you", "your",
];

/// Compares `lower` (lowercase ASCII) with `word` ignoring ASCII case.
fn cmp_ignore_ascii_case(lower: &str, word: &str) -> std::cmp::Ordering {
    lower
        .bytes()
        .cmp(word.bytes().map(|b| b.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests;
