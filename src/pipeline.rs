//! The orchestrator: one input file through every stage and into the store.
//!
//! [`process`] chains the pure stages — dewrap → segment → classify → extract → index — on a
//! decoded file. [`Ingester::plan`] reads a file and decides, without writing, what ingesting
//! it will do: skip it when its content is already stored (without parsing it), else process
//! it and say whether it is new or replaces the page stored for its path. [`Ingester::ingest`]
//! then writes it all or nothing, logged in the store's run. [`inputs`] expands the
//! command line's paths into the files to ingest.

use crate::file_list::FileList;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::classify::Classified;
pub use crate::page::{IssueDateOrigin, ProcessedPage, process};
use crate::reader::{self, ReadError, SourceFile};
use crate::segment::{ParagraphRole, Tokenizer};
use crate::store::{Store, StoreError, StoredPage, WriteOutcome};

/// What ingesting a file did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileOutcome {
    Stored {
        articles: usize,
    },
    /// The path held other content before; it was replaced.
    Replaced {
        articles: usize,
        /// When the replaced version had been stored.
        previous_ingested_at: String,
    },
    /// The same content and issue date are already stored: nothing was parsed or written.
    Unchanged {
        stored_as: String,
    },
}

/// What ingesting a file will do, decided before anything is written.
#[derive(Debug)]
pub enum Plan {
    /// The same content and issue date are stored already (as `stored`): nothing is parsed
    /// or written.
    Unchanged { content_hash: String, issue_date: Option<String>, stored: StoredPage },
    /// The file went through every stage and is ready to be written; `replaces` is the page
    /// stored for the same path with other content, which it will replace.
    Write { page: Box<ProcessedPage>, replaces: Option<StoredPage> },
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("holds no article: no paragraph of Chinese running text ({MIN_RUNNING_TEXT} characters or more) was found")]
    NoArticle { content_hash: String },
    /// A stage failed on the file (a bug in readout, not in the file): the file is rejected
    /// so that the run goes on, and the message asks for the file.
    #[error("readout failed on this file ({message}); nothing of it was stored; please report it with the file")]
    Failed { content_hash: String, message: String },
    /// The database refused a row the file produced (a constraint): the file is rejected.
    #[error("could not be stored: {0}")]
    Refused(StoreError),
    /// The database failed (or stayed busy): not the file's fault, and no reason to go on.
    #[error("the database failed: {0}")]
    Store(StoreError),
}

impl From<StoreError> for FileError {
    fn from(e: StoreError) -> Self {
        if e.is_refused_row() { FileError::Refused(e) } else { FileError::Store(e) }
    }
}

impl FileError {
    /// Whether the problem lies with the file (it is rejected and the run goes on) rather
    /// than with the database.
    pub fn rejects_file(&self) -> bool {
        !matches!(self, FileError::Store(_))
    }

    /// The hash of the file's bytes, when they could be read.
    pub fn content_hash(&self) -> Option<&str> {
        match self {
            FileError::NoArticle { content_hash } | FileError::Failed { content_hash, .. } => Some(content_hash),
            _ => None,
        }
    }
}

/// Runs the stages on one file so that a panic in them rejects that file only.
fn guarded<T>(content_hash: &str, stages: impl FnOnce() -> T) -> Result<T, FileError> {
    catch_unwind(AssertUnwindSafe(stages))
        .map_err(|panic| FileError::Failed { content_hash: content_hash.to_string(), message: panic_message(&*panic) })
}

/// What a panic said, for the message that rejects the file.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a stage panicked".to_string())
}

/// How many Chinese characters a paragraph needs to count as running text.
const MIN_RUNNING_TEXT: usize = 10;

/// Whether a page holds an article: a body paragraph of Chinese running text. A file of
/// headlines, web-page furniture, notes, numbers or text in another language holds none,
/// though segment may find headings and notes in it.
fn holds_an_article(page: &Classified) -> bool {
    page.page.articles.iter().flat_map(|a| &a.paragraphs).any(|p| {
        p.role == ParagraphRole::Body
            && p.text.printed().chars().filter(|c| matches!(*c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF)).count()
                >= MIN_RUNNING_TEXT
    })
}

/// Ingests files into a store, with one word segmenter for the whole run.
pub struct Ingester {
    pub issue_date: Option<NaiveDate>,
    pub max_bytes: u64,
    tokenizer: Tokenizer,
}

impl Ingester {
    pub fn new(issue_date: Option<NaiveDate>, max_bytes: u64) -> Self {
        Ingester { issue_date, max_bytes, tokenizer: Tokenizer::new() }
    }

    /// Whether jieba's dictionary has been loaded: not until a file is parsed.
    pub fn dictionary_loaded(&self) -> bool {
        self.tokenizer.is_loaded()
    }

    /// The issue date for a file: the flag's, else the publication date a web page states,
    /// else one in its name.
    pub fn issue_date_for(&self, source: &SourceFile) -> (Option<NaiveDate>, IssueDateOrigin) {
        let published = source.web.as_ref().and_then(|w| w.meta.published);
        match (self.issue_date, published, reader::issue_date_in_name(&source.name)) {
            (Some(date), _, _) => (Some(date), IssueDateOrigin::Flag),
            (None, Some(date), _) => (Some(date), IssueDateOrigin::Page),
            (None, None, Some(date)) => (Some(date), IssueDateOrigin::FileName),
            (None, None, None) => (None, IssueDateOrigin::None),
        }
    }

    /// Reads a file and decides what ingesting it will do, without writing anything: a file
    /// whose content and issue date `store` holds already is not parsed; any other file goes
    /// through every stage. Without a store (no database yet), every file is new.
    pub fn plan(&self, store: Option<&Store>, path: &Path) -> Result<Plan, FileError> {
        match self.check(store, path)? {
            Checked::Unchanged(plan) => Ok(plan),
            Checked::ToParse(file) => {
                let page = self.parse(file)?;
                let replaces = match store {
                    Some(store) => store.page_at(&path.to_string_lossy())?,
                    None => None,
                };
                Ok(Plan::Write { page: Box::new(page), replaces })
            }
        }
    }

    /// Reads a file and tells whether its content and issue date are stored already, in which
    /// case it need not be parsed.
    pub fn check(&self, store: Option<&Store>, path: &Path) -> Result<Checked, FileError> {
        let source = reader::read(path, self.max_bytes)?;
        let (issue_date, origin) = self.issue_date_for(&source);
        if let Some(date) = issue_date {
            let from = match (origin, source.web.as_ref().and_then(|w| w.meta.published_from.as_deref())) {
                (IssueDateOrigin::Page, Some(from)) => format!("the page's publication date ({from})"),
                (IssueDateOrigin::Flag, _) => "--issue-date".to_string(),
                (IssueDateOrigin::FileName, _) => "the file name".to_string(),
                _ => origin.as_str().to_string(),
            };
            tracing::info!(file = %path.display(), "issue date {date} from {from}");
        }
        let date_text = issue_date.map(|d| d.to_string());
        if let Some(store) = store
            && let Some(stored) = store.page_with_content(&source.content_hash, date_text.as_deref())?
        {
            let content_hash = source.content_hash;
            return Ok(Checked::Unchanged(Plan::Unchanged { content_hash, issue_date: date_text, stored }));
        }
        Ok(Checked::ToParse(ReadFile { source, issue_date, origin }))
    }

    /// Runs the stages on a file [`Ingester::check`] read; touches no database, so files can
    /// be parsed on several threads (by `parallel`).
    pub fn parse(&self, file: ReadFile) -> Result<ProcessedPage, FileError> {
        let ReadFile { source, issue_date, origin } = file;
        let path = source.path.clone();
        let content_hash = source.content_hash.clone();
        let processed = guarded(&content_hash, || process(source, issue_date, origin, &self.tokenizer))?;
        if !holds_an_article(&processed.page) {
            return Err(FileError::NoArticle { content_hash });
        }
        if origin == IssueDateOrigin::None {
            tracing::warn!(file = %path.display(), "no issue date: give --issue-date or put the date in the file name; relative dates (昨天) stay unresolved");
        }
        for d in &processed.diagnostics {
            tracing::debug!(file = %path.display(), "{d}");
        }
        Ok(processed)
    }

    /// Reads, processes and stores one file, all or nothing, and logs it in the store's
    /// run (a rejected file too, with the reason).
    pub fn ingest(&self, store: &mut Store, path: &Path) -> Result<FileOutcome, FileError> {
        let result = self.plan(Some(store), path).and_then(|plan| write(store, path, plan));
        settle(store, path, result)
    }
}

/// A file read by [`Ingester::check`]: stored already, or to be parsed.
#[derive(Debug)]
pub enum Checked {
    Unchanged(Plan),
    ToParse(ReadFile),
}

/// A file read and not stored yet, with its issue date.
#[derive(Debug)]
pub struct ReadFile {
    pub source: SourceFile,
    pub issue_date: Option<NaiveDate>,
    pub origin: IssueDateOrigin,
}

/// Logs a rejected file in the store's run, with the reason; passes every outcome on.
pub fn settle(
    store: &mut Store,
    path: &Path,
    result: Result<FileOutcome, FileError>,
) -> Result<FileOutcome, FileError> {
    match result {
        Err(e) if e.rejects_file() => {
            store.log_rejected(&path.to_string_lossy(), &e.to_string(), e.content_hash())?;
            Err(e)
        }
        result => result,
    }
}

/// Carries out a plan: logs an unchanged file, or stores a parsed one, all or nothing (in the
/// store's open batch, or else in a transaction of its own).
pub fn write(store: &mut Store, path: &Path, plan: Plan) -> Result<FileOutcome, FileError> {
    match plan {
        Plan::Unchanged { content_hash, issue_date, stored } => {
            store.log_unchanged(&path.to_string_lossy(), &content_hash, issue_date.as_deref(), &stored)?;
            Ok(FileOutcome::Unchanged { stored_as: stored.path })
        }
        Plan::Write { page, .. } => {
            let articles = page.page.page.articles.len();
            Ok(match store.write_page(&page)? {
                WriteOutcome::Stored { .. } => FileOutcome::Stored { articles },
                WriteOutcome::Replaced { previous, .. } => {
                    FileOutcome::Replaced { articles, previous_ingested_at: previous.ingested_at }
                }
                WriteOutcome::AlreadyStored { stored } => FileOutcome::Unchanged { stored_as: stored.path },
            })
        }
    }
}

/// A folder on the command line, or something below it, that gives no file to ingest.
#[derive(Debug, thiserror::Error)]
#[error("{}: {message}", path.display())]
pub struct InputError {
    pub path: PathBuf,
    pub message: String,
}

/// The files named by the command line: files as given (the reader judges them: missing,
/// unreadable, a loop), and every `*.txt`, `*.html`, `*.htm` and `*.shtml` below each folder,
/// in sorted order. What cannot be
/// listed below a folder — an unreadable folder, a symbolic-link loop — is an error for that
/// path only; so is a folder holding no page file, which was named to be ingested and
/// gives nothing.
pub fn inputs(paths: &[PathBuf]) -> (FileList, Vec<InputError>) {
    let mut files = FileList::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path);
            continue;
        }
        let (files_before, errors_before) = (files.len(), errors.len());
        for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
            let e = match entry {
                Ok(e) => {
                    // Not only regular files: the reader rejects a `*.txt` that is not one.
                    if !e.file_type().is_dir() && is_page_file(e.path()) {
                        files.push(e.path());
                    }
                    continue;
                }
                Err(e) => e,
            };
            let at = e.path().unwrap_or(path);
            // What would not be ingested anyway (`photo.jpg`) is no error.
            if e.loop_ancestor().is_none() && at.extension().is_some_and(|_| !is_page_file(at)) {
                continue;
            }
            let message = if let Some(ancestor) = e.loop_ancestor() {
                format!("is a symbolic-link loop (it leads back to {})", ancestor.display())
            } else if reader::is_symlink_loop(at) {
                "is a symbolic-link loop".to_string()
            } else {
                match e.io_error() {
                    Some(io) if io.kind() == std::io::ErrorKind::NotFound => "does not exist".to_string(),
                    Some(io) => format!("cannot read: {io}"),
                    None => e.to_string(),
                }
            };
            errors.push(InputError { path: at.to_path_buf(), message });
        }
        if files.len() == files_before && errors.len() == errors_before {
            let message = "is a folder with no *.txt or *.html file below it: nothing to ingest".to_string();
            errors.push(InputError { path: path.clone(), message });
        }
    }
    (files, errors)
}

/// A page file: its name ends in `.txt`, or is a saved web page's (`.html`, `.htm`, `.shtml`),
/// in any case.
fn is_page_file(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| x.eq_ignore_ascii_case("txt") || reader::is_web_extension(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_stages_rejects_the_file_with_what_it_said() {
        let failed = guarded("abc", || -> usize { panic!("index out of range") }).unwrap_err();
        assert!(failed.rejects_file());
        assert_eq!(failed.content_hash(), Some("abc"));
        assert!(failed.to_string().contains("index out of range"), "{failed}");
        assert_eq!(guarded("abc", || 7).unwrap(), 7);
    }
}
