//! The core's integration tests: one binary, real database files.
//!
//! `fixture::Db` builds a database in a temporary folder; each module tests
//! one area against it. Assertions compare whole values with
//! `pretty_assertions` so a failure shows a readable diff.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cli;
mod crash;
mod disk_full;
mod export;
mod figures;
mod fixture;
mod intake;
mod lookup;
mod resilience;
mod storage;
