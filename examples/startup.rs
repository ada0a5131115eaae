//! Times the one-off start-up costs a single `newsdex search` pays:
//! `cargo run --release --example startup`.
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let _ = newsdex::extract::topics::topics_in_query("cloud deal");
    println!("topics matcher: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let e = newsdex::extract::entities::EntityExtractor::shared();
    println!(
        "entity extractor: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let _ = e.resolve("AWS");
    let _ = e.known_in_query("Azure exclusivity");
    println!("entity lookups: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let _ = newsdex::extract::money::find_money("$5bn");
    println!("money: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
}
