//! Extractors: pure functions from passage text to the facts newsdex indexes —
//! money amounts, named entities and topic scores. They share nothing with the
//! index or the CLI, so they are easy to test, fuzz and evaluate on their own.

pub mod entities;
pub mod money;
mod prefix;
pub mod topics;

use serde::{Deserialize, Serialize};

pub use topics::TopicScores;

/// An entity as stored with a passage and shown in hits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityFact {
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub canonical: String,
}

/// A money amount as stored with a passage and shown in hits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmountFact {
    pub text: String,
    pub currency: String,
    pub value: f64,
    pub kind: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Approximate US-dollar value from the fixed rate table.
    pub usd: Option<f64>,
}

/// Everything the extractors found in one passage.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PassageFacts {
    pub amounts: Vec<AmountFact>,
    pub entities: Vec<EntityFact>,
    pub topics: TopicScores,
}

/// The compact stored form of [`PassageFacts`]: positional arrays instead of
/// keyed objects (the facts of every passage are stored, so bytes matter),
/// the canonical name only when it differs from the text, and no USD value
/// (recomputed from the rate table on reading).
/// An amount as stored: text, currency, value, kind, low, high.
type StoredAmount = (String, String, f64, String, Option<f64>, Option<f64>);

#[derive(Serialize, Deserialize)]
struct StoredFacts {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    a: Vec<StoredAmount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    e: Vec<(String, String, Option<String>)>,
    #[serde(default)]
    t: [f32; 3],
}

impl PassageFacts {
    /// The facts in their compact stored form.
    pub fn to_stored(&self) -> String {
        let stored = StoredFacts {
            a: self
                .amounts
                .iter()
                .map(|a| {
                    (
                        a.text.clone(),
                        a.currency.clone(),
                        a.value,
                        a.kind.clone(),
                        a.low,
                        a.high,
                    )
                })
                .collect(),
            e: self
                .entities
                .iter()
                .map(|e| {
                    let canonical = (e.canonical != e.text).then(|| e.canonical.clone());
                    (e.text.clone(), e.kind.clone(), canonical)
                })
                .collect(),
            t: [
                self.topics.exclusivity,
                self.topics.dispute,
                self.topics.deal,
            ],
        };
        serde_json::to_string(&stored).expect("facts serialize to JSON")
    }

    /// Reads facts stored by [`PassageFacts::to_stored`]; None if malformed.
    pub fn from_stored(raw: &str) -> Option<PassageFacts> {
        let stored: StoredFacts = serde_json::from_str(raw).ok()?;
        Some(PassageFacts {
            amounts: stored
                .a
                .into_iter()
                .map(|(text, currency, value, kind, low, high)| AmountFact {
                    usd: money::usd_rate(&currency).map(|r| value * r),
                    text,
                    currency,
                    value,
                    kind,
                    low,
                    high,
                })
                .collect(),
            entities: stored
                .e
                .into_iter()
                .map(|(text, kind, canonical)| EntityFact {
                    canonical: canonical.unwrap_or_else(|| text.clone()),
                    text,
                    kind,
                })
                .collect(),
            topics: TopicScores {
                exclusivity: stored.t[0],
                dispute: stored.t[1],
                deal: stored.t[2],
            },
        })
    }
}

/// Capitalised words the tagger takes for names but that name no one: acronyms of tech news
/// (it was trained on 1996 newswire), and newswire furniture — the "Reuter" sign-off that
/// ends every Reuters story (tagged a person in 18,000 passages of Reuters-21578) and the
/// "Blah blah" of its placeholder bodies.
const NOT_NAMES: &[&str] = &[
    "AI", "GenAI", "AGI", "LLM", "LLMs", "GPU", "GPUs", "TPU", "TPUs", "CPU", "CPUs", "API",
    "APIs", "CEO", "CFO", "CTO", "IPO", "ML", "SaaS", "IaaS", "PaaS", "ROFR", "PBC", "EBITDA",
    "Reuter", "REUTER", "Blah", "BLAH",
];

/// Which extractors run; each can be switched off to measure its cost.
#[derive(Debug, Clone, Copy)]
pub struct Extractors {
    pub money: bool,
    pub entities: bool,
    pub topics: bool,
}

impl Default for Extractors {
    fn default() -> Self {
        Extractors {
            money: true,
            entities: true,
            topics: true,
        }
    }
}

/// The facts of an article's passages, found together (see [`Extractors::analyze_article`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFacts {
    /// One per passage, in article order.
    pub passages: Vec<PassageFacts>,
    /// Short forms the article tied to full names ("Blair" → "Tony Blair"), one per joined
    /// mention, for the corpus-wide entity list.
    pub ties: Vec<entities::document::Tie>,
}

impl Extractors {
    /// Runs the enabled extractors over one passage read alone, as an article of one passage.
    pub fn analyze(&self, text: &str) -> PassageFacts {
        self.analyze_article([text])
            .passages
            .pop()
            .expect("one passage in, one out")
    }

    /// Runs the enabled extractors over the passages of one article, in article order. Money
    /// and topics are per passage; entities are read per passage and then resolved over the
    /// whole article (`entities::document`): "Mr Blair" after "Tony Blair" is Tony Blair.
    pub fn analyze_article<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> ArticleFacts {
        let mut passages = Vec::new();
        let mut mentions = Vec::new();
        for text in texts {
            let mut facts = PassageFacts::default();
            if self.money {
                facts.amounts = money::find_money(text)
                    .into_iter()
                    .map(|m| AmountFact {
                        usd: m.usd(),
                        text: m.text,
                        currency: m.currency.to_string(),
                        value: m.value,
                        kind: serde_json::to_value(m.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default(),
                        low: m.low,
                        high: m.high,
                    })
                    .collect();
            }
            if self.entities {
                let mut found = entities::EntityExtractor::shared().extract(text);
                found.retain(|e| e.known || !NOT_NAMES.contains(&e.text.as_str()));
                mentions.push(found);
            }
            if self.topics {
                facts.topics = topics::score_topics(text);
            }
            passages.push(facts);
        }
        let ties = if self.entities {
            let ties = entities::document::resolve(&mut mentions);
            for (facts, found) in passages.iter_mut().zip(mentions) {
                facts.entities = found
                    .into_iter()
                    .map(|e| EntityFact {
                        text: e.text,
                        kind: e.kind.as_str().to_string(),
                        canonical: e.canonical,
                    })
                    .collect();
            }
            ties
        } else {
            Vec::new()
        };
        ArticleFacts { passages, ties }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_facts_read_back_the_same() {
        let facts = Extractors::default().analyze(
            "Microsoft Corp. said AWS paid about €4.34 billion in an exclusive cloud deal.",
        );
        assert!(!facts.amounts.is_empty() && !facts.entities.is_empty());
        let back = PassageFacts::from_stored(&facts.to_stored()).unwrap();
        assert_eq!(back, facts);
    }

    #[test]
    fn newswire_furniture_and_generic_acronyms_are_not_entities() {
        let names = |text: &str| -> Vec<String> {
            Extractors::default()
                .analyze(text)
                .entities
                .into_iter()
                .map(|e| e.canonical)
                .collect()
        };
        let signed_off = names("Shares of Contoso rose 5 pct in Tokyo on Monday.\n Reuter");
        assert!(!signed_off.iter().any(|n| n == "Reuter"), "{signed_off:?}");
        assert!(signed_off.iter().any(|n| n == "Tokyo"), "{signed_off:?}");
        let acronyms = names("The CEO said the AI chips beat GPUs.");
        assert!(acronyms.is_empty(), "{acronyms:?}");
    }
}
