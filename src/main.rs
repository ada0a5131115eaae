//! The `newsdex` binary: parse arguments, run the command, map the outcome to
//! an exit code (0 found, 1 nothing found, 2 error).

use std::process::ExitCode;

use clap::Parser;
use newsdex::cli::Cli;
use newsdex::commands::{error_text, run, Outcome};

/// mimalloc instead of the system allocator: indexing and batch queries allocate many small,
/// short-lived strings and boxes across threads (measured in the commit that added it).
///
/// Built with libmimalloc-sys's `no_thp` feature: mimalloc otherwise asks for transparent huge
/// pages on its arenas, and the kernel then zeroes 2 MiB at the first touch of each one even
/// where a few KiB are used. Without them, indexing the peer corpus took 2.10 instead of
/// 2.35 s and 151 instead of 207 MiB (alternating runs), and a one-off search 0.3 ms less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `purge_delay` option (`mi_option_purge_delay` in mimalloc.h; the Rust bindings
/// have no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Keep freed memory instead of handing it back to the OS after a second: the indexer's
    // threads free and reallocate hundreds of megabytes, and every page handed back came back
    // as a fresh page for the kernel to zero (page faults on the peer corpus 2,300 -> 600,
    // indexing 4% faster). Peak memory is the same: it is the most ever in use.
    // Set here, before any other thread exists, it overrides MIMALLOC_PURGE_DELAY.
    // SAFETY: sets one integer option of the allocator; no thread is reading it yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Found) => ExitCode::from(0),
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(0),
        Err(err) => {
            eprintln!("newsdex: error: {}", error_text(&err));
            ExitCode::from(2)
        }
    }
}

/// `newsdex search x | head` closing the pipe early is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
