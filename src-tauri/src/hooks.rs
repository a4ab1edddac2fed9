//! Hooks for the test suite and the benchmarks, each behind an environment
//! variable that nothing else reads.
//!
//! - `UNDERSIGNED_TEST_MODE=1` with `UNDERSIGNED_TEST_SAVE_DIR=<dir>`: the
//!   save dialog is not shown; exports are written to `<dir>/<default file
//!   name>` and not opened afterwards. Both variables are needed, so a stray
//!   one does nothing; without them the real native dialog is always used.
//! - `UNDERSIGNED_BENCH_READY_FILE=<file>`: when the UI has painted for the
//!   first time, the app writes the wall-clock time (Unix milliseconds) there,
//!   for `bench/` to compute start-up time.

use std::path::PathBuf;

/// Where exports go instead of asking, in test mode only.
pub fn test_save_dir() -> Option<PathBuf> {
    if std::env::var("UNDERSIGNED_TEST_MODE").as_deref() != Ok("1") {
        return None;
    }
    std::env::var_os("UNDERSIGNED_TEST_SAVE_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}

/// The file to note the first paint in, when benchmarking.
pub fn bench_ready_file() -> Option<PathBuf> {
    std::env::var_os("UNDERSIGNED_BENCH_READY_FILE")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
}
