//! Words, from jieba: the only place readout talks to jieba.
//!
//! Input: a normalized text. Output: its [`Token`]s, each a character span. The dictionary
//! is loaded once, on first use, so that a run that only checks hashes never pays for it.

use std::sync::OnceLock;

use jieba_rs::Jieba;

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
}

/// Whether to let jieba's HMM guess words missing from its dictionary (names, mostly).
const HMM: bool = true;

impl Tokenizer {
    pub fn new() -> Self {
        Tokenizer::default()
    }

    fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(Jieba::new)
    }

    /// Whether the dictionary has been loaded (by a first cut).
    pub fn is_loaded(&self) -> bool {
        self.jieba.get().is_some()
    }

    /// Cuts a text's normalized form into words.
    pub fn cut(&self, text: &Text) -> Vec<Token> {
        self.jieba().cut(text.norm(), HMM).into_iter().map(|t| Token { span: Span::new(t.start, t.end) }).collect()
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
