#!/usr/bin/env bash
# Builds and launches the desktop app, installing what it needs on a fresh
# Debian/Ubuntu machine (webkit2gtk 4.1 and friends, the npm packages).
# Your data stays in ~/.local/share/undersigned/undersigned.db.
# `./scripts/run.sh --cli` keeps the old behaviour: load the sample letter with
# the command line and print its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
source scripts/lib/app.sh
ensure_rust

if [ "${1:-}" = "--cli" ]; then
  shift
  cargo build --release --locked --bin undersigned
  letter=$(./target/release/undersigned "$@" demo)
  ./target/release/undersigned "$@" tally "$letter"
  ./target/release/undersigned "$@" tally "$letter" --lang ko | head -2
  exit 0
fi

ensure_app_build_deps
build_ui
cargo build --release --locked -p undersigned-app
exec ./target/release/undersigned-app "$@"
