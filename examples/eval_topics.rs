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
//! The judged passage sets in `tests/topics/` (Reuters-21578 and BBC News passages graded 0/1
//! per topic, see `tests/topics/RUBRIC.md`) measure all three topics at passage level: ROC AUC
//! and precision/recall at the shipped threshold ([`TOPIC_THRESHOLD`]) on the test half, beside
//! the scorer the sets were sampled with (its scores are stored in the sets) and a naive count
//! of cue words.
//!
//! Usage: `cargo run --release --example eval_topics -- [reuters.jsonl] [--bbc bbc.jsonl]
//! [--judged-only] [--train-only] [--dump-judged FILE] [--errors N] [--samples N] [--term-stats]`
//! (`scripts/eval-topics` passes the default path). `--train-only` leaves the test halves
//! out, for tuning; `--dump-judged` writes the training half's
//! passages with their grades and the vocabulary that fired, for tuning.
//! `--errors N` prints N missed `acq` and N falsely flagged `earn` articles from TRAIN with
//! the vocabulary that fired; `--term-stats` counts, per deal rule, the TRAIN articles of each
//! label it fired in. Both are for tuning, and neither looks at TEST.

use std::collections::{HashMap, HashSet};
use std::process::ExitCode;
use std::time::Instant;

#[path = "shared/reuters_passages.rs"]
mod reuters_passages;
use reuters_passages::passages;

use newsdex::extract::topics::{
    explain_topics, score_topics, TermKind, Topic, TopicScores, DEAL_THRESHOLD, TOPIC_THRESHOLD,
};

/// The fields of one Reuters JSON line that the evaluation needs.
#[derive(serde::Deserialize)]
struct Article {
    #[serde(default)]
    id: serde_json::Value,
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
    bbc: String,
    judged_only: bool,
    train_only: bool,
    dump_judged: Option<String>,
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
        bbc: "../shared/data/bbc/bbc.jsonl".to_string(),
        judged_only: false,
        train_only: false,
        dump_judged: None,
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
            "--judged-only" => o.judged_only = true,
            "--train-only" => o.train_only = true,
            "--bbc" => o.bbc = args.next().ok_or("--bbc needs a path")?,
            "--dump-judged" => {
                o.dump_judged = Some(args.next().ok_or("--dump-judged needs a path")?)
            }
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

    judged(&articles, &opts)?;
    if opts.judged_only {
        return Ok(());
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

/// One row of a judged passage set (`tests/topics/TOPIC.tsv`).
struct Judged {
    loc: String,
    grade: bool,
    test: bool,
    /// The score of the scorer the set was sampled with.
    old: f32,
}

/// Cue words of the naive baseline: a passage scores the number of them it contains. They are
/// the cue words the judged sets were sampled by (tests/topics/RUBRIC.md).
fn cue_words(topic: Topic) -> &'static [&'static str] {
    match topic {
        Topic::Dispute => &[
            "suit",
            "suits",
            "sued",
            "sues",
            "lawsuit",
            "court",
            "ruling",
            "ruled",
            "appeal",
            "tariff",
            "tariffs",
            "duties",
            "strike",
            "strikes",
            "blockade",
            "settle",
            "settled",
            "injunction",
            "complaint",
            "antitrust",
            "oppose",
            "opposed",
            "dispute",
            "protest",
            "boycott",
            "veto",
            "sanctions",
            "retaliation",
            "dumping",
            "accused",
            "charges",
            "hostile",
            "fight",
            "battle",
            "row",
            "illegal",
            "legal",
        ],
        Topic::Exclusivity => &[
            "exclusive",
            "exclusively",
            "exclusivity",
            "sole",
            "solely",
            "only",
            "monopoly",
            "franchise",
            "rights",
            "licence",
            "license",
            "patent",
            "single",
            "dominant",
            "cartel",
        ],
        Topic::Deal => &[
            "buy",
            "bought",
            "sell",
            "sold",
            "stake",
            "offer",
            "agreed",
            "agreement",
            "contract",
            "bid",
            "talks",
            "partner",
            "invest",
            "merger",
            "merge",
            "acquire",
            "acquired",
            "acquisition",
            "takeover",
            "deal",
            "purchase",
        ],
    }
}

fn naive_score(text: &str, topic: Topic) -> f32 {
    let cues = cue_words(topic);
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && cues.contains(&w.to_lowercase().as_str()))
        .count() as f32
}

/// Every passage of the two collections by locator, split as the judged sets were drawn.
fn passages_by_locator(reuters: &[Article], bbc: &str) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    let mut add = |source: &str, a: &Article| {
        let id = match &a.id {
            serde_json::Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        for (n, p) in passages(&a.title, &a.body).into_iter().enumerate() {
            out.insert(format!("{source}:{id}#{n}"), p);
        }
    };
    for a in reuters.iter().filter(|a| a.text_type == "NORM") {
        add("reuters", a);
    }
    let raw = std::fs::read_to_string(bbc)
        .map_err(|e| format!("cannot read BBC News at {bbc}: {e} (pass --bbc PATH)"))?;
    for (n, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let a: Article = serde_json::from_str(line).map_err(|e| format!("{bbc}:{}: {e}", n + 1))?;
        add("bbc", &a);
    }
    Ok(out)
}

fn read_judged(topic: Topic) -> Result<Vec<Judged>, String> {
    let path = format!("tests/topics/{topic}.tsv");
    let raw = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mut rows = Vec::new();
    for (n, line) in raw.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let bad = || format!("{path}:{}: expected loc, grade, split, stratum, old", n + 1);
        if f.len() != 5 {
            return Err(bad());
        }
        rows.push(Judged {
            loc: f[0].to_string(),
            grade: f[1] == "1",
            test: f[2] == "test",
            old: f[4].parse().map_err(|_| bad())?,
        });
    }
    Ok(rows)
}

/// ROC AUC: the chance that a random positive outscores a random negative (ties count half).
fn roc_auc(scored: &[(f32, bool)]) -> f64 {
    let pos: Vec<f32> = scored.iter().filter(|s| s.1).map(|s| s.0).collect();
    let neg: Vec<f32> = scored.iter().filter(|s| !s.1).map(|s| s.0).collect();
    let mut wins = 0.0;
    for p in &pos {
        for n in &neg {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (pos.len() * neg.len()).max(1) as f64
}

/// Precision and recall of "score ≥ threshold".
fn precision_recall(scored: &[(f32, bool)], threshold: f32) -> (f64, f64) {
    let tp = scored.iter().filter(|s| s.0 >= threshold && s.1).count() as f64;
    let flagged = scored.iter().filter(|s| s.0 >= threshold).count() as f64;
    let positives = scored.iter().filter(|s| s.1).count() as f64;
    (tp / flagged.max(1.0), tp / positives.max(1.0))
}

/// Scores the judged passage sets: per topic and half, ROC AUC of the current scorer, of the
/// scorer the sets were sampled with and of the naive cue-word count, and precision/recall
/// at [`TOPIC_THRESHOLD`] (the naive count at one cue word or more).
fn judged(reuters: &[Article], opts: &Options) -> Result<(), String> {
    let texts = passages_by_locator(reuters, &opts.bbc)?;
    let mut dump = Vec::new();
    println!(
        "Judged passages (tests/topics/, graded blind; see RUBRIC.md), threshold {TOPIC_THRESHOLD}:"
    );
    println!(
        "{:<12} {:<6} {:>4} {:>4}  {:>7} {:>7} {:>7}  {:>15} {:>15} {:>15}",
        "topic", "half", "n", "pos", "AUC", "old", "naive", "P / R", "old P / R", "naive P / R"
    );
    for topic in Topic::ALL {
        let rows = read_judged(topic)?;
        for test in [false, true] {
            if test && opts.train_only {
                continue;
            }
            let (mut new, mut old, mut naive) = (Vec::new(), Vec::new(), Vec::new());
            for r in rows.iter().filter(|r| r.test == test) {
                let text = texts
                    .get(&r.loc)
                    .ok_or_else(|| format!("{topic}: no passage {} in the collections", r.loc))?;
                new.push((score_topics(text).get(topic), r.grade));
                old.push((r.old, r.grade));
                naive.push((naive_score(text, topic), r.grade));
                if !test {
                    dump.push(serde_json::json!({
                        "topic": topic.as_str(), "loc": r.loc, "grade": r.grade,
                        "score": score_topics(text).get(topic), "text": text,
                        "terms": terms(text, topic),
                    }));
                }
            }
            let pr = |s: &[(f32, bool)], t: f32| {
                let (p, r) = precision_recall(s, t);
                format!("{p:.2} / {r:.2}")
            };
            println!(
                "{:<12} {:<6} {:>4} {:>4}  {:>7.3} {:>7.3} {:>7.3}  {:>15} {:>15} {:>15}",
                topic.as_str(),
                if test { "test" } else { "train" },
                new.len(),
                new.iter().filter(|s| s.1).count(),
                roc_auc(&new),
                roc_auc(&old),
                roc_auc(&naive),
                pr(&new, TOPIC_THRESHOLD),
                pr(&old, 0.5),
                pr(&naive, 1.0),
            );
        }
    }
    if !opts.judged_only {
        println!("Threshold sweep on the training halves (how TOPIC_THRESHOLD was chosen):");
        for topic in Topic::ALL {
            let rows = read_judged(topic)?;
            let train: Vec<(f32, bool)> = rows
                .iter()
                .filter(|r| !r.test)
                .filter_map(|r| {
                    texts
                        .get(&r.loc)
                        .map(|t| (score_topics(t).get(topic), r.grade))
                })
                .collect();
            let cells: Vec<String> = [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]
                .iter()
                .map(|&t| {
                    let (p, r) = precision_recall(&train, t);
                    format!("{t}: {p:.2}/{r:.2}")
                })
                .collect();
            println!("  {:<12} {}", topic.as_str(), cells.join("  "));
        }
    }
    if let Some(path) = &opts.dump_judged {
        let lines: Vec<String> = dump.iter().map(|v| v.to_string()).collect();
        std::fs::write(path, lines.join("\n") + "\n").map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}
