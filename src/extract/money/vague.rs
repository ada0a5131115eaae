//! Vague amounts: `tens of billions of dollars`, `several billion dollars`,
//! `multibillion-dollar`.
//!
//! They take the smallest value the words allow and need a currency word after them:
//! `hundreds of millions` alone could be users or shares.

use super::currency::{apply, suffix_cur, word_cur, Cur, CurKind};
use super::mention::Found;
use super::number::{scale_word, written_scale, Amount};
use super::text::{at, skip_ws, word_at, word_is, Cx};

/// A fake amount for vague phrases, so word guards treat them as large.
pub(super) const VAGUE_AMOUNT: Amount = Amount {
    end: 0,
    value: 1e9,
    numeral: 1.0,
    mag: 1e9,
    has_mag: true,
    plain_int: false,
    decimal: false,
    written: true,
    a_scale: false,
    year_like: false,
    shifted: None,
};

/// Currency after a vague phrase: a word or a code, never a bare symbol.
pub(super) fn vague_cur(cx: &Cx, j: usize, start: usize) -> Option<Cur> {
    let a = Amount {
        end: j,
        ..VAGUE_AMOUNT
    };
    suffix_cur(cx, &a, start, false)
}

/// "tens of billions of dollars", "billions of dollars", "several billion
/// dollars", "a few million euros", "multibillion-dollar",
/// "billion-dollar".
pub(super) fn parse_vague(cx: &Cx, i: usize) -> Option<Found> {
    let b = cx.b;
    let (w, we) = word_at(b, i)?;
    let w = w.as_str();
    // multibillion-dollar, multi-million pound
    if let Some(rest) = w.strip_prefix("multi") {
        let (scale, se) = if rest.is_empty() {
            if at(b, we) != b'-' {
                return None;
            }
            let (w2, e2) = word_at(b, we + 1)?;
            (scale_word(w2.as_str())?, e2)
        } else {
            (scale_word(rest)?, we)
        };
        let cur = if at(b, se) == b'-' {
            word_cur(cx, se + 1, &VAGUE_AMOUNT, i, false)?
        } else {
            let k = skip_ws(b, se);
            if k == se {
                return None;
            }
            word_cur(cx, k, &VAGUE_AMOUNT, i, false)?
        };
        let v = apply(scale, cur.factor);
        return Some(Found::vague(i, cur.end, cur.iso, v, v));
    }
    // billion-dollar
    if let Some(scale) = scale_word(w).filter(|_| at(b, we) == b'-') {
        if matches!(w, "million" | "billion" | "trillion") {
            let cur = word_cur(cx, we + 1, &VAGUE_AMOUNT, i, false)?;
            let v = apply(scale, cur.factor);
            return Some(Found::vague(i, cur.end, cur.iso, v, v));
        }
        return None;
    }
    let of_after = |e: usize| -> Option<usize> {
        let k = skip_ws(b, e);
        let e2 = word_is(b, k, "of").filter(|_| k > e)?;
        let n = skip_ws(b, e2);
        (n > e2).then_some(n)
    };
    let mult = match w {
        "tens" => Some(10.0),
        "hundreds" => Some(100.0),
        "thousands" => Some(1e3),
        "millions" => Some(1e6),
        "billions" => Some(1e9),
        "trillions" => Some(1e12),
        _ => None,
    };
    if let Some(mut mult) = mult {
        let mut k = of_after(we)?;
        if matches!(w, "tens" | "hundreds") {
            if let Some((w2, e2)) = word_at(b, k) {
                if let Some(s) = scale_word(w2.as_str()) {
                    mult *= s;
                    k = of_after(e2)?;
                }
            }
        }
        let cur = vague_cur(cx, k, i).filter(|c| c.kind != CurKind::Symbol)?;
        let v = apply(mult * cur.mag, cur.factor);
        return Some(Found::vague(i, cur.end, cur.iso, v, v));
    }
    // several / a few / a couple of
    let mut k = skip_ws(b, we);
    if k == we {
        return None;
    }
    let count = match w {
        "several" => 3.0,
        "a" => {
            let (w2, e2) = word_at(b, k)?;
            let count = match w2.as_str() {
                "few" => 3.0,
                "couple" => 2.0,
                _ => return None,
            };
            let n = skip_ws(b, e2);
            if n == e2 {
                return None;
            }
            k = n;
            if count == 2.0 {
                let e3 = word_is(b, k, "of")?;
                k = skip_ws(b, e3);
                if k == e3 {
                    return None;
                }
            }
            count
        }
        _ => return None,
    };
    let mut base = 1.0;
    let mut j = k;
    let mut last = None;
    while let Some((w2, e2)) = word_at(b, j) {
        let m = match w2.as_str() {
            "hundred" => 1e2,
            other => match written_scale(other) {
                Some(m) => m,
                None => break,
            },
        };
        base *= m;
        last = Some(e2);
        let n = skip_ws(b, e2);
        if n == e2 {
            break;
        }
        j = n;
    }
    let cur = match last {
        Some(e) => vague_cur(cx, e, i)?,
        None => word_cur(cx, k, &VAGUE_AMOUNT, i, false)?,
    };
    let value = apply(count * base * cur.mag, cur.factor);
    // "a couple of" is about two: no bound. "several" and "a few" are more
    // than two.
    let low = (count != 2.0).then(|| apply(2.0 * base * cur.mag, cur.factor));
    Some(Found {
        low,
        ..Found::vague(i, cur.end, cur.iso, value, value)
    })
}

#[cfg(test)]
mod tests {
    use crate::extract::money::tests::{approx, none};

    #[test]
    fn vague_amounts() {
        approx(
            "tens of billions of dollars",
            "tens of billions of dollars",
            1e10,
            Some(1e10),
            None,
        );
        approx(
            "hundreds of millions of euros",
            "hundreds of millions of euros",
            1e8,
            Some(1e8),
            None,
        );
        approx(
            "billions of dollars in fees",
            "billions of dollars",
            1e9,
            Some(1e9),
            None,
        );
        approx(
            "millions of U.S. dollars",
            "millions of U.S. dollars",
            1e6,
            Some(1e6),
            None,
        );
        approx(
            "thousands of dollars",
            "thousands of dollars",
            1e3,
            Some(1e3),
            None,
        );
        approx(
            "several billion dollars",
            "several billion dollars",
            3e9,
            Some(2e9),
            None,
        );
        approx(
            "several hundred million dollars",
            "several hundred million dollars",
            3e8,
            Some(2e8),
            None,
        );
        approx(
            "a few million euros",
            "a few million euros",
            3e6,
            Some(2e6),
            None,
        );
        approx(
            "a multibillion-dollar deal",
            "multibillion-dollar",
            1e9,
            Some(1e9),
            None,
        );
        approx(
            "a multi-million pound scandal",
            "multi-million pound",
            1e6,
            Some(1e6),
            None,
        );
        approx(
            "a billion-dollar company",
            "billion-dollar",
            1e9,
            Some(1e9),
            None,
        );
        approx(
            "a trillion-dollar market",
            "trillion-dollar",
            1e12,
            Some(1e12),
            None,
        );
    }

    #[test]
    fn vague_amounts_need_a_currency() {
        none("hundreds of millions of users");
        none("It has billions of downloads.");
        none("several billion devices");
        none("tens of thousands of jobs");
    }
}
