//! Splits one search's time into opening the index, building the query matchers, the first
//! search (first use of the index files) and later searches (the query itself):
//! `cargo run --release --example query_timing -- INDEX "QUERY" [--plain] [--no-count]`
//! (`--no-count` skips counting every match, as human `search` output and `batch` do).
use std::time::Instant;

use newsdex::extract::entities::EntityExtractor;
use newsdex::extract::topics::topics_in_query;
use newsdex::search::{search, Ranking, SearchRequest};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, index_dir, query, ..] = args.as_slice() else {
        anyhow::bail!("usage: query_timing INDEX QUERY [--plain]");
    };
    let plain = args.iter().any(|a| a == "--plain");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;

    let t = Instant::now();
    let index = newsdex::index::open_index(std::path::Path::new(index_dir))?;
    println!("open index: {:.2} ms", ms(t));
    if !plain {
        let t = Instant::now();
        let _ = topics_in_query(query);
        println!("topic vocabulary: {:.2} ms", ms(t));
        let t = Instant::now();
        let _ = EntityExtractor::shared().known_in_query(query);
        println!("entity table: {:.2} ms", ms(t));
    }
    let mut request = SearchRequest::new(query.as_str());
    request.count_total = !args.iter().any(|a| a == "--no-count");
    if plain {
        request.ranking = Ranking::plain();
    }
    for round in ["first search", "second search", "third search"] {
        let t = Instant::now();
        let results = search(&index, &request).map_err(|e| anyhow::anyhow!("{e}"))?;
        println!("{round}: {:.2} ms ({} hits)", ms(t), results.hits.len());
    }
    Ok(())
}
