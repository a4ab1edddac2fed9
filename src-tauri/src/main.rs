//! The `undersigned-app` binary: hands over to the library's `run`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // A spreadsheet is read by this same binary in a child process.
    undersigned::intake::spreadsheet::run_child_if_requested();
    undersigned_app::run();
}
