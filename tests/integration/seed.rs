//! The seed article the project started from (../shared/seeds), when present.

use crate::env::{shared_dir, TestEnv};

fn seed_env() -> Option<TestEnv> {
    let Some(shared) = shared_dir() else {
        eprintln!(
            "skipping: ../shared is absent (fresh clone), so the seed article is not available"
        );
        return None;
    };
    let seed = shared.join("seeds/000_21cfb66f8b38a1d1.txt");
    if !seed.exists() {
        eprintln!("skipping: {} is absent", seed.display());
        return None;
    }
    let env = TestEnv::empty();
    std::fs::create_dir(env.path().join("corpus")).unwrap();
    std::fs::copy(&seed, env.path().join("corpus/seed.txt")).unwrap();
    Some(env)
}

#[test]
fn seed_article_is_split_into_its_paragraphs() {
    let Some(env) = seed_env() else { return };
    let summary = env.index();
    assert_eq!(summary.articles, 1);
    // Each prose line is a passage; bullet markers join their item; headings
    // ("Key Elements of the Partnership") become context, not passages.
    let out = env
        .cmd()
        .args(["extract", "corpus/seed.txt", "--json"])
        .output()
        .unwrap();
    let records = crate::env::records(&out);
    let passages: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r.kind == "passage")
        .map(|r| &r.data)
        .collect();
    assert_eq!(passages.len() as u64, summary.passages);
    let bullet = passages
        .iter()
        .find(|p| {
            p["text"]
                .as_str()
                .unwrap()
                .starts_with("Azure Exclusivity:")
        })
        .expect("the Azure Exclusivity bullet is its own passage");
    assert_eq!(bullet["line"], 19);
    assert_eq!(bullet["heading"], "Key Elements of the Partnership");
    assert!(passages.iter().all(|p| p["text"] != "-"));
    assert!(!passages
        .iter()
        .any(|p| p["text"] == "Key Elements of the Partnership"));
}

#[test]
fn azure_exclusivity_ranks_the_exclusivity_passage_first() {
    let Some(env) = seed_env() else { return };
    env.index();
    let (code, hits, _) = env.search_json(&["Azure exclusivity"]);
    assert_eq!(code, 0);
    let top = &hits[0].text;
    assert!(
        top.contains("historically been hosted on Microsoft Azure")
            || top.contains("exclusive cloud provider"),
        "top hit: {top}"
    );
}
