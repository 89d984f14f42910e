-- What did each ingest run do: when did it start and finish, which version of readout ran,
-- how many files did it see, ingest, replace, skip and reject, and did it finish? One row per
-- run, newest first. status is 'ok', 'rejected_files' (some file was rejected, the others
-- were ingested), 'stopped' (see message), or 'unfinished': still running, or killed — a
-- killed run's files_not_done were left for the next run.
DROP VIEW IF EXISTS v_ingest_runs;
CREATE VIEW v_ingest_runs AS
SELECT
    r.run_id,
    r.started_at,
    r.finished_at,
    CASE WHEN r.finished_at IS NULL THEN 'unfinished' ELSE r.outcome END AS status,  -- ok, rejected_files, stopped, or unfinished (running, or killed)
    r.readout_version,
    r.files_seen,
    r.files_ingested,
    r.files_replaced,
    r.files_skipped,
    r.files_rejected,
    r.files_seen - r.files_ingested - r.files_skipped - r.files_rejected AS files_not_done,  -- files the run did not take (it stopped or was killed)
    round((julianday(r.finished_at) - julianday(r.started_at)) * 86400.0, 1) AS seconds,  -- how long the run took; NULL while unfinished
    r.exit_status,
    r.message,
    r.pid,
    r.paths,
    r.issue_date
FROM ingest_runs r
ORDER BY r.run_id DESC;
