//! Key terms: jieba's TF-IDF keywords, over an IDF table held compactly.
//!
//! jieba-rs's own `TfIdf` keeps its 270,000 IDF entries in a hash map of owned strings (about
//! 28 MB, beside the 6 MB of text it was read from) for the whole run, which is most of what
//! a run holds beyond the dictionary. This table holds the same entries, read from the same
//! file (`data/jieba_idf.txt.zst`: jieba's `idf.txt`, MIT-licensed, its lines sorted by word
//! and compressed), in three arrays sorted by word (about 7 MB), and [`IdfTable::key_terms`]
//! computes what jieba-rs's `TfIdf::extract_keywords` does with the default keyword
//! configuration: the same terms, the same weights, in the same order (a test compares the two
//! on every text of the project).

use rustc_hash::FxHashMap;

use jieba_rs::{DEFAULT_STOP_WORDS, Jieba};

use super::tokens::KeyTerm;

/// jieba's `idf.txt`: one `word idf` line per word, zstd-compressed.
const IDF_ZST: &[u8] = include_bytes!("../../data/jieba_idf.txt.zst");

/// A keyword has at least this many characters (jieba-rs's default).
const MIN_KEYWORD_CHARS: usize = 2;

/// Every word of the IDF file and its IDF, sorted by word.
pub struct IdfTable {
    /// The words, one after another, in sorted order.
    words: String,
    /// Where each word ends in `words`.
    ends: Vec<u32>,
    idf: Vec<f64>,
    /// The IDF of a word the file lacks: the lower median of the file's values, duplicates
    /// included, as jieba-rs computes it.
    median: f64,
}

impl IdfTable {
    /// Reads the table from the embedded file.
    pub fn load() -> IdfTable {
        let bytes = zstd::stream::decode_all(IDF_ZST).expect("the embedded IDF table decompresses");
        let text = std::str::from_utf8(&bytes).expect("the embedded IDF table is UTF-8");
        IdfTable::parse(text)
    }

    /// Parses `word idf` lines as jieba-rs does: a line that is not two such fields is
    /// skipped, and a word given twice keeps its last value.
    fn parse(text: &str) -> IdfTable {
        let mut entries: Vec<(&str, f64)> = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.split_whitespace();
                let word = parts.next()?;
                let idf = parts.next()?.parse::<f64>().ok()?;
                Some((word, idf))
            })
            .collect();
        let mut values: Vec<f64> = entries.iter().map(|&(_, idf)| idf).collect();
        let median = if values.is_empty() {
            0.0
        } else {
            let mid = (values.len() - 1) / 2;
            *values.select_nth_unstable_by(mid, f64::total_cmp).1
        };
        // Stable: of a word's entries, the last read stays last, and is the one kept. The
        // embedded file is sorted already (a test checks it), which makes this one pass: the
        // table loads in a quarter of the time, and no longer after jieba's dictionary.
        entries.sort_by(|a, b| a.0.cmp(b.0));
        let mut table = IdfTable {
            words: String::new(),
            ends: Vec::with_capacity(entries.len()),
            idf: Vec::with_capacity(entries.len()),
            median,
        };
        for (i, &(word, idf)) in entries.iter().enumerate() {
            if entries.get(i + 1).is_some_and(|next| next.0 == word) {
                continue;
            }
            table.words.push_str(word);
            table.ends.push(u32::try_from(table.words.len()).expect("the IDF table is under 4 GiB"));
            table.idf.push(idf);
        }
        table.words.shrink_to_fit();
        table
    }

    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.words[start..self.ends[i] as usize]
    }

    /// The IDF of a word, the median for a word the table lacks.
    pub fn idf(&self, word: &str) -> f64 {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let mid = (low + high) / 2;
            match self.word(mid).cmp(word) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return self.idf[mid],
            }
        }
        self.median
    }

    /// The `top` key terms of a text among words tagged with one of `tags`, most
    /// characteristic first: term frequency times IDF, over the text's keyword count; ties go
    /// to the word that sorts first.
    pub fn key_terms(&self, jieba: &Jieba, text: &str, hmm: bool, tags: &[&str], top: usize) -> Vec<KeyTerm> {
        let mut term_freq: FxHashMap<&str, u64> = FxHashMap::default();
        for t in jieba.tag(text, hmm) {
            if tags.contains(&t.tag) && is_keyword(t.word) {
                *term_freq.entry(t.word).or_insert(0) += 1;
            }
        }
        let total: u64 = term_freq.values().sum();
        let mut terms: Vec<KeyTerm> = term_freq
            .into_iter()
            .map(|(word, tf)| KeyTerm { term: word.to_string(), weight: tf as f64 * self.idf(word) / total as f64 })
            .collect();
        terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
        terms.truncate(top);
        terms
    }
}

/// jieba-rs's keyword test: two characters or more, and not a stop word (nor, with capitals,
/// one in lower case).
fn is_keyword(word: &str) -> bool {
    let stop = |w: &str| DEFAULT_STOP_WORDS.contains(w);
    word.chars().count() >= MIN_KEYWORD_CHARS
        && !stop(word)
        && (!word.chars().any(char::is_uppercase) || !stop(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_given_twice_keeps_its_last_value_and_the_median_counts_both() {
        let table = IdfTable::parse("甲 1.0\n乙 5.0\n甲 3.0\n不是一行\n丙 x\n丁 2.0\n");
        assert_eq!((table.idf("甲"), table.idf("乙"), table.idf("丁")), (3.0, 5.0, 2.0));
        // Values 1, 5, 3, 2: the lower median is 2.
        assert_eq!(table.idf("戊"), 2.0);
        assert_eq!(table.ends.len(), 3);
    }

    #[test]
    fn the_embedded_file_is_sorted_by_word_so_that_loading_it_sorts_nothing() {
        let bytes = zstd::stream::decode_all(IDF_ZST).unwrap();
        let text = std::str::from_utf8(&bytes).unwrap();
        let words: Vec<&str> = text.lines().filter_map(|line| line.split_whitespace().next()).collect();
        assert!(words.len() > 250_000, "{} words", words.len());
        let unsorted = words.windows(2).position(|w| w[0] > w[1]);
        assert_eq!(unsorted, None, "out of order: {:?}", unsorted.map(|i| &words[i..i + 2]));
    }
}
