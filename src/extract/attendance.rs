//! Who attended an event, in which role, read from the verbs that say so.
//!
//! The people named right before a verb are its subject: `主持` (chair), `出席` / `参加` /
//! `列席` (attendee), `会见` (host; the people named after it are guests), `见证` and
//! `在X的共同见证下` (witness), `代表双方签约` / `在协议上签字` (signer). A list of people is one
//! subject when its items are joined by `、`, `，`, `和`, `与` or `及`. `会议由X主持` names a chair after `由`;
//! `出席会议的还有X、Y` names attendees after the verb. When the body names no chair, a
//! headline may (`…点评会 X主持并点评`), for a name the body prints with a title.
//!
//! Around a reception: `会见时在座`, `参加会见` and `陪同会见` name attendees, not hosts; `会谈`
//! (talks between equals) names no host; `拜会` / `拜访` make the subject the guest and the
//! person called on the host; a visiting party named without titles before `一行` are guests.
//! A `见证` after `并` or `和` shares the people of the clause before it (`会见…一行，并共同见证`,
//! `会谈并见证`, `出席并见证`).

use std::sync::LazyLock;

use regex::Regex;

use super::people::{self, Mention};
use super::{ArticleInput, Attendance, Evidence, Role};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::lexicon::{self, Class, words};
use crate::segment::Paragraph;
use crate::text::Span;

/// A verb of attending, in a group named after the role it gives; a signer's verb is
/// `代表双方签约` (or `代表…签署`, `在协议上签字`).
static ROLE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = |role: Role| words::alternation_of(|c| c == Class::Attending(role));
    let (chair, attendee, host, witness, visit) =
        (verbs(Role::Chair), verbs(Role::Attendee), verbs(Role::Host), verbs(Role::Witness), verbs(Role::Guest));
    let in_turn = words::alternation_of(|c| c == Class::InTurn);
    let signing = &*lexicon::SIGNING_VERBS;
    lexicon::regex(&format!(
        r"(?x)
          (?P<chair> {chair} )                                           # 主持
        | (?P<attendee> (?:{in_turn})? (?:{attendee}) )                  # 出席, 先后发言
        | (?P<host> (?:{host}) 了? )                                     # 会见了
        | (?P<witness> {witness} )                                       # 见证
        | (?P<visit> (?:{visit}) 了? )                                   # 拜会: the guest's verb
        | (?P<signer> (?:分别)? 代表 (?:双方|[^，。；]{{1,24}}?) (?:在协议上签字|{signing})
                    | 在协议上签字 | 签订了?协议 )                       # 代表双方签约
        "
    ))
});
/// Witnesses named before the signing: `在A、B的共同见证下`.
static WITNESSED_UNDER: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"在(?P<list>[^。；在]{2,120}?)的(?:共同)?见证下"));
/// Between `会见` and a titled guest: the guest's post at another organization, ending with a
/// title word and a comma (`了甲集团党组成员、副总经理，`).
static POSTS_BEFORE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(r"^了?(?P<posts>[^，。；]{{2,40}}?(?:{})，)$", lexicon::TITLE_WORD_RE.as_str()))
});
/// In a headline, a chair's verb, after the name that may stand before it:
/// `…点评会 X主持并点评` (headlines often lose the space).
static CHAIR_IN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let chair = words::alternation_of(|c| c == Class::Attending(Role::Chair));
    lexicon::regex(&format!(r"(?P<before>[^\s，、：；。]{{2,4}})(?:{chair})"))
});
/// After `会见`: `会见时在座` says who was present at a reception, not who received.
static AT_RECEPTION: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"^时(?:在座|在场|参加)"));
/// Before a verb: `并`, `和` after a clause, with adverbs (`，并共同`): the verb shares the
/// clause's people.
static AND_THEN: LazyLock<Regex> = LazyLock::new(|| {
    let adverb = words::alternation_of(|c| c == Class::Adverb);
    lexicon::regex(&format!(r"(?:并|和)(?:{adverb})?$"))
});
/// After an attendance verb: `出席会议的还有`, `参加活动的有：`, `参加会见的还有，` — the
/// names follow.
static LIST_FOLLOWS: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"^[^，。；]{0,10}?的[^，。；]{0,8}?(?:还有|有|包括)\s*[：，]?"));
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
               (?:负责人|负责同志|代表|人员|同志|嘉宾|干部|企业家|专家|学者|师生|常委|成员|领导) [^，。；]{{0,10}}? )?
          (?: {time} | {adverb}                                                  # 昨天, 一同
            | 等[^，。；]{{0,30}}?                                                # 等市委常委
            | 一行
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
        // The people of the last verb of the sentence that named any: `…会见乙一行，并共同见证`
        // and `甲与乙会谈并见证` give them to the 见证 after 并.
        let mut clause: Option<(Span, Vec<Mention>)> = None;
        for caps in ROLE_VERB.captures_iter(norm) {
            let verb = caps.get(0).expect("whole match");
            let mut role = if caps.name("chair").is_some() {
                Role::Chair
            } else if caps.name("attendee").is_some() {
                Role::Attendee
            } else if caps.name("host").is_some() {
                Role::Host
            } else if caps.name("witness").is_some() {
                Role::Witness
            } else if caps.name("visit").is_some() {
                Role::Guest
            } else {
                Role::Signer
            };
            let at = paragraph.text.char_at_norm_byte(verb.start());
            let end = paragraph.text.char_at_norm_byte(verb.end());
            let Some(sentence) = paragraph.sentence_at(at) else { continue };
            let before = &norm[..verb.start()];
            let after = &norm[verb.end()..];
            let mut talks = false;
            let mut subject_at = at;
            if role == Role::Host {
                if before.ends_with("参加") {
                    // 参加会见: the attendee's verb has been read
                    continue;
                }
                // 会见时在座, 陪同会见: present at the reception, not receiving
                if before.ends_with("陪同") {
                    role = Role::Attendee;
                    subject_at = at - 2;
                } else if AT_RECEPTION.is_match(after) {
                    role = Role::Attendee;
                }
                // 会谈: talks between equals name no host
                talks = verb.as_str().starts_with("会谈");
            }
            let mut subjects = subjects_in(input, paragraph, mentions, sentence, subject_at);
            // 会议由X主持
            if subjects.is_empty() && role == Role::Chair {
                subjects = by_agent(mentions, norm, paragraph, at);
            }
            // …并见证: the people of the clause before
            if subjects.is_empty()
                && role == Role::Witness
                && AND_THEN.is_match(before)
                && let Some((_, people)) = clause.as_ref().filter(|(s, _)| *s == sentence)
            {
                subjects = people.clone();
            }
            if !talks {
                for m in &subjects {
                    push(&mut rows, m, role, p);
                }
            }
            let mut people = subjects.clone();
            if role == Role::Host && !talks {
                let mut guests = objects_after(mentions, paragraph, end, sentence);
                if guests.is_empty() {
                    guests = party_before_yixing(input, paragraph, end, sentence);
                }
                for m in guests {
                    push(&mut rows, &m, Role::Guest, p);
                    people.push(m);
                }
            } else if role == Role::Guest {
                // 拜会: the person visited received the guest
                for m in objects_after(mentions, paragraph, end, sentence) {
                    push(&mut rows, &m, Role::Host, p);
                    people.push(m);
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
            if !people.is_empty() {
                clause = Some((sentence, people));
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
            DiagnosticKind::PersonWithoutTitle,
            row.evidence,
            format!("{} is named as {} without a title anywhere in the article", row.person, row.role.as_str()),
        ));
    }
    if !rows.iter().any(|r| r.role == Role::Chair) {
        chair_in_heading(input, &mut rows, diagnostics);
    }
    let chair = rows.iter().find(|r| r.role == Role::Chair).map(|r| r.person.clone());
    (rows, chair)
}

/// `…会 X主持`: when the body names no chair, a headline may, by a name alone before the
/// chair's verb. The name must be one the body prints with a title (the row's evidence is that
/// mention); a name the body never titles is reported, not guessed a person.
fn chair_in_heading(input: &ArticleInput, rows: &mut Vec<Attendance>, diagnostics: &mut Vec<Diagnostic>) {
    let article = input.article;
    let headings = [&article.kicker, &article.headline, &article.subtitle];
    for heading in headings.into_iter().flatten() {
        let norm = crate::text::normalize(&heading.text);
        for caps in CHAIR_IN_HEADING.captures_iter(&norm) {
            // the longest name the body knows that ends right before the verb
            let before: Vec<char> = caps["before"].chars().collect();
            let known = (2..=before.len())
                .rev()
                .map(|n| before[before.len() - n..].iter().collect::<String>())
                .find(|name| input.people.title_of(name).is_some());
            let Some(name) = known else {
                if let Some((p, lead)) = input.body().next() {
                    let evidence = Evidence { paragraph: p, span: lead.text.full() };
                    diagnostics.push(input.diagnostic(
                        DiagnosticKind::ChairInHeadlineUnknown,
                        evidence,
                        format!(
                            "the headline says {} chaired, a name the body never prints with a title; no chair is set",
                            &caps["before"]
                        ),
                    ));
                }
                continue;
            };
            let body_mention = input.body().find_map(|(p, paragraph)| {
                input
                    .mentions(paragraph)
                    .iter()
                    .find(|m| crate::text::normalize(&m.name) == name && m.title.is_some())
                    .map(|m| (p, m.clone()))
            });
            if let Some((p, m)) = body_mention {
                push(rows, &m, Role::Chair, p);
                return;
            }
        }
    }
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
    // `，以及`: a comma may stand before the conjunction
    let after_comma = between.strip_prefix('，').map(str::trim);
    matches!(between, "、" | "，" | "")
        || after_comma.is_some_and(|w| words::WORDS.iter().any(|&(c, k)| c == w && k == Class::Conjunction))
        || words::WORDS.iter().any(|&(w, c)| w == between && matches!(c, Class::Conjunction | Class::With))
}

/// Names without a title right before a verb: `龚正、宋志勇见证签约`, where the registry
/// does not know them (it would have found them otherwise).
fn bare_names_before(input: &ArticleInput, paragraph: &Paragraph, sentence: Span, verb: usize) -> Vec<Mention> {
    let chars: Vec<char> = paragraph.text.norm().chars().collect();
    let mut found = Vec::new();
    // The name printed before its title: `甲一区长主持召开`.
    let lookback: String = chars[verb.saturating_sub(8).max(sentence.start)..verb].iter().collect();
    if let Some(word) = lexicon::TITLE_WORD_RE.find_iter(&lookback).last().filter(|m| m.end() == lookback.len()) {
        let title_at = verb - lookback[word.start()..].chars().count();
        // not the first characters of a title (`总书记`, `副书记`)
        let name_end = people::name_ending_at(&chars[..title_at], title_at)
            .filter(|&s| s >= sentence.start && !matches!(chars[title_at - 1], '总' | '副' | '常' | '务' | '党' | '委'))
            // `…、单位负责人参加`: a unit's head, not a name
            .filter(|&s| word.as_str() != "负责人" && (s == 0 || chars[s - 1] != '、'));
        if let Some(start) = name_end {
            let name_span = Span::new(start, title_at);
            let name = paragraph.text.printed_slice(name_span).to_string();
            let title = Some(paragraph.text.printed_slice(Span::new(title_at, verb)).to_string());
            return vec![Mention { name, title, name_span, span: Span::new(start, verb) }];
        }
    }
    // Fillers such as 昨天 or `等市级领导` may stand between the names and the verb: the
    // nearest name before a filler.
    let lowest = verb.saturating_sub(40).max(sentence.start);
    let Some(mut end) = (lowest..=verb).rev().find(|&e| {
        let filler = paragraph.text.norm_slice(Span::new(e, verb));
        people::name_ending_at(&chars[..e], e).is_some()
            && lexicon::TITLE_WORD_RE.find(filler).is_none_or(|m| m.start() > 0)
            // `甲地、乙地等地负责同志`: a list goes on after 、, and its items are no names
            && !filler.starts_with(['、', '，'])
            && FILLER.is_match(filler)
    }) else {
        return Vec::new();
    };
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

/// The visiting party named without titles: `会见了来访的台湾客人甲、乙、丙一行` — names joined
/// by `、` before `一行`, the first after nothing or after a word for visitors (`客人`,
/// `嘉宾`), which is then their title.
fn party_before_yixing(input: &ArticleInput, paragraph: &Paragraph, from: usize, sentence: Span) -> Vec<Mention> {
    let chars: Vec<char> = paragraph.text.norm().chars().collect();
    let clause_end = (from..sentence.end).find(|&k| matches!(chars[k], '，' | '。' | '；')).unwrap_or(sentence.end);
    let stretch: String = chars[from..clause_end].iter().collect();
    let Some(party) = stretch.find("一行") else { return Vec::new() };
    let list_end = from + stretch[..party].chars().count();
    let start = from + usize::from(chars.get(from) == Some(&'了'));
    // the items, split at 、
    let mut items: Vec<Span> = Vec::new();
    let mut item_start = start;
    for (k, &c) in chars.iter().enumerate().take(list_end).skip(start) {
        if c == '、' {
            items.push(Span::new(item_start, k));
            item_start = k + 1;
        }
    }
    items.push(Span::new(item_start.min(list_end), list_end));
    let Some(first) = items.first().copied() else { return Vec::new() };
    // the first item: a word for visitors, then a name
    let (mut descriptor, mut first_name) = (None, None);
    for len in [3, 2] {
        if first.len() < len || !people::is_name(&chars[first.end - len..first.end]) {
            continue;
        }
        let before: String = chars[first.start..first.end - len].iter().collect();
        let word = before.rsplit('的').next().unwrap_or("");
        if before.is_empty() || VISITORS.is_match(word) {
            let word_start = first.end - len - word.chars().count();
            descriptor = (!word.is_empty())
                .then(|| paragraph.text.printed_slice(Span::new(word_start, first.end - len)).to_string());
            first_name = Some(Span::new(first.end - len, first.end));
            break;
        }
    }
    let Some(first_name) = first_name else { return Vec::new() };
    let mut names = vec![first_name];
    for item in &items[1..] {
        if !people::is_name(&chars[item.start..item.end]) {
            return Vec::new();
        }
        names.push(*item);
    }
    names
        .into_iter()
        .map(|span| {
            let name = paragraph.text.printed_slice(span).to_string();
            let title = descriptor.clone().or_else(|| input.people.title_of(&name).map(str::to_string));
            Mention { name, title, name_span: span, span }
        })
        .collect()
}

/// The words a visiting party is described by before its names.
static VISITORS: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"(?:客人|嘉宾|客商|友人|朋友|侨胞|乡亲|企业家|专家|学者)$"));

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
        let mut m = m.clone();
        let joined = if objects.is_empty() {
            let first = matches!(between.trim(), "" | "了" | "由" | "了由");
            // `会见了甲集团副总经理，乙公司董事长某某`: two posts before one name, the comma
            // between them part of the title
            let posts = (!first).then(|| POSTS_BEFORE_NAME.captures(between)).flatten();
            if let (Some(posts), Some(title)) = (posts.and_then(|c| c.name("posts")), m.title.as_ref()) {
                let start = boundary + between[..posts.start()].chars().count();
                m.title = Some(format!("{}{title}", text.printed_slice(Span::new(start, m.span.start))));
                m.span = Span::new(start, m.span.end);
                true
            } else {
                first
            }
        } else {
            is_list_separator(between)
        };
        if !joined {
            break;
        }
        boundary = m.span.end;
        objects.push(m);
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
    fn a_list_after_a_comma_and_a_title_shared_down_the_list() {
        check(
            "本报讯 昨天，集团董事长罗川会见了县长章平一行。一同参加会见的还有，副县长谢宏、县发展改革局局长孙立，以及集团总裁魏东、总裁助理高远、吕青。\n",
            expect![[r#"
                host 罗川 [集团董事长]
                guest 章平 [县长]
                attendee 谢宏 [副县长]
                attendee 孙立 [县发展改革局局长]
                attendee 魏东 [集团总裁]
                attendee 高远 [总裁助理]
                attendee 吕青 [总裁助理]"#]],
        );
    }

    #[test]
    fn a_chair_named_only_in_the_headline() {
        check(
            "市委召开月度工作点评会 方琳主持并点评\n\n本报讯 昨天，市委召开月度工作点评会。三个区的区委书记依次发言，并接受市委书记方琳现场点评。市委副书记、市长谢宏出席。\n",
            expect![[r#"
                attendee 谢宏 [市委副书记、市长]
                chair 方琳 [市委书记]"#]],
        );
        // a name the body never prints with a title is no chair
        check(
            "市委召开月度工作点评会 方琳主持并点评\n\n本报讯 昨天，市委召开月度工作点评会。三个区的区委书记依次发言。市委副书记、市长谢宏出席。\n",
            expect!["attendee 谢宏 [市委副书记、市长]"],
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

#[cfg(test)]
/// Rolls, receptions, talks and witnesses, read from whole pages by the extractor.
mod roll_tests {
    use chrono::NaiveDate;
    use expect_test::{Expect, expect};

    use super::super::extract;
    use crate::segment::Tokenizer;
    use crate::{classify, dewrap, segment};

    /// The attendance of the first event of a page, one `person [title] role` a line.
    fn check(page: &str, expect: Expect) {
        let (dewrapped, _) = dewrap::dewrap(page);
        let (segmented, _) = segment::segment(&dewrapped, &Tokenizer::new());
        let (classified, _) = classify::classify(segmented);
        let (extraction, _) = extract(&classified, NaiveDate::from_ymd_opt(2024, 5, 10));
        let event = extraction.articles.into_iter().find_map(|a| a.event).expect("an event");
        let shown: Vec<String> = event
            .attendance
            .iter()
            .map(|a| format!("{} [{}] {}", a.person, a.title.as_deref().unwrap_or("-"), a.role.as_str()))
            .collect();
        expect.assert_eq(&shown.join("\n"));
    }

    #[test]
    fn people_present_at_a_reception_are_attendees() {
        check(
            "本报讯 昨天上午，市委书记林海会见了远航集团董事长章立一行。副市长丁凯、市政府秘书长白岩会见时在座。\n",
            expect![[r#"
                林海 [市委书记] host
                章立 [远航集团董事长] guest
                丁凯 [副市长] attendee
                白岩 [市政府秘书长] attendee"#]],
        );
        check(
            "本报讯 昨天上午，市委书记林海会见了远航集团董事长章立一行。副市长丁凯陪同会见。\n",
            expect![[r#"
                林海 [市委书记] host
                章立 [远航集团董事长] guest
                丁凯 [副市长] attendee"#]],
        );
    }

    #[test]
    fn a_witness_after_and_shares_the_people_of_the_clause() {
        check(
            "本报讯 昨天上午，市委书记林海会见了远航集团董事长章立一行，并共同见证合作协议签署。\n",
            expect![[r#"
                林海 [市委书记] host
                章立 [远航集团董事长] guest
                林海 [市委书记] witness
                章立 [远航集团董事长] witness"#]],
        );
        // talks between equals name no host
        check(
            "本报讯 昨天上午，远航集团董事长章立与星河公司总经理白岩会谈并见证签约。\n",
            expect![[r#"
                章立 [远航集团董事长] witness
                白岩 [星河公司总经理] witness"#]],
        );
        check(
            "本报讯 昨天上午，两市签署友好合作协议。海港市议会主席白岩出席并见证签约。\n",
            expect![[r#"
                白岩 [海港市议会主席] attendee
                白岩 [海港市议会主席] witness"#]],
        );
    }

    #[test]
    fn rolls_closed_by_a_collective_or_a_visiting_party() {
        check(
            "本报讯 昨天上午，区委常委会召开会议。区委副书记、代区长方远及区委各常委参加会议。\n",
            expect![[r#"
                方远 [区委副书记、代区长] attendee"#]],
        );
        check(
            "本报讯 昨天上午，签约仪式举行。县领导甄一、吴江以及远航建设集团第二工程有限公司董事长章立一行出席签约仪式。\n",
            expect![[r#"
                甄一 [县领导] attendee
                吴江 [县领导] attendee
                章立 [远航建设集团第二工程有限公司董事长] attendee"#]],
        );
        check(
            "本报讯 昨天上午，市政府召开常务会议。林一帆、苏海、丁立等市级领导出席会议。\n",
            expect![[r#"
                林一帆 [-] attendee
                苏海 [-] attendee
                丁立 [-] attendee"#]],
        );
    }

    #[test]
    fn a_visiting_party_named_without_titles() {
        check(
            "本报讯 昨天上午，市委书记林海会见了来我市参访的台湾客人丁一帆、费立、费明一行。\n",
            expect![[r#"
                林海 [市委书记] host
                丁一帆 [台湾客人] guest
                费立 [台湾客人] guest
                费明 [台湾客人] guest"#]],
        );
    }

    #[test]
    fn the_visitor_of_a_call_is_the_guest() {
        check(
            "本报讯 昨天上午，市委书记林海会见了远航集团董事长章立一行。随后，章立拜会了市委副书记、市长苏海。\n",
            expect![[r#"
                林海 [市委书记] host
                章立 [远航集团董事长] guest
                苏海 [市委副书记、市长] host"#]],
        );
    }

    #[test]
    fn a_guest_with_posts_at_two_organizations() {
        check(
            "本报讯 昨天上午，市委书记林海会见了远航集团党委委员、副总裁，星河能源公司董事长章立一行。\n",
            expect![[r#"
                林海 [市委书记] host
                章立 [远航集团党委委员、副总裁，星河能源公司董事长] guest"#]],
        );
    }

    #[test]
    fn witnesses_under_titles_that_hold_commas() {
        check(
            "本报讯 昨天上午，两地签署合作协议。在市委书记林海，市委副书记、市长苏海，远航集团董事长章立的共同见证下，副市长丁凯与远航集团总经理白岩代表双方签约。\n",
            expect![[r#"
                丁凯 [副市长] signer
                白岩 [远航集团总经理] signer
                林海 [市委书记] witness
                苏海 [市委副书记、市长] witness
                章立 [远航集团董事长] witness"#]],
        );
    }

    #[test]
    fn a_chair_printed_before_the_title() {
        check(
            "本报讯 2024年5月9日，方远区长主持召开区政府第5次常务会议。\n",
            expect![[r#"
                方远 [区长] chair"#]],
        );
        // a unit's head is no name
        check("本报讯 昨天上午，市政府召开专题会议。各区、单位负责人参加会议。\n", expect![[""]]);
    }
}
