//! `newsdex search`: ranking, syntax, exit codes, output formats.

use crate::env::{stderr, stdout, TestEnv};

#[test]
fn exit_codes_say_found_nothing_or_error() {
    let env = TestEnv::with_fixture();
    env.index();
    let found = env
        .cmd()
        .args(["search", "exclusive hosting"])
        .output()
        .unwrap();
    assert_eq!(found.status.code(), Some(0));
    let nothing = env.cmd().args(["search", "zzzyzzy"]).output().unwrap();
    assert_eq!(nothing.status.code(), Some(1));
    assert!(stdout(&nothing).is_empty());
    let bad = env
        .cmd()
        .args(["search", "nosuchfield:foo"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let message = stderr(&bad);
    assert!(
        message.contains("unknown field `nosuchfield`") && message.contains("column 1"),
        "{message}"
    );
    let bad = env
        .cmd()
        .args([
            "search",
            "deal",
            "--since",
            "2025-06-01",
            "--until",
            "2024-01-01",
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("impossible"));
}

#[test]
fn plain_language_is_searched_as_words() {
    let env = TestEnv::with_fixture();
    env.index();
    let (code, hits, summary) = env.search_json(&["\"exclusive hosting"]);
    assert_eq!(code, 0);
    assert!(summary.note.unwrap().contains("plain words"));
    assert!(hits[0].path.ends_with("contoso-deal.txt"));
    for query in [
        "WHO FILED A LAWSUIT OR AN INJUNCTION",
        "C++ (server",
        "AT&T",
        "U.S.-China deal",
    ] {
        let out = env.cmd().args(["search", query]).output().unwrap();
        assert_ne!(out.status.code(), Some(2), "{query}: {}", stderr(&out));
    }
    let (_, hits, _) = env.search_json(&["WHO FILED A LAWSUIT OR AN INJUNCTION"]);
    assert!(
        hits[0].path.ends_with("northwind-lawsuit.md"),
        "{:?}",
        hits[0].path
    );
}

#[test]
fn query_syntax_filters_passages() {
    let env = TestEnv::with_fixture();
    env.index();
    let (_, hits, _) = env.search_json(&["initech -lawsuit"]);
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| !h.text.to_lowercase().contains("lawsuit")));
    let (_, hits, _) = env.search_json(&["title:server"]);
    assert!(hits.iter().all(|h| h.title.contains("server")));
    let (_, hits, _) = env.search_json(&["\"right of first refusal\""]);
    assert_eq!(hits.len(), 1);
    let (_, hits, _) = env.search_json(&["initech date:>=2025-09"]);
    assert!(
        hits.iter().all(|h| h.date.as_deref().unwrap() >= "2025-09"),
        "{hits:?}"
    );
    let (_, hits, _) = env.search_json(&["initech", "--source", "fixture wire"]);
    assert!(!hits.is_empty() && hits.iter().all(|h| h.source == "Fixture Wire"));
}

#[test]
fn hits_carry_location_snippet_and_highlights() {
    let env = TestEnv::with_fixture();
    env.index();
    let (_, hits, summary) = env.search_json(&["sole hosting provider"]);
    assert_eq!(summary.schema_version, 1);
    assert_eq!(summary.hits, hits.len());
    let top = &hits[0];
    assert_eq!(top.rank, 1);
    assert!(top.score > 0.0);
    assert_eq!(
        (top.path.as_str(), top.line),
        ("corpus/news/contoso-deal.txt", 7)
    );
    let marked: Vec<&str> = top
        .snippet
        .highlights
        .iter()
        .map(|[s, e]| &top.snippet.text[*s..*e])
        .collect();
    assert!(
        marked.contains(&"sole") && marked.contains(&"provider"),
        "{marked:?}"
    );
}

#[test]
fn human_output_is_coloured_only_when_asked() {
    let env = TestEnv::with_fixture();
    env.index();
    let plain = env.cmd().args(["search", "quokka"]).output().unwrap();
    let text = stdout(&plain);
    assert!(text.contains("corpus/news/contoso-deal.txt:9"), "{text}");
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    let coloured = env
        .cmd()
        .args(["search", "quokka", "--color", "always"])
        .output()
        .unwrap();
    assert!(stdout(&coloured).contains("\x1b[1;31mquokka\x1b[0m"));
}

#[test]
fn first_search_builds_the_missing_index() {
    let env = TestEnv::with_fixture();
    let out = env.cmd().args(["search", "quokka"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("building it"));
    assert!(env.path().join("index/CURRENT").exists());
}

#[test]
fn searching_without_an_index_or_corpus_explains_what_to_do() {
    let env = TestEnv::empty();
    let out = env.cmd().args(["search", "anything"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("newsdex index"));
}

#[test]
fn help_teaches_by_example() {
    let env = TestEnv::empty();
    let out = env.cmd().args(["search", "--help"]).output().unwrap();
    let text = stdout(&out);
    assert!(text.contains("Examples:") && text.contains("--min-amount"));
}

#[test]
fn diversity_reaches_past_the_first_candidate_pool() {
    // One article whose 40 passages all match strongly, and three that match once: with one
    // passage per article, the first pool of candidates (three times the limit) holds only
    // the big article, so the search must widen the pool to fill the page.
    let env = TestEnv::empty();
    let corpus = env.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let big: String = (0..40)
        .map(|i| format!("Paragraph {i}: zebra zebra zebra crossing number {i}.\n\n"))
        .collect();
    std::fs::write(corpus.join("big.txt"), format!("Zebra survey\n\n{big}")).unwrap();
    let notes = [
        (
            "a",
            "Council minutes: the new zebra crossing on Mill Road opens next week after delays.",
        ),
        (
            "b",
            "Letters: readers complain that a painted zebra on the school wall has faded badly.",
        ),
        (
            "c",
            "Travel: our reporter saw a zebra near the lodge at dawn, then rain for three days.",
        ),
    ];
    for (name, text) in notes {
        std::fs::write(
            corpus.join(format!("{name}.txt")),
            format!("Note {name}\n\n{text}\n"),
        )
        .unwrap();
    }
    env.index();
    let (code, hits, _) = env.search_json(&["zebra", "-n", "4", "--per-article", "1"]);
    assert_eq!(code, 0);
    let mut files: Vec<String> = hits
        .iter()
        .map(|h| h.path.rsplit('/').next().unwrap().to_string())
        .collect();
    files.sort();
    assert_eq!(files, ["a.txt", "b.txt", "big.txt", "c.txt"]);
}
