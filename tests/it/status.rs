//! `readout status`: the schema version, rows per table, the last runs and the files rejected
//! and why, read without writing anything, even while a run holds the database.

use std::fs;

use rusqlite::Connection;

use crate::operator::*;

#[test]
fn status_shows_the_schema_the_counts_the_last_runs_and_the_rejected_files() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let files = write_pages(&pages, 2);
    let empty = pages.join("empty_2024-04-02.txt");
    fs::write(&empty, "").unwrap();
    let db = dir.path().join("x.db");
    let db_arg = db.to_str().unwrap();
    assert_eq!(ingest(&db, &[], &[&pages]).status.code(), Some(1));
    fs::remove_file(&empty).unwrap();
    fs::write(&files[0], edited(&fs::read_to_string(&files[0]).unwrap(), 5)).unwrap();
    assert_eq!(ingest(&db, &[], &[&pages]).status.code(), Some(0));

    let before = fs::read(&db).unwrap();
    let out = readout(&["status", "--db", db_arg]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line = |start: &str| text.lines().find(|l| l.trim_start().starts_with(start)).unwrap_or_default().to_string();
    let latest = readout::store::latest_schema_version();
    assert_eq!(line("schema version:"), format!("schema version: {latest}"));
    assert_eq!(line("pages ").split_whitespace().collect::<Vec<_>>(), ["pages", "2"]);
    assert_eq!(line("ingest_runs ").split_whitespace().collect::<Vec<_>>(), ["ingest_runs", "2"]);
    assert!(line("run 2 ").contains("  ok  "), "{text}");
    assert!(line("run 1 ").contains("  rejected_files  "), "{text}");
    assert!(text.contains("2 seen: 1 ingested (1 replacing an earlier version), 1 unchanged, 0 rejected"), "{text}");
    assert!(text.contains("3 seen: 2 ingested (0 replacing an earlier version), 0 unchanged, 1 rejected"), "{text}");
    let rejected = text.lines().find(|l| l.contains("empty_2024-04-02.txt")).unwrap_or_default();
    assert!(rejected.ends_with("empty_2024-04-02.txt: is empty"), "{text}");
    assert_eq!(fs::read(&db).unwrap(), before, "status wrote to the database");

    let out = readout(&["status", "--db", db_arg, "--runs", "1"]);
    let text = stdout(&out);
    assert!(text.contains("last runs (1 of 2;") && text.contains("  ok  "), "{text}");
    assert!(!text.contains("  rejected_files  "), "{text}");
}

#[test]
fn status_reads_while_a_run_holds_the_write_lock_and_refuses_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pages(dir.path(), 1);
    let db = dir.path().join("x.db");
    assert_eq!(ingest(&db, &[], &files).status.code(), Some(0));
    let writer = Connection::open(&db).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE; DELETE FROM ingest_files;").unwrap();
    let out = readout(&["status", "--busy-timeout", "0", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("1 seen: 1 ingested"), "{}", stdout(&out));
    writer.execute_batch("ROLLBACK").unwrap();

    let missing = dir.path().join("missing.db");
    let out = readout(&["status", "--db", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.db: no database there"), "{}", stderr(&out));
    assert!(!missing.exists());
}
