//! `newsdex export`: flags → [`ExportOptions`], the export, and its summary.

use std::io::Write;
use std::path::Path;

use super::{parse_size, Outcome, UsageError};
use crate::cli::{ExportArgs, ExportTarget};
use crate::export::{export, ExportOptions, Source, Target};
use crate::output::json::{write_record, ExportSummary, JSON_SCHEMA_VERSION};
use crate::output::progress::ProgressReporter;

/// The smallest part size accepted: a few records' worth.
const MIN_PART_SIZE: u64 = 4096;

pub(super) fn run(args: ExportArgs, index_dir: &Path) -> anyhow::Result<Outcome> {
    let part_size = parse_size(&args.part_size)?;
    if part_size < MIN_PART_SIZE {
        return Err(UsageError(format!(
            "--part-size {} is too small; give at least 4k",
            args.part_size
        ))
        .into());
    }
    let source = match &args.corpus {
        Some(dir) => Source::Corpus {
            dir: dir.clone(),
            max_file_size: parse_size(&args.max_file_size)?,
            threads: args.threads,
        },
        None => Source::Index(index_dir.to_path_buf()),
    };
    let options = ExportOptions {
        target: match args.to {
            ExportTarget::Quickwit => Target::Quickwit,
            ExportTarget::Opensearch => Target::OpenSearch,
        },
        source,
        out_dir: args.out_dir.clone(),
        part_size,
        index_id: args.index_id.clone(),
        force: args.force,
    };
    let reporter = ProgressReporter::labelled(
        args.quiet || args.json,
        "exporting",
        matches!(options.source, Source::Index(_)),
    );
    let summary = export(&options, &reporter)?;
    drop(reporter);
    let (from, input) = match &options.source {
        Source::Index(dir) => ("index", dir),
        Source::Corpus { dir, .. } => ("corpus", dir),
    };
    let shown = |p: &Path| p.display().to_string();
    if args.json {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        write_record(
            &mut out,
            "summary",
            ExportSummary {
                schema_version: JSON_SCHEMA_VERSION,
                target: options.target.as_str(),
                from,
                input: shown(input),
                out_dir: shown(&options.out_dir),
                config: shown(&summary.config),
                parts: summary.parts.iter().map(|p| shown(p)).collect(),
                articles: summary.articles,
                passages: summary.passages,
                bytes: summary.bytes,
                skipped: summary.skipped,
                elapsed_ms: summary.elapsed.as_secs_f64() * 1000.0,
            },
        )?;
        out.flush()?;
    } else {
        let secs = summary.elapsed.as_secs_f64();
        eprintln!(
            "export for {} written to {}: {} passages of {} articles from {from} {} in {:.2}s \
             ({:.0} articles/s); {} part(s), {:.1} MB compressed; {}; {} skipped",
            options.target.as_str(),
            options.out_dir.display(),
            summary.passages,
            summary.articles,
            input.display(),
            secs,
            summary.articles as f64 / secs.max(1e-9),
            summary.parts.len(),
            summary.bytes as f64 / 1e6,
            summary.config.display(),
            summary.skipped,
        );
    }
    Ok(if summary.passages > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
