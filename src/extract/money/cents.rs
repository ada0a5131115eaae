//! Cents written after whole units: `3 dollars 50 cents`, `15 dollars 50.`
//!
//! They are folded into the amount only when the word `cents` follows or the cents end the
//! clause, so `$4.25 and 32 is the count` stays $4.25.

use super::currency::Cur;
use super::number::{parse_digits, parse_words, Amount};
use super::tables::NO_CENTS;
use super::text::{at, is_digit, skip_ws, word_at, word_is, Cx};

/// Cents written after whole units: "3 dollars 50 cents",
/// "thirteen dollars and forty-five cents", "15 dollars 50.", "c $ 100 and
/// fifty". Without the word "cents", the figure must be spelled out or the
/// currency must have come after the number, and the cents must end the
/// clause: "$4.25 and 32 is the quantity" is two things.
pub(super) fn cents_after(
    cx: &Cx,
    end: usize,
    a: &Amount,
    cur: &Cur,
    suffix_form: bool,
) -> Option<(usize, f64)> {
    let b = cx.b;
    if cur.factor != 1.0 || cur.mag != 1.0 || a.has_mag || !(a.plain_int || a.written) {
        return None;
    }
    if NO_CENTS.contains(&cur.iso) {
        return None;
    }
    let mut k = skip_ws(b, end);
    if k == end {
        return None;
    }
    if let Some(e) = word_is(b, k, "and") {
        let n = skip_ws(b, e);
        if n == e {
            return None;
        }
        k = n;
    }
    let (ce, cents, written) = if is_digit(at(b, k)) {
        let d = parse_digits(b, k)?;
        if !d.plain || d.end - k > 2 {
            return None;
        }
        (d.end, d.value, false)
    } else {
        let w = parse_words(b, k)?;
        if w.has_mag {
            return None;
        }
        (w.end, w.value, true)
    };
    if !(1.0..100.0).contains(&cents) {
        return None;
    }
    let k2 = skip_ws(b, ce);
    if let Some((w, we)) = word_at(b, k2) {
        if matches!(w.as_str(), "cent" | "cents" | "cts") {
            return Some((we, cents / 100.0));
        }
    }
    if !(suffix_form || written) {
        return None;
    }
    let c = at(b, ce);
    let clause_end = ce == b.len()
        || matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b')')
        || (k2 > ce && word_is(b, k2, "more").is_some());
    if !clause_end {
        return None;
    }
    Some((ce, cents / 100.0))
}

#[cfg(test)]
mod tests {
    use crate::extract::money::tests::{check, found};

    #[test]
    fn dollars_and_cents_together() {
        check(
            "It cost 3 dollars 50 cents.",
            "3 dollars 50 cents",
            "USD",
            3.5,
        );
        check(
            "only thirteen dollars and forty-five cents",
            "thirteen dollars and forty-five cents",
            "USD",
            13.45,
        );
        check(
            "only thirteen dollars forty five",
            "thirteen dollars forty five",
            "USD",
            13.45,
        );
        check("It costs 15 dollars 50.", "15 dollars 50", "USD", 15.5);
        check(
            "It costs 15 dollars and 15.",
            "15 dollars and 15",
            "USD",
            15.15,
        );
        check("up to 17 USD 25.", "17 USD 25", "USD", 17.25);
        check("10 $ 30 cent", "10 $ 30 cent", "USD", 10.3);
        check(
            "I owe c $ 100 and fifty.",
            "c $ 100 and fifty",
            "CAD",
            100.5,
        );
    }

    #[test]
    fn trailing_figures_that_are_not_cents() {
        check("Price is $4.25 and 32 is the count.", "$4.25", "USD", 4.25);
        check("It is 500 USD,100 times more.", "500 USD", "USD", 500.0);
        check("10 turkish lira 1111-2222", "10 turkish lira", "TRY", 10.0);
        assert_eq!(
            found("50 dollar 40 rmb"),
            vec![
                ("50 dollar".into(), "USD", 50.0),
                ("40 rmb".into(), "CNY", 40.0)
            ]
        );
        check(
            "He paid 15 dollars and 20 shares.",
            "15 dollars",
            "USD",
            15.0,
        );
        check("the price: 15 yen 50.", "15 yen", "JPY", 15.0);
    }
}
