-- Why: a person printed in simplified and in traditional characters (龚正, 龔正) had one row
-- of `people` for each form, since people were told apart by the name as printed: counted
-- twice in v_person_activity, and joined to nothing across pages printed in the other
-- script. A person is now one row, told apart by the normalized name (simplified
-- characters, the form rules match); each fact keeps the name as its page printed it.
--
-- `norm_name` is computed by the store (the normalization is readout's, not SQL's): right
-- after this migration it fills the column for the rows it finds without one, merging the
-- rows whose names normalize alike into the first stored (their facts point to it, the name
-- each printed kept on the fact).

ALTER TABLE people ADD COLUMN norm_name TEXT;
CREATE UNIQUE INDEX people_norm_name ON people (norm_name);

-- The name as printed with each fact, from the row each fact pointed to until now.
ALTER TABLE attendance ADD COLUMN person_name TEXT;
UPDATE attendance SET person_name = (SELECT p.name FROM people p WHERE p.person_id = attendance.person_id);

ALTER TABLE events ADD COLUMN chair_name TEXT;
UPDATE events SET chair_name = (SELECT p.name FROM people p WHERE p.person_id = events.chair_person_id)
 WHERE chair_person_id IS NOT NULL;

ALTER TABLE agreement_parties ADD COLUMN signer_name TEXT;
UPDATE agreement_parties
   SET signer_name = (SELECT p.name FROM people p WHERE p.person_id = agreement_parties.signer_person_id)
 WHERE signer_person_id IS NOT NULL;

ALTER TABLE agreement_witnesses ADD COLUMN name TEXT;
UPDATE agreement_witnesses SET name = (SELECT p.name FROM people p WHERE p.person_id = agreement_witnesses.person_id);
