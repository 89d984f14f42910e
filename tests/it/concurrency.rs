//! Overlapping runs and readers on one database, as cron and dashboards make them: two runs
//! over the same files store each page once, a reader holding the database open never stops
//! a run (WAL), and a run waits for a writer up to its busy timeout, then stops with exit 3
//! and a message that says why, writing nothing partial.

use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, sleep};
use std::time::Duration;

use rusqlite::Connection;

use crate::operator::*;

fn spawn_ingest(db: &Path, pages: &Path) -> Child {
    command().arg("ingest").arg("--db").arg(db).arg(pages).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap()
}

#[test]
fn two_simultaneous_runs_over_the_same_300_files_store_each_page_once() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    write_pages(&pages, 300);
    let db = dir.path().join("x.db");

    // Both runs start on a database that does not exist yet, so they also race to create
    // and migrate it.
    let (a, b) = (spawn_ingest(&db, &pages), spawn_ingest(&db, &pages));
    // A dashboard opens the database as soon as it has a page, and holds a read transaction
    // open until both runs are done.
    let done = AtomicBool::new(false);
    let (a, b) = thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut reads = 0;
            while !done.load(Ordering::SeqCst) {
                let Ok(conn) = Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else {
                    sleep(Duration::from_millis(20));
                    continue;
                };
                conn.busy_timeout(Duration::from_secs(10)).unwrap();
                conn.execute_batch("BEGIN").unwrap();
                let seen = conn.query_row("SELECT count(*) FROM pages", [], |r| r.get::<_, i64>(0)).unwrap_or(0);
                if seen > 0 {
                    reads += 1;
                    while !done.load(Ordering::SeqCst) {
                        sleep(Duration::from_millis(20));
                    }
                } else {
                    sleep(Duration::from_millis(20));
                }
                conn.execute_batch("COMMIT").unwrap();
            }
            reads
        });
        let a = a.wait_with_output().unwrap();
        let b = b.wait_with_output().unwrap();
        done.store(true, Ordering::SeqCst);
        assert_eq!(reader.join().unwrap(), 1, "the reader never held the database open during the runs");
        (a, b)
    });
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));

    assert_eq!(integrity(&db), "ok");
    assert_eq!(
        rows(&db, "SELECT count(*), count(DISTINCT content_hash), count(DISTINCT path) FROM pages"),
        ["300 | 300 | 300"]
    );
    // Each file was stored by one run and found unchanged by the other.
    let once = count(
        &db,
        "SELECT count(*) FROM (SELECT path FROM ingest_files GROUP BY path
            HAVING count(*) = 2 AND sum(status = 'stored') = 1 AND sum(status = 'unchanged') = 1)",
    );
    assert_eq!(once, 300);
    assert_eq!(log_agrees_with_pages(&db), Ok(()));

    // What the two runs stored together is what one run alone stores.
    let alone = dir.path().join("alone.db");
    assert_eq!(ingest(&alone, &[], &[&pages]).status.code(), Some(0));
    assert_eq!(page_rows(&db), page_rows(&alone));
    let attendance = "SELECT source, person, title, role FROM v_attendance ORDER BY 1, 2, 3, 4";
    assert_eq!(rows(&db, attendance), rows(&alone, attendance));

    // A third run changes no count.
    let counts = data_counts(&db);
    let again = ingest(&db, &[], &[&pages]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(data_counts(&db), counts);
    assert_eq!(
        rows(&db, "SELECT files_seen, files_ingested, files_skipped FROM v_ingest_runs LIMIT 1"),
        ["300 | 0 | 300"]
    );
}

/// A connection holding the database's write lock, as a run in the middle of a file does.
fn hold_write_lock(db: &Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

#[test]
fn a_run_stops_with_exit_3_when_another_writer_keeps_the_database_past_the_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pages(&dir.path().join("pages"), 3);
    let db = dir.path().join("x.db");
    assert_eq!(ingest(&db, &[], &[&files[0]]).status.code(), Some(0));

    let writer = hold_write_lock(&db);
    let out = ingest(&db, &["--busy-timeout", "1"], &[&files[1], &files[2]]);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{log}");
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("x.db: the database is locked by another process"), "{log}");
    assert!(log.contains("for more than 1 s (--busy-timeout); 2 file(s) not taken, left for the next run"), "{log}");
    // A reader is not stopped by the writer.
    let status = readout(&["status", "--busy-timeout", "1", "--db", db.to_str().unwrap()]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    writer.execute_batch("ROLLBACK").unwrap();

    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 1);
    let out = ingest(&db, &[], &[&files[1], &files[2]]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 3);
}

#[test]
fn a_run_waits_for_another_writer_within_the_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pages(&dir.path().join("pages"), 3);
    let db = dir.path().join("x.db");
    assert_eq!(ingest(&db, &[], &[&files[0]]).status.code(), Some(0));

    let writer = hold_write_lock(&db);
    let run = command()
        .arg("ingest")
        .arg("--db")
        .arg(&db)
        .args(&files[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The run is started and waits for the lock; then the writer is done.
    sleep(Duration::from_millis(1500));
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 1);
    writer.execute_batch("ROLLBACK").unwrap();
    let out = run.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 3);
}

#[test]
fn runs_that_create_a_new_database_at_the_same_moment_all_set_it_up_and_go_on() {
    let dir = tempfile::tempdir().unwrap();
    // Runs over a missing file each: they set the database up, log the file as rejected and
    // exit 1, quickly, so that many rounds of them race to create and migrate a database.
    for round in 0..30 {
        let db = dir.path().join(format!("{round}.db"));
        let runs: Vec<Child> = (0..6)
            .map(|i| {
                let mut command = command();
                command.arg("ingest").arg("--db").arg(&db).arg(dir.path().join(format!("missing_{i}.txt")));
                command.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap()
            })
            .collect();
        for run in runs {
            let out = run.wait_with_output().unwrap();
            assert_eq!(out.status.code(), Some(1), "round {round}: {}", stderr(&out));
            assert!(stderr(&out).contains(".txt: does not exist"), "round {round}: {}", stderr(&out));
        }
        assert_eq!(count(&db, "SELECT count(*) FROM ingest_runs WHERE files_rejected = 1"), 6, "round {round}");
        let latest = readout::store::latest_schema_version();
        assert_eq!(count(&db, "SELECT max(version) FROM refinery_schema_history"), latest);
    }
}
