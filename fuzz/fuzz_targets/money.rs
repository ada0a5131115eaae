//! `find_money` and `parse_amount_filter` on an arbitrary UTF-8 string.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::extract::money::{find_money, parse_amount_filter};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;
    let mut prev_end = 0;
    for (i, m) in find_money(s).iter().enumerate() {
        assert!(m.start < m.end, "mention {i}: empty span {}..{}", m.start, m.end);
        assert!(m.end <= s.len(), "mention {i}: end {} past input ({})", m.end, s.len());
        assert!(
            s.is_char_boundary(m.start) && s.is_char_boundary(m.end),
            "mention {i}: span {}..{} not on char boundaries",
            m.start,
            m.end
        );
        assert!(
            m.start >= prev_end,
            "mention {i}: span {}..{} overlaps or precedes the previous one (ended {prev_end})",
            m.start,
            m.end
        );
        prev_end = m.end;
        assert_eq!(m.text, &s[m.start..m.end], "mention {i}: text is not input[start..end]");
        assert!(
            m.value.is_finite() && m.value >= 0.0,
            "mention {i} {:?}: value {}",
            m.text,
            m.value
        );
        for (what, bound) in [("low", m.low), ("high", m.high)] {
            if let Some(v) = bound {
                assert!(v.is_finite() && v >= 0.0, "mention {i} {:?}: {what} {v}", m.text);
            }
        }
    }
    if let Ok((v, _)) = parse_amount_filter(s) {
        assert!(v.is_finite() && v >= 0.0, "parse_amount_filter({s:?}) = {v}");
    }
});
