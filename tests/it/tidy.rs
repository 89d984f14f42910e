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

/// The top-level modules of the library that a module's code (not its tests, not its docs)
/// names through `crate::`.
fn modules_named(path: &Path, own: &str) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    let code = text.split("#[cfg(test)]").next().unwrap();
    let mut named: Vec<String> = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .flat_map(|l| l.match_indices("crate::").map(move |(i, _)| &l[i + "crate::".len()..]))
        .map(|rest| rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect::<String>())
        .filter(|m| !m.is_empty() && m != own)
        .collect();
    named.sort();
    named.dedup();
    named
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let src = root().join("src");
    let mut graph: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for path in files(&src, "rs") {
        let rel = path.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let name = rel.file_name().unwrap().to_string_lossy();
        if ["lib", "main", "bin", "test_pages"].contains(&top.as_str()) || name == "tests.rs" {
            continue;
        }
        let named = modules_named(&path, &top);
        graph.entry(top).or_default().extend(named);
    }
    // A path from each module back to itself is a cycle.
    for start in graph.keys() {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack: Vec<Vec<String>> = vec![vec![start.clone()]];
        while let Some(path) = stack.pop() {
            for next in graph.get(path.last().unwrap()).into_iter().flatten() {
                assert!(next != start, "an import cycle: {} -> {next}", path.join(" -> "));
                if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push(longer);
                }
            }
        }
    }
}
