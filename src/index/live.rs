//! Counting over live passages only.
//!
//! An incremental update deletes a changed file's passages by marking them in the
//! segment's alive bitset; they stay in the inverted index (and in `doc_freq`) until
//! segments merge. Anything that reports counts must walk the postings and skip the
//! deleted documents, or it reports stale numbers that a full rebuild would not.

use tantivy::postings::TermInfo;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, InvertedIndexReader, SegmentReader, TERMINATED};

/// Calls `each` with every live document holding the term of `info`, and returns
/// how many there were.
pub fn for_each_live_doc(
    segment: &SegmentReader,
    inverted: &InvertedIndexReader,
    info: &TermInfo,
    mut each: impl FnMut(DocId),
) -> tantivy::Result<u64> {
    let mut postings = inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    let alive = segment.alive_bitset();
    let mut count = 0;
    let mut doc = postings.doc();
    while doc != TERMINATED {
        if alive.is_none_or(|a| a.is_alive(doc)) {
            count += 1;
            each(doc);
        }
        doc = postings.advance();
    }
    Ok(count)
}

/// Live documents holding the term of `info`: `doc_freq` without the deleted ones.
pub fn live_doc_freq(
    segment: &SegmentReader,
    inverted: &InvertedIndexReader,
    info: &TermInfo,
) -> tantivy::Result<u64> {
    if segment.alive_bitset().is_none() {
        return Ok(u64::from(info.doc_freq));
    }
    for_each_live_doc(segment, inverted, info, |_| {})
}
