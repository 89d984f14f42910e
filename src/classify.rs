//! Stage 3: what kind each article is, and what each sentence does.
//!
//! Input: a [`Segmented`] page. Output: [`Classified`], the same page with each article's
//! [`ArticleKind`] (the readout of a meeting, an agreement signed, or other news) and each
//! sentence's [`SentenceRole`].
//!
//! An article's kind is decided by its lead (headline and first two paragraphs): whichever of
//! a meeting held (`…会议…举行`, `主持召开…会议`, `会见`) or an agreement signed
//! (`签署…协议`, `签约仪式`) is reported first. Sentence roles are decided by cue words, the
//! most specific first; extraction does not depend on them. Once extraction has read the
//! page, `extract::settle_roles` gives each sentence a fact was read from the role of
//! that fact, so the roles stored for analysts (which sentences report attendance, which
//! admit shortfalls …) and the rows stored cannot disagree.
//!
//! Not responsible for: who, what and when (extract reads those).

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostics::{Diagnostic, DiagnosticKind, Location, Stage};
use crate::lexicon::{self, Class, Role, words};
use crate::segment::{ParagraphRole, Segmented};
use crate::text::Span;

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

/// A sentence of a paragraph (its span, as segment cut it) with the role it plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelledSentence {
    pub span: Span,
    pub role: SentenceRole,
}

/// The sentences of one paragraph, each with its role, in text order.
#[derive(Debug)]
pub struct ParagraphLabels {
    pub sentences: Vec<LabelledSentence>,
}

impl ParagraphLabels {
    /// The sentence that holds a character offset of the paragraph.
    pub fn sentence_at_mut(&mut self, offset: usize) -> Option<&mut LabelledSentence> {
        self.sentences.iter_mut().find(|s| s.span.start <= offset && offset < s.span.end)
    }
}

#[derive(Debug)]
pub struct ArticleLabels {
    pub kind: ArticleKind,
    /// One per paragraph of the article, in order.
    pub paragraphs: Vec<ParagraphLabels>,
}

#[derive(Debug)]
pub struct Classified {
    pub page: Segmented,
    pub articles: Vec<ArticleLabels>,
}

/// A meeting held (`…会议…举行`, `主持召开…会议`), a reception or an inspection visit.
static MEETING_HELD: LazyLock<Regex> = LazyLock::new(|| {
    let meeting = &*lexicon::MEETING_NOUNS;
    let holding = words::alternation_of(|c| c == Class::Holding);
    let chairing = words::alternation_of(|c| c == Class::Attending(Role::Chair));
    let receiving = words::alternation_of(|c| c == Class::Attending(Role::Host));
    let inspecting = words::alternation_of(|c| c == Class::Inspecting);
    lexicon::regex(&format!(
        r"(?x)
          {meeting} [^。；]{{0,24}}? (?:{holding})                          # 工作会议昨天举行
        | (?:{chairing}|(?:{holding})了?) [^。；]{{0,30}}? {meeting}        # 主持召开常务会议
        | {receiving} | {inspecting}                                         # 会见, 调研
        "
    ))
});

/// The kinds of review meeting, at which units report in turn and are judged.
static REVIEW_MEETING: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex("擂台赛|比武|比晒|讲评会|点评会|述职(?:评议)?会|观摩(?:点评)?会"));

/// Whether the words that say a meeting was held are a reception (`会见`, `会谈`).
fn is_reception(words: &str) -> bool {
    lexicon::words::WORDS.iter().any(|&(w, c)| w == words && c == Class::Attending(Role::Host))
}

static AGREEMENT_SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    let signing = &*lexicon::SIGNING_VERBS;
    let nouns = &*lexicon::AGREEMENT_NOUNS;
    let ceremony = words::alternation_of(|c| c == Class::Ceremony);
    lexicon::regex(&format!(
        r"(?x)
          {signing} [^。；]{{0,60}}? {nouns}       # 签署战略合作协议
        | {ceremony}                               # 签约仪式
        | 代表双方签 | 在协议上签字
        "
    ))
});

/// A signing that takes place at the event (`会见后，双方签署…`, `…见证签约`), not one
/// recalled (`去年双方签署战略合作协议以来`).
static SIGNED_THEN: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"会见后|会见结束后|会谈后|随后|会后|仪式上|见证|代表双方|在协议上签字"));

/// A sentence role's cue: the role, a character test that any sentence the cue matches passes
/// (most sentences fail it, and are not matched against the cue), and the cue.
type RoleCue = (SentenceRole, fn(&str) -> bool, fn(&str) -> bool);

/// The cues of sentence roles, the most specific first, for the sentences extraction read
/// nothing from: each is the matcher, or the lexicon class, the rule reading that kind of
/// fact uses.
static ROLE_CUES: [RoleCue; 5] = [
    (SentenceRole::DocumentApproval, |s| s.contains('《'), |s| APPROVED_TITLE.is_match(s)),
    (
        SentenceRole::AgreementTerms,
        |s| s.starts_with(['根', '按', '依', '协', '双']),
        |s| lexicon::AGREEMENT_TERMS.is_match(s) || s.starts_with("双方将"),
    ),
    (
        SentenceRole::Shortfall,
        |s| s.contains(['仍', '存', '还', '尚', '有', '亟']),
        |s| lexicon::SHORTFALL_CUE.is_match(s),
    ),
    (SentenceRole::Attendance, |_| true, |s| ATTENDING.is_match(s)),
    (SentenceRole::Directive, |_| true, |s| DIRECTING.is_match(s)),
];

/// A document approved: a verb of approving before a title in 《》.
static APPROVED_TITLE: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(&format!("(?:{})了?《", words::alternation_of(|c| c == Class::Approving))));
/// A verb of attending, of taking part beside others (but the one-character `率`, which is
/// common in other words: 效率), or of signing for a party.
static ATTENDING: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = words::of(|c| matches!(c, Class::Attending(_) | Class::Accompanying));
    let verbs = lexicon::alternation(verbs.into_iter().filter(|w| w.chars().count() > 1));
    lexicon::regex(&format!("(?:{verbs})|代表双方|在协议上签字"))
});
static DIRECTING: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(&words::alternation_of(|c| c == Class::Saying { directs: true })));

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
            // A review meeting (擂台赛, 点评会 …) is a meeting whether or not the lead says it was held.
            let held = MEETING_HELD.find(&lead).or_else(|| REVIEW_MEETING.find(&lead));
            // Every cue of a signing holds 签 (签署, 签约仪式, 代表双方签): a lead without one is not searched.
            let signing = lead.contains('签').then(|| AGREEMENT_SIGNED.find(&lead)).flatten().map(|m| m.start());
            // A meeting held to sign (`…推介会暨重点项目签约仪式举行`) is a signing.
            let meeting = held.filter(|m| !lexicon::says_signed(m.as_str())).map(|m| m.start());
            let signing = signing.or(held.filter(|m| lexicon::says_signed(m.as_str())).map(|m| m.start()));
            // A reception at which an agreement is signed is reported as the signing, wherever
            // the report tells of the signing (`会见后，双方签署…协议`).
            let reception = held.is_some_and(|m| is_reception(m.as_str()));
            let signed_at_reception = signing.is_none()
                && reception
                && article.paragraphs.iter().filter(|p| p.role == ParagraphRole::Body).any(|p| {
                    p.sentences
                        .iter()
                        .map(|&s| p.text.norm_slice(s))
                        .any(|s| AGREEMENT_SIGNED.is_match(s) && SIGNED_THEN.is_match(s))
                });
            let kind = match (meeting, signing) {
                _ if signed_at_reception => ArticleKind::Signing,
                (Some(m), Some(s)) if s < m || reception => ArticleKind::Signing,
                (Some(_), _) => ArticleKind::Meeting,
                (None, Some(_)) => ArticleKind::Signing,
                (None, None) => ArticleKind::Other,
            };
            if kind == ArticleKind::Other && article.paragraphs.len() > 1 {
                diagnostics.push(Diagnostic::new(
                    Stage::Classify,
                    DiagnosticKind::NoEvent,
                    Location::Article(i),
                    "the article's lead reports no meeting and no signing; nothing is extracted from it",
                ));
            }
            let paragraphs = article
                .paragraphs
                .iter()
                .map(|p| ParagraphLabels {
                    sentences: p
                        .sentences
                        .iter()
                        .map(|&span| LabelledSentence { span, role: cued_role(p.text.norm_slice(span)) })
                        .collect(),
                })
                .collect();
            ArticleLabels { kind, paragraphs }
        })
        .collect();
    (Classified { page, articles }, diagnostics)
}

/// The role the cues give a sentence.
fn cued_role(sentence: &str) -> SentenceRole {
    ROLE_CUES
        .iter()
        .find(|(_, may_match, cue)| may_match(sentence) && cue(sentence))
        .map_or(SentenceRole::Other, |(role, _, _)| *role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{CORPUS, SAMPLE, normalized};

    fn kind_of(page: &str) -> ArticleKind {
        let (dewrapped, _) = crate::dewrap::dewrap(page);
        let (segmented, _) = crate::segment::segment(&dewrapped, &crate::segment::Tokenizer::new());
        classify(segmented).0.articles[0].kind
    }

    #[test]
    fn review_meetings_are_meetings() {
        for page in [
            "本报讯 3月2日，一场项目擂台赛在县城开赛了，十位乡镇党委书记登台比拼。\n",
            "本报讯 一场特别的擂台赛在干部群众中引起热议，各镇街负责人轮流登台。\n",
            "本报讯 昨天，县里召开重点工作主管月报，由县长甲乙主持。\n",
            "本报讯 昨天，全区基层党建述职评议会在区委党校进行，十个街道党工委书记逐一述职。\n",
            "本报讯 昨天，全县项目建设观摩点评会在各园区进行。\n",
        ] {
            assert_eq!(kind_of(page), ArticleKind::Meeting, "{page}");
        }
    }

    #[test]
    fn every_sentence_a_cue_matches_passes_its_character_test() {
        let sentences: Vec<String> = normalized(&[SAMPLE, CORPUS])
            .iter()
            .flat_map(|page| page.split_inclusive(['。', '！', '？', '\n']).map(str::to_string).collect::<Vec<_>>())
            .collect();
        for (role, may_match, cue) in ROLE_CUES.iter() {
            let mut matched = 0;
            for sentence in sentences.iter().filter(|s| cue(s)) {
                assert!(may_match(sentence), "{role:?}: {sentence}");
                matched += 1;
            }
            assert!(matched >= 10, "only {matched} sentences are cued {role:?}");
        }
    }
}
