#!/usr/bin/env bash
# Runs every test: formatting, lints, the core's unit and integration tests,
# the UI's checks and unit tests, the desktop app's tests, and the end-to-end
# tests of the real app in a real webview (under Xvfb).
# Installs what it needs on a fresh Debian/Ubuntu machine.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/setup.sh
source scripts/lib/app.sh
ensure_rust
# The PDF export tests read PDFs back with poppler's pdftotext, pdffonts, pdfinfo.
apt_install poppler-utils
ensure_app_build_deps
ensure_e2e_deps
# The app embeds ui/dist, so the UI is built before anything compiles it.
build_ui

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked

echo "== UI: type check and unit tests"
(cd ui && npm run --silent check && npm run --silent test)

echo "== end-to-end tests (the real app, WebKitWebDriver, Xvfb)"
ensure_tauri_driver
cargo build --locked -p undersigned-app
npm_ci e2e
rm -rf target/e2e-screens
xvfb-run -a -s "-screen 0 1280x800x24" node e2e/run.mjs
