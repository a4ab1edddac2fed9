//! Hostile database files: whatever bytes a file holds, `Store::open` must
//! refuse it with an error or open a database that passes
//! `integrity_check`, never panic, and never change a refused file's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use undersigned::Store;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("undersigned.db");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    match Store::open(&path) {
        Err(e) => {
            assert!(!e.to_string().is_empty());
            if !data.is_empty() {
                let after = std::fs::read(&path).unwrap_or_default();
                assert!(after == data, "a refused file was changed: {e}");
            }
        }
        Ok(store) => {
            // Whatever was accepted is a sound Undersigned database.
            assert!(store.schema_version().unwrap_or(0) >= 1);
            let _ = store.list_letters();
        }
    }
});
