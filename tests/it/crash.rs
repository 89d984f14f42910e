//! `kill -9` at any moment of a run over many files leaves the database as it was before the
//! file being stored: `PRAGMA integrity_check` says ok, every page stored holds all of its
//! rows (as many, table by table, as an uninterrupted run stores for the same content), the
//! runs log agrees with the pages, and the next run goes on from there.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::operator::*;

const FILES: usize = 150;
const KILLS: usize = 24;

/// The delays before each kill, in milliseconds: spread over a run's start (opening and
/// migrating the database, loading the word list) and its files, up to `run` (what a whole
/// run takes on this machine), in the same pattern on every test run.
fn delays(run: Duration) -> impl Iterator<Item = u64> {
    let run = (run.as_millis() as u64).max(100);
    let mut x: u64 = 2024;
    std::iter::from_fn(move || {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        Some(match (x >> 33) % 8 {
            0 => (x >> 40) % 40,
            _ => (x >> 40) % run,
        })
    })
}

/// Removes a database with its write-ahead log.
fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = fs::remove_file(path);
    }
}

#[test]
fn kill_9_at_any_moment_leaves_a_consistent_database_and_no_partial_page() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let files = write_pages(&pages, FILES);

    // Between two kills a file changes, so that replacing a page is cut short too. Every
    // version a file will have is stored, uninterrupted, in a reference database.
    let versions = dir.path().join("versions");
    let mut changes = Vec::new();
    for (k, file) in files.iter().enumerate().take(2 * KILLS) {
        let version = versions.join(k.to_string()).join(file.file_name().unwrap());
        fs::create_dir_all(version.parent().unwrap()).unwrap();
        fs::write(&version, edited(&fs::read_to_string(file).unwrap(), 100 + k)).unwrap();
        changes.push((file.clone(), version));
    }
    let reference = dir.path().join("reference.db");
    let out = ingest(&reference, &[], &[&pages, &versions]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected: BTreeMap<_, _> = page_rows(&reference);
    assert_eq!(expected.len(), FILES + changes.len());

    // How long a whole run takes here, to spread the kills over one: timed, not asserted.
    let started = Instant::now();
    assert_eq!(ingest(&dir.path().join("timing.db"), &[], &[&pages]).status.code(), Some(0));
    let run = started.elapsed();

    let db = dir.path().join("x.db");
    let (mut kills, mut completed_runs, mut changed) = (0, 0, 0);
    for (attempt, delay) in delays(run).enumerate() {
        if kills >= KILLS && completed_runs > 0 {
            break;
        }
        assert!(attempt < 200, "{kills} kills and {completed_runs} completed runs in {attempt} attempts");
        let mut child = command()
            .arg("ingest")
            .arg("--db")
            .arg(&db)
            .arg(&pages)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        sleep(Duration::from_millis(delay));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
        }
        let status = child.wait().unwrap();
        if status.signal() == Some(9) {
            kills += 1;
        } else {
            assert_eq!(status.code(), Some(0), "a run that was not killed failed");
            completed_runs += 1;
        }

        if db.exists() {
            assert_eq!(integrity(&db), "ok", "after attempt {attempt} ({delay} ms)");
        }
        // A run killed while it migrated a new database leaves it without tables.
        if db.exists() && count(&db, "SELECT count(*) FROM sqlite_schema WHERE name = 'pages'") == 1 {
            for (page, rows) in page_rows(&db) {
                assert_eq!(Some(&rows), expected.get(&page), "page {page} after attempt {attempt} ({delay} ms)");
            }
            assert_eq!(log_agrees_with_pages(&db), Ok(()), "after attempt {attempt} ({delay} ms)");
        }

        if status.code() == Some(0) {
            assert_eq!(count(&db, "SELECT count(*) FROM pages"), FILES as i64);
            // Once more from a new database, to kill runs while they migrate it.
            remove_database(&db);
        } else if changed < changes.len() {
            for (file, version) in &changes[changed..changed + 2] {
                fs::copy(version, file).unwrap();
            }
            changed += 2;
        }
    }

    // A last run stores what the killed ones left, and the database is then what one
    // uninterrupted run over the files as they are now makes of them.
    let out = ingest(&db, &[], &[&pages]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let fresh = dir.path().join("fresh.db");
    assert_eq!(ingest(&fresh, &[], &[&pages]).status.code(), Some(0));
    assert_eq!(page_rows(&db), page_rows(&fresh));
    assert_eq!(integrity(&db), "ok");
    let unfinished = count(&db, "SELECT count(*) FROM v_ingest_runs WHERE status = 'unfinished'");
    assert!(unfinished <= kills as i64, "{unfinished} unfinished runs, {kills} kills");
}
