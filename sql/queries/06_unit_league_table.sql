-- At each meeting, which units claimed the most first places, and how many shortfalls did
-- each admit beside them?
SELECT meeting_name, unit, first_places, ranked_claims, firsts_of_kind, achievements, shortfalls
  FROM v_unit_scorecard
 ORDER BY meeting_id, first_places DESC, achievements DESC, unit_seq;
