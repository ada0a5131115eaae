//! `newsdex index`: every format parsed, summaries, safety of the index folder.

use crate::env::{copy_dir, records, stderr, TestEnv};

#[test]
fn every_format_is_parsed_and_counted() {
    let env = TestEnv::with_fixture();
    let summary = env.index();
    assert_eq!(summary.schema_version, 1);
    assert_eq!(summary.files_seen, 6);
    assert_eq!(summary.files_indexed, 5);
    assert_eq!(summary.ignored, 1, "notes.csv is ignored");
    assert_eq!(summary.articles, 7);
    assert!(summary.passages >= 11, "{summary:?}");
    assert!(summary.skipped.is_empty() && summary.warnings.is_empty());
    assert!(summary.index_bytes > 0);
    // One unusual word per file: each format's text is searchable.
    for (word, path, line) in [
        ("quokka", "corpus/news/contoso-deal.txt", 9),
        ("wombat", "corpus/news/northwind-lawsuit.md", 12),
        ("platypus", "corpus/news/initech-launch.html", 16),
        ("narwhal", "corpus/feeds/briefs.jsonl", 1),
        ("axolotl", "corpus/feeds/briefs.jsonl", 2),
        ("pangolin", "corpus/feeds/deals.json", 2),
        ("capybara", "corpus/feeds/deals.json", 8),
    ] {
        let (code, hits, _) = env.search_json(&[word]);
        assert_eq!(code, 0, "{word}");
        assert_eq!(hits[0].path, path, "{word}");
        assert_eq!(hits[0].line, line, "{word}");
    }
}

#[test]
fn metadata_is_read_from_each_format() {
    let env = TestEnv::with_fixture();
    env.index();
    let (_, hits, _) = env.search_json(&["wombat"]);
    assert_eq!(
        hits[0].title,
        "Northwind Traders sues Initech: breach claimed"
    );
    assert_eq!(hits[0].source, "Fixture Daily");
    assert_eq!(hits[0].date.as_deref(), Some("2025-07-15"));
    assert_eq!(hits[0].heading.as_deref(), Some("Damages"));
    let (_, hits, _) = env.search_json(&["platypus"]);
    assert_eq!(hits[0].title, "Initech launches a server");
    assert_eq!(hits[0].source, "Fixture Tech");
    assert_eq!(hits[0].date.as_deref(), Some("2025-09-16"));
    let (_, hits, _) = env.search_json(&["axolotl"]);
    assert_eq!(
        hits[0].date.as_deref(),
        Some("2025-10-14"),
        "RFC 2822 pubDate"
    );
    assert_eq!(hits[0].article_id, "feeds/briefs.jsonl#2");
}

#[test]
fn html_boilerplate_is_not_indexed() {
    let env = TestEnv::with_fixture();
    env.index();
    for junk in ["xyzzyscript", "xyzzystyle", "xyzzynav", "xyzzyfooter"] {
        let (code, hits, _) = env.search_json(&[junk]);
        assert_eq!(code, 1, "{junk} leaked into the index: {hits:?}");
    }
}

#[test]
fn a_folder_that_is_not_an_index_is_refused() {
    let env = TestEnv::with_fixture();
    std::fs::create_dir(env.path().join("index")).unwrap();
    std::fs::write(env.path().join("index/precious.txt"), "keep me").unwrap();
    let out = env.cmd().args(["index", "corpus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a newsdex index"),
        "{}",
        stderr(&out)
    );
    assert!(env.path().join("index/precious.txt").exists());
}

#[test]
fn a_missing_corpus_or_a_file_is_a_clear_error() {
    let env = TestEnv::with_fixture();
    let out = env
        .cmd()
        .args(["index", "no-such-folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-folder"));
    let out = env
        .cmd()
        .args(["index", "corpus/notes.csv"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a file"));
}

#[test]
fn rebuilding_swaps_the_index_and_leaves_no_temporary_folders() {
    let env = TestEnv::with_fixture();
    env.index();
    std::fs::write(
        env.path().join("corpus/news/extra.txt"),
        "Extra\n\nA dugong appeared.\n",
    )
    .unwrap();
    let summary = env.index();
    assert_eq!(summary.articles, 8);
    let (code, _, _) = env.search_json(&["dugong"]);
    assert_eq!(code, 0);
    let leftovers: Vec<String> = std::fs::read_dir(env.path().join("index"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let generations = std::fs::read_dir(env.path().join("index"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("gen-")
        })
        .count();
    assert_eq!(generations, 1);
}

#[test]
fn bad_files_are_named_and_skipped() {
    let env = TestEnv::with_fixture();
    let corpus = env.path().join("corpus");
    std::fs::write(corpus.join("empty.txt"), "").unwrap();
    std::fs::write(corpus.join("binary.txt"), b"\x7fELF\0\0\x01binary").unwrap();
    std::fs::write(
        corpus.join("broken.jsonl"),
        "{\"title\": \"ok\", \"body\": \"fine dingo\"}\n{oops\n",
    )
    .unwrap();
    let summary = env.index();
    let reasons: Vec<String> = summary
        .skipped
        .iter()
        .map(|p| format!("{}: {}", p.location, p.reason))
        .collect();
    assert_eq!(summary.skipped.len(), 3, "{reasons:?}");
    assert!(reasons
        .iter()
        .any(|r| r.contains("empty.txt") && r.contains("empty")));
    assert!(reasons
        .iter()
        .any(|r| r.contains("binary.txt") && r.contains("binary")));
    assert!(reasons
        .iter()
        .any(|r| r.contains("broken.jsonl:2") && r.contains("malformed")));
    let (code, _, _) = env.search_json(&["dingo"]);
    assert_eq!(code, 0, "the good line of broken.jsonl is indexed");
    let out = env
        .cmd()
        .args(["index", "corpus", "--strict", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Regression: `entities` and `stats` took their counts from `doc_freq`, which still
/// counts the passages an incremental update deleted, so after deleting a file they
/// reported the old numbers. They must report what a full rebuild reports.
#[test]
fn entities_and_stats_after_an_incremental_update_match_a_rebuild() {
    let env = TestEnv::with_fixture();
    env.index();
    std::fs::remove_file(env.path().join("corpus/news/initech-launch.html")).unwrap();
    std::fs::remove_file(env.path().join("corpus/feeds/deals.json")).unwrap();
    std::fs::write(
        env.path().join("corpus/news/contoso-deal.txt"),
        "Contoso note\nDate: 2025-06-03\n\nContoso met Microsoft about a $5 million plan.\n",
    )
    .unwrap();
    assert_eq!(env.index().mode, "incremental");
    let rebuilt = TestEnv::empty();
    copy_dir(&env.path().join("corpus"), &rebuilt.path().join("corpus"));
    assert_eq!(rebuilt.index().mode, "full");

    let report = |env: &TestEnv, args: &[&str]| {
        let out = env.cmd().args(args).output().unwrap();
        assert!(out.status.code() != Some(2), "{args:?}: {}", stderr(&out));
        records(&out)
            .into_iter()
            .map(|r| {
                let mut data = r.data;
                // Where the index is and how tantivy laid it out differ by design.
                if let Some(stats) = data.as_object_mut() {
                    for key in ["index", "segments", "index_bytes"] {
                        stats.remove(key);
                    }
                }
                (r.kind, data)
            })
            .collect::<Vec<_>>()
    };
    let entities = report(&env, &["entities", "--json", "--top", "100"]);
    assert_eq!(
        entities,
        report(&rebuilt, &["entities", "--json", "--top", "100"])
    );
    let stats = report(&env, &["stats", "--json", "--top", "100"]);
    assert_eq!(
        stats,
        report(&rebuilt, &["stats", "--json", "--top", "100"])
    );
}
