-- Which agreements were signed, when, where, between which parties, and who signed for
-- each? One row per party to an agreement.
DROP VIEW IF EXISTS v_agreements;
CREATE VIEW v_agreements AS
SELECT
    g.agreement_id,
    pg.source,
    a.seq AS article_seq,
    g.signed_date,
    g.location,
    g.title,
    ap.party,
    coalesce(ap.signer_name, signer.name) AS signer,
    ap.signer_title,
    ap.seq AS party_seq,
    g.terms,
    (SELECT group_concat(name, '、')
       FROM (SELECT coalesce(aw.name, w.name) AS name FROM agreement_witnesses aw JOIN people w ON w.person_id = aw.person_id
              WHERE aw.agreement_id = g.agreement_id ORDER BY 1)) AS witnesses,
    g.event_id AS meeting_id,
    g.paragraph_id,
    g.char_start,
    g.char_end
FROM agreements g
JOIN agreement_parties ap ON ap.agreement_id = g.agreement_id
JOIN events e ON e.event_id = g.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id
LEFT JOIN people signer ON signer.person_id = ap.signer_person_id;
