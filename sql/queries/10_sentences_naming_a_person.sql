-- In which sentences is 龚正 named, where and when? (Any word, two characters too: the
-- search words index. Put the name to look for between the quotes.)
SELECT v.source, v.issue_date, v.article_seq, v.paragraph_seq, v.sentence_seq, v.sentence
  FROM search_words
  JOIN v_search v ON v.search_id = search_words.rowid
 WHERE search_words MATCH '龚正'
 ORDER BY v.issue_date DESC, v.source, v.article_seq, v.paragraph_seq, v.sentence_seq;
