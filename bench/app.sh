#!/usr/bin/env bash
# Measures the desktop app (not a test: it prints figures, asserts nothing):
#  - cold start to first paint (the UI tells the app after its first frame);
#  - RSS and PSS of the whole process tree (app + WebKit processes) with the
#    sample letter loaded;
#  - opening a letter with 10,000 signatories, and scrolling its table.
# Usage: bench/app.sh [N]   (N signatories, default 10000)
# BENCH_PROFILE=debug uses the debug build (default: release).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
source scripts/lib/app.sh
ensure_rust
ensure_app_build_deps
ensure_e2e_deps
build_ui
profile=${BENCH_PROFILE:-release}
flag=$([ "$profile" = release ] && echo --release || true)
cargo build --locked $flag -p undersigned-app -p undersigned --bins
cargo build --locked $flag -p undersigned-app --example bench_db
ensure_tauri_driver
npm_ci e2e
export BENCH_APP="target/$profile/undersigned-app"
export BENCH_CLI="target/$profile/undersigned"
export BENCH_MAKE_DB="target/$profile/examples/bench_db"
export BENCH_N="${1:-10000}"
xvfb-run -a -s "-screen 0 1280x800x24" node bench/app.mjs
