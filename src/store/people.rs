//! People: one row of `people` per person, whatever script the name was printed in.
//!
//! A person is told apart by the normalized name ([`crate::text::normalize`]: simplified
//! characters), which SQL cannot compute: [`person_id`] stores it with each new person, and
//! [`merge_across_scripts`] fills it in for the rows a database migrated from before held
//! (migration V7), merging the rows whose names normalize alike into the first stored. Facts
//! keep the name as printed on their page (`attendance.person_name`, `events.chair_name`,
//! `agreement_parties.signer_name`, `agreement_witnesses.name`, `statements.speaker`).

use rusqlite::{Connection, OptionalExtension, params};

/// The person a name (as printed) names, stored first if need be.
pub(super) fn person_id(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    let norm = crate::text::normalize(name);
    conn.prepare_cached("INSERT INTO people (name, norm_name) VALUES (?1, ?2) ON CONFLICT DO NOTHING")?
        .execute(params![name, norm])?;
    conn.prepare_cached("SELECT person_id FROM people WHERE norm_name = ?1")?.query_row(params![norm], |r| r.get(0))
}

/// Fills in `people.norm_name` where it is missing, merging each row whose name normalizes as
/// an earlier row's into that row. Returns how many rows were merged. Does nothing, and
/// writes nothing, when every row has its normalized name.
pub(super) fn merge_across_scripts(conn: &mut Connection) -> rusqlite::Result<usize> {
    let missing: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM people WHERE norm_name IS NULL)", [], |r| r.get(0))?;
    if !missing {
        return Ok(0);
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let unnormalized: Vec<(i64, String)> = tx
        .prepare("SELECT person_id, name FROM people WHERE norm_name IS NULL ORDER BY person_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut merged = 0;
    for (id, name) in unnormalized {
        let norm = crate::text::normalize(&name);
        let first: Option<i64> =
            tx.query_row("SELECT person_id FROM people WHERE norm_name = ?1", [&norm], |r| r.get(0)).optional()?;
        let Some(first) = first else {
            tx.execute("UPDATE people SET norm_name = ?1 WHERE person_id = ?2", params![norm, id])?;
            continue;
        };
        // A fact already held by the first row (the same person in the same role at the same
        // event, printed both ways) is kept once, with the first row's.
        tx.execute_batch(&format!(
            "UPDATE OR IGNORE attendance SET person_id = {first} WHERE person_id = {id};
             DELETE FROM attendance WHERE person_id = {id};
             UPDATE OR IGNORE agreement_witnesses SET person_id = {first} WHERE person_id = {id};
             DELETE FROM agreement_witnesses WHERE person_id = {id};
             UPDATE events SET chair_person_id = {first} WHERE chair_person_id = {id};
             UPDATE agreement_parties SET signer_person_id = {first} WHERE signer_person_id = {id};
             UPDATE statements SET person_id = {first} WHERE person_id = {id};
             DELETE FROM people WHERE person_id = {id};"
        ))?;
        merged += 1;
    }
    tx.commit()?;
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, embedded};

    /// A database as readout left it before people were one row across scripts (schema 4),
    /// holding 龚正 and 龔正 as two people: each chairs an event, attends two, one of them as
    /// both forms; 龔正 also signs, witnesses and speaks.
    fn old_database() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        embedded::migrations::runner().set_target(refinery::Target::Version(4)).run(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO pages (page_id, source, path, content_hash, byte_len, encoding, layout, issue_date,
                                issue_date_origin, ingested_at, readout_version)
                  VALUES (1, 'a.txt', 'a.txt', 'h', 1, 'utf-8', 'wrapped', '2024-04-02', 'flag', 't', '0');
             INSERT INTO articles (article_id, page_id, seq, kind, first_line, last_line)
                  VALUES (1, 1, 1, 'meeting', 1, 1), (2, 1, 2, 'signing', 2, 2);
             INSERT INTO paragraphs (paragraph_id, article_id, seq, role, text, first_line, last_line)
                  VALUES (1, 1, 1, 'body', 'x', 1, 1), (2, 2, 1, 'body', 'x', 2, 2);
             INSERT INTO people (person_id, name) VALUES (1, '龚正'), (2, '李华'), (3, '龔正');
             INSERT INTO events (event_id, article_id, seq, kind, chair_person_id, paragraph_id, char_start, char_end)
                  VALUES (1, 1, 1, 'meeting', 1, 1, 0, 1), (2, 2, 1, 'signing', 3, 2, 0, 1);
             INSERT INTO attendance (event_id, person_id, role, seq, title, paragraph_id, char_start, char_end) VALUES
                  (1, 1, 'chair', 1, '市长', 1, 0, 1), (1, 3, 'chair', 2, '市長', 1, 0, 1),
                  (1, 2, 'attendee', 3, NULL, 1, 0, 1), (2, 3, 'attendee', 1, '市長', 2, 0, 1);
             INSERT INTO agreements (agreement_id, event_id, seq, title, paragraph_id, char_start, char_end)
                  VALUES (1, 2, 1, '协议', 2, 0, 1);
             INSERT INTO agreement_parties (agreement_id, seq, party, signer_person_id) VALUES (1, 1, '市政府', 3);
             INSERT INTO agreement_witnesses (agreement_id, person_id, title) VALUES (1, 3, '市長'), (1, 1, '市长');
             INSERT INTO statements (event_id, seq, speaker, person_id, verb, text, paragraph_id, char_start, char_end)
                  VALUES (2, 1, '龔正', 3, '指出', 'x', 2, 0, 1);",
        )
        .unwrap();
        conn
    }

    fn strings(store: &Store, sql: &str) -> Vec<String> {
        let conn = store.connection();
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
    }

    #[test]
    fn migrating_merges_one_person_printed_in_both_scripts_and_keeps_each_printed_name() {
        let store = Store::setup(old_database(), crate::store::DEFAULT_BUSY_TIMEOUT).unwrap();
        assert_eq!(
            strings(&store, "SELECT name || ' ' || norm_name FROM people ORDER BY person_id"),
            ["龚正 龚正", "李华 李华"]
        );
        // The chair row printed both ways at one event is kept once; each page's form stays.
        assert_eq!(
            strings(&store, "SELECT person || ' ' || role FROM v_attendance ORDER BY meeting_id, role, person"),
            ["李华 attendee", "龚正 chair", "龔正 attendee"]
        );
        assert_eq!(strings(&store, "SELECT chair FROM v_meetings ORDER BY meeting_id"), ["龚正", "龔正"]);
        // Witnessed twice, once in each form: kept once, as the row kept printed it.
        assert_eq!(strings(&store, "SELECT signer || ' ' || witnesses FROM v_agreements"), ["龔正 龚正"]);
        assert_eq!(
            strings(
                &store,
                "SELECT person || ' ' || events || ' ' || statements FROM v_person_activity ORDER BY person_id"
            ),
            ["龚正 2 1", "李华 1 0"]
        );
        let fk: i64 =
            store.connection().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 0);
    }

    #[test]
    fn a_name_printed_in_the_other_script_finds_the_stored_person() {
        let store = Store::open_in_memory().unwrap();
        let first = person_id(store.connection(), "龔正").unwrap();
        assert_eq!(person_id(store.connection(), "龚正").unwrap(), first);
        assert_ne!(person_id(store.connection(), "李华").unwrap(), first);
        assert_eq!(strings(&store, "SELECT name FROM people ORDER BY person_id"), ["龔正", "李华"]);
    }
}
