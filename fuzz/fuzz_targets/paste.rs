//! The paste parser never panics, and accounts for every input line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use undersigned::intake::{parse_paste, Outcome};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parse = parse_paste(&text);
    let mut lines = text.split('\n').count();
    if lines > 1 && text.ends_with('\n') {
        lines -= 1;
    }
    assert_eq!(parse.lines.len(), lines);
    let mut seen = 0;
    for (i, line) in parse.lines.iter().enumerate() {
        assert_eq!(line.line, i + 1);
        if let Outcome::Signatories { rows } = &line.outcome {
            assert!(!rows.is_empty());
            for r in rows {
                assert_eq!(*r, seen, "rows are listed in order, each once");
                assert_eq!(parse.rows[*r].line, line.line);
                seen += 1;
            }
        }
    }
    assert_eq!(seen, parse.rows.len());
    for row in &parse.rows {
        assert!(!row.name.trim().is_empty(), "a row without a name: {row:?}");
    }
});
