//! The integration tests, built as one binary: each module runs the real `readout` binary, or
//! the library's public interface, as an operator, an analyst or a dashboard would.
//!
//! One binary links the library once; thirteen did it thirteen times, and most of a cold
//! `make test` went to linking them.

mod common;
mod operator;

mod analyst;
mod bad_input;
mod cli;
mod concurrency;
mod crash;
mod determinism;
mod fuzz;
mod incremental;
mod lexicon;
mod logs;
mod people;
mod quality;
mod schema;
mod scorer;
mod status;
mod tidy;
mod web;
