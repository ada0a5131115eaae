//! `score_topics` and `topics_in_query` on an arbitrary UTF-8 string.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::extract::topics::{score_topics, topics_in_query, Topic};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let scores = score_topics(&s);
    for t in Topic::ALL {
        let v = scores.get(t);
        assert!(
            v.is_finite() && (0.0..=1.0).contains(&v),
            "{} score {v} outside [0, 1]",
            t.as_str()
        );
    }
    let _ = topics_in_query(&s);
});
