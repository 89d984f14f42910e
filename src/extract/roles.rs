//! The role of each sentence a fact was read from, settled after extraction.
//!
//! classify gives every sentence a role from cue words; here the sentences extraction read a
//! fact from take the role of that fact (a shortfall's items, a document approved, an
//! achievement, a person attending, a statement), whatever their cues said, so the roles
//! stored and the rows stored cannot disagree.

use super::{Evidence, Extraction};
use crate::classify::{Classified, SentenceRole};
use crate::text::Span;

/// Settles the roles of the sentences extraction read facts from: a sentence has the role of
/// the facts stored from it (a shortfall's items, a document approved, an achievement, a
/// person attending, a statement), whatever its cues said, so the roles and the rows stored
/// cannot disagree. The cues keep the roles of the sentences nothing was read from.
pub fn settle_roles(page: &mut Classified, extraction: &Extraction) {
    for (labels, facts) in page.articles.iter_mut().zip(&extraction.articles) {
        let Some(event) = &facts.event else { continue };
        // The facts in the order of their roles, the most specific first.
        let evidence: Vec<(SentenceRole, Evidence)> = event
            .unit_reports
            .iter()
            .flat_map(|r| r.shortfalls.iter().map(|s| (SentenceRole::Shortfall, s.evidence)))
            .chain(event.documents.iter().map(|d| (SentenceRole::DocumentApproval, d.evidence)))
            .chain(
                event
                    .unit_reports
                    .iter()
                    .flat_map(|r| r.achievements.iter().map(|a| (SentenceRole::UnitReport, a.evidence))),
            )
            .chain(event.attendance.iter().map(|a| (SentenceRole::Attendance, a.evidence)))
            .chain(event.statements.iter().map(|s| (SentenceRole::Directive, s.evidence)))
            .collect();
        let mut settled: Vec<(usize, Span)> = Vec::new();
        for (role, evidence) in evidence {
            let Some(paragraph) = labels.paragraphs.get_mut(evidence.paragraph) else { continue };
            let Some(sentence) = paragraph.sentence_at_mut(evidence.span.start) else { continue };
            if settled.contains(&(evidence.paragraph, sentence.span)) {
                continue;
            }
            settled.push((evidence.paragraph, sentence.span));
            sentence.role = role;
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::classify::classify;
    use crate::segment::Tokenizer;
    use crate::test_pages::{CORPUS, SAMPLE, texts};
    use crate::{dewrap, extract, segment};

    /// A page through every stage, its roles settled by what was read from it.
    fn classified(page: &str) -> (Classified, Extraction) {
        let (dewrapped, _) = dewrap::dewrap(page);
        let (segmented, _) = segment::segment(&dewrapped, &Tokenizer::new());
        let (mut classified, _) = classify(segmented);
        let (extraction, _) = extract::extract(&classified, chrono::NaiveDate::from_ymd_opt(2024, 4, 2));
        settle_roles(&mut classified, &extraction);
        (classified, extraction)
    }

    /// Renders each article's kind and each sentence's role.
    fn check(page: &str, expect: Expect) {
        let (classified, _) = classified(page);
        let mut lines = Vec::new();
        for (article, labels) in classified.page.articles.iter().zip(&classified.articles) {
            lines.push(labels.kind.as_str().to_string());
            for (p, labelled) in article.paragraphs.iter().zip(&labels.paragraphs) {
                for s in &labelled.sentences {
                    lines.push(format!("  {}: {}", s.role.as_str(), p.text.printed_slice(s.span)));
                }
            }
        }
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn a_sentence_whose_shortfalls_are_stored_is_a_shortfall() {
        check(
            "本报讯 昨天，全市经济运行分析会召开。会上，东城区、西城区先后发言。\n\
             东城区税收增速全市第一，基层治理依然存在薄弱环节。\n\
             西城区新增企业120家。\n",
            expect![[r#"
                meeting
                  other: 昨天，全市经济运行分析会召开。
                  attendance: 会上，东城区、西城区先后发言。
                  shortfall: 东城区税收增速全市第一，基层治理依然存在薄弱环节。
                  unit_report: 西城区新增企业120家。"#]],
        );
    }

    #[test]
    fn kinds_and_cued_roles() {
        check(
            "本报讯 昨天，市政府与星河电子集团签署战略合作协议。根据协议，双方将共建研发中心。\n",
            expect![[r#"
                signing
                  other: 昨天，市政府与星河电子集团签署战略合作协议。
                  agreement_terms: 根据协议，双方将共建研发中心。"#]],
        );
        check(
            "本报讯 昨天，市政府召开常务会议。会议原则同意《全市数字经济发展行动方案》。会议强调，要抓好落实。\n",
            expect![[r#"
                meeting
                  other: 昨天，市政府召开常务会议。
                  document_approval: 会议原则同意《全市数字经济发展行动方案》。
                  directive: 会议强调，要抓好落实。"#]],
        );
    }

    #[test]
    fn on_every_page_the_sentences_of_stored_facts_have_their_roles() {
        let mut shortfalls = 0;
        for page in texts(&[SAMPLE, CORPUS]) {
            let (classified, extraction) = classified(&page);
            for (labels, facts) in classified.articles.iter().zip(&extraction.articles) {
                let Some(event) = &facts.event else { continue };
                for s in event.unit_reports.iter().flat_map(|r| &r.shortfalls) {
                    let paragraph = &labels.paragraphs[s.evidence.paragraph];
                    let sentence =
                        paragraph.sentences.iter().find(|x| x.span.contains(s.evidence.span)).expect("a sentence");
                    assert_eq!(sentence.role, SentenceRole::Shortfall, "{}", s.text);
                    shortfalls += 1;
                }
            }
        }
        assert!(shortfalls >= 100, "only {shortfalls} shortfalls");
    }
}
