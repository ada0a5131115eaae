//! One file per subcommand: each turns flags into settings, calls the
//! library, and hands the results to a printer.

mod batch;
mod entities;
mod export;
mod extract;
mod index;
mod report;
mod search;
mod stats;
mod timeline;

use std::path::PathBuf;

use crate::cli::{Cli, Command};

/// What a successful command found, mapped to exit codes 0 and 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
}

/// An error caused by the user's request rather than by the system; printed
/// without a backtrace-like chain.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// The text `main` prints for a failed command: a [`UsageError`] anywhere in the chain
/// alone (it says what to change; the layers around it only say where it was noticed),
/// any other error with its whole context chain, which says what failed and where.
pub fn error_text(err: &anyhow::Error) -> String {
    match err.chain().find_map(|e| e.downcast_ref::<UsageError>()) {
        Some(usage) => usage.to_string(),
        None => format!("{err:#}"),
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    // Only the default location is built on first use: a folder the user named (flag or
    // $NEWSDEX_INDEX) that holds no index is more likely a typo than a wish for the demo.
    let default_index = cli.index.is_none();
    let index_dir = cli.index.clone().unwrap_or_else(|| PathBuf::from("index"));
    let color = cli.color.resolve();
    match cli.command {
        Command::Index(args) => index::run(args, &index_dir),
        Command::Search(args) => search::run(args, &index_dir, default_index, color),
        Command::Timeline(args) => timeline::run(args, &index_dir, color),
        Command::Report(args) => report::run(args, &index_dir),
        Command::Extract(args) => extract::run(args, color),
        Command::Batch(args) => batch::run(args, &index_dir),
        Command::Export(args) => export::run(args, &index_dir),
        Command::Entities(args) => entities::run(args, &index_dir),
        Command::Stats(args) => stats::run(args, &index_dir),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "newsdex", &mut std::io::stdout());
            Ok(Outcome::Found)
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(command).render(&mut std::io::stdout())?;
            Ok(Outcome::Found)
        }
    }
}

/// Reads sizes like `64MB`, `500k`, `1GiB` or `1048576`.
pub(crate) fn parse_size(text: &str) -> Result<u64, UsageError> {
    let t = text.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.parse().map_err(|_| {
        UsageError(format!(
            "size `{text}` is not a number with an optional unit (k, MB, GB)"
        ))
    })?;
    let factor = match unit.trim() {
        "" | "b" => 1.0,
        "k" | "kb" | "kib" => 1024.0,
        "m" | "mb" | "mib" => 1024.0 * 1024.0,
        "g" | "gb" | "gib" => 1024.0 * 1024.0 * 1024.0,
        other => {
            return Err(UsageError(format!(
                "unknown size unit `{other}` in `{text}` (use k, MB or GB)"
            )))
        }
    };
    Ok((number * factor) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_print_alone_and_others_with_their_chain() {
        let usage = anyhow::Error::new(UsageError("--since is after --until".into()))
            .context("reading the search options");
        assert_eq!(error_text(&usage), "--since is after --until");
        let io = anyhow::Error::new(std::io::Error::other("disk full"))
            .context("writing index/CURRENT.tmp-1");
        assert_eq!(error_text(&io), "writing index/CURRENT.tmp-1: disk full");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64MB").unwrap(), 64 << 20);
        assert_eq!(parse_size("500k").unwrap(), 500 << 10);
        assert_eq!(parse_size("1024").unwrap(), 1024);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }
}
