-- With which counterparts were agreements signed, how many, by which governments, and when
-- first and last?
SELECT counterpart,
       sum(agreements) AS agreements,
       group_concat(DISTINCT government) AS governments,
       min(first_signed) AS first_signed,
       max(last_signed) AS last_signed
  FROM v_agreement_network
 GROUP BY counterpart
 ORDER BY agreements DESC, counterpart;
