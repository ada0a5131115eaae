//! Text normalisation before matching: lowercase, with curly quotes, Unicode dashes and odd
//! spaces mapped to ASCII so one spelling of each phrase is enough.

/// Lowercases `text` into `out`, mapping curly quotes, Unicode dashes and odd spaces to
/// their ASCII forms so one spelling of each pattern is enough. With `offsets`, also records
/// for every byte of `out` (and one past its end) the byte of `text` it came from.
pub(super) fn normalise_into(text: &str, out: &mut String, mut offsets: Option<&mut Vec<usize>>) {
    out.clear();
    if offsets.is_none() && text.is_ascii() {
        // The common case, and a vectorised one: offsets are unchanged by ASCII lowercasing.
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    out.reserve(text.len());
    if let Some(o) = offsets.as_deref_mut() {
        o.clear();
    }
    for (i, c) in text.char_indices() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => {
                    out.push('\'')
                }
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => {
                    out.push('"')
                }
                '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
                    out.push('-')
                }
                '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                    out.push(' ')
                }
                // Soft hyphens and zero-width characters sit inside words; dropping them keeps
                // the word whole.
                '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
                _ => out.extend(c.to_lowercase()),
            }
        }
        if let Some(o) = offsets.as_deref_mut() {
            o.resize(out.len(), i);
        }
    }
    if let Some(o) = offsets {
        o.push(text.len());
    }
}
