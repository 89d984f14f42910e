-- Who claims to rank where — first in the city, second in the country — at what, for which
-- year, and how often? One row per ranked claim of a unit's report (全市第一, 全国第一,
-- 连续两年全市第一, 全市前三 …). ranked is what was ranked; the period in effect is the one
-- the claim states, else the one an earlier claim of the same unit stated in the same
-- sentence (去年…全市第一，…全市第二: both are about last year).
DROP VIEW IF EXISTS v_rank_claims;
CREATE VIEW v_rank_claims AS
WITH claims AS (
    SELECT
        x.*,
        CASE WHEN x.period IS NOT NULL AND substr(x.claim, 1, length(x.period)) = x.period
             THEN substr(x.claim, length(x.period) + 1) ELSE x.claim END AS body,
        (SELECT c.achievement_id
           FROM achievements c
          WHERE c.unit_report_id = x.unit_report_id AND c.seq <= x.seq AND c.period IS NOT NULL
            AND c.paragraph_id = x.paragraph_id
            AND c.char_start >= (SELECT s.char_start FROM sentences s
                                  WHERE s.paragraph_id = x.paragraph_id
                                    AND s.char_start <= x.char_start AND x.char_start < s.char_end)
          ORDER BY c.seq DESC
          LIMIT 1) AS period_from
    FROM (SELECT a.*, COALESCE(a.text, (SELECT substr(tp.text, a.char_start + 1, a.char_end - a.char_start) FROM paragraphs tp WHERE tp.paragraph_id = a.paragraph_id)) AS claim FROM achievements a WHERE a.rank IS NOT NULL) x
),
cut AS (
    SELECT
        claims.*,
        substr(body, 1, CASE
            WHEN streak_years IS NOT NULL AND instr(body, '连续') > 0 THEN instr(body, '连续')
            WHEN rank_scope IS NOT NULL AND instr(body, rank_scope) > 0 THEN instr(body, rank_scope)
            WHEN instr(body, '第') > 0 THEN instr(body, '第')
            WHEN instr(body, '前') > 0 THEN instr(body, '前')
            ELSE length(body) + 1 END - 1) AS head
    FROM claims
)
SELECT
    r.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    e.event_date AS meeting_date,
    r.unit,
    r.unit_kind,
    r.seq AS unit_seq,
    x.seq,
    CASE WHEN head LIKE '%位居' OR head LIKE '%位列' OR head LIKE '%排名' OR head LIKE '%名列'
         THEN substr(head, 1, length(head) - 2)
         WHEN head LIKE '%居' OR head LIKE '%列' THEN substr(head, 1, length(head) - 1)
         ELSE head END AS ranked,                -- what was ranked: the claim without its period, streak and rank
    x.rank_scope,
    x.rank,
    x.rank_is_top,
    x.streak_years,
    x.claim,                                     -- the claim as printed, without the unit's name
    x.period,
    p.period AS period_in_effect,                -- the period the claim states, else the one an earlier claim of the same unit stated in the same sentence
    p.period_start,                              -- first day of the period in effect
    p.period_end,                                -- last day of the period in effect
    CASE WHEN substr(p.period_start, 1, 4) = substr(p.period_end, 1, 4)
         THEN CAST(substr(p.period_start, 1, 4) AS INTEGER) END AS year,  -- the year the period in effect lies in; NULL when unknown or spanning years
    CASE WHEN x.streak_years IS NOT NULL AND substr(p.period_start, 1, 4) = substr(p.period_end, 1, 4)
         THEN CAST(substr(p.period_end, 1, 4) AS INTEGER) - x.streak_years + 1 END AS streak_start_year,  -- the first year of a streak (连续四年) ending in year
    x.achievement_id,
    x.paragraph_id,
    x.char_start,
    x.char_end,
    (SELECT substr(pp.text, s.char_start + 1, s.char_end - s.char_start)
       FROM sentences s JOIN paragraphs pp ON pp.paragraph_id = s.paragraph_id
      WHERE s.paragraph_id = x.paragraph_id
        AND s.char_start <= x.char_start AND x.char_start < s.char_end) AS sentence  -- the sentence the claim stands in
FROM cut x
JOIN unit_reports r ON r.unit_report_id = x.unit_report_id
JOIN events e ON e.event_id = r.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id
LEFT JOIN achievements p ON p.achievement_id = x.period_from;
