//! The desktop app: a Tauri shell over the `undersigned` library.
//!
//! This crate only wires things together: the window (with its navigation
//! fence), the native menu, the plugins (single instance, remembered window
//! state, native dialogs, the opener) and the commands in [`commands`]. All
//! domain logic lives in the library; all screens live in `ui/`.

pub mod bindings;
pub mod commands;
pub mod dto;
pub mod error;
pub mod export;
pub mod files;
pub mod hooks;
pub mod intake;
pub mod menu;
pub mod security;
pub mod state;

use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

/// The label of the app's one window.
pub const MAIN_WINDOW: &str = "main";

/// Starts the app; returns when the last window closes.
pub fn run() {
    let result = tauri::Builder::default()
        // First, so a second launch only focuses the first one.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state::AppState::open_default())
        .menu(menu::build)
        .on_menu_event(menu::on_event)
        .setup(|app| {
            WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
                .title("Undersigned")
                .inner_size(1200.0, 780.0)
                .min_inner_size(800.0, 520.0)
                .on_navigation(security::is_app_url)
                .build()?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::load_sample,
            commands::list_letters,
            commands::get_letter,
            commands::create_letter,
            commands::update_letter,
            commands::letter_figures,
            commands::explain_figure,
            commands::list_signatures,
            commands::sign,
            commands::withdraw,
            commands::update_signature,
            commands::list_organisations,
            commands::get_organisation,
            commands::organisation_history,
            commands::add_organisation,
            commands::update_organisation,
            commands::merge_organisations,
            commands::list_individuals,
            commands::add_individual,
            commands::coalition_members,
            commands::add_member,
            commands::list_countries,
            commands::open_external,
            commands::ui_ready,
            commands::list_backups,
            commands::backup_now,
            commands::restore_backup,
            intake::preview_paste,
            intake::preview_file,
            intake::commit_import,
            export::export_letter,
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("undersigned: the app could not start: {err}");
        std::process::exit(1);
    }
}
