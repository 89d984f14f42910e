//! What the database holds, read for `readout summary` and `readout status`: typed values, so
//! that the commands print and never query.
//!
//! The summary reads the saved views, so that it shows what a dashboard would; the status reads
//! the tables and the runs log's views, and copes with a database migrated by an older readout
//! (a view it lacks is reported as missing, not as an error).

use rusqlite::Connection;

use super::{Store, StoreError};

/// How many articles the summary lists.
pub const SUMMARY_ARTICLES: u32 = 12;

/// How many first-ranked achievements the summary lists per meeting.
const SUMMARY_FIRSTS: u32 = 3;

/// The one-screen summary of a database.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub pages: i64,
    pub articles: i64,
    /// The first [`SUMMARY_ARTICLES`] articles, by source and position.
    pub listed: Vec<ArticleSummary>,
    pub diagnostics: i64,
}

/// An article of the summary, with its meeting if it reports one.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleSummary {
    pub source: String,
    pub article_seq: i64,
    pub kind: String,
    /// The headline, else the kicker, else `(no headline)`.
    pub headline: String,
    pub meeting: Option<MeetingSummary>,
}

/// A meeting of the summary: what it is, and how many facts each contract view holds for it.
#[derive(Clone, Debug, PartialEq)]
pub struct MeetingSummary {
    pub name: Option<String>,
    pub date: Option<String>,
    pub time_of_day: Option<String>,
    pub location: Option<String>,
    pub chair: Option<String>,
    pub attendance: i64,
    /// Units reporting an achievement.
    pub units: i64,
    pub achievements: i64,
    pub shortfalls: i64,
    pub agreement_rows: i64,
    pub documents: i64,
    /// Up to three achievements ranked first: (unit, text).
    pub firsts: Vec<(String, String)>,
}

/// A table and its row count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRows {
    pub table: String,
    pub rows: i64,
    /// A full-text index (`CREATE VIRTUAL TABLE`), whose rows are those of its content table.
    pub is_virtual: bool,
}

/// A run of the runs log, as `v_ingest_runs` has it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSummary {
    pub run_id: i64,
    pub started_at: String,
    pub status: String,
    pub readout_version: String,
    pub files_seen: i64,
    pub files_ingested: i64,
    pub files_replaced: i64,
    pub files_skipped: i64,
    pub files_rejected: i64,
    pub files_not_done: i64,
    pub seconds: Option<f64>,
    pub message: Option<String>,
    pub pid: i64,
}

/// The last runs, and how many the log holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Runs {
    pub total: i64,
    /// Newest first.
    pub last: Vec<RunSummary>,
}

/// A rejected file, as `v_rejected_files` has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedFile {
    pub run_id: i64,
    pub path: String,
    pub error: String,
    pub stored_since: bool,
}

/// The last rejected files, how many the log holds, and how many were not stored since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejections {
    pub total: i64,
    pub not_stored_since: i64,
    /// Newest first.
    pub last: Vec<RejectedFile>,
}

fn count(conn: &Connection, relation: &str) -> rusqlite::Result<i64> {
    conn.query_row(&format!("SELECT count(*) FROM \"{relation}\""), [], |r| r.get(0))
}

impl Store {
    /// The summary: counts, the first articles with their meetings, the diagnostics.
    pub fn summary(&self) -> Result<Summary, StoreError> {
        let conn = &self.conn;
        let mut articles = conn.prepare(
            "SELECT a.source, a.article_seq, a.kind, coalesce(a.headline, a.kicker, '(no headline)'),
                    m.name, m.meeting_date, m.time_of_day, m.location, m.chair, m.meeting_id
               FROM v_articles a LEFT JOIN v_meetings m ON m.source = a.source AND m.article_seq = a.article_seq
              ORDER BY a.source, a.article_seq
              LIMIT ?1",
        )?;
        let mut rows = articles.query([SUMMARY_ARTICLES])?;
        let mut listed = Vec::new();
        while let Some(r) = rows.next()? {
            let meeting = match r.get::<_, Option<i64>>(9)? {
                None => None,
                Some(meeting_id) => Some(MeetingSummary {
                    name: r.get(4)?,
                    date: r.get(5)?,
                    time_of_day: r.get(6)?,
                    location: r.get(7)?,
                    chair: r.get(8)?,
                    ..meeting_counts(conn, meeting_id)?
                }),
            };
            listed.push(ArticleSummary {
                source: r.get(0)?,
                article_seq: r.get(1)?,
                kind: r.get(2)?,
                headline: r.get(3)?,
                meeting,
            });
        }
        Ok(Summary {
            pages: count(conn, "pages")?,
            articles: count(conn, "v_articles")?,
            listed,
            diagnostics: count(conn, "diagnostics")?,
        })
    }

    /// Every table (SQLite's own aside) and its row count, by name.
    pub fn table_rows(&self) -> Result<Vec<TableRows>, StoreError> {
        let tables: Vec<(String, bool)> = self
            .conn
            .prepare(
                "SELECT name, coalesce(sql LIKE 'CREATE VIRTUAL%', 0) FROM sqlite_master
                  WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        tables
            .into_iter()
            .map(|(table, is_virtual)| Ok(TableRows { rows: count(&self.conn, &table)?, table, is_virtual }))
            .collect()
    }

    /// The last `limit` runs of the runs log, newest first.
    pub fn last_runs(&self, limit: u32) -> Result<Runs, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT run_id, started_at, status, readout_version, files_seen, files_ingested, files_replaced,
                    files_skipped, files_rejected, files_not_done, seconds, message, pid
               FROM v_ingest_runs ORDER BY run_id DESC LIMIT ?1",
        )?;
        let last = stmt
            .query_map([limit], |r| {
                Ok(RunSummary {
                    run_id: r.get(0)?,
                    started_at: r.get(1)?,
                    status: r.get(2)?,
                    readout_version: r.get(3)?,
                    files_seen: r.get(4)?,
                    files_ingested: r.get(5)?,
                    files_replaced: r.get(6)?,
                    files_skipped: r.get(7)?,
                    files_rejected: r.get(8)?,
                    files_not_done: r.get(9)?,
                    seconds: r.get(10)?,
                    message: r.get(11)?,
                    pid: r.get(12)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Runs { total: count(&self.conn, "v_ingest_runs")?, last })
    }

    /// The last `limit` files rejected, newest first.
    pub fn last_rejections(&self, limit: u32) -> Result<Rejections, StoreError> {
        let (total, not_stored_since) = self.conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE NOT stored_since) FROM v_rejected_files",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT run_id, path, error, stored_since FROM v_rejected_files ORDER BY run_id DESC, seq LIMIT ?1",
        )?;
        let last = stmt
            .query_map([limit], |r| {
                Ok(RejectedFile { run_id: r.get(0)?, path: r.get(1)?, error: r.get(2)?, stored_since: r.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Rejections { total, not_stored_since, last })
    }
}

/// How many rows each contract view holds for a meeting, and its first-ranked achievements.
fn meeting_counts(conn: &Connection, meeting_id: i64) -> rusqlite::Result<MeetingSummary> {
    let n = |view: &str| -> rusqlite::Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {view} WHERE meeting_id = ?1"), [meeting_id], |r| r.get(0))
    };
    let units =
        conn.query_row("SELECT count(DISTINCT unit) FROM v_achievements WHERE meeting_id = ?1", [meeting_id], |r| {
            r.get(0)
        })?;
    let firsts = conn
        .prepare(
            "SELECT unit, text FROM v_achievements WHERE meeting_id = ?1 AND rank = 1 ORDER BY unit_seq, seq LIMIT ?2",
        )?
        .query_map((meeting_id, SUMMARY_FIRSTS), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(MeetingSummary {
        name: None,
        date: None,
        time_of_day: None,
        location: None,
        chair: None,
        attendance: n("v_attendance")?,
        units,
        achievements: n("v_achievements")?,
        shortfalls: n("v_shortfalls")?,
        agreement_rows: n("v_agreements")?,
        documents: n("v_approved_documents")?,
        firsts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_database_summarizes_to_zeros_and_lists_its_tables() {
        let store = Store::open_in_memory().unwrap();
        let summary = store.summary().unwrap();
        assert_eq!(summary, Summary { pages: 0, articles: 0, listed: Vec::new(), diagnostics: 0 });
        let tables = store.table_rows().unwrap();
        let pages = tables.iter().find(|t| t.table == "pages").unwrap();
        assert_eq!((pages.rows, pages.is_virtual), (0, false));
        assert!(tables.iter().any(|t| t.table == "search_words" && t.is_virtual));
        assert_eq!(store.last_runs(5).unwrap(), Runs { total: 0, last: Vec::new() });
        assert_eq!(store.last_rejections(5).unwrap(), Rejections { total: 0, not_stored_since: 0, last: Vec::new() });
    }
}
