//! A fuzz target over every stage from bytes to stored rows: arbitrary bytes, and arbitrary
//! Chinese text (characters, the punctuation pages print, digits, line ends, spaces, words of
//! the lexicon and snippets of the project's pages) in every encoding the reader takes, go
//! through reader → dewrap → segment → classify → extract → store; so do broken web pages
//! (markup of every kind mixed with that text, deep nesting, wrong charset declarations, in
//! UTF-8 or GBK). Whatever the input, no stage panics or hangs, and the store takes every row
//! the stages produce.
//!
//! The test suite runs a modest number of cases; a long run is
//! `PROPTEST_CASES=200000 cargo test --release --test fuzz` (add `PROPTEST_TIMEOUT=20000` to
//! fail a case that runs for more than 20 s instead of waiting for it).

use std::cell::RefCell;
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use readout::pipeline::{self, IssueDateOrigin};
use readout::reader;
use readout::segment::Tokenizer;
use readout::store::Store;

/// How many cases each property runs in the test suite, unless PROPTEST_CASES says.
const CASES: u32 = 64;

static TOKENIZER: LazyLock<Tokenizer> = LazyLock::new(Tokenizer::new);

/// The project's pages, decoded, to cut snippets from.
static PAGES: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("tests/data/000_33a1af8f75da2c74.txt")];
    for folder in ["tests/corpus", "tests/data/variants"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "txt") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths.iter().map(|p| reader::read(p, u64::MAX).unwrap().text.chars().collect()).collect()
});

thread_local! {
    static STORE: RefCell<Store> = RefCell::new(Store::open_in_memory().unwrap());
}

/// Words that make the stages take their less common paths.
const WORDS: &[&str] = &[
    "本报讯",
    "新华社上海4月1日电",
    "（记者 张三 李四）",
    "记者",
    "通讯员",
    "市委常委会",
    "昨天上午",
    "今天",
    "前天",
    "上周五",
    "4月1日",
    "2024年",
    "召开",
    "举行",
    "会议",
    "座谈会",
    "主持",
    "出席",
    "列席",
    "会见",
    "一行",
    "签约",
    "见证",
    "签署",
    "分别与",
    "强调",
    "指出",
    "要求",
    "会议原则同意《",
    "审议通过",
    "汇报",
    "发言",
    "全市第一",
    "连续四年",
    "4.5万场",
    "排名前三",
    "全国首个",
    "但在",
    "上仍存不足",
    "市领导",
    "区委书记",
    "区长",
    "副市长",
    "浦东新区",
    "委员会",
    "局",
    "来源：",
    "责任编辑：",
    "原标题：",
    "（下转第2版）",
    "——",
    "……",
];

const PUNCTUATION: &[&str] =
    &["。", "，", "、", "：", "；", "“", "”", "《", "》", "（", "）", "！", "？", "·", ".", ",", ":", ";", "(", ")"];

/// One piece of Chinese text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0x4E00u32..0x9FA6).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        3 => select(PUNCTUATION).prop_map(str::to_string),
        1 => "[0-9０-９]{1,5}",
        2 => select(&["\n", "\n", "\r\n", "\n\n", "\r"][..]).prop_map(str::to_string),
        1 => select(&[" ", "  ", "\u{3000}", "\u{3000}\u{3000}", "\t"][..]).prop_map(str::to_string),
        2 => select(WORDS).prop_map(str::to_string),
        2 => (any::<Index>(), any::<Index>(), 1usize..400).prop_map(|(page, start, len)| {
            let page = page.get(&PAGES);
            let start = start.index(page.len());
            page[start..(start + len).min(page.len())].iter().collect()
        }),
    ]
}

fn chinese_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..160).prop_map(|pieces| pieces.concat())
}

/// A whole page of the project with pieces inserted, spans cut out or overwritten: the
/// structure of a real page, broken in places.
fn edited_page() -> impl Strategy<Value = String> {
    let edit = (any::<Index>(), piece(), 0u8..3);
    (any::<Index>(), prop::collection::vec(edit, 1..16)).prop_map(|(page, edits)| {
        let mut chars: Vec<char> = page.get(&PAGES).clone();
        for (at, piece, kind) in edits {
            let at = at.index(chars.len() + 1);
            let piece: Vec<char> = piece.chars().collect();
            let end = (at + piece.len()).min(chars.len());
            match kind {
                0 => drop(chars.splice(at..at, piece)),
                1 => drop(chars.drain(at..end)),
                _ => drop(chars.splice(at..end, piece)),
            }
        }
        chars.into_iter().collect()
    })
}

/// The forms the reader takes text in.
#[derive(Clone, Copy, Debug)]
enum Form {
    Utf8,
    Utf8WithBom,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

fn encode(text: &str, form: Form) -> Vec<u8> {
    match form {
        Form::Utf8 => text.as_bytes().to_vec(),
        Form::Utf8WithBom => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        Form::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
        Form::Utf16Le => [vec![0xFF, 0xFE], text.encode_utf16().flat_map(u16::to_le_bytes).collect()].concat(),
        Form::Utf16Be => [vec![0xFE, 0xFF], text.encode_utf16().flat_map(u16::to_be_bytes).collect()].concat(),
    }
}

fn form() -> impl Strategy<Value = Form> {
    select(&[Form::Utf8, Form::Utf8, Form::Utf8WithBom, Form::Gb18030, Form::Utf16Le, Form::Utf16Be][..])
}

fn issue_date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of(
        (1990i32..2040, 1u32..=12, 1u32..=31).prop_filter_map("a date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    )
}

/// Bytes through every stage into the store: the reader may reject them (with a reason);
/// anything else must go through and be stored.
fn through_every_stage(bytes: &[u8], issue_date: Option<NaiveDate>) -> Result<(), TestCaseError> {
    through_every_stage_as("fuzz_page.txt", bytes, issue_date)
}

/// The same, for a file of the given name (`.html` is read as a web page).
fn through_every_stage_as(name: &str, bytes: &[u8], issue_date: Option<NaiveDate>) -> Result<(), TestCaseError> {
    let Ok(source) = reader::from_bytes(Path::new(name), bytes) else { return Ok(()) };
    let page = pipeline::process(source, issue_date, IssueDateOrigin::Flag, &TOKENIZER);
    STORE
        .with(|store| store.borrow_mut().write_page(&page).map(drop))
        .map_err(|e| TestCaseError::fail(format!("the store refused the page: {e}")))
}

/// Markup as web pages hold it, broken in every way a page may be: tags left open or closed
/// twice, entities good and bad, charset declarations right or wrong for the bytes, metadata
/// with impossible dates, scripts holding tags, and runs of nesting deep enough to be refused.
const MARKUP: &[&str] = &[
    "<p>",
    "</p>",
    "<div class=\"content\">",
    "<div id=\"zoom\">",
    "</div>",
    "<br>",
    "<br/>",
    "<a href=\"/x\">",
    "</a>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<td>",
    "<h1>",
    "</h1>",
    "<span class=\"title\">",
    "<script>var a = '<div>';</script>",
    "<style>p { color: red }</style>",
    "<!--",
    "-->",
    "&nbsp;",
    "&amp;",
    "&#x4F1A;",
    "&#12345678;",
    "&bogus;",
    "&",
    "<img src=a.jpg>",
    "<figcaption>",
    "<ul class=\"nav\"><li>",
    "<footer>",
    "<",
    ">",
    "</",
    "<meta charset=\"gb2312\">",
    "<meta charset=\"utf-8\">",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">",
    "<meta charset=\"utf-16\">",
    "<title>",
    "</title>",
    "<meta name=\"PubDate\" content=\"2024-13-45 08:00\">",
    "<meta name=\"ArticleTitle\" content=\"",
    "\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"",
    "</script>",
    "发布时间：2024-02-30",
    "相关新闻",
    "上一篇：",
];

/// A web page: markup and Chinese text, now and then nested hundreds of elements deep.
fn web_page() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        4 => piece(),
        4 => select(MARKUP).prop_map(str::to_string),
        1 => (1usize..800).prop_map(|n| "<div><span>".repeat(n)),
    ];
    prop::collection::vec(part, 0..200).prop_map(|parts| format!("<html><head>{}", parts.concat()))
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(CASES);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn chinese_text_in_any_form_goes_through_every_stage(
        text in chinese_text(),
        form in form(),
        issue_date in issue_date(),
    ) {
        through_every_stage(&encode(&text, form), issue_date)?;
    }

    #[test]
    fn edited_pages_in_any_form_go_through_every_stage(
        text in edited_page(),
        form in form(),
        issue_date in issue_date(),
    ) {
        through_every_stage(&encode(&text, form), issue_date)?;
    }

    #[test]
    fn broken_web_pages_in_either_encoding_go_through_every_stage_or_are_rejected(
        page in web_page(),
        gbk in any::<bool>(),
        named_html in any::<bool>(),
        issue_date in prop::option::of(issue_date()),
    ) {
        let bytes = if gbk { encoding_rs::GBK.encode(&page).0.into_owned() } else { page.into_bytes() };
        let name = if named_html { "fuzz_page.html" } else { "fuzz_page.txt" };
        through_every_stage_as(name, &bytes, issue_date.flatten())?;
    }

    #[test]
    fn arbitrary_bytes_go_through_every_stage_or_are_rejected(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        issue_date in issue_date(),
    ) {
        through_every_stage(&bytes, issue_date)?;
    }

    #[test]
    fn damaged_chinese_text_goes_through_every_stage_or_is_rejected(
        text in chinese_text(),
        form in form(),
        damage in prop::collection::vec((any::<Index>(), any::<u8>()), 1..6),
        cut in prop::option::of(any::<Index>()),
        issue_date in issue_date(),
    ) {
        let mut bytes = encode(&text, form);
        if !bytes.is_empty() {
            for (at, byte) in damage {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            if let Some(cut) = cut {
                bytes.truncate(cut.index(bytes.len()));
            }
        }
        through_every_stage(&bytes, issue_date)?;
    }
}
