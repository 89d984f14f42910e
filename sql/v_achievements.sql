-- What did each reporting unit claim as achievements at a meeting: which ranks, streaks,
-- firsts and quantities, over which period? One row per claimed achievement (one clause of
-- a unit's report); sentence is the sentence the claim stands in.
DROP VIEW IF EXISTS v_achievements;
CREATE VIEW v_achievements AS
SELECT
    r.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    r.unit,
    r.unit_kind,
    x.seq,
    COALESCE(x.text, (SELECT substr(tp.text, x.char_start + 1, x.char_end - x.char_start) FROM paragraphs tp WHERE tp.paragraph_id = x.paragraph_id)) AS text,  -- the clause: the paragraph's span, unless stored apart
    x.period,
    x.period_start,
    x.period_end,
    x.rank_scope,
    x.rank,
    x.streak_years,
    x.value,
    x.measure,
    x.qualifier,
    x.first_scope,
    x.rank_is_top,
    r.seq AS unit_seq,
    r.speaker,
    e.event_date AS meeting_date,
    pg.issue_date,
    x.achievement_id,
    x.unit_report_id,
    x.paragraph_id,
    x.char_start,
    x.char_end,
    (SELECT substr(p.text, s.char_start + 1, s.char_end - s.char_start)
       FROM sentences s JOIN paragraphs p ON p.paragraph_id = s.paragraph_id
      WHERE s.paragraph_id = x.paragraph_id
        AND s.char_start <= x.char_start AND x.char_start < s.char_end) AS sentence
FROM achievements x
JOIN unit_reports r ON r.unit_report_id = x.unit_report_id
JOIN events e ON e.event_id = r.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id;
