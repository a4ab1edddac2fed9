//! Export commands: ask where to save (native dialog, in Rust), write the
//! file there, and open a PDF for the user to look at.

use serde::Serialize;
use tauri::State;
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;
use undersigned::export::{self, ExportKind};
use undersigned::model::LetterId;

use crate::error::CmdResult;
use crate::files::{pick_save, Filter};
use crate::state::AppState;

/// Where an export went.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ExportDone {
    pub path: String,
    /// Whether the file was opened in the system's viewer (PDFs only).
    pub opened: bool,
}

/// Exports `letter` as `kind` to a file the user chooses.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_letter(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    letter: LetterId,
    kind: ExportKind,
) -> CmdResult<ExportDone> {
    let name = state.run(|s| {
        s.letter(letter)
            .map(|l| export::default_file_name(&l, kind))
    })?;
    let extension = [kind.extension()];
    let filter = Filter {
        name: kind.extension(),
        extensions: &extension,
    };
    let path = pick_save(&app, &name, filter).await?;
    let bytes = state.run(|s| export::render(s, letter, kind))?;
    export::write_file(&path, &bytes)?;
    let opened = kind == ExportKind::Pdf
        && crate::hooks::test_save_dir().is_none()
        && app
            .opener()
            .open_path(path.display().to_string(), None::<&str>)
            .is_ok();
    Ok(ExportDone {
        path: path.display().to_string(),
        opened,
    })
}
