//! The migration that rebuilt `pages` (V5) converts a database written before it in place:
//! every row kept with its id, the rows below a page still following it, the indexes back.

use rusqlite::Connection;

use super::*;

/// A database at V4 holding one page as readout wrote it then: an article with a paragraph and
/// a sentence, a diagnostic, and the run that stored it.
fn database_at_v4(path: &Path) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    embedded::migrations::runner().set_target(refinery::Target::Version(4)).set_grouped(true).run(&mut conn).unwrap();
    conn.execute_batch(
        "INSERT INTO pages (page_id, source, path, content_hash, byte_len, encoding, layout, issue_date,
                            issue_date_origin, ingested_at, readout_version)
         VALUES (7, 'a_2024-04-02.txt', '/in/a_2024-04-02.txt', 'abc', 120, 'utf-8', 'wrapped', '2024-04-02',
                 'file_name', '2024-04-02T08:00:00Z', '0.1.0');
         INSERT INTO articles (article_id, page_id, seq, kind, headline, first_line, last_line)
         VALUES (3, 7, 1, 'meeting', '区政府召开常务会议', 1, 4);
         INSERT INTO paragraphs (paragraph_id, article_id, seq, role, text, first_line, last_line)
         VALUES (5, 3, 1, 'body', '区政府常务会议昨天召开。', 2, 4);
         INSERT INTO sentences (paragraph_id, seq, char_start, char_end, role) VALUES (5, 1, 0, 12, 'other');
         INSERT INTO diagnostics (page_id, stage, kind, message) VALUES (7, 'segment', 'no_article', 'x');
         INSERT INTO ingest_runs (run_id, started_at, readout_version, pid, paths, files_seen)
         VALUES (1, '2024-04-02T08:00:00Z', '0.1.0', 1, '/in', 1);
         INSERT INTO ingest_files (run_id, seq, path, status, content_hash, page_id, articles, logged_at)
         VALUES (1, 1, '/in/a_2024-04-02.txt', 'stored', 'abc', 7, 1, '2024-04-02T08:00:00Z');",
    )
    .unwrap();
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn pages_is_rebuilt_keeping_its_rows_their_children_and_its_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    database_at_v4(&path);
    let store = Store::open(&path, Duration::from_secs(5)).unwrap();
    let conn = &store.conn;
    // Every migration ran, V5 and those after it.
    let latest = embedded::migrations::runner().get_migrations().iter().map(|m| m.version()).max().unwrap();
    assert_eq!(count(conn, "SELECT max(version) FROM refinery_schema_history"), i64::from(latest));
    assert!(latest >= 5);
    assert_eq!(
        conn.query_row(
            "SELECT source || ' ' || layout || ' ' || issue_date_origin || ' ' || coalesce(url, 'NULL') FROM pages WHERE page_id = 7",
            [],
            |r| r.get::<_, String>(0)
        )
        .unwrap(),
        "a_2024-04-02.txt wrapped file_name NULL"
    );
    assert_eq!(count(conn, "SELECT count(*) FROM v_articles WHERE page_id = 7 AND headline = '区政府召开常务会议'"), 1);
    assert_eq!(count(conn, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    // V5 puts back the index the store looks pages up by (V6 then drops `pages_source`, which
    // nothing reads).
    let indexes = count(
        conn,
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pages' AND name = 'pages_content_hash'",
    );
    assert_eq!(indexes, 1);
    // The new values are accepted; the foreign keys still act: deleting the page takes its
    // rows and leaves the runs log pointing nowhere.
    conn.execute(
        "UPDATE pages SET layout = 'html', issue_date_origin = 'page', url = 'http://example.cn/a.html' WHERE page_id = 7",
        [],
    )
    .unwrap();
    assert!(conn.execute("UPDATE pages SET layout = 'other' WHERE page_id = 7", []).is_err());
    conn.execute("DELETE FROM pages WHERE page_id = 7", []).unwrap();
    for table in ["articles", "paragraphs", "sentences", "diagnostics"] {
        assert_eq!(count(conn, &format!("SELECT count(*) FROM {table}")), 0, "{table}");
    }
    assert_eq!(count(conn, "SELECT count(*) FROM ingest_files WHERE page_id IS NULL"), 1);
}

#[test]
fn the_rebuild_stops_when_foreign_keys_would_delete_the_rows_below_pages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    database_at_v4(&path);
    let mut conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    assert!(embedded::migrations::runner().set_grouped(true).run(&mut conn).is_err());
    assert_eq!(count(&conn, "SELECT count(*) FROM articles"), 1);
    assert_eq!(count(&conn, "SELECT max(version) FROM refinery_schema_history"), 4);
}
