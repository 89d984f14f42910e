-- Why: the database was seven to eight times the text it holds, and much of it was the same
-- text stored again: each sentence's normalized text beside its paragraph, and each
-- statement's, achievement's and shortfall's clause beside the paragraph it is a span of. Every
-- row written twice also cost the one writer its time. Now each text is stored once:
--
-- - A sentence's row is its search row: `sentences` has the `search_id` (the rowid of the
--   sentence in both full-text indexes), its jieba search words and, only where it differs
--   from the printed sentence, its normalized text. `search_sentences` becomes a view giving
--   every sentence's words and normalized text, which `search_words` and `search_text` read
--   as their external content.
-- - A statement keeps where its said text starts (`text_start`); an achievement and a
--   shortfall item keep their span. The text column holds a value only where it is not the
--   paragraph's characters over that span, and the views give the text either way.
-- - Key terms are one table keyed by (shortfall_id, seq), without a rowid of their own.
--
-- Deleting a paragraph (with its page or article) takes its sentences out of both indexes
-- first, while their text can still be read; a sentence deleted alone does the same. The text
-- an index holds must not change under it: updating a paragraph's text or a sentence's span,
-- words or normalized text is refused.
--
-- readout applies migrations with foreign keys off, so dropping and re-creating the tables
-- below deletes nothing below them; the guard stops the migration otherwise. Row ids are kept.

CREATE TEMP TABLE v8_foreign_keys_are_off (enforced INTEGER NOT NULL CHECK (enforced = 0));
INSERT INTO v8_foreign_keys_are_off SELECT foreign_keys FROM pragma_foreign_keys;
DROP TABLE v8_foreign_keys_are_off;

-- Sentences, with their search ids and normalized text where it differs.
CREATE TABLE sentences_v7 AS
SELECT s.paragraph_id, s.seq, s.char_start, s.char_end, s.role, ss.search_id, ss.words,
       CASE WHEN ss.text IS NOT substr(p.text, s.char_start + 1, s.char_end - s.char_start) THEN ss.text END AS normalized
  FROM sentences s
  JOIN search_sentences ss ON ss.paragraph_id = s.paragraph_id AND ss.seq = s.seq
  JOIN paragraphs p ON p.paragraph_id = s.paragraph_id;

DROP TABLE search_words;
DROP TABLE search_text;
DROP TABLE search_sentences;
DROP TABLE sentences;

CREATE TABLE sentences (
    search_id INTEGER PRIMARY KEY,       -- the rowid of the sentence in search_words and search_text
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('attendance', 'unit_report', 'shortfall', 'directive',
        'agreement_terms', 'document_approval', 'other')),
    words TEXT NOT NULL,                 -- jieba search words of the sentence, separated by one space
    normalized TEXT,                     -- the sentence normalized, where that is not the sentence as printed
    UNIQUE (paragraph_id, seq)
) STRICT;

INSERT INTO sentences (search_id, paragraph_id, seq, char_start, char_end, role, words, normalized)
SELECT search_id, paragraph_id, seq, char_start, char_end, role, words, normalized FROM sentences_v7;
DROP TABLE sentences_v7;

-- Every sentence's search words and normalized text: what the full-text indexes hold.
CREATE VIEW search_sentences AS
SELECT s.search_id,
       s.paragraph_id,
       s.seq,
       s.words,
       COALESCE(s.normalized, substr(p.text, s.char_start + 1, s.char_end - s.char_start)) AS text
  FROM sentences s
  JOIN paragraphs p ON p.paragraph_id = s.paragraph_id;

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

INSERT INTO search_words (search_words, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_text (search_text, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_words (search_words) VALUES ('rebuild');
INSERT INTO search_text (search_text) VALUES ('rebuild');

CREATE TRIGGER paragraphs_leave_search BEFORE DELETE ON paragraphs BEGIN
    INSERT INTO search_words (search_words, rowid, words)
    SELECT 'delete', search_id, words FROM search_sentences WHERE paragraph_id = old.paragraph_id;
    INSERT INTO search_text (search_text, rowid, text)
    SELECT 'delete', search_id, text FROM search_sentences WHERE paragraph_id = old.paragraph_id;
END;

-- A sentence deleted alone (its paragraph kept): in a paragraph's delete, the paragraph's
-- trigger has taken its sentences out already, and the paragraph is gone when they follow it.
CREATE TRIGGER sentences_leave_search BEFORE DELETE ON sentences
WHEN EXISTS (SELECT 1 FROM paragraphs WHERE paragraph_id = old.paragraph_id) BEGIN
    INSERT INTO search_words (search_words, rowid, words) VALUES ('delete', old.search_id, old.words);
    INSERT INTO search_text (search_text, rowid, text)
    SELECT 'delete', search_id, text FROM search_sentences WHERE search_id = old.search_id;
END;

CREATE TRIGGER paragraphs_text_is_indexed BEFORE UPDATE OF text ON paragraphs
WHEN new.text IS NOT old.text BEGIN
    SELECT RAISE(ABORT, 'a paragraph''s text is indexed by search_text and cannot be changed; delete its page and ingest it again');
END;

CREATE TRIGGER sentences_text_is_indexed BEFORE UPDATE OF search_id, paragraph_id, char_start, char_end, words, normalized ON sentences
WHEN new.search_id IS NOT old.search_id OR new.paragraph_id IS NOT old.paragraph_id OR new.char_start IS NOT old.char_start
  OR new.char_end IS NOT old.char_end OR new.words IS NOT old.words OR new.normalized IS NOT old.normalized BEGIN
    SELECT RAISE(ABORT, 'a sentence''s text is indexed by search_text and cannot be changed; delete its page and ingest it again');
END;

-- Statements: where the said text starts; the text itself only where it is not the paragraph's.
CREATE TABLE statements_v7 AS
SELECT st.*,
       CASE WHEN substr(p.text, st.char_end - length(st.text) + 1, length(st.text)) = st.text
            THEN st.char_end - length(st.text) END AS text_start
  FROM statements st
  JOIN paragraphs p ON p.paragraph_id = st.paragraph_id;
DROP TABLE statements;

CREATE TABLE statements (
    statement_id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    speaker TEXT NOT NULL,               -- a person's name, or 会议 for the meeting itself
    person_id INTEGER REFERENCES people (person_id),
    verb TEXT NOT NULL,                  -- 指出, 强调, 要求 …
    text TEXT,                           -- what was said, where it is not the paragraph's characters from text_start to char_end
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text_start INTEGER,                  -- where what was said starts in the paragraph (when text is NULL)
    UNIQUE (event_id, seq),
    CHECK ((text IS NULL) <> (text_start IS NULL))
) STRICT;
CREATE INDEX statements_person ON statements (person_id);
CREATE INDEX statements_paragraph ON statements (paragraph_id);

INSERT INTO statements (statement_id, event_id, seq, speaker, person_id, verb, text, paragraph_id, char_start,
                        char_end, text_start)
SELECT statement_id, event_id, seq, speaker, person_id, verb, CASE WHEN text_start IS NULL THEN text END,
       paragraph_id, char_start, char_end, text_start
  FROM statements_v7;
DROP TABLE statements_v7;

-- Achievements and shortfall items: the clause only where it is not the paragraph's span.
CREATE TABLE achievements_v7 AS SELECT * FROM achievements;
DROP TABLE achievements;

CREATE TABLE achievements (
    achievement_id INTEGER PRIMARY KEY,
    unit_report_id INTEGER NOT NULL REFERENCES unit_reports (unit_report_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT,                           -- the clause as printed, without the unit's name, where it is not the paragraph's span
    period TEXT,                         -- as printed: 去年, 今年1-2月
    period_start TEXT,
    period_end TEXT,
    rank_scope TEXT,                     -- 全市, 全国 …
    rank INTEGER,
    rank_is_top INTEGER CHECK (rank_is_top IN (0, 1)),  -- 1 for 前三 (among the first N)
    streak_years INTEGER,
    value REAL,                          -- 万 and 亿 multiplied out
    measure TEXT,
    qualifier TEXT,                      -- 近, 约, 超 …
    first_scope TEXT,                    -- 全国 (全国首个), 首创
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    UNIQUE (unit_report_id, seq)
) STRICT;
CREATE INDEX achievements_paragraph ON achievements (paragraph_id);

INSERT INTO achievements
SELECT a.achievement_id, a.unit_report_id, a.seq,
       CASE WHEN a.text IS NOT substr(p.text, a.char_start + 1, a.char_end - a.char_start) THEN a.text END,
       a.period, a.period_start, a.period_end, a.rank_scope, a.rank, a.rank_is_top, a.streak_years, a.value,
       a.measure, a.qualifier, a.first_scope, a.paragraph_id, a.char_start, a.char_end
  FROM achievements_v7 a
  JOIN paragraphs p ON p.paragraph_id = a.paragraph_id;
DROP TABLE achievements_v7;

CREATE TABLE shortfalls_v7 AS SELECT * FROM shortfalls;
DROP TABLE shortfalls;

CREATE TABLE shortfalls (
    shortfall_id INTEGER PRIMARY KEY,
    unit_report_id INTEGER NOT NULL REFERENCES unit_reports (unit_report_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT,                           -- the item as printed, where it is not the paragraph's span
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    UNIQUE (unit_report_id, seq)
) STRICT;
CREATE INDEX shortfalls_paragraph ON shortfalls (paragraph_id);

INSERT INTO shortfalls
SELECT f.shortfall_id, f.unit_report_id, f.seq,
       CASE WHEN f.text IS NOT substr(p.text, f.char_start + 1, f.char_end - f.char_start) THEN f.text END,
       f.paragraph_id, f.char_start, f.char_end
  FROM shortfalls_v7 f
  JOIN paragraphs p ON p.paragraph_id = f.paragraph_id;
DROP TABLE shortfalls_v7;

-- Key terms: one row per term, kept in the order of their key; (shortfall_id, term) stays unique.
CREATE TABLE shortfall_terms_v7 AS SELECT * FROM shortfall_terms;
DROP TABLE shortfall_terms;

CREATE TABLE shortfall_terms (
    shortfall_id INTEGER NOT NULL REFERENCES shortfalls (shortfall_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,                -- 1 for the item's most characteristic term
    term TEXT NOT NULL,                  -- a key term: a noun, verbal noun or fixed phrase of the item
    weight REAL NOT NULL,                -- its TF-IDF weight within the item
    PRIMARY KEY (shortfall_id, seq),
    UNIQUE (shortfall_id, term)
) STRICT, WITHOUT ROWID;

INSERT INTO shortfall_terms SELECT shortfall_id, seq, term, weight FROM shortfall_terms_v7;
DROP TABLE shortfall_terms_v7;
