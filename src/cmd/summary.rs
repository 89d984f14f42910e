//! `readout summary`: a one-screen view of what the database holds, read through the saved
//! views, so that it shows what a dashboard would.

use std::io::{self, Write};

use rusqlite::Connection;

use crate::cli::DbArgs;
use crate::store::Store;

use super::{EXIT_FATAL, EXIT_OK};

pub fn run(args: &DbArgs) -> u8 {
    let store = match Store::open(&args.db, args.busy_timeout()) {
        Ok(store) => store,
        Err(e) => {
            tracing::error!("{}: cannot open the database: {e}", args.db.display());
            return EXIT_FATAL;
        }
    };
    let mut out = io::stdout().lock();
    match write_summary(store.connection(), &mut out) {
        Ok(()) => EXIT_OK,
        // A closed pipe (`| head`) is not an error.
        Err(SummaryError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            tracing::error!("{}: {e}", args.db.display());
            EXIT_FATAL
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum SummaryError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
}

fn count(conn: &Connection, view: &str) -> Result<i64, rusqlite::Error> {
    conn.query_row(&format!("SELECT count(*) FROM {view}"), [], |r| r.get(0))
}

fn write_summary(conn: &Connection, out: &mut impl Write) -> Result<(), SummaryError> {
    let pages: i64 = conn.query_row("SELECT count(*) FROM pages", [], |r| r.get(0))?;
    writeln!(out, "{pages} page(s), {} article(s)", count(conn, "v_articles")?)?;
    let mut articles = conn.prepare(
        "SELECT a.source, a.article_seq, a.kind, coalesce(a.headline, a.kicker, '(no headline)'),
                m.name, m.meeting_date, m.time_of_day, m.location, m.chair, m.meeting_id
           FROM v_articles a LEFT JOIN v_meetings m ON m.source = a.source AND m.article_seq = a.article_seq
          ORDER BY a.source, a.article_seq
          LIMIT 12",
    )?;
    let mut rows = articles.query([])?;
    while let Some(r) = rows.next()? {
        let (source, seq, kind, headline): (String, i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        writeln!(out, "\n{source} #{seq} [{kind}] {headline}")?;
        let Some(meeting_id) = r.get::<_, Option<i64>>(9)? else { continue };
        let name: Option<String> = r.get(4)?;
        let details: Vec<String> = [
            r.get::<_, Option<String>>(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get::<_, Option<String>>(8)?.map(|c| format!("chair {c}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(out, "  {} ({})", name.as_deref().unwrap_or("(unnamed event)"), details.join(", "))?;
        let n = |view: &str| -> Result<i64, rusqlite::Error> {
            conn.query_row(&format!("SELECT count(*) FROM {view} WHERE meeting_id = ?1"), [meeting_id], |r| r.get(0))
        };
        let units: i64 = conn.query_row(
            "SELECT count(DISTINCT unit) FROM v_achievements WHERE meeting_id = ?1",
            [meeting_id],
            |r| r.get(0),
        )?;
        writeln!(
            out,
            "  {} attendance, {} unit(s) reporting {} achievement(s) and {} shortfall(s), {} agreement party row(s), {} document(s) approved",
            n("v_attendance")?,
            units,
            n("v_achievements")?,
            n("v_shortfalls")?,
            n("v_agreements")?,
            n("v_approved_documents")?,
        )?;
        let mut firsts = conn.prepare(
            "SELECT unit, text FROM v_achievements WHERE meeting_id = ?1 AND rank = 1 ORDER BY unit_seq, seq LIMIT 3",
        )?;
        let mut claims = firsts.query([meeting_id])?;
        while let Some(c) = claims.next()? {
            writeln!(out, "    {}: {}", c.get::<_, String>(0)?, c.get::<_, String>(1)?)?;
        }
    }
    let diagnostics: i64 = conn.query_row("SELECT count(*) FROM diagnostics", [], |r| r.get(0))?;
    writeln!(out, "\n{diagnostics} diagnostic(s): SELECT * FROM v_diagnostics")?;
    Ok(())
}
