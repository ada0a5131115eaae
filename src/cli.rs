//! Command-line definitions (clap derive). Each `///` comment is the `--help`
//! text; the long help of each command teaches by example.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::extract::topics::Topic;
use crate::output::ColorChoice;

/// newsdex: search tech-news articles by passage, with the entities, money
/// amounts and topics (exclusivity, disputes, deals) in them.
#[derive(Debug, Parser)]
#[command(
    name = "newsdex",
    version,
    about,
    after_help = "Examples:
  newsdex index corpus/                      build the index from a folder
  newsdex search \"Azure exclusivity\"         rank passages about it
  newsdex search \"cloud deal\" --min-amount 10bn --entity AWS
  newsdex search \"legal action\" --topic dispute --json | jq .data.path
  echo 'Microsoft invested $10bn.' | newsdex extract -

Exit status: 0 when something was found, 1 when nothing was, 2 on error."
)]
pub struct Cli {
    /// Index folder [default: index/, or $NEWSDEX_INDEX].
    #[arg(long, global = true, env = "NEWSDEX_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour output: auto (only on a terminal, not with NO_COLOR), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index from a corpus folder (text, Markdown, HTML, JSON, JSON Lines).
    #[command(after_help = "Examples:
  newsdex index                              index corpus/ into index/
  newsdex index ~/news --index /tmp/news-index
  newsdex index ../shared/data/bbc --json     machine-readable summary on stdout

The new index is built beside the old one and swapped in when complete, so an
interrupted run leaves the previous index searchable. Files that cannot be read,
or hold binary content whatever their name, are named on stderr with the reason
and counted in the summary.")]
    Index(IndexArgs),
    /// Rank passages for a query.
    #[command(after_help = "Query syntax:
  azure exclusivity          passages with these words (all or most first)
  \"sole cloud provider\"      an exact phrase
  +amazon -google            require / exclude a word
  openai AND (azure OR aws)  boolean operators (capitals) and grouping
  title:stargate             a word in one field: title, text, heading, source, author
  entity:\"Amazon Web Services\"  passages tagged with an entity (any alias)
  date:2025  date:>=2025-01  date:[2024-01-01 TO 2024-06-30]

Text that is not valid syntax (a stray quote, C++, AT&T) is searched as plain
words, with a note on stderr.

Examples:
  newsdex search \"Azure exclusivity\" --explain
  newsdex search \"cloud deal\" --min-amount 10bn --entity AWS
  newsdex search \"fine\" --min-amount '€100m' --currency EUR
  newsdex search \"legal action\" --topic dispute --since 2025-01-01
  newsdex search openai --sort date -n 5 --json")]
    Search(SearchArgs),
    /// Chart how many articles match a query per day, week, month, quarter or year.
    #[command(
        after_help = "What counts as a match (exact, unlike the ranked pool of `search`):
  every word and \"quoted phrase\" of the query is required, as if written +word,
  in the passage text, its heading or its article's title (stemmed: takeovers =
  takeover); a OR b needs either; NOT x and -x exclude; every filter applies.
  No related words, topic vocabulary or entity aliases are added. An article
  counts once if any passage matches; a passage that is a near-copy (60% of its
  word triples) of an earlier one in another article is counted once, under the
  first; an article whose matching passages are all copies is not counted.
  Articles without a date are counted apart.

Examples:
  newsdex timeline takeover --by month
  newsdex timeline \"legal action\" --split topic
  newsdex timeline openai --entity Microsoft --since 2024 --json"
    )]
    Timeline(TimelineArgs),
    /// Write a self-contained HTML report of a query: timeline, entities, money, topics, passages.
    #[command(
        after_help = "The page has no scripts and fetches nothing: CSS and SVG charts are inline,
so it opens from disk, prints, and can be mailed. Counts follow the exact
matching of `newsdex timeline` (see its --help); the passages at the end are
ranked as `search` ranks them.

Examples:
  newsdex report \"Azure exclusivity\" -o report.html
  newsdex report takeover --since 1987-03 -n 200 -o takeover.html"
    )]
    Report(ReportArgs),
    /// Show what the indexer finds in a text: passages, money, entities, topics.
    #[command(after_help = "Examples:
  newsdex extract corpus/articles/some-article.txt
  echo 'Microsoft has invested tens of billions of dollars.' | newsdex extract - --json")]
    Extract(ExtractArgs),
    /// Run many queries from a file or stdin; JSON Lines (or TSV) out, in input order.
    #[command(
        after_help = "Input, one query per line (blank lines and # comments skipped):
  azure exclusivity                      a plain query (its id is its line number)
  q7<TAB>legal action                    an id, a tab, the query
  {\"id\": \"q9\", \"query\": \"cloud deal\", \"limit\": 5, \"topic\": \"deal\",
   \"entity\": \"AWS\", \"min_amount\": \"10bn\", \"since\": \"2025\"}

Output: per query its {\"type\":\"hit\"} records (query_id, rank, and the search hit
fields), then a {\"type\":\"query\"} summary; a query that fails gives a
{\"type\":\"error\"} record naming its id and line, the batch goes on, and the exit
status is 2 at the end. Saved queries are read strictly: a syntax error (say, an
unclosed quote) is an error record unless --lenient is given. A final {\"type\":\"summary\"} closes the output.

Examples:
  newsdex batch queries.txt > results.jsonl
  printf 'q1\\tAzure exclusivity\\nq2\\tlegal action\\n' | newsdex batch - --format tsv"
    )]
    Batch(BatchArgs),
    /// Write analysed passages for Quickwit or OpenSearch: a config and gzip NDJSON parts.
    #[command(
        long_about = "Write analysed passages for a distributed engine: for Quickwit an
index config (index-config.yaml) and passages-00001.ndjson.gz, …; for OpenSearch or
Elasticsearch an index mapping (mapping.json) and _bulk files bulk-00001.ndjson.gz, ….
Each record is one passage with its article's fields, entities, money amounts and
topic scores. Passages come from the index (--index, the default) or, with --corpus,
straight from a corpus folder, analysed on all cores without building an index: one
export per shard of a big corpus. docs/scale-out.md walks through loading them.",
        after_help = "Parts are gzip-compressed, each at most --part-size, written under a hidden
temporary name and renamed when complete; the config is written last. An OUT_DIR
that already holds an export is refused unless --force is given.

Examples:
  newsdex export --to quickwit qw                      from the index in index/
  newsdex export --to quickwit qw --corpus ~/news      no index needed
  quickwit index create --index-config qw/index-config.yaml
  zcat qw/passages-*.ndjson.gz | quickwit tool local-ingest --index newsdex

  newsdex export --to opensearch os --corpus corpus --part-size 10MB
  curl -XPUT localhost:9200/news -H 'Content-Type: application/json' -d @os/mapping.json
  for f in os/bulk-*.ndjson.gz; do curl -XPOST localhost:9200/news/_bulk \\
    -H 'Content-Type: application/x-ndjson' -H 'Content-Encoding: gzip' --data-binary @$f; done"
    )]
    Export(ExportArgs),
    /// List the most mentioned entities with passage and article counts.
    #[command(after_help = "Examples:
  newsdex entities --top 10
  newsdex entities --type person --json")]
    Entities(EntitiesArgs),
    /// Describe the index: articles, passages, size, dates, top entities and amounts.
    Stats(StatsArgs),
    /// Write shell completions (bash, zsh, fish, powershell, elvish) to stdout.
    #[command(
        after_help = "Example:\n  newsdex completions bash > ~/.local/share/bash-completion/completions/newsdex"
    )]
    Completions(CompletionsArgs),
    /// Write the man page (roff) to stdout.
    #[command(hide = true)]
    Man,
}

/// Options of `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Corpus folder to index.
    #[arg(default_value = "corpus", value_name = "CORPUS_DIR")]
    pub corpus: PathBuf,
    /// Replace an index built by another version of newsdex.
    #[arg(long)]
    pub rebuild: bool,
    /// Wait for another running indexer instead of failing.
    #[arg(long)]
    pub wait: bool,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// No progress bar and no per-file warnings (the summary still counts them).
    #[arg(long, short)]
    pub quiet: bool,
    /// Exit with status 2 if any file was skipped or warned about.
    #[arg(long)]
    pub strict: bool,
    /// Skip files larger than this (e.g. 64MB, 500k, 1GB).
    #[arg(long, default_value = "64MB", value_name = "SIZE")]
    pub max_file_size: String,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Turn off money extraction (to measure its cost).
    #[arg(long, hide = true)]
    pub no_money: bool,
    /// Turn off entity extraction (to measure its cost).
    #[arg(long, hide = true)]
    pub no_entities: bool,
    /// Turn off topic scoring (to measure its cost).
    #[arg(long, hide = true)]
    pub no_topics: bool,
}

/// Options of `newsdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (see the syntax below).
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// JSON Lines on stdout: one {"type":"hit"} per hit, then a {"type":"summary"}.
    #[arg(long)]
    pub json: bool,
    /// Corpus to build the index from if it does not exist yet.
    #[arg(long, default_value = "corpus", value_name = "DIR", hide = true)]
    pub corpus: PathBuf,
    #[command(flatten)]
    pub options: SearchOptions,
}

/// Filters and ranking switches shared by `search` and `batch`.
#[derive(Debug, Clone, Args)]
pub struct SearchOptions {
    /// Number of hits to show.
    #[arg(short = 'n', long = "limit", default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Only passages tagged with this entity (any alias; repeat: all must match).
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,
    /// Only passages with an amount of at least this (1bn, $500m, 1e9, '€2 billion').
    #[arg(long, value_name = "AMOUNT")]
    pub min_amount: Option<String>,
    /// Only passages with an amount of at most this.
    #[arg(long, value_name = "AMOUNT")]
    pub max_amount: Option<String>,
    /// Compare amounts exactly in this currency (ISO code, e.g. EUR) instead of approximate USD.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles from this source (words of its name; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Rank passages about this topic higher (repeatable).
    #[arg(long, value_enum, value_name = "TOPIC")]
    pub topic: Vec<Topic>,
    /// With --topic: only passages scoring at least this on it (0 to 1).
    #[arg(long, value_name = "SCORE")]
    pub min_topic: Option<f32>,
    /// At most this many passages from one article (0: no limit).
    #[arg(long, default_value_t = 2, value_name = "K")]
    pub per_article: usize,
    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    /// Show each hit's score broken into its parts.
    #[arg(long)]
    pub explain: bool,
    /// Plain BM25 over passage text only (the baseline; turns every other part off).
    #[arg(long)]
    pub plain: bool,
    /// Don't boost passages where the query words are close together.
    #[arg(long)]
    pub no_proximity: bool,
    /// Don't boost passages about the query's topics.
    #[arg(long)]
    pub no_topics: bool,
    /// Don't expand queries with related words ("probe" → inquiry) or their topic's vocabulary.
    #[arg(long)]
    pub no_expansion: bool,
    /// Don't boost passages tagged with entities the query names.
    #[arg(long)]
    pub no_entity_boost: bool,
    /// Show syndicated copies as separate hits.
    #[arg(long)]
    pub no_collapse: bool,
    /// Rank passages on their own evidence only, without their whole article's BM25.
    #[arg(long)]
    pub no_article: bool,
    /// Don't add words from the first pass's top articles to the query (pseudo-relevance
    /// feedback); `--explain` lists the words it adds.
    #[arg(long)]
    pub no_feedback: bool,
}

/// The filters of `search`, for commands that count matches instead of ranking them.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only passages tagged with this entity (any alias; repeat: all must match).
    #[arg(long, value_name = "NAME")]
    pub entity: Vec<String>,
    /// Only passages with an amount of at least this (1bn, $500m, 1e9, '€2 billion').
    #[arg(long, value_name = "AMOUNT")]
    pub min_amount: Option<String>,
    /// Only passages with an amount of at most this.
    #[arg(long, value_name = "AMOUNT")]
    pub max_amount: Option<String>,
    /// Compare amounts exactly in this currency (ISO code, e.g. EUR) instead of approximate USD.
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// Only articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles from this source (words of its name; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only passages about this topic: scoring at least --min-topic on it (repeat: all).
    #[arg(long, value_enum, value_name = "TOPIC")]
    pub topic: Vec<Topic>,
    /// With --topic: the lowest score that counts (0 to 1).
    #[arg(long, value_name = "SCORE", default_value_t = crate::extract::topics::TOPIC_THRESHOLD)]
    pub min_topic: f32,
}

/// Options of `newsdex timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// The query (every word required; see below).
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// Length of one bar [default: from the span, so the chart has 6 to 40 bars].
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub by: Option<PeriodArg>,
    /// One series per topic, per top-5 entity or per top-5 source, stacked, with a legend.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub split: Option<SplitArg>,
    /// What the bars count: articles (copies once) or passages.
    #[arg(long, value_enum, default_value_t = CountArg::Articles, value_name = "WHAT")]
    pub count: CountArg,
    /// Plain ASCII bars instead of Unicode blocks.
    #[arg(long)]
    pub ascii: bool,
    /// JSON Lines: one {"type":"bucket"} per period, then a {"type":"summary"}.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Options of `newsdex report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The query (every word required for the counts; see `newsdex timeline --help`).
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// The HTML file to write.
    #[arg(short, long, value_name = "FILE.html")]
    pub output: PathBuf,
    /// Number of ranked passages to list.
    #[arg(short = 'n', long = "limit", default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Length of one timeline bar [default: from the span].
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub by: Option<PeriodArg>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Periods for `--by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// Series for `--split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    Topic,
    Entity,
    Source,
}

/// What `timeline --count` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountArg {
    Articles,
    Passages,
}

/// Options of `newsdex batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// File of queries, one per line, or `-` for stdin.
    #[arg(default_value = "-", value_name = "FILE|-")]
    pub file: String,
    /// Output format: JSON Lines, or TSV for spreadsheets.
    #[arg(long, value_enum, default_value_t = BatchFormat::Jsonl)]
    pub format: BatchFormat,
    /// Queries run at once (default: all cores).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Read a query with a syntax error (a stray quote or parenthesis) as plain
    /// words, as `search` does, instead of reporting it as an error record.
    #[arg(long)]
    pub lenient: bool,
    #[command(flatten)]
    pub options: SearchOptions,
}

/// Output formats of `newsdex batch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    Jsonl,
    Tsv,
}

/// Options of `newsdex export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The engine to write for.
    #[arg(long, value_enum, value_name = "ENGINE")]
    pub to: ExportTarget,
    /// Folder to write the config and parts into (created if missing).
    #[arg(value_name = "OUT_DIR")]
    pub out_dir: PathBuf,
    /// Read this corpus folder instead of the index (no index is built).
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Largest compressed size of one part (e.g. 100MB, 10MB for OpenSearch requests).
    #[arg(long, default_value = "100MB", value_name = "SIZE")]
    pub part_size: String,
    /// The index id written into the Quickwit config.
    #[arg(long, default_value = "newsdex", value_name = "ID")]
    pub index_id: String,
    /// Replace the files of an earlier export in OUT_DIR.
    #[arg(long)]
    pub force: bool,
    /// Print the summary as JSON on stdout (and no progress bar).
    #[arg(long)]
    pub json: bool,
    /// No progress bar and no per-file warnings.
    #[arg(long, short)]
    pub quiet: bool,
    /// With --corpus: skip files larger than this.
    #[arg(long, default_value = "64MB", value_name = "SIZE")]
    pub max_file_size: String,
    /// With --corpus: worker threads (default: all cores).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub threads: usize,
}

/// Engines `newsdex export` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    Quickwit,
    /// OpenSearch, or Elasticsearch (same mapping and _bulk format).
    Opensearch,
}

/// Options of `newsdex entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Only entities of this type: organization, person, product or place.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// How many to list.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// JSON Lines: one {"type":"entity"} per entity, then a summary.
    #[arg(long)]
    pub json: bool,
}

/// Options of `newsdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    /// How many top entities and amounts to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
}

/// Options of `newsdex completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Options of `newsdex extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// File to read, or `-` for stdin.
    #[arg(default_value = "-", value_name = "FILE|-")]
    pub file: String,
    /// Format of stdin (or of a file with an unusual extension).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,
    /// JSON Lines on stdout: one {"type":"passage"} per passage, then a summary.
    #[arg(long)]
    pub json: bool,
}

/// Orders for `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
}

/// Formats for `extract --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Txt,
    Md,
    Html,
    Json,
    Jsonl,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// clap checks a definition only where it was compiled with debug assertions, so
    /// `debug_assert` above checks nothing in the release profile the suite runs in. The
    /// checks that matter most are repeated here: no flag is defined twice in any
    /// subcommand (globals included), and every subcommand's help renders.
    #[test]
    fn flags_are_unique_and_every_help_renders() {
        fn walk(cmd: &clap::Command, path: &str) {
            let mut ids = std::collections::HashSet::new();
            let mut longs = std::collections::HashSet::new();
            let mut shorts = std::collections::HashSet::new();
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                assert!(ids.insert(id), "{path}: argument {id} defined twice");
                if let Some(long) = arg.get_long() {
                    assert!(longs.insert(long), "{path}: --{long} defined twice");
                }
                if let Some(short) = arg.get_short() {
                    assert!(shorts.insert(short), "{path}: -{short} defined twice");
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &format!("{path} {}", sub.get_name()));
                assert!(!sub.clone().render_long_help().to_string().is_empty());
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        walk(&cmd, "newsdex");
    }
}
