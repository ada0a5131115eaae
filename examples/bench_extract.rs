//! Times each extractor over the passages of a corpus file, single-threaded:
//! `cargo run --release --example bench_extract -- FILE.jsonl`.
//! Used to check the extraction budgets (money ≤ 5%, entities ≤ 25% of index time).

use std::time::Instant;

use newsdex::extract::{entities::EntityExtractor, money, topics};
use newsdex::ingest::{parse_file, split_passages, Format};

fn main() {
    let path = std::env::args().nth(1).expect("usage: bench_extract FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    let format = Format::of(std::path::Path::new(&path)).expect("a known format");
    let parsed = parse_file(format, &bytes, &path, &path);
    let passages: Vec<String> = parsed
        .articles
        .iter()
        .flat_map(|a| split_passages(a).into_iter().map(|p| p.text))
        .collect();
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
}
