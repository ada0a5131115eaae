//! Walking a corpus folder: which files are articles, which are ignored, and
//! which cannot be read. Hidden files and folders are skipped and symbolic
//! links are not followed, so a link loop cannot trap the walk. Paths are kept
//! as [`path_text`](super::path_text), so a name that is not UTF-8 is read like
//! any other.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{path_text, Format, Skip};

/// A file the indexer will read.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// The real path, to read the file.
    pub path: PathBuf,
    /// Path text of the path relative to the corpus root, with `/` separators:
    /// the article id base and the manifest key.
    pub rel: String,
    pub format: Format,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub mtime_ns: i64,
}

/// What the walk found at one path.
#[derive(Debug)]
pub enum WalkEvent {
    File(CorpusFile),
    /// A file with an extension newsdex does not read.
    Ignored(PathBuf),
    /// A path that could not be read, or a file over the size limit.
    Skipped(Skip),
}

/// Walks `root` and returns what it holds, sorted by path so ids and output are
/// stable. Fails only when `root` itself is not a readable folder.
pub fn walk_corpus(root: &Path, max_file_size: u64) -> anyhow::Result<Vec<WalkEvent>> {
    let meta = std::fs::metadata(root)
        .map_err(|e| anyhow::anyhow!("corpus folder {}: {e}", root.display()))?;
    if !meta.is_dir() {
        anyhow::bail!(
            "corpus path {} is a file, not a folder; put it in a folder and index that",
            root.display()
        );
    }
    let mut events = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let location = location(err.path().unwrap_or(root));
                let reason = err
                    .io_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| err.to_string());
                events.push(WalkEvent::Skipped(Skip { location, reason }));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path().to_path_buf();
        let Some(format) = Format::of(&path) else {
            events.push(WalkEvent::Ignored(path));
            continue;
        };
        let rel = relative_id(root, &path);
        let meta = match entry.metadata() {
            Ok(meta) => meta,
            Err(err) => {
                events.push(WalkEvent::Skipped(Skip {
                    location: location(&path),
                    reason: err.to_string(),
                }));
                continue;
            }
        };
        if meta.len() > max_file_size {
            events.push(WalkEvent::Skipped(Skip {
                location: location(&path),
                reason: format!(
                    "file is {} bytes, over the {} byte limit (--max-file-size)",
                    meta.len(),
                    max_file_size
                ),
            }));
            continue;
        }
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i64);
        events.push(WalkEvent::File(CorpusFile {
            path,
            rel,
            format,
            size: meta.len(),
            mtime_ns: mtime,
        }));
    }
    Ok(events)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// A path as skip locations give it.
fn location(path: &Path) -> String {
    path_text::encode(path.as_os_str()).into_owned()
}

fn relative_id(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<_> = rel
        .components()
        .map(|c| path_text::encode(c.as_os_str()))
        .collect();
    parts.join("/")
}
