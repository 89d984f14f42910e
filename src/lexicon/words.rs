//! The closed classes of words the rules read, in one table: [`WORDS`].
//!
//! Each row is a word and what it is to the rules ([`Class`]). The patterns of the rules are
//! generated from the classes ([`of`], [`alternation_of`]), and so are the places where a name
//! ends ([`is_name_end`]): a word known to one rule is known to every rule that needs it. A new
//! wording is one row here and one `check()` line in the tests of the rule it serves.
//!
//! Words are written in their normalized form (simplified characters; see [`crate::text`]).

use super::kinds::{Role, TimeOfDay, UnitKind};

/// When a time word places an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// A day counted from the issue date (`昨天`: -1).
    Day(i64),
    /// Lately, with no day (`近日`, `日前`).
    Vague,
    /// A part of the day (`上午`: morning).
    OfDay(TimeOfDay),
    /// A part of a day counted from the issue date (`昨晚`: -1, evening).
    DayPart(i64, TimeOfDay),
    /// A day the text gave before (`当天`).
    Context,
}

/// What a word is to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// `昨天`, `上午`, `近日`: when; a name ends before it.
    Time(When),
    /// `主持`, `出席`, `会见`, `见证`: took part in an event, in a role.
    Attending(Role),
    /// `陪同`, `率队`, `一行`: took part beside others, in no role of its own.
    Accompanying,
    /// `指出`, `强调`, `提醒`: opens what a speaker said; `directs` when it gives a directive.
    Saying { directs: bool },
    /// `讲话`, `致辞`: spoke, without opening the words said.
    Speaking,
    /// `发言`, `汇报`, `述职`: a unit's report at a meeting.
    Reporting,
    /// `举行`, `召开`: a meeting held.
    Holding,
    /// `调研`, `考察`, `视察`: an inspection visit.
    Inspecting,
    /// `签署`, `签约`: signed.
    Signing,
    /// `协议`, `备忘录`: what is signed; an agreement's title ends with one.
    AgreementNoun,
    /// `签约仪式`: the ceremony at which an agreement is signed.
    Ceremony,
    /// `会议`, `座谈会`: a meeting's name ends with one.
    MeetingNoun,
    /// `审议通过`, `原则同意`: a document approved.
    Approving,
    /// `区`, `委`, `局`: a unit's name ends with one; the kind of unit it gives, and the short
    /// form the unit's report may name it by (`闵行区委` → `闵行区`).
    UnitSuffix { kind: UnitKind, short: Option<&'static str> },
    /// `记者`, `通讯员`: a byline's roles.
    ReporterRole,
    /// `存在`, `仍有`: admits a shortfall before its noun.
    ShortfallAdmitted,
    /// `不足`, `差距`: a shortfall admitted.
    ShortfallNoun,
    /// `加强`, `提升`: what still needs doing (`仍需加强`, `有待提升`).
    ShortfallNeed,
    /// `即将`, `力争`: a plan or an intention; a clause holding one claims nothing done.
    Intending,
    /// `和`, `与`, `及`: joins names and parties.
    Conjunction,
    /// `同`: with; a name ends before it, and names joined by it share a verb.
    With,
    /// `先后`, `依次`: in turn, one after another.
    InTurn,
    /// `也`, `一同`, `专程`: adverbs that stand between a subject and its verb.
    Adverb,
    /// `本次`, `此次`: this one, before a meeting's name.
    Demonstrative,
    /// Other words a name never runs into (`同志`, `就`, `的`).
    NameFollower,
    /// Words an organization before a title never runs across (`包括`, `由`, `的`).
    TitleStop,
}

use Class::*;

const fn time(word: &'static str, when: When) -> (&'static str, Class) {
    (word, Time(when))
}
const fn unit(word: &'static str, kind: UnitKind) -> (&'static str, Class) {
    (word, UnitSuffix { kind, short: None })
}

/// Every closed class of words, one row a word. A word may have several rows.
pub const WORDS: &[(&str, Class)] = &[
    // time words
    time("昨天", When::Day(-1)),
    time("昨日", When::Day(-1)),
    time("今天", When::Day(0)),
    time("今日", When::Day(0)),
    time("前天", When::Day(-2)),
    time("明天", When::Day(1)),
    time("近日", When::Vague),
    time("日前", When::Vague),
    time("近期", When::Vague),
    time("此前", When::Vague),
    time("当天", When::Context),
    time("上午", When::OfDay(TimeOfDay::Morning)),
    time("早上", When::OfDay(TimeOfDay::Morning)),
    time("清晨", When::OfDay(TimeOfDay::Morning)),
    time("早晨", When::OfDay(TimeOfDay::Morning)),
    time("中午", When::OfDay(TimeOfDay::Noon)),
    time("下午", When::OfDay(TimeOfDay::Afternoon)),
    time("晚上", When::OfDay(TimeOfDay::Evening)),
    time("晚间", When::OfDay(TimeOfDay::Evening)),
    time("傍晚", When::OfDay(TimeOfDay::Evening)),
    time("当晚", When::OfDay(TimeOfDay::Evening)),
    time("夜间", When::OfDay(TimeOfDay::Evening)),
    time("今晚", When::DayPart(0, TimeOfDay::Evening)),
    time("昨晚", When::DayPart(-1, TimeOfDay::Evening)),
    time("今晨", When::DayPart(0, TimeOfDay::Morning)),
    // verbs of attending, with the role each gives
    ("主持召开", Attending(Role::Chair)),
    ("主持", Attending(Role::Chair)),
    ("出席", Attending(Role::Attendee)),
    ("参加", Attending(Role::Attendee)),
    ("列席", Attending(Role::Attendee)),
    ("莅临", Attending(Role::Attendee)),
    ("发言", Attending(Role::Attendee)),
    ("交流发言", Attending(Role::Attendee)),
    ("作交流发言", Attending(Role::Attendee)),
    ("会见", Attending(Role::Host)),
    ("会谈", Attending(Role::Host)),
    ("接见", Attending(Role::Host)),
    // the visitor's verbs: the subject is the guest, the person named after it the host
    ("拜会", Attending(Role::Guest)),
    ("拜访", Attending(Role::Guest)),
    ("见证", Attending(Role::Witness)),
    ("共同见证", Attending(Role::Witness)),
    // took part beside others
    ("陪同", Accompanying),
    ("一行", Accompanying),
    ("等人", Accompanying),
    ("率队", Accompanying),
    ("率团", Accompanying),
    ("率领", Accompanying),
    ("带领", Accompanying),
    ("率", Accompanying),
    // verbs of saying
    ("指出", Saying { directs: true }),
    ("强调", Saying { directs: true }),
    ("要求", Saying { directs: true }),
    ("表示", Saying { directs: true }),
    ("提出", Saying { directs: true }),
    ("部署", Saying { directs: true }),
    ("认为", Saying { directs: false }),
    ("说", Saying { directs: false }),
    ("希望", Saying { directs: false }),
    ("介绍", Saying { directs: false }),
    ("通报", Saying { directs: false }),
    ("宣布", Saying { directs: false }),
    ("提醒", Saying { directs: false }),
    // spoke
    ("讲话", Speaking),
    ("致辞", Speaking),
    ("宣读", Speaking),
    ("主讲", Speaking),
    ("点评", Speaking),
    ("回答", Speaking),
    ("说明", Speaking),
    ("讲", Speaking),
    ("谈", Speaking),
    // a unit's report
    ("发言", Reporting),
    ("交流发言", Reporting),
    ("汇报", Reporting),
    ("汇报交流", Reporting),
    ("报告工作", Reporting),
    ("述职", Reporting),
    // a meeting held
    ("举行", Holding),
    ("召开", Holding),
    ("开幕", Holding),
    ("开赛", Holding),
    // an inspection visit
    ("调研", Inspecting),
    ("考察", Inspecting),
    ("视察", Inspecting),
    ("督导", Inspecting),
    ("检查指导", Inspecting),
    // signed
    ("签署", Signing),
    ("签订", Signing),
    ("签约", Signing),
    ("签字", Signing),
    // what is signed
    ("协议", AgreementNoun),
    ("协议书", AgreementNoun),
    ("框架协议", AgreementNoun),
    ("合作协议", AgreementNoun),
    ("备忘录", AgreementNoun),
    ("协定", AgreementNoun),
    ("合同", AgreementNoun),
    ("意向书", AgreementNoun),
    ("签约仪式", Ceremony),
    ("签字仪式", Ceremony),
    ("签约活动", Ceremony),
    ("签署仪式", Ceremony),
    // a meeting's name ends with one
    ("会议", MeetingNoun),
    ("常委会", MeetingNoun),
    ("全会", MeetingNoun),
    ("大会", MeetingNoun),
    ("座谈会", MeetingNoun),
    ("专题会", MeetingNoun),
    ("推进会", MeetingNoun),
    ("点评会", MeetingNoun),
    ("调度会", MeetingNoun),
    ("学习会", MeetingNoun),
    ("工作会", MeetingNoun),
    ("分析会", MeetingNoun),
    ("办公会", MeetingNoun),
    ("例会", MeetingNoun),
    ("报告会", MeetingNoun),
    ("部署会", MeetingNoun),
    ("交流会", MeetingNoun),
    ("联席会", MeetingNoun),
    ("推介会", MeetingNoun),
    ("协调会", MeetingNoun),
    ("见面会", MeetingNoun),
    ("恳谈会", MeetingNoun),
    ("对接会", MeetingNoun),
    ("研讨会", MeetingNoun),
    ("汇报会", MeetingNoun),
    ("视频会", MeetingNoun),
    ("现场会", MeetingNoun),
    ("动员会", MeetingNoun),
    ("讲评会", MeetingNoun),
    ("评议会", MeetingNoun),
    ("会商会", MeetingNoun),
    ("擂台赛", MeetingNoun),
    ("比武", MeetingNoun),
    ("比晒", MeetingNoun),
    ("述职会", MeetingNoun),
    ("述职评议会", MeetingNoun),
    ("月报", MeetingNoun),
    ("观摩会", MeetingNoun),
    ("观摩点评会", MeetingNoun),
    ("论坛", MeetingNoun),
    ("签约仪式", MeetingNoun),
    // a document approved
    ("审议并原则同意", Approving),
    ("听取并原则同意", Approving),
    ("研究并原则同意", Approving),
    ("讨论并原则同意", Approving),
    ("审议并原则通过", Approving),
    ("原则同意", Approving),
    ("原则通过", Approving),
    ("审议并通过", Approving),
    ("审议通过", Approving),
    ("讨论通过", Approving),
    ("研究通过", Approving),
    ("表决通过", Approving),
    ("同意", Approving),
    ("通过", Approving),
    // unit suffixes, with the kind of unit each gives
    ("区委", UnitSuffix { kind: UnitKind::District, short: Some("区") }),
    ("县委", UnitSuffix { kind: UnitKind::District, short: Some("县") }),
    ("市委", UnitSuffix { kind: UnitKind::District, short: Some("市") }),
    ("区政府", UnitSuffix { kind: UnitKind::District, short: Some("区") }),
    ("县政府", UnitSuffix { kind: UnitKind::District, short: Some("县") }),
    ("镇委", UnitSuffix { kind: UnitKind::Commission, short: Some("镇") }),
    unit("党工委", UnitKind::Commission),
    unit("新区", UnitKind::District),
    unit("自治县", UnitKind::District),
    unit("区", UnitKind::District),
    unit("县", UnitKind::District),
    unit("市", UnitKind::District),
    unit("开发区", UnitKind::District),
    unit("高新区", UnitKind::District),
    unit("园区", UnitKind::District),
    unit("镇", UnitKind::Other),
    unit("乡", UnitKind::Other),
    unit("街道", UnitKind::Other),
    unit("管委会", UnitKind::Other),
    unit("委员会", UnitKind::Commission),
    unit("委", UnitKind::Commission),
    unit("局", UnitKind::Bureau),
    unit("办公室", UnitKind::Other),
    unit("办", UnitKind::Other),
    unit("厅", UnitKind::Other),
    unit("中心", UnitKind::Other),
    unit("集团", UnitKind::Other),
    unit("公司", UnitKind::Other),
    unit("学校", UnitKind::Other),
    unit("大学", UnitKind::Other),
    unit("医院", UnitKind::Other),
    unit("银行", UnitKind::Other),
    unit("院", UnitKind::Other),
    unit("所", UnitKind::Other),
    // a byline's roles
    ("首席记者", ReporterRole),
    ("特约记者", ReporterRole),
    ("见习记者", ReporterRole),
    ("实习记者", ReporterRole),
    ("摄影记者", ReporterRole),
    ("记者", ReporterRole),
    ("通讯员", ReporterRole),
    ("实习生", ReporterRole),
    ("撰稿", ReporterRole),
    // a shortfall admitted: 仍存 + 不足, 仍需 + 加强, 有待 + 提升
    ("仍存", ShortfallAdmitted),
    ("存在", ShortfallAdmitted),
    ("还有", ShortfallAdmitted),
    ("仍有", ShortfallAdmitted),
    ("尚有", ShortfallAdmitted),
    ("尚存", ShortfallAdmitted),
    ("依然存在", ShortfallAdmitted),
    ("仍然存在", ShortfallAdmitted),
    ("不足", ShortfallNoun),
    ("问题", ShortfallNoun),
    ("差距", ShortfallNoun),
    ("短板", ShortfallNoun),
    ("弱项", ShortfallNoun),
    ("薄弱环节", ShortfallNoun),
    ("加强", ShortfallNeed),
    ("提升", ShortfallNeed),
    ("提高", ShortfallNeed),
    ("改进", ShortfallNeed),
    ("突破", ShortfallNeed),
    // a plan or an intention, not a thing done
    ("即将", Intending),
    ("将要", Intending),
    ("后将", Intending),
    ("力争", Intending),
    ("打算", Intending),
    ("预计", Intending),
    ("有信心", Intending),
    ("着眼", Intending),
    // joining words
    ("和", Conjunction),
    ("与", Conjunction),
    ("及", Conjunction),
    ("以及", Conjunction),
    ("同", With),
    // in turn
    ("先后", InTurn),
    ("依次", InTurn),
    ("分别", InTurn),
    ("相继", InTurn),
    ("逐一", InTurn),
    // adverbs between a subject and its verb
    ("也", Adverb),
    ("还", Adverb),
    ("均", Adverb),
    ("都", Adverb),
    ("一同", Adverb),
    ("共同", Adverb),
    ("一起", Adverb),
    ("应邀", Adverb),
    ("专程", Adverb),
    ("再次", Adverb),
    ("亲切", Adverb),
    ("热情", Adverb),
    ("集体", Adverb),
    ("友好", Adverb),
    ("常务", Adverb),
    ("本次", Demonstrative),
    ("此次", Demonstrative),
    // other words a name never runs into
    ("代表", NameFollower),
    ("同志", NameFollower),
    ("听取", NameFollower),
    ("前往", NameFollower),
    ("走访", NameFollower),
    ("接受", NameFollower),
    ("现场", NameFollower),
    ("参观", NameFollower),
    ("感谢", NameFollower),
    ("欢迎", NameFollower),
    ("作了", NameFollower),
    ("随后", NameFollower),
    ("首先", NameFollower),
    ("最后", NameFollower),
    ("会前", NameFollower),
    ("会上", NameFollower),
    ("会后", NameFollower),
    ("对此", NameFollower),
    ("同时", NameFollower),
    ("主动", NameFollower),
    ("围绕", NameFollower),
    ("结合", NameFollower),
    ("通过", NameFollower),
    ("深入", NameFollower),
    ("来到", NameFollower),
    ("看望", NameFollower),
    ("慰问", NameFollower),
    ("检查", NameFollower),
    ("出任", NameFollower),
    ("担任", NameFollower),
    ("作为", NameFollower),
    ("就", NameFollower),
    ("对", NameFollower),
    ("向", NameFollower),
    ("为", NameFollower),
    ("在", NameFollower),
    ("到", NameFollower),
    ("赴", NameFollower),
    ("来", NameFollower),
    ("是", NameFollower),
    ("作", NameFollower),
    ("等", NameFollower),
    ("以", NameFollower),
    ("从", NameFollower),
    ("于", NameFollower),
    ("并", NameFollower),
    ("又", NameFollower),
    ("即", NameFollower),
    ("将", NameFollower),
    ("已", NameFollower),
    ("曾", NameFollower),
    ("则", NameFollower),
    ("听", NameFollower),
    ("看", NameFollower),
    ("的", NameFollower),
    ("了", NameFollower),
    ("把", NameFollower),
    ("给", NameFollower),
    ("让", NameFollower),
    ("请", NameFollower),
    ("跟", NameFollower),
    // an organization before a title never runs across these
    ("邀请", TitleStop),
    ("包括", TitleStop),
    ("以及", TitleStop),
    ("接受", TitleStop),
    ("还有", TitleStop),
    ("其中", TitleStop),
    ("分别", TitleStop),
    ("共同", TitleStop),
    ("看望", TitleStop),
    ("听取", TitleStop),
    ("了", TitleStop),
    ("由", TitleStop),
    ("在", TitleStop),
    ("同", TitleStop),
    ("向", TitleStop),
    ("对", TitleStop),
    ("为", TitleStop),
    ("是", TitleStop),
    ("有", TitleStop),
    ("的", TitleStop),
    ("并", TitleStop),
    ("等", TitleStop),
    ("请", TitleStop),
    ("跟", TitleStop),
    ("给", TitleStop),
    ("把", TitleStop),
    ("将", TitleStop),
];

/// The words of the rows a test accepts, in table order, each once.
pub fn of(class: impl Fn(Class) -> bool) -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    for &(word, c) in WORDS {
        if class(c) && !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// A regex alternation of the words of the rows a test accepts, longest first.
pub fn alternation_of(class: impl Fn(Class) -> bool) -> String {
    super::alternation(of(class))
}

/// Whether a name never runs into this class of word: a name ends where one begins.
///
/// The verbs a person is the subject of (attending, saying, speaking, reporting, holding,
/// inspecting, signing), time words, joining words and adverbs, and the words listed only
/// for this.
pub fn is_name_end(class: Class) -> bool {
    !matches!(
        class,
        AgreementNoun
            | Ceremony
            | MeetingNoun
            | Approving
            | UnitSuffix { .. }
            | ReporterRole
            | ShortfallAdmitted
            | ShortfallNoun
            | ShortfallNeed
            | Intending
            | Demonstrative
            | TitleStop
    )
}

/// Whether an organization printed before a title never runs across this class of word:
/// verbs of attending and of taking part beside others, and the words listed only for this.
pub fn is_title_stop(class: Class) -> bool {
    matches!(class, Attending(_) | Accompanying | TitleStop)
}

/// The kind of unit a unit's name gives, by the longest suffix it ends with.
pub fn unit_kind(unit: &str) -> UnitKind {
    WORDS
        .iter()
        .filter_map(|&(word, c)| match c {
            UnitSuffix { kind, .. } if unit.ends_with(word) => Some((word.chars().count(), kind)),
            _ => None,
        })
        .max_by_key(|&(len, _)| len)
        .map_or(UnitKind::Other, |(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    /// Renders what the rules make of a word: its classes, and whether a name ends before it
    /// and an organization before a title stops at it.
    fn check(word: &str, expect: Expect) {
        let classes: Vec<Class> = WORDS.iter().filter(|(w, _)| *w == word).map(|&(_, c)| c).collect();
        let mut shown: Vec<String> = classes.iter().map(|c| format!("{c:?}")).collect();
        if classes.iter().any(|&c| is_name_end(c)) {
            shown.push("ends a name".to_string());
        }
        if classes.iter().any(|&c| is_title_stop(c)) {
            shown.push("stops a title's organization".to_string());
        }
        expect.assert_eq(&shown.join("; "));
    }

    #[test]
    fn words_and_what_the_rules_make_of_them() {
        check("莅临", expect![["Attending(Attendee); ends a name; stops a title's organization"]]);
        check("提醒", expect![["Saying { directs: false }; ends a name"]]);
        check("清晨", expect!["Time(OfDay(Morning)); ends a name"]);
        check("当天", expect![["Time(Context); ends a name"]]);
        check("薄弱环节", expect![["ShortfallNoun"]]);
        check("区委", expect![[r#"UnitSuffix { kind: District, short: Some("区") }"#]]);
        check("协议书", expect![["AgreementNoun"]]);
        check("签约仪式", expect![["Ceremony; MeetingNoun"]]);
        check("陪同", expect![["Accompanying; ends a name; stops a title's organization"]]);
        check("同", expect![["With; TitleStop; ends a name; stops a title's organization"]]);
        check("现场", expect!["NameFollower; ends a name"]);
        check("接受", expect!["NameFollower; TitleStop; ends a name; stops a title's organization"]);
        check("着眼", expect!["Intending"]);
        check("以及", expect!["Conjunction; TitleStop; ends a name; stops a title's organization"]);
    }

    #[test]
    fn a_unit_is_of_the_kind_of_its_longest_suffix() {
        let kinds: Vec<&str> = ["闵行区委", "市交通委", "市文化旅游局", "某镇委", "高新区管委会", "寿光"]
            .map(|u| unit_kind(u).as_str())
            .to_vec();
        assert_eq!(kinds, ["district", "commission", "bureau", "commission", "other", "other"]);
    }

    #[test]
    fn every_row_is_a_word_of_han_characters() {
        for (word, class) in WORDS {
            assert!(!word.is_empty() && word.chars().all(crate::text::is_han), "{word} ({class:?})");
        }
    }
}
