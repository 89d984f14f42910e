-- What did each leader (or the meeting itself) say: 指出, 强调, 要求 …? One row per
-- statement, with its full text.
DROP VIEW IF EXISTS v_statements;
CREATE VIEW v_statements AS
SELECT
    st.event_id AS meeting_id,
    pg.source,
    a.seq AS article_seq,
    st.speaker,
    st.verb,
    COALESCE(st.text, (SELECT substr(tp.text, st.text_start + 1, st.char_end - st.text_start) FROM paragraphs tp WHERE tp.paragraph_id = st.paragraph_id)) AS text,
    st.seq AS statement_seq,
    e.event_date AS meeting_date,
    st.person_id,
    st.paragraph_id,
    st.char_start,
    st.char_end
FROM statements st
JOIN events e ON e.event_id = st.event_id
JOIN articles a ON a.article_id = e.article_id
JOIN pages pg ON pg.page_id = a.page_id;
