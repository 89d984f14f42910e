//! Ingesting many files on every core, through one database connection.
//!
//! [`ingest_files`] runs [`Ingester::ingest`]'s steps apart: worker threads read each file,
//! check its hash against the database through a read-only connection of their own
//! ([`Ingester::check`]) and run the stages on a file not stored yet ([`Ingester::parse`]),
//! and the calling thread writes each parsed file ([`pipeline::write`]) through the one
//! connection that writes, and logs a rejected one ([`pipeline::settle`]). The writer, the
//! bound on a run, does nothing the workers can do. The files are written in batches, each file all or nothing
//! ([`crate::store::Store::begin_batch`]): a batch is committed when its first file was
//! written [`MAX_BATCH_AGE`] ago or when it holds [`MAX_BATCH_FILES`], and the run's first file
//! is committed on its own. A file's outcome is reported once its batch has committed. A
//! thread of its own checkpoints the WAL after each commit ([`crate::store::Checkpointer`]),
//! so that the writer, the bound on a run, does not. At the end, the run logs how long the
//! writer waited for the stages and the stages for the writer (`-v`), which the benchmark
//! reads.
//!
//! Invariants:
//! - files are written, and their outcomes reported, in input order, so a run stores the same
//!   rows with the same ids as one file after the other would;
//! - a file is reported stored only once it is committed; a run stopped by the database
//!   leaves the files of its open batch, undone, for the next run;
//! - at most [`AHEAD_PER_WORKER`] files per worker are held at a time, read or parsed,
//!   whatever the number of files: memory does not grow with the corpus;
//! - the writer never waits to hand a file to the workers, and the workers yield their cores
//!   to it (a lower scheduling priority), so that it runs whenever it has a file to write;
//! - a run whose files are all stored already starts no parse, and so never loads jieba's
//!   dictionary.
//!
//! A file whose content is stored by an earlier file of the same run, or by a batch not
//! committed yet (which the workers' connections do not see), passes the hash check; the store
//! finds it when writing it ([`crate::store::WriteOutcome::AlreadyStored`]), and it is
//! reported as unchanged, as it would be one file after the other.

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::file_list::FileList;
use crate::pipeline::{self, Checked, FileError, FileOutcome, Ingester, Plan};
use crate::store::Store;

/// Files read ahead of the one being written, per worker: enough for the workers to go on
/// parsing while the writer commits a batch (indexing its sentences takes it a few tenths of a
/// second), and few enough that memory does not grow with the corpus.
const AHEAD_PER_WORKER: usize = 16;

/// How much lower than the writer's a worker's scheduling priority is (its nice value, higher).
const WORKER_NICE: i32 = 10;

/// A batch of files is committed once its first file was written this long ago…
const MAX_BATCH_AGE: Duration = Duration::from_secs(1);

/// … or once it holds this many files.
const MAX_BATCH_FILES: usize = 500;

/// The number of threads that parse: one per core.
pub fn default_workers() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get())
}

/// The files written in the open batch, reported once it commits.
#[derive(Default)]
struct Batch {
    /// Each file's index and outcome, in input order.
    files: Vec<(usize, Result<FileOutcome, FileError>)>,
    /// When the batch's first file was written.
    opened: Option<Instant>,
    /// Batches committed so far.
    committed: usize,
    /// Wakes the thread that checkpoints, after each commit.
    checkpoint: Option<mpsc::SyncSender<()>>,
}

impl Batch {
    fn add(&mut self, index: usize, outcome: Result<FileOutcome, FileError>) {
        self.opened.get_or_insert_with(Instant::now);
        self.files.push((index, outcome));
    }

    /// Whether to commit now: the run's first file is committed on its own, at once, so
    /// that a run shows its first result (or a database that fails) without delay.
    fn is_due(&self) -> bool {
        self.committed == 0 || self.files.len() >= MAX_BATCH_FILES || self.time_left() == Some(Duration::ZERO)
    }

    /// How much longer the batch may stay open; `None` when it holds no file.
    fn time_left(&self) -> Option<Duration> {
        self.opened.map(|opened| MAX_BATCH_AGE.saturating_sub(opened.elapsed()))
    }

    /// Commits the store's batch and reports its files; a commit that fails is reported
    /// with the batch's first file, and the others are left for the next run. Returns
    /// whether to go on.
    fn commit(
        &mut self,
        store: &mut Store,
        files: &FileList,
        report: &mut impl FnMut(&Path, Result<FileOutcome, FileError>) -> bool,
    ) -> bool {
        self.opened = None;
        self.committed += 1;
        let written = std::mem::take(&mut self.files);
        if let Err(e) = store.commit_batch() {
            let first = written.first().map_or_else(PathBuf::new, |(index, _)| files.path(*index));
            report(&first, Err(FileError::Store(e)));
            return false;
        }
        if let Some(checkpoint) = &self.checkpoint {
            // A checkpoint already due covers this commit too.
            let _ = checkpoint.try_send(());
        }
        written.into_iter().all(|(index, outcome)| report(&files.path(index), outcome))
    }
}

/// Ingests files with `workers` threads parsing, reporting each file's outcome, in input
/// order, to `report`, which returns whether to go on.
pub fn ingest_files(
    ingester: &Ingester,
    store: &mut Store,
    files: &FileList,
    workers: usize,
    mut report: impl FnMut(&Path, Result<FileOutcome, FileError>) -> bool,
) {
    let workers = workers.max(1);
    let ahead = workers * AHEAD_PER_WORKER;
    // Room for every file in flight: handing a file to the workers never makes the writer wait.
    let (job_tx, job_rx) = mpsc::sync_channel::<usize>(ahead + 1);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Result<Plan, FileError>)>();
    // Each worker checks its files through a connection of its own; without one (a database
    // in memory), the writer checks them all first, through its own.
    let readers: Vec<Option<Store>> = (0..workers).map(|_| store.reader()).collect();
    // How long the workers, together, waited for a file to parse (the writer, which reads
    // them, was busy), and how long the writer waited for a file's stages: what keeps the
    // two halves from overlapping.
    let stages_waited = AtomicU64::new(0);
    let mut writer_waited = Duration::ZERO;
    let started = Instant::now();
    let checkpointer = store.checkpointer();
    thread::scope(|scope| {
        // Owned by this closure, the sender is dropped when it returns or unwinds, which ends
        // the workers, so that the scope can join them.
        let job_tx = job_tx;
        let checked_by_workers = readers.iter().all(Option::is_some);
        for reader in readers {
            let (job_rx, done_tx, stages_waited) = (&job_rx, done_tx.clone(), &stages_waited);
            scope.spawn(move || {
                yield_to_writer();
                loop {
                    // Hold the lock only to take a job, not while parsing it.
                    let waiting = Instant::now();
                    let job = job_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    stages_waited.fetch_add(waiting.elapsed().as_micros() as u64, Ordering::Relaxed);
                    let Ok(index) = job else { break };
                    // A panic in a stage is caught by `parse`: it rejects that file only.
                    let plan = ingester.check(reader.as_ref(), &files.path(index)).and_then(|checked| match checked {
                        Checked::Unchanged(plan) => Ok(plan),
                        // Only a dry run needs to know the page a changed file replaces.
                        Checked::ToParse(file) => {
                            ingester.parse(file).map(|page| Plan::Write { page: Box::new(page), replaces: None })
                        }
                    });
                    if done_tx.send((index, plan)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut batch = Batch::default();
        if let Some(checkpointer) = checkpointer {
            let (wake, woken) = mpsc::sync_channel::<()>(1);
            batch.checkpoint = Some(wake);
            // Ends when `batch`, holding the sender, is dropped at the end of this closure.
            scope.spawn(move || {
                for () in woken {
                    checkpointer.checkpoint();
                }
            });
        }
        let mut in_flight: VecDeque<(usize, Option<Result<Plan, FileError>>)> = VecDeque::new();
        let mut planned: HashMap<usize, Result<Plan, FileError>> = HashMap::new();
        let mut next = 0;
        'files: loop {
            // Read ahead, sending the files to the workers (checking them here first when the
            // workers have no connection to check them with).
            while next < files.len() && in_flight.len() < ahead + 1 {
                let settled = match checked_by_workers {
                    true => None,
                    false => match ingester.check(Some(store), &files.path(next)) {
                        Ok(Checked::Unchanged(plan)) => Some(Ok(plan)),
                        Ok(Checked::ToParse(_)) => None,
                        Err(e) => Some(Err(e)),
                    },
                };
                if settled.is_none() {
                    job_tx.send(next).expect("the workers run until the files run out");
                }
                in_flight.push_back((next, settled));
                next += 1;
            }
            let Some((index, settled)) = in_flight.pop_front() else { break };
            let plan = match settled {
                Some(plan) => plan,
                None => {
                    loop {
                        if let Some(result) = planned.remove(&index) {
                            break result;
                        }
                        // While a file is being parsed, the files written before it are
                        // committed when their time is up, not held until it is ready.
                        let waiting = Instant::now();
                        let received = match batch.time_left() {
                            Some(wait) => match done_rx.recv_timeout(wait) {
                                Ok(received) => received,
                                Err(mpsc::RecvTimeoutError::Timeout) => {
                                    writer_waited += waiting.elapsed();
                                    if !batch.commit(store, files, &mut report) {
                                        break 'files;
                                    }
                                    continue;
                                }
                                Err(mpsc::RecvTimeoutError::Disconnected) => {
                                    unreachable!("a worker answers every file it took")
                                }
                            },
                            None => done_rx.recv().expect("a worker answers every file it took"),
                        };
                        writer_waited += waiting.elapsed();
                        planned.insert(received.0, received.1);
                    }
                }
            };
            let path = &files.path(index);
            let outcome = store
                .begin_batch()
                .map_err(FileError::Store)
                .and_then(|()| plan.and_then(|plan| pipeline::write(store, path, plan)));
            let outcome = match outcome {
                Err(FileError::Store(e)) => Err(FileError::Store(e)),
                outcome => pipeline::settle(store, path, outcome),
            };
            if let Err(FileError::Store(_)) = outcome {
                // The files of the batch are undone with it, and left for the next run.
                store.rollback_batch();
                report(path, outcome);
                break;
            }
            batch.add(index, outcome);
            if batch.is_due() && !batch.commit(store, files, &mut report) {
                break;
            }
        }
        if store.in_batch() {
            batch.commit(store, files, &mut report);
        }
        drop(job_tx);
        drop(batch);
    });
    if let Err(e) = store.checkpoint_on_commit(true) {
        tracing::debug!("{e}");
    }
    let stages_waited = Duration::from_micros(stages_waited.into_inner()) / workers as u32;
    tracing::info!(
        wall_s = started.elapsed().as_secs_f64(),
        writer_waited_s = writer_waited.as_secs_f64(),
        stages_waited_s = stages_waited.as_secs_f64(),
        "overlap of the stages and the store"
    );
}

/// Lowers the calling worker thread's scheduling priority below the writer's, so that the
/// writer, the bound on a run, is not made to share its core with the workers: with two
/// workers and the writer on two cores, each would otherwise run two thirds of the time.
/// Linux keeps a nice value per thread; elsewhere, and if the system refuses, this does nothing.
fn yield_to_writer() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid, getpriority and setpriority take plain integers and touch no memory of
        // ours; on Linux, PRIO_PROCESS with a thread's id reads and sets that thread's nice value.
        let refused = unsafe {
            let thread = libc::gettid() as libc::id_t;
            let nice = libc::getpriority(libc::PRIO_PROCESS, thread);
            libc::setpriority(libc::PRIO_PROCESS, thread, (nice + WORKER_NICE).min(19)) != 0
        };
        if refused {
            tracing::debug!("a worker's priority stays the writer's: {}", std::io::Error::last_os_error());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::Value;

    /// Every row of every table, ingestion times aside. The full-text indexes are compared by
    /// what they hold, not by how FTS5 laid it out (which depends on when it was committed):
    /// each must agree with the sentences (FTS5's integrity check), and those are compared.
    fn rows(store: &Store) -> Vec<String> {
        let conn = store.connection();
        conn.execute("UPDATE pages SET ingested_at = ''", []).unwrap();
        let names = |sql: &str| -> Vec<String> {
            conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        let indexes = names("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name");
        assert_eq!(indexes, ["search_text", "search_words"]);
        for index in &indexes {
            // With rank 1, FTS5 also checks that the index holds exactly the external content.
            conn.execute(&format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"), []).unwrap();
        }
        let tables =
            names("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name");
        let is_index = |table: &str| indexes.iter().any(|i| table == i || table.starts_with(&format!("{i}_")));
        let mut out = Vec::new();
        for table in tables.iter().filter(|t| *t != "refinery_schema_history" && !is_index(t)) {
            let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
            let columns = statement.column_count();
            let found = statement
                .query_map([], |r| (0..columns).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>, _>>())
                .unwrap();
            out.extend(found.map(|row| format!("{table}: {:?}", row.unwrap())));
        }
        assert!(out.iter().any(|row| row.starts_with("sentences: ")));
        out
    }

    #[test]
    fn parallel_ingest_stores_and_reports_what_one_file_after_the_other_does() {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let sample = std::fs::read(root.join("tests/data/000_33a1af8f75da2c74.txt")).unwrap();
        let mut files = Vec::new();
        let mut add = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            files.push(path);
        };
        add("a_2024-04-02.txt", &sample);
        add("b_empty_2024-04-02.txt", b"");
        add("c_2024-04-03.txt", &sample);
        // The same content and issue date as the first file, under another name.
        add("d_2024-04-02.txt", &sample);
        add("e_2024-04-04.txt", "市委常委会昨天举行会议。\n".as_bytes());
        for name in ["w01_web_one_per_line_2024-03-15.txt", "p04_print_gb18030_2024-07-09.txt"] {
            add(name, &std::fs::read(root.join("tests/corpus").join(name)).unwrap());
        }
        add("z_binary_2024-04-02.txt", b"\x7fELF\x02\x01\x01\x00\x00");
        let ingester = Ingester::new(None, crate::reader::DEFAULT_MAX_BYTES);

        let mut one_by_one = Store::open_in_memory().unwrap();
        let expected: Vec<String> =
            files.iter().map(|f| format!("{f:?} {:?}", ingester.ingest(&mut one_by_one, f))).collect();
        for workers in [1, 2, 3] {
            let mut store = Store::open_in_memory().unwrap();
            let mut reported = Vec::new();
            ingest_files(&ingester, &mut store, &files.iter().collect(), workers, |f, outcome| {
                reported.push(format!("{f:?} {outcome:?}"));
                true
            });
            assert_eq!(reported, expected, "{workers} workers");
            assert_eq!(rows(&store), rows(&one_by_one), "{workers} workers");
        }
        assert!(expected[3].contains("Unchanged"), "{}", expected[3]);
        assert!(expected[1].contains("Err") && expected[7].contains("Err"), "{expected:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_worker_runs_at_a_lower_priority_than_the_thread_that_writes() {
        // SAFETY: as in `yield_to_writer`.
        let nice = || unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) };
        let writer = nice();
        let worker = thread::spawn(move || {
            yield_to_writer();
            nice()
        })
        .join()
        .unwrap();
        assert_eq!(worker, (writer + WORKER_NICE).min(19));
        assert_eq!(nice(), writer, "the writer's own priority changed");
    }

    #[test]
    fn a_run_over_stored_files_parses_none_and_loads_no_dictionary() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let files: Vec<PathBuf> = ["w01_web_one_per_line_2024-03-15.txt", "p04_print_gb18030_2024-07-09.txt"]
            .iter()
            .map(|name| {
                let path = dir.path().join(name);
                std::fs::copy(corpus.join(name), &path).unwrap();
                path
            })
            .collect();
        let mut store = Store::open_in_memory().unwrap();
        let first = Ingester::new(None, crate::reader::DEFAULT_MAX_BYTES);
        ingest_files(&first, &mut store, &files.iter().collect(), 2, |_, outcome| {
            assert!(outcome.is_ok(), "{outcome:?}");
            true
        });
        assert!(first.dictionary_loaded());
        let again = Ingester::new(None, crate::reader::DEFAULT_MAX_BYTES);
        let mut unchanged = 0;
        ingest_files(&again, &mut store, &files.iter().collect(), 2, |_, outcome| {
            unchanged += usize::from(matches!(outcome, Ok(FileOutcome::Unchanged { .. })));
            true
        });
        assert_eq!(unchanged, files.len());
        assert!(!again.dictionary_loaded(), "a run that parses nothing loaded jieba's dictionary");
    }
}
