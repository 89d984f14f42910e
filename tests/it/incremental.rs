//! Incremental runs, as cron makes them: an unchanged file is skipped without being parsed, a
//! re-run changes no count, a changed file replaces its earlier version whole and the runs log
//! keeps that it did, and `--dry-run` says all this without writing.

use std::fs;
use std::path::Path;

use crate::operator::*;

#[test]
fn an_unchanged_file_is_skipped_without_being_parsed_and_a_rerun_changes_no_count() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    write_pages(&pages, 12);
    // No issue date in this name: parsing it warns, so a run that skips it says nothing.
    fs::copy(SAMPLE, pages.join("front_page.txt")).unwrap();
    let db = dir.path().join("x.db");

    let first = ingest(&db, &[], &[&pages]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stderr(&first).contains("front_page.txt"), "{}", stderr(&first));
    let counts = data_counts(&db);
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 13);

    let again = ingest(&db, &["-v"], &[&pages]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let log = stderr(&again);
    assert_eq!(log.matches("unchanged, skipped").count(), 13, "{log}");
    assert!(!log.contains("no issue date"), "the skipped page was parsed: {log}");
    assert!(!log.contains("INFO stored "), "{log}");
    assert_eq!(data_counts(&db), counts);
    assert_eq!(
        rows(&db, "SELECT status, files_seen, files_ingested, files_skipped, files_rejected FROM v_ingest_runs"),
        ["ok | 13 | 0 | 13 | 0", "ok | 13 | 13 | 0 | 0"]
    );
    assert_eq!(log_agrees_with_pages(&db), Ok(()));
}

#[test]
fn a_changed_file_replaces_its_earlier_version_whole_and_the_log_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let files = write_pages(&pages, 3);
    let db = dir.path().join("x.db");
    assert_eq!(ingest(&db, &[], &[&pages]).status.code(), Some(0));
    let old_hash: String =
        rows(&db, &format!("SELECT content_hash FROM pages WHERE source = '{}'", name(&files[0]))).pop().unwrap();

    // The first file now holds another page of the project (other meetings, other people).
    let other = project_pages().pop().unwrap();
    fs::write(&files[0], &other.text).unwrap();
    let out = ingest(&db, &["-v"], &[&pages]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out).matches("replaced the version stored before").count(), 1, "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 3);

    // What is stored is what a fresh database makes of the files as they are now: nothing of
    // the earlier version is left.
    let fresh = dir.path().join("fresh.db");
    assert_eq!(ingest(&fresh, &[], &[&pages]).status.code(), Some(0));
    assert_eq!(page_rows(&db), page_rows(&fresh));
    for sql in [
        "SELECT source, person, title, role FROM v_attendance ORDER BY 1, 2, 3, 4",
        "SELECT source, unit, text FROM v_achievements ORDER BY 1, 2, 3",
        "SELECT source, article_seq, headline, body FROM v_articles ORDER BY 1, 2",
    ] {
        assert_eq!(rows(&db, sql), rows(&fresh, sql), "{sql}");
    }

    let new_hash = blake3::hash(other.text.as_bytes()).to_hex().to_string();
    let replaced = rows(&db, "SELECT path, old_content_hash, new_content_hash, run_id FROM v_replaced_pages");
    assert_eq!(replaced, [format!("{} | {old_hash} | {new_hash} | 2", files[0].display())]);
    assert_eq!(
        rows(&db, "SELECT status, count(*) FROM ingest_files WHERE run_id = 2 GROUP BY status ORDER BY 1"),
        ["replaced | 1", "unchanged | 2"]
    );
    assert_eq!(log_agrees_with_pages(&db), Ok(()));
}

#[test]
fn the_same_content_under_another_name_is_not_stored_twice() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pages(dir.path(), 1);
    let renamed = dir.path().join(name(&files[0]).replace("p01", "p01_again"));
    fs::copy(&files[0], &renamed).unwrap();
    let db = dir.path().join("x.db");
    let out = ingest(&db, &["-v"], &[&files[0], &renamed]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 1);
    assert!(stderr(&out).contains("unchanged, skipped"), "{}", stderr(&out));
}

#[test]
fn a_dry_run_says_what_a_run_would_do_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let files = write_pages(&pages, 3);
    let db = dir.path().join("x.db");

    let out = ingest(&db, &["--dry-run"], &[&pages]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().filter(|l| l.starts_with("store ")).count(), 3, "{}", stdout(&out));
    assert!(!db.exists(), "a dry run created the database");

    assert_eq!(ingest(&db, &[], &[&pages]).status.code(), Some(0));
    let counts = data_counts(&db);
    fs::write(&files[1], edited(&fs::read_to_string(&files[1]).unwrap(), 7)).unwrap();
    let new = pages.join("new_2024-05-06.txt");
    fs::write(&new, edited(&fs::read_to_string(&files[2]).unwrap(), 8)).unwrap();
    let empty = pages.join("empty_2024-05-06.txt");
    fs::write(&empty, "").unwrap();

    let out = ingest(&db, &["--dry-run"], &[&pages]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let plan = stdout(&out);
    let line = |path: &Path| plan.lines().find(|l| l.contains(&name(path))).unwrap_or_default().to_string();
    assert!(line(&files[0]).starts_with("skip "), "{plan}");
    assert!(line(&files[1]).starts_with("replace "), "{plan}");
    assert!(line(&new).starts_with("store "), "{plan}");
    assert!(line(&empty).starts_with("reject ") && line(&empty).ends_with("is empty"), "{plan}");
    assert_eq!(data_counts(&db), counts);
    assert_eq!(count(&db, "SELECT count(*) FROM ingest_runs"), 1, "a dry run was logged");
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_str().unwrap().to_string()
}
