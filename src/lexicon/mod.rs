//! Closed sets of words the rules recognize, and the patterns built from them.
//!
//! Only closed sets live here: the classes of words of [`words::WORDS`] (time words, verbs of
//! attending and saying, unit suffixes, agreement and meeting nouns, shortfall cues …), title
//! words, Chinese surnames, Shanghai's sixteen districts, measure words, the words that open a
//! dateline. The patterns the rules share are built here from those classes. No person, unit, number or sentence of any
//! particular page belongs here: people are found by structure (a title, an enumeration after
//! a collective title, a verb), units by pattern.
//!
//! Every list is matched against the normalized form of the text (simplified characters,
//! full-width punctuation; see [`crate::text`]).

mod kinds;
pub mod words;

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

pub use kinds::{Role, TimeOfDay, UnitKind};
pub use words::{Class, When};

/// How many bytes the lazy DFA of a built-in pattern may keep, per thread. A pattern that
/// opens with a counted run of characters (`[^，。；：“”]{2,80}?与`) is tried at every place
/// at once and makes many states: under the default 2 MB, the pattern of signings cleared its
/// states about once every 90 paragraphs it read and built them again (a seventh of the
/// stages' time). The cache grows only as states are made: small patterns stay small.
const DFA_CACHE_BYTES: usize = 16 << 20;

/// Compiles a pattern built from this module's lists. They are fixed at compile time, so a
/// pattern that does not compile is a bug in this file, caught by the tests.
pub fn regex(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
        .unwrap_or_else(|e| panic!("bad built-in pattern {pattern}: {e}"))
}

/// An alternation of words, longest first, so that a regex prefers `副市长` to `市长`.
pub fn alternation<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.into_iter().collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")
}

/// The words that open an article: `本报讯`, `本报北京4月1日电`, `新华社上海4月1日电` …
pub const DATELINE: &str = r"(?:本报讯|本报记者[\p{Han}]{0,8}?报道|(?:本报|新华社|中新社|中新网|人民网|央视网|新华网|光明网|澎湃新闻|东方网)[\p{Han}]{0,8}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*[电讯]|本报[\p{Han}--[记者通员]]{2,5}?讯|(?:新华社|中新社)[\p{Han}]{1,8}电)";

/// A dateline at the start of a text, with an optional byline after it.
pub static DATELINE_START: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"^\s*(?P<dateline>{DATELINE})\s*(?P<byline>{})?\s*", &*BYLINE)));

/// The roles a byline names its people in (`记者`, `通讯员` …), longest first.
pub static REPORTER_ROLES: LazyLock<String> = LazyLock::new(|| words::alternation_of(|c| c == Class::ReporterRole));

/// A byline in brackets: `（记者 张三 李四）`, `（记者 张三 报道）`, `（通讯员 王五）`.
pub static BYLINE: LazyLock<String> =
    LazyLock::new(|| format!(r"[（(]\s*(?:本报)?(?:{})[^）)]{{0,40}}[）)]", &*REPORTER_ROLES));

pub static BYLINE_RE: LazyLock<Regex> = LazyLock::new(|| regex(&BYLINE));

/// Whether a text says something was signed: it holds a verb of signing (`签署`, `签约` …).
pub fn says_signed(text: &str) -> bool {
    words::of(|c| c == Class::Signing).iter().any(|verb| text.contains(verb))
}

/// The time words (`昨天`, `上午`, `近日` …), longest first.
pub static TIME_WORDS: LazyLock<String> = LazyLock::new(|| words::alternation_of(|c| matches!(c, Class::Time(_))));

/// When a time word places an event.
pub fn when(word: &str) -> Option<When> {
    words::WORDS.iter().find_map(|&(w, c)| match c {
        Class::Time(when) if w == word => Some(when),
        _ => None,
    })
}

/// The nouns that end a meeting's name (`会议`, `座谈会` …), longest first.
pub static MEETING_NOUNS: LazyLock<String> =
    LazyLock::new(|| format!("(?:{})", words::alternation_of(|c| c == Class::MeetingNoun)));

/// The nouns an agreement's title ends with (`协议`, `备忘录` …), longest first.
pub static AGREEMENT_NOUNS: LazyLock<String> =
    LazyLock::new(|| format!("(?:{})", words::alternation_of(|c| c == Class::AgreementNoun)));

/// The verbs of signing (`签署`, `签约` …), longest first.
pub static SIGNING_VERBS: LazyLock<String> =
    LazyLock::new(|| format!("(?:{})", words::alternation_of(|c| c == Class::Signing)));

/// The opening of an agreement's terms (`根据协议，`, `协议约定，`): where the agreements read
/// them and what gives a sentence the role of terms.
pub static AGREEMENT_TERMS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(?:根据|按照|依据)(?:合作)?协议(?:约定)?[，,：]?|^协议(?:约定|明确)[，：]?"));

/// A clause that admits a shortfall: the one cue both the unit reports and the sentence roles
/// read.
pub static SHORTFALL_CUE: LazyLock<Regex> = LazyLock::new(|| {
    let admitted = words::alternation_of(|c| c == Class::ShortfallAdmitted);
    let noun = words::alternation_of(|c| c == Class::ShortfallNoun);
    let need = words::alternation_of(|c| c == Class::ShortfallNeed);
    regex(&format!(
        r"(?x)
          (?:{admitted}) [^，。；]{{0,6}}? (?:{noun})       # 仍存不足, 存在一定差距
        | (?:仍|还|尚|亟)(?:需|待) (?:进一步)? (?:{need})  # 仍需加强, 亟待提升
        | 有待 (?:进一步)? (?:{need})                      # 有待提高
        "
    ))
});

/// Title words. A title as printed is an organization followed by one of these
/// (`中国民航局` + `副局长`), or several such joined by `、` (`市委副书记、市长`).
pub const TITLE_WORDS: &[&str] = &[
    "书记",
    "副书记",
    "常委",
    "委员",
    "党组成员",
    "秘书长",
    "副秘书长",
    "省长",
    "副省长",
    "常务副省长",
    "市长",
    "副市长",
    "常务副市长",
    "区长",
    "副区长",
    "常务副区长",
    "县长",
    "副县长",
    "常务副县长",
    "州长",
    "副州长",
    "镇长",
    "副镇长",
    "乡长",
    "副乡长",
    "主席",
    "副主席",
    "常务副主席",
    "主任",
    "副主任",
    "常务副主任",
    "主任委员",
    "副主任委员",
    "主委",
    "副主委",
    "局长",
    "副局长",
    "部长",
    "副部长",
    "常务副部长",
    "厅长",
    "副厅长",
    "处长",
    "副处长",
    "科长",
    "司长",
    "副司长",
    "署长",
    "副署长",
    "关长",
    "副关长",
    "委员长",
    "副委员长",
    "总理",
    "副总理",
    "国务委员",
    "检察长",
    "副检察长",
    "院长",
    "副院长",
    "常务副院长",
    "庭长",
    "校长",
    "副校长",
    "常务副校长",
    "党委书记",
    "党委副书记",
    "党组书记",
    "党组副书记",
    "党工委书记",
    "纪委书记",
    "董事长",
    "副董事长",
    "董事",
    "总经理",
    "副总经理",
    "常务副总经理",
    "经理",
    "副经理",
    "总裁",
    "副总裁",
    "高级副总裁",
    "总裁助理",
    "总经理助理",
    "首席执行官",
    "首席科学家",
    "总工程师",
    "总经济师",
    "总会计师",
    "总监",
    "行长",
    "副行长",
    "社长",
    "副社长",
    "总编辑",
    "副总编辑",
    "台长",
    "副台长",
    "会长",
    "副会长",
    "理事长",
    "副理事长",
    "馆长",
    "副馆长",
    "所长",
    "副所长",
    "站长",
    "队长",
    "组长",
    "副组长",
    "司令员",
    "副司令员",
    "政委",
    "巡视员",
    "副巡视员",
    "调研员",
    "监事长",
    "负责人",
    "院士",
    "教授",
    "副教授",
    "研究员",
    "副研究员",
    "首席专家",
    "高级工程师",
    "大使",
    "总领事",
    "领事",
    "合伙人",
    "创始人",
    "政委",
];

/// A title word anywhere in a text.
pub static TITLE_WORD_RE: LazyLock<Regex> = LazyLock::new(|| regex(&alternation(TITLE_WORDS.iter().copied())));

/// A collective title, under which a list of names follows: `市领导`, `区领导` …
pub static COLLECTIVE_TITLE_RE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:省|市|区|县|州|镇|乡|街道|校|学校|集团|公司|市委|区委|县委|省委|部|委|局)领导"));

/// Single-character Chinese surnames, the common ones first.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由阎鄂逄郦邴滑凤蔚扶丘续糜谯訾郇禄宓郄蓟仉督佴羿钭闾沃荀蓬寿桓傅习郗雎郏萧赖洪贝钮";

/// Two-character surnames.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "长孙", "宇文",
    "轩辕", "端木", "西门", "南宫", "独孤", "呼延", "闻人", "澹台", "公冶", "濮阳", "淳于", "单于", "太叔", "申屠",
    "钟离", "万俟",
];

static SURNAME_SET: LazyLock<HashSet<char>> = LazyLock::new(|| SURNAMES.chars().collect());

/// Whether a name begins with a Chinese surname.
pub fn starts_with_surname(name: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
        || name.chars().next().is_some_and(|c| SURNAME_SET.contains(&c))
}

/// Shanghai's sixteen districts: the one closed set of units the rules know by name.
pub const SHANGHAI_DISTRICTS: &[&str] = &[
    "黄浦区",
    "徐汇区",
    "长宁区",
    "静安区",
    "普陀区",
    "虹口区",
    "杨浦区",
    "闵行区",
    "宝山区",
    "嘉定区",
    "浦东新区",
    "金山区",
    "松江区",
    "青浦区",
    "奉贤区",
    "崇明区",
];

/// Measure words a quantity may carry, `%` included.
pub const MEASURE_WORDS: &[&str] = &[
    "人次",
    "万人次",
    "个百分点",
    "百分点",
    "平方公里",
    "平方米",
    "公顷",
    "公里",
    "千米",
    "米",
    "元",
    "美元",
    "欧元",
    "吨",
    "亩",
    "个",
    "家",
    "条",
    "场",
    "项",
    "件",
    "次",
    "人",
    "户",
    "套",
    "座",
    "所",
    "台",
    "辆",
    "架",
    "艘",
    "批",
    "只",
    "头",
    "株",
    "棵",
    "篇",
    "部",
    "份",
    "位",
    "名",
    "处",
    "间",
    "栋",
    "幢",
    "公斤",
    "千克",
    "千瓦",
    "千瓦时",
    "兆瓦",
    "吉瓦",
    "度",
    "标箱",
    "标准箱",
    "倍",
    "%",
    "‰",
    "所",
    "款",
    "例",
    "张",
    "册",
    "期",
    "届",
    "轮",
    "单",
    "笔",
    "班",
    "列",
    "架次",
    "航班",
    "毫米",
    "立方米",
    "床",
    "张床",
    "千人",
    "余人",
    "岁",
    "天",
    "小时",
    "分钟",
    "秒",
    "年",
];

/// Words that qualify a quantity before its number.
pub const QUANTITY_QUALIFIERS: &[&str] = &["超过", "近", "约", "超", "逾"];

/// Province-level abbreviations used in `在沪`, `在京` and the like.
pub fn place_of_abbreviation(abbreviation: &str) -> Option<&'static str> {
    Some(match abbreviation {
        "沪" | "申" => "上海",
        "京" => "北京",
        "津" => "天津",
        "渝" => "重庆",
        "穗" => "广州",
        "深" => "深圳",
        "杭" => "杭州",
        "宁" => "南京",
        "苏" => "江苏",
        "浙" => "浙江",
        "皖" => "安徽",
        "港" => "香港",
        "澳" => "澳门",
        "鲁" => "山东",
        "粤" => "广东",
        "闽" => "福建",
        "蓉" => "成都",
        "汉" => "武汉",
        "甬" => "宁波",
        "锡" => "无锡",
        "榕" => "福州",
        "连" => "大连",
        "厦" | "鹭" => "厦门",
        "邕" => "南宁",
        "筑" => "贵阳",
        "并" => "太原",
        "湘" => "湖南",
        "鄂" => "湖北",
        "豫" => "河南",
        "冀" => "河北",
        "赣" => "江西",
        "琼" => "海南",
        "黔" => "贵州",
        "滇" => "云南",
        "蜀" | "川" => "四川",
        "桂" => "广西",
        "陕" => "陕西",
        "晋" => "山西",
        "辽" => "辽宁",
        "温" => "温州",
        "绍" => "绍兴",
        "莞" => "东莞",
        "佛" => "佛山",
        "珠" => "珠海",
        "郑" => "郑州",
        "昆" => "昆明",
        "兰" => "兰州",
        "沈" => "沈阳",
        "哈" => "哈尔滨",
        "聊" => "聊城",
        "烟" => "烟台",
        _ => return None,
    })
}

/// The traditional form of a place name of the gazetteers above, for pages printed in
/// traditional characters (大连 → 大連). Characters the table does not hold are the same in both.
pub fn place_in_traditional(simplified: &str) -> String {
    const PAIRS: &[(char, char)] = &[
        ('连', '連'),
        ('长', '長'),
        ('锡', '錫'),
        ('无', '無'),
        ('阳', '陽'),
        ('宁', '寧'),
        ('门', '門'),
        ('广', '廣'),
        ('庆', '慶'),
        ('汉', '漢'),
        ('苏', '蘇'),
        ('贵', '貴'),
        ('云', '雲'),
        ('陕', '陝'),
        ('辽', '遼'),
        ('温', '溫'),
        ('绍', '紹'),
        ('兴', '興'),
        ('东', '東'),
        ('郑', '鄭'),
        ('兰', '蘭'),
        ('沈', '瀋'),
        ('尔', '爾'),
        ('滨', '濱'),
        ('庄', '莊'),
        ('济', '濟'),
        ('狮', '獅'),
        ('厦', '廈'),
        ('湾', '灣'),
        ('烟', '煙'),
        ('台', '臺'),
    ];
    simplified.chars().map(|c| PAIRS.iter().find(|(s, _)| *s == c).map_or(c, |(_, t)| *t)).collect()
}

/// Abbreviations that name more than one city (`在长`: 长沙 or 长春); the article's own text
/// decides between them.
pub fn places_of_ambiguous_abbreviation(abbreviation: &str) -> &'static [&'static str] {
    match abbreviation {
        "长" => &["长沙", "长春"],
        "石" => &["石家庄", "石狮"],
        "济" => &["济南", "济宁"],
        "合" => &["合肥"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        LazyLock::force(&DATELINE_START);
        LazyLock::force(&BYLINE_RE);
        LazyLock::force(&TITLE_WORD_RE);
        LazyLock::force(&COLLECTIVE_TITLE_RE);
        LazyLock::force(&SHORTFALL_CUE);
    }

    #[test]
    fn datelines() {
        for (text, dateline) in [
            ("本报讯 市委季度工作会议昨天下午举行。", "本报讯"),
            ("本报讯（记者 张三 李四）会议指出", "本报讯"),
            ("新华社杭州4月1日电（记者 王五）浙江省", "新华社杭州4月1日电"),
            ("本报北京3 月8 日电 全国", "本报北京3 月8 日电"),
            ("本报杭州3月3日讯（记者 应思）3日上午", "本报杭州3月3日讯"),
            ("本报南京讯 昨天上午", "本报南京讯"),
        ] {
            let m = DATELINE_START.captures(text).expect(text);
            assert_eq!(&m["dateline"], dateline);
        }
        assert!(DATELINE_START.captures("市委常委会召开会议").is_none());
        // a byline on its own line is not a dateline, though it opens with 本报 and holds 讯
        assert!(DATELINE_START.captures("本报记者潘晓雯通讯员叶子航").is_none());
    }

    #[test]
    fn longest_title_word_wins() {
        let m = TITLE_WORD_RE.find("市委副书记").unwrap();
        assert_eq!(m.as_str(), "副书记");
        let m = TITLE_WORD_RE.find("常务副市长").unwrap();
        assert_eq!(m.as_str(), "常务副市长");
    }

    #[test]
    fn surnames() {
        assert!(starts_with_surname("龚正"));
        assert!(starts_with_surname("欧阳明"));
        // common surnames the first list lacked
        for name in ["萧远", "赖明", "洪亮", "贝宁", "钮扣"] {
            assert!(starts_with_surname(name), "{name}");
        }
        assert!(!starts_with_surname("会上"));
    }
}

// ---------------------------------------------------------------------------------------
// Datelines of web copies: `<site or place>讯`, `<outlet><place><date>讯`, `<outlet>消息`,
// `【…消息】`, each followed by a byline, a colon or a space. Kept apart from `DATELINE` (the
// dateline of a printed page, which also decides where dewrap joins lines): these forms are
// read only at the start of a block, through [`dateline_start`].
// ---------------------------------------------------------------------------------------

/// `某某新闻网讯（记者 …）`, `某某客户端河湾3月8日讯（…）`, `某地讯：`, `某日报消息（记者 …）`,
/// `某某社北京1月2日电/`: a site, outlet or place name (no punctuation), maybe a place and a
/// date, then `讯` or `消息` (or `电` after a date), then a byline, a colon, a slash or a
/// space — or a date, once layout spaces are gone (`某某网讯9月9日，…`).
pub static WEB_DATELINE_START: LazyLock<Regex> = LazyLock::new(|| {
    let byline = &*BYLINE;
    regex(&format!(
        r"^\s*(?P<dateline>[\p{{Han}}A-Za-z0-9·]{{1,20}}?(?:\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*[讯电]|讯|消息))\s*(?P<sep>(?P<byline>{byline})|[：:/／]|\s)?\s*"
    ))
});

/// `【记者 张三 报道】`, `【某某网消息】` at the start of a text.
pub static BRACKETED_DATELINE_START: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^\s*(?P<dateline>【[^】]{1,24}(?:消息|报道|报导|讯|电)】)\s*[：:]?\s*"));

/// Words ending in `讯` that are not datelines (`通讯`, `资讯`, `喜讯` …).
const NOT_A_DATELINE: &[&str] =
    &["通讯", "资讯", "喜讯", "简讯", "视讯", "电讯", "音讯", "通知消息", "好消息", "最新消息"];

/// The dateline (and byline) opening a text, printed or web: `DATELINE_START`, else the web
/// forms above. The captures name `dateline` and, when there is one, `byline`.
pub fn dateline_start(norm: &str) -> Option<regex::Captures<'_>> {
    if let Some(caps) = DATELINE_START.captures(norm) {
        return Some(caps);
    }
    let caps = WEB_DATELINE_START.captures(norm).or_else(|| BRACKETED_DATELINE_START.captures(norm))?;
    let dateline = caps.name("dateline")?.as_str();
    let plain = dateline.trim_end_matches(['】']);
    let rest = &norm[caps.get(0)?.end()..];
    let separated =
        caps.name("sep").is_some() || plain.starts_with('【') || rest.starts_with(|c: char| c.is_ascii_digit());
    // A dateline opens running text; a line that is all dateline is a heading.
    let ok = separated && !NOT_A_DATELINE.iter().any(|w| plain.ends_with(w)) && rest.chars().count() >= 8;
    ok.then_some(caps)
}

#[cfg(test)]
mod web_dateline_tests {
    use super::*;

    #[test]
    fn web_datelines_and_their_bylines() {
        for (text, dateline, byline) in [
            ("河湾新闻网讯（记者 林某 陈某）5月5日上午，河湾县召开会议。", "河湾新闻网讯", Some("（记者 林某 陈某）")),
            (
                "某某客户端河湾3月8日讯（通讯员 周某）3月7日，某某公司签约。",
                "某某客户端河湾3月8日讯",
                Some("（通讯员 周某）"),
            ),
            ("河湾讯：昨天上午，县政府召开常务会议。", "河湾讯", None),
            ("某某日报消息（记者 林某）昨日上午，市委召开常委会会议。", "某某日报消息", Some("（记者 林某）")),
            ("【记者林某报道】县政府昨天召开常务会议，研究防汛工作。", "【记者林某报道】", None),
            ("河湾新闻网讯9月9日，河湾县与某市签署友好合作备忘录。", "河湾新闻网讯", None),
            ("某评社北京6月3日电/据某报报道，近日，省委常委会召开会议。", "某评社北京6月3日电", None),
            ("本报讯（记者 张三）会议指出", "本报讯", Some("（记者 张三）")),
        ] {
            let caps = dateline_start(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(&caps["dateline"], dateline, "{text}");
            assert_eq!(caps.name("byline").map(|m| m.as_str()), byline, "{text}");
        }
        for text in [
            "近日喜讯：某某县获评示范县，全县上下倍感振奋。",
            "最新消息：会议将于下周举行，请各单位做好准备。",
            "县政府召开常务会议研究防汛工作",
            "通讯员张三报道，会议要求抓好落实。",
            "市场监管讯息发布平台今天上线运行，方便群众查询。",
            "河湾新闻网讯",
        ] {
            assert!(dateline_start(text).is_none(), "{text}");
        }
    }
}
