//! `newsdex export`: the Quickwit config and OpenSearch mapping declare exactly what the
//! records carry, the records equal what the index stores, parts respect their size, and
//! failures leave no file that looks finished.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::env::{copy_dir, repo_dir, stderr, TestEnv};

/// A test folder with a copy of the demo corpus as `corpus/`.
fn demo() -> TestEnv {
    let env = TestEnv::empty();
    copy_dir(&repo_dir().join("corpus"), &env.path().join("corpus"));
    env
}

/// Runs `newsdex export` with `args`; it must succeed.
fn export(env: &TestEnv, args: &[&str]) {
    let out = env.cmd().arg("export").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "export {args:?} failed: {}",
        stderr(&out)
    );
}

/// The part files of an export folder, in name order.
fn parts(dir: &Path) -> Vec<PathBuf> {
    let mut parts: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "gz"))
        .collect();
    parts.sort();
    parts
}

fn gunzip(path: &Path) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Every line of every part, parsed.
fn lines(dir: &Path) -> Vec<Value> {
    let mut all = Vec::new();
    for part in parts(dir) {
        for line in gunzip(&part).lines() {
            all.push(
                serde_json::from_str(line)
                    .unwrap_or_else(|e| panic!("{}: bad line {line:?}: {e}", part.display())),
            );
        }
    }
    all
}

/// Records keyed by passage id.
fn by_id(records: Vec<Value>) -> BTreeMap<String, Value> {
    let count = records.len();
    let map: BTreeMap<String, Value> = records
        .into_iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r))
        .collect();
    assert_eq!(map.len(), count, "passage ids are not unique");
    map
}

/// Field types and tokenizers Quickwit's index config reference documents.
const QUICKWIT_TYPES: &[&str] = &[
    "text", "i64", "u64", "f64", "datetime", "bool", "ip", "bytes", "json", "object",
];
const QUICKWIT_TOKENIZERS: &[&str] = &[
    "raw",
    "raw_lowercase",
    "default",
    "en_stem",
    "whitespace",
    "chinese_compatible",
    "lowercase",
];

/// Whether a JSON value can be indexed as the Quickwit type `ty`.
fn fits_quickwit(ty: &str, value: &Value) -> bool {
    if let Some(inner) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
        return value.as_array().is_some_and(|items| {
            !items.is_empty() && items.iter().all(|v| fits_quickwit(inner, v))
        });
    }
    match ty {
        "text" => value.is_string(),
        "u64" => value.is_u64(),
        "i64" => value.is_i64(),
        "f64" => value.is_number(),
        "datetime" => value
            .as_str()
            .is_some_and(|s| s.parse::<jiff::Timestamp>().is_ok()),
        "bool" => value.is_boolean(),
        _ => false,
    }
}

#[test]
fn quickwit_config_declares_exactly_the_fields_the_passages_carry() {
    let env = demo();
    export(
        &env,
        &["--to", "quickwit", "qw", "--corpus", "corpus", "--quiet"],
    );
    let raw = std::fs::read_to_string(env.path().join("qw/index-config.yaml")).unwrap();
    let config: serde_norway::Value = serde_norway::from_str(&raw).expect("the config is YAML");
    let config: Value = serde_json::to_value(&config).unwrap();
    assert_eq!(config["version"].to_string(), "0.9");
    assert_eq!(config["index_id"], "newsdex");
    let mapping = &config["doc_mapping"];
    assert_eq!(mapping["mode"], "strict");
    let mut declared: BTreeMap<String, Value> = BTreeMap::new();
    for field in mapping["field_mappings"].as_array().unwrap() {
        let name = field["name"].as_str().unwrap().to_string();
        let ty = field["type"].as_str().unwrap();
        let base = ty
            .strip_prefix("array<")
            .and_then(|t| t.strip_suffix('>'))
            .unwrap_or(ty);
        assert!(QUICKWIT_TYPES.contains(&base), "{name}: type {ty}");
        if let Some(tokenizer) = field.get("tokenizer") {
            assert_eq!(base, "text", "{name}: a tokenizer on {ty}");
            let tokenizer = tokenizer.as_str().unwrap();
            assert!(
                QUICKWIT_TOKENIZERS.contains(&tokenizer),
                "{name}: {tokenizer}"
            );
        }
        if let Some(record) = field.get("record") {
            let record = record.as_str().unwrap();
            assert!(
                ["basic", "freq", "position"].contains(&record),
                "{name}: {record}"
            );
        }
        for key in field.as_object().unwrap().keys() {
            let known = [
                "name",
                "description",
                "type",
                "tokenizer",
                "record",
                "fieldnorms",
                "fast",
                "stored",
                "indexed",
                "input_formats",
                "output_format",
                "fast_precision",
            ];
            assert!(known.contains(&key.as_str()), "{name}: option {key}");
        }
        if base == "datetime" {
            for format in field["input_formats"].as_array().unwrap() {
                let format = format.as_str().unwrap();
                assert!(["rfc3339", "iso8601", "rfc2822", "unix_timestamp"].contains(&format));
            }
            let precision = field["fast_precision"].as_str().unwrap();
            assert!(["seconds", "milliseconds", "microseconds", "nanoseconds"].contains(&precision));
        }
        assert!(
            declared.insert(name.clone(), field.clone()).is_none(),
            "{name} twice"
        );
    }
    let timestamp = mapping["timestamp_field"].as_str().unwrap();
    assert_eq!(declared[timestamp]["type"], "datetime");
    assert_eq!(declared[timestamp]["fast"], true);
    for tag in mapping["tag_fields"].as_array().unwrap() {
        let field = &declared[tag.as_str().unwrap()];
        assert_eq!(field["tokenizer"], "raw", "tag field {tag}");
    }
    for name in config["search_settings"]["default_search_fields"]
        .as_array()
        .unwrap()
    {
        assert_eq!(declared[name.as_str().unwrap()]["tokenizer"], "en_stem");
    }
    assert_eq!(
        config["indexing_settings"]["merge_policy"]["type"],
        "stable_log"
    );
    // Range filters (topic scores, amounts, dates) need fast fields in Quickwit.
    for name in ["topic_deal", "amount_usd", "amount_value", "published"] {
        assert_eq!(declared[name]["fast"], true, "{name}");
    }

    let records = lines(&env.path().join("qw"));
    assert_eq!(records.len(), 203);
    let mut carried = BTreeSet::new();
    for record in &records {
        for (key, value) in record.as_object().unwrap() {
            let field = declared
                .get(key)
                .unwrap_or_else(|| panic!("{key} is not declared (mode: strict refuses it)"));
            let ty = field["type"].as_str().unwrap();
            assert!(fits_quickwit(ty, value), "{key}: {value} is not a {ty}");
            carried.insert(key.clone());
        }
    }
    let declared: BTreeSet<String> = declared.into_keys().collect();
    assert_eq!(
        carried, declared,
        "declared fields no record carries, or the reverse"
    );
}

/// Whether a JSON value can be indexed as the OpenSearch type `ty` (any field may hold an
/// array of its type).
fn fits_opensearch(ty: &str, value: &Value) -> bool {
    if let Some(items) = value.as_array() {
        return !items.is_empty()
            && items
                .iter()
                .all(|v| !v.is_array() && fits_opensearch(ty, v));
    }
    match ty {
        "text" | "keyword" => value.is_string(),
        "long" => value.is_i64() || value.is_u64(),
        "double" => value.is_number(),
        "date" => value
            .as_str()
            .is_some_and(|s| s.parse::<jiff::Timestamp>().is_ok()),
        _ => false,
    }
}

#[test]
fn opensearch_mapping_declares_exactly_the_fields_the_bulk_records_carry() {
    let env = demo();
    export(
        &env,
        &[
            "--to",
            "opensearch",
            "os",
            "--corpus",
            "corpus",
            "--part-size",
            "16k",
        ],
    );
    let raw = std::fs::read_to_string(env.path().join("os/mapping.json")).unwrap();
    let body: Value = serde_json::from_str(&raw).expect("the mapping is JSON");
    assert_eq!(body["mappings"]["dynamic"], "strict");
    let properties = body["mappings"]["properties"].as_object().unwrap();
    for (name, field) in properties {
        let ty = field["type"].as_str().unwrap();
        assert!(
            ["text", "keyword", "long", "double", "date"].contains(&ty),
            "{name}: {ty}"
        );
        if ty == "text" {
            let analyzer = field["analyzer"].as_str().unwrap();
            assert!(
                ["english", "standard"].contains(&analyzer),
                "{name}: {analyzer}"
            );
        }
    }
    for name in ["text", "title", "heading"] {
        assert_eq!(properties[name]["analyzer"], "english");
    }
    for name in ["entity", "entity_name", "entity_kind", "currency"] {
        assert_eq!(properties[name]["type"], "keyword");
    }
    let parts = parts(&env.path().join("os"));
    assert!(
        parts.len() > 1,
        "16k parts of the demo corpus: {}",
        parts.len()
    );
    let mut carried = BTreeSet::new();
    let mut documents = 0;
    for part in &parts {
        let text = gunzip(part);
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(
            lines.len() % 2,
            0,
            "{}: an action line without its document",
            part.display()
        );
        for pair in lines.chunks(2) {
            let (action, doc) = (&pair[0], &pair[1]);
            assert_eq!(action["index"]["_id"], doc["id"], "{action}");
            for (key, value) in doc.as_object().unwrap() {
                let ty = properties
                    .get(key)
                    .unwrap_or_else(|| panic!("{key} is not mapped (dynamic: strict refuses it)"))
                    ["type"]
                    .as_str()
                    .unwrap();
                assert!(fits_opensearch(ty, value), "{key}: {value} is not a {ty}");
                carried.insert(key.clone());
            }
            documents += 1;
        }
    }
    assert_eq!(documents, 203);
    let mapped: BTreeSet<String> = properties.keys().cloned().collect();
    assert_eq!(carried, mapped);
}

#[test]
fn exported_records_equal_what_the_index_stores() {
    let env = demo();
    env.index();
    export(&env, &["--to", "quickwit", "from-index", "--quiet"]);
    export(
        &env,
        &[
            "--to",
            "quickwit",
            "from-corpus",
            "--corpus",
            "corpus",
            "--quiet",
        ],
    );
    let from_index = by_id(lines(&env.path().join("from-index")));
    let from_corpus = by_id(lines(&env.path().join("from-corpus")));
    assert_eq!(from_index.len(), 203);
    for (id, record) in &from_corpus {
        assert_eq!(Some(record), from_index.get(id), "{id}");
    }
    assert_eq!(from_index.len(), from_corpus.len());

    // What `search` prints of each passage, read from the index's stored fields.
    let out = env
        .cmd()
        .args([
            "search",
            "",
            "--json",
            "-n",
            "100000",
            "--per-article",
            "0",
            "--no-collapse",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let hits: Vec<Value> = crate::env::records(&out)
        .into_iter()
        .filter(|r| r.kind == "hit")
        .map(|r| r.data)
        .collect();
    assert_eq!(hits.len(), from_index.len());
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    let numbers = |v: &Value| -> Vec<f64> {
        v.as_array()
            .map(|a| a.iter().map(|n| n.as_f64().unwrap()).collect())
            .unwrap_or_default()
    };
    for hit in &hits {
        let id = format!("{}:{}", hit["article_id"].as_str().unwrap(), hit["passage"]);
        let record = &from_index[&id];
        for field in ["path", "line", "title", "text"] {
            assert_eq!(record[field], hit[field], "{id}: {field}");
        }
        for field in ["heading", "source", "url", "author"] {
            let shown = if hit[field] == "" {
                &Value::Null
            } else {
                &hit[field]
            };
            assert_eq!(&record[field], shown, "{id}: {field}");
        }
        let day = record["published"].as_str().map(|d| &d[..10]);
        assert_eq!(day, hit["date"].as_str(), "{id}: date");
        let entities = hit["entities"].as_array().unwrap();
        let of = |list: &[Value], key: &str| -> Vec<String> {
            list.iter()
                .map(|e| e[key].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            strings(&record["entity_name"]),
            of(entities, "canonical"),
            "{id}"
        );
        assert_eq!(
            strings(&record["entity_kind"]),
            of(entities, "type"),
            "{id}"
        );
        assert_eq!(
            strings(&record["entity_text"]),
            of(entities, "text"),
            "{id}"
        );
        for name in of(entities, "canonical") {
            assert!(strings(&record["entity"]).contains(&name), "{id}: {name}");
        }
        let amounts = hit["amounts"].as_array().unwrap();
        assert_eq!(strings(&record["amount_text"]), of(amounts, "text"), "{id}");
        assert_eq!(
            strings(&record["currency"]),
            of(amounts, "currency"),
            "{id}"
        );
        assert_eq!(strings(&record["amount_kind"]), of(amounts, "kind"), "{id}");
        let values: Vec<f64> = amounts
            .iter()
            .map(|a| a["value"].as_f64().unwrap())
            .collect();
        assert_eq!(numbers(&record["amount_value"]), values, "{id}");
        let usd: Vec<f64> = amounts.iter().filter_map(|a| a["usd"].as_f64()).collect();
        assert_eq!(numbers(&record["amount_usd"]), usd, "{id}");
        for topic in ["exclusivity", "dispute", "deal"] {
            assert_eq!(
                record[format!("topic_{topic}").as_str()],
                hit["topics"][topic],
                "{id}: {topic}"
            );
        }
    }

    // The `entity` field holds what `--entity` matches: AWS passages are Amazon's too.
    for name in ["Amazon", "Microsoft"] {
        let (_, hits, _) = env.search_json(&[
            "",
            "--entity",
            name,
            "-n",
            "100000",
            "--per-article",
            "0",
            "--no-collapse",
        ]);
        let tagged = from_index
            .values()
            .filter(|r| strings(&r["entity"]).iter().any(|n| n == name))
            .count();
        assert!(tagged > 0, "{name}");
        assert_eq!(hits.len(), tagged, "{name}");
    }
}

#[test]
fn parts_stay_under_the_size_limit_and_hold_every_passage_once() {
    let env = demo();
    export(
        &env,
        &["--to", "quickwit", "whole", "--corpus", "corpus", "--quiet"],
    );
    let out = env
        .cmd()
        .args(["export", "--to", "quickwit", "split", "--corpus", "corpus"])
        .args(["--part-size", "8k", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).is_empty(),
        "no progress or notes: {}",
        stderr(&out)
    );
    let records = crate::env::records(&out);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].kind, "summary");
    let summary = &records[0].data;
    let split = parts(&env.path().join("split"));
    assert_eq!(summary["passages"], 203);
    assert_eq!(summary["articles"], 36);
    assert_eq!(summary["from"], "corpus");
    assert_eq!(summary["config"], "split/index-config.yaml");
    let listed: Vec<PathBuf> = summary["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| env.path().join(p.as_str().unwrap()))
        .collect();
    assert_eq!(listed, split);
    let bytes: u64 = split
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    assert_eq!(summary["bytes"], bytes);
    assert!(split.len() >= 4, "{} parts", split.len());
    for (n, part) in split.iter().enumerate() {
        let name = part.file_name().unwrap().to_str().unwrap();
        assert_eq!(name, format!("passages-{:05}.ndjson.gz", n + 1));
        assert!(std::fs::metadata(part).unwrap().len() <= 8192, "{name}");
    }
    let names: Vec<String> = std::fs::read_dir(env.path().join("split"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    assert_eq!(
        by_id(lines(&env.path().join("split"))),
        by_id(lines(&env.path().join("whole")))
    );
}

#[test]
fn bad_output_folders_are_refused_with_a_clear_message() {
    let env = demo();
    std::fs::write(env.path().join("a-file"), "x").unwrap();
    let cases: [(&[&str], &str); 3] = [
        (&["a-file"], "is a file, not a folder"),
        (&["a-file/sub"], "creating the output folder a-file/sub"),
        (&["qw", "--part-size", "1k"], "--part-size 1k is too small"),
    ];
    for (args, message) in cases {
        let out = env
            .cmd()
            .args(["export", "--to", "quickwit", "--corpus", "corpus"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    }
    // An earlier export is not silently mixed with a new one.
    export(
        &env,
        &["--to", "quickwit", "qw", "--corpus", "corpus", "--quiet"],
    );
    let out = env
        .cmd()
        .args(["export", "--to", "quickwit", "qw", "--corpus", "corpus"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("already holds an export"),
        "{}",
        stderr(&out)
    );
    export(
        &env,
        &[
            "--to", "quickwit", "qw", "--corpus", "corpus", "--force", "--quiet",
        ],
    );
    assert_eq!(lines(&env.path().join("qw")).len(), 203);
}

/// Files may grow to `bytes` at most; a write past that fails with EFBIG (the signal that
/// would otherwise end the process is ignored), as a full disk fails a write.
fn limit_file_size(cmd: &mut std::process::Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec the closure only calls two async-signal-safe functions.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[test]
fn a_failed_write_is_an_error_and_leaves_no_finished_looking_file() {
    let env = demo();
    for target in ["quickwit", "opensearch"] {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdex"));
        cmd.current_dir(env.path())
            .args(["export", "--to", target, "out", "--corpus", "corpus"]);
        // The demo corpus compresses to about 40 kB: the first part cannot be completed.
        limit_file_size(&mut cmd, 16 * 1024);
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{target}: {}", stderr(&out));
        let message = stderr(&out);
        assert!(
            message.contains("writing out/.") && message.contains("File too large"),
            "{target}: {message}"
        );
        let left: Vec<String> = std::fs::read_dir(env.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(left.is_empty(), "{target}: left behind {left:?}");
    }
}
