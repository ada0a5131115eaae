//! The tagger's labels: BILOU parts (begin, inside, last, unit) of PER, ORG, LOC and MISC,
//! which label may follow which, and how a label sequence becomes entity spans.

use crate::extract::entities::tokens::Token;

/// Number of labels: `O` plus B-/I-/L-/U- (begin, inside, last, unit) for PER, ORG, LOC and
/// MISC. BILOU rather than IOB2 because a greedy decoder then decides where an entity ends
/// while looking at the token that ends it, which scored better on the CoNLL dev set.
pub const LABELS: usize = 17;
/// The label index of `O` (outside any entity).
pub const O: u8 = 0;
/// Pseudo-label used as the "previous label" before the first token of a sentence.
pub(crate) const START: u8 = LABELS as u8;

/// Where a token sits in its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// First token of a multi-token entity.
    Begin,
    /// Middle token.
    Inside,
    /// Last token of a multi-token entity.
    Last,
    /// A one-token entity.
    Unit,
}

impl Part {
    const ALL: [Part; 4] = [Part::Begin, Part::Inside, Part::Last, Part::Unit];
}

/// The label index for a type and a part.
pub fn label(ty: NerType, part: Part) -> u8 {
    1 + 4 * ty as u8 + part as u8
}

/// The type and part of a label, or `None` for `O` and `START`.
pub fn split_label(l: u8) -> Option<(NerType, Part)> {
    if l == O || l as usize >= LABELS {
        None
    } else {
        Some((
            NerType::ALL[((l - 1) / 4) as usize],
            Part::ALL[((l - 1) % 4) as usize],
        ))
    }
}

/// True when the entity continues after a token with this label (`B-` or `I-`).
#[inline]
pub(crate) fn is_open(l: u8) -> bool {
    matches!(split_label(l), Some((_, Part::Begin | Part::Inside)))
}

/// Whether `label` may follow `prev`: inside an entity only `I-`/`L-` of its type; outside
/// only `O`, `B-` or `U-`.
#[inline]
pub(crate) fn allowed(prev: u8, label: u8) -> bool {
    match (split_label(prev), split_label(label)) {
        (Some((pt, Part::Begin | Part::Inside)), Some((t, Part::Inside | Part::Last))) => pt == t,
        (Some((_, Part::Begin | Part::Inside)), _) => false,
        (_, Some((_, Part::Inside | Part::Last))) => false,
        _ => true,
    }
}

/// The CoNLL-2003 entity types. MISC (nationalities, events, products...) is learned because
/// it stops the tagger from calling "German" a place, but
/// [`EntityExtractor`](crate::extract::entities::EntityExtractor) drops it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerType {
    /// A person (CoNLL `PER`).
    Per,
    /// An organization (CoNLL `ORG`).
    Org,
    /// A location (CoNLL `LOC`).
    Loc,
    /// Anything else named (CoNLL `MISC`).
    Misc,
}

impl NerType {
    /// All types, in label order.
    pub const ALL: [NerType; 4] = [NerType::Per, NerType::Org, NerType::Loc, NerType::Misc];

    /// The CoNLL name of the type ("PER", "ORG", "LOC", "MISC").
    pub fn as_str(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Org => "ORG",
            NerType::Loc => "LOC",
            NerType::Misc => "MISC",
        }
    }

    /// Parses a CoNLL type name.
    pub fn parse(s: &str) -> Option<Self> {
        NerType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// One entity found by the tagger: a run of tokens `[first, last)` and its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaggedSpan {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
    /// Byte offset of the start in the text.
    pub start: usize,
    /// Byte offset of the end in the text.
    pub end: usize,
    /// The entity type.
    pub ty: NerType,
}

/// The highest-scoring label allowed after `prev` (ties go to the lower index, so `O` wins).
#[inline]
pub(crate) fn best_label<T: PartialOrd + Copy>(scores: &[T; LABELS], prev: u8) -> u8 {
    let mut best = O;
    let mut best_score = scores[0];
    for (l, &s) in scores.iter().enumerate().skip(1) {
        if s > best_score && allowed(prev, l as u8) {
            best = l as u8;
            best_score = s;
        }
    }
    best
}

/// Turns per-token labels into entity spans. Labels that break BILOU order (an entity left
/// open at the end of a sentence, an `I-` of the wrong type) are read leniently: an open entity
/// ends where the next one starts or where an `O` is.
pub(crate) fn spans_from_labels(tokens: &[Token], labels: &[u8], out: &mut Vec<TaggedSpan>) {
    out.clear();
    let mut open: Option<(usize, NerType)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let Some((ty, part)) = split_label(l) else {
            if let Some((first, t)) = open.take() {
                out.push(make_span(tokens, first, i, t));
            }
            continue;
        };
        let continues =
            matches!(part, Part::Inside | Part::Last) && open.is_some_and(|o| o.1 == ty);
        if !continues {
            if let Some((first, t)) = open.take() {
                out.push(make_span(tokens, first, i, t));
            }
            open = Some((i, ty));
        }
        if matches!(part, Part::Last | Part::Unit) {
            if let Some((first, t)) = open.take() {
                out.push(make_span(tokens, first, i + 1, t));
            }
        }
    }
    if let Some((first, t)) = open {
        out.push(make_span(tokens, first, labels.len(), t));
    }
}

pub(super) fn make_span(tokens: &[Token], first: usize, last: usize, ty: NerType) -> TaggedSpan {
    TaggedSpan {
        first,
        last,
        start: tokens[first].start as usize,
        end: tokens[last - 1].end as usize,
        ty,
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::entities::tokens::Token;

    use super::{allowed, label, spans_from_labels, split_label, NerType, Part, O, START};

    #[test]
    fn labels_round_trip_and_follow_bilou() {
        for t in NerType::ALL {
            for p in Part::ALL {
                assert_eq!(split_label(label(t, p)), Some((t, p)));
            }
            assert_eq!(NerType::parse(t.as_str()), Some(t));
            assert!(allowed(label(t, Part::Begin), label(t, Part::Last)));
            assert!(!allowed(label(t, Part::Begin), O));
            assert!(!allowed(O, label(t, Part::Inside)));
            assert!(allowed(START, label(t, Part::Unit)));
        }
        assert_eq!(split_label(O), None);
        assert!(!allowed(
            label(NerType::Per, Part::Begin),
            label(NerType::Org, Part::Last)
        ));
    }

    #[test]
    fn spans_from_labels_reads_bilou() {
        let toks: Vec<Token> = (0..5)
            .map(|i| Token {
                start: 2 * i,
                end: 2 * i + 1,
            })
            .collect();
        let labels = [
            label(NerType::Per, Part::Begin),
            label(NerType::Per, Part::Last),
            O,
            label(NerType::Loc, Part::Unit),
            label(NerType::Org, Part::Begin),
        ];
        let mut out = Vec::new();
        spans_from_labels(&toks, &labels, &mut out);
        let got: Vec<_> = out.iter().map(|s| (s.first, s.last, s.ty)).collect();
        assert_eq!(
            got,
            [
                (0, 2, NerType::Per),
                (3, 4, NerType::Loc),
                (4, 5, NerType::Org)
            ]
        );
    }
}
