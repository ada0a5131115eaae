//! The entity names of an index: each canonical name with its kind, in a small file beside the
//! tantivy files of a generation (`entity-names.tsv`).
//!
//! The `entity` field indexes names lowercased, for search; `newsdex entities` and `stats` want
//! the name as written ("OpenAI") and its kind. Recording that per passage (a facet per mention)
//! cost the indexer about a tenth of its time, while the facts are per *name*: a few thousand
//! lines, written once per build. The file may list names no passage holds any more (after an
//! incremental update deleted them); readers start from the `entity` field's terms, so such
//! names are never shown.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

use anyhow::Context;

use crate::extract::entities::document::Tie;
use crate::extract::entities::{EntityExtractor, EntityKind};
use crate::extract::EntityFact;

/// File name inside a generation folder.
const FILE: &str = "entity-names.tsv";

/// Canonical names (case kept) → mentions per kind, gathered while indexing. The counts decide
/// which spelling is shown when a name is written several ways ("Reuter", "REUTER") and which
/// kind a name has when the tagger gave it several; being sums, they do not depend on the order
/// threads finish in. After incremental updates they are approximate (deleted passages still
/// count).
#[derive(Debug, Default)]
pub struct EntityNames {
    names: HashMap<String, [u64; 4]>,
    /// (short form, full name) → mentions an article joined that way ("Blair" → "Tony Blair").
    ties: HashMap<(String, String), u64>,
}

/// First column of a tie line in the file (never a kind, so older readers skip the line).
const TIE: &str = "same";

impl EntityNames {
    /// Records the entities of one passage.
    pub fn add(&mut self, entities: &[EntityFact]) {
        for e in entities {
            let Some(kind) = EntityKind::parse(&e.kind) else {
                continue;
            };
            match self.names.get_mut(&e.canonical) {
                Some(counts) => counts[kind as usize] += 1,
                None => {
                    let mut counts = [0; 4];
                    counts[kind as usize] = 1;
                    self.names.insert(e.canonical.clone(), counts);
                }
            }
        }
    }

    /// Records the ties an article made between short forms and full names.
    pub fn add_ties(&mut self, ties: &[Tie]) {
        for tie in ties {
            match self.ties.get_mut(tie) {
                Some(n) => *n += 1,
                None => {
                    self.ties.insert(tie.clone(), 1);
                }
            }
        }
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: EntityNames) {
        for (name, counts) in other.names {
            let mine = self.names.entry(name).or_default();
            for (m, c) in mine.iter_mut().zip(counts) {
                *m += c;
            }
        }
        for (tie, n) in other.ties {
            *self.ties.entry(tie).or_default() += n;
        }
    }

    /// Reads a generation's names; an index without the file has none. Lines that cannot be
    /// read are skipped (the file only decides how names are shown).
    pub fn load(dir: &Path) -> anyhow::Result<EntityNames> {
        let path = dir.join(FILE);
        let raw = match std::fs::read(&path) {
            Ok(raw) => raw,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let mut names = EntityNames::default();
        for line in String::from_utf8_lossy(&raw).lines() {
            if let Some(rest) = line.strip_prefix(TIE).and_then(|r| r.strip_prefix('\t')) {
                let mut cols = rest.splitn(3, '\t');
                if let (Some(Ok(n)), Some(short), Some(full)) =
                    (cols.next().map(str::parse::<u64>), cols.next(), cols.next())
                {
                    *names
                        .ties
                        .entry((short.to_string(), full.to_string()))
                        .or_default() += n;
                }
                continue;
            }
            let mut cols = line.splitn(3, '\t');
            let (Some(kind), Some(count), Some(name)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let (Some(kind), Ok(count)) = (EntityKind::parse(kind), count.parse::<u64>()) else {
                continue;
            };
            names.names.entry(name.to_string()).or_default()[kind as usize] += count;
        }
        Ok(names)
    }

    /// Writes the names into `dir` through a temporary file and a rename, so a reader never
    /// sees half a file. One line per name and kind: `kind TAB mentions TAB name`; then one
    /// per tie: `same TAB mentions TAB short form TAB full name`.
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let mut sorted: Vec<(&String, &[u64; 4])> = self.names.iter().collect();
        sorted.sort_unstable();
        let mut out = String::with_capacity(self.names.len() * 32);
        for (name, counts) in sorted {
            // A name never holds a tab or newline (whitespace is collapsed when extracted),
            // but a line that could not be read back is not written.
            if name.contains(['\t', '\n', '\r']) {
                continue;
            }
            for (kind, &count) in EntityKind::ALL.iter().zip(counts) {
                if count > 0 {
                    out.push_str(kind.as_str());
                    out.push('\t');
                    out.push_str(&count.to_string());
                    out.push('\t');
                    out.push_str(name);
                    out.push('\n');
                }
            }
        }
        let mut ties: Vec<(&Tie, &u64)> = self.ties.iter().collect();
        ties.sort_unstable();
        for ((short, full), n) in ties {
            if short.contains(['\t', '\n', '\r']) || full.contains(['\t', '\n', '\r']) {
                continue;
            }
            out.push_str(&format!("{TIE}\t{n}\t{short}\t{full}\n"));
        }
        let tmp = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&tmp, out).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, dir.join(FILE))
            .with_context(|| format!("moving {} into place", tmp.display()))?;
        Ok(())
    }

    /// Lowercased name (as the `entity` field holds it) → (kind, name shown), with the names
    /// the table or the articles tie together shown as one:
    ///
    /// * spellings that differ in case are one name, shown the way it was written most often
    ///   (ties: the first in sort order);
    /// * a name the curated table knows under another canonical name is shown as that name
    ///   ("Moody's Investors Service" as "Moody's", if the table says so);
    /// * a short form that articles tied to one full name at least two times in three ("Blair"
    ///   → "Tony Blair") is shown as the full name, also where an article gave no full name,
    ///   if that full name is a person's or a tenth of the short form's mentions were tied;
    /// * the kind is the table's when the table knows the name, else the kind most of the
    ///   mentions of every name shown as one had (ties: the first in [`EntityKind::ALL`]).
    fn by_lowercase(self) -> HashMap<String, (EntityKind, String)> {
        let extractor = EntityExtractor::shared();
        // Spellings → one entry per lowercased name: (mentions, spelling), kind counts.
        let mut groups: HashMap<String, ((u64, String), [u64; 4])> = HashMap::default();
        for (name, counts) in self.names {
            let total: u64 = counts.iter().sum();
            let lower = name.to_lowercase();
            let g = groups
                .entry(lower)
                .or_insert_with(|| ((0, String::new()), [0; 4]));
            if (total, std::cmp::Reverse(&name)) > (g.0 .0, std::cmp::Reverse(&g.0 .1)) {
                g.0 = (total, name);
            }
            for (a, b) in g.1.iter_mut().zip(counts) {
                *a += b;
            }
        }
        // Where each lowercased name is shown: the table's canonical name, else the full name
        // articles tie it to.
        let mut tied: HashMap<String, (u64, HashMap<String, u64>)> = HashMap::default();
        for ((short, full), n) in self.ties {
            let t = tied.entry(short.to_lowercase()).or_default();
            t.0 += n;
            *t.1.entry(full).or_default() += n;
        }
        let mut target: HashMap<String, String> = HashMap::default();
        for lower in groups.keys() {
            if let Some(canonical) = extractor.resolve(lower) {
                if canonical.to_lowercase() != *lower {
                    target.insert(lower.clone(), canonical.to_string());
                }
                continue;
            }
            if let Some((total, fulls)) = tied.get(lower) {
                let best = fulls
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)));
                if let Some((full, &n)) = best {
                    let mentions: u64 = groups[lower].1.iter().sum();
                    let person = groups.get(&full.to_lowercase()).is_some_and(|g| {
                        g.1[EntityKind::Person as usize] * 2 > g.1.iter().sum::<u64>()
                    });
                    // A surname stands for the person articles give in full; another short
                    // form only when a tenth of its mentions were tied at all.
                    if n * 3 >= total * 2
                        && (person || total * 10 >= mentions)
                        && full.to_lowercase() != *lower
                    {
                        target.insert(lower.clone(), full.clone());
                    }
                }
            }
        }
        // Kind counts of each shown name, merged names included.
        let mut shown_counts: HashMap<String, [u64; 4]> = HashMap::default();
        for (lower, (_, counts)) in &groups {
            let to = target
                .get(lower)
                .map_or_else(|| lower.clone(), |t| t.to_lowercase());
            let c = shown_counts.entry(to).or_default();
            for (a, b) in c.iter_mut().zip(counts) {
                *a += b;
            }
        }
        let kind_of = |shown_lower: &str, shown: &str| -> EntityKind {
            if let Some(k) = extractor.kind_of(shown) {
                return k;
            }
            let counts = shown_counts.get(shown_lower).copied().unwrap_or_default();
            let mut best = 0;
            for k in 1..counts.len() {
                if counts[k] > counts[best] {
                    best = k;
                }
            }
            EntityKind::ALL[best]
        };
        let mut out = HashMap::default();
        for (lower, ((_, spelling), _)) in &groups {
            let shown = match target.get(lower) {
                Some(t) => groups
                    .get(&t.to_lowercase())
                    .map_or_else(|| t.clone(), |g| g.0 .1.clone()),
                None => spelling.clone(),
            };
            let shown_lower = shown.to_lowercase();
            out.insert(lower.clone(), (kind_of(&shown_lower, &shown), shown));
        }
        out
    }

    /// True when no name was recorded.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// How the `entity` field's terms (names lowercased) are shown: as written, with a kind.
pub struct NameDisplay {
    by_lowercase: HashMap<String, (EntityKind, String)>,
}

impl NameDisplay {
    /// Reads the names file of the generation in `dir`.
    pub fn load(dir: &Path) -> anyhow::Result<NameDisplay> {
        Ok(NameDisplay {
            by_lowercase: EntityNames::load(dir)?.by_lowercase(),
        })
    }

    /// The kind and written form of a term: from the names file, else from the curated table
    /// (a parent no passage names itself, like Microsoft for an Azure passage; organization
    /// when the table gives no kind); `None` when neither knows it.
    pub fn get(&self, lower: &str) -> Option<(EntityKind, String)> {
        if let Some(known) = self.by_lowercase.get(lower) {
            return Some(known.clone());
        }
        let extractor = crate::extract::entities::EntityExtractor::shared();
        let name = extractor.resolve(lower)?;
        let kind = extractor.kind_of(name).unwrap_or(EntityKind::Organization);
        Some((kind, name.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(name: &str, kind: &str) -> EntityFact {
        EntityFact {
            text: name.to_string(),
            kind: kind.to_string(),
            canonical: name.to_string(),
        }
    }

    #[test]
    fn names_round_trip_through_the_file_and_keep_their_case() {
        let dir = tempfile::tempdir().unwrap();
        let mut names = EntityNames::default();
        names.add(&[fact("OpenAI", "organization"), fact("Sam Altman", "person")]);
        names.add(&[fact("OpenAI", "person"), fact("bad\tname", "place")]);
        names.add(&[fact("OpenAI", "organization"), fact("OPENAI", "place")]);
        names.add(&[fact("REUTER", "person"), fact("Reuter", "person")]);
        names.add(&[fact("Reuter", "person")]);
        let mut more = EntityNames::default();
        more.add(&[fact("Seattle", "place")]);
        names.merge(more);
        names.save(dir.path()).unwrap();
        let back = EntityNames::load(dir.path()).unwrap().by_lowercase();
        assert_eq!(back.len(), 4);
        assert_eq!(
            back["openai"],
            (EntityKind::Organization, "OpenAI".to_string()),
            "the most frequent spelling, with its most frequent kind"
        );
        assert_eq!(back["seattle"].0, EntityKind::Place);
        assert_eq!(back["reuter"].1, "Reuter");
        assert!(EntityNames::load(&dir.path().join("none"))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn the_kind_does_not_depend_on_merge_order() {
        let batch = |kind: &str, n: usize| {
            let mut names = EntityNames::default();
            for _ in 0..n {
                names.add(&[fact("Jordan", kind)]);
            }
            names
        };
        for order in [[0, 1], [1, 0]] {
            let mut all = EntityNames::default();
            for i in order {
                all.merge(if i == 0 {
                    batch("place", 1)
                } else {
                    batch("person", 3)
                });
            }
            assert_eq!(all.by_lowercase()["jordan"].0, EntityKind::Person);
        }
    }

    #[test]
    fn unreadable_lines_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(FILE),
            b"place\t2\tParis\nnonsense\n\xff\xfe\tx\n" as &[u8],
        )
        .unwrap();
        let back = EntityNames::load(dir.path()).unwrap().by_lowercase();
        assert_eq!(back["paris"].0, EntityKind::Place);
    }
}
