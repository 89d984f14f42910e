//! The lexicon's word classes, end to end: a wording added to one class is known to every rule
//! that needs it, as the database the real binary writes shows.

use std::process::Command;

use rusqlite::Connection;

/// Ingests one page (issued 2024-04-02) with the real binary; the database.
fn ingest(page: &str) -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("page_2024-04-02.txt");
    std::fs::write(&file, page).unwrap();
    let db = dir.path().join("l.db");
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .arg("-q")
        .arg("ingest")
        .arg("--db")
        .arg(&db)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "ingest failed: {}", String::from_utf8_lossy(&out.stderr));
    let conn = Connection::open(&db).unwrap();
    (dir, conn)
}

fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_verb_of_saying_ends_the_name_of_its_speaker() {
    let (_dir, conn) = ingest("本报讯 昨天，市政府召开防汛工作会议。市长李文华提醒，要盯紧重点部位。\n");
    let statements = rows(&conn, "SELECT speaker || ' ' || verb || ': ' || text FROM v_statements");
    assert_eq!(statements, ["李文华 提醒: 要盯紧重点部位。"]);
}

#[test]
fn a_time_word_ends_the_name_of_an_attendee() {
    let (_dir, conn) = ingest("本报讯 昨天，全市安全生产工作会议召开。副市长赵四清晨出席会议。\n");
    let attendance = rows(&conn, "SELECT person || ' [' || title || '] ' || role FROM v_attendance");
    assert_eq!(attendance, ["赵四 [副市长] attendee"]);
}

#[test]
fn the_sentence_of_a_stored_shortfall_is_a_shortfall() {
    let (_dir, conn) = ingest(
        "本报讯 昨天，全市经济运行分析会召开。会上，东城区、西城区先后发言。\n\
         东城区税收增速全市第一，基层治理依然存在薄弱环节。\n\
         西城区新增企业120家。\n",
    );
    let shortfalls = rows(&conn, "SELECT text FROM v_shortfalls");
    assert_eq!(shortfalls, ["基层治理"]);
    let roles = rows(
        &conn,
        "SELECT s.role FROM sentences s JOIN paragraphs p ON p.paragraph_id = s.paragraph_id
          WHERE substr(p.text, s.char_start + 1, s.char_end - s.char_start) LIKE '%薄弱环节%'",
    );
    assert_eq!(roles, ["shortfall"]);
}
