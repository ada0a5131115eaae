//! Scores the entity extractor on CoNLL-2003, conlleval style (entity-level exact match).
//!
//! Usage: `cargo run --release --example eval_entities -- DATA_DIR [--weights FILE]
//! [--split NAME]...` (default splits: testb, then testa). With `--weights`, a freshly trained
//! weights file is scored instead of the embedded one, so tuning needs no rebuild.
//!
//! Each sentence's tokens are joined by spaces and handed to the extractor; its byte spans are
//! compared with the gold spans of that text, so a prediction that does not line up with
//! CoNLL's token boundaries counts as wrong. Two systems are scored: the tagger alone (which
//! also predicts MISC) and the full `extract()` (table + tagger, no MISC; table products count as
//! MISC predictions). The overall figure covers PER, ORG and LOC only. A third row scores what
//! the indexer stores: `extract()` on each sentence of a CoNLL document, then the article step
//! (`entities::document`) over the document's sentences in order.

use std::path::PathBuf;
use std::process::ExitCode;

use newsdex::extract::entities::conll::{self, Counts, Scores, Span};
use newsdex::extract::entities::document::resolve;
use newsdex::extract::entities::tagger::NerType;
use newsdex::extract::entities::train::SCORED_TYPES;
use newsdex::extract::entities::{Entity, EntityExtractor, EntityKind};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_entities: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut data = None;
    let mut weights = None;
    let mut splits = Vec::new();
    let mut bench = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--weights" => {
                weights = Some(PathBuf::from(args.next().ok_or("--weights needs a file")?))
            }
            "--split" => splits.push(args.next().ok_or("--split needs a name")?),
            "--bench" => bench = Some(PathBuf::from(args.next().ok_or("--bench needs a file")?)),
            _ => data = Some(PathBuf::from(a)),
        }
    }
    let data = data.ok_or("usage: eval_entities DATA_DIR [--weights FILE] [--split NAME]...")?;
    if splits.is_empty() {
        splits = vec!["testb".into(), "testa".into()];
    }
    let owned;
    let ex: &EntityExtractor = match &weights {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("reading {}: {e}", p.display()))?;
            owned = EntityExtractor::with_weights(&bytes)?;
            &owned
        }
        None => EntityExtractor::shared(),
    };
    if let Some(p) = bench {
        return run_bench(ex, &p);
    }
    for split in &splits {
        let path = data.join(format!("{split}.txt"));
        let sentences =
            conll::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        let (mut tagger_scores, mut full_scores) = (Scores::default(), Scores::default());
        let mut article_scores = Scores::default();
        for document in sentences.chunk_by(|a, b| a.doc == b.doc) {
            let mut found: Vec<Vec<Entity>> =
                document.iter().map(|s| ex.extract(&s.text)).collect();
            resolve(&mut found);
            for (s, found) in document.iter().zip(found) {
                let spans: Vec<Span> = found
                    .into_iter()
                    .map(|e| (e.start, e.end, ner_type(e.kind)))
                    .collect();
                article_scores.add(&s.spans, &spans);
            }
        }
        for s in &sentences {
            let tagged: Vec<Span> = ex
                .tagged_spans(&s.text)
                .into_iter()
                .map(|p| (p.start, p.end, p.ty))
                .collect();
            tagger_scores.add(&s.spans, &tagged);
            let full: Vec<Span> = ex
                .extract(&s.text)
                .into_iter()
                .map(|e| (e.start, e.end, ner_type(e.kind)))
                .collect();
            full_scores.add(&s.spans, &full);
        }
        println!(
            "== {split} ({} sentences), entity-level exact match ==",
            sentences.len()
        );
        print_table("tagger alone", &tagger_scores);
        print_table("extract() = table + tagger", &full_scores);
        print_table(
            "extract() per document, then the article step (as `newsdex index`)",
            &article_scores,
        );
    }
    println!(
        "Overall covers PER, ORG and LOC; MISC is left out (the extractor does not output it)."
    );
    Ok(())
}

/// Table products have no CoNLL type; they are counted as MISC, which the overall leaves out.
fn ner_type(k: EntityKind) -> NerType {
    match k {
        EntityKind::Person => NerType::Per,
        EntityKind::Organization => NerType::Org,
        EntityKind::Place => NerType::Loc,
        EntityKind::Product => NerType::Misc,
    }
}

fn print_table(title: &str, s: &Scores) {
    println!("-- {title}");
    println!(
        "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
        "type", "precision", "recall", "F1", "tp", "fp", "fn"
    );
    let row = |name: &str, c: Counts| {
        println!(
            "{name:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    };
    for t in NerType::ALL {
        row(t.as_str(), s.by_type[t as usize]);
    }
    row("overall", s.overall(&SCORED_TYPES));
}

/// Times `extract()` over every "body" of a JSON Lines file, on one thread, after one warm-up
/// pass (which also builds the shared extractor).
fn run_bench(ex: &EntityExtractor, path: &std::path::Path) -> Result<(), String> {
    let raw =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let mut bodies = Vec::new();
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        if let Some(b) = v.get("body").and_then(|b| b.as_str()) {
            bodies.push(b.to_string());
        }
    }
    let bytes: usize = bodies.iter().map(|b| b.len()).sum();
    let words: usize = bodies.iter().map(|b| b.split_whitespace().count()).sum();
    let mut entities = 0;
    for b in &bodies {
        entities += ex.extract(b).len();
    }
    // Wall time is inflated when other processes share the cores, so the thread's own CPU
    // time (Linux schedstat) is reported too; the budget is in CPU seconds.
    let (mut best, mut best_cpu) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        let cpu0 = thread_cpu_seconds();
        let start = std::time::Instant::now();
        let mut n = 0;
        for b in &bodies {
            n += ex.extract(b).len();
        }
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu0, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
        assert_eq!(n, entities);
    }
    println!(
        "{} bodies, {:.1} MB, {} words, {} entities; extract() on one thread, best of 5 runs: \
         wall {:.3} s ({:.0} ns/word), CPU {} ({} ns/word)",
        bodies.len(),
        bytes as f64 / 1e6,
        words,
        entities,
        best,
        best * 1e9 / words as f64,
        if best_cpu < f64::MAX {
            format!("{best_cpu:.3} s")
        } else {
            "n/a".into()
        },
        if best_cpu < f64::MAX {
            format!("{:.0}", best_cpu * 1e9 / words as f64)
        } else {
            "n/a".into()
        },
    );
    Ok(())
}

/// CPU time of the calling thread so far, from `/proc/thread-self/schedstat` (Linux only).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}
