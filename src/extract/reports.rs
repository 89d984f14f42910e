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
use super::{Achievement, ArticleInput, Evidence, Shortfall, UnitKind, UnitReport};
use crate::diagnostics::Diagnostic;
use crate::lexicon;
use crate::segment::Paragraph;
use crate::text::Span;

/// A list of speakers and the verb after it.
static SPEAKERS: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?P<list>[^，。；：]{2,240}?)(?:等(?:[\p{Han}]{0,4}(?:单位|部门|地区))?)?(?:的)?(?:主要)?(?:负责同志|负责人|相关负责人)?(?:先后|依次|分别|相继|逐一)?(?:作)?(?:交流发言|发言|汇报交流|作汇报|汇报|报告工作|作工作汇报|交流)",
    )
});
/// Words that open a list of speakers but are not part of its first item.
static LIST_LEAD: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"^(?:会议上|会上|会议|会前|随后|首先|还|先后)?(?:听取了?|听取)?"));
/// A unit: a place (district, county, town, street) or an office (commission, bureau …).
static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^(?:我区|我县|我市|我镇|[\p{Han}]{1,14}?(?:区委|县委|市委|镇委|党工委|区政府|县政府|新区|自治县|区|县|市|镇|乡|街道|开发区|高新区|园区|管委会|委员会|委|局|办公室|办|厅|中心|集团|公司|学校|大学|医院|银行|院|所))$",
    )
});

/// Cues that a clause admits a shortfall.
static SHORTFALL: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?:仍存|存在|还有|仍有|尚有|尚存|依然存在|仍然存在)[^，。；]{0,6}?(?:不足|问题|差距|短板|弱项|薄弱环节)|(?:仍|还|尚|亟)(?:需|待)(?:进一步)?(?:加强|提升|提高|改进|突破)|有待(?:进一步)?(?:加强|提升|提高|改进)",
    )
});
static SHORTFALL_LEAD: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"^(?:但是|但|不过|同时|然而)?(?:，)?(?:在|对照[^，]{0,10}?，)?"));
static SHORTFALL_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?:等方面|方面|等领域|领域|工作上|上|中)?(?:与[^，。；]{1,16}?相比)?(?:仍然|依然|依旧|仍|还|尚|也)?(?:存在|存|有)?(?:一定的?|一些|较大的?|明显的?|不少)?(?:不足|问题|差距|短板|弱项|薄弱环节)$|(?:等方面|方面|上)?(?:仍|还|尚|亟)(?:需|待)(?:进一步)?(?:加强|提升|提高|改进|突破)$|(?:等方面|方面|上)?有待(?:进一步)?(?:加强|提升|提高|改进)$",
    )
});

/// A unit named in a list of speakers, with the names its report may open with.
struct Speaker {
    printed: String,
    /// Longest first: `闵行区委`, `闵行区`.
    names: Vec<String>,
}

/// The unit reports of a meeting article.
pub(super) fn read(input: &ArticleInput, diagnostics: &mut Vec<Diagnostic>) -> Vec<UnitReport> {
    let body: Vec<(usize, &Paragraph)> = input.body().collect();
    for (k, &(p, paragraph)) in body.iter().enumerate() {
        let Some((speakers, list_end)) = speaker_list(paragraph) else { continue };
        let mut starts: Vec<(usize, usize, usize, usize)> = Vec::new(); // (paragraph, start, name end, speaker)
        for (k2, &(p2, paragraph2)) in body.iter().enumerate().skip(k) {
            let from = if k2 == k { list_end } else { 0 };
            let found = report_starts(paragraph2, &speakers, from);
            if found.is_empty() && !starts.is_empty() {
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
        let mut reports = Vec::new();
        for (i, &(rp, start, name_end, s)) in starts.iter().enumerate() {
            let paragraph = &input.article.paragraphs[rp];
            let end = match starts.get(i + 1) {
                Some(&(np, next, _, _)) if np == rp => next,
                _ => paragraph.text.len(),
            };
            let unit = paragraph.text.printed_slice(Span::new(start, name_end)).to_string();
            let report = read_report(input, rp, paragraph, name_end, end, diagnostics);
            reports.push(UnitReport {
                kind: unit_kind(paragraph.text.norm_slice(Span::new(start, name_end))),
                unit,
                speaker: Some(speakers[s].printed.clone()),
                seq: s + 1,
                evidence: Evidence { paragraph: rp, span: Span::new(start, end) },
                achievements: report.0,
                shortfalls: report.1,
            });
        }
        return reports;
    }
    Vec::new()
}

/// A list of at least two speakers, and where it ends (byte offset of the normalized text).
fn speaker_list(paragraph: &Paragraph) -> Option<(Vec<Speaker>, usize)> {
    let norm = paragraph.text.norm();
    for caps in SPEAKERS.captures_iter(norm) {
        let list = caps.name("list").expect("named group");
        let lead = LIST_LEAD.find(list.as_str()).map_or(0, |m| m.end());
        let items: Vec<Range<usize>> = split_items(list.as_str(), lead)
            .into_iter()
            .map(|r| list.start() + r.start..list.start() + r.end)
            .collect();
        if items.len() < 2 || !items.iter().all(|r| UNIT.is_match(&norm[r.clone()])) {
            continue;
        }
        let speakers = items
            .into_iter()
            .map(|r| {
                let name = &norm[r.clone()];
                let printed = paragraph.text.printed_slice(paragraph.text.span_of(r)).to_string();
                let mut names = vec![name.to_string()];
                for (suffix, short) in
                    [("区委", "区"), ("县委", "县"), ("市委", "市"), ("区政府", "区"), ("县政府", "县"), ("镇委", "镇")]
                {
                    if let Some(stem) = name.strip_suffix(suffix) {
                        if !stem.is_empty() {
                            names.push(format!("{stem}{short}"));
                        }
                    }
                }
                Speaker { printed, names }
            })
            .collect();
        return Some((speakers, caps.get(0).expect("whole match").end()));
    }
    None
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
            items.push(last.start + at + 3..last.end);
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

fn unit_kind(unit: &str) -> UnitKind {
    if ["区", "县", "区委", "县委", "新区", "自治县", "市", "市委", "区政府", "县政府"]
        .iter()
        .any(|s| unit.ends_with(s))
    {
        UnitKind::District
    } else if unit.ends_with('委') || unit.ends_with("委员会") {
        UnitKind::Commission
    } else if unit.ends_with('局') {
        UnitKind::Bureau
    } else {
        UnitKind::Other
    }
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
        if SHORTFALL.is_match(norm) {
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
    let period = claim.period.as_ref().map(|r| {
        let offset = text.norm_bytes(clause).start;
        text.printed_slice(text.span_of(offset + r.start..offset + r.end)).to_string()
    });
    let resolved = claim.period.as_ref().and_then(|r| resolve_period(&norm[r.clone()], input.issue_date));
    Achievement {
        text: text.printed_slice(clause).to_string(),
        period,
        period_start: resolved.map(|r| r.0),
        period_end: resolved.map(|r| r.1),
        rank_scope: claim.rank.as_ref().map(|r| r.scope.clone()),
        rank: claim.rank.as_ref().map(|r| r.rank),
        rank_is_top: claim.rank.as_ref().is_some_and(|r| r.top),
        streak_years: claim.streak_years,
        value: claim.quantity.as_ref().map(|q| q.value),
        measure: claim.quantity.as_ref().map(|q| q.measure.clone()),
        qualifier: claim.quantity.as_ref().and_then(|q| q.qualifier.clone()),
        first_scope: claim.first_scope,
        evidence: Evidence { paragraph: p, span: clause },
    }
}

/// The items of a shortfall clause: its lead (但在) and tail (上仍存不足) removed, split at
/// `、` and at the conjunctions 及 / 以及 (as jieba cut them, so 及时 stays whole).
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
    for token in paragraph.tokens_in(core) {
        let word = text.norm_slice(token.span);
        if word == "及" || word == "以及" {
            cuts.push((token.span.start, token.span.end));
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
