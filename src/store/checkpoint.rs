//! Checkpoints on a connection of their own, so that the one writer does not spend its time
//! copying the WAL back into the database.
//!
//! SQLite checkpoints (copies the pages of the WAL into the database file) in the connection
//! that commits, whenever the WAL holds 1,000 pages or more: in a back-fill, several percent
//! of the writer's time, while the threads running the stages wait for it. During a run,
//! [`Store::checkpointer`] turns that off for the store's connection and returns a
//! [`Checkpointer`], a second connection to the same file, which a thread of its own runs
//! after each batch commits. Its checkpoints are PASSIVE: they never wait for the writer nor
//! make it wait, and copy only what no reader needs any more. The WAL is started over only by
//! a write transaction that begins once all of it was copied, which a checkpoint trailing a
//! busy writer seldom is in time for: so the writer still checkpoints itself once the WAL
//! holds [`RESTART_PAGES`] (copying only what the checkpointer has not, its last batch or
//! so), and its next batch starts the WAL over. The WAL stays that size whatever the run's. Nothing is lost if the process
//! dies midway: a checkpoint copies what the WAL holds already, and SQLite finishes or
//! redoes it when the database is next opened. [`Store::checkpoint_on_commit`] turns the
//! store's own checkpoints back on when the run ends.

use rusqlite::Connection;

use super::{Store, StoreError};

/// During a run, the writer checkpoints a WAL of this many pages (32 MiB) or more itself.
pub const RESTART_PAGES: i64 = 8192;

/// A second connection to the store's database, which only checkpoints.
pub struct Checkpointer {
    conn: Connection,
}

impl Checkpointer {
    /// Copies into the database what the WAL holds and no reader needs; does nothing when
    /// another connection is checkpointing.
    pub fn checkpoint(&self) {
        let done = self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        });
        match done {
            Ok((busy, wal_pages, copied)) => tracing::trace!(busy, wal_pages, copied, "checkpoint"),
            Err(e) => tracing::debug!("checkpoint: {e}"),
        }
    }
}

impl Store {
    /// A connection of its own to checkpoint this database from another thread, and the
    /// store's own checkpoints put off to [`RESTART_PAGES`]; `None` for a database in memory, or when the second
    /// connection cannot be opened (the store then checkpoints as usual).
    pub fn checkpointer(&mut self) -> Option<Checkpointer> {
        let path = self.conn.path().filter(|p| !p.is_empty())?.to_owned();
        let opened = Connection::open(&path).and_then(|conn| {
            conn.pragma_update(None, "wal_autocheckpoint", 0)?;
            Ok(conn)
        });
        match opened {
            Ok(conn) => match self.checkpoint_on_commit(false) {
                Ok(()) => Some(Checkpointer { conn }),
                Err(e) => {
                    tracing::debug!("checkpoints stay with the writer: {e}");
                    None
                }
            },
            Err(e) => {
                tracing::debug!("checkpoints stay with the writer: {path}: {e}");
                None
            }
        }
    }

    /// Whether the store's connection checkpoints the WAL itself when a commit leaves it at
    /// 1,000 pages or more (SQLite's default, and the store's outside a run), or only at
    /// [`RESTART_PAGES`] (while a [`Checkpointer`] does the rest).
    pub fn checkpoint_on_commit(&mut self, on: bool) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "wal_autocheckpoint", if on { 1000 } else { RESTART_PAGES })?;
        Ok(())
    }
}
