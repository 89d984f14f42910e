//! Text as printed, beside the normalized form every rule matches against.
//!
//! Input: a string as printed (simplified or traditional characters, full-width or ASCII
//! punctuation). Output: a [`Text`] holding that string and its normalized form, plus the
//! [`Span`] type every later stage uses to point into it.
//!
//! Invariants:
//! - normalization maps each character to exactly one character, so a character offset means
//!   the same place in both forms: rules match the normalized form and the database stores
//!   the printed slice at the same [`Span`];
//! - spans count characters (not bytes), 0-based, end exclusive — the unit SQLite's `substr`
//!   and an analyst reading the text use.
//!
//! Normalization: traditional characters become simplified (character by character),
//! full-width digits and Latin letters become ASCII, and ASCII punctuation used in Chinese
//! text becomes its full-width form (`,` → `，`, `(` → `（`, `"` → `“`/`”`, a sentence-final
//! `.` → `。`). Punctuation inside numbers (`1,030`, `4.5`, `10:30`) is kept.
//!
//! Not responsible for: white space (the dewrap stage removes layout white space).

use std::ops::Range;
use std::sync::LazyLock;

/// A character range in a [`Text`], 0-based and end exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} runs backwards");
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A run of text as printed, with its normalized form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    printed: String,
    norm: String,
    /// Byte offset of every character of `printed`, and its length last.
    printed_at: Vec<u32>,
    /// Byte offset of every character of `norm`, and its length last.
    norm_at: Vec<u32>,
}

impl Text {
    pub fn new(printed: impl Into<String>) -> Self {
        let printed = printed.into();
        let mut norm = String::with_capacity(printed.len() + printed.len() / 4);
        let mut printed_at = Vec::with_capacity(printed.len() / 2);
        let mut norm_at = Vec::with_capacity(printed.len() / 2);
        normalize_into(&printed, &mut norm, |p, n| {
            printed_at.push(p as u32);
            norm_at.push(n as u32);
        });
        printed_at.push(printed.len() as u32);
        norm_at.push(norm.len() as u32);
        Text { printed, norm, printed_at, norm_at }
    }

    pub fn printed(&self) -> &str {
        &self.printed
    }

    pub fn norm(&self) -> &str {
        &self.norm
    }

    /// Whether the text is printed in traditional characters: some Han character of it differs
    /// from its simplified form.
    pub fn is_traditional(&self) -> bool {
        self.printed.chars().zip(self.norm.chars()).any(|(p, n)| p != n && is_han(p))
    }

    /// The number of characters.
    pub fn len(&self) -> usize {
        self.norm_at.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn full(&self) -> Span {
        Span::new(0, self.len())
    }

    /// The span of a byte range of the normalized form (a regex match, say).
    pub fn span_of(&self, bytes: Range<usize>) -> Span {
        Span::new(self.char_at_norm_byte(bytes.start), self.char_at_norm_byte(bytes.end))
    }

    /// The byte range in the normalized form of a span.
    pub fn norm_bytes(&self, span: Span) -> Range<usize> {
        self.norm_at[span.start] as usize..self.norm_at[span.end] as usize
    }

    pub fn norm_slice(&self, span: Span) -> &str {
        &self.norm[self.norm_bytes(span)]
    }

    pub fn printed_slice(&self, span: Span) -> &str {
        &self.printed[self.printed_at[span.start] as usize..self.printed_at[span.end] as usize]
    }

    /// The character index at a byte offset of the normalized form, which must be a
    /// character boundary.
    pub fn char_at_norm_byte(&self, byte: usize) -> usize {
        match self.norm_at.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(_) => panic!("byte {byte} is not a character boundary of {:?}", self.norm),
        }
    }

    /// The span with white space trimmed from both ends.
    pub fn trim(&self, span: Span) -> Span {
        let s = self.norm_slice(span);
        let lead = s.chars().take_while(|c| c.is_whitespace()).count();
        let rest = s.trim_start();
        if rest.is_empty() {
            return Span::new(span.start, span.start);
        }
        let trail = rest.chars().rev().take_while(|c| c.is_whitespace()).count();
        Span::new(span.start + lead, span.end - trail)
    }
}

/// The normalized form of a string: the same number of characters, simplified, with
/// full-width punctuation and ASCII digits and letters.
pub fn normalize(printed: &str) -> String {
    let mut out = String::with_capacity(printed.len() + printed.len() / 4);
    normalize_into(printed, &mut out, |_, _| {});
    out
}

/// Normalizes `printed` into `out`, telling `at` the byte offsets (in `printed` and in `out`)
/// of each character before it is written.
///
/// Most characters are looked up in [`NORMALIZED`], byte by byte: a character that stays as
/// it is, which most do, is copied, with the ones around it that stay too, a run at a time.
/// ASCII punctuation, which is read by its neighbours, and the few characters `fast2s`
/// simplifies by theirs take [`punctuation`] and [`simplified_in_context`]. The neighbours are
/// the printed ones: simplification maps Han characters to Han characters, so it changes none
/// of what the rules ask of a neighbour (whether it is ASCII, a digit, a letter).
fn normalize_into(printed: &str, out: &mut String, mut at: impl FnMut(usize, usize)) {
    let table = &*NORMALIZED;
    let bytes = printed.as_bytes();
    let (mut double_quote_open, mut single_quote_open) = (false, false);
    let mut prev: Option<char> = None;
    // Where the run of characters that stay as they are, not copied yet, starts.
    let mut kept = 0;
    let mut i = 0;
    while i < bytes.len() {
        at(i, out.len() + (i - kept));
        let lead = bytes[i];
        if lead < 0x80 && !matches!(lead, b',' | b';' | b':' | b'(' | b')' | b'!' | b'?' | b'.' | b'"' | b'\'') {
            prev = Some(char::from(lead));
            i += 1;
            continue;
        }
        if (0xE0..0xF0).contains(&lead) {
            let code =
                (u32::from(lead & 0x0F) << 12) | (u32::from(bytes[i + 1] & 0x3F) << 6) | u32::from(bytes[i + 2] & 0x3F);
            if let (true, Some(c)) = (u32::from(table[code as usize]) == code, char::from_u32(code)) {
                prev = Some(c);
                i += 3;
                continue;
            }
        }
        // The rest, one character at a time: ASCII punctuation, characters of two or four
        // bytes, and characters of three that change.
        out.push_str(&printed[kept..i]);
        let c = printed[i..].chars().next().expect("a character starts here");
        let len = c.len_utf8();
        let next = printed[i + len..].chars().next();
        let mapped = match len {
            1 => punctuation(c, prev, next, &mut double_quote_open, &mut single_quote_open),
            3 => match char::from_u32(u32::from(table[c as usize])) {
                Some(m) if m != '\0' => m,
                _ => punctuation(
                    simplified_in_context(prev, c, next),
                    prev,
                    next,
                    &mut double_quote_open,
                    &mut single_quote_open,
                ),
            },
            _ => c,
        };
        out.push(mapped);
        prev = Some(c);
        i += len;
        kept = i;
    }
    out.push_str(&printed[kept..]);
}

/// The normalized form of a simplified character, given its neighbours: full-width digits and
/// letters become ASCII, ASCII punctuation (outside numbers) full-width.
fn punctuation(
    c: char,
    prev: Option<char>,
    next: Option<char>,
    double_quote_open: &mut bool,
    single_quote_open: &mut bool,
) -> char {
    let between_digits = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
    match c {
        // Full-width digits, letters and %; the rest of U+FF01..U+FF5E is punctuation
        // that Chinese text uses as is.
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '＋' | '／' | '＝' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '．' if between_digits => '.',
        ',' if !between_digits => '，',
        '﹐' | '､' => '，',
        ';' => '；',
        ':' if !between_digits => '：',
        '(' => '（',
        ')' => '）',
        '!' => '！',
        '?' => '？',
        '.' | '．' if !between_digits && prev.is_some_and(|p| !p.is_ascii_alphabetic()) => '。',
        '「' => '“',
        '」' => '”',
        '『' => '‘',
        '』' => '’',
        '〔' => '（',
        '〕' => '）',
        '"' => {
            *double_quote_open = !*double_quote_open;
            if *double_quote_open { '“' } else { '”' }
        }
        '\'' if prev.is_some_and(|p| !p.is_ascii()) || next.is_some_and(|n| !n.is_ascii()) => {
            *single_quote_open = !*single_quote_open;
            if *single_quote_open { '‘' } else { '’' }
        }
        _ => c,
    }
}

/// Characters whose simplified form `fast2s` chooses by the characters next to them (its
/// `T2S_EXCLUDE` and `T2S_SPECIAL_CONVERT_TYPE` tables): 乾隆 keeps its 乾, 藉口 becomes 借口.
const SIMPLIFIED_BY_CONTEXT: &str = "兒覆夥藉瞭麽幺於乾著苧闔鍾讎畫";

/// The normalized form of every character of three UTF-8 bytes (all in the Basic
/// Multilingual Plane; `fast2s` converts only these) that it has on its own, and 0 for those
/// that depend on their neighbours: simplified by context, or punctuation read by context
/// (`．`). Built once, from `fast2s` itself and [`punctuation`].
static NORMALIZED: LazyLock<Box<[u16]>> = LazyLock::new(|| {
    let all: String = (0x800..=0xFFFF).filter_map(char::from_u32).collect();
    let mut table = vec![0u16; 0x10000];
    for (c, s) in all.chars().zip(fast2s::convert(&all).chars()) {
        let alone = |prev, next| punctuation(s, prev, next, &mut false, &mut false);
        let n = alone(None, None);
        let same_in_context = [(Some('1'), Some('1')), (Some('a'), Some('中')), (Some('中'), Some('a'))]
            .into_iter()
            .all(|(p, q)| alone(p, q) == n);
        if same_in_context && !SIMPLIFIED_BY_CONTEXT.contains(c) && s.len_utf8() == 3 {
            table[c as usize] = u16::try_from(u32::from(n)).unwrap_or(0);
        }
    }
    table.into_boxed_slice()
});

/// `fast2s`'s simplified form of a character between two printed neighbours.
fn simplified_in_context(prev: Option<char>, c: char, next: Option<char>) -> char {
    let window: String = prev.into_iter().chain([c]).chain(next).collect();
    fast2s::convert(&window).chars().nth(usize::from(prev.is_some())).expect("a character for each")
}

/// Sentence-final punctuation, in the normalized form.
pub fn is_sentence_final(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
pub fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '）' | '》' | '】' | '」' | '』')
}

/// Whether a (normalized) string ends a sentence: its last character, past closing quotes
/// and brackets, is sentence-final punctuation.
pub fn ends_sentence(s: &str) -> bool {
    s.trim_end().chars().rev().find(|&c| !is_closing(c)).is_some_and(is_sentence_final)
}

/// Han characters (CJK unified ideographs and their extensions).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// The width a string takes on a printed line, in half-character units: ASCII and Chinese
/// punctuation (which print compresses) count one, everything else two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let narrow = c.is_ascii()
                || matches!(c, '，' | '、' | '。' | '；' | '：' | '“' | '”' | '‘' | '’' | '（' | '）' | '《' | '》');
            if narrow { 1 } else { 2 }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{CORPUS, SAMPLE, VARIANTS, texts};
    use expect_test::{Expect, expect};

    fn check(printed: &str, expect: Expect) {
        let text = Text::new(printed);
        assert_eq!(text.printed().chars().count(), text.norm().chars().count());
        expect.assert_eq(text.norm());
    }

    #[test]
    fn ascii_punctuation_becomes_full_width() {
        check(
            r#"会议指出,要坚持"政策+活动"双轮驱动;推动消费(试点)!"#,
            expect![[r#"会议指出，要坚持“政策+活动”双轮驱动；推动消费（试点）！"#]],
        );
    }

    #[test]
    fn numbers_keep_their_punctuation() {
        check("营业收入1,030.5亿元,增长4.5%.", expect![["营业收入1,030.5亿元，增长4.5%。"]]);
        check("上午10:30举行", expect![["上午10:30举行"]]);
    }

    #[test]
    fn traditional_becomes_simplified() {
        check("市委書記主持會議並講話，連續兩年全市第一。", expect![["市委书记主持会议并讲话，连续两年全市第一。"]]);
    }

    /// Normalization as first written: `fast2s` on the whole string, then the punctuation
    /// rules with the simplified neighbours. Slower, and plainly right.
    fn reference(printed: &str) -> String {
        let chars: Vec<char> = fast2s::convert(printed).chars().collect();
        let (mut double, mut single) = (false, false);
        (0..chars.len())
            .map(|i| {
                let prev = i.checked_sub(1).map(|j| chars[j]);
                punctuation(chars[i], prev, chars.get(i + 1).copied(), &mut double, &mut single)
            })
            .collect()
    }

    #[test]
    fn normalized_as_the_reference_on_every_page_and_every_character() {
        let mut texts: Vec<String> = texts(&[SAMPLE, VARIANTS, CORPUS]);
        assert!(texts.len() > 20);
        texts.extend(
            [
                "藉口", "憑藉", "看著", "著名", "乾隆", "乾燥", "回覆", "覆蓋", "計畫", "畫面", "鍾書", "鍾", "於是",
                "", "a",
            ]
            .map(String::from),
        );
        // Every character, next to Han characters, digits, letters and punctuation.
        let all: Vec<char> = (0x80..=0xFFFF).chain([0x20000, 0x2A6D6, 0x1F600]).filter_map(char::from_u32).collect();
        texts.push(all.iter().collect());
        for around in ['會', '1', 'a', '.', ',', '"', '\'', ' '] {
            texts.push(all.iter().flat_map(|&c| [c, around]).collect());
        }
        let ascii: String = (' '..='~').collect();
        for around in ['會', '１', '1', 'a', '．'] {
            texts.push(ascii.chars().flat_map(|c| [around, c, around, around, c]).collect());
        }
        texts.push("1,030.5亿元,增长4.5%.上午10:30,\"他说'好'\" 'ok' A.B 乾.隆 ７．５ 第３．".to_string());
        for text in texts {
            let expected = reference(&text);
            let shown = || text.chars().take(40).collect::<String>();
            assert!(normalize(&text) == expected, "differs from the reference on {}", shown());
            let t = Text::new(text.as_str());
            assert_eq!(t.norm(), expected);
            let starts = |s: &str| s.char_indices().map(|(i, _)| i as u32).chain([s.len() as u32]).collect::<Vec<_>>();
            assert!(t.printed_at == starts(&text) && t.norm_at == starts(&expected), "offsets of {}", shown());
        }
    }

    #[test]
    fn full_width_digits_become_ascii() {
        check("今年１－２月盘活土地１０３０亩，增长５０％", expect![["今年1－2月盘活土地1030亩，增长50%"]]);
    }

    #[test]
    fn spans_map_between_forms() {
        let text = Text::new("會議原則同意(草案)");
        let at = text.norm().find("原则").unwrap();
        let span = text.span_of(at..at + "原则同意".len());
        assert_eq!(span, Span::new(2, 6));
        assert_eq!(text.printed_slice(span), "原則同意");
        assert_eq!(text.printed_slice(Span::new(6, 10)), "(草案)");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("完成任务过半。"));
        assert!(ends_sentence("他说：“要抓落实。”"));
        assert!(!ends_sentence("把“中梗阻”"));
        assert!(!ends_sentence("市委书记陈吉宁"));
    }
}
