//! `readout status`: what an operator checks first — the schema version, how many rows each
//! table holds, the last runs and the files rejected, and why. It reads the database only:
//! nothing is created, migrated or written.

use std::io::{self, Write};

use rusqlite::Connection;

use crate::cli::StatusArgs;
use crate::store::{self, Store, StoreError};

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
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot read the database: {0}")]
    Store(#[from] StoreError),
}

fn write_status(store: &Store, args: &StatusArgs, out: &mut impl Write) -> Result<(), StatusError> {
    let conn = store.connection();
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
    for (table, rows) in table_counts(conn)? {
        writeln!(out, "  {table:<24} {rows:>10}")?;
    }

    if !store.has_table("v_ingest_runs")? || !store.has_table("v_rejected_files")? {
        writeln!(out, "\nno runs log yet: the next ingest adds it")?;
        return Ok(());
    }
    write_runs(conn, args.runs, out)?;
    write_rejected(conn, args.rejected, out)?;
    Ok(())
}

fn table_counts(conn: &Connection) -> Result<Vec<(String, i64)>, rusqlite::Error> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    tables
        .into_iter()
        .map(|table| {
            let rows = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0))?;
            Ok((table, rows))
        })
        .collect()
}

fn write_runs(conn: &Connection, limit: u32, out: &mut impl Write) -> Result<(), StatusError> {
    let total: i64 = conn.query_row("SELECT count(*) FROM v_ingest_runs", [], |r| r.get(0))?;
    writeln!(out, "\nlast runs ({} of {total}; all in v_ingest_runs):", total.min(i64::from(limit)))?;
    let mut stmt = conn.prepare(
        "SELECT run_id, started_at, status, readout_version, files_seen, files_ingested, files_replaced,
                files_skipped, files_rejected, files_not_done, seconds, message, pid
           FROM v_ingest_runs ORDER BY run_id DESC LIMIT ?1",
    )?;
    let mut rows = stmt.query([limit])?;
    while let Some(r) = rows.next()? {
        let (run, started, status, version): (i64, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let counts: [i64; 6] = [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?];
        let [seen, ingested, replaced, skipped, rejected, not_done] = counts;
        let took = r.get::<_, Option<f64>>(10)?.map(|s| format!(", {s} s")).unwrap_or_default();
        let status = match status.as_str() {
            "unfinished" => format!("unfinished (pid {}: still running, or killed)", r.get::<_, i64>(12)?),
            _ => status,
        };
        writeln!(out, "  run {run}  {started}  {status}  readout {version}{took}")?;
        write!(
            out,
            "        {seen} seen: {ingested} ingested ({replaced} replacing an earlier version), {skipped} unchanged, {rejected} rejected"
        )?;
        if not_done > 0 {
            write!(out, ", {not_done} not taken")?;
        }
        writeln!(out)?;
        if let Some(message) = r.get::<_, Option<String>>(11)? {
            writeln!(out, "        {message}")?;
        }
    }
    Ok(())
}

fn write_rejected(conn: &Connection, limit: u32, out: &mut impl Write) -> Result<(), StatusError> {
    let (total, open): (i64, i64) =
        conn.query_row("SELECT count(*), count(*) FILTER (WHERE NOT stored_since) FROM v_rejected_files", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    if total == 0 {
        writeln!(out, "\nno file rejected")?;
        return Ok(());
    }
    writeln!(
        out,
        "\nrejected files ({} of {total}, newest first; {open} not stored since; all in v_rejected_files):",
        total.min(i64::from(limit))
    )?;
    let mut stmt = conn
        .prepare("SELECT run_id, path, error, stored_since FROM v_rejected_files ORDER BY run_id DESC, seq LIMIT ?1")?;
    let mut rows = stmt.query([limit])?;
    while let Some(r) = rows.next()? {
        let (run, path, error, stored_since): (i64, String, String, bool) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let since = if stored_since { "  (stored since)" } else { "" };
        writeln!(out, "  run {run}  {path}: {error}{since}")?;
    }
    Ok(())
}
