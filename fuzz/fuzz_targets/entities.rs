//! The shared `EntityExtractor` on an arbitrary UTF-8 string.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdex::extract::entities::EntityExtractor;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;
    let ex = EntityExtractor::shared();
    let mut prev_end = 0;
    for (i, e) in ex.extract(s).iter().enumerate() {
        assert!(e.start < e.end, "entity {i}: empty span {}..{}", e.start, e.end);
        assert!(e.end <= s.len(), "entity {i}: end {} past input ({})", e.end, s.len());
        assert!(
            s.is_char_boundary(e.start) && s.is_char_boundary(e.end),
            "entity {i}: span {}..{} not on char boundaries",
            e.start,
            e.end
        );
        assert!(
            e.start >= prev_end,
            "entity {i} {:?}: span {}..{} overlaps or precedes the previous one (ended {prev_end})",
            e.text,
            e.start,
            e.end
        );
        prev_end = e.end;
        assert_eq!(e.text, &s[e.start..e.end], "entity {i}: text is not input[start..end]");
    }
    let _ = ex.resolve(s);
    let _ = ex.known_in_query(s);
});
