//! Ranges: `$10-$15 billion`, `10-15 mln dlrs`, `between $1m and $2m`.
//!
//! A range takes the low end as value, with both bounds; the scale of the second figure carries
//! back to the first, and a change (`rose from $10m to $20m`) is not a range.

use super::currency::{apply, prefix_cur, suffix_cur, Cur};
use super::mention::Found;
use super::number::{parse_amount, Amount};
use super::text::{at, is_digit, is_letter, prev_word_in, skip_ws, word_at, Cx};
use super::MoneyKind;

/// Words after which "X to Y" is a change, not a range.
pub(super) const CHANGE_WORDS: &[&str] = &[
    "from",
    "by",
    "rose",
    "rise",
    "rises",
    "rising",
    "fell",
    "fall",
    "falls",
    "falling",
    "up",
    "down",
    "gained",
    "lost",
    "added",
    "jumped",
    "climbed",
    "dropped",
    "slipped",
    "increased",
    "decreased",
    "raised",
    "cut",
    "lowered",
    "boosted",
    "trimmed",
    "grew",
    "declined",
    "slid",
];

/// Where a range separator after `j` leads to, if the text continues as a
/// range: `-`, `–`, `to`, or `and` after "between".
pub(super) fn range_sep(cx: &Cx, j: usize, start: usize) -> Option<usize> {
    let b = cx.b;
    let k = skip_ws(b, j);
    let dash = if at(b, k) == b'-' && at(b, k + 1) != b'-' {
        Some(k + 1)
    } else if b
        .get(k..k + 3)
        .is_some_and(|s| s == "–".as_bytes() || s == "—".as_bytes())
    {
        Some(k + 3)
    } else {
        None
    };
    if let Some(d) = dash {
        return Some(skip_ws(b, d));
    }
    if k == j {
        return None;
    }
    let (w, we) = word_at(b, k)?;
    let after = skip_ws(b, we);
    if after == we {
        return None;
    }
    match w.as_str() {
        // "from $10m to $20m", "by $5m to $10m" and "rose $2 to $50" are
        // a change between two amounts.
        "to" if !prev_word_in(b, start, CHANGE_WORDS) => Some(after),
        "and" if prev_word_in(b, start, &["between"]) => Some(after),
        _ => None,
    }
}

/// A range continuing after the first amount `a` (which starts at `start`,
/// after the prefix currency `pc` if any).
pub(super) fn range_after(cx: &Cx, start: usize, a: &Amount, pc: Option<Cur>) -> Option<Found> {
    let b = cx.b;
    let k = range_sep(cx, a.end, start)?;
    let pc2 = prefix_cur(cx, k).filter(|c| is_digit(at(b, skip_ws(b, c.end))));
    if let (Some(p1), Some(p2)) = (pc, pc2) {
        if p1.iso != p2.iso {
            return None;
        }
    }
    let kb = pc2.map_or(k, |c| skip_ws(b, c.end));
    let second = parse_amount(cx, kb, a.written && pc2.is_none())?;
    // "$10-$15 billion": the scale of the second figure carries back.
    let low = if !a.has_mag && second.has_mag {
        a.numeral_times(second.mag)
    } else if a.plain_int
        && !second.has_mag
        && b[..second.end].ends_with(b",000")
        && a.value * 10.0 < second.value
        && a.value * 1000.0 < second.value
    {
        // "$50-100,000" is fifty to a hundred thousand.
        a.value * 1000.0
    } else {
        a.value
    };
    let high = second.value;
    if low >= high {
        return None;
    }
    let (cur, end) = match pc.or(pc2) {
        Some(c) => {
            // The second figure borrows the first's currency; it must not
            // run on into a count ("$10 to 15 employees").
            if pc2.is_none() && !second.has_mag {
                let n = skip_ws(b, second.end);
                if let Some((w, _)) = word_at(b, n).filter(|_| n > second.end) {
                    if !matches!(
                        w.as_str(),
                        "a" | "an" | "per" | "each" | "for" | "in" | "and" | "or"
                    ) {
                        return None;
                    }
                }
                if is_letter(at(b, second.end)) || at(b, second.end) == b'%' {
                    return None;
                }
            }
            (c, second.end)
        }
        None => {
            let c = suffix_cur(cx, &second, kb, true)?;
            (c, c.end)
        }
    };
    let (low, high) = (
        apply(low * cur.mag, cur.factor),
        apply(high * cur.mag, cur.factor),
    );
    Some(Found {
        kind: MoneyKind::Range,
        low: Some(low),
        high: Some(high),
        ..Found::exact(start, end, cur.iso, low)
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::money::tests::{check, close, found, one};
    use crate::extract::money::MoneyKind;

    #[track_caller]
    fn range(text: &str, span: &str, low: f64, high: f64) {
        let m = one(text);
        assert_eq!(m.text, span, "span in {text:?}");
        assert_eq!(m.kind, MoneyKind::Range, "kind in {text:?}");
        assert!(close(m.value, low), "value {} in {text:?}", m.value);
        assert!(close(m.low.unwrap(), low), "low in {text:?}");
        assert!(close(m.high.unwrap(), high), "high in {text:?}");
    }

    #[test]
    fn ranges() {
        range("a cost of $10-$15 billion", "$10-$15 billion", 1e10, 1.5e10);
        range("a cost of $10-15 billion", "$10-15 billion", 1e10, 1.5e10);
        range("valued at $10bn to $20bn", "$10bn to $20bn", 1e10, 2e10);
        range("between $1m and $2m a year", "$1m and $2m", 1e6, 2e6);
        range("seen at 10-15 mln dlrs", "10-15 mln dlrs", 1e7, 1.5e7);
        range("worth 10 to 15 mln dlrs", "10 to 15 mln dlrs", 1e7, 1.5e7);
        range("a 3–5 billion euros plan", "3–5 billion euros", 3e9, 5e9);
        range(
            "between 1.4 mln and 14.6 mln dlrs",
            "1.4 mln and 14.6 mln dlrs",
            1.4e6,
            14.6e6,
        );
        range(
            "three to five billion dlrs",
            "three to five billion dlrs",
            3e9,
            5e9,
        );
        range("salaries of $50-100,000", "$50-100,000", 5e4, 1e5);
        range("15-20 cts a share", "15-20 cts", 0.15, 0.2);
    }

    #[test]
    fn changes_are_not_ranges() {
        assert_eq!(
            found("Sales rose from $10m to $15m."),
            vec![("$10m".into(), "USD", 1e7), ("$15m".into(), "USD", 1.5e7)]
        );
        assert_eq!(found("It cut costs by $5m to $3m.").len(), 2);
        check("a $ 70 - a - share bid", "$ 70", "USD", 70.0);
        check(
            "in 1986 to 15.995 billion dlrs",
            "15.995 billion dlrs",
            "USD",
            15.995e9,
        );
        check("paid $10 to 15 employees", "$10", "USD", 10.0);
        assert_eq!(
            found("Shares rose $2 to $50."),
            vec![("$2".into(), "USD", 2.0), ("$50".into(), "USD", 50.0)]
        );
        check("the 1986-87 budget of 5 mln dlrs", "5 mln dlrs", "USD", 5e6);
    }
}
