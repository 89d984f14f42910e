-- Who chaired which meetings, and when?
SELECT chair, name AS meeting, meeting_date
  FROM v_meetings
 WHERE chair IS NOT NULL
 ORDER BY meeting_date, chair, meeting;
