//! `parse_file(Format::Text, ..)` then `split_passages` on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::ingest::Format;

#[path = "common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::parse_and_check(Format::Text, data, "fuzz.txt");
});
