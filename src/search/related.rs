//! Related words for the words of a query: the synonyms and near-synonyms business news uses
//! for the same thing ("probe" for an inquiry, "takeover" for an acquisition).
//!
//! A query's own words often do not appear in the passage that answers it: a reporter writes
//! "the FTC opened an inquiry", a user asks for "antitrust probe". Topic expansion adds a whole
//! topic's vocabulary; this table adds, for each query word, the few words that mean nearly the
//! same, weighted below the user's own (like an Elasticsearch synonym file, but scored lower
//! than the original word instead of being equal to it).
//!
//! Keys and related phrases are written as a user would type them and analysed with the
//! index's English analyzer once per process, so "probes" and "probing" find the same entry.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// A query word and its related phrases with weights in (0, 1]: 1.0 for a synonym, less the
/// further the meaning drifts. Business and legal news vocabulary only; general words are
/// left alone, and so are near-synonyms that are everyday words ("only" for sole, "offer"
/// for bid, "authority" for regulator), because a passage with one of them alone would match.
const RELATED: &[(&str, &[(&str, f32)])] = &[
    // Regulators and investigations.
    (
        "probe",
        &[
            ("inquiry", 1.0),
            ("investigation", 1.0),
            ("investigate", 0.8),
        ],
    ),
    (
        "inquiry",
        &[("probe", 1.0), ("investigation", 1.0), ("investigate", 0.8)],
    ),
    (
        "investigation",
        &[("probe", 1.0), ("inquiry", 1.0), ("investigate", 0.8)],
    ),
    (
        "antitrust",
        &[
            ("anticompetitive", 0.9),
            ("anti-competitive", 0.9),
            ("monopoly", 0.6),
            ("competition authority", 0.9),
        ],
    ),
    ("regulator", &[("watchdog", 0.9)]),
    ("watchdog", &[("regulator", 1.0)]),
    ("scrutiny", &[("inquiry", 0.7), ("investigation", 0.7)]),
    ("fine", &[("penalty", 0.9)]),
    ("penalty", &[("fine", 0.9)]),
    // Courts and disputes.
    (
        "lawsuit",
        &[
            ("suit", 0.9),
            ("sue", 0.9),
            ("litigation", 0.9),
            ("complaint", 0.7),
            ("legal action", 0.9),
        ],
    ),
    (
        "sue",
        &[
            ("lawsuit", 0.9),
            ("suit", 0.8),
            ("litigation", 0.7),
            ("legal action", 0.8),
        ],
    ),
    (
        "litigation",
        &[("lawsuit", 0.9), ("sue", 0.7), ("legal action", 0.8)],
    ),
    (
        "dispute",
        &[("disagreement", 0.7), ("conflict", 0.6), ("feud", 0.8)],
    ),
    ("feud", &[("dispute", 0.9), ("rift", 0.8)]),
    ("rift", &[("dispute", 0.8)]),
    ("court", &[("judge", 0.6), ("tribunal", 0.7)]),
    ("breach", &[("violation", 0.8), ("violate", 0.7)]),
    ("violation", &[("breach", 0.8), ("violate", 0.8)]),
    ("injunction", &[("restraining order", 0.8)]),
    ("countersue", &[("counterclaim", 0.9), ("countersuit", 1.0)]),
    // Deals.
    (
        "acquisition",
        &[
            ("acquire", 0.9),
            ("takeover", 0.9),
            ("buyout", 0.8),
            ("purchase", 0.6),
            ("merger", 0.6),
        ],
    ),
    (
        "acquire",
        &[("acquisition", 0.9), ("takeover", 0.7), ("purchase", 0.6)],
    ),
    (
        "takeover",
        &[
            ("acquisition", 0.9),
            ("acquire", 0.7),
            ("bid", 0.6),
            ("buyout", 0.7),
        ],
    ),
    ("buyout", &[("takeover", 0.8), ("acquisition", 0.8)]),
    (
        "merger",
        &[("merge", 0.9), ("combination", 0.6), ("acquisition", 0.6)],
    ),
    (
        "deal",
        &[
            ("agreement", 0.7),
            ("contract", 0.6),
            ("arrangement", 0.6),
            ("pact", 0.8),
            ("partnership", 0.5),
        ],
    ),
    (
        "agreement",
        &[
            ("deal", 0.7),
            ("contract", 0.7),
            ("arrangement", 0.6),
            ("pact", 0.8),
        ],
    ),
    ("contract", &[("agreement", 0.7), ("deal", 0.6)]),
    ("pact", &[("agreement", 0.9), ("deal", 0.8)]),
    (
        "partnership",
        &[("partner", 0.7), ("alliance", 0.8), ("collaboration", 0.7)],
    ),
    ("partner", &[("partnership", 0.7), ("alliance", 0.6)]),
    ("alliance", &[("partnership", 0.8), ("partner", 0.6)]),
    (
        "investment",
        &[("invest", 0.9), ("stake", 0.6), ("funding", 0.7)],
    ),
    ("invest", &[("investment", 0.9), ("funding", 0.6)]),
    ("stake", &[("shareholding", 0.9)]),
    ("funding", &[("investment", 0.7), ("financing", 0.8)]),
    ("bid", &[("tender offer", 0.7)]),
    (
        "restructuring",
        &[
            ("recapitalization", 0.8),
            ("reorganization", 0.8),
            ("restructure", 0.9),
        ],
    ),
    // Exclusivity.
    ("exclusivity", &[("exclusive", 0.9), ("sole", 0.6)]),
    ("exclusive", &[("exclusivity", 0.9), ("sole", 0.6)]),
    ("sole", &[("exclusive", 0.7)]),
    // Cloud and AI infrastructure.
    (
        "cloud",
        &[("hosting", 0.5), ("data center", 0.5), ("compute", 0.5)],
    ),
    (
        "chip",
        &[
            ("gpu", 0.7),
            ("tpu", 0.7),
            ("processor", 0.7),
            ("accelerator", 0.7),
            ("semiconductor", 0.7),
        ],
    ),
    ("gpu", &[("chip", 0.6), ("accelerator", 0.6)]),
    ("datacenter", &[("data center", 1.0)]),
];

/// Each key's stem → the entries with that key (two words may share a stem). Only keys are
/// analysed up front; an entry's phrases are analysed the first time a query needs them, so a
/// one-off search pays for a handful of phrases, not the whole table.
static KEYS: LazyLock<HashMap<String, Vec<usize>>> = LazyLock::new(|| {
    let mut en = crate::index::english_analyzer(crate::index::MemoStemmer::all());
    let mut keys: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, &(word, _)) in RELATED.iter().enumerate() {
        if let [stem] = super::build::analyze(&mut en, word).as_slice() {
            keys.entry(stem.clone()).or_default().push(i);
        } // tests check every key is one word
    }
    keys
});

/// An entry's related phrases as index terms, with weights.
type Analyzed = Vec<(Vec<String>, f32)>;

/// Per entry of [`RELATED`], its phrases as index terms with weights, analysed on first use;
/// a phrase that stems to the entry's own word is left out.
static ANALYZED: [OnceLock<Analyzed>; RELATED.len()] = [const { OnceLock::new() }; RELATED.len()];

/// The related phrases (index terms, weight) of one analysed query word; none if the table
/// does not have it.
pub(crate) fn related_terms(stem: &str) -> impl Iterator<Item = &'static (Vec<String>, f32)> {
    let entries = KEYS.get(stem).map_or(&[][..], Vec::as_slice);
    entries.iter().flat_map(|&i| {
        ANALYZED[i].get_or_init(|| {
            let (word, related) = RELATED[i];
            let mut en = crate::index::english_analyzer(crate::index::MemoStemmer::all());
            let own = super::build::analyze(&mut en, word);
            related
                .iter()
                .map(|&(phrase, weight)| (super::build::analyze(&mut en, phrase), weight))
                .filter(|(terms, _)| !terms.is_empty() && *terms != own)
                .collect()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_one_word_and_every_entry_is_reachable() {
        let mut en = crate::index::english_analyzer(crate::index::MemoStemmer::all());
        for &(word, related) in RELATED {
            let stems = crate::search::build::analyze(&mut en, word);
            assert_eq!(stems.len(), 1, "key {word:?} must be one word");
            assert!(!related.is_empty(), "key {word:?} has no related words");
            for &(phrase, weight) in related {
                assert!(
                    weight > 0.0 && weight <= 1.0,
                    "{word} → {phrase}: weight {weight}"
                );
            }
            assert!(
                related_terms(&stems[0]).next().is_some(),
                "{word} unreachable"
            );
        }
    }

    #[test]
    fn inflected_query_words_find_their_entry() {
        let mut en = crate::index::english_analyzer(crate::index::MemoStemmer::all());
        let mut stem = |w: &str| crate::search::build::analyze(&mut en, w).remove(0);
        let inquiry = stem("inquiry");
        assert!(related_terms(&stem("probes")).any(|(t, _)| t == std::slice::from_ref(&inquiry)));
        let acquisition = stem("acquisition");
        assert!(
            related_terms(&stem("Takeovers")).any(|(t, _)| t == std::slice::from_ref(&acquisition))
        );
        assert!(related_terms(&stem("weather")).next().is_none());
    }

    #[test]
    fn no_key_lists_itself() {
        for key in KEYS.keys() {
            assert!(
                related_terms(key).all(|(t, _)| t.as_slice() != std::slice::from_ref(key)),
                "{key} relates to itself"
            );
        }
    }
}
