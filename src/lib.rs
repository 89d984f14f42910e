//! readout: Chinese official news pages into a normalized SQLite database.
//!
//! The pipeline, one module per stage, each a pure function from one typed value to the
//! next: [`reader`] (bytes to text) → [`dewrap`] → [`segment`] → [`classify`] → [`extract`]
//! → [`index`] → [`store`]. [`pipeline`] chains them, each input file stored all or nothing,
//! and [`parallel`] runs them on every core, committing files in batches. See `ARCHITECTURE.md` for the map.

pub mod classify;
pub mod cli;
pub mod cmd;
pub mod dewrap;
pub mod diagnostics;
pub mod extract;
pub mod file_list;
pub mod index;
pub mod lexicon;
pub mod page;
pub mod parallel;
pub mod pipeline;
pub mod progress;
pub mod reader;
pub mod segment;
pub mod store;
pub mod text;
pub mod web;

#[cfg(test)]
mod test_pages;
