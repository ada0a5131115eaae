//! Extractors: pure functions from passage text to the facts newsdex indexes —
//! money amounts, named entities and topic scores. They share nothing with the
//! index or the CLI, so they are easy to test, fuzz and evaluate on their own.

pub mod entities;
pub mod money;
pub mod topics;

use serde::{Deserialize, Serialize};

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

/// Topic scores as stored with a passage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TopicFacts {
    pub exclusivity: f32,
    pub dispute: f32,
    pub deal: f32,
}

/// Everything the extractors found in one passage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PassageFacts {
    pub amounts: Vec<AmountFact>,
    pub entities: Vec<EntityFact>,
    pub topics: TopicFacts,
}

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

impl Extractors {
    /// Runs the enabled extractors over one passage. `context` (the heading)
    /// feeds topic scoring only.
    pub fn analyze(&self, text: &str) -> PassageFacts {
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
            facts.entities = entities::EntityExtractor::shared()
                .extract(text)
                .into_iter()
                .map(|e| EntityFact {
                    text: e.text,
                    kind: e.kind.as_str().to_string(),
                    canonical: e.canonical,
                })
                .collect();
        }
        if self.topics {
            let t = topics::score_topics(text);
            facts.topics = TopicFacts {
                exclusivity: t.exclusivity,
                dispute: t.dispute,
                deal: t.deal,
            };
        }
        facts
    }
}
