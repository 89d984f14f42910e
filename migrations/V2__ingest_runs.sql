-- Why: readout runs unattended (cron) while others read the database, so an operator needs
-- to see what each run did without its logs: when it started and finished, which version ran,
-- and for every file it was given whether it was stored, replaced an earlier version, was
-- skipped as unchanged, or was rejected and why. A file's row is written in the same
-- transaction as the page it stored, so the log and the pages always agree, even after a
-- crash; a run that was killed keeps finished_at NULL.

CREATE TABLE ingest_runs (
    run_id INTEGER PRIMARY KEY,          -- the run's id, in the order runs started
    started_at TEXT NOT NULL,            -- when the run started, RFC 3339, UTC
    finished_at TEXT,                    -- NULL while running, or when the run was killed
    readout_version TEXT NOT NULL,       -- the version of readout that ran
    pid INTEGER NOT NULL,                -- the process, to tell a running run from a killed one
    paths TEXT NOT NULL,                 -- the paths on the command line, one per line
    issue_date TEXT,                     -- the --issue-date it was given, if any
    files_seen INTEGER NOT NULL,         -- files found under the paths, and paths that gave none
    files_ingested INTEGER NOT NULL DEFAULT 0,  -- stored, new or replacing an earlier version
    files_replaced INTEGER NOT NULL DEFAULT 0,  -- of which replaced an earlier version
    files_skipped INTEGER NOT NULL DEFAULT 0,   -- unchanged: the same content was stored already
    files_rejected INTEGER NOT NULL DEFAULT 0,  -- rejected, each with its reason in ingest_files
    outcome TEXT CHECK (outcome IN ('ok', 'rejected_files', 'stopped')),  -- how it ended; NULL until it does
    exit_status INTEGER,                 -- 0 ok, 1 some file rejected, 2 the database failed, 3 it stayed locked
    message TEXT                         -- why a stopped run stopped
) STRICT;

CREATE TABLE ingest_files (
    run_id INTEGER NOT NULL REFERENCES ingest_runs (run_id) ON DELETE CASCADE,  -- the run that took the file
    seq INTEGER NOT NULL,                -- 1-based, in the order the run took the files
    path TEXT NOT NULL,                  -- as given or found; a name that is not UTF-8 is shown lossily
    status TEXT NOT NULL CHECK (status IN ('stored', 'replaced', 'unchanged', 'rejected')),  -- what the run did with it
    error TEXT,                          -- why a rejected file was rejected
    content_hash TEXT,                   -- BLAKE3 of the bytes, when they could be read
    issue_date TEXT,                     -- the issue date the file was read with
    page_id INTEGER REFERENCES pages (page_id) ON DELETE SET NULL,  -- the page stored, or already holding it
    articles INTEGER,                    -- articles stored from the file
    replaced_content_hash TEXT,          -- for a replaced page: the content hash of the version it replaced
    replaced_ingested_at TEXT,           -- and when that version had been stored
    logged_at TEXT NOT NULL,             -- when its row was written, RFC 3339, UTC
    PRIMARY KEY (run_id, seq),
    CHECK ((status = 'rejected') = (error IS NOT NULL)),
    CHECK ((status = 'replaced') = (replaced_content_hash IS NOT NULL))
) STRICT;
CREATE INDEX ingest_files_path ON ingest_files (path);
CREATE INDEX ingest_files_page ON ingest_files (page_id);
CREATE INDEX ingest_files_status ON ingest_files (status);
