//! Dates, times of day and periods, resolved against the page's issue date.
//!
//! Event dates: explicit (`4月1日`, `2024年4月1日`, `今天（3月8日）`), relative (`昨天`, `今天`,
//! `前天`, `上周五`), vague (`近日`, `日前`: no date, the words kept). A month and day without
//! a year take the issue date's year, or the year before when that would put the event more
//! than two months after the issue.
//!
//! Periods of an achievement (`去年`, `今年1-2月`, `一季度`, `春节期间`) resolve to a first and
//! last day where the text and the issue date allow; the Spring Festival's date comes from a
//! table of the lunar new year.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use super::TimeOfDay;
use crate::lexicon::{self, Class, When, words};

/// A date found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte range in the normalized text.
    pub range: std::ops::Range<usize>,
    /// The words as printed in the normalized text.
    pub words: String,
    /// The day, when the words and the issue date give one.
    pub date: Option<NaiveDate>,
}

const CN_DIGITS: &str = "〇零一二两三四五六七八九十";

static EVENT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let relative = words::alternation_of(|c| matches!(c, Class::Time(When::Day(_) | When::DayPart(..))));
    let vague = words::alternation_of(|c| c == Class::Time(When::Vague));
    lexicon::regex(&format!(
        r"(?x)
          (?:(?P<y>\d{{4}})\s*年\s*)? (?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日      # 2024年4月1日
        | (?P<rel>{relative})                                                        # 昨天
          (?: （ (?:(?P<pm>\d{{1,2}})\s*月\s*)? (?P<pd>\d{{1,2}})\s*日 ） )?            # （3月8日）
        | 上周(?P<wd>[一二三四五六日天])                                              # 上周五
        | (?P<vague>{vague})                                                         # 近日
        | (?P<day>\d{{1,2}})\s*日                                                     # 9日
        "
    ))
});

static TIME_OF_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let words = words::alternation_of(|c| matches!(c, Class::Time(When::OfDay(_) | When::DayPart(..))));
    // `9月1日晚`, `6月20日晚6时`: the evening of a day
    lexicon::regex(&format!(r"{words}|\d\s*日(?P<late>晚)"))
});

/// Whether the date that ends at a byte offset is a dateline's (`8月5日讯`, `12月15日电`):
/// when the story was filed, not when the event took place.
fn is_filing_date(norm: &str, end: usize) -> bool {
    norm[end..].trim_start().starts_with(['讯', '电'])
}

/// The date a dateline gives in a text (`本报8月5日讯`, `北京12月15日电`), resolved against the
/// issue date: the day relative words of the story count from.
pub fn filing_date(norm: &str, issue: Option<NaiveDate>) -> Option<FoundDate> {
    let caps = EVENT_DATE.captures_iter(norm).find(|c| {
        (c.name("m").is_some() || c.name("day").is_some()) && is_filing_date(norm, c.get(0).map_or(0, |m| m.end()))
    })?;
    let whole = caps.get(0)?;
    Some(FoundDate { range: whole.range(), words: whole.as_str().to_string(), date: resolve(&caps, issue) })
}

/// The first date in a text that is not a dateline's; relative words (`昨天`) count from the
/// date of the dateline the text holds, else from the issue date.
pub fn find_date(norm: &str, issue: Option<NaiveDate>) -> Option<FoundDate> {
    let issue = filing_date(norm, issue).and_then(|f| f.date).or(issue);
    let caps = EVENT_DATE.captures_iter(norm).find(|c| !is_filing_date(norm, c.get(0).map_or(0, |m| m.end())))?;
    let whole = caps.get(0)?;
    Some(FoundDate { range: whole.range(), words: whole.as_str().to_string(), date: resolve(&caps, issue) })
}

/// The day a date's words give, against the issue date.
fn resolve(caps: &regex::Captures, issue: Option<NaiveDate>) -> Option<NaiveDate> {
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    if let (Some(m), Some(d)) = (number("m"), number("d")) {
        month_day(number("y").map(|y| y as i32), m, d, issue)
    } else if let Some(pd) = number("pd") {
        let month = number("pm").or(issue.map(|i| i.month()));
        month.and_then(|m| month_day(None, m, pd, issue))
    } else if let Some(rel) = caps.name("rel") {
        let days = match lexicon::when(rel.as_str()) {
            Some(When::Day(days) | When::DayPart(days, _)) => days,
            _ => 0,
        };
        issue.map(|i| i + Duration::days(days))
    } else if let Some(day) = number("day") {
        // A day of the month alone (`9日在京召开`): the issue's month, or the month before
        // when that day is still to come.
        issue.and_then(|i| {
            let this_month = NaiveDate::from_ymd_opt(i.year(), i.month(), day)?;
            if this_month <= i {
                Some(this_month)
            } else {
                let (y, m) = if i.month() == 1 { (i.year() - 1, 12) } else { (i.year(), i.month() - 1) };
                NaiveDate::from_ymd_opt(y, m, day)
            }
        })
    } else if let Some(wd) = caps.name("wd") {
        let weekday = match wd.as_str() {
            "一" => Weekday::Mon,
            "二" => Weekday::Tue,
            "三" => Weekday::Wed,
            "四" => Weekday::Thu,
            "五" => Weekday::Fri,
            "六" => Weekday::Sat,
            _ => Weekday::Sun,
        };
        issue.map(|i| {
            let monday = i - Duration::days(i.weekday().num_days_from_monday() as i64);
            monday - Duration::days(7) + Duration::days(weekday.num_days_from_monday() as i64)
        })
    } else {
        None
    }
}

/// A month and day, in the given year or the one the issue date implies.
fn month_day(year: Option<i32>, month: u32, day: u32, issue: Option<NaiveDate>) -> Option<NaiveDate> {
    if let Some(y) = year {
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    let issue = issue?;
    let this_year = NaiveDate::from_ymd_opt(issue.year(), month, day)?;
    if this_year > issue + Duration::days(62) {
        NaiveDate::from_ymd_opt(issue.year() - 1, month, day)
    } else {
        Some(this_year)
    }
}

/// The time of day a text gives.
pub fn find_time_of_day(norm: &str) -> Option<(std::ops::Range<usize>, TimeOfDay)> {
    let c = TIME_OF_DAY.captures(norm)?;
    if let Some(late) = c.name("late") {
        return Some((late.range(), TimeOfDay::Evening));
    }
    let m = c.get(0)?;
    match lexicon::when(m.as_str()) {
        Some(When::OfDay(value) | When::DayPart(_, value)) => Some((m.range(), value)),
        _ => None,
    }
}

/// A period at the start of an achievement's clause: `去年`, `今年1-2月`, `春节期间` …
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^(?:(?:今年|去年|前年|上年|(?:\d{4})\s*年)?(?:\d{1,2}\s*[-—–－~～至到]\s*\d{1,2}\s*月(?:份)?|\d{1,2}\s*月份|前\s*[\d一二三四五六七八九十]+\s*个?月|[一二三四1-4]\s*季度|第[一二三四]季度|前三季度|上半年|下半年|全年)|(?:今年|去年|前年|上年)以来|(?:今年|去年|前年|上年|\d{4}\s*年)\d{1,2}\s*月|今年|去年|前年|上年|\d{4}\s*年(?:以来)?|近[一二三四五两\d]+年(?:来)?|“十[一二三四五六七八九]五”以来|春节期间|春节假期|国庆期间|国庆假期|五一期间|“五一”期间|暑期|元旦期间)",
    )
});

/// The period a clause opens with, as a byte range of the normalized clause.
pub fn find_period(norm: &str) -> Option<std::ops::Range<usize>> {
    PERIOD.find(norm).map(|m| m.range())
}

/// The first and last day of a period, against the issue date.
pub fn resolve_period(period: &str, issue: Option<NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    let issue = issue?;
    let y = issue.year();
    let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    let year_span = |y: i32| Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?));
    let year_of = |p: &str| -> i32 {
        if p.starts_with("去年") || p.starts_with("上年") {
            y - 1
        } else if p.starts_with("前年") {
            y - 2
        } else if let Some(explicit) = p.get(..4).and_then(|s| s.parse::<i32>().ok()) {
            explicit
        } else {
            y
        }
    };
    static MONTHS: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"(\d{1,2})\s*[-—–－~～至到]\s*(\d{1,2})\s*月"));
    static FIRST_MONTHS: LazyLock<Regex> =
        LazyLock::new(|| lexicon::regex(r"前\s*([\d一二三四五六七八九十]+)\s*个?月"));
    static QUARTER: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"([一二三四1-4])\s*季度"));
    let year = year_of(period);
    if let Some(c) = MONTHS.captures(period) {
        let (from, to): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        return Some((ymd(year, from, 1)?, last_day_of_month(year, to)?));
    }
    static MONTH: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"(?:^|年)(\d{1,2})\s*月"));
    if let Some(c) = MONTH.captures(period) {
        let month: u32 = c[1].parse().ok()?;
        return Some((ymd(year, month, 1)?, last_day_of_month(year, month)?));
    }
    if let Some(c) = FIRST_MONTHS.captures(period) {
        let n = chinese_number(&c[1])?;
        return Some((ymd(year, 1, 1)?, last_day_of_month(year, n)?));
    }
    if period.contains("前三季度") {
        return Some((ymd(year, 1, 1)?, ymd(year, 9, 30)?));
    }
    if let Some(c) = QUARTER.captures(period) {
        let q = chinese_number(&c[1])?;
        return Some((ymd(year, 3 * q - 2, 1)?, last_day_of_month(year, 3 * q)?));
    }
    if period.contains("上半年") {
        return Some((ymd(year, 1, 1)?, ymd(year, 6, 30)?));
    }
    if period.contains("下半年") {
        return Some((ymd(year, 7, 1)?, ymd(year, 12, 31)?));
    }
    if period.starts_with("春节") {
        let new_year = spring_festival(y)?;
        // The public holiday: the eve and the seven days from new year's day.
        return Some((new_year - Duration::days(1), new_year + Duration::days(7)));
    }
    if period.starts_with("国庆") {
        let year = if issue.month() < 10 { y - 1 } else { y };
        return Some((ymd(year, 10, 1)?, ymd(year, 10, 7)?));
    }
    if period.ends_with("以来") {
        let start = if period.starts_with("去年") || period.starts_with("上年") {
            ymd(y - 1, 1, 1)?
        } else if period.starts_with("今年") {
            ymd(y, 1, 1)?
        } else if let Some(explicit) = period.get(..4).and_then(|s| s.parse::<i32>().ok()) {
            ymd(explicit, 1, 1)?
        } else {
            return None;
        };
        return Some((start, issue));
    }
    if period == "今年"
        || period == "去年"
        || period == "前年"
        || period == "上年"
        || period.ends_with('年') && period.len() <= 7
    {
        return year_span(year);
    }
    None
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// A number written with Arabic or Chinese digits, up to ninety-nine.
pub fn chinese_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    let digit = |c: char| {
        CN_DIGITS.chars().position(|d| d == c).map(|i| match i {
            0 | 1 => 0,
            2 => 1,
            3 | 4 => 2,
            n => n as u32 - 2,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

/// The Gregorian date of the lunar new year (春节), 2000–2040.
fn spring_festival(year: i32) -> Option<NaiveDate> {
    const DATES: &[(i32, u32, u32)] = &[
        (2000, 2, 5),
        (2001, 1, 24),
        (2002, 2, 12),
        (2003, 2, 1),
        (2004, 1, 22),
        (2005, 2, 9),
        (2006, 1, 29),
        (2007, 2, 18),
        (2008, 2, 7),
        (2009, 1, 26),
        (2010, 2, 14),
        (2011, 2, 3),
        (2012, 1, 23),
        (2013, 2, 10),
        (2014, 1, 31),
        (2015, 2, 19),
        (2016, 2, 8),
        (2017, 1, 28),
        (2018, 2, 16),
        (2019, 2, 5),
        (2020, 1, 25),
        (2021, 2, 12),
        (2022, 2, 1),
        (2023, 1, 22),
        (2024, 2, 10),
        (2025, 1, 29),
        (2026, 2, 17),
        (2027, 2, 6),
        (2028, 1, 26),
        (2029, 2, 13),
        (2030, 2, 3),
        (2031, 1, 23),
        (2032, 2, 11),
        (2033, 1, 31),
        (2034, 2, 19),
        (2035, 2, 8),
        (2036, 1, 28),
        (2037, 2, 15),
        (2038, 2, 4),
        (2039, 1, 24),
        (2040, 2, 12),
    ];
    DATES.iter().find(|d| d.0 == year).and_then(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    /// Renders the first date of a text (issued on 2024-04-02) and its time of day.
    fn check(text: &str, expect: Expect) {
        let issue = NaiveDate::from_ymd_opt(2024, 4, 2);
        let date = find_date(text, issue)
            .map_or("-".to_string(), |f| format!("{} {}", f.words, f.date.map_or("-".to_string(), |d| d.to_string())));
        let time = find_time_of_day(text).map_or("-", |(_, t)| t.as_str());
        expect.assert_eq(&format!("{date} | {time}"));
    }

    #[test]
    fn time_words_of_the_lexicon() {
        check("昨日清晨，副市长出席", expect![["昨日 2024-04-01 | morning"]]);
        check("前天傍晚", expect![["前天 2024-03-31 | evening"]]);
        check("近期，市委召开", expect![["近期 - | -"]]);
        check("当天中午", expect![["- | noon"]]);
        check("今天（4月2日）下午", expect![["今天（4月2日） 2024-04-02 | afternoon"]]);
        check("昨晚，市委召开会议", expect![["昨晚 2024-04-01 | evening"]]);
        check("今晨，区长主持会议", expect![["今晨 2024-04-02 | morning"]]);
    }

    #[test]
    fn the_evening_of_a_day() {
        check("3月30日晚，市委召开会议", expect![["3月30日 2024-03-30 | evening"]]);
        check("3月30日晚6时，市委召开会议", expect![["3月30日 2024-03-30 | evening"]]);
        // 晚 in another word is no time of day
        check("3月30日，全市迎春晚会举行", expect![["3月30日 2024-03-30 | -"]]);
    }

    #[test]
    fn a_datelines_date_is_when_the_story_was_filed() {
        // the date of the dateline is not the event's; 昨天 counts from it
        check("某某网3月30日讯 昨天上午，市委召开会议", expect![["昨天 2024-03-29 | morning"]]);
        check("某某社北京3月30日电/近日，省委召开会议", expect![["近日 - | -"]]);
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn event_dates() {
        let issue = day(2024, 4, 2);
        let date = |s: &str| find_date(s, issue).and_then(|f| f.date);
        assert_eq!(date("市委季度工作会议昨天下午举行"), day(2024, 4, 1));
        assert_eq!(date("4月1日，区长主持召开"), day(2024, 4, 1));
        assert_eq!(date("12 月5 日晚上"), day(2023, 12, 5));
        assert_eq!(date("今天（3月8日）上午"), day(2024, 3, 8));
        assert_eq!(date("2024年4月1日，市委"), day(2024, 4, 1));
        assert_eq!(date("省委常委会会议上周五召开"), day(2024, 3, 29));
        assert_eq!(date("前天下午"), day(2024, 3, 31));
        assert_eq!(date("座谈会1日在京召开"), day(2024, 4, 1));
        assert_eq!(date("座谈会28日在京召开"), day(2024, 3, 28));
        let vague = find_date("近日，市委召开座谈会", issue).unwrap();
        assert_eq!((vague.words.as_str(), vague.date), ("近日", None));
    }

    #[test]
    fn periods() {
        let issue = day(2024, 4, 2);
        let period = |s: &str| resolve_period(s, issue).map(|(a, b)| (a.to_string(), b.to_string()));
        let span = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(period("去年"), span("2023-01-01", "2023-12-31"));
        assert_eq!(period("今年1-2月"), span("2024-01-01", "2024-02-29"));
        assert_eq!(period("一季度"), span("2024-01-01", "2024-03-31"));
        assert_eq!(period("春节期间"), span("2024-02-09", "2024-02-17"));
        assert_eq!(period("前5个月"), span("2024-01-01", "2024-05-31"));
        assert_eq!(period("今年1月份"), span("2024-01-01", "2024-01-31"));
        assert_eq!(period("去年12月"), span("2023-12-01", "2023-12-31"));
        assert_eq!(period("2月份"), span("2024-02-01", "2024-02-29"));
        assert_eq!(find_period("今年1月份新签约重点项目23个"), Some(0.."今年1月份".len()));
        assert_eq!(find_period("去年12月落地项目9个"), Some(0.."去年12月".len()));
        assert_eq!(find_period("今年1-2月盘活存量土地"), Some(0.."今年1-2月".len()));
        assert_eq!(find_period("复制推广模式"), None);
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("两"), Some(2));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("5"), Some(5));
    }
}
