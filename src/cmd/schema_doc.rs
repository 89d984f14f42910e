//! `readout schema-doc`: the data dictionary, generated from a database (a new, empty one by
//! default), as Markdown — what `docs/schema.md` holds.

use std::fs;
use std::io::{self, Write};

use crate::cli::SchemaDocArgs;
use crate::store::{DEFAULT_BUSY_TIMEOUT, Store};

use super::{EXIT_FATAL, EXIT_OK, open_existing};

pub fn run(args: &SchemaDocArgs) -> u8 {
    let store = match &args.db {
        Some(path) => open_existing(path, DEFAULT_BUSY_TIMEOUT),
        None => Store::open_in_memory().map_err(|e| tracing::error!("cannot create an in-memory database: {e}")).ok(),
    };
    let Some(store) = store else {
        return EXIT_FATAL;
    };
    let doc = match store.schema_doc() {
        Ok(doc) => doc,
        Err(e) => {
            tracing::error!("reading the schema: {e}");
            return EXIT_FATAL;
        }
    };
    for name in &doc.undocumented {
        tracing::warn!("{name} has no meaning: add a `--` comment to its SQL or an entry to src/store/dictionary.rs");
    }
    let written = match &args.out {
        Some(path) => fs::write(path, &doc.markdown).map_err(|e| format!("{}: {e}", path.display())),
        None => io::stdout().lock().write_all(doc.markdown.as_bytes()).or_else(|e| match e.kind() {
            io::ErrorKind::BrokenPipe => Ok(()),
            _ => Err(e.to_string()),
        }),
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            tracing::error!("writing the dictionary: {e}");
            EXIT_FATAL
        }
    }
}
