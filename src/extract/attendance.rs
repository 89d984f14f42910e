//! Who attended an event, in which role, read from the verbs that say so.
//!
//! The people named right before a verb are its subject: `主持` (chair), `出席` / `参加` /
//! `列席` (attendee), `会见` (host; the people named after it are guests), `见证` and
//! `在X的共同见证下` (witness), `代表双方签约` / `在协议上签字` (signer). A list of people is one
//! subject when its items are joined by `、`, `，`, `和`, `与` or `及`. `会议由X主持` names a chair after `由`;
//! `出席会议的还有X、Y` names attendees after the verb.

use std::sync::LazyLock;

use regex::Regex;

use super::people::{self, Mention};
use super::{ArticleInput, Attendance, Evidence, Role};
use crate::diagnostics::Diagnostic;
use crate::lexicon::{self, Class, words};
use crate::segment::Paragraph;
use crate::text::Span;

/// A verb of attending, in a group named after the role it gives; a signer's verb is
/// `代表双方签约` (or `代表…签署`, `在协议上签字`).
static ROLE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = |role: Role| words::alternation_of(|c| c == Class::Attending(role));
    let (chair, attendee, host, witness) =
        (verbs(Role::Chair), verbs(Role::Attendee), verbs(Role::Host), verbs(Role::Witness));
    let in_turn = words::alternation_of(|c| c == Class::InTurn);
    let signing = &*lexicon::SIGNING_VERBS;
    lexicon::regex(&format!(
        r"(?x)
          (?P<chair> {chair} )                                           # 主持
        | (?P<attendee> (?:{in_turn})? (?:{attendee}) )                  # 出席, 先后发言
        | (?P<host> (?:{host}) 了? )                                     # 会见了
        | (?P<witness> {witness} )                                       # 见证
        | (?P<signer> (?:分别)? 代表 (?:双方|[^，。；]{{1,24}}?) (?:在协议上签字|{signing})
                    | 在协议上签字 | 签订了?协议 )                       # 代表双方签约
        "
    ))
});
/// Witnesses named before the signing: `在A、B的共同见证下`.
static WITNESSED_UNDER: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"在(?P<list>[^，。；在]{2,80}?)的(?:共同)?见证下"));
/// After an attendance verb: `出席会议的还有`, `参加活动的有：` — the names follow.
static LIST_FOLLOWS: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"^[^，。；]{0,10}?的[^，。；]{0,8}?(?:还有|有|包括)[：]?"));
/// Characters between a name and its verb that keep the name its subject: times and places
/// (`昨天`, `在沪`), adverbs (`也`, `一同`), a group the names belong to (`等市委常委`,
/// `等12位企业家代表`), and people described but not named after the names
/// (`，区委办有关负责同志`, `，以及企业代表200余人`).
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    let (time, adverb) = (&*lexicon::TIME_WORDS, words::alternation_of(|c| matches!(c, Class::Adverb | Class::InTurn)));
    let conjunction = words::alternation_of(|c| c == Class::Conjunction);
    lexicon::regex(&format!(
        r"(?x)
          ^(?: (?:[，、]|{conjunction}) [^，。；]{{0,30}}?                       # ，区委办有关负责同志
               (?:负责人|负责同志|代表|人员|同志|嘉宾|干部|企业家|专家|学者|师生) [^，。；]{{0,10}}? )?
          (?: {time} | {adverb}                                                  # 昨天, 一同
            | 等[^，。；]{{0,12}}?                                                # 等市委常委
            | 在[^，。；、]{{1,14}}? | 于[^，。；、]{{1,14}}?                      # 在沪
            | (?:来到|前往|深入|到|赴)[^，。；、]{{1,14}}?                        # 到南湖镇
            | \d{{1,2}}\s*月\s*\d{{1,2}}\s*日 | （[^）]{{1,12}}） | \s
          )*$"
    ))
});

/// The attendance of an article's event, and its chair.
pub(super) fn read(input: &ArticleInput, diagnostics: &mut Vec<Diagnostic>) -> (Vec<Attendance>, Option<String>) {
    let mut rows: Vec<Attendance> = Vec::new();
    for (p, paragraph) in input.body() {
        let mentions = input.mentions(paragraph);
        let norm = paragraph.text.norm();
        for caps in ROLE_VERB.captures_iter(norm) {
            let verb = caps.get(0).expect("whole match");
            let role = if caps.name("chair").is_some() {
                Role::Chair
            } else if caps.name("attendee").is_some() {
                Role::Attendee
            } else if caps.name("host").is_some() {
                Role::Host
            } else if caps.name("witness").is_some() {
                Role::Witness
            } else {
                Role::Signer
            };
            let at = paragraph.text.char_at_norm_byte(verb.start());
            let end = paragraph.text.char_at_norm_byte(verb.end());
            let Some(sentence) = paragraph.sentence_at(at) else { continue };
            let mut subjects = subjects_in(input, paragraph, mentions, sentence, at);
            // 会议由X主持
            if subjects.is_empty() && role == Role::Chair {
                subjects = by_agent(mentions, norm, paragraph, at);
            }
            for m in &subjects {
                push(&mut rows, m, role, p);
            }
            let after = &norm[verb.end()..];
            if role == Role::Host {
                for m in objects_after(mentions, paragraph, end, sentence) {
                    push(&mut rows, &m, Role::Guest, p);
                }
            } else if role == Role::Attendee
                && subjects.is_empty()
                && let Some(list) = LIST_FOLLOWS.find(after)
            {
                let from = end + after[..list.end()].chars().count();
                for m in objects_after(mentions, paragraph, from, sentence) {
                    push(&mut rows, &m, Role::Attendee, p);
                }
            }
        }
    }
    // `在A、B、C的共同见证下，…签约`: the people between 在 and 的 witnessed it.
    for (p, paragraph) in input.body() {
        let mentions = input.mentions(paragraph);
        // The pattern opens at any 在: only a paragraph saying 见证下 is searched.
        let norm = paragraph.text.norm();
        if !norm.contains("见证下") {
            continue;
        }
        for caps in WITNESSED_UNDER.captures_iter(norm) {
            let list = paragraph.text.span_of(caps.name("list").expect("named group").range());
            for m in mentions.iter().filter(|m| list.contains(m.span)) {
                push(&mut rows, m, Role::Witness, p);
            }
        }
    }
    for row in rows.iter().filter(|r| r.title.is_none()) {
        diagnostics.push(input.diagnostic(
            "person_without_title",
            row.evidence,
            format!("{} is named as {} without a title anywhere in the article", row.person, row.role.as_str()),
        ));
    }
    let chair = rows.iter().find(|r| r.role == Role::Chair).map(|r| r.person.clone());
    (rows, chair)
}

fn push(rows: &mut Vec<Attendance>, m: &Mention, role: Role, paragraph: usize) {
    if rows.iter().any(|r| r.person == m.name && r.role == role) {
        return;
    }
    rows.push(Attendance {
        person: m.name.clone(),
        title: m.title.clone(),
        role,
        evidence: Evidence { paragraph, span: m.span },
    });
}

/// The people named as the subject of a verb at `verb`: the mentions that end right before
/// it (but for fillers such as 昨天 or 在沪), and the mentions listed before those.
pub(super) fn subjects_before(
    input: &ArticleInput,
    paragraph: &Paragraph,
    sentence: Span,
    verb: usize,
) -> Vec<Mention> {
    let mentions = input.mentions(paragraph);
    subjects_in(input, paragraph, mentions, sentence, verb)
}

fn subjects_in(
    input: &ArticleInput,
    paragraph: &Paragraph,
    mentions: &[Mention],
    sentence: Span,
    verb: usize,
) -> Vec<Mention> {
    let text = &paragraph.text;
    let before: Vec<&Mention> =
        mentions.iter().filter(|m| m.span.start >= sentence.start && m.span.end <= verb).collect();
    let mut subjects: Vec<Mention> = Vec::new();
    let mut boundary = verb;
    for (k, m) in before.iter().enumerate().rev() {
        let between = text.norm_slice(Span::new(m.span.end, boundary));
        let joined = if k + 1 == before.len() { FILLER.is_match(between) } else { is_list_separator(between) };
        if !joined {
            break;
        }
        subjects.push((*m).clone());
        boundary = m.span.start;
    }
    if subjects.is_empty() {
        subjects = bare_names_before(input, paragraph, sentence, verb);
    }
    subjects.reverse();
    subjects
}

fn is_list_separator(between: &str) -> bool {
    let between = between.trim();
    matches!(between, "、" | "，" | "")
        || words::WORDS.iter().any(|&(w, c)| w == between && matches!(c, Class::Conjunction | Class::With))
}

/// Names without a title right before a verb: `龚正、宋志勇见证签约`, where the registry
/// does not know them (it would have found them otherwise).
fn bare_names_before(input: &ArticleInput, paragraph: &Paragraph, sentence: Span, verb: usize) -> Vec<Mention> {
    let chars: Vec<char> = paragraph.text.norm().chars().collect();
    let mut found = Vec::new();
    let mut end = verb;
    // Fillers such as 昨天 may stand between the names and the verb.
    for filler in words::of(|c| matches!(c, Class::Time(_) | Class::Adverb | Class::InTurn)) {
        let f: Vec<char> = filler.chars().collect();
        if end >= f.len() && chars[end - f.len()..end] == f[..] {
            end -= f.len();
            break;
        }
    }
    while end > sentence.start {
        let Some(start) = people::name_ending_at(&chars[..end], end) else { break };
        if start < sentence.start {
            break;
        }
        let span = Span::new(start, end);
        let name = paragraph.text.printed_slice(span).to_string();
        let title = input.people.title_of(&name).map(str::to_string);
        found.push(Mention { name, title, name_span: span, span });
        if start == sentence.start || chars[start - 1] != '、' && !people::is_conjunction(chars[start - 1]) {
            break;
        }
        end = start - 1;
    }
    found
}

/// `由X主持`: the agent of a passive.
fn by_agent(mentions: &[Mention], norm: &str, paragraph: &Paragraph, verb: usize) -> Vec<Mention> {
    mentions
        .iter()
        .filter(|m| m.span.end == verb && m.span.start > 0)
        .filter(|m| {
            let before = paragraph.text.norm_bytes(Span::new(m.span.start - 1, m.span.start));
            &norm[before] == "由"
        })
        .cloned()
        .collect()
}

/// The people listed right after a verb, up to the end of the clause.
fn objects_after(mentions: &[Mention], paragraph: &Paragraph, from: usize, sentence: Span) -> Vec<Mention> {
    let text = &paragraph.text;
    let mut objects: Vec<Mention> = Vec::new();
    let mut boundary = from;
    for m in mentions.iter().filter(|m| m.span.start >= from && m.span.end <= sentence.end) {
        let between = text.norm_slice(Span::new(boundary, m.span.start));
        // `会见了由X率领的代表团`: the guest may follow 了 or 由.
        let joined = if objects.is_empty() {
            matches!(between.trim(), "" | "了" | "由" | "了由")
        } else {
            is_list_separator(between)
        };
        if !joined {
            break;
        }
        boundary = m.span.end;
        objects.push(m.clone());
    }
    objects
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::extract::tests::event_of;

    /// Renders who attended the event of a page, in which role, with which title.
    fn check(page: &str, expect: Expect) {
        let event = event_of(page);
        let rows: Vec<String> = event
            .attendance
            .iter()
            .map(|a| format!("{} {} [{}]", a.role.as_str(), a.person, a.title.as_deref().unwrap_or("-")))
            .collect();
        expect.assert_eq(&rows.join("\n"));
    }

    #[test]
    fn verbs_give_roles() {
        check(
            "本报讯 昨天上午，市政府召开常务会议。市长王建国主持会议，副市长李红、张强出席。\n",
            expect![[r#"
                chair 王建国 [市长]
                attendee 李红 [副市长]
                attendee 张强 [副市长]"#]],
        );
        check(
            "本报讯 昨天下午，市委书记陈明会见了中国民航局局长刘立一行。市委副书记、市长周平参加会见。\n",
            expect![[r#"
                host 陈明 [市委书记]
                guest 刘立 [中国民航局局长]
                attendee 周平 [市委副书记、市长]"#]],
        );
    }

    #[test]
    fn a_time_word_ends_a_name() {
        check(
            "本报讯 昨天，全市安全生产工作会议召开。副市长赵四清晨出席会议。\n",
            expect![[r#"
                attendee 赵四 [副市长]"#]],
        );
    }

    #[test]
    fn a_verb_of_attending_added_to_the_lexicon_is_known_to_every_rule() {
        check(
            "本报讯 昨天上午，全市科技创新大会举行。副市长钱宇莅临会议并讲话。\n",
            expect![[r#"
                attendee 钱宇 [副市长]"#]],
        );
    }

    #[test]
    fn chair_by_agent_and_attendees_listed_after_the_verb() {
        check(
            "本报讯 昨天，区政府常务会议召开。会议由区长方琳主持。出席会议的还有副区长谢宏、孙立。\n",
            expect![[r#"
                chair 方琳 [区长]
                attendee 谢宏 [副区长]
                attendee 孙立 [副区长]"#]],
        );
    }

    #[test]
    fn signers_and_witnesses() {
        check(
            "本报讯 昨天上午，市政府与星河电子集团签署战略合作协议。市委书记陈明见证签约。副市长李红与星河电子集团总裁白岩代表双方签约。\n",
            expect![[r#"
                witness 陈明 [市委书记]
                signer 李红 [副市长]
                signer 白岩 [星河电子集团总裁]"#]],
        );
    }
}
