//! People, found by structure: a title followed by a name (`市委书记陈吉宁`), titles joined by
//! `、` (`市委副书记、市长龚正`), names listed after a collective title (`市领导李仰哲、陈通`)
//! or after a titled name (`副区长谢宏、孙立伟`), and names already seen with a title.
//!
//! A name is two to four Han characters that begin with a Chinese surname and are followed by
//! punctuation or by a word that cannot continue a name (a verb such as 主持, a time such as
//! 昨天, a conjunction such as 和). No particular person is known here.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use memchr::memmem::Finder;
use regex::Regex;

use crate::lexicon::{self, Class, words};
use crate::text::{Span, Text, is_han};

/// A person named in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub name: String,
    /// The title printed with the name (or the collective title it was listed under).
    pub title: Option<String>,
    /// The name's span.
    pub name_span: Span,
    /// The whole mention: title and name.
    pub span: Span,
}

/// Words that may follow a name: where a name ends. Words that cannot stand inside a name,
/// derived from the lexicon's classes ([`words::is_name_end`]).
static NAME_ENDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| words::of(words::is_name_end));

/// Words that end the text before a title: an organization never runs across them
/// ([`words::is_title_stop`]).
static TITLE_STOPS: LazyLock<Vec<&'static str>> = LazyLock::new(|| words::of(words::is_title_stop));

static NAME_END_SET: LazyLock<Words> = LazyLock::new(|| Words::new(&NAME_ENDS));
static TITLE_STOP_SET: LazyLock<Words> = LazyLock::new(|| Words::new(&TITLE_STOPS));
static TITLE_WORD_SET: LazyLock<Words> = LazyLock::new(|| Words::new(lexicon::TITLE_WORDS));

/// Whether a character is a conjunction of the lexicon (和, 与, 及) or `同`: names joined by
/// it are listed together.
pub fn is_conjunction(c: char) -> bool {
    CONJUNCTION_CHARS.contains(&c)
}

/// The conjunctions of one character, and `同`, found once: names are tried at every place of
/// a text, and each try asks about the character before it.
static CONJUNCTION_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
    words::WORDS
        .iter()
        .filter(|&&(_, class)| matches!(class, Class::Conjunction | Class::With))
        .filter_map(|&(w, _)| {
            let mut chars = w.chars();
            chars.next().filter(|_| chars.next().is_none())
        })
        .collect()
});

/// The most bytes a word of a [`Words`] set may have: the characters at hand are encoded on
/// the stack, that many at most.
const MAX_WORD_BYTES: usize = 64;

/// A closed set of words, looked up by the characters of a text with Aho-Corasick automata:
/// one over the words, for the longest word at a place, and one over the words reversed, for
/// a word ending at a place.
struct Words {
    forward: AhoCorasick,
    backward: AhoCorasick,
    /// The most characters a word has.
    longest: usize,
}

/// The characters encoded as UTF-8 in a buffer on the stack; the buffer and the bytes used.
fn encode(chars: impl Iterator<Item = char>) -> ([u8; MAX_WORD_BYTES], usize) {
    let mut buf = [0u8; MAX_WORD_BYTES];
    let mut n = 0;
    for c in chars {
        n += c.encode_utf8(&mut buf[n..]).len();
    }
    (buf, n)
}

/// A test of the characters as a string, encoded on the stack when they fit: the tests of a
/// would-be name, a few characters, run at every place of a text.
fn with_str<R>(chars: &[char], test: impl FnOnce(&str) -> R) -> R {
    if chars.len() * 4 <= MAX_WORD_BYTES {
        let (buf, n) = encode(chars.iter().copied());
        test(std::str::from_utf8(&buf[..n]).expect("characters encode as UTF-8"))
    } else {
        test(&chars.iter().collect::<String>())
    }
}

impl Words {
    fn new(words: &[&str]) -> Self {
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        assert!(longest * 4 <= MAX_WORD_BYTES, "a word of more than {} characters", MAX_WORD_BYTES / 4);
        let build = |words: Vec<String>| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Both)
                // a DFA: the sets are small, and searched at every place of every paragraph
                .kind(Some(AhoCorasickKind::DFA))
                .build(words)
                .expect("a set of a few hundred short words builds")
        };
        let forward = build(words.iter().map(|w| w.to_string()).collect());
        let backward = build(words.iter().map(|w| w.chars().rev().collect()).collect());
        Words { forward, backward, longest }
    }

    /// The number of characters of the longest word the characters start with.
    fn longest_at_start(&self, chars: &[char]) -> Option<usize> {
        let (buf, n) = encode(chars.iter().copied().take(self.longest));
        let m = self.forward.find(Input::new(&buf[..n]).anchored(Anchored::Yes))?;
        std::str::from_utf8(&buf[..m.end()]).ok().map(|word| word.chars().count())
    }

    /// Whether the characters end with a word.
    fn at_end(&self, chars: &[char]) -> bool {
        let (buf, n) = encode(chars.iter().rev().copied().take(self.longest));
        self.backward.find(Input::new(&buf[..n]).anchored(Anchored::Yes)).is_some()
    }

    /// Whether a word stands anywhere in the characters.
    fn inside(&self, chars: &[char]) -> bool {
        with_str(chars, |text| self.forward.is_match(text))
    }

    /// The words of a text as character spans: left to right, not overlapping, each the
    /// longest of those starting where it starts.
    fn find_all(&self, text: &str) -> Vec<(usize, usize)> {
        // The matches come in order: count the characters from the last one, not from the start.
        let (mut byte, mut char) = (0, 0);
        let mut char_at = |at: usize| {
            char += text[byte..at].chars().count();
            byte = at;
            char
        };
        self.forward.find_iter(text).map(|m| (char_at(m.start()), char_at(m.end()))).collect()
    }
}

/// Organization names that hold a stop word (`有限公司`): the stop word before `rest` does
/// not end the organization.
fn inside_organization(stop: char, rest: &[char]) -> bool {
    stop == '有' && rest.first() == Some(&'限')
}

fn is_separator(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '！' | '？' | '（' | '）' | '“' | '”' | '《' | '》' | ' ')
}

/// How firmly the text after a candidate name ends it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Boundary {
    /// A one-character word (和, 在 …): a name may also run on.
    Weak,
    /// Punctuation, the end, a digit, or a longer word.
    Strong,
}

fn boundary(rest: &[char]) -> Option<Boundary> {
    match rest.first() {
        None => Some(Boundary::Strong),
        Some(&c) if is_separator(c) || c.is_ascii_digit() || c.is_whitespace() => Some(Boundary::Strong),
        Some(_) => match NAME_END_SET.longest_at_start(rest) {
            Some(1) => Some(Boundary::Weak),
            Some(_) => Some(Boundary::Strong),
            None => None,
        },
    }
}

/// Whether a run of characters can be a name: two to four Han characters that start with a
/// surname and are no word, title or unit.
pub fn is_name(candidate: &[char]) -> bool {
    plausible_name(candidate)
}

/// Whether a run of characters can be a name. The tests of its characters come before the
/// look-ups in the sets of words: it is tried at every place of a text, and most runs fail one.
fn plausible_name(candidate: &[char]) -> bool {
    (2..=4).contains(&candidate.len())
        && candidate.iter().all(|&c| is_han(c) || c == '·')
        && !candidate[1..].iter().any(|c| matches!(c, '的' | '了' | '在' | '与' | '是'))
        // 和 is a given name's character in three-character names (王永和, 李和平); in shorter
        // and longer runs it joins two names
        && (candidate.len() == 3 || !candidate[1..].contains(&'和'))
        && !matches!(candidate[candidate.len() - 1], '等' | '及' | '均' | '也' | '还' | '就')
        // units, not people: 区发改委, 区经信局, 市府办
        && !is_unit(candidate)
        && with_str(candidate, lexicon::starts_with_surname)
        && NAME_END_SET.longest_at_start(candidate).is_none()
        && !TITLE_WORD_SET.inside(candidate)
}

/// Whether a would-be name is the name of a unit: `区发改委`, `区法院`, `石景山区`, `区人大`.
fn is_unit(candidate: &[char]) -> bool {
    let last = candidate[candidate.len() - 1];
    matches!(last, '委' | '局' | '办' | '厅' | '署' | '处' | '镇' | '院' | '区' | '县')
        || candidate.ends_with(&['集', '团'])
        || candidate.ends_with(&['人', '大'])
        || candidate.ends_with(&['干', '部'])
        || candidate.ends_with(&['人', '员'])
        || candidate.ends_with(&['政', '协'])
        || candidate.ends_with(&['街', '道'])
}

/// A transliterated foreign name: Han syllables joined by `·` (`安德斯·汉森`); its length.
/// The last part ends at the first place a name may end (`汉森和…`, `拉斯穆森一行`).
fn foreign_name_at(chars: &[char], at: usize) -> Option<usize> {
    if at >= chars.len() {
        return None;
    }
    let mut end = at;
    let mut parts = 0;
    while parts < 3 {
        let part = chars[end..].iter().take_while(|&&c| is_han(c)).count();
        if !(1..=8).contains(&part) || chars.get(end + part) != Some(&'·') {
            break;
        }
        end += part + 1;
        parts += 1;
    }
    if parts == 0 {
        return None;
    }
    let run = chars[end..].iter().take_while(|&&c| is_han(c)).count();
    // Transliterations do not use the one-character words that end names (和, 在, 与), so
    // the first place a name may end is where it ends.
    (1..=run.min(8)).find(|&len| boundary(&chars[end + len..]).is_some()).map(|len| end + len - at)
}

/// The length of the name starting at `at`, if one does: the shortest with a strong
/// boundary after it, else the shortest with a weak one.
pub fn name_at(chars: &[char], at: usize) -> Option<usize> {
    if let Some(len) = foreign_name_at(chars, at) {
        return Some(len);
    }
    let mut weak = None;
    for len in 2..=4 {
        if at + len > chars.len() || !plausible_name(&chars[at..at + len]) {
            continue;
        }
        match boundary(&chars[at + len..]) {
            Some(Boundary::Strong) => return Some(len),
            Some(Boundary::Weak) if weak.is_none() => weak = Some(len),
            _ => {}
        }
    }
    weak
}

/// Whether the characters before `end` make a name that a separator or the start of the
/// text precedes; returns its start.
pub fn name_ending_at(chars: &[char], end: usize) -> Option<usize> {
    (2..=4).rev().filter(|&len| len <= end).map(|len| end - len).find(|&start| {
        let before_ok = start == 0 || is_separator(chars[start - 1]) || is_conjunction(chars[start - 1]);
        before_ok && plausible_name(&chars[start..end])
    })
}

static COLLECTIVE: LazyLock<Regex> = LazyLock::new(|| lexicon::COLLECTIVE_TITLE_RE.clone());

/// The title words of a text as character spans, as [`lexicon::TITLE_WORD_RE`] finds them:
/// left to right, not overlapping, each the longest of those starting where it starts (the
/// pattern tries the longest first).
fn title_words(text: &str) -> Vec<(usize, usize)> {
    TITLE_WORD_SET.find_all(text)
}

/// Every titled person in a text, in order.
pub fn titled_mentions(text: &Text) -> Vec<Mention> {
    let norm = text.norm();
    let chars: Vec<char> = norm.chars().collect();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut title_hits: Vec<(usize, usize, bool)> =
        title_words(norm).into_iter().map(|(start, end)| (start, end, false)).collect();
    // A collective title ends with 领导.
    if norm.contains("领导") {
        title_hits.extend(
            COLLECTIVE
                .find_iter(norm)
                .map(|m| (text.char_at_norm_byte(m.start()), text.char_at_norm_byte(m.end()), true)),
        );
    }
    title_hits.sort();
    let mut covered_to = 0;
    for (start, end, collective) in title_hits {
        if start < covered_to {
            continue;
        }
        let Some(len) = name_at(&chars, end).or_else(|| surname_word_name_at(&chars, end)) else { continue };
        // A conjunction after the mention before is not part of this title (`张三和中国民航局副局长李四`).
        let floor = covered_to + list_continues(&chars, covered_to).map_or(0, |next| next - covered_to);
        let title_start = if collective {
            collective_start(&chars, start, floor.min(start))
        } else {
            title_start(&chars, start, floor.min(start))
        };
        let title = text.printed_slice(Span::new(title_start, end)).to_string();
        let mut at = end;
        let mut first = true;
        let mut len = len;
        let mut enumerated = false;
        let mut comma_run = false;
        loop {
            let name_span = Span::new(at, at + len);
            let span = if first { Span::new(title_start, at + len) } else { name_span };
            mentions.push(Mention {
                name: text.printed_slice(name_span).to_string(),
                title: Some(title.clone()),
                name_span,
                span,
            });
            first = false;
            at += len;
            covered_to = at;
            // Further names sharing the title: `副区长谢宏、孙立伟和黄子涵`. A comma inside an
            // enumeration (`常委文思远、尹丽娟，晏海波、郁佳宁`, where OCR or a typist put `，` for
            // `、`) continues it when the name after it is itself followed by `、`.
            // Names separated by commas alone (`区委常委甲一，乙二，丙三出席`) continue it when
            // two bare names follow, each after a comma.
            let next = list_continues(&chars, at).or_else(|| {
                let next = at + 1;
                if chars.get(at) != Some(&'，') || has_own_title(&chars, next) {
                    return None;
                }
                let l = name_at(&chars, next)?;
                let after = chars.get(next + l);
                if enumerated && after == Some(&'、') || comma_run {
                    return Some(next);
                }
                let second = next + l + 1;
                let bare_after = after == Some(&'，')
                    && !has_own_title(&chars, second)
                    && name_at(&chars, second).is_some_and(|l2| {
                        matches!(chars.get(second + l2), Some('，'))
                            || boundary(&chars[second + l2..]) == Some(Boundary::Strong)
                                && !is_separator(chars.get(second + l2).copied().unwrap_or('。'))
                    });
                comma_run = bare_after;
                bare_after.then_some(next)
            });
            let Some(next) = next else { break };
            enumerated |= chars[at] == '、';
            match name_at(&chars, next).or_else(|| listed_name_at(&chars, next)) {
                Some(l) if !has_own_title(&chars, next) => {
                    at = next;
                    len = l;
                }
                _ => break,
            }
        }
    }
    mentions
}

/// A name inside an enumeration that [`name_at`] does not take because it starts with a
/// word that ends names (`向`, `但`) or with no surname the lexicon knows: two or three Han
/// characters after `、`, before `、`, `，` or a word that ends names, none of them a title, a
/// unit or a longer word.
fn listed_name_at(chars: &[char], at: usize) -> Option<usize> {
    if at == 0 || chars[at - 1] != '、' {
        return None;
    }
    (2..=3).find(|&len| {
        let Some(candidate) = chars.get(at..at + len) else { return false };
        (matches!(chars.get(at + len), Some('、' | '，')) || boundary(&chars[at + len..]) == Some(Boundary::Strong))
            && candidate.iter().all(|&c| is_han(c))
            && !TITLE_WORD_SET.inside(candidate)
            && !is_unit(candidate)
            && candidate[len - 1] != '市'
            && (0..len).all(|k| NAME_END_SET.longest_at_start(&candidate[k..]).is_none_or(|l| l == 1))
    })
}

/// A name right after a title whose surname is also a word that ends names (`董事长于立波`,
/// `副主任向东`): two or three Han characters followed by punctuation or a longer word, the
/// characters after the surname no word, title or unit.
fn surname_word_name_at(chars: &[char], at: usize) -> Option<usize> {
    (2..=3).find(|&len| {
        let Some(candidate) = chars.get(at..at + len) else { return false };
        NAME_END_SET.longest_at_start(candidate) == Some(1)
            && with_str(candidate, lexicon::starts_with_surname)
            && candidate.iter().all(|&c| is_han(c))
            && NAME_END_SET.longest_at_start(&candidate[1..]).is_none()
            && !TITLE_WORD_SET.inside(candidate)
            && !is_unit(candidate)
            && boundary(&chars[at + len..]) == Some(Boundary::Strong)
    })
}

/// Where the next item of a list starts, after a separator of names.
fn list_continues(chars: &[char], at: usize) -> Option<usize> {
    if chars.get(at) == Some(&'、') {
        return Some(at + 1);
    }
    LIST_CONJUNCTIONS.longest_at_start(&chars[at.min(chars.len())..]).map(|len| at + len)
}

/// The conjunctions that join the items of a list (`和`, `及`, `以及`).
static LIST_CONJUNCTIONS: LazyLock<Words> = LazyLock::new(|| Words::new(&words::of(|c| c == Class::Conjunction)));

/// Whether the item starting at `at` carries a title of its own (`市长龚正` after `、`):
/// a title word comes before any name could end.
fn has_own_title(chars: &[char], at: usize) -> bool {
    let item: String = chars[at..].iter().take_while(|&&c| !is_separator(c)).take(24).collect();
    let Some(title) = lexicon::TITLE_WORD_RE.find(&item) else { return false };
    let title_at = item[..title.start()].chars().count();
    name_at(chars, at).is_none_or(|len| title_at < len)
}

/// Whether the character before `start` still belongs to the organization before a title:
/// not punctuation, not white space, not the end of a stop word (unless the stop word is part
/// of the organization's name).
fn organization_goes_on(chars: &[char], floor: usize, start: usize) -> bool {
    let before = chars[start - 1];
    let stopped = TITLE_STOP_SET.at_end(&chars[floor..start]) && !inside_organization(before, &chars[start..]);
    !is_separator(before) && !before.is_whitespace() && !stopped
}

/// The longest organization printed before a title word, in characters
/// (`山东港联国际物流集团有限公司`).
const MAX_ORGANIZATION: usize = 24;

/// Where the title that ends at a title word begins: back over the organization printed
/// before it (`中国民航局副局长`) and over titles joined by `、` (`市委副书记、市长`), but not
/// past punctuation, a stop word, or an earlier mention.
fn title_start(chars: &[char], word_start: usize, floor: usize) -> usize {
    let mut start = organization_start(chars, word_start, floor);
    // Titles joined by 、 before it, each without a name (`市委副书记、市长`): each ends with a
    // title word right before the 、, and has its own organization.
    while start > floor + 1 && chars[start - 1] == '、' {
        let item_end = start - 1;
        let lookback = item_end.saturating_sub(MAX_ORGANIZATION + 8).max(floor);
        let item: String = chars[lookback..item_end].iter().collect();
        let Some(word) = lexicon::TITLE_WORD_RE.find_iter(&item).last().filter(|m| m.end() == item.len()) else {
            break;
        };
        let word_at = lookback + item[..word.start()].chars().count();
        start = organization_start(chars, word_at, floor);
    }
    start
}

/// Where a collective title begins: back over the place or unit printed before it
/// (`东岭区领导`, `北山大学校领导`), as far as the organization before a title goes, but not
/// over a word that is no part of a name of a place (a time, a verb, `会议`).
fn collective_start(chars: &[char], start: usize, floor: usize) -> usize {
    let from = organization_start(chars, start, floor);
    let mut begin = from;
    for k in from..start {
        if let Some(len) = NOT_IN_PLACE_SET.longest_at_start(&chars[k..start]) {
            begin = begin.max(k + len);
        }
    }
    // `我市领导`: the pronoun is no part of the title
    if begin < start && matches!(chars[begin], '我' | '本') {
        begin += 1;
    }
    begin
}

/// Words that are no part of the place or unit printed before a collective title: every
/// word of the lexicon but the suffixes of units.
static NOT_IN_PLACE_SET: LazyLock<Words> =
    LazyLock::new(|| Words::new(&words::of(|c| !matches!(c, Class::UnitSuffix { .. }))));

/// Where the organization printed before a title word begins (`中国民航局` before `副局长`).
/// It may hold a short bracketed part (`产业投资控股（集团）有限公司`).
fn organization_start(chars: &[char], word_start: usize, floor: usize) -> usize {
    let mut start = word_start;
    while start > floor && start + MAX_ORGANIZATION > word_start {
        if chars[start - 1] == '）' {
            let open = (start.saturating_sub(8).max(floor)..start - 1).rev().find(|&k| chars[k] == '（');
            match open {
                Some(k)
                    if k > floor
                        && chars[k + 1..start - 1].iter().all(|&c| is_han(c))
                        && !is_separator(chars[k - 1]) =>
                {
                    start = k;
                    continue;
                }
                _ => break,
            }
        }
        if !organization_goes_on(chars, floor, start) {
            break;
        }
        start -= 1;
    }
    start
}

/// The people of an article: each name with the first title printed with it, whichever
/// script (simplified or traditional) either was printed in. A name is one person however it
/// was printed (龔正 is 龚正): the registry is keyed by the normalized name, and ordered, so
/// that what it answers never depends on a hash map's order.
#[derive(Debug, Default)]
pub struct Registry {
    /// Normalized name → the person.
    people: BTreeMap<String, Known>,
}

/// A person of a [`Registry`].
#[derive(Debug)]
struct Known {
    /// Finds the normalized name in a text; made once, used on every paragraph.
    finder: Finder<'static>,
    title: Option<String>,
}

impl Registry {
    pub fn add(&mut self, mention: &Mention) {
        let norm = crate::text::normalize(&mention.name);
        let entry = self
            .people
            .entry(norm)
            .or_insert_with_key(|norm| Known { finder: Finder::new(norm).into_owned(), title: None });
        if entry.title.is_none() {
            entry.title = mention.title.clone();
        }
    }

    /// The title first printed with a name, given as printed or normalized.
    pub fn title_of(&self, name: &str) -> Option<&str> {
        self.people.get(&crate::text::normalize(name)).and_then(|known| known.title.as_deref())
    }

    /// Every known name in a text that no titled mention covers, as a mention with the
    /// name's known title.
    pub fn bare_mentions(&self, text: &Text, titled: &[Mention]) -> Vec<Mention> {
        let norm = text.norm();
        let mut found = Vec::new();
        for (norm_name, Known { finder, title }) in &self.people {
            // Where the name stands, left to right and not overlapping (as `match_indices`).
            for byte in finder.find_iter(norm.as_bytes()) {
                let start = text.char_at_norm_byte(byte);
                let span = Span::new(start, start + norm_name.chars().count());
                if titled.iter().any(|m| m.span.start < span.end && span.start < m.span.end) {
                    continue;
                }
                let name = text.printed_slice(span).to_string();
                found.push(Mention { name, title: title.clone(), name_span: span, span });
            }
        }
        // Longer names first where two overlap (`欧阳瑞峰` over `欧阳瑞`).
        found.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        found.dedup_by(|later, kept| later.span.start < kept.span.end);
        found
    }
}

/// All people named in a text: titled mentions and names the registry knows.
pub fn mentions(text: &Text, registry: &Registry) -> Vec<Mention> {
    with_known(titled_mentions(text), text, registry)
}

/// A text's titled mentions with the names the registry knows added: [`mentions`], for a
/// text whose titled mentions were found already.
pub fn with_known(mut titled: Vec<Mention>, text: &Text, registry: &Registry) -> Vec<Mention> {
    let bare = registry.bare_mentions(text, &titled);
    titled.extend(bare);
    titled.sort_by_key(|m| m.span);
    titled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{CORPUS, SAMPLE, normalized};
    use expect_test::{Expect, expect};

    /// One person printed in both scripts, with a title in each: the first title printed
    /// answers for both forms, and a bare name is found once, with it, in every registry
    /// (each hash map had an order of its own).
    #[test]
    fn a_name_printed_in_both_scripts_is_one_person_with_its_first_title() {
        let titled = |name: &str, title: &str| Mention {
            name: name.to_string(),
            title: Some(title.to_string()),
            name_span: Span::new(0, 3),
            span: Span::new(0, 3),
        };
        for _ in 0..32 {
            let mut registry = Registry::default();
            registry.add(&titled("陈明远", "市长"));
            registry.add(&titled("陳明遠", "市委副書記"));
            assert_eq!(registry.title_of("陈明远"), Some("市长"));
            assert_eq!(registry.title_of("陳明遠"), Some("市长"));
            let found = registry.bare_mentions(&Text::new("陳明遠、李华出席会议。"), &[]);
            let found: Vec<(&str, Option<&str>)> =
                found.iter().map(|m| (m.name.as_str(), m.title.as_deref())).collect();
            assert_eq!(found, [("陳明遠", Some("市长"))]);
        }
    }

    #[test]
    fn word_sets_answer_as_comparing_with_every_word() {
        let mut texts: Vec<String> = normalized(&[SAMPLE, CORPUS]);
        texts.push(NAME_ENDS.iter().chain(TITLE_STOPS.iter()).chain(lexicon::TITLE_WORDS).copied().collect());
        let chars: Vec<char> = texts.iter().flat_map(|t| t.chars()).collect();
        let (mut starts, mut ends, mut titles) = (0, 0, 0);
        for (set, words) in [(&*NAME_END_SET, &NAME_ENDS[..]), (&*TITLE_STOP_SET, &TITLE_STOPS[..])] {
            let words: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
            for at in 0..=chars.len() {
                let (before, after) = chars.split_at(at);
                let longest = words.iter().filter(|w| after.starts_with(w)).map(|w| w.len()).max();
                assert_eq!(set.longest_at_start(after), longest, "at {at}");
                let at_end = words.iter().any(|w| before.ends_with(w));
                assert_eq!(set.at_end(before), at_end, "at {at}");
                starts += usize::from(longest.is_some());
                ends += usize::from(at_end);
            }
        }
        // A title word inside a would-be name, as the title word pattern finds one.
        for window in chars.windows(4) {
            for len in 1..=4 {
                let name: String = window[..len].iter().collect();
                let inside = lexicon::TITLE_WORD_RE.is_match(&name);
                assert_eq!(TITLE_WORD_SET.inside(&window[..len]), inside, "{name}");
                titles += usize::from(inside);
            }
        }
        assert!(starts > 1000 && ends > 1000 && titles > 1000, "{starts} {ends} {titles}");
        // Title words in running text, as the pattern finds them.
        for text in &texts {
            let char_at = |byte: usize| text[..byte].chars().count();
            let by_pattern: Vec<(usize, usize)> =
                lexicon::TITLE_WORD_RE.find_iter(text).map(|m| (char_at(m.start()), char_at(m.end()))).collect();
            assert_eq!(title_words(text), by_pattern);
        }
    }

    fn check(text: &str, expect: Expect) {
        let text = Text::new(text);
        let shown: Vec<String> = titled_mentions(&text)
            .iter()
            .map(|m| format!("{} [{}]", m.name, m.title.as_deref().unwrap_or("-")))
            .collect();
        expect.assert_eq(&shown.join("\n"));
    }

    #[test]
    fn title_then_name() {
        check("市委书记陈吉宁主持会议并强调", expect![["陈吉宁 [市委书记]"]]);
        check("区委副书记、区长方晓琳出席会议", expect![["方晓琳 [区委副书记、区长]"]]);
        check(
            "市委书记陈吉宁，市委副书记、市长龚正会见了中国民航局局长宋志勇一行。",
            expect![[r#"
                陈吉宁 [市委书记]
                龚正 [市委副书记、市长]
                宋志勇 [中国民航局局长]"#]],
        );
        check(
            "副市长张小宏和中国民航局副局长韩钧代表双方签约",
            expect![[r#"
                张小宏 [副市长]
                韩钧 [中国民航局副局长]"#]],
        );
    }

    #[test]
    fn every_word_class_of_the_lexicon_ends_a_name() {
        // a verb of saying, a time word, a verb of attending
        check("市长李文华提醒，要盯紧重点部位", expect![["李文华 [市长]"]]);
        check("副市长赵四清晨出席会议", expect![["赵四 [副市长]"]]);
        check("副市长钱宇莅临会议", expect![["钱宇 [副市长]"]]);
        check("区长方琳傍晚主持召开会议", expect![["方琳 [区长]"]]);
    }

    #[test]
    fn lists_share_a_title() {
        check(
            "市领导李仰明、陈通、朱芝松、欧阳瑞峰出席会议。",
            expect![[r#"
                李仰明 [市领导]
                陈通 [市领导]
                朱芝松 [市领导]
                欧阳瑞峰 [市领导]"#]],
        );
        check(
            "副区长谢宏、孙立伟和黄子涵出席会议。",
            expect![[r#"
                谢宏 [副区长]
                孙立伟 [副区长]
                黄子涵 [副区长]"#]],
        );
        check(
            "市委常委、秘书长郑凯，市委常委、宣传部部长莫雅婷参加。",
            expect![[r#"
                郑凯 [市委常委、秘书长]
                莫雅婷 [市委常委、宣传部部长]"#]],
        );
    }

    #[test]
    fn words_after_titles_are_not_names() {
        check("感谢中国民航局长期以来给予上海发展的支持帮助", expect![[""]]);
        check("区委书记强调，要抓好落实", expect![[""]]);
    }

    #[test]
    fn foreign_names_end_where_a_name_may_end() {
        check(
            "市长王海峰会见了挪威驻华大使约恩·松德和卑尔根市市长英格丽·哈尔沃森一行。",
            expect![[r#"
                王海峰 [市长]
                约恩·松德 [挪威驻华大使]
                英格丽·哈尔沃森 [卑尔根市市长]"#]],
        );
        check(
            "副市长周立与托斯卡纳大区经济厅厅长保拉·里奇在协议上签字。",
            expect![[r#"
                周立 [副市长]
                保拉·里奇 [托斯卡纳大区经济厅厅长]"#]],
        );
    }

    #[test]
    fn a_three_character_name_may_hold_he() {
        check(
            "省委副书记、省长罗永和会见了客人。",
            expect![[r#"
                罗永和 [省委副书记、省长]"#]],
        );
        check(
            "副市长张和平和李明出席。",
            expect![[r#"
                张和平 [副市长]
                李明 [副市长]"#]],
        );
    }

    #[test]
    fn units_are_not_people() {
        check("会上，区发改委、区经信局、区商务委先后发言。", expect![[""]]);
        check(
            "副区长陈立及区法院、检察院、区人大主要负责人列席会议。",
            expect![[r#"
                陈立 [副区长]"#]],
        );
    }

    #[test]
    fn a_name_may_end_with_a_character_of_a_place() {
        check(
            "学院党委书记李国胜、校长刘先省出席。",
            expect![[r#"
                李国胜 [学院党委书记]
                刘先省 [校长]"#]],
        );
    }

    #[test]
    fn collective_titles_keep_their_place() {
        check(
            "东岭区领导孙一帆、吴江，西川县领导郑三立、但文出席。",
            expect![[r#"
                孙一帆 [东岭区领导]
                吴江 [东岭区领导]
                郑三立 [西川县领导]
                但文 [西川县领导]"#]],
        );
        check(
            "北山大学校领导秦远、付立参加。",
            expect![[r#"
                秦远 [北山大学校领导]
                付立 [北山大学校领导]"#]],
        );
        check(
            "昨天下午我市领导秦远出席。",
            expect![[r#"
                秦远 [市领导]"#]],
        );
    }

    #[test]
    fn names_inside_a_roll_that_start_with_a_function_word() {
        check(
            "市委常委林一帆、苏海、向晓东、别立新、丁立出席会议。",
            expect![[r#"
                林一帆 [市委常委]
                苏海 [市委常委]
                向晓东 [市委常委]
                别立新 [市委常委]
                丁立 [市委常委]"#]],
        );
        check(
            "副市长苏海、向东会见时在座。",
            expect![[r#"
                苏海 [副市长]
                向东 [副市长]"#]],
        );
    }

    #[test]
    fn a_surname_that_is_also_a_word_after_a_title() {
        check(
            "远航集团董事长于立波，星河公司总经理向东参加会谈。",
            expect![[r#"
                于立波 [远航集团董事长]
                向东 [星河公司总经理]"#]],
        );
        check("市长于会上强调，要抓好落实。", expect![[""]]);
    }

    #[test]
    fn names_separated_by_commas_alone() {
        check(
            "区委副书记张义，区委常委杜远，苏平，赵一鸣，高飞出席会议。",
            expect![[r#"
                张义 [区委副书记]
                杜远 [区委常委]
                苏平 [区委常委]
                赵一鸣 [区委常委]
                高飞 [区委常委]"#]],
        );
    }

    #[test]
    fn titles_that_end_their_organization() {
        check(
            "国家卫生健康委主任钱慧如、人力资源社会保障部部长阎志刚出席会议。",
            expect![[r#"
                钱慧如 [国家卫生健康委主任]
                阎志刚 [人力资源社会保障部部长]"#]],
        );
    }

    #[test]
    fn a_comma_inside_an_enumeration_continues_it() {
        check(
            "区委常委文思远、尹丽娟，晏海波、郁佳宁出席会议。",
            expect![[r#"
                文思远 [区委常委]
                尹丽娟 [区委常委]
                晏海波 [区委常委]
                郁佳宁 [区委常委]"#]],
        );
        // a comma after a single name ends the list
        check(
            "区委书记张明，李红、王强出席会议。",
            expect![[r#"
                张明 [区委书记]"#]],
        );
    }

    #[test]
    fn experts_and_lists_of_several_titles() {
        check(
            "海洋大学教授吕方舟，产业技术研究院研究员栾世杰先后发言。",
            expect![[r#"
                吕方舟 [海洋大学教授]
                栾世杰 [产业技术研究院研究员]"#]],
        );
        check(
            "市領導黃立新、鍾曉蕾,市政府秘書長傅遠航出席。",
            expect![[r#"
                黃立新 [市領導]
                鍾曉蕾 [市領導]
                傅遠航 [市政府秘書長]"#]],
        );
    }
}
