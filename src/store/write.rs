//! Writing one processed page, all or nothing ([`super::Store::file_unit`]): its rows, its search
//! words (indexed when its batch commits, see [`super::batch`]), the key terms of its
//! shortfall items, and its row of the runs log.

use rusqlite::{Connection, OptionalExtension, params};

use super::batch::Batch;
use super::runs::{self, FileLog, FileStatus, RunId};
use super::{StoreError, StoredPage, now};
use crate::diagnostics::Location;
use crate::extract::{Event, Evidence, ShortfallId, Speaker, TimeOfDay};
use crate::index::PageIndex;
use crate::page::ProcessedPage;
use crate::segment::Article;
use crate::text::{Span, Text};

/// What writing a page did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    /// A new page was stored.
    Stored { page_id: i64 },
    /// The page stored for this path had other content (or another issue date); it was
    /// replaced.
    Replaced { page_id: i64, previous: StoredPage },
    /// The same content with the same issue date is already stored (by another run that
    /// got there first, or under another path); nothing was written.
    AlreadyStored { stored: StoredPage },
}

/// Writes a page inside the caller's transaction, which holds the write lock already, so that
/// what is read here cannot change before the page is written.
pub(super) fn write_page(
    tx: &Connection,
    batch: &mut Batch,
    page: &ProcessedPage,
    run: Option<RunId>,
) -> Result<WriteOutcome, StoreError> {
    let source = &page.source;
    let path = source.path.to_string_lossy().into_owned();
    let issue_date = page.issue_date.map(|d| d.to_string());
    let log = FileLog {
        content_hash: Some(&source.content_hash),
        issue_date: issue_date.as_deref(),
        ..FileLog::new(&path, FileStatus::Unchanged)
    };
    let same_content = tx
        .prepare_cached(&format!(
            "SELECT {} FROM pages WHERE content_hash = ?1 AND issue_date IS ?2 ORDER BY page_id LIMIT 1",
            StoredPage::COLUMNS
        ))?
        .query_row(params![source.content_hash, issue_date], StoredPage::from_row)
        .optional()?;
    if let Some(stored) = same_content {
        if let Some(run) = run {
            runs::log_file(tx, run, &FileLog { page_id: Some(stored.page_id), ..log })?;
        }
        return Ok(WriteOutcome::AlreadyStored { stored });
    }
    let previous = tx
        .prepare_cached(&format!("SELECT {} FROM pages WHERE path = ?1", StoredPage::COLUMNS))?
        .query_row(params![path], StoredPage::from_row)
        .optional()?;
    if let Some(previous) = &previous {
        batch.delete_page(tx, previous.page_id)?;
    }
    let web = source.web.as_ref().map(|w| &w.meta);
    tx.prepare_cached(
        "INSERT INTO pages (source, path, content_hash, byte_len, encoding, layout, issue_date,
                            issue_date_origin, ingested_at, readout_version, url, site, page_title, published_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        source.name,
        path,
        source.content_hash,
        source.byte_len as i64,
        source.encoding.as_str(),
        page.layout_name(),
        issue_date,
        page.issue_date_origin.as_str(),
        now(),
        env!("CARGO_PKG_VERSION"),
        web.and_then(|w| w.url.as_deref()),
        web.and_then(|w| w.site.as_deref()),
        web.and_then(|w| w.title.as_deref()),
        web.and_then(|w| w.published).map(|d| d.to_string()),
    ])?;
    let page_id = tx.last_insert_rowid();
    let mut writer = PageWriter { tx, page, page_id, article_ids: Vec::new(), paragraph_ids: Vec::new(), batch };
    for (a, article) in page.page.page.articles.iter().enumerate() {
        writer.article(a, article)?;
    }
    for (a, facts) in page.extraction.articles.iter().enumerate() {
        if let Some(event) = &facts.event {
            writer.event(a, event, &page.index)?;
        }
    }
    for d in &page.diagnostics {
        writer.diagnostic(d)?;
    }
    if let Some(run) = run {
        let status = if previous.is_some() { FileStatus::Replaced } else { FileStatus::Stored };
        runs::log_file(
            tx,
            run,
            &FileLog {
                status,
                page_id: Some(page_id),
                articles: Some(page.page.page.articles.len()),
                replaced: previous.as_ref(),
                ..log
            },
        )?;
    }
    Ok(match previous {
        Some(previous) => WriteOutcome::Replaced { page_id, previous },
        None => WriteOutcome::Stored { page_id },
    })
}

struct PageWriter<'t> {
    tx: &'t Connection,
    page: &'t ProcessedPage,
    page_id: i64,
    article_ids: Vec<i64>,
    /// Per article, per paragraph.
    paragraph_ids: Vec<Vec<i64>>,
    /// People's ids known to the batch.
    batch: &'t mut Batch,
}

impl PageWriter<'_> {
    fn article(&mut self, a: usize, article: &Article) -> Result<(), StoreError> {
        let (tx, page) = (self.tx, self.page);
        let lines: Vec<usize> = article
            .paragraphs
            .iter()
            .flat_map(|p| [p.lines.first, p.lines.last])
            .chain([&article.kicker, &article.headline, &article.subtitle].into_iter().flatten().map(|h| h.lines.first))
            .collect();
        let kind = page.page.articles[a].kind.as_str();
        tx.prepare_cached(
            "INSERT INTO articles (page_id, seq, kind, dateline, byline, kicker, headline, subtitle, first_line, last_line)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            self.page_id,
            a as i64 + 1,
            kind,
            article.dateline,
            article.byline,
            article.kicker.as_ref().map(|h| &h.text),
            article.headline.as_ref().map(|h| &h.text),
            article.subtitle.as_ref().map(|h| &h.text),
            lines.iter().min().copied().unwrap_or(0) as i64,
            lines.iter().max().copied().unwrap_or(0) as i64,
        ])?;
        let article_id = tx.last_insert_rowid();
        self.article_ids.push(article_id);
        for (i, r) in article.reporters.iter().enumerate() {
            tx.prepare_cached("INSERT INTO reporters (article_id, seq, name, role) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![article_id, i as i64 + 1, r.name, r.role])?;
        }
        for (i, n) in article.notes.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO notes (article_id, seq, label, value, first_line) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![article_id, i as i64 + 1, n.label, n.value, n.lines.first as i64])?;
        }
        let labels = &page.page.articles[a].paragraphs;
        let mut ids = Vec::with_capacity(article.paragraphs.len());
        for (i, p) in article.paragraphs.iter().enumerate() {
            tx.prepare_cached(
                "INSERT INTO paragraphs (article_id, seq, role, text, first_line, last_line)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                article_id,
                i as i64 + 1,
                p.role.as_str(),
                p.text.printed(),
                p.lines.first as i64,
                p.lines.last as i64
            ])?;
            let paragraph_id = tx.last_insert_rowid();
            ids.push(paragraph_id);
            for (s, sentence) in labels[i].sentences.iter().enumerate() {
                let (span, role) = (sentence.span, sentence.role.as_str());
                let search = page.index.sentence(a, i, s).ok_or(StoreError::Unindexed {
                    article: a,
                    paragraph: i,
                    sentence: s,
                })?;
                // The normalized text is stored only where it is not the sentence as printed.
                let normalized = Some(search.text.as_str()).filter(|&t| t != p.text.printed_slice(span));
                tx.prepare_cached(
                    "INSERT INTO sentences (paragraph_id, seq, char_start, char_end, role, words, normalized)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    paragraph_id,
                    s as i64 + 1,
                    span.start as i64,
                    span.end as i64,
                    role,
                    search.words,
                    normalized
                ])?;
            }
        }
        for (i, q) in article.pull_quotes.iter().enumerate() {
            let (paragraph_id, start, end) = match q.source {
                Some((p, span)) => (Some(ids[p]), Some(span.start as i64), Some(span.end as i64)),
                None => (None, None, None),
            };
            tx.prepare_cached(
                "INSERT INTO pull_quotes (article_id, seq, text, first_line, last_line, paragraph_id, char_start, char_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![article_id, i as i64 + 1, q.text, q.lines.first as i64, q.lines.last as i64, paragraph_id, start, end])?;
        }
        self.paragraph_ids.push(ids);
        Ok(())
    }

    fn person(&mut self, name: &str) -> Result<i64, StoreError> {
        Ok(self.batch.people.id(self.tx, name)?)
    }

    /// The text of the paragraph a fact was read from.
    fn paragraph_of(&self, a: usize, evidence: Evidence) -> &Text {
        &self.page.page.page.articles[a].paragraphs[evidence.paragraph].text
    }

    /// A fact's text as the store keeps it: `None` where it is the printed paragraph's
    /// characters over the fact's span (the views read it from there), else the text.
    fn unless_span<'x>(&self, a: usize, evidence: Evidence, text: &'x str) -> Option<&'x str> {
        Some(text).filter(|&t| t != self.paragraph_of(a, evidence).printed_slice(evidence.span))
    }

    /// Where a statement's said text starts in its paragraph, when it is the paragraph's
    /// characters from there to the end of the statement's span (as it is when read from
    /// `X指出，……`): then the text need not be stored.
    fn said_from(&self, a: usize, evidence: Evidence, text: &str) -> Option<usize> {
        let paragraph = self.paragraph_of(a, evidence);
        let start = evidence.span.end.checked_sub(text.chars().count())?;
        (start >= evidence.span.start && paragraph.printed_slice(Span::new(start, evidence.span.end)) == text)
            .then_some(start)
    }

    /// (paragraph_id, char_start, char_end) of a fact's evidence.
    fn at(&self, a: usize, evidence: Evidence) -> (i64, i64, i64) {
        (self.paragraph_ids[a][evidence.paragraph], evidence.span.start as i64, evidence.span.end as i64)
    }

    fn event(&mut self, a: usize, event: &Event, index: &PageIndex) -> Result<(), StoreError> {
        let tx = self.tx;
        let chair = event.chair.as_deref().map(|c| self.person(c)).transpose()?;
        let (p, s, e) = self.at(a, event.evidence);
        tx.prepare_cached(
            "INSERT INTO events (article_id, seq, kind, name, event_date, date_text, time_of_day, location, location_text,
                                 chair_person_id, paragraph_id, char_start, char_end, chair_name)
             VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            self.article_ids[a],
            event.kind.as_str(),
            event.name,
            event.date.map(|d| d.to_string()),
            event.date_text,
            event.time_of_day.map(TimeOfDay::as_str),
            event.location,
            event.location_text,
            chair,
            p,
            s,
            e,
            event.chair
        ])?;
        let event_id = tx.last_insert_rowid();
        for (i, row) in event.attendance.iter().enumerate() {
            let person = self.person(&row.person)?;
            let (p, s, e) = self.at(a, row.evidence);
            tx.prepare_cached(
                "INSERT OR IGNORE INTO attendance (event_id, person_id, role, seq, title, paragraph_id, char_start, char_end, person_name)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![event_id, person, row.role.as_str(), i as i64 + 1, row.title, p, s, e, row.person])?;
        }
        for (i, report) in event.unit_reports.iter().enumerate() {
            let (p, s, e) = self.at(a, report.evidence);
            tx.prepare_cached(
                "INSERT INTO unit_reports (event_id, seq, unit, speaker, unit_kind, paragraph_id, char_start, char_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                event_id,
                i as i64 + 1,
                report.unit,
                report.speaker,
                report.kind.as_str(),
                p,
                s,
                e
            ])?;
            let report_id = tx.last_insert_rowid();
            for (k, x) in report.achievements.iter().enumerate() {
                let (p, s, e) = self.at(a, x.evidence);
                tx.prepare_cached(
                    "INSERT INTO achievements (unit_report_id, seq, text, period, period_start, period_end, rank_scope, rank,
                                               rank_is_top, streak_years, value, measure, qualifier, first_scope,
                                               paragraph_id, char_start, char_end)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                )?
                .execute(params![
                    report_id,
                    k as i64 + 1,
                    self.unless_span(a, x.evidence, &x.text),
                    x.period,
                    x.period_start.map(|d| d.to_string()),
                    x.period_end.map(|d| d.to_string()),
                    x.rank_scope,
                    x.rank,
                    x.rank.map(|_| x.rank_is_top as i64),
                    x.streak_years,
                    x.value,
                    x.measure,
                    x.qualifier,
                    x.first_scope,
                    p,
                    s,
                    e
                ])?;
            }
            for (k, f) in report.shortfalls.iter().enumerate() {
                let (p, s, e) = self.at(a, f.evidence);
                tx.prepare_cached(
                    "INSERT INTO shortfalls (unit_report_id, seq, text, paragraph_id, char_start, char_end)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    report_id,
                    k as i64 + 1,
                    self.unless_span(a, f.evidence, &f.text),
                    p,
                    s,
                    e
                ])?;
                let shortfall_id = tx.last_insert_rowid();
                let terms = index.shortfall_terms.get(&ShortfallId { article: a, report: i, item: k });
                for (t, term) in terms.into_iter().flatten().enumerate() {
                    tx.prepare_cached(
                        "INSERT OR IGNORE INTO shortfall_terms (shortfall_id, seq, term, weight) VALUES (?1, ?2, ?3, ?4)",
                    )?
                    .execute(params![shortfall_id, t as i64 + 1, term.term, term.weight])?;
                }
            }
        }
        for (i, g) in event.agreements.iter().enumerate() {
            let (p, s, e) = self.at(a, g.evidence);
            tx.prepare_cached(
                "INSERT INTO agreements (event_id, seq, title, signed_date, location, terms, paragraph_id, char_start, char_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![event_id, i as i64 + 1, g.title, event.date.map(|d| d.to_string()), event.location, g.terms, p, s, e])?;
            let agreement_id = tx.last_insert_rowid();
            for (k, party) in g.parties.iter().enumerate() {
                let signer = party.signer.as_deref().map(|n| self.person(n)).transpose()?;
                tx.prepare_cached(
                    "INSERT INTO agreement_parties (agreement_id, seq, party, signer_person_id, signer_title, signer_name)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    agreement_id,
                    k as i64 + 1,
                    party.name,
                    signer,
                    party.signer_title,
                    party.signer
                ])?;
            }
            for (name, title) in &g.witnesses {
                let person = self.person(name)?;
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO agreement_witnesses (agreement_id, person_id, title, name) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![agreement_id, person, title, name])?;
            }
        }
        for (i, d) in event.documents.iter().enumerate() {
            let (p, s, e) = self.at(a, d.evidence);
            tx.prepare_cached(
                "INSERT INTO approved_documents (event_id, seq, title, decision, period_start_year, period_end_year,
                                                 paragraph_id, char_start, char_end)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                event_id,
                i as i64 + 1,
                d.title,
                d.decision,
                d.period_start_year,
                d.period_end_year,
                p,
                s,
                e
            ])?;
        }
        for (i, st) in event.statements.iter().enumerate() {
            let person = match &st.speaker {
                Speaker::Person(name) => Some(self.person(name)?),
                Speaker::Meeting => None,
            };
            let (p, s, e) = self.at(a, st.evidence);
            let said_from = self.said_from(a, st.evidence, &st.text);
            let text = if said_from.is_some() { None } else { Some(&st.text) };
            tx.prepare_cached(
                "INSERT INTO statements (event_id, seq, speaker, person_id, verb, text, paragraph_id, char_start, char_end, text_start)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                event_id,
                i as i64 + 1,
                st.speaker.as_str(),
                person,
                st.verb,
                text,
                p,
                s,
                e,
                said_from.map(|x| x as i64)
            ])?;
        }
        Ok(())
    }

    fn diagnostic(&self, d: &crate::diagnostics::Diagnostic) -> Result<(), StoreError> {
        let (line, article, paragraph, start, end) = match d.location {
            Location::Page => (None, None, None, None, None),
            Location::Line(line) => (Some(line as i64), None, None, None, None),
            Location::Article(a) => (None, self.article_ids.get(a).copied(), None, None, None),
            Location::Paragraph { article, paragraph, span } => (
                None,
                self.article_ids.get(article).copied(),
                self.paragraph_ids.get(article).and_then(|ps| ps.get(paragraph)).copied(),
                Some(span.start as i64),
                Some(span.end as i64),
            ),
        };
        self.tx
            .prepare_cached(
                "INSERT INTO diagnostics (page_id, stage, kind, line, article_id, paragraph_id, char_start, char_end, message)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![self.page_id, d.stage.as_str(), d.kind.as_str(), line, article, paragraph, start, end, d.message])?;
        Ok(())
    }
}
