//! A page after every stage, and the chain of pure stages that makes it.
//!
//! [`process`] runs dewrap → segment → classify → extract → index on a decoded file and
//! returns a [`ProcessedPage`]: what the store writes. This module sits below both the
//! orchestrator (`pipeline`, which decides what to do with a file) and the store
//! (which writes the page), so neither imports the other's types.

use chrono::NaiveDate;

use crate::classify::{self, Classified};
use crate::dewrap::{self, Layout};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Location, Stage};
use crate::extract::{self, Extraction};
use crate::index::{self, PageIndex};
use crate::reader::SourceFile;
use crate::segment::{self, Tokenizer};

/// Where a page's issue date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueDateOrigin {
    Flag,
    FileName,
    /// The publication date a web page states.
    Page,
    None,
}

impl IssueDateOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueDateOrigin::Flag => "flag",
            IssueDateOrigin::FileName => "file_name",
            IssueDateOrigin::Page => "page",
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
    /// Search words per sentence and key terms per shortfall item.
    pub index: PageIndex,
    /// What every stage could not decide, in stage order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ProcessedPage {
    pub fn layout_name(&self) -> &'static str {
        match self.layout {
            Layout::Wrapped { .. } => "wrapped",
            Layout::Flattened => "flattened",
            Layout::Unwrapped => "unwrapped",
            Layout::Markup => "html",
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
    let (dewrapped, mut diagnostics) = match &source.web {
        Some(web) => dewrap::from_markup(&web.blocks),
        None => dewrap::dewrap(&source.text),
    };
    if let Some(web) = &source.web {
        diagnostics.extend(web.set_aside.iter().map(|(why, text)| {
            Diagnostic::new(
                Stage::Read,
                DiagnosticKind::WebSetAside,
                Location::Page,
                format!("kept out of the article ({why}): {text}"),
            )
        }));
    }
    let (segmented, found) = segment::segment(&dewrapped, tokenizer);
    diagnostics.extend(found);
    let (mut classified, found) = classify::classify(segmented);
    diagnostics.extend(found);
    let (extraction, found) = extract::extract(&classified, issue_date);
    diagnostics.extend(found);
    // A sentence has the role of the facts read from it.
    extract::settle_roles(&mut classified, &extraction);
    let index = index::index(&classified, &extraction, tokenizer);
    ProcessedPage {
        source,
        issue_date,
        issue_date_origin: origin,
        layout: dewrapped.layout,
        page: classified,
        extraction,
        index,
        diagnostics,
    }
}
