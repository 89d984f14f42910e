//! The orchestrator: one input file through every stage and into the store.
//!
//! [`process`] chains the pure stages — dewrap → segment → classify → extract — on a decoded
//! file. [`Ingester::ingest`] reads a file, skips it when its content is already stored
//! (without parsing it), processes it and writes it in one transaction; its three steps
//! (`check`, `parse`, `write`) are also run apart, to parse on several threads
//! ([`crate::parallel`]). [`inputs`] expands the command line's paths into the files to
//! ingest.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::classify::{self, Classified};
use crate::dewrap::{self, Layout};
use crate::diagnostics::Diagnostic;
use crate::extract::{self, Extraction};
use crate::reader::{self, ReadError, SourceFile};
use crate::segment::{self, Tokenizer};
use crate::store::{Store, StoreError, WriteOutcome};

/// Where a page's issue date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueDateOrigin {
    Flag,
    FileName,
    None,
}

impl IssueDateOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueDateOrigin::Flag => "flag",
            IssueDateOrigin::FileName => "file_name",
            IssueDateOrigin::None => "none",
        }
    }
}

/// A file after every stage, ready to store.
#[derive(Debug)]
pub struct ProcessedPage {
    pub source: SourceFile,
    pub issue_date: Option<NaiveDate>,
    pub issue_date_origin: IssueDateOrigin,
    pub layout: Layout,
    pub page: Classified,
    pub extraction: Extraction,
    /// What every stage could not decide, in stage order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ProcessedPage {
    pub fn layout_name(&self) -> &'static str {
        match self.layout {
            Layout::Wrapped { .. } => "wrapped",
            Layout::Flattened => "flattened",
            Layout::Unwrapped => "unwrapped",
        }
    }
}

/// Runs the stages on a decoded file.
pub fn process(
    source: SourceFile,
    issue_date: Option<NaiveDate>,
    origin: IssueDateOrigin,
    tokenizer: &Tokenizer,
) -> ProcessedPage {
    let (dewrapped, mut diagnostics) = dewrap::dewrap(&source.text);
    let (segmented, found) = segment::segment(&dewrapped, tokenizer);
    diagnostics.extend(found);
    let (classified, found) = classify::classify(segmented);
    diagnostics.extend(found);
    let (extraction, found) = extract::extract(&classified, issue_date);
    diagnostics.extend(found);
    ProcessedPage {
        source,
        issue_date,
        issue_date_origin: origin,
        layout: dewrapped.layout,
        page: classified,
        extraction,
        diagnostics,
    }
}

/// What ingesting a file did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileOutcome {
    Stored {
        articles: usize,
    },
    /// The path held other content before; it was replaced.
    Replaced {
        articles: usize,
    },
    /// The same content and issue date are already stored: nothing was parsed or written.
    Unchanged {
        stored_as: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("holds no article: no dateline, headline or paragraph of running text was found")]
    NoArticle,
    #[error("could not be stored: {0}")]
    Store(#[from] StoreError),
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

    /// The issue date for a file: the flag's, else one in its name.
    pub fn issue_date_for(&self, name: &str) -> (Option<NaiveDate>, IssueDateOrigin) {
        match (self.issue_date, reader::issue_date_in_name(name)) {
            (Some(date), _) => (Some(date), IssueDateOrigin::Flag),
            (None, Some(date)) => (Some(date), IssueDateOrigin::FileName),
            (None, None) => (None, IssueDateOrigin::None),
        }
    }

    /// Reads, processes and stores one file, in one transaction: [`Ingester::check`], then
    /// [`Ingester::parse`] and [`Ingester::write`].
    pub fn ingest(&self, store: &mut Store, path: &Path) -> Result<FileOutcome, FileError> {
        match self.check(store, path)? {
            Checked::Unchanged { stored_as } => Ok(FileOutcome::Unchanged { stored_as }),
            Checked::ToParse(file) => Ingester::write(store, &self.parse(file)?),
        }
    }

    /// Reads a file and tells whether its content and issue date are stored already, in which
    /// case it need not be parsed.
    pub fn check(&self, store: &Store, path: &Path) -> Result<Checked, FileError> {
        let source = reader::read(path, self.max_bytes)?;
        let (issue_date, origin) = self.issue_date_for(&source.name);
        if origin == IssueDateOrigin::None {
            tracing::warn!(file = %path.display(), "no issue date: give --issue-date or put the date in the file name; relative dates (昨天) stay unresolved");
        }
        let date_text = issue_date.map(|d| d.to_string());
        if let Some(stored) = store.page_with_content(&source.content_hash, date_text.as_deref())? {
            return Ok(Checked::Unchanged { stored_as: stored.path });
        }
        Ok(Checked::ToParse(ReadFile { source, issue_date, origin }))
    }

    /// Runs the stages on a file read by [`Ingester::check`]; touches no database, so files
    /// can be parsed on several threads.
    pub fn parse(&self, file: ReadFile) -> Result<ProcessedPage, FileError> {
        let path = file.source.path.clone();
        let processed = process(file.source, file.issue_date, file.origin, &self.tokenizer);
        if processed.page.page.articles.is_empty() {
            return Err(FileError::NoArticle);
        }
        for d in &processed.diagnostics {
            tracing::debug!(file = %path.display(), "{d}");
        }
        Ok(processed)
    }

    /// Stores a parsed file, in one transaction.
    pub fn write(store: &mut Store, processed: &ProcessedPage) -> Result<FileOutcome, FileError> {
        let articles = processed.page.page.articles.len();
        Ok(match store.write_page(processed)? {
            WriteOutcome::Stored { .. } => FileOutcome::Stored { articles },
            WriteOutcome::Replaced { .. } => FileOutcome::Replaced { articles },
            WriteOutcome::AlreadyStored { path } => FileOutcome::Unchanged { stored_as: path },
        })
    }
}

/// A file read by [`Ingester::check`]: stored already, or to be parsed.
#[derive(Debug)]
pub enum Checked {
    Unchanged { stored_as: String },
    ToParse(ReadFile),
}

/// A file read and not stored yet, with its issue date.
#[derive(Debug)]
pub struct ReadFile {
    pub source: SourceFile,
    pub issue_date: Option<NaiveDate>,
    pub origin: IssueDateOrigin,
}

/// A path on the command line that gives no file to ingest.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
}

/// The files named by the command line: files as given, and every `*.txt` below each folder,
/// in sorted order. Folders that cannot be read, and symbolic-link loops, are errors for
/// that path only.
pub fn inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt") => {
                    found.push(e.into_path());
                }
                Ok(_) => {}
                Err(e) => errors.push(InputError::Unreadable {
                    path: e.path().unwrap_or(path).to_path_buf(),
                    message: if e.loop_ancestor().is_some() {
                        "is a symbolic-link loop".to_string()
                    } else {
                        e.io_error().map_or_else(|| e.to_string(), |io| format!("cannot read: {io}"))
                    },
                }),
            }
        }
        files.extend(found);
    }
    (files, errors)
}
