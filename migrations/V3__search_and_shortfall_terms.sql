-- Why: analysts search the text for names and phrases, and group admitted shortfalls by
-- theme, from any SQLite client, with no extension to load. SQLite's own tokenizers cannot
-- do the first for Chinese: unicode61 takes a whole run of Han characters for one word, and
-- trigram finds nothing shorter than three characters (a two-character name such as 龚正).
-- So readout cuts each sentence into jieba's search words when it stores a page, and keeps
-- them space-separated in search_sentences, which two standard FTS5 indexes read:
-- search_words (unicode61 over the words: any word, two characters too) and search_text
-- (trigram over the text: any substring of three characters or more). Triggers keep both
-- indexes in step with search_sentences, whose rows go with their page (ON DELETE CASCADE
-- from sentences), so a replaced page leaves nothing behind in the indexes.
--
-- shortfall_terms holds the key terms (jieba's TF-IDF keywords) of each admitted shortfall
-- item, computed when the page is stored.

CREATE TABLE search_sentences (
    search_id INTEGER PRIMARY KEY,       -- the rowid of this sentence in search_words and search_text
    paragraph_id INTEGER NOT NULL,       -- the paragraph holding the sentence
    seq INTEGER NOT NULL,                -- the sentence's seq in its paragraph
    words TEXT NOT NULL,                 -- jieba search words of the sentence, separated by one space
    text TEXT NOT NULL,                  -- the sentence, normalized: simplified characters, full-width punctuation, ASCII digits
    UNIQUE (paragraph_id, seq),
    FOREIGN KEY (paragraph_id, seq) REFERENCES sentences (paragraph_id, seq) ON DELETE CASCADE
) STRICT;

CREATE VIRTUAL TABLE search_words USING fts5 (
    words,
    content = 'search_sentences',
    content_rowid = 'search_id',
    tokenize = 'unicode61'
);

CREATE VIRTUAL TABLE search_text USING fts5 (
    text,
    content = 'search_sentences',
    content_rowid = 'search_id',
    tokenize = 'trigram'
);

CREATE TRIGGER search_sentences_insert AFTER INSERT ON search_sentences BEGIN
    INSERT INTO search_words (rowid, words) VALUES (new.search_id, new.words);
    INSERT INTO search_text (rowid, text) VALUES (new.search_id, new.text);
END;

CREATE TRIGGER search_sentences_delete AFTER DELETE ON search_sentences BEGIN
    INSERT INTO search_words (search_words, rowid, words) VALUES ('delete', old.search_id, old.words);
    INSERT INTO search_text (search_text, rowid, text) VALUES ('delete', old.search_id, old.text);
END;

CREATE TRIGGER search_sentences_update AFTER UPDATE ON search_sentences BEGIN
    INSERT INTO search_words (search_words, rowid, words) VALUES ('delete', old.search_id, old.words);
    INSERT INTO search_text (search_text, rowid, text) VALUES ('delete', old.search_id, old.text);
    INSERT INTO search_words (rowid, words) VALUES (new.search_id, new.words);
    INSERT INTO search_text (rowid, text) VALUES (new.search_id, new.text);
END;

CREATE TABLE shortfall_terms (
    shortfall_id INTEGER NOT NULL REFERENCES shortfalls (shortfall_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,                -- 1 for the item's most characteristic term
    term TEXT NOT NULL,                  -- a key term: a noun, verbal noun or fixed phrase of the item
    weight REAL NOT NULL,                -- its TF-IDF weight within the item
    PRIMARY KEY (shortfall_id, seq),
    UNIQUE (shortfall_id, term)
) STRICT;
CREATE INDEX shortfall_terms_term ON shortfall_terms (term);
