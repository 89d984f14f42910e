-- Why: the first schema. One page (input file) holds articles; an article holds paragraphs,
-- sentences, pull quotes and notes; the facts extracted from an article (events with their
-- attendance, unit reports, agreements and approved documents; statements) each point back to
-- the paragraph and character span they came from. Deleting a page deletes everything below
-- it (ON DELETE CASCADE), which is how a changed file replaces its old rows.
--
-- Character spans (char_start, char_end) count characters of paragraphs.text, 0-based, end
-- exclusive: substr(text, char_start + 1, char_end - char_start) is the evidence.

CREATE TABLE pages (
    page_id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,                -- the file's name, without its folder
    path TEXT NOT NULL UNIQUE,           -- the path as given on the command line
    content_hash TEXT NOT NULL,          -- BLAKE3 of the file's bytes
    byte_len INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    layout TEXT NOT NULL CHECK (layout IN ('wrapped', 'flattened', 'unwrapped')),
    issue_date TEXT CHECK (issue_date IS NULL OR issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    issue_date_origin TEXT NOT NULL CHECK (issue_date_origin IN ('flag', 'file_name', 'none')),
    ingested_at TEXT NOT NULL,
    readout_version TEXT NOT NULL
) STRICT;
CREATE INDEX pages_content_hash ON pages (content_hash);
CREATE INDEX pages_source ON pages (source);

CREATE TABLE articles (
    article_id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (page_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,                -- 1-based, in reading order
    kind TEXT NOT NULL CHECK (kind IN ('meeting', 'signing', 'other')),
    dateline TEXT,
    byline TEXT,
    kicker TEXT,                         -- 引题
    headline TEXT,                       -- 主题
    subtitle TEXT,                       -- 副题
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    UNIQUE (page_id, seq)
) STRICT;

CREATE TABLE reporters (
    article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,                  -- as printed: 记者, 通讯员 …
    PRIMARY KEY (article_id, seq)
) STRICT;

CREATE TABLE notes (
    article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    label TEXT NOT NULL,                 -- 来源, 原标题, 责任编辑, 作者 …
    value TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
) STRICT;

CREATE TABLE paragraphs (
    paragraph_id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,                -- 1-based within the article, subheadings included
    role TEXT NOT NULL CHECK (role IN ('body', 'subheading')),
    text TEXT NOT NULL,                  -- as printed, layout white space removed
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    UNIQUE (article_id, seq)
) STRICT;

CREATE TABLE sentences (
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('attendance', 'unit_report', 'shortfall', 'directive',
        'agreement_terms', 'document_approval', 'other')),
    PRIMARY KEY (paragraph_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE pull_quotes (
    pull_quote_id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    paragraph_id INTEGER REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,  -- where the body prints it
    char_start INTEGER,
    char_end INTEGER,
    UNIQUE (article_id, seq)
) STRICT;
CREATE INDEX pull_quotes_paragraph ON pull_quotes (paragraph_id);

CREATE TABLE people (
    person_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE            -- as printed
) STRICT;

CREATE TABLE events (
    event_id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (article_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('meeting', 'signing', 'visit')),
    name TEXT,
    event_date TEXT,                     -- resolved against the page's issue date
    date_text TEXT,                      -- as printed: 昨天, 4月1日, 近日
    time_of_day TEXT CHECK (time_of_day IN ('morning', 'noon', 'afternoon', 'evening')),
    location TEXT,
    location_text TEXT,                  -- as printed: 在沪
    chair_person_id INTEGER REFERENCES people (person_id),
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    UNIQUE (article_id, seq)
) STRICT;
CREATE INDEX events_paragraph ON events (paragraph_id);
CREATE INDEX events_chair ON events (chair_person_id);
CREATE INDEX events_date ON events (event_date);

CREATE TABLE attendance (
    event_id INTEGER NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (person_id),
    role TEXT NOT NULL CHECK (role IN ('chair', 'attendee', 'host', 'guest', 'witness', 'signer')),
    seq INTEGER NOT NULL,
    title TEXT,                          -- as printed with the name at this event
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    PRIMARY KEY (event_id, person_id, role)
) STRICT;
CREATE INDEX attendance_person ON attendance (person_id);
CREATE INDEX attendance_paragraph ON attendance (paragraph_id);

CREATE TABLE unit_reports (
    unit_report_id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,                -- speaking order
    unit TEXT NOT NULL,                  -- as the report names it
    speaker TEXT,                        -- as the list of speakers names it
    unit_kind TEXT NOT NULL CHECK (unit_kind IN ('district', 'commission', 'bureau', 'other')),
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    UNIQUE (event_id, seq)
) STRICT;
CREATE INDEX unit_reports_paragraph ON unit_reports (paragraph_id);
CREATE INDEX unit_reports_unit ON unit_reports (unit);

CREATE TABLE achievements (
    achievement_id INTEGER PRIMARY KEY,
    unit_report_id INTEGER NOT NULL REFERENCES unit_reports (unit_report_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,                  -- the clause as printed, without the unit's name
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

CREATE TABLE shortfalls (
    shortfall_id INTEGER PRIMARY KEY,
    unit_report_id INTEGER NOT NULL REFERENCES unit_reports (unit_report_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    UNIQUE (unit_report_id, seq)
) STRICT;
CREATE INDEX shortfalls_paragraph ON shortfalls (paragraph_id);

CREATE TABLE agreements (
    agreement_id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    title TEXT,
    signed_date TEXT,
    location TEXT,
    terms TEXT,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    UNIQUE (event_id, seq)
) STRICT;
CREATE INDEX agreements_paragraph ON agreements (paragraph_id);

CREATE TABLE agreement_parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements (agreement_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    party TEXT NOT NULL,
    signer_person_id INTEGER REFERENCES people (person_id),
    signer_title TEXT,
    PRIMARY KEY (agreement_id, seq)
) STRICT;
CREATE INDEX agreement_parties_signer ON agreement_parties (signer_person_id);

CREATE TABLE agreement_witnesses (
    agreement_id INTEGER NOT NULL REFERENCES agreements (agreement_id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (person_id),
    title TEXT,
    PRIMARY KEY (agreement_id, person_id)
) STRICT;
CREATE INDEX agreement_witnesses_person ON agreement_witnesses (person_id);

CREATE TABLE approved_documents (
    approved_document_id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,                 -- inside 《》, without the brackets
    decision TEXT NOT NULL,              -- as printed: 原则同意, 审议通过 …
    period_start_year INTEGER,
    period_end_year INTEGER,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    UNIQUE (event_id, seq)
) STRICT;
CREATE INDEX approved_documents_paragraph ON approved_documents (paragraph_id);

CREATE TABLE statements (
    statement_id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    speaker TEXT NOT NULL,               -- a person's name, or 会议 for the meeting itself
    person_id INTEGER REFERENCES people (person_id),
    verb TEXT NOT NULL,                  -- 指出, 强调, 要求 …
    text TEXT NOT NULL,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    UNIQUE (event_id, seq)
) STRICT;
CREATE INDEX statements_person ON statements (person_id);
CREATE INDEX statements_paragraph ON statements (paragraph_id);

CREATE TABLE diagnostics (
    diagnostic_id INTEGER PRIMARY KEY,
    page_id INTEGER NOT NULL REFERENCES pages (page_id) ON DELETE CASCADE,
    stage TEXT NOT NULL CHECK (stage IN ('read', 'dewrap', 'segment', 'classify', 'extract')),
    kind TEXT NOT NULL,
    line INTEGER,                        -- a line of the input file, when the problem is there
    article_id INTEGER REFERENCES articles (article_id) ON DELETE CASCADE,
    paragraph_id INTEGER REFERENCES paragraphs (paragraph_id) ON DELETE CASCADE,
    char_start INTEGER,
    char_end INTEGER,
    message TEXT NOT NULL
) STRICT;
CREATE INDEX diagnostics_page ON diagnostics (page_id);
CREATE INDEX diagnostics_article ON diagnostics (article_id);
CREATE INDEX diagnostics_paragraph ON diagnostics (paragraph_id);
