-- Which units claim to have held a rank several years in a row (连续两年全市第一), at what?
SELECT unit, ranked, rank_scope, rank, streak_years, claim
  FROM v_rank_claims
 WHERE streak_years IS NOT NULL
 ORDER BY streak_years DESC, unit, seq;
