-- Where does a word or phrase occur? One row per sentence of every paragraph, with where it
-- stands (source, issue date, article, paragraph) and the words and normalized text the
-- full-text indexes hold for it. Join search_words (any word, two characters too) or
-- search_text (any substring of three characters or more) on search_id = rowid, and filter
-- with MATCH.
DROP VIEW IF EXISTS v_search;
CREATE VIEW v_search AS
SELECT
    s.search_id,
    pg.source,
    pg.issue_date,
    a.seq AS article_seq,
    a.headline,
    p.seq AS paragraph_seq,
    s.seq AS sentence_seq,
    substr(p.text, s.char_start + 1, s.char_end - s.char_start) AS sentence,  -- the sentence as printed
    s.words,
    COALESCE(s.normalized, substr(p.text, s.char_start + 1, s.char_end - s.char_start)) AS text,  -- the sentence normalized, as search_text holds it
    a.article_id,
    s.paragraph_id,
    s.char_start,
    s.char_end
FROM sentences s
JOIN paragraphs p ON p.paragraph_id = s.paragraph_id
JOIN articles a ON a.article_id = p.article_id
JOIN pages pg ON pg.page_id = a.page_id;
