-- Which achievements state a figure — how much of what, how exact — unit by unit?
SELECT unit, value, measure, qualifier, text
  FROM v_achievements
 WHERE value IS NOT NULL
 ORDER BY meeting_id, unit_seq, seq;
