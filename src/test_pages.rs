//! The project's own pages, for tests that check a rule or a shortcut against every one.

use std::path::Path;

/// The folders of pages below the project's root: the sample page, its variants, the corpus.
pub const SAMPLE: &str = "tests/data";
pub const VARIANTS: &str = "tests/data/variants";
pub const CORPUS: &str = "tests/corpus";

/// The decoded text of every `*.txt` file in these folders (not below them).
pub fn texts(folders: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    folders
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| crate::reader::read(&p, crate::reader::DEFAULT_MAX_BYTES).unwrap().text)
        .collect()
}

/// [`texts`], normalized ([`crate::text::normalize`]).
pub fn normalized(folders: &[&str]) -> Vec<String> {
    texts(folders).iter().map(|t| crate::text::normalize(t)).collect()
}
