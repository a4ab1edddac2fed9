//! The native menu: the usual Edit items (so copy and paste work in every
//! field) and the app's own actions with their keyboard shortcuts.
//!
//! The app's items do nothing in Rust: they tell the UI which action was
//! chosen (event `menu`, payload the item id), and the UI does what its
//! keyboard shortcut would.

use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Runtime};

/// Menu item ids the UI listens for.
pub const NEW_LETTER: &str = "new_letter";
pub const FIND: &str = "find";
pub const EXPORT: &str = "export";
pub const SETTINGS: &str = "settings";

/// Builds the menu bar.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let file = Submenu::with_items(
        app,
        "&File",
        true,
        &[
            &MenuItem::with_id(app, NEW_LETTER, "&New letter", true, Some("CmdOrCtrl+N"))?,
            &MenuItem::with_id(app, EXPORT, "&Export…", true, Some("CmdOrCtrl+E"))?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, SETTINGS, "&Settings", true, Some("CmdOrCtrl+,"))?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::quit(app, Some("&Quit"))?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        "&Edit",
        true,
        &[
            &PredefinedMenuItem::undo(app, None)?,
            &PredefinedMenuItem::redo(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, None)?,
            &PredefinedMenuItem::copy(app, None)?,
            &PredefinedMenuItem::paste(app, None)?,
            &PredefinedMenuItem::select_all(app, None)?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(app, FIND, "&Find", true, Some("CmdOrCtrl+F"))?,
        ],
    )?;
    let window = Submenu::with_items(
        app,
        "&Window",
        true,
        &[
            &PredefinedMenuItem::minimize(app, None)?,
            &PredefinedMenuItem::fullscreen(app, None)?,
        ],
    )?;
    Menu::with_items(app, &[&file, &edit, &window])
}

/// Passes the app's own menu actions on to the UI.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    if [NEW_LETTER, FIND, EXPORT, SETTINGS].contains(&id) {
        // A window that is gone cannot be told; nothing else to do.
        let _ = app.emit("menu", id.to_string());
    }
}
