-- Which meetings, signings and visits were reported, when, where and chaired by whom? One
-- row per reported event; sentence is the sentence the event was read from.
DROP VIEW IF EXISTS v_meetings;
CREATE VIEW v_meetings AS
SELECT
    e.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    e.name,
    e.event_date AS meeting_date,
    e.time_of_day,
    e.location,
    coalesce(e.chair_name, chair.name) AS chair,
    e.kind,
    e.date_text,
    e.location_text,
    pg.issue_date,
    e.paragraph_id,
    e.char_start,
    e.char_end,
    (SELECT substr(p.text, s.char_start + 1, s.char_end - s.char_start)
       FROM sentences s JOIN paragraphs p ON p.paragraph_id = s.paragraph_id
      WHERE s.paragraph_id = e.paragraph_id
        AND s.char_start <= e.char_start AND e.char_start < s.char_end) AS sentence,
    a.article_id
FROM events e
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id
LEFT JOIN people chair ON chair.person_id = e.chair_person_id;
