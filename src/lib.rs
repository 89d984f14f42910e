//! readout: Chinese official news pages into a normalized SQLite database.
//!
//! The pipeline, one module per stage, each a pure function from one typed value to the
//! next: [`reader`] (bytes to text) → [`dewrap`] → [`segment`] → [`classify`] → [`extract`]
//! → [`store`]. [`pipeline`] chains them, one transaction per input file. See
//! `ARCHITECTURE.md` for the map.

pub mod dewrap;
pub mod diagnostics;
pub mod lexicon;
pub mod text;
pub mod segment;
pub mod classify;
pub mod extract;
pub mod reader;
pub mod cli;
pub mod cmd;
pub mod pipeline;
pub mod store;
