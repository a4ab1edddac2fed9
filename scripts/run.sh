#!/usr/bin/env bash
# Runs the product's main job: loads the sample letter into your database and
# prints its headline figures. Pass --db PATH to use another database file.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
ensure_rust
cargo build --release --locked --bin undersigned
letter=$(./target/release/undersigned "$@" demo)
./target/release/undersigned "$@" tally "$letter"
./target/release/undersigned "$@" tally "$letter" --lang ko | head -2
