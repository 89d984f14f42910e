//! Stage 3: what kind each article is, and what each sentence does.
//!
//! Input: a [`Segmented`] page. Output: [`Classified`], the same page with each article's
//! [`ArticleKind`] (the readout of a meeting, an agreement signed, or other news) and each
//! sentence's [`SentenceRole`].
//!
//! An article's kind is decided by its lead (headline and first two paragraphs): whichever of
//! a meeting held (`…会议…举行`, `主持召开…会议`, `会见`) or an agreement signed
//! (`签署…协议`, `签约仪式`) is reported first. Sentence roles are decided by cue words, the
//! most specific first; extraction does not depend on them, they are stored for analysts
//! (which sentences report attendance, which admit shortfalls …).
//!
//! Not responsible for: who, what and when (extract reads those).

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostics::{Diagnostic, Location, Stage};
use crate::lexicon;
use crate::segment::{ParagraphRole, Segmented};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleKind {
    Meeting,
    Signing,
    Other,
}

impl ArticleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::Meeting => "meeting",
            ArticleKind::Signing => "signing",
            ArticleKind::Other => "other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentenceRole {
    Attendance,
    UnitReport,
    Shortfall,
    Directive,
    AgreementTerms,
    DocumentApproval,
    Other,
}

impl SentenceRole {
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceRole::Attendance => "attendance",
            SentenceRole::UnitReport => "unit_report",
            SentenceRole::Shortfall => "shortfall",
            SentenceRole::Directive => "directive",
            SentenceRole::AgreementTerms => "agreement_terms",
            SentenceRole::DocumentApproval => "document_approval",
            SentenceRole::Other => "other",
        }
    }
}

#[derive(Debug)]
pub struct ArticleLabels {
    pub kind: ArticleKind,
    /// Per paragraph, per sentence.
    pub sentence_roles: Vec<Vec<SentenceRole>>,
}

#[derive(Debug)]
pub struct Classified {
    pub page: Segmented,
    pub articles: Vec<ArticleLabels>,
}

/// Nouns that name a meeting: `会议`, `常委会`, `座谈会` …
pub const MEETING_NOUNS: &str = r"(?:会议|常委会|全会|大会|座谈会|专题会|推进会|点评会|调度会|学习会|工作会|分析会|办公会|例会|报告会|部署会|交流会|联席会|推介会|协调会|见面会|恳谈会|对接会|研讨会|汇报会|视频会|现场会|动员会|讲评会|评议会|会商会|论坛|签约仪式)";

static MEETING_HELD: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"{MEETING_NOUNS}[^。；]{{0,24}}?(?:举行|召开)|(?:主持召开|召开了?|举行了?|主持)[^。；]{{0,30}}?{MEETING_NOUNS}|会见|会谈|调研|考察|视察"
    ))
});
static AGREEMENT_SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"(?:签署|签订|签约)[^。；]{0,60}?(?:协议|备忘录|协定|合同|意向书)|签约仪式|代表双方签|在协议上签字")
});

/// A signing that takes place at the event (`会见后，双方签署…`, `…见证签约`), not one
/// recalled (`去年双方签署战略合作协议以来`).
static SIGNED_THEN: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"会见后|会见结束后|会谈后|随后|会后|仪式上|见证|代表双方|在协议上签字"));

/// A sentence role's cue: the role, a character test that any sentence the cue matches passes
/// (most sentences fail it, and are not matched against the cue), and the cue.
type RoleCue = (SentenceRole, fn(&str) -> bool, Regex);

/// The cues of sentence roles, the most specific first.
static ROLE_CUES: LazyLock<Vec<RoleCue>> = LazyLock::new(|| {
    vec![
        (SentenceRole::DocumentApproval, |s| s.contains('《'), lexicon::regex(r"(?:同意|通过)了?《")),
        (
            SentenceRole::AgreementTerms,
            |s| s.starts_with(['根', '按', '协', '双']),
            lexicon::regex(r"^(?:根据|按照)(?:合作)?协议|^协议(?:约定|明确)|^双方将"),
        ),
        (
            SentenceRole::Shortfall,
            |s| s.contains('仍') || s.contains('存') || s.contains('还') || s.contains('尚') || s.contains('有'),
            lexicon::regex(
                r"(?:仍存|存在|还有|仍有|尚有)[^。]{0,8}?(?:不足|问题|差距|短板)|(?:仍|还|尚)需加强|有待(?:加强|提升|提高)",
            ),
        ),
        (
            SentenceRole::UnitReport,
            |s| s.contains('全') || s.contains('连') || s.contains('首'),
            lexicon::regex(
                r"(?:全市|全省|全国|全区|全县|全球)(?:第[一二三四五六七八九十\d]+|前[一二三四五六七八九十\d]+|首[个家条部座])|连续[一二三四五六七八九十两\d]+年|首创",
            ),
        ),
        (
            SentenceRole::Attendance,
            |_| true,
            lexicon::regex(r"主持|出席|参加|列席|会见|会谈|见证|代表双方|在协议上签字|陪同"),
        ),
        (SentenceRole::Directive, |_| true, lexicon::regex(r"指出|强调|要求|部署|表示|提出")),
    ]
});

/// Labels a segmented page.
pub fn classify(page: Segmented) -> (Classified, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let articles = page
        .articles
        .iter()
        .enumerate()
        .map(|(i, article)| {
            let mut lead = String::new();
            if let Some(h) = &article.headline {
                lead.push_str(&crate::text::normalize(&h.text));
                lead.push('。');
            }
            for p in article.paragraphs.iter().filter(|p| p.role == ParagraphRole::Body).take(2) {
                lead.push_str(p.text.norm());
            }
            let held = MEETING_HELD.find(&lead);
            let signing = AGREEMENT_SIGNED.find(&lead).map(|m| m.start());
            // A meeting held to sign (`…推介会暨重点项目签约仪式举行`) is a signing.
            let meeting =
                held.filter(|m| !m.as_str().contains("签约") && !m.as_str().contains("签署")).map(|m| m.start());
            let signing = signing.or(held.filter(|m| m.as_str().contains("签约")).map(|m| m.start()));
            // A reception at which an agreement is signed is reported as the signing, wherever
            // the report tells of the signing (`会见后，双方签署…协议`).
            let reception = held.is_some_and(|m| matches!(m.as_str(), "会见" | "会谈"));
            let signing = signing.or_else(|| {
                reception
                    .then(|| {
                        article.paragraphs.iter().filter(|p| p.role == ParagraphRole::Body).find_map(|p| {
                            p.sentences
                                .iter()
                                .map(|&s| p.text.norm_slice(s))
                                .any(|s| AGREEMENT_SIGNED.is_match(s) && SIGNED_THEN.is_match(s))
                                .then_some(usize::MAX)
                        })
                    })
                    .flatten()
            });
            let kind = match (meeting, signing) {
                (Some(m), Some(s)) if s < m || reception => ArticleKind::Signing,
                (Some(_), _) => ArticleKind::Meeting,
                (None, Some(_)) => ArticleKind::Signing,
                (None, None) => ArticleKind::Other,
            };
            if kind == ArticleKind::Other && article.paragraphs.len() > 1 {
                diagnostics.push(Diagnostic::new(
                    Stage::Classify,
                    "no_event",
                    Location::Article(i),
                    "the article's lead reports no meeting and no signing; nothing is extracted from it",
                ));
            }
            let sentence_roles = article
                .paragraphs
                .iter()
                .map(|p| {
                    p.sentences
                        .iter()
                        .map(|&s| {
                            let sentence = p.text.norm_slice(s);
                            ROLE_CUES
                                .iter()
                                .find(|(_, may_match, cue)| may_match(sentence) && cue.is_match(sentence))
                                .map_or(SentenceRole::Other, |(role, _, _)| *role)
                        })
                        .collect()
                })
                .collect();
            ArticleLabels { kind, sentence_roles }
        })
        .collect();
    (Classified { page, articles }, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{CORPUS, SAMPLE, normalized};

    #[test]
    fn every_sentence_a_cue_matches_passes_its_character_test() {
        let sentences: Vec<String> = normalized(&[SAMPLE, CORPUS])
            .iter()
            .flat_map(|page| page.split_inclusive(['。', '！', '？', '\n']).map(str::to_string).collect::<Vec<_>>())
            .collect();
        for (role, may_match, cue) in ROLE_CUES.iter() {
            let mut matched = 0;
            for sentence in sentences.iter().filter(|s| cue.is_match(s)) {
                assert!(may_match(sentence), "{role:?}: {sentence}");
                matched += 1;
            }
            assert!(matched >= 10, "only {matched} sentences are cued {role:?}");
        }
    }
}
