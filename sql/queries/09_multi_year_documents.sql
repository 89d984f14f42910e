-- Which approved documents cover several years, which meeting approved them, chaired by whom?
SELECT title, period_start_year, period_end_year, years_covered, meeting_name, chair, decision
  FROM v_documents
 WHERE years_covered > 1
 ORDER BY period_start_year, title;
