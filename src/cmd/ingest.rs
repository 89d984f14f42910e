//! `readout ingest`: files into the database, one transaction per file, parsed on every core
//! ([`crate::parallel`]).

use crate::cli::IngestArgs;
use crate::parallel;
use crate::pipeline::{self, FileOutcome, Ingester};
use crate::store::{DEFAULT_BUSY_TIMEOUT, Store};

use super::{EXIT_FATAL, EXIT_OK, EXIT_REJECTED};

pub fn run(args: &IngestArgs) -> u8 {
    let mut store = match Store::open(&args.db.db, DEFAULT_BUSY_TIMEOUT) {
        Ok(store) => store,
        Err(e) => {
            tracing::error!("{}: cannot open the database: {e}", args.db.db.display());
            return EXIT_FATAL;
        }
    };
    let (files, input_errors) = pipeline::inputs(&args.paths);
    let mut rejected = input_errors.len();
    for e in &input_errors {
        tracing::error!("{e}");
    }
    let ingester = Ingester::new(args.issue_date, args.max_bytes);
    let (mut stored, mut replaced, mut unchanged) = (0, 0, 0);
    parallel::ingest_files(&ingester, &mut store, &files, parallel::default_workers(), |path, outcome| match outcome {
        Ok(FileOutcome::Stored { articles }) => {
            stored += 1;
            tracing::info!(file = %path.display(), articles, "stored");
        }
        Ok(FileOutcome::Replaced { articles }) => {
            replaced += 1;
            tracing::info!(file = %path.display(), articles, "replaced the previous version");
        }
        Ok(FileOutcome::Unchanged { stored_as }) => {
            unchanged += 1;
            tracing::info!(file = %path.display(), stored_as = %stored_as, "unchanged, skipped");
        }
        Err(e) => {
            rejected += 1;
            tracing::error!("{}: {e}", path.display());
        }
    });
    tracing::info!(stored, replaced, unchanged, rejected, "done");
    if rejected > 0 { EXIT_REJECTED } else { EXIT_OK }
}
