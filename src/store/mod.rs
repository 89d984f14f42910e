//! The SQLite database: the only module that talks to SQLite.
//!
//! [`Store::open`] sets the connection up in one place (foreign keys on, WAL, a busy
//! timeout), applies the migrations embedded from `migrations/`, and re-creates the saved
//! views from `sql/` that differ from the stored ones. [`Store::open_read_only`] opens an
//! existing database without creating, migrating or writing anything (for the commands that
//! only read, and `ingest --dry-run`). The connection stays inside the store: the commands get
//! typed values from its methods (`overview.rs` for `summary` and `status`). [`Store::write_page`] stores one processed page all or nothing:
//! either all its rows are there afterwards, or none are, and a page whose content is already
//! stored is left as it is. Pages are written in batches committed together (`batch.rs`), or
//! each in a transaction of its own.
//!
//! The runs log (`runs.rs`): [`Store::begin_run`] opens an `ingest_runs` row; from then on
//! every file gets an `ingest_files` row, written in the same transaction as the page it
//! stores, so that the log and the pages agree whatever happens to the process.
//!
//! Several processes may use one database at once: writes wait up to the busy timeout for
//! another writer ([`StoreError::is_busy`] tells when that ran out), readers never wait for
//! writers (WAL), and two processes migrating a new database at the same moment both end up
//! with one migrated schema.

mod batch;
mod checkpoint;
mod dictionary;
mod export;
mod overview;
mod people;
mod runs;
mod schema_doc;
mod search;
mod write;

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

pub use checkpoint::Checkpointer;
pub use export::{Cell, ExportError, RowSink};
pub use overview::{
    ArticleSummary, MeetingSummary, RejectedFile, Rejections, RunSummary, Runs, SUMMARY_ARTICLES, Summary, TableRows,
};
pub use runs::{FileStatus, RunId, RunOutcome, RunStart};
pub use schema_doc::SchemaDoc;
pub use search::{SearchHit, SearchQuery, fts_phrase};
pub use write::WriteOutcome;

use crate::page::ProcessedPage;

mod embedded {
    refinery::embed_migrations!("migrations");
}

mod views {
    include!(concat!(env!("OUT_DIR"), "/views.rs"));
}

pub use views::VIEWS;

/// How long a write waits for another writer (an overlapping run) before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Prepared statements kept per connection: more than the writes of a page use.
const STATEMENT_CACHE: usize = 64;

/// The page cache of a connection, in KiB.
const CACHE_KIB: i64 = 8 * 1024;

/// How many times opening a database tries again when another process set it up (created,
/// switched to WAL, migrated) at the same time.
const SETUP_ATTEMPTS: usize = 10;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migrating the database: {0}")]
    Migration(#[from] refinery::Error),
    #[error("re-creating view {name}: {source}")]
    View { name: String, source: rusqlite::Error },
    /// The database ended a batch's transaction on an error, undoing every file of it.
    #[error("the database undid the files written since the last commit: {0}")]
    BatchLost(String),
    /// The page's index has no search words for one of its sentences (a fault of readout's
    /// stages, not of the database): the file is rejected.
    #[error("article {article}, paragraph {paragraph}: sentence {sentence} has no search words")]
    Unindexed { article: usize, paragraph: usize, sentence: usize },
}

impl StoreError {
    fn sqlite(&self) -> Option<&rusqlite::Error> {
        match self {
            StoreError::Sqlite(e) | StoreError::View { source: e, .. } => Some(e),
            StoreError::Migration(e) => {
                std::error::Error::source(e).and_then(|source| source.downcast_ref::<rusqlite::Error>())
            }
            StoreError::BatchLost(_) | StoreError::Unindexed { .. } => None,
        }
    }

    fn code(&self) -> Option<ErrorCode> {
        self.sqlite().and_then(rusqlite::Error::sqlite_error_code)
    }

    /// The connection read the database, then another process wrote to it before this one
    /// could (WAL's `SQLITE_BUSY_SNAPSHOT`): no wait helps, reading it again does.
    fn is_stale_read(&self) -> bool {
        matches!(self.sqlite(), Some(rusqlite::Error::SqliteFailure(e, _))
            if e.extended_code == rusqlite::ffi::SQLITE_BUSY_SNAPSHOT)
    }

    /// Another connection held the database's write lock for longer than the busy timeout.
    pub fn is_busy(&self) -> bool {
        matches!(self.code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
    }

    /// The database refused a row (a constraint): the fault lies with what one file produced,
    /// not with the database, so only that file is rejected.
    pub fn is_refused_row(&self) -> bool {
        matches!(self, StoreError::Unindexed { .. })
            || matches!(self.code(), Some(ErrorCode::ConstraintViolation | ErrorCode::TooBig))
    }
}

pub struct Store {
    conn: Connection,
    /// The run being logged, once [`Store::begin_run`] was called.
    run: Option<RunId>,
    /// The batch of files being written, if one is open ([`Store::begin_batch`]).
    batch: Option<batch::Batch>,
}

/// What the database already holds for a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPage {
    pub page_id: i64,
    pub path: String,
    pub content_hash: String,
    pub issue_date: Option<String>,
    pub ingested_at: String,
}

impl StoredPage {
    const COLUMNS: &str = "page_id, path, content_hash, issue_date, ingested_at";

    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredPage> {
        Ok(StoredPage {
            page_id: r.get(0)?,
            path: r.get(1)?,
            content_hash: r.get(2)?,
            issue_date: r.get(3)?,
            ingested_at: r.get(4)?,
        })
    }
}

/// The schema version this build of readout migrates a database to: its last migration.
pub fn latest_schema_version() -> i64 {
    embedded::migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max().unwrap_or(0)
}

/// The current time as stored in the database: RFC 3339, UTC, milliseconds.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Store {
    /// Opens (creating if need be) and migrates a database, and re-creates its views.
    pub fn open(path: &Path, busy_timeout: Duration) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Store::setup(conn, busy_timeout)
    }

    /// An in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?, DEFAULT_BUSY_TIMEOUT)
    }

    /// Opens an existing database to read it only: nothing is created, migrated or written,
    /// and the schema may be older than this build's (see [`Store::schema_version`]). Fails
    /// when there is no database at `path`.
    pub fn open_read_only(path: &Path, busy_timeout: Duration) -> Result<Store, StoreError> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(busy_timeout)?;
        // Reading the schema fails here, not at the first query, when the file is not SQLite.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
        Ok(Store { conn, run: None, batch: None })
    }

    /// A connection of its own that reads the same database, for another thread: `None` for
    /// a database in memory, or when it cannot be opened (the caller then reads through this
    /// store).
    pub fn reader(&self) -> Option<Store> {
        let path = self.conn.path().filter(|p| !p.is_empty())?;
        Store::open_read_only(Path::new(path), DEFAULT_BUSY_TIMEOUT)
            .inspect_err(|e| tracing::debug!("reading stays with the writer: {path}: {e}"))
            .ok()
    }

    fn setup(mut conn: Connection, busy_timeout: Duration) -> Result<Store, StoreError> {
        conn.busy_timeout(busy_timeout)?;
        // Room for every statement a page's write prepares, so that none is prepared twice.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // One query plan per statement, whatever its bound values: without this, SQLite
        // prepares the lookup of a file's page (by content hash, by path) again for every file.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        // A batch's transaction changes many pages, each file's savepoint journals them once
        // more: both in memory, rather than spilled to the WAL and to a temporary file midway.
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Off while migrating: a migration that rebuilds a table (to change a CHECK) drops it,
        // and must not delete the rows that point at it.
        conn.pragma_update(None, "foreign_keys", false)?;
        // Two processes opening a new database at the same moment may both find a migration
        // unapplied; the slower one fails to apply it again, and then finds the schema further
        // on than before. Or one read the database just before the other wrote to it, and must
        // read it again; or SQLite refused it a lock at once rather than let the two wait for
        // each other. In each case, trying again (within the busy timeout) gets it through.
        let deadline = Instant::now() + busy_timeout;
        let mut attempt = 1;
        loop {
            let before = schema_version(&conn)?;
            match migrate(&mut conn) {
                Ok(()) => break,
                Err(e)
                    if attempt < SETUP_ATTEMPTS
                        && (e.is_stale_read()
                            || (e.is_busy() && Instant::now() < deadline)
                            || schema_version(&conn)? > before) =>
                {
                    tracing::debug!("another process set the database up meanwhile ({e}); trying again");
                    std::thread::sleep(Duration::from_millis(20 * attempt as u64));
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        // What a migration leaves to readout: people told apart by their normalized name.
        let merged = people::merge_across_scripts(&mut conn)?;
        if merged > 0 {
            tracing::info!("merged {merged} row(s) of people printed in another script into the person they name");
        }
        let mut store = Store { conn, run: None, batch: None };
        store.create_views()?;
        Ok(store)
    }

    /// Re-creates every saved view, in one transaction, unless each is stored as `sql/` has it
    /// already: then the database is left untouched, so that commands that only read (search,
    /// export) take no write lock and change no schema under a dashboard reading at the time.
    fn create_views(&mut self) -> Result<(), StoreError> {
        if self.views_are_current()? {
            return Ok(());
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (name, sql) in VIEWS {
            tx.execute_batch(sql).map_err(|source| StoreError::View { name: name.to_string(), source })?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Whether every view of `sql/` is stored with the `CREATE VIEW` statement its file holds.
    fn views_are_current(&self) -> Result<bool, StoreError> {
        let mut stmt = self.conn.prepare("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?1")?;
        for (file, sql) in VIEWS {
            let name = file.trim_end_matches(".sql");
            let stored: Option<String> = stmt.query_row([name], |r| r.get(0)).optional()?;
            let wanted = sql.find("CREATE VIEW").map(|at| sql[at..].trim_end().trim_end_matches(';').trim_end());
            if stored.is_none() || stored.as_deref() != wanted {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The connection, for the library's unit tests: nothing outside the store queries it.
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The page stored for a path, if any.
    pub fn page_at(&self, path: &str) -> Result<Option<StoredPage>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {} FROM pages WHERE path = ?1", StoredPage::COLUMNS))?
            .query_row(params![path], StoredPage::from_row)
            .optional()?)
    }

    /// A page stored with this content and issue date, under any path.
    pub fn page_with_content(
        &self,
        content_hash: &str,
        issue_date: Option<&str>,
    ) -> Result<Option<StoredPage>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM pages WHERE content_hash = ?1 AND issue_date IS ?2 ORDER BY page_id LIMIT 1",
                StoredPage::COLUMNS
            ))?
            .query_row(params![content_hash, issue_date], StoredPage::from_row)
            .optional()?)
    }

    /// Stores a processed page all or nothing, replacing what was stored for its path: under a
    /// savepoint of the open batch, or else in a transaction of its own. During a run, the
    /// file's row of the runs log goes with it.
    pub fn write_page(&mut self, page: &ProcessedPage) -> Result<WriteOutcome, StoreError> {
        let run = self.run;
        self.file_unit(|conn, batch| write::write_page(conn, batch, page, run))
    }

    /// The schema version: the last migration applied, 0 for a database readout never
    /// migrated.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(schema_version(&self.conn)?)
    }

    /// Whether the database has a table (or view) of this name.
    pub fn has_table(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1",
            [name],
            |r| r.get(0),
        )?)
    }
}

fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    let migrated: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history'",
        [],
        |r| r.get(0),
    )?;
    if !migrated {
        return Ok(0);
    }
    conn.query_row("SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history", [], |r| r.get(0))
}

/// Puts the database in WAL mode and applies the embedded migrations.
///
/// WAL lets readers (a dashboard, DBeaver) read while a run writes, and a run write while
/// they read; NORMAL sync in WAL mode keeps the database consistent through a crash or power
/// cut, at worst losing the last files committed, which the next run ingests again.
///
/// The migrations not yet applied are applied in one transaction, together with their rows
/// of the schema history: a process killed while migrating leaves the schema as it was, never
/// tables without the history that says they are there.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    embedded::migrations::runner().set_grouped(true).run(conn)?;
    Ok(())
}

#[cfg(test)]
mod migration_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_not_rewritten_when_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        drop(Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap());
        let mut store = Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap();
        assert!(store.views_are_current().unwrap());
        // Holding the write lock elsewhere makes any write fail at once.
        let other = Connection::open(&db).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        store.conn.busy_timeout(Duration::ZERO).unwrap();
        store.create_views().unwrap();
        other.execute_batch("ROLLBACK").unwrap();
    }

    #[test]
    fn tables_are_strict_and_foreign_keys_are_on() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.connection();
        let loose: Vec<String> = conn
            .prepare(
                // Full-text indexes (`virtual`) and their storage (`shadow`) are FTS5's own tables.
                "SELECT l.name FROM pragma_table_list l JOIN sqlite_master m ON m.name = l.name
                  WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite_%'
                    AND l.name <> 'refinery_schema_history' AND l.strict = 0",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(loose.is_empty(), "tables not STRICT: {loose:?}");
        let on: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert!(on);
    }

    /// A database written before V6 (the schema up to V4, as readout 0.1.0 left it, with
    /// pages in it) is migrated in place, and answers every view and search as a database
    /// written by this build does.
    #[test]
    fn a_database_written_by_0_1_0_is_migrated_in_place() {
        use crate::page::{IssueDateOrigin, process};
        let tokenizer = crate::segment::Tokenizer::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut names: Vec<_> = std::fs::read_dir(root.join("tests/corpus"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        names.push(root.join("tests/data/000_33a1af8f75da2c74.txt"));
        let dir = tempfile::tempdir().unwrap();
        let (fresh_path, old_path) = (dir.path().join("fresh.db"), dir.path().join("old.db"));
        let mut fresh = Store::open(&fresh_path, DEFAULT_BUSY_TIMEOUT).unwrap();
        for path in &names {
            let source = crate::reader::from_bytes(path, &std::fs::read(path).unwrap()).unwrap();
            // The rows are copied from this database into the old schema, where a person
            // printed in both scripts would have been two rows (migration V7 merges them, and
            // its own test covers that): pages in traditional characters are left out here.
            if crate::text::Text::new(&source.text).is_traditional() {
                continue;
            }
            fresh.write_page(&process(source, None, IssueDateOrigin::None, &tokenizer)).unwrap();
        }
        // The old schema, filled with the same rows (V6 changes no table's columns) and its
        // full-text indexes built from them.
        let mut old = Connection::open(&old_path).unwrap();
        embedded::migrations::runner().set_target(refinery::Target::Version(4)).run(&mut old).unwrap();
        old.execute("ATTACH ?1 AS fresh", [fresh_path.to_str().unwrap()]).unwrap();
        let tables: Vec<String> = old
            .prepare(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'
                   AND name NOT LIKE 'refinery%' AND name NOT LIKE 'search_words%' AND name NOT LIKE 'search_text%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(tables.len() > 20, "{tables:?}");
        // What the old schema stored as text of its own, this one reads from the paragraph.
        let span = |t: &str, start: &str| {
            format!(
                "COALESCE({t}.text, (SELECT substr(p.text, {t}.{start} + 1, {t}.char_end - {t}.{start})
                   FROM fresh.paragraphs p WHERE p.paragraph_id = {t}.paragraph_id))"
            )
        };
        for table in &tables {
            let from = match table.as_str() {
                "statements" => format!(
                    "(SELECT *, {} AS old_text FROM fresh.statements statements)",
                    span("statements", "text_start")
                ),
                "achievements" | "shortfalls" => {
                    format!("(SELECT *, {} AS old_text FROM fresh.{table} {table})", span(table, "char_start"))
                }
                _ => format!("fresh.{table}"),
            };
            // The old table's columns: later migrations add some (V5, V7) and fill them in.
            let columns: Vec<String> = old
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}', 'main')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let selected = columns
                .iter()
                .map(|c| if c == "text" && from.starts_with('(') { "old_text".to_string() } else { c.clone() })
                .collect::<Vec<_>>()
                .join(", ");
            let columns = columns.join(", ");
            old.execute(&format!("INSERT INTO main.{table} ({columns}) SELECT {selected} FROM {from}"), []).unwrap();
        }
        old.execute_batch(
            "INSERT INTO search_words (search_words) VALUES ('rebuild');
             INSERT INTO search_text (search_text) VALUES ('rebuild');
             DETACH fresh;",
        )
        .unwrap();
        assert_eq!(schema_version(&old).unwrap(), 4);
        let index_named = |conn: &Connection, name: &str| -> bool {
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = ?1", [name], |r| r.get::<_, i64>(0))
                .unwrap()
                > 0
        };
        assert!(index_named(&old, "events_chair"));
        drop(old);

        let migrated = Store::open(&old_path, DEFAULT_BUSY_TIMEOUT).unwrap();
        assert_eq!(migrated.schema_version().unwrap(), latest_schema_version());
        assert!(!index_named(migrated.connection(), "events_chair"));
        let hashsize: i64 = migrated
            .connection()
            .query_row("SELECT v FROM search_text_config WHERE k = 'hashsize'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(hashsize, 16 << 20);
        let rows = |store: &Store, view: &str| -> Vec<String> {
            let mut statement = store.connection().prepare(&format!("SELECT * FROM {view}")).unwrap();
            let columns = statement.column_count();
            let mut rows: Vec<String> = statement
                .query_map([], |r| {
                    (0..columns).map(|i| r.get::<_, rusqlite::types::Value>(i)).collect::<Result<Vec<_>, _>>()
                })
                .unwrap()
                .map(|row| format!("{:?}", row.unwrap()))
                .collect();
            rows.sort();
            rows
        };
        for (file, _) in VIEWS {
            let view = file.trim_end_matches(".sql");
            let (migrated, fresh) = (rows(&migrated, view), rows(&fresh, view));
            let differ = migrated.iter().zip(&fresh).find(|(m, f)| m != f);
            assert!(differ.is_none() && migrated.len() == fresh.len(), "{view}: {differ:?}");
        }
        assert!(!rows(&fresh, "v_achievements").is_empty() && !rows(&fresh, "v_attendance").is_empty());
        for query in [
            SearchQuery { words: vec!["会议".into()], limit: 1000, ..SearchQuery::default() },
            SearchQuery { substring: Some("营商环境".into()), limit: 1000, ..SearchQuery::default() },
            SearchQuery { substring: Some("市长".into()), limit: 1000, ..SearchQuery::default() },
        ] {
            let found = fresh.search(&query).unwrap();
            assert!(!found.is_empty(), "{query:?}");
            assert_eq!(migrated.search(&query).unwrap(), found, "{query:?}");
        }
    }
}
