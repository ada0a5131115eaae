//! `newsdex export`: analysed passages as files a distributed engine loads — a Quickwit index
//! config and gzip NDJSON parts, or an OpenSearch mapping and `_bulk` parts.
//!
//! Passages come from an existing index (its stored fields) or straight from a corpus, walked,
//! parsed and extracted in parallel by the indexer's own code (`index::read_files`) with no index
//! written: the form a cluster job takes, one export per shard of a corpus. Either way, each
//! passage becomes the same [`Record`].
//!
//! Memory stays bounded: workers hand each article's serialised records to one writer thread
//! through a short queue, and the writer compresses them into parts of at most `part_size`
//! bytes ([`parts`]). The config is written last, so a folder that has one holds a complete
//! export.

mod fields;
mod opensearch;
pub mod parts;
mod quickwit;
mod record;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use tantivy::TantivyDocument;

pub use fields::{FieldSpec, Kind, DEFAULT_SEARCH_FIELDS, FIELDS, TAG_FIELDS, TIMESTAMP_FIELD};
pub use opensearch::{index_body, MAPPING_FILE};
pub use parts::{PartSink, PartWriter};
pub use quickwit::{index_config, CONFIG_FILE, CONFIG_VERSION};
pub use record::Record;

use crate::extract::Extractors;
use crate::index::{open_index, read_files, walk_files, AnalyzedArticle, Reporter};
use record::StoredPassage;

/// The engine an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Quickwit,
    OpenSearch,
}

impl Target {
    /// The target's name in summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Quickwit => "quickwit",
            Target::OpenSearch => "opensearch",
        }
    }

    /// How the part files are named: `PREFIX-00001.ndjson.gz`.
    pub fn part_prefix(self) -> &'static str {
        match self {
            Target::Quickwit => "passages",
            Target::OpenSearch => "bulk",
        }
    }

    /// The config file written beside the parts.
    pub fn config_file(self) -> &'static str {
        match self {
            Target::Quickwit => CONFIG_FILE,
            Target::OpenSearch => MAPPING_FILE,
        }
    }

    /// Lines per record: a `_bulk` record is an action line and a document line.
    fn lines_per_record(self) -> usize {
        match self {
            Target::Quickwit => 1,
            Target::OpenSearch => 2,
        }
    }
}

/// Where passages come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The stored fields of an index folder.
    Index(PathBuf),
    /// A corpus folder, analysed on the fly.
    Corpus {
        dir: PathBuf,
        max_file_size: u64,
        /// Worker threads (0: all cores).
        threads: usize,
    },
}

/// Everything that decides an export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub target: Target,
    pub source: Source,
    pub out_dir: PathBuf,
    /// Largest compressed size of one part, in bytes.
    pub part_size: u64,
    /// The Quickwit index id written into the config.
    pub index_id: String,
    /// Replace the files of an earlier export in `out_dir`.
    pub force: bool,
}

/// What an export wrote.
#[derive(Debug, Default)]
pub struct ExportSummary {
    pub articles: u64,
    pub passages: u64,
    /// Files and records of a corpus that could not be used (each reported on the way).
    pub skipped: u64,
    pub config: PathBuf,
    pub parts: Vec<PathBuf>,
    /// Compressed bytes of all parts.
    pub bytes: u64,
    pub elapsed: Duration,
}

/// Articles within a writer's queue: enough to keep it busy, few enough to bound memory.
const QUEUE: usize = 256;

/// Runs an export.
pub fn export(options: &ExportOptions, reporter: &dyn Reporter) -> anyhow::Result<ExportSummary> {
    let started = Instant::now();
    let target = options.target;
    prepare_out_dir(&options.out_dir, options.force)?;
    let parts = PartWriter::new(
        &options.out_dir,
        target.part_prefix(),
        options.part_size,
        parts::open_file(),
    )
    .with_context(|| format!("cannot write to {}", options.out_dir.display()))?;
    let mut summary = ExportSummary::default();
    let parts = match &options.source {
        Source::Index(root) => from_index(root, target, parts, reporter, &mut summary)?,
        Source::Corpus {
            dir,
            max_file_size,
            threads,
        } => from_corpus(
            dir,
            *max_file_size,
            *threads,
            target,
            parts,
            reporter,
            &mut summary,
        )?,
    };
    reporter.finishing();
    let (paths, bytes) = parts.finish()?;
    summary.parts = paths;
    summary.bytes = bytes;
    let config = match target {
        Target::Quickwit => index_config(&options.index_id),
        Target::OpenSearch => {
            serde_json::to_string_pretty(&index_body()).expect("the mapping serialises") + "\n"
        }
    };
    summary.config = options.out_dir.join(target.config_file());
    write_whole(&summary.config, config.as_bytes())?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Appends a record's line (and for `_bulk` its action line before it) to `out`.
fn push_record(out: &mut Vec<u8>, target: Target, record: &Record<'_>) {
    if target == Target::OpenSearch {
        opensearch::action_line(out, &record.id);
    }
    serde_json::to_writer(&mut *out, record).expect("records serialise");
    out.push(b'\n');
}

/// Passages of an index, from its stored fields, segment by segment in document order.
fn from_index<S: PartSink>(
    root: &Path,
    target: Target,
    mut parts: PartWriter<S>,
    reporter: &dyn Reporter,
    summary: &mut ExportSummary,
) -> anyhow::Result<PartWriter<S>> {
    let index = open_index(root)?;
    let searcher = index.reader.searcher();
    let f = &index.fields;
    let total: u64 = searcher
        .segment_readers()
        .iter()
        .map(|s| u64::from(s.num_docs()))
        .sum();
    reporter.start(total, total);
    let mut line = Vec::with_capacity(8192);
    let mut since_report = 0;
    for segment in searcher.segment_readers() {
        // Documents are read in store order, so a few cached blocks serve them all.
        let store = segment
            .get_store_reader(8)
            .with_context(|| format!("reading index {}", index.dir.display()))?;
        let words = f.u64_column(segment, f.article_len)?;
        for doc in segment.doc_ids_alive() {
            let stored: TantivyDocument = store.get(doc)?;
            let passage = StoredPassage::new(f, stored, words.first(doc).unwrap_or(0));
            let record = passage.record(f);
            // Every article has exactly one first passage.
            summary.articles += u64::from(record.passage == 0);
            summary.passages += 1;
            line.clear();
            push_record(&mut line, target, &record);
            parts.write_records(&line, target.lines_per_record())?;
            since_report += 1;
            if since_report == 1024 {
                reporter.file_done(since_report);
                since_report = 0;
            }
        }
    }
    reporter.file_done(since_report);
    Ok(parts)
}

/// Passages of a corpus: the indexer's walk, parse, split and extract on all workers, each
/// article's records serialised on its worker and compressed by one writer thread.
fn from_corpus<S: PartSink>(
    dir: &Path,
    max_file_size: u64,
    threads: usize,
    target: Target,
    parts: PartWriter<S>,
    reporter: &dyn Reporter,
    summary: &mut ExportSummary,
) -> anyhow::Result<PartWriter<S>> {
    let walked = walk_files(dir, max_file_size, reporter)?;
    summary.skipped = walked.skipped.len() as u64;
    reporter.start(
        walked.files.len() as u64,
        walked.files.iter().map(|f| f.size).sum(),
    );
    let (queue, records) = std::sync::mpsc::sync_channel::<Vec<u8>>(QUEUE);
    let lines = target.lines_per_record();
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> anyhow::Result<PartWriter<S>> {
            let mut parts = parts;
            for chunk in records {
                parts.write_records(&chunk, lines)?;
            }
            Ok(parts)
        });
        let read = {
            let queue = queue;
            let sink = |article: &AnalyzedArticle<'_>| -> anyhow::Result<()> {
                let mut chunk = Vec::with_capacity(article.passages.len() * 1536);
                for (passage, facts) in article.passages {
                    push_record(
                        &mut chunk,
                        target,
                        &Record::of_analyzed(article, passage, facts),
                    );
                }
                queue
                    .send(chunk)
                    .map_err(|_| anyhow::anyhow!("the export writer stopped"))
            };
            read_files(
                walked.files,
                threads,
                Extractors::default(),
                reporter,
                &sink,
            )
        };
        // The writer's error (a full disk) is the cause of the workers' "writer stopped".
        let parts = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let read = read?;
        let (articles, passages) = read.totals();
        summary.articles = articles;
        summary.passages = passages;
        summary.skipped += read.skipped();
        Ok(parts)
    })
}

/// Whether a file name is one an export writes (finished or in progress).
fn is_export_file(name: &str) -> bool {
    let part = |prefix: &str| {
        (name.starts_with(&format!("{prefix}-")) && name.ends_with(".ndjson.gz"))
            || (name.starts_with(&format!(".{prefix}-")) && name.ends_with(".tmp"))
    };
    part("passages")
        || part("bulk")
        || name == CONFIG_FILE
        || name == MAPPING_FILE
        || name == format!(".{CONFIG_FILE}.tmp")
        || name == format!(".{MAPPING_FILE}.tmp")
}

/// Makes sure `dir` is a folder holding no earlier export (or, with `force`, removes it).
fn prepare_out_dir(dir: &Path, force: bool) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{} is a file, not a folder; give `newsdex export` a folder to write into",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("creating the output folder {}", dir.display()))?;
    let mut earlier: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("reading the output folder {}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| is_export_file(name))
        .collect();
    earlier.sort_unstable();
    if earlier.is_empty() {
        return Ok(());
    }
    if !force {
        let shown: Vec<&str> = earlier.iter().take(3).map(String::as_str).collect();
        bail!(
            "{} already holds an export ({}{}); write to another folder, or pass --force to \
             replace it",
            dir.display(),
            shown.join(", "),
            if earlier.len() > 3 { ", …" } else { "" }
        );
    }
    for name in earlier {
        let path = dir.join(name);
        std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
    }
    Ok(())
}

/// Writes a small file under a temporary name and renames it into place once synced.
fn write_whole(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path
        .file_name()
        .expect("config paths name a file")
        .to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let written = || -> std::io::Result<()> {
        let mut out = BufWriter::new(File::create(&tmp)?);
        out.write_all(bytes)?;
        out.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?
            .sync_all()
    };
    if let Err(err) = written() {
        let _ = std::fs::remove_file(&tmp);
        return Err(err).with_context(|| format!("writing {}", tmp.display()));
    }
    std::fs::rename(&tmp, path)
        .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_files_are_recognised_and_others_are_not() {
        for name in [
            "passages-00001.ndjson.gz",
            ".passages-00002.ndjson.gz.tmp",
            "bulk-00010.ndjson.gz",
            "index-config.yaml",
            "mapping.json",
        ] {
            assert!(is_export_file(name), "{name}");
        }
        for name in ["notes.txt", "passages.md", "bulk-old.json"] {
            assert!(!is_export_file(name), "{name}");
        }
    }

    #[test]
    fn an_out_dir_that_is_a_file_or_holds_an_export_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        let err = prepare_out_dir(&file, false).unwrap_err().to_string();
        assert!(err.contains("is a file, not a folder"), "{err}");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("passages-00001.ndjson.gz"), "x").unwrap();
        std::fs::write(out.join("keep.txt"), "x").unwrap();
        let err = prepare_out_dir(&out, false).unwrap_err().to_string();
        assert!(err.contains("already holds an export"), "{err}");
        prepare_out_dir(&out, true).unwrap();
        assert!(!out.join("passages-00001.ndjson.gz").exists());
        assert!(out.join("keep.txt").exists());
    }
}
