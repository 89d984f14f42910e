//! After extraction: the words a page is found and grouped by.
//!
//! Input: a [`Classified`] page (its paragraphs already cut into words and search words by
//! segment), its [`Extraction`] and the [`Tokenizer`]. Output: [`PageIndex`]:
//! - per sentence, its search words — of jieba's `cut_for_search` of its paragraph
//!   ([`Paragraph::search_tokens`]), those that start in it — and its normalized text, for the
//!   full-text search tables;
//! - per shortfall item, its key terms (TF-IDF keywords), for grouping shortfalls by theme.
//!
//! Pure: no I/O; the same page gives the same index.
//!
//! Not responsible for: storing or querying the index (the store does both).

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use crate::classify::Classified;
use crate::extract::{Extraction, ShortfallId};
use crate::segment::tokens::KeyTerm;
use crate::segment::{Paragraph, Tokenizer};
use crate::text::Text;

/// The search words of one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceWords {
    /// Search words, in text order, separated by one space.
    pub words: String,
    /// The sentence's normalized text (simplified characters, full-width punctuation, ASCII
    /// digits): what substring search matches.
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageIndex {
    /// Per article, per paragraph, per sentence (the sentences segment split).
    pub sentences: Vec<Vec<Vec<SentenceWords>>>,
    /// The key terms of every shortfall item of the extraction, most characteristic first.
    pub shortfall_terms: BTreeMap<ShortfallId, Vec<KeyTerm>>,
}

impl PageIndex {
    /// The search words of a sentence, if the index has it.
    pub fn sentence(&self, article: usize, paragraph: usize, sentence: usize) -> Option<&SentenceWords> {
        self.sentences.get(article)?.get(paragraph)?.get(sentence)
    }
}

/// Indexes a processed page.
pub fn index(page: &Classified, extraction: &Extraction, tokenizer: &Tokenizer) -> PageIndex {
    let sentences =
        page.page.articles.iter().map(|article| article.paragraphs.iter().map(sentence_words).collect()).collect();
    let shortfall_terms = extraction.shortfalls().map(|(id, f)| (id, tokenizer.key_terms(&f.text))).collect();
    PageIndex { sentences, shortfall_terms }
}

/// Search words per sentence of a paragraph, in the order jieba gave them. A word belongs to
/// the sentence it starts in; words without a letter or digit (punctuation, spaces) are left
/// out, as FTS5 would drop them.
fn sentence_words(paragraph: &Paragraph) -> Vec<SentenceWords> {
    let text = &paragraph.text;
    let sentences = &paragraph.sentences;
    // Room for the words of each sentence, which rarely take twice its length.
    let mut words: Vec<String> =
        sentences.iter().map(|&s| String::with_capacity(2 * text.norm_bytes(s).len())).collect();
    for token in &paragraph.search_tokens {
        let word = text.norm_slice(token.span);
        if !is_searchable(word) {
            continue;
        }
        // The sentences cover the text in order: the one holding the word's start.
        let Some(words) = words.get_mut(sentences.partition_point(|s| s.end <= token.span.start)) else {
            continue;
        };
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(word);
    }
    sentences
        .iter()
        .zip(words)
        .map(|(&sentence, mut words)| {
            words.shrink_to_fit();
            SentenceWords { words, text: text.norm_slice(sentence).to_string() }
        })
        .collect()
}

/// The search words of a query, cut and derived exactly as a sentence's are, so that a query
/// finds the words it was indexed under.
pub fn query_words(query: &str, tokenizer: &Tokenizer) -> Vec<String> {
    let text = Text::new(query);
    tokenizer
        .search_tokens(&text)
        .into_iter()
        .map(|t| text.norm_slice(t.span))
        .filter(|w| is_searchable(w))
        .map(str::to_string)
        .collect()
}

/// Whether a word holds a letter or a digit. Most words open with a CJK unified ideograph,
/// every one of which is a letter (told by its first bytes: U+4E00 to U+9FFF are E4 B8 80 to
/// E9 BF BF in UTF-8), or are the punctuation Chinese text uses, none of which is: those are
/// answered without a Unicode table lookup.
fn is_searchable(word: &str) -> bool {
    if let [0xE5..=0xE9, ..] | [0xE4, 0xB8..=0xBF, ..] = word.as_bytes() {
        return true;
    }
    word.chars().any(|c| {
        CJK_UNIFIED_IDEOGRAPHS.contains(&c) || (!CJK_PUNCTUATION.iter().any(|p| p.contains(&c)) && c.is_alphanumeric())
    })
}

const CJK_UNIFIED_IDEOGRAPHS: RangeInclusive<char> = '\u{4E00}'..='\u{9FFF}';

/// Dashes, quotes and ellipses; 、。〃 and the brackets 〈〉《》「」『』【】; full-width ！ to ／
/// and ： to ＠.
const CJK_PUNCTUATION: [RangeInclusive<char>; 5] = [
    '\u{2010}'..='\u{2027}',
    '\u{3001}'..='\u{3003}',
    '\u{3008}'..='\u{3011}',
    '\u{FF01}'..='\u{FF0F}',
    '\u{FF1A}'..='\u{FF20}',
];

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(s: &str, tokenizer: &Tokenizer) -> Paragraph {
        let text = Text::new(s);
        let (tokens, search_tokens) = tokenizer.cut_with_search(&text);
        Paragraph {
            sentences: crate::segment::sentences(&text),
            tokens,
            search_tokens,
            text,
            role: crate::segment::ParagraphRole::Body,
            lines: crate::dewrap::LineRange { first: 0, last: 0 },
        }
    }

    #[test]
    fn each_sentence_gets_the_search_words_that_start_in_it() {
        let tokenizer = Tokenizer::new();
        let p = paragraph("市委副书记、市长龚正出席会议。去年营商环境测评全市第一。", &tokenizer);
        let words = sentence_words(&p);
        assert_eq!(words.len(), 2);
        assert_eq!(words[0].text, "市委副书记、市长龚正出席会议。");
        assert_eq!(words[0].words, "市委 副 书记 市长 龚正 出席 会议 出席会议");
        assert_eq!(words[1].text, "去年营商环境测评全市第一。");
        assert!(words[1].words.split(' ').any(|w| w == "营商"), "{}", words[1].words);
        assert!(words[1].words.split(' ').any(|w| w == "环境"), "{}", words[1].words);
    }

    #[test]
    fn every_cjk_unified_ideograph_is_a_letter_and_no_punctuation_is() {
        assert!(CJK_UNIFIED_IDEOGRAPHS.clone().all(char::is_alphanumeric));
        assert!(CJK_PUNCTUATION.into_iter().flatten().all(|c| !c.is_alphanumeric()));
    }

    #[test]
    fn a_query_is_cut_like_the_text() {
        let tokenizer = Tokenizer::new();
        assert_eq!(query_words("龚正", &tokenizer), ["龚正"]);
        assert_eq!(query_words("出席会议", &tokenizer), ["出席", "会议", "出席会议"]);
        // Traditional characters and full-width digits are normalized first.
        assert_eq!(query_words("會議", &tokenizer), ["会议"]);
    }

    #[test]
    fn a_word_is_searchable_when_it_holds_a_letter_or_digit() {
        for c in (0..=0x2FFFF).filter_map(char::from_u32) {
            let word = c.to_string();
            assert_eq!(is_searchable(&word), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_searchable(&format!("{word}，")), c.is_alphanumeric(), "{c:?}");
        }
        assert!(is_searchable("，a") && !is_searchable("、。") && !is_searchable(""));
    }
}
