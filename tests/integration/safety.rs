//! Crash safety and bad input: the previous index keeps answering whatever
//! happens to a run, and junk in the corpus is named, counted and skipped.

use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use crate::env::{records, stderr, TestEnv};

/// A corpus of `n` generated articles in a few JSON Lines files.
fn generated_corpus(env: &TestEnv, n: usize) {
    let words = [
        "cloud",
        "deal",
        "exclusive",
        "provider",
        "lawsuit",
        "merger",
        "contract",
        "acquisition",
        "Contoso",
        "Fabrikam",
        "Initech",
        "Northwind",
        "market",
        "revenue",
        "quarter",
        "billion",
        "partnership",
        "regulator",
        "court",
        "ruling",
        "capacity",
        "compute",
        "chips",
        "training",
    ];
    let dir = env.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let mut seed = 12345u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for file in 0..4 {
        let mut text = String::new();
        for i in 0..n / 4 {
            let mut paragraphs = Vec::new();
            for _ in 0..4 {
                let len = 30 + next() % 50;
                let sentence: Vec<&str> = (0..len).map(|_| words[next() % words.len()]).collect();
                paragraphs.push(format!("{}.", sentence.join(" ")));
            }
            let record = serde_json::json!({
                "title": format!("Story {file}-{i} {}", words[next() % words.len()]),
                "body": paragraphs.join("\n\n"),
                "date": format!("2025-01-{:02}", i % 28 + 1),
            });
            text.push_str(&record.to_string());
            text.push('\n');
        }
        std::fs::write(dir.join(format!("feed-{file}.jsonl")), text).unwrap();
    }
}

const QUERIES: &[&str] = &[
    "exclusive cloud provider",
    "lawsuit court ruling",
    "Contoso merger",
    "billion deal",
];

/// The JSON hits of the fixed query set, as a string to compare.
fn answers(env: &TestEnv) -> String {
    QUERIES
        .iter()
        .map(|q| {
            let out = env
                .cmd()
                .args(["search", q, "--json", "-n", "5"])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{q}: {}", stderr(&out));
            records(&out)
                .into_iter()
                .filter(|r| r.kind == "hit")
                .map(|r| format!("{} {} {}", r.data["path"], r.data["line"], r.data["score"]))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n--\n")
}

fn index_process(env: &TestEnv, args: &[&str]) -> std::process::Child {
    StdCommand::new(assert_cmd::cargo::cargo_bin("newsdex"))
        .current_dir(env.path())
        .args(["index", "corpus", "--quiet"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Passages in the live index, from `newsdex stats`.
fn passages(env: &TestEnv) -> u64 {
    let out = env.cmd().args(["stats", "--json"]).output().unwrap();
    records(&out)[0].data["passages"].as_u64().unwrap()
}

/// Runs `newsdex index` to completion and returns how long it took.
fn timed_run(env: &TestEnv, args: &[&str]) -> Duration {
    let start = Instant::now();
    let mut child = index_process(env, args);
    assert!(child.wait().unwrap().success());
    start.elapsed()
}

fn restore(pristine: &std::path::Path, index: &std::path::Path) {
    std::fs::remove_dir_all(index).unwrap();
    crate::env::copy_dir(pristine, index);
}

#[test]
fn killing_the_indexer_at_any_point_leaves_the_old_index_answering() {
    let env = TestEnv::empty();
    generated_corpus(&env, 2000);
    env.index();
    let before = answers(&env);
    assert!(!before.is_empty());
    let index = env.path().join("index");
    let pristine = env.path().join("pristine-index");
    crate::env::copy_dir(&index, &pristine);

    // A new corpus: half the files rewritten, so a plain run is incremental
    // and a --rebuild run writes a whole new generation.
    for file in ["feed-0.jsonl", "feed-1.jsonl"] {
        let path = env.path().join("corpus").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("exclusive", "sole")).unwrap();
    }
    let rebuild_time = timed_run(&env, &["--rebuild"]);
    assert_ne!(answers(&env), before, "the new corpus answers differently");
    let new_passages = passages(&env);
    restore(&pristine, &index);
    let incremental_time = timed_run(&env, &[]);
    assert_eq!(passages(&env), new_passages);
    restore(&pristine, &index);

    let mut kills = 0;
    for k in 1..=14u32 {
        let (args, time): (&[&str], Duration) = if k % 2 == 0 {
            (&["--rebuild"], rebuild_time)
        } else {
            (&[], incremental_time)
        };
        // Kill points spread over the run, from a ninth to eight ninths of the
        // measured time. Under a loaded machine a run can be quicker than the
        // one measured: a kill that comes after the end is retried earlier.
        let mut delay = time * (k / 2 + 1) / 9;
        for _attempt in 0..3 {
            let mut child = index_process(&env, args);
            std::thread::sleep(delay);
            let still_running = child.try_wait().unwrap().is_none();
            let _ = child.kill(); // SIGKILL
            let _ = child.wait();
            // Searches see the old index exactly as before, or (killed after its
            // last commit) the complete new one: never anything in between.
            let new_word = env
                .cmd()
                .args(["search", "sole", "--plain"])
                .output()
                .unwrap();
            if new_word.status.code() == Some(1) {
                assert_eq!(
                    answers(&env),
                    before,
                    "kill {k} ({args:?}) changed the old index"
                );
            } else {
                assert_eq!(
                    passages(&env),
                    new_passages,
                    "kill {k} ({args:?}) left a partial index"
                );
            }
            restore(&pristine, &index);
            if still_running {
                kills += 1;
                break;
            }
            delay = delay * 2 / 3;
        }
    }
    assert!(
        kills >= 10,
        "only {kills} kills landed during a run (rebuild {rebuild_time:?}, incremental {incremental_time:?})"
    );
    // After a kill, the next run recovers by itself: lock released, stale
    // temporary folders removed.
    let mut child = index_process(&env, &["--rebuild"]);
    std::thread::sleep(rebuild_time / 2);
    let _ = child.kill();
    let _ = child.wait();
    env.index();
    assert_ne!(answers(&env), before);
    let leftovers: Vec<String> = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("tmp-") || n.starts_with("CURRENT.tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_indexer_fails_at_once_and_searches_keep_answering() {
    let env = TestEnv::empty();
    generated_corpus(&env, 2000);
    env.index();
    let before = answers(&env);
    let mut first = index_process(&env, &["--rebuild"]);
    // Wait until the first run holds the lock (its temporary folder appears).
    let deadline = Instant::now() + Duration::from_secs(30);
    while !std::fs::read_dir(env.path().join("index"))
        .unwrap()
        .any(|e| e.unwrap().file_name().to_string_lossy().starts_with("tmp-"))
    {
        assert!(Instant::now() < deadline, "the first run never started");
        std::thread::sleep(Duration::from_millis(5));
    }
    let second = env.cmd().args(["index", "corpus"]).output().unwrap();
    let running = first.try_wait().unwrap().is_none();
    if running {
        assert_eq!(second.status.code(), Some(2));
        assert!(
            stderr(&second).contains("already writing"),
            "{}",
            stderr(&second)
        );
        assert_eq!(
            answers(&env),
            before,
            "searches answer from the last complete index"
        );
    }
    assert!(first.wait().unwrap().success());
    let waited = env
        .cmd()
        .args(["index", "corpus", "--wait", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(waited.status.code(), Some(0));
}

#[test]
fn every_kind_of_bad_input_is_named_counted_and_skipped() {
    let env = TestEnv::with_fixture();
    let corpus = env.path().join("corpus");
    let bad = corpus.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("binary.txt"), b"\x00\x01\x02\xffELF").unwrap();
    std::fs::write(
        bad.join("latin1.txt"),
        b"Caf\xe9 deal\n\nThe caf\xe9 signed a tapir deal.\n",
    )
    .unwrap();
    std::fs::write(
        bad.join("mixed.jsonl"),
        "{\"title\": \"ok\", \"body\": \"a gecko deal\"}\n{not json\n[1,2]\n",
    )
    .unwrap();
    std::fs::write(
        bad.join("broken.html"),
        "<html><body><article><p>An okapi deal was <b>signed",
    )
    .unwrap();
    std::fs::write(bad.join("empty.md"), "").unwrap();
    std::fs::write(
        bad.join("no-text.html"),
        "<html><head><script>x()</script></head><body></body></html>",
    )
    .unwrap();
    std::fs::write(bad.join("array-of-numbers.json"), "[1, 2, 3]").unwrap();
    std::fs::write(
        bad.join("huge.txt"),
        "Huge\n\n".to_string() + &"word ".repeat(300_000),
    )
    .unwrap();
    std::fs::write(
        bad.join("long-line.txt"),
        "Long line\n\n".to_string() + &"x".repeat(200_000) + " ibex",
    )
    .unwrap();
    let mut deep = bad.clone();
    for i in 0..60 {
        deep = deep.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.txt"), "Deep\n\nA deep narwhale story.\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::os::unix::fs::symlink(&bad, bad.join("loop")).unwrap();
        std::os::unix::fs::symlink(bad.join("missing-target"), bad.join("dangling.txt")).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"bad-name-\xff.txt");
        std::fs::write(bad.join(name), "Odd name\n\nAn oddly named dugong file.\n").unwrap();
    }
    let summary = env.index_with(&["--max-file-size", "1MB"]);
    let problems: Vec<String> = summary
        .skipped
        .iter()
        .chain(&summary.warnings)
        .map(|p| format!("{}: {}", p.location, p.reason))
        .collect();
    let named = |file: &str, reason: &str| {
        assert!(
            problems
                .iter()
                .any(|p| p.contains(file) && p.contains(reason)),
            "{file} ({reason}) not reported in {problems:#?}"
        );
    };
    named("binary.txt", "binary content");
    named("latin1.txt", "Windows-1252");
    named("mixed.jsonl:2", "malformed JSON");
    named("mixed.jsonl:3", "not an article");
    named("empty.md", "empty");
    named("no-text.html", "no text");
    named("array-of-numbers.json", "not an article");
    named("huge.txt", "limit");
    #[cfg(unix)]
    assert_eq!(
        env.search_json(&["dugong"]).0,
        0,
        "a name that is not UTF-8 is indexed"
    );
    // Everything else is searchable.
    for word in ["tapir", "gecko", "okapi", "ibex", "narwhale", "quokka"] {
        assert_eq!(env.search_json(&[word]).0, 0, "{word}");
    }
    let stderr_text = {
        let out = env
            .cmd()
            .args(["index", "corpus", "--rebuild", "--max-file-size", "1MB"])
            .output()
            .unwrap();
        stderr(&out)
    };
    assert!(
        stderr_text.contains("binary.txt"),
        "warnings name the file on stderr: {stderr_text}"
    );
}

#[test]
fn an_index_of_another_schema_version_is_refused_until_rebuilt() {
    let env = TestEnv::with_fixture();
    env.index();
    let pointer = env.path().join("index/CURRENT");
    let text = std::fs::read_to_string(&pointer).unwrap();
    let old = text.replace(
        &format!("\"schema_version\":{}", newsdex::index::SCHEMA_VERSION),
        "\"schema_version\":0",
    );
    assert_ne!(text, old);
    std::fs::write(&pointer, old).unwrap();
    let out = env.cmd().args(["search", "quokka"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--rebuild"), "{}", stderr(&out));
    let out = env.cmd().args(["index", "corpus"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env
        .cmd()
        .args(["index", "corpus", "--rebuild"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(env.search_json(&["quokka"]).0, 0);
}
