//! The topic vocabulary as data: the weighted phrase rules per topic, the blockers and
//! context words, the word lists their conditions check, and the query expansion terms.
//!
//! Changing what counts as a topic means editing these tables; the matcher in
//! `super::matcher` does not know any word. `scripts/eval-topics` measures a change.

use super::rule::{
    announce, block, company_or_money, de, di, ex, market, multi, object, results, rule, weak,
    Rule, CONTEXT, OBJECT,
};

/// Words a [`Next`](super::rule::Next) condition skips: articles, possessives, a few adjectives
/// that sit before deal nouns, and amounts ("the 1.05 billion dlr purchase"; numbers are skipped
/// too).
#[rustfmt::skip]
pub(super) const FILLERS: &[&str] = &[
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

/// How many [`FILLERS`] a [`Next`](super::rule::Next) condition skips before giving up.
pub(super) const MAX_FILLERS: usize = 5;

/// What "deal with" is about when it means coping, not a transaction.
#[rustfmt::skip]
pub(super) const PROBLEMS: &[&str] = &[
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
pub(super) const NOT_ACQUIRED: &[&str] = &[
    "customers", "customer", "users", "user", "subscribers", "skills", "knowledge", "experience",
    "talent", "taste", "equity", "capital", "financing", "funds", "funding", "data", "immunity",
    "expertise",
];

/// Transactions that are completed, approved, announced or considered.
#[rustfmt::skip]
pub(super) const DEAL_EVENTS: &[&str] = &[
    "sale", "purchase", "purchases", "acquisition", "acquisitions", "merger", "mergers", "deal",
    "transaction", "takeover", "buyout", "divestiture", "spin-off", "spinoff", "combination",
];

/// Transactions that are proposed, pending or possible. Singular only: "potential
/// acquisitions" is strategy talk, "a potential acquisition" is news.
#[rustfmt::skip]
pub(super) const PROPOSED_EVENTS: &[&str] = &[
    "sale", "purchase", "acquisition", "merger", "deal", "transaction", "takeover", "buyout",
    "divestiture", "spin-off", "spinoff", "combination", "offer", "bid", "tender",
];

/// What a bidder raises, rejects or withdraws, and what an investor raises or cuts.
#[rustfmt::skip]
pub(super) const OFFERS_AND_STAKES: &[&str] = &[
    "offer", "offers", "bid", "bids", "tender", "takeover", "stake", "stakes",
];

/// What a company signs, wins or strikes.
#[rustfmt::skip]
pub(super) const CONTRACTS: &[&str] = &[
    "contract", "contracts", "deal", "deals", "agreement", "agreements", "pact", "pacts", "accord",
    "accords", "partnership", "alliance", "memorandum", "merger", "licence", "license",
];

/// A rejection, withdrawal or termination object: a deal that is fought over or called off.
#[rustfmt::skip]
pub(super) const DEALS_UNDER_FIRE: &[&str] = &[
    "deal", "merger", "agreement", "contract", "acquisition", "takeover", "partnership", "offer",
    "bid", "transaction", "sale", "proposal",
];

/// What a government or a trade body imposes on another country's goods.
#[rustfmt::skip]
pub(super) const TRADE_MEASURES: &[&str] = &[
    "tariff", "tariffs", "duties", "quotas", "sanctions", "surcharge", "surcharges", "curbs",
    "embargo", "embargoes", "reprisals", "countermeasures",
];

/// Workers who strike.
#[rustfmt::skip]
pub(super) const WORKERS: &[&str] = &[
    "workers", "miners", "employees", "staff", "seamen", "dockers", "pilots", "teachers",
    "drivers", "nurses", "doctors", "unions", "union", "members", "farmers", "truckers",
];

/// What a monopoly is held over, lost or ended: the word that makes "held" a monopoly rule.
#[rustfmt::skip]
pub(super) const MONOPOLIES: &[&str] = &["monopoly", "monopolies", "exclusivity"];

/// Exclusivity: exclusive rights, sole suppliers, first refusal, lock-in, non-competes.
pub(super) const EXCLUSIVITY: &[Rule] = &[
    ex("exclusive", 1.0),
    ex("exclusivity", 1.0),
    ex("exclusively", 0.4),
    ex("{negotiate|negotiating|negotiates|negotiated|talks|talk|deal|deals|dealing} exclusively", 1.0),
    ex("exclusively {distribute|distributes|distributed|distributing|license|licenses|licensed|licensing|supply|supplies|supplied|supplying|market|markets|marketed|marketing|sell|sells|sold|selling|handle|handles|handled|through|via}", 1.0),
    ex("{sold|distributed|licensed|marketed|handled|supplied|distributes|licenses|markets|supplies} exclusively", 1.0),
    ex("{non-|non }exclusive", 0.8),
    ex("nonexclusive", 0.8),
    ex("no longer exclusive", 1.0),
    ex("{sole|only|single} {provider|providers|supplier|suppliers|partner|vendor|distributor|distributors|licensee|licensor|reseller|carrier|manufacturer|buyer|customer|agent|operator|contractor|bidder|seller|marketer}", 0.9),
    // A sole mandate on a securities issue.
    ex("sole {manager|lead manager|underwriter|dealer|arranger|bookrunner|placement agent|placing agent|lead-manager}", 0.9),
    // "Sole source" in procurement; "the only source of income" is something else.
    ex("{sole|only|single} source", 0.9).unless(&["of"]),
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
    multi("monopol*", [0.6, 0.3, 0.0]),
    ex("{state|government|statutory|legal|import|export|marketing|trading|postal|telephone|telecommunications|broadcasting|distribution} {monopoly|monopolies}", 1.0),
    ex("{held|holds|hold|holding|enjoys|enjoyed|enjoy|lose|loses|lost|losing|ended|ending|break|breaks|broke|breaking|abolish|abolished|abolishes|granted|retain|retains|retained}", 1.0).then(MONOPOLIES),
    // The regulator, not a monopoly: its work is a dispute matter (takeover references).
    multi("{monopolies|monopolies and mergers|monopolies and merger} commission", [0.0, 0.5, 0.0]),
    block("monopoly {power|powers|situation|profits}"),
    block("{very|most|more|so|ultra|super|highly|extremely|rather|quite} exclusive"),
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
pub(super) const DISPUTE: &[Rule] = &[
    di("lawsuit*", 1.0),
    di("legal {action|actions|battle|battles|fight|challenge|challenges|dispute|proceedings|threat|threats|case|claim|claims|wrangling|row|war|setback}", 1.0),
    di("{sue|sues}", 0.8),
    di("suit", 0.7),
    di("suits", 0.6),
    block("{follow|follows|followed|following} suit"),
    block("{space|wet|diving|dry|swim|business|pressure|protective|birthday|strong} {suit|suits}"),
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
    di("reject*", 0.3),
    di("rebuff*", 0.6),
    multi("{rejected|rejects|reject|rejecting|rebuffed|rebuffs|rebuff}", [0.0, 0.8, 1.0]).then(DEALS_UNDER_FIRE),
    di("{rejection|rebuff} of", 0.6),
    di("hostile", 0.6),
    block("{no|possible|potential|any|future|unwanted} hostile"),
    di("{fight|fights|fought|fighting|fend|fended|fending|ward|warded|warding} off", 0.7),
    di("{battle|fight|struggle|contest|war|tussle} for control", 1.0),
    multi("hostile {bid|bids|takeover|takeovers|offer|tender|acquisition|approach}", [0.0, 0.8, 1.0]),
    di("litigat*", 1.0),
    di("court", 0.6),
    di("{ask|asks|asked|asking|petition|petitioned|petitioning|urged|urges|urging} {the |a |}court", 1.0),
    block("bankruptcy {judge|judges|court|courts}"),
    di("{tribunal|tribunals}", 0.7),
    di("{proceeding|proceedings}", 0.4),
    di("{regulatory|criminal|disciplinary|infringement|antitrust|arbitration} {proceeding|proceedings}", 1.0),
    di("{legally|legal} {challengeable|contestable|questionable}", 0.8),
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
    di("{law|laws|rule|rules|securities law|securities laws|antitrust|gatt|safety|tax} violations", 0.9),
    di("infring*", 0.9),
    di("{patent|copyright|trademark} {infringement|violation|theft|dispute|case|cases|claim|claims|war|wars|troll|trolls}", 1.0),
    di("settle", 0.4),
    di("settled", 0.3),
    di("settlement*", 0.6),
    block("{debt|wage|wages|pay|salary|land} settlement*"),
    di("judge*", 0.7),
    di("jury", 0.8),
    di("verdict*", 0.9),
    di("ruling*", 0.6),
    di("ruled", 0.6),
    block("{ruled|rule|rules} out"),
    di("appeal", 0.4),
    di("{appealed|appeals}", 0.6),
    di("on appeal", 0.8),
    di("{stand|stands|stood|standing|face|faces|faced|facing} trial", 0.9),
    di("{plaintiff|defendant|subpoena|indict}*", 1.0),
    // Criminal charges; a "charge" in accounts is not one.
    di("{face|faces|faced|facing|file|filed|files|bring|brought|brings|drop|dropped|drops|press|pressed|presses|laid} {criminal |formal |}charges", 1.0),
    di("{criminal|fraud|corruption|bribery|murder|theft|conspiracy|antitrust|insider trading|racketeering} charges", 1.0),
    di("charged {with|that}", 0.8),
    di("{pleaded|pleads|plead|pleading} {guilty|not guilty|innocent|no contest}", 1.0),
    di("{convicted|acquitted|sentenced}", 1.0),
    di("{conviction|convictions}", 0.8),
    di("guilty", 0.8),
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
    di("trade war*", 1.0),
    di("retaliat*", 0.8),
    // Trade disputes: measures against another country's goods.
    di("{tariff|tariffs}", 0.3),
    di("{impose|imposed|imposes|imposing|imposition of|slap|slapped|slaps|levy|levied|threaten|threatened|threatens|threatening|retaliatory|punitive|prohibitive|unprecedented}", 1.0).then(TRADE_MEASURES),
    di("{anti-dumping|antidumping|countervailing}", 1.0),
    di("dumping", 0.7),
    di("trade {dispute|disputes|row|rows|conflict|conflicts|friction|frictions|tensions|retaliation|sanctions|reprisals|complaint|complaints|fight|battle}", 1.0),
    di("unfair {trade|trading}", 0.8),
    di("{embargo|embargoes|embargoed}", 0.7),
    di("{gatt|wto} {rules|complaint|panel|ruling|dispute|case|challenge}", 0.8),
    di("{protest|protests|protested|protesting}", 0.3),
    di("blockade*", 0.9),
    // Labour disputes. "Strike a deal" is a contract (see DEAL) and "strike price" an option.
    di("{strike|strikes}", 0.8),
    di("{on strike|strikers|walkout|walkouts|walk-out|walk-outs|lockout|lockouts|lock-out|work-to-rule|go-slow}", 1.0),
    di("{general|national|nationwide|wildcat|hunger|one-day|24-hour|48-hour|rail|dock|postal|seamen's|miners'} strike*", 1.0),
    di("striking", 1.0).then(WORKERS),
    di("{picket|pickets|picketing|picketed}", 0.8),
    di("{industrial action|labour dispute|labor dispute|labour disputes|labor disputes|labour unrest|labor unrest|industrial dispute|industrial disputes}", 1.0),
    block("strike {price|prices|rate|rates|zone}"),
    block("{air|military|missile|lucky|first|pre-emptive|preemptive|surgical|nuclear} strike*"),
    block("{strike|strikes|striking} {a|an} balance"),
    di("contest{ed|ing}", 0.6),
    di("object{ion|ions|ed|s to}", 0.5),
    di("{oppose|opposes|opposed|opposing}", 0.3),
    di("{unlawful|illegal|illegally|wrongful|wrongfully}", 0.6),
    di("fraud*", 0.7),
    di("{wrongdoing|misconduct}", 0.7),
    di("cease{ and |-and-}desist", 1.0),
    di("{denied|denies|deny} {the |}{allegations|claims|charges|wrongdoing|accusations}", 0.5),
    di("{ftc|doj|justice department|department of justice|competition and markets authority|cma|federal trade commission}", 0.4),
    di("{require|required|requires|requiring|order|ordered|orders|force|forced|forces} {the |a |}{divestiture|divestitures|divestment}", 0.7),
    di("crackdown*", 0.6),
    di("unfair*", 0.4),
    di("insider {trading|dealing}", 0.9),
    multi("{block|blocks|blocked|blocking|challenge|challenges|challenged|oppose|opposes|opposed}", [0.0, 0.9, 1.0]).then(DEALS_UNDER_FIRE),
    multi("{terminated|terminates|terminate|cancelled|canceled|cancels|cancel|scrapped|scraps|scrap|called off|calls off|call off|walked away from|walks away from|pulled out of|backed out of}", [0.0, 0.6, 1.0]).then(DEALS_UNDER_FIRE),
    multi("unsolicited", [0.0, 0.5, 0.6]),
    multi("unsolicited {offer|bid|bids|tender|proposal|takeover|approach}", [0.0, 0.9, 1.0]),
    multi("{poison pill|poison pills|greenmail}", [0.0, 0.4, 0.8]),
    multi("{resist|resisted|resists|resisting|fend off|fended off|fight off|fought off}", [0.0, 0.9, 0.6]).then(DEALS_UNDER_FIRE),
    di("{raider|raiders}", 0.7),
    di("{ordered|orders|order} {to pay|to stop|to halt|to cease|to recall}", 0.8),
    di("{consent decree|consent decrees|consent order}", 0.8),
    di("{wage|pay} {talks|negotiations|demands|demand|claim|claims|dispute|disputes|row}", 0.5),
    di("protectionis*", 0.4),
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
/// offer", "raised its stake") weigh 0.9–1.0 and carry a passage over
/// [`DEAL_THRESHOLD`](super::DEAL_THRESHOLD) alone. Topic nouns ("merger", "acquisition", "deal",
/// "stake") weigh 0.4–0.8 and need a second piece of evidence. Everyday words ("buy", "sale",
/// "offer") weigh less still and need company context (see
/// [`WEAK_ALONE`](super::evidence::WEAK_ALONE)).
pub(super) const DEAL: &[Rule] = &[
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
    de("joint{ |-}venture*", 0.8),
    de("{work|working|worked|works} together", 0.4),
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
    // Governments and central banks hold tenders too: these need company context.
    weak("tender", 0.4),
    weak("{tendered|tenders}", 0.6),
    de("control of", 0.4),
    de("{seek|seeks|seeking|sought|gain|gained|gaining|gains|take|took|taking|takes|obtain|obtained|win|won|wrest|wrested|assume|assumed|acquire|acquired} control of", 0.9),
    announce("{acquired|acquires|acquire|acquiring|bought|buys|buy|buying|purchased|obtain|obtained}", 1.0).then(&["pct", "percent"]),
    de("{amended|sweetened|competing} {offer|bid|proposal}", 0.9),
    de("offer {expires|expired|will expire|was extended}", 0.8),
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
    // The money market: buying and selling bills and bonds there is trading. Commodity
    // cargoes ("bought 1 mln tonnes of corn") are left alone: damping them made the judged
    // news query "US Soviet grain agreement" rank worse.
    market("{bills|t-bills|money market|repurchase|bonds|debentures}"),
    // Financing and accounting: agreements and acquisitions that are not transactions.
    de("{credit|loan|lending|revolving credit|term loan|debt|rescheduling|refinancing|standby|swap|bank} {agreement|agreements|facility}", 0.1),
    block("{restated|restate|restates|adjusted} {to reflect|for} {the |a |an |its |}{acquisition|acquisitions|merger|mergers|purchase|sale|pooling}*"),
    block("{acquisition|acquisitions|merger|mergers|takeover|merger-related|acquisition-related|takeover-related|purchase} {costs|cost|expenses|expense|adjustments|accounting|charge|charges|related|reserve|reserves|premium|debt}"),
    multi("{takeover|anti-takeover|antitakeover} {defense|defence|defenses|defences|measures|statute|law|laws}", [0.0, 0.7, 0.3]),
    multi("{acquisition|acquisitions|merger|mergers|merger-related|acquisition-related|takeover-related|purchase} {defense|defence}", [0.0, 0.0, 0.0]),
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
    block("repurchase {pact|pacts|agreement|agreements|tender|tenders}"),
    block("{in a bid to|a bid to|bid price|bid prices|bid and ask|bid-ask|bid/ask|bid rate|bid rates|bid side}"),
    block("{offer|offers} {advice|help|support|services|a glimpse|insight|insights|features|feature|protection}"),
    block("{honda accord|in accord|in accordance}"),
    block("{takeover of the|take over the} {world|internet|market|job|jobs|role|city|streets}"),
    block("legal tender"),
    block("{master limited|limited|general} partnership*"),
    block("{interest rate|interest rates|interest income|interest expense|interest payments|interest in the}"),
];

/// Expansion vocabulary for [`Topic::Exclusivity`](super::Topic::Exclusivity).
pub(super) const EXPAND_EXCLUSIVITY: &[(&str, f32)] = &[
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

/// Expansion vocabulary for [`Topic::Dispute`](super::Topic::Dispute).
pub(super) const EXPAND_DISPUTE: &[(&str, f32)] = &[
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

/// Expansion vocabulary for [`Topic::Deal`](super::Topic::Deal).
pub(super) const EXPAND_DEAL: &[(&str, f32)] = &[
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

#[cfg(test)]
mod tests {
    use super::{DEAL, DISPUTE, EXCLUSIVITY};
    use crate::extract::topics::rule::next_key;
    use crate::extract::topics::spec::expand;

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
}
