//! Extraction quality, end to end: the real binary ingests hand-annotated pages and the
//! database it writes is scored against their gold files with `common::score` (the same
//! measures as `score.py`), table by table and field by field.
//!
//! - the sample page (`tests/data/`);
//! - the sample page in its other printed and web forms (`tests/data/variants/`);
//! - the project's own corpus (`tests/corpus/`): pages of every form and kind of report.
//!
//! Each scores 1.0 on every table and field, and is asserted to: one fact lost, added or wrong
//! on one page fails (a test takes facts out of a database to show it). A failing assertion
//! prints the whole report, every miss and wrong value included.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::score::{self, Gold, Report, Table};
use rusqlite::Connection;

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(rel)
}

/// Every file of `dir` whose name ends with `suffix`, sorted.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect();
    out.sort();
    out
}

/// Ingests `pages` into a fresh database with the real binary and scores it against the gold
/// file beside each page (`x.txt` → `x.gold.json`).
fn ingest_and_score(pages: &[PathBuf], extra_args: &[&str]) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), pages, extra_args);
    score_db(&db, pages)
}

/// The scores of a database holding `pages`, against the gold file beside each.
fn score_db(db: &Path, pages: &[PathBuf]) -> Report {
    let golds: Vec<Gold> = pages.iter().map(|p| score::load_gold(&p.with_extension("gold.json"))).collect();
    let conn = Connection::open(db).unwrap();
    score::score(&conn, &golds)
}

/// Ingests `pages` into a new database in `dir` with the real binary.
fn ingest(dir: &Path, pages: &[PathBuf], extra_args: &[&str]) -> PathBuf {
    let db = dir.join("q.db");
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .arg("-q")
        .arg("ingest")
        .arg("--db")
        .arg(&db)
        .args(extra_args)
        .args(pages)
        .output()
        .unwrap();
    assert!(out.status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
    db
}

/// What keeps a report from being perfect: every table's misses and extras (a fact lost or
/// one too many, counted even where score.py lists no item) and every field's wrong values.
/// Empty when each table scores 1.0 and each field is right every time.
fn imperfections(report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for table in Table::ALL {
        let t = report.table(table);
        if t.fp != 0 || t.fn_ != 0 {
            out.push(format!("{}: {} extra, {} missing", table.name(), t.fp, t.fn_));
        }
    }
    for (name, field) in &report.fields {
        if field.ok != field.n {
            out.push(format!("{name}: {} of {} right", field.ok, field.n));
        }
    }
    out
}

/// Asserts that a report is perfect, printing it whole when it is not.
fn assert_perfect(report: &Report, what: &str) {
    let wrong = imperfections(report);
    assert!(wrong.is_empty(), "{what} no longer scores 1.0: {wrong:?}\n{report}");
}

/// The sample page scores 1.0 on every table and field.
#[test]
fn the_sample_page_scores_perfectly() {
    let page = data("data/000_33a1af8f75da2c74.txt");
    let report = ingest_and_score(&[page], &["--issue-date", "2024-04-02"]);
    assert_perfect(&report, "the sample page");
}

/// The sample page printed and copied otherwise (flattened columns, traditional characters,
/// web copies) scores 1.0 too.
#[test]
fn the_sample_page_in_its_other_forms_scores_perfectly() {
    let pages = files(&data("data/variants"), ".txt");
    assert!(pages.len() >= 4, "variants missing: {pages:?}");
    for page in pages {
        // the issue date comes from each variant's file name
        let report = ingest_and_score(std::slice::from_ref(&page), &[]);
        assert_perfect(&report, &page.display().to_string());
    }
}

/// The corpus scores 1.0 on every page, table and field: a page that loses a single fact, or
/// gains one, or gets one value wrong, fails.
#[test]
fn the_corpus_of_every_form_and_kind_scores_perfectly() {
    let pages = files(&data("corpus"), ".txt");
    assert!(pages.len() >= 20, "corpus too small: {} pages", pages.len());
    let report = ingest_and_score(&pages, &[]);
    assert_perfect(&report, "the corpus");
    assert_eq!((report.overall_f1(), report.field_accuracy()), (1.0, 1.0), "{report}");
}

/// Each corpus page on its own, in a database of its own, scores 1.0 too.
#[test]
fn every_corpus_page_alone_scores_perfectly() {
    for page in files(&data("corpus"), ".txt") {
        let report = ingest_and_score(std::slice::from_ref(&page), &[]);
        assert_perfect(&report, &page.display().to_string());
    }
}

/// The assertion above fails when one page loses one fact: here an attendance row, a unit's
/// achievement and a meeting's date taken out of the database after ingestion, each alone.
#[test]
fn one_lost_fact_makes_a_perfect_page_imperfect() {
    let page = files(&data("corpus"), ".txt").into_iter().next().unwrap();
    let pages = std::slice::from_ref(&page);
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), pages, &[]);
    assert_eq!(imperfections(&score_db(&db, pages)), Vec::<String>::new());
    let losses = [
        ("DELETE FROM attendance WHERE rowid = (SELECT max(rowid) FROM attendance)", "attendance: 0 extra, 1 missing"),
        (
            "DELETE FROM achievements WHERE rowid = (SELECT max(rowid) FROM achievements)",
            "achievements: 0 extra, 1 missing",
        ),
        ("UPDATE events SET event_date = NULL WHERE event_date IS NOT NULL", "meeting.date:"),
    ];
    for (sql, wanted) in losses {
        let copy = dir.path().join("lost.db");
        std::fs::copy(&db, &copy).unwrap();
        let conn = Connection::open(&copy).unwrap();
        conn.execute_batch(&format!("PRAGMA foreign_keys = ON; {sql}")).unwrap();
        assert!(conn.changes() > 0, "{sql} changed nothing");
        drop(conn);
        let wrong = imperfections(&score_db(&copy, pages));
        assert!(wrong.iter().any(|w| w.starts_with(wanted)), "{sql}: {wrong:?}");
        std::fs::remove_file(&copy).unwrap();
    }
}
