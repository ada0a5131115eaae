//! Tests of the scorer as a user sees it: what each topic counts and does not count,
//! the invariants of the scores, queries, explanations and expansion terms.

use super::{
    expansion_terms, explain_topics, score_topics, topics_in_query, TermKind, Topic, TopicScores,
    DEAL_THRESHOLD,
};

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
    use clap::ValueEnum;
    for t in Topic::ALL {
        // The command line, the index and JSON spell a topic the same way.
        let value = t.to_possible_value().unwrap();
        assert_eq!(value.get_name(), t.as_str());
        assert_eq!(Topic::from_str(&t.as_str().to_uppercase(), true), Ok(t));
        assert_eq!(t.to_string(), t.as_str());
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, format!("\"{}\"", t.as_str()));
        assert_eq!(serde_json::from_str::<Topic>(&json).unwrap(), t);
    }
    assert_eq!(Topic::value_variants(), Topic::ALL);
    assert!(Topic::from_str("lawsuit", true).is_err());
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
        "The bank agreed to negotiate exclusively with one bidder until May.",
        "Fabrikam Securities is sole manager of the bond issue.",
        "The postal service will lose its monopoly on parcel delivery next year.",
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
        "The new coupe is very exclusive, the designer said.",
        "Licence fees are the trust's only source of income.",
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
        "The suit asks the court to void the licence.",
        "Washington imposed tariffs on imported chips after the pact broke down.",
        "Dock workers went on strike against the port operator on Monday.",
        "The board rejected the unsolicited offer from its largest rival.",
        "The former chief executive faces charges of fraud.",
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
        "The regulator has not ruled out a rate cut.",
        "Other vendors are likely to follow suit.",
        "The startup hopes to strike a balance between growth and profit.",
        "Options with a strike price of 50 dlrs traded heavily.",
        "The company denied it had any hostile intent.",
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
        "The insurer acquired 50 pct of the bank last year.",
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
        "The central bank bought treasury bills worth 20 mln stg in band two.",
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
