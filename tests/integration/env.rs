//! A temporary working folder per test, with a hermetic command builder.
// The types mirror the whole JSON contract; each test reads the parts it checks.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde::Deserialize;
use tempfile::TempDir;

pub struct TestEnv {
    pub dir: TempDir,
}

impl TestEnv {
    /// An empty folder.
    pub fn empty() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A folder holding a copy of tests/fixtures/corpus as `corpus/`.
    pub fn with_fixture() -> TestEnv {
        let env = TestEnv::empty();
        copy_dir(&fixture_dir(), &env.path().join("corpus"));
        env
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `newsdex` run in the test folder, with no colour or index settings leaking in.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("newsdex").expect("binary built");
        cmd.current_dir(self.path())
            .env_remove("NEWSDEX_INDEX")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        cmd
    }

    /// Builds the index of `corpus/` into `index/`.
    pub fn index(&self) -> IndexSummary {
        self.index_with(&[])
    }

    /// [`TestEnv::index`] with extra flags; the run must succeed.
    pub fn index_with(&self, flags: &[&str]) -> IndexSummary {
        let out = self
            .cmd()
            .args(["index", "corpus", "--json"])
            .args(flags)
            .output()
            .unwrap();
        assert!(out.status.success(), "index failed: {}", stderr(&out));
        let records = records(&out);
        assert_eq!(records.len(), 1);
        serde_json::from_value(records[0].data.clone()).expect("index summary")
    }

    /// Runs a search with `--json` and returns (exit code, hits, summary).
    pub fn search_json(&self, args: &[&str]) -> (i32, Vec<Hit>, SearchSummary) {
        let out = self
            .cmd()
            .arg("search")
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        assert!(code != 2, "search {args:?} failed: {}", stderr(&out));
        let records = records(&out);
        let (summary, hits) = records.split_last().expect("a summary record");
        assert_eq!(summary.kind, "summary");
        let hits = hits
            .iter()
            .map(|r| {
                assert_eq!(r.kind, "hit");
                serde_json::from_value(r.data.clone()).expect("hit record")
            })
            .collect();
        (
            code,
            hits,
            serde_json::from_value(summary.data.clone()).expect("summary"),
        )
    }
}

/// The checkout under test: cargo's run-time CARGO_MANIFEST_DIR, since a test binary reused
/// through a target folder shared by two checkouts keeps the first one's compile-time path.
pub fn repo_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

pub fn fixture_dir() -> PathBuf {
    repo_dir().join("tests/fixtures/corpus")
}

/// ../shared beside the repository, if present (it is absent on a fresh clone).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = repo_dir().join("../shared");
    dir.is_dir().then_some(dir)
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One JSON Lines envelope.
#[derive(Debug, Deserialize)]
pub struct Record {
    #[serde(rename = "type")]
    pub kind: String,
    pub data: serde_json::Value,
}

pub fn records(out: &Output) -> Vec<Record> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

#[derive(Debug, Deserialize)]
pub struct IndexSummary {
    pub schema_version: u32,
    pub mode: String,
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
    pub files_seen: u64,
    pub files_indexed: u64,
    pub articles: u64,
    pub passages: u64,
    pub ignored: u64,
    pub skipped: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub index_bytes: u64,
}

#[derive(Debug, Deserialize)]
pub struct Problem {
    pub location: String,
    pub raw_location: Option<RawBytes>,
    pub reason: String,
}

/// `{"bytes": "<base64>"}`: the exact bytes of a path that is not UTF-8.
#[derive(Debug, Deserialize)]
pub struct RawBytes {
    pub bytes: String,
}

impl RawBytes {
    pub fn decode(&self) -> Vec<u8> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(&self.bytes)
            .expect("standard padded base64")
    }
}

#[derive(Debug, Deserialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub path: String,
    pub raw_path: Option<RawBytes>,
    pub line: u64,
    pub article_id: String,
    pub title: String,
    pub source: String,
    pub date: Option<String>,
    pub heading: Option<String>,
    pub text: String,
    pub snippet: Snippet,
    pub amounts: Vec<Amount>,
    pub entities: Vec<Entity>,
    pub topics: Topics,
    pub copies: Vec<Copy>,
    pub explain: Option<Explain>,
}

#[derive(Debug, Deserialize)]
pub struct Explain {
    pub parts: std::collections::BTreeMap<String, f32>,
    pub topic_multiplier: f32,
}

#[derive(Debug, Deserialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

#[derive(Debug, Deserialize)]
pub struct Amount {
    pub text: String,
    pub currency: String,
    pub value: f64,
    pub kind: String,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub usd: Option<f64>,
}

#[derive(Debug, Deserialize)]
pub struct Entity {
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub canonical: String,
}

#[derive(Debug, Deserialize)]
pub struct Topics {
    pub exclusivity: f32,
    pub dispute: f32,
    pub deal: f32,
}

#[derive(Debug, Deserialize)]
pub struct Copy {
    pub path: String,
    pub raw_path: Option<RawBytes>,
    pub line: u64,
}

#[derive(Debug, Deserialize)]
pub struct SearchSummary {
    pub schema_version: u32,
    pub hits: usize,
    pub total_matches: Option<usize>,
    pub note: Option<String>,
    pub feedback: Vec<FeedbackWord>,
}

#[derive(Debug, Deserialize)]
pub struct FeedbackWord {
    pub term: String,
    pub weight: f32,
}
