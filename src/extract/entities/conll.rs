//! Reading CoNLL-2003 files and scoring entity spans the way `conlleval` does.
//!
//! Shared by `examples/train_ner.rs` (which reports dev scores while training) and
//! `examples/eval_entities.rs`, so both read the data and count matches identically. Each
//! sentence becomes its tokens joined by single spaces, and gold entities become byte spans of
//! that text: the extractor is scored on exactly the text it is given.

use std::io;
use std::path::Path;

use super::tagger::NerType;

/// A gold or predicted entity: byte span `[start, end)` of the sentence text and its type.
pub type Span = (usize, usize, NerType);

/// One sentence: its text and its gold entities, in order.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The tokens joined by single spaces.
    pub text: String,
    /// Gold entities as byte spans of `text`.
    pub spans: Vec<Span>,
    /// The document the sentence belongs to, counted from 0 at each `-DOCSTART-` line.
    pub doc: usize,
}

/// Reads a CoNLL-2003 file in IOB2 (`word POS chunk NER` per line, blank lines between
/// sentences, `-DOCSTART-` lines between documents).
pub fn read(path: &Path) -> io::Result<Vec<Sentence>> {
    let data = std::fs::read_to_string(path)?;
    Ok(parse(&data))
}

/// Parses CoNLL-2003 text (see [`read`]). An `I-X` with no open `X` entity starts one, as in
/// `conlleval`; malformed lines (fewer than two columns) are skipped.
pub fn parse(data: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<(usize, usize, NerType)> = None;
    let mut doc = 0;
    let mut docs_started = 0;
    let mut flush = |text: &mut String, spans: &mut Vec<Span>, open: &mut Option<Span>, doc| {
        if let Some(s) = open.take() {
            spans.push(s);
        }
        if !text.is_empty() {
            out.push(Sentence {
                text: std::mem::take(text),
                spans: std::mem::take(spans),
                doc,
            });
        }
    };
    for line in data.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            flush(&mut text, &mut spans, &mut open, doc);
            continue;
        }
        if cols[0] == "-DOCSTART-" {
            flush(&mut text, &mut spans, &mut open, doc);
            doc = docs_started;
            docs_started += 1;
            continue;
        }
        if cols.len() < 2 {
            continue;
        }
        let (word, tag) = (cols[0], cols[cols.len() - 1]);
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(word);
        let end = text.len();
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) => (p, NerType::parse(t)),
            None => ("O", None),
        };
        match (prefix, ty) {
            ("I", Some(t)) if open.is_some_and(|o| o.2 == t) => {
                if let Some(o) = open.as_mut() {
                    o.1 = end;
                }
            }
            (_, Some(t)) => {
                if let Some(o) = open.take() {
                    spans.push(o);
                }
                open = Some((start, end, t));
            }
            _ => {
                if let Some(o) = open.take() {
                    spans.push(o);
                }
            }
        }
    }
    flush(&mut text, &mut spans, &mut open, doc);
    out
}

/// True-positive, false-positive and false-negative counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and gold agree exactly on span and type.
    pub tp: u64,
    /// Predicted, not gold.
    pub fp: u64,
    /// Gold, not predicted.
    pub fn_: u64,
}

impl Counts {
    /// Precision (1.0 when nothing was predicted).
    pub fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall (1.0 when there was nothing to find).
    pub fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Entity-level exact-match counts per type.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Counts indexed by `NerType as usize`.
    pub by_type: [Counts; 4],
}

impl Scores {
    /// Adds one sentence: a prediction counts only if span and type both match a gold entity.
    pub fn add(&mut self, gold: &[Span], predicted: &[Span]) {
        for p in predicted {
            if gold.contains(p) {
                self.by_type[p.2 as usize].tp += 1;
            } else {
                self.by_type[p.2 as usize].fp += 1;
            }
        }
        for g in gold {
            if !predicted.contains(g) {
                self.by_type[g.2 as usize].fn_ += 1;
            }
        }
    }

    /// Counts summed over `types`.
    pub fn overall(&self, types: &[NerType]) -> Counts {
        let mut c = Counts::default();
        for t in types {
            let x = self.by_type[*t as usize];
            c.tp += x.tp;
            c.fp += x.fp;
            c.fn_ += x.fn_;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iob2_into_byte_spans() {
        let data = "-DOCSTART- -X- -X- O\n\nAda NNP B-NP B-PER\nLovelace NNP I-NP I-PER\nvisited VBD B-VP O\nParis NNP B-NP B-LOC\nLondon NNP B-NP B-LOC\n\nOK UH O O\n";
        let s = parse(data);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "Ada Lovelace visited Paris London");
        assert_eq!(
            s[0].spans,
            vec![
                (0, 12, NerType::Per),
                (21, 26, NerType::Loc),
                (27, 33, NerType::Loc)
            ]
        );
        let mut sc = Scores::default();
        sc.add(
            &s[0].spans,
            &[(0, 12, NerType::Per), (21, 33, NerType::Loc)],
        );
        let all = sc.overall(&NerType::ALL);
        assert_eq!((all.tp, all.fp, all.fn_), (1, 1, 2));
    }
}
