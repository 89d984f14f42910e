-- Which shortfalls recur: which themes did more than one unit admit, and which units?
SELECT term, units, items, unit_list
  FROM v_shortfall_themes
 WHERE units > 1
 ORDER BY units DESC, items DESC, term;
