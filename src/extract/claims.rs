//! What one clause of a unit's report claims: a rank (`全市第一`), a streak (`连续四年`), a
//! first of its kind (`全国首个`, `首创`), a quantity (`4.5万场`, `近2000万人次`, `约50%`).
//!
//! Words of the clause (the scope of a rank, a measure word, a qualifier) are returned as
//! byte ranges of the normalized clause, so the caller stores them as printed (`個` on a
//! page in traditional characters).

use std::ops::{Range, RangeInclusive};
use std::sync::LazyLock;

use regex::Regex;

use super::dates::{chinese_number, find_period};
use crate::lexicon;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Claim {
    /// Byte range of the period the clause opens with, in the normalized clause.
    pub period: Option<Range<usize>>,
    pub rank: Option<Rank>,
    pub streak_years: Option<u32>,
    pub quantity: Option<Quantity>,
    /// `全国` of 全国首个, or `首创`.
    pub first_scope: Option<Range<usize>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rank {
    pub scope: Range<usize>,
    pub rank: u32,
    /// Among the first `rank` (`前三`), rather than at that place.
    pub top: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// With 万, 亿 multiplied out.
    pub value: f64,
    pub measure: Range<usize>,
    pub qualifier: Option<Range<usize>>,
}

const NUMERAL: &str = r"[一二三四五六七八九十两\d]+";

static RANK: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"(?P<scope>全市|全省|全国|全区|全县|全州|全球|全网|长三角|中心城区|郊区|各区|同类城市|副省级城市|省会城市)(?:中)?(?:排名|排|位列|位居|居|名列)?(?:第(?P<n>{NUMERAL})(?:名|位)?|前(?P<top>{NUMERAL})(?:名|位)?|(?P<first>首位|之首|榜首|第一方阵|居首))"
    ))
});
static STREAK: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(&format!(r"连续(?P<n>{NUMERAL})(?:个)?年")));
static FIRST: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"(?P<scope>全国|全球|全市|全省|全区|全县|国内|世界|亚洲|全网)(?:首个|首家|首条|首部|首座|首台|首款|首单|首例|首批|首艘|首架|首所|首只|首项|首张|首笔|首套|第一个|首创)|(?P<pioneer>首创)",
    )
});
static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    let measures = lexicon::alternation(lexicon::MEASURE_WORDS.iter().copied());
    let qualifiers = lexicon::alternation(lexicon::QUANTITY_QUALIFIERS.iter().copied());
    lexicon::regex(&format!(
        r"(?P<q>{qualifiers})?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<mult>[万亿千百]*)(?P<after>余|多)?(?P<measure>{measures})"
    ))
});

/// Measure words that count items (`22个项目`): a total may follow them.
const ITEM_MEASURES: [&str; 5] = ["个", "项", "家", "批", "座"];
/// Words that open the total of the items counted before (`总投资252亿元`).
const TOTALS: [&str; 6] = ["总投资", "总金额", "总额", "合计", "共计", "总计"];

/// A decimal number times ten to a power, computed on its digits so that `642.3亿` is
/// exactly 64230000000.
fn scaled(number: &str, exponent: usize) -> Option<f64> {
    let number = number.replace(',', "");
    let (whole, fraction) = number.split_once('.').unwrap_or((&number, ""));
    let digits = format!("{whole}{fraction}");
    let shifted = if exponent >= fraction.len() {
        format!("{digits}{}", "0".repeat(exponent - fraction.len()))
    } else {
        let point = digits.len() - (fraction.len() - exponent);
        format!("{}.{}", &digits[..point], &digits[point..])
    };
    shifted.parse().ok()
}

// Most clauses claim no streak, rank or first of its kind, and many no quantity: each pattern
// is tried only on a clause holding a character that any match of it holds, which is looked
// for much faster than the pattern is.

/// [`STREAK`] needs 连 (连续).
fn may_hold_streak(clause: &str) -> bool {
    clause.contains('连')
}

/// [`RANK`] needs 第, 前 or 首 (第一, 前三, 首位, 榜首 …).
fn may_hold_rank(clause: &str) -> bool {
    clause.contains('第') || clause.contains('前') || clause.contains('首')
}

/// [`FIRST`] needs 首 or 第 (第一个).
fn may_hold_first(clause: &str) -> bool {
    clause.contains('首') || clause.contains('第')
}

/// [`QUANTITY`] needs a decimal digit (`\d`): a numeric character, and none of the CJK
/// unified ideographs is.
fn may_hold_quantity(clause: &str) -> bool {
    clause
        .chars()
        .any(|c| c.is_ascii_digit() || !c.is_ascii() && !CJK_UNIFIED_IDEOGRAPHS.contains(&c) && c.is_numeric())
}

const CJK_UNIFIED_IDEOGRAPHS: RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

/// Reads a clause's claims from its normalized text.
pub fn read(clause: &str) -> Claim {
    let period = find_period(clause);
    let streak = may_hold_streak(clause).then(|| STREAK.captures(clause)).flatten();
    let rank = may_hold_rank(clause).then(|| RANK.captures(clause)).flatten().and_then(|c| {
        let scope = c.name("scope")?.range();
        if c.name("first").is_some() {
            return Some(Rank { scope, rank: 1, top: false });
        }
        let (n, top) = match (c.name("n"), c.name("top")) {
            (Some(n), _) => (n.as_str(), false),
            (None, Some(t)) => (t.as_str(), true),
            _ => return None,
        };
        Some(Rank { scope, rank: chinese_number(n)?, top })
    });
    let first_scope = may_hold_first(clause)
        .then(|| FIRST.captures(clause))
        .flatten()
        .and_then(|c| c.name("scope").or(c.name("pioneer")))
        .map(|m| m.range());
    let taken: Vec<Range<usize>> =
        [period.clone(), streak.as_ref().and_then(|c| c.get(0)).map(|m| m.range())].into_iter().flatten().collect();
    let quantities = may_hold_quantity(clause).then(|| QUANTITY.captures_iter(clause));
    let found: Vec<(usize, Quantity)> = quantities
        .into_iter()
        .flatten()
        .filter_map(|c| {
            let whole = c.get(0)?;
            let num = c.name("num")?;
            if taken.iter().any(|t| t.start < whole.end() && whole.start() < t.end) {
                return None;
            }
            let before = clause[..num.start()].chars().next_back();
            // A code (G60), an ordinal (第3), a version or a range (1-2).
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, '第' | '-' | '.' | '—' | '～' | '~'))
            {
                return None;
            }
            // A number inside quotes names something (`“30条”`); it is not a quantity.
            let open_quotes = clause[..num.start()].matches('“').count();
            if open_quotes > clause[..num.start()].matches('”').count() {
                return None;
            }
            let after = &clause[whole.end()..];
            if after.starts_with(['-', '—', '～', '~', '至']) {
                return None;
            }
            let exponent: usize = c["mult"]
                .chars()
                .map(|m| match m {
                    '万' => 4,
                    '亿' => 8,
                    '千' => 3,
                    _ => 2,
                })
                .sum();
            let quantity = Quantity {
                value: scaled(num.as_str(), exponent)?,
                measure: c.name("measure")?.range(),
                qualifier: c.name("q").or(c.name("after")).map(|q| q.range()),
            };
            Some((whole.start(), quantity))
        })
        .collect();
    // `22个项目总投资252亿元`: a count of items, then their total; the total is the claim.
    let counts_items = |q: &Quantity| ITEM_MEASURES.contains(&&clause[q.measure.clone()]);
    let total = found
        .first()
        .filter(|(_, q)| counts_items(q))
        .and_then(|_| found.iter().skip(1).find(|(start, _)| TOTALS.iter().any(|t| clause[..*start].ends_with(t))));
    let quantity = total.or(found.first()).map(|(_, q)| q.clone());
    Claim { period, rank, streak_years: streak.and_then(|c| chinese_number(&c["n"])), quantity, first_scope }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{CORPUS, SAMPLE, normalized};
    use expect_test::{Expect, expect};

    fn check(clause: &str, expect: Expect) {
        let claim = read(&crate::text::normalize(clause));
        let mut parts = Vec::new();
        if let Some(p) = &claim.period {
            parts.push(format!("period={}", &crate::text::normalize(clause)[p.clone()]));
        }
        let norm = crate::text::normalize(clause);
        if let Some(r) = &claim.rank {
            parts.push(format!("rank={}{}{}", &norm[r.scope.clone()], if r.top { " top " } else { " " }, r.rank));
        }
        if let Some(s) = claim.streak_years {
            parts.push(format!("streak={s}"));
        }
        if let Some(q) = &claim.quantity {
            let qualifier = q.qualifier.clone().map_or("-", |r| &norm[r]);
            parts.push(format!("value={} {} {}", q.value, &norm[q.measure.clone()], qualifier));
        }
        if let Some(f) = &claim.first_scope {
            parts.push(format!("first={}", &norm[f.clone()]));
        }
        expect.assert_eq(&parts.join("; "));
    }

    #[test]
    fn every_claim_passes_the_test_for_what_it_needs() {
        assert!(CJK_UNIFIED_IDEOGRAPHS.clone().all(|c| !c.is_numeric()));
        let mut clauses: Vec<String> = normalized(&[SAMPLE, CORPUS])
            .iter()
            .flat_map(|page| page.split(['，', '。', '；', '\n']).map(str::to_string).collect::<Vec<_>>())
            .collect();
        clauses.extend(["增长٣倍", "完成१२项"].map(String::from));
        let tests = [
            (&*STREAK, may_hold_streak as fn(&str) -> bool),
            (&*RANK, may_hold_rank),
            (&*FIRST, may_hold_first),
            (&*QUANTITY, may_hold_quantity),
        ];
        for (pattern, may_hold) in tests {
            let mut claims = 0;
            for clause in clauses.iter().filter(|c| pattern.is_match(c)) {
                assert!(may_hold(clause), "{clause}");
                claims += 1;
            }
            assert!(claims >= 10, "only {claims} clauses match {pattern}");
        }
    }

    #[test]
    fn ranks_and_streaks() {
        check("社零总额增速连续两年全市第一", expect![["rank=全市 1; streak=2"]]);
        check("今年1-2月创业帮扶完成度居全市第一", expect![["period=今年1-2月; rank=全市 1"]]);
        check("电子营业执照全年使用次数排名全国第一", expect![["rank=全国 1"]]);
        check("数字经济核心产业增加值位列全省前三", expect![["rank=全省 top 3"]]);
        check("绿色食品认证率连续4年位居全市第二", expect![["rank=全市 2; streak=4"]]);
        check("社零总额增速全市居首", expect![["rank=全市 1"]]);
        check("营商环境评价居全市首位", expect![["rank=全市 1"]]);
        check("两项指标增幅均居全省首位", expect![["rank=全省 1"]]);
        check("新增市场主体数量全市居首", expect![["rank=全市 1"]]);
        check("外贸进出口增速居全市首位", expect![["rank=全市 1"]]);
    }

    #[test]
    fn quantities() {
        check("去年营业性演出首次突破4.5万场", expect![["period=去年; value=45000 场 -"]]);
        check("接待观众近2000万人次", expect![["value=20000000 人次 近"]]);
        check("整治背街小巷1200余条", expect![["value=1200 条 余"]]);
        check("新增就业岗位3万多个", expect![["value=30000 个 多"]]);
        check("春节期间接待游客同比增长约50%", expect![["period=春节期间; value=50 % 约"]]);
        check("今年1-2月盘活存量土地1030亩", expect![["period=今年1-2月; value=1030 亩 -"]]);
        check("去年累计引进亿元以上产业项目65个", expect![["period=去年; value=65 个 -"]]);
        check("探索G60党建联建、产业链党建", expect![[""]]);
        check("牵头出台支持民营经济高质量发展“30条”", expect![[""]]);
        check("完成固定资产投资超过1,200亿元", expect![["value=120000000000 元 超过"]]);
        check("社会消费品零售总额达642.3亿元", expect![["value=64230000000 元 -"]]);
        // items counted, then their total
        check("签约落地12个项目总投资86亿元", expect!["value=8600000000 元 -"]);
        check("引进项目12个，新增就业800人", expect!["value=12 个 -"]);
    }

    #[test]
    fn firsts() {
        check("全国首个等容量煤电替代示范项目建成投产", expect![["first=全国"]]);
        check("首创社区治理学院模式", expect![["first=首创"]]);
        check("率先实施社会文物管理综合改革试点", expect![[""]]);
        check("服务保障国产首艘大型邮轮首航", expect![[""]]);
    }
}
