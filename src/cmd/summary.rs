//! `readout summary`: a one-screen view of what the database holds, read through the saved
//! views, so that it shows what a dashboard would. It reads the database only: a database that
//! is not there is refused, never created.

use std::io::{self, Write};

use crate::cli::DbArgs;
use crate::store::Summary;

use super::{EXIT_FATAL, EXIT_OK, open_existing};

pub fn run(args: &DbArgs) -> u8 {
    let Some(store) = open_existing(&args.db, args.busy_timeout()) else {
        return EXIT_FATAL;
    };
    let summary = match store.summary() {
        Ok(summary) => summary,
        Err(e) => {
            tracing::error!("{}: {e}", args.db.display());
            return EXIT_FATAL;
        }
    };
    let mut out = io::stdout().lock();
    match write_summary(&summary, &mut out) {
        Ok(()) => EXIT_OK,
        // A closed pipe (`| head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            tracing::error!("writing the summary: {e}");
            EXIT_FATAL
        }
    }
}

fn write_summary(summary: &Summary, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{} page(s), {} article(s)", summary.pages, summary.articles)?;
    for article in &summary.listed {
        writeln!(out, "\n{} #{} [{}] {}", article.source, article.article_seq, article.kind, article.headline)?;
        let Some(m) = &article.meeting else { continue };
        let details: Vec<String> =
            [m.date.clone(), m.time_of_day.clone(), m.location.clone(), m.chair.as_ref().map(|c| format!("chair {c}"))]
                .into_iter()
                .flatten()
                .collect();
        writeln!(out, "  {} ({})", m.name.as_deref().unwrap_or("(unnamed event)"), details.join(", "))?;
        writeln!(
            out,
            "  {} attendance, {} unit(s) reporting {} achievement(s) and {} shortfall(s), {} agreement party row(s), {} document(s) approved",
            m.attendance, m.units, m.achievements, m.shortfalls, m.agreement_rows, m.documents,
        )?;
        for (unit, text) in &m.firsts {
            writeln!(out, "    {unit}: {text}")?;
        }
    }
    writeln!(out, "\n{} diagnostic(s): SELECT * FROM v_diagnostics", summary.diagnostics)?;
    Ok(())
}
