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

use crate::extract::entities::EntityKind;
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
}

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

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: EntityNames) {
        for (name, counts) in other.names {
            let mine = self.names.entry(name).or_default();
            for (m, c) in mine.iter_mut().zip(counts) {
                *m += c;
            }
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
    /// sees half a file. One line per name and kind: `kind TAB mentions TAB name`.
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
        let tmp = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&tmp, out).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, dir.join(FILE))
            .with_context(|| format!("moving {} into place", tmp.display()))?;
        Ok(())
    }

    /// Lowercased name (as the `entity` field holds it) → (kind, name as written). A name
    /// written several ways is shown the way it was written most often, with the kind that
    /// spelling was given most often (ties: the first in sort order, the first kind in
    /// [`EntityKind::ALL`]).
    fn by_lowercase(self) -> HashMap<String, (EntityKind, String)> {
        let mut best: HashMap<String, (u64, String, EntityKind)> = HashMap::default();
        for (name, counts) in self.names {
            let total: u64 = counts.iter().sum();
            let mut kind = 0;
            for k in 1..counts.len() {
                if counts[k] > counts[kind] {
                    kind = k;
                }
            }
            let kind = EntityKind::ALL[kind];
            let lower = name.to_lowercase();
            match best.get_mut(&lower) {
                Some(b) if (total, std::cmp::Reverse(&name)) <= (b.0, std::cmp::Reverse(&b.1)) => {}
                Some(b) => *b = (total, name, kind),
                None => {
                    best.insert(lower, (total, name, kind));
                }
            }
        }
        best.into_iter()
            .map(|(lower, (_, name, kind))| (lower, (kind, name)))
            .collect()
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
