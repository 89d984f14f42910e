//! The command line: what each command and option means, with examples.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "readout",
    version,
    about = "Turns Chinese official news pages into a SQLite database of meetings, attendance, unit reports, agreements and approved documents.",
    long_about = "Turns Chinese official news pages — newspaper front pages extracted from PDF or OCR with hard line wraps, and web copies of the same reports — into a normalized SQLite database with saved views for analysts and dashboards.",
    after_help = "Examples:\n  readout ingest --db readout.db pages/\n  readout ingest --issue-date 2024-04-02 page.txt\n  readout summary --db readout.db"
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
    /// Ingest page files (or every *.txt below a folder) into the database.
    #[command(
        after_help = "Examples:\n  readout ingest --db readout.db pages/2024/\n  readout ingest --issue-date 2024-04-02 000_33a1af8f75da2c74.txt\n  readout ingest jfdaily_2024-04-02_01.txt   (issue date read from the name)\n\nExit status: 0 every file ingested or already stored; 1 some file rejected (the others are still ingested); 2 bad arguments or a database that cannot be opened or migrated."
    )]
    Ingest(IngestArgs),
    /// Print a one-screen summary of what the database holds.
    #[command(after_help = "Example:\n  readout summary --db readout.db")]
    Summary(DbArgs),
}

#[derive(Debug, Args)]
pub struct DbArgs {
    /// The SQLite database. Example: `--db /data/readout.db`
    #[arg(long, default_value = "readout.db")]
    pub db: PathBuf,
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
    /// Files and folders to ingest; a folder means every *.txt below it, in sorted order.
    /// Example: `pages/ extra/page.txt`
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}
