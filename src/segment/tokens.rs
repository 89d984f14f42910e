//! Words, from jieba: the only place readout talks to jieba.
//!
//! Input: a normalized text. Output: its [`Token`]s, each a character span; its search words
//! (for full-text search); the key terms of a short text (for grouping texts by theme). The
//! dictionary is loaded once, on first use, so that a run that only checks hashes never pays
//! for it.

use std::sync::OnceLock;

use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TfIdf};

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
    /// Keyword extraction; its IDF table loads on the first use.
    tf_idf: OnceLock<TfIdf>,
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
    fn tf_idf(&self) -> &TfIdf {
        self.tf_idf.get_or_init(|| {
            let mut tf_idf = TfIdf::default();
            *tf_idf.config_mut() = KeywordExtractConfig::builder().use_hmm(HMM).build();
            tf_idf
        })
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
        let tags = KEY_TERM_TAGS.iter().map(|t| t.to_string()).collect();
        self.tf_idf()
            .extract_keywords(self.jieba(), s, MAX_KEY_TERMS, tags)
            .into_iter()
            .map(|k| KeyTerm { term: k.keyword, weight: k.weight })
            .collect()
    }
}

/// At most this many key terms per text.
const MAX_KEY_TERMS: usize = 8;
