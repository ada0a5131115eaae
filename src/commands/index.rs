//! `newsdex index`: build the index from a corpus folder and report the summary.

use std::io::Write;
use std::path::Path;

use super::{parse_size, Outcome, UsageError};
use crate::cli::IndexArgs;
use crate::extract::Extractors;
use crate::index::{build_index, BuildMode, BuildOptions, BuildSummary};
use crate::ingest::path_text::shown;
use crate::output::json::{write_record, IndexSummary, RawBytes, SkipRecord, JSON_SCHEMA_VERSION};
use crate::output::progress::ProgressReporter;

pub(super) fn run(args: IndexArgs, index_dir: &Path) -> anyhow::Result<Outcome> {
    let options = BuildOptions {
        corpus: args.corpus.clone(),
        index: index_dir.to_path_buf(),
        max_file_size: parse_size(&args.max_file_size)?,
        threads: args.threads,
        rebuild: args.rebuild,
        wait: args.wait,
        extractors: Extractors {
            money: !args.no_money,
            entities: !args.no_entities,
            topics: !args.no_topics,
        },
    };
    let reporter = ProgressReporter::new(args.quiet || args.json);
    let summary = build_index(&options, &reporter)?;
    drop(reporter);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        print_json(&mut out, &options, &summary)?;
    } else {
        print_human(&options, &summary);
    }
    out.flush()?;
    let problems = summary.skipped.len() + summary.warnings.len();
    if args.strict && problems > 0 {
        return Err(UsageError(format!(
            "--strict: {problems} file(s) skipped or warned about (see above)"
        ))
        .into());
    }
    Ok(if summary.passages > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// The human summary goes to stderr, like the progress it follows.
pub(crate) fn print_human(options: &BuildOptions, s: &BuildSummary) {
    let what = match s.mode {
        BuildMode::Full => format!(
            "built at {}: {} files read",
            options.index.display(),
            s.added
        ),
        BuildMode::Incremental => format!(
            "updated at {}: {} added, {} changed, {} removed, {} unchanged files",
            options.index.display(),
            s.added,
            s.updated,
            s.removed,
            s.unchanged
        ),
        BuildMode::Unchanged => format!(
            "unchanged at {}: all {} files as before",
            options.index.display(),
            s.unchanged
        ),
    };
    eprintln!(
        "index {what} in {:.2}s; it holds {} articles ({} passages) from {} of {} files in {}; \
         {} ignored, {} skipped, {} warnings; {:.1} MB",
        s.elapsed.as_secs_f64(),
        s.articles,
        s.passages,
        s.files_indexed,
        s.files_seen,
        options.corpus.display(),
        s.ignored,
        s.skipped.len(),
        s.warnings.len(),
        s.index_bytes as f64 / 1e6,
    );
}

fn print_json(
    out: &mut dyn Write,
    options: &BuildOptions,
    s: &BuildSummary,
) -> std::io::Result<()> {
    write_record(
        out,
        "summary",
        IndexSummary {
            schema_version: JSON_SCHEMA_VERSION,
            mode: s.mode.as_str(),
            corpus: options.corpus.display().to_string(),
            index: options.index.display().to_string(),
            files_seen: s.files_seen,
            files_indexed: s.files_indexed,
            articles: s.articles,
            passages: s.passages,
            added: s.added,
            updated: s.updated,
            removed: s.removed,
            unchanged: s.unchanged,
            ignored: s.ignored,
            skipped: records(&s.skipped),
            warnings: records(&s.warnings),
            index_bytes: s.index_bytes,
            elapsed_ms: s.elapsed.as_secs_f64() * 1000.0,
        },
    )
}

fn records(list: &[crate::ingest::Skip]) -> Vec<SkipRecord<'_>> {
    list.iter()
        .map(|k| SkipRecord {
            location: shown(&k.location),
            raw_location: RawBytes::of_path(&k.location),
            reason: &k.reason,
        })
        .collect()
}
