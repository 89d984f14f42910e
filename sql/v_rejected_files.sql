-- Which files were rejected, by which run, why, and has each been stored since? One row per
-- rejection, newest first; stored_since is 1 when a later run stored the same path (or found
-- it unchanged), so the rows with stored_since = 0 are what still needs an operator.
DROP VIEW IF EXISTS v_rejected_files;
CREATE VIEW v_rejected_files AS
SELECT
    f.path,
    f.error,
    f.run_id,
    r.started_at AS run_started_at,
    f.logged_at,
    f.content_hash,
    EXISTS (SELECT 1 FROM ingest_files later
             WHERE later.path = f.path AND later.run_id > f.run_id AND later.status <> 'rejected') AS stored_since,  -- 1 when a later run stored the path (or found it unchanged)
    f.seq
FROM ingest_files f
JOIN ingest_runs r ON r.run_id = f.run_id
WHERE f.status = 'rejected'
ORDER BY f.run_id DESC, f.seq;
