-- With which organizations did each government sign agreements, and in which years? One
-- row per government, counterpart and year: how many agreements, which ones, who signed
-- for each side. A party whose name ends in 政府 is a government; in an agreement without
-- one, the first party named stands in its place.
DROP VIEW IF EXISTS v_agreement_network;
CREATE VIEW v_agreement_network AS
WITH parties AS (
    SELECT
        ap.agreement_id, ap.seq, ap.party, coalesce(ap.signer_name, signer.name) AS signer, ap.signer_title, g.title, g.signed_date,
        CASE WHEN ap.party LIKE '%政府' THEN 1 ELSE 0 END AS is_government
    FROM agreement_parties ap
    JOIN agreements g ON g.agreement_id = ap.agreement_id
    LEFT JOIN people signer ON signer.person_id = ap.signer_person_id
),
sides AS (
    SELECT gov.agreement_id, gov.party AS government, gov.signer AS government_signer,
           other.party AS counterpart, other.signer AS counterpart_signer, other.title, other.signed_date
    FROM parties gov
    JOIN parties other ON other.agreement_id = gov.agreement_id AND other.seq <> gov.seq
    WHERE gov.is_government = 1
       OR (gov.seq = 1 AND NOT EXISTS (SELECT 1 FROM parties p
                                        WHERE p.agreement_id = gov.agreement_id AND p.is_government = 1))
)
SELECT
    government,                                -- the government party (…人民政府)
    counterpart,                               -- the organization it signed with
    CAST(substr(signed_date, 1, 4) AS INTEGER) AS year,  -- the year signed; NULL when the date is unknown
    count(DISTINCT agreement_id) AS agreements,  -- agreements signed between the two that year
    (SELECT group_concat(title, '；')
       FROM (SELECT DISTINCT s2.title FROM sides s2
              WHERE s2.government = s.government AND s2.counterpart = s.counterpart
                AND substr(s2.signed_date, 1, 4) IS substr(s.signed_date, 1, 4) AND s2.title IS NOT NULL
              ORDER BY s2.agreement_id)) AS titles,  -- the agreements' titles that year, separated by ；
    group_concat(DISTINCT government_signer) AS government_signers,     -- who signed for the government, comma-separated
    group_concat(DISTINCT counterpart_signer) AS counterpart_signers,   -- who signed for the counterpart, comma-separated
    min(signed_date) AS first_signed,          -- the first signing date that year
    max(signed_date) AS last_signed            -- the last signing date that year
FROM sides s
GROUP BY government, counterpart, substr(signed_date, 1, 4);
