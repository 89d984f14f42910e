//! Passages printed a second time: pull quotes.
//!
//! A newspaper prints a striking passage of an article again, larger, beside it. On the
//! extracted page it is a block whose text also stands, word for word, inside another
//! block. It is the same text twice, so it is kept once: in the body, where it belongs, and
//! as a pull quote linked to that paragraph.

use std::borrow::Cow;

use super::Role;
use crate::text::{Span, Text};

/// Passages shorter than this (in characters, white space aside) are not taken for pull
/// quotes: a short phrase may well be printed twice by chance.
const MIN_CHARS: usize = 16;

/// Pairs (quote, source) of block indices: `quote` is printed again inside `source`.
pub(super) fn find(texts: &[Text], roles: &[Role]) -> Vec<(usize, usize)> {
    let compact: Vec<Cow<str>> = texts.iter().map(|t| compact(t.norm())).collect();
    let can_hold = |i: usize| matches!(roles[i], Role::Body | Role::Dateline);
    let mut pairs = Vec::new();
    for (q, quote) in compact.iter().enumerate() {
        // A title is often a phrase of its article, printed again: only running text counts.
        if roles[q] != Role::Body || quote.chars().count() < MIN_CHARS {
            continue;
        }
        // Made for the first block that may hold it, and used for the others.
        let mut passage: Option<Passage> = None;
        let source = (0..compact.len()).find(|&s| {
            s != q
                && can_hold(s)
                && !pairs.iter().any(|&(taken, _)| taken == s)
                && (compact[s].len() > quote.len() || (compact[s].len() == quote.len() && s < q))
                && passage.get_or_insert_with(|| Passage::new(quote)).stands_in(&compact[s])
        });
        if let Some(s) = source {
            pairs.push((q, s));
        }
    }
    pairs
}

/// A passage to look for in every other block.
struct Passage<'a> {
    whole: &'a str,
    /// Its sentences of eight characters or more (without their final punctuation), each
    /// with its length in characters (with it).
    sentences: Vec<(&'a str, usize)>,
    chars: usize,
}

impl<'a> Passage<'a> {
    fn new(passage: &'a str) -> Self {
        let sentences = passage
            .split_inclusive(['。', '！', '？'])
            .map(|s| (s, s.chars().count()))
            .filter(|&(_, n)| n >= 8)
            .map(|(s, n)| (s.trim_end_matches(['。', '！', '？']), n))
            .collect();
        Passage { whole: passage, sentences, chars: passage.chars().count() }
    }

    /// Whether a text holds the passage, or nearly all of its sentences: a pull quote may
    /// drop or shorten a clause.
    fn stands_in(&self, text: &str) -> bool {
        // The sentences found must make up nine tenths of the passage: the search stops as
        // soon as those missing leave too few to find. A sentence is part of the passage, so
        // a text missing one does not hold the passage whole either.
        let all: usize = self.sentences.iter().map(|&(_, n)| n).sum();
        let may_miss = (all * 10).checked_sub(self.chars * 9);
        let mut missing = 0;
        for &(sentence, n) in &self.sentences {
            if !holds(text, sentence) {
                missing += n;
                if may_miss.is_none_or(|may_miss| missing * 10 > may_miss) {
                    return false;
                }
            }
        }
        // Enough sentences found; or all of them, and then perhaps not enough, but the whole.
        missing > 0 || may_miss.is_some() || holds(text, self.whole)
    }
}

/// Whether `text` holds `part`, as `str::contains`, by a search that costs nothing to set up:
/// a page asks it of many pairs of short texts, where building a searcher for each costs more
/// than the search. Candidates are where the part's third byte is found: in Chinese text the
/// first byte of a character repeats often, the others much less.
fn holds(text: &str, part: &str) -> bool {
    let (text, part) = (text.as_bytes(), part.as_bytes());
    if part.len() < 3 || text.len() < part.len() {
        return part.is_empty() || memchr::memmem::find(text, part).is_some();
    }
    memchr::memchr_iter(part[2], &text[2..]).any(|i| text[i..].starts_with(part))
}

/// Where a pull quote stands in its source paragraph.
pub(super) fn locate(paragraph: &Text, quote: &Text) -> Option<Span> {
    let kept: Vec<(usize, char)> = paragraph.norm().chars().enumerate().filter(|(_, c)| !c.is_whitespace()).collect();
    let haystack: Vec<char> = kept.iter().map(|&(_, c)| c).collect();
    let needle: Vec<char> = compact(quote.norm()).chars().collect();
    let at = find_chars(&haystack, &needle)?;
    Some(Span::new(kept[at].0, kept[at + needle.len() - 1].0 + 1))
}

fn find_chars(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The text without white space.
fn compact(norm: &str) -> Cow<'_, str> {
    if norm.contains(char::is_whitespace) {
        Cow::Owned(norm.split(char::is_whitespace).collect())
    } else {
        Cow::Borrowed(norm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_as_contains_does() {
        let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/000_33a1af8f75da2c74.txt"))
            .unwrap();
        let text = compact(&page).into_owned();
        let chars: Vec<char> = text.chars().collect();
        let mut parts: Vec<String> = vec![String::new(), "a".into(), "ab".into(), "会".into(), "aaab".into()];
        for start in (0..chars.len()).step_by(37) {
            for len in [1, 2, 8, 30] {
                let part: String = chars[start..(start + len).min(chars.len())].iter().collect();
                parts.push(part.clone());
                // The same with its last character changed: mostly absent.
                parts.push(part.chars().rev().skip(1).collect::<Vec<_>>().into_iter().rev().chain(['。']).collect());
            }
        }
        for haystack in [text.as_str(), "", "aaaab", "会议", &text[..text.len() / 2]] {
            for part in &parts {
                assert_eq!(holds(haystack, part), haystack.contains(part.as_str()), "{part:?}");
            }
        }
        assert!(parts.iter().filter(|p| text.contains(p.as_str())).count() > 100);
    }

    /// Whether a text holds a passage, as the rule says it: the whole passage, or sentences
    /// making up nine tenths of it.
    fn stands_in_as_defined(passage: &Passage, text: &str) -> bool {
        let found: usize = passage.sentences.iter().filter(|(s, _)| text.contains(s)).map(|&(_, n)| n).sum();
        text.contains(passage.whole) || found * 10 >= passage.chars * 9
    }

    #[test]
    fn a_passage_stands_in_a_text_as_defined() {
        let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/000_33a1af8f75da2c74.txt"))
            .unwrap();
        let (dewrapped, _) = crate::dewrap::dewrap(&page);
        let blocks: Vec<String> =
            dewrapped.blocks.iter().map(|b| compact(&crate::text::normalize(&b.text)).into_owned()).collect();
        // Each block, and variants of it: without its first or last sentence, a sentence cut
        // short, a sentence added, each missing part short or long.
        let mut passages: Vec<String> = Vec::new();
        for block in &blocks {
            let sentences: Vec<&str> = block.split_inclusive('。').collect();
            passages.push(block.clone());
            passages.push(sentences[1..].concat());
            passages.push(sentences[..sentences.len() - 1].concat());
            passages.push(format!("{}{}", sentences[0], "会议强调要坚持稳中求进抓好落实。"));
            passages.push(sentences.iter().map(|s| s.chars().skip(3).collect::<String>()).collect());
            passages.push(format!("短句。{block}"));
            for k in 0..sentences.len() {
                let mut changed = sentences.clone();
                let with_a_word_more = format!("新{}", sentences[k]);
                changed[k] = &with_a_word_more;
                passages.push(changed.concat());
            }
        }
        let mut holding = 0;
        for passage in &passages {
            let passage = Passage::new(passage);
            for text in blocks.iter().map(String::as_str).chain([page.as_str(), ""]) {
                let stands_in = passage.stands_in(text);
                assert_eq!(stands_in, stands_in_as_defined(&passage, text), "{} in {text}", passage.whole);
                holding += usize::from(stands_in);
            }
        }
        assert!(holding > passages.len(), "only {holding} passages stand in a text");
    }
}
