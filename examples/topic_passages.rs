//! Lists the passages of Reuters-21578 and BBC News with their topic scores, one JSON object
//! per line, for sampling judged passage sets (`tests/topics/`).
//!
//! Passages are split as `eval_topics` splits them (the title is passage 0, then the body's
//! paragraphs), so a locator `reuters:ID#N` or `bbc:CATEGORY/NNN#N` names the same text in
//! both. The output holds corpus text: write it outside the repository.
//!
//! Usage: `cargo run --release --example topic_passages -- REUTERS.jsonl BBC.jsonl > OUT.jsonl`

use std::io::Write;

#[path = "shared/reuters_passages.rs"]
mod reuters_passages;
use reuters_passages::passages;

use newsdex::extract::topics::score_topics;

#[derive(serde::Deserialize)]
struct Article {
    id: serde_json::Value,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    text_type: Option<String>,
    #[serde(default)]
    category: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [reuters, bbc] = args.as_slice() else {
        return Err("usage: topic_passages REUTERS.jsonl BBC.jsonl".into());
    };
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for (source, path) in [("reuters", reuters), ("bbc", bbc)] {
        for line in std::fs::read_to_string(path)?.lines() {
            if line.trim().is_empty() {
                continue;
            }
            let a: Article = serde_json::from_str(line)?;
            if a.text_type.as_deref().is_some_and(|t| t != "NORM") || a.body.trim().is_empty() {
                continue;
            }
            let id = match &a.id {
                serde_json::Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            for (n, p) in passages(&a.title, &a.body).iter().enumerate() {
                let s = score_topics(p);
                let row = serde_json::json!({
                    "loc": format!("{source}:{id}#{n}"),
                    "category": a.category,
                    "text": p,
                    "exclusivity": s.exclusivity,
                    "dispute": s.dispute,
                    "deal": s.deal,
                });
                writeln!(out, "{row}")?;
            }
        }
    }
    Ok(())
}
