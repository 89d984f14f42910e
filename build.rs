//! Embeds the SQL of the saved views (`sql/*.sql`) in the binary, and makes cargo rebuild
//! when a view or a migration changes: refinery embeds `migrations/` at compile time, and
//! without `rerun-if-changed` a new migration file would be silently left out.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=sql");
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut views: Vec<String> = fs::read_dir(Path::new(&root).join("sql"))
        .expect("the sql folder exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "sql"))
        .map(|path| path.file_name().expect("a file").to_string_lossy().into_owned())
        .collect();
    views.sort();
    let mut out =
        String::from("/// The saved views, `sql/*.sql`, in file name order.\npub const VIEWS: &[(&str, &str)] = &[\n");
    for name in &views {
        out.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/sql/{name}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("views.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
