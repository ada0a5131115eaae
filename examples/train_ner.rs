//! Trains the entity tagger on CoNLL-2003 and writes its weights file.
//!
//! Usage: `cargo run --release --example train_ner -- DATA_DIR OUT_FILE [--epochs N]
//! [--models N] [--prune N] [--unlabeled FILE]... [--no-dev]`
//!
//! DATA_DIR holds `train.txt` and `testa.txt`. Word clusters are built first from unlabelled
//! news (JSON Lines with "title" and "body"; by default `DATA_DIR/../reuters21578/reuters.jsonl`
//! and `DATA_DIR/../bbc/bbc.jsonl`) plus the training sentences. Then `--models` perceptrons
//! (default 5) are trained on `train.txt` with different shuffles and averaged. Dev (testa)
//! scores are printed after each epoch so epochs and features can be tuned there; testb is
//! left to `eval_entities`. Same data and flags give the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;

use newsdex::extract::entities::conll;
use newsdex::extract::entities::tagger::ModelData;
use newsdex::extract::entities::train::{self, ClusterOptions, Options, Trainer, SCORED_TYPES};
use newsdex::extract::entities::EntityExtractor;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_ner: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut opts = Options::default();
    let mut dev = true;
    // Five independently shuffled runs, averaged: +0.3 to +0.5 F1 on testa over one run.
    let mut models = 5;
    let mut unlabeled: Vec<PathBuf> = Vec::new();
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("{name} needs a number"))
        };
        match a.as_str() {
            "--epochs" => opts.epochs = num("--epochs")?,
            "--prune" => opts.prune = num("--prune")? as i16,
            "--no-dev" => dev = false,
            "--models" => models = num("--models")?,
            "--unlabeled" => unlabeled.push(PathBuf::from(
                args.next().ok_or("--unlabeled needs a file")?,
            )),
            _ => positional.push(PathBuf::from(a)),
        }
    }
    let [data, out] = positional.as_slice() else {
        return Err("usage: train_ner DATA_DIR OUT_FILE [--epochs N] [--models N] [--prune N] [--unlabeled FILE]... [--no-dev]".into());
    };
    let read = |name: &str| {
        let p = data.join(name);
        conll::read(&p).map_err(|e| format!("reading {}: {e}", p.display()))
    };
    let train_set = read("train.txt")?;
    let dev_set = if dev { read("testa.txt")? } else { Vec::new() };
    eprintln!(
        "{} training sentences, {} dev sentences",
        train_set.len(),
        dev_set.len()
    );

    // Word clusters come from unlabelled news (JSON Lines with "title" and "body") plus the
    // training sentences themselves.
    if unlabeled.is_empty() {
        unlabeled = vec![
            data.join("../reuters21578/reuters.jsonl"),
            data.join("../bbc/bbc.jsonl"),
        ];
    }
    let mut texts: Vec<String> = Vec::new();
    for p in &unlabeled {
        let raw =
            std::fs::read_to_string(p).map_err(|e| format!("reading {}: {e}", p.display()))?;
        for (n, line) in raw
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", p.display(), n + 1))?;
            for field in ["title", "body"] {
                if let Some(t) = v.get(field).and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                }
            }
        }
    }
    texts.extend(train_set.iter().map(|s| s.text.clone()));
    let words = train::build_clusters(&texts, &ClusterOptions::default());
    eprintln!("clustered {} words from {} texts", words.len(), texts.len());

    // An extractor with clusters but no weights: it supplies table marks and clusters.
    let lexicon_only = ModelData {
        rows: Vec::new(),
        words: words.clone(),
    }
    .to_bytes();
    let ex = EntityExtractor::with_weights(&lexicon_only)?;
    let mut averaged = Vec::new();
    for m in 0..models {
        let seed = opts.seed.wrapping_add(m as u64 * 0x9e37_79b9);
        let mut trainer = Trainer::new(&ex, words.clone(), &train_set, seed);
        for epoch in 1..=opts.epochs {
            let errors = trainer.epoch();
            if dev {
                let bytes = trainer.to_bytes(opts.prune);
                let s = train::score_tagger(&bytes, &dev_set)?;
                let o = s.overall(&SCORED_TYPES);
                eprintln!(
                    "model {m} epoch {epoch:2}: {errors} token errors, {} features; dev PER/ORG/LOC P {:.4} R {:.4} F1 {:.4}",
                    trainer.features(), o.precision(), o.recall(), o.f1()
                );
            } else {
                eprintln!(
                    "model {m} epoch {epoch:2}: {errors} token errors, {} features",
                    trainer.features()
                );
            }
        }
        averaged.push(trainer.averaged());
    }
    let bytes = train::model_bytes(&train::average_models(&averaged), words, opts.prune);
    if dev {
        let o = train::score_tagger(&bytes, &dev_set)?.overall(&SCORED_TYPES);
        eprintln!(
            "final model: dev PER/ORG/LOC P {:.4} R {:.4} F1 {:.4}",
            o.precision(),
            o.recall(),
            o.f1()
        );
    }
    std::fs::write(out, &bytes).map_err(|e| format!("writing {}: {e}", out.display()))?;
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(())
}
