-- Why: readout reads saved web pages as well as text files. A web page's article enters as the
-- blocks its markup gives (layout 'html'), its issue date may be the publication date the page
-- states (issue_date_origin 'page'), and the page says where it was published: its address,
-- its site's name, its title and its publication date, kept here (NULL for text files).
-- SQLite cannot change a CHECK constraint, so pages is rebuilt: copied aside, dropped, created
-- anew and filled again, with its indexes. readout applies migrations with foreign keys off, so
-- dropping pages deletes nothing below it; the guard below stops the migration otherwise.
-- page_id values are kept, so articles, diagnostics and the runs log still point at their page.

CREATE TEMP TABLE v5_foreign_keys_are_off (enforced INTEGER NOT NULL CHECK (enforced = 0));
INSERT INTO v5_foreign_keys_are_off SELECT foreign_keys FROM pragma_foreign_keys;
DROP TABLE v5_foreign_keys_are_off;

CREATE TABLE pages_v4 AS SELECT * FROM pages;
DROP TABLE pages;

CREATE TABLE pages (
    page_id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,                -- the file's name, without its folder
    path TEXT NOT NULL UNIQUE,           -- the path as given on the command line
    content_hash TEXT NOT NULL,          -- BLAKE3 of the file's bytes
    byte_len INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    layout TEXT NOT NULL CHECK (layout IN ('wrapped', 'flattened', 'unwrapped', 'html')),
    issue_date TEXT CHECK (issue_date IS NULL OR issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    issue_date_origin TEXT NOT NULL CHECK (issue_date_origin IN ('flag', 'file_name', 'page', 'none')),
    ingested_at TEXT NOT NULL,
    readout_version TEXT NOT NULL,
    url TEXT,                            -- a web page's address: its canonical link, or its metadata's
    site TEXT,                           -- a web page's site name, as its metadata or title gives it
    page_title TEXT,                     -- a web page's title, as its metadata gives it
    published_date TEXT CHECK (published_date IS NULL OR published_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')  -- the publication date a web page states
) STRICT;

INSERT INTO pages (page_id, source, path, content_hash, byte_len, encoding, layout, issue_date,
                   issue_date_origin, ingested_at, readout_version)
SELECT page_id, source, path, content_hash, byte_len, encoding, layout, issue_date,
       issue_date_origin, ingested_at, readout_version
FROM pages_v4;
DROP TABLE pages_v4;

CREATE INDEX pages_content_hash ON pages (content_hash);
CREATE INDEX pages_source ON pages (source);
