-- Which units claim a first of its kind — the country's first (全国首个), the world's first
-- (全球首条), a first invention (首创) — and what was it?
SELECT unit, first_scope, text
  FROM v_achievements
 WHERE first_scope IS NOT NULL
 ORDER BY meeting_id, unit_seq, seq;
