-- How did each unit present itself at each meeting: how many achievements, ranked claims,
-- first places, first-of-kind claims, streaks and figures did it claim, and how many
-- shortfalls did it admit? One row per unit report (a unit speaking at a meeting).
DROP VIEW IF EXISTS v_unit_scorecard;
CREATE VIEW v_unit_scorecard AS
SELECT
    r.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    e.name AS meeting_name,
    e.event_date AS meeting_date,
    r.unit,
    r.unit_kind,
    r.seq AS unit_seq,
    r.speaker,
    (SELECT count(*) FROM achievements x WHERE x.unit_report_id = r.unit_report_id) AS achievements,  -- achievements claimed
    (SELECT count(*) FROM achievements x WHERE x.unit_report_id = r.unit_report_id
        AND x.rank IS NOT NULL) AS ranked_claims,               -- claims of a rank (全市第二, 全国前三 …)
    (SELECT count(*) FROM achievements x WHERE x.unit_report_id = r.unit_report_id
        AND x.rank = 1 AND x.rank_is_top = 0) AS first_places,  -- first places, in any scope
    (SELECT count(*) FROM achievements x WHERE x.unit_report_id = r.unit_report_id
        AND x.rank = 1 AND x.rank_is_top = 0 AND x.rank_scope = '全市') AS city_first_places,  -- 全市第一 claims
    (SELECT count(*) FROM achievements x WHERE x.unit_report_id = r.unit_report_id
        AND x.rank = 1 AND x.rank_is_top = 0 AND x.rank_scope = '全国') AS national_first_places,  -- 全国第一 claims
    (SELECT count(*) FROM achievements x WHERE x.unit_report_id = r.unit_report_id
        AND x.first_scope IS NOT NULL) AS firsts_of_kind,       -- first-of-kind claims (全国首个, 全球首条, 首创 …)
    (SELECT count(*) FROM achievements x WHERE x.unit_report_id = r.unit_report_id
        AND x.streak_years IS NOT NULL) AS streaks,             -- claims of a streak (连续四年 …)
    (SELECT count(*) FROM achievements x WHERE x.unit_report_id = r.unit_report_id
        AND x.value IS NOT NULL) AS figures,                    -- achievements stating a figure (4.5万场, 约50% …)
    (SELECT count(*) FROM shortfalls f WHERE f.unit_report_id = r.unit_report_id) AS shortfalls,  -- shortfall items admitted
    r.unit_report_id
FROM unit_reports r
JOIN events e ON e.event_id = r.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id;
