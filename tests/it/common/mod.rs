//! Helpers shared by the integration tests: the scorer that mirrors the contract's scoring tool.

pub mod score;
