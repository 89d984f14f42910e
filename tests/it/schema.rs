//! The schema: migrations apply to a fresh database and again to a migrated one, every view
//! in `sql/` applies, and every view of the contract (`../shared/CONTRACT.md`) has its
//! columns and can be read by the plain `sqlite3` shell, which may be older than the SQLite
//! readout links.

use std::path::Path;
use std::process::Command;

use readout::store::{DEFAULT_BUSY_TIMEOUT, Store, VIEWS};
use rusqlite::Connection;

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

fn columns(conn: &Connection, view: &str) -> Vec<String> {
    let stmt = conn.prepare(&format!("SELECT * FROM {view} LIMIT 0")).expect(view);
    stmt.column_names().map(str::to_string).collect()
}

/// A new database migrated by the store, and a connection of its own to look at it with.
fn migrated() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    drop(Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap());
    let conn = Connection::open(&db).unwrap();
    (dir, conn)
}

#[test]
fn migrating_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let first = Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap();
    let version = first.schema_version().unwrap();
    let objects = || -> Vec<(String, String)> {
        let conn = Connection::open(&db).unwrap();
        let mut stmt = conn.prepare("SELECT type, name FROM sqlite_master ORDER BY type, name").unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
    };
    let before = objects();
    drop(first);
    let second = Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap();
    assert_eq!(second.schema_version().unwrap(), version);
    assert_eq!(objects(), before);
    assert!(version >= 1);
}

#[test]
fn every_contract_view_has_its_columns() {
    let (_dir, conn) = migrated();
    for (view, wanted) in CONTRACT {
        let have = columns(&conn, view);
        for column in *wanted {
            assert!(have.iter().any(|c| c == column), "{view} lacks column {column}; it has {have:?}");
        }
    }
}

#[test]
fn every_view_file_creates_the_view_it_is_named_after() {
    let (_dir, conn) = migrated();
    for (file, sql) in VIEWS {
        let name = file.trim_end_matches(".sql");
        assert!(sql.starts_with("--"), "{file} must open with a comment saying which question it answers");
        let found: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = ?1", [name], |r| r.get(0))
            .unwrap();
        assert_eq!(found, 1, "{file} does not create view {name}");
    }
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

/// Every join column is indexed: for each foreign key, some index (a primary key or UNIQUE
/// constraint's included) starts with its columns, so a join or a cascading delete never scans
/// the child table. References to `people` are the exception: no row of `people` is ever
/// deleted, and every view joins from the fact to its person, by the person's key.
#[test]
fn every_foreign_key_leads_an_index() {
    let (_dir, conn) = migrated();
    let strings = |sql: &str, arg: &str| -> Vec<String> {
        conn.prepare(sql).unwrap().query_map([arg], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
    };
    let tables = strings("SELECT name FROM pragma_table_list WHERE schema = ?1 AND type = 'table'", "main");
    let mut checked = 0;
    for table in tables {
        let keys: Vec<(i64, String)> = conn
            .prepare(
                "SELECT id, \"from\" FROM pragma_foreign_key_list(?1) WHERE \"table\" <> 'people' ORDER BY id, seq",
            )
            .unwrap()
            .query_map([&table], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut by_key: Vec<Vec<String>> = Vec::new();
        let mut last = None;
        for (id, column) in keys {
            if last != Some(id) {
                by_key.push(Vec::new());
                last = Some(id);
            }
            by_key.last_mut().unwrap().push(column);
        }
        let indexes: Vec<Vec<String>> = strings("SELECT name FROM pragma_index_list(?1)", &table)
            .iter()
            .map(|index| strings("SELECT name FROM pragma_index_info(?1) ORDER BY seqno", index))
            .collect();
        for key in by_key {
            let led = indexes.iter().any(|columns| columns.len() >= key.len() && columns[..key.len()] == key[..]);
            assert!(led, "{table} ({}) references another table but no index starts with it", key.join(", "));
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} foreign keys found");
}

/// `docs/schema.md` is what `readout schema-doc` writes for a new database: regenerate it with
/// `cargo run -- schema-doc --out docs/schema.md` after changing a migration or a view.
#[test]
fn the_checked_in_data_dictionary_is_the_schema_of_today() {
    let doc = Store::open_in_memory().unwrap().schema_doc().unwrap();
    assert!(doc.undocumented.is_empty(), "no meaning for: {:?}", doc.undocumented);
    assert!(doc.unused.is_empty(), "src/store/dictionary.rs explains what is not there: {:?}", doc.unused);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.md");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == doc.markdown,
        "docs/schema.md differs from the schema: run `cargo run -- schema-doc --out docs/schema.md`"
    );
}

/// The dictionary covers every table, index and view and every column of each, as SQLite
/// itself lists them.
#[test]
fn the_data_dictionary_has_every_table_view_and_column() {
    let markdown = Store::open_in_memory().unwrap().schema_doc().unwrap().markdown;
    let (_dir, conn) = migrated();
    let objects: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view', 'virtual') AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(objects.len() >= 40, "{objects:?}");
    for object in objects {
        let heading = format!("### `{object}`\n");
        let start = markdown.find(&heading).unwrap_or_else(|| panic!("{object} is not in the dictionary"));
        let section = &markdown[start + heading.len()..];
        let section = &section[..section.find("\n### ").unwrap_or(section.len())];
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .unwrap()
            .query_map([&object], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(!columns.is_empty(), "{object}");
        for column in columns {
            let row = section.lines().find(|l| l.starts_with(&format!("| `{column}` |")));
            let row = row.unwrap_or_else(|| panic!("{object}.{column} is not in the dictionary"));
            let meaning = row.trim_end_matches('|').rsplit('|').next().unwrap().trim();
            assert!(meaning.chars().count() >= 2 && meaning != "(undocumented)", "{object}.{column}: {row}");
        }
    }
}

/// Opening a database whose views are current writes nothing (a reader such as `readout
/// search` takes no write lock under a dashboard); a view that differs from `sql/` is
/// re-created.
#[test]
fn opening_an_up_to_date_database_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    drop(Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap());
    let watcher = Connection::open(&db).unwrap();
    let version = |c: &Connection| -> i64 { c.query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap() };
    let before = version(&watcher);
    drop(Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap());
    assert_eq!(version(&watcher), before, "a second open wrote to the database");

    watcher.execute_batch("DROP VIEW v_search; CREATE VIEW v_search AS SELECT 1 AS one;").unwrap();
    let before = version(&watcher);
    drop(Store::open(&db, DEFAULT_BUSY_TIMEOUT).unwrap());
    assert_ne!(version(&watcher), before, "the changed view was not re-created");
    assert!(columns(&Connection::open(&db).unwrap(), "v_search").iter().any(|c| c == "sentence"));
}
