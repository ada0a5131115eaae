//! Unit tests for the extractor as the indexer and search use it. Every sentence here is
//! written for these tests (none comes from CoNLL).

use super::*;

fn ex() -> &'static EntityExtractor {
    EntityExtractor::shared()
}

/// `(text, canonical, kind, known)` of each entity found in `s`.
fn found(s: &str) -> Vec<(String, String, EntityKind, bool)> {
    ex().extract(s)
        .into_iter()
        .map(|e| (e.text, e.canonical, e.kind, e.known))
        .collect()
}

fn canonicals(s: &str) -> Vec<String> {
    ex().extract(s).into_iter().map(|e| e.canonical).collect()
}

/// The invariants every extraction must keep, whatever the input.
fn check_invariants(s: &str) {
    let ents = ex().extract(s);
    let mut last_end = 0;
    for e in &ents {
        assert!(e.start < e.end, "empty span in {s:?}: {e:?}");
        assert!(
            e.start >= last_end,
            "overlap or disorder in {s:?}: {ents:?}"
        );
        assert!(
            s.is_char_boundary(e.start) && s.is_char_boundary(e.end),
            "{s:?}: {e:?}"
        );
        assert_eq!(&s[e.start..e.end], e.text);
        assert!(!e.text.ends_with("'s") && !e.text.ends_with("’s"), "{e:?}");
        assert!(!e.canonical.is_empty());
        last_end = e.end;
    }
}

#[test]
fn extractor_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<EntityExtractor>();
    let handles: Vec<_> = (0..4)
        .map(|_| std::thread::spawn(|| canonicals("Microsoft and OpenAI signed a deal.")))
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("thread ran"), ["Microsoft", "OpenAI"]);
    }
}

#[test]
fn kinds_parse_and_print() {
    for (s, k) in [
        ("org", EntityKind::Organization),
        ("Organization", EntityKind::Organization),
        ("organisation", EntityKind::Organization),
        ("person", EntityKind::Person),
        ("PER", EntityKind::Person),
        ("product", EntityKind::Product),
        ("place", EntityKind::Place),
        ("loc", EntityKind::Place),
        (" location ", EntityKind::Place),
    ] {
        assert_eq!(EntityKind::parse(s), Some(k), "{s}");
    }
    assert_eq!(EntityKind::parse("misc"), None);
    assert_eq!(EntityKind::parse(""), None);
    for k in EntityKind::ALL {
        assert_eq!(EntityKind::parse(k.as_str()), Some(k));
    }
    assert_eq!(
        serde_json::to_string(&EntityKind::Organization).expect("serialises"),
        "\"organization\""
    );
}

#[test]
fn resolves_aliases_in_any_case() {
    let cases = [
        ("aws", "Amazon Web Services"),
        ("AWS", "Amazon Web Services"),
        ("Amazon Web Services", "Amazon Web Services"),
        ("amazon web  services", "Amazon Web Services"),
        ("Microsoft Corp.", "Microsoft"),
        ("Microsoft Corporation", "Microsoft"),
        ("microsoft", "Microsoft"),
        ("Microsoft's", "Microsoft"),
        ("OpenAI’s", "OpenAI"),
        ("azure", "Azure"),
        ("Microsoft Azure", "Azure"),
        ("GPT4", "GPT-4"),
        ("Federal Trade Commission", "Federal Trade Commission"),
        ("ftc", "Federal Trade Commission"),
        (
            "Competition and Markets Authority",
            "Competition and Markets Authority",
        ),
        ("U.S.", "United States"),
        ("eu", "European Union"),
        ("Amazon's cloud unit", "Amazon Web Services"),
        ("Fabrikam Inc.", "Fabrikam"),
        ("the European Commission", "European Commission"),
    ];
    for (name, want) in cases {
        assert_eq!(ex().resolve(name), Some(want), "{name}");
    }
    assert_eq!(ex().resolve("Quintessa Labs"), None);
    assert_eq!(ex().resolve(""), None);
    assert_eq!(ex().resolve("Oval Office"), None);
}

#[test]
fn parent_chains_and_kinds() {
    assert_eq!(ex().ancestors("Amazon Web Services"), ["Amazon"]);
    assert_eq!(ex().ancestors("Azure"), ["Microsoft"]);
    assert_eq!(ex().ancestors("GitHub Copilot"), ["GitHub", "Microsoft"]);
    assert_eq!(
        ex().ancestors("Azure OpenAI Service"),
        ["Azure", "Microsoft"]
    );
    assert_eq!(ex().ancestors("Google Cloud"), ["Google", "Alphabet"]);
    assert_eq!(
        ex().ancestors("Microsoft 365 Copilot"),
        ["Microsoft 365", "Microsoft"]
    );
    assert!(ex().ancestors("Microsoft").is_empty());
    assert!(ex().ancestors("Nobody In Particular").is_empty());
    assert_eq!(ex().kind_of("Azure"), Some(EntityKind::Product));
    assert_eq!(ex().kind_of("Satya Nadella"), Some(EntityKind::Person));
    assert_eq!(
        ex().kind_of("Supreme Court"),
        Some(EntityKind::Organization)
    );
    assert_eq!(
        ex().kind_of("European Union"),
        Some(EntityKind::Organization)
    );
    assert_eq!(ex().kind_of("Redmond"), Some(EntityKind::Place));
    assert_eq!(ex().kind_of("Contoso"), Some(EntityKind::Organization));
    assert_eq!(ex().kind_of("Nobody In Particular"), None);
    assert!(ex().known_len() >= 150);
}

#[test]
fn finds_known_entities_in_queries() {
    assert_eq!(ex().known_in_query("Azure exclusivity"), ["Azure"]);
    assert_eq!(
        ex().known_in_query("aws openai deal"),
        ["Amazon Web Services", "OpenAI"]
    );
    assert_eq!(
        ex().known_in_query("github copilot pricing"),
        ["GitHub Copilot"]
    );
    // Two-letter aliases need capitals even in queries: "us" is a pronoun.
    assert_eq!(ex().known_in_query("tell us about china"), ["China"]);
    assert_eq!(
        ex().known_in_query("US China chips"),
        ["United States", "China"]
    );
    assert_eq!(ex().known_in_query("openai OpenAI"), ["OpenAI"]);
    assert!(ex().known_in_query("").is_empty());
}

#[test]
fn possessives_are_cut_off_the_span() {
    let s = "Microsoft's bet on OpenAI’s models and AWS’s growth";
    let got = found(s);
    assert_eq!(
        got,
        [
            (
                "Microsoft".into(),
                "Microsoft".into(),
                EntityKind::Organization,
                true
            ),
            (
                "OpenAI".into(),
                "OpenAI".into(),
                EntityKind::Organization,
                true
            ),
            (
                "AWS".into(),
                "Amazon Web Services".into(),
                EntityKind::Organization,
                true
            ),
        ]
    );
    check_invariants(s);
}

#[test]
fn dash_compounds_yield_each_entity() {
    let s = "The Amazon–OpenAI agreement, the Microsoft-OpenAI pact and U.S.-China talks.";
    let ents = ex().extract(s);
    let got: Vec<(&str, &str)> = ents
        .iter()
        .map(|e| (&s[e.start..e.end], e.canonical.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("Amazon", "Amazon"),
            ("OpenAI", "OpenAI"),
            ("Microsoft", "Microsoft"),
            ("OpenAI", "OpenAI"),
            ("U.S.", "United States"),
            ("China", "China"),
        ]
    );
}

#[test]
fn acronyms_match_only_in_capitals() {
    assert_eq!(
        canonicals("AWS and the FTC met the CMA."),
        [
            "Amazon Web Services",
            "Federal Trade Commission",
            "Competition and Markets Authority"
        ]
    );
    // Lowercase "us", "aws" and "sec" are ordinary words (or typos), not entities.
    assert!(canonicals("Tell us about aws pricing in a sec.").is_empty());
    assert_eq!(
        canonicals("It opened in the US in March."),
        ["United States"]
    );
    // Other aliases need their first letter's case: "apple" is fruit, "APPLE" a headline.
    assert!(canonicals("an apple a day").is_empty());
    assert_eq!(canonicals("APPLE BEATS ESTIMATES"), ["Apple"]);
}

#[test]
fn company_suffixes_and_long_aliases() {
    let got = found("Microsoft Corp. and Microsoft Corporation both mean Microsoft Inc");
    let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(
        texts,
        ["Microsoft Corp.", "Microsoft Corporation", "Microsoft Inc"]
    );
    assert!(got.iter().all(|g| g.1 == "Microsoft"));
    assert_eq!(
        canonicals("Amazon’s cloud division and Amazon Web Services (AWS) grew."),
        [
            "Amazon Web Services",
            "Amazon Web Services",
            "Amazon Web Services"
        ]
    );
    // Longest alias wins; a blocking row hides a phrase that only contains an alias.
    assert_eq!(
        canonicals("Microsoft 365 Copilot, GitHub Copilot and Azure OpenAI Service"),
        [
            "Microsoft 365 Copilot",
            "GitHub Copilot",
            "Azure OpenAI Service"
        ]
    );
    assert!(!canonicals("He spoke in the Oval Office.").contains(&"Office".to_string()));
    // A longer alias that fails its boundary check falls back to a shorter one.
    assert_eq!(canonicals("Microsoft 365 Copilots"), ["Microsoft 365"]);
}

#[test]
fn words_inside_other_words_do_not_match() {
    assert!(canonicals("Metaverse fans and Armory sales; Applesauce").is_empty());
    assert!(canonicals("OpenAIX released nothing")
        .iter()
        .all(|c| c != "OpenAI"));
}

#[test]
fn tagger_finds_unknown_names() {
    let s = "Fabrizio Montalbetti, chief executive of Quintessa Robotics, said on Tuesday \
             that the company would open an office in Rotterdam.";
    let ents = ex().extract(s);
    check_invariants(s);
    let person = ents
        .iter()
        .find(|e| e.kind == EntityKind::Person)
        .expect("a person");
    assert_eq!(person.text, "Fabrizio Montalbetti");
    assert!(!person.known);
    assert!(ents
        .iter()
        .any(|e| e.kind == EntityKind::Place && e.text == "Rotterdam"));

    let s = "Shares of Brightwater Holdings fell after Quintessa Robotics Inc. said it would buy \
             Tallow Systems.";
    check_invariants(s);
    let orgs: Vec<(String, String)> = ex()
        .extract(s)
        .into_iter()
        .filter(|e| e.kind == EntityKind::Organization && !e.known)
        .map(|e| (e.text, e.canonical))
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        orgs,
        [
            pair("Brightwater Holdings", "Brightwater Holdings"),
            pair("Quintessa Robotics Inc.", "Quintessa Robotics"),
            pair("Tallow Systems", "Tallow Systems"),
        ]
    );
}

#[test]
fn unknown_organization_names_drop_company_forms() {
    let name = |s: &str, kind| mention::clean(s, kind).map(|c| c.canonical);
    assert_eq!(
        name("Quintessa  Robotics Inc.", EntityKind::Organization).as_deref(),
        Some("Quintessa Robotics")
    );
    assert_eq!(
        name("Acme, Inc.", EntityKind::Organization).as_deref(),
        Some("Acme")
    );
    assert_eq!(name("Corp.", EntityKind::Organization), None);
    assert_eq!(
        name("Jane\nDoe", EntityKind::Person).as_deref(),
        Some("Jane Doe")
    );
}

#[test]
fn longer_tagger_names_absorb_known_places() {
    let sp = |start, end| TaggedSpan {
        first: 0,
        last: 1,
        start,
        end,
        ty: NerType::Org,
    };
    // "Bank of China": the known place "China" sits inside a longer tagger span.
    let china = KnownMatch {
        start: 8,
        end: 13,
        entity: ex().table.lookup("China").expect("China is known"),
    };
    assert!(ex().tagger_takes_over(&sp(0, 13), EntityKind::Organization, &[china]));
    // "China" alone, read as a team from its context, keeps the tagger's kind; read as a
    // place, the table's entry stands.
    assert!(ex().tagger_takes_over(&sp(8, 13), EntityKind::Organization, &[china]));
    assert!(!ex().tagger_takes_over(&sp(8, 13), EntityKind::Place, &[china]));
    // A shorter span inside the place is not the place.
    assert!(!ex().tagger_takes_over(&sp(8, 11), EntityKind::Organization, &[china]));
    // Known organizations always win.
    let msft = KnownMatch {
        start: 0,
        end: 9,
        entity: ex().table.lookup("Microsoft").expect("Microsoft is known"),
    };
    assert!(!ex().tagger_takes_over(&sp(0, 18), EntityKind::Organization, &[msft]));
}

#[test]
fn odd_input_never_panics() {
    let long_line = "Microsoft and Contoso ".repeat(20_000);
    let many_caps = "ABC DEF ".repeat(5_000);
    let inputs = [
        "",
        " ",
        "'",
        "’",
        "'s",
        "’s ’s",
        "Microsoft'",
        "Microsoft’",
        "AWS’s’s",
        "🦀",
        "🦀 Microsoft 🦀OpenAI🦀",
        "e\u{301}\u{301} Zoë Ærø Microsoft\u{301}",
        "\u{200d}\u{fe0f}",
        "Ünïcödé Ñame said. Ωmega Corp. rose.",
        "....---''''’’’",
        "U.S.-",
        "-U.S.",
        "Corp. Inc. Ltd.",
        "\n\n\nMicrosoft\n\n",
        "a\u{0}b Microsoft\u{0}",
        long_line.as_str(),
        many_caps.as_str(),
    ];
    for s in inputs {
        check_invariants(s);
    }
    assert_eq!(ex().extract(&long_line).len(), 40_000);
}

#[test]
fn embedded_table_parses_and_rejects_mistakes() {
    let table = KnownTable::parse(known::KNOWN_TSV).expect("embedded table parses");
    assert!(table.entities.len() >= 150);
    let bad = [
        "A\tnonsense\t\t\n",
        "A\torg\tB\t\n",
        "A\torg\t\tX\nB\torg\t\tX\n",
        "A\torg\tB\t\nB\torg\tA\t\n",
        "A\torg\nA\tperson\n",
        "just one column\n",
    ];
    for t in bad {
        assert!(KnownTable::parse(t).is_err(), "{t:?} should be rejected");
    }
    let ok = KnownTable::parse("# comment\n\nA\torg\nB\tproduct\tA\tBee|Bea\n").expect("parses");
    assert_eq!(ok.entities.len(), 2);
    assert_eq!(ok.lookup("bee"), Some(1));
}

#[test]
fn embedded_weights_parse() {
    let t = Tagger::from_bytes(WEIGHTS).expect("embedded weights parse");
    assert!(t.len() > 1000);
}

#[test]
fn seed_article_entities() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seeds/000_21cfb66f8b38a1d1.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping seed_article_entities: {path} is absent");
        return;
    };
    check_invariants(&text);
    let got: std::collections::BTreeSet<String> = canonicals(&text).into_iter().collect();
    for want in [
        "Microsoft",
        "Amazon",
        "OpenAI",
        "Amazon Web Services",
        "Azure",
        "Google Cloud",
        "Microsoft 365",
        "GitHub Copilot",
    ] {
        assert!(got.contains(want), "{want} not found; got {got:?}");
    }
}

#[test]
fn query_scan_without_the_automaton_finds_what_the_automaton_finds() {
    let queries = [
        "azure exclusivity",
        "AWS and Amazon Web Services deal",
        "microsoft corp's openai stake",
        "US EU us eu UK antitrust",
        "Google Cloud vs google cloud platform",
        "at&t t-mobile merger",
        "OpenAI\u{2019}s Stargate",
        "é Microsoft ß",
        "",
        "   ",
        "amazonaws azurex xazure",
    ];
    let scanned = KnownTable::parse(known::KNOWN_TSV).expect("embedded table parses");
    let built = KnownTable::parse(known::KNOWN_TSV).expect("embedded table parses");
    built.find(".", &mut Vec::new()); // builds the automaton
    for q in queries {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        scanned.find_in_query(q, &mut a);
        built.find_in_query(q, &mut b);
        assert_eq!(a, b, "query {q:?}");
    }
    let mut some = Vec::new();
    scanned.find_in_query("aws azure", &mut some);
    assert_eq!(some.len(), 2);
}

#[test]
fn function_words_are_not_names_in_capitals() {
    assert!(
        CAPS_FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]),
        "sorted for binary search"
    );
    let text = "PRESIDENT KENNEDY SAID HIS PLAN WOULD HELP NATO . DE GAULLE HAS NOT REPLIED TOO .";
    let names: Vec<String> = ex().extract(text).into_iter().map(|e| e.text).collect();
    assert!(names.iter().any(|n| n.contains("KENNEDY")), "{names:?}");
    assert!(names.iter().any(|n| n == "DE GAULLE"), "{names:?}");
    for junk in ["SAID", "HIS", "TOO", "HAS"] {
        assert!(
            names.iter().all(|n| !n.split(' ').any(|w| w == junk)),
            "{junk} in {names:?}"
        );
    }
    // Outside capitals the rule does not apply: a name may end in such a word.
    let mixed = found("Critics of Edward Said met in Boston.");
    assert!(mixed.iter().any(|e| e.0 == "Edward Said"), "{mixed:?}");
}

/// The tagger remembers summed word weights per thread; a second model in the same thread
/// (an evaluation of fresh weights) must not be scored with the first one's sums.
#[test]
fn two_taggers_in_one_thread_keep_their_own_word_sums() {
    let shared = EntityExtractor::shared();
    let text = "Reuters said Japan and Toyota Motor Corp agreed with Sony in Tokyo.";
    let before = shared.tagged_spans(text);
    assert!(!before.is_empty());
    let blank = tagger::ModelData::default().to_bytes();
    let empty = EntityExtractor::with_weights(&blank).expect("an empty model loads");
    assert!(
        empty.tagged_spans(text).is_empty(),
        "a model without weights tags nothing"
    );
    assert_eq!(shared.tagged_spans(text), before);
}
