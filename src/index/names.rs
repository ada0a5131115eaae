//! The entity names of an index: each canonical name with its kind, in a small file beside the
//! tantivy files of a generation (`entity-names.tsv`).
//!
//! The `entity` field indexes names lowercased, for search; `newsdex entities` and `stats` want
//! the name as written ("OpenAI") and its kind. Recording that per passage (a facet per mention)
//! cost the indexer about a tenth of its time, while the facts are per *name*: a few thousand
//! lines, written once per build. The file may list names no passage holds any more (after an
//! incremental update deleted them); readers start from the `entity` field's terms, so such
//! names are never shown.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use crate::extract::entities::EntityKind;
use crate::extract::EntityFact;

/// File name inside a generation folder.
const FILE: &str = "entity-names.tsv";

/// Canonical names (case kept) → kind and number of mentions, gathered while indexing. The
/// counts decide which spelling is shown when a name is written several ways ("Reuter",
/// "REUTER"); after incremental updates they are approximate (deleted passages still count).
#[derive(Debug, Default)]
pub struct EntityNames {
    names: HashMap<String, (EntityKind, u64)>,
}

impl EntityNames {
    /// Records the entities of one passage (a name already known keeps its first kind).
    pub fn add(&mut self, entities: &[EntityFact]) {
        for e in entities {
            if let Some((_, count)) = self.names.get_mut(&e.canonical) {
                *count += 1;
            } else if let Some(kind) = EntityKind::parse(&e.kind) {
                self.names.insert(e.canonical.clone(), (kind, 1));
            }
        }
    }

    /// Adds every name of `other`.
    pub fn merge(&mut self, other: EntityNames) {
        for (name, (kind, count)) in other.names {
            self.names.entry(name).or_insert((kind, 0)).1 += count;
        }
    }

    /// Reads a generation's names; an index without the file has none.
    pub fn load(dir: &Path) -> anyhow::Result<EntityNames> {
        let path = dir.join(FILE);
        let raw = match std::fs::read_to_string(&path) {
            Ok(raw) => raw,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let names = raw
            .lines()
            .filter_map(|line| {
                let mut cols = line.splitn(3, '\t');
                let kind = EntityKind::parse(cols.next()?)?;
                let count = cols.next()?.parse().ok()?;
                Some((cols.next()?.to_string(), (kind, count)))
            })
            .collect();
        Ok(EntityNames { names })
    }

    /// Writes the names into `dir` through a temporary file and a rename, so a reader never
    /// sees half a file.
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let mut sorted: Vec<(&String, &(EntityKind, u64))> = self.names.iter().collect();
        sorted.sort_unstable();
        let mut out = String::with_capacity(self.names.len() * 32);
        for (name, (kind, count)) in sorted {
            // A name never holds a tab or newline (whitespace is collapsed when extracted),
            // but a line that could not be read back is not written.
            if name.contains(['\t', '\n']) {
                continue;
            }
            out.push_str(kind.as_str());
            out.push('\t');
            out.push_str(&count.to_string());
            out.push('\t');
            out.push_str(name);
            out.push('\n');
        }
        let tmp = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&tmp, out).with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, dir.join(FILE))
            .with_context(|| format!("moving {} into place", tmp.display()))?;
        Ok(())
    }

    /// Lowercased name (as the `entity` field holds it) → (kind, name as written). A name
    /// written several ways is shown the way it was written most often (ties: the first in
    /// sort order), with that spelling's kind.
    pub fn by_lowercase(self) -> HashMap<String, (EntityKind, String)> {
        let mut best: HashMap<String, (u64, String, EntityKind)> = HashMap::new();
        for (name, (kind, count)) in self.names {
            let lower = name.to_lowercase();
            match best.get_mut(&lower) {
                Some(b) if (count, std::cmp::Reverse(&name)) <= (b.0, std::cmp::Reverse(&b.1)) => {}
                Some(b) => *b = (count, name, kind),
                None => {
                    best.insert(lower, (count, name, kind));
                }
            }
        }
        best.into_iter()
            .map(|(lower, (_, name, kind))| (lower, (kind, name)))
            .collect()
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no name was recorded.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
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
        names.add(&[fact("OPENAI", "place"), fact("Reuter", "person")]);
        names.add(&[fact("REUTER", "person"), fact("Reuter", "person")]);
        let mut more = EntityNames::default();
        more.add(&[fact("Seattle", "place")]);
        names.merge(more);
        names.save(dir.path()).unwrap();
        let back = EntityNames::load(dir.path()).unwrap().by_lowercase();
        assert_eq!(back.len(), 4);
        assert_eq!(
            back["openai"],
            (EntityKind::Organization, "OpenAI".to_string())
        );
        assert_eq!(back["seattle"].0, EntityKind::Place);
        assert_eq!(back["reuter"].1, "Reuter", "the most frequent spelling");
        assert!(EntityNames::load(&dir.path().join("none"))
            .unwrap()
            .is_empty());
    }
}
