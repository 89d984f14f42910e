-- Which sentences mention 营商环境 (the business environment), with the phrase marked? (Any
-- text of three characters or more: the trigram index.)
SELECT v.source, v.article_seq, v.paragraph_seq, v.sentence_seq,
       highlight(search_text, 0, '【', '】') AS marked
  FROM search_text
  JOIN v_search v ON v.search_id = search_text.rowid
 WHERE search_text MATCH '营商环境'
 ORDER BY v.issue_date DESC, v.source, v.article_seq, v.paragraph_seq, v.sentence_seq;
