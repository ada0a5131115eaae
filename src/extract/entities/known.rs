//! The curated table of known entities (`known.tsv`) and the matcher that finds its aliases in
//! text, in queries and in single names.
//!
//! The table is what makes "AWS", "Amazon Web Services" and "Amazon's cloud unit" one entity, and
//! what knows that Azure belongs to Microsoft. Matching finds every candidate (ASCII
//! case-insensitive, overlapping), checks each for word boundaries and for case, and keeps the
//! leftmost-longest. In running text candidates are looked for only at word starts whose first
//! two bytes begin some alias (the case rules below fix the first byte); a query is scanned at
//! every byte with looser case rules.
//!
//! Case rules for text, chosen to keep common words from matching:
//! * an alias written all in capitals ("AWS", "FTC", "U.S.") matches only in capitals, so "us"
//!   is never the United States;
//! * any other alias must match its first letter's case exactly and may differ in case after it:
//!   "Apple" and "APPLE" (a headline) match, "apple" does not; "xAI" needs its lowercase x.
//!
//! In queries people type lowercase, so every alias of three or more letters matches in any case
//! ("aws", "azure"); aliases of one or two letters ("US", "EU", "UK") still need capitals.
//! [`KnownTable::resolve`] takes a single name, so it ignores case entirely.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

use super::tokens::possessive_at;
use super::EntityKind;
use crate::extract::prefix::{PatternSet, Scan};

/// The table as shipped, embedded in the binary.
pub(crate) const KNOWN_TSV: &str = include_str!("known.tsv");

/// One row of the table.
#[derive(Debug)]
pub(crate) struct KnownEntity {
    /// The canonical name, as written in the first column.
    pub(crate) canonical: String,
    pub(crate) kind: EntityKind,
    /// Row index of the parent, if any.
    pub(crate) parent: Option<usize>,
}

/// How an alias must match its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Byte for byte: all-capital aliases.
    Exact,
    /// First letter exact, the rest ASCII case-insensitive.
    FirstLetter,
}

/// One alias pattern.
#[derive(Debug)]
struct Pattern {
    entity: usize,
    case: CaseRule,
    /// Aliases with at most two letters need exact case even in queries.
    short: bool,
}

/// What [`KnownTable::find_with`] is matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Running text, scanned at word starts.
    Text,
    /// A search query (looser case rules).
    Query,
    /// Running text through the automaton over every byte: the reference the word-start scan
    /// is tested against.
    #[cfg_attr(not(test), allow(dead_code))]
    TextByAutomaton,
}

/// The entity index of blocking patterns (rows of kind `-`).
const BLOCKED: usize = usize::MAX;

/// A known-table match in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KnownMatch {
    pub(crate) start: usize,
    /// End of the match, including a trailing corporate suffix ("Corp."), excluding a
    /// possessive.
    pub(crate) end: usize,
    pub(crate) entity: usize,
}

/// The loaded table and its matchers.
pub(crate) struct KnownTable {
    pub(crate) entities: Vec<KnownEntity>,
    /// What each alias pattern means; pattern `i` is `aliases.pattern(i)`.
    patterns: Vec<Pattern>,
    /// The aliases as written (each apostrophe variant its own pattern), ASCII
    /// case-insensitive (an automaton is built only for a query longer than 512 bytes).
    aliases: PatternSet,
    /// Every alias's first byte exactly as written with its second byte ASCII-lowercased, as a
    /// bit set over the 65,536 pairs (see [`KnownTable::may_start`]).
    starts: Vec<u64>,
    /// Normalised (see [`normalize_name`]) alias or canonical name → row.
    by_name: HashMap<String, usize>,
}

/// Company-form suffixes that may follow an organization's name. They are included in the
/// mention's span ("Microsoft Corp.") but never change which entity it is.
pub(crate) const CORPORATE_SUFFIXES: &[&str] = &[
    " Corporation",
    " Corp.",
    " Corp",
    " Incorporated",
    ", Inc.",
    " Inc.",
    " Inc",
    " Ltd.",
    " Ltd",
    " Limited",
    " LLC",
    " plc",
    " PLC",
    " Co.",
    " AG",
    " SE",
];

/// Errors in the table file, with the line they are on.
#[derive(Debug)]
pub(crate) struct TableError(pub(crate) String);

impl KnownTable {
    /// Parses the TSV table: `canonical<TAB>kind<TAB>parent<TAB>aliases`, aliases separated by
    /// `|`; `#` starts a comment line; blank lines are skipped. Parents must be defined on an
    /// earlier or later row (resolved after reading everything).
    pub(crate) fn parse(tsv: &str) -> Result<KnownTable, TableError> {
        let mut entities = Vec::new();
        let mut parents: Vec<(usize, String, usize)> = Vec::new();
        // Borrowed from `tsv` until the patterns are laid out: a one-off search builds this
        // table, so it allocates as little as it can.
        let mut aliases: Vec<(&str, usize)> = Vec::with_capacity(2048);
        let mut by_name = HashMap::with_capacity_and_hasher(4096, Default::default());
        for (lineno, line) in tsv.lines().enumerate() {
            let lineno = lineno + 1;
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 || cols.len() > 4 {
                return Err(TableError(format!(
                    "known.tsv line {lineno}: expected 2 to 4 tab-separated columns"
                )));
            }
            let canonical = cols[0].trim();
            if cols[1].trim() == "-" {
                // A blocking row: its aliases shadow shorter matches and yield nothing.
                for a in cols.get(3).into_iter().flat_map(|a| a.split('|')) {
                    let a = a.trim();
                    if !a.is_empty() {
                        aliases.push((a, BLOCKED));
                    }
                }
                continue;
            }
            let kind = EntityKind::parse(cols[1].trim()).ok_or_else(|| {
                TableError(format!(
                    "known.tsv line {lineno}: unknown kind {:?}",
                    cols[1]
                ))
            })?;
            let row = entities.len();
            if by_name.insert(normalize_name(canonical), row).is_some() {
                return Err(TableError(format!(
                    "known.tsv line {lineno}: {canonical:?} is already defined"
                )));
            }
            if let Some(p) = cols.get(2).map(|p| p.trim()).filter(|p| !p.is_empty()) {
                parents.push((row, p.to_string(), lineno));
            }
            aliases.push((canonical, row));
            for a in cols.get(3).into_iter().flat_map(|a| a.split('|')) {
                let a = a.trim();
                if !a.is_empty() {
                    aliases.push((a, row));
                }
            }
            entities.push(KnownEntity {
                canonical: canonical.to_string(),
                kind,
                parent: None,
            });
        }
        for (row, parent, lineno) in parents {
            let p = *by_name.get(&normalize_name(&parent)).ok_or_else(|| {
                TableError(format!(
                    "known.tsv line {lineno}: unknown parent {parent:?}"
                ))
            })?;
            entities[row].parent = Some(p);
        }
        // A parent chain must end; a cycle would make `ancestors` loop.
        for start in 0..entities.len() {
            let mut seen = 0;
            let mut at = entities[start].parent;
            while let Some(p) = at {
                seen += 1;
                if seen > entities.len() {
                    return Err(TableError(format!(
                        "known.tsv: parent cycle through {:?}",
                        entities[start].canonical
                    )));
                }
                at = entities[p].parent;
            }
        }

        let mut patterns = Vec::with_capacity(aliases.len() + 16);
        let mut pattern_text = String::with_capacity(32 * 1024);
        let mut pattern_at: Vec<(u32, u32)> = Vec::with_capacity(aliases.len() + 16);
        // Pattern texts already laid out: aliases borrowed, curly-apostrophe variants owned.
        let mut seen_texts: HashSet<Cow<str>> =
            HashSet::with_capacity_and_hasher(4096, Default::default());
        let mut seen_alias: HashMap<String, usize> =
            HashMap::with_capacity_and_hasher(4096, Default::default());
        let mut key = String::new();
        for (alias, row) in aliases {
            normalize_name_into(alias, &mut key);
            if row != BLOCKED && !by_name.contains_key(&key) {
                by_name.insert(key.clone(), row);
            }
            match seen_alias.get(&key) {
                Some(&other) if other != row => {
                    let name = |r: usize| {
                        entities
                            .get(r)
                            .map_or("a blocking row", |e: &KnownEntity| e.canonical.as_str())
                            .to_string()
                    };
                    return Err(TableError(format!(
                        "known.tsv: alias {alias:?} names both {:?} and {:?}",
                        name(other),
                        name(row)
                    )));
                }
                Some(_) => {}
                None => {
                    seen_alias.insert(key.clone(), row);
                }
            }
            let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
            let all_caps = letters > 0 && !alias.chars().any(|c| c.is_lowercase());
            let case = if all_caps {
                CaseRule::Exact
            } else {
                CaseRule::FirstLetter
            };
            // Curly and straight apostrophes are both common in news text.
            let curly = alias
                .contains('\'')
                .then(|| Cow::Owned(alias.replace('\'', "\u{2019}")));
            for v in std::iter::once(Cow::Borrowed(alias)).chain(curly) {
                if seen_texts.contains(v.as_ref()) {
                    continue;
                }
                patterns.push(Pattern {
                    entity: row,
                    case,
                    short: letters <= 2,
                });
                let start = pattern_text.len() as u32;
                pattern_text.push_str(&v);
                pattern_at.push((start, pattern_text.len() as u32));
                seen_texts.insert(v);
            }
        }
        let mut starts = vec![0u64; (1 << 16) / 64];
        let mut set = |pair: usize| starts[pair / 64] |= 1 << (pair % 64);
        for &(a, b) in &pattern_at {
            match &pattern_text.as_bytes()[a as usize..b as usize] {
                [] => {}
                [a] => (0..256).for_each(|b| set(usize::from(*a) << 8 | b)),
                [a, b, ..] => set(usize::from(*a) << 8 | usize::from(b.to_ascii_lowercase())),
            }
        }
        Ok(KnownTable {
            entities,
            patterns,
            aliases: PatternSet::from_buffer(pattern_text, pattern_at, true),
            starts,
            by_name,
        })
    }

    /// Finds known entities in running text: ordered, non-overlapping, leftmost-longest.
    pub(crate) fn find(&self, text: &str, out: &mut Vec<KnownMatch>) {
        self.find_with(text, Source::Text, out);
    }

    /// Finds known entities in a search query, where case is looser (see the module docs).
    pub(crate) fn find_in_query(&self, text: &str, out: &mut Vec<KnownMatch>) {
        self.find_with(text, Source::Query, out);
    }

    fn find_with(&self, text: &str, source: Source, out: &mut Vec<KnownMatch>) {
        out.clear();
        let query = source == Source::Query;
        let bytes = text.as_bytes();
        let mut check = |s: usize, e: usize, id: usize| {
            // Aho-Corasick matches bytes; a pattern never starts or ends inside a char because
            // patterns are valid UTF-8, but check anyway so slicing can never panic.
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                return;
            }
            if !at_word_boundary(text, s, e) {
                return;
            }
            let p = &self.patterns[id];
            let ok = if query {
                !p.short || self.exact_alias(id, &bytes[s..e])
            } else {
                match p.case {
                    CaseRule::Exact => self.exact_alias(id, &bytes[s..e]),
                    CaseRule::FirstLetter => {
                        let first_text = text[s..].chars().next();
                        let first_pat = self.aliases.pattern(id).chars().next();
                        first_text == first_pat
                    }
                }
            };
            if ok {
                out.push(KnownMatch {
                    start: s,
                    end: e,
                    entity: p.entity,
                });
            }
        };
        if query {
            self.aliases.for_each_match(text, Scan::Query, check);
        } else if cfg!(test) && source == Source::TextByAutomaton {
            self.aliases.for_each_match(text, Scan::Passage, check);
        } else {
            // In running text an alias starts at a word start, with its first byte exactly as
            // written (both case rules keep the first letter's case): only word starts whose
            // first two bytes begin some alias are tried, and there only the aliases sharing
            // those bytes are compared. Same matches as the automaton over every byte
            // (`word_start_scan_matches_the_automaton_on_random_text`).
            for s in 0..bytes.len() {
                if (s == 0 || !bytes[s - 1].is_ascii_alphanumeric()) && self.may_start(bytes, s) {
                    self.aliases.matches_at(text, s, Scan::Passage, &mut check);
                }
            }
        }
        // Leftmost-longest among the valid candidates.
        out.sort_unstable_by_key(|m| (m.start, usize::MAX - m.end));
        let mut kept = 0;
        let mut last_end = 0;
        for k in 0..out.len() {
            let m = out[k];
            if kept > 0 && m.start < last_end {
                continue;
            }
            out[kept] = m;
            kept += 1;
            last_end = m.end;
        }
        out.truncate(kept);
        out.retain(|m| m.entity != BLOCKED);
        if !query {
            for k in 0..out.len() {
                if self.entities[out[k].entity].kind != EntityKind::Organization {
                    continue;
                }
                let limit = out.get(k + 1).map_or(text.len(), |n| n.start);
                let rest = &text[out[k].end..limit];
                let whole_word = |s: &str| {
                    s.ends_with('.') || !rest[s.len()..].starts_with(|c: char| c.is_alphanumeric())
                };
                if let Some(suf) = CORPORATE_SUFFIXES
                    .iter()
                    .find(|s| rest.starts_with(*s) && whole_word(s))
                {
                    out[k].end += suf.len();
                }
            }
        }
    }

    /// Whether an alias may start at `bytes[s]` in running text: its first byte exactly, its
    /// second in any ASCII case.
    #[inline]
    fn may_start(&self, bytes: &[u8], s: usize) -> bool {
        let second = bytes.get(s + 1).map_or(0, u8::to_ascii_lowercase);
        let pair = usize::from(bytes[s]) << 8 | usize::from(second);
        self.starts[pair / 64] & (1 << (pair % 64)) != 0
    }

    fn exact_alias(&self, id: usize, found: &[u8]) -> bool {
        self.aliases.pattern(id).as_bytes() == found
    }

    /// Row of a name (alias or canonical), ignoring case, spacing, a possessive and a corporate
    /// suffix.
    pub(crate) fn lookup(&self, name: &str) -> Option<usize> {
        // Called for every entity of every passage while indexing: no allocation per call.
        thread_local! {
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        static SUFFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
            CORPORATE_SUFFIXES
                .iter()
                .map(|s| normalize_name(s))
                .collect()
        });
        KEY.with(|cell| {
            let mut fresh = String::new();
            let mut guard = cell.try_borrow_mut();
            let key = match guard.as_deref_mut() {
                Ok(k) => k,
                Err(_) => &mut fresh,
            };
            normalize_name_into(name, key);
            if let Some(&r) = self.by_name.get(key.as_str()) {
                return Some(r);
            }
            for suf in SUFFIXES.iter() {
                if let Some(stripped) = key.strip_suffix(suf.as_str()) {
                    let stripped = stripped.trim_end_matches(',').trim_end();
                    if let Some(&r) = self.by_name.get(stripped) {
                        return Some(r);
                    }
                }
            }
            key.strip_prefix("the ")
                .and_then(|k| self.by_name.get(k))
                .copied()
        })
    }
}

/// True when `[s, e)` is not glued to letters or digits on either side.
pub(crate) fn at_word_boundary(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !glued(before) && !glued(after)
}

/// The form names are compared in: lowercase, straight apostrophes, single spaces, no trailing
/// possessive.
pub(crate) fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    normalize_name_into(name, &mut out);
    out
}

/// [`normalize_name`] into a reused buffer.
pub(crate) fn normalize_name_into(name: &str, out: &mut String) {
    out.clear();
    for w in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            let start = out.len();
            out.push_str(w);
            out[start..].make_ascii_lowercase();
            continue;
        }
        for c in w.chars() {
            if c == '\u{2019}' {
                out.push('\'');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    if let Some(p) = possessive_at(out, out.len().saturating_sub(2)) {
        if p == out.len() && out.len() > 2 {
            out.truncate(out.len() - 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;

    /// Up to `max_parts` random parts: a junk piece (one in three), else an alias of `table`
    /// lowercased, uppercased or as written (the last for `cases - 2` of `cases` draws).
    fn random_text(
        table: &KnownTable,
        rng: &mut XorShift,
        pieces: &[&str],
        max_parts: usize,
        cases: usize,
    ) -> String {
        let mut text = String::new();
        for _ in 0..rng.below(max_parts) + 1 {
            if rng.below(3) == 0 {
                text.push_str(pieces[rng.below(pieces.len())]);
                continue;
            }
            let alias = table.aliases.pattern(rng.below(table.aliases.len()));
            match rng.below(cases) {
                0 => text.push_str(&alias.to_lowercase()),
                1 => text.push_str(&alias.to_uppercase()),
                _ => text.push_str(alias),
            }
        }
        text
    }

    /// Queries scanned through the prefix index (no automaton) get exactly the matches the
    /// automaton gives, on random mixes of aliases in random case, near-misses and junk.
    #[test]
    fn query_scan_matches_the_automaton_on_random_text() {
        let scanned = KnownTable::parse(KNOWN_TSV).expect("embedded table parses");
        let built = KnownTable::parse(KNOWN_TSV).expect("embedded table parses");
        built.aliases.automaton();
        let pieces = [
            " ", ", ", "'s ", "-", ".", "é", "\u{2019}", " Corp.", " the ", "x",
        ];
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..3000 {
            let text = random_text(&scanned, &mut rng, &pieces, 6, 3);
            scanned.find_in_query(&text, &mut a);
            built.find_in_query(&text, &mut b);
            assert_eq!(a, b, "{text:?}");
        }
        assert!(
            !scanned.aliases.has_automaton(),
            "the scan never built the automaton"
        );
    }

    /// Running text scanned at word starts gets exactly the matches of the automaton over
    /// every byte, on random mixes of aliases in random case, glued letters and junk.
    #[test]
    fn word_start_scan_matches_the_automaton_on_random_text() {
        let table = KnownTable::parse(KNOWN_TSV).expect("embedded table parses");
        let pieces = [
            " ", ", ", "'s ", "-", ".", "é", "\u{2019}", " Corp.", " the ", "x", "1", "\n", "ü",
        ];
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let mut found = 0;
        for _ in 0..5000 {
            let text = random_text(&table, &mut rng, &pieces, 8, 4);
            table.find_with(&text, Source::Text, &mut a);
            table.find_with(&text, Source::TextByAutomaton, &mut b);
            assert_eq!(a, b, "{text:?}");
            found += a.len();
        }
        assert!(found > 1000, "the texts hold matches: {found}");
    }
}
