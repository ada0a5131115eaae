//! `newsdex batch`, `stats`, `completions`: the scripting surface.

use crate::env::{records, stderr, stdout, TestEnv};

#[test]
fn batch_prints_hits_summaries_and_error_records_in_input_order() {
    let env = TestEnv::with_fixture();
    env.index();
    let input = "q1\tsole hosting provider\nq2\t\"unclosed\n# a comment\n\n{\"id\": \"q3\", \"query\": \"initech\", \"limit\": 1, \"min_amount\": \"100m\"}\nplain words quokka\n{\"id\": \"q5\", \"query\": \"x\", \"since\": \"yesterday\"}\n";
    let out = env
        .cmd()
        .args(["batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a failed query makes the exit status 2"
    );
    let records = records(&out);
    let kinds: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            (
                r.kind.clone(),
                r.data["query_id"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let order: Vec<&str> = kinds
        .iter()
        .filter(|(k, _)| k == "query" || k == "error")
        .map(|(_, id)| id.as_str())
        .collect();
    assert_eq!(order, ["q1", "q2", "q3", "6", "q5"]);
    assert!(kinds.iter().any(|(k, id)| k == "hit" && id == "q1"));
    let q2 = records
        .iter()
        .find(|r| r.kind == "error" && r.data["query_id"] == "q2")
        .unwrap();
    assert_eq!(q2.data["line"], 2);
    let q3_hits: Vec<_> = records
        .iter()
        .filter(|r| r.kind == "hit" && r.data["query_id"] == "q3")
        .collect();
    assert_eq!(q3_hits.len(), 1, "limit 1");
    let summary = records.last().unwrap();
    assert_eq!(summary.kind, "summary");
    assert_eq!(summary.data["schema_version"], 1);
    assert_eq!(summary.data["queries"], 5);
    assert_eq!(summary.data["errors"], 2);
}

#[test]
fn batch_tsv_has_a_header_and_one_row_per_hit() {
    let env = TestEnv::with_fixture();
    env.index();
    let out = env
        .cmd()
        .args(["batch", "-", "--format", "tsv", "-n", "2"])
        .write_stdin("a\tinitech\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "query_id\trank\tscore\tpath\tline\ttitle\tsnippet"
    );
    assert_eq!(lines.len(), 3);
    assert!(lines[1].starts_with("a\t1\t"));
    assert_eq!(lines[1].split('\t').count(), 7);
}

#[test]
fn stats_describes_the_index() {
    let env = TestEnv::with_fixture();
    env.index();
    let out = env.cmd().args(["stats", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let data = &records(&out)[0].data;
    assert_eq!(data["articles"], 7);
    assert_eq!(data["first_date"], "2025-06-02");
    assert_eq!(data["last_date"], "2025-10-20");
    assert!(data["top_amounts"].as_array().unwrap().len() >= 3);
}

#[test]
fn completions_and_man_page_are_generated() {
    let env = TestEnv::empty();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = env.cmd().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(stdout(&out).contains("newsdex"), "{shell}");
    }
    let out = env.cmd().arg("man").output().unwrap();
    assert!(stdout(&out).contains(".TH newsdex"));
}

#[test]
fn incremental_runs_read_only_what_changed() {
    let env = TestEnv::with_fixture();
    let first = env.index();
    assert_eq!(first.mode, "full");
    let again = env.index();
    assert_eq!(again.mode, "unchanged");
    assert_eq!(again.unchanged, 5);
    assert_eq!(again.articles, first.articles);
    std::fs::write(
        env.path().join("corpus/news/contoso-deal.txt"),
        "Contoso note\n\nA dugong sighting.\n",
    )
    .unwrap();
    std::fs::write(
        env.path().join("corpus/news/new.md"),
        "# New\n\nA manatee arrived.\n",
    )
    .unwrap();
    std::fs::remove_file(env.path().join("corpus/feeds/deals.json")).unwrap();
    let third = env.index();
    assert_eq!(third.mode, "incremental");
    assert_eq!(
        (third.added, third.updated, third.removed, third.unchanged),
        (1, 1, 1, 3)
    );
    assert_eq!(env.search_json(&["dugong"]).0, 0);
    assert_eq!(env.search_json(&["manatee"]).0, 0);
    assert_eq!(
        env.search_json(&["quokka"]).0,
        1,
        "the old text of the changed file is gone"
    );
    assert_eq!(
        env.search_json(&["pangolin"]).0,
        1,
        "the removed file's articles are gone"
    );
    assert_eq!(third.articles, first.articles - 2 + 1);
}
