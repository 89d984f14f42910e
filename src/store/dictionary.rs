//! The meanings the SQL does not state: descriptions of tables, and of the columns whose
//! line in `migrations/` or `sql/` carries no `--` comment. One place for them, read by
//! [`Store::schema_doc`](super::Store::schema_doc); the test suite fails when a column has
//! no meaning anywhere, or when an entry here is not used.

/// Table and full-text index descriptions.
pub const OBJECTS: &[(&str, &str)] = &[];

/// Column meanings: `table.column`, `view.column`, or `*.column` for a column of that name
/// wherever nothing more specific is said.
pub const COLUMNS: &[(&str, &str)] = &[];
