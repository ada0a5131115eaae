//! Numerals and their scales, the part of a mention that says how much.
//!
//! Digits with separators, decimals and newswire fractions (`94,000`, `12,34,567`, `22-1/2`),
//! glued and spaced scales (`$1.2bn`, `750 mln`, `1.2 lakh crore`) and written numbers (`two and
//! a half billion`). Values are computed so that `$1.13bn` is exactly 1130000000.

use super::text::{at, is_digit, is_letter, letters_end, lw, skip_ws, word_at, word_is, Cx};

/// A numeral with its scale: "1.5 billion", "$94,000", "five million".
#[derive(Debug, Clone, Copy)]
pub(super) struct Amount {
    pub(super) end: usize,
    /// numeral × scale.
    pub(super) value: f64,
    /// The numeral alone.
    pub(super) numeral: f64,
    /// The scale (1 when none).
    pub(super) mag: f64,
    pub(super) has_mag: bool,
    /// Digits only: no separators, decimals, fraction or scale.
    pub(super) plain_int: bool,
    pub(super) decimal: bool,
    pub(super) written: bool,
    /// Written as "a million": an article, not a figure.
    pub(super) a_scale: bool,
    pub(super) year_like: bool,
    /// See [`Digits::shifted`].
    pub(super) shifted: Option<(f64, i32)>,
}

impl Amount {
    /// The numeral times another scale ("$10-$15 billion": 10 × 1e9).
    pub(super) fn numeral_times(&self, mag: f64) -> f64 {
        let d = Digits {
            end: self.end,
            value: self.numeral,
            plain: self.plain_int,
            decimal: self.decimal,
            shifted: self.shifted,
        };
        scaled(&d, mag)
    }
}

/// A scale word written after a space: "5 million", "750 mln", "35 lakh".
pub(super) fn spaced_mag(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" | "mn" | "mil" => 1e6,
        "billion" | "bln" | "bn" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
        "crore" | "crores" | "cr" => 1e7,
        _ => return None,
    })
}

/// A scale glued to the digits: "5m", "$1.2bn", "500k", "$1T", "$5mm".
pub(super) fn attached_mag(w: &str) -> Option<f64> {
    Some(match w {
        "k" => 1e3,
        "m" | "mm" => 1e6,
        "b" => 1e9,
        "t" => 1e12,
        _ => return spaced_mag(w),
    })
}

/// The plain scales that can stand alone in vague amounts and hyphenated
/// adjectives ("billion-dollar", "tens of millions").
pub(super) fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" | "thousands" => 1e3,
        "million" | "millions" | "mln" => 1e6,
        "billion" | "billions" | "bln" => 1e9,
        "trillion" | "trillions" => 1e12,
        _ => return None,
    })
}

pub(super) fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

pub(super) fn written_scale(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bln" => 1e9,
        "trillion" => 1e12,
        "lakh" => 1e5,
        "crore" => 1e7,
        _ => return None,
    })
}

pub(super) fn is_number_word(w: &str) -> bool {
    small_number(w).is_some()
        || written_scale(w).is_some()
        || matches!(w, "hundred" | "half" | "quarter" | "quarters" | "a" | "an")
}

/// A figure written in digits.
pub(super) struct Digits {
    pub(super) end: usize,
    pub(super) value: f64,
    /// Digits only: no separators, decimals or fraction.
    pub(super) plain: bool,
    pub(super) decimal: bool,
    /// The digits as a whole number and how many of them follow the decimal
    /// point ("1.13" → (113, 2)); `None` for fractions.
    pub(super) shifted: Option<(f64, i32)>,
}

/// Tokenised text splits decimals: "$ 46 . 8 million". Joined only when a
/// scale word follows, so a sentence ending in a figure is left alone.
pub(super) fn penn_decimal(b: &[u8], d: &mut Digits) {
    let e = d.end;
    if !d.plain || b.get(e..e + 3) != Some(b" . ") || !is_digit(at(b, e + 3)) {
        return;
    }
    let mut f = e + 3;
    while is_digit(at(b, f)) {
        f += 1;
    }
    let k = skip_ws(b, f);
    let scale_follows =
        k > f && word_at(b, k).is_some_and(|(w, _)| spaced_mag(w.as_str()).is_some());
    let places = f - e - 3;
    if !scale_follows || places > 6 {
        return;
    }
    let Some(frac) = std::str::from_utf8(&b[e + 3..f])
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
    else {
        return;
    };
    let p = 10f64.powi(places as i32);
    d.value += frac / p;
    d.shifted = d.shifted.map(|(w, _)| (w * p + frac, places as i32));
    d.end = f;
    d.plain = false;
    d.decimal = true;
}

/// `numeral × mag` computed as one correctly rounded operation where
/// possible, so that "$1.13bn" is exactly 1130000000 and not
/// 1129999999.9999998 in the JSON output.
pub(super) fn scaled(d: &Digits, mag: f64) -> f64 {
    let exp = mag.log10().round() as i32;
    match d.shifted {
        Some((whole, places)) if 10f64.powi(exp) == mag && whole < 9e15 => {
            if exp >= places {
                whole * 10f64.powi(exp - places)
            } else {
                whole / 10f64.powi(places - exp)
            }
        }
        _ => d.value * mag,
    }
}

/// Digits with thousands separators (`94,000`, Indian `12,34,567`, European
/// `1.234.567`), decimals and newswire fractions (`22-1/2`).
pub(super) fn parse_digits(b: &[u8], i: usize) -> Option<Digits> {
    let mut buf = [0u8; 40];
    let mut n = 0;
    let mut push = |c: u8, n: &mut usize| -> bool {
        if *n >= buf.len() {
            return false;
        }
        buf[*n] = c;
        *n += 1;
        true
    };
    let mut j = i;
    while is_digit(at(b, j)) {
        if !push(b[j], &mut n) {
            return None;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    let int_len = j - i;
    let mut plain = true;
    let mut decimal = false;
    // Comma groups of three; Indian style allows groups of two before the last.
    let mut grouped = false;
    loop {
        if at(b, j) != b',' {
            break;
        }
        let mut k = j + 1;
        while is_digit(at(b, k)) {
            k += 1;
        }
        let glen = k - j - 1;
        let ok = (glen == 3 && !is_digit(at(b, k)))
            || (glen == 2 && at(b, k) == b',' && is_digit(at(b, k + 1)));
        if !ok || (!grouped && int_len > 3) {
            break;
        }
        for &c in &b[j + 1..k] {
            if !push(c, &mut n) {
                return None;
            }
        }
        grouped = true;
        plain = false;
        j = k;
    }
    // European dot groups: at least two groups of three ("1.234.567").
    if !grouped && int_len <= 3 && at(b, j) == b'.' {
        let mut k = j;
        let mut groups = 0;
        while at(b, k) == b'.' && (1..=3).all(|d| is_digit(at(b, k + d))) && !is_digit(at(b, k + 4))
        {
            groups += 1;
            k += 4;
        }
        if groups >= 2 {
            for &c in b[j..k].iter().filter(|c| c.is_ascii_digit()) {
                if !push(c, &mut n) {
                    return None;
                }
            }
            plain = false;
            j = k;
            if at(b, j) == b',' && is_digit(at(b, j + 1)) {
                push(b'.', &mut n);
                j += 1;
                while is_digit(at(b, j)) {
                    push(b[j], &mut n);
                    j += 1;
                }
                decimal = true;
            }
        }
    }
    if !decimal && at(b, j) == b'.' && is_digit(at(b, j + 1)) {
        if !push(b'.', &mut n) {
            return None;
        }
        j += 1;
        while is_digit(at(b, j)) {
            if !push(b[j], &mut n) {
                return None;
            }
            j += 1;
        }
        plain = false;
        decimal = true;
    }
    // "1.2.3" or "1,2345": a version or code, not an amount.
    if matches!(at(b, j), b'.' | b',') && is_digit(at(b, j + 1)) {
        return None;
    }
    let text = std::str::from_utf8(&buf[..n]).ok()?;
    let mut value: f64 = text.parse().ok()?;
    // The figure without its decimal point, for exact scaling.
    let frac_digits = text.find('.').map_or(0, |dot| text.len() - dot - 1);
    let mut shifted = if frac_digits > 0 && n <= 16 {
        let mut whole = [0u8; 40];
        let mut m = 0;
        for &c in buf[..n].iter().filter(|c| c.is_ascii_digit()) {
            whole[m] = c;
            m += 1;
        }
        std::str::from_utf8(&whole[..m])
            .ok()
            .and_then(|w| w.parse::<f64>().ok())
            .map(|w| (w, frac_digits as i32))
    } else {
        Some((value, 0))
    };
    // Newswire fractions: "22-1/2 dlrs", "12 1/2 cts".
    if plain && matches!(at(b, j), b'-' | b' ') {
        let k = j + 1;
        let mut e = k;
        while is_digit(at(b, e)) && e - k < 2 {
            e += 1;
        }
        if e > k && at(b, e) == b'/' {
            let mut f = e + 1;
            while is_digit(at(b, f)) && f - e - 1 < 2 {
                f += 1;
            }
            if f > e + 1 && !is_digit(at(b, f)) && !(at(b, f) == b'.' && is_digit(at(b, f + 1))) {
                let num: f64 = std::str::from_utf8(&b[k..e]).ok()?.parse().ok()?;
                let den: f64 = std::str::from_utf8(&b[e + 1..f]).ok()?.parse().ok()?;
                if den >= 2.0 && num < den {
                    value += num / den;
                    shifted = None;
                    plain = false;
                    j = f;
                }
            }
        }
    }
    Some(Digits {
        end: j,
        value,
        plain,
        decimal,
        shifted,
    })
}

/// Written numbers: "five", "twenty-five", "one hundred and fifty",
/// "a million", "half a million", "three quarters billion",
/// "two and a half billion".
pub(super) fn parse_words(b: &[u8], i: usize) -> Option<Amount> {
    let mut total = 0.0;
    let mut cur = 0.0;
    let mut any = false;
    let mut has_mag = false;
    let mut frac: Option<f64> = None;
    let mut a_scale = false;
    let mut article = false;
    let mut last_scale = 1.0;
    let mut end = i;
    let mut j = i;
    while let Some((w, we)) = word_at(b, j) {
        let w = w.as_str();
        // Where the next word would start: one whitespace run or a hyphen.
        let next = if at(b, we) == b'-' && is_letter(at(b, we + 1)) {
            we + 1
        } else {
            skip_ws(b, we)
        };
        let next_word = word_at(b, next).map(|(x, _)| x);
        let next_is = |f: &dyn Fn(&str) -> bool| next_word.is_some_and(|x| f(x.as_str()));
        if let Some(n) = small_number(w) {
            cur += n;
        } else if w == "hundred" {
            cur = if cur == 0.0 { 1.0 } else { cur } * 100.0;
        } else if let Some(m) = written_scale(w) {
            if !any {
                break;
            }
            if has_mag && cur == 0.0 && frac.is_none() && m >= 1e6 && last_scale >= 1e6 {
                // "two million million": a doubled scale is a typo; the first one counts.
            } else if has_mag && frac.is_none() && m > last_scale && last_scale < 1e6 {
                // "a thousand million", "one thousand two hundred million": a larger scale
                // multiplies everything before it. Not after a million or more: "two million
                // and three billion" is two amounts, not a product.
                total = (total + cur) * m;
                last_scale = m;
            } else {
                let base = if cur == 0.0 { 1.0 } else { cur };
                total += base * frac.take().unwrap_or(1.0) * m;
                last_scale = m;
            }
            cur = 0.0;
            has_mag = true;
            if article {
                a_scale = true;
            }
        } else if w == "a" || w == "an" {
            let ok = next_is(&|x| {
                written_scale(x).is_some() || matches!(x, "hundred" | "quarter" | "half")
            });
            if !ok || next == we {
                break;
            }
            cur = if frac.is_some() { 1.0 } else { cur.max(1.0) };
            if !any {
                article = true;
            }
        } else if w == "half" {
            frac = Some(0.5 * if cur == 0.0 { 1.0 } else { cur });
            cur = 0.0;
        } else if w == "quarter" || w == "quarters" {
            frac = Some(0.25 * if cur == 0.0 { 1.0 } else { cur });
            cur = 0.0;
        } else if w == "and" {
            if !any || next == we {
                break;
            }
            // "two and a half million"
            if let Some(e1) = word_is(b, next, "a") {
                let k = skip_ws(b, e1);
                if let Some(e2) = word_is(b, k, "half").filter(|_| k > e1) {
                    cur += 0.5;
                    end = e2;
                    j = skip_ws(b, e2);
                    if j == e2 {
                        break;
                    }
                    continue;
                }
            }
            if !next_is(&|x| is_number_word(x) && !matches!(x, "a" | "an")) {
                break;
            }
            j = next;
            continue;
        } else {
            break;
        }
        any = true;
        end = we;
        if next == we {
            break;
        }
        j = next;
    }
    if !any || (frac.is_some() && !has_mag) {
        return None;
    }
    let value = total + cur;
    if value <= 0.0 {
        return None;
    }
    // "ten million": numeral 10, scale 1e6, so "five to ten million" can
    // carry the scale back to "five".
    Some(Amount {
        end,
        value,
        numeral: value / last_scale,
        mag: last_scale,
        has_mag,
        plain_int: false,
        decimal: false,
        written: true,
        a_scale,
        year_like: false,
        shifted: None,
    })
}

/// A numeral (digits, or words when `words` is set) with its scale.
pub(super) fn parse_amount(cx: &Cx, i: usize, words: bool) -> Option<Amount> {
    let b = cx.b;
    if !is_digit(at(b, i)) {
        return if words && is_letter(at(b, i)) {
            parse_words(b, i)
        } else {
            None
        };
    }
    let mut digits = parse_digits(b, i)?;
    penn_decimal(b, &mut digits);
    let (mut end, numeral, plain, decimal) =
        (digits.end, digits.value, digits.plain, digits.decimal);
    let year_like = plain && end - i == 4 && (1800.0..=2099.0).contains(&numeral);
    let mut mag = 1.0;
    let mut has_mag = false;
    let le = letters_end(b, end);
    if le > end {
        // Glued scale ("5m", "$1.2bn"); other glued letters ("115usd") are
        // left for the currency check.
        if let Some(m) = lw(b, end, le).and_then(|w| attached_mag(w.as_str())) {
            mag = m;
            has_mag = true;
            end = le;
        }
    } else if at(b, end) == b'-' && is_letter(at(b, end + 1)) {
        // "$1.5-billion", "a 240-mln-dlr loan"
        let le = letters_end(b, end + 1);
        if let Some(m) = lw(b, end + 1, le).and_then(|w| match w.as_str() {
            "million" | "mln" | "mn" => Some(1e6),
            "billion" | "bln" | "bn" => Some(1e9),
            "trillion" | "tn" => Some(1e12),
            _ => None,
        }) {
            mag = m;
            has_mag = true;
            end = le;
        }
    }
    // Spaced scales, chained: "5 million", "1.2 lakh crore", "1 thousand million". Two
    // scales of a million or more in a row are a typo in the source ("$4.5bn trillion",
    // "1.143 billion mln stg"), not a product: the first one counts.
    loop {
        let k = skip_ws(b, end);
        if k == end {
            break;
        }
        let Some((w, we)) = word_at(b, k) else { break };
        match spaced_mag(w.as_str()) {
            Some(m) if mag >= 1e6 && m >= 1e6 => end = we,
            Some(m) => {
                mag *= m;
                has_mag = true;
                end = we;
            }
            None => break,
        }
    }
    Some(Amount {
        end,
        value: scaled(&digits, mag),
        numeral,
        mag,
        has_mag,
        plain_int: plain && !has_mag,
        decimal,
        written: false,
        a_scale: false,
        year_like,
        shifted: digits.shifted,
    })
}

#[cfg(test)]
mod tests;
