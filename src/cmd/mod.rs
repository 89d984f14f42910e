//! One module per command. Each returns the process's exit status.

use std::path::Path;

use crate::store::{DEFAULT_BUSY_TIMEOUT, Store};

pub mod export;
pub mod ingest;
pub mod schema_doc;
pub mod search;
pub mod summary;

/// Every file was ingested (or was already stored).
pub const EXIT_OK: u8 = 0;
/// Some file was rejected; the others were ingested.
pub const EXIT_REJECTED: u8 = 1;
/// Bad arguments, or a database that cannot be opened or migrated.
pub const EXIT_FATAL: u8 = 2;

/// Opens a database that must exist already (the commands that read one), logging why it
/// cannot be opened.
fn open_existing(path: &Path) -> Option<Store> {
    if !path.is_file() {
        tracing::error!("{}: no database there; `readout ingest --db {0} PAGES` creates one", path.display());
        return None;
    }
    match Store::open(path, DEFAULT_BUSY_TIMEOUT) {
        Ok(store) => Some(store),
        Err(e) => {
            tracing::error!("{}: cannot open the database: {e}", path.display());
            None
        }
    }
}
