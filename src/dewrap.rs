//! Stage 1: hard-wrapped lines become blocks of running text.
//!
//! Input: the decoded text of one page. Output: [`Dewrapped`], the page's blocks in reading
//! order — paragraphs, and single printed lines that stand alone (headlines, subheadings,
//! datelines, bylines) — each with the input lines it came from.
//!
//! How a page is read:
//! - **Wrapped** pages (print extracted from PDF or OCR) have most lines cut at a column's
//!   width. The widths of lines that end mid-sentence cluster around each column width the
//!   page uses (the body, a pull-quote box …). A line as wide as its column that ends
//!   mid-sentence is joined to the next line when that line belongs to the same column, also
//!   across a blank line (a column break). A paragraph ends where sentence-final punctuation
//!   meets a blank line, where a short line ends, or before an indented line or a dateline.
//!   A line that is neither as wide as a column nor ends a sentence stands alone.
//! - **Unwrapped** pages (web copies) have one paragraph per line; a paragraph also ends at
//!   white space after sentence-final punctuation (`。 `), unless the page is flattened
//!   (spaces every few characters, see below).
//!
//! Layout white space is removed: between Han characters and numbers (`王晓 明` → `王晓明`,
//! `企业 268` → `企业268`), but not between two Latin words, nor inside a byline
//! (`（记者 张三 李四）`), where a space separates names.
//!
//! Pinyin glosses printed inside words by some mirror sites (`會(huì)見`) are removed first,
//! before anything else reads the page (see `glosses`), and counted in a diagnostic.
//!
//! Invariant: the blocks' characters, white space aside, are the page's characters in order,
//! less its pinyin glosses; nothing but layout white space and pinyin glosses is added or
//! dropped.
//!
//! Not responsible for: telling headlines from datelines or bylines (segment does that), and
//! normalizing punctuation (matching is done on [`crate::text::normalize`]d text, which this
//! stage only reads).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

mod glosses;

use crate::diagnostics::Diagnostic;
use crate::lexicon;
use crate::text::{self, display_width, ends_sentence};
use crate::web::{MarkupRole, WebBlock};

/// The input lines a block came from, 1-based and inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    pub first: usize,
    pub last: usize,
}

/// How a block looks on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Running text: several joined lines, or a line that ends a sentence.
    Paragraph,
    /// A single short line that does not end a sentence: a headline, subheading, dateline or
    /// byline candidate.
    Line,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub lines: LineRange,
    pub shape: Shape,
    /// Where the block came from: printed lines, or an element of a web page.
    pub origin: Origin,
}

/// Where a block came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Lines of a text file, rejoined here.
    Lines,
    /// An element of a web page (its tag), and what its markup says it is.
    Element { tag: String, role: MarkupRole },
}

/// How the page's lines were laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Lines cut at the given column widths (display columns, a Han character counts 2).
    Wrapped { columns: Vec<usize> },
    /// Lines of several printed lines each, flattened with spaces every few characters
    /// (`浦东新区人 民政府`); their widths say nothing, their ends do.
    Flattened,
    /// One paragraph per line.
    Unwrapped,
    /// A web page: blocks given by its markup, not by lines.
    Markup,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dewrapped {
    pub layout: Layout,
    pub blocks: Vec<Block>,
}

/// The longest single line that may stand alone as a headline-like line, in characters.
const MAX_LINE_CHARS: usize = 64;

/// Rejoins the hard-wrapped lines of a page into blocks.
pub fn dewrap(page: &str) -> (Dewrapped, Vec<Diagnostic>) {
    let (page, glosses) = glosses::strip(page);
    let lines = printed_lines(&page);
    let layout = if is_flattened(&lines) { Layout::Flattened } else { detect_layout(&lines) };
    let facts = PageFacts { blank_separated: paragraphs_end_at_blank_lines(&lines), row_width: row_width(&lines) };
    let mut groups: Vec<Vec<&PrintedLine>> = Vec::new();
    let mut starts_block = true;
    for (i, line) in lines.iter().enumerate() {
        if i == 0 || !joins(&lines[i - 1], line, starts_block, &layout, &facts) {
            groups.push(vec![line]);
            starts_block = true;
        } else {
            groups.last_mut().expect("a group was started").push(line);
            starts_block = false;
        }
    }
    let groups = groups.into_iter().flat_map(split_headline_stack);
    let mut blocks = Vec::new();
    for group in groups {
        let range = LineRange { first: group[0].number, last: group[group.len() - 1].number };
        let joined = join_lines(&group);
        let pieces = if layout == Layout::Unwrapped { split_after_sentences(&joined) } else { vec![joined.as_str()] };
        let single_line = group.len() == 1;
        for piece in pieces {
            let text = remove_layout_spaces(piece);
            if text.is_empty() {
                continue;
            }
            let shape = if single_line && stands_alone(&text) { Shape::Line } else { Shape::Paragraph };
            blocks.push(Block { text, lines: range, shape, origin: Origin::Lines });
        }
    }
    (Dewrapped { layout, blocks }, glosses::diagnostics(glosses))
}

/// A web page's blocks, as its markup gave them: nothing is rejoined (an element is a block),
/// but pinyin glosses and layout white space are removed, and a block is split after a sentence followed by
/// white space or before a labelled note, as an unwrapped page's line is. A block's line is
/// its place among the page's blocks (the reader's text of a web page has one per line).
pub fn from_markup(blocks: &[WebBlock]) -> (Dewrapped, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut glosses = 0;
    for (i, block) in blocks.iter().enumerate() {
        let lines = LineRange { first: i + 1, last: i + 1 };
        let origin = Origin::Element { tag: block.element.clone(), role: block.role };
        // Pinyin glosses go first here too, before anything reads the block's text.
        let (unglossed, removed) = glosses::strip(&block.text);
        glosses += removed;
        let pieces =
            if block.role == MarkupRole::Text { split_after_sentences(&unglossed) } else { vec![unglossed.as_ref()] };
        for piece in pieces {
            let text = remove_layout_spaces(piece);
            if text.is_empty() {
                continue;
            }
            let shape =
                if block.role == MarkupRole::Headline || stands_alone(&text) { Shape::Line } else { Shape::Paragraph };
            out.push(Block { text, lines, shape, origin: origin.clone() });
        }
    }
    (Dewrapped { layout: Layout::Markup, blocks: out }, glosses::diagnostics(glosses))
}

/// Whether a single line stands alone: it does not end a sentence, has no full stop inside (a
/// headline has none; `…座谈会。（林小雨）` is text and an author tag), and is short.
fn stands_alone(line: &str) -> bool {
    let norm = text::normalize(line);
    !ends_sentence(&norm) && !norm.contains('。') && norm.chars().count() <= MAX_LINE_CHARS
}

/// How a printed line ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineEnd {
    /// Sentence-final punctuation (`。`, `！`, `？`, maybe followed by a closing quote).
    Sentence,
    /// Punctuation that cannot end a paragraph or a headline (`，`, `、`, an opening quote).
    Continuation,
    /// Anything else: a Han character, a digit, a closing quote after a word.
    Open,
}

#[derive(Debug)]
struct PrintedLine<'a> {
    /// 1-based line number in the input.
    number: usize,
    /// The line without leading and trailing white space.
    content: &'a str,
    /// Its normalized form.
    norm: String,
    /// Blank lines between this line and the previous non-blank one.
    blank_before: usize,
    /// Starts with two spaces or an ideographic space.
    indented: bool,
    width: usize,
    end: LineEnd,
    starts_dateline: bool,
}

static DATELINE_AT_START: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(&format!(r"^(?:{})", lexicon::DATELINE)));

fn printed_lines(page: &str) -> Vec<PrintedLine<'_>> {
    let mut lines = Vec::new();
    let mut blank = 0;
    for (i, raw) in page.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let content = raw.trim();
        if content.is_empty() {
            blank += 1;
            continue;
        }
        let indented = raw.starts_with('\u{3000}') || raw.starts_with("  ") || raw.starts_with('\t');
        let norm = text::normalize(content);
        let (end, starts_dateline) = (line_end(&norm), DATELINE_AT_START.is_match(&norm));
        lines.push(PrintedLine {
            number: i + 1,
            content,
            norm,
            blank_before: blank,
            indented,
            width: display_width(content),
            end,
            starts_dateline,
        });
        blank = 0;
    }
    lines
}

fn line_end(norm: &str) -> LineEnd {
    if ends_sentence(norm) {
        return LineEnd::Sentence;
    }
    match norm.chars().next_back() {
        Some('，' | '、' | '；' | '：' | '“' | '‘' | '（' | '《' | '—' | '·' | '【') => {
            LineEnd::Continuation
        }
        _ => LineEnd::Open,
    }
}

/// How far a wrapped line's width may stray from its column's.
fn tolerance(column: usize) -> usize {
    (column / 8).max(4)
}

/// Column widths: widths shared by at least three lines that end mid-sentence. A column's
/// width is the median of the lines around the densest width, so that a few shorter lines
/// (subheadings) near it do not pull it down.
fn find_columns(widths: &[usize]) -> Vec<usize> {
    // Sorted, the widths near a column are a run of them, found by two binary searches.
    let mut left: Vec<usize> = widths.to_vec();
    left.sort_unstable();
    let near = |left: &[usize], c: usize| -> Range<usize> {
        let t = tolerance(c);
        left.partition_point(|&x| x < c.saturating_sub(t))..left.partition_point(|&x| x <= c + t)
    };
    let mut columns = Vec::new();
    while columns.len() < 4 {
        let mut widest_support: Option<(usize, usize)> = None;
        for (i, &w) in left.iter().enumerate() {
            if i > 0 && left[i - 1] == w {
                continue;
            }
            widest_support = widest_support.max(Some((near(&left, w).len(), w)));
        }
        let Some((support, mut column)) = widest_support else {
            break;
        };
        if support < 3 {
            break;
        }
        for _ in 0..3 {
            let members = &left[near(&left, column)];
            let median = members[members.len() / 2];
            if median == column {
                break;
            }
            column = median;
        }
        columns.push(column);
        left.retain(|&x| x.abs_diff(column) > tolerance(column));
    }
    columns
}

fn detect_layout(lines: &[PrintedLine]) -> Layout {
    let open: Vec<usize> = lines.iter().filter(|l| l.end != LineEnd::Sentence).map(|l| l.width).collect();
    let columns = find_columns(&open);
    // Wrapped lines go on in the next line of their column; headlines of similar widths on a
    // web page do not.
    let wrapped = lines
        .windows(2)
        .filter(|w| w[0].end != LineEnd::Sentence)
        .filter(|w| columns.iter().any(|&c| w[0].width.abs_diff(c) <= tolerance(c) && in_column(c, &w[1])))
        .count();
    if columns.is_empty() || wrapped < 3 || wrapped * 4 < lines.len() {
        Layout::Unwrapped
    } else {
        Layout::Wrapped { columns }
    }
}

/// Whether the page's lines were flattened with spaces every few characters: in lines of
/// running text (long, with a comma or a full stop), many white space runs that do not follow
/// sentence-final punctuation. Spaces in short lines (a date, a byline, a caption, a web
/// page's buttons) say nothing about the body.
fn is_flattened(lines: &[PrintedLine]) -> bool {
    let mut gaps = 0;
    let mut chars = 0;
    for line in lines {
        let count = line.norm.chars().count();
        if count < 20 || !line.norm.contains(['，', '。']) {
            continue;
        }
        chars += count;
        // Each character between two others, with them.
        let mut rest = line.norm.chars();
        let (Some(mut before), Some(mut c)) = (rest.next(), rest.next()) else { continue };
        for after in rest {
            if c.is_whitespace() && !before.is_whitespace() && !is_cjk_punctuation(after) {
                let after_sentence = text::is_sentence_final(before) || text::is_closing(before);
                if !after_sentence && (!before.is_ascii() || !after.is_ascii()) {
                    gaps += 1;
                }
            }
            (before, c) = (c, after);
        }
    }
    gaps >= 5 && gaps * 60 >= chars
}

/// The columns a line may belong to: those it is as wide as. The first line of a paragraph
/// may be shorter by an indent or a dateline's spacing.
fn columns_of(columns: &[usize], width: usize, first_of_block: bool) -> impl Iterator<Item = usize> + '_ {
    columns.iter().copied().filter(move |&c| {
        width.abs_diff(c) <= tolerance(c) || (first_of_block && width + 2 * tolerance(c) >= c && width <= c)
    })
}

/// Whether a line continues a paragraph set in the given column: not wider than the
/// column, and either as wide or ending a sentence or clause.
fn in_column(column: usize, line: &PrintedLine) -> bool {
    line.width <= column + tolerance(column)
        && (line.width.abs_diff(column) <= tolerance(column) || line.end != LineEnd::Open)
}

/// Whether the page marks paragraph ends with blank lines: most lines that end a sentence
/// and are followed by more text are followed by a blank line. On such a page a sentence
/// that ends at a line's end with no blank line after it goes on in the same paragraph.
fn paragraphs_end_at_blank_lines(lines: &[PrintedLine]) -> bool {
    let followed: Vec<&PrintedLine> =
        lines.windows(2).filter(|w| w[0].end == LineEnd::Sentence).map(|w| &w[1]).collect();
    let by_blank = followed.iter().filter(|next| next.blank_before > 0).count();
    followed.len() >= 3 && by_blank * 3 >= followed.len() * 2
}

/// What a page's lines say about the page as a whole.
struct PageFacts {
    /// Paragraphs end at blank lines (see [`paragraphs_end_at_blank_lines`]).
    blank_separated: bool,
    /// The median width of the lines of running text (those with a comma).
    row_width: usize,
}

fn row_width(lines: &[PrintedLine]) -> usize {
    let mut widths: Vec<usize> = lines.iter().filter(|l| l.norm.contains('，')).map(|l| l.width).collect();
    widths.sort_unstable();
    widths.get(widths.len() / 2).copied().unwrap_or(0)
}

/// Whether `next` continues the paragraph that `prev` belongs to.
fn joins(prev: &PrintedLine, next: &PrintedLine, prev_starts_block: bool, layout: &Layout, facts: &PageFacts) -> bool {
    if next.indented || next.starts_dateline {
        return false;
    }
    let columns = match layout {
        Layout::Unwrapped | Layout::Markup => return false,
        // Flattened rows vary in width, but running text fills most of a row: a short line
        // before a blank line is a headline, not a row cut by a column break.
        Layout::Flattened => {
            return match prev.end {
                LineEnd::Sentence => facts.blank_separated && next.blank_before == 0,
                _ => next.blank_before == 0 || prev.width * 2 >= facts.row_width,
            };
        }
        Layout::Wrapped { columns } => columns,
    };
    // A paragraph's first line may be short by an indent, but a short line alone between
    // blank lines is a subheading.
    let first_line = prev_starts_block && prev.end != LineEnd::Sentence && next.blank_before == 0;
    let mut fitting = columns_of(columns, prev.width, first_line).peekable();
    match prev.end {
        LineEnd::Sentence => next.blank_before == 0 && fitting.any(|c| in_column(c, next)),
        _ if fitting.peek().is_some() => fitting.any(|c| in_column(c, next)),
        LineEnd::Continuation => next.blank_before == 0,
        // A line wider than every column, cut mid-sentence and followed by a shorter line
        // that ends the sentence: the last lines of a wide box (a pull quote, a caption).
        LineEnd::Open => {
            let widest = columns.iter().map(|&c| c + tolerance(c)).max().unwrap_or(0);
            prev.width > widest && next.blank_before <= 1 && next.width < prev.width && next.end == LineEnd::Sentence
        }
    }
}

/// A stack of headline lines of similar width can pass for a column. Running text of two
/// lines or more has a comma or a full stop somewhere and ends a sentence; lines without
/// either are put back apart.
fn split_headline_stack<'l, 'a>(group: Vec<&'l PrintedLine<'a>>) -> Vec<Vec<&'l PrintedLine<'a>>> {
    let last_open = group.last().is_some_and(|l| l.end == LineEnd::Open);
    let punctuated = group.iter().any(|l| l.norm.chars().any(|c| matches!(c, '。' | '！' | '？' | '，' | '；')));
    if group.len() > 1 && last_open && !punctuated {
        group.into_iter().map(|line| vec![line]).collect()
    } else {
        vec![group]
    }
}

fn join_lines(group: &[&PrintedLine]) -> String {
    let mut out = String::with_capacity(group.iter().map(|line| line.content.len() + 1).sum());
    for line in group {
        let latin_break = out.chars().next_back().is_some_and(|c| c.is_ascii_alphabetic())
            && line.content.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if latin_break {
            out.push(' ');
        }
        out.push_str(line.content);
    }
    out
}

/// Splits an unwrapped line at white space that follows sentence-final punctuation: web
/// copies that put several paragraphs on one line separate them so. It also splits before
/// a labelled note (`… 来源：X 作者：Y 发布时间：…`), which web copies put on the headline's line.
fn split_after_sentences(line: &str) -> Vec<&str> {
    let norm: Vec<char> = text::normalize(line).chars().collect();
    let norm_string: String = norm.iter().collect();
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut norm_byte = 0;
    for (ci, (bi, c)) in line.char_indices().enumerate() {
        let at = norm_byte;
        norm_byte += norm[ci].len_utf8();
        if !c.is_whitespace() || ci == 0 {
            continue;
        }
        let before = norm[..ci].iter().rev().find(|c| !text::is_closing(**c));
        let prev_is_space = norm[ci - 1].is_whitespace();
        let note_follows = NOTE_LABEL.is_match(norm_string[at..].trim_start());
        if !prev_is_space && (note_follows || before.is_some_and(|&c| text::is_sentence_final(c))) {
            pieces.push(&line[start..bi]);
            start = bi;
        }
    }
    pieces.push(&line[start..]);
    pieces.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// A web page's labelled note: `来源：`, `作者：`, `发布时间：` …
static NOTE_LABEL: LazyLock<Regex> =
    LazyLock::new(|| lexicon::regex(r"^(?:来源|作者|发布时间|浏览次数|点击数|责任编辑|编辑|原标题|稿源)[：:]"));

static BYLINE_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| lexicon::regex(&lexicon::BYLINE));

static PROTECTED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    lexicon::regex(&format!(
        r"^(?:{}|责任编辑|编辑|来源|作者|摄影|校对|审核|原标题|发布时间|时间)\s*[:：]?",
        &*lexicon::REPORTER_ROLES
    ))
});

/// Punctuation that never follows a space in Chinese text (normalized form): a space before
/// it is layout (`会见某某一行 ，` → `会见某某一行，`).
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '，' | '、' | '。' | '；' | '：' | '？' | '！' | '）' | '》')
}

/// Removes white space that only layout put there. A space stays between two Latin words,
/// and is kept (collapsed to one) inside a byline, where it separates names; a space before
/// Chinese punctuation goes everywhere.
fn remove_layout_spaces(block: &str) -> String {
    let block = block.trim();
    if !block.chars().any(char::is_whitespace) {
        return block.to_string();
    }
    let norm = text::normalize(block);
    let mut protected: Vec<(usize, usize)> = Vec::new();
    if PROTECTED_LINE.is_match(&norm) {
        protected.push((0, norm.len()));
    }
    protected.extend(BYLINE_IN_TEXT.find_iter(&norm).map(|m| (m.start(), m.end())));
    let is_protected = |at: usize| protected.iter().any(|&(s, e)| s <= at && at < e);
    // Each character with the byte offset of its normalized form: normalization maps each
    // character to one, so the two go in step.
    let mut chars = block.char_indices().zip(norm.char_indices().map(|(at, _)| at)).peekable();
    let mut out = String::with_capacity(block.len());
    // Where the text not copied yet starts, and the last character that is not white space.
    let mut kept = 0;
    let mut before = None;
    while let Some(((at, c), norm_at)) = chars.next() {
        if !c.is_whitespace() {
            before = Some(c);
            continue;
        }
        out.push_str(&block[kept..at]);
        while chars.next_if(|&((_, c), _)| c.is_whitespace()).is_some() {}
        let ((next, after), _) = *chars.peek().expect("a trimmed block ends with text");
        let before = before.expect("a trimmed block starts with text");
        let latin_words = before.is_ascii_alphanumeric()
            && after.is_ascii_alphanumeric()
            && !(before.is_ascii_digit() && after.is_ascii_digit());
        let before_punctuation = norm[norm_at..].chars().find(|c| !c.is_whitespace()).is_some_and(is_cjk_punctuation);
        if !before_punctuation && (latin_words || is_protected(norm_at)) {
            out.push(' ');
        }
        kept = next;
    }
    out.push_str(&block[kept..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{CORPUS, SAMPLE, VARIANTS, texts};
    use expect_test::{Expect, expect};

    fn check(page: &str, expect: Expect) {
        let (dewrapped, _) = dewrap(page);
        let shown: Vec<String> = dewrapped
            .blocks
            .iter()
            .map(|b| {
                let shape = match b.shape {
                    Shape::Paragraph => "P",
                    Shape::Line => "L",
                };
                format!("{shape} {}-{} {}", b.lines.first, b.lines.last, b.text)
            })
            .collect();
        expect.assert_eq(&shown.join("\n"));
        assert_same_characters(page, &dewrapped);
    }

    fn assert_same_characters(page: &str, dewrapped: &Dewrapped) {
        let (page, _) = glosses::strip(page);
        let before: String = page.chars().filter(|c| !c.is_whitespace()).collect();
        let after: String =
            dewrapped.blocks.iter().flat_map(|b| b.text.chars()).filter(|c| !c.is_whitespace()).collect();
        assert_eq!(before, after, "dewrap added or dropped characters");
    }

    /// Column widths as first written: each width's support counted over all the others.
    /// Slower, and plainly right.
    fn find_columns_reference(widths: &[usize]) -> Vec<usize> {
        let near = |left: &[usize], c: usize| -> Vec<usize> {
            left.iter().copied().filter(|&x| x.abs_diff(c) <= tolerance(c)).collect()
        };
        let mut left: Vec<usize> = widths.to_vec();
        let mut columns = Vec::new();
        while columns.len() < 4 {
            let support_of = |w: usize| left.iter().filter(|&&x| x.abs_diff(w) <= tolerance(w)).count();
            let Some((support, mut column)) = left.iter().map(|&w| (support_of(w), w)).max() else {
                break;
            };
            if support < 3 {
                break;
            }
            for _ in 0..3 {
                let mut members = near(&left, column);
                members.sort_unstable();
                let median = members[members.len() / 2];
                if median == column {
                    break;
                }
                column = median;
            }
            columns.push(column);
            left.retain(|&x| x.abs_diff(column) > tolerance(column));
        }
        columns
    }

    #[test]
    fn columns_are_found_as_by_counting_every_width() {
        let mut cases: Vec<Vec<usize>> = texts(&[SAMPLE, VARIANTS, CORPUS])
            .iter()
            .map(|text| printed_lines(text).iter().filter(|l| l.end != LineEnd::Sentence).map(|l| l.width).collect())
            .collect();
        // Widths in clusters of every spread, and a few around zero.
        let mut seed = 7u64;
        for n in [0, 1, 3, 10, 50, 300] {
            for spread in [1, 5, 40, 400] {
                let widths = (0..n)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        let cluster = [0, 8, 26, 40, 90][(seed >> 60) as usize % 5];
                        cluster + (seed >> 33) as usize % spread
                    })
                    .collect();
                cases.push(widths);
            }
        }
        let mut with_columns = 0;
        for widths in &cases {
            let columns = find_columns(widths);
            assert_eq!(columns, find_columns_reference(widths), "{widths:?}");
            with_columns += usize::from(!columns.is_empty());
        }
        assert!(with_columns > 40, "only {with_columns} cases have columns");
    }

    #[test]
    fn column_break_inside_a_sentence_is_joined() {
        check(
            "本报讯 区委常委会昨天\n举行会议，区委书记王海\n\n涛主持会议并讲话。会议\n听取了各街道的工作汇报，\n要求各部门抓好落实。\n\n区领导李明、赵红出席。\n",
            expect![[r#"
                P 1-6 本报讯区委常委会昨天举行会议，区委书记王海涛主持会议并讲话。会议听取了各街道的工作汇报，要求各部门抓好落实。
                P 8-8 区领导李明、赵红出席。"#]],
        );
    }

    #[test]
    fn sentence_end_at_a_line_end_keeps_the_paragraph_when_the_line_is_full() {
        check(
            "全年完成投资计划的一半以\n上。全区新开工项目三十六\n个，竣工项目二十一个。\n新增就业岗位一千二百余个\n，城镇登记失业率稳中有降。\n",
            expect![[
                r#"P 1-5 全年完成投资计划的一半以上。全区新开工项目三十六个，竣工项目二十一个。新增就业岗位一千二百余个，城镇登记失业率稳中有降。"#
            ]],
        );
    }

    #[test]
    fn headlines_after_the_articles_stand_alone() {
        check(
            "本报讯 区政府常务会议昨天\n召开，研究部署近期重点工\n作。会议审议通过了有关方\n案，要求抓好落实。\n\n区委常委会召开会议：研究部署二季度工作\n\n抓好经济运行调度\n\n区政府常务会议召开\n稳步推进城市更新\n",
            expect![[r#"
                P 1-4 本报讯区政府常务会议昨天召开，研究部署近期重点工作。会议审议通过了有关方案，要求抓好落实。
                L 6-6 区委常委会召开会议：研究部署二季度工作
                L 8-8 抓好经济运行调度
                L 10-10 区政府常务会议召开
                L 11-11 稳步推进城市更新"#]],
        );
    }

    #[test]
    fn names_and_numbers_split_by_layout_are_rejoined() {
        check(
            "市领导李仰明、陈通、朱芝\n松、张为出席会议。会上，\n区经济委员会介绍集聚医疗\n设备企业等情况，全区集聚\n医疗设备企业共计 268\n家，营业收入同比增长。\n",
            expect![[
                r#"P 1-6 市领导李仰明、陈通、朱芝松、张为出席会议。会上，区经济委员会介绍集聚医疗设备企业等情况，全区集聚医疗设备企业共计268家，营业收入同比增长。"#
            ]],
        );
    }

    #[test]
    fn web_lines_are_paragraphs() {
        check(
            "区政府召开常务会议\n来源：某区融媒体中心\n本报讯（记者 张三 李四）区政府常务会议4月1日召开。区长王刚主持会议。\n会议原则同意《关于推进城市更新的实施意见》。 会议指出，要抓好落实。\n",
            expect![[r#"
                L 1-1 区政府召开常务会议
                L 2-2 来源：某区融媒体中心
                P 3-3 本报讯（记者 张三 李四）区政府常务会议4月1日召开。区长王刚主持会议。
                P 4-4 会议原则同意《关于推进城市更新的实施意见》。
                P 4-4 会议指出，要抓好落实。"#]],
        );
    }

    #[test]
    fn pinyin_glosses_are_removed_before_anything_else() {
        check(
            "區(qū)長林某會(huì)見了客人一行。\n雙方簽署合作協（xié）議。 生产总值(GDP)增长。\n",
            expect![[r#"
                P 1-1 區長林某會見了客人一行。
                P 2-2 雙方簽署合作協議。
                P 2-2 生产总值(GDP)增长。"#]],
        );
        let (_, diagnostics) = dewrap("區(qū)長會(huì)見客人。\n");
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.starts_with("2 pinyin glosses"), "{}", diagnostics[0].message);
    }

    #[test]
    fn a_space_before_chinese_punctuation_is_layout() {
        check(
            "7月4日 ,某某縣長林某一行到訪 。董事長陳某會見林某等一行 ,雙方交流 。\n一同參加會見的還有 ,副縣長吳某 、某局副局長周某 ,以及集團總裁鄭某 。\n（记者 张三 ，李四 ）\n",
            expect![[r#"
                P 1-1 7月4日,某某縣長林某一行到訪。董事長陳某會見林某等一行,雙方交流。
                P 2-2 一同參加會見的還有,副縣長吳某、某局副局長周某,以及集團總裁鄭某。
                L 3-3 （记者 张三，李四）"#]],
        );
    }

    #[test]
    fn flattened_columns_are_rejoined_but_paragraphs_are_not_split() {
        check(
            "浦东新区人 民政府常务会 议昨天召开。 区长王晓 明主持会议。\n会议听取 了各委办局 汇报。 要求加 快推进。\n",
            expect![[r#"
                P 1-1 浦东新区人民政府常务会议昨天召开。区长王晓明主持会议。
                P 2-2 会议听取了各委办局汇报。要求加快推进。"#]],
        );
    }

    #[test]
    fn a_web_page_s_blocks_lose_their_pinyin_glosses_too() {
        let blocks = [
            WebBlock {
                text: "市長林某會(huì)見客人一行".into(), element: "h1".into(), role: MarkupRole::Headline
            },
            WebBlock {
                text: "5月6日，市長林某會(huì)見了某集團董事長王某一行。".into(),
                element: "p".into(),
                role: MarkupRole::Text,
            },
        ];
        let (page, diagnostics) = from_markup(&blocks);
        let texts: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["市長林某會見客人一行", "5月6日，市長林某會見了某集團董事長王某一行。"]);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.starts_with("2 pinyin glosses"), "{}", diagnostics[0].message);
    }
}
