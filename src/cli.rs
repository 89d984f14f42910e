//! The command line: what each command and option means, with examples.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "readout",
    version,
    about = "Turns Chinese official news pages into a SQLite database of meetings, attendance, unit reports, agreements and approved documents.",
    long_about = "Turns Chinese official news pages — newspaper front pages extracted from PDF or OCR with hard line wraps, and web copies of the same reports — into a normalized SQLite database with saved views for analysts and dashboards.",
    after_help = "Examples:\n  readout ingest --db readout.db pages/\n  readout ingest --issue-date 2024-04-02 page.txt\n  readout ingest --dry-run pages/\n  readout status --db readout.db\n  readout summary --db readout.db\n  readout search --db readout.db 龚正\n  readout export --db readout.db --view v_achievements --format csv --out achievements.csv\n  readout schema-doc --out docs/schema.md"
)]
pub struct Cli {
    #[command(flatten)]
    pub logging: Logging,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Logging {
    /// Print errors only (for cron). Example: `readout -q ingest pages/`
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more detail; twice for every diagnostic. Example: `readout -vv ingest page.txt`
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Log line format: `text` for people, `json` for log collectors. Example: `--log-format json`
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest page files, text or HTML (or folders of them): new and changed only.
    ///
    /// Each file is stored whole or not at all and logged in the runs log (`readout status`);
    /// a file whose content is stored already is skipped without being parsed, and a file
    /// whose content changed replaces the rows of its earlier version.
    #[command(
        after_help = "Examples:\n  readout ingest --db readout.db pages/2024/\n  readout ingest --issue-date 2024-04-02 000_33a1af8f75da2c74.txt\n  readout ingest jfdaily_2024-04-02_01.txt   (issue date read from the name)\n  readout ingest --dry-run pages/            (what would be stored, replaced, skipped or rejected)\n  readout -q ingest --busy-timeout 600 pages/   (from cron: errors only; wait up to 10 minutes for another run)\n\nExit status: 0 every file ingested or already stored; 1 some file rejected (the others are still ingested); 2 bad arguments, or a database that cannot be opened, migrated or written; 3 the database stayed locked by another process for longer than --busy-timeout (the files not yet taken are left for the next run)."
    )]
    Ingest(IngestArgs),
    /// Print the database's schema version, row counts, last runs and rejected files.
    #[command(
        after_help = "Examples:\n  readout status --db readout.db\n  readout status --runs 20 --rejected 50\n\nNothing is created, migrated or written. Exit status: 0, or 2 when there is no database or it cannot be read."
    )]
    Status(StatusArgs),
    /// Print a one-screen summary of what the database holds.
    #[command(after_help = "Example:\n  readout summary --db readout.db")]
    Summary(DbArgs),
    /// Find the sentences that contain a word or phrase.
    #[command(
        after_help = "Examples:\n  readout search 龚正\n  readout search --db readout.db 营商环境\n  readout search --substring --highlight none 全市第一 | less\n\nThe query is cut into words as the stored text was (jieba's search words), so a name of two characters finds the sentences naming that person. A query of three characters or more also finds every sentence holding it as written. Sentences are printed newest issue first, then in reading order.\n\nExit status: 0 the search ran (found or not); 2 bad arguments or a database that cannot be opened."
    )]
    Search(SearchArgs),
    /// Write every row of a saved view as CSV, JSON or JSON Lines, for dashboards.
    #[command(
        after_help = "Examples:\n  readout export --view v_achievements --format csv --out achievements.csv\n  readout export --db readout.db --view v_rank_claims --format jsonl | jq .ranked\n\nCSV: a header row, UTF-8 without BOM, RFC 4180 quoting, CRLF line ends; NULL is an empty field. JSON: one array of objects, JSON Lines: one object per line; NULL is null, numbers stay numbers.\n\nExit status: 0 written; 2 bad arguments (such as a view the database does not hold), a database that cannot be opened, or an output that cannot be written."
    )]
    Export(ExportArgs),
    /// Write the data dictionary (every table, view and column with its meaning) as Markdown.
    #[command(
        name = "schema-doc",
        after_help = "Examples:\n  readout schema-doc --out docs/schema.md\n  readout schema-doc --db readout.db | less\n\nWithout --db the dictionary describes a new, empty database of this version of readout."
    )]
    SchemaDoc(SchemaDocArgs),
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Match the query only as written: sentences holding it, whatever the words around it
    /// (also for one or two characters, which words would not find inside a longer word).
    /// Example: `readout search --substring 第一`
    #[arg(long)]
    pub substring: bool,
    /// How to mark what matched: `ansi` (bold red), `brackets` («…»), `none`; `auto` is `ansi`
    /// on a terminal (unless NO_COLOR is set), `brackets` otherwise. Example: `--highlight none`
    #[arg(long, value_enum, default_value_t = Highlight::Auto)]
    pub highlight: Highlight,
    /// Print at most this many sentences. Example: `--limit 20`
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Shorten each sentence to about this many characters around the first match (0: whole
    /// sentences). Example: `--width 60`
    #[arg(long, default_value_t = 0)]
    pub width: usize,
    /// The word or phrase to look for. Example: `营商环境`
    #[arg(required = true, value_name = "QUERY")]
    pub query: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Highlight {
    Auto,
    Ansi,
    Brackets,
    None,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The saved view to export; a name the database does not hold is refused with the list of
    /// views. Example: `--view v_rank_claims`
    #[arg(long, value_name = "NAME")]
    pub view: String,
    /// The output format. Example: `--format jsonl`
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output. Example: `--out claims.csv`
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct SchemaDocArgs {
    /// Describe this database instead of a new, empty one. Example: `--db readout.db`
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Write to this file instead of standard output. Example: `--out docs/schema.md`
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// The SQLite database. Example: `--db /data/readout.db`
    #[arg(long, default_value = "readout.db")]
    pub db: PathBuf,
    /// How long to wait, in seconds, when another process (an overlapping run) is writing to
    /// the database, before giving up with exit status 3; 0 gives up at once. Readers never
    /// make a run wait. Example: `--busy-timeout 600`
    #[arg(long, value_name = "SECONDS", default_value_t = crate::store::DEFAULT_BUSY_TIMEOUT.as_secs())]
    pub busy_timeout: u64,
}

impl DbArgs {
    pub fn busy_timeout(&self) -> Duration {
        Duration::from_secs(self.busy_timeout)
    }
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// How many of the last runs to list. Example: `--runs 20`
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub runs: u32,
    /// How many of the last rejected files to list. Example: `--rejected 50`
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub rejected: u32,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The date of the issue the pages belong to, which relative dates (昨天, 今天, 前天,
    /// 上周五) resolve against. Without it, a date in each file's name is used
    /// (`2024-04-02`, `20240402`), else the date stays unknown and a warning says so.
    /// Example: `--issue-date 2024-04-02`
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub issue_date: Option<NaiveDate>,
    /// Reject files of this many bytes or more. Example: `--max-bytes 100000000`
    #[arg(long, value_name = "BYTES", default_value_t = crate::reader::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// Print what would be stored, replaced, skipped (unchanged) or rejected, one line per
    /// file on standard output, without writing anything: the database is neither created
    /// nor migrated. Example: `readout ingest --dry-run pages/`
    #[arg(long)]
    pub dry_run: bool,
    /// Files and folders to ingest: text files and saved web pages (*.html, *.htm, *.shtml); a
    /// folder means every such file below it, in sorted order.
    /// Example: `pages/ extra/page.txt`
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}
