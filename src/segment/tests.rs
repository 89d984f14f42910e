//! Segment cases on short pages written like real ones: each test is one page and what a
//! reader would say its articles are.

use expect_test::{Expect, expect};

use super::*;
use crate::dewrap::dewrap;

/// Renders a segmented page the way a reader would describe it.
pub(crate) fn render(page: &Segmented) -> String {
    let mut out = String::new();
    for (i, a) in page.articles.iter().enumerate() {
        out.push_str(&format!("# article {}\n", i + 1));
        for (label, value) in [
            ("dateline", a.dateline.clone()),
            ("byline", a.byline.clone()),
            ("kicker", a.kicker.as_ref().map(|h| h.text.clone())),
            ("headline", a.headline.as_ref().map(|h| h.text.clone())),
            ("subtitle", a.subtitle.as_ref().map(|h| h.text.clone())),
        ] {
            if let Some(v) = value {
                out.push_str(&format!("{label}: {v}\n"));
            }
        }
        for r in &a.reporters {
            out.push_str(&format!("reporter: {} {}\n", r.role, r.name));
        }
        for p in &a.paragraphs {
            out.push_str(&format!("{}: {}\n", p.role.as_str(), p.text.printed()));
        }
        for q in &a.pull_quotes {
            out.push_str(&format!("pull quote (paragraph {:?}): {}\n", q.source.map(|(p, _)| p + 1), q.text));
        }
        for n in &a.notes {
            out.push_str(&format!("note {}: {}\n", n.label, n.value));
        }
    }
    out
}

fn check(page: &str, expect: Expect) {
    let (dewrapped, _) = dewrap(page);
    let (segmented, _) = segment(&dewrapped, &Tokenizer::new());
    expect.assert_eq(&render(&segmented));
}

#[test]
fn headlines_printed_after_the_articles_go_to_the_articles_they_share_words_with() {
    check(
        "本报讯 区委常委会昨天举行\n会议，区委书记王海涛主持会\n议并讲话。会议强调，要坚持\n\n稳中求进，抓好防汛备汛工作。\n\n本报讯 区政府常务会议昨天\n召开，研究部署老旧小区改造\n工作，要求加快推进城市更新，\n让群众住得更舒心。\n\n区政府常务会议召开\n\n加快推进老旧小区改造\n\n区委常委会举行会议\n\n坚持稳中求进抓好防汛备汛\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            kicker: 区委常委会举行会议
            headline: 坚持稳中求进抓好防汛备汛
            body: 区委常委会昨天举行会议，区委书记王海涛主持会议并讲话。会议强调，要坚持稳中求进，抓好防汛备汛工作。
            # article 2
            dateline: 本报讯
            kicker: 区政府常务会议召开
            headline: 加快推进老旧小区改造
            body: 区政府常务会议昨天召开，研究部署老旧小区改造工作，要求加快推进城市更新，让群众住得更舒心。
        "#]],
    );
}

#[test]
fn a_passage_printed_twice_is_a_pull_quote_of_its_article() {
    check(
        "本报讯 市委常委会昨天举行\n会议。会议指出，要把稳增长\n放在更加突出的位置，推动投\n资、消费、出口协同发力，确\n保全年目标任务圆满完成。\n\n要把稳增长放在更加突出的位置，推动投资、消费、出口协同发力，\n确保全年目标任务圆满完成。\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            body: 市委常委会昨天举行会议。会议指出，要把稳增长放在更加突出的位置，推动投资、消费、出口协同发力，确保全年目标任务圆满完成。
            pull quote (paragraph Some(1)): 要把稳增长放在更加突出的位置，推动投资、消费、出口协同发力，确保全年目标任务圆满完成。
        "#]],
    );
}

#[test]
fn web_copy_with_headline_on_top_byline_and_notes() {
    check(
        "区政府召开常务会议\n来源：某区融媒体中心\n本报讯（记者 张三 李四）区政府常务会议4月1日召开。\n会议原则同意《关于推进城市更新的实施意见》。\n责任编辑：王五\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            byline: （记者 张三 李四）
            headline: 区政府召开常务会议
            reporter: 记者 张三
            reporter: 记者 李四
            body: 区政府常务会议4月1日召开。
            body: 会议原则同意《关于推进城市更新的实施意见》。
            note 来源: 某区融媒体中心
            note 责任编辑: 王五
        "#]],
    );
}

#[test]
fn an_author_tag_closes_an_article_and_the_next_needs_no_dateline() {
    check(
        "市委召开座谈会\n近日，市委召开民营企业家座谈会。\n市领导张伟参加座谈会。（林小雨）\n全市安全生产调度会召开\n12月5日晚上，全市安全生产调度会召开。\n（贺斌）\n",
        expect![[r#"
            # article 1
            headline: 市委召开座谈会
            body: 近日，市委召开民营企业家座谈会。
            body: 市领导张伟参加座谈会。
            note 作者: （林小雨）
            # article 2
            headline: 全市安全生产调度会召开
            body: 12月5日晚上，全市安全生产调度会召开。
            note 作者: （贺斌）
        "#]],
    );
}

#[test]
fn subheadings_inside_the_body_are_neither_body_nor_headline() {
    check(
        "本报讯 市委财经委员会会议昨\n天举行，研究部署下半年经济\n工作。\n\n稳住经济增长基本盘\n\n会议指出，上半年全市经济运\n行延续恢复态势，主要指标好\n于预期。\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            body: 市委财经委员会会议昨天举行，研究部署下半年经济工作。
            subheading: 稳住经济增长基本盘
            body: 会议指出，上半年全市经济运行延续恢复态势，主要指标好于预期。
        "#]],
    );
}

#[test]
fn sentences_cover_the_paragraph() {
    let text = Text::new("会议指出：“要抓落实。”各部门要加强协同！还要怎样？");
    let spans: Vec<&str> = sentences(&text).into_iter().map(|s| text.norm_slice(s)).collect();
    assert_eq!(spans, ["会议指出：“要抓落实。”", "各部门要加强协同！", "还要怎样？"]);
}

#[test]
fn jump_lines_captions_and_web_furniture_are_kept_out_of_the_body() {
    check(
        "【字体：大 中 小】\n区政府常务会议研究城市更新\n发布时间：2023-09-14 08:30 来源：某区日报\n记者 王小明 李红\n区长赵刚昨天主持召开区政府常务会议，研究城市更新工作。\n会议原则通过《城市更新实施办法》。（下转第2版）\n图为会议现场。 本报记者 张三 摄\n打印本页 关闭窗口\n",
        expect![[r#"
            # article 1
            byline: 记者 王小明 李红
            headline: 区政府常务会议研究城市更新
            reporter: 记者 王小明
            reporter: 记者 李红
            body: 区长赵刚昨天主持召开区政府常务会议，研究城市更新工作。
            body: 会议原则通过《城市更新实施办法》。
            note 发布时间: 2023-09-14 08:30
            note 来源: 某区日报
            note 转版: （下转第2版）
            note 图片说明: 图为会议现场。
            note 图片说明: 本报记者张三摄
        "#]],
    );
}

#[test]
fn a_continued_article_starts_after_its_jump_line() {
    check(
        "（上接第1版）会议强调，要抓好防汛备汛工作，确保安全度汛。\n会议还研究了其他事项。\n",
        expect![[r#"
            # article 1
            body: 会议强调，要抓好防汛备汛工作，确保安全度汛。
            body: 会议还研究了其他事项。
            note 转版: （上接第1版）
        "#]],
    );
}

#[test]
fn notes_in_brackets_and_byline_lines_without_spaces_are_not_headlines() {
    check(
        "县委召开常委会会议\n本报记者 周海 通讯员 林立\n本报讯 3月15日上午，县委召开常委会会议。\n会议审议通过《关于加强基层治理的意见》。\n（责任编辑 龙媛）\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            byline: 本报记者周海通讯员林立
            headline: 县委召开常委会会议
            reporter: 记者 周海
            reporter: 通讯员 林立
            body: 3月15日上午，县委召开常委会会议。
            body: 会议审议通过《关于加强基层治理的意见》。
            note 责任编辑: 龙媛
        "#]],
    );
}

#[test]
fn a_web_copy_takes_its_headline_from_the_top_and_sets_navigation_and_trailer_aside() {
    check(
        "某某资讯\n当前位置:首页 > 要闻 > 县域\n【时政新闻】河湾县与某学院签订合作协议\n发布时间:2023-05-06 09:10 来源:河湾发布\n分享到:\n5月5日，河湾县与某学院签订校地合作协议。县长林某出席签约仪式。\n双方将在人才培养、科研攻关等方面深化合作。\n关键词：校地合作\n责任编辑:陈某\n阅读 120 次\n上一篇：某某镇召开会议\n| • |\n县政府常务会议\n",
        expect![[r#"
            # article 1
            headline: 河湾县与某学院签订合作协议
            body: 5月5日，河湾县与某学院签订校地合作协议。县长林某出席签约仪式。
            body: 双方将在人才培养、科研攻关等方面深化合作。
            note 发布时间: 2023-05-06 09:10
            note 来源: 河湾发布
            note 关键词: 校地合作
            note 责任编辑: 陈某
            note 附注: 县政府常务会议
            note 附注: 某某资讯
        "#]],
    );
}

#[test]
fn a_web_copy_cut_off_mid_sentence_keeps_its_last_paragraph_and_no_caption_is_a_headline() {
    check(
        "河湾县召开第五次常务会议\n县人大常委会主任张某某\n2023-05-06\n5月5日，县长林某主持召开县政府第五次常务会议。\n会议强调，要抓好防汛备汛，压实\n",
        expect![[r#"
            # article 1
            headline: 河湾县召开第五次常务会议
            body: 5月5日，县长林某主持召开县政府第五次常务会议。
            body: 会议强调，要抓好防汛备汛，压实
            note 日期: 2023-05-06
            note 图片说明: 县人大常委会主任张某某
        "#]],
    );
}

#[test]
fn every_reporter_role_of_the_lexicon_names_the_people_of_a_byline() {
    check(
        "本报讯（首席记者 林晓燕 通讯员 陈思远）区政府常务会议4月1日召开。\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            byline: （首席记者 林晓燕 通讯员 陈思远）
            reporter: 首席记者 林晓燕
            reporter: 通讯员 陈思远
            body: 区政府常务会议4月1日召开。
        "#]],
    );
    check(
        "本报讯（记者周海通讯员林立）区委常委会4月1日举行会议。\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            byline: （记者周海通讯员林立）
            reporter: 记者 周海
            reporter: 通讯员 林立
            body: 区委常委会4月1日举行会议。
        "#]],
    );
    check(
        "本报讯（见习记者 顾然 实习生 吴桐）市政府常务会议4月1日召开。\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            byline: （见习记者 顾然 实习生 吴桐）
            reporter: 见习记者 顾然
            reporter: 实习生 吴桐
            body: 市政府常务会议4月1日召开。
        "#]],
    );
}

#[test]
fn a_byline_on_a_line_of_its_own_names_the_reporters() {
    check(
        "区政府召开常务会议\n本报记者 张三 通讯员 李四\n本报讯 区政府常务会议4月1日召开。\n",
        expect![[r#"
            # article 1
            dateline: 本报讯
            byline: 本报记者张三通讯员李四
            headline: 区政府召开常务会议
            reporter: 记者 张三
            reporter: 通讯员 李四
            body: 区政府常务会议4月1日召开。
        "#]],
    );
}
