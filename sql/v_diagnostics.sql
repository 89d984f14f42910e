-- Where was a page hard to read, and what did readout set aside or leave undecided? One row
-- per diagnostic, with the text it points at.
DROP VIEW IF EXISTS v_diagnostics;
CREATE VIEW v_diagnostics AS
SELECT
    pg.source,
    a.seq AS article_seq,
    d.stage,
    d.kind,
    d.line,
    d.message,
    CASE WHEN d.paragraph_id IS NOT NULL AND d.char_start IS NOT NULL
         THEN substr(p.text, d.char_start + 1, d.char_end - d.char_start) END AS text,
    d.paragraph_id,
    d.char_start,
    d.char_end,
    d.diagnostic_id
FROM diagnostics d
JOIN pages pg ON pg.page_id = d.page_id
LEFT JOIN articles a ON a.article_id = d.article_id
LEFT JOIN paragraphs p ON p.paragraph_id = d.paragraph_id;
