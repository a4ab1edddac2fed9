//! Spreadsheets are read in a child process (calamine can abort a process
//! on a crafted file, tafia/calamine#684): whatever bytes an `.xlsx` holds,
//! `read_table` must come back with a table or an error, and this process
//! (the parent) must never panic or abort. The child is the `undersigned`
//! binary, named by `UNDERSIGNED_SPREADSHEET_READER` (default
//! `../target/debug/undersigned`, built by `cargo build`).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use undersigned::intake::{read_table, TableOptions};

fn reader() -> &'static PathBuf {
    static READER: OnceLock<PathBuf> = OnceLock::new();
    READER.get_or_init(|| {
        let path = std::env::var_os("UNDERSIGNED_SPREADSHEET_READER")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("../target/debug/undersigned"));
        assert!(path.is_file(), "no spreadsheet reader at {}", path.display());
        path
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("signatories.xlsx");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let options = TableOptions {
        reader: Some(reader().clone()),
        ..Default::default()
    };
    if let Ok(table) = read_table(&path, &options) {
        for row in &table.rows {
            assert!(row.line >= 1);
        }
    }
});
