-- Which stored pages were replaced because their file changed, when, and what content did
-- they hold before and after? One row per replacement, newest first; page_id is the page
-- stored now (NULL once it too has been replaced).
DROP VIEW IF EXISTS v_replaced_pages;
CREATE VIEW v_replaced_pages AS
SELECT
    f.path,
    f.logged_at AS replaced_at,
    f.run_id,
    f.replaced_content_hash AS old_content_hash,
    f.replaced_ingested_at AS old_ingested_at,
    f.content_hash AS new_content_hash,
    f.issue_date,
    f.page_id,
    f.articles
FROM ingest_files f
WHERE f.status = 'replaced'
ORDER BY f.run_id DESC, f.seq;
