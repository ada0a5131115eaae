//! Topic scoring: how strongly a passage is about exclusivity, disputes or deals.
//!
//! newsdex is best at the three things its users ask about most, so every passage gets a
//! score per [`Topic`] at index time and every query is checked for the topics it names. This
//! module owns the vocabulary behind both: weighted words and phrases per topic, the contexts
//! that cancel them ("deal with the problem", "exclusive interview", "fine print"), and the
//! saturating combination into `[0, 1]`.
//!
//! It is a pure function of the text, with no dependency on the other extractors, so it runs
//! on every passage of a large corpus and can be tested on sentences alone. Scoring lowercases
//! the passage once into a reused buffer and makes one pass of a precompiled Aho-Corasick
//! automaton over it; a few rules then look at the next words ("signed *a new* contract").
//!
//! The vocabulary and [`DEAL_THRESHOLD`] were tuned on the Reuters-21578 TRAIN split (its
//! `acq` category against its earnings reports); `scripts/eval-topics` reruns that
//! evaluation, reports the held-out TEST split and times the scorer.

use std::cell::RefCell;
use std::sync::LazyLock;

use super::prefix::{PatternSet, Scan};

/// The three things users ask about most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Topic {
    /// Exclusive rights and their limits: sole suppliers, rights of first refusal, lock-in.
    Exclusivity,
    /// Conflict between parties: lawsuits, complaints, probes, fines, hostile moves.
    Dispute,
    /// Transactions between parties: acquisitions, mergers, stakes, contracts, partnerships.
    Deal,
}

impl Topic {
    /// Every topic, in the order used for score arrays and for [`topics_in_query`] results,
    /// so callers can iterate without listing the variants themselves.
    pub const ALL: [Topic; 3] = [Topic::Exclusivity, Topic::Dispute, Topic::Deal];

    /// The topic's name as it appears in the index, in JSON and on the command line (the
    /// same spelling serde uses).
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Exclusivity => "exclusivity",
            Topic::Dispute => "dispute",
            Topic::Deal => "deal",
        }
    }

    /// Reads a topic name typed by a user (`--topic deal`); accepts the [`Topic::as_str`]
    /// names in any case, plus the obvious variants ("exclusive", "disputes", "deals").
    pub fn parse(s: &str) -> Option<Topic> {
        match s.trim().to_ascii_lowercase().as_str() {
            "exclusivity" | "exclusive" => Some(Topic::Exclusivity),
            "dispute" | "disputes" => Some(Topic::Dispute),
            "deal" | "deals" => Some(Topic::Deal),
            _ => None,
        }
    }

    /// Position in [`Topic::ALL`] and in per-topic weight arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Topic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How strongly a passage is about each topic, each in [0, 1].
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct TopicScores {
    /// Score for [`Topic::Exclusivity`].
    pub exclusivity: f32,
    /// Score for [`Topic::Dispute`].
    pub dispute: f32,
    /// Score for [`Topic::Deal`].
    pub deal: f32,
}

impl TopicScores {
    /// The score for one topic, so ranking code can stay generic over [`Topic`].
    pub fn get(&self, t: Topic) -> f32 {
        match t {
            Topic::Exclusivity => self.exclusivity,
            Topic::Dispute => self.dispute,
            Topic::Deal => self.deal,
        }
    }
}

/// The deal score above which an article counts as a deal (tuned on Reuters TRAIN; see eval).
///
/// An article is a deal when the best of its passages (title included) reaches this score.
/// It sits between `1 − e^−0.8` (0.551) and `1 − e^−0.9` (0.593): one announcement
/// ("agreed to acquire", "tender offer", "raised its stake", weight 0.9–1.0) is enough, a
/// single topic noun ("merger", "acquisition", "stake", 0.4–0.8) is not, and two pieces of
/// evidence usually are. On Reuters TRAIN it flags 96.8% of `acq` articles and 4.8% of
/// earnings reports; `scripts/eval-topics` prints the sweep behind the choice.
pub const DEAL_THRESHOLD: f32 = 0.57;

/// Scores a passage (any length; typically a paragraph of 20–150 words).
///
/// Each topic's score is `1 − exp(−Σ w)` over the weights of the vocabulary found in the
/// passage, so one strong term (1.0) gives 0.63 and two give 0.86. Adding evidence never
/// lowers a score; the one deliberate exception is deal vocabulary inside a financial-results
/// passage ("net includes operations of X, acquired in June"), which counts half, because
/// results mention past deals in passing.
pub fn score_topics(text: &str) -> TopicScores {
    let mut sums = Sums::default();
    MATCHER.for_each_hit(text, Scan::Passage, false, |_, _, p| sums.add(p));
    let [exclusivity, dispute, deal] = sums.finish();
    TopicScores {
        exclusivity,
        dispute,
        deal,
    }
}

/// Topics a search query is about, from its words ("Azure exclusivity" → \[Exclusivity\]; "legal action" → \[Dispute\]; "cloud deal" → \[Deal\]; "lawsuit over the merger" → \[Dispute, Deal\]).
///
/// Uses the passage vocabulary, so a query and the passages it should find agree on what a
/// topic word is, plus a few words people type in queries that are too vague to score
/// passages with ("legal", "contract", "m&a"). A topic counts when its evidence reaches half
/// of a strong term, so weak words ("buy", "partner", "challenge") alone do not make a query
/// topical. Results are in [`Topic::ALL`] order.
pub fn topics_in_query(query: &str) -> Vec<Topic> {
    // Plain sums: queries are a few words, with no results context worth modelling.
    let mut sums = [0.0f32; 3];
    MATCHER.for_each_hit(query, Scan::Query, false, |_, _, p| {
        for (s, w) in sums.iter_mut().zip(p.weights) {
            *s += w;
        }
    });
    let lower = query.to_lowercase();
    for word in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '-'))
        .filter(|w| !w.is_empty())
    {
        for &(alias, topic) in QUERY_ALIASES {
            if word == alias {
                sums[topic.index()] += 1.0;
            }
        }
    }
    Topic::ALL
        .into_iter()
        .filter(|t| sums[t.index()] >= QUERY_MIN_EVIDENCE)
        .collect()
}

/// Vocabulary used to expand a topical query: phrases (lowercase, space-separated words as a user would type them) with weights in (0, 1] — e.g. Exclusivity: "exclusive" 1.0, "exclusivity" 1.0, "sole provider" 0.8, "only provider" 0.7, "right of first refusal" 0.9, "lock-in" 0.6 …
///
/// Kept apart from the scoring rules: scoring needs stems, blockers and weak words, while
/// expansion needs the handful of phrases a search engine can add to a query without
/// drowning it. A unit test checks that every phrase here scores for its own topic.
pub fn expansion_terms(topic: Topic) -> &'static [(&'static str, f32)] {
    match topic {
        Topic::Exclusivity => EXPAND_EXCLUSIVITY,
        Topic::Dispute => EXPAND_DISPUTE,
        Topic::Deal => EXPAND_DEAL,
    }
}

/// What a piece of matched vocabulary does to the scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// Adds its weights to the topics' evidence.
    Evidence,
    /// Adds nothing itself but changes how deal evidence counts: a company or money word,
    /// a business object ("unit", "stake") or financial-results vocabulary.
    Context,
    /// Weightless text that covers a topic word so it does not count ("exclusive
    /// interview", "deal with the problem", "fine print").
    Blocker,
}

/// One piece of vocabulary found in a passage, as returned by [`explain_topics`].
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct TopicMatch {
    /// Byte offset in the passage where the match starts.
    pub start: usize,
    /// Byte offset in the passage where the match ends (exclusive). A rule that checked the
    /// next words ("signed…") reaches to the word it needed ("signed a new contract").
    pub end: usize,
    /// The rule that matched, as written in the vocabulary tables (a trailing `*` marks a
    /// stem; a trailing `…` marks a rule that also checked the next words).
    pub term: &'static str,
    /// Its weight per topic, in [`Topic::ALL`] order.
    pub weights: [f32; 3],
    /// What the match does to the scores.
    pub kind: TermKind,
}

/// The vocabulary behind [`score_topics`], match by match, so evaluations and an explain
/// view can show why a passage got its scores (and highlight the words, using the offsets).
pub fn explain_topics(text: &str) -> Vec<TopicMatch> {
    let mut out = Vec::new();
    MATCHER.for_each_hit(text, Scan::Passage, true, |(start, end), id, p| {
        let kind = if p.weights != [0.0; 3] {
            TermKind::Evidence
        } else if p.flags & (CONTEXT | OBJECT | RESULTS) != 0 {
            TermKind::Context
        } else {
            TermKind::Blocker
        };
        out.push(TopicMatch {
            start,
            end,
            term: LABELS[id].as_str(),
            weights: p.weights,
            kind,
        });
    });
    out
}

// ---------------------------------------------------------------------------------------
// Combining evidence
// ---------------------------------------------------------------------------------------

/// Weak deal words ("buy", "sale of", "offer") count in full only in a passage that names a
/// company, a business object or money; elsewhere ("buy groceries") they count this much.
const WEAK_ALONE: f32 = 0.3;

/// Added when a weak transaction word and a business object ("unit", "division", "stake")
/// share a passage: "sold its Airdrome Parts division" is a deal though the verb and the
/// object are several words apart.
const PAIR_BONUS: f32 = 0.3;

/// Deal nouns and weak words count this much in a passage that reports financial results
/// ("NOTE: 1986 net includes operations of X, acquired in June"). Announcements ("agreed to
/// acquire") keep their full weight. On Reuters TRAIN it cuts earnings reports flagged as
/// deals from 6.0% to 4.8% for 0.3 points of `acq` recall.
const RESULTS_DAMPING: f32 = 0.5;

/// Evidence a query needs for a topic: half of one strong term.
const QUERY_MIN_EVIDENCE: f32 = 0.5;

/// Words that name a topic in a query ("Azure contract") but are too vague or too common to
/// score passages with on their own.
const QUERY_ALIASES: &[(&str, Topic)] = &[
    ("exclusives", Topic::Exclusivity),
    ("legal", Topic::Dispute),
    ("legally", Topic::Dispute),
    ("m&a", Topic::Deal),
    ("contract", Topic::Deal),
    ("contracts", Topic::Deal),
    ("agreement", Topic::Deal),
    ("agreements", Topic::Deal),
    ("investment", Topic::Deal),
    ("investments", Topic::Deal),
    ("licensing", Topic::Deal),
];

/// The evidence found in one passage, kept apart by kind until [`Sums::finish`] combines it.
#[derive(Default)]
struct Sums {
    exclusivity: f32,
    dispute: f32,
    /// Deal announcements: never damped.
    announce: f32,
    /// Other deal evidence.
    deal: f32,
    /// Weak deal words, before [`WEAK_ALONE`] and [`PAIR_BONUS`].
    weak: f32,
    context: bool,
    object: bool,
    results: bool,
}

impl Sums {
    fn add(&mut self, p: &Pattern) {
        let [x, d, deal] = p.weights;
        self.exclusivity += x;
        self.dispute += d;
        if p.flags & ANNOUNCE != 0 {
            self.announce += deal;
        } else if p.flags & WEAK != 0 {
            self.weak += deal;
        } else {
            self.deal += deal;
        }
        self.context |= p.flags & CONTEXT != 0;
        self.object |= p.flags & OBJECT != 0;
        self.results |= p.flags & RESULTS != 0;
    }

    fn finish(&self) -> [f32; 3] {
        let weak = self.weak * if self.context { 1.0 } else { WEAK_ALONE };
        let pair = if self.weak > 0.0 && self.object {
            PAIR_BONUS
        } else {
            0.0
        };
        let damping = if self.results { RESULTS_DAMPING } else { 1.0 };
        let deal = self.announce + (self.deal + weak + pair) * damping;
        [self.exclusivity, self.dispute, deal].map(saturate)
    }
}

/// Maps summed evidence to `[0, 1]`, monotonically: 1.0 gives 0.63, 2.0 gives 0.86.
fn saturate(evidence: f32) -> f32 {
    1.0 - (-evidence.max(0.0)).exp()
}

// ---------------------------------------------------------------------------------------
// Rule tables
// ---------------------------------------------------------------------------------------

/// Flag: a deal weight that needs company, object or money context to count in full.
const WEAK: u8 = 1;
/// Flag: a company or money word that gives weak deal words their full weight.
const CONTEXT: u8 = 2;
/// Flag: a business object ("unit", "stake") that earns weak deal words [`PAIR_BONUS`].
const OBJECT: u8 = 4;
/// Flag: financial-results vocabulary that triggers [`RESULTS_DAMPING`].
const RESULTS: u8 = 8;
/// Flag: a deal announcement, whose weight is never damped.
const ANNOUNCE: u8 = 16;

/// One entry of the rule tables. `spec` is lowercase text with two bits of syntax: `{a|b|}`
/// alternatives (an empty one makes the group optional) and a trailing `*` for a stem that
/// may run on into a longer word. `next` optionally checks the words after the match.
#[derive(Clone, Copy)]
struct Rule {
    spec: &'static str,
    weights: [f32; 3],
    flags: u8,
    next: Next,
}

/// A condition on the words right after a match, after skipping up to [`MAX_FILLERS`]
/// [`FILLERS`] ("signed *a new five-year* contract", "deal with *the growing* problem").
/// It keeps verb-plus-object rules to one pattern per verb instead of one per combination.
#[derive(Clone, Copy)]
enum Next {
    /// No condition.
    Any,
    /// The rule counts only if one of these words comes next; the match then covers it.
    OneOf(&'static [&'static str]),
    /// If one of these words comes next, the match becomes a blocker covering it.
    NoneOf(&'static [&'static str]),
}

impl Rule {
    /// Counts only when followed by one of `words` (see [`Next::OneOf`]).
    const fn then(self, words: &'static [&'static str]) -> Rule {
        Rule {
            next: Next::OneOf(words),
            ..self
        }
    }

    /// Blocks instead when followed by one of `words` (see [`Next::NoneOf`]).
    const fn unless(self, words: &'static [&'static str]) -> Rule {
        Rule {
            next: Next::NoneOf(words),
            ..self
        }
    }
}

const fn rule(spec: &'static str, weights: [f32; 3], flags: u8) -> Rule {
    Rule {
        spec,
        weights,
        flags,
        next: Next::Any,
    }
}
/// Exclusivity evidence.
const fn ex(spec: &'static str, w: f32) -> Rule {
    rule(spec, [w, 0.0, 0.0], 0)
}
/// Dispute evidence.
const fn di(spec: &'static str, w: f32) -> Rule {
    rule(spec, [0.0, w, 0.0], 0)
}
/// Deal evidence that results context damps (see [`RESULTS_DAMPING`]).
const fn de(spec: &'static str, w: f32) -> Rule {
    rule(spec, [0.0, 0.0, w], 0)
}
/// A deal announcement (see [`ANNOUNCE`]).
const fn announce(spec: &'static str, w: f32) -> Rule {
    rule(spec, [0.0, 0.0, w], ANNOUNCE)
}
/// A weak deal word (see [`WEAK_ALONE`]).
const fn weak(spec: &'static str, w: f32) -> Rule {
    rule(spec, [0.0, 0.0, w], WEAK)
}
/// Evidence for several topics at once ("hostile takeover", "exclusive licence").
const fn multi(spec: &'static str, weights: [f32; 3]) -> Rule {
    rule(spec, weights, 0)
}
/// Context that cancels a topic word by covering it with a longer, weightless match.
const fn block(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], 0)
}
/// A company or money word (see [`CONTEXT`]).
const fn company_or_money(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], CONTEXT)
}
/// A business object (see [`OBJECT`]); also company context.
const fn object(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], OBJECT | CONTEXT)
}
/// Financial-results vocabulary (see [`RESULTS`]).
const fn results(spec: &'static str) -> Rule {
    rule(spec, [0.0; 3], RESULTS)
}

/// Words a [`Next`] condition skips: articles, possessives, a few adjectives that sit before
/// deal nouns, and amounts ("the 1.05 billion dlr purchase"; numbers are skipped too).
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those", "new",
    "more", "additional", "two", "three", "several", "some", "any", "all", "such", "possible",
    "potential", "proposed", "planned", "pending", "previously", "announced",
    "previously-announced", "definitive", "formal", "final", "tentative", "preliminary", "revised",
    "improved", "sweetened", "higher", "earlier", "original", "current", "ongoing", "growing",
    "rising", "recent", "entire", "remaining", "major", "big", "large", "small", "multi-year",
    "multiyear", "long-term", "cash", "all-cash", "friendly", "first", "second", "latest",
    "future", "financial", "economic", "technical", "legal", "pct", "percent", "per", "cent",
    "mln", "million", "billion", "bln", "bn", "dlr", "dollar", "stg",
];

/// How many [`FILLERS`] a [`Next`] condition skips before giving up.
const MAX_FILLERS: usize = 5;

/// What "deal with" is about when it means coping, not a transaction.
#[rustfmt::skip]
const PROBLEMS: &[&str] = &[
    "problem", "problems", "issue", "issues", "challenge", "challenges", "crisis", "crises",
    "situation", "threat", "threats", "fallout", "consequence", "consequences", "pressure",
    "pressures", "pandemic", "outbreak", "impact", "effects", "complaints", "backlog", "shortage",
    "shortages", "volatility", "uncertainty", "uncertainties", "concerns", "risk", "risks",
    "question", "questions", "criticism", "losses", "debt", "matter", "matters", "it", "them",
    "this", "that", "stress", "disruption", "disruptions", "emergency", "emergencies", "traffic",
    "spam", "bugs", "failures", "demand", "difficulties", "damage", "aftermath",
];

/// What companies acquire that is not a company: customers, skills, money.
#[rustfmt::skip]
const NOT_ACQUIRED: &[&str] = &[
    "customers", "customer", "users", "user", "subscribers", "skills", "knowledge", "experience",
    "talent", "taste", "equity", "capital", "financing", "funds", "funding", "data", "immunity",
    "expertise",
];

/// Transactions that are completed, approved, announced or considered.
#[rustfmt::skip]
const DEAL_EVENTS: &[&str] = &[
    "sale", "purchase", "purchases", "acquisition", "acquisitions", "merger", "mergers", "deal",
    "transaction", "takeover", "buyout", "divestiture", "spin-off", "spinoff", "combination",
];

/// Transactions that are proposed, pending or possible. Singular only: "potential
/// acquisitions" is strategy talk, "a potential acquisition" is news.
#[rustfmt::skip]
const PROPOSED_EVENTS: &[&str] = &[
    "sale", "purchase", "acquisition", "merger", "deal", "transaction", "takeover", "buyout",
    "divestiture", "spin-off", "spinoff", "combination", "offer", "bid", "tender",
];

/// What a bidder raises, rejects or withdraws, and what an investor raises or cuts.
#[rustfmt::skip]
const OFFERS_AND_STAKES: &[&str] = &[
    "offer", "offers", "bid", "bids", "tender", "takeover", "stake", "stakes",
];

/// What a company signs, wins or strikes.
#[rustfmt::skip]
const CONTRACTS: &[&str] = &[
    "contract", "contracts", "deal", "deals", "agreement", "agreements", "pact", "pacts", "accord",
    "accords", "partnership", "alliance", "memorandum", "merger", "licence", "license",
];

/// A rejection, withdrawal or termination object: a deal that is fought over or called off.
#[rustfmt::skip]
const DEALS_UNDER_FIRE: &[&str] = &[
    "deal", "merger", "agreement", "contract", "acquisition", "takeover", "partnership", "offer",
    "bid", "transaction", "sale", "proposal",
];

/// Exclusivity: exclusive rights, sole suppliers, first refusal, lock-in, non-competes.
const EXCLUSIVITY: &[Rule] = &[
    ex("exclusive", 1.0),
    ex("exclusivity", 1.0),
    ex("exclusively", 0.6),
    ex("exclusively {distribute|distributes|distributed|distributing|license|licenses|licensed|licensing|supply|supplies|supplied|supplying|market|markets|marketed|marketing|sell|sells|sold|selling|handle|handles|handled|through|via}", 1.0),
    ex("{sold|distributed|licensed|marketed|handled|supplied|distributes|licenses|markets|supplies} exclusively", 1.0),
    ex("{non-|non }exclusive", 0.8),
    ex("nonexclusive", 0.8),
    ex("no longer exclusive", 1.0),
    ex("{sole|only|single} {provider|providers|supplier|suppliers|partner|vendor|distributor|distributors|licensee|licensor|reseller|carrier|manufacturer|buyer|customer|agent|operator|contractor|bidder|seller|marketer|source}", 0.9),
    ex("exclusive {provider|supplier|partner|vendor|distributor|licensee|reseller|carrier|manufacturer|agent|operator|importer|marketer}", 1.0),
    ex("{sole|single}-{source|sourced|sourcing}", 0.8),
    ex("{sole|exclusive} {right|rights}", 1.0),
    ex("{right|rights} of first {refusal|negotiation|offer}", 1.0),
    ex("first refusal", 0.9),
    ex("rofr", 0.9),
    ex("lock-in", 0.8),
    ex("vendor lock-in", 0.9),
    ex("locked in to", 0.4),
    ex("{non-compete|noncompete|non-competition|no-compete}*", 0.9),
    multi("no-shop*", [0.8, 0.0, 0.3]),
    multi("exclusive {licence|license|licensing|licences|licenses}", [1.0, 0.0, 0.6]),
    multi("exclusive {deal|deals|agreement|agreements|contract|contracts|partnership|arrangement|talks|negotiations|distribution}", [1.0, 0.0, 0.8]),
    multi("monopol*", [0.4, 0.3, 0.0]),
    ex("walled garden", 0.5),
    // Media and marketing uses of "exclusive": a scoop, a members' perk, a posh club.
    block("exclusive {interview|interviews|report|reports|reporting|story|stories|scoop|photo|photos|pictures|footage|video|videos|look|first look|preview|excerpt|coverage|offer|offers|discount|discounts|club|clubs|event|events|party|resort|resorts|neighborhood|neighbourhood|enclave|restaurant|hotel|community|membership|members|edition|merchandise|colorway|bonus|perks|benefits|insight|insights|analysis|survey|poll|details|podcast|q&a|conversation|remarks|comments|statement|sneak peek}"),
    block("exclusive:"),
    block("exclusive -"),
    block("in an exclusive"),
    block("mutually exclusive"),
    block("exclusive of"),
    block("exclusive economic zone*"),
    block("exclusively {on|to reuters|told}"),
    block("{available|streaming|airing} exclusively"),
    block("exclusives"),
];

/// Disputes: legal action, regulators' probes, fines, hostile moves, public fights.
const DISPUTE: &[Rule] = &[
    di("lawsuit*", 1.0),
    di("legal {action|actions|battle|battles|fight|challenge|challenges|dispute|proceedings|threat|threats|case|claim|claims|wrangling|row|war|setback}", 1.0),
    di("{sue|sues}", 0.8),
    di("sued", 1.0),
    di("suing", 1.0),
    di("{to|will|would|could|may|might|threatened to|threatens to|plans to|planning to} sue", 1.0),
    di("{countersue|counter-sue|countersuit|counter-suit|counterclaim|counter-claim}*", 1.0),
    di("{filed|file|files|filing|brought|bring|brings|dismissed|dismiss|dismisses} {a |the |}suit", 1.0),
    di("suit {against|seeking|alleging|accusing|claiming|charging|filed}", 1.0),
    di("{class-action|class action|antitrust|anti-trust|civil|patent|federal|copyright|shareholder|derivative} {suit|suits}", 1.0),
    di("class{-| }action", 0.9),
    di("breach*", 0.8),
    multi("{breach|breaches|breached} of contract", [0.0, 1.0, 0.2]),
    di("data breach*", 0.3),
    di("complaint*", 0.7),
    di("arbitrat*", 1.0),
    di("injunction*", 1.0),
    di("restraining order*", 1.0),
    di("{antitrust|anti-trust}", 0.9),
    multi("{antitrust|anti-trust} {review|reviews|clearance|clearances|approval|approvals|waiting period}", [0.0, 0.2, 0.3]),
    di("competition {authority|authorities|regulator|regulators|watchdog|commission|probe|investigation|law|laws|concerns|complaint}", 0.6),
    di("{probe|probes|probed|probing}", 0.8),
    di("investigat*", 0.8),
    di("{inquiry|enquiry}", 0.7),
    di("{inquiries|enquiries}", 0.4),
    // "Fine" counts only as a penalty: "fined", "a record fine", "pay a fine"; the adjective
    // and verb ("fine print", "fine-tune", "a fine line") never match.
    di("fined", 1.0),
    di("{pay|paid|paying|pays|face|faces|faced|facing|impose|imposed|imposes|imposing|levy|levied|levies|slapped with|hit with} {a |the |}{fine|fines}", 1.0),
    di("{record|hefty|heavy|maximum|antitrust|anti-trust|civil|criminal|regulatory|million|billion|mln|bln|eu} {fine|fines}", 1.0),
    di("fine of", 0.9),
    di("fines", 0.6),
    di("penalt{y|ies}", 0.6),
    di("reject*", 0.5),
    multi("{rejected|rejects|reject|rejecting|rebuffed|rebuffs|rebuff}", [0.0, 0.6, 1.0]).then(DEALS_UNDER_FIRE),
    di("hostile", 0.6),
    multi("hostile {bid|bids|takeover|takeovers|offer|tender|acquisition|approach}", [0.0, 0.8, 1.0]),
    di("litigat*", 1.0),
    di("court", 0.6),
    di("courts", 0.6),
    di("courtroom*", 0.8),
    di("{federal|district|supreme|appeals|appeal|high|appellate|administrative|crown|magistrates|circuit|county|superior|trade|state|european|international} court", 1.0),
    di("court {ruling|rulings|ruled|rules|order|ordered|orders|case|cases|battle|fight|challenge|filing|filings|documents|papers|hearing|date|decision|judge|action|proceedings|of appeal|of appeals|of justice}", 1.0),
    di("{in|to|into|before|out of} court", 0.9),
    di("{allege|alleged|alleges|alleging|allegedly|allegation|allegations}", 0.7),
    di("dispute*", 1.0),
    di("challenge*", 0.3),
    di("{challenged|challenging}", 0.4),
    di("accus*", 0.7),
    di("violat*", 0.6),
    di("infring*", 0.9),
    di("{patent|copyright|trademark} {infringement|violation|theft|dispute|case|cases|claim|claims|war|wars|troll|trolls}", 1.0),
    di("settle", 0.4),
    di("settled", 0.3),
    di("settlement*", 0.6),
    di("judge*", 0.7),
    di("jury", 0.8),
    di("verdict*", 0.9),
    di("ruling*", 0.6),
    di("ruled", 0.6),
    di("appeal", 0.4),
    di("{appealed|appeals}", 0.6),
    di("on appeal", 0.8),
    di("{stand|stands|stood|standing|face|faces|faced|facing} trial", 0.9),
    di("{plaintiff|defendant|subpoena|indict}*", 1.0),
    di("prosecut*", 0.8),
    di("regulatory scrutiny", 0.7),
    di("scrutiny", 0.5),
    di("regulators", 0.3),
    di("damages", 0.5),
    di("sanction{|s|ed}", 0.5),
    di("{ban|bans|banned|banning}", 0.4),
    di("feud*", 0.9),
    di("spat", 0.7),
    di("{row|rows} {over|with|between}", 0.8),
    di("clash*", 0.5),
    di("{battle|battles|battled|battling}", 0.3),
    di("{fight|fights|fighting|fought}", 0.3),
    di("{standoff|stand-off}", 0.6),
    di("war of words", 0.8),
    di("trade war*", 0.7),
    di("retaliat*", 0.6),
    di("contest{ed|ing}", 0.6),
    di("object{ion|ions|ed|s to}", 0.5),
    di("{oppose|opposes|opposed|opposing}", 0.4),
    di("{unlawful|illegal|illegally|wrongful|wrongfully}", 0.6),
    di("fraud*", 0.7),
    di("{wrongdoing|misconduct}", 0.7),
    di("cease{ and |-and-}desist", 1.0),
    di("{denied|denies|deny} {the |}{allegations|claims|charges|wrongdoing|accusations}", 0.5),
    di("{ftc|doj|justice department|department of justice|competition and markets authority|cma|federal trade commission}", 0.4),
    di("crackdown*", 0.6),
    di("unfair*", 0.4),
    di("insider {trading|dealing}", 0.9),
    multi("{block|blocks|blocked|blocking|challenge|challenges|challenged|oppose|opposes|opposed}", [0.0, 0.9, 1.0]).then(DEALS_UNDER_FIRE),
    multi("{terminated|terminates|terminate|cancelled|canceled|cancels|cancel|scrapped|scraps|scrap|called off|calls off|call off|walked away from|walks away from|pulled out of|backed out of}", [0.0, 0.6, 1.0]).then(DEALS_UNDER_FIRE),
    multi("unsolicited", [0.0, 0.3, 0.6]),
    multi("{poison pill|poison pills|greenmail}", [0.0, 0.4, 0.8]),
    multi("{proxy fight|proxy battle|proxy contest}*", [0.0, 0.8, 0.7]),
    multi("takeover battle*", [0.0, 0.8, 1.0]),
    // Courts that are not legal venues, and "court" as a verb.
    block("{tennis|basketball|squash|badminton|volleyball|netball|food|centre|center|hard|clay|grass|full|royal} court*"),
    block("court {customers|investors|voters|buyers|advertisers|developers|users|fans|shoppers|talent}"),
    block("{space|lunar|mars|solar} probe*"),
    block("probe {card|cards|station|tip}"),
    block("ruling {party|parties|coalition|liberal|conservative|communist|socialist|labour|labor|junta|elite|elites|family|class|government|military|council|african|alliance|bloc|camp}"),
    block("due diligence"),
    block("settlement {price|prices|date|dates|day|days|value|values|period|system|systems|procedure|procedures|bank|banks|currency}"),
    block("{cash|futures|daily|final|physical|gross} settlement*"),
    block("{the |}jury {is|'s} still out"),
    block("{to|would|will|can|could|hard to|difficult to|too early to} judge"),
    block("{hart-scott-rodino |hart scott rodino |}{antitrust|anti-trust} improvement*"),
    block("investigative {journalism|journalist|journalists|reporter|reporters|reporting|report|unit|team}"),
    block("{fine-tun|fine tun}*"),
    block("fine print"),
    block("penalty {kick|kicks|shootout|box|spot|area|corner}"),
];

/// Deals: acquisitions, mergers, stakes, tender offers, contracts, partnerships, investments.
///
/// Weights come in tiers. Announcements ("agreed to acquire", "definitive agreement", "tender
/// offer", "raised its stake") weigh 0.9–1.0 and carry a passage over [`DEAL_THRESHOLD`]
/// alone. Topic nouns ("merger", "acquisition", "deal", "stake") weigh 0.4–0.8 and need a
/// second piece of evidence. Everyday words ("buy", "sale", "offer") weigh less still and
/// need company context (see [`WEAK_ALONE`]).
const DEAL: &[Rule] = &[
    // Announcements: a transaction agreed, made, completed, proposed or fought over.
    // Intentions: acquiring or merging is corporate by nature; buying, selling and
    // investing need company context ("wants to buy a phone" is shopping).
    announce("{agreed|agree|agrees|plans|plan|planned|planning|intends|intend|decided|decides|offered|offers|offer|offering|wants|want|seeks|seek|seeking|expects|expected|proposed|proposes|propose|sought|moves|moved|bid|bids|move|talks|negotiating|negotiations|deal|agreement|pact|contract|option|right|rights|proposal|proposals|attempt|effort|efforts|approach|intention|intent|willing|ready|prepared} to {acquire|merge|take over}", 1.0).unless(NOT_ACQUIRED),
    weak("{agreed|agree|agrees|plans|plan|planned|planning|intends|intend|decided|decides|offered|offers|offer|offering|wants|want|seeks|seek|seeking|expects|expected|proposed|proposes|propose|sought|moves|moved|bid|bids|move|talks|negotiating|negotiations|deal|agreement|pact|contract|option|right|rights|proposal|proposals|attempt|effort|efforts|approach|intention|intent|willing|ready|prepared} to {sell|buy|purchase|invest}", 1.0),
    announce("{considering|consider|considers|mulls|mulling|studying|explore|explores|exploring|discussing|discuss|discusses|weighing|weighs|evaluating|evaluate}", 1.0).then(DEAL_EVENTS),
    announce("to acquire", 1.0).unless(NOT_ACQUIRED),
    announce("{interested in|interest in} {acquiring|buying|purchasing|a merger|merging|an acquisition|a stake|taking over|a takeover|a bid}", 1.0),
    announce("{has|have|had|was|were|been|being|be} taken over", 0.9),
    announce("{acquires|buys}", 1.0),
    announce("invests", 0.9),
    announce("{said it|said it has|said it had|it has|has|have|had|said they|they have|said he|he has} {acquired|purchased|bought|merged}", 0.9),
    announce("{said it|said it has|said it had|it has|has|have|had|said they|they have|said he|he has} sold {its|their|his|the}", 0.9),
    announce("{completes|completed|complete|completing|closes|closed|close|closing|completion of|closing of|finalised|finalized|finalises|finalizes|approved|approves|approve|approval of|cleared|clears|okays|okayed|announced|announces|announce}", 1.0).then(DEAL_EVENTS),
    announce("{seek|seeks|seeking|sought|find|found|finds|look for|looking for|looks for} {a |}{buyer|buyers|purchaser|purchasers|partner for|merger partner}", 1.0),
    announce("{proposed|planned|pending|previously announced|previously-announced|possible|potential|agreed|rival|friendly|tentative}", 1.0).then(PROPOSED_EVENTS),
    announce("{sale|purchase|acquisition|takeover|control} of the company", 1.0),
    announce("{raised|raises|raise|raising|increased|increases|increase|increasing|improved|improves|extended|extends|extend|withdrew|withdraws|withdrawn|accepted|accepts|accept|accepting|sweetened|sweetens|sweeten|revised|revises|launched|launches|launch|made|makes|dropped|drops|boost|boosted|boosts|cut|cuts|cutting|reduce|reduced|reduces|reducing|lower|lowered|lowers|trim|trimmed|trims|sell|sells|sold|selling|buy|buys|bought|buying|take|takes|took|taking|taken|acquire|acquired|acquires|acquiring|build|builds|built|building|up|ups|upped|lift|lifts|lifted|hold|holds|held}", 1.0).then(OFFERS_AND_STAKES),
    announce("{raised|raises|raise|raising|increased|increases|increase|increasing|boost|boosted|boosts|cut|cuts|reduced|reduces|reduce|lowered|trimmed|sold|sells|sell|bought|buys|buy|acquired|acquires|acquire|built|builds|upped|ups} {its|his|their|her|our}", 1.0).then(&["holding", "holdings", "interest"]),
    announce("{signed|signs|sign|signing|won|wins|win|awarded|award|awards|landed|lands|secured|secures|inked|inks|struck|strikes|strike|clinched|clinches|reached|reaches|reach|cut|cuts|entered into|enter into|enters into|entering into|concluded|concludes|negotiated|negotiates}", 1.0).then(CONTRACTS),
    announce("{agreed|agreement|agreements|agree|agrees} in {principle|principal}", 1.0),
    announce("definitive {agreement|agreements|pact|deal|accord}", 1.0),
    announce("{letter|letters} of {intent|intention}", 1.0),
    announce("memorandum of understanding", 0.9),
    announce("{mou|term sheet|heads of agreement}", 0.8),
    announce("{merger|acquisition|purchase|sale|takeover|buyout|licence|license|licensing|joint venture|partnership|investment|distribution|supply|marketing|royalty|cooperation|co-operation|collaboration|reseller|oem|outsourcing|development|standstill} {agreement|agreements|contract|contracts|deal|deals|pact}", 1.0),
    announce("tender offer*", 1.0),
    announce("{exchange|takeover|buyout|cash|merger|acquisition|all-cash|all-stock|stock} {offer|offers|bid|bids|proposal}", 1.0),
    announce("{white knight|bidding war|rival bid|rival bidder|counterbid|counter-bid|counteroffer|counter-offer|higher bid}*", 1.0),
    announce("{merger|merger-related|takeover|acquisition|buyout|deal} talks", 1.0),
    announce("{form|formed|forms|forming|set up|sets up|create|created|creates|establish|established|establishes} {a |the |}joint{ |-}venture*", 1.0),
    announce("{controlling|majority} {interest|stake|control|shareholding}", 1.0),
    announce("{buyout|buyouts|buy-out|buy-outs|leveraged buy*|lbo|lbos}", 1.0),
    announce("{were|was|have|has|had|will|would} not {be |been |}disclosed", 1.0),
    announce("{terms|price|details} {undisclosed|not disclosed}", 1.0),
    announce("{for|an|a} undisclosed {sum|amount|price|fee|figure|consideration}", 1.0),
    announce("{pct|percent|per cent|%} of {the |its |}total outstanding", 1.0),
    announce("{go|goes|going|take|takes|taking|took|taken} private", 0.9),
    announce("take-private*", 0.9),
    announce("m&a", 1.0),
    announce("mergers and acquisitions", 1.0),
    // Topic nouns and plain verbs: strong together, not alone.
    de("{completes|completed|complete|closes|closed|close} {the |its |}previously{ |-}announced", 0.6),
    de("{acquisition|acqui-hire}*", 0.6),
    de("acquisitions", 0.4),
    de("{acquire|acquiring}", 0.7).unless(NOT_ACQUIRED),
    de("{acquirer|acquirers|acquiror|acquirors}", 0.7),
    de("acquired", 0.6),
    de("acquisitive", 0.4),
    de("merger", 0.7),
    de("{merger|mergers} {with|into|of|between}", 0.9),
    de("mergers", 0.5),
    de("{merge|merges|merging}", 0.6),
    de("merged {with|into}", 0.9),
    de("merged", 0.5),
    de("{affiliation|affiliate with|affiliates with}", 0.5),
    de("takeover*", 0.7),
    weak("{take|takes|took|taken|taking} over", 0.5),
    de("deal", 0.7),
    de("deals", 0.5),
    de("{deal|deals} with", 0.7).unless(PROBLEMS),
    de("{dealmaking|deal-making|dealmaker|dealmakers}", 0.8),
    rule("stake", [0.0, 0.0, 0.6], OBJECT | CONTEXT),
    rule("stakes", [0.0, 0.0, 0.4], OBJECT | CONTEXT),
    de("stake in", 0.7),
    de("{pct|percent|per cent|%} {stake|stakes}", 0.7),
    de("{pct|percent|per cent|%} {stake|stakes} in", 0.8),
    de("{pct|percent|per cent|%} of {the |its |}{outstanding|voting|common|issued}", 0.7),
    de("transaction", 0.5),
    de("transactions", 0.2),
    de("agreement", 0.4),
    de("agreements", 0.3),
    de("{agreed|agrees|agree} to", 0.4),
    de("agreed", 0.2),
    de("joint{ |-}venture*", 0.6),
    de("{partnership|partnerships}", 0.5),
    de("{partner|partners|partnered|partnering|teamed up|team up|teams up|teaming up} with", 0.7),
    de("partnered", 0.5),
    de("partner", 0.2),
    de("strategic {partnership|alliance|investment|partner|stake}", 0.8),
    de("strategic {partnerships|alliances|investments|partners|stakes}", 0.5),
    de("alliance*", 0.5),
    de("{pact|pacts}", 0.5),
    de("accord", 0.3),
    de("consortium", 0.4),
    de("licensing", 0.4),
    de("contract", 0.4),
    de("contracts", 0.3),
    de("{invest|invested|investing}", 0.4),
    de("{invest|invests|invested|investing} {in|into}", 0.5),
    de("investment", 0.3),
    de("investments", 0.2),
    de("investment in", 0.4),
    de("{equity|minority|majority|direct|cash} investment*", 0.8),
    de("{funding|financing|investment|venture} round*", 0.6),
    de("investor*", 0.2),
    de("{investor|investors|investment} group*", 0.6),
    de("{divest|spin off|spin-off|spinoff|spun off|spins off|spin out|spin-out|spun out}*", 0.7),
    de("{privatisation|privatization|privatise|privatize|privatised|privatized}", 0.8),
    de("negotiat*", 0.3),
    de("{in|into|entered|enter|began|begin|held|holding|opened} {advanced |preliminary |exploratory |formal |}{talks|negotiations|discussions}", 0.6),
    de("tender", 0.4),
    de("{tendered|tenders}", 0.6),
    de("control of", 0.4),
    de("undisclosed", 0.6),
    de("subject to {regulatory |shareholder |government |antitrust |stockholder |board |}{approval|approvals|clearance}", 0.4),
    de("{regulatory|shareholder|stockholder} {approval|approvals|clearance}", 0.3),
    de("{bidder|bidders}", 0.7),
    de("{buyer|buyers|purchaser|purchasers}", 0.4),
    de("{for sale|up for sale|on the block|on the auction block}", 0.5),
    de("{has|have|had} offered", 0.6),
    de("{initial public offering|ipo}", 0.2),
    de("royalt{y|ies}", 0.2),
    weak("buy", 0.4),
    weak("bought", 0.4),
    weak("buying", 0.3),
    weak("to buy", 0.7),
    weak("purchase", 0.4),
    weak("{to purchase|purchase of}", 0.5),
    weak("purchased", 0.4),
    weak("purchases", 0.2),
    weak("sell", 0.4),
    weak("sells", 0.6),
    weak("sold", 0.3),
    weak("selling", 0.2),
    weak("to sell", 0.6),
    weak("{sold|sells|sell|selling} its", 0.6),
    weak("sale", 0.3),
    weak("sale of", 0.5),
    weak("sell off", 0.4),
    weak("bid", 0.5),
    weak("bids", 0.3),
    weak("{bid for|bids for|offer for|offers for}", 0.8),
    weak("offer", 0.3),
    weak("offered", 0.3),
    weak("bidding", 0.4),
    // Context for weak words: what deals are about, who makes them, what they cost.
    object("{unit|units|subsidiary|subsidiaries|division|divisions|business|businesses|operations|assets|product line|plant|plants|affiliate|affiliates|interest|interests|stores}"),
    object("{shares|stock|common stock|common shares|a share|per share}"),
    company_or_money("{company|companies|firm|firms|startup|startups|start-up|inc|corp|co|ltd|plc|llc|gmbh|holdings|group|maker|chain|bank|brand|brands}"),
    company_or_money("{dlrs|dlr|usd|stg|$|€|£|million|billion|mln|bln|bn}"),
    company_or_money("wholly{-| }owned"),
    // Financial results: deals mentioned here are usually history, not news.
    results("{note|notes}{:| -}"),
    results("{qtr|qtrs|quarter|quarterly|quarters|results|earnings|net income|net profit|net loss|shr|shrs|restated|year-ago|year earlier|fiscal|pretax|pre-tax|after-tax|extraordinary|profit|profits|revenue|revenues|dilution|writedown|write-down|writeoff|write-off|includes|included|including results|excludes|excluded|excluding|pro forma}"),
    // Financing and accounting: agreements and acquisitions that are not transactions.
    de("{credit|loan|lending|revolving credit|term loan|debt|rescheduling|refinancing|standby|swap|bank} {agreement|agreements|facility}", 0.1),
    block("{restated|restate|restates|adjusted} {to reflect|for} {the |a |an |its |}{acquisition|acquisitions|merger|mergers|purchase|sale|pooling}*"),
    block("{acquisition|acquisitions|merger|mergers|takeover|merger-related|acquisition-related|takeover-related|purchase} {costs|cost|expenses|expense|adjustments|accounting|charge|charges|related|reserve|reserves|premium|debt|defense|defence}"),
    block("{accounted for|treated|recorded} as a {purchase|pooling}*"),
    block("{writedown|write-down|writeoff|write-off|write down|write off|writedowns|write-downs} of {its |the |an |a |}{stake|investment|investments|holding}"),
    block("{on|from} the sale of"),
    block("{gain|gains|loss|losses|profit|profits|charge|charges|proceeds|writedown|write-down} {on|from} {the |}sale*"),
    // Phrases that look like deal vocabulary but are not deals.
    block("{a great|a good|great|good} deal"),
    block("{big deal|real deal|raw deal|deal a blow|deal of the day}"),
    block("{best|great|top|holiday|early|cyber monday|black friday|prime day|daily|hot|amazing|tech} deals"),
    block("deals on"),
    block("in agreement"),
    block("{futures|forward|january|february|march|april|may|june|july|august|september|october|november|december|nearby|spot|front-month|front month|delivery|deferred|benchmark|most active|most-active} {contract|contracts}"),
    block("contract {high|highs|low|lows|month|months}"),
    block("contracted {covid|the virus|covid-19|coronavirus|a |an |the disease}"),
    block("{investment|investments} {bank|banks|banker|bankers|banking|income|tax|grade|fund|funds|trust|trusts|adviser|advisers|advisor|advisors|management|manager|managers|company|firm|firms|portfolio|portfolios|returns|gain|gains|loss|losses|spending|strategy|strategies|advice|vehicle|vehicles|climate|goods|allowance|allowances|securities|account|accounts|club}"),
    block("{capital|business|fixed|foreign|public|private|government|infrastructure|net} investment"),
    block("{customer|user|subscriber|data|image|signal|talent|land} acquisition*"),
    block("acquired immun*"),
    block("merge {request|requests|conflict|conflicts|window|commit|sort|lanes}"),
    block("merged into {the |}{main|master|mainline|kernel|trunk|upstream|linux}"),
    block("{at stake|high stakes|high-stakes|raise the stakes|raises the stakes|raised the stakes|raising the stakes|upped the stakes|up the stakes}"),
    block("{has |have |had |it has |said it |said it has |said it had |to |}{buy back|buys back|bought back|buying back|buyback|buybacks|buy-back|buy-backs}"),
    block("{buy rating|buy recommendation|rated buy|buy now|buy time|buy button|buy-in}"),
    block("{purchasing|purchase} {manager|managers|managers'|power|order|orders|price|prices}"),
    block("{sell-off|selloff|sell-offs|selloffs|sell order|sell orders|sell rating}"),
    block("{on sale|sale price|sale prices|garage sale|yard sale|point of sale|point-of-sale}"),
    block("{stock |share |}purchase {rights|right|plan|plans|warrant|warrants}"),
    block("{in a bid to|a bid to|bid price|bid prices|bid and ask|bid-ask|bid/ask|bid rate|bid rates|bid side}"),
    block("{offer|offers} {advice|help|support|services|a glimpse|insight|insights|features|feature|protection}"),
    block("{honda accord|in accord|in accordance}"),
    block("{takeover of the|take over the} {world|internet|market|job|jobs|role|city|streets}"),
    block("legal tender"),
    block("{master limited|limited|general} partnership*"),
    block("{interest rate|interest rates|interest income|interest expense|interest payments|interest in the}"),
];

/// Expansion vocabulary for [`Topic::Exclusivity`].
const EXPAND_EXCLUSIVITY: &[(&str, f32)] = &[
    ("exclusive", 1.0),
    ("exclusivity", 1.0),
    ("exclusive rights", 1.0),
    ("exclusive license", 0.9),
    ("exclusively", 0.7),
    ("non-exclusive", 0.7),
    ("sole provider", 0.8),
    ("sole supplier", 0.8),
    ("only provider", 0.7),
    ("only supplier", 0.7),
    ("single supplier", 0.6),
    ("right of first refusal", 0.9),
    ("first refusal", 0.8),
    ("non-compete", 0.7),
    ("lock-in", 0.6),
    ("monopoly", 0.4),
];

/// Expansion vocabulary for [`Topic::Dispute`].
const EXPAND_DISPUTE: &[(&str, f32)] = &[
    ("lawsuit", 1.0),
    ("legal action", 1.0),
    ("sued", 0.9),
    ("sue", 0.8),
    ("litigation", 0.9),
    ("dispute", 0.9),
    ("court", 0.7),
    ("complaint", 0.7),
    ("injunction", 0.8),
    ("arbitration", 0.8),
    ("breach", 0.7),
    ("antitrust", 0.8),
    ("investigation", 0.6),
    ("probe", 0.6),
    ("fined", 0.7),
    ("allegations", 0.6),
    ("countersued", 0.8),
    ("infringement", 0.7),
    ("settlement", 0.5),
];

/// Expansion vocabulary for [`Topic::Deal`].
const EXPAND_DEAL: &[(&str, f32)] = &[
    ("deal", 1.0),
    ("acquisition", 1.0),
    ("merger", 1.0),
    ("acquire", 0.9),
    ("takeover", 0.9),
    ("agreement", 0.8),
    ("partnership", 0.8),
    ("joint venture", 0.8),
    ("stake", 0.8),
    ("tender offer", 0.8),
    ("buyout", 0.8),
    ("licensing agreement", 0.8),
    ("definitive agreement", 0.8),
    ("letter of intent", 0.7),
    ("contract", 0.6),
    ("investment", 0.6),
];

// ---------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------

/// One expanded pattern: the text fed to the automaton and what a match is worth.
struct Pattern {
    weights: [f32; 3],
    flags: u8,
    next: Next,
    /// For a [`Next::NoneOf`] rule, the index of its weightless twin used when it is vetoed.
    blocked_twin: Option<u32>,
    /// For such a twin, the index of the rule it stands in for.
    twin_of: Option<u32>,
    /// The phrase ends in `*`: any word starting with it matches.
    stem: bool,
    /// Whether the byte before a match must not be a word byte; false for patterns that
    /// start with punctuation (`$`).
    check_left: bool,
    /// Whether the byte after a match must not be a word byte; false for stems (`acquir*`)
    /// and for patterns ending in punctuation (`exclusive:`).
    check_right: bool,
}

/// The compiled vocabulary: one automaton over every expanded pattern.
struct Matcher {
    /// The phrases searched for (pattern `i` describes needle `i`); their automaton is built
    /// on first use over a passage, never for a query.
    needles: PatternSet,
    /// Indexed by automaton pattern id, followed by the blocked twins.
    patterns: Vec<Pattern>,
}

/// A kept match of pattern `id` over `start..end` of the normalised text. For a rule that
/// checked the next words, `reach` extends to the word it found; otherwise it equals `end`.
#[derive(Clone, Copy)]
struct Hit {
    start: u32,
    end: u32,
    reach: u32,
    id: u32,
}

/// Per-thread scratch space, so scoring a passage allocates nothing once warmed up.
#[derive(Default)]
struct Scratch {
    text: String,
    hits: Vec<Hit>,
    /// Normalised byte offset → original byte offset; filled only for [`explain_topics`].
    offsets: Vec<usize>,
}

/// Scratch capacity kept between calls; a longer text gets its memory back afterwards.
const RETAINED_BYTES: usize = 1 << 20;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(Matcher::build);

/// Each pattern's phrase as [`explain_topics`] reports it: a trailing `*` marks a stem, `…` a
/// rule that checked the next words. Built on first explain, as nothing else needs them.
static LABELS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let m = &*MATCHER;
    let label = |i: usize| {
        let p = &m.patterns[i];
        let mut label = m.needles.pattern(i).to_string();
        if p.stem {
            label.push('*');
        }
        if !matches!(p.next, Next::Any) {
            label.push('…');
        }
        label
    };
    (0..m.patterns.len())
        .map(|i| match m.patterns[i].twin_of {
            Some(rule) => format!("{} (blocked)", label(rule as usize)),
            None => label(i),
        })
        .collect()
});

impl Matcher {
    fn build() -> Matcher {
        let mut patterns: Vec<Pattern> = Vec::new();
        // All needles in one buffer: a one-off search builds this, so it allocates little.
        let mut needle_text = String::with_capacity(64 * 1024);
        let mut needle_at: Vec<(u32, u32)> = Vec::with_capacity(4096);
        patterns.reserve(4096);
        for rule in EXCLUSIVITY.iter().chain(DISPUTE).chain(DEAL) {
            // The same phrase may appear in two rules only with different conditions on the
            // next words (a bare "buy" and "buy … stake"); the automaton reports both and the
            // longer match wins. `tests::no_duplicate_phrases` makes sure no phrase repeats
            // under the same condition, so nothing here needs to deduplicate.
            let first_new = needle_at.len();
            expand_into(rule.spec, &mut needle_text, &mut needle_at);
            for at in &mut needle_at[first_new..] {
                let text = &needle_text[at.0 as usize..at.1 as usize];
                let stem = text.ends_with('*');
                let body = text.trim_end_matches('*');
                at.1 = at.0 + body.len() as u32;
                let first = body.as_bytes().first().copied().unwrap_or(b' ');
                let last = body.as_bytes().last().copied().unwrap_or(b' ');
                patterns.push(Pattern {
                    weights: rule.weights,
                    flags: rule.flags,
                    next: rule.next,
                    blocked_twin: None,
                    twin_of: None,
                    stem,
                    check_left: is_word_byte(first),
                    check_right: !stem && is_word_byte(last),
                });
            }
        }
        let needles = PatternSet::from_buffer(needle_text, needle_at, false);
        for i in 0..patterns.len() {
            if !matches!(patterns[i].next, Next::NoneOf(_)) {
                continue;
            }
            let twin = patterns.len() as u32;
            let p = &patterns[i];
            let blocked = Pattern {
                weights: [0.0; 3],
                flags: 0,
                next: Next::Any,
                blocked_twin: None,
                twin_of: Some(i as u32),
                stem: p.stem,
                check_left: p.check_left,
                check_right: p.check_right,
            };
            patterns[i].blocked_twin = Some(twin);
            patterns.push(blocked);
        }
        Matcher { needles, patterns }
    }

    /// Calls `f` with the byte range and pattern of each match kept after overlap
    /// resolution, blockers and context included. With `original_offsets` the ranges are in
    /// `text`; otherwise they are in the normalised copy.
    fn for_each_hit<'a>(
        &'a self,
        text: &str,
        scan: Scan,
        original_offsets: bool,
        mut f: impl FnMut((usize, usize), usize, &'a Pattern),
    ) {
        SCRATCH.with(|cell| {
            // Only a re-entrant call (impossible today: `f` never scores) could find the
            // scratch borrowed; fresh buffers are the safe fallback.
            let mut fresh = Scratch::default();
            let mut guard = cell.try_borrow_mut();
            let scratch = match guard.as_deref_mut() {
                Ok(s) => s,
                Err(_) => &mut fresh,
            };
            let offsets = original_offsets.then_some(&mut scratch.offsets);
            normalise_into(text, &mut scratch.text, offsets);
            self.collect_hits(&scratch.text, scan, &mut scratch.hits);
            for h in &scratch.hits {
                let (mut s, mut e) = (h.start as usize, h.reach as usize);
                if original_offsets {
                    (s, e) = (scratch.offsets[s], scratch.offsets[e]);
                }
                f((s, e), h.id as usize, &self.patterns[h.id as usize]);
            }
            // Keep the buffers for the next passage, but not a whole book's worth.
            scratch.text.shrink_to(RETAINED_BYTES);
            scratch.offsets.shrink_to(RETAINED_BYTES);
            scratch.hits.shrink_to(RETAINED_BYTES / 64);
        })
    }

    /// Finds every pattern occurrence that starts and ends on word boundaries and meets its
    /// [`Next`] condition, then keeps the longest match at each position, left to right,
    /// without overlaps. Longest-wins is what lets a weightless blocker ("exclusive
    /// interview") or a richer phrase ("tender offer") replace the bare word inside it.
    ///
    /// A rule that checked the next words competes by its full reach ("signed … contract"
    /// beats "signed" alone) but covers only its own words, so evidence between them still
    /// counts: "signed an *exclusive* agreement" is exclusivity as well as a deal.
    fn collect_hits(&self, text: &str, scan: Scan, hits: &mut Vec<Hit>) {
        hits.clear();
        let bytes = text.as_bytes();
        self.needles.for_each_match(text, scan, |start, end, id| {
            let mut id = id as u32;
            let p = &self.patterns[id as usize];
            let mut reach = end;
            if p.check_left && start > 0 && is_word_byte(bytes[start - 1]) {
                return;
            }
            if p.check_right && end < bytes.len() && is_word_byte(bytes[end]) {
                return;
            }
            match p.next {
                Next::Any => {}
                Next::OneOf(words) => match next_word_in(bytes, end, words) {
                    Some(e) => reach = e,
                    None => return,
                },
                Next::NoneOf(words) => {
                    if let (Some(e), Some(twin)) = (next_word_in(bytes, end, words), p.blocked_twin)
                    {
                        reach = e;
                        id = twin;
                    }
                }
            }
            hits.push(Hit {
                start: start as u32,
                end: end as u32,
                reach: reach as u32,
                id,
            });
        });
        hits.sort_unstable_by_key(|h| (h.start, std::cmp::Reverse(h.reach), h.id));
        let mut kept = 0;
        let mut covered = 0;
        for i in 0..hits.len() {
            let h = hits[i];
            if h.start >= covered {
                hits[kept] = h;
                kept += 1;
                covered = h.end;
            }
        }
        hits.truncate(kept);
    }
}

/// Identifies a rule's [`Next`] condition for duplicate detection: its kind and word list.
#[cfg(test)]
fn next_key(next: Next) -> (u8, usize) {
    match next {
        Next::Any => (0, 0),
        Next::OneOf(w) => (1, w.as_ptr() as usize),
        Next::NoneOf(w) => (2, w.as_ptr() as usize),
    }
}

/// Looks at the words after byte `pos`: skips up to [`MAX_FILLERS`] filler words plus one
/// other word (a modifier: "signed a multi-year *cloud* contract"), and if the next word is one
/// of `words`, returns the byte offset where it ends. Stops at clause punctuation, so
/// "completed. The sale" does not connect.
fn next_word_in(bytes: &[u8], mut pos: usize, words: &[&str]) -> Option<usize> {
    let mut modifier_left = true;
    for _ in 0..=MAX_FILLERS {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let start = pos;
        while pos < bytes.len() && !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let token = &bytes[start..pos];
        // Trailing punctuation ends the word, and the clause if it is a stop or a comma.
        let word_len = token
            .iter()
            .rposition(|&b| is_word_byte(b))
            .map_or(0, |i| i + 1);
        let word = &token[..word_len];
        if word.is_empty() {
            return None;
        }
        if words.iter().any(|w| w.as_bytes() == word) {
            return Some(start + word_len);
        }
        if token[word_len..].iter().any(|b| b".,;:!?()".contains(b)) {
            return None;
        }
        if !is_filler(word) {
            if !modifier_left {
                return None;
            }
            modifier_left = false;
        }
    }
    None
}

/// Whether a word may sit between a rule's head and the word it needs: a [`FILLERS`] word,
/// an amount ("1.05", "$5bn", "10%") or a duration ("five-year").
fn is_filler(word: &[u8]) -> bool {
    let numeric = matches!(word.first(), Some(b'0'..=b'9' | b'$'))
        || word.starts_with("€".as_bytes())
        || word.starts_with("£".as_bytes());
    numeric
        || word.ends_with(b"-year")
        || word.ends_with(b"-month")
        || FILLERS.iter().any(|f| f.as_bytes() == word)
}

/// Letters, digits and every byte of a non-ASCII character count as word bytes, so "sue"
/// does not match inside "issue" or "suède", while "-", "'" and punctuation end words.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Lowercases `text` into `out`, mapping curly quotes, Unicode dashes and odd spaces to
/// their ASCII forms so one spelling of each pattern is enough. With `offsets`, also records
/// for every byte of `out` (and one past its end) the byte of `text` it came from.
fn normalise_into(text: &str, out: &mut String, mut offsets: Option<&mut Vec<usize>>) {
    out.clear();
    if offsets.is_none() && text.is_ascii() {
        // The common case, and a vectorised one: offsets are unchanged by ASCII lowercasing.
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    out.reserve(text.len());
    if let Some(o) = offsets.as_deref_mut() {
        o.clear();
    }
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => {
                    out.push('\'')
                }
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => {
                    out.push('"')
                }
                '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
                    out.push('-')
                }
                '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                    out.push(' ')
                }
                // Soft hyphens and zero-width characters sit inside words; dropping them keeps
                // the word whole.
                '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
                _ => out.extend(c.to_lowercase()),
            }
        }
        if let Some(o) = offsets.as_deref_mut() {
            o.resize(out.len(), i);
        }
    }
    if let Some(o) = offsets {
        o.push(text.len());
    }
}

/// Expands `{a|b|}` groups into every combination. Empty alternatives leave doubled or
/// trailing spaces, so words are re-joined with single spaces.
#[cfg(test)]
fn expand(spec: &str) -> Vec<String> {
    let (mut text, mut at) = (String::new(), Vec::new());
    expand_into(spec, &mut text, &mut at);
    at.iter()
        .map(|&(a, b)| text[a as usize..b as usize].to_string())
        .collect()
}

/// [`expand`], appending each phrase to `text` and its byte range to `at`: the groups'
/// alternatives are combined like an odometer (the last group turning fastest, the order a
/// recursive expansion gives), and whitespace is collapsed while writing.
fn expand_into(spec: &str, text: &mut String, at: &mut Vec<(u32, u32)>) {
    // Literal text and `{…}` groups, in order, each piece with its whitespace collapsed once
    // here rather than once per combination.
    let mut literals: Vec<Piece> = Vec::new();
    let mut groups: Vec<Vec<Piece>> = Vec::new();
    let mut rest = spec;
    while let Some(open) = rest.find('{') {
        let close = open
            + rest[open..]
                .find('}')
                .expect("every `{` in a topic rule has a matching `}`");
        literals.push(Piece::new(&rest[..open]));
        groups.push(rest[open + 1..close].split('|').map(Piece::new).collect());
        rest = &rest[close + 1..];
    }
    literals.push(Piece::new(rest));
    let mut choice = vec![0usize; groups.len()];
    loop {
        let start = text.len();
        let mut space = false;
        for (i, literal) in literals.iter().enumerate() {
            literal.write(text, start, &mut space);
            if let Some(group) = groups.get(i) {
                group[choice[i]].write(text, start, &mut space);
            }
        }
        at.push((start as u32, text.len() as u32));
        let mut k = groups.len();
        loop {
            if k == 0 {
                return;
            }
            k -= 1;
            choice[k] += 1;
            if choice[k] < groups[k].len() {
                break;
            }
            choice[k] = 0;
        }
    }
}

/// A piece of a rule (literal text or one alternative of a group) with its words joined by
/// single spaces, and whether whitespace leads or trails it (a space to write before the next
/// word, unless the phrase has no word yet).
struct Piece<'a> {
    words: std::borrow::Cow<'a, str>,
    leading_space: bool,
    trailing_space: bool,
}

impl<'a> Piece<'a> {
    fn new(piece: &'a str) -> Piece<'a> {
        let trimmed = piece.trim_matches(char::is_whitespace);
        let single_spaced = !trimmed
            .split(' ')
            .any(|w| w.is_empty() || w.contains(char::is_whitespace));
        let words = if single_spaced {
            std::borrow::Cow::Borrowed(trimmed)
        } else {
            std::borrow::Cow::Owned(trimmed.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        let has_space = piece.contains(char::is_whitespace);
        Piece {
            leading_space: has_space && piece.starts_with(char::is_whitespace),
            trailing_space: has_space && piece.ends_with(char::is_whitespace),
            words,
        }
    }

    /// Appends the piece to the phrase that began at `start` in `text`; `space` carries a
    /// pending separator from piece to piece.
    fn write(&self, text: &mut String, start: usize, space: &mut bool) {
        if self.leading_space && text.len() > start {
            *space = true;
        }
        if !self.words.is_empty() {
            if *space {
                text.push(' ');
                *space = false;
            }
            text.push_str(&self.words);
        }
        if self.trailing_space && text.len() > start {
            *space = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward recursive expansion [`expand_into`] must agree with.
    fn expand_reference(spec: &str) -> Vec<String> {
        let Some(open) = spec.find('{') else {
            return vec![spec.split_whitespace().collect::<Vec<_>>().join(" ")];
        };
        let close = open + spec[open..].find('}').expect("closed group");
        let (head, group, tail) = (&spec[..open], &spec[open + 1..close], &spec[close + 1..]);
        group
            .split('|')
            .flat_map(|alt| expand_reference(&format!("{head}{alt}{tail}")))
            .collect()
    }

    #[test]
    fn expansion_matches_the_recursive_definition() {
        for rule in EXCLUSIVITY.iter().chain(DISPUTE).chain(DEAL) {
            assert_eq!(
                expand(rule.spec),
                expand_reference(rule.spec),
                "{}",
                rule.spec
            );
        }
        for spec in ["  a {b| c  |} d ", "{x|y}{|z}", "{only}", "", "{|}"] {
            assert_eq!(expand(spec), expand_reference(spec), "{spec:?}");
        }
    }

    /// Queries scanned through the prefix index (no automaton) get exactly the hits the
    /// automaton gives, on random mixes of vocabulary, near-misses and junk.
    #[test]
    fn query_scan_matches_the_automaton_on_random_text() {
        let scanned = Matcher::build();
        let automaton = Matcher::build();
        automaton.needles.automaton();
        let pieces = [
            " ", ", ", ". ", "-", "'", "the ", "a ", "x", "é", "\u{2019}", "$", "5bn ", "\n",
        ];
        let mut rng = crate::extract::XorShift(0x9e37_79b9_7f4a_7c15);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..rng.below(8) + 1 {
                if rng.below(3) == 0 {
                    text.push_str(pieces[rng.below(pieces.len())]);
                } else {
                    let needle = scanned.needles.pattern(rng.below(scanned.needles.len()));
                    let cut = if rng.below(4) == 0 {
                        needle.len() / 2
                    } else {
                        needle.len()
                    };
                    text.push_str(needle.get(..cut).unwrap_or(needle));
                }
            }
            let mut normal = String::new();
            normalise_into(&text, &mut normal, None);
            scanned.collect_hits(&normal, Scan::Query, &mut a);
            automaton.collect_hits(&normal, Scan::Query, &mut b);
            let key = |h: &Hit| (h.start, h.end, h.reach, h.id);
            assert_eq!(
                a.iter().map(key).collect::<Vec<_>>(),
                b.iter().map(key).collect::<Vec<_>>(),
                "{normal:?}"
            );
        }
        assert!(
            !scanned.needles.has_automaton(),
            "the scan never built the automaton"
        );
    }

    fn deal(text: &str) -> f32 {
        score_topics(text).deal
    }
    fn dispute(text: &str) -> f32 {
        score_topics(text).dispute
    }

    /// The bar a passage must clear to count as "about" a topic in these tests: the same 0.5
    /// the evaluation uses for dispute and exclusivity, and the deal threshold for deals.
    const ABOUT: f32 = 0.5;
    /// A passage scoring below this mentions the topic at most in passing.
    const NOT_ABOUT: f32 = 0.3;

    #[track_caller]
    fn assert_about(topic: Topic, text: &str) {
        let s = score_topics(text).get(topic);
        let bar = if topic == Topic::Deal {
            DEAL_THRESHOLD
        } else {
            ABOUT
        };
        assert!(
            s >= bar,
            "{topic} scored {s} for {text:?}; matches: {:?}",
            explain_topics(text)
        );
    }

    #[track_caller]
    fn assert_not_about(topic: Topic, text: &str) {
        let s = score_topics(text).get(topic);
        assert!(
            s < NOT_ABOUT,
            "{topic} scored {s} for {text:?}; matches: {:?}",
            explain_topics(text)
        );
    }

    #[test]
    fn topic_names_round_trip() {
        for t in Topic::ALL {
            assert_eq!(Topic::parse(t.as_str()), Some(t));
            assert_eq!(Topic::parse(&t.as_str().to_uppercase()), Some(t));
            assert_eq!(t.to_string(), t.as_str());
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
            assert_eq!(serde_json::from_str::<Topic>(&json).unwrap(), t);
        }
        assert_eq!(Topic::parse(" Deals "), Some(Topic::Deal));
        assert_eq!(Topic::parse("exclusive"), Some(Topic::Exclusivity));
        assert_eq!(Topic::parse("lawsuit"), None);
        assert_eq!(Topic::parse(""), None);
    }

    #[test]
    fn scores_get_matches_fields() {
        let s = score_topics("Acme sued Globex after the exclusive supply deal collapsed.");
        assert_eq!(s.get(Topic::Exclusivity), s.exclusivity);
        assert_eq!(s.get(Topic::Dispute), s.dispute);
        assert_eq!(s.get(Topic::Deal), s.deal);
        let json = serde_json::to_value(s).unwrap();
        assert!(json.get("exclusivity").is_some() && json.get("deal").is_some());
    }

    #[test]
    fn exclusivity_positives() {
        for text in [
            "Microsoft signed an exclusive agreement to host the startup's models on Azure.",
            "The chipmaker will remain Apple's sole supplier of modems until 2027.",
            "Under the contract, Nvidia is the only provider of accelerators for the project.",
            "The studio holds a right of first refusal on any sequel.",
            "Executives agreed to a two-year non-compete as part of the sale.",
            "Azure is no longer exclusive: OpenAI can now buy compute from other clouds.",
            "Regulators worry about vendor lock-in for customers of the platform.",
            "The carrier won exclusive rights to sell the phone in Japan.",
        ] {
            assert_about(Topic::Exclusivity, text);
        }
    }

    #[test]
    fn exclusivity_negatives() {
        for text in [
            "In an exclusive interview, the chief executive discussed the company's plans.",
            "Exclusive: Apple is weighing a bid for the streaming service, sources say.",
            "The documentary streams exclusively on Netflix from Friday.",
            "The two options are mutually exclusive, the engineers said.",
            "Prices are quoted exclusive of VAT and shipping.",
            "Members get an exclusive discount on the new headphones.",
        ] {
            assert_not_about(Topic::Exclusivity, text);
        }
    }

    #[test]
    fn dispute_positives() {
        for text in [
            "Epic Games sued Apple in federal court over App Store fees.",
            "The company filed a lawsuit accusing its former partner of breach of contract.",
            "The European Commission fined Google 2.4 billion euros for abusing its dominance.",
            "Regulators opened an antitrust probe into the cloud provider's licensing terms.",
            "Oracle countersued, and the dispute went to arbitration.",
            "A judge granted an injunction blocking the launch.",
            "The shareholders threatened legal action over the rejected takeover bid.",
            "The startup will pay a fine of $5 million to settle the charges.",
        ] {
            assert_about(Topic::Dispute, text);
        }
    }

    #[test]
    fn dispute_negatives() {
        for text in [
            "Engineers fine-tune the model on customer data before launch.",
            "Read the fine print before signing up for the free trial.",
            "The weather was fine and the launch went ahead.",
            "There is a fine line between helpful and creepy, the designer said.",
            "The new arena has a basketball court and a tennis court on the roof.",
            "Shoppers crowded the food court at lunchtime.",
            "The space probe sent back images of the moon.",
            "The ruling party announced a new cabinet on Tuesday.",
        ] {
            assert_not_about(Topic::Dispute, text);
        }
    }

    #[test]
    fn deal_positives() {
        for text in [
            "Microsoft agreed to acquire Activision Blizzard for $69 billion in cash.",
            "ACME CORP TO ACQUIRE WIDGET MAKER",
            "Globex completes acquisition of Initech.",
            "The two companies are in talks to merge their cloud units.",
            "The investor group launched a tender offer for all outstanding shares.",
            "The companies signed a definitive agreement; terms were not disclosed.",
            "Intel raised its stake in the foundry to 20 pct.",
            "Allegheny sold its Wilkinson Sword division to Swedish Match for 230 mln dlrs.",
            "Oracle signed a multi-year cloud contract with the Pentagon.",
            "The carmaker formed a joint venture with a battery maker.",
        ] {
            assert_about(Topic::Deal, text);
        }
    }

    #[test]
    fn deal_negatives() {
        for text in [
            "We need to deal with the problem before the next release.",
            "Teams must deal with growing uncertainty about the schedule.",
            "The team spent a great deal of time on performance.",
            "Shr 12 cts vs 10 cts, net 1.2 mln vs 1.0 mln, revs 15.3 mln vs 14.1 mln.",
            "The board declared a quarterly dividend of 15 cts a share.",
            "The company wants to acquire new customers in Europe.",
            "Open a merge request once the tests pass.",
            "There is a lot at stake for the industry this year.",
            "Best deals on laptops this weekend.",
        ] {
            assert_not_about(Topic::Deal, text);
        }
    }

    #[test]
    fn results_notes_mentioning_past_deals_are_not_deals() {
        // Earnings notes mention acquisitions as history; the announcement itself is news.
        let note = "NOTE: 1986 net includes results of Acme Inc, acquired in June, and \
                    excludes a gain on the sale of a division.";
        assert!(deal(note) < DEAL_THRESHOLD, "{}", deal(note));
        let news = "Acme Inc agreed to acquire Widget Corp for 50 mln dlrs.";
        assert!(deal(news) >= DEAL_THRESHOLD, "{}", deal(news));
    }

    #[test]
    fn weak_words_need_company_context() {
        // "buy" alone is shopping; with a company or a unit it is a transaction.
        let shopping = deal("I want to buy a new phone this year.");
        let company = deal("Acme Corp wants to buy the robotics unit of Globex.");
        assert!(shopping < NOT_ABOUT, "{shopping}");
        assert!(company >= DEAL_THRESHOLD, "{company}");
    }

    #[test]
    fn hostile_bids_are_both_deal_and_dispute() {
        let s = score_topics("The board rejected the hostile takeover bid from its rival.");
        assert!(s.deal >= DEAL_THRESHOLD && s.dispute >= ABOUT, "{s:?}");
    }

    #[test]
    fn scores_stay_in_unit_range() {
        let mut long = String::new();
        for _ in 0..2_000 {
            long.push_str("Acme sued over the exclusive merger agreement and the antitrust fine. ");
        }
        for text in [
            "",
            " ",
            "deal",
            "exclusive",
            "lawsuit lawsuit lawsuit lawsuit lawsuit lawsuit lawsuit",
            long.as_str(),
        ] {
            let s = score_topics(text);
            for t in Topic::ALL {
                let v = s.get(t);
                assert!(
                    (0.0..=1.0).contains(&v) && v.is_finite(),
                    "{t} = {v} for {text:.40}"
                );
            }
        }
        assert_eq!(score_topics(""), TopicScores::default());
    }

    #[test]
    fn more_evidence_never_scores_lower() {
        let passages = [
            "Acme agreed to acquire Globex.",
            "The merger was approved by shareholders.",
            "Globex sued Acme over the exclusive licence.",
            "Acme is the sole supplier of the chips.",
            "Regulators opened an investigation.",
            "The companies signed a partnership.",
        ];
        for a in passages {
            for b in passages {
                let (sa, sb) = (score_topics(a), score_topics(b));
                let both = score_topics(&format!("{a} {b}"));
                for t in Topic::ALL {
                    assert!(
                        both.get(t) + 1e-6 >= sa.get(t).max(sb.get(t)),
                        "{t}: {a:?} + {b:?} scored {} < {} / {}",
                        both.get(t),
                        sa.get(t),
                        sb.get(t)
                    );
                }
            }
        }
        // Repeating a term adds evidence, with diminishing returns.
        let one = dispute("The firm was sued.");
        let two = dispute("The firm was sued. The firm was sued again.");
        assert!(two > one && two < 1.0, "{one} {two}");
    }

    #[test]
    fn odd_input_does_not_panic() {
        let inputs = [
            "\u{0}\u{1}\u{7f}",
            "😀💥🚀 deal 🤝 exclusive",
            "İSTANBUL MERGER İN TALKS",
            "Ünïcödé ñame sued ß straße",
            "\u{200b}exclu\u{00ad}sive\u{feff}",
            "مرحبا بالعالم lawsuit",
            "\u{301}\u{301}\u{301}",
            "a\u{2014}deal\u{2013}with\u{2019}s",
            "{|}*…",
            "deal with",
            "agreed to",
            "completed the",
            "terms were not",
        ];
        for text in inputs {
            let _ = score_topics(text);
            let _ = topics_in_query(text);
            for m in explain_topics(text) {
                assert!(m.start <= m.end && m.end <= text.len(), "{m:?} in {text:?}");
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
    }

    #[test]
    fn curly_quotes_dashes_and_case_are_normalised() {
        assert_about(Topic::Deal, "ACME \u{2018}AGREED TO ACQUIRE\u{2019} GLOBEX");
        assert_about(
            Topic::Exclusivity,
            "Executives signed a non\u{2011}compete clause.",
        );
        assert_about(Topic::Exclusivity, "Customers fear vendor lock\u{2013}in.");
        // Soft hyphens inside a word do not hide it.
        assert_about(Topic::Dispute, "The company filed a law\u{00ad}suit.");
    }

    #[test]
    fn explain_offsets_point_into_the_original_text() {
        let text = "\u{201C}Caf\u{e9}\u{201D} owner SUED the landlord \u{2014} lawsuit pending.";
        let ms = explain_topics(text);
        let words: Vec<&str> = ms
            .iter()
            .filter(|m| m.kind == TermKind::Evidence)
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(words, ["SUED", "lawsuit"]);
    }

    #[test]
    fn explain_reports_blockers_and_context() {
        let ms = explain_topics("We must deal with the problem at Acme Inc.");
        assert!(ms
            .iter()
            .any(|m| m.kind == TermKind::Blocker && m.term.starts_with("deal with")));
        assert!(ms.iter().any(|m| m.kind == TermKind::Context));
        assert!(ms.iter().all(|m| m.kind != TermKind::Evidence), "{ms:?}");
    }

    #[test]
    fn query_topics() {
        use Topic::*;
        let cases: &[(&str, &[Topic])] = &[
            ("Azure exclusivity", &[Exclusivity]),
            ("legal action", &[Dispute]),
            ("cloud deal", &[Deal]),
            ("lawsuit over the merger", &[Dispute, Deal]),
            ("exclusive deal", &[Exclusivity, Deal]),
            ("Epic v Apple court ruling", &[Dispute]),
            ("antitrust probe", &[Dispute]),
            ("Activision acquisition", &[Deal]),
            ("M&A in chips", &[Deal]),
            ("Azure contract", &[Deal]),
            ("sole supplier of modems", &[Exclusivity]),
            ("legal fight", &[Dispute]),
            ("right of first refusal", &[Exclusivity]),
            ("GPU benchmarks", &[]),
            ("fine-tuning llama", &[]),
            ("", &[]),
        ];
        for (q, want) in cases {
            assert_eq!(topics_in_query(q), *want, "query {q:?}");
        }
    }

    #[test]
    fn expansion_terms_are_well_formed_and_on_topic() {
        for t in Topic::ALL {
            let terms = expansion_terms(t);
            assert!(!terms.is_empty());
            for &(phrase, w) in terms {
                assert!(w > 0.0 && w <= 1.0, "{phrase}: {w}");
                assert_eq!(phrase, phrase.to_lowercase(), "{phrase}");
                assert_eq!(
                    phrase,
                    phrase.split_whitespace().collect::<Vec<_>>().join(" ")
                );
                // Every expansion phrase is topic vocabulary, so an expanded query finds
                // the passages the scorer ranks high.
                assert!(
                    score_topics(phrase).get(t) > 0.0,
                    "{phrase} does not score {t}"
                );
            }
        }
        let ex = expansion_terms(Topic::Exclusivity);
        assert!(ex.contains(&("exclusive", 1.0)) && ex.contains(&("lock-in", 0.6)));
    }

    #[test]
    fn deal_threshold_is_a_valid_score() {
        const { assert!(DEAL_THRESHOLD > 0.0 && DEAL_THRESHOLD < 1.0) };
    }

    #[test]
    fn rule_specs_are_well_formed() {
        for r in EXCLUSIVITY.iter().chain(DISPUTE).chain(DEAL) {
            let opens = r.spec.matches('{').count();
            assert_eq!(opens, r.spec.matches('}').count(), "{}", r.spec);
            assert_eq!(r.spec, r.spec.to_lowercase(), "{}", r.spec);
            for text in expand(r.spec) {
                assert!(!text.is_empty(), "{}", r.spec);
                assert!(
                    !text.contains(['{', '}', '|']),
                    "nested group in {}",
                    r.spec
                );
                assert!(
                    !text.trim_end_matches('*').contains('*'),
                    "inner * in {}",
                    r.spec
                );
            }
            assert!(
                r.weights.iter().all(|w| (0.0..=1.0).contains(w)),
                "{}",
                r.spec
            );
        }
    }

    #[test]
    fn no_duplicate_phrases() {
        // The same phrase under the same condition in two rules would silently keep only the
        // first rule's weights.
        let mut seen = std::collections::HashMap::new();
        for r in EXCLUSIVITY.iter().chain(DISPUTE).chain(DEAL) {
            for text in expand(r.spec) {
                if let Some(other) = seen.insert((text.clone(), next_key(r.next)), r.spec) {
                    panic!("{text:?} appears in both {other:?} and {:?}", r.spec);
                }
            }
        }
    }

    #[test]
    fn next_word_conditions_skip_fillers_but_not_clauses() {
        assert_about(
            Topic::Deal,
            "Acme completed the previously announced 120 mln dlr sale.",
        );
        assert_about(
            Topic::Deal,
            "Acme signed a new five-year contract with the agency.",
        );
        // A full stop breaks the connection between the verb and the noun.
        let split = deal("The upgrade was completed. Sales rose.");
        assert!(split < NOT_ABOUT, "{split}");
    }
}
