//! Newswire result tables: `Shr 52 cts vs 47`, `Net 1.28 billion dlrs vs 551.7 mln`.
//!
//! The figure after `vs` has no unit of its own and takes the first one's.

use super::currency::{apply, suffix_cur};
use super::mention::Found;
use super::number::parse_amount;
use super::text::{at, is_digit, is_letter, skip_ws, word_at, word_is, Cx};

/// Newswire result tables compare with "vs" and drop the unit the second
/// time: "Shr 52 cts vs 47", "Net 1.28 billion dlrs vs 551.7 mln". The
/// second figure takes the first one's currency, factor and (for small bare
/// figures) scale.
pub(super) fn versus_follow(cx: &Cx, f: &Found) -> Option<Found> {
    let b = cx.b;
    if !f.single {
        return None;
    }
    let k = skip_ws(b, f.end);
    if k == f.end {
        return None;
    }
    let mut e = word_is(b, k, "vs")?;
    if at(b, e) == b'.' {
        e += 1;
    }
    let mut n = skip_ws(b, e);
    if n == e {
        return None;
    }
    if let Some((w, we)) = word_at(b, n) {
        if !matches!(w.as_str(), "profit" | "loss") {
            return None;
        }
        let m = skip_ws(b, we);
        if m == we {
            return None;
        }
        n = m;
    }
    if !is_digit(at(b, n)) {
        return None;
    }
    let a = parse_amount(cx, n, false)?;
    // With its own unit the normal scan reads it; "vs 5 pct" is no money.
    if suffix_cur(cx, &a, n, true).is_some() {
        return None;
    }
    let c = at(b, a.end);
    if c == b'%' || is_letter(c) {
        return None;
    }
    let k2 = skip_ws(b, a.end);
    if k2 > a.end {
        if let Some((w, _)) = word_at(b, k2) {
            let lower_ok = matches!(
                w.as_str(),
                "in" | "a" | "the" | "for" | "last" | "year" | "prior" | "previous" | "and" | "or"
            );
            if !(b[k2].is_ascii_uppercase() || lower_ok) {
                return None;
            }
        }
    }
    let mag = if a.has_mag || a.value >= 1000.0 {
        1.0
    } else {
        f.mag
    };
    let value = apply(a.value * mag, f.factor);
    Some(Found {
        factor: f.factor,
        mag: a.mag,
        single: false,
        ..Found::exact(n, a.end, f.iso, value)
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::money::find_money;
    use crate::extract::money::tests::{check, close, found};

    #[test]
    fn versus_tables_carry_the_unit_over() {
        assert_eq!(
            found("Shr 52 cts vs 47\n    Net 1.28 billion dlrs vs 551.7 mln\n"),
            vec![
                ("52 cts".into(), "USD", 0.52),
                ("47".into(), "USD", 0.47),
                ("1.28 billion dlrs".into(), "USD", 1.28e9),
                ("551.7 mln".into(), "USD", 551.7e6),
            ]
        );
        check(
            "Revs 12.3 mln dlrs vs 11.1 pct",
            "12.3 mln dlrs",
            "USD",
            12.3e6,
        );
        let m = find_money("Sales 9.1 mln dlrs vs 8.2 in the year");
        assert_eq!(m.len(), 2);
        assert!(close(m[1].value, 8.2e6));
        assert_eq!(found("Shr loss 34 cts vs loss 58 cts").len(), 2);
    }
}
