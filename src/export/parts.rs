//! Writing records as gzip-compressed NDJSON parts of bounded size.
//!
//! A part is written under a hidden temporary name (`.passages-00001.ndjson.gz.tmp`) and
//! renamed to its final name only once it is complete and synced, so a run that fails or is
//! killed never leaves a file that looks finished; a failed run removes its temporary part.
//!
//! A part's compressed size stays under the limit: before a record is added, the bytes
//! already compressed plus a bound on what the new and still-buffered bytes can compress to
//! must fit. The compressor is flushed every MiB of input (`FLUSH_EVERY`), and once more before
//! a record that seems not to fit, so the bound is taken on little data and parts come out
//! close to the limit.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use flate2::write::GzEncoder;
use flate2::Compression;

/// Input bytes between compressor flushes.
const FLUSH_EVERY: u64 = 1 << 20;

/// Bytes a gzip member adds around its data (header, a sync-flush marker, the trailer), with
/// room to spare.
const FRAMING: u64 = 64;

/// The most `n` bytes can take once deflated (zlib's `deflateBound`, stored blocks and all).
fn deflate_bound(n: u64) -> u64 {
    n + (n >> 12) + (n >> 14) + (n >> 25) + 13
}

/// Where a part's bytes go: a file, or in tests a writer that fails on purpose.
pub trait PartSink: Write + Send {
    /// Makes the written bytes durable before the part is renamed into place.
    fn commit(self) -> io::Result<()>;
}

impl PartSink for BufWriter<File> {
    fn commit(self) -> io::Result<()> {
        let file = self.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()
    }
}

/// Opens the sink of a part at a temporary path.
pub type OpenSink<S> = Box<dyn FnMut(&Path) -> io::Result<S> + Send>;

/// Opens parts as buffered files.
pub fn open_file() -> OpenSink<BufWriter<File>> {
    Box::new(|path| Ok(BufWriter::with_capacity(256 * 1024, File::create(path)?)))
}

/// Counts the compressed bytes on their way to the sink.
struct Counted<S> {
    sink: S,
    bytes: u64,
}

impl<S: Write> Write for Counted<S> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.sink.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.sink.flush()
    }
}

struct Part<S: PartSink> {
    tmp: PathBuf,
    name: PathBuf,
    gz: GzEncoder<Counted<S>>,
    /// Input bytes since the last flush of the compressor.
    unflushed: u64,
    records: u64,
}

/// Writes records into numbered parts `PREFIX-00001.ndjson.gz`, … of at most `limit` bytes.
pub struct PartWriter<S: PartSink> {
    dir: PathBuf,
    prefix: &'static str,
    limit: u64,
    open: OpenSink<S>,
    part: Option<Part<S>>,
    /// Final names of the finished parts, in order.
    finished: Vec<PathBuf>,
    /// Compressed bytes of the finished parts.
    bytes: u64,
}

impl<S: PartSink> PartWriter<S> {
    /// A writer of parts into `dir`. The first part is opened at once, so a folder that
    /// cannot be written to is reported before any work is done.
    pub fn new(
        dir: &Path,
        prefix: &'static str,
        limit: u64,
        open: OpenSink<S>,
    ) -> anyhow::Result<PartWriter<S>> {
        let mut writer = PartWriter {
            dir: dir.to_path_buf(),
            prefix,
            limit,
            open,
            part: None,
            finished: Vec::new(),
            bytes: 0,
        };
        writer.start_part()?;
        Ok(writer)
    }

    /// The file name of part `n` (1-based).
    pub fn part_name(prefix: &str, n: usize) -> String {
        format!("{prefix}-{n:05}.ndjson.gz")
    }

    fn start_part(&mut self) -> anyhow::Result<()> {
        let name = Self::part_name(self.prefix, self.finished.len() + 1);
        let tmp = self.dir.join(format!(".{name}.tmp"));
        let sink = (self.open)(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        self.part = Some(Part {
            name: self.dir.join(name),
            tmp,
            gz: GzEncoder::new(Counted { sink, bytes: 0 }, Compression::fast()),
            unflushed: 0,
            records: 0,
        });
        Ok(())
    }

    /// Adds records: `chunk` holds whole lines, `lines_per_record` of them per record (a
    /// `_bulk` record is an action line and a document line). Records are never split
    /// across parts; a record larger than the limit gets a part of its own.
    pub fn write_records(&mut self, chunk: &[u8], lines_per_record: usize) -> anyhow::Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        if self.fits(chunk.len() as u64)? {
            let records = chunk.iter().filter(|&&b| b == b'\n').count() / lines_per_record;
            return self.append(chunk, records as u64);
        }
        let mut rest = chunk;
        while !rest.is_empty() {
            let mut end = 0;
            for _ in 0..lines_per_record {
                end += rest[end..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(rest.len() - end, |i| i + 1);
            }
            let (record, tail) = rest.split_at(end);
            let empty = self.part.as_ref().is_some_and(|p| p.records == 0);
            if !empty && !self.fits(record.len() as u64)? {
                self.finish_part()?;
                self.start_part()?;
            }
            self.append(record, 1)?;
            rest = tail;
        }
        Ok(())
    }

    /// Whether `more` bytes fit in the open part, flushing the compressor once to know for
    /// sure when the estimate says no.
    fn fits(&mut self, more: u64) -> anyhow::Result<bool> {
        let limit = self.limit;
        let part = self.part.as_mut().expect("a part is open while writing");
        let fits = |p: &Part<S>| {
            p.gz.get_ref().bytes + deflate_bound(p.unflushed + more) + FRAMING <= limit
        };
        if fits(part) {
            return Ok(true);
        }
        if part.unflushed > 0 {
            part.gz
                .flush()
                .with_context(|| format!("writing {}", part.tmp.display()))?;
            part.unflushed = 0;
        }
        Ok(fits(part))
    }

    fn append(&mut self, bytes: &[u8], records: u64) -> anyhow::Result<()> {
        let part = self.part.as_mut().expect("a part is open while writing");
        part.gz
            .write_all(bytes)
            .with_context(|| format!("writing {}", part.tmp.display()))?;
        part.records += records;
        part.unflushed += bytes.len() as u64;
        if part.unflushed >= FLUSH_EVERY {
            part.gz
                .flush()
                .with_context(|| format!("writing {}", part.tmp.display()))?;
            part.unflushed = 0;
        }
        Ok(())
    }

    /// Completes the open part: the gzip trailer, a sync, then the rename to its final name.
    fn finish_part(&mut self) -> anyhow::Result<()> {
        let part = self.part.take().expect("a part is open");
        let tmp = part.tmp.clone();
        let name = part.name.clone();
        let done = || -> anyhow::Result<u64> {
            let counted = part
                .gz
                .finish()
                .with_context(|| format!("writing {}", tmp.display()))?;
            let bytes = counted.bytes;
            counted
                .sink
                .commit()
                .with_context(|| format!("writing {}", tmp.display()))?;
            std::fs::rename(&tmp, &part.name).with_context(|| {
                format!("renaming {} to {}", tmp.display(), part.name.display())
            })?;
            Ok(bytes)
        };
        match done() {
            Ok(bytes) => {
                self.bytes += bytes;
                self.finished.push(name);
                Ok(())
            }
            Err(err) => {
                let _ = std::fs::remove_file(&tmp);
                Err(err)
            }
        }
    }

    /// Finishes the last part (dropping it if it holds no record) and returns the parts'
    /// final paths and their total compressed size.
    pub fn finish(mut self) -> anyhow::Result<(Vec<PathBuf>, u64)> {
        match &self.part {
            Some(part) if part.records == 0 => {
                let part = self.part.take().expect("checked above");
                drop(part.gz);
                let _ = std::fs::remove_file(&part.tmp);
            }
            Some(_) => self.finish_part()?,
            None => {}
        }
        Ok((std::mem::take(&mut self.finished), self.bytes))
    }
}

impl<S: PartSink> Drop for PartWriter<S> {
    /// A writer dropped with a part open failed or was abandoned: remove the partial file.
    fn drop(&mut self) {
        if let Some(part) = self.part.take() {
            let tmp = part.tmp.clone();
            drop(part);
            let _ = std::fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn lines(n: usize, seed: u64) -> Vec<u8> {
        let mut rng = crate::test_rng::XorShift(seed);
        let mut out = Vec::new();
        for i in 0..n {
            // Half predictable, half random text, so compression ratios vary.
            let noise: String = (0..40)
                .map(|_| char::from(b'a' + rng.below(26) as u8))
                .collect();
            out.extend_from_slice(
                format!("{{\"n\":{i},\"text\":\"the same words again and {noise}\"}}\n").as_bytes(),
            );
        }
        out
    }

    fn read_part(path: &Path) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(File::open(path).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn parts_stay_under_the_limit_and_keep_every_line_once() {
        let dir = tempfile::tempdir().unwrap();
        let limit = 8 * 1024;
        let mut writer = PartWriter::new(dir.path(), "passages", limit, open_file()).unwrap();
        let input = lines(3000, 7);
        let mut start = 0;
        for (i, _) in input
            .iter()
            .enumerate()
            .filter(|(_, &b)| b == b'\n')
            .step_by(17)
        {
            writer.write_records(&input[start..=i], 1).unwrap();
            start = i + 1;
        }
        writer.write_records(&input[start..], 1).unwrap();
        let (parts, bytes) = writer.finish().unwrap();
        assert!(parts.len() > 3, "{} parts", parts.len());
        let mut total = 0;
        let mut text = String::new();
        for (n, part) in parts.iter().enumerate() {
            assert_eq!(
                part.file_name().unwrap().to_str().unwrap(),
                format!("passages-{:05}.ndjson.gz", n + 1)
            );
            let size = std::fs::metadata(part).unwrap().len();
            assert!(size <= limit, "{} is {size} bytes", part.display());
            total += size;
            text.push_str(&read_part(part));
        }
        assert_eq!(total, bytes);
        assert_eq!(text.as_bytes(), &input[..]);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), parts.len(), "{names:?}");
    }

    #[test]
    fn bulk_records_keep_their_action_line() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = PartWriter::new(dir.path(), "bulk", 2048, open_file()).unwrap();
        let mut chunk = Vec::new();
        let mut rng = crate::test_rng::XorShift(11);
        for i in 0..400 {
            let pad: String = (0..30)
                .map(|_| char::from(b'a' + rng.below(26) as u8))
                .collect();
            chunk.extend_from_slice(format!("{{\"index\":{{\"_id\":\"{i}\"}}}}\n").as_bytes());
            chunk.extend_from_slice(format!("{{\"n\":{i},\"pad\":\"{pad}\"}}\n").as_bytes());
        }
        writer.write_records(&chunk, 2).unwrap();
        let (parts, _) = writer.finish().unwrap();
        assert!(parts.len() > 1);
        for part in parts {
            let text = read_part(&part);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len() % 2, 0);
            for pair in lines.chunks(2) {
                assert!(pair[0].starts_with("{\"index\""), "{}", pair[0]);
                assert!(pair[1].starts_with("{\"n\""), "{}", pair[1]);
            }
        }
    }

    #[test]
    fn nothing_written_leaves_no_part() {
        let dir = tempfile::tempdir().unwrap();
        let writer = PartWriter::new(dir.path(), "passages", 1 << 20, open_file()).unwrap();
        let (parts, bytes) = writer.finish().unwrap();
        assert!(parts.is_empty());
        assert_eq!(bytes, 0);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    /// A sink that fails like a full disk after `room` bytes.
    struct FullDisk {
        file: File,
        room: usize,
    }

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if buf.len() > self.room {
                return Err(io::Error::from_raw_os_error(28));
            }
            self.room -= buf.len();
            self.file.write(buf)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl PartSink for FullDisk {
        fn commit(self) -> io::Result<()> {
            self.file.sync_all()
        }
    }

    #[test]
    fn a_full_disk_is_an_error_and_leaves_only_finished_parts() {
        let dir = tempfile::tempdir().unwrap();
        let mut budget = 20_000usize;
        let open: OpenSink<FullDisk> = Box::new(move |path| {
            let room = budget.min(6000);
            budget -= room;
            Ok(FullDisk {
                file: File::create(path)?,
                room,
            })
        });
        let mut writer = PartWriter::new(dir.path(), "passages", 4096, open).unwrap();
        let input = lines(5000, 3);
        let err = writer.write_records(&input, 1).unwrap_err();
        drop(writer);
        let message = format!("{err:#}");
        assert!(message.contains("No space left on device"), "{message}");
        assert!(message.contains(".passages-"), "{message}");
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(!name.ends_with(".tmp"), "{name} left behind");
            let text = read_part(&dir.path().join(&name));
            assert!(text.ends_with('\n'), "{name} is not whole");
        }
    }
}
