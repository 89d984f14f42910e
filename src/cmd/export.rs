//! `readout export`: every row of a saved view as CSV, JSON or JSON Lines, for dashboards
//! and spreadsheets.
//!
//! CSV has a header row, is UTF-8 without BOM, quotes as RFC 4180 says (fields holding a
//! comma, a double quote or a line break are quoted, quotes doubled) and ends lines with
//! CRLF; NULL is an empty field. JSON is one array of objects, JSON Lines one object per line,
//! keys in column order; NULL is `null` and numbers stay numbers. A blob is written as hex.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};

use crate::cli::{ExportArgs, ExportFormat};
use crate::store::{Cell, ExportError, RowSink, Store};

use super::{EXIT_FATAL, EXIT_OK, open_existing};

pub fn run(args: &ExportArgs) -> u8 {
    let Some(store) = open_existing(&args.db.db, args.db.busy_timeout()) else {
        return EXIT_FATAL;
    };
    let result = match &args.out {
        None => {
            let stdout = io::stdout().lock();
            export(&store, &args.view, args.format, BufWriter::new(stdout))
        }
        Some(path) => match File::create(path) {
            Ok(file) => {
                let result = export(&store, &args.view, args.format, BufWriter::new(file));
                if result.is_err() {
                    // Leave no half-written file behind for a dashboard to pick up.
                    let _ = fs::remove_file(path);
                }
                result
            }
            Err(e) => {
                tracing::error!("{}: cannot create the output file: {e}", path.display());
                return EXIT_FATAL;
            }
        },
    };
    match result {
        Ok(rows) => {
            tracing::info!(view = %args.view, rows, "exported");
            EXIT_OK
        }
        Err(ExportError::Sink(e)) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            tracing::error!("{}: {e}", args.db.db.display());
            EXIT_FATAL
        }
    }
}

/// Writes every row of `view` to `out` in `format`; returns the number of rows.
pub fn export(store: &Store, view: &str, format: ExportFormat, mut out: impl Write) -> Result<u64, ExportError> {
    let rows = match format {
        ExportFormat::Csv => {
            let mut sink =
                CsvSink { csv: csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out) };
            let rows = store.read_view(view, &mut sink)?;
            sink.csv.flush()?;
            rows
        }
        ExportFormat::Json | ExportFormat::Jsonl => {
            let mut sink = JsonSink { out: &mut out, keys: Vec::new(), rows: 0, lines: format == ExportFormat::Jsonl };
            let rows = store.read_view(view, &mut sink)?;
            sink.finish()?;
            rows
        }
    };
    out.flush()?;
    Ok(rows)
}

/// CSV: the header, then one record per row.
struct CsvSink<W: Write> {
    csv: csv::Writer<W>,
}

impl<W: Write> RowSink for CsvSink<W> {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        self.csv.write_record(columns).map_err(csv_io)
    }

    fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        self.csv.write_record(cells.iter().map(csv_field)).map_err(csv_io)
    }
}

/// The I/O error inside a CSV error, kept whole so that a closed pipe (`| head`) is seen as one.
fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// JSON (one array of objects) or JSON Lines (one object per line).
struct JsonSink<W: Write> {
    out: W,
    /// The column names, as JSON strings.
    keys: Vec<String>,
    rows: u64,
    lines: bool,
}

impl<W: Write> JsonSink<W> {
    /// Closes the array (JSON); nothing to do for JSON Lines.
    fn finish(&mut self) -> io::Result<()> {
        match (self.lines, self.rows) {
            (true, _) => Ok(()),
            (false, 0) => self.out.write_all(b"[]\n"),
            (false, _) => self.out.write_all(b"\n]\n"),
        }
    }
}

impl<W: Write> RowSink for JsonSink<W> {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        self.keys = columns.iter().map(|c| json_string(c)).collect();
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> io::Result<()> {
        let object = json_object(&self.keys, cells);
        match (self.lines, self.rows) {
            (true, _) => writeln!(self.out, "{object}")?,
            (false, 0) => write!(self.out, "[\n{object}")?,
            (false, _) => write!(self.out, ",\n{object}")?,
        }
        self.rows += 1;
        Ok(())
    }
}

/// A value as CSV text: integers in decimal, reals as SQLite prints them (`45000.0`, `0.5`),
/// NULL empty.
pub fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Null => String::new(),
        Cell::Integer(i) => i.to_string(),
        Cell::Real(f) => real(*f),
        Cell::Text(t) => t.clone(),
        Cell::Blob(b) => hex(b),
    }
}

/// A real as SQLite's text conversion writes it for the values readout stores: whole numbers
/// with `.0`, others in the shortest form that reads back to the same number.
fn real(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 { format!("{f:.1}") } else { format!("{f}") }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn json_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn json_object(keys: &[String], cells: &[Cell]) -> String {
    let fields: Vec<String> = keys
        .iter()
        .zip(cells)
        .map(|(key, cell)| {
            let value = match cell {
                Cell::Null => "null".to_string(),
                Cell::Integer(i) => i.to_string(),
                Cell::Real(f) => serde_json::Number::from_f64(*f).map_or("null".to_string(), |n| n.to_string()),
                Cell::Text(t) => json_string(t),
                Cell::Blob(b) => json_string(&hex(b)),
            };
            format!("{key}:{value}")
        })
        .collect();
    format!("{{{}}}", fields.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database with one view holding what CSV must quote: a comma, a double quote, a line
    /// break, a NULL, a number.
    fn store_with_awkward_view() -> Store {
        let store = Store::open_in_memory().unwrap();
        store
            .connection()
            .execute_batch(
                "CREATE VIEW v_awkward AS
                 SELECT 1 AS n, 'a,b' AS comma, 'say \"hi\"' AS quote, 'two' || char(10) || 'lines' AS lines,
                        NULL AS missing, 0.5 AS half, '营商环境' AS han",
            )
            .unwrap();
        store
    }

    #[test]
    fn csv_has_a_header_and_quotes_as_rfc_4180_says() {
        let store = store_with_awkward_view();
        let mut out = Vec::new();
        assert_eq!(export(&store, "v_awkward", ExportFormat::Csv, &mut out).unwrap(), 1);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "n,comma,quote,lines,missing,half,han\r\n1,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,0.5,营商环境\r\n"
        );
    }

    #[test]
    fn json_is_an_array_of_objects_and_json_lines_one_object_per_line() {
        let store = store_with_awkward_view();
        let row = r#"{"n":1,"comma":"a,b","quote":"say \"hi\"","lines":"two\nlines","missing":null,"half":0.5,"han":"营商环境"}"#;
        let mut out = Vec::new();
        export(&store, "v_awkward", ExportFormat::Json, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), format!("[\n{row}\n]\n"));
        let mut out = Vec::new();
        export(&store, "v_awkward", ExportFormat::Jsonl, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), format!("{row}\n"));
        let mut out = Vec::new();
        export(&store, "v_articles", ExportFormat::Json, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[]\n");
    }

    #[test]
    fn reals_are_written_as_sqlite_writes_them() {
        assert_eq!(csv_field(&Cell::Real(45000.0)), "45000.0");
        assert_eq!(csv_field(&Cell::Real(0.5)), "0.5");
        assert_eq!(csv_field(&Cell::Real(20000000.0)), "20000000.0");
        assert_eq!(csv_field(&Cell::Null), "");
        assert_eq!(csv_field(&Cell::Blob(vec![0, 255])), "00FF");
    }

    #[test]
    fn json_keeps_types_and_escapes_text() {
        let keys = vec![json_string("a"), json_string("b\"c"), json_string("d"), json_string("e")];
        let cells = [Cell::Integer(1), Cell::Text("x\n“y”".into()), Cell::Null, Cell::Real(0.5)];
        assert_eq!(json_object(&keys, &cells), r#"{"a":1,"b\"c":"x\n“y”","d":null,"e":0.5}"#);
    }
}
