//! Extraction quality, end to end: the real binary ingests hand-annotated pages and the
//! database it writes is scored against their gold files with `common::score` (the same
//! measures as `score.py`), table by table and field by field.
//!
//! - the sample page (`tests/data/`), with the thresholds an analyst relies on;
//! - the sample page in its other printed and web forms (`tests/data/variants/`);
//! - the project's own corpus (`tests/corpus/`): pages of every form and kind of report.
//!
//! A failing assertion prints the whole report, every miss and wrong value included.

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
    let db = dir.path().join("q.db");
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
    let golds: Vec<Gold> = pages.iter().map(|p| score::load_gold(&p.with_extension("gold.json"))).collect();
    let conn = Connection::open(&db).unwrap();
    score::score(&conn, &golds)
}

#[test]
fn the_sample_page_meets_the_thresholds() {
    let page = data("data/000_33a1af8f75da2c74.txt");
    let report = ingest_and_score(&[page], &["--issue-date", "2024-04-02"]);
    assert!(report.overall_f1() >= 0.97, "{report}");
    assert!(report.field_accuracy() >= 0.95, "{report}");
    for table in Table::ALL {
        let tally = report.table(table);
        if tally.tp + tally.fp + tally.fn_ > 0 {
            assert!(tally.f1() >= 0.9, "{} F1 {:.3}\n{report}", table.name(), tally.f1());
        }
    }
}

#[test]
fn the_sample_page_in_its_other_forms_scores_like_the_sample() {
    let pages = files(&data("data/variants"), ".txt");
    assert!(pages.len() >= 4, "variants missing: {pages:?}");
    for page in pages {
        // the issue date comes from each variant's file name
        let report = ingest_and_score(std::slice::from_ref(&page), &[]);
        assert!(report.overall_f1() >= 0.97, "{}\n{report}", page.display());
        assert!(report.field_accuracy() >= 0.95, "{}\n{report}", page.display());
    }
}

#[test]
fn the_corpus_of_every_form_and_kind_scores_well() {
    let pages = files(&data("corpus"), ".txt");
    assert!(pages.len() >= 20, "corpus too small: {} pages", pages.len());
    let report = ingest_and_score(&pages, &[]);
    assert!(report.overall_f1() >= 0.95, "{report}");
    assert!(report.field_accuracy() >= 0.95, "{report}");
}

#[test]
fn no_corpus_page_falls_far_behind() {
    for page in files(&data("corpus"), ".txt") {
        let report = ingest_and_score(std::slice::from_ref(&page), &[]);
        assert!(report.overall_f1() >= 0.85, "{}\n{report}", page.display());
    }
}
