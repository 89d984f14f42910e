//! Problems in the data, as data.
//!
//! Every stage returns its value together with a list of [`Diagnostic`]s: what it could not
//! decide, what it dropped and why. The store writes them to the `diagnostics` table beside
//! the facts, so an analyst can see where a page was hard to read. A diagnostic never stops
//! a file from being ingested; problems that do (an unreadable file) are errors, not
//! diagnostics.

use std::fmt;

use crate::text::Span;

/// The stage that raised a diagnostic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stage {
    Read,
    Dewrap,
    Segment,
    Classify,
    Extract,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Dewrap => "dewrap",
            Stage::Segment => "segment",
            Stage::Classify => "classify",
            Stage::Extract => "extract",
        }
    }
}

/// Where in the page a diagnostic points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    /// The page as a whole.
    Page,
    /// A line of the input file, 1-based.
    Line(usize),
    /// An article (index into the segmented page's articles).
    Article(usize),
    /// A span of an article's paragraph.
    Paragraph { article: usize, paragraph: usize, span: Span },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub stage: Stage,
    /// A short, stable, snake_case name for the kind of problem (`unassigned_headline`).
    pub kind: &'static str,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn new(stage: Stage, kind: &'static str, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { stage, kind, location, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: ", self.stage.as_str(), self.kind)?;
        match self.location {
            Location::Page => {}
            Location::Line(line) => write!(f, "line {line}: ")?,
            Location::Article(article) => write!(f, "article {}: ", article + 1)?,
            Location::Paragraph { article, paragraph, span } => {
                write!(f, "article {} paragraph {} chars {}..{}: ", article + 1, paragraph + 1, span.start, span.end)?
            }
        }
        f.write_str(&self.message)
    }
}
