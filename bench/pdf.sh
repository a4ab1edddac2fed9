#!/usr/bin/env bash
# PDF export benchmark: Undersigned vs typst on the same letter with 100,
# 1,000 and 10,000 signatories (Latin and Korean names), medians over fresh
# processes, side by side in one run. Output: a Markdown table (and
# bench/out/results.json). Usage: bench/pdf.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
ensure_rust
apt_install poppler-utils python3 python3-pip
python3 -c "import typst" 2>/dev/null || python3 -m pip install --quiet typst
cargo build --release --locked --bin undersigned --example make_letter
python3 bench/pdf.py "$@"
