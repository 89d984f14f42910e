//! Helpers for the tests that run the real `readout` binary as an operator would: run it,
//! fill a folder with pages, and read the database it leaves.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::Connection;

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The sample page; its issue date is not in its name.
pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/000_33a1af8f75da2c74.txt");
pub const SAMPLE_DATE: &str = "2024-04-02";

/// The binary, with colours off.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_readout"));
    command.env("NO_COLOR", "1").env_remove("READOUT_LOG");
    command
}

pub fn readout<S: AsRef<OsStr>>(args: &[S]) -> Output {
    command().args(args).output().unwrap()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `readout ingest --db DB PATH...`, with more options before the paths.
pub fn ingest<P: AsRef<OsStr>>(db: &Path, options: &[&str], paths: &[P]) -> Output {
    let mut command = command();
    command.arg("ingest").arg("--db").arg(db).args(options).args(paths);
    command.output().unwrap()
}

/// A page of the project: its file name (with its issue date in it) and its text.
#[derive(Clone, Debug)]
pub struct Page {
    pub name: String,
    pub text: String,
}

/// Every page the project holds: the corpus, the sample page and its variants, decoded
/// (whatever their encoding), each named with its issue date.
pub fn project_pages() -> Vec<Page> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for folder in ["tests/corpus", "tests/data/variants"] {
        for entry in fs::read_dir(Path::new(ROOT).join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "txt") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut pages: Vec<Page> = paths
        .iter()
        .map(|path| Page {
            name: path.file_name().unwrap().to_str().unwrap().to_string(),
            text: readout::reader::read(path, u64::MAX).unwrap().text,
        })
        .collect();
    pages.push(Page { name: format!("sample_{SAMPLE_DATE}.txt"), text: fs::read_to_string(SAMPLE).unwrap() });
    pages
}

/// A small edit that makes a page's content differ from its other copies without touching
/// its articles: an editor's line at the end.
pub fn edited(text: &str, edit: usize) -> String {
    if edit == 0 { text.to_string() } else { format!("{}\n\n（本版编辑：第{edit}稿）\n", text.trim_end()) }
}

/// Writes `n` pages into `dir`, all different in content: the project's pages, then copies of
/// them with small edits. Returns their paths, in the order written.
pub fn write_pages(dir: &Path, n: usize) -> Vec<PathBuf> {
    let pages = project_pages();
    fs::create_dir_all(dir).unwrap();
    (0..n)
        .map(|i| {
            let page = &pages[i % pages.len()];
            let copy = i / pages.len();
            let stem = page.name.trim_end_matches(".txt");
            let path = dir.join(format!("{stem}_{copy:02}.txt"));
            fs::write(&path, edited(&page.text, copy)).unwrap();
            path
        })
        .collect()
}

pub fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Row counts of every table but the runs log's, which records every run, a re-run too.
pub fn data_counts(db: &Path) -> Vec<(String, i64)> {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'
                AND name NOT IN ('ingest_runs', 'ingest_files') ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

/// `PRAGMA integrity_check`, `PRAGMA foreign_key_check`, and FTS5's check that each
/// full-text index holds exactly the sentences of `search_sentences`: "ok" when none finds
/// anything.
pub fn integrity(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    let mut integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    let violations = conn.prepare("PRAGMA foreign_key_check").unwrap().query_map([], |_| Ok(())).unwrap().count();
    if violations > 0 {
        integrity = format!("{integrity}; {violations} foreign key violation(s)");
    }
    let has_index: bool =
        conn.query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'search_words'", [], |r| r.get(0)).unwrap();
    for index in ["search_words", "search_text"].into_iter().filter(|_| has_index) {
        if let Err(e) = conn.execute(&format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"), [])
        {
            integrity = format!("{integrity}; {index} disagrees with search_sentences: {e}");
        }
    }
    integrity
}

/// What a page holds below it, table by table, counted from its `page_id`.
const PAGE_ROWS: &[(&str, &str)] = &[
    ("articles", "SELECT count(*) FROM articles a WHERE a.page_id = p.page_id"),
    (
        "paragraphs",
        "SELECT count(*) FROM paragraphs x JOIN articles a ON a.article_id = x.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "sentences",
        "SELECT count(*) FROM sentences x JOIN paragraphs g ON g.paragraph_id = x.paragraph_id
           JOIN articles a ON a.article_id = g.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "notes",
        "SELECT count(*) FROM notes x JOIN articles a ON a.article_id = x.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "reporters",
        "SELECT count(*) FROM reporters x JOIN articles a ON a.article_id = x.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "pull_quotes",
        "SELECT count(*) FROM pull_quotes x JOIN articles a ON a.article_id = x.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "events",
        "SELECT count(*) FROM events x JOIN articles a ON a.article_id = x.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "attendance",
        "SELECT count(*) FROM attendance x JOIN events e ON e.event_id = x.event_id
           JOIN articles a ON a.article_id = e.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "unit_reports",
        "SELECT count(*) FROM unit_reports x JOIN events e ON e.event_id = x.event_id
           JOIN articles a ON a.article_id = e.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "achievements",
        "SELECT count(*) FROM achievements x JOIN unit_reports u ON u.unit_report_id = x.unit_report_id
           JOIN events e ON e.event_id = u.event_id JOIN articles a ON a.article_id = e.article_id
          WHERE a.page_id = p.page_id",
    ),
    (
        "shortfalls",
        "SELECT count(*) FROM shortfalls x JOIN unit_reports u ON u.unit_report_id = x.unit_report_id
           JOIN events e ON e.event_id = u.event_id JOIN articles a ON a.article_id = e.article_id
          WHERE a.page_id = p.page_id",
    ),
    (
        "agreements",
        "SELECT count(*) FROM agreements x JOIN events e ON e.event_id = x.event_id
           JOIN articles a ON a.article_id = e.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "agreement_parties",
        "SELECT count(*) FROM agreement_parties x JOIN agreements g ON g.agreement_id = x.agreement_id
           JOIN events e ON e.event_id = g.event_id JOIN articles a ON a.article_id = e.article_id
          WHERE a.page_id = p.page_id",
    ),
    (
        "approved_documents",
        "SELECT count(*) FROM approved_documents x JOIN events e ON e.event_id = x.event_id
           JOIN articles a ON a.article_id = e.article_id WHERE a.page_id = p.page_id",
    ),
    (
        "statements",
        "SELECT count(*) FROM statements x JOIN events e ON e.event_id = x.event_id
           JOIN articles a ON a.article_id = e.article_id WHERE a.page_id = p.page_id",
    ),
    ("diagnostics", "SELECT count(*) FROM diagnostics x WHERE x.page_id = p.page_id"),
];

/// For every stored page, keyed by its content hash and issue date, how many rows each table
/// holds for it: two databases that stored the same content whole agree on it.
pub fn page_rows(db: &Path) -> BTreeMap<String, Vec<(&'static str, i64)>> {
    let conn = Connection::open(db).unwrap();
    let columns: Vec<String> = PAGE_ROWS.iter().map(|(_, sql)| format!("({sql})")).collect();
    let sql = format!("SELECT p.content_hash || ' ' || ifnull(p.issue_date, '-'), {} FROM pages p", columns.join(", "));
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map([], |r| {
        let counts: rusqlite::Result<Vec<(&str, i64)>> =
            PAGE_ROWS.iter().enumerate().map(|(i, (table, _))| Ok((*table, r.get(i + 1)?))).collect();
        Ok((r.get(0)?, counts?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The runs log agrees with the pages: every page was logged as stored by the run that stored
/// it, and every run's counters are the sum of its files' rows.
pub fn log_agrees_with_pages(db: &Path) -> Result<(), String> {
    let unlogged = count(
        db,
        "SELECT count(*) FROM pages p WHERE NOT EXISTS (SELECT 1 FROM ingest_files f
            WHERE f.page_id = p.page_id AND f.status IN ('stored', 'replaced'))",
    );
    let miscounted = count(
        db,
        "SELECT count(*) FROM ingest_runs r WHERE
            files_ingested <> (SELECT count(*) FROM ingest_files f WHERE f.run_id = r.run_id AND f.status IN ('stored', 'replaced'))
         OR files_replaced <> (SELECT count(*) FROM ingest_files f WHERE f.run_id = r.run_id AND f.status = 'replaced')
         OR files_skipped <> (SELECT count(*) FROM ingest_files f WHERE f.run_id = r.run_id AND f.status = 'unchanged')
         OR files_rejected <> (SELECT count(*) FROM ingest_files f WHERE f.run_id = r.run_id AND f.status = 'rejected')",
    );
    match (unlogged, miscounted) {
        (0, 0) => Ok(()),
        _ => Err(format!("{unlogged} page(s) not in the runs log, {miscounted} run(s) with wrong counters")),
    }
}

/// The SQL rows of a query, each as one line of text: to compare two databases' views.
pub fn rows(db: &Path, sql: &str) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    stmt.query_map([], |r| {
        (0..columns)
            .map(|i| {
                Ok(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                    rusqlite::types::ValueRef::Real(x) => x.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(b) => format!("{b:?}"),
                })
            })
            .collect::<rusqlite::Result<Vec<String>>>()
            .map(|fields| fields.join(" | "))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}
