//! Saved web pages as input: the project's own pages laid out as common kinds of site
//! (`tests/corpus/web/`: a government portal with the guideline meta tags, a newspaper site
//! with JSON-LD, an e-paper article page, a GBK page with `<br>` paragraphs, a page set in
//! layout tables, a page with an image caption and related links inside its article) give the
//! same facts as the same text given as a `.txt` file, score as well against the same gold,
//! and take their issue date, address and title from what the page states.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Deserialize;

use crate::common::score::{self, Gold};
use crate::operator::*;

fn web_dir() -> PathBuf {
    Path::new(ROOT).join("tests/corpus/web")
}

/// What a web page's gold file says of the page itself.
#[derive(Debug, Deserialize)]
struct PageGold {
    url: Option<String>,
    title: String,
    issue_date: String,
    /// The corpus page whose text the web page lays out.
    text_file: String,
}

#[derive(Debug, Deserialize)]
struct WebGold {
    page: PageGold,
}

/// Each web page with its gold file's page facts, sorted.
fn web_pages() -> Vec<(PathBuf, PageGold)> {
    let mut pages: Vec<(PathBuf, PageGold)> = fs::read_dir(web_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| {
            let gold: WebGold =
                serde_json::from_str(&fs::read_to_string(p.with_extension("gold.json")).unwrap()).unwrap();
            (p, gold.page)
        })
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

/// The rows of a contract view for one source, without the columns that name the file or
/// number rows across the database.
fn view_rows(db: &Path, view: &str, columns: &str, source: &str) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let mut statement = conn.prepare(&format!("SELECT {columns} FROM {view} WHERE source = ?1")).unwrap();
    let count = statement.column_count();
    let mut rows: Vec<String> = statement
        .query_map([source], |r| {
            Ok((0..count)
                .map(|i| match r.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(x) => x.to_string(),
                    rusqlite::types::ValueRef::Real(x) => x.to_string(),
                    rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    rusqlite::types::ValueRef::Blob(_) => "BLOB".to_string(),
                })
                .collect::<Vec<_>>()
                .join(" | "))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.sort();
    rows
}

/// The facts of one source, view by view.
fn facts(db: &Path, source: &str) -> BTreeMap<&'static str, Vec<String>> {
    [
        ("v_meetings", "article_seq, name, meeting_date, time_of_day, location, chair"),
        ("v_attendance", "article_seq, person, title, role"),
        ("v_achievements", "article_seq, unit, unit_kind, seq, text, period, period_start, period_end, rank_scope, rank, streak_years, value, measure, qualifier, first_scope"),
        ("v_shortfalls", "article_seq, unit, unit_kind, seq, text"),
        ("v_agreements", "article_seq, signed_date, location, title, party, signer, signer_title"),
        ("v_approved_documents", "article_seq, title, decision, period_start_year, period_end_year"),
        ("v_articles", "article_seq, kind, dateline, headline, body, issue_date"),
    ]
    .into_iter()
    .map(|(view, columns)| (view, view_rows(db, view, columns, source)))
    .collect()
}

/// Ingests the web pages (without --issue-date) and their text files (dated by their names)
/// into two databases.
fn ingest_both(dir: &Path) -> (PathBuf, PathBuf, Vec<(PathBuf, PageGold)>) {
    let pages = web_pages();
    assert!(pages.len() >= 6, "{pages:?}");
    let (web_db, text_db) = (dir.join("web.db"), dir.join("text.db"));
    let out = ingest(&web_db, &[], &[web_dir()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let texts: Vec<PathBuf> =
        pages.iter().map(|(_, g)| Path::new(ROOT).join("tests/corpus").join(&g.text_file)).collect();
    let out = ingest(&text_db, &[], &texts);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (web_db, text_db, pages)
}

#[test]
fn each_web_page_gives_the_facts_of_the_same_text_as_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let (web_db, text_db, pages) = ingest_both(dir.path());
    for (path, gold) in &pages {
        let name = path.file_name().unwrap().to_str().unwrap();
        let web = facts(&web_db, name);
        let text = facts(&text_db, &gold.text_file);
        assert!(!text["v_meetings"].is_empty(), "{name}");
        for (view, rows) in &text {
            assert_eq!(&web[view], rows, "{name}: {view}");
        }
    }
}

#[test]
fn each_web_page_takes_its_issue_date_address_and_title_from_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let (web_db, _, pages) = ingest_both(dir.path());
    for (path, gold) in &pages {
        let name = path.file_name().unwrap().to_str().unwrap();
        let stated = view_rows(&web_db, "v_articles", "issue_date, url, page_title", name);
        let url = gold.url.as_deref().unwrap_or("NULL");
        assert_eq!(stated, [format!("{} | {url} | {}", gold.issue_date, gold.title)], "{name}");
        let origin = view_rows(&web_db, "pages", "issue_date_origin, layout, published_date", name);
        assert_eq!(origin, [format!("page | html | {}", gold.issue_date)], "{name}");
    }
}

#[test]
fn web_pages_score_within_two_hundredths_of_their_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let (web_db, text_db, pages) = ingest_both(dir.path());
    let web_golds: Vec<Gold> = pages.iter().map(|(p, _)| score::load_gold(&p.with_extension("gold.json"))).collect();
    let text_golds: Vec<Gold> = pages
        .iter()
        .map(|(_, g)| {
            score::load_gold(&Path::new(ROOT).join("tests/corpus").join(&g.text_file).with_extension("gold.json"))
        })
        .collect();
    let web = score::score(&Connection::open(&web_db).unwrap(), &web_golds);
    let text = score::score(&Connection::open(&text_db).unwrap(), &text_golds);
    assert!(
        web.overall_f1() + 0.02 >= text.overall_f1(),
        "web {:.3} text {:.3}\n{web}",
        web.overall_f1(),
        text.overall_f1()
    );
    assert!(web.field_accuracy() + 0.02 >= text.field_accuracy(), "{web}");
}

#[test]
fn a_folder_of_text_files_and_web_pages_is_ingested_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mixed");
    fs::create_dir_all(folder.join("web")).unwrap();
    let (page, gold) = &web_pages()[0];
    fs::copy(page, folder.join("web/page.HTM")).unwrap();
    let text = Path::new(ROOT).join("tests/corpus").join(&gold.text_file);
    fs::copy(&text, folder.join(&gold.text_file)).unwrap();
    // A text file that holds a web page is read as one.
    fs::copy(&web_pages()[1].0, folder.join("saved_page.txt")).unwrap();
    let db = dir.path().join("x.db");
    let out = ingest(&db, &[], &[&folder]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = view_rows(&db, "v_articles", "url IS NULL, page_title IS NULL", &gold.text_file);
    assert_eq!(rows, ["1 | 1"]);
    let conn = Connection::open(&db).unwrap();
    let layouts: Vec<String> = conn
        .prepare("SELECT source || ' ' || layout || ' ' || coalesce(url, '-') FROM pages ORDER BY source")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(layouts.len(), 3, "{layouts:?}");
    assert!(layouts.contains(&format!("page.HTM html {}", gold.url.as_deref().unwrap_or("-"))), "{layouts:?}");
    let saved = web_pages().remove(1).1;
    assert!(layouts.contains(&format!("saved_page.txt html {}", saved.url.as_deref().unwrap_or("-"))), "{layouts:?}");
}

#[test]
fn the_issue_date_flag_wins_over_the_page_and_the_page_over_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let (page, gold) = &web_pages()[0];
    let named = dir.path().join("page_2001-02-03.html");
    fs::copy(page, &named).unwrap();
    let db = dir.path().join("x.db");
    let out = ingest(&db, &["-v"], &[&named]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("issue date {} from the page's publication date", gold.issue_date)),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        view_rows(&db, "pages", "issue_date, issue_date_origin", "page_2001-02-03.html"),
        [format!("{} | page", gold.issue_date)]
    );
    let db = dir.path().join("y.db");
    let out = ingest(&db, &["--issue-date", "2020-01-02"], &[&named]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(view_rows(&db, "pages", "issue_date, issue_date_origin", "page_2001-02-03.html"), ["2020-01-02 | flag"]);
}

#[test]
fn a_charset_declaration_the_bytes_contradict_does_not_garble_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let (page, gold) = &web_pages()[0];
    let text = fs::read_to_string(page).unwrap();
    assert!(text.contains("charset=\"utf-8\"") || text.contains("charset=utf-8"), "the page declares UTF-8");
    // UTF-8 bytes under a GB2312 declaration, and GBK bytes under a UTF-8 declaration.
    let declared_gb = dir.path().join("declared_gb.html");
    fs::write(&declared_gb, text.replace("charset=\"utf-8\"", "charset=\"gb2312\"")).unwrap();
    let gbk = dir.path().join("gbk_bytes.html");
    fs::write(&gbk, encoding_rs::GBK.encode(&text).0).unwrap();
    let db = dir.path().join("x.db");
    let out = ingest(&db, &[], &[&declared_gb, &gbk]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["declared_gb.html", "gbk_bytes.html"] {
        assert_eq!(view_rows(&db, "v_articles", "headline", name), std::slice::from_ref(&gold.title), "{name}");
        let body = view_rows(&db, "v_articles", "body", name).concat();
        assert!(!body.contains('\u{FFFD}') && body.contains("会议"), "{name}: {body}");
    }
}
