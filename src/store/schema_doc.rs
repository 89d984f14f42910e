//! The data dictionary (`docs/schema.md`), generated from the database itself: every table,
//! full-text index and view with its columns, types, keys and indexes as SQLite reports them
//! (`sqlite_master`, `PRAGMA table_xinfo`, `foreign_key_list`, `index_list`), each with its
//! meaning.
//!
//! A meaning is, in this order: the entry for the column in [`super::dictionary`] (which can
//! say more than a migration, never edited once landed, said); the `--` comment ending the
//! column's line in its `CREATE` statement (SQLite keeps the statement as written); for a view
//! column read straight from a table column, that column's meaning; a `*.column` entry of the
//! dictionary. A view's description is the question its file in `sql/` opens with.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::sync::LazyLock;

use regex::Regex;

use super::dictionary;
use super::{Store, StoreError, VIEWS};

/// The generated document, with what it could not explain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaDoc {
    pub markdown: String,
    /// `table.column` for every column without a meaning, and every object without a
    /// description.
    pub undocumented: Vec<String>,
    /// Dictionary entries no column or object used: stale.
    pub unused: Vec<String>,
}

/// A column line of `CREATE TABLE`: `name TYPE … -- meaning`.
static TABLE_COLUMN_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?:INTEGER|TEXT|REAL|BLOB|ANY)\b.*?--\s*(?P<meaning>.+?)\s*$")
        .expect("valid regex")
});
/// A line of a view's select list ending a column: `… AS name, -- meaning` or `x.name, -- meaning`.
static VIEW_COLUMN_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*,?\s*--\s*(?P<meaning>.+?)\s*$").expect("valid regex")
});

struct Column {
    name: String,
    decl: String,
    not_null: bool,
    primary_key: bool,
}

struct ForeignKey {
    from: Vec<String>,
    table: String,
    to: Vec<String>,
    on_delete: String,
}

struct Object {
    name: String,
    kind: String,
    sql: String,
}

/// Meanings already settled, `table.column` → meaning, for view columns to inherit.
type Meanings = HashMap<String, String>;

struct Writer<'d> {
    out: String,
    undocumented: Vec<String>,
    used: BTreeSet<&'d str>,
    meanings: Meanings,
}

impl Writer<'_> {
    fn dictionary(&mut self, key: &str) -> Option<String> {
        let (k, meaning) = dictionary::COLUMNS.iter().find(|(k, _)| *k == key)?;
        self.used.insert(k);
        Some(meaning.to_string())
    }

    fn object_description(&mut self, name: &str) -> String {
        match dictionary::OBJECTS.iter().find(|(k, _)| *k == name) {
            Some((k, d)) => {
                self.used.insert(k);
                d.to_string()
            }
            None => {
                self.undocumented.push(name.to_string());
                "(undocumented)".to_string()
            }
        }
    }
}

impl Store {
    /// Generates the data dictionary from this database.
    pub fn schema_doc(&self) -> Result<SchemaDoc, StoreError> {
        let conn = &self.conn;
        let objects: Vec<Object> = conn
            .prepare(
                "SELECT m.name, l.type, m.sql FROM sqlite_master m JOIN pragma_table_list l ON l.name = m.name
                  WHERE m.type IN ('table', 'view') AND l.schema = 'main' AND m.name NOT LIKE 'sqlite_%'
                  ORDER BY m.rowid",
            )?
            .query_map([], |r| Ok(Object { name: r.get(0)?, kind: r.get(1)?, sql: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        let mut w =
            Writer { out: String::new(), undocumented: Vec::new(), used: BTreeSet::new(), meanings: Meanings::new() };
        let version = self.schema_version()?;
        w.out.push_str(HEADER);
        let _ = writeln!(w.out, "Schema version (the last migration applied): {version}.\n");

        let tables: Vec<&Object> = objects.iter().filter(|o| o.kind == "table").collect();
        let virtuals: Vec<&Object> = objects.iter().filter(|o| o.kind == "virtual").collect();
        let mut views: Vec<&Object> = objects.iter().filter(|o| o.kind == "view").collect();
        views.sort_by(|a, b| a.name.cmp(&b.name));

        w.out.push_str("## Contents\n\n");
        for (title, list) in [("Tables", &tables), ("Full-text indexes", &virtuals), ("Views", &views)] {
            let names: Vec<String> = list.iter().map(|o| format!("[`{0}`](#{0})", o.name)).collect();
            let _ = writeln!(w.out, "- {title}: {}", names.join(", "));
        }
        w.out.push('\n');

        w.out.push_str("## Tables\n\n");
        for table in &tables {
            self.write_table(&mut w, table)?;
        }
        w.out.push_str("## Full-text indexes\n\n");
        w.out.push_str(FTS_NOTE);
        for table in &virtuals {
            self.write_table(&mut w, table)?;
        }
        w.out.push_str("## Views\n\n");
        for view in &views {
            self.write_view(&mut w, view)?;
        }
        let unused = dictionary::COLUMNS
            .iter()
            .chain(dictionary::OBJECTS)
            .map(|(k, _)| *k)
            .filter(|k| !w.used.contains(k))
            .map(str::to_string)
            .collect();
        let mut markdown = w.out.trim_end().to_string();
        markdown.push('\n');
        Ok(SchemaDoc { markdown, undocumented: w.undocumented, unused })
    }

    fn columns(&self, table: &str) -> Result<Vec<Column>, StoreError> {
        Ok(self
            .conn
            .prepare(
                "SELECT name, type, \"notnull\", pk FROM pragma_table_xinfo(?1) WHERE hidden IN (0, 2, 3) ORDER BY cid",
            )?
            .query_map([table], |r| {
                Ok(Column {
                    name: r.get(0)?,
                    decl: r.get(1)?,
                    not_null: r.get::<_, i64>(2)? != 0,
                    primary_key: r.get::<_, i64>(3)? != 0,
                })
            })?
            .collect::<Result<_, _>>()?)
    }

    fn foreign_keys(&self, table: &str) -> Result<Vec<ForeignKey>, StoreError> {
        let mut keys: Vec<ForeignKey> = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
        )?;
        let mut rows = stmt.query([table])?;
        let mut last_id = None;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if last_id != Some(id) {
                keys.push(ForeignKey { from: Vec::new(), table: r.get(1)?, to: Vec::new(), on_delete: r.get(4)? });
                last_id = Some(id);
            }
            let key = keys.last_mut().expect("pushed above");
            key.from.push(r.get(2)?);
            key.to.push(r.get::<_, Option<String>>(3)?.unwrap_or_default());
        }
        keys.reverse();
        Ok(keys)
    }

    /// Indexes of a table: (name, unique, columns), the automatic ones of UNIQUE and PRIMARY
    /// KEY constraints included.
    fn indexes(&self, table: &str) -> Result<Vec<(String, bool, Vec<String>)>, StoreError> {
        let list: Vec<(String, bool, String)> = self
            .conn
            .prepare("SELECT name, \"unique\", origin FROM pragma_index_list(?1) ORDER BY name")?
            .query_map([table], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for (name, unique, origin) in list {
            let columns: Vec<String> = self
                .conn
                .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?
                .query_map([&name], |r| r.get::<_, Option<String>>(0))?
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect();
            let label = match origin.as_str() {
                "pk" => "primary key".to_string(),
                "u" => "unique".to_string(),
                _ => format!("`{name}`"),
            };
            out.push((label, unique, columns));
        }
        Ok(out)
    }

    fn write_table(&self, w: &mut Writer<'_>, table: &Object) -> Result<(), StoreError> {
        let description = w.object_description(&table.name);
        let _ = writeln!(w.out, "### `{}`\n\n{description}\n", table.name);
        let comments = sql_comments(&TABLE_COLUMN_COMMENT, &table.sql);
        let foreign = self.foreign_keys(&table.name)?;
        let columns = self.columns(&table.name)?;
        w.out.push_str("| column | type | key | meaning |\n|---|---|---|---|\n");
        for c in &columns {
            let key_of = format!("{}.{}", table.name, c.name);
            let meaning = w
                .dictionary(&key_of)
                .or_else(|| comments.get(&c.name).cloned())
                .or_else(|| w.dictionary(&format!("*.{}", c.name)));
            let meaning = meaning.unwrap_or_else(|| {
                w.undocumented.push(key_of.clone());
                "(undocumented)".to_string()
            });
            w.meanings.insert(key_of, meaning.clone());
            let mut keys = Vec::new();
            if c.primary_key {
                keys.push("PK".to_string());
            }
            for fk in foreign.iter().filter(|fk| fk.from.contains(&c.name)) {
                let to = fk.from.iter().position(|f| f == &c.name).map_or("", |i| fk.to[i].as_str());
                let cascade = if fk.on_delete == "CASCADE" { ", cascade" } else { "" };
                keys.push(format!("FK → [`{0}`](#{0}).{to}{cascade}", fk.table));
            }
            let mut decl = if c.decl.is_empty() { "—".to_string() } else { c.decl.clone() };
            if c.not_null && !c.primary_key {
                decl.push_str(" NOT NULL");
            }
            let _ = writeln!(w.out, "| `{}` | {decl} | {} | {} |", c.name, keys.join("; "), cell(&meaning));
        }
        w.out.push('\n');
        if table.kind == "virtual" {
            let _ = writeln!(w.out, "Created as: `{}`\n", one_line(&table.sql));
            return Ok(());
        }
        let indexes = self.indexes(&table.name)?;
        if !indexes.is_empty() {
            let list: Vec<String> = indexes
                .iter()
                .map(|(label, unique, columns)| {
                    let unique = if *unique && label.starts_with('`') { " unique" } else { "" };
                    format!("{label}{unique} ({})", columns.join(", "))
                })
                .collect();
            let _ = writeln!(w.out, "Indexes: {}.\n", list.join("; "));
        }
        Ok(())
    }

    fn write_view(&self, w: &mut Writer<'_>, view: &Object) -> Result<(), StoreError> {
        let question = VIEWS
            .iter()
            .find(|(file, _)| file.trim_end_matches(".sql") == view.name)
            .map(|(_, sql)| opening_comment(sql))
            .filter(|q| !q.is_empty());
        let question = question.unwrap_or_else(|| w.object_description(&view.name));
        let _ = writeln!(w.out, "### `{}`\n\n{question}\n", view.name);
        let comments = sql_comments(&VIEW_COLUMN_COMMENT, &view.sql);
        let stmt = self.conn.prepare(&format!("SELECT * FROM \"{}\" LIMIT 0", view.name.replace('"', "\"\"")))?;
        w.out.push_str("| column | from | meaning |\n|---|---|---|\n");
        for c in stmt.columns_with_metadata() {
            let name = c.name().to_string();
            let origin = c.table_name().zip(c.origin_name()).map(|(t, o)| format!("{t}.{o}"));
            let key_of = format!("{}.{}", view.name, name);
            let meaning = w
                .dictionary(&key_of)
                .or_else(|| comments.get(&name).cloned())
                .or_else(|| origin.as_ref().and_then(|o| w.meanings.get(o).cloned()))
                .or_else(|| w.dictionary(&format!("*.{name}")));
            let meaning = meaning.unwrap_or_else(|| {
                w.undocumented.push(key_of);
                "(undocumented)".to_string()
            });
            let from = origin.map_or("computed".to_string(), |o| format!("`{o}`"));
            let _ = writeln!(w.out, "| `{name}` | {from} | {} |", cell(&meaning));
        }
        w.out.push('\n');
        Ok(())
    }
}

/// `name` → meaning, from the `--` comments ending lines of a `CREATE` statement.
fn sql_comments(pattern: &Regex, sql: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for line in sql.lines() {
        // A line that is only a comment explains the statement, not a column.
        if line.trim_start().starts_with("--") {
            continue;
        }
        if let Some(c) = pattern.captures(line) {
            out.entry(c["name"].to_string()).or_insert_with(|| c["meaning"].to_string());
        }
    }
    out
}

/// The `--` comment a view file opens with, as one paragraph.
fn opening_comment(sql: &str) -> String {
    sql.lines()
        .take_while(|l| l.starts_with("--"))
        .map(|l| l.trim_start_matches('-').trim())
        .collect::<Vec<_>>()
        .join(" ")
}

fn one_line(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ").replace("( ", "(").replace(" )", ")")
}

/// Text safe inside a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

const HEADER: &str = "# The readout database: data dictionary

Generated from the database itself by `readout schema-doc --out docs/schema.md`; the test
suite regenerates it and fails when this file differs, so it cannot drift from the schema.
Meanings come from `src/store/dictionary.rs` and from the comments in `migrations/` and
`sql/`.

Conventions: character spans (`char_start`, `char_end`) count characters of
`paragraphs.text`, 0-based, end exclusive; dates are ISO-8601 (`YYYY-MM-DD`); NULL means the
text does not say. Tables are STRICT; deleting a page deletes every row below it (FK … cascade).
The views are the stable interface: columns are added, never renamed or dropped.

";

const FTS_NOTE: &str = "Standard FTS5 tables, readable by any SQLite client with no extension loaded. Both index
the rows of `search_sentences` (external content: `rowid` = `search_sentences.search_id`)
and are kept in step with it by the store (every transaction ends with both holding exactly
its rows). Their shadow tables (`…_data`, `…_idx`,
`…_docsize`, `…_config`) are FTS5's own storage.

";
