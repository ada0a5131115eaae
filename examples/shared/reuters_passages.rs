//! The passage split the topic examples share: how the indexer sees a Reuters-21578 article.

/// Splits an article the way the indexer sees it: the title is one passage, and the body
/// breaks at blank lines and at lines indented with spaces (Reuters marks new paragraphs,
/// and the rows of results tables, that way).
pub fn passages(title: &str, body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !title.trim().is_empty() {
        out.push(title.trim().to_string());
    }
    let mut cur = String::new();
    for line in body.lines() {
        let starts_paragraph = line.starts_with(' ') || line.starts_with('\t');
        if (line.trim().is_empty() || starts_paragraph) && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        let t = line.trim();
        if !t.is_empty() {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(t);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
