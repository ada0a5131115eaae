//! Building an index generation from a corpus: walk, then parse, split and
//! extract files in parallel (rayon) while tantivy's writer threads index the
//! passages, then swap the finished generation in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::names::EntityNames;
use super::schema::{amount_key, article_key, register_analyzers, word_count, Fields};
use super::{index_state, lock_index, publish, remove_stale, IndexState};
use crate::extract::entities::document::Tie;
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

/// How a build went about its work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BuildMode {
    /// A whole new generation, swapped in when complete.
    #[default]
    Full,
    /// Only changed, added and removed files, committed to the live generation.
    Incremental,
    /// Nothing changed; the index was left as it was.
    Unchanged,
}

impl BuildMode {
    /// The mode's name in summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            BuildMode::Full => "full",
            BuildMode::Incremental => "incremental",
            BuildMode::Unchanged => "unchanged",
        }
    }
}

/// What a build did, for the summary line and `--json`.
#[derive(Debug, Default)]
pub struct BuildSummary {
    pub mode: BuildMode,
    pub files_seen: u64,
    /// Files that hold indexed articles (after the build, changed or not).
    pub files_indexed: u64,
    /// Articles and passages in the index after the build.
    pub articles: u64,
    pub passages: u64,
    /// Files newly read, re-read because their content changed, gone from
    /// the corpus, and left alone because they did not change.
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    pub unchanged: u64,
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

/// Above this share of changed files a full rebuild is cheaper than deleting
/// and re-adding.
const INCREMENTAL_LIMIT: f64 = 0.5;

/// What the index knows about each corpus file, kept in the commit payload
/// so it changes atomically with the documents it describes.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// Canonical corpus path the index was built from.
    corpus: String,
    files: BTreeMap<String, FileEntry>,
    /// Files this run could not read: reported and counted, never saved, so the
    /// next run tries them again.
    #[serde(skip)]
    unread: Vec<Skip>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileEntry {
    size: u64,
    mtime_ns: i64,
    hash: u64,
    articles: u64,
    passages: u64,
    /// Records skipped and caveats, re-reported while the file is unchanged.
    skipped: Vec<(String, String)>,
    warnings: Vec<(String, String)>,
}

/// Builds or updates the index from `options.corpus`: incremental when an
/// index of the same corpus exists and little changed, else a whole new
/// generation swapped in atomically.
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
        IndexState::Missing | IndexState::OtherVersion(_) => None,
        IndexState::Ready { generation } => Some(generation),
    };
    // Leftovers of an interrupted build: safe to remove under the lock.
    remove_stale(root, previous.as_deref());

    let mut summary = BuildSummary::default();
    let walked = walk_files(&options.corpus, options.max_file_size, reporter)?;
    let mut files = walked.files;
    summary.ignored = walked.ignored;
    summary.skipped = walked.skipped;
    summary.files_seen = files.len() as u64 + summary.ignored + summary.skipped.len() as u64;
    let corpus_key = std::fs::canonicalize(&options.corpus)
        .unwrap_or_else(|_| options.corpus.clone())
        .display()
        .to_string();

    // An existing index of the same corpus: find what changed.
    let live = match (&previous, options.rebuild) {
        (Some(generation), false) => {
            let dir = root.join(generation);
            let index = tantivy::Index::open_in_dir(&dir)
                .with_context(|| format!("opening index {}", dir.display()))?;
            let manifest: Option<Manifest> = index
                .load_metas()
                .with_context(|| format!("reading the index metadata in {}", dir.display()))?
                .payload
                .and_then(|p| serde_json::from_str(&p).ok())
                .filter(|m: &Manifest| m.corpus == corpus_key);
            manifest.map(|m| (index, dir, m))
        }
        _ => None,
    };
    if let Some((index, dir, mut manifest)) = live {
        let plan = plan_changes(files, &mut manifest, reporter)?;
        let changed = plan.work.len() + plan.removed.len();
        let total = plan.work.len() + plan.unchanged as usize;
        if (changed as f64) <= INCREMENTAL_LIMIT * total.max(1) as f64 || total < 8 {
            summary.added = plan.added;
            summary.updated = plan.updated;
            summary.removed = plan.removed.len() as u64;
            summary.unchanged = plan.unchanged;
            let touched_only = changed == 0 && !plan.touched;
            summary.mode = if touched_only {
                BuildMode::Unchanged
            } else {
                BuildMode::Incremental
            };
            if !touched_only {
                register_analyzers(&index);
                let fields = Fields::new();
                let mut writer: IndexWriter<TantivyDocument> = index
                    .writer_with_num_threads(writer_threads(options), WRITER_MEMORY)
                    .context("starting the index writer")?;
                for rel in plan.removed.iter().chain(plan.replaced.iter()) {
                    manifest.files.remove(rel);
                    writer.delete_term(Term::from_field_text(fields.file, rel));
                }
                let mut names = index_files(
                    &writer,
                    &fields,
                    plan.work,
                    options,
                    reporter,
                    &mut manifest,
                )?;
                reporter.finishing();
                // Saved before the commit: names of passages not yet committed are harmless
                // (readers start from the index's terms), a committed name without its line
                // would be shown without its kind.
                names.merge(EntityNames::load(&dir)?);
                names.save(&dir)?;
                commit(&mut writer, &manifest)?;
            }
            finish_summary(&mut summary, &manifest, reporter, &dir, started);
            return Ok(summary);
        }
        // Most of the corpus changed: a fresh generation is quicker.
        files = plan.all_files;
    }

    summary.added = files.len() as u64;
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
    let mut writer: IndexWriter<TantivyDocument> = index
        .writer_with_num_threads(writer_threads(options), WRITER_MEMORY)
        .context("starting the index writer")?;
    let mut manifest = Manifest {
        corpus: corpus_key,
        ..Manifest::default()
    };
    reporter.start(files.len() as u64, files.iter().map(|f| f.size).sum());
    let names = index_files(&writer, &fields, files, options, reporter, &mut manifest)?;
    reporter.finishing();
    names.save(&tmp)?;
    commit(&mut writer, &manifest)?;
    drop(writer);

    let final_dir = root.join(&generation);
    std::fs::rename(&tmp, &final_dir)
        .with_context(|| format!("moving {} into place", tmp.display()))?;
    publish(root, &generation)?;
    remove_stale(root, Some(&generation));
    finish_summary(&mut summary, &manifest, reporter, &final_dir, started);
    Ok(summary)
}

/// What an incremental run must do.
struct Plan {
    /// Files to (re)index. Only their paths: a changed file was hashed as it was
    /// streamed and is read again when indexed, so planning holds no file's bytes
    /// (with many changed files, keeping them would undo `--max-file-size`'s bound).
    work: Vec<CorpusFile>,
    /// Files whose old articles must be deleted before re-adding.
    replaced: Vec<String>,
    removed: Vec<String>,
    added: u64,
    updated: u64,
    unchanged: u64,
    /// Some unchanged file got a new modification time (the manifest changes).
    touched: bool,
    /// Every file of the walk, for falling back to a full build.
    all_files: Vec<CorpusFile>,
}

/// Compares the walk with the manifest: same size and modification time
/// means unchanged without reading; otherwise the content hash decides.
fn plan_changes(
    files: Vec<CorpusFile>,
    manifest: &mut Manifest,
    reporter: &dyn Reporter,
) -> anyhow::Result<Plan> {
    let mut plan = Plan {
        work: Vec::new(),
        replaced: Vec::new(),
        removed: Vec::new(),
        added: 0,
        updated: 0,
        unchanged: 0,
        touched: false,
        all_files: files.clone(),
    };
    let present: std::collections::HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    plan.removed = manifest
        .files
        .keys()
        .filter(|rel| !present.contains(rel.as_str()))
        .cloned()
        .collect();
    for file in files {
        let Some(entry) = manifest.files.get_mut(&file.rel) else {
            plan.added += 1;
            plan.work.push(file);
            continue;
        };
        if entry.size == file.size && entry.mtime_ns == file.mtime_ns {
            plan.unchanged += 1;
            continue;
        }
        // A file that cannot be read is re-indexed: that path reports the error and
        // drops the file.
        let same = hash_file(&file.path).is_ok_and(|hash| hash == entry.hash);
        if same {
            entry.mtime_ns = file.mtime_ns;
            plan.touched = true;
            plan.unchanged += 1;
            continue;
        }
        plan.updated += 1;
        plan.replaced.push(file.rel.clone());
        plan.work.push(file);
    }
    reporter.start(
        plan.work.len() as u64,
        plan.work.iter().map(|f| f.size).sum(),
    );
    Ok(plan)
}

/// The files of a corpus walk, and what the walk left out.
pub(crate) struct Walked {
    pub files: Vec<CorpusFile>,
    /// Files of formats newsdex does not read.
    pub ignored: u64,
    /// Files that could not be used (too large, unreadable), each already reported.
    pub skipped: Vec<Skip>,
}

/// Walks a corpus folder, reporting each skipped file as it is found.
pub(crate) fn walk_files(
    corpus: &Path,
    max_file_size: u64,
    reporter: &dyn Reporter,
) -> anyhow::Result<Walked> {
    let mut walked = Walked {
        files: Vec::new(),
        ignored: 0,
        skipped: Vec::new(),
    };
    for event in walk_corpus(corpus, max_file_size)? {
        match event {
            WalkEvent::File(file) => walked.files.push(file),
            WalkEvent::Ignored(_) => walked.ignored += 1,
            WalkEvent::Skipped(skip) => {
                reporter.skipped(&skip);
                walked.skipped.push(skip);
            }
        }
    }
    Ok(walked)
}

/// One article of a corpus file, split into passages and analysed: what the indexer turns
/// into documents and `newsdex export` into records.
pub struct AnalyzedArticle<'a> {
    /// The file's path relative to the corpus.
    pub rel: &'a str,
    pub article: &'a Article,
    /// Words in the whole article (the `article_len` fast field).
    pub words: u64,
    pub passages: &'a [(Passage, PassageFacts)],
    /// Names the article tied together ("Mr Blair" to "Tony Blair"), for `entities` and `stats`.
    pub ties: &'a [Tie],
}

/// Receives each analysed article, on the worker thread that analysed it.
pub type ArticleSink<'a> = dyn Fn(&AnalyzedArticle<'_>) -> anyhow::Result<()> + Sync + 'a;

/// What [`read_files`] learnt about each file, for the manifest and summaries.
pub(crate) struct FilesRead {
    entries: Vec<(String, FileEntry)>,
    /// Files that could not be read, sorted by location.
    unread: Vec<Skip>,
}

impl FilesRead {
    /// Articles and passages handed to the sink.
    pub(crate) fn totals(&self) -> (u64, u64) {
        self.entries
            .iter()
            .fold((0, 0), |(a, p), (_, e)| (a + e.articles, p + e.passages))
    }

    /// Files and records skipped while reading (not those the walk skipped).
    pub(crate) fn skipped(&self) -> u64 {
        self.unread.len() as u64
            + self
                .entries
                .iter()
                .map(|(_, e)| e.skipped.len() as u64)
                .sum::<u64>()
    }
}

/// Reads, parses, splits and extracts `work` in parallel on `threads` workers (0: all
/// cores), handing each article to `sink` as soon as it is analysed. Per-file problems are
/// reported and counted, never fatal; the first error of `sink` stops the run.
pub(crate) fn read_files(
    work: Vec<CorpusFile>,
    threads: usize,
    extractors: Extractors,
    reporter: &dyn Reporter,
    sink: &ArticleSink<'_>,
) -> anyhow::Result<FilesRead> {
    let entries = Mutex::new(Vec::with_capacity(work.len()));
    let unread = Mutex::new(Vec::new());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(worker_threads(threads))
        .build()
        .context("starting worker threads")?;
    pool.install(|| {
        work.into_par_iter()
            .try_for_each(|file| -> anyhow::Result<()> {
                let file = &file;
                let display = ingest::path_text::encode(file.path.as_os_str()).into_owned();
                let bytes = match std::fs::read(&file.path) {
                    Ok(bytes) => bytes,
                    Err(err) => {
                        let skip = Skip {
                            location: display,
                            reason: err.to_string(),
                        };
                        reporter.skipped(&skip);
                        unread
                            .lock()
                            .expect("no panics while holding the lock")
                            .push(skip);
                        reporter.file_done(file.size);
                        return Ok(());
                    }
                };
                let articles = AtomicU64::new(0);
                let passages = AtomicU64::new(0);
                // Articles are split and extracted as their part of the file is parsed, in
                // parallel (a big JSON Lines feed comes in pieces), so the sink starts early.
                let analyze_articles = |_: usize, batch: Vec<Article>| -> anyhow::Result<()> {
                    articles.fetch_add(batch.len() as u64, Ordering::Relaxed);
                    batch
                        .par_iter()
                        .try_for_each(|article| -> anyhow::Result<()> {
                            let pieces = ingest::split_passages(article);
                            passages.fetch_add(pieces.len() as u64, Ordering::Relaxed);
                            let words: u64 = pieces.iter().map(|p| word_count(&p.text)).sum();
                            // The whole article is read before its facts are stored: a later
                            // "Mr Blair" is the "Tony Blair" of an earlier passage.
                            let found =
                                extractors.analyze_article(pieces.iter().map(|p| p.text.as_str()));
                            let analyzed: Vec<(Passage, PassageFacts)> =
                                pieces.into_iter().zip(found.passages).collect();
                            sink(&AnalyzedArticle {
                                rel: &file.rel,
                                article,
                                words,
                                passages: &analyzed,
                                ties: &found.ties,
                            })
                        })
                };
                let parsed = ingest::parse_file_in_batches(
                    file.format,
                    &bytes,
                    &file.rel,
                    &display,
                    &analyze_articles,
                )?;
                for skip in &parsed.skips {
                    reporter.skipped(skip);
                }
                for warning in &parsed.warnings {
                    reporter.warning(warning);
                }
                let pairs = |list: &[Skip]| -> Vec<(String, String)> {
                    list.iter()
                        .map(|s| (s.location.clone(), s.reason.clone()))
                        .collect()
                };
                let entry = FileEntry {
                    size: file.size,
                    mtime_ns: file.mtime_ns,
                    hash: content_hash(&bytes),
                    articles: articles.into_inner(),
                    passages: passages.into_inner(),
                    skipped: pairs(&parsed.skips),
                    warnings: pairs(&parsed.warnings),
                };
                entries
                    .lock()
                    .expect("no panics while holding the lock")
                    .push((file.rel.clone(), entry));
                reporter.file_done(file.size);
                Ok(())
            })
    })?;
    let mut unread = unread
        .into_inner()
        .expect("no panics while holding the lock");
    unread.sort_unstable_by(|a, b| a.location.cmp(&b.location));
    Ok(FilesRead {
        entries: entries
            .into_inner()
            .expect("no panics while holding the lock"),
        unread,
    })
}

/// Analyses `work` with [`read_files`], feeding the writer, and records each file in the
/// manifest. Returns the entity names it saw.
fn index_files(
    writer: &IndexWriter<TantivyDocument>,
    fields: &Fields,
    work: Vec<CorpusFile>,
    options: &BuildOptions,
    reporter: &dyn Reporter,
    manifest: &mut Manifest,
) -> anyhow::Result<EntityNames> {
    let names = Mutex::new(EntityNames::default());
    let index_article = |a: &AnalyzedArticle<'_>| -> anyhow::Result<()> {
        let mut seen = EntityNames::default();
        seen.add_ties(a.ties);
        for (passage, facts) in a.passages {
            seen.add(&facts.entities);
            writer.add_document(passage_document(
                fields, a.rel, a.article, a.words, passage, facts,
            ))?;
        }
        if !seen.is_empty() {
            names
                .lock()
                .expect("no panics while holding the lock")
                .merge(seen);
        }
        Ok(())
    };
    let read = read_files(
        work,
        options.threads,
        options.extractors,
        reporter,
        &index_article,
    )?;
    manifest.files.extend(read.entries);
    manifest.unread.extend(read.unread);
    Ok(names
        .into_inner()
        .expect("no panics while holding the lock"))
}

/// Commits with the manifest as the commit payload, then waits for merges.
fn commit(writer: &mut IndexWriter<TantivyDocument>, manifest: &Manifest) -> anyhow::Result<()> {
    let mut prepared = writer.prepare_commit().context("committing the index")?;
    prepared.set_payload(&serde_json::to_string(manifest)?);
    prepared.commit().context("committing the index")?;
    Ok(())
}

/// Totals and problems for the summary, from the manifest (so unchanged
/// files' skipped records are reported again).
fn finish_summary(
    summary: &mut BuildSummary,
    manifest: &Manifest,
    reporter: &dyn Reporter,
    dir: &Path,
    started: Instant,
) {
    let previously_read = summary.unchanged > 0;
    for entry in manifest.files.values() {
        summary.articles += entry.articles;
        summary.passages += entry.passages;
        if entry.articles > 0 {
            summary.files_indexed += 1;
        }
        for (location, reason) in &entry.skipped {
            let skip = Skip {
                location: location.clone(),
                reason: reason.clone(),
            };
            if previously_read {
                reporter.skipped(&skip);
            }
            summary.skipped.push(skip);
        }
        for (location, reason) in &entry.warnings {
            summary.warnings.push(Skip {
                location: location.clone(),
                reason: reason.clone(),
            });
        }
    }
    summary.skipped.extend(manifest.unread.iter().cloned());
    summary.index_bytes = folder_size(dir);
    summary.index_dir = dir.to_path_buf();
    summary.elapsed = started.elapsed();
}

/// Worker threads for `threads` as given (0: all cores).
pub(crate) fn worker_threads(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        threads
    }
}

/// Tantivy indexing threads: half the workers (extraction costs about as much CPU as indexing
/// does), at most 4. Each thread writes its own segments, and every segment costs each query a
/// little: on 2 cores, one writer thread indexed the peer corpus as fast as two and made its
/// batch queries 15% faster.
fn writer_threads(options: &BuildOptions) -> usize {
    (worker_threads(options.threads) / 2).clamp(1, 4)
}

/// A fast 64-bit hash of file content, to tell an edit from a touch.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = ContentHasher::new(bytes.len() as u64);
    hasher.update(bytes);
    hasher.finish()
}

/// [`content_hash`] of a file, read in blocks so that checking it takes one block of
/// memory, not the whole file.
///
/// The hash is seeded with the length the open file reports; a file that changes while
/// it is read hashes differently from its content, so it counts as changed and is read
/// again, which is the safe side.
fn hash_file(path: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = ContentHasher::new(file.metadata()?.len());
    let mut block = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut block) {
            Ok(0) => return Ok(hasher.finish()),
            Ok(n) => hasher.update(&block[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The state of [`content_hash`] fed in pieces: whole little-endian words are mixed in
/// as they complete, the last partial word byte by byte at the end, so any split of
/// the input gives the one-shot value (the values stored in existing manifests).
struct ContentHasher {
    h: u64,
    /// Bytes of a word not yet complete.
    pending: [u8; 8],
    pending_len: usize,
}

impl ContentHasher {
    fn new(len: u64) -> ContentHasher {
        ContentHasher {
            h: len,
            pending: [0; 8],
            pending_len: 0,
        }
    }

    fn mix(&mut self, word: u64) {
        self.h = crate::hash::fx_mix(self.h, word);
    }

    fn update(&mut self, mut bytes: &[u8]) {
        if self.pending_len > 0 {
            let take = (8 - self.pending_len).min(bytes.len());
            self.pending[self.pending_len..self.pending_len + take].copy_from_slice(&bytes[..take]);
            self.pending_len += take;
            bytes = &bytes[take..];
            if self.pending_len < 8 {
                return;
            }
            self.mix(u64::from_le_bytes(self.pending));
            self.pending_len = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            self.mix(u64::from_le_bytes(
                chunk.try_into().expect("chunks of eight"),
            ));
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.pending_len = rest.len();
    }

    fn finish(mut self) -> u64 {
        for i in 0..self.pending_len {
            let b = self.pending[i];
            self.mix(u64::from(b));
        }
        self.h ^ (self.h >> 29)
    }
}

/// The tantivy document for one passage.
fn passage_document(
    fields: &Fields,
    rel: &str,
    article: &Article,
    article_words: u64,
    passage: &Passage,
    facts: &PassageFacts,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.article_id, &article.id);
    doc.add_u64(fields.article_key, article_key(&article.id));
    doc.add_u64(fields.article_len, article_words);
    doc.add_text(fields.path, &article.path);
    doc.add_text(fields.file, rel);
    // A made-up title is the passage's own first words: searching it as a
    // title would boost every passage of the article for the lead's words.
    if !article.title_made_up {
        doc.add_text(fields.title, &article.title);
    }
    doc.add_text(fields.title_shown, &article.title);
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
    for name in entity_tags(facts) {
        doc.add_text(fields.entity, name);
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
        doc.add_text(fields.facts, facts.to_stored());
    }
    doc
}

/// The names a passage is found under by `--entity` and `entity:`: the canonical name of
/// each entity it mentions and of the groups each belongs to (AWS: Amazon too), sorted,
/// each once.
pub fn entity_tags(facts: &PassageFacts) -> Vec<&str> {
    let entities = crate::extract::entities::EntityExtractor::shared();
    let mut names: Vec<&str> = Vec::new();
    for entity in &facts.entities {
        names.push(&entity.canonical);
        names.extend(entities.ancestors(&entity.canonical));
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Bytes of all files under `dir` (the index size in summaries).
pub(crate) fn folder_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-shot formula the manifests of existing indexes were written with.
    fn reference_hash(bytes: &[u8]) -> u64 {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        let mut h = bytes.len() as u64;
        for chunk in chunks.by_ref() {
            let word = u64::from_le_bytes(chunk.try_into().unwrap());
            h = (h.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        h ^ (h >> 29)
    }

    #[test]
    fn hashing_in_pieces_gives_the_stored_hash() {
        let text: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
        for len in [0, 1, 7, 8, 9, 63, 200] {
            let bytes = &text[..len];
            assert_eq!(content_hash(bytes), reference_hash(bytes), "len {len}");
            for piece in [1, 3, 5, 8, 13] {
                let mut hasher = ContentHasher::new(len as u64);
                for part in bytes.chunks(piece) {
                    hasher.update(part);
                }
                assert_eq!(
                    hasher.finish(),
                    reference_hash(bytes),
                    "len {len} by {piece}"
                );
            }
        }
    }

    #[test]
    fn a_file_hashed_while_streaming_matches_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        // Larger than one read block, and not a multiple of a word.
        let bytes: Vec<u8> = (0..200_003u32).map(|i| (i % 253) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(hash_file(&path).unwrap(), reference_hash(&bytes));
        assert!(hash_file(&dir.path().join("missing.txt")).is_err());
    }
}
