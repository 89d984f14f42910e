-- Who took part in the most events (chaired, attended, hosted, visited, witnessed or
-- signed), and in which roles?
SELECT person, events, roles
  FROM v_person_activity
 ORDER BY events DESC, person
 LIMIT 10;
