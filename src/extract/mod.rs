//! Stage 4: the facts an analyst tracks, each with the span it was read from.
//!
//! Input: a [`Classified`] page and its issue date. Output: an [`Extraction`]: per article,
//! the event it reports (a meeting, a signing, a visit) with its name, date, time of day,
//! place and chair; who attended in which role; what each reporting unit claimed and
//! admitted; the agreements signed; the documents approved; and what each leader said.
//!
//! Invariants:
//! - every fact carries [`Evidence`]: the paragraph and character span it was read from;
//! - a rule that cannot decide leaves the field empty and says why in a [`Diagnostic`];
//! - nothing here knows a particular person, unit or page: people are found by titles,
//!   enumerations and verbs ([`people`]), units by their suffixes ([`reports`]).
//!
//! Not responsible for: storing (the store does that) or splitting text (segment did).

mod agreements;
mod attendance;
pub mod claims;
pub mod dates;
mod documents;
mod events;
pub mod people;
mod reports;
mod roles;
mod statements;
#[cfg(test)]
mod tests;

use std::cell::OnceCell;

use chrono::NaiveDate;

use crate::classify::{ArticleKind, Classified};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Location, Stage};
pub use crate::lexicon::{Role, TimeOfDay, UnitKind};
use crate::segment::{Article, ParagraphRole};
use crate::text::Span;
pub use roles::settle_roles;

/// Where a fact was read: a paragraph of its article and a character span of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub paragraph: usize,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct Extraction {
    /// One entry per article of the page, in order.
    pub articles: Vec<ArticleFacts>,
}

#[derive(Debug, Default)]
pub struct ArticleFacts {
    pub event: Option<Event>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Meeting,
    Signing,
    Visit,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Meeting => "meeting",
            EventKind::Signing => "signing",
            EventKind::Visit => "visit",
        }
    }
}

#[derive(Debug)]
pub struct Event {
    pub kind: EventKind,
    pub name: Option<String>,
    pub date: Option<NaiveDate>,
    /// The date's words as printed (`昨天`, `4月1日`, `近日`).
    pub date_text: Option<String>,
    pub time_of_day: Option<TimeOfDay>,
    pub location: Option<String>,
    /// The place's words as printed (`在沪`).
    pub location_text: Option<String>,
    pub chair: Option<String>,
    pub evidence: Evidence,
    pub attendance: Vec<Attendance>,
    pub unit_reports: Vec<UnitReport>,
    pub agreements: Vec<Agreement>,
    pub documents: Vec<ApprovedDocument>,
    pub statements: Vec<Statement>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendance {
    pub person: String,
    pub title: Option<String>,
    pub role: Role,
    pub evidence: Evidence,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnitReport {
    /// As the report names it.
    pub unit: String,
    /// As the list of speakers names it.
    pub speaker: Option<String>,
    pub kind: UnitKind,
    /// Speaking order, 1-based.
    pub seq: usize,
    pub evidence: Evidence,
    pub achievements: Vec<Achievement>,
    pub shortfalls: Vec<Shortfall>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Achievement {
    pub text: String,
    pub period: Option<String>,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub rank_scope: Option<String>,
    pub rank: Option<u32>,
    pub rank_is_top: bool,
    pub streak_years: Option<u32>,
    pub value: Option<f64>,
    pub measure: Option<String>,
    pub qualifier: Option<String>,
    pub first_scope: Option<String>,
    pub evidence: Evidence,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortfall {
    pub text: String,
    pub evidence: Evidence,
}

/// Where a shortfall item sits in an [`Extraction`]: its article, the unit report of that
/// article's event, and its place in the report's shortfalls (all 0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShortfallId {
    pub article: usize,
    pub report: usize,
    pub item: usize,
}

impl Extraction {
    /// Every shortfall item of the page with its id, in page order.
    pub fn shortfalls(&self) -> impl Iterator<Item = (ShortfallId, &Shortfall)> {
        self.articles.iter().enumerate().flat_map(|(article, facts)| {
            facts.event.iter().flat_map(move |event| {
                event.unit_reports.iter().enumerate().flat_map(move |(report, unit)| {
                    unit.shortfalls.iter().enumerate().map(move |(item, f)| (ShortfallId { article, report, item }, f))
                })
            })
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agreement {
    pub title: Option<String>,
    pub parties: Vec<Party>,
    /// Names with the title printed with them in the article.
    pub witnesses: Vec<(String, Option<String>)>,
    pub terms: Option<String>,
    pub evidence: Evidence,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApprovedDocument {
    pub title: String,
    pub decision: String,
    pub period_start_year: Option<i32>,
    pub period_end_year: Option<i32>,
    pub evidence: Evidence,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub speaker: Speaker,
    pub verb: String,
    pub text: String,
    pub evidence: Evidence,
}

/// Who made a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// A person the article names, as printed.
    Person(String),
    /// The meeting itself (会议指出 …).
    Meeting,
}

impl Speaker {
    /// As stored in `statements.speaker`: the name as printed, or 会议.
    pub fn as_str(&self) -> &str {
        match self {
            Speaker::Person(name) => name,
            Speaker::Meeting => "会议",
        }
    }
}

/// What extraction needs of one article.
pub(crate) struct ArticleInput<'a> {
    pub index: usize,
    pub article: &'a Article,
    pub issue_date: Option<NaiveDate>,
    pub people: people::Registry,
    /// Per paragraph: its titled mentions, then (once asked for) all its mentions.
    titled: Vec<Vec<people::Mention>>,
    mentions: Vec<OnceCell<Vec<people::Mention>>>,
    /// Per paragraph, once asked for: the signings it reports.
    signings: Vec<OnceCell<Vec<agreements::Found>>>,
}

impl<'a> ArticleInput<'a> {
    /// An article's input, with the titled mentions of every paragraph and the people they name.
    fn new(index: usize, article: &'a Article, issue_date: Option<NaiveDate>) -> Self {
        let mut people = people::Registry::default();
        let titled: Vec<Vec<people::Mention>> =
            article.paragraphs.iter().map(|p| people::titled_mentions(&p.text)).collect();
        for m in titled.iter().flatten() {
            people.add(m);
        }
        let mentions = titled.iter().map(|_| OnceCell::new()).collect();
        let signings = titled.iter().map(|_| OnceCell::new()).collect();
        ArticleInput { index, article, issue_date, people, titled, mentions, signings }
    }

    /// Every person named in a paragraph of the article ([`people::mentions`]), found once
    /// and kept: the readers of attendance, statements and visits ask for them again and again.
    pub fn mentions(&self, paragraph: &crate::segment::Paragraph) -> &[people::Mention] {
        let p = self
            .article
            .paragraphs
            .iter()
            .position(|q| std::ptr::eq(q, paragraph))
            .expect("a paragraph of the article");
        self.mentions[p].get_or_init(|| people::with_known(self.titled[p].clone(), &paragraph.text, &self.people))
    }

    /// The signings a paragraph reports ([`agreements::signings`]), found once and kept: the
    /// event is named after the first, and each is an agreement.
    fn signings(&self, paragraph: usize) -> &[agreements::Found] {
        self.signings[paragraph].get_or_init(|| agreements::signings(&self.article.paragraphs[paragraph].text))
    }

    /// The body paragraphs with their indices.
    pub fn body(&self) -> impl Iterator<Item = (usize, &crate::segment::Paragraph)> {
        self.article.paragraphs.iter().enumerate().filter(|(_, p)| p.role == ParagraphRole::Body)
    }

    /// Whether the article is printed in traditional characters.
    pub fn is_traditional(&self) -> bool {
        self.article.paragraphs.iter().any(|p| p.text.is_traditional())
    }

    pub fn diagnostic(&self, kind: DiagnosticKind, evidence: Evidence, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(
            Stage::Extract,
            kind,
            Location::Paragraph { article: self.index, paragraph: evidence.paragraph, span: evidence.span },
            message,
        )
    }
}

/// Reads the facts of every article of a page.
pub fn extract(page: &Classified, issue_date: Option<NaiveDate>) -> (Extraction, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut extraction = Extraction::default();
    for (index, (article, labels)) in page.page.articles.iter().zip(&page.articles).enumerate() {
        let event = match labels.kind {
            ArticleKind::Other => None,
            kind => events::read(&ArticleInput::new(index, article, issue_date), kind, &mut diagnostics),
        };
        extraction.articles.push(ArticleFacts { event });
    }
    (extraction, diagnostics)
}
