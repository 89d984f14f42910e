//! Extraction of whole small pages, run through every stage before it.

use chrono::NaiveDate;

use super::{Event, extract};
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
