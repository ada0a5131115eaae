//! `text_blocks` then `split_passages` on an arbitrary UTF-8 string.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::ingest::{split_passages, text_blocks, Article};

#[path = "common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let blocks = text_blocks(&s, 1);
    for b in &blocks {
        assert!(b.line >= 1, "block with line {}", b.line);
    }
    let article = Article {
        id: "fuzz.txt".into(),
        blocks,
        line: 1,
        ..Default::default()
    };
    common::check_passages(&article, &split_passages(&article));
});
