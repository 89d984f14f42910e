//! Bad input, as an operator meets it: each bad file or path is rejected with one line naming
//! it and its problem, logged in the runs log, and the run exits 1, while the good page beside
//! it is still stored. A web page with no article (an index of links, an empty page, navigation
//! only, an error page) is bad input too. Files in GB18030, or in UTF-8 with a byte-order mark and CRLF line
//! ends, are not bad input: they give the same facts as the UTF-8 page.

use std::ffi::OsString;
use std::fs;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::operator::*;

/// A bad input made in a folder: the path to give on the command line, the name its message
/// shows, and what the message must say.
struct Case {
    what: &'static str,
    path: PathBuf,
    shown: String,
    problem: &'static str,
}

fn case(what: &'static str, path: PathBuf, problem: &'static str) -> Case {
    let shown = path.file_name().unwrap().to_string_lossy().into_owned();
    Case { what, path, shown, problem }
}

/// Every kind of bad input, made in `dir`.
fn bad_inputs(dir: &Path) -> Vec<Case> {
    let sample = fs::read(SAMPLE).unwrap();
    let mut cases = Vec::new();

    let empty = dir.join("empty_2024-04-02.txt");
    fs::write(&empty, "").unwrap();
    cases.push(case("an empty file", empty, "is empty"));

    let blank = dir.join("blank_2024-04-02.txt");
    fs::write(&blank, " \r\n\n\t\n").unwrap();
    cases.push(case("a file of white space", blank, "is empty"));

    let binary = dir.join("binary_2024-04-02.txt");
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00".to_vec();
    bytes.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    fs::write(&binary, bytes).unwrap();
    cases.push(case("a binary file", binary, "is a binary file, not text"));

    let latin1 = dir.join("latin1_2024-04-02.txt");
    let text = "Le conseil municipal s'est réuni à l'hôtel de ville ; le maire a présenté le budget de l'année.";
    fs::write(&latin1, text.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>()).unwrap();
    cases.push(case("bytes neither UTF-8 nor GB18030", latin1, "is neither UTF-8 nor GB18030 text"));

    let large = dir.join("large_2024-04-02.txt");
    fs::File::create(&large).unwrap().set_len(50_000_000).unwrap();
    cases.push(case(
        "a file of 50 MB",
        large,
        "is 50000000 bytes; files of 50000000 bytes or more are rejected (raise the limit with --max-bytes)",
    ));

    let headlines = dir.join("index_2024-04-02.txt");
    fs::write(&headlines, "首页 > 新闻中心 > 本市要闻\n\n市委常委会举行会议\n来源：解放日报\n责任编辑：张三\n")
        .unwrap();
    cases.push(case("a file with no article", headlines, "holds no article"));

    let english = dir.join("english_2024-04-02.txt");
    fs::write(&english, "The city council met yesterday and approved the budget for next year.\n").unwrap();
    cases.push(case("a file with no Chinese article", english, "holds no article"));

    let truncated = dir.join("truncated_2024-04-02.txt");
    let cut = (1000..).find(|&i| sample[i] >= 0xE0).unwrap() + 1;
    fs::write(&truncated, &sample[..cut]).unwrap();
    cases.push(case(
        "a UTF-8 file cut inside a character",
        truncated,
        "is truncated: it ends inside a UTF-8 character",
    ));

    let truncated_gb = dir.join("truncated_gb_2024-04-02.txt");
    // The first 1000 characters, and the first byte of a Chinese character after them.
    let text = std::str::from_utf8(&sample).unwrap();
    let (at, han) = text.char_indices().skip(1000).find(|(_, c)| *c >= '\u{4E00}').unwrap();
    let (gb, _, _) = encoding_rs::GB18030.encode(&text[..at + han.len_utf8()]);
    fs::write(&truncated_gb, &gb[..gb.len() - 1]).unwrap();
    cases.push(case(
        "a GB18030 file cut inside a character",
        truncated_gb,
        "is truncated: it ends inside a GB18030 character",
    ));

    let empty_folder = dir.join("no_pages_here");
    fs::create_dir(&empty_folder).unwrap();
    fs::write(empty_folder.join("notes.md"), "not a page").unwrap();
    cases.push(case("a folder with no page", empty_folder, "is a folder with no *.txt or *.html file below it"));

    let index_page = dir.join("index.html");
    let links: String = (1..=30)
        .map(|i| {
            format!("<li><a href=\"/n/{i}.html\">第{i}条本市要闻的标题文字较长一些</a> 2024-04-0{}</li>", i % 9 + 1)
        })
        .collect();
    fs::write(&index_page, format!("<html><head><title>本市要闻</title></head><body><ul>{links}</ul></body></html>"))
        .unwrap();
    cases.push(case("a web page that is an index of links", index_page, "is a web page with no article"));

    let empty_page = dir.join("empty_page.html");
    fs::write(&empty_page, "<!DOCTYPE html><html><head><title>无标题文档</title></head><body></body></html>").unwrap();
    cases.push(case("a web page with no text", empty_page, "is a web page with no article: it has no text"));

    let navigation = dir.join("navigation.htm");
    fs::write(
        &navigation,
        "<html><body><div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/a\">政务公开</a> <a href=\"/b\">办事服务</a></div><div class=\"footer\">版权所有 某ICP备00000000号</div></body></html>",
    )
    .unwrap();
    cases.push(case("a web page of navigation only", navigation, "is a web page with no article"));

    let not_found = dir.join("not_found.shtml");
    fs::write(&not_found, "<html><head><title>404 页面不存在</title></head><body><h1>404</h1><p>抱歉，您访问的页面不存在或已被删除。</p><p><a href=\"/\">返回首页</a></p></body></html>").unwrap();
    cases.push(case("a web page saying 404", not_found, "is a web page with no article"));

    let missing = dir.join("missing_2024-04-02.txt");
    cases.push(case("a missing file", missing, "does not exist"));

    let under_a_file = dir.join("empty_2024-04-02.txt").join("page.txt");
    let mut under = case("a path through a file", under_a_file, "cannot read: Not a directory");
    under.shown = "empty_2024-04-02.txt/page.txt".to_string();
    cases.push(under);

    let fifo = dir.join("fifo_2024-04-02.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    cases.push(case("a named pipe", fifo, "is not a regular file"));

    let locked = dir.join("locked_2024-04-02.txt");
    fs::write(&locked, &sample).unwrap();
    fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    // Root reads a file whatever its mode: then there is nothing to test here.
    if fs::File::open(&locked).is_err() {
        cases.push(case("a file without read permission", locked, "cannot read: Permission denied"));
    } else {
        fs::remove_file(&locked).unwrap();
    }

    let (a, b) = (dir.join("loop_a_2024-04-02.txt"), dir.join("loop_b_2024-04-02.txt"));
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    cases.push(case("a symbolic-link loop", a, "is a symbolic-link loop"));

    let bad_name = dir.join(OsString::from_vec(b"page_\xff\xfe_2024-04-02.txt".to_vec()));
    fs::write(&bad_name, &sample).unwrap();
    cases.push(case("a file name that is not UTF-8", bad_name, "the file name is not valid UTF-8"));

    cases
}

#[test]
fn each_bad_input_is_rejected_with_its_message_and_exit_1_while_the_good_page_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join(format!("good_{SAMPLE_DATE}.txt"));
    fs::copy(SAMPLE, &good).unwrap();
    let cases = bad_inputs(dir.path());
    assert!(cases.len() >= 15, "{}", cases.len());
    for (i, case) in cases.iter().enumerate() {
        let db = dir.path().join(format!("{i}.db"));
        let out = ingest(&db, &[], &[case.path.as_os_str(), good.as_os_str()]);
        let log = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {log}", case.what);
        let errors: Vec<&str> = log.lines().filter(|l| l.contains("ERROR")).collect();
        assert_eq!(errors.len(), 1, "{}: {log}", case.what);
        assert!(errors[0].contains(&case.shown) && errors[0].contains(case.problem), "{}: {log}", case.what);
        assert_eq!(count(&db, "SELECT count(*) FROM pages"), 1, "{}", case.what);
        assert!(count(&db, "SELECT count(*) FROM v_attendance") > 0, "{}", case.what);
        let logged = rows(&db, "SELECT path, error FROM v_rejected_files");
        assert_eq!(logged.len(), 1, "{}: {logged:?}", case.what);
        assert!(logged[0].contains(case.problem), "{}: {logged:?}", case.what);
    }
}

#[test]
fn bad_files_in_a_folder_are_rejected_one_by_one_and_the_good_pages_stored() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let good = write_pages(&pages, 3);
    let cases: Vec<Case> = bad_inputs(&pages)
        .into_iter()
        .filter(|c| {
            c.path.parent() == Some(pages.as_path())
                && c.path.extension().is_some_and(|x| ["txt", "html", "htm", "shtml"].iter().any(|e| x == *e))
        })
        .filter(|c| c.path.symlink_metadata().is_ok())
        .collect();
    // A folder that leads back to itself.
    symlink(".", pages.join("loop")).unwrap();
    let db = dir.path().join("x.db");
    let out = ingest(&db, &[], &[&pages]);
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{log}");
    for case in &cases {
        let line = log.lines().find(|l| l.contains(&case.shown)).unwrap_or_else(|| panic!("{}: {log}", case.what));
        assert!(line.contains(case.problem), "{}: {line}", case.what);
    }
    let line = log.lines().find(|l| l.contains("pages/loop:")).unwrap_or_else(|| panic!("{log}"));
    assert!(line.contains("is a symbolic-link loop"), "{line}");
    // The cases, the other link of the loop of two files, and the folder loop.
    let rejected = cases.len() + 2;
    assert_eq!(log.lines().filter(|l| l.contains("ERROR")).count(), rejected, "{log}");
    assert_eq!(count(&db, "SELECT count(*) FROM pages"), good.len() as i64);
    assert_eq!(count(&db, "SELECT count(*) FROM v_rejected_files"), rejected as i64);
    assert_eq!(
        rows(&db, "SELECT files_ingested, files_rejected, status FROM v_ingest_runs"),
        [format!("3 | {rejected} | rejected_files")]
    );
}

#[test]
fn the_size_limit_is_raised_and_lowered_with_max_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join(format!("page_{SAMPLE_DATE}.txt"));
    fs::copy(SAMPLE, &page).unwrap();
    let size = fs::metadata(&page).unwrap().len();
    let db = dir.path().join("x.db");
    let limit = size.to_string();
    let out = ingest(&db, &["--max-bytes", &limit], &[&page]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("is {size} bytes; files of {size} bytes or more are rejected")));
    let limit = (size + 1).to_string();
    let out = ingest(&db, &["--max-bytes", &limit], &[&page]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let large = dir.path().join("large_2024-04-02.txt");
    fs::File::create(&large).unwrap().set_len(50_000_000).unwrap();
    let out = ingest(&db, &["--max-bytes", "60000000"], &[&large]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("large_2024-04-02.txt: is a binary file"), "{}", stderr(&out));
}

/// The facts of a database, view by view, ids and all: two databases that stored the same
/// page the same way print the same.
fn facts(db: &Path) -> Vec<String> {
    let mut facts = Vec::new();
    for (file, _) in readout::store::VIEWS {
        let view = file.trim_end_matches(".sql");
        if ["v_ingest_runs", "v_rejected_files", "v_replaced_pages"].contains(&view) {
            continue;
        }
        facts.extend(rows(db, &format!("SELECT '{view}', * FROM {view}")));
    }
    facts
}

#[test]
fn a_gb18030_copy_and_a_bom_crlf_copy_of_the_sample_give_the_same_facts_as_the_utf8_page() {
    let text = fs::read_to_string(SAMPLE).unwrap();
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let mut bom_crlf = b"\xEF\xBB\xBF".to_vec();
    bom_crlf.extend(text.replace('\n', "\r\n").into_bytes());
    let name = format!("sample_{SAMPLE_DATE}.txt");

    let mut results = Vec::new();
    for (form, bytes) in [("utf-8", text.as_bytes()), ("gb18030", &gb18030[..]), ("utf-8 (bom)", &bom_crlf[..])] {
        // Each copy under the same name and relative path, so that the views print the same
        // source and path for it.
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(&name), bytes).unwrap();
        let out = command().current_dir(dir.path()).args(["ingest", "--db", "x.db", &name]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{form}: {}", stderr(&out));
        let db = dir.path().join("x.db");
        assert_eq!(rows(&db, "SELECT encoding FROM pages"), [form]);
        results.push((form, facts(&db)));
    }
    let (_, utf8) = &results[0];
    assert!(utf8.iter().filter(|f| f.starts_with("v_attendance")).count() > 10, "{utf8:?}");
    assert!(utf8.iter().any(|f| f.starts_with("v_achievements")), "{utf8:?}");
    for (form, facts) in &results[1..] {
        assert_eq!(facts, utf8, "{form}");
    }
}
