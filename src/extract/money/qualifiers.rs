//! Hedging words around an exact figure: `about`, `more than`, `up to`, `or more`, `$5bn+`.
//!
//! They make the amount approximate and set the bound they imply. They are read from the words
//! around the mention but are not part of its span.

use super::mention::Found;
use super::text::{at, phrase_ends_at, phrase_starts_at, skip_ws, skip_ws_back, Cx};
use super::MoneyKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Qual {
    Approx,
    Low,
    High,
}

/// Words before an amount that hedge it. Longer phrases come first so that
/// "no more than" is not read as "more than".
pub(super) const PRE_QUALIFIERS: &[(&str, Qual)] = &[
    ("no more than", Qual::High),
    ("not more than", Qual::High),
    ("no less than", Qual::Low),
    ("not less than", Qual::Low),
    ("a maximum of", Qual::High),
    ("a minimum of", Qual::Low),
    ("in excess of", Qual::Low),
    ("upwards of", Qual::Low),
    ("upward of", Qual::Low),
    ("greater than", Qual::Low),
    ("more than", Qual::Low),
    ("at least", Qual::Low),
    ("as little as", Qual::Low),
    ("as low as", Qual::Low),
    ("starting at", Qual::Low),
    ("starting from", Qual::Low),
    ("starts at", Qual::Low),
    ("start at", Qual::Low),
    ("north of", Qual::Low),
    ("exceeding", Qual::Low),
    ("over", Qual::Low),
    ("above", Qual::Low),
    ("as much as", Qual::High),
    ("as high as", Qual::High),
    ("at most", Qual::High),
    ("up to", Qual::High),
    ("less than", Qual::High),
    ("shy of", Qual::High),
    ("nearly", Qual::High),
    ("almost", Qual::High),
    ("under", Qual::High),
    ("below", Qual::High),
    ("an estimated", Qual::Approx),
    ("approximately", Qual::Approx),
    ("approx.", Qual::Approx),
    ("approx", Qual::Approx),
    ("close to", Qual::Approx),
    ("roughly", Qual::Approx),
    ("around", Qual::Approx),
    ("about", Qual::Approx),
    ("circa", Qual::Approx),
    ("some", Qual::Approx),
    ("estimated", Qual::Approx),
    ("~", Qual::Approx),
];

/// Words right after an amount that hedge it.
pub(super) const POST_QUALIFIERS: &[(&str, Qual)] = &[
    ("or more", Qual::Low),
    ("or higher", Qual::Low),
    ("or above", Qual::Low),
    ("or over", Qual::Low),
    ("and up", Qual::Low),
    ("and above", Qual::Low),
    ("or less", Qual::High),
    ("or lower", Qual::High),
    ("or under", Qual::High),
    ("or so", Qual::Approx),
];

pub(super) fn pre_qualifier(b: &[u8], start: usize) -> Option<Qual> {
    let e = skip_ws_back(b, start);
    PRE_QUALIFIERS.iter().find_map(|&(p, q)| {
        // A word must be followed by whitespace; "~" may touch the figure.
        let spaced = e < start || !p.ends_with(|c: char| c.is_ascii_alphabetic());
        (spaced && phrase_ends_at(b, e, p)).then_some(q)
    })
}

pub(super) fn post_qualifier(b: &[u8], end: usize) -> Option<Qual> {
    // Glued: "$5bn+", "$5bn-plus".
    if at(b, end) == b'+' {
        return Some(Qual::Low);
    }
    if at(b, end) == b'-' && phrase_starts_at(b, end + 1, "plus").is_some() {
        return Some(Qual::Low);
    }
    let k = skip_ws(b, end);
    if k == end {
        return None;
    }
    POST_QUALIFIERS
        .iter()
        .find_map(|&(p, q)| phrase_starts_at(b, k, p).map(|_| q))
}

/// Applies hedging words around an exact figure.
pub(super) fn qualify(cx: &Cx, mut f: Found) -> Found {
    if f.kind != MoneyKind::Exact {
        return f;
    }
    let q = pre_qualifier(cx.b, f.start).or_else(|| post_qualifier(cx.b, f.end));
    if let Some(q) = q {
        f.kind = MoneyKind::Approximate;
        match q {
            Qual::Approx => {}
            Qual::Low => f.low = Some(f.value),
            Qual::High => f.high = Some(f.value),
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use crate::extract::money::tests::{approx, one};
    use crate::extract::money::MoneyKind;

    #[test]
    fn exact_amounts_have_no_bounds() {
        let m = one("It paid $50bn.");
        assert_eq!((m.kind, m.low, m.high), (MoneyKind::Exact, None, None));
        assert_eq!(m.value, 5e10);
    }

    #[test]
    fn hedges_before_the_amount() {
        approx(
            "sales of about $13 billion",
            "$13 billion",
            1.3e10,
            None,
            None,
        );
        approx("roughly €4m", "€4m", 4e6, None, None);
        approx("around 20 mln dlrs", "20 mln dlrs", 2e7, None, None);
        approx(
            "approximately £15 million",
            "£15 million",
            1.5e7,
            None,
            None,
        );
        approx("lost some $2bn", "$2bn", 2e9, None, None);
        approx("an estimated $5 million", "$5 million", 5e6, None, None);
        approx("more than $5bn", "$5bn", 5e9, Some(5e9), None);
        approx("over $1m", "$1m", 1e6, Some(1e6), None);
        approx("at least $3m", "$3m", 3e6, Some(3e6), None);
        approx("in excess of\n$3m", "$3m", 3e6, Some(3e6), None);
        approx("up to $500 billion", "$500 billion", 5e11, None, Some(5e11));
        approx("as much as $2bn", "$2bn", 2e9, None, Some(2e9));
        approx("nearly $2bn", "$2bn", 2e9, None, Some(2e9));
        approx("almost $2bn", "$2bn", 2e9, None, Some(2e9));
        approx("less than $1m", "$1m", 1e6, None, Some(1e6));
        approx("under $1m", "$1m", 1e6, None, Some(1e6));
        approx("no more than $1m", "$1m", 1e6, None, Some(1e6));
        approx(
            "(approximately £ 15 million)",
            "£ 15 million",
            1.5e7,
            None,
            None,
        );
        approx("Prices start at $299.", "$299", 299.0, Some(299.0), None);
    }

    #[test]
    fn hedges_after_the_amount() {
        approx("$5bn or more", "$5bn", 5e9, Some(5e9), None);
        approx("$5bn+ in deals", "$5bn", 5e9, Some(5e9), None);
        approx("a $5bn-plus deal", "$5bn", 5e9, Some(5e9), None);
        approx("$5bn or so", "$5bn", 5e9, None, None);
        approx("$5bn or less", "$5bn", 5e9, None, Some(5e9));
    }
}
