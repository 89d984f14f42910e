-- Which articles does each page hold, of what kind, under which headlines, and what does
-- each say? One row per article; body is the dewrapped body paragraphs joined by a newline,
-- without dateline, headlines, subheadings or pull quotes. For a web page, url, site and
-- page_title say where it was published (NULL for a text file).
DROP VIEW IF EXISTS v_articles;
CREATE VIEW v_articles AS
SELECT
    pg.source,
    pg.issue_date,
    a.seq AS article_seq,
    a.kind,
    a.dateline,
    a.headline,
    a.kicker,
    (SELECT group_concat(text, char(10))
       FROM (SELECT p.text FROM paragraphs p
              WHERE p.article_id = a.article_id AND p.role = 'body'
              ORDER BY p.seq)) AS body,
    a.subtitle,
    a.byline,
    a.article_id,
    pg.page_id,
    pg.path,
    pg.url,
    pg.site,
    pg.page_title
FROM articles a
JOIN pages pg ON pg.page_id = a.page_id;
