//! One module per command. Each returns the process's exit status.

use std::path::Path;
use std::time::Duration;

use crate::store::{self, Store};

pub mod export;
pub mod ingest;
pub mod schema_doc;
pub mod search;
pub mod status;
pub mod summary;

/// Every file was ingested (or was already stored).
pub const EXIT_OK: u8 = 0;
/// Some file was rejected; the others were ingested.
pub const EXIT_REJECTED: u8 = 1;
/// Bad arguments, or a database that cannot be opened, migrated or written.
pub const EXIT_FATAL: u8 = 2;
/// Another process kept the database locked for longer than the busy timeout; the files not
/// yet taken are left for the next run.
pub const EXIT_BUSY: u8 = 3;

/// Opens, read-only, a database that must exist already and be migrated by this readout (the
/// commands that only read: `summary`, `search`, `export`, `schema-doc --db`), logging why it
/// cannot be opened. Nothing is created, migrated or written: a mistyped path leaves no file.
fn open_existing(path: &Path, busy_timeout: Duration) -> Option<Store> {
    if !path.is_file() {
        tracing::error!("{}: no database there; `readout ingest --db {0} PAGES` creates one", path.display());
        return None;
    }
    let store = match Store::open_read_only(path, busy_timeout) {
        Ok(store) => store,
        Err(e) => {
            tracing::error!("{}: cannot read the database: {e}", path.display());
            return None;
        }
    };
    let latest = store::latest_schema_version();
    match store.schema_version() {
        Ok(version) if version >= latest => Some(store),
        Ok(version) => {
            tracing::error!(
                "{}: schema version {version}, older than this readout's {latest}; the next `readout ingest --db {0} PAGES` migrates it",
                path.display()
            );
            None
        }
        Err(e) => {
            tracing::error!("{}: cannot read the database: {e}", path.display());
            None
        }
    }
}
