//! Times each extractor over the passages of a corpus file, single-threaded:
//! `cargo run --release --example bench_extract -- FILE.jsonl`.
//! Used to check the extraction budgets (money ≤ 5%, entities ≤ 25% of index time).

use std::time::Instant;

use newsdex::extract::entities::{document, EntityExtractor};
use newsdex::extract::{money, topics};
use newsdex::ingest::{parse_file, split_passages, Format};

fn main() {
    let path = std::env::args().nth(1).expect("usage: bench_extract FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let format = Format::of(std::path::Path::new(&path)).expect("a known format");
    let parsed = parse_file(format, &bytes, &path, &path);
    let articles: Vec<Vec<String>> = parsed
        .articles
        .iter()
        .map(|a| split_passages(a).into_iter().map(|p| p.text).collect())
        .collect();
    let passages: Vec<String> = articles.iter().flatten().cloned().collect();
    let words: usize = passages.iter().map(|p| p.split_whitespace().count()).sum();
    println!("{} passages, {} words", passages.len(), words);
    let extractor = EntityExtractor::shared();
    let _ = extractor.extract("Warm up Microsoft.");
    let _ = topics::score_topics("warm up deal");
    let time = |name: &str, f: &dyn Fn(&str) -> usize| {
        let start = Instant::now();
        let found: usize = passages.iter().map(|p| f(p)).sum();
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{name:<9} {secs:.3} s  {:.0} ns/word  {found} found",
            secs * 1e9 / words as f64
        );
    };
    time("money", &|p| money::find_money(p).len());
    time("entities", &|p| extractor.extract(p).len());
    time("topics", &|p| (topics::score_topics(p).deal > 0.5) as usize);
    // Entities as the indexer finds them: each passage of an article, then the article step.
    let start = Instant::now();
    let mut found = 0;
    for article in &articles {
        let mut mentions: Vec<_> = article.iter().map(|p| extractor.extract(p)).collect();
        document::resolve(&mut mentions);
        found += mentions.iter().map(Vec::len).sum::<usize>();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{:<9} {secs:.3} s  {:.0} ns/word  {found} found (entities per article, with the article step)",
        "articles",
        secs * 1e9 / words as f64
    );
}
