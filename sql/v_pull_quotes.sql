-- Which passages did the paper print a second time, larger, beside an article (pull
-- quotes), and where do they stand in its body? One row per pull quote.
DROP VIEW IF EXISTS v_pull_quotes;
CREATE VIEW v_pull_quotes AS
SELECT
    pg.source,
    a.seq AS article_seq,
    q.text,
    q.seq AS quote_seq,
    q.paragraph_id,
    q.char_start,
    q.char_end,
    a.article_id
FROM pull_quotes q
JOIN articles a ON a.article_id = q.article_id
JOIN pages pg ON pg.page_id = a.page_id;
