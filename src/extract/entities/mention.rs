//! What a mention's words say about the name in it: a title or honorific before a person's
//! name ("Mr", "Dr", "President"), a company form after a company's ("Corp", "Inc", "plc"),
//! and words that are never a name on their own ("Corp", "Co", "Mr", "Commission").
//!
//! None of these words belongs to a canonical name: "Mr Blair" and "Tony Blair" are the same
//! person, "AFG Industries INc" and "AFG Industries" the same company. They are evidence of
//! kind, though: an honorific says person, a company form says organization, whatever the
//! tagger guessed.

use super::EntityKind;

/// Honorifics: the name after one is a person's. Compared without a trailing full stop and
/// ignoring ASCII case.
const HONORIFICS: &[&str] = &[
    "dame",
    "dr",
    "herr",
    "lady",
    "lord",
    "messrs",
    "miss",
    "mme",
    "mr",
    "mrs",
    "ms",
    "mssrs",
    "prof",
    "professor",
    "sir",
];

/// Offices and ranks written before a person's name ("President Reagan", "Prime Minister Tony
/// Blair"): cut from the start of a person's name only, since many also begin the names of
/// organizations ("General Motors", "Chancellor Capital").
const ROLES: &[&str] = &[
    "ambassador",
    "archbishop",
    "bishop",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commissioner",
    "congressman",
    "congresswoman",
    "deputy",
    "detective",
    "emperor",
    "executive",
    "father",
    "gen",
    "general",
    "gov",
    "governor",
    "inspector",
    "judge",
    "justice",
    "king",
    "lt",
    "mayor",
    "minister",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "queen",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "vice",
];

/// Company forms after an organization's name. Compared without a trailing full stop (and
/// without the dots of "N.V.") ignoring ASCII case; the two-letter forms that are also
/// ordinary words or abbreviations ("SA", "AG", "NV", "SE") only in capitals.
const LEGAL_FORMS: &[&str] = &[
    "bhd",
    "co",
    "corp",
    "corporation",
    "cos",
    "gmbh",
    "inc",
    "incorporated",
    "kk",
    "limited",
    "llc",
    "llp",
    "lp",
    "ltd",
    "nl",
    "plc",
    "pty",
    "spa",
];

/// Company forms that count only in capitals.
const LEGAL_FORMS_CAPS: &[&str] = &["AG", "BV", "NV", "SA", "SE", "AB", "ASA", "OYJ"];

/// Words that name a kind of body, never one body, when they stand alone: "the Commission",
/// "the Bank". An article that names the body in full lets the document step join them to it
/// (see `super::document`); alone they are dropped.
pub(crate) const GENERIC_HEADS: &[&str] = &[
    "agency",
    "bank",
    "board",
    "commission",
    "committee",
    "company",
    "corporation",
    "council",
    "court",
    "department",
    "exchange",
    "government",
    "group",
    "ministry",
    "party",
    "union",
];

/// Whether `word`, without its dots and ASCII-lowercased, is in `list` (sorted). No word of
/// the lists is longer than 16 bytes, so the key is built on the stack: this runs for the
/// words of every tagger mention.
fn in_list(list: &[&str], word: &str) -> bool {
    let mut buf = [0u8; 16];
    let mut n = 0;
    for b in word.bytes().filter(|&b| b != b'.') {
        if n == buf.len() || !b.is_ascii() {
            return false;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    let key = std::str::from_utf8(&buf[..n]).unwrap_or("");
    list.binary_search(&key).is_ok()
}

/// True for an honorific ("Mr", "Mrs.", "DR").
pub(crate) fn is_honorific(word: &str) -> bool {
    in_list(HONORIFICS, word)
}

/// True for an office or rank written before a name ("President", "Sen.").
fn is_role(word: &str) -> bool {
    in_list(ROLES, word)
}

/// True for a company form ("Inc.", "CORP", "plc", "AG").
pub(crate) fn is_legal_form(word: &str) -> bool {
    let word = word.trim_end_matches(',');
    let caps = LEGAL_FORMS_CAPS
        .iter()
        .any(|f| word.len() <= 2 * f.len() && word.bytes().filter(|&b| b != b'.').eq(f.bytes()));
    caps || in_list(LEGAL_FORMS, word)
}

/// True for a word that is a kind of body rather than a name ("Commission").
pub(crate) fn is_generic_head(word: &str) -> bool {
    in_list(GENERIC_HEADS, word)
}

/// True for a word that is never a name on its own: a company form, an honorific or an
/// office.
pub(crate) fn is_bare_word(word: &str) -> bool {
    is_legal_form(word) || is_honorific(word) || is_role(word)
}

/// A tagger mention after its words have been read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cleaned {
    /// Bytes of honorifics cut from the start of the surface text ("Mr " of "Mr Blair").
    pub(crate) skip: usize,
    /// The canonical name: no title, no company form, whitespace collapsed.
    pub(crate) canonical: String,
    /// The kind, corrected by an honorific (person) or a company form (organization).
    pub(crate) kind: EntityKind,
    /// True when an honorific or a company form decided the kind.
    pub(crate) sure: bool,
}

/// Reads a tagger mention (see the module docs). `None` when nothing of a name is left ("Corp",
/// "Mr", "Ltd.") or the name is a single letter.
pub(crate) fn clean(surface: &str, kind: EntityKind) -> Option<Cleaned> {
    let words: Vec<(usize, &str)> = surface
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - surface.as_ptr() as usize, w))
        .collect();
    let mut first = 0;
    let mut last = words.len();
    let mut kind = kind;
    // Honorifics: the span starts after them and the mention is a person.
    let mut skip = 0;
    let mut sure = false;
    while first + 1 < last && is_honorific(words[first].1) {
        first += 1;
        skip = words[first].0;
        kind = EntityKind::Person;
        sure = true;
    }
    // A company form at the end: an organization, named without it.
    let mut company = false;
    while first + 1 < last && is_legal_form(words[last - 1].1) {
        last -= 1;
        company = true;
        // "Smith Barney, Harris Upham and Co": the joining word goes too.
        while first + 1 < last && matches!(words[last - 1].1, "&" | "and" | "And") {
            last -= 1;
        }
    }
    if company {
        kind = EntityKind::Organization;
        sure = true;
    }
    if kind == EntityKind::Person {
        while first + 1 < last && (is_role(words[first].1) || is_honorific(words[first].1)) {
            first += 1;
        }
    }
    if last - first == 1 && is_bare_word(words[first].1) {
        return None;
    }
    let mut canonical = String::with_capacity(surface.len());
    for (k, (_, w)) in words[first..last].iter().enumerate() {
        if k > 0 {
            canonical.push(' ');
        }
        canonical.push_str(w);
    }
    let canonical = canonical.trim_end_matches(',').to_string();
    if canonical.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return None;
    }
    Some(Cleaned {
        skip,
        canonical,
        kind,
        sure,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [HONORIFICS, ROLES, LEGAL_FORMS, GENERIC_HEADS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    fn cleaned(surface: &str, kind: EntityKind) -> Option<(String, EntityKind, usize)> {
        clean(surface, kind).map(|c| (c.canonical, c.kind, c.skip))
    }

    #[test]
    fn titles_and_honorifics_are_not_part_of_a_name() {
        use EntityKind::*;
        assert_eq!(
            cleaned("Mr Blair", Person),
            Some(("Blair".into(), Person, 3))
        );
        assert_eq!(
            cleaned("Mrs. Thatcher", Place),
            Some(("Thatcher".into(), Person, 5))
        );
        assert_eq!(
            cleaned("Dr Jeremy Philpott", Person),
            Some(("Jeremy Philpott".into(), Person, 3))
        );
        assert_eq!(
            cleaned("Prime Minister Tony Blair", Person),
            Some(("Tony Blair".into(), Person, 0))
        );
        assert_eq!(
            cleaned("President Reagan", Person),
            Some(("Reagan".into(), Person, 0))
        );
        // An office begins some companies' names: only a person's is cut.
        assert_eq!(
            cleaned("General Motors", Organization),
            Some(("General Motors".into(), Organization, 0))
        );
    }

    #[test]
    fn company_forms_say_organization_and_stay_out_of_the_name() {
        use EntityKind::*;
        for (surface, name) in [
            ("AFG Industries INc", "AFG Industries"),
            ("Chrysler Corp", "Chrysler"),
            ("Chrysler Corp.", "Chrysler"),
            ("Barclays PLC", "Barclays"),
            ("Volkswagen AG", "Volkswagen"),
            ("Texaco Inc,", "Texaco"),
            (
                "Smith Barney, Harris Upham and Co",
                "Smith Barney, Harris Upham",
            ),
        ] {
            assert_eq!(
                cleaned(surface, Person),
                Some((name.into(), Organization, 0)),
                "{surface}"
            );
        }
        // Two letters in lowercase are not a company form.
        assert_eq!(cleaned("Jean Sa", Person).unwrap().0, "Jean Sa");
    }

    #[test]
    fn a_bare_form_or_title_is_never_an_entity() {
        for s in [
            "Corp",
            "Co",
            "Ltd.",
            "Inc",
            "Mr",
            "Mr.",
            "President",
            "P",
            "AG",
        ] {
            for kind in EntityKind::ALL {
                assert_eq!(cleaned(s, kind), None, "{s} {kind:?}");
            }
        }
    }
}
