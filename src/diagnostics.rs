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

/// The kind of problem a diagnostic reports. Stored as [`DiagnosticKind::as_str`], a short,
/// stable, snake_case code (`unassigned_headline`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiagnosticKind {
    AgreementUntitled,
    /// The headline names a chair the body never prints with a title.
    ChairInHeadlineUnknown,
    DateMissing,
    DateUnresolved,
    EventUnnamed,
    ExtraHeading,
    NoArticle,
    NoEvent,
    NotAHeadline,
    OrphanPullQuote,
    PageFurniture,
    PageTrailer,
    PersonWithoutTitle,
    PinyinGlossesRemoved,
    PlaceAmbiguous,
    PlaceUnknown,
    ReportClauseUnread,
    ReportUnitUnsettled,
    ShortfallWithoutItems,
    SignerWithoutParty,
    SiteHeader,
    SpeakersWithoutReports,
    StrayHeading,
    UnassignedHeadline,
    WebSetAside,
}

impl DiagnosticKind {
    /// The code stored in `diagnostics.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            DiagnosticKind::AgreementUntitled => "agreement_untitled",
            DiagnosticKind::ChairInHeadlineUnknown => "chair_in_headline_unknown",
            DiagnosticKind::DateMissing => "date_missing",
            DiagnosticKind::DateUnresolved => "date_unresolved",
            DiagnosticKind::EventUnnamed => "event_unnamed",
            DiagnosticKind::ExtraHeading => "extra_heading",
            DiagnosticKind::NoArticle => "no_article",
            DiagnosticKind::NoEvent => "no_event",
            DiagnosticKind::NotAHeadline => "not_a_headline",
            DiagnosticKind::OrphanPullQuote => "orphan_pull_quote",
            DiagnosticKind::PageFurniture => "page_furniture",
            DiagnosticKind::PageTrailer => "page_trailer",
            DiagnosticKind::PersonWithoutTitle => "person_without_title",
            DiagnosticKind::PinyinGlossesRemoved => "pinyin_glosses_removed",
            DiagnosticKind::PlaceAmbiguous => "place_ambiguous",
            DiagnosticKind::PlaceUnknown => "place_unknown",
            DiagnosticKind::ReportClauseUnread => "report_clause_unread",
            DiagnosticKind::ReportUnitUnsettled => "report_unit_unsettled",
            DiagnosticKind::ShortfallWithoutItems => "shortfall_without_items",
            DiagnosticKind::SignerWithoutParty => "signer_without_party",
            DiagnosticKind::SiteHeader => "site_header",
            DiagnosticKind::SpeakersWithoutReports => "speakers_without_reports",
            DiagnosticKind::StrayHeading => "stray_heading",
            DiagnosticKind::UnassignedHeadline => "unassigned_headline",
            DiagnosticKind::WebSetAside => "web_set_aside",
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
    pub kind: DiagnosticKind,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn new(stage: Stage, kind: DiagnosticKind, location: Location, message: impl Into<String>) -> Self {
        Diagnostic { stage, kind, location, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: ", self.stage.as_str(), self.kind.as_str())?;
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
