//! The block of headlines printed after the last article, shared out among the articles.
//!
//! A front page extracted from PDF often prints every title after the text, in an order that
//! need not follow the articles'. Each article's titles are consecutive (引题, 主题, 副题),
//! and each title shares words with its article's body. The block is cut into consecutive
//! groups of one to three lines, one group per article at most, choosing the cut and the
//! assignment that maximize the words the lines share with their articles. Words are weighed
//! by how few articles use them, so a word every article uses decides nothing.

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Article, Heading, Note, ParagraphRole, Tokenizer, set_headings};
use crate::diagnostics::{Diagnostic, DiagnosticKind, Location, Stage};

/// Articles beyond this many are not searched exhaustively: each line then goes to the
/// article it shares most with.
const MAX_EXHAUSTIVE: usize = 12;
const MAX_GROUP: usize = 3;

pub(super) fn share_out(
    articles: &mut [Article],
    lines: Vec<Heading>,
    tokenizer: &Tokenizer,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut candidates: Vec<usize> = (0..articles.len()).filter(|&a| articles[a].headline.is_none()).collect();
    if candidates.is_empty() {
        candidates = (0..articles.len()).collect();
    }
    let norms: Vec<String> = lines.iter().map(|line| crate::text::normalize(&line.text)).collect();
    let line_words: Vec<HashSet<&str>> =
        norms.iter().map(|norm| tokenizer.words(norm).into_iter().filter(|w| is_content_word(w)).collect()).collect();
    // Only the words of the lines are weighed, so only they are looked for in the bodies.
    let wanted: FxHashSet<&str> = line_words.iter().flatten().copied().collect();
    let bodies: Vec<ArticleWords> = candidates.iter().map(|&a| ArticleWords::of(&articles[a], &wanted)).collect();
    let mut df: FxHashMap<&str, usize> = FxHashMap::default();
    for body in &bodies {
        for w in &body.words {
            *df.entry(w).or_default() += 1;
        }
    }
    let n = bodies.len() as f64;
    let similarity: Vec<Vec<f64>> = norms
        .iter()
        .zip(&line_words)
        .map(|(norm, words)| {
            let weight = |w: &str| (1.0 + n / df.get(w).copied().unwrap_or(0).max(1) as f64).ln();
            let total: f64 = words.iter().map(|w| weight(w)).sum();
            let phrases = Phrases::of(norm);
            bodies
                .iter()
                .map(|body| {
                    let shared: f64 = words.iter().filter(|w| body.words.contains(**w)).map(|w| weight(w)).sum();
                    let verbatim = if phrases.printed_in(&body.compact) { 1.0 } else { 0.0 };
                    if total > 0.0 { shared / total + verbatim } else { verbatim }
                })
                .collect()
        })
        .collect();
    let groups = if candidates.len() <= MAX_EXHAUSTIVE {
        best_groups(&similarity, candidates.len())
    } else {
        greedy_groups(&similarity)
    };
    let mut assigned = vec![false; lines.len()];
    let mut by_article: Vec<Vec<Heading>> = vec![Vec::new(); candidates.len()];
    for (range, c) in groups {
        for i in range {
            assigned[i] = true;
            by_article[c].push(lines[i].clone());
        }
    }
    for (c, group) in by_article.into_iter().enumerate() {
        if !group.is_empty() {
            let a = candidates[c];
            set_headings(&mut articles[a], group, diagnostics, a);
        }
    }
    for (i, line) in lines.into_iter().enumerate() {
        if !assigned[i] {
            diagnostics.push(Diagnostic::new(
                Stage::Segment,
                DiagnosticKind::UnassignedHeadline,
                Location::Line(line.lines.first),
                format!("no article shares words with this headline line; kept as a note: {}", line.text),
            ));
            if let Some(last) = articles.last_mut() {
                last.notes.push(Note { label: "标题".to_string(), value: line.text, lines: line.lines });
            }
        }
    }
}

/// What an article's body holds of the headline lines.
struct ArticleWords<'a> {
    /// The words of the lines that the body uses.
    words: FxHashSet<&'a str>,
    /// The body without white space, for finding a title printed word for word in it.
    compact: String,
}

impl<'a> ArticleWords<'a> {
    fn of(article: &Article, wanted: &FxHashSet<&'a str>) -> Self {
        let mut words = FxHashSet::default();
        let mut compact = String::new();
        for p in article.paragraphs.iter().filter(|p| p.role == ParagraphRole::Body) {
            // The lines' words have two characters or more.
            for t in p.tokens.iter().filter(|t| t.span.len() >= 2) {
                if let Some(&w) = wanted.get(p.text.norm_slice(t.span)) {
                    words.insert(w);
                }
            }
            compact.extend(p.text.norm().split(char::is_whitespace));
        }
        ArticleWords { words, compact }
    }
}

/// The parts of a title (its halves around a colon, say) of six characters or more, to find
/// in a body as printed.
struct Phrases<'a>(Vec<memchr::memmem::Finder<'a>>);

impl<'a> Phrases<'a> {
    fn of(title: &'a str) -> Self {
        Phrases(
            title
                .split(['：', ' ', '，', '—'])
                .map(|part| part.trim_matches('—'))
                .filter(|part| part.chars().count() >= 6)
                .map(memchr::memmem::Finder::new)
                .collect(),
        )
    }

    /// Whether one of the parts is printed in a (compact) body.
    fn printed_in(&self, compact: &str) -> bool {
        self.0.iter().any(|part| part.find(compact.as_bytes()).is_some())
    }
}

fn is_content_word(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(crate::text::is_han)
}

/// Cuts lines into consecutive groups of one to three, each assigned to a distinct article,
/// maximizing the total similarity. Returns (line range, article) pairs.
fn best_groups(similarity: &[Vec<f64>], articles: usize) -> Vec<(std::ops::Range<usize>, usize)> {
    let lines = similarity.len();
    let states = 1usize << articles;
    // best[i][mask]: the best score having placed lines[..i] using the articles in mask.
    let mut best = vec![vec![f64::NEG_INFINITY; states]; lines + 1];
    // from[i][mask]: the state before, and the article the last group went to (None: skipped).
    type Step = Option<(usize, usize, Option<usize>)>;
    let mut from: Vec<Vec<Step>> = vec![vec![None; states]; lines + 1];
    best[0][0] = 0.0;
    for i in 0..lines {
        for mask in 0..states {
            let score = best[i][mask];
            if score == f64::NEG_INFINITY {
                continue;
            }
            // Leave line i unassigned, at a cost, so that lines are only dropped when no
            // article is left for them.
            let skip = score - 1.0;
            if skip > best[i + 1][mask] {
                best[i + 1][mask] = skip;
                from[i + 1][mask] = Some((i, mask, None));
            }
            for size in 1..=MAX_GROUP.min(lines - i) {
                #[allow(clippy::needless_range_loop, reason = "`a` is a bit of the mask as well as an index")]
                for a in 0..articles {
                    if mask & (1 << a) != 0 {
                        continue;
                    }
                    let gain: f64 = (i..i + size).map(|l| similarity[l][a]).sum();
                    let next = mask | (1 << a);
                    if score + gain > best[i + size][next] {
                        best[i + size][next] = score + gain;
                        from[i + size][next] = Some((i, mask, Some(a)));
                    }
                }
            }
        }
    }
    let mut mask = (0..states).max_by(|&x, &y| best[lines][x].total_cmp(&best[lines][y])).unwrap_or(0);
    let mut i = lines;
    let mut groups = Vec::new();
    while i > 0 {
        let Some((prev, prev_mask, article)) = from[i][mask] else { break };
        if let Some(a) = article {
            groups.push((prev..i, a));
        }
        i = prev;
        mask = prev_mask;
    }
    groups.reverse();
    groups
}

/// Each line to the article it shares most with.
fn greedy_groups(similarity: &[Vec<f64>]) -> Vec<(std::ops::Range<usize>, usize)> {
    similarity
        .iter()
        .enumerate()
        .filter_map(|(i, row)| {
            let (a, &score) = row.iter().enumerate().max_by(|x, y| x.1.total_cmp(y.1))?;
            (score > 0.0).then_some((i..i + 1, a))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_similarity_not_order() {
        // Lines 0,1 belong to article 0; lines 2,3 to article 2; lines 4,5 to article 1.
        let s = vec![
            vec![1.0, 0.1, 0.2],
            vec![0.8, 0.0, 0.1],
            vec![0.1, 0.2, 1.0],
            vec![0.0, 0.1, 0.9],
            vec![0.2, 1.0, 0.1],
            vec![0.1, 0.7, 0.0],
        ];
        assert_eq!(best_groups(&s, 3), vec![(0..2, 0), (2..4, 2), (4..6, 1)]);
    }

    #[test]
    fn more_lines_than_places_leaves_some_unassigned() {
        let s = vec![vec![1.0], vec![0.9], vec![0.8], vec![0.0]];
        assert_eq!(best_groups(&s, 1), vec![(0..3, 0)]);
    }
}
