-- Which documents did a meeting approve, with which decision, covering which years? One row
-- per approved document.
DROP VIEW IF EXISTS v_approved_documents;
CREATE VIEW v_approved_documents AS
SELECT
    d.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    d.title,
    d.decision,
    d.period_start_year,
    d.period_end_year,
    d.seq AS document_seq,
    e.name AS meeting_name,
    e.event_date AS meeting_date,
    d.approved_document_id,
    d.paragraph_id,
    d.char_start,
    d.char_end
FROM approved_documents d
JOIN events e ON e.event_id = d.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id;
