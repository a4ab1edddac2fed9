//! Native file dialogs, opened from Rust.
//!
//! The webview never names a file: commands that read or write one ask the
//! user here, and use only the path the dialog returned (see ADR 0302). In
//! the end-to-end tests' explicit test mode ([`crate::hooks`]) the save
//! dialog is replaced by a folder chosen by the test.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::{CmdResult, ErrorDto};

/// A file type offered in a dialog: a name and its extensions.
pub struct Filter<'a> {
    pub name: &'a str,
    pub extensions: &'a [&'a str],
}

fn to_path(file: tauri_plugin_dialog::FilePath) -> CmdResult<PathBuf> {
    file.into_path()
        .map_err(|_| ErrorDto::app("invalid_path", "the chosen location is not a local file"))
}

/// Asks where to save `default_name`; `cancelled` if the user closes it.
pub async fn pick_save<R: Runtime>(
    app: &AppHandle<R>,
    default_name: &str,
    filter: Filter<'_>,
) -> CmdResult<PathBuf> {
    if let Some(dir) = crate::hooks::test_save_dir() {
        return Ok(dir.join(default_name));
    }
    let dialog = app
        .dialog()
        .file()
        .set_file_name(default_name)
        .add_filter(filter.name, filter.extensions);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|_| ErrorDto::app("internal", "the save dialog failed"))?;
    picked
        .map(to_path)
        .unwrap_or_else(|| Err(ErrorDto::cancelled()))
}

/// Asks for a file to open, starting in `dir` if given.
pub async fn pick_open<R: Runtime>(
    app: &AppHandle<R>,
    dir: Option<&Path>,
    filter: Filter<'_>,
) -> CmdResult<PathBuf> {
    let mut dialog = app
        .dialog()
        .file()
        .add_filter(filter.name, filter.extensions);
    if let Some(dir) = dir {
        dialog = dialog.set_directory(dir);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
        .await
        .map_err(|_| ErrorDto::app("internal", "the open dialog failed"))?;
    picked
        .map(to_path)
        .unwrap_or_else(|| Err(ErrorDto::cancelled()))
}
