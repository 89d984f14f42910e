//! What each unit reported at a meeting: achievements claimed and shortfalls admitted.
//!
//! A meeting's readout names its speakers first (`会上，闵行区委、宝山区委、市交通委…先后
//! 发言`), then gives each one's report as a run of sentences that opens with the unit's
//! name (`闵行区联合…`). A report's comma-separated clauses are its achievements, up to the
//! clause that admits a shortfall (`但在A、B上仍存不足`, `还存在一定问题`, `仍有差距` …),
//! whose items are split at `、` and `及`.
//!
//! A roll may name its units with their speakers' posts (`市水务局局长`, `…党组书记`) or by
//! bare places before one post (`东湖、西岭两位区委书记依次发言`), the chair's verdicts then
//! opening with each place and its level word (`东湖区…`). With no roll, a report is read
//! where a sentence says it was given (`王一就东河镇…进行了汇报。`, `…说，西山…`) and the
//! text after it opens with the unit that sentence names (or `我县`, `该镇`: the unit of the
//! speaker's title), or where it is quoted before its speaker (`“…”东河街道党工委书记王一说`).
//! Clauses that plan (`即将`, `力争`), direct (`要`) or open with 但 are no achievements.
//!
//! Units are recognized by their suffixes (区, 县, 镇, 街道, 委, 局, 办 …), not by name.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::claims;
use super::dates::{find_period, resolve_period};
use super::{Achievement, ArticleInput, Evidence, Shortfall, UnitReport};
use crate::diagnostics::{Diagnostic, DiagnosticKind};
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
          (?: (?:党组|党委|党工委)? (?:（党委）)? 书记                    # 党组（党委）书记
            | 主任 | 局长 | 区长 | 县长 | 镇长 | 乡长 | 市长 )?              # 局长
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
          (?:[一二三四五六七八九十两\d]+(?:位|个|区|县|镇|乡))?
          (?: (?P<level>新区|区|县|市|镇|乡|街道) (?:党工委|党委|委) )?
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

/// A sentence that says a unit's report was given, the report told after it:
/// `王一就东河镇上半年工作情况进行了汇报`, `…代表东河镇汇报发言`.
static REPORT_GIVEN: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?:(?:进行了?|作了?|做了?)(?:工作|专题|交流)?汇报|汇报(?:发言|工作)?|作了?(?:交流|表态)?发言|汇报了?[^，。；]{0,30}?(?:工作|情况|进展|成效)|作了?[^，。；]{1,30}?的汇报)[。！]?$",
    )
});
/// A speaker's words told in the third person, after their title and name:
/// `西山区委书记王一说，`, `区长王一在汇报时指出，`.
static SPEAKER_SAYS: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"(?:(?:在汇报时|在发言中|在汇报中|汇报时|发言时)(?:指出|表示)|说|介绍)[，：]"));
/// A title that names the speaker's unit, before the name: `西山区委书记王一`, `东河镇长王一`,
/// `市水务局局长王一`.
static TITLE_OF_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?P<place>\p{Han}{2,10}?)(?P<level>新区|街道|区|县|市|镇|乡|局|委|办)(?:委|党委|党工委|党组|人民政府|政府)?(?:书记|副书记|区长|县长|市长|镇长|乡长|局长|主任)(?P<name>\p{Han}{2,3})$",
    )
});
/// A quote told before its speaker: `“…”东河镇党委书记王一在发言时说。`
static QUOTE_THEN_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(r"^“(?P<quote>[^“”]+)”(?P<who>[^，。“”]{4,30}?)(?:在[^，。“”]{1,10}时)?(?:说|表示|介绍)[。！]")
});
/// A plan or an intention: a clause holding one claims nothing done.
static INTENDING: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(&words::alternation_of(|c| c == Class::Intending)));
/// Words before the unit that opens a narrated report: `据悉，`, `今年以来，`.
static NARRATED_LEAD: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"^(?:(?:据悉|据了解|据介绍|此外|目前)，)?(?:在[^，。；]{1,20}?方面，)?"));

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
                    DiagnosticKind::SpeakersWithoutReports,
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
    if reports.is_empty() {
        reports = narrated(input, &body, diagnostics);
    }
    reports
}

/// Reports told with no roll of speakers: a sentence says the report was given
/// (`王一就东河镇…进行了汇报。`) and the report follows it, or a speaker's words are told
/// after the title and name (`西山区委书记王一说，西山…`). The report must open with its unit
/// (after `据悉，` and clauses that only give a period), named as the sentence that
/// introduces it names it (`东河镇`, the bare place `西山` of `西山区委书记`), or `我县`, which
/// is the unit of the speaker's title. It runs to the end of its paragraph.
fn narrated(input: &ArticleInput, body: &[(usize, &Paragraph)], diagnostics: &mut Vec<Diagnostic>) -> Vec<UnitReport> {
    let mut reports: Vec<UnitReport> = Vec::new();
    for (k, &(p, paragraph)) in body.iter().enumerate() {
        for &sentence in &paragraph.sentences {
            let norm = paragraph.text.norm_slice(sentence);
            if norm.contains("听取") {
                continue;
            }
            let offset = paragraph.text.norm_bytes(sentence).start;
            // (who and what introduces the report, where the report may open)
            // A quote may hold sentences of its own: the speaker follows its last one.
            let from_here = &paragraph.text.norm()[paragraph.text.norm_bytes(sentence).start..];
            if let Some(q) = from_here.starts_with('“').then(|| QUOTE_THEN_SPEAKER.captures(from_here)).flatten() {
                if let Some(report) = quoted(input, p, paragraph, sentence, &q, reports.len() + 1, diagnostics) {
                    reports.push(report);
                }
                continue;
            }
            let (intro, openings): (&str, Vec<(usize, usize)>) = if let Some(says) = SPEAKER_SAYS.find(norm) {
                let at = paragraph.text.char_at_norm_byte(offset + says.end());
                (&norm[..says.start()], vec![(p, at)])
            } else if REPORT_GIVEN.is_match(norm) {
                let mut openings: Vec<(usize, usize)> = paragraph
                    .sentences
                    .iter()
                    .filter(|s| s.start >= sentence.end)
                    .take(1)
                    .map(|s| (p, s.start))
                    .collect();
                openings.extend(body.iter().skip(k + 1).take(3).map(|&(p2, para2)| (p2, para2.text.full().start)));
                (norm, openings)
            } else {
                continue;
            };
            let intro = intro.rsplit(['，', '、', '：']).next().unwrap_or(intro);
            let title = TITLE_OF_UNIT.captures(&intro[..speaker_end(intro)]);
            for (rp, at) in openings {
                if reports.iter().any(|r| r.evidence.paragraph == rp) {
                    continue;
                }
                let para = &input.article.paragraphs[rp];
                let (start, name_end, unit, by_title) = match narrated_unit(para, at, intro, title.as_ref()) {
                    Ok(found) => found,
                    Err(Unsettled::Unit) => {
                        diagnostics.push(input.diagnostic(
                            DiagnosticKind::ReportUnitUnsettled,
                            Evidence { paragraph: rp, span: para.sentence_at(at).unwrap_or(para.text.full()) },
                            "a report names its unit as 我县/我区, but the speaker's title names no unit",
                        ));
                        break;
                    }
                    Err(Unsettled::NoReport) => continue,
                };
                let end = para.text.len();
                let (achievements, shortfalls) = read_report(input, rp, para, name_end, end, diagnostics);
                if achievements.is_empty() && shortfalls.is_empty() {
                    continue;
                }
                // The introduction's words, as printed.
                let intro_at = offset + (intro.as_ptr() as usize - norm.as_ptr() as usize);
                let printed = |r: Range<usize>| {
                    paragraph
                        .text
                        .printed_slice(paragraph.text.span_of(intro_at + r.start..intro_at + r.end))
                        .to_string()
                };
                let speaker = match &title {
                    Some(t) => printed(t.get(0).expect("whole match").range()),
                    None => printed(0..speaker_end(intro)),
                };
                let unit_printed = match (&title, by_title) {
                    (Some(t), true) => printed(
                        t.name("place").expect("named group").start()..t.name("level").expect("named group").end(),
                    ),
                    _ => para.text.printed_slice(Span::new(start, name_end)).to_string(),
                };
                reports.push(UnitReport {
                    kind: words::unit_kind(&unit),
                    unit: unit_printed,
                    speaker: Some(speaker),
                    seq: reports.len() + 1,
                    evidence: Evidence { paragraph: rp, span: Span::new(start, end) },
                    achievements,
                    shortfalls,
                });
                break;
            }
        }
    }
    reports
}

/// A report quoted in the first person before its speaker, whose title names the unit
/// (`“街道新建…”东河街道党工委书记王一说。`): the unit is the title's, its innermost place
/// (`东河街道` of `西山市东河街道`); the quote's clauses are the report, after the words by
/// which the unit names itself (`我们`, `街道`).
fn quoted(
    input: &ArticleInput,
    p: usize,
    paragraph: &Paragraph,
    sentence: Span,
    q: &regex::Captures,
    seq: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<UnitReport> {
    let text = &paragraph.text;
    let offset = text.norm_bytes(sentence).start;
    let printed = |r: Range<usize>| text.printed_slice(text.span_of(offset + r.start..offset + r.end)).to_string();
    let who_match = q.name("who").expect("named group");
    let who = who_match.as_str().rsplit(['、', '，']).next().unwrap_or(who_match.as_str());
    let who_at = who_match.end() - who.len();
    let who = who.strip_suffix('则').unwrap_or(who);
    let title = TITLE_OF_UNIT.captures(who)?;
    let level = &title["level"];
    let place = title.name("place").expect("named group");
    let mut place_start = place.start();
    if matches!(level, "街道" | "镇" | "乡")
        && let Some(at) = place.as_str().rfind(['市', '县', '区']).filter(|&at| at + '市'.len_utf8() < place.len())
    {
        place_start += at + '市'.len_utf8();
    }
    let unit_range = who_at + place_start..who_at + title.name("level").expect("named group").end();
    let unit_norm = q.get(0).expect("whole match").as_str()[unit_range.clone()].to_string();
    let unit = printed(unit_range);
    let quote = q.name("quote").expect("named group");
    let mut from = quote.start();
    for own in ["我们", "我", unit_norm.as_str(), level] {
        if q["quote"].starts_with(own) {
            from = quote.start() + own.len();
            break;
        }
    }
    let start = text.char_at_norm_byte(offset + from);
    let end = text.char_at_norm_byte(offset + quote.end());
    let (achievements, shortfalls) = read_report(input, p, paragraph, start, end, diagnostics);
    if achievements.is_empty() && shortfalls.is_empty() {
        return None;
    }
    Some(UnitReport {
        kind: words::unit_kind(&unit_norm),
        unit,
        speaker: Some(printed(who_at..who_at + who.len())),
        seq,
        evidence: Evidence { paragraph: p, span: Span::new(start, end) },
        achievements,
        shortfalls,
    })
}

/// Where the speaker ends in the words that introduce a report: before `就…`, `代表…`,
/// `作了…`, `汇报…`.
fn speaker_end(intro: &str) -> usize {
    ["就", "代表", "作了", "作", "汇报"].iter().filter_map(|w| intro.find(w)).min().unwrap_or(intro.len())
}

/// Why a narrated report was not read.
enum Unsettled {
    /// The text there does not open with a unit the introduction names.
    NoReport,
    /// It opens with `我县`, and the speaker's title names no unit.
    Unit,
}

/// Where a narrated report opens at character `at` of a paragraph, the unit it names: its
/// start and end in characters, the unit with its level word (`西山` → `西山区`), and whether
/// the speaker's title names it (the report says `我县`).
fn narrated_unit(
    paragraph: &Paragraph,
    at: usize,
    intro: &str,
    title: Option<&regex::Captures>,
) -> Result<(usize, usize, String, bool), Unsettled> {
    let text = &paragraph.text;
    let from = text.norm_bytes(Span::new(at, text.len())).start;
    let mut rest = &text.norm()[from..];
    let lead = NARRATED_LEAD.find(rest).map_or(0, |m| m.end());
    rest = &rest[lead..];
    let mut skipped = lead;
    // Clauses that only give a period: `今年以来，`.
    while let Some(comma) = rest.find('，') {
        let clause = &rest[..comma];
        match find_period(clause) {
            Some(r) if r.start == 0 && r.end == clause.len() => {
                rest = &rest[comma + '，'.len_utf8()..];
                skipped += comma + '，'.len_utf8();
            }
            _ => break,
        }
    }
    let start = text.char_at_norm_byte(from + skipped);
    let chars: Vec<(usize, char)> = rest.char_indices().take(10).collect();
    // `我县`, `该镇`: the unit of the speaker's title.
    if let Some(level) = rest.strip_prefix(['我', '该']).and_then(|r| r.chars().next()) {
        if !matches!(level, '区' | '县' | '市' | '镇' | '乡') {
            return Err(Unsettled::NoReport);
        }
        let title = title.filter(|t| t["level"].starts_with(level)).ok_or(Unsettled::Unit)?;
        let end = text.char_at_norm_byte(from + skipped + '我'.len_utf8() + level.len_utf8());
        return Ok((start, end, format!("{}{}", &title["place"], &title["level"]), true));
    }
    if rest.starts_with(['全', '各', '本']) {
        return Err(Unsettled::NoReport);
    }
    for n in (2..=chars.len()).rev() {
        let end_byte = chars.get(n).map_or(rest.len(), |&(i, _)| i);
        let name = &rest[..end_byte];
        if !intro.contains(name) {
            continue;
        }
        let unit = if UNIT.is_match(name) {
            name.to_string()
        } else {
            match title.filter(|t| &t["place"] == name) {
                Some(t) => format!("{name}{}", &t["level"]),
                None => continue,
            }
        };
        let end = text.char_at_norm_byte(from + skipped + end_byte);
        return Ok((start, end, unit, false));
    }
    Err(Unsettled::NoReport)
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
        // An item may carry its speaker's post (`市水务局局长`): the unit is before it.
        let rest: Vec<Range<usize>> =
            rest.iter().map(|r| r.start..r.start + without_post(&clause[r.clone()]).len()).collect();
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
    // With no level word (`东湖、西岭两位书记`), each unit is named as its report names it.
    let level = c.name("level").map_or("", |m| m.as_str());
    let places = c.name("list").expect("named group");
    let mut speakers = Vec::new();
    let mut start = places.start();
    for item in places.as_str().split('、') {
        let r = at + start..at + start + item.len();
        start += item.len() + '、'.len_utf8();
        // `…等单位负责同志` closes a roll of units (read as such); with no level word the
        // items are bare places, not units.
        if item.starts_with(['全', '各']) || item.contains('等') || level.is_empty() && UNIT.is_match(item) {
            return None;
        }
        let printed = paragraph.text.printed_slice(paragraph.text.span_of(r)).to_string();
        let mut names = Vec::new();
        if level.is_empty() || item.ends_with(level) {
            names.push(item.to_string());
        } else {
            names.push(format!("{item}{level}"));
            names.push(item.to_string());
        }
        speakers.push(Speaker { printed, names });
    }
    Some(speakers)
}

/// A unit named with its speaker's post, without the post: `市水务局局长` → `市水务局`.
fn without_post(item: &str) -> &str {
    POST.find(item).map_or(item, |m| &item[..m.start()])
}

/// A speaker's post after the unit's name.
static POST: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?:党组|党委|党工委)?(?:（党委）)?(?:书记|主要负责同志|主要负责人|负责同志|负责人|主任|局长|区长|县长|镇长|乡长|市长)$",
    )
});

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
        if let Some((speaker, mut len)) = hit {
            // A bare place's report may name it with its level word (`东湖` → `东湖区`).
            let rest: String = norm.chars().skip(len).take(2).collect();
            if !UNIT.is_match(&norm.chars().take(len).collect::<String>()) {
                if rest.starts_with("街道") {
                    len += 2;
                } else if rest.starts_with(['区', '县', '镇', '乡', '市']) && !rest.starts_with("市场") {
                    len += 1;
                }
            }
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
    // `东湖区：新建…`: the colon after the unit's name is no part of its report.
    let start = if paragraph.text.norm_slice(Span::new(start, end)).starts_with('：') { start + 1 } else { start };
    // A period standing as its own clause (`1-6月份，全镇实现…`) is the period of the
    // clauses after it, up to the end of their sentence or `；`.
    let mut standing_period: Option<Span> = None;
    for clause in clauses(paragraph, Span::new(start, end)) {
        let norm = paragraph.text.norm_slice(clause);
        let closes =
            paragraph.text.norm()[paragraph.text.norm_bytes(clause).end..].starts_with(['；', '。', '！', '？']);
        if find_period(norm).is_some_and(|r| r.start == 0 && r.end == norm.len()) {
            standing_period = (!closes).then_some(clause);
            continue;
        }
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
                    DiagnosticKind::ShortfallWithoutItems,
                    Evidence { paragraph: p, span: clause },
                    "a shortfall is admitted but its items could not be told apart",
                ));
            }
            break;
        }
        // A plan or an intention (`即将竣工`, `力争…`) claims nothing done; a connective
        // (`此外`) claims nothing at all.
        if INTENDING.is_match(norm)
            || norm.starts_with('要') && !norm.starts_with("要素")
            || ["必须", "应当", "应该", "务必"].iter().any(|w| norm.starts_with(w))
            || matches!(norm, "此外" | "另外" | "同时" | "其中" | "目前")
        {
            continue;
        }
        // What follows 但 turns from what was done: never an achievement.
        if norm.starts_with('但') {
            diagnostics.push(input.diagnostic(
                DiagnosticKind::ReportClauseUnread,
                Evidence { paragraph: p, span: clause },
                "a clause of a report opens with 但 but admits no shortfall this rule can read",
            ));
            continue;
        }
        let mut found = achievement(input, p, paragraph, clause);
        if found.period.is_none()
            && let Some(period) = standing_period
        {
            let printed = paragraph.text.printed_slice(period).to_string();
            let resolved = resolve_period(paragraph.text.norm_slice(period), input.issue_date);
            found.period = Some(printed);
            found.period_start = resolved.map(|r| r.0);
            found.period_end = resolved.map(|r| r.1);
        }
        if closes {
            standing_period = None;
        }
        achievements.push(found);
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
    use expect_test::{Expect, expect};

    use crate::extract::tests::event_of;

    /// Renders the unit reports of a page's meeting: each unit with its kind, its achievements
    /// (`+`) and its shortfall items (`-`).
    fn check(page: &str, expect: Expect) {
        let event = event_of(page);
        let mut lines = Vec::new();
        for r in &event.unit_reports {
            lines.push(format!("{} {} ({})", r.seq, r.unit, r.kind.as_str()));
            lines.extend(r.achievements.iter().map(|a| format!("  + {}", a.text)));
            lines.extend(r.shortfalls.iter().map(|s| format!("  - {}", s.text)));
        }
        expect.assert_eq(&lines.join("\n"));
    }

    #[test]
    fn speakers_then_their_reports() {
        check(
            "本报讯 昨天，全市经济运行分析会召开。会上，东城区委、市商务委、市统计局先后发言。\n\
             东城区新增企业120家，税收增长5%，但在人才引进、土地供应上仍存不足。\n\
             市商务委举办促消费活动30场，但服务能力有待提升。\n\
             市统计局完成普查任务，数据质量还有差距。\n",
            expect![[r#"
                1 东城区 (district)
                  + 新增企业120家
                  + 税收增长5%
                  - 人才引进
                  - 土地供应
                2 市商务委 (commission)
                  + 举办促消费活动30场
                  - 服务能力
                3 市统计局 (bureau)
                  + 完成普查任务
                  - 数据质量"#]],
        );
    }

    #[test]
    fn an_aim_is_no_achievement() {
        check(
            "本报讯 昨天，全市经济运行分析会召开。会上，东城区委、市商务委先后发言。\n\
             东城区着眼建设区域科创中心，新增企业120家。\n\
             市商务委举办促消费活动30场。\n",
            expect![[r#"
                1 东城区 (district)
                  + 新增企业120家
                2 市商务委 (commission)
                  + 举办促消费活动30场"#]],
        );
    }

    #[test]
    fn every_shortfall_noun_of_the_lexicon_closes_a_report() {
        check(
            "本报讯 昨天，区政府工作推进会召开。会上，南湖镇、北山街道先后发言。\n\
             南湖镇完成绿化改造10处，基层治理依然存在薄弱环节。\n\
             北山街道建成养老服务站3个，为老服务仍有短板。\n",
            expect![[r#"
                1 南湖镇 (other)
                  + 完成绿化改造10处
                  - 基层治理
                2 北山街道 (other)
                  + 建成养老服务站3个
                  - 为老服务"#]],
        );
    }

    #[test]
    fn a_report_names_its_unit_by_the_short_form_of_its_suffix() {
        check(
            "本报讯 昨天，市委召开季度工作会议。会上，西江区委、东岭县委先后发言。\n\
             西江区推动项目落地12个。\n\
             东岭县新建公路30公里，但产业基础仍需加强。\n",
            expect![[r#"
                1 西江区 (district)
                  + 推动项目落地12个
                2 东岭县 (district)
                  + 新建公路30公里
                  - 产业基础"#]],
        );
    }
}

#[cfg(test)]
/// Reports as real meetings introduce them: rolls of posts and places, narrated, quoted.
mod introduced_tests {
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
    fn a_report_narrated_with_no_roll_opens_with_its_unit() {
        check(
            "本报讯 昨天上午，县里召开半年工作汇报会。\n\
             镇长林一就青溪镇上半年工作情况进行了汇报。今年以来，青溪镇新建厂房3万平方米，\
             1-6月份，全镇实现工业产值8.2亿元，同比增长9%；即将完成道路改造。\n\
             听取汇报后，县长周二对青溪镇的工作给予肯定。\n",
            expect![[r#"青溪镇 (other) +新建厂房3万平方米 +全镇实现工业产值8.2亿元 +同比增长9%"#]],
        );
        check(
            "本报讯 昨天晚上，全市县委书记工作交流会召开。\n\
             南岭县委书记陈三说，南岭全力抓项目，新开工项目25个，此外，物流园顺利投用。\n",
            expect![[r#"南岭 (district) +全力抓项目 +新开工项目25个 +物流园顺利投用"#]],
        );
        check(
            "本报讯 昨天下午，县里召开项目督查汇报会。\n\
             东坪县县长许四就我县项目建设情况作了汇报。\n\
             据悉，今年以来，我县共落地项目12项，总投资3亿元。\n",
            expect![[r#"东坪县 (district) +共落地项目12项 +总投资3亿元"#]],
        );
    }

    #[test]
    fn a_report_quoted_in_the_first_person_is_the_unit_of_its_speakers_title() {
        check(
            "本报讯 昨天，全市项目擂台赛举行。\n\
             “街道梳理了15个重点项目，专班推进、挂图作战，全部投产后将新增税收2亿元。”北山市河口街道党工委书记吴五在登台时说。\n",
            expect![[r#"河口街道 (other) +梳理了15个重点项目 +专班推进、挂图作战"#]],
        );
    }

    #[test]
    fn a_clause_opening_with_but_is_never_an_achievement() {
        check(
            "本报讯 昨天下午，市委召开季度工作会议。会上，东湖区、西岭区先后发言。\n\
             东湖区新建公园3个，改造老旧小区12个，但在招商引资、产业用地保障等。\n\
             西岭区建成学校2所。\n",
            expect![[r#"
                东湖区 (district) +新建公园3个 +改造老旧小区12个
                西岭区 (district) +建成学校2所"#]],
        );
    }

    #[test]
    fn rolls_of_posts_in_other_words() {
        check(
            "本报讯 昨天下午，市委召开部门月度工作讲评会。市河湖委主任、市林草局局长依次发言。\n\
             市河湖委治理河道8条。市林草局新增绿地50公顷。\n",
            expect![[r#"
                市河湖委 (commission) +治理河道8条
                市林草局 (bureau) +新增绿地50公顷"#]],
        );
        check(
            "本报讯 昨天下午，市委召开月度工作点评会。东湖、西岭两区区委书记依次发言。\n\
             书记逐一点评。东湖区新建学校4所。西岭区改造管网30公里。\n",
            expect![[r#"
                东湖区 (district) +新建学校4所
                西岭区 (district) +改造管网30公里"#]],
        );
        check(
            "本报讯 昨天下午，县委召开乡镇书记点评会。青溪、白塔两位书记先后发言。\n\
             青溪镇新修道路6公里。白塔镇引进企业3家。\n",
            expect![[r#"
                青溪镇 (other) +新修道路6公里
                白塔镇 (other) +引进企业3家"#]],
        );
    }

    #[test]
    fn narrated_reports_in_other_words() {
        check(
            "本报讯 昨天上午，县里召开重点工作督查汇报会。\n\
             白塔镇党委书记郑六汇报了白塔镇上半年工作。今年以来，白塔镇新建农房120户，完成投资2亿元。\n",
            expect![[r#"白塔镇 (other) +新建农房120户 +完成投资2亿元"#]],
        );
        check(
            "本报讯 昨天上午，全市乡镇街道工作交流会召开。\n\
             河口街道党工委书记冯七介绍：河口街道今年以来新增市场主体800户，办结民生实事20件。\n",
            expect![[r#"河口街道 (other) +今年以来新增市场主体800户 +办结民生实事20件"#]],
        );
        // The chair's words are no unit's report.
        check(
            "本报讯 昨天上午，区委常委会召开会议。\n\
             西岭区委书记钱八说，西岭区要加快项目建设，必须守住安全底线。\n",
            expect![[""]],
        );
    }

    #[test]
    fn a_roll_closed_by_a_collective_is_read_as_units() {
        check(
            "本报讯 昨天上午，区委召开季度工作会议。会上，东河街道、青溪镇等单位负责同志作交流发言。\n\
             东河街道新增企业12家。青溪镇建成农贸市场2个。\n",
            expect![[r#"
                东河街道 (other) +新增企业12家
                青溪镇 (other) +建成农贸市场2个"#]],
        );
    }

    #[test]
    fn narrated_reports_that_name_their_unit_by_its_level() {
        check(
            "本报讯 昨天上午，县里召开乡镇工作点评会。\n\
             白塔镇镇长郑六作了题为《抓项目促发展》的汇报。今年以来，该镇新建农房120户。\n",
            expect![[r#"白塔镇 (other) +新建农房120户"#]],
        );
        check(
            "本报讯 昨天下午，市委召开季度工作会议。会上，东湖区、西岭区先后发言。\n\
             东湖区：新建公园3个。西岭区：建成学校2所。\n",
            expect![[r#"
                东湖区 (district) +新建公园3个
                西岭区 (district) +建成学校2所"#]],
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
