//! Build progress on stderr with indicatif: a bar when stderr is a terminal,
//! nothing otherwise (or under `--quiet`). Warnings and skips are printed above
//! the bar as they happen, naming the file and the reason.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::index::Reporter;
use crate::ingest::{path_text, Skip};

/// The binary's [`Reporter`].
pub struct ProgressReporter {
    bar: ProgressBar,
    /// Print per-file warnings (off under `--quiet`).
    warnings: bool,
    /// What the bar says is going on ("indexing").
    label: &'static str,
    /// The bar counts passages instead of bytes of files.
    passages: bool,
}

impl ProgressReporter {
    /// A reporter that shows a bar only on a terminal and not when `quiet`.
    pub fn new(quiet: bool) -> ProgressReporter {
        ProgressReporter::labelled(quiet, "indexing", false)
    }

    /// A reporter whose bar says `label`, counting the bytes of the files read or, with
    /// `passages`, the passages done (its `start` and `file_done` then take passages).
    pub fn labelled(quiet: bool, label: &'static str, passages: bool) -> ProgressReporter {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if quiet || !std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        ProgressReporter {
            bar,
            warnings: !quiet,
            label,
            passages,
        }
    }

    fn note(&self, kind: &str, skip: &Skip) {
        if self.warnings {
            self.bar.suspend(|| {
                eprintln!(
                    "newsdex: {kind} {}: {}",
                    path_text::shown(&skip.location),
                    skip.reason
                )
            });
        }
    }
}

impl Reporter for ProgressReporter {
    fn start(&self, files: u64, bytes: u64) {
        self.bar.set_length(bytes);
        let (counts, what) = if self.passages {
            ("{human_pos}/{human_len}", "passages".to_string())
        } else {
            ("{bytes}/{total_bytes}", format!("{files} files"))
        };
        let template = format!(
            "{{spinner}} {} [{{bar:30}}] {counts} {{msg}} ({{eta}})",
            self.label
        );
        self.bar.set_style(
            ProgressStyle::with_template(&template)
                .expect("the template is valid")
                .progress_chars("=> "),
        );
        self.bar.set_message(what);
    }

    fn file_done(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn skipped(&self, skip: &Skip) {
        self.note("skipped", skip);
    }

    fn warning(&self, warning: &Skip) {
        self.note("warning:", warning);
    }

    fn finishing(&self) {
        self.bar.set_message("committing");
    }
}

impl Drop for ProgressReporter {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// A reporter that shows nothing (tests, library use).
pub struct SilentReporter;

impl Reporter for SilentReporter {
    fn start(&self, _: u64, _: u64) {}
    fn file_done(&self, _: u64) {}
    fn skipped(&self, _: &Skip) {}
    fn warning(&self, _: &Skip) {}
    fn finishing(&self) {}
}
