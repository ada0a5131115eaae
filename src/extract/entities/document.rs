//! One entity per person or company within an article: its passages' mentions are read
//! together, in order, before their facts are stored.
//!
//! News names someone in full once ("Tony Blair", "Chrysler Corp") and by a short form after
//! ("Mr Blair", "Blair", "Chrysler"); a passage alone cannot tell that "Blair" is Tony Blair,
//! the article can. Three steps:
//!
//! 1. **Short forms join full names.** A one-word person mention that is the last word of a
//!    person's full name in the article becomes that person (the nearest full name before it,
//!    else the first after it); "George Bush" joins "George W. Bush" the same way. A company
//!    named by its initials ("GM" after "General Motors") becomes that company. A company's
//!    first word is not joined to its longer name: in news it is as often the parent
//!    ("Texaco" beside "Texaco Canada").
//! 2. **Generic heads.** "the Commission" or "the Bank" join the article's body whose name
//!    holds that word ("European Commission"); with none, they are dropped.
//! 3. **One kind per name.** Every mention of a name in the article gets the kind most of its
//!    mentions have, where a mention from the curated table, after an honorific or with a
//!    company form counts four times, and a name the table knows keeps the table's kind.
//!
//! Joins are returned as ties (short form → full name) so the corpus can merge the short
//! form's mentions in articles that never give the full name (see `index::names`).

use super::mention::is_generic_head;
use super::{Entity, EntityKind};

/// A short form and the full name an article tied it to: ("Blair", "Tony Blair").
pub type Tie = (String, String);

/// Weight of a mention whose kind is sure (table, honorific, company form) in the vote.
const SURE_WEIGHT: u32 = 4;

/// Resolves the mentions of an article's passages, given in article order (see the module
/// docs). Returns the ties made, one per joined mention.
pub fn resolve(passages: &mut [Vec<Entity>]) -> Vec<Tie> {
    let mut ties = Vec::new();
    if passages.iter().map(Vec::len).sum::<usize>() < 2 {
        // One mention: nothing to join, and its kind is its own.
        if let Some(e) = passages.iter_mut().flatten().next() {
            if !e.known && !e.canonical.contains(' ') && is_generic_head(&e.canonical) {
                passages.iter_mut().for_each(Vec::clear);
            }
        }
        return ties;
    }
    // Full names in article order.
    let mut full: Vec<FullName> = Vec::new();
    let mut pos = 0;
    for p in passages.iter() {
        for e in p {
            let looks_full = match e.kind {
                EntityKind::Person => looks_like_full_name(&e.canonical),
                EntityKind::Organization => e.canonical.contains(' '),
                _ => false,
            };
            if looks_full {
                full.push(FullName {
                    at: pos,
                    name: e.canonical.clone(),
                    kind: e.kind,
                });
            }
            pos += 1;
        }
    }
    let mut drop = Vec::new();
    pos = 0;
    for (pi, p) in passages.iter_mut().enumerate() {
        for (ei, e) in p.iter_mut().enumerate() {
            let at = pos;
            pos += 1;
            if e.known {
                continue;
            }
            let name = e.canonical.as_str();
            let one_word = !name.contains(' ');
            if one_word && is_generic_head(name) {
                let body = nearest(&full, at, |f| {
                    f.kind == EntityKind::Organization && f.name.split(' ').any(|w| w == name)
                });
                match body {
                    Some(f) => {
                        e.canonical = f.name.clone();
                        e.kind = EntityKind::Organization;
                        e.sure = true;
                    }
                    None => drop.push((pi, ei)),
                }
                continue;
            }
            let joined = if one_word {
                let person = (e.kind != EntityKind::Place)
                    .then(|| {
                        nearest(&full, at, |f| {
                            f.kind == EntityKind::Person
                                && last_word(&f.name).eq_ignore_ascii_case(name)
                        })
                    })
                    .flatten();
                let company = || {
                    if e.kind != EntityKind::Organization {
                        return None;
                    }
                    nearest(&full, at, |f| {
                        f.kind == EntityKind::Organization && is_initials(name, &f.name)
                    })
                };
                person.or_else(company)
            } else if e.kind == EntityKind::Person {
                let (first, last) = (name.split(' ').next().unwrap_or(name), last_word(name));
                nearest(&full, at, |f| {
                    f.kind == EntityKind::Person
                        && f.name.len() > name.len()
                        && f.name.split(' ').next() == Some(first)
                        && last_word(&f.name) == last
                })
            } else {
                None
            };
            if let Some(f) = joined {
                ties.push((e.canonical.clone(), f.name.clone()));
                e.canonical = f.name.clone();
                e.kind = f.kind;
            }
        }
    }
    for &(pi, ei) in drop.iter().rev() {
        passages[pi].remove(ei);
    }
    vote_kinds(passages);
    ties
}

/// A name of two or more words in an article, that shorter mentions may join.
struct FullName {
    /// Position of the mention among the article's mentions.
    at: usize,
    name: String,
    kind: EntityKind,
}

/// The full name matching `fits` nearest before `at`, else the first after it.
fn nearest(full: &[FullName], at: usize, fits: impl Fn(&FullName) -> bool) -> Option<&FullName> {
    full.iter()
        .rev()
        .filter(|f| f.at < at)
        .find(|f| fits(f))
        .or_else(|| full.iter().filter(|f| f.at > at).find(|f| fits(f)))
}

/// True for a person's name of two to four words, each capitalised or a particle ("de",
/// "van"): not a tagger span that ran into the sentence ("Thomas O'Grady said Chrysler").
fn looks_like_full_name(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "al", "bin", "da", "de", "del", "der", "di", "du", "la", "le", "van", "von",
    ];
    let words = name.split(' ').count();
    (2..=4).contains(&words)
        && name
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) || PARTICLES.contains(&w))
}

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// True when `short` (two to five capitals) is the initials of the capitalised words of
/// `name`: "GM" of "General Motors", "IBM" of "International Business Machines".
fn is_initials(short: &str, name: &str) -> bool {
    if !(2..=5).contains(&short.len()) || !short.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let initials: String = name
        .split(' ')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    initials == short
}

/// Gives every mention of a name the article's majority kind (see the module docs).
fn vote_kinds(passages: &mut [Vec<Entity>]) {
    // Names in order of first mention, each with its votes and the table's kind. An article
    // names a few dozen things at most, so a list searched from the end (the name just seen
    // is the likeliest) costs less than hashing every mention.
    let mut votes: Vec<(&str, [u32; 4], Option<EntityKind>)> = Vec::new();
    let mut of_mention: Vec<u32> = Vec::new();
    for e in passages.iter().flatten() {
        let name = e.canonical.as_str();
        let at = match votes.iter().rposition(|v| v.0 == name) {
            Some(at) => at,
            None => {
                votes.push((name, [0; 4], None));
                votes.len() - 1
            }
        };
        let v = &mut votes[at];
        if e.known {
            v.2 = Some(e.kind);
        }
        v.1[e.kind as usize] += if e.sure || e.known { SURE_WEIGHT } else { 1 };
        of_mention.push(at as u32);
    }
    let decided: Vec<Option<EntityKind>> = votes
        .iter()
        .map(|(_, counts, table)| {
            if counts.iter().filter(|&&c| c > 0).count() < 2 {
                return None;
            }
            Some(table.unwrap_or_else(|| {
                let mut best = 0;
                for k in 1..4 {
                    if counts[k] > counts[best] {
                        best = k;
                    }
                }
                EntityKind::ALL[best]
            }))
        })
        .collect();
    if decided.iter().all(Option::is_none) {
        return;
    }
    for (e, &at) in passages.iter_mut().flatten().zip(&of_mention) {
        if let Some(k) = decided[at as usize] {
            if !e.known {
                e.kind = k;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::EntityExtractor;

    /// (canonical, kind) of each passage's mentions after resolving `passages` as one article.
    fn resolved(passages: &[&str]) -> Vec<Vec<(String, EntityKind)>> {
        let ex = EntityExtractor::shared();
        let mut found: Vec<Vec<Entity>> = passages.iter().map(|p| ex.extract(p)).collect();
        resolve(&mut found);
        found
            .into_iter()
            .map(|p| p.into_iter().map(|e| (e.canonical, e.kind)).collect())
            .collect()
    }

    fn mention(name: &str, kind: EntityKind, sure: bool) -> Entity {
        Entity {
            start: 0,
            end: name.len(),
            text: name.to_string(),
            kind,
            canonical: name.to_string(),
            known: false,
            sure,
        }
    }

    #[test]
    fn surnames_and_titles_join_the_full_name() {
        let out = resolved(&[
            "Prime Minister Tony Blair spoke to Gordon Brown on Monday.",
            "Mr Blair said the plan was sound.",
            "Blair and Mr Brown met again later.",
        ]);
        let names: Vec<&str> = out.iter().flatten().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Tony Blair",
                "Gordon Brown",
                "Tony Blair",
                "Tony Blair",
                "Gordon Brown"
            ]
        );
        assert!(out.iter().flatten().all(|(_, k)| *k == EntityKind::Person));
    }

    #[test]
    fn companies_join_by_initials_only() {
        use EntityKind::*;
        let mut article = vec![
            vec![
                mention("Allegheny International", Organization, true),
                mention("General Motors", Organization, true),
            ],
            vec![
                mention("Allegheny", Person, false),
                mention("GM", Organization, false),
                mention("Commission", Organization, false),
            ],
        ];
        let ties = resolve(&mut article);
        let names: Vec<(&str, EntityKind)> = article
            .iter()
            .flatten()
            .map(|e| (e.canonical.as_str(), e.kind))
            .collect();
        assert_eq!(
            names,
            [
                ("Allegheny International", Organization),
                ("General Motors", Organization),
                ("Allegheny", Person),
                ("General Motors", Organization),
            ],
            "a generic head with no body to join is dropped; a first word stays itself"
        );
        assert_eq!(ties.len(), 1);
    }

    #[test]
    fn one_kind_per_name_by_weighted_majority() {
        use EntityKind::*;
        let mut article = vec![
            vec![mention("Chrysler", Organization, true)],
            vec![mention("Chrysler", Person, false)],
            vec![mention("Chrysler", Person, false)],
            vec![mention("Commission", Organization, false)],
            vec![mention("European Commission", Organization, false)],
        ];
        resolve(&mut article);
        let kinds: Vec<EntityKind> = article.iter().flatten().map(|e| e.kind).collect();
        assert!(kinds.iter().all(|k| *k == Organization), "{kinds:?}");
        assert_eq!(article[3][0].canonical, "European Commission");
    }
}
