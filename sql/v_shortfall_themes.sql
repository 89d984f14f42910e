-- Which themes recur in the shortfalls units admit (但在……上仍存不足), and which units admit
-- each? One row per key term (a jieba TF-IDF keyword of a shortfall item): how many items
-- and units share it, which units and items they are, over which meetings and dates.
DROP VIEW IF EXISTS v_shortfall_themes;
CREATE VIEW v_shortfall_themes AS
WITH items AS (
    SELECT t.term, t.weight, f.shortfall_id, f.text, r.unit, r.unit_report_id, r.event_id, e.event_date
    FROM shortfall_terms t
    JOIN shortfalls f ON f.shortfall_id = t.shortfall_id
    JOIN unit_reports r ON r.unit_report_id = f.unit_report_id
    JOIN events e ON e.event_id = r.event_id
)
SELECT
    i.term,                                    -- the key term
    count(DISTINCT i.unit) AS units,           -- units admitting an item with this term
    count(*) AS items,                         -- shortfall items with this term
    count(DISTINCT i.event_id) AS meetings,    -- meetings at which such an item was admitted
    (SELECT group_concat(unit, '、')
       FROM (SELECT j.unit FROM items j WHERE j.term = i.term
              GROUP BY j.unit ORDER BY min(j.unit_report_id))) AS unit_list,  -- the units, separated by 、, in the order they first admitted it
    (SELECT group_concat(text, '；')
       FROM (SELECT j.text FROM items j WHERE j.term = i.term
              ORDER BY j.shortfall_id)) AS item_list,  -- the items, separated by ；, in the order they were admitted
    min(i.event_date) AS first_date,           -- date of the first meeting at which it was admitted
    max(i.event_date) AS last_date,            -- date of the last meeting at which it was admitted
    round(sum(i.weight), 4) AS weight          -- the term's TF-IDF weights summed over its items: how characteristic it is
FROM items i
GROUP BY i.term;
