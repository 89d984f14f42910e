//! Full-text search over the stored sentences, through the same FTS5 tables an analyst
//! queries from the `sqlite3` shell or DBeaver (`search_words`, `search_text`).

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::{Store, StoreError};

/// What to look for. Both parts may be given; a sentence matching either is found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Search words that must stand in a sentence one after the other (an FTS5 phrase over
    /// `search_words`), as the query was cut; empty for none.
    pub words: Vec<String>,
    /// Text a sentence's normalized form must contain. Three characters or more are looked
    /// up in the trigram index `search_text`; shorter text is compared sentence by sentence.
    pub substring: Option<String>,
    /// At most this many sentences.
    pub limit: usize,
}

/// A sentence found, with where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub source: String,
    pub issue_date: Option<String>,
    pub article_seq: i64,
    pub headline: Option<String>,
    pub paragraph_seq: i64,
    pub sentence_seq: i64,
    /// The sentence as printed.
    pub sentence: String,
    /// The sentence normalized: same length in characters as `sentence`, so a character
    /// range found in one marks the same characters in the other.
    pub text: String,
}

/// An FTS5 phrase: the words in double quotes (a quote inside doubled), one after the other.
pub fn fts_phrase<S: AsRef<str>>(words: &[S]) -> String {
    let inner: Vec<String> = words.iter().map(|w| w.as_ref().replace('"', "\"\"")).collect();
    format!("\"{}\"", inner.join(" "))
}

impl Store {
    /// Sentences matching a query, newest issue first, then in reading order.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>, StoreError> {
        let mut conditions = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if !query.words.is_empty() {
            args.push(Value::Text(fts_phrase(&query.words)));
            conditions.push(format!(
                "v.search_id IN (SELECT rowid FROM search_words WHERE search_words MATCH ?{})",
                args.len()
            ));
        }
        if let Some(text) = query.substring.as_deref().filter(|t| !t.is_empty()) {
            if text.chars().count() >= 3 {
                args.push(Value::Text(fts_phrase(&[text])));
                conditions.push(format!(
                    "v.search_id IN (SELECT rowid FROM search_text WHERE search_text MATCH ?{})",
                    args.len()
                ));
            } else {
                args.push(Value::Text(text.to_string()));
                conditions.push(format!("instr(v.text, ?{}) > 0", args.len()));
            }
        }
        if conditions.is_empty() {
            return Ok(Vec::new());
        }
        args.push(Value::Integer(i64::try_from(query.limit).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT v.source, v.issue_date, v.article_seq, v.headline, v.paragraph_seq, v.sentence_seq, v.sentence, v.text
               FROM v_search v
              WHERE {}
              ORDER BY v.issue_date IS NULL, v.issue_date DESC, v.source, v.article_seq, v.paragraph_seq, v.sentence_seq
              LIMIT ?{}",
            conditions.join(" OR "),
            args.len()
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let hits = stmt
            .query_map(params_from_iter(args), |r| {
                Ok(SearchHit {
                    source: r.get(0)?,
                    issue_date: r.get(1)?,
                    article_seq: r.get(2)?,
                    headline: r.get(3)?,
                    paragraph_seq: r.get(4)?,
                    sentence_seq: r.get(5)?,
                    sentence: r.get(6)?,
                    text: r.get(7)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_quotes_its_words_and_doubles_quotes_inside() {
        assert_eq!(fts_phrase(&["营商", "环境"]), "\"营商 环境\"");
        assert_eq!(fts_phrase(&["say \"hi\""]), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn an_empty_query_finds_nothing() {
        let store = Store::open_in_memory().unwrap();
        assert!(store.search(&SearchQuery { limit: 10, ..SearchQuery::default() }).unwrap().is_empty());
    }
}
