//! The table decoder (encoding detection, delimiter detection, CSV reading,
//! header guessing, row reading) never panics on any bytes.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use undersigned::intake::table::read_text_table;
use undersigned::intake::TableOptions;

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = read_text_table(Path::new("fuzz.csv"), data, &TableOptions::default()) {
        for row in &table.rows {
            assert!(row.line >= 1);
        }
    }
});
