-- What shortfalls did each reporting unit admit (但在……上仍存不足)? One row per item of an
-- admitted shortfall.
DROP VIEW IF EXISTS v_shortfalls;
CREATE VIEW v_shortfalls AS
SELECT
    r.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    r.unit,
    r.unit_kind,
    f.seq,
    COALESCE(f.text, (SELECT substr(tp.text, f.char_start + 1, f.char_end - f.char_start) FROM paragraphs tp WHERE tp.paragraph_id = f.paragraph_id)) AS text,
    r.seq AS unit_seq,
    r.speaker,
    e.event_date AS meeting_date,
    f.shortfall_id,
    f.unit_report_id,
    f.paragraph_id,
    f.char_start,
    f.char_end,
    (SELECT substr(p.text, s.char_start + 1, s.char_end - s.char_start)
       FROM sentences s JOIN paragraphs p ON p.paragraph_id = s.paragraph_id
      WHERE s.paragraph_id = f.paragraph_id
        AND s.char_start <= f.char_start AND f.char_start < s.char_end) AS sentence
FROM shortfalls f
JOIN unit_reports r ON r.unit_report_id = f.unit_report_id
JOIN events e ON e.event_id = r.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id;
