//! One module per command. Each returns the process's exit status.

pub mod ingest;
pub mod summary;

/// Every file was ingested (or was already stored).
pub const EXIT_OK: u8 = 0;
/// Some file was rejected; the others were ingested.
pub const EXIT_REJECTED: u8 = 1;
/// Bad arguments, or a database that cannot be opened or migrated.
pub const EXIT_FATAL: u8 = 2;
