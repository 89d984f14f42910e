//! Documents a meeting approved: `会议原则同意《…》`, `审议通过《…》《…》`.
//!
//! Each title in 《》 after an approving verb is one document — an agent may stand between
//! them (`原则同意区发改局提出的《…》`), and the list goes on past items without a title
//! (`《A》、关于…的请示、《B》`); a decision closing the sentence (`…等四项议题，并原则通过`)
//! applies to every title in it. The decision is the verb as printed; the years it covers
//! come from its title (`（2024—2026年）`, `2024年`).

use std::sync::LazyLock;

use regex::Regex;

use super::{ApprovedDocument, ArticleInput, Evidence};
use crate::lexicon::{self, Class, words};

static APPROVED: LazyLock<Regex> = LazyLock::new(|| {
    let approving = words::alternation_of(|c| c == Class::Approving);
    lexicon::regex(&format!(
        r"(?x)
          (?P<decision>{approving}) 了?                                  # 审议通过了
          (?: [^，。；《》]{{1,24}}? (?:提出|提交|起草|报送|拟定|制定)的 )?   # 区发改局提出的
          《[^》]{{1,120}}》                                              # 《A》
        "
    ))
});
/// The next title of a list: `、《B》`, `和《B》`, `《B》`.
static NEXT_TITLE: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"^(?:[、和及与，]|以及)?《[^》]{1,120}》"));
/// An item of the list without a title in 《》 (`、关于…的请示`), the list going on after it.
static PLAIN_ITEM: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"^、[^，。；、《》]{1,60}"));
/// A decision after the list it applies to: `…等四项议题，并原则通过`.
static DECIDED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?:等[一二三四五六七八九十两\d]+项议题)?[，,]?并(?P<decision>原则通过|原则同意|审议通过|通过|同意)[。；]?$",
    )
});
static TITLE: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"《(?P<title>[^》]{1,120})》"));
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?P<from>(?:19|20)\d{2})\s*年?\s*[-—–－~～至到]+\s*(?P<to>(?:19|20)\d{2})\s*年|(?P<single>(?:19|20)\d{2})\s*年",
    )
});

pub(super) fn read(input: &ArticleInput) -> Vec<ApprovedDocument> {
    let mut documents: Vec<ApprovedDocument> = Vec::new();
    for (p, paragraph) in input.body() {
        let text = &paragraph.text;
        // The verbs are common words; only a paragraph with a title in 《》 is searched.
        if !text.norm().contains('《') {
            continue;
        }
        let norm = text.norm();
        let mut found: Vec<(std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
        for c in APPROVED.captures_iter(norm) {
            let decision = c.name("decision").expect("named group").range();
            // the list goes on after the first title: more titles, and items without one
            let mut end = c.get(0).expect("whole match").end();
            let mut list_end = end;
            loop {
                let rest = &norm[end..];
                if let Some(m) = NEXT_TITLE.find(rest) {
                    end += m.end();
                    list_end = end;
                } else if let Some(m) = PLAIN_ITEM.find(rest).filter(|m| rest[m.end()..].starts_with('、')) {
                    end += m.end();
                } else {
                    break;
                }
            }
            found.push((decision.clone(), decision.end..list_end));
        }
        // `讨论了《A》…等四项议题，并原则通过`: the decision closes the sentence and applies to
        // every title in it.
        for &sentence in &paragraph.sentences {
            let range = text.norm_bytes(sentence);
            let Some(c) = DECIDED_AFTER.captures(&norm[range.clone()]) else { continue };
            let decision = c.name("decision").expect("named group").range();
            let decision = range.start + decision.start..range.start + decision.end;
            if !found.iter().any(|(_, titles)| range.contains(&titles.start)) {
                found.push((decision, range.start..range.start + c.get(0).expect("whole match").start()));
            }
        }
        for (decision, titles) in found {
            let decision = text.printed_slice(text.span_of(decision)).to_string();
            for t in TITLE.captures_iter(&norm[titles.clone()]) {
                let inner = t.name("title").expect("named group");
                let range = titles.start + inner.start()..titles.start + inner.end();
                let span = text.span_of(range.clone());
                let title = text.printed_slice(span).to_string();
                if documents.iter().any(|d| d.title == title) {
                    continue;
                }
                let (start, end) = years(inner.as_str());
                documents.push(ApprovedDocument {
                    title,
                    decision: decision.clone(),
                    period_start_year: start,
                    period_end_year: end,
                    evidence: Evidence { paragraph: p, span },
                });
            }
        }
    }
    documents
}

/// The years a title covers.
fn years(title: &str) -> (Option<i32>, Option<i32>) {
    let Some(c) = YEARS.captures(title) else { return (None, None) };
    let year = |name: &str| c.name(name).and_then(|m| m.as_str().parse().ok());
    match year("single") {
        Some(y) => (Some(y), Some(y)),
        None => (year("from"), year("to")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tests::event_of;
    use expect_test::{Expect, expect};

    /// Renders the documents a page's meeting approved: decision, title, years.
    fn check(page: &str, expect: Expect) {
        let event = event_of(page);
        let rows: Vec<String> = event
            .documents
            .iter()
            .map(|d| {
                let years = |y: Option<i32>| y.map_or("-".to_string(), |y| y.to_string());
                format!("{} 《{}》 {}–{}", d.decision, d.title, years(d.period_start_year), years(d.period_end_year))
            })
            .collect();
        expect.assert_eq(&rows.join("\n"));
    }

    #[test]
    fn approved_documents() {
        check(
            "本报讯 昨天，市政府召开常务会议。会议原则同意《全市数字经济发展三年行动方案（2024—2026年）》。\n",
            expect![["原则同意 《全市数字经济发展三年行动方案（2024—2026年）》 2024–2026"]],
        );
        check(
            "本报讯 昨天，市政府召开常务会议。会议审议通过了《2024年政府工作报告》和《关于加强安全生产的意见》。\n",
            expect![[r#"
                审议通过 《2024年政府工作报告》 2024–2024
                审议通过 《关于加强安全生产的意见》 -–-"#]],
        );
    }

    #[test]
    fn years_from_titles() {
        assert_eq!(years("上海市深化公共资源“一网交易”改革三年行动方案（2024—2026年）"), (Some(2024), Some(2026)));
        assert_eq!(years("2024年政府工作报告"), (Some(2024), Some(2024)));
        assert_eq!(years("上海市进一步提升支付便利性行动方案"), (None, None));
    }
}
