//! What a web copy prints around its article: navigation, metadata, trailers, captions.
//!
//! A page saved from a web site (one paragraph per line: dewrap's `Layout::Unwrapped`) holds
//! more than the article: a breadcrumb (`当前位置：首页 > 要闻`), the site's name, metadata
//! lines (`发布时间：… 来源：…`, `• 成文日期：…`, a date alone), buttons (`分享到`, `打印`,
//! `【大 中 小】`), and after the article a trailer (`关键词`, `责任编辑`, `阅读 120 次`, an ICP
//! number, `上一篇`, comment boxes, lines of `|` or `★`). None of it is headline or body:
//! - [`line_kind`] tells a metadata line (a note, with its label) from furniture (set aside);
//!   it applies to every page, but only to lines of these closed forms;
//! - [`web_headings`] picks a web copy's headline lines among those printed on top of its
//!   article and below the site's header (what is printed before a navigation line): the
//!   lines that are neither furniture nor a photo caption nor a repetition;
//! - [`split_glued_metadata`] cuts a metadata line off the paragraph it was glued to
//!   (`… | 责任编辑：林某5月5日，…`), before anything else reads the blocks;
//! - [`web_trailer`] says what the short lines after a web copy's last paragraph are: a
//!   paragraph cut off by the copy (it has a comma: running text) or a trailer line, never a
//!   headline. The print rule (a block of headlines printed after the articles, shared out by
//!   the words they share; see `headlines`) is for print layouts only.

use std::sync::LazyLock;

use regex::Regex;

use crate::dewrap::{Block, Shape};
use crate::lexicon;
use crate::text::{Span, Text};

/// What a short line of a page is, when it is not text of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum LineKind {
    /// Metadata about the article (`发布时间`, `来源`, `关键词`, a date): kept as a note. The
    /// value starts at byte `value_at` of the line as given.
    Meta { label: String, value_at: usize },
    /// The site's furniture (navigation, buttons, comment boxes, page codes): set aside.
    Furniture,
}

/// Labels of metadata lines; each may follow a bullet or a bracket, and come before a colon
/// or a space.
static META: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^[•·●▪\-\s【\[]*(?P<label>发布时间|发布日期|发稿时间|更新时间|发布者|发布机构|发布人|信息来源|文章来源|稿件来源|来源|作者|责任编辑|责编|编辑|审核|审稿|校对|一审|二审|三审|终审|初审|复审|关键词|关键字|标签|浏览次数|浏览量|浏览|阅读量|阅读|点击量|点击数|点击|索引号|发文日期|成文日期|发文机关|文号|主题分类|组配分类|体裁分类|公开方式|公开范围|时效|供稿|稿源|时间|日期)[】\]]?\s*[：:\s]\s*(?P<value>.*)$",
    )
});

/// Labels of a government portal's metadata, printed with no separator before their value
/// once layout spaces are gone (`发文日期2022-04-08`, `公开方式主动公开`).
static META_GLUED: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^[•·●▪\-\s【\[]*(?P<label>索引号|发文日期|成文日期|发布日期|发布时间|发布机构|公开方式|公开范围|主题分类|组配分类|体裁分类|发文机关)(?P<value>.*)$",
    )
});

/// A date (and time) that opens a line: `2023-05-06 08:30`, `2023年05月06日18:20`,
/// `06.05.2023 10:22`.
static DATE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^[•·\s]*(?:\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?|\d{1,2}\.\d{1,2}\.\d{4})(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*(?:星期[一二三四五六日天])?\s*[|｜丨]?\s*",
    )
});

/// Furniture named by what it offers: navigation, buttons, sharing, comments, legal lines.
static FURNITURE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^[【\[】\]>＞»›\s]*(?:跳过导航|当前位置|您的位置|您当前的位置|您所在的位置|您现在的位置|网站首页|首页\s*[>＞»›]|[>＞»›]{2}|上一篇|下一篇|上一条|下一条|相关下载|相关文章|相关新闻|相关阅读|相关链接|相关稿件|推荐阅读|延伸阅读|热点推荐|新闻多一点|最新评论|最热评论|我来说两句|发表评论|网友评论|我要投稿|投稿|分享|扫一扫|扫码|用微信|打印|关闭|收藏|加入收藏|设为首页|返回顶部|返回首页|返回|字号|字体|放大|缩小|默认|进入老年版|老年版|无障碍|点赞|请输入|验证码|版权所有|技术支持|联系我们|网站地图|主办单位|承办单位|查看原文|阅读原文|新闻热线|https?://|www\.)",
    )
});

/// A breadcrumb, however long.
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^[【\[\s]*(?:(?:当前位置|您的位置|您当前的位置|您所在的位置|您现在的位置)\s*[：:>＞»›]|(?:上一篇|下一篇|上一条|下一条)\s*[：:])",
    )
});

/// Furniture anywhere in a short line.
static FURNITURE_INSIDE: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"ICP|备案号|公网安备|版权所有|Copyright|©|主办\s*$|承办\s*$|分享至|分享到|人参与|条评论|阅读\s*\d+\s*次|浏览\s*\d+\s*次|[大中小]\s+[大中小]\s+[大中小]|放大\s*缩小|\{\{|\}\}|数字报纸|数字报刊|电子版$|^\s*[（(]?以上.{0,12}转自|^\s*转自|必填|帮助我们|抢沙发|首页\s*[>＞»›]|往期阅读|上一版|下一版|当前版\s*[：:]|读完约|本篇文章\s*\d+\s*字|本文字数|^[（(]资料图片?[）)]$|发表评论|追加内容|此页面有问题|转载请|版权声明|免责声明|本文为.{0,12}(?:原创|独家)",
    )
});

/// A page's printed edition: `第 10 版`, `00002版：要闻`, `版次：A3`, `《某报》（2022年03月01日 第 6 版）`.
static EDITION: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^\d{1,5}\s*版\s*[：:]|^版次|^版面|^第\s*[0-9一二三四五六七八九十A-Z]+\s*版|第\s*\d+\s*版\s*[）)]?$",
    )
});

/// A byline line with `报道`/`报导`: `记者张三/综合报导`, `记者 张三 报道`.
static BYLINE_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^(?:本报|本台|本网)?(?:记者|通讯员)[\p{Han}·\s、，]{2,16}(?:[/／][\p{Han}]{0,6})?\s*(?:报道|报导)$",
    )
});

/// What a line is, when it is metadata or furniture; `None` for anything else (headline,
/// body, caption). Only short lines (80 characters or fewer) are judged.
pub(super) fn line_kind(norm: &str) -> Option<LineKind> {
    let line = norm.trim();
    let lead = norm.len() - norm.trim_start().len();
    let chars = line.chars().count();
    if chars == 0 || chars > 80 {
        return None;
    }
    // Only symbols (`|`, `•`, `★`), or a page code (`QWER0031`, `00002`).
    if !line.chars().any(|c| c.is_alphanumeric()) {
        return Some(LineKind::Furniture);
    }
    if chars <= 16 && line.chars().all(|c| c.is_ascii_alphanumeric()) && line.chars().any(|c| c.is_ascii_digit()) {
        return Some(LineKind::Furniture);
    }
    if let Some(caps) = META.captures(line) {
        let value_at = lead + caps.name("value").expect("named group").start();
        return Some(LineKind::Meta { label: caps["label"].to_string(), value_at });
    }
    if let Some(caps) = META_GLUED.captures(line) {
        let value_at = lead + caps.name("value").expect("named group").start();
        return Some(LineKind::Meta { label: caps["label"].to_string(), value_at });
    }
    if let Some(m) = DATE_OPENING.find(line) {
        let rest = &line[m.end()..];
        if rest.trim().is_empty() || META.is_match(rest) {
            return Some(LineKind::Meta { label: "日期".to_string(), value_at: lead });
        }
    }
    if EDITION.is_match(line) {
        return Some(LineKind::Furniture);
    }
    if BYLINE_REPORT.is_match(line) {
        return Some(LineKind::Meta { label: "署名".to_string(), value_at: lead });
    }
    if line.starts_with("http") || line.starts_with("www.") {
        return Some(LineKind::Furniture);
    }
    if BREADCRUMB.is_match(line) || (chars <= 40 && (FURNITURE_WORDS.is_match(line) || FURNITURE_INSIDE.is_match(line)))
    {
        return Some(LineKind::Furniture);
    }
    None
}

/// Whether a line is a site's navigation (a breadcrumb, a menu path, an edition line, the
/// site's own name line), which a web copy prints above its headline — unlike its buttons
/// (`打印`, `分享`), printed under it too.
pub(super) fn is_navigation(norm: &str) -> bool {
    let line = norm.trim();
    line.chars().count() <= 80
        && (BREADCRUMB.is_match(line)
            || EDITION.is_match(line)
            || line.contains(['>', '＞', '»', '›'])
            || line.starts_with("首页")
            || line.contains("导航")
            || line.contains("数字报")
            || line.contains("设为首页")
            || line.contains("加入收藏")
            || line.ends_with("主办"))
}

/// The label of a metadata line and where its value starts (a byte offset of `norm`).
pub(super) fn meta_of(norm: &str) -> Option<(String, usize)> {
    match line_kind(norm)? {
        LineKind::Meta { label, value_at } => Some((label, value_at)),
        LineKind::Furniture => None,
    }
}

/// A photo caption printed under a web copy's headline: a person's title and name and
/// nothing else (`县人大常委会主任张某某`), or a scene (`签约仪式现场`).
static CAPTION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"^(?:[\p{{Han}}、]{{0,16}}(?:{})[\p{{Han}}·]{{2,3}}|.{{0,24}}(?:现场|合影|合影留念|留影))$",
        lexicon::alternation(lexicon::TITLE_WORDS.iter().copied())
    ))
});

/// Verbs that make a line a headline rather than a caption naming someone.
static REPORTING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"会见|会谈|主持|召开|举行|出席|参加|签署|签订|签约|调研|考察|检查|督导|看望|慰问|座谈|走访|率队|带队|强调|要求|指出|讲话|部署|推进",
    )
});

pub(super) fn is_caption(norm: &str) -> bool {
    let line = norm.trim();
    if !CAPTION_LINE.is_match(line) {
        return false;
    }
    // `…现场` and `…合影` are scenes whatever their verbs; a title and a name are a caption
    // only without a verb.
    let scene = line.ends_with("现场") || line.contains("合影") || line.ends_with("留影");
    scene || !REPORTING_VERB.is_match(line)
}

/// A metadata line glued to the paragraph under it: labelled fields separated by `|` (or
/// one alone), the last one's value (a name) running straight into the paragraph's opening
/// date (`发布时间：… | 来源：… | 责任编辑：林某5月5日，…`).
static GLUED_METADATA: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^\s*(?P<meta>(?:(?:发布时间|发布日期|发稿时间|来源|作者|责任编辑|编辑|责编)\s*[：:][^|｜]{0,40}?\s*[|｜]\s*)*(?:责任编辑|编辑|责编|作者|来源)\s*[：:]\s*[\p{Han}·]{2,4}?)(?:\d{1,2}\s*月\s*\d{1,2}\s*日|近日|日前|昨天|今天)",
    )
});

/// Splits off a metadata line glued to the paragraph under it: the blocks, with such a
/// block cut in two (the metadata as a line of its own, then the paragraph).
pub(super) fn split_glued_metadata(blocks: &[Block]) -> std::borrow::Cow<'_, [Block]> {
    let cut_at = |block: &Block| {
        // Most blocks hold none: the normalized form tells, without a Text's offsets.
        if !GLUED_METADATA.is_match(&crate::text::normalize(&block.text)) {
            return None;
        }
        let text = Text::new(block.text.as_str());
        let caps = GLUED_METADATA.captures(text.norm())?;
        let end = text.char_at_norm_byte(caps.name("meta")?.end());
        Some((
            text.printed_slice(Span::new(0, end)).to_string(),
            text.printed_slice(Span::new(end, text.len())).to_string(),
        ))
    };
    if !blocks.iter().any(|b| cut_at(b).is_some()) {
        return std::borrow::Cow::Borrowed(blocks);
    }
    let mut out = Vec::with_capacity(blocks.len() + 1);
    for block in blocks {
        match cut_at(block) {
            Some((meta, rest)) => {
                out.push(Block { text: meta, lines: block.lines, shape: Shape::Line, origin: block.origin.clone() });
                out.push(Block { text: rest, lines: block.lines, shape: block.shape, origin: block.origin.clone() });
            }
            None => out.push(block.clone()),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A photo caption printed as a paragraph, signed by its photographer and writer:
/// `…会议现场。（图/文：林某）`.
static SIGNED_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"[（(]\s*(?:图/文|图文|图|摄影|摄)\s*[：:/]\s*[\p{Han}·、\s]{2,12}[）)]$"));

/// Whether a paragraph of 150 characters or fewer is a photo caption signed by its
/// photographer (`（图/文：林某）`).
pub(super) fn is_signed_caption(norm: &str) -> bool {
    let line = norm.trim();
    line.chars().count() <= 150 && SIGNED_CAPTION.is_match(line)
}

/// A column tag before a web headline: `【时政新闻】`.
static COLUMN_TAG: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(r"^[【\[][^】\]]{1,8}[】\]]\s*"));

/// How a web copy's top lines (in printed order, normalized) divide: the headline lines
/// (kicker and headline, as on print), a subtitle, and the others (photo captions, a
/// headline printed twice, lines printed apart from the headline), which are not headlines.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TopLines {
    pub headings: Vec<usize>,
    pub subtitle: Option<usize>,
    pub others: Vec<usize>,
}

/// The length in bytes of the column tag opening a web headline (`【时政新闻】`), or 0.
pub(super) fn column_tag_len(norm: &str) -> usize {
    COLUMN_TAG.find(norm).map_or(0, |m| m.end())
}

/// A line telling who did what, printed under a headline (`林某主持`, `林某会见某某一行`): a
/// subtitle, not a headline.
static WHO_DID: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(
        r"^(?P<name>[\p{Han}·]{2,4}?)(?:主持|会见|会谈|出席|参加|调研|考察|检查|看望|慰问|讲话|强调|指出|率队|带队|见证|签署)",
    )
});

fn starts_with_dash(line: &str) -> bool {
    line.trim_start().starts_with(['—', '-', '―', '－'])
}

fn is_subtitle(norm: &str) -> bool {
    let line = norm.trim_start();
    starts_with_dash(line) || WHO_DID.captures(line).is_some_and(|c| lexicon::starts_with_surname(&c["name"]))
}

/// Bullets that open a line of a web page's list (`• 标题`).
fn without_bullet(line: &str) -> &str {
    line.trim().trim_start_matches(['•', '·', '●', '▪', '■', '◆']).trim_start()
}

/// Picks the headline lines of a web copy among the lines printed on top of its article
/// (those after the site's header: see `segment`). `adjacent[i]` tells whether line `i` was
/// printed right after line `i - 1`, nothing between them. The headline is the first line
/// that is neither a photo caption nor shorter than four characters (a column's name:
/// `快讯`); the lines printed right after it belong to it (a kicker above a headline) up to a
/// subtitle (`——…`, `林某主持`); the other lines are not headlines.
pub(super) fn web_headings(top: &[&str], adjacent: &[bool]) -> TopLines {
    let mut picked = TopLines { headings: Vec::new(), subtitle: None, others: Vec::new() };
    let mut run_open = true;
    for (i, line) in top.iter().enumerate() {
        let line = without_bullet(line);
        let repeated = picked.headings.iter().any(|&h| without_bullet(top[h]) == line);
        let headline_like = !is_caption(line) && line.chars().count() >= 4 && !repeated;
        let continues = !picked.headings.is_empty() && adjacent.get(i).copied().unwrap_or(false) && run_open;
        if headline_like && picked.headings.is_empty() && starts_with_dash(line) && picked.subtitle.is_none() {
            // A subtitle with no headline above it (the copy left the headline out).
            picked.subtitle = Some(i);
        } else if headline_like && picked.headings.is_empty() {
            picked.headings.push(i);
        } else if headline_like && continues && picked.subtitle.is_none() && is_subtitle(line) {
            picked.subtitle = Some(i);
            run_open = false;
        } else if headline_like && continues && picked.headings.len() < 2 {
            picked.headings.push(i);
        } else {
            if !picked.headings.is_empty() {
                run_open = false;
            }
            picked.others.push(i);
        }
    }
    picked
}

/// What a short line after a web copy's last paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Trailing {
    /// Running text the copy cut off (`会议强调，要强化`): body.
    CutParagraph,
    /// Anything else: a trailer line, kept as a note.
    Trailer,
}

pub(super) fn web_trailer(norm: &str) -> Trailing {
    let line = norm.trim();
    let clause = line.contains(['，', '；']) && line.chars().count() >= 8;
    if clause { Trailing::CutParagraph } else { Trailing::Trailer }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> String {
        let norm = crate::text::normalize(line);
        match line_kind(&norm) {
            Some(LineKind::Meta { label, value_at }) => format!("meta {label}: {}", norm[value_at..].trim()),
            Some(LineKind::Furniture) => "furniture".to_string(),
            None => "-".to_string(),
        }
    }

    #[test]
    fn metadata_furniture_and_text_are_told_apart() {
        for (line, want) in [
            ("发布时间:2023-05-06 09:10 来源:河湾发布", "meta 发布时间: 2023-05-06 09:10 来源：河湾发布"),
            ("• 成文日期:2023-05-05", "meta 成文日期: 2023-05-05"),
            ("时间：2023-05-06   大  中  小", "meta 时间: 2023-05-06   大  中  小"),
            ("2023-05-06 09:10", "meta 日期: 2023-05-06 09:10"),
            ("2023年05月06日18:20  来源:某某新闻客户端", "meta 日期: 2023年05月06日18:20  来源：某某新闻客户端"),
            ("关键词：校地合作", "meta 关键词: 校地合作"),
            ("一审：林某 二审：陈某", "meta 一审: 林某 二审：陈某"),
            ("记者王某某/综合报导", "meta 署名: 记者王某某/综合报导"),
            ("当前位置:首页 > 要闻", "furniture"),
            (">> 科技视角", "furniture"),
            ("分享到:", "furniture"),
            ("0 分享至", "furniture"),
            ("上一篇：某某镇召开会议", "furniture"),
            ("相关下载", "furniture"),
            ("阅读 120 次", "meta 阅读: 120 次"),
            ("某ICP备12345678号", "furniture"),
            ("| • ★", "furniture"),
            ("QWER0031", "furniture"),
            ("00003版:要闻", "furniture"),
            ("《某某日报》( 2022年03月01日 第 6 版)", "furniture"),
            ("某某日报 数字报纸", "furniture"),
            ("我来说两句 0人参与,0条评论", "furniture"),
            ("还没有评论，快来抢沙发吧！", "furniture"),
            ("上一条：某某区委常委会举行会议，传达学习某某会议精神及全区领导干部会议精神", "furniture"),
            ("本篇文章640字，读完约2分钟", "furniture"),
            ("（资料图片）", "furniture"),
            ("政协要闻位置：首页>政协要闻", "furniture"),
            ("http://www.example.com   2020-02-11 09:07:31", "furniture"),
            ("】【打印】【关闭】", "furniture"),
            ("您所在的位置:网站首页 > 某某栏目 > 河湾县与某学院签订战略合作协议的详细报道全文", "furniture"),
            ("发文日期 2021-03-09 成文日期 2021-03-02", "meta 发文日期: 2021-03-09 成文日期 2021-03-02"),
            ("公开方式 主动公开 公开范围 面向社会", "meta 公开方式: 主动公开 公开范围 面向社会"),
            ("河湾县与某学院签订战略合作协议", "-"),
            ("会议强调，要抓好落实。", "-"),
            ("时间就是效率，要抓紧推进项目建设", "-"),
            ("区政府召开第5次常务会议", "-"),
        ] {
            assert_eq!(kind(line), want, "{line}");
        }
    }

    #[test]
    fn captions_and_repeated_lines_on_top_are_not_headlines() {
        let top = ["【时政新闻】河湾县与某学院签订合作协议", "县长林某", "• 【时政新闻】河湾县与某学院签订合作协议"];
        let picked = web_headings(&top, &[false, true, true]);
        assert_eq!(picked, TopLines { headings: vec![0], subtitle: None, others: vec![1, 2] });
        assert_eq!(column_tag_len(top[0]), "【时政新闻】".len());
    }

    #[test]
    fn a_kicker_printed_right_above_stays_and_a_who_did_line_is_a_subtitle() {
        let top = ["稳字当头", "河湾县召开常务会议", "林某某主持并讲话"];
        let all = [false, true, true];
        assert_eq!(web_headings(&top, &all), TopLines { headings: vec![0, 1], subtitle: Some(2), others: vec![] });
        let top = ["河湾县召开常务会议", "――研究部署防汛工作"];
        assert_eq!(web_headings(&top, &all[..2]), TopLines { headings: vec![0], subtitle: Some(1), others: vec![] });
        // Lines printed apart from the headline (a caption between) are not its kicker.
        let top = ["快讯", "河湾县召开常务会议", "县人大常委会主任张某某", "各部门负责人汇报工作"];
        assert_eq!(
            web_headings(&top, &[false, true, true, true]),
            TopLines { headings: vec![1], subtitle: None, others: vec![0, 2, 3] }
        );
    }

    #[test]
    fn a_metadata_line_glued_to_the_first_paragraph_is_split_off() {
        let lines = crate::dewrap::LineRange { first: 2, last: 2 };
        let block = |text: &str| Block {
            text: text.to_string(),
            lines,
            shape: Shape::Paragraph,
            origin: crate::dewrap::Origin::Lines,
        };
        let glued = [block("发布时间:2022-06-18 10:05 | 来源:某某网 | 责任编辑:林某某6月16日,河湾县举行签约仪式。")];
        let split: Vec<String> = split_glued_metadata(&glued).iter().map(|b| b.text.clone()).collect();
        assert_eq!(
            split,
            ["发布时间:2022-06-18 10:05 | 来源:某某网 | 责任编辑:林某某", "6月16日,河湾县举行签约仪式。"]
        );
        let alone = [block("责任编辑：林某某6月16日，河湾县举行签约仪式。")];
        let split: Vec<String> = split_glued_metadata(&alone).iter().map(|b| b.text.clone()).collect();
        assert_eq!(split, ["责任编辑：林某某", "6月16日，河湾县举行签约仪式。"]);
        let plain = [block("6月16日，河湾县举行签约仪式。责任编辑要求各单位配合。")];
        assert!(matches!(split_glued_metadata(&plain), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn navigation_is_told_from_buttons() {
        assert!(is_navigation("当前位置：首页 > 政务要闻"));
        assert!(is_navigation(">> 科技视角"));
        assert!(is_navigation("00002版:要闻"));
        assert!(is_navigation("设为首页"));
        assert!(!is_navigation("字号：大 中 小 打印"));
        assert!(!is_navigation("分享到："));
    }

    #[test]
    fn captions_are_not_headlines() {
        assert!(is_signed_caption("县政府召开上半年工作会议，各部门汇报进度。（图/文：林某某）"));
        assert!(!is_signed_caption("县政府召开上半年工作会议，各部门汇报进度。（林某某）"));
        assert!(is_caption("县人大常委会主任张某某"));
        assert!(is_caption("战略合作签约仪式现场"));
        assert!(!is_caption("县长张某某会见某集团客人"));
        assert!(!is_caption("河湾县与某学院签订战略合作协议"));
    }

    #[test]
    fn a_trailing_line_with_a_comma_is_a_cut_paragraph() {
        assert_eq!(web_trailer("会议强调，要强化系统思维，高效统"), Trailing::CutParagraph);
        assert_eq!(web_trailer("县政府常务会议"), Trailing::Trailer);
        assert_eq!(web_trailer("（以上图文转自某某发布）"), Trailing::Trailer);
    }
}
