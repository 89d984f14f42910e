//! The SQLite database: the only module that talks to SQLite.
//!
//! [`Store::open`] sets the connection up in one place (foreign keys on, WAL, a busy
//! timeout), applies the migrations embedded from `migrations/`, and re-creates the saved
//! views from `sql/`. [`Store::write_page`] stores one processed page in one transaction:
//! either all its rows are there afterwards, or none are, and a page whose content is
//! already stored is left as it is.

mod write;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

pub use write::WriteOutcome;

use crate::pipeline::ProcessedPage;

mod embedded {
    refinery::embed_migrations!("migrations");
}

mod views {
    include!(concat!(env!("OUT_DIR"), "/views.rs"));
}

pub use views::VIEWS;

/// How long a write waits for another writer (an overlapping run) before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migrating the database: {0}")]
    Migration(#[from] refinery::Error),
    #[error("re-creating view {name}: {source}")]
    View { name: String, source: rusqlite::Error },
}

pub struct Store {
    conn: Connection,
}

/// What the database already holds for a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPage {
    pub page_id: i64,
    pub path: String,
    pub content_hash: String,
    pub issue_date: Option<String>,
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

    fn setup(mut conn: Connection, busy_timeout: Duration) -> Result<Store, StoreError> {
        conn.busy_timeout(busy_timeout)?;
        // Writing a page uses some thirty statements: keep them all prepared (rusqlite keeps
        // sixteen by default, and would prepare most of them again for every page).
        conn.set_prepared_statement_cache_capacity(64);
        // WAL lets readers (a dashboard, DBeaver) read while a run writes; NORMAL sync in WAL
        // mode keeps the database consistent through a crash or power cut, at worst losing
        // the last files committed, which the next run ingests again.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        embedded::migrations::runner().run(&mut conn)?;
        let mut store = Store { conn };
        store.create_views()?;
        Ok(store)
    }

    /// Re-creates every saved view, in one transaction.
    fn create_views(&mut self) -> Result<(), StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (name, sql) in VIEWS {
            tx.execute_batch(sql).map_err(|source| StoreError::View { name: name.to_string(), source })?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The page stored for a path, if any.
    pub fn page_at(&self, path: &str) -> Result<Option<StoredPage>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT page_id, path, content_hash, issue_date FROM pages WHERE path = ?1",
                params![path],
                |r| {
                    Ok(StoredPage {
                        page_id: r.get(0)?,
                        path: r.get(1)?,
                        content_hash: r.get(2)?,
                        issue_date: r.get(3)?,
                    })
                },
            )
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
            .prepare_cached(
                "SELECT page_id, path, content_hash, issue_date FROM pages
                  WHERE content_hash = ?1 AND issue_date IS ?2 LIMIT 1",
            )?
            .query_row(params![content_hash, issue_date], |r| {
                Ok(StoredPage { page_id: r.get(0)?, path: r.get(1)?, content_hash: r.get(2)?, issue_date: r.get(3)? })
            })
            .optional()?)
    }

    /// Stores a processed page in one transaction, replacing what was stored for its path.
    pub fn write_page(&mut self, page: &ProcessedPage) -> Result<WriteOutcome, StoreError> {
        write::write_page(&mut self.conn, page)
    }

    /// The schema version: the last migration applied.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history", [], |r| r.get(0))?)
    }
}
