//! The event an article reports: its kind, name, date, time of day and place, and then
//! everything read about it (attendance, unit reports, agreements, documents, statements).
//!
//! The name is the meeting's noun phrase where the lead says one was held
//! (`市委季度工作会议昨天下午举行`, `主持召开市政府常务会议`), brackets and `暨…` tails
//! included; a name after the verb that is not the organ's own takes the organ printed before
//! the verb (`市政府召开常务会议` → `市政府常务会议`, `…常委会举行第22次会议`). For a signing
//! without such a phrase, or with only `签约仪式`, it is `A与B签署…协议`; for a reception
//! `X会见Y一行`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{
    ArticleInput, Attendance, Event, EventKind, Evidence, Role, agreements, attendance, dates, documents, reports,
    statements,
};
use crate::classify::ArticleKind;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::lexicon::{self, Class, When, words};
use crate::segment::Paragraph;
use crate::text::Span;

static HELD_AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let (meeting, time, holding) = (&*lexicon::MEETING_NOUNS, &*lexicon::TIME_WORDS, &*HOLDING);
    lexicon::regex(&format!(
        r"(?x)
          (?P<name> (?: [^，。；：、（）\s] | （[^）]{{1,10}}） )         # 市委常委会（扩大）会议
                    (?: [^，。；：、（）\s] | （[^）]{{1,10}}）
                      | 暨[^，。；：（）]{{1,30}}? )*?                     # …座谈会暨信访、…工作会议
                    {meeting} )
          (?: (?:\d{{4}}\s*年\s*)? \d{{1,2}}\s*月\s*\d{{1,2}}\s*日 | \d{{1,2}}\s*日
            | {time} | 上周[一二三四五六日天]                       # 昨天, 下午
            | （[^）]{{1,12}}）
            | 在[^，。；]{{1,16}}? | 于                              # 在沪
            | 也 | 隆重 | 正式 | 顺利 | 以视频形式
          )*
          (?:{holding})                                           # 举行
        "
    ))
});
/// The verbs that say a meeting was held (`举行`, `召开` …).
static HOLDING: LazyLock<String> = LazyLock::new(|| words::alternation_of(|c| c == Class::Holding));
static HOLDS_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let chairing = words::alternation_of(|c| c == Class::Attending(Role::Chair));
    lexicon::regex(&format!(r"{chairing}|(?:{})了?|出席", &*HOLDING))
});
static MEETING_NOUN: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(&lexicon::MEETING_NOUNS));
/// The organ that holds a meeting named after the verb (`市政府` of `市政府召开常务会议`,
/// `区人大常委会` of `区人大常委会举行第22次会议`): the name is the organ's.
static ORGAN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"(?P<organ>[^，。；：、\s\d]{1,30}?(?:常委会|委员会|人民政府|政府|党组|党工委))\s*$")
});
/// A name after the verb that is not the organ's own: `常务会议`, `第22次会议`, `会议`.
static GENERIC_NAME: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"^(?:第[\d一二三四五六七八九十百]+次)?(?:全体|常务|扩大)?(?:（扩大）)?会议$"));
/// What may follow a meeting's name after a verb like 召开.
static AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let saying = words::alternation_of(|c| matches!(c, Class::Saying { .. }));
    lexicon::regex(&format!(
        r"^(?:[，。；、：（]|$|{saying}|并|研究|听取|审议|传达|学习|讨论|分析|专题|就|总结|围绕|对|和|时|上|期间|现场|暨)"
    ))
});
static LOCATION: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = words::alternation_of(|c| {
        matches!(c, Class::Holding | Class::Signing | Class::Inspecting | Class::Attending(Role::Chair | Role::Host))
    });
    lexicon::regex(&format!(
        r"(?x)
          在 (?P<place> [^，。；、在与]{{1,14}}? )            # 在沪
          (?:分别|共同|正式|集中|隆重|亲切)?
          (?: 与[^，。；]{{1,40}}? )?                         # 与客人
          (?: {verbs} | 出席 | 举办 )                         # 会见
        "
    ))
});
static RECEPTION: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!("(?:{})了?", words::alternation_of(|c| c == Class::Attending(Role::Host))))
});
static INSPECTION: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(&words::alternation_of(|c| c == Class::Inspecting)));
/// Where a visit went, before its verb: `到宁乡`, `赴园区`, `来到企业`.
static VISIT_PLACE: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"(?:来到|前往|深入|到|赴|在).*$"));

/// Reads the event of an article of the given kind, and what is said about it.
pub(super) fn read(input: &ArticleInput, kind: ArticleKind, diagnostics: &mut Vec<Diagnostic>) -> Option<Event> {
    let signing = (kind == ArticleKind::Signing).then(|| agreements::first_signing(input)).flatten();
    let meeting = meeting_name(input);
    let (event_kind, name, evidence) = match (kind, signing, meeting) {
        (ArticleKind::Signing, Some(sign), meeting) => {
            // A meeting phrase names the event when it is a signing ceremony
            // (`…推介会暨重点项目签约仪式`) or stands in the signing's sentence.
            let names_the_signing = meeting.filter(|(ev, name)| {
                let same_sentence = ev.paragraph == sign.evidence.paragraph && sign.sentence.contains(ev.span);
                let name = crate::text::normalize(name);
                // `签约仪式` alone says less than the signing's own `A与B签署…协议`.
                let bare_ceremony = words::of(|c| c == Class::Ceremony).contains(&name.as_str());
                !bare_ceremony && (same_sentence || lexicon::says_signed(&name))
            });
            match names_the_signing {
                Some((ev, name)) => (EventKind::Signing, Some(name), ev),
                None => (EventKind::Signing, sign.event_name.clone(), sign.evidence),
            }
        }
        (ArticleKind::Signing, None, Some((ev, name))) => (EventKind::Signing, Some(name), ev),
        (_, _, Some((ev, name))) => (EventKind::Meeting, Some(name), ev),
        _ => match reception(input).or_else(|| inspection(input).map(|(ev, name, _)| (ev, name))) {
            Some((ev, name)) => (EventKind::Visit, Some(name), ev),
            None => {
                let (p, paragraph) = input.body().next()?;
                let ev = Evidence { paragraph: p, span: paragraph.sentences.first().copied().unwrap_or_default() };
                diagnostics.push(input.diagnostic(
                    DiagnosticKind::EventUnnamed,
                    ev,
                    "no meeting, signing or reception named in the lead",
                ));
                (if kind == ArticleKind::Signing { EventKind::Signing } else { EventKind::Meeting }, None, ev)
            }
        },
    };
    let paragraph = &input.article.paragraphs[evidence.paragraph];
    let sentence = paragraph.sentence_at(evidence.span.start).unwrap_or(evidence.span);
    let (date, date_text) = event_date(input, paragraph, sentence, evidence, diagnostics);
    // When the event's sentence does not say when and where (`会见后，…签署`), the lead does.
    let lead = input.body().next().map(|(_, l)| (l, l.sentences.first().copied().unwrap_or(l.text.full())));
    let time_of_day = [Some((paragraph, sentence)), lead]
        .into_iter()
        .flatten()
        .find_map(|(para, s)| dates::find_time_of_day(para.text.norm_slice(s)).map(|(_, t)| t));
    let place = [Some((paragraph, sentence)), lead].into_iter().flatten().find_map(|(para, s)| {
        let norm = para.text.norm_slice(s);
        // `在…开幕式上`: 开幕式 is an occasion, not a verb after a place
        let c = LOCATION
            .captures_iter(norm)
            .find(|c| names_a_place(&c["place"]) && !norm[c.get(0).map_or(0, |m| m.end())..].starts_with('式'))?;
        let place = c.name("place").expect("named group");
        let offset = para.text.norm_bytes(s).start;
        let printed = para.text.printed_slice(para.text.span_of(offset + place.start()..offset + place.end()));
        Some((place.as_str(), printed))
    });
    let (location, location_text) = match place {
        Some((place, printed)) => {
            let location = match lexicon::place_of_abbreviation(place) {
                // written in the page's own characters, as every stored text is
                Some(full) if input.is_traditional() => Some(lexicon::place_in_traditional(full)),
                Some(full) => Some(full.to_string()),
                // a one-character abbreviation no gazetteer holds (`在聊`): no guess
                None if place.chars().count() == 1 && lexicon::places_of_ambiguous_abbreviation(place).is_empty() => {
                    diagnostics.push(input.diagnostic(
                        DiagnosticKind::PlaceUnknown,
                        evidence,
                        format!("在{printed}: the abbreviation is not in the gazetteer; the location is left NULL"),
                    ));
                    None
                }
                None => Some(
                    place_named_in_article(input, place, evidence, diagnostics).unwrap_or_else(|| printed.to_string()),
                ),
            };
            (location, Some(format!("在{printed}")))
        }
        None => (None, None),
    };
    let (mut attendance, chair) = attendance::read(input, diagnostics);
    // Who made an inspection visit attended it, though no verb of attendance says so.
    if event_kind == EventKind::Visit
        && let Some((_, _, visitors)) = inspection(input)
    {
        for v in visitors {
            if !attendance.iter().any(|a| a.person == v.name && a.role == Role::Attendee) {
                let evidence = Evidence { paragraph: evidence.paragraph, span: v.span };
                attendance.insert(0, Attendance { person: v.name, title: v.title, role: Role::Attendee, evidence });
            }
        }
    }
    let unit_reports = if event_kind == EventKind::Meeting { reports::read(input, diagnostics) } else { Vec::new() };
    // A meeting or a visit may end in a signing (`会上，A与B签订了…协议`).
    let agreements = agreements::read(input, &mut attendance, diagnostics);
    let documents = documents::read(input);
    let statements = statements::read(input);
    Some(Event {
        kind: event_kind,
        name,
        date,
        date_text,
        time_of_day,
        location,
        location_text,
        chair,
        evidence,
        attendance,
        unit_reports,
        agreements,
        documents,
        statements,
    })
}

/// The event's date: from its sentence, else from its paragraph.
fn event_date(
    input: &ArticleInput,
    paragraph: &Paragraph,
    sentence: Span,
    evidence: Evidence,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<chrono::NaiveDate>, Option<String>) {
    // The event's sentence, its paragraph, the lead, and last a wire dateline's date (`新华社北京4月9日电`).
    let dateline = input.article.dateline.as_deref().map(crate::text::normalize);
    // Relative words count from the day the dateline gives, when it gives one.
    let filed = dateline.as_deref().and_then(|d| dates::filing_date(d, input.issue_date));
    let reference = filed.as_ref().and_then(|f| f.date).or(input.issue_date);
    let found = dates::find_date(paragraph.text.norm_slice(sentence), reference)
        .or_else(|| dates::find_date(paragraph.text.norm(), reference))
        .or_else(|| input.body().next().and_then(|(_, lead)| dates::find_date(lead.text.norm(), reference)))
        .or(filed);
    match found {
        Some(f) => {
            if f.date.is_none() {
                let message = if input.issue_date.is_none() {
                    format!("the event's date `{}` needs the issue date, which is not known", f.words)
                } else {
                    format!("the event's date is vague (`{}`); stored as NULL", f.words)
                };
                diagnostics.push(input.diagnostic(DiagnosticKind::DateUnresolved, evidence, message));
            }
            (f.date, Some(f.words))
        }
        None => {
            diagnostics.push(input.diagnostic(
                DiagnosticKind::DateMissing,
                evidence,
                "the lead gives no date for the event",
            ));
            (None, None)
        }
    }
}

/// The first meeting named as held in the lead paragraphs: its evidence and name as printed.
/// A name after the verb that is not the organ's own (`市政府召开常务会议`) takes the organ
/// before the verb (`市政府常务会议`).
fn meeting_name(input: &ArticleInput) -> Option<(Evidence, String)> {
    for (p, paragraph) in input.body().take(3) {
        let norm = paragraph.text.norm();
        // each name: the organ's range if it is printed apart, and the name's range
        let mut found: Vec<(Option<Range<usize>>, Range<usize>)> = Vec::new();
        if let Some(c) = says_held(norm).then(|| HELD_AFTER_NAME.captures(norm)).flatten() {
            let organ = c.name("name").expect("named group").range();
            // `区人大常委会举行第22次会议`: the name goes on after the verb
            let after = c.get(0).expect("whole match").end();
            match name_after(norm, after).filter(|r| GENERIC_NAME.is_match(&norm[r.clone()])) {
                Some(name) => found.push((Some(organ), name)),
                None => found.push((None, organ)),
            }
        }
        for verb in HOLDS_NAME.find_iter(norm) {
            if let Some(name) = name_after(norm, verb.end()) {
                let organ = GENERIC_NAME
                    .is_match(&norm[name.clone()])
                    .then(|| ORGAN_BEFORE.captures(&norm[..verb.start()]))
                    .flatten()
                    .map(|c| c.name("organ").expect("named group").range());
                found.push((organ, name));
                break;
            }
        }
        let best = found
            .into_iter()
            .map(|(organ, r)| (organ.map(|o| trim_name(norm, o)), trim_name(norm, r)))
            .filter(|(organ, r)| organ.is_some() || norm[r.clone()].chars().count() >= 3)
            .min_by_key(|(organ, r)| organ.as_ref().map_or(r.start, |o| o.start));
        if let Some((organ, range)) = best {
            let text = &paragraph.text;
            let name_span = text.span_of(range);
            let name = text.printed_slice(name_span);
            return Some(match organ {
                Some(o) => {
                    let organ_span = text.span_of(o);
                    let span = organ_span.cover(name_span);
                    (Evidence { paragraph: p, span }, format!("{}{name}", text.printed_slice(organ_span)))
                }
                None => (Evidence { paragraph: p, span: name_span }, name.to_string()),
            });
        }
    }
    None
}

/// Whether a text says something was held or opened (举行, 召开, 开幕), as
/// [`HELD_AFTER_NAME`] needs: the pattern opens with any run of characters, and is tried on
/// the texts that pass.
fn says_held(norm: &str) -> bool {
    words::of(|c| c == Class::Holding).iter().any(|verb| norm.contains(verb))
}

/// A meeting noun phrase right after a verb (`召开` + `市政府常务会议`).
fn name_after(norm: &str, start: usize) -> Option<Range<usize>> {
    let rest = &norm[start..];
    let rest = rest.strip_prefix('了').unwrap_or(rest);
    // `在随后召开的督查汇报会上`: the name starts after 的
    let rest = rest.strip_prefix('的').unwrap_or(rest);
    let start = norm.len() - rest.len();
    let mut joined = None;
    for noun in MEETING_NOUN.find_iter(rest) {
        let name = &rest[..noun.end()];
        if name.chars().count() > 40 || name.contains(['，', '。', '；', '：']) {
            return None;
        }
        // `…全体会议暨…推进会`: the name goes on to the last meeting it joins, if one ends it
        if rest[noun.end()..].starts_with('暨') {
            joined.get_or_insert(start..start + noun.end());
            continue;
        }
        if AFTER_NAME.is_match(&rest[noun.end()..]) {
            return Some(start..start + noun.end());
        }
    }
    joined
}

/// Words that open a clause but are not part of a name: `本次`, `昨天`.
static NAME_LEADS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    words::of(|c| matches!(c, Class::Demonstrative | Class::Time(When::Day(_) | When::Vague | When::Context)))
});

/// Drops words that open a clause but are not part of a name: `会上`, `昨天`.
fn trim_name(norm: &str, range: Range<usize>) -> Range<usize> {
    let name = &norm[range.clone()];
    let lead = NAME_LEADS.iter().find(|w| name.starts_with(**w));
    match lead {
        Some(w) if name.len() > w.len() + 6 => range.start + w.len()..range.end,
        _ => range,
    }
}

/// Whether the words after 在 name a place: not `在线上`, `在会上`, `在会议上` and the like, where
/// 在 opens a manner or an occasion.
fn names_a_place(words: &str) -> bool {
    !["线上", "线下", "网上", "会上", "会议", "会前", "会后", "会见", "会谈", "现场", "活动", "仪式"]
        .iter()
        .any(|w| words.starts_with(w))
}

/// A reception (`X会见Y一行`): hosts before the verb, guests after.
fn reception(input: &ArticleInput) -> Option<(Evidence, String)> {
    for (p, paragraph) in input.body().take(2) {
        let norm = paragraph.text.norm();
        let Some(verb) = RECEPTION.find(norm) else { continue };
        let at = paragraph.text.char_at_norm_byte(verb.start());
        let sentence = paragraph.sentence_at(at)?;
        let hosts = attendance::subjects_before(input, paragraph, sentence, at);
        let verb_end = paragraph.text.char_at_norm_byte(verb.end());
        let sentence_norm: Vec<char> = paragraph.text.norm_slice(Span::new(verb_end, sentence.end)).chars().collect();
        let object_len =
            sentence_norm.iter().position(|c| matches!(c, '，' | '。' | '；')).unwrap_or(sentence_norm.len());
        let object_text: String = sentence_norm[..object_len].iter().collect();
        let object_len = object_text.find("一行").map(|b| object_text[..b].chars().count() + 2).unwrap_or(object_len);
        let object = paragraph.text.printed_slice(Span::new(verb_end, verb_end + object_len));
        let host_names: Vec<&str> = hosts.iter().map(|m| m.name.as_str()).collect();
        if host_names.is_empty() || object.is_empty() {
            continue;
        }
        let name = format!("{}会见{}", host_names.join("、"), object);
        let span = Span::new(hosts[0].span.start, verb_end + object_len);
        return Some((Evidence { paragraph: p, span }, name));
    }
    None
}

/// An inspection visit (`X昨天调研…`, `X到Y调研`): its evidence, its name — the visitors,
/// the place they went to and the verb with its object — and the visitors.
fn inspection(input: &ArticleInput) -> Option<(Evidence, String, Vec<super::people::Mention>)> {
    for (p, paragraph) in input.body().take(2) {
        let text = &paragraph.text;
        let Some(verb) = INSPECTION.find(text.norm()) else { continue };
        let at = text.char_at_norm_byte(verb.start());
        let sentence = paragraph.sentence_at(at)?;
        let visitors = attendance::subjects_before(input, paragraph, sentence, at);
        let last = visitors.last()?;
        let gap = text.norm_slice(Span::new(last.span.end, at));
        let place_from = VISIT_PLACE.find(gap).map_or(at, |m| last.span.end + gap[..m.start()].chars().count());
        let clause_end = text
            .norm_slice(Span::new(at, sentence.end))
            .find(['，', '。', '；'])
            .map_or(sentence.end, |b| at + text.norm_slice(Span::new(at, sentence.end))[..b].chars().count());
        let names: Vec<&str> = visitors.iter().map(|m| m.name.as_str()).collect();
        let name = format!("{}{}", names.join("、"), text.printed_slice(Span::new(place_from, clause_end)));
        let evidence = Evidence { paragraph: p, span: Span::new(visitors[0].span.start, clause_end) };
        return Some((evidence, name, visitors));
    }
    None
}

/// The city an ambiguous one-character abbreviation (`在长`) stands for: the one of its
/// candidates the article names in full. When none or several are named, the abbreviation is
/// kept as printed and a diagnostic says so.
fn place_named_in_article(
    input: &ArticleInput,
    abbreviation: &str,
    evidence: Evidence,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let candidates = lexicon::places_of_ambiguous_abbreviation(abbreviation);
    if candidates.is_empty() {
        return None;
    }
    let named: Vec<&str> = candidates
        .iter()
        .copied()
        .filter(|city| input.article.paragraphs.iter().any(|p| p.text.norm().contains(city)))
        .collect();
    match named.as_slice() {
        [one] if input.is_traditional() => Some(lexicon::place_in_traditional(one)),
        [one] => Some(one.to_string()),
        _ => {
            diagnostics.push(input.diagnostic(
                DiagnosticKind::PlaceAmbiguous,
                evidence,
                format!(
                    "在{abbreviation} may be {}; the article names {} of them",
                    candidates.join(" or "),
                    named.len()
                ),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tests::event_of;
    use crate::test_pages::{CORPUS, SAMPLE, normalized};
    use expect_test::{Expect, expect};

    /// Renders the event of a page: kind, name, date, time of day, place, chair.
    fn check(page: &str, expect: Expect) {
        let e = event_of(page);
        let shown = [
            e.kind.as_str().to_string(),
            e.name.unwrap_or_default(),
            e.date.map_or("-".to_string(), |d| d.to_string()),
            e.time_of_day.map_or("-", |t| t.as_str()).to_string(),
            e.location.unwrap_or_else(|| "-".to_string()),
            e.chair.unwrap_or_else(|| "-".to_string()),
        ];
        expect.assert_eq(&shown.join(" | "));
    }

    #[test]
    fn meetings_held() {
        check(
            "本报讯 市委季度工作会议昨天下午举行。市委书记陈明主持会议。\n",
            expect![["meeting | 市委季度工作会议 | 2024-04-01 | afternoon | - | 陈明"]],
        );
        check(
            "本报讯 昨天清晨，市长王建国在沪主持召开市政府常务会议。\n",
            expect![["meeting | 市政府常务会议 | 2024-04-01 | morning | 上海 | 王建国"]],
        );
        check(
            "本报讯 全市文化旅游推介会前天晚间在京开幕。\n",
            expect![["meeting | 全市文化旅游推介会 | 2024-03-31 | evening | 北京 | -"]],
        );
    }

    #[test]
    fn where_the_event_took_place() {
        // 在线上 and 在会上 name no place
        check(
            "本报讯 昨天，市政府与海河大学在线上签署合作协议。\n",
            expect![["signing | 市政府与海河大学签署合作协议 | 2024-04-01 | - | - | -"]],
        );
        // a one-character abbreviation the gazetteer holds, and one it does not
        check(
            "本报讯 昨天上午，市委书记陈明在烟会见了客人一行。\n",
            expect![["visit | 陈明会见客人一行 | 2024-04-01 | morning | 烟台 | -"]],
        );
        check(
            "本报讯 昨天，省委常委会召开会议，传达学习在全国科技大会开幕式上的讲话精神。\n",
            expect!["meeting | 省委常委会会议 | 2024-04-01 | - | - | -"],
        );
        check(
            "本报讯 昨天上午，市委书记陈明在溪会见了客人一行。\n",
            expect![["visit | 陈明会见客人一行 | 2024-04-01 | morning | - | -"]],
        );
    }

    #[test]
    fn a_datelines_date_is_not_the_events() {
        check(
            "某某网3月30日讯 昨天上午，区政府召开常务会议。\n",
            expect!["meeting | 区政府常务会议 | 2024-03-29 | morning | - | -"],
        );
    }

    #[test]
    fn receptions_and_visits() {
        check(
            "本报讯 昨天上午，市委书记陈明会见了中国民航局局长刘立一行。\n",
            expect![["visit | 陈明会见中国民航局局长刘立一行 | 2024-04-01 | morning | - | -"]],
        );
        check(
            "本报讯 昨天，副市长李红到南湖镇督导防汛工作。\n",
            expect![["visit | 李红到南湖镇督导防汛工作 | 2024-04-01 | - | - | -"]],
        );
    }

    #[test]
    fn every_meeting_held_passes_the_test_for_its_verb() {
        let lines: Vec<String> = normalized(&[SAMPLE, CORPUS])
            .iter()
            .flat_map(|page| page.lines().map(str::to_string).collect::<Vec<_>>())
            .collect();
        let mut held = 0;
        for line in lines.iter().filter(|l| HELD_AFTER_NAME.is_match(l)) {
            assert!(says_held(line), "{line}");
            held += 1;
        }
        assert!(held >= 10, "only {held} lines say a meeting was held");
    }
}
