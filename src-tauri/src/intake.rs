//! Commands of the import wizard: read a paste or a file, preview what it
//! would do to a letter, commit it with progress.
//!
//! The parsed rows travel to the UI with the preview and come back with the
//! user's decisions at commit time, so no half-finished import is kept in
//! the app; the library recomputes the preview inside the commit's
//! transaction, and an import is all or nothing.

use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::State;
use ts_rs::TS;
use undersigned::intake::{self, LineOutcome, Outcome, ParsedRow, TableOptions};
use undersigned::model::LetterId;
use undersigned::store::{ImportDecisions, ImportPreview, ImportReport};

use crate::error::{CmdResult, ErrorDto};
use crate::files::{pick_open, Filter};
use crate::state::AppState;

/// What was read, and what it would do.
#[derive(Clone, Debug, Serialize, TS)]
pub struct ImportDraft {
    /// `paste`, or the file's name.
    pub source: String,
    /// The rows as read; sent back unchanged with the decisions.
    pub rows: Vec<ParsedRow>,
    pub preview: ImportPreview,
    /// Lines of a paste that were not read as signatories, and why.
    pub ignored: Vec<LineOutcome>,
    /// What the file reader noticed (encoding guesses, skipped rows).
    pub warnings: Vec<String>,
}

/// Progress of a commit: rows done of all rows.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Reads a pasted list and previews it against `letter`.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_paste(
    state: State<'_, AppState>,
    letter: LetterId,
    text: String,
) -> CmdResult<ImportDraft> {
    let parsed = intake::parse_paste(&text);
    let preview = state.run(|s| s.preview_import(letter, &parsed.rows))?;
    let ignored = parsed
        .lines
        .into_iter()
        .filter(|l| matches!(l.outcome, Outcome::Ignored { .. }))
        .collect();
    Ok(ImportDraft {
        source: "paste".into(),
        rows: parsed.rows,
        preview,
        ignored,
        warnings: Vec::new(),
    })
}

/// Asks for a CSV, TSV or spreadsheet file, reads it and previews it.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    letter: LetterId,
) -> CmdResult<ImportDraft> {
    let filter = Filter {
        name: "Lists (CSV, TSV, Excel, OpenDocument)",
        extensions: &["csv", "tsv", "txt", "xlsx", "xls", "ods"],
    };
    let path = pick_open(&app, None, filter).await?;
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let table = tauri::async_runtime::spawn_blocking(move || {
        intake::read_table(&path, &TableOptions::default())
    })
    .await
    .map_err(|_| ErrorDto::app("internal", "reading the file failed"))??;
    let preview = state.run(|s| s.preview_import(letter, &table.rows))?;
    let mut warnings = table.warnings;
    warnings.extend(
        table
            .skipped
            .iter()
            .map(|s| format!("line {}: {}", s.line, s.reason)),
    );
    Ok(ImportDraft {
        source,
        rows: table.rows,
        preview,
        ignored: Vec::new(),
        warnings,
    })
}

/// Commits the rows with the user's decisions, reporting progress.
#[tauri::command(rename_all = "snake_case")]
pub async fn commit_import(
    state: State<'_, AppState>,
    letter: LetterId,
    rows: Vec<ParsedRow>,
    decisions: ImportDecisions,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<ImportReport> {
    let mut last = 0;
    let mut progress = |done: usize, total: usize| {
        // A few hundred updates at most, however long the list.
        let step = (total / 200).max(1);
        if done == total || done >= last + step {
            last = done;
            let _ = on_progress.send(ImportProgress {
                done: u32::try_from(done).unwrap_or(u32::MAX),
                total: u32::try_from(total).unwrap_or(u32::MAX),
            });
        }
    };
    state.run(|s| s.commit_import(letter, &rows, &decisions, &mut progress))
}
