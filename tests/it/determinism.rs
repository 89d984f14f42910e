//! Same input, same database: ingesting one folder of pages into new databases, again and
//! again and with one parsing thread or one per core, stores the same rows with the same ids,
//! in every table but the runs log.

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::Path;

use rusqlite::Connection;

use crate::operator::*;

/// A folder holding every page of the project as its bytes stand (GB18030, BOM and CRLF
/// included): the corpus, the sample page and its variants.
fn folder_of_every_page(dir: &Path) {
    for folder in ["tests/corpus", "tests/data/variants"] {
        for entry in fs::read_dir(Path::new(ROOT).join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "txt") {
                fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    fs::copy(SAMPLE, dir.join(format!("sample_{SAMPLE_DATE}.txt"))).unwrap();
    // One person printed in both scripts with a different title in each: which title a bare
    // mention gets once depended on a hash map's order. Four issues, so that four articles
    // each decide it.
    for day in 6..10 {
        fs::write(dir.join(format!("two_scripts_2024-05-0{day}.txt")), TWO_SCRIPTS).unwrap();
    }
}

/// A page in the project's own words naming one (invented) person as 陈明远 with one title and
/// as 陳明遠 with another, then by name alone.
const TWO_SCRIPTS: &str = "本报讯 市政府昨天召开常务会议，研究部署城市更新工作。市长陈明远主持会议并讲话。

会议指出，要坚持以人民为中心，持续推进老旧小区改造，不断改善群众居住条件。

會議上，市委副書記陳明遠強調，要壓實責任，確保各項任務按期完成。

陈明远、李华、王强出席会议。
";

/// Every row of every table, sorted, but the runs log (`ingest_runs`,
/// `ingest_files`), the migrations' history and the time a page was stored. The full-text
/// indexes are compared by what they index (`search_sentences`), once FTS5 has checked that
/// each holds exactly that: how FTS5 lays its pages out depends on when batches committed.
fn dump(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    for index in ["search_words", "search_text"] {
        conn.execute(&format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"), []).unwrap();
    }
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
                AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'search\\_words\\_%' ESCAPE '\\'
                AND name NOT LIKE 'search\\_text\\_%' ESCAPE '\\'
                AND name NOT IN ('ingest_runs', 'ingest_files', 'refinery_schema_history')
              ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.len() >= 20, "{tables:?}");
    let mut out = Vec::new();
    for table in tables {
        let sql = match table.as_str() {
            "pages" => "SELECT page_id, path, content_hash, issue_date FROM pages".to_string(),
            _ => format!("SELECT * FROM \"{table}\""),
        };
        // Some tables are WITHOUT ROWID: their rows, ids included, are compared in one order.
        let mut lines = rows(db, &sql);
        lines.sort();
        assert!(!lines.is_empty(), "{table} is empty: the pages no longer cover it");
        out.extend(lines.into_iter().map(|line| format!("{table}: {line}")));
    }
    out
}

/// `readout ingest` of a folder, parsing on every core the process may use, or on one.
fn ingest_folder(db: &Path, folder: &Path, one_core: bool) {
    let mut command = command();
    command.args(["-q", "ingest", "--db"]).arg(db).arg(folder);
    if one_core {
        // SAFETY: between fork and exec only the async-signal-safe system call runs.
        unsafe {
            command.pre_exec(|| {
                let mut set: libc::cpu_set_t = std::mem::zeroed();
                libc::CPU_SET(0, &mut set);
                if libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &set) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn ingesting_the_same_pages_five_times_stores_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    folder_of_every_page(&pages);
    let mut first: Option<Vec<String>> = None;
    for run in 0..5 {
        let db = dir.path().join(format!("run{run}.db"));
        ingest_folder(&db, &pages, run % 2 == 1);
        // The name alone takes the title first printed with the person, in either script.
        let titles = rows(&db, "SELECT DISTINCT title FROM v_attendance WHERE person = '陈明远' AND role = 'attendee'");
        assert_eq!(titles, ["市长"], "run {run}");
        let rows = dump(&db);
        match &first {
            None => first = Some(rows),
            Some(first) => {
                let differing = first.iter().zip(&rows).position(|(a, b)| a != b);
                assert_eq!(first.len(), rows.len(), "run {run} stored another number of rows");
                if let Some(at) = differing {
                    panic!("run {run} differs from run 0 first at:\n{}\n{}", first[at], rows[at]);
                }
            }
        }
    }
}
