//! Reading a saved view row by row, for exports. Only a view the database holds can be
//! read: its name is checked against `sqlite_master` before it goes into any SQL.

use rusqlite::types::ValueRef;

use super::{Store, StoreError};

/// One value of a row, as SQLite stores it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

impl Cell {
    fn from_ref(value: ValueRef<'_>) -> Cell {
        match value {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(i) => Cell::Integer(i),
            ValueRef::Real(f) => Cell::Real(f),
            ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Cell::Blob(b.to_vec()),
        }
    }
}

/// Why a view could not be read out.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no view named `{name}`; the views are: {}", views.join(", "))]
    NoSuchView { name: String, views: Vec<String> },
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The sink the rows went to failed (a full disk, a closed pipe).
    #[error("{0}")]
    Sink(#[from] std::io::Error),
}

impl From<rusqlite::Error> for ExportError {
    fn from(e: rusqlite::Error) -> Self {
        ExportError::Store(StoreError::Sqlite(e))
    }
}

/// Where the rows of a view go: first its column names, then each row.
pub trait RowSink {
    fn header(&mut self, columns: &[String]) -> std::io::Result<()>;
    fn row(&mut self, cells: &[Cell]) -> std::io::Result<()>;
}

impl Store {
    /// The names of the views the database holds, in alphabetical order.
    pub fn view_names(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")?;
        let names = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
        Ok(names)
    }

    /// Reads every row of a view into `sink`, in the order SQLite returns them; returns the
    /// number of rows.
    pub fn read_view(&self, name: &str, sink: &mut impl RowSink) -> Result<u64, ExportError> {
        let views = self.view_names()?;
        let Some(view) = views.iter().find(|v| v.as_str() == name) else {
            return Err(ExportError::NoSuchView { name: name.to_string(), views });
        };
        // The name is one the database gave, quoted all the same.
        let mut stmt = self.conn.prepare(&format!("SELECT * FROM \"{}\"", view.replace('"', "\"\"")))?;
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        sink.header(&columns)?;
        let mut rows = stmt.query([])?;
        let mut cells = Vec::with_capacity(columns.len());
        let mut count = 0;
        while let Some(r) = rows.next()? {
            cells.clear();
            for i in 0..columns.len() {
                cells.push(Cell::from_ref(r.get_ref(i)?));
            }
            sink.row(&cells)?;
            count += 1;
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        columns: Vec<String>,
        rows: Vec<Vec<Cell>>,
    }

    impl RowSink for Collect {
        fn header(&mut self, columns: &[String]) -> std::io::Result<()> {
            self.columns = columns.to_vec();
            Ok(())
        }
        fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
            self.rows.push(cells.to_vec());
            Ok(())
        }
    }

    #[test]
    fn only_a_view_the_database_holds_can_be_read() {
        let store = Store::open_in_memory().unwrap();
        for name in ["pages", "v_articles; DROP TABLE pages", "sqlite_master", "\"v_articles\"", "V_ARTICLES"] {
            let err = store.read_view(name, &mut Collect::default()).unwrap_err();
            assert!(matches!(err, ExportError::NoSuchView { .. }), "{name}: {err}");
        }
        let mut sink = Collect::default();
        assert_eq!(store.read_view("v_articles", &mut sink).unwrap(), 0);
        assert_eq!(sink.columns[0], "source");
        let tables: i64 = store
            .connection()
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'pages'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(tables, 1);
    }
}
