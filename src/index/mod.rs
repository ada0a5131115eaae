//! The on-disk index: its folder layout, opening it safely, and building it
//! from a corpus.
//!
//! Layout of an index folder:
//!
//! ```text
//! index/
//!   CURRENT        {"format":"newsdex-index","schema_version":1,"generation":"gen-…"}
//!   gen-…/         the live tantivy index (plus entity-names.tsv: each name's kind and case)
//!   tmp-…/         a build in progress; swapped in only when complete
//!   .lock          held by the one indexer allowed to run
//! ```
//!
//! A build writes a whole new generation into a temporary folder and then
//! replaces `CURRENT` with an atomic rename, so an interrupted build never
//! leaves a broken index and searches keep using the previous generation.

mod build;
mod live;
mod names;
mod schema;
pub mod stem;

pub use build::{
    build_index, entity_tags, AnalyzedArticle, ArticleSink, BuildMode, BuildOptions, BuildSummary,
    Reporter,
};
pub(crate) use build::{folder_size, read_files, walk_files};
pub use live::{for_each_live_doc, live_doc_freq};
pub use names::{EntityNames, NameDisplay};
pub use schema::{
    amount_key, article_key, english_analyzer, register_analyzers, word_count, Fields,
    SCHEMA_VERSION,
};
pub use stem::MemoStemmer;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};

/// The pointer file naming the live generation.
const CURRENT: &str = "CURRENT";
const FORMAT: &str = "newsdex-index";
/// Files a fresh checkout may have in the index folder; they don't make the
/// folder "not empty".
const HARMLESS: &[&str] = &[".gitignore", ".gitkeep", "README.md", ".lock"];

/// Contents of the `CURRENT` file.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pointer {
    format: String,
    schema_version: u32,
    generation: String,
}

/// What an index folder holds right now.
#[derive(Debug)]
pub enum IndexState {
    /// Nothing there yet (or only placeholder files).
    Missing,
    /// A newsdex index of the current schema version, and its live generation folder
    /// (as `CURRENT` named it when inspected: read once, not again).
    Ready { generation: String },
    /// A newsdex index of another schema version.
    OtherVersion(u32),
}

/// Inspects an index folder, refusing folders that are not newsdex indexes.
pub fn index_state(root: &Path) -> anyhow::Result<IndexState> {
    if !root.exists() {
        return Ok(IndexState::Missing);
    }
    if !root.is_dir() {
        bail!(
            "index path {} is a file, not a folder; choose another --index",
            root.display()
        );
    }
    match read_pointer(root)? {
        Some(p) if p.schema_version == SCHEMA_VERSION => Ok(IndexState::Ready {
            generation: p.generation,
        }),
        Some(p) => Ok(IndexState::OtherVersion(p.schema_version)),
        None => {
            let foreign: Vec<String> = fs::read_dir(root)
                .with_context(|| format!("reading index folder {}", root.display()))?
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !HARMLESS.contains(&n.as_str()) && !n.starts_with("tmp-"))
                .collect();
            if foreign.is_empty() {
                Ok(IndexState::Missing)
            } else {
                bail!(
                    "{} is not a newsdex index (it holds {}); refusing to overwrite it. \
                     Choose another folder with --index, or delete this one",
                    root.display(),
                    foreign.join(", ")
                )
            }
        }
    }
}

fn read_pointer(root: &Path) -> anyhow::Result<Option<Pointer>> {
    let path = root.join(CURRENT);
    let raw = match fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let pointer: Pointer = serde_json::from_str(&raw).map_err(|_| {
        anyhow::anyhow!(
            "{} is not a newsdex index pointer; delete the folder {} or choose another --index",
            path.display(),
            root.display()
        )
    })?;
    if pointer.format != FORMAT {
        bail!("{} is not a newsdex index", root.display());
    }
    Ok(Some(pointer))
}

/// An opened, searchable index.
pub struct OpenIndex {
    pub index: tantivy::Index,
    pub fields: Fields,
    pub reader: tantivy::IndexReader,
    /// The generation folder being read.
    pub dir: PathBuf,
    /// Live articles, counted on first use (article-level ranking needs it per query).
    pub article_count: std::sync::OnceLock<u64>,
}

/// Opens the live generation of an index for searching.
pub fn open_index(root: &Path) -> anyhow::Result<OpenIndex> {
    let generation = match index_state(root)? {
        IndexState::Missing => bail!(
            "no index at {}; build one with `newsdex index CORPUS --index {}`",
            root.display(),
            root.display()
        ),
        IndexState::OtherVersion(v) => bail!(
            "the index at {} has schema version {v}, this newsdex reads version {SCHEMA_VERSION}; \
             rebuild it with `newsdex index --rebuild`",
            root.display()
        ),
        IndexState::Ready { generation } => generation,
    };
    let dir = root.join(generation);
    let index = tantivy::Index::open_in_dir(&dir)
        .with_context(|| format!("opening index {}", dir.display()))?;
    register_analyzers(&index);
    let fields = Fields::new();
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .with_context(|| format!("reading index {}", dir.display()))?;
    Ok(OpenIndex {
        index,
        fields,
        reader,
        dir,
        article_count: std::sync::OnceLock::new(),
    })
}

/// Points `CURRENT` at `generation` atomically (write a temp file, fsync,
/// rename over the old pointer, fsync the folder).
fn publish(root: &Path, generation: &str) -> anyhow::Result<()> {
    let pointer = Pointer {
        format: FORMAT.to_string(),
        schema_version: SCHEMA_VERSION,
        generation: generation.to_string(),
    };
    let tmp = root.join(format!("{CURRENT}.tmp-{}", std::process::id()));
    let written = || -> std::io::Result<()> {
        use std::io::Write;
        let mut file = fs::File::create(&tmp)?;
        file.write_all(serde_json::to_string(&pointer)?.as_bytes())?;
        file.sync_all()
    };
    written().with_context(|| format!("writing {}", tmp.display()))?;
    let current = root.join(CURRENT);
    fs::rename(&tmp, &current)
        .with_context(|| format!("replacing {} with {}", current.display(), tmp.display()))?;
    if let Ok(dir) = fs::File::open(root) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes generations other than `keep`, leftover temp folders and pointer
/// temp files. Called with the writer lock held, so nothing else is writing.
fn remove_stale(root: &Path, keep: Option<&str>) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let stale_dir =
            (name.starts_with("gen-") && Some(name.as_str()) != keep) || name.starts_with("tmp-");
        if stale_dir {
            let _ = fs::remove_dir_all(entry.path());
        } else if name.starts_with("CURRENT.tmp-") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The exclusive right to write an index folder, released when dropped (or
/// when the process dies: it is an OS file lock).
pub struct WriterLock {
    _file: fs::File,
}

/// Takes the writer lock of `root`, failing at once if another indexer holds
/// it (or waiting for it when `wait` is set).
pub fn lock_index(root: &Path, wait: bool) -> anyhow::Result<WriterLock> {
    fs::create_dir_all(root)
        .with_context(|| format!("creating index folder {}", root.display()))?;
    let path = root.join(".lock");
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening lock file {}", path.display()))?;
    if wait {
        file.lock()
            .with_context(|| format!("waiting for the lock {}", path.display()))?;
    } else if let Err(err) = file.try_lock() {
        match err {
            fs::TryLockError::WouldBlock => bail!(
                "another `newsdex index` is already writing {}; wait for it to finish \
                 (or pass --wait to queue behind it)",
                root.display()
            ),
            fs::TryLockError::Error(e) => {
                return Err(e).with_context(|| format!("locking {}", path.display()))
            }
        }
    }
    Ok(WriterLock { _file: file })
}

/// Name of the stemmed English analyzer (for query building).
pub fn schema_analyzer_en() -> &'static str {
    schema::ANALYZER_EN
}

/// Name of the unstemmed word analyzer (sources, authors).
pub fn schema_analyzer_plain() -> &'static str {
    schema::ANALYZER_PLAIN
}
