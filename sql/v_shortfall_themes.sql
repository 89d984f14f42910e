-- Which themes recur in the shortfalls units admit (但在……上仍存不足), and which units admit
-- each? One row per key term (a jieba TF-IDF keyword of a shortfall item): how many items
-- and units share it, which units and items they are, over which meetings and dates.
DROP VIEW IF EXISTS v_shortfall_themes;
CREATE VIEW v_shortfall_themes AS
WITH items AS (
    SELECT t.term, t.weight, f.shortfall_id,
           COALESCE(f.text, (SELECT substr(tp.text, f.char_start + 1, f.char_end - f.char_start) FROM paragraphs tp WHERE tp.paragraph_id = f.paragraph_id)) AS text,
           r.unit, r.unit_report_id, r.event_id, e.event_date
    FROM shortfall_terms t
    JOIN shortfalls f ON f.shortfall_id = t.shortfall_id
    JOIN unit_reports r ON r.unit_report_id = f.unit_report_id
    JOIN events e ON e.event_id = r.event_id
),
unit_lists AS (
    SELECT term, group_concat(unit, '、') AS unit_list
    FROM (SELECT term, unit, min(unit_report_id) AS first_report FROM items
           GROUP BY term, unit ORDER BY term, first_report)
    GROUP BY term
),
item_lists AS (
    SELECT term, group_concat(text, '；') AS item_list
    FROM (SELECT term, text FROM items ORDER BY term, shortfall_id)
    GROUP BY term
)
SELECT
    i.term,                                    -- the key term
    count(DISTINCT i.unit) AS units,           -- units admitting an item with this term
    count(*) AS items,                         -- shortfall items with this term
    count(DISTINCT i.event_id) AS meetings,    -- meetings at which such an item was admitted
    u.unit_list,                               -- the units, separated by 、, in the order they first admitted it
    l.item_list,                               -- the items, separated by ；, in the order they were admitted
    min(i.event_date) AS first_date,           -- date of the first meeting at which it was admitted
    max(i.event_date) AS last_date,            -- date of the last meeting at which it was admitted
    round(sum(i.weight), 4) AS weight          -- the term's TF-IDF weights summed over its items: how characteristic it is
FROM items i
JOIN unit_lists u ON u.term = i.term
JOIN item_lists l ON l.term = i.term
GROUP BY i.term;
