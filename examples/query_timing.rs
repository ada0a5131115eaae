//! Splits one search's time into first-use set-up and the query itself:
//! `cargo run --release --example query_timing -- INDEX "QUERY" [--plain]`.
use std::time::Instant;

use newsdex::search::{search, Ranking, SearchRequest};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (index_dir, query) = (&args[1], &args[2]);
    let plain = args.iter().any(|a| a == "--plain");
    let t = Instant::now();
    let index = newsdex::index::open_index(std::path::Path::new(index_dir))?;
    println!("open index: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    if args.iter().any(|a| a == "--warm") {
        for (name, f) in [
            (
                "topics",
                &(|| drop(newsdex::extract::topics::topics_in_query("cloud deal"))) as &dyn Fn(),
            ),
            ("entities", &|| {
                drop(newsdex::extract::entities::EntityExtractor::shared().known_in_query("aws"))
            }),
        ] {
            let t = Instant::now();
            f();
            println!("warm {name}: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let mut request = SearchRequest::new(query.as_str());
    if plain {
        request.ranking = Ranking::plain();
    }
    for round in ["first search", "second search", "third search"] {
        let t = Instant::now();
        let results = search(&index, &request).map_err(|e| anyhow::anyhow!("{e}"))?;
        println!(
            "{round}: {:.2} ms ({} hits)",
            t.elapsed().as_secs_f64() * 1e3,
            results.hits.len()
        );
    }
    Ok(())
}
