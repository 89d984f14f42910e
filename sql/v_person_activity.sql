-- Who was active, how often, in which roles and under which titles, and from when to
-- when? One row per person named at an event: the events they took part in (chaired,
-- attended, hosted, visited, witnessed, signed or spoke at), their roles, the titles
-- printed with their name, and the first and last dates seen.
DROP VIEW IF EXISTS v_person_activity;
CREATE VIEW v_person_activity AS
WITH seen AS (
    SELECT t.person_id, t.event_id, t.role, t.title FROM attendance t
    UNION ALL
    SELECT st.person_id, st.event_id, 'speaker', NULL FROM statements st WHERE st.person_id IS NOT NULL
)
SELECT
    person.name AS person,
    count(DISTINCT seen.event_id) AS events,   -- events the person took part in, in any role
    (SELECT count(DISTINCT t.event_id) FROM attendance t
      WHERE t.person_id = person.person_id AND t.role = 'chair') AS chaired,     -- events chaired (主持)
    (SELECT count(DISTINCT t.event_id) FROM attendance t
      WHERE t.person_id = person.person_id AND t.role = 'attendee') AS attended, -- events attended (出席, 参加)
    (SELECT count(DISTINCT t.event_id) FROM attendance t
      WHERE t.person_id = person.person_id AND t.role = 'host') AS hosted,       -- visitors received as host (会见)
    (SELECT count(DISTINCT t.event_id) FROM attendance t
      WHERE t.person_id = person.person_id AND t.role = 'guest') AS visited,     -- visits paid as the guest received (…一行)
    (SELECT count(DISTINCT t.event_id) FROM attendance t
      WHERE t.person_id = person.person_id AND t.role = 'witness') AS witnessed, -- signings witnessed (见证签约)
    (SELECT count(DISTINCT t.event_id) FROM attendance t
      WHERE t.person_id = person.person_id AND t.role = 'signer') AS signed,     -- agreements signed (代表…签约)
    (SELECT count(*) FROM statements st WHERE st.person_id = person.person_id) AS statements,  -- statements made (指出, 强调 …)
    (SELECT group_concat(role, ', ')
       FROM (SELECT DISTINCT t.role FROM attendance t
              WHERE t.person_id = person.person_id ORDER BY t.role)) AS roles,  -- the distinct attendance roles, comma-separated, in alphabetical order
    (SELECT group_concat(title, '；')
       FROM (SELECT DISTINCT t.title FROM attendance t
              WHERE t.person_id = person.person_id AND t.title IS NOT NULL ORDER BY t.title)) AS titles,  -- the distinct titles printed with the name, separated by ；
    min(e.event_date) AS first_date,           -- date of the first event seen
    max(e.event_date) AS last_date,            -- date of the last event seen
    person.person_id
FROM people person
JOIN seen ON seen.person_id = person.person_id
JOIN events e ON e.event_id = seen.event_id
GROUP BY person.person_id;
