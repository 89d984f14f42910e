//! Helpers shared by the integration tests. Each test binary compiles this module and uses
//! a part of it, so unused items are expected.
#![allow(dead_code)]

pub mod score;
