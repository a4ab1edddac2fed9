//! Build script: lets tauri-build generate the app context (config, icons,
//! capabilities) that `tauri::generate_context!` embeds in the binary.

fn main() {
    tauri_build::build()
}
