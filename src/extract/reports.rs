//! What each unit reported at a meeting: achievements claimed and shortfalls admitted.
//!
//! A meeting's readout names its speakers first (`会上，闵行区委、宝山区委、市交通委…先后
//! 发言`), then gives each one's report as a run of sentences that opens with the unit's
//! name (`闵行区联合…`). A report's comma-separated clauses are its achievements, up to the
//! clause that admits a shortfall (`但在A、B上仍存不足`, `还存在一定问题`, `仍有差距` …),
//! whose items are split at `、` and `及`.
//!
//! Units are recognized by their suffixes (区, 县, 镇, 街道, 委, 局, 办 …), not by name.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::claims;
use super::dates::resolve_period;
use super::{Achievement, ArticleInput, Evidence, Shortfall, UnitReport};
use crate::diagnostics::Diagnostic;
use crate::lexicon::{self, Class, words};
use crate::segment::Paragraph;
use crate::text::Span;

/// The verb after a list of speakers.
static REPORT_VERB: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(&words::alternation_of(|c| c == Class::Reporting)));
/// Words that open a list of speakers but are not part of its first item.
static LIST_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"^(?:会议上|会上|会议|会前|随后|首先|还|先后|分别|专题)*(?P<heard>听取了?|听取)?")
});
/// Words between the last speaker and the verb: `先后`, `等单位负责同志`, `关于…的`.
static LIST_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    let in_turn = words::alternation_of(|c| c == Class::InTurn);
    lexicon::regex(&format!(
        r"(?x)
          ^(?: 等[\p{{Han}}]{{0,6}}? (?:单位|部门|地区|街镇) )?             # 等单位
          (?:的)? (?:主要)? (?:负责同志|负责人|相关负责人|主要负责人)?
          (?: (?:党组|党委|党工委) (?:（党委）)? 书记 )?                  # 党组（党委）书记
          (?:{in_turn})?                                                # 先后
          (?:作|进行)? (?:书面)?$
        "
    ))
});
/// A unit: a place (district, county, town, street) or an office (commission, bureau …),
/// by the suffixes of the lexicon.
static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    let suffixes = words::alternation_of(|c| matches!(c, Class::UnitSuffix { .. }));
    lexicon::regex(&format!(r"^(?:我区|我县|我市|我镇|[\p{{Han}}]{{1,14}}?(?:{suffixes}))$"))
});

/// A roll that names its units by bare places before their speakers' post, all of one level:
/// `东城、西城两位区委书记依次`, `甲镇、乙镇党委书记先后`.
static PLACE_ROLL: LazyLock<Regex> = LazyLock::new(|| {
    let in_turn = words::alternation_of(|c| c == Class::InTurn);
    lexicon::regex(&format!(
        r"(?x)
          ^(?P<list> \p{{Han}}{{2,8}}? (?:、\p{{Han}}{{2,8}}?)+ )
          (?:[一二三四五六七八九十两\d]+(?:位|个))?
          (?P<level>新区|区|县|市|镇|乡|街道)
          (?:党工委|党委|委)
          (?:主要负责同志|主要负责人|负责同志|负责人|书记)
          (?:{in_turn})? (?:作|进行)? (?:书面)?$
        "
    ))
});

static SHORTFALL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"^(?:但是|但|不过|同时|然而)?(?:，)?(?:还|仍|仍然|也)?(?:存在)?(?:在|对照[^，]{0,10}?，)?")
});
/// The end of a shortfall clause after its items: `上仍存不足`, `等方面有待提升`.
static SHORTFALL_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    let noun = words::alternation_of(|c| c == Class::ShortfallNoun);
    let need = words::alternation_of(|c| c == Class::ShortfallNeed);
    lexicon::regex(&format!(
        r"(?x)
          (?:等方面|方面|等领域|领域|工作上|上|中|等)?
          (?: 与[^，。；]{{1,16}}?相比 )?                                  # 与先进地区相比
          (?:仍然|依然|依旧|仍|还|尚|也)? (?:存在|存|有)?
          (?:一定的?|一些|较大的?|明显的?|不少)? (?:{noun})$               # 仍存在一定差距
        | (?:等方面|方面|上)? (?:仍|还|尚|亟)(?:需|待) (?:进一步)? (?:{need})$   # 仍需加强
        | (?:等方面|方面|上)? 有待 (?:进一步)? (?:{need})$                 # 有待提升
        | 等 (?:{noun}) (?:仍然|依然|仍|还) (?:较为|比较|较|十分)? (?:突出|明显)$   # 等问题仍较突出
        "
    ))
});

/// Shortfalls the lexicon's cue does not see, its items before the noun: `但存在A、B等不足`,
/// and problems that stand out: `但A、B等问题仍较突出`.
static SHORTFALL_LISTED: LazyLock<Regex> = LazyLock::new(|| {
    let noun = words::alternation_of(|c| c == Class::ShortfallNoun);
    lexicon::regex(&format!(
        r"(?x)
          ^(?:但是|但|不过|然而) (?:仍然|依然|仍|还|也)? 存在 [^，。；]+? 等(?:{noun})$
        | (?:{noun}) (?:仍然|依然|仍|还) (?:较为|比较|较|十分)? (?:突出|明显)
        "
    ))
});

/// Whether a clause admits a shortfall.
fn admits_shortfall(clause: &str) -> bool {
    lexicon::SHORTFALL_CUE.is_match(clause) || SHORTFALL_LISTED.is_match(clause)
}

/// A unit named in a list of speakers, with the names its report may open with.
struct Speaker {
    printed: String,
    /// Longest first: `闵行区委`, `闵行区`.
    names: Vec<String>,
}

/// The unit reports of a meeting article: for each list of speakers, the reports that
/// follow it.
pub(super) fn read(input: &ArticleInput, diagnostics: &mut Vec<Diagnostic>) -> Vec<UnitReport> {
    let body: Vec<(usize, &Paragraph)> = input.body().collect();
    let mut reports: Vec<UnitReport> = Vec::new();
    // Where reports already start: a list that names units again (`听取我区…汇报`, then
    // `会议听取了我区…汇报`) does not read the same report twice.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (k, &(p, paragraph)) in body.iter().enumerate() {
        for (speakers, list_end) in speaker_lists(paragraph) {
            let mut starts: Vec<(usize, usize, usize, usize)> = Vec::new(); // (paragraph, start, name end, speaker)
            for (k2, &(p2, paragraph2)) in body.iter().enumerate().skip(k) {
                let from = if k2 == k { list_end } else { 0 };
                let found: Vec<(usize, usize, usize)> = report_starts(paragraph2, &speakers, from)
                    .into_iter()
                    .filter(|&(start, _, _)| !taken.contains(&(p2, start)))
                    .collect();
                if found.is_empty() && (!starts.is_empty() || k2 > k + 1) {
                    break;
                }
                starts.extend(found.into_iter().map(|(start, end, s)| (p2, start, end, s)));
            }
            if starts.is_empty() {
                let span = paragraph.text.span_of(0..list_end);
                diagnostics.push(input.diagnostic(
                    "speakers_without_reports",
                    Evidence { paragraph: p, span },
                    "a list of speakers is not followed by reports that open with their names",
                ));
                continue;
            }
            taken.extend(starts.iter().map(|&(rp, start, _, _)| (rp, start)));
            let first_seq = reports.len();
            for (i, &(rp, start, name_end, s)) in starts.iter().enumerate() {
                let paragraph = &input.article.paragraphs[rp];
                let end = match starts.get(i + 1) {
                    Some(&(np, next, _, _)) if np == rp => next,
                    _ => paragraph.text.len(),
                };
                let (achievements, shortfalls) = read_report(input, rp, paragraph, name_end, end, diagnostics);
                reports.push(UnitReport {
                    kind: words::unit_kind(paragraph.text.norm_slice(Span::new(start, name_end))),
                    unit: paragraph.text.printed_slice(Span::new(start, name_end)).to_string(),
                    speaker: Some(speakers[s].printed.clone()),
                    seq: first_seq + s + 1,
                    evidence: Evidence { paragraph: rp, span: Span::new(start, end) },
                    achievements,
                    shortfalls,
                });
            }
        }
    }
    reports
}

/// The lists of speakers in a paragraph (`会上，A、B、C先后发言`, `会议听取了A、B关于…的汇报`,
/// `会议听取了我区…情况汇报`), each with where it ends (a byte offset of the normalized text).
fn speaker_lists(paragraph: &Paragraph) -> Vec<(Vec<Speaker>, usize)> {
    let norm = paragraph.text.norm();
    let mut lists = Vec::new();
    for verb in REPORT_VERB.find_iter(norm) {
        let clause_start = norm[..verb.start()].rfind(['，', '。', '；', '：']).map_or(0, |i| i + '，'.len_utf8());
        let clause = &norm[clause_start..verb.start()];
        let lead = LIST_LEAD.captures(clause).expect("the lead pattern matches the empty string");
        let heard = lead.name("heard").is_some();
        let lead_end = lead.get(0).expect("whole match").end();
        if let Some(roll) = place_roll(paragraph, clause_start + lead_end, &clause[lead_end..]) {
            lists.push((roll, verb.end()));
            continue;
        }
        let items = split_items(clause, lead_end);
        let Some((last, rest)) = items.split_last() else { continue };
        if !rest.iter().all(|r| UNIT.is_match(&clause[r.clone()])) {
            continue;
        }
        // The last item may run on into the topic (`区委办关于…的`, `我区前8个月…情况`) or into
        // words such as 先后 and 负责同志.
        let last_text = &clause[last.clone()];
        let unit_end = last_text.char_indices().map(|(i, c)| i + c.len_utf8()).rev().find(|&end| {
            UNIT.is_match(&last_text[..end]) && {
                let tail = &last_text[end..];
                LIST_TAIL.is_match(tail) || (heard || tail.starts_with("关于")) && !tail.is_empty()
            }
        });
        let Some(unit_end) = unit_end else { continue };
        let mut ranges: Vec<Range<usize>> = rest.to_vec();
        ranges.push(last.start..last.start + unit_end);
        // `听取全市…情况汇报` hears about the whole city, not from a unit.
        let is_area = |r: &Range<usize>| clause[r.clone()].starts_with(['全', '各']);
        if ranges.iter().any(is_area) {
            continue;
        }
        if ranges.len() < 2 && !heard {
            continue;
        }
        let speakers = ranges
            .into_iter()
            .map(|r| {
                let r = clause_start + r.start..clause_start + r.end;
                let name = &norm[r.clone()];
                let printed = paragraph.text.printed_slice(paragraph.text.span_of(r)).to_string();
                Speaker { printed, names: short_names(name) }
            })
            .collect();
        lists.push((speakers, verb.end()));
    }
    lists
}

/// The names a speaker's report may open with, longest first: `闵行区委`, `闵行区`; a
/// `…新区区委` speaks as `…新区`.
fn short_names(name: &str) -> Vec<String> {
    let mut names = vec![name.to_string()];
    for (suffix, short) in words::WORDS.iter().filter_map(|&(w, c)| match c {
        Class::UnitSuffix { short: Some(short), .. } => Some((w, short)),
        _ => None,
    }) {
        if let Some(stem) = name.strip_suffix(suffix).filter(|stem| !stem.is_empty()) {
            names.push(format!("{stem}{short}"));
            if stem.ends_with(short) && UNIT.is_match(stem) {
                names.push(stem.to_string());
            }
        }
    }
    names
}

/// The speakers of a roll that names its units by bare places (`东城、西城两位区委书记`):
/// each place with the roll's level word (`东城区`), or as printed when it has it already.
/// `at` is where `list` starts in the paragraph's normalized text.
fn place_roll(paragraph: &Paragraph, at: usize, list: &str) -> Option<Vec<Speaker>> {
    let c = PLACE_ROLL.captures(list)?;
    let level = c.name("level").expect("named group").as_str();
    let places = c.name("list").expect("named group");
    let mut speakers = Vec::new();
    let mut start = places.start();
    for item in places.as_str().split('、') {
        let r = at + start..at + start + item.len();
        start += item.len() + '、'.len_utf8();
        if item.starts_with(['全', '各']) {
            return None;
        }
        let printed = paragraph.text.printed_slice(paragraph.text.span_of(r)).to_string();
        let mut names = Vec::new();
        if item.ends_with(level) {
            names.push(item.to_string());
        } else {
            names.push(format!("{item}{level}"));
            names.push(item.to_string());
        }
        speakers.push(Speaker { printed, names });
    }
    Some(speakers)
}

/// The items of a list joined by 、 and a final 和 or 及.
fn split_items(list: &str, from: usize) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut start = from;
    for (i, c) in list.char_indices().filter(|(i, _)| *i >= from) {
        if c == '、' {
            items.push(start..i);
            start = i + c.len_utf8();
        }
    }
    let last = start..list.len();
    // A final item may hide a second one behind 和 or 及: `区发改委和区教育局`.
    let tail = &list[last.clone()];
    match tail.find(['和', '及']).filter(|&at| at > 0 && UNIT.is_match(&tail[..at])) {
        Some(at) => {
            items.push(last.start..last.start + at);
            items.push(last.start + at + '和'.len_utf8()..last.end);
        }
        None => items.push(last),
    }
    items.retain(|r| !r.is_empty());
    items
}

/// Where reports open in a paragraph, from a byte offset on: at a sentence's start, one of
/// the speakers' names. Returns (start, end of the name, speaker) in characters.
fn report_starts(paragraph: &Paragraph, speakers: &[Speaker], from: usize) -> Vec<(usize, usize, usize)> {
    let from = paragraph.text.char_at_norm_byte(from);
    let mut starts = Vec::new();
    for &sentence in paragraph.sentences.iter().filter(|s| s.start >= from) {
        let norm = paragraph.text.norm_slice(sentence);
        let hit = speakers
            .iter()
            .enumerate()
            .find_map(|(i, s)| s.names.iter().find(|n| norm.starts_with(n.as_str())).map(|n| (i, n.chars().count())));
        if let Some((speaker, len)) = hit {
            // A unit speaks once: a later sentence opening with its name continues its report.
            if !starts.iter().any(|&(_, _, s)| s == speaker) {
                starts.push((sentence.start, sentence.start + len, speaker));
            }
        }
    }
    starts
}

/// Splits a span into clauses at top-level `，`, `；` and `。` (not inside quotes or
/// brackets); returns trimmed, non-empty character spans.
fn clauses(paragraph: &Paragraph, span: Span) -> Vec<Span> {
    let chars: Vec<char> = paragraph.text.norm_slice(span).chars().collect();
    let mut depth: i32 = 0;
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '（' | '《' | '‘' | '【' => depth += 1,
            '”' | '）' | '》' | '’' | '】' => depth = (depth - 1).max(0),
            '，' | '；' | '。' | '！' | '？' if depth == 0 => {
                if i > start {
                    out.push(Span::new(span.start + start, span.start + i));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < chars.len() {
        out.push(Span::new(span.start + start, span.end));
    }
    out.into_iter().map(|s| paragraph.text.trim(s)).filter(|s| !s.is_empty()).collect()
}

/// One unit's report: achievements before its shortfall, and the shortfall's items.
fn read_report(
    input: &ArticleInput,
    p: usize,
    paragraph: &Paragraph,
    start: usize,
    end: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Achievement>, Vec<Shortfall>) {
    let mut achievements = Vec::new();
    let mut shortfalls = Vec::new();
    for clause in clauses(paragraph, Span::new(start, end)) {
        let norm = paragraph.text.norm_slice(clause);
        if admits_shortfall(norm) {
            shortfalls = shortfall_items(paragraph, clause)
                .into_iter()
                .map(|span| Shortfall {
                    text: paragraph.text.printed_slice(span).to_string(),
                    evidence: Evidence { paragraph: p, span },
                })
                .collect();
            if shortfalls.is_empty() {
                diagnostics.push(input.diagnostic(
                    "shortfall_without_items",
                    Evidence { paragraph: p, span: clause },
                    "a shortfall is admitted but its items could not be told apart",
                ));
            }
            break;
        }
        achievements.push(achievement(input, p, paragraph, clause));
    }
    (achievements, shortfalls)
}

fn achievement(input: &ArticleInput, p: usize, paragraph: &Paragraph, clause: Span) -> Achievement {
    let text = &paragraph.text;
    let norm = text.norm_slice(clause);
    let claim = claims::read(norm);
    // A word of the clause, as printed.
    let offset = text.norm_bytes(clause).start;
    let printed = |r: &Range<usize>| text.printed_slice(text.span_of(offset + r.start..offset + r.end)).to_string();
    let resolved = claim.period.as_ref().and_then(|r| resolve_period(&norm[r.clone()], input.issue_date));
    Achievement {
        text: text.printed_slice(clause).to_string(),
        period: claim.period.as_ref().map(printed),
        period_start: resolved.map(|r| r.0),
        period_end: resolved.map(|r| r.1),
        rank_scope: claim.rank.as_ref().map(|r| printed(&r.scope)),
        rank: claim.rank.as_ref().map(|r| r.rank),
        rank_is_top: claim.rank.as_ref().is_some_and(|r| r.top),
        streak_years: claim.streak_years,
        value: claim.quantity.as_ref().map(|q| q.value),
        measure: claim.quantity.as_ref().map(|q| printed(&q.measure)),
        qualifier: claim.quantity.as_ref().and_then(|q| q.qualifier.as_ref().map(printed)),
        first_scope: claim.first_scope.as_ref().map(printed),
        evidence: Evidence { paragraph: p, span: clause },
    }
}

/// Whether the 及 between two characters is part of a word rather than a conjunction.
fn is_word_with_ji(before: Option<char>, after: Option<char>) -> bool {
    matches!(before, Some('涉' | '普' | '危' | '波' | '顾' | '企' | '不' | '来' | '所' | '提'))
        || matches!(after, Some('时' | '早' | '格' | '其'))
}

/// The items of a shortfall clause: its lead (但在) and tail (上仍存不足) removed, split at
/// `、` and at the conjunctions 及 / 以及 (not at the 及 of 及时, 涉及 …).
fn shortfall_items(paragraph: &Paragraph, clause: Span) -> Vec<Span> {
    let text = &paragraph.text;
    let norm = text.norm_slice(clause);
    let lead = SHORTFALL_LEAD.find(norm).map_or(0, |m| m.end());
    let tail = SHORTFALL_TAIL.find(norm).map_or(norm.len(), |m| m.start());
    if tail <= lead {
        return Vec::new();
    }
    let offset = text.norm_bytes(clause).start;
    let core = text.span_of(offset + lead..offset + tail);
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (start, end) of separators, in characters
    let mut depth = 0;
    for (i, c) in text.norm_slice(core).chars().enumerate() {
        match c {
            '“' | '（' | '《' => depth += 1,
            '”' | '）' | '》' => depth -= 1,
            '、' if depth == 0 => cuts.push((core.start + i, core.start + i + 1)),
            _ => {}
        }
    }
    // 及 and 以及 join items; 及 inside a word (及时, 涉及, 普及 …) does not.
    let core_chars: Vec<char> = text.norm_slice(core).chars().collect();
    for (i, &c) in core_chars.iter().enumerate() {
        if c != '及' {
            continue;
        }
        let before = i.checked_sub(1).map(|b| core_chars[b]);
        let after = core_chars.get(i + 1).copied();
        if before == Some('以') {
            cuts.push((core.start + i - 1, core.start + i + 1));
        } else if !is_word_with_ji(before, after) {
            cuts.push((core.start + i, core.start + i + 1));
        }
    }
    cuts.sort();
    let mut items = Vec::new();
    let mut start = core.start;
    for (cut_start, cut_end) in cuts {
        items.push(Span::new(start, cut_start));
        start = cut_end;
    }
    items.push(Span::new(start, core.end));
    items.into_iter().map(|s| text.trim(s)).filter(|s| !s.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use expect_test::{Expect, expect};

    use crate::segment::Tokenizer;
    use crate::{classify, dewrap, extract, segment};

    /// The unit reports of a page's first article, one line a report: the unit, its
    /// achievements (`+`) and its shortfalls (`-`).
    fn check(page: &str, expect: Expect) {
        let (dewrapped, _) = dewrap::dewrap(page);
        let (segmented, _) = segment::segment(&dewrapped, &Tokenizer::new());
        let (classified, _) = classify::classify(segmented);
        let date = NaiveDate::from_ymd_opt(2024, 5, 10);
        let (extraction, _) = extract::extract(&classified, date);
        let mut lines = Vec::new();
        for article in extraction.articles {
            for r in article.event.map(|e| e.unit_reports).unwrap_or_default() {
                let mut line = format!("{} ({})", r.unit, r.kind.as_str());
                for a in &r.achievements {
                    line.push_str(&format!(" +{}", a.text));
                }
                for s in &r.shortfalls {
                    line.push_str(&format!(" -{}", s.text));
                }
                lines.push(line);
            }
        }
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn a_roll_of_posts_or_bare_places_names_the_units_the_verdicts_open_with() {
        check(
            "本报讯 昨天下午，市委召开区委书记月度工作点评会。东湖、西岭两位区委书记依次发言。\n\
             听取发言后，书记逐一点评。东湖区完成道路改造12公里，推进园区建设。但存在招商乏力、服务滞后等不足。\
             西岭区新增就业3000人。\n",
            expect![[r#"
                东湖区 (district) +完成道路改造12公里 +推进园区建设 -招商乏力 -服务滞后
                西岭区 (district) +新增就业3000人"#]],
        );
        check(
            "本报讯 昨天下午，市委召开部门党组书记月度工作点评会。市河湖委、市林草局党组（党委）书记依次发言。\n\
             两位书记发言后，书记一一点评。市河湖委治理河道8条。但巡河制度落实、执法衔接等问题仍较突出。\
             市林草局新增绿地50公顷。\n",
            expect![[r#"
                市河湖委 (commission) +治理河道8条 -巡河制度落实 -执法衔接
                市林草局 (bureau) +新增绿地50公顷"#]],
        );
    }

    #[test]
    fn a_new_area_committee_speaks_as_its_new_area() {
        check(
            "本报讯 昨天上午，市委召开季度工作会议。会上，滨江新区区委、北塘区委先后发言。\n\
             滨江新区引进项目20个，但在人才集聚方面仍存不足。北塘区建成学校3所。\n",
            expect![[r#"
                滨江新区 (district) +引进项目20个 -人才集聚
                北塘区 (district) +建成学校3所"#]],
        );
    }
}
