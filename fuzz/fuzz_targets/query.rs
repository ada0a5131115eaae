//! `parse_query` on an arbitrary UTF-8 string: Ok, or Err with a column inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::search::parse_query;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    if let Err(err) = parse_query(&s) {
        let chars = s.chars().count();
        assert!(
            err.column >= 1 && err.column <= chars + 1,
            "column {} outside 1..={} for {s:?} ({})",
            err.column,
            chars + 1,
            err.message
        );
    }
});
