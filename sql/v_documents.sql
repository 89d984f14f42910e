-- Which documents did which meeting approve, of what kind, covering which years? One row
-- per approved document, with its meeting (name, date, chair) and the years it covers.
DROP VIEW IF EXISTS v_documents;
CREATE VIEW v_documents AS
SELECT
    d.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    e.name AS meeting_name,
    e.event_date AS meeting_date,
    coalesce(e.chair_name, chair.name) AS chair,                       -- who chaired the meeting
    d.seq AS document_seq,
    d.title,
    d.decision,
    CASE
        WHEN d.title LIKE '%行动方案%' THEN '行动方案'
        WHEN d.title LIKE '%实施方案%' THEN '实施方案'
        WHEN d.title LIKE '%工作方案%' THEN '工作方案'
        WHEN d.title LIKE '%方案%' THEN '方案'
        WHEN d.title LIKE '%规划%' THEN '规划'
        WHEN d.title LIKE '%计划%' THEN '计划'
        WHEN d.title LIKE '%实施意见%' THEN '实施意见'
        WHEN d.title LIKE '%意见%' THEN '意见'
        WHEN d.title LIKE '%办法%' THEN '办法'
        WHEN d.title LIKE '%条例%' THEN '条例'
        WHEN d.title LIKE '%规定%' THEN '规定'
        WHEN d.title LIKE '%决定%' THEN '决定'
        WHEN d.title LIKE '%措施%' THEN '措施'
        WHEN d.title LIKE '%报告%' THEN '报告'
    END AS document_kind,                      -- the kind its title names (行动方案, 规划, 意见, 办法 …); NULL when none
    d.period_start_year,
    d.period_end_year,
    d.period_end_year - d.period_start_year + 1 AS years_covered,  -- how many years the document covers (2024—2026 → 3)
    d.approved_document_id,
    d.paragraph_id,
    d.char_start,
    d.char_end
FROM approved_documents d
JOIN events e ON e.event_id = d.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id
LEFT JOIN people chair ON chair.person_id = e.chair_person_id;
