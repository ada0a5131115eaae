//! Building an index generation from a corpus: walk, then parse, split and
//! extract files in parallel (rayon) while tantivy's writer threads index the
//! passages, then swap the finished generation in.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use rayon::prelude::*;
use tantivy::schema::Facet;
use tantivy::{IndexWriter, TantivyDocument};

use super::schema::{amount_key, article_key, register_analyzers, Fields};
use super::{index_state, lock_index, publish, read_pointer, remove_stale, IndexState};
use crate::extract::{Extractors, PassageFacts};
use crate::ingest::{self, walk_corpus, Article, CorpusFile, Passage, Skip, WalkEvent};

/// Everything that decides how a build runs.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Files larger than this are skipped (bounded memory).
    pub max_file_size: u64,
    /// Worker threads for parsing and extraction (0 = all cores).
    pub threads: usize,
    /// Replace an index of another schema version.
    pub rebuild: bool,
    /// Wait for another indexer instead of failing at once.
    pub wait: bool,
    pub extractors: Extractors,
}

/// What a build did, for the summary line and `--json`.
#[derive(Debug, Default)]
pub struct BuildSummary {
    pub files_seen: u64,
    pub files_indexed: u64,
    pub articles: u64,
    pub passages: u64,
    pub ignored: u64,
    pub skipped: Vec<Skip>,
    pub warnings: Vec<Skip>,
    pub elapsed: Duration,
    pub index_bytes: u64,
    pub index_dir: PathBuf,
}

/// Receives progress from a build; the binary shows it with indicatif, tests
/// pass a no-op.
pub trait Reporter: Sync {
    /// The walk is done: this many files will be read, holding this many bytes.
    fn start(&self, files: u64, bytes: u64);
    /// One file was read and queued for indexing.
    fn file_done(&self, bytes: u64);
    /// A file or record was skipped.
    fn skipped(&self, skip: &Skip);
    /// A file was indexed with a caveat.
    fn warning(&self, warning: &Skip);
    /// Parsing is done; the writer is committing and merging.
    fn finishing(&self);
}

/// Per-writer memory budget: enough for large segments, bounded for big corpora.
const WRITER_MEMORY: usize = 400 * 1024 * 1024;

/// Builds a new index generation from `options.corpus` and makes it live.
pub fn build_index(
    options: &BuildOptions,
    reporter: &dyn Reporter,
) -> anyhow::Result<BuildSummary> {
    let started = Instant::now();
    let root = &options.index;
    let _lock = lock_index(root, options.wait)?;
    let previous = match index_state(root)? {
        IndexState::OtherVersion(v) if !options.rebuild => bail!(
            "the index at {} has schema version {v}, this newsdex writes version {}; \
             run `newsdex index --rebuild` to replace it",
            root.display(),
            super::SCHEMA_VERSION
        ),
        IndexState::Missing => None,
        _ => read_pointer(root)?.map(|p| p.generation),
    };
    // Leftovers of an interrupted build: safe to remove under the lock.
    remove_stale(root, previous.as_deref());

    let mut summary = BuildSummary::default();
    let mut files = Vec::new();
    for event in walk_corpus(&options.corpus, options.max_file_size)? {
        match event {
            WalkEvent::File(file) => files.push(file),
            WalkEvent::Ignored(_) => summary.ignored += 1,
            WalkEvent::Skipped(skip) => {
                reporter.skipped(&skip);
                summary.skipped.push(skip);
            }
        }
    }
    summary.files_seen = files.len() as u64 + summary.ignored + summary.skipped.len() as u64;
    reporter.start(files.len() as u64, files.iter().map(|f| f.size).sum());

    let generation = format!(
        "gen-{}-{}",
        jiff::Timestamp::now().as_millisecond(),
        std::process::id()
    );
    let tmp = root.join(format!("tmp-{generation}"));
    std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let fields = Fields::new();
    // Small doc-store blocks: a hit loads one passage, and decompressing a
    // 4 KiB block instead of the default 16 KiB makes that several times cheaper.
    let settings = tantivy::IndexSettings {
        docstore_blocksize: 4096,
        ..tantivy::IndexSettings::default()
    };
    let index = tantivy::Index::builder()
        .schema(fields.schema.clone())
        .settings(settings)
        .create_in_dir(&tmp)
        .with_context(|| format!("creating index in {}", tmp.display()))?;
    register_analyzers(&index);

    let threads = if options.threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        options.threads
    };
    let writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(threads.clamp(1, 4), WRITER_MEMORY)
        .context("starting the index writer")?;

    let counters = Counters::default();
    let problems = Mutex::new((Vec::new(), Vec::new()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting worker threads")?;
    let corpus_display = options.corpus.clone();
    pool.install(|| {
        files.par_iter().try_for_each(|file| -> anyhow::Result<()> {
            let parsed = read_and_parse(file, &corpus_display);
            for skip in &parsed.skips {
                reporter.skipped(skip);
            }
            for warning in &parsed.warnings {
                reporter.warning(warning);
            }
            if !parsed.articles.is_empty() {
                counters.files.fetch_add(1, Ordering::Relaxed);
            }
            // Articles of one file (a big JSON Lines feed) are split and
            // extracted in parallel too.
            parsed
                .articles
                .par_iter()
                .try_for_each(|article| -> anyhow::Result<()> {
                    let passages = ingest::split_passages(article);
                    counters.articles.fetch_add(1, Ordering::Relaxed);
                    counters
                        .passages
                        .fetch_add(passages.len() as u64, Ordering::Relaxed);
                    for passage in &passages {
                        let facts = options.extractors.analyze(&passage.text);
                        writer.add_document(passage_document(&fields, article, passage, &facts))?;
                    }
                    Ok(())
                })?;
            if !parsed.skips.is_empty() || !parsed.warnings.is_empty() {
                let mut lists = problems.lock().expect("no panics while holding the lock");
                lists.0.extend(parsed.skips);
                lists.1.extend(parsed.warnings);
            }
            reporter.file_done(file.size);
            Ok(())
        })
    })?;
    reporter.finishing();
    let mut writer = writer;
    writer.commit().context("committing the index")?;
    writer
        .wait_merging_threads()
        .context("finishing index merges")?;

    let final_dir = root.join(&generation);
    std::fs::rename(&tmp, &final_dir)
        .with_context(|| format!("moving {} into place", tmp.display()))?;
    publish(root, &generation)?;
    remove_stale(root, Some(&generation));

    let (skips, warnings) = problems
        .into_inner()
        .expect("no panics while holding the lock");
    summary.skipped.extend(skips);
    summary.warnings = warnings;
    summary.files_indexed = counters.files.into_inner();
    summary.articles = counters.articles.into_inner();
    summary.passages = counters.passages.into_inner();
    summary.index_bytes = folder_size(&final_dir);
    summary.index_dir = final_dir;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

#[derive(Default)]
struct Counters {
    files: AtomicU64,
    articles: AtomicU64,
    passages: AtomicU64,
}

fn read_and_parse(file: &CorpusFile, corpus: &Path) -> ingest::Parsed {
    let display = corpus.join(&file.rel).display().to_string();
    match std::fs::read(&file.path) {
        Ok(bytes) => ingest::parse_file(file.format, &bytes, &file.rel, &display),
        Err(err) => ingest::Parsed {
            skips: vec![Skip {
                location: display,
                reason: err.to_string(),
            }],
            ..Default::default()
        },
    }
}

/// The tantivy document for one passage.
fn passage_document(
    fields: &Fields,
    article: &Article,
    passage: &Passage,
    facts: &PassageFacts,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.article_id, &article.id);
    doc.add_u64(fields.article_key, article_key(&article.id));
    doc.add_text(fields.path, &article.path);
    doc.add_text(fields.title, &article.title);
    if !article.source.is_empty() {
        doc.add_text(fields.source, &article.source);
    }
    if !article.url.is_empty() {
        doc.add_text(fields.url, &article.url);
    }
    if !article.author.is_empty() {
        doc.add_text(fields.author, &article.author);
    }
    if let Some(ts) = article.published {
        doc.add_date(
            fields.published,
            tantivy::DateTime::from_timestamp_secs(ts.as_second()),
        );
    }
    doc.add_u64(fields.ordinal, u64::from(passage.ordinal));
    doc.add_u64(fields.line, u64::from(passage.line));
    doc.add_text(fields.text, &passage.text);
    if let Some(heading) = &passage.heading {
        doc.add_text(fields.heading, heading);
    }
    let entities = crate::extract::entities::EntityExtractor::shared();
    let mut names: Vec<&str> = Vec::new();
    for entity in &facts.entities {
        names.push(&entity.canonical);
        names.extend(entities.ancestors(&entity.canonical));
        doc.add_facet(
            fields.entity_kind,
            Facet::from_path([entity.kind.as_str(), entity.canonical.as_str()]),
        );
    }
    names.sort_unstable();
    names.dedup();
    for name in names {
        doc.add_text(fields.entity, name);
        doc.add_text(fields.entity_words, name);
    }
    for amount in &facts.amounts {
        if let Some(usd) = amount.usd {
            doc.add_f64(fields.amount_usd, usd);
        }
        doc.add_u64(
            fields.amount_key,
            amount_key(&amount.currency, amount.value),
        );
        doc.add_text(fields.currency, &amount.currency);
    }
    doc.add_f64(
        fields.topic_exclusivity,
        f64::from(facts.topics.exclusivity),
    );
    doc.add_f64(fields.topic_dispute, f64::from(facts.topics.dispute));
    doc.add_f64(fields.topic_deal, f64::from(facts.topics.deal));
    if facts != &PassageFacts::default() {
        doc.add_text(
            fields.facts,
            serde_json::to_string(facts).expect("facts serialize to JSON"),
        );
    }
    doc
}

fn folder_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
