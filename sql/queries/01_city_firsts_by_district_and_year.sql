-- Which districts claimed to be first in the city (全市第一) most often, at the meetings of
-- each year? A streak (连续四年全市第一) counts once: it is one claim.
SELECT substr(meeting_date, 1, 4) AS meeting_year,
       unit,
       count(*) AS city_firsts
  FROM v_rank_claims
 WHERE unit_kind = 'district' AND rank_scope = '全市' AND rank = 1 AND rank_is_top = 0
 GROUP BY meeting_year, unit
 ORDER BY meeting_year, city_firsts DESC, unit;
