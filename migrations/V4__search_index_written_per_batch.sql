-- Why: a back-fill stores thousands of pages in a run, and adding each sentence to the two
-- full-text indexes from a trigger made FTS5 write its pending index to disk once per sentence
-- (a trigger's statement opens a savepoint, and FTS5 flushes at every savepoint), which took
-- most of the run. The store now adds the sentences of a whole batch of files to each index in
-- one statement, in the batch's transaction, so the indexes still never lag behind
-- search_sentences once a transaction commits. Deleting (a replaced page) stays with the
-- trigger: it is rare, and it must follow the cascade from sentences.

DROP TRIGGER search_sentences_insert;
