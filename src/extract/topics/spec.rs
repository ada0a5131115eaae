//! Rule specs to phrases: `{a|b|}` groups expanded into every combination, with whitespace
//! collapsed, written into one shared buffer so building the matcher allocates little.

/// Expands `{a|b|}` groups into every combination. Empty alternatives leave doubled or
/// trailing spaces, so words are re-joined with single spaces.
#[cfg(test)]
pub(super) fn expand(spec: &str) -> Vec<String> {
    let (mut text, mut at) = (String::new(), Vec::new());
    expand_into(spec, &mut text, &mut at);
    at.iter()
        .map(|&(a, b)| text[a as usize..b as usize].to_string())
        .collect()
}

/// `expand`, appending each phrase to `text` and its byte range to `at`: the groups'
/// alternatives are combined like an odometer (the last group turning fastest, the order a
/// recursive expansion gives), and whitespace is collapsed while writing.
pub(super) fn expand_into(spec: &str, text: &mut String, at: &mut Vec<(u32, u32)>) {
    // Literal text and `{…}` groups, in order, each piece with its whitespace collapsed once
    // here rather than once per combination.
    let mut literals: Vec<Piece> = Vec::new();
    let mut groups: Vec<Vec<Piece>> = Vec::new();
    let mut rest = spec;
    while let Some(open) = rest.find('{') {
        let close = open
            + rest[open..]
                .find('}')
                .expect("every `{` in a topic rule has a matching `}`");
        literals.push(Piece::new(&rest[..open]));
        groups.push(rest[open + 1..close].split('|').map(Piece::new).collect());
        rest = &rest[close + 1..];
    }
    literals.push(Piece::new(rest));
    let mut choice = vec![0usize; groups.len()];
    loop {
        let start = text.len();
        let mut space = false;
        for (i, literal) in literals.iter().enumerate() {
            literal.write(text, start, &mut space);
            if let Some(group) = groups.get(i) {
                group[choice[i]].write(text, start, &mut space);
            }
        }
        at.push((start as u32, text.len() as u32));
        let mut k = groups.len();
        loop {
            if k == 0 {
                return;
            }
            k -= 1;
            choice[k] += 1;
            if choice[k] < groups[k].len() {
                break;
            }
            choice[k] = 0;
        }
    }
}

/// A piece of a rule (literal text or one alternative of a group) with its words joined by
/// single spaces, and whether whitespace leads or trails it (a space to write before the next
/// word, unless the phrase has no word yet).
pub(super) struct Piece<'a> {
    pub(super) words: std::borrow::Cow<'a, str>,
    pub(super) leading_space: bool,
    pub(super) trailing_space: bool,
}

impl<'a> Piece<'a> {
    pub(super) fn new(piece: &'a str) -> Piece<'a> {
        let trimmed = piece.trim_matches(char::is_whitespace);
        let single_spaced = !trimmed
            .split(' ')
            .any(|w| w.is_empty() || w.contains(char::is_whitespace));
        let words = if single_spaced {
            std::borrow::Cow::Borrowed(trimmed)
        } else {
            std::borrow::Cow::Owned(trimmed.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        let has_space = piece.contains(char::is_whitespace);
        Piece {
            leading_space: has_space && piece.starts_with(char::is_whitespace),
            trailing_space: has_space && piece.ends_with(char::is_whitespace),
            words,
        }
    }

    /// Appends the piece to the phrase that began at `start` in `text`; `space` carries a
    /// pending separator from piece to piece.
    pub(super) fn write(&self, text: &mut String, start: usize, space: &mut bool) {
        if self.leading_space && text.len() > start {
            *space = true;
        }
        if !self.words.is_empty() {
            if *space {
                text.push(' ');
                *space = false;
            }
            text.push_str(&self.words);
        }
        if self.trailing_space && text.len() > start {
            *space = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::expand;
    use crate::extract::topics::vocabulary::{DEAL, DISPUTE, EXCLUSIVITY};

    /// The straightforward recursive expansion [`expand_into`] must agree with.
    fn expand_reference(spec: &str) -> Vec<String> {
        let Some(open) = spec.find('{') else {
            return vec![spec.split_whitespace().collect::<Vec<_>>().join(" ")];
        };
        let close = open + spec[open..].find('}').expect("closed group");
        let (head, group, tail) = (&spec[..open], &spec[open + 1..close], &spec[close + 1..]);
        group
            .split('|')
            .flat_map(|alt| expand_reference(&format!("{head}{alt}{tail}")))
            .collect()
    }

    #[test]
    fn expansion_matches_the_recursive_definition() {
        for rule in EXCLUSIVITY.iter().chain(DISPUTE).chain(DEAL) {
            assert_eq!(
                expand(rule.spec),
                expand_reference(rule.spec),
                "{}",
                rule.spec
            );
        }
        for spec in ["  a {b| c  |} d ", "{x|y}{|z}", "{only}", "", "{|}"] {
            assert_eq!(expand(spec), expand_reference(spec), "{spec:?}");
        }
    }
}
