//! Money, entities and topics as the indexer stores them and search filters them.

use crate::env::{records, stderr, stdout, TestEnv};

#[test]
fn extract_reports_amounts_with_kinds_and_bounds() {
    let env = TestEnv::empty();
    let out = env
        .cmd()
        .args(["extract", "-", "--json"])
        .write_stdin("Microsoft has invested tens of billions of dollars; the deal is worth $50bn.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = records(&out);
    let passage = &records[0].data;
    let amounts = passage["amounts"].as_array().unwrap();
    assert_eq!(amounts.len(), 2);
    assert_eq!(amounts[0]["kind"], "approximate");
    assert_eq!(amounts[0]["low"], 1e10);
    assert_eq!(amounts[1]["text"], "$50bn");
    assert_eq!(amounts[1]["value"], 5e10);
    assert_eq!(amounts[1]["currency"], "USD");
    assert_eq!(passage["entities"][0]["canonical"], "Microsoft");
    assert!(passage["topics"]["deal"].as_f64().unwrap() > 0.5);
    assert_eq!(records.last().unwrap().kind, "summary");
}

#[test]
fn amount_filters_keep_only_passages_with_such_amounts() {
    let env = TestEnv::with_fixture();
    env.index();
    let (code, hits, _) = env.search_json(&["deal offer venture", "--min-amount", "500m"]);
    assert_eq!(code, 0);
    for hit in &hits {
        assert!(
            hit.amounts.iter().any(|a| a.usd.unwrap_or(0.0) >= 5e8),
            "{:?}",
            hit.amounts
        );
    }
    // €4.34 billion compares exactly in euros with --currency.
    let (_, hits, _) = env.search_json(&["venture", "--min-amount", "€4bn", "--currency", "EUR"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].amounts[0].currency, "EUR");
    let (code, _, _) = env.search_json(&["venture", "--min-amount", "€5bn", "--currency", "EUR"]);
    assert_eq!(code, 1);
    let bad = env
        .cmd()
        .args(["search", "deal", "--min-amount", "lots"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--min-amount"));
}

#[test]
fn entity_filter_accepts_any_alias_and_parents() {
    let env = TestEnv::with_fixture();
    std::fs::write(
        env.path().join("corpus/news/aws.txt"),
        "AWS wins a deal\n\nAWS signed a cloud deal with Contoso.\n\nAmazon Web Services will host the workloads.\n",
    )
    .unwrap();
    env.index();
    let (_, by_acronym, _) = env.search_json(&["cloud", "--entity", "AWS"]);
    let (_, by_name, _) = env.search_json(&["cloud", "--entity", "amazon web services"]);
    let paths = |hits: &[crate::env::Hit]| {
        hits.iter()
            .map(|h| (h.path.clone(), h.line))
            .collect::<Vec<_>>()
    };
    assert!(!by_acronym.is_empty());
    assert_eq!(paths(&by_acronym), paths(&by_name));
    let (_, by_parent, _) = env.search_json(&["cloud", "--entity", "Amazon"]);
    assert_eq!(
        paths(&by_parent),
        paths(&by_acronym),
        "AWS passages match their parent Amazon"
    );
    let (_, tagged, _) = env.search_json(&["entity:\"Amazon Web Services\""]);
    assert_eq!(tagged.len(), 2);
}

#[test]
fn entities_command_counts_mentions() {
    let env = TestEnv::with_fixture();
    env.index();
    let out = env
        .cmd()
        .args(["entities", "--json", "--top", "50"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = records(&out);
    let initech = records
        .iter()
        .find(|r| r.kind == "entity" && r.data["canonical"] == "Initech")
        .expect("Initech is listed");
    assert_eq!(initech.data["type"], "organization");
    assert!(initech.data["passages"].as_u64().unwrap() >= 3);
    assert!(initech.data["articles"].as_u64().unwrap() >= 3);
    let out = env
        .cmd()
        .args(["entities", "--type", "robot"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn entities_added_incrementally_keep_their_kind_and_spelling() {
    let env = TestEnv::with_fixture();
    env.index();
    std::fs::write(
        env.path().join("corpus/new-hire.txt"),
        "Globex hires a new chief\n\nGlobex Corporation said on Monday that Hank Scorpio \
         will lead its cloud unit. Scorpio joins from Initech.\n",
    )
    .unwrap();
    let summary = env.index();
    assert_eq!(summary.mode, "incremental");
    let out = env
        .cmd()
        .args(["entities", "--json", "--top", "200"])
        .output()
        .unwrap();
    let records = records(&out);
    let find = |name: &str| {
        records
            .iter()
            .find(|r| r.kind == "entity" && r.data["canonical"] == name)
            .unwrap_or_else(|| panic!("{name} is listed: {}", stdout(&out)))
            .data
            .clone()
    };
    assert_eq!(find("Hank Scorpio")["type"], "person");
    assert_eq!(find("Globex")["type"], "organization");
    assert_eq!(find("Initech")["type"], "organization");
}

/// Issue 17: an analyst filtering on "Tony Blair" missed every passage that says only
/// "Mr Blair" or "Blair", and `entities` listed the three as three people.
#[test]
fn short_mentions_join_the_full_name_given_earlier_in_the_article() {
    let env = TestEnv::empty();
    let news = env.path().join("corpus/news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(
        news.join("schools.txt"),
        "Blair backs the schools budget\n\n\
         Prime Minister Tony Blair said on Monday that the budget would protect schools in every region.\n\n\
         Mr Blair told reporters in London that Northgate Systems Corp would build the new exam platform.\n\n\
         Blair added that Northgate Systems had won the contract fairly.\n",
    )
    .unwrap();
    std::fs::write(
        news.join("questions.txt"),
        "Budget row goes on\n\nMr Blair faced questions from backbench MPs on Wednesday.\n",
    )
    .unwrap();
    env.index();
    let lines = |query: &str| -> Vec<u64> {
        let (_, hits, _) = env.search_json(&[query, "--entity", "Tony Blair"]);
        hits.iter()
            .filter(|h| h.path.ends_with("schools.txt"))
            .map(|h| h.line)
            .collect()
    };
    assert!(lines("reporters").contains(&5), "the \"Mr Blair\" passage");
    assert!(lines("contract").contains(&7), "the \"Blair\" passage");

    let out = env
        .cmd()
        .args(["entities", "--json", "--top", "50"])
        .output()
        .unwrap();
    let rows: Vec<(String, String)> = records(&out)
        .into_iter()
        .filter(|r| r.kind == "entity")
        .map(|r| {
            (
                r.data["canonical"].as_str().unwrap().to_string(),
                r.data["type"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let blairs: Vec<&(String, String)> = rows.iter().filter(|r| r.0.contains("Blair")).collect();
    assert_eq!(
        blairs,
        [&("Tony Blair".to_string(), "person".to_string())],
        "one person, no title, the other article's \"Mr Blair\" counted with him: {rows:?}"
    );
    assert!(
        rows.contains(&("Northgate Systems".to_string(), "organization".to_string())),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r.0 == "Corp"), "{rows:?}");
}
