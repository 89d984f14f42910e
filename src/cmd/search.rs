//! `readout search`: the sentences that contain a word or phrase, with where they stand and
//! what matched marked.
//!
//! The query is cut into search words exactly as the stored sentences were (see
//! [`crate::index::query_words`]) and looked up as a phrase in the `search_words` index; a
//! query of three characters or more is also looked up as written in the trigram index
//! `search_text`. `--substring` looks for the query as written only, at any length.

use std::io::{self, IsTerminal, Write};

use crate::cli::{Highlight, SearchArgs};
use crate::index;
use crate::segment::Tokenizer;
use crate::store::{SearchHit, SearchQuery};
use crate::text;

use super::{EXIT_FATAL, EXIT_OK, open_existing};

pub fn run(args: &SearchArgs) -> u8 {
    let query = args.query.trim();
    if query.is_empty() {
        tracing::error!("the query is empty: give a word or phrase to look for");
        return EXIT_FATAL;
    }
    let Some(store) = open_existing(&args.db.db, args.db.busy_timeout()) else {
        return EXIT_FATAL;
    };
    let tokenizer = Tokenizer::new();
    let search = build_query(query, args.substring, args.limit, &tokenizer);
    let hits = match store.search(&search) {
        Ok(hits) => hits,
        Err(e) => {
            tracing::error!("{}: {e}", args.db.db.display());
            return EXIT_FATAL;
        }
    };
    // Colours only on a terminal, and not when the user asked for none (NO_COLOR).
    let colour = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let marks = Marks::of(args.highlight, colour);
    let needles = Needles::of(query, &search);
    let mut out = io::stdout().lock();
    let written = hits.iter().try_for_each(|hit| write_hit(&mut out, hit, &needles, marks, args.width));
    match written.and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return EXIT_OK,
        Err(e) => {
            tracing::error!("writing the results: {e}");
            return EXIT_FATAL;
        }
    }
    if hits.is_empty() {
        tracing::warn!("no sentence matches `{query}`");
    } else if hits.len() == args.limit {
        tracing::warn!("showing the first {} sentences; --limit shows more", args.limit);
    }
    EXIT_OK
}

/// The store query for what the user typed.
pub fn build_query(query: &str, substring_only: bool, limit: usize, tokenizer: &Tokenizer) -> SearchQuery {
    let normalized = text::normalize(query);
    if substring_only {
        return SearchQuery { words: Vec::new(), substring: Some(normalized), limit };
    }
    let words = index::query_words(query, tokenizer);
    let substring = (normalized.chars().count() >= 3).then_some(normalized);
    SearchQuery { words, substring, limit }
}

/// What to mark in a found sentence: the query as typed (normalized), wherever it stands;
/// in a sentence that does not hold it as typed (found by its words), each of its smallest
/// words (those holding no other word of the query).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Needles {
    whole: Vec<Vec<char>>,
    words: Vec<Vec<char>>,
}

impl Needles {
    pub fn of(query: &str, search: &SearchQuery) -> Needles {
        let whole: Vec<char> = text::normalize(query).chars().filter(|c| !c.is_whitespace()).collect();
        let words = search
            .words
            .iter()
            .filter(|w| !search.words.iter().any(|part| part.len() < w.len() && w.contains(part.as_str())))
            .map(|w| w.chars().collect())
            .collect();
        Needles { whole: vec![whole].into_iter().filter(|w| !w.is_empty()).collect(), words }
    }

    /// The character ranges to mark in a normalized sentence.
    fn ranges(&self, text: &[char]) -> Vec<(usize, usize)> {
        let ranges = matches(text, &self.whole);
        if ranges.is_empty() { matches(text, &self.words) } else { ranges }
    }
}

/// Character ranges of `text` where any needle stands, merged where they touch or overlap.
pub fn matches(text: &[char], needles: &[Vec<char>]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for needle in needles {
        if needle.len() > text.len() {
            continue;
        }
        for at in 0..=text.len() - needle.len() {
            if text[at..at + needle.len()] == needle[..] {
                ranges.push((at, at + needle.len()));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Marks {
    open: &'static str,
    close: &'static str,
}

impl Marks {
    fn of(highlight: Highlight, terminal: bool) -> Marks {
        match highlight {
            Highlight::Ansi => Marks { open: "\x1b[1;31m", close: "\x1b[0m" },
            Highlight::Brackets => Marks { open: "«", close: "»" },
            Highlight::None => Marks { open: "", close: "" },
            Highlight::Auto if terminal => Marks::of(Highlight::Ansi, true),
            Highlight::Auto => Marks::of(Highlight::Brackets, false),
        }
    }
}

/// The sentence, or about `width` characters of it around the first match, with the
/// matches marked.
pub fn snippet(sentence: &str, normalized: &str, needles: &Needles, open: &str, close: &str, width: usize) -> String {
    let shown: Vec<char> = sentence.chars().collect();
    let norm: Vec<char> = normalized.chars().collect();
    // Normalizing keeps one character for one, so ranges found in the normalized text mark
    // the printed one; should that ever fail, show the normalized text.
    let shown = if shown.len() == norm.len() { shown } else { norm.clone() };
    let ranges = needles.ranges(&norm);
    let (from, to) = match ranges.first() {
        Some(&(start, _)) if width > 0 && shown.len() > width => {
            let from = start.saturating_sub(width / 3);
            let to = (from + width).min(shown.len());
            (to.saturating_sub(width), to)
        }
        _ => (0, shown.len()),
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = from;
    for &(start, end) in ranges.iter().filter(|r| r.1 > from && r.0 < to) {
        let (start, end) = (start.max(from), end.min(to));
        out.extend(&shown[at..start]);
        out.push_str(open);
        out.extend(&shown[start..end]);
        out.push_str(close);
        at = end;
    }
    out.extend(&shown[at..to]);
    if to < shown.len() {
        out.push('…');
    }
    out
}

fn write_hit(out: &mut impl Write, hit: &SearchHit, needles: &Needles, marks: Marks, width: usize) -> io::Result<()> {
    let date = hit.issue_date.as_deref().unwrap_or("no issue date");
    let headline = hit.headline.as_deref().map(|h| format!(" 《{h}》")).unwrap_or_default();
    writeln!(
        out,
        "{} · {date} · article {}{headline}, paragraph {}, sentence {}",
        hit.source, hit.article_seq, hit.paragraph_seq, hit.sentence_seq
    )?;
    writeln!(out, "  {}", snippet(&hit.sentence, &hit.text, needles, marks.open, marks.close, width))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(words: &[&str]) -> Vec<Vec<char>> {
        words.iter().map(|w| w.chars().collect()).collect()
    }

    #[test]
    fn overlapping_and_touching_matches_are_marked_once() {
        let text: Vec<char> = "营商环境持续优化，营商".chars().collect();
        assert_eq!(matches(&text, &chars(&["营商环境", "营商", "环境", "持续"])), [(0, 6), (9, 11)]);
    }

    fn needles(query: &str) -> Needles {
        Needles::of(query, &build_query(query, false, 10, &Tokenizer::new()))
    }

    #[test]
    fn a_snippet_marks_the_printed_text_where_the_normalized_text_matched() {
        let s = snippet("會議指出", "会议指出", &needles("会议"), "[", "]", 0);
        assert_eq!(s, "[會議]指出");
    }

    #[test]
    fn the_query_is_marked_as_typed_and_not_its_parts_elsewhere() {
        let sentence = "去年营商环境测评全市第一，居家环境适老化改造完成度全市第一";
        let s = snippet(sentence, sentence, &needles("营商环境"), "[", "]", 0);
        assert_eq!(s, "去年[营商环境]测评全市第一，居家环境适老化改造完成度全市第一");
    }

    #[test]
    fn a_sentence_found_by_words_apart_marks_each_word() {
        let sentence = "出席了会议";
        let s = snippet(sentence, sentence, &needles("出席会议"), "[", "]", 0);
        assert_eq!(s, "[出席]了[会议]");
    }

    #[test]
    fn a_long_sentence_is_shortened_around_its_first_match() {
        let sentence = "一二三四五六七八九十龚正一二三四五六七八九十";
        let s = snippet(sentence, sentence, &needles("龚正"), "[", "]", 9);
        assert_eq!(s, "…八九十[龚正]一二三四…");
    }

    #[test]
    fn a_short_query_is_looked_up_by_its_words_only() {
        let tokenizer = Tokenizer::new();
        let q = build_query("龚正", false, 10, &tokenizer);
        assert_eq!(q.words, ["龚正"]);
        assert_eq!(q.substring, None);
        let q = build_query("营商环境", false, 10, &tokenizer);
        assert_eq!(q.substring.as_deref(), Some("营商环境"));
        let q = build_query("龚正", true, 10, &tokenizer);
        assert!(q.words.is_empty());
        assert_eq!(q.substring.as_deref(), Some("龚正"));
    }
}
