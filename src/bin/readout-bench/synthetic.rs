//! Synthetic pages for measuring throughput: varied copies of real pages.
//!
//! A benchmark needs many pages that read like real ones and are all different, since readout
//! skips a page whose content is already stored. [`Template`]s are real pages (the sample,
//! its variants, the test corpus); [`Generator::page`] makes the `n`-th synthetic page from
//! one of them, with
//! - an issue date of its own in the file name (pages of a daily paper, a few per issue);
//! - the people's names replaced by invented ones from a closed list (a common surname and
//!   one or two given-name characters), the same name for the same person throughout the page;
//! - Shanghai's districts swapped among themselves;
//! - numbers changed: years moved with the issue date, months and days kept valid, other
//!   numbers given other digits; times of day (`10:30`) are kept.
//!
//! Every replacement has the length of what it replaces, and names split by a line break are
//! replaced around it, so a print page keeps its line widths (which dewrap reads) and its
//! layout. A page keeps its template's encoding (UTF-8, with or without a byte-order mark,
//! GB18030, UTF-16). No two pages of one generator are identical: a page that happens to equal
//! one made before is made again with other choices.
//!
//! Pages are made one at a time, for the caller to write and drop: a corpus is never held in
//! memory. Only the templates are read, through the [`reader`].

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate};
use regex::Regex;

use readout::lexicon;
use readout::pipeline::{self, IssueDateOrigin};
use readout::reader::{self, Encoding, ReadError};
use readout::segment::Tokenizer;
use readout::text::normalize;

/// Surnames of the invented names: common ones, so that readout finds the names as it finds
/// real ones.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭";
/// Given-name characters of the invented names.
const GIVEN: &str = "晓建国明华文志海永伟立宏军新春秋丽静敏洁涛斌磊峰平安宁远卫东红燕云霞杰鹏辉勇强刚";

/// How many pages share an issue date (the pages of one day's paper).
pub const PAGES_PER_ISSUE: usize = 8;

/// A real page that synthetic pages are made from.
#[derive(Debug)]
pub struct Template {
    /// The file name without its extension and without a date.
    pub stem: String,
    pub text: String,
    pub encoding: Encoding,
    /// The issue year the page's years are moved from: the year in its file name, if any.
    pub year: Option<i32>,
    /// The people readout finds on the page (2 or 3 characters, with a surname).
    pub names: Vec<String>,
    /// Finds the names and districts in the normalized text, line breaks between their
    /// characters allowed.
    words: Regex,
}

impl Template {
    /// Reads a page and finds its people with readout's own pipeline.
    pub fn load(path: &Path, tokenizer: &Tokenizer) -> Result<Template, ReadError> {
        let source = reader::read(path, reader::DEFAULT_MAX_BYTES)?;
        let date = reader::issue_date_in_name(&source.name);
        let stem = stem_without_date(&source.name);
        let (text, encoding) = (source.text.clone(), source.encoding);
        let processed = pipeline::process(source, date, IssueDateOrigin::FileName, tokenizer);
        let mut names: Vec<String> = Vec::new();
        let events = processed.extraction.articles.iter().filter_map(|a| a.event.as_ref());
        for event in events {
            names.extend(event.chair.iter().cloned());
            names.extend(event.attendance.iter().map(|a| a.person.clone()));
        }
        for article in &processed.page.page.articles {
            names.extend(article.reporters.iter().map(|r| r.name.clone()));
        }
        names.retain(|n| {
            let count = n.chars().count();
            (2..=3).contains(&count) && n.chars().all(readout::text::is_han) && lexicon::starts_with_surname(n)
        });
        Ok(Template::new(stem, text, encoding, date.map(|d| d.year()), names))
    }

    pub fn new(stem: String, text: String, encoding: Encoding, year: Option<i32>, mut names: Vec<String>) -> Template {
        names.sort();
        names.dedup();
        let mut words: Vec<&str> =
            names.iter().map(String::as_str).chain(lexicon::SHANGHAI_DISTRICTS.iter().copied()).collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        let alternatives: Vec<String> = words
            .iter()
            .map(|w| w.chars().map(|c| regex::escape(&c.to_string())).collect::<Vec<_>>().join(r"\s*"))
            .collect();
        let words = Regex::new(&alternatives.join("|")).expect("escaped words make a valid pattern");
        Template { stem, text, encoding, year, names, words }
    }
}

/// A file name without its extension and the date in it: `p09_print_today_2024-03-08.txt` →
/// `p09_print_today`.
fn stem_without_date(name: &str) -> String {
    static DATE: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| Regex::new(r"[-_.]?(?:19|20)\d{2}[-_.]?\d{2}[-_.]?\d{2}").expect("static pattern"));
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    DATE.replace_all(stem, "").into_owned()
}

/// One synthetic page: its file name (holding its issue date) and bytes.
#[derive(Debug)]
pub struct Page {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// How many times a page is made again when it equals one made before.
const MAX_ATTEMPTS: u64 = 100;

/// A template could not make a page unlike those made before.
#[derive(Debug, thiserror::Error)]
#[error("template {template} has too little to vary to make page {page} unlike the pages before it")]
pub struct Exhausted {
    pub template: String,
    pub page: usize,
}

/// Makes synthetic pages from templates, each different from every other it made.
pub struct Generator {
    templates: Vec<Template>,
    seed: u64,
    first_issue: NaiveDate,
    /// Hashes of the pages made so far (32 bytes a page, not the pages).
    made: HashSet<[u8; 32]>,
}

impl Generator {
    pub fn new(templates: Vec<Template>, seed: u64, first_issue: NaiveDate) -> Generator {
        assert!(!templates.is_empty(), "a generator needs a template");
        Generator { templates, seed, first_issue, made: HashSet::new() }
    }

    /// The `n`-th page: template `n` modulo their number, issue date `n / PAGES_PER_ISSUE`
    /// days after the first. Fails when a template with too few names and numbers to vary
    /// cannot make a page unlike every page made before.
    pub fn page(&mut self, n: usize) -> Result<Page, Exhausted> {
        let template = &self.templates[n % self.templates.len()];
        let issue_date = self.first_issue + Days::new((n / PAGES_PER_ISSUE) as u64);
        let file_name = format!("{issue_date}_{:02}_{}_{n:06}.txt", n % PAGES_PER_ISSUE + 1, template.stem);
        for attempt in 0..MAX_ATTEMPTS {
            let mut rng = Rng::new(self.seed ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (attempt << 48));
            let text = vary(template, issue_date, &mut rng);
            let bytes = encode(&text, template.encoding);
            if self.made.insert(*blake3::hash(&bytes).as_bytes()) {
                return Ok(Page { file_name, bytes });
            }
        }
        Err(Exhausted { template: template.stem.clone(), page: n })
    }
}

/// The template's text with names, districts and numbers replaced.
fn vary(template: &Template, issue_date: NaiveDate, rng: &mut Rng) -> String {
    let printed: Vec<char> = template.text.chars().collect();
    let norm = normalize(&template.text);
    let norm_chars: Vec<char> = norm.chars().collect();
    debug_assert_eq!(printed.len(), norm_chars.len());
    // The character index of each byte offset of `norm` that starts a character.
    let mut char_at = vec![usize::MAX; norm.len() + 1];
    for (i, (b, _)) in norm.char_indices().enumerate() {
        char_at[b] = i;
    }
    char_at[norm.len()] = norm_chars.len();
    let mut out = printed.clone();

    let words = replacements(template, rng);
    for m in template.words.find_iter(&norm) {
        let (start, end) = (char_at[m.start()], char_at[m.end()]);
        let found: String = norm_chars[start..end].iter().filter(|c| !c.is_whitespace()).collect();
        let Some(replacement) = words.get(&found) else { continue };
        let mut with = replacement.chars();
        for i in (start..end).filter(|&i| !norm_chars[i].is_whitespace()) {
            out[i] = with.next().expect("a replacement has the length of the word");
        }
    }

    let year_shift = template.year.map_or(0, |y| issue_date.year() - y);
    let mut i = 0;
    while i < norm_chars.len() {
        if !norm_chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < norm_chars.len() && norm_chars[i].is_ascii_digit() {
            i += 1;
        }
        let digits: String = norm_chars[start..i].iter().collect();
        let before = start.checked_sub(1).map(|b| norm_chars[b]);
        let after = norm_chars[i..].iter().copied().find(|c| !c.is_whitespace());
        let Some(new) = vary_number(&digits, before, after, year_shift, rng) else { continue };
        for (k, d) in new.chars().enumerate() {
            let at = start + k;
            let full_width = ('０'..='９').contains(&printed[at]);
            out[at] = if full_width { char::from_u32(d as u32 + 0xFEE0).expect("a full-width digit") } else { d };
        }
    }
    out.into_iter().collect()
}

/// Other digits for a number, as many as it has; `None` keeps it (a time of day).
fn vary_number(
    digits: &str,
    before: Option<char>,
    after: Option<char>,
    year_shift: i32,
    rng: &mut Rng,
) -> Option<String> {
    let len = digits.len();
    if before == Some(':') || after == Some(':') {
        return None;
    }
    if len == 4 && (digits.starts_with("19") || digits.starts_with("20")) {
        let year: i32 = digits.parse().ok()?;
        return Some((year + year_shift).clamp(1990, 2039).to_string());
    }
    match (after, len) {
        (Some('月'), 1) => return Some(rng.range(1, 9).to_string()),
        (Some('月'), 2) => return Some(rng.range(10, 12).to_string()),
        (Some('日' | '号'), 1) => return Some(rng.range(1, 9).to_string()),
        (Some('日' | '号'), 2) => return Some(rng.range(10, 28).to_string()),
        _ => {}
    }
    let leading_zero = digits.starts_with('0');
    Some(
        (0..len)
            .map(|k| {
                let low = if k == 0 && len > 1 && !leading_zero { 1 } else { 0 };
                char::from(b'0' + rng.range(low, 9) as u8)
            })
            .collect(),
    )
}

/// What each name and district of a template becomes on one page.
fn replacements(template: &Template, rng: &mut Rng) -> HashMap<String, String> {
    let surnames: Vec<char> = SURNAMES.chars().collect();
    let given: Vec<char> = GIVEN.chars().collect();
    let mut words = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    for name in &template.names {
        let len = name.chars().count();
        let invented = loop {
            let mut s = String::new();
            s.push(surnames[rng.below(surnames.len())]);
            for _ in 1..len {
                s.push(given[rng.below(given.len())]);
            }
            if &s != name && taken.insert(s.clone()) {
                break s;
            }
        };
        words.insert(name.clone(), invented);
    }
    // The three-character districts in another order (浦东新区 has no peer of its length).
    let districts: Vec<&str> = lexicon::SHANGHAI_DISTRICTS.iter().copied().filter(|d| d.chars().count() == 3).collect();
    let mut shuffled = districts.clone();
    for k in (1..shuffled.len()).rev() {
        shuffled.swap(k, rng.below(k + 1));
    }
    for (from, to) in districts.into_iter().zip(shuffled) {
        words.entry(from.to_string()).or_insert_with(|| to.to_string());
    }
    words
}

/// A page's text in its template's encoding.
fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8WithBom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
        Encoding::Utf16 => {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        }
        Encoding::Declared(name) => match encoding_rs::Encoding::for_label(name.as_bytes()) {
            Some(e) => e.encode(text).0.into_owned(),
            None => text.as_bytes().to_vec(),
        },
    }
}

/// SplitMix64: a small, fast, deterministic generator, so that a seed makes the same corpus
/// on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: u32, high: u32) -> u32 {
        low + (self.next() % u64::from(high - low + 1)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(text: &str, names: &[&str]) -> Template {
        Template::new(
            "t".to_string(),
            text.to_string(),
            Encoding::Utf8,
            Some(2024),
            names.iter().map(|n| n.to_string()).collect(),
        )
    }

    #[test]
    fn names_districts_and_numbers_change_but_lengths_and_layout_do_not() {
        let t = template(
            "本报讯 4月1日，市委书记陈吉\n宁主持会议。闵行区盘活土地1030亩，上午10:30开始。陈吉宁指出。\n",
            &["陈吉宁"],
        );
        let date = NaiveDate::from_ymd_opt(2031, 7, 9).unwrap();
        let page = vary(&t, date, &mut Rng::new(7));
        // The names are chosen first, from the same generator state.
        let words = replacements(&t, &mut Rng::new(7));
        let invented: Vec<char> = words["陈吉宁"].chars().collect();
        let lines: Vec<Vec<char>> = page.lines().map(|l| l.chars().collect()).collect();
        assert_eq!(lines.iter().map(Vec::len).collect::<Vec<_>>(), vec![15, 35], "{page}");
        assert_eq!(lines[0][13..], invented[..2], "{page}");
        assert_eq!(lines[1][..1], invented[2..], "{page}");
        assert_eq!(lines[1][29..32], invented[..], "{page}");
        assert!(page.contains(&format!("{}盘活", words["闵行区"])) && !page.contains("1030亩"), "{page}");
        assert!(page.contains("10:30"), "{page}");
    }

    #[test]
    fn months_and_days_stay_valid_and_years_follow_the_issue() {
        let t = template("2024年12月31日和4月1日", &[]);
        let date = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
        let dates = Regex::new(r"^2030年(\d{2})月(\d{2})日和(\d)月(\d)日$").unwrap();
        for seed in 0..50 {
            let page = vary(&t, date, &mut Rng::new(seed));
            let caps = dates.captures(&page).expect(&page);
            let n = |i: usize| caps[i].parse::<u32>().unwrap();
            assert!((10..=12).contains(&n(1)) && (10..=28).contains(&n(2)), "{page}");
            assert!((1..=9).contains(&n(3)) && (1..=9).contains(&n(4)), "{page}");
        }
    }

    #[test]
    fn no_two_pages_are_identical_and_encodings_are_kept() {
        let mut gb = template("会议于11日举行，市长张三出席。", &["张三"]);
        gb.encoding = Encoding::Gb18030;
        let mut generator = Generator::new(vec![gb], 1, NaiveDate::from_ymd_opt(2001, 1, 1).unwrap());
        let pages: Vec<Page> = (0..200).map(|n| generator.page(n).unwrap()).collect();
        let distinct: HashSet<&[u8]> = pages.iter().map(|p| p.bytes.as_slice()).collect();
        assert_eq!(distinct.len(), pages.len());
        let (decoded, encoding) = reader::decode(&pages[0].bytes).unwrap();
        assert_eq!(encoding, Encoding::Gb18030);
        assert!(decoded.starts_with("会议于") && decoded.ends_with("出席。"), "{decoded}");
        assert_eq!(pages[9].file_name, "2001-01-02_02_t_000009.txt");
        assert_eq!(reader::issue_date_in_name(&pages[9].file_name), NaiveDate::from_ymd_opt(2001, 1, 2));
    }

    #[test]
    fn a_template_with_too_little_to_vary_runs_out() {
        let mut generator =
            Generator::new(vec![template("会议于1日举行。", &[])], 1, NaiveDate::from_ymd_opt(2001, 1, 1).unwrap());
        let made = (0..20).take_while(|&n| generator.page(n).is_ok()).count();
        assert_eq!(made, 9, "one page for each day 1 to 9");
    }

    #[test]
    fn dates_leave_the_stem() {
        assert_eq!(stem_without_date("p09_print_today_paren_date_2024-03-08.txt"), "p09_print_today_paren_date");
        assert_eq!(stem_without_date("000_33a1af8f75da2c74.txt"), "000_33a1af8f75da2c74");
    }
}
