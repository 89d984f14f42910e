//! Batches: files committed together, each of them all or nothing.
//!
//! Committing is what costs most when files are small: FTS5 writes its pending index to disk
//! at every commit and every savepoint it takes part in, and merges what it wrote. So a run
//! writes its files in batches ([`Store::begin_batch`] … [`Store::commit_batch`]): one
//! transaction, with each file under a savepoint of its own, so that a file whose rows the
//! database refuses is undone alone and the batch goes on. The sentences the batch stored are
//! added to `search_words` and `search_text` when it commits, one statement per index
//! ([`index_pending`]); FTS5 is not touched before, so the files' savepoints cost it nothing.
//!
//! Invariant: outside a batch's transaction, every sentence is in both indexes. Inside one,
//! the sentences above [`Batch::indexed_upto`] are not yet.
//!
//! Without a batch, each file is written in a transaction of its own, indexed before it
//! commits.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::{Store, StoreError};

/// The open batch's transaction state.
#[derive(Debug)]
pub(super) struct Batch {
    /// Every sentence up to this `search_id` is indexed; the sentences above are the batch's,
    /// to be indexed when it commits.
    pub indexed_upto: i64,
    /// Why SQLite ended the batch's transaction itself (a full disk, say), undoing the files
    /// written in it: committing it then fails.
    lost: Option<String>,
    /// The people's ids the batch has looked up or added, so that a name is looked up once
    /// per batch, not once per row.
    pub people: People,
}

/// People's ids by normalized name, as the batch's transaction sees them. A name the open file added is
/// forgotten when the file's savepoint is rolled back; the whole map goes with the batch.
#[derive(Debug, Default)]
pub(super) struct People {
    ids: HashMap<String, i64>,
    /// The names the open file put in `ids`.
    this_file: Vec<String>,
}

impl People {
    /// The id of the person a name (as printed) names, added to `people` if the database
    /// holds none: looked up by the normalized name, so a name printed in either script is
    /// one person ([`super::people`]).
    pub fn id(&mut self, conn: &Connection, name: &str) -> rusqlite::Result<i64> {
        let norm = crate::text::normalize(name);
        if let Some(&id) = self.ids.get(&norm) {
            return Ok(id);
        }
        let id = super::people::person_id(conn, name)?;
        self.ids.insert(norm.clone(), id);
        self.this_file.push(norm);
        Ok(id)
    }

    /// A file's savepoint begins.
    fn file_begins(&mut self) {
        self.this_file.clear();
    }

    /// The open file's savepoint was rolled back: the ids it looked up may be gone.
    fn file_undone(&mut self) {
        for name in self.this_file.drain(..) {
            self.ids.remove(&name);
        }
    }
}

impl Batch {
    fn begin(conn: &Connection) -> Result<Batch, StoreError> {
        // IMMEDIATE: take the write lock before reading, so that what a file's write reads
        // (is this content stored already?) cannot change before it commits; another run
        // may be ingesting the same files.
        conn.execute_batch("BEGIN IMMEDIATE")?;
        match last_search_id(conn) {
            Ok(indexed_upto) => Ok(Batch { indexed_upto, lost: None, people: People::default() }),
            Err(e) => {
                rollback(conn);
                Err(e.into())
            }
        }
    }

    /// Indexes the sentences stored so far, before rows are deleted: deleting a paragraph
    /// takes its sentences out of both indexes, which must hold them.
    fn index_before_delete(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        index_pending(conn, self.indexed_upto)?;
        self.indexed_upto = last_search_id(conn)?;
        Ok(())
    }

    /// Deletes a stored page and its rows, their sentences taken out of both indexes (the
    /// batch's sentences are indexed first, for that). New sentences may then take the
    /// deleted ones' `search_id`s again: every sentence there is now is indexed.
    pub fn delete_page(&mut self, conn: &Connection, page_id: i64) -> rusqlite::Result<()> {
        self.index_before_delete(conn)?;
        conn.prepare_cached("DELETE FROM pages WHERE page_id = ?1")?.execute(params![page_id])?;
        self.indexed_upto = last_search_id(conn)?;
        Ok(())
    }

    fn commit(self, conn: &Connection) -> Result<(), StoreError> {
        if let Some(why) = self.lost {
            return Err(StoreError::BatchLost(why));
        }
        let committed = index_pending(conn, self.indexed_upto).and_then(|()| conn.execute_batch("COMMIT"));
        if committed.is_err() {
            rollback(conn);
        }
        Ok(committed?)
    }
}

/// The highest search_id stored, 0 for none.
fn last_search_id(conn: &Connection) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT COALESCE(max(search_id), 0) FROM sentences")?.query_row([], |r| r.get(0))
}

/// Adds the sentences above `indexed_upto` to both full-text indexes: their words from
/// `sentences`, their normalized text from the view both indexes read.
fn index_pending(conn: &Connection, indexed_upto: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO search_words (rowid, words) SELECT search_id, words FROM sentences WHERE search_id > ?1",
    )?
    .execute(params![indexed_upto])?;
    conn.prepare_cached(
        "INSERT INTO search_text (rowid, text) SELECT search_id, text FROM search_sentences WHERE search_id > ?1",
    )?
    .execute(params![indexed_upto])?;
    Ok(())
}

/// Ends the transaction, undoing it, if there is one still (SQLite itself rolls back on some
/// errors, such as a full disk).
fn rollback(conn: &Connection) {
    if !conn.is_autocommit()
        && let Err(e) = conn.execute_batch("ROLLBACK")
    {
        tracing::debug!("rolling back: {e}");
    }
}

impl Store {
    /// Opens a batch: the files written from now on are committed together by
    /// [`Store::commit_batch`], or undone together by [`Store::rollback_batch`]. Waits up to
    /// the busy timeout for another writer. Does nothing if a batch is open already.
    pub fn begin_batch(&mut self) -> Result<(), StoreError> {
        if self.batch.is_none() {
            self.batch = Some(Batch::begin(&self.conn)?);
        }
        Ok(())
    }

    /// Whether a batch is open.
    pub fn in_batch(&self) -> bool {
        self.batch.is_some()
    }

    /// Indexes the batch's sentences and commits it. On an error nothing of the batch is
    /// stored. Does nothing if no batch is open.
    pub fn commit_batch(&mut self) -> Result<(), StoreError> {
        match self.batch.take() {
            Some(batch) => batch.commit(&self.conn),
            None => Ok(()),
        }
    }

    /// Undoes the open batch, if any.
    pub fn rollback_batch(&mut self) {
        if self.batch.take().is_some() {
            rollback(&self.conn);
        }
    }

    /// Runs one file's writes all or nothing: under a savepoint of the open batch, or else
    /// in a transaction of its own.
    pub(super) fn file_unit<T>(
        &mut self,
        write: impl FnOnce(&Connection, &mut Batch) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let Some(batch) = self.batch.as_mut() else {
            let mut batch = Batch::begin(&self.conn)?;
            return match write(&self.conn, &mut batch) {
                Ok(value) => batch.commit(&self.conn).map(|()| value),
                Err(e) => {
                    rollback(&self.conn);
                    Err(e)
                }
            };
        };
        if let Some(why) = &batch.lost {
            return Err(StoreError::BatchLost(why.clone()));
        }
        let indexed_upto = batch.indexed_upto;
        batch.people.file_begins();
        self.conn.prepare_cached("SAVEPOINT file")?.execute([])?;
        match write(&self.conn, batch) {
            Ok(value) => {
                self.conn.prepare_cached("RELEASE file")?.execute([])?;
                Ok(value)
            }
            Err(e) => {
                // What the file wrote is undone, and so is what it indexed (the batch's
                // earlier sentences too, if it indexed them before deleting rows).
                batch.indexed_upto = indexed_upto;
                batch.people.file_undone();
                let undone = self.conn.execute_batch("ROLLBACK TO file; RELEASE file");
                if undone.is_err() || self.conn.is_autocommit() {
                    // SQLite ended the transaction itself: the files written before in the
                    // batch are undone too.
                    batch.lost = Some(e.to_string());
                    rollback(&self.conn);
                }
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::page::{IssueDateOrigin, ProcessedPage, process};
    use crate::reader;
    use crate::segment::Tokenizer;
    use crate::store::WriteOutcome;

    fn page(path: &str, text: &str, tokenizer: &Tokenizer) -> ProcessedPage {
        let source = reader::from_bytes(Path::new(path), text.as_bytes()).unwrap();
        process(source, None, IssueDateOrigin::None, tokenizer)
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// FTS5's check that each index holds exactly the sentences' words and normalized text.
    fn assert_indexes_agree(store: &Store) {
        for index in ["search_words", "search_text"] {
            store
                .connection()
                .execute(&format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"), [])
                .unwrap_or_else(|e| panic!("{index}: {e}"));
            assert_eq!(
                count(store, &format!("SELECT count(*) FROM {index}_docsize")),
                count(store, "SELECT count(*) FROM sentences")
            );
        }
    }

    const FIRST: &str =
        "市委常委会举行会议。\n市委书记陈明主持会议并讲话。会议审议通过了《关于推进乡村振兴的实施意见》。\n";
    const SECOND: &str = "市政府召开常务会议。\n市长李华主持会议。会议研究了城市更新工作，部署推进老旧小区改造。\n";
    const THIRD: &str = "区委召开全会。\n区委书记王强出席会议并讲话。会议指出，要持续优化营商环境。\n";
    const FOURTH: &str = "区政府召开专题会议。\n副区长赵刚出席会议。会议要求，加快建设智慧社区。\n";

    #[test]
    fn a_batch_commits_its_files_together_and_indexes_their_sentences() {
        let tokenizer = Tokenizer::new();
        let mut store = Store::open_in_memory().unwrap();
        store.begin_batch().unwrap();
        assert!(store.in_batch());
        store.write_page(&page("a.txt", FIRST, &tokenizer)).unwrap();
        store.write_page(&page("b.txt", SECOND, &tokenizer)).unwrap();
        // Not indexed before the batch commits…
        assert_eq!(count(&store, "SELECT count(*) FROM search_words_docsize"), 0);
        store.commit_batch().unwrap();
        assert!(!store.in_batch());
        // … and every sentence of both pages after.
        assert!(count(&store, "SELECT count(*) FROM search_sentences") > 2);
        assert_indexes_agree(&store);
        assert_eq!(count(&store, "SELECT count(*) FROM search_words WHERE search_words MATCH '乡村'"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM search_text WHERE search_text MATCH '老旧小区'"), 1);
    }

    #[test]
    fn a_file_the_database_refuses_is_undone_alone() {
        let tokenizer = Tokenizer::new();
        let mut store = Store::open_in_memory().unwrap();
        store.begin_batch().unwrap();
        store.write_page(&page("a.txt", FIRST, &tokenizer)).unwrap();
        let refused = store
            .file_unit(|conn, _| {
                conn.execute("INSERT INTO people (name) VALUES ('甲乙')", [])?;
                conn.execute("INSERT INTO people (name) VALUES ('甲乙')", [])?;
                Ok(())
            })
            .unwrap_err();
        assert!(refused.is_refused_row(), "{refused}");
        store.write_page(&page("b.txt", SECOND, &tokenizer)).unwrap();
        store.commit_batch().unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM pages"), 2);
        assert_eq!(count(&store, "SELECT count(*) FROM people WHERE name = '甲乙'"), 0);
        assert_indexes_agree(&store);
    }

    #[test]
    fn a_person_added_by_a_file_undone_is_added_again_by_the_next() {
        let mut store = Store::open_in_memory().unwrap();
        store.begin_batch().unwrap();
        let kept = store.file_unit(|conn, batch| Ok(batch.people.id(conn, "丙丁")?)).unwrap();
        let refused = store
            .file_unit(|conn, batch| {
                batch.people.id(conn, "甲乙")?;
                assert_eq!(batch.people.id(conn, "丙丁")?, kept);
                conn.execute("INSERT INTO people (name) VALUES ('丙丁')", [])?;
                Ok(())
            })
            .unwrap_err();
        assert!(refused.is_refused_row(), "{refused}");
        let again = store.file_unit(|conn, batch| Ok((batch.people.id(conn, "甲乙")?, batch.people.id(conn, "丙丁")?)));
        let (added, found) = again.unwrap();
        store.commit_batch().unwrap();
        let stored = |name: &str| -> i64 {
            store.connection().query_row("SELECT person_id FROM people WHERE name = ?1", [name], |r| r.get(0)).unwrap()
        };
        assert_eq!((stored("甲乙"), stored("丙丁")), (added, found));
        assert_eq!(found, kept);
    }

    #[test]
    fn a_page_replaced_in_the_batch_that_wrote_it_leaves_the_indexes_whole() {
        let tokenizer = Tokenizer::new();
        let mut store = Store::open_in_memory().unwrap();
        store.write_page(&page("a.txt", THIRD, &tokenizer)).unwrap();
        store.begin_batch().unwrap();
        store.write_page(&page("x.txt", SECOND, &tokenizer)).unwrap();
        store.write_page(&page("b.txt", FIRST, &tokenizer)).unwrap();
        // b.txt's sentences, not indexed yet, hold the highest ids: replacing the page deletes
        // them (x.txt's and theirs must be indexed first, and once only), and the new
        // version's sentences may take those ids again (they must be indexed all the same).
        let replaced = store.write_page(&page("b.txt", FOURTH, &tokenizer)).unwrap();
        assert!(matches!(replaced, WriteOutcome::Replaced { .. }), "{replaced:?}");
        store.write_page(&page("c.txt", FIRST, &tokenizer)).unwrap();
        store.commit_batch().unwrap();
        assert_indexes_agree(&store);
        assert_eq!(count(&store, "SELECT count(*) FROM search_words WHERE search_words MATCH '乡村'"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM search_text WHERE search_text MATCH '乡村振兴'"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM search_text WHERE search_text MATCH '老旧小区'"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM search_text WHERE search_text MATCH '智慧社区'"), 1);
    }

    #[test]
    fn a_file_undone_after_indexing_the_batch_leaves_the_batch_to_be_indexed_again() {
        let tokenizer = Tokenizer::new();
        let mut store = Store::open_in_memory().unwrap();
        store.write_page(&page("a.txt", THIRD, &tokenizer)).unwrap();
        store.begin_batch().unwrap();
        store.write_page(&page("x.txt", SECOND, &tokenizer)).unwrap();
        // A file that indexes the batch's sentences (as replacing a page does), then is
        // refused: SQLite undoes that indexing with the file, and the batch indexes x.txt's
        // sentences when it commits.
        let refused = store
            .file_unit(|conn, batch| {
                batch.index_before_delete(conn)?;
                conn.execute("INSERT INTO people (name) VALUES ('甲乙')", [])?;
                conn.execute("INSERT INTO people (name) VALUES ('甲乙')", [])?;
                Ok(())
            })
            .unwrap_err();
        assert!(refused.is_refused_row(), "{refused}");
        store.write_page(&page("b.txt", FIRST, &tokenizer)).unwrap();
        store.commit_batch().unwrap();
        assert_indexes_agree(&store);
        assert_eq!(count(&store, "SELECT count(*) FROM search_text WHERE search_text MATCH '老旧小区'"), 1);
        assert_eq!(count(&store, "SELECT count(*) FROM search_words WHERE search_words MATCH '乡村'"), 1);
    }

    #[test]
    fn a_batch_rolled_back_stores_nothing() {
        let tokenizer = Tokenizer::new();
        let mut store = Store::open_in_memory().unwrap();
        store.write_page(&page("a.txt", THIRD, &tokenizer)).unwrap();
        store.begin_batch().unwrap();
        store.write_page(&page("b.txt", FIRST, &tokenizer)).unwrap();
        store.rollback_batch();
        assert!(!store.in_batch());
        assert_eq!(count(&store, "SELECT count(*) FROM pages"), 1);
        assert_indexes_agree(&store);
        // Without a batch, a file is a transaction of its own, indexed when it commits.
        store.write_page(&page("c.txt", SECOND, &tokenizer)).unwrap();
        assert!(store.connection().is_autocommit());
        assert_eq!(count(&store, "SELECT count(*) FROM pages"), 2);
        assert_indexes_agree(&store);
    }
}
