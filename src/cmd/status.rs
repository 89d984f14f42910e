//! `readout status`: what an operator checks first — the schema version, how many rows each
//! table holds, the last runs and the files rejected, and why. It reads the database only:
//! nothing is created, migrated or written.

use std::io::{self, Write};

use crate::cli::StatusArgs;
use crate::store::{self, RejectedFile, Rejections, Runs, Store, StoreError, TableRows};

use super::{EXIT_FATAL, EXIT_OK};

pub fn run(args: &StatusArgs) -> u8 {
    let db = &args.db.db;
    if !db.exists() {
        tracing::error!("{}: no database there (`readout ingest --db {}` creates it)", db.display(), db.display());
        return EXIT_FATAL;
    }
    let store = match Store::open_read_only(db, args.db.busy_timeout()) {
        Ok(store) => store,
        Err(e) => {
            tracing::error!("{}: cannot read the database: {e}", db.display());
            return EXIT_FATAL;
        }
    };
    let mut out = io::stdout().lock();
    match write_status(&store, args, &mut out) {
        Ok(()) => EXIT_OK,
        // A closed pipe (`| head`) is not an error.
        Err(StatusError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            tracing::error!("{}: {e}", db.display());
            EXIT_FATAL
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum StatusError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("cannot read the database: {0}")]
    Store(#[from] StoreError),
}

fn write_status(store: &Store, args: &StatusArgs, out: &mut impl Write) -> Result<(), StatusError> {
    let version = store.schema_version()?;
    let latest = store::latest_schema_version();
    let note = match version.cmp(&latest) {
        std::cmp::Ordering::Equal => String::new(),
        std::cmp::Ordering::Less => format!(" (the next ingest migrates it to {latest})"),
        std::cmp::Ordering::Greater => format!(" (newer than this readout, which knows {latest})"),
    };
    writeln!(out, "database: {}", args.db.db.display())?;
    writeln!(out, "schema version: {version}{note}")?;

    writeln!(out, "\nrows per table:")?;
    for TableRows { table, rows, .. } in store.table_rows()? {
        writeln!(out, "  {table:<24} {rows:>10}")?;
    }

    if !store.has_table("v_ingest_runs")? || !store.has_table("v_rejected_files")? {
        writeln!(out, "\nno runs log yet: the next ingest adds it")?;
        return Ok(());
    }
    write_runs(&store.last_runs(args.runs)?, args.runs, out)?;
    write_rejected(&store.last_rejections(args.rejected)?, args.rejected, out)?;
    Ok(())
}

fn write_runs(runs: &Runs, limit: u32, out: &mut impl Write) -> io::Result<()> {
    let total = runs.total;
    writeln!(out, "\nlast runs ({} of {total}; all in v_ingest_runs):", total.min(i64::from(limit)))?;
    for r in &runs.last {
        let took = r.seconds.map(|s| format!(", {s} s")).unwrap_or_default();
        let status = match r.status.as_str() {
            "unfinished" => format!("unfinished (pid {}: still running, or killed)", r.pid),
            status => status.to_string(),
        };
        writeln!(out, "  run {}  {}  {status}  readout {}{took}", r.run_id, r.started_at, r.readout_version)?;
        write!(
            out,
            "        {} seen: {} ingested ({} replacing an earlier version), {} unchanged, {} rejected",
            r.files_seen, r.files_ingested, r.files_replaced, r.files_skipped, r.files_rejected
        )?;
        if r.files_not_done > 0 {
            write!(out, ", {} not taken", r.files_not_done)?;
        }
        writeln!(out)?;
        if let Some(message) = &r.message {
            writeln!(out, "        {message}")?;
        }
    }
    Ok(())
}

fn write_rejected(rejections: &Rejections, limit: u32, out: &mut impl Write) -> io::Result<()> {
    let Rejections { total, not_stored_since: open, last } = rejections;
    if *total == 0 {
        writeln!(out, "\nno file rejected")?;
        return Ok(());
    }
    writeln!(
        out,
        "\nrejected files ({} of {total}, newest first; {open} not stored since; all in v_rejected_files):",
        total.min(&i64::from(limit))
    )?;
    for RejectedFile { run_id, path, error, stored_since } in last {
        let since = if *stored_since { "  (stored since)" } else { "" };
        writeln!(out, "  run {run_id}  {path}: {error}{since}")?;
    }
    Ok(())
}
