#!/usr/bin/env bash
# Runs every test: formatting, lints, the core's unit and integration tests.
# Installs what it needs on a fresh Debian/Ubuntu machine.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/setup.sh
ensure_rust
# The PDF export tests read PDFs back with poppler's pdftotext, pdffonts, pdfinfo.
apt_install poppler-utils

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
