//! Passages printed a second time: pull quotes.
//!
//! A newspaper prints a striking passage of an article again, larger, beside it. On the
//! extracted page it is a block whose text also stands, word for word, inside another
//! block. It is the same text twice, so it is kept once: in the body, where it belongs, and
//! as a pull quote linked to that paragraph.

use super::Role;
use crate::text::{Span, Text};

/// Passages shorter than this (in characters, white space aside) are not taken for pull
/// quotes: a short phrase may well be printed twice by chance.
const MIN_CHARS: usize = 16;

/// Pairs (quote, source) of block indices: `quote` is printed again inside `source`.
pub(super) fn find(texts: &[Text], roles: &[Role]) -> Vec<(usize, usize)> {
    let compact: Vec<String> = texts.iter().map(|t| compact(t.norm())).collect();
    let can_hold = |i: usize| matches!(roles[i], Role::Body | Role::Dateline);
    let mut pairs = Vec::new();
    for (q, quote) in compact.iter().enumerate() {
        // A title is often a phrase of its article, printed again: only running text counts.
        if roles[q] != Role::Body || quote.chars().count() < MIN_CHARS {
            continue;
        }
        let source = (0..compact.len()).find(|&s| {
            s != q
                && can_hold(s)
                && !pairs.iter().any(|&(taken, _)| taken == s)
                && (compact[s].len() > quote.len() || (compact[s].len() == quote.len() && s < q))
                && (compact[s].contains(quote.as_str()) || mostly_contains(&compact[s], quote))
        });
        if let Some(s) = source {
            pairs.push((q, s));
        }
    }
    pairs
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
fn compact(norm: &str) -> String {
    norm.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether nearly all of a passage's sentences stand in another text: a pull quote may
/// drop or shorten a clause.
fn mostly_contains(text: &str, passage: &str) -> bool {
    let total = passage.chars().count();
    let found: usize = passage
        .split_inclusive(['。', '！', '？'])
        .filter(|s| s.chars().count() >= 8 && text.contains(s.trim_end_matches(['。', '！', '？'])))
        .map(|s| s.chars().count())
        .sum();
    found * 10 >= total * 9
}
