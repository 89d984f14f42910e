-- Why: a back-fill of years of pages is bound by the one connection that writes, and most of
-- its time went to work no reader uses. Six indexes served no view, documented query or
-- lookup of the store (who a signer or witness is, which events a person chaired, pages by
-- file name, reports by unit name, shortfall items by term are all found from the other side
-- of their join, or by a scan of a small result), yet each was written on every row. And
-- FTS5 wrote its pending index to disk whenever it held 1 MiB of it, so a batch's sentences
-- went to disk as many small segments, merged again and again: each full-text index now
-- keeps up to 16 MiB pending (FTS5's `hashsize`, kept in its `_config` table), a batch's
-- worth, and writes it once.

DROP INDEX pages_source;
DROP INDEX events_chair;
DROP INDEX unit_reports_unit;
DROP INDEX shortfall_terms_term;
DROP INDEX agreement_parties_signer;
DROP INDEX agreement_witnesses_person;

INSERT INTO search_words (search_words, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_text (search_text, rank) VALUES ('hashsize', 16777216);
