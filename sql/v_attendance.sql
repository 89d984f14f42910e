-- Who chaired, attended, hosted, visited, witnessed or signed at each event, and under what
-- title? One row per person and role at an event.
DROP VIEW IF EXISTS v_attendance;
CREATE VIEW v_attendance AS
SELECT
    e.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    coalesce(t.person_name, person.name) AS person,  -- the name as printed on this page
    t.title,
    t.role,
    t.seq AS attendance_seq,
    e.event_date AS meeting_date,
    e.name AS meeting_name,
    t.person_id,
    t.paragraph_id,
    t.char_start,
    t.char_end,
    (SELECT substr(p.text, s.char_start + 1, s.char_end - s.char_start)
       FROM sentences s JOIN paragraphs p ON p.paragraph_id = s.paragraph_id
      WHERE s.paragraph_id = t.paragraph_id
        AND s.char_start <= t.char_start AND t.char_start < s.char_end) AS sentence
FROM attendance t
JOIN events e ON e.event_id = t.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id
JOIN people person ON person.person_id = t.person_id;
