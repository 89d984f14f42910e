//! `readout ingest`: files into the database, each all or nothing, committed in batches, every
//! file logged in the runs log; with `--dry-run`, what a run would do, without writing anything.
//!
//! A file's problem rejects that file (exit status 1 at the end, the others still ingested).
//! A database that cannot be opened, migrated or written stops the run (2); so does one that
//! another process keeps locked for longer than the busy timeout (3). Files not taken by a
//! stopped run are left for the next one: nothing partial is ever written.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cli::{DbArgs, IngestArgs};
use crate::file_list::FileList;
use crate::parallel;
use crate::pipeline::{self, FileError, FileOutcome, Ingester, InputError, Plan};
use crate::progress::Progress;
use crate::store::{self, RunOutcome, RunStart, Store, StoreError};

use super::{EXIT_BUSY, EXIT_FATAL, EXIT_OK, EXIT_REJECTED};

/// What a run did, file by file.
#[derive(Debug, Default)]
struct Tally {
    stored: usize,
    replaced: usize,
    unchanged: usize,
    rejected: usize,
}

/// Why a run stopped before taking every file.
struct Stop {
    exit_status: u8,
    message: String,
}

impl Stop {
    fn new(db: &DbArgs, e: &StoreError, left: usize) -> Stop {
        let left = match left {
            0 => String::new(),
            n => format!("; {n} file(s) not taken, left for the next run"),
        };
        if e.is_busy() {
            Stop {
                exit_status: EXIT_BUSY,
                message: format!(
                    "the database is locked by another process (another run, or a client holding a write transaction) and stayed locked for more than {} s (--busy-timeout){left}",
                    db.busy_timeout
                ),
            }
        } else {
            Stop { exit_status: EXIT_FATAL, message: format!("the database failed: {e}{left}") }
        }
    }
}

pub fn run(args: &IngestArgs, show_progress: bool) -> u8 {
    if args.dry_run {
        // A dry run prints a line per file as it goes: that is its progress.
        return dry_run(args);
    }
    let db = &args.db.db;
    let mut store = match Store::open(db, args.db.busy_timeout()) {
        Ok(store) => store,
        Err(e) if e.is_busy() => {
            tracing::error!("{}: {}; nothing was ingested", db.display(), Stop::new(&args.db, &e, 0).message);
            return EXIT_BUSY;
        }
        Err(e) => {
            tracing::error!("{}: cannot open the database: {e}", db.display());
            return EXIT_FATAL;
        }
    };
    let (files, input_errors) = pipeline::inputs(&args.paths);
    let start =
        RunStart { paths: &args.paths, issue_date: args.issue_date, files_seen: files.len() + input_errors.len() };
    if let Err(e) = store.begin_run(&start) {
        let stop = Stop::new(&args.db, &e, files.len());
        tracing::error!("{}: {}", db.display(), stop.message);
        return stop.exit_status;
    }
    let mut tally = Tally::default();
    let stop = ingest_files(args, &mut store, &files, &input_errors, &mut tally, show_progress);
    let (outcome, exit_status) = match (&stop, tally.rejected) {
        (Some(stop), _) => (RunOutcome::Stopped, stop.exit_status),
        (None, 0) => (RunOutcome::Ok, EXIT_OK),
        (None, _) => (RunOutcome::RejectedFiles, EXIT_REJECTED),
    };
    if let Some(stop) = &stop {
        tracing::error!("{}: {}", db.display(), stop.message);
    }
    let Tally { stored, replaced, unchanged, rejected } = tally;
    if outcome == RunOutcome::Ok {
        tracing::info!(stored, replaced, unchanged, rejected, "done");
    } else {
        tracing::warn!(stored, replaced, unchanged, rejected, "done, with {rejected} file(s) rejected");
    }
    match store.finish_run(outcome, exit_status, stop.as_ref().map(|s| s.message.as_str())) {
        Ok(()) => exit_status,
        // The files are stored; only the end of the run could not be logged.
        Err(e) => {
            let stop = Stop::new(&args.db, &e, 0);
            tracing::error!("{}: could not log the end of the run: {}", db.display(), stop.message);
            exit_status.max(stop.exit_status)
        }
    }
}

/// Takes every file in turn; returns why it stopped early, if it did.
fn ingest_files(
    args: &IngestArgs,
    store: &mut Store,
    files: &FileList,
    input_errors: &[InputError],
    tally: &mut Tally,
    show_progress: bool,
) -> Option<Stop> {
    for e in input_errors {
        tracing::error!("{e}");
        tally.rejected += 1;
        if let Err(e) = store.log_rejected(&e.path.to_string_lossy(), &e.message, None) {
            return Some(Stop::new(&args.db, &e, files.len()));
        }
    }
    let ingester = Ingester::new(args.issue_date, args.max_bytes);
    let progress = Progress::start(files.len(), show_progress);
    let mut stop = None;
    let mut left = files.len();
    parallel::ingest_files(&ingester, store, files, parallel::default_workers(), |path, outcome| {
        progress.file(path);
        left -= 1;
        match outcome {
            Ok(FileOutcome::Stored { articles }) => {
                tally.stored += 1;
                tracing::info!(file = %path.display(), articles, "stored");
            }
            Ok(FileOutcome::Replaced { articles, previous_ingested_at }) => {
                tally.replaced += 1;
                tracing::info!(file = %path.display(), articles, previous = %previous_ingested_at, "replaced the version stored before");
            }
            Ok(FileOutcome::Unchanged { stored_as }) => {
                tally.unchanged += 1;
                if Path::new(&stored_as) == path {
                    tracing::info!(file = %path.display(), "unchanged, skipped");
                } else {
                    tracing::info!(file = %path.display(), stored_as = %stored_as, "unchanged, skipped");
                }
            }
            Err(FileError::Store(e)) => {
                stop = Some(Stop::new(&args.db, &e, left + 1));
                return false;
            }
            Err(e) => {
                tally.rejected += 1;
                tracing::error!("{}: {e}", path.display());
            }
        }
        progress.done();
        true
    });
    stop
}

/// `--dry-run`: what a run would do with each file, on standard output, and nothing written.
fn dry_run(args: &IngestArgs) -> u8 {
    let db = &args.db.db;
    let store = if db.exists() {
        match Store::open_read_only(db, args.db.busy_timeout()) {
            Ok(store) => Some(store),
            Err(e) => {
                tracing::error!("{}: cannot read the database: {e}", db.display());
                return EXIT_FATAL;
            }
        }
    } else {
        None
    };
    let mut out = io::stdout().lock();
    match dry_run_to(args, store.as_ref(), &mut out) {
        Ok(status) => status,
        // A closed pipe (`| head`) is not an error.
        Err(DryRunError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            tracing::error!("{}: {e}", db.display());
            EXIT_FATAL
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum DryRunError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("cannot read the database: {0}")]
    Store(#[from] StoreError),
}

fn dry_run_to(args: &IngestArgs, store: Option<&Store>, out: &mut impl Write) -> Result<u8, DryRunError> {
    let db = args.db.db.display();
    let latest = store::latest_schema_version();
    match store {
        None => writeln!(out, "{db} does not exist: a run would create it, and every file is new")?,
        Some(store) => {
            let version = store.schema_version()?;
            if version > latest {
                tracing::error!(
                    "{db}: schema version {version} is newer than this readout knows ({latest}): a run would refuse the database"
                );
                return Ok(EXIT_FATAL);
            }
            if version < latest {
                writeln!(out, "{db} is at schema version {version}: a run would first migrate it to version {latest}")?;
            }
        }
    }
    let (files, input_errors) = pipeline::inputs(&args.paths);
    let mut tally = Tally { rejected: input_errors.len(), ..Tally::default() };
    for e in &input_errors {
        writeln!(out, "reject   {e}")?;
    }
    let ingester = Ingester::new(args.issue_date, args.max_bytes);
    // The content a run would store, to tell which later file it would find unchanged.
    let mut to_store: HashMap<(String, Option<String>), PathBuf> = HashMap::new();
    for path in files.iter() {
        let path = path.as_path();
        let shown = path.display();
        match ingester.plan(store, path) {
            Ok(Plan::Unchanged { stored, .. }) => {
                tally.unchanged += 1;
                if Path::new(&stored.path) == path {
                    writeln!(out, "skip     {shown}  (unchanged)")?;
                } else {
                    writeln!(out, "skip     {shown}  (unchanged: stored as {})", stored.path)?;
                }
            }
            Ok(Plan::Write { page, replaces }) => {
                let key = (page.source.content_hash.clone(), page.issue_date.map(|d| d.to_string()));
                let articles = page.page.page.articles.len();
                if let Some(first) = to_store.get(&key) {
                    tally.unchanged += 1;
                    writeln!(out, "skip     {shown}  (unchanged: the same as {}, stored before it)", first.display())?;
                } else if let Some(previous) = replaces {
                    tally.replaced += 1;
                    to_store.insert(key, path.to_path_buf());
                    writeln!(
                        out,
                        "replace  {shown}  ({articles} article(s); replaces the version stored {})",
                        previous.ingested_at
                    )?;
                } else {
                    tally.stored += 1;
                    to_store.insert(key, path.to_path_buf());
                    writeln!(out, "store    {shown}  ({articles} article(s))")?;
                }
            }
            Err(FileError::Store(e)) => return Err(e.into()),
            Err(e) => {
                tally.rejected += 1;
                writeln!(out, "reject   {shown}: {e}")?;
            }
        }
    }
    let Tally { stored, replaced, unchanged, rejected } = tally;
    writeln!(
        out,
        "dry run: {stored} to store, {replaced} to replace, {unchanged} unchanged, {rejected} to reject; nothing was written{}",
        if store.is_none() { format!(" and {db} was not created") } else { String::new() }
    )?;
    Ok(if rejected > 0 { EXIT_REJECTED } else { EXIT_OK })
}
