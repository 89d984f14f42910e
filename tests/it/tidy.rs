//! House rules that are easy to forget: every source file opens with a module doc saying what
//! it is for, every migration with a comment saying why, every view with the question it
//! answers.

use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_source_file_has_a_module_doc() {
    let missing: Vec<PathBuf> = files(&root().join("src"), "rs")
        .into_iter()
        .filter(|p| !fs::read_to_string(p).unwrap().trim_start().starts_with("//!"))
        .collect();
    assert!(missing.is_empty(), "these files lack a `//!` module doc: {missing:?}");
}

#[test]
fn every_migration_says_why() {
    for path in files(&root().join("migrations"), "sql") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with('V') && name.contains("__"), "{name} is not refinery's V{{n}}__{{name}}.sql");
        assert!(fs::read_to_string(&path).unwrap().starts_with("-- Why:"), "{name} must open with `-- Why:`");
    }
}

#[test]
fn every_view_says_which_question_it_answers() {
    for path in files(&root().join("sql"), "sql").into_iter().filter(|p| p.parent().unwrap().ends_with("sql")) {
        let text = fs::read_to_string(&path).unwrap();
        let opening: String = text.lines().take_while(|l| l.starts_with("--")).collect();
        assert!(opening.contains('?'), "{} must open with a comment asking the question it answers", path.display());
    }
}
