//! Undersigned's core: the domain of joint sign-on letters, the SQLite
//! store, and the headline figures ("76 groups and individuals from 22
//! countries").
//!
//! Every front end (the `undersigned` command line, the desktop app) calls
//! this library and nothing else. It knows nothing of Tauri, JSON transport
//! or terminals. See `ARCHITECTURE.md` for the map.

pub mod country;
pub mod demo;
pub mod error;
pub mod export;
pub mod intake;
pub mod model;
pub mod normalize;
pub mod store;
pub mod tally;

pub use error::{Error, Result};
pub use store::Store;
