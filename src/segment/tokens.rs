//! Words, from jieba: the only place readout talks to jieba.
//!
//! Input: a normalized text. Output: its [`Token`]s, each a character span, and its search
//! words (for full-text search), both from one pass of jieba; the key terms of a short text
//! (for grouping texts by theme). The dictionary is loaded once, on first use, so that a run
//! that only checks hashes never pays for it.

use std::sync::OnceLock;
use std::thread;

use jieba_rs::Jieba;

use super::idf::IdfTable;

use crate::text::{Span, Text};

/// A word of a paragraph: a character span of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

/// The word segmenter. Cheap to create; jieba's dictionary loads on the first cut.
#[derive(Default)]
pub struct Tokenizer {
    jieba: OnceLock<Jieba>,
    /// Keyword extraction's IDF table; it loads on the first use.
    idf: OnceLock<IdfTable>,
}

/// Whether to let jieba's HMM guess words missing from its dictionary (names, mostly).
const HMM: bool = true;

impl Tokenizer {
    pub fn new() -> Self {
        Tokenizer::default()
    }

    fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| {
            // Every page needs both: the IDF table of key terms loads on another core while
            // the dictionary loads, so that the first page waits for one load, not two.
            thread::scope(|scope| {
                scope.spawn(|| self.idf());
                Jieba::new()
            })
        })
    }

    /// Whether the dictionary has been loaded (by a first cut).
    pub fn is_loaded(&self) -> bool {
        self.jieba.get().is_some()
    }

    /// Cuts a text's normalized form into words.
    pub fn cut(&self, text: &Text) -> Vec<Token> {
        self.jieba().cut(text.norm(), HMM).into_iter().map(|t| Token { span: Span::new(t.start, t.end) }).collect()
    }

    /// Cuts a text's normalized form into its words ([`Tokenizer::cut`]) and its search words
    /// ([`Tokenizer::search_tokens`]) with one pass of jieba: the words are read off the
    /// search words (see [`words_among_search_tokens`]).
    pub fn cut_with_search(&self, text: &Text) -> (Vec<Token>, Vec<Token>) {
        let search = self.search_tokens(text);
        (words_among_search_tokens(&search), search)
    }

    /// The words of a string, for comparing headlines with articles.
    pub fn words<'a>(&self, s: &'a str) -> Vec<&'a str> {
        self.jieba().cut(s, HMM).into_iter().map(|t| t.word).collect()
    }

    /// Search tokens (`cut_for_search`): every word and the dictionary words inside longer
    /// ones, for full-text search.
    pub fn search_words<'a>(&self, s: &'a str) -> Vec<&'a str> {
        self.jieba().cut_for_search(s, HMM).into_iter().map(|t| t.word).collect()
    }
}

/// The words of jieba's `cut` among the tokens of its `cut_for_search` of the same text.
///
/// `cut_for_search` emits, for each word of `cut` in turn, the search words inside it (the parts
/// of a word joined by `-` or `.`, its dictionary words of two and three characters) and then the
/// word itself. Every search word lies inside the word it was taken from, and the words follow
/// each other without overlapping; so the words are the tokens that no later token covers.
fn words_among_search_tokens(search: &[Token]) -> Vec<Token> {
    let mut words: Vec<Token> = Vec::with_capacity(search.len());
    for &token in search.iter().rev() {
        if words.last().is_some_and(|word| word.span.contains(token.span)) {
            continue;
        }
        words.push(token);
    }
    words.reverse();
    // Kept with its paragraph: without the room left for search words.
    words.shrink_to_fit();
    words
}

/// A key term of a short text: a word with its TF-IDF weight, for grouping texts by theme.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyTerm {
    pub term: String,
    pub weight: f64,
}

/// Parts of speech a key term may have: nouns, verbal nouns and fixed phrases. Verbs and
/// adverbs (推动, 加快, 持续, 从严) open almost every shortfall an official report admits, so
/// they would join unrelated items into one theme.
const KEY_TERM_TAGS: &[&str] = &["n", "nr", "ns", "nt", "nz", "vn", "l"];

impl Tokenizer {
    fn idf(&self) -> &IdfTable {
        self.idf.get_or_init(IdfTable::load)
    }

    /// A text's search words, jieba's `cut_for_search` of its normalized form: every word of
    /// [`Tokenizer::cut`], each preceded by the dictionary words of two and three characters
    /// inside it (营商环境 → 营商, 环境, 营商环境), each a character span.
    pub fn search_tokens(&self, text: &Text) -> Vec<Token> {
        self.jieba()
            .cut_for_search(text.norm(), HMM)
            .into_iter()
            .map(|t| Token { span: Span::new(t.start, t.end) })
            .collect()
    }

    /// The key terms of a short text (a shortfall item), most characteristic first: jieba's
    /// TF-IDF keywords among nouns, verbal nouns and fixed phrases.
    pub fn key_terms(&self, s: &str) -> Vec<KeyTerm> {
        self.idf().key_terms(self.jieba(), s, HMM, KEY_TERM_TAGS, MAX_KEY_TERMS)
    }
}

/// At most this many key terms per text.
const MAX_KEY_TERMS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{self, CORPUS, SAMPLE, VARIANTS};

    /// Every line of every page of the project, each page whole, and texts with words that
    /// search mode takes apart (`WES-5.4.5`, `G60`, numbers with separators).
    fn texts() -> Vec<Text> {
        let pages = test_pages::texts(&[SAMPLE, VARIANTS, CORPUS]);
        assert!(pages.len() > 60, "{} pages", pages.len());
        let mut texts: Vec<Text> = pages.iter().flat_map(|page| page.lines().map(Text::new)).collect();
        texts.extend(pages.iter().map(|page| Text::new(page.as_str())));
        texts.extend(
            ["型号WES-5.4.5和3.6.3版，G60科创走廊", "营业收入1,030.5亿元，增长4.5%。", "a-b.c_d", "", "。", "\r\n"]
                .map(Text::new),
        );
        texts
    }

    /// The compact IDF table gives what jieba-rs's own TF-IDF gives: the same terms, weights
    /// and order, on every line and page of the project and on each shortfall item.
    #[test]
    fn key_terms_are_jieba_rs_tf_idf_keywords() {
        use jieba_rs::{KeywordExtract, KeywordExtractConfig, TfIdf};
        let tokenizer = Tokenizer::new();
        let mut tf_idf = TfIdf::default();
        *tf_idf.config_mut() = KeywordExtractConfig::builder().use_hmm(HMM).build();
        let tags: Vec<String> = KEY_TERM_TAGS.iter().map(|t| t.to_string()).collect();
        let mut with_terms = 0;
        for text in texts() {
            let expected: Vec<(String, f64)> = tf_idf
                .extract_keywords(tokenizer.jieba(), text.norm(), MAX_KEY_TERMS, tags.clone())
                .into_iter()
                .map(|k| (k.keyword, k.weight))
                .collect();
            let found: Vec<(String, f64)> =
                tokenizer.key_terms(text.norm()).into_iter().map(|k| (k.term, k.weight)).collect();
            assert_eq!(found, expected, "{:?}", text.printed());
            with_terms += usize::from(!found.is_empty());
        }
        assert!(with_terms > 1000, "{with_terms}");
    }

    #[test]
    fn the_words_read_off_the_search_words_are_jiebas_cut() {
        let tokenizer = Tokenizer::new();
        let mut compounds = 0;
        for text in texts() {
            let (words, search) = tokenizer.cut_with_search(&text);
            assert!(words == tokenizer.cut(&text), "differs from cut on {:?}", text.printed());
            assert!(search == tokenizer.search_tokens(&text));
            compounds += usize::from(search.len() > words.len());
        }
        assert!(compounds > 100, "only {compounds} texts hold a word with search words inside");
    }
}
