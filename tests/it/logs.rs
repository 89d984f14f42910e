//! What a run prints on standard error: readable lines by default (warnings and errors),
//! one JSON object per line with `--log-format json`, errors only with `-q`, each file with
//! `-v`; and a progress bar only on a terminal, for more than one file.

use std::fs;
use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::operator::*;

/// A folder with two good pages, a page without an issue date (a warning) and an empty file
/// (an error).
fn mixed_folder(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let pages = dir.join("pages");
    let good = write_pages(&pages, 2);
    fs::copy(SAMPLE, pages.join("undated.txt")).unwrap();
    fs::write(pages.join("empty_2024-04-02.txt"), "").unwrap();
    (pages, good)
}

#[test]
fn by_default_warnings_and_errors_are_readable_lines_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (pages, _) = mixed_folder(dir.path());
    let out = ingest(&dir.path().join("x.db"), &[], &[&pages]);
    assert_eq!(out.status.code(), Some(1));
    let log = stderr(&out);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 3, "{log}");
    assert!(lines.iter().any(|l| l.starts_with("ERROR") && l.ends_with("empty_2024-04-02.txt: is empty")), "{log}");
    assert!(lines.iter().any(|l| l.contains("WARN") && l.contains("no issue date") && l.contains("undated.txt")));
    assert!(lines.iter().any(|l| l.contains("WARN") && l.contains("1 file(s) rejected")), "{log}");
    assert!(!log.contains('{') && !log.contains('\x1b'), "{log}");
}

#[test]
fn json_logs_are_one_object_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let (pages, _) = mixed_folder(dir.path());
    let out = ingest(&dir.path().join("x.db"), &["--log-format", "json", "-v"], &[&pages]);
    assert_eq!(out.status.code(), Some(1));
    let events: Vec<serde_json::Value> =
        stderr(&out).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    let level = |e: &serde_json::Value| e["level"].as_str().unwrap().to_string();
    let message = |e: &serde_json::Value| e["fields"]["message"].as_str().unwrap().to_string();
    assert!(events.iter().all(|e| e["timestamp"].is_string()), "{events:?}");
    let error = events.iter().find(|e| level(e) == "ERROR").unwrap();
    assert!(message(error).ends_with("empty_2024-04-02.txt: is empty"), "{error}");
    let stored: Vec<_> = events.iter().filter(|e| message(e) == "stored").collect();
    assert_eq!(stored.len(), 3, "{events:?}");
    assert!(stored.iter().all(|e| e["fields"]["file"].is_string() && e["fields"]["articles"].is_u64()), "{stored:?}");
    let done = events.iter().find(|e| message(e).starts_with("done")).unwrap();
    assert_eq!((done["fields"]["stored"].as_u64(), done["fields"]["rejected"].as_u64()), (Some(3), Some(1)));
}

#[test]
fn quiet_prints_errors_only_and_verbose_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let (pages, good) = mixed_folder(dir.path());
    let out = ingest(&dir.path().join("x.db"), &["-q"], &[&pages]);
    assert_eq!(out.status.code(), Some(1));
    let log = stderr(&out);
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.starts_with("ERROR") && log.contains("empty_2024-04-02.txt: is empty"), "{log}");

    let out = ingest(&dir.path().join("x.db"), &["-v"], &[&pages]);
    assert_eq!(out.status.code(), Some(1));
    let log = stderr(&out);
    for file in &good {
        let name = file.file_name().unwrap().to_str().unwrap();
        assert!(
            log.lines().any(|l| l.contains("INFO") && l.contains("unchanged, skipped") && l.contains(name)),
            "{log}"
        );
    }
    assert!(log.lines().any(|l| l.contains("WARN") && l.contains("done, with 1 file(s) rejected")), "{log}");

    let quiet_and_clean = ingest(&dir.path().join("y.db"), &["-q"], &good);
    assert_eq!(quiet_and_clean.status.code(), Some(0));
    assert_eq!(stderr(&quiet_and_clean), "");
}

/// Runs the binary with its standard error on a new pseudo-terminal, 120 columns wide;
/// returns what it wrote there.
fn on_a_terminal(args: &[&std::ffi::OsStr]) -> String {
    let (mut controller, mut terminal) = (0, 0);
    let size = libc::winsize { ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: openpty writes two file descriptors it opened into the two integers; the name
    // and terminal settings are not asked for.
    let opened =
        unsafe { libc::openpty(&mut controller, &mut terminal, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (controller, terminal) = unsafe { (OwnedFd::from_raw_fd(controller), OwnedFd::from_raw_fd(terminal)) };
    let child = command().args(args).stdout(Stdio::null()).stderr(Stdio::from(terminal)).spawn().unwrap();
    // The terminal's last descriptor went to the child: reading stops (EIO) when it exits.
    let mut controller = fs::File::from(controller);
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    while let Ok(n @ 1..) = controller.read(&mut buffer) {
        bytes.extend_from_slice(&buffer[..n]);
    }
    let status = child.wait_with_output().unwrap().status;
    assert!(status.success(), "{status}: {}", String::from_utf8_lossy(&bytes));
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn a_progress_bar_is_drawn_on_a_terminal_for_more_than_one_file_and_never_under_cron() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_pages(&dir.path().join("pages"), 3);
    let run = |db: &str, options: &[&str], files: &[PathBuf]| {
        let db = dir.path().join(db);
        let mut args: Vec<&std::ffi::OsStr> = vec!["ingest".as_ref(), "--db".as_ref(), db.as_os_str()];
        args.extend(options.iter().map(std::ffi::OsStr::new));
        args.extend(files.iter().map(|f| f.as_os_str()));
        on_a_terminal(&args)
    };

    let terminal = run("x.db", &[], &files);
    assert!(terminal.contains("/3 files"), "{terminal:?}");
    let one = run("one.db", &[], &files[..1]);
    assert!(!one.contains("files"), "{one:?}");
    // Quiet, or JSON logs: no bar.
    let quiet = run("quiet.db", &["-q"], &files);
    assert!(!quiet.contains("files"), "{quiet:?}");
    let json = run("json.db", &["--log-format", "json"], &files);
    assert!(!json.contains("files"), "{json:?}");
    // Standard error not a terminal (cron, a pipe): no bar.
    let piped = ingest(&dir.path().join("piped.db"), &[], &files);
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(stderr(&piped), "");
}
