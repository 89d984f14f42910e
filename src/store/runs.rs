//! The runs log: one `ingest_runs` row per `readout ingest`, one `ingest_files` row per file
//! it took, with the file's status and, for a rejected file, why.
//!
//! A file's row is written in the transaction that decides its fate: with its page for a
//! stored or replaced file, on its own for an unchanged or rejected one. The run's counters
//! are updated in the same transaction, so after a crash the log still agrees with the pages.

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::{Connection, TransactionBehavior, params};

use super::{Store, StoreError, StoredPage, now};

/// An `ingest_runs` row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RunId(pub i64);

/// What a run was asked to do.
#[derive(Debug)]
pub struct RunStart<'a> {
    /// The paths on the command line.
    pub paths: &'a [PathBuf],
    pub issue_date: Option<NaiveDate>,
    /// The files found under those paths, and the paths that gave no file.
    pub files_seen: usize,
}

/// What happened to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileStatus {
    Stored,
    Replaced,
    Unchanged,
    Rejected,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Stored => "stored",
            FileStatus::Replaced => "replaced",
            FileStatus::Unchanged => "unchanged",
            FileStatus::Rejected => "rejected",
        }
    }
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunOutcome {
    /// Every file was ingested or found unchanged.
    Ok,
    /// Some files were rejected; the others were ingested.
    RejectedFiles,
    /// The run stopped before taking every file (the database was busy or failed).
    Stopped,
}

impl RunOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Ok => "ok",
            RunOutcome::RejectedFiles => "rejected_files",
            RunOutcome::Stopped => "stopped",
        }
    }
}

/// One `ingest_files` row.
#[derive(Debug)]
pub(super) struct FileLog<'a> {
    pub path: &'a str,
    pub status: FileStatus,
    pub error: Option<&'a str>,
    pub content_hash: Option<&'a str>,
    pub issue_date: Option<&'a str>,
    pub page_id: Option<i64>,
    pub articles: Option<usize>,
    /// The page a replaced file's page took the place of.
    pub replaced: Option<&'a StoredPage>,
}

impl<'a> FileLog<'a> {
    pub fn new(path: &'a str, status: FileStatus) -> Self {
        FileLog {
            path,
            status,
            error: None,
            content_hash: None,
            issue_date: None,
            page_id: None,
            articles: None,
            replaced: None,
        }
    }
}

/// Writes a file's row and counts it in its run, inside the caller's transaction.
pub(super) fn log_file(conn: &Connection, run: RunId, file: &FileLog<'_>) -> Result<(), StoreError> {
    let status = file.status;
    conn.prepare_cached(
        "INSERT INTO ingest_files (run_id, seq, path, status, error, content_hash, issue_date, page_id, articles,
                                   replaced_content_hash, replaced_ingested_at, logged_at)
         VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ingest_files WHERE run_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        run.0,
        file.path,
        status.as_str(),
        file.error,
        file.content_hash,
        file.issue_date,
        file.page_id,
        file.articles.map(|n| n as i64),
        file.replaced.map(|p| &p.content_hash),
        file.replaced.map(|p| &p.ingested_at),
        now(),
    ])?;
    let column = match status {
        FileStatus::Stored => "files_ingested = files_ingested + 1",
        FileStatus::Replaced => "files_ingested = files_ingested + 1, files_replaced = files_replaced + 1",
        FileStatus::Unchanged => "files_skipped = files_skipped + 1",
        FileStatus::Rejected => "files_rejected = files_rejected + 1",
    };
    conn.prepare_cached(&format!("UPDATE ingest_runs SET {column} WHERE run_id = ?1"))?.execute([run.0])?;
    Ok(())
}

impl Store {
    /// Opens a run in the runs log; every file ingested through this store from now on is
    /// logged in it.
    pub fn begin_run(&mut self, start: &RunStart<'_>) -> Result<RunId, StoreError> {
        let paths: Vec<String> = start.paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        // IMMEDIATE, as every write here: the write lock is taken (or waited for) first, so
        // that no other writer can slip in between a read and the write.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO ingest_runs (started_at, readout_version, pid, paths, issue_date, files_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                now(),
                env!("CARGO_PKG_VERSION"),
                std::process::id(),
                paths.join("\n"),
                start.issue_date.map(|d| d.to_string()),
                start.files_seen as i64,
            ],
        )?;
        let run = RunId(tx.last_insert_rowid());
        tx.commit()?;
        self.run = Some(run);
        Ok(run)
    }

    /// Logs a file found unchanged: its content and issue date are stored as `stored`.
    pub fn log_unchanged(
        &mut self,
        path: &str,
        content_hash: &str,
        issue_date: Option<&str>,
        stored: &StoredPage,
    ) -> Result<(), StoreError> {
        self.log(&FileLog {
            content_hash: Some(content_hash),
            issue_date,
            page_id: Some(stored.page_id),
            ..FileLog::new(path, FileStatus::Unchanged)
        })
    }

    /// Logs a rejected file with the reason.
    pub fn log_rejected(&mut self, path: &str, error: &str, content_hash: Option<&str>) -> Result<(), StoreError> {
        self.log(&FileLog { error: Some(error), content_hash, ..FileLog::new(path, FileStatus::Rejected) })
    }

    fn log(&mut self, file: &FileLog<'_>) -> Result<(), StoreError> {
        let Some(run) = self.run else { return Ok(()) };
        self.file_unit(|conn, _| log_file(conn, run, file))
    }

    /// Closes the run: when it finished, how, with which exit status, and why it stopped if
    /// it did.
    pub fn finish_run(
        &mut self,
        outcome: RunOutcome,
        exit_status: u8,
        message: Option<&str>,
    ) -> Result<(), StoreError> {
        let Some(run) = self.run.take() else { return Ok(()) };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE ingest_runs SET finished_at = ?2, outcome = ?3, exit_status = ?4, message = ?5 WHERE run_id = ?1",
            params![run.0, now(), outcome.as_str(), exit_status, message],
        )?;
        tx.commit()?;
        Ok(())
    }
}
