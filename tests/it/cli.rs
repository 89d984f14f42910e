//! The command line as an operator meets it: exit statuses, the issue date, re-runs, and a
//! database that stays consistent. Every test runs the real binary on copies of the sample
//! page in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rusqlite::Connection;

use crate::operator::data_counts;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/000_33a1af8f75da2c74.txt");

fn readout(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_readout")).args(args).current_dir(cwd).env("NO_COLOR", "1").output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A temporary folder holding the sample page under `name`.
fn folder_with_sample(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join(name);
    std::fs::copy(SAMPLE, &page).unwrap();
    (dir, page)
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_second_ingest_of_the_same_page_changes_no_count() {
    let (dir, page) = folder_with_sample("page.txt");
    let db = dir.path().join("x.db");
    let args = ["ingest", "--db", db.to_str().unwrap(), "--issue-date", "2024-04-02", page.to_str().unwrap()];
    assert!(readout(&args, dir.path()).status.success());
    let first = data_counts(&db);
    assert!(first.iter().any(|(t, n)| t == "attendance" && *n > 0), "{first:?}");
    let again = readout(&args, dir.path());
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(data_counts(&db), first);
}

#[test]
fn the_database_is_consistent_after_ingest() {
    let (dir, page) = folder_with_sample("page_2024-04-02.txt");
    let db = dir.path().join("x.db");
    assert!(readout(&["ingest", "--db", db.to_str().unwrap(), page.to_str().unwrap()], dir.path()).status.success());
    let conn = Connection::open(&db).unwrap();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    let violations = conn.prepare("PRAGMA foreign_key_check").unwrap().query_map([], |_| Ok(())).unwrap().count();
    assert_eq!(violations, 0);
}

#[test]
fn the_issue_date_comes_from_the_flag_else_the_file_name_else_stays_unknown() {
    for (name, flag, want) in [
        ("jf_20240402_01.txt", None, Some("2024-04-02")),
        ("jf-2023-11-30.txt", None, Some("2023-11-30")),
        ("jf_20240402_01.txt", Some("2022-01-05"), Some("2022-01-05")),
        ("front_page.txt", None, None),
    ] {
        let (dir, page) = folder_with_sample(name);
        let db = dir.path().join("x.db");
        let mut args = vec!["ingest", "--db", db.to_str().unwrap()];
        if let Some(date) = flag {
            args.extend(["--issue-date", date]);
        }
        args.push(page.to_str().unwrap());
        let out = readout(&args, dir.path());
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let conn = Connection::open(&db).unwrap();
        let got: Option<String> = conn.query_row("SELECT issue_date FROM pages", [], |r| r.get(0)).unwrap();
        assert_eq!(got.as_deref(), want, "{name} {flag:?}");
        if want.is_none() {
            assert!(stderr(&out).contains("no issue date"), "{}", stderr(&out));
            // 昨天 cannot be resolved without an issue date
            let dated = count(&db, "SELECT count(*) FROM v_meetings WHERE meeting_date IS NOT NULL");
            assert_eq!(dated, 0);
        }
    }
}

#[test]
fn a_rejected_file_exits_1_and_the_others_are_still_stored() {
    let (dir, page) = folder_with_sample("page_2024-04-02.txt");
    let empty = dir.path().join("empty_2024-04-02.txt");
    std::fs::write(&empty, "").unwrap();
    let db = dir.path().join("x.db");
    let out =
        readout(&["ingest", "--db", db.to_str().unwrap(), empty.to_str().unwrap(), page.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("empty_2024-04-02.txt"), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 1);
    assert!(count(&db, "SELECT count(*) FROM v_meetings") > 0);
}

#[test]
fn bad_arguments_and_an_unopenable_database_exit_2() {
    let (dir, page) = folder_with_sample("page.txt");
    let page = page.to_str().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    let cases: [&[&str]; 4] = [
        &["ingest", "--db", db],
        &["ingest", "--db", db, "--issue-date", "2024-13-01", page],
        &["ingest", "--db", "/nonexistent-folder/x.db", page],
        &["no-such-command"],
    ];
    for args in cases {
        let out = readout(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).trim().is_empty(), "{args:?} printed no reason");
    }
    assert!(!dir.path().join("x.db").exists() || count(&dir.path().join("x.db"), "SELECT count(*) FROM pages") == 0);
}

#[test]
fn a_folder_is_every_txt_file_below_it() {
    let (dir, _) = folder_with_sample("a_2024-04-02.txt");
    let sub = dir.path().join("more");
    std::fs::create_dir(&sub).unwrap();
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    // a different page: the same reports a day later
    std::fs::write(sub.join("b_2024-04-03.txt"), text.replace("昨天", "今天")).unwrap();
    std::fs::write(sub.join("notes.md"), "not a page").unwrap();
    let db = dir.path().join("x.db");
    let out = readout(&["ingest", "--db", db.to_str().unwrap(), dir.path().to_str().unwrap()], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), 2);
}

#[test]
fn every_command_explains_its_options_with_an_example() {
    let dir = tempfile::tempdir().unwrap();
    let top = readout(&["--help"], dir.path());
    assert!(top.status.success());
    let text = String::from_utf8_lossy(&top.stdout);
    let commands: Vec<String> = text
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.iter().any(|c| c == "ingest"), "{text}");
    for command in commands {
        let out = readout(&[&command, "--help"], dir.path());
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{command}");
        // an option's entry is its first line (`  -q, --quiet …`, `      --db <DB> …`) and the wrapped
        // lines under it, indented further
        let mut entries: Vec<String> = Vec::new();
        for line in help.lines().skip_while(|l| !l.starts_with("Options:")).skip(1) {
            if line.is_empty() || !line.starts_with(' ') {
                break;
            }
            let indent = line.len() - line.trim_start().len();
            if indent <= 6 && line.trim_start().starts_with('-') {
                entries.push(line.to_owned());
            } else if let Some(last) = entries.last_mut() {
                last.push_str(line);
            }
        }
        assert!(!entries.is_empty(), "{command}: no options\n{help}");
        for entry in entries.iter().filter(|e| !e.contains("--help") && !e.contains("--version")) {
            assert!(entry.contains("Example"), "{command}: no example in {entry}");
        }
    }
}

/// The commands that only read refuse a database that is not there, naming it, and create no
/// file: a mistyped `--db` must not leave an empty, migrated database behind that a later run
/// or a dashboard takes for the real one.
#[test]
fn reading_commands_refuse_a_missing_database_and_create_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let db = missing.to_str().unwrap();
    let cases: [&[&str]; 5] = [
        &["summary", "--db", db],
        &["status", "--db", db],
        &["search", "--db", db, "会议"],
        &["export", "--db", db, "--view", "v_articles", "--format", "csv"],
        &["schema-doc", "--db", db],
    ];
    for args in cases {
        let out = readout(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("missing.db: no database there"), "{args:?}: {}", stderr(&out));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(left.is_empty(), "{args:?} left {left:?}");
    }
}

/// The commands that only read open the database read-only: they write nothing to it, even
/// when it was never opened by this readout's views before.
#[test]
fn reading_commands_write_nothing_to_the_database() {
    let (dir, page) = folder_with_sample("page_2024-04-02.txt");
    let db = dir.path().join("x.db");
    let db_arg = db.to_str().unwrap();
    assert!(readout(&["-q", "ingest", "--db", db_arg, page.to_str().unwrap()], dir.path()).status.success());
    let watcher = Connection::open(&db).unwrap();
    let version = || -> i64 { watcher.query_row("PRAGMA data_version", [], |r| r.get(0)).unwrap() };
    let before = version();
    let cases: [&[&str]; 5] = [
        &["summary", "--db", db_arg],
        &["status", "--db", db_arg],
        &["search", "--db", db_arg, "会议"],
        &["export", "--db", db_arg, "--view", "v_articles", "--format", "csv"],
        &["schema-doc", "--db", db_arg],
    ];
    for args in cases {
        let out = readout(args, dir.path());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
    }
    assert_eq!(version(), before, "a reading command wrote to the database");
    // A read-only connection cannot write, whatever it is asked.
    watcher.execute_batch("DROP VIEW v_search; CREATE VIEW v_search AS SELECT 1 AS one;").unwrap();
    let before = version();
    assert!(readout(&["summary", "--db", db_arg], dir.path()).status.success());
    assert_eq!(version(), before, "summary re-created a view");
}
