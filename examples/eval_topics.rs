//! Evaluates the topic scorer on Reuters-21578 and times it.
//!
//! Reuters' `acq` category (mergers, acquisitions, stakes) is the closest public label to our
//! deal topic, and its `earn`-only articles (quarterly results full of "net", "shr",
//! "dividend") are the classic false positives, so together they test both sides of
//! `DEAL_THRESHOLD`. Weights and threshold are tuned on the Lewis TRAIN split; TEST is the
//! held-out figure and is reported only at the chosen threshold. Dispute and exclusivity have
//! no Reuters label, so the run prints how many TEST articles score high and a seeded sample
//! of passages to read for precision.
//!
//! Usage: `cargo run --release --example eval_topics -- [reuters.jsonl] [--errors N]
//! [--samples N] [--term-stats]` (`scripts/eval-topics` passes the default path).
//! `--errors N` prints N missed `acq` and N falsely flagged `earn` articles from TRAIN with
//! the vocabulary that fired; `--term-stats` counts, per deal rule, the TRAIN articles of each
//! label it fired in. Both are for tuning, and neither looks at TEST.

use std::collections::{HashMap, HashSet};
use std::process::ExitCode;
use std::time::Instant;

use newsdex::extract::topics::{
    explain_topics, score_topics, TermKind, Topic, TopicScores, DEAL_THRESHOLD,
};

/// The fields of one Reuters JSON line that the evaluation needs.
#[derive(serde::Deserialize)]
struct Article {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    lewissplit: String,
    #[serde(default)]
    text_type: String,
}

/// How the evaluation groups articles, by their Reuters topics.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Label {
    /// Labelled `acq` (possibly among others): should be a deal.
    Acq,
    /// Labelled only `earn`: results reports, should not be a deal.
    EarnOnly,
    /// Any other labelled article: reported for information.
    OtherTopic,
    /// No topic at all: reported for information.
    NoTopic,
}

/// An article as the evaluation sees it: its passages and their best scores.
struct Scored {
    split: String,
    label: Label,
    passages: Vec<String>,
    /// Best score over the article's passages, per topic.
    best: TopicScores,
}

/// Command-line options.
struct Options {
    path: String,
    errors: usize,
    samples: usize,
    term_stats: bool,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval_topics: {e}");
            ExitCode::from(2)
        }
    }
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        path: "../shared/data/reuters21578/reuters.jsonl".to_string(),
        errors: 0,
        samples: 5,
        term_stats: false,
    };
    let mut args = std::env::args().skip(1);
    let number = |flag: &str, v: Option<String>| -> Result<usize, String> {
        let v = v.ok_or(format!("{flag} needs a number"))?;
        v.parse().map_err(|_| format!("{flag}: not a number: {v}"))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--errors" => o.errors = number("--errors", args.next())?,
            "--samples" => o.samples = number("--samples", args.next())?,
            "--term-stats" => o.term_stats = true,
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ => o.path = a,
        }
    }
    Ok(o)
}

fn run() -> Result<(), String> {
    let opts = parse_args()?;
    let raw = std::fs::read_to_string(&opts.path).map_err(|e| {
        format!(
            "cannot read the Reuters-21578 JSONL at {}: {e} (pass its path as the first argument)",
            opts.path
        )
    })?;
    let mut articles = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let a: Article =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", opts.path, n + 1))?;
        articles.push(a);
    }

    time_scoring(&articles);

    let scored: Vec<Scored> = articles
        .into_iter()
        .filter(|a| a.text_type == "NORM" && !a.body.trim().is_empty())
        .map(|a| {
            let passages = passages(&a.title, &a.body);
            let mut best = TopicScores::default();
            for p in &passages {
                let s = score_topics(p);
                best.exclusivity = best.exclusivity.max(s.exclusivity);
                best.dispute = best.dispute.max(s.dispute);
                best.deal = best.deal.max(s.deal);
            }
            Scored {
                split: a.lewissplit,
                label: label_of(&a.topics),
                passages,
                best,
            }
        })
        .collect();

    println!("\nDeal topic against Reuters labels (DEAL_THRESHOLD = {DEAL_THRESHOLD}):");
    println!("  acq recall = share of acq articles flagged; false deals = share of earn-only");
    println!("  articles flagged; other / no topic = share flagged, for information.");
    println!(
        "{:<6} {:>6} {:>8} {:>6} {:>11} {:>6} {:>8} {:>6} {:>8}",
        "split", "acq", "recall", "earn", "false-deal", "other", "flagged", "none", "flagged"
    );
    for split in ["TRAIN", "TEST"] {
        report_split(&scored, split, DEAL_THRESHOLD);
    }
    println!("\nThreshold sweep on TRAIN (how DEAL_THRESHOLD was chosen; TEST not consulted):");
    for t in [0.4, 0.45, 0.5, 0.55, 0.56, 0.57, 0.58, 0.6, 0.65] {
        report_split(&scored, "TRAIN", t);
    }

    for topic in [Topic::Dispute, Topic::Exclusivity] {
        sanity_check(&scored, topic, opts.samples);
    }
    if opts.errors > 0 {
        print_errors(&scored, opts.errors);
    }
    if opts.term_stats {
        term_stats(&scored);
    }
    Ok(())
}

fn label_of(topics: &[String]) -> Label {
    if topics.iter().any(|t| t == "acq") {
        Label::Acq
    } else if topics.len() == 1 && topics[0] == "earn" {
        Label::EarnOnly
    } else if topics.is_empty() {
        Label::NoTopic
    } else {
        Label::OtherTopic
    }
}

/// Splits an article the way the indexer sees it: the title is one passage, and the body
/// breaks at blank lines and at lines indented with spaces (Reuters marks new paragraphs,
/// and the rows of results tables, that way).
fn passages(title: &str, body: &str) -> Vec<String> {
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

fn report_split(scored: &[Scored], split: &str, threshold: f32) {
    let mut n = [0usize; 4];
    let mut flagged = [0usize; 4];
    for s in scored.iter().filter(|s| s.split == split) {
        n[s.label as usize] += 1;
        if s.best.deal >= threshold {
            flagged[s.label as usize] += 1;
        }
    }
    let rate = |l: Label| flagged[l as usize] as f64 / n[l as usize].max(1) as f64;
    println!(
        "{:<6} {:>6} {:>8.3} {:>6} {:>10.1}% {:>6} {:>7.1}% {:>6} {:>7.1}%   threshold {threshold}",
        split,
        n[Label::Acq as usize],
        rate(Label::Acq),
        n[Label::EarnOnly as usize],
        100.0 * rate(Label::EarnOnly),
        n[Label::OtherTopic as usize],
        100.0 * rate(Label::OtherTopic),
        n[Label::NoTopic as usize],
        100.0 * rate(Label::NoTopic),
    );
}

/// Counts TEST articles with a passage scoring ≥ 0.5 on `topic` and prints a seeded random
/// sample of those passages to read for precision.
fn sanity_check(scored: &[Scored], topic: Topic, samples: usize) {
    let test: Vec<&Scored> = scored.iter().filter(|s| s.split == "TEST").collect();
    let hits: Vec<&Scored> = test
        .iter()
        .copied()
        .filter(|s| s.best.get(topic) >= 0.5)
        .collect();
    println!(
        "\n{topic}: {} of {} TEST articles have a passage scoring >= 0.5. {} at random:",
        hits.len(),
        test.len(),
        samples.min(hits.len())
    );
    let mut rng = SplitMix(0x5eed + topic as u64);
    let mut shown = HashSet::new();
    for _ in 0..samples.min(hits.len()) {
        let mut i = (rng.next() % hits.len() as u64) as usize;
        while !shown.insert(i) {
            i = (i + 1) % hits.len();
        }
        let (p, score) = best_passage(hits[i], topic);
        println!("  [{score:.2}] {}", clip(p, 400));
        println!("         {}", terms(p, topic));
    }
}

fn best_passage(s: &Scored, topic: Topic) -> (&str, f32) {
    s.passages
        .iter()
        .map(|p| (p.as_str(), score_topics(p).get(topic)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(("", 0.0))
}

fn print_errors(scored: &[Scored], n: usize) {
    println!("\nTRAIN acq articles missed (deal < {DEAL_THRESHOLD}):");
    for s in scored
        .iter()
        .filter(|s| s.split == "TRAIN" && s.label == Label::Acq && s.best.deal < DEAL_THRESHOLD)
        .take(n)
    {
        println!(
            "- [{:.2}] {}",
            s.best.deal,
            clip(&s.passages.join(" | "), 500)
        );
        for p in &s.passages {
            let t = terms(p, Topic::Deal);
            if !t.is_empty() {
                println!("      {t}");
            }
        }
    }
    println!("\nTRAIN earn-only articles flagged as deals:");
    for s in scored
        .iter()
        .filter(|s| {
            s.split == "TRAIN" && s.label == Label::EarnOnly && s.best.deal >= DEAL_THRESHOLD
        })
        .take(n)
    {
        let (p, score) = best_passage(s, Topic::Deal);
        println!("- [{score:.2}] {} || {}", s.passages[0], clip(p, 400));
        println!("      {}", terms(p, Topic::Deal));
    }
}

/// For each deal rule, the TRAIN articles of each label in which it fired.
fn term_stats(scored: &[Scored]) {
    let mut counts: HashMap<&'static str, [usize; 4]> = HashMap::new();
    for s in scored.iter().filter(|s| s.split == "TRAIN") {
        let mut seen = HashSet::new();
        for p in &s.passages {
            for m in explain_topics(p) {
                if m.weights[2] > 0.0 && seen.insert(m.term) {
                    counts.entry(m.term).or_default()[s.label as usize] += 1;
                }
            }
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by_key(|(t, n)| (std::cmp::Reverse(n[0] + n[1]), *t));
    println!("\nDeal rules by TRAIN articles fired in (acq / earn-only / other / no topic):");
    for (t, n) in rows.iter().take(150) {
        println!("{t:<40} {:>5} {:>5} {:>5} {:>5}", n[0], n[1], n[2], n[3]);
    }
}

/// The vocabulary behind a passage's score for `topic`: evidence as `term=weight`, blockers
/// as `-term`, context as `~term`.
fn terms(p: &str, topic: Topic) -> String {
    let i = topic as usize;
    explain_topics(p)
        .iter()
        .filter_map(|m| match m.kind {
            TermKind::Evidence if m.weights[i] > 0.0 => {
                Some(format!("{}={}", m.term, m.weights[i]))
            }
            TermKind::Evidence => None,
            TermKind::Blocker => Some(format!("-{}", m.term)),
            TermKind::Context => Some(format!("~{}", m.term)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Times `score_topics` over every body in the file, whole and split into paragraphs, so the
/// figure covers both long and typical inputs.
fn time_scoring(articles: &[Article]) {
    let bodies: Vec<&str> = articles.iter().map(|a| a.body.as_str()).collect();
    let words: usize = bodies.iter().map(|b| b.split_whitespace().count()).sum();
    let bytes: usize = bodies.iter().map(|b| b.len()).sum();
    let paragraphs: Vec<String> = bodies.iter().flat_map(|b| passages("", b)).collect();
    // Warm up the automaton and the scratch buffer so the figures are steady-state.
    let mut sink = 0.0f32;
    for b in bodies.iter().take(100) {
        sink += score_topics(b).deal;
    }
    let best_of_3 = |texts: &mut dyn Iterator<Item = &str>, sink: &mut f32| {
        let texts: Vec<&str> = texts.collect();
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let t = Instant::now();
            for text in &texts {
                let s = score_topics(text);
                *sink += s.deal + s.dispute + s.exclusivity;
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        best
    };
    let whole = best_of_3(&mut bodies.iter().copied(), &mut sink);
    let split = best_of_3(&mut paragraphs.iter().map(String::as_str), &mut sink);
    println!(
        "Timing, release, one thread, best of 3: {} bodies, {words} words, {:.1} MB.",
        bodies.len(),
        bytes as f64 / 1e6
    );
    println!(
        "  whole bodies: {:.1} ms = {:.0} ns/word; as {} paragraphs: {:.1} ms = {:.0} ns/word (checksum {sink:.0})",
        whole * 1e3,
        whole * 1e9 / words as f64,
        paragraphs.len(),
        split * 1e3,
        split * 1e9 / words as f64,
    );
}

/// A tiny seeded generator, so the sample passages are the same on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49eb_311c_eb13);
        z ^ (z >> 31)
    }
}
