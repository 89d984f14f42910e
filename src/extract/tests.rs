//! Extraction of whole small pages, run through every stage before it.

use chrono::NaiveDate;

use super::{Event, Speaker, TimeOfDay, extract};
use crate::diagnostics::Diagnostic;
use crate::segment::Tokenizer;
use crate::{classify, dewrap, segment};

fn run(page: &str, issue_date: &str) -> (Vec<Option<Event>>, Vec<Diagnostic>) {
    let (dewrapped, _) = dewrap::dewrap(page);
    let (segmented, _) = segment::segment(&dewrapped, &Tokenizer::new());
    let (classified, _) = classify::classify(segmented);
    let date = NaiveDate::parse_from_str(issue_date, "%Y-%m-%d").unwrap();
    let (extraction, diagnostics) = extract(&classified, Some(date));
    (extraction.articles.into_iter().map(|a| a.event).collect(), diagnostics)
}

fn location(page: &str) -> (Option<String>, Vec<&'static str>) {
    let (events, diagnostics) = run(page, "2024-05-10");
    let event = events.into_iter().flatten().next().expect("an event");
    (event.location, diagnostics.iter().map(|d| d.kind).collect())
}

#[test]
fn an_ambiguous_city_abbreviation_is_the_city_the_article_names() {
    let changsha = "本报讯 昨天上午，市委书记王建国在长会见了岳阳市党政代表团一行。王建国说，长沙与岳阳山水相连。\n";
    assert_eq!(location(changsha).0.as_deref(), Some("长沙"));
    let changchun = "本报讯 昨天下午，市长李文华在长会见了吉林大学校长一行。李文华表示，长春将为高校发展做好服务。\n";
    assert_eq!(location(changchun).0.as_deref(), Some("长春"));
}

#[test]
fn an_abbreviation_the_article_does_not_settle_stays_as_printed_with_a_diagnostic() {
    let page = "本报讯 昨天上午，市委书记王建国在长会见了省外代表团一行，双方进行了座谈交流。\n";
    let (place, kinds) = location(page);
    assert_eq!(place.as_deref(), Some("长"));
    assert!(kinds.contains(&"place_ambiguous"), "{kinds:?}");
}

#[test]
fn an_unambiguous_abbreviation_is_its_city() {
    let page = "本报讯 昨天上午，市委书记王建国在沪会见了客人一行。\n";
    assert_eq!(location(page).0.as_deref(), Some("上海"));
}

#[test]
fn an_abbreviation_on_a_traditional_page_is_its_city_in_traditional_characters() {
    let page = "本報訊 昨天上午，市委書記王建國在連會見了客人一行。\n";
    assert_eq!(location(page).0.as_deref(), Some("大連"));
}

fn first_event(page: &str) -> Event {
    run(page, "2025-05-21").0.into_iter().flatten().next().expect("an event")
}

#[test]
fn a_reception_that_ends_in_a_signing_is_the_signing() {
    let page = "县委书记会见企业客人 来源：某县新闻网 发布时间：2025-05-21 09:00\n\
        5月20日上午，县委书记林海会见了星河电子股份有限公司董事长章立一行。县委副书记、县长吴桐参加会见。 \
        林海对章立一行表示欢迎。 章立介绍了企业发展情况。 \
        会见后，某县人民政府与星河电子股份有限公司签署项目投资协议。副县长丁凯与星河电子股份有限公司总经理白岩代表双方签约，林海、章立见证签约。\n";
    let event = first_event(page);
    assert_eq!(event.kind, super::EventKind::Signing);
    assert_eq!(event.date, NaiveDate::from_ymd_opt(2025, 5, 20));
    assert_eq!(event.time_of_day, Some(TimeOfDay::Morning));
    let agreement = &event.agreements[0];
    assert_eq!(agreement.title.as_deref(), Some("项目投资协议"));
    let signers: Vec<_> = agreement.parties.iter().map(|p| p.signer.as_deref()).collect();
    assert_eq!(signers, [Some("丁凯"), Some("白岩")]);
}

#[test]
fn witnesses_named_before_the_signing() {
    let page = "本報訊 5月20日上午,市政府與華星科技集團有限公司簽署戰略合作協議。\n\
        在市委書記顧明、集團董事長鄧凡的共同見證下,副市長葉秋與華星科技集團有限公司副總裁孟輝代表雙方簽約。\n";
    let event = first_event(page);
    let witnesses: Vec<&str> =
        event.attendance.iter().filter(|a| a.role == super::Role::Witness).map(|a| a.person.as_str()).collect();
    assert_eq!(witnesses, ["顧明", "鄧凡"]);
}

#[test]
fn a_statement_is_the_meeting_s_or_a_named_person_s() {
    let page = "本报讯 市政府昨天下午召开常务会议。市长陈明远主持会议。\n\
        会议指出，要持续推进老旧小区改造。\n\
        陈明远强调，要压实责任，确保各项任务按期完成。\n";
    let event = first_event(page);
    assert_eq!(event.time_of_day, Some(TimeOfDay::Afternoon));
    let speakers: Vec<&Speaker> = event.statements.iter().map(|s| &s.speaker).collect();
    assert_eq!(speakers, [&Speaker::Meeting, &Speaker::Person("陈明远".to_string())]);
    assert_eq!(speakers.iter().map(|s| s.as_str()).collect::<Vec<_>>(), ["会议", "陈明远"]);
}

/// The event of the first article of a page that reports one, the page issued on 2024-04-02:
/// what the `check()` harnesses of the rules render.
pub(super) fn event_of(page: &str) -> Event {
    run(page, "2024-04-02").0.into_iter().flatten().next().expect("an event")
}
