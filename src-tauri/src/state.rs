//! The app's state: the one open [`Store`], behind a mutex.
//!
//! The database is opened once at start-up at [`Store::default_path`] (the
//! XDG data directory on Linux, so tests point `XDG_DATA_HOME` at a temporary
//! folder). If it cannot be opened (a newer, foreign or damaged file), the app
//! still starts and every command answers with the reason, so the UI can say
//! what is wrong instead of the window never appearing.

use std::path::PathBuf;
use std::sync::Mutex;

use undersigned::Store;

use crate::error::{CmdResult, ErrorDto};

/// Held in Tauri's managed state.
pub struct AppState {
    store: Mutex<Result<Store, ErrorDto>>,
    /// Where the database is (or was meant to be).
    pub db_path: Option<PathBuf>,
}

impl AppState {
    /// Opens the database at the default path.
    pub fn open_default() -> AppState {
        match Store::default_path() {
            Ok(path) => AppState {
                store: Mutex::new(Store::open(&path).map_err(ErrorDto::from)),
                db_path: Some(path),
            },
            Err(err) => AppState {
                store: Mutex::new(Err(err.into())),
                db_path: None,
            },
        }
    }

    /// Wraps an already open store (tests).
    pub fn with_store(store: Store) -> AppState {
        let db_path = store.path().map(PathBuf::from);
        AppState {
            store: Mutex::new(Ok(store)),
            db_path,
        }
    }

    /// Runs `f` with the store, turning library errors into [`ErrorDto`]s.
    pub fn run<T>(&self, f: impl FnOnce(&mut Store) -> undersigned::Result<T>) -> CmdResult<T> {
        let mut guard = self.store.lock().map_err(|_| {
            ErrorDto::app("internal", "an earlier operation failed; restart the app")
        })?;
        match guard.as_mut() {
            Ok(store) => f(store).map_err(ErrorDto::from),
            Err(err) => Err(err.clone()),
        }
    }
}
