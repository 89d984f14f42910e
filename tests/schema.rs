//! The schema: migrations apply to a fresh database and again to a migrated one, every view
//! in `sql/` applies, and every view of the contract (`../shared/CONTRACT.md`) has its
//! columns and can be read by the plain `sqlite3` shell, which may be older than the SQLite
//! readout links.

use std::path::Path;
use std::process::Command;

use readout::store::{DEFAULT_BUSY_TIMEOUT, Store, VIEWS};

/// The contract: each view with the columns dashboards may rely on.
const CONTRACT: &[(&str, &[&str])] = &[
    ("v_articles", &["source", "issue_date", "article_seq", "kind", "dateline", "headline", "kicker", "body"]),
    ("v_pull_quotes", &["source", "article_seq", "text"]),
    (
        "v_meetings",
        &["meeting_id", "source", "article_seq", "name", "meeting_date", "time_of_day", "location", "chair"],
    ),
    ("v_attendance", &["meeting_id", "source", "article_seq", "person", "title", "role"]),
    (
        "v_achievements",
        &[
            "meeting_id",
            "source",
            "article_seq",
            "unit",
            "unit_kind",
            "seq",
            "text",
            "period",
            "period_start",
            "period_end",
            "rank_scope",
            "rank",
            "streak_years",
            "value",
            "measure",
            "qualifier",
            "first_scope",
        ],
    ),
    ("v_shortfalls", &["meeting_id", "source", "article_seq", "unit", "unit_kind", "seq", "text"]),
    (
        "v_agreements",
        &[
            "agreement_id",
            "source",
            "article_seq",
            "signed_date",
            "location",
            "title",
            "party",
            "signer",
            "signer_title",
        ],
    ),
    (
        "v_approved_documents",
        &["meeting_id", "source", "article_seq", "title", "decision", "period_start_year", "period_end_year"],
    ),
];

fn columns(store: &Store, view: &str) -> Vec<String> {
    let stmt = store.connection().prepare(&format!("SELECT * FROM {view} LIMIT 0")).expect(view);
    stmt.column_names().map(str::to_string).collect()
}

#[test]
fn migrating_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let first = Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap();
    let version = first.schema_version().unwrap();
    let objects = |s: &Store| -> Vec<(String, String)> {
        let mut stmt = s.connection().prepare("SELECT type, name FROM sqlite_master ORDER BY type, name").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let before = objects(&first);
    drop(first);
    let second = Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap();
    assert_eq!(second.schema_version().unwrap(), version);
    assert_eq!(objects(&second), before);
    assert!(version >= 1);
}

#[test]
fn every_contract_view_has_its_columns() {
    let store = Store::open_in_memory().unwrap();
    for (view, wanted) in CONTRACT {
        let have = columns(&store, view);
        for column in *wanted {
            assert!(have.iter().any(|c| c == column), "{view} lacks column {column}; it has {have:?}");
        }
    }
}

#[test]
fn every_view_file_creates_the_view_it_is_named_after() {
    let store = Store::open_in_memory().unwrap();
    for (file, sql) in VIEWS {
        let name = file.trim_end_matches(".sql");
        assert!(sql.starts_with("--"), "{file} must open with a comment saying which question it answers");
        let found: i64 = store
            .connection()
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = ?1", [name], |r| r.get(0))
            .unwrap();
        assert_eq!(found, 1, "{file} does not create view {name}");
    }
}

#[test]
fn tables_are_strict_and_foreign_keys_are_on() {
    let store = Store::open_in_memory().unwrap();
    let conn = store.connection();
    let loose: Vec<String> = conn
        .prepare(
            // Full-text indexes (`virtual`) and their storage (`shadow`) are FTS5's own tables.
            "SELECT l.name FROM pragma_table_list l JOIN sqlite_master m ON m.name = l.name
              WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite_%'
                AND l.name <> 'refinery_schema_history' AND l.strict = 0",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(loose.is_empty(), "tables not STRICT: {loose:?}");
    let on: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert!(on);
}

/// The `sqlite3` shell an analyst has may be older than the SQLite linked into readout, so
/// every view must parse there too.
#[test]
fn the_plain_sqlite3_shell_reads_every_view() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    drop(Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap());
    let shell = which_sqlite3().expect("the sqlite3 shell is needed for this test: `make deps` installs it");
    for (file, _) in VIEWS {
        let view = file.trim_end_matches(".sql");
        let out = Command::new(&shell).arg(&db).arg(format!("SELECT * FROM {view} LIMIT 1;")).output().unwrap();
        assert!(out.status.success(), "sqlite3 cannot read {view}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

fn which_sqlite3() -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|dir| Path::new(dir).join("sqlite3")).find(|p| p.is_file())
}
