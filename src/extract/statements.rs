//! What leaders (and the meeting itself) said: `陈吉宁指出，…`, `会议强调，…`.
//!
//! A statement opens a sentence with its speaker — a person the article names, or 会议 —
//! and a verb of saying; its text runs to the end of the paragraph, since the remarks that
//! follow in the paragraph are the same speaker's.

use std::sync::LazyLock;

use regex::Regex;

use super::{ArticleInput, Evidence, Speaker, Statement};
use crate::lexicon::{self, Class, words};
use crate::text::Span;

/// Verbs of saying, which open what a speaker said.
static SAYING: LazyLock<Vec<&'static str>> = LazyLock::new(|| words::of(|c| matches!(c, Class::Saying { .. })));

static SAID: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"(?x)
          ^(?:[^，。；]{{0,4}}?)
          (?:[^，。；]{{1,80}}?并)?                                   # 听取汇报并
          (?: 在讲话中 | 在会上 | 在座谈中 | 在致辞中 | 在总结讲话时
            | 就[^，。；]{{1,30}}? | 对[^，。；]{{1,20}}?                # 就…, 对…
            | 认真听取[^，。；]{{1,30}}?后 | 听取[^，。；]{{1,30}}?后
          )?
          (?P<verb>{})[，：]                                           # 指出，
        ",
        lexicon::alternation(SAYING.iter().copied())
    ))
});

/// Whether a text holds a verb of saying right before `，` or `：`, as [`SAID`] needs: a
/// cheap test that rules out most sentences before the pattern is tried.
fn may_say(text: &str) -> bool {
    text.match_indices(['，', '：']).any(|(at, _)| SAYING.iter().any(|verb| text[..at].ends_with(verb)))
}

pub(super) fn read(input: &ArticleInput) -> Vec<Statement> {
    let mut statements = Vec::new();
    for (p, paragraph) in input.body() {
        let text = &paragraph.text;
        let mentions = input.mentions(paragraph);
        for &sentence in &paragraph.sentences {
            let norm = text.norm_slice(sentence);
            let (speaker, rest) = if let Some(rest) = norm.strip_prefix("会议") {
                (Speaker::Meeting, rest)
            } else if let Some(m) = mentions.iter().find(|m| m.span.start == sentence.start) {
                let consumed = text.norm_bytes(Span::new(sentence.start, m.span.end)).len();
                (Speaker::Person(m.name.clone()), &norm[consumed..])
            } else {
                continue;
            };
            if !may_say(rest) {
                continue;
            }
            let Some(c) = SAID.captures(rest) else { continue };
            let whole = c.get(0).expect("whole match");
            let offset = text.norm_bytes(sentence).start + (norm.len() - rest.len());
            let from = text.char_at_norm_byte(offset + whole.end());
            let span = text.trim(Span::new(from, text.len()));
            if span.is_empty() {
                continue;
            }
            statements.push(Statement {
                speaker,
                verb: c["verb"].to_string(),
                text: text.printed_slice(span).to_string(),
                evidence: Evidence { paragraph: p, span: Span::new(sentence.start, span.end) },
            });
            // The rest of the paragraph is this statement's.
            break;
        }
    }
    statements
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tests::event_of;
    use crate::test_pages::{CORPUS, SAMPLE, normalized};
    use expect_test::{Expect, expect};

    /// Renders the statements of a page's event: speaker, verb, text.
    fn check(page: &str, expect: Expect) {
        let event = event_of(page);
        let rows: Vec<String> =
            event.statements.iter().map(|s| format!("{} {}: {}", s.speaker.as_str(), s.verb, s.text)).collect();
        expect.assert_eq(&rows.join("\n"));
    }

    #[test]
    fn every_verb_of_saying_opens_a_statement() {
        check(
            "本报讯 昨天，市政府召开防汛工作会议。市长李文华提醒，要盯紧重点部位。\n",
            expect![[r#"
                李文华 提醒: 要盯紧重点部位。"#]],
        );
        check(
            "本报讯 昨天，市委召开常委会会议。会议强调，要抓好落实。\n市委书记陈明指出，要保持定力。\n",
            expect![[r#"
                会议 强调: 要抓好落实。
                陈明 指出: 要保持定力。"#]],
        );
        check(
            "本报讯 昨天，区政府召开专题会议。区长方琳在讲话中要求，各部门要压实责任。\n",
            expect![[r#"
                方琳 要求: 各部门要压实责任。"#]],
        );
    }

    #[test]
    fn every_opening_of_a_statement_passes_the_cheap_test() {
        let pages: Vec<String> = normalized(&[SAMPLE, CORPUS]);
        // Every clause start, as a statement's text after its speaker may begin anywhere.
        let mut said = 0;
        for page in &pages {
            for (at, _) in page.char_indices().filter(|&(at, _)| at == 0 || page[..at].ends_with(['，', '。', '\n']))
            {
                let rest = &page[at..page[at..].find('。').map_or(page.len(), |end| at + end)];
                if SAID.is_match(rest) {
                    assert!(may_say(rest), "{rest}");
                    said += 1;
                }
            }
        }
        assert!(said > 100, "only {said} openings of a statement");
    }
}
