-- Who signed each agreement for each party, under which title, and who witnessed it?
SELECT title, party, signer, signer_title, witnesses
  FROM v_agreements
 ORDER BY agreement_id, party_seq;
