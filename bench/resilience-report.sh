#!/usr/bin/env bash
# The resilience report (issue 6): kills survived, damaged files refused,
# full-disk cases, fuzz executions per target, rows lost. Prints one table.
#
#   bench/resilience-report.sh                 # 200 kills, 300 damaged files, 60 s per fuzz target
#   KILLS=500 FUZZ_SECONDS=300 bench/resilience-report.sh
#
# Needs: Rust (installed if missing), cargo-fuzz (installed if missing; the
# fuzz crate is built with RUSTC_BOOTSTRAP=1 on stable), root for the real
# full-disk run on a 3 MB tmpfs (skipped and said so otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/setup.sh
ensure_rust

KILLS=${KILLS:-200}
HOSTILE=${HOSTILE:-300}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
work=$(mktemp -d)
mounted=""
cleanup() {
  if [ -n "$mounted" ]; then umount "$mounted" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

field() { # field NAME LINE -> value of NAME=value in LINE
  sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"
}

echo "== building the tests" >&2
cargo test --locked --test it --no-run >&2

echo "== crash harness: $KILLS kills" >&2
crash=$(UNDERSIGNED_CRASH_KILLS=$KILLS cargo test --locked --test it crash::killed_writers_lose_nothing \
  -- --exact --nocapture 2>&1 | tee "$work/crash.log" | grep '^crash harness:' || true)
[ -n "$crash" ] || { cat "$work/crash.log" >&2; echo "crash harness failed" >&2; exit 1; }

echo "== damaged files: $HOSTILE random + the fixed cases" >&2
damaged=$(UNDERSIGNED_HOSTILE_FILES=$HOSTILE cargo test --locked --test it \
  resilience::randomly_damaged_files_are_refused_untouched_or_sound -- --exact --nocapture 2>&1 \
  | tee "$work/damaged.log" | grep '^damaged files:' || true)
[ -n "$damaged" ] || { cat "$work/damaged.log" >&2; echo "damaged-file test failed" >&2; exit 1; }
fixed=$(cargo test --locked --test it resilience:: 2>&1 | tee "$work/fixed.log" \
  | sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' | head -1)
[ -n "$fixed" ] || { cat "$work/fixed.log" >&2; echo "resilience tests failed" >&2; exit 1; }

echo "== full disk" >&2
simulated=$(cargo test --locked --test it disk_full:: 2>&1 | tee "$work/disk.log" \
  | sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p' | head -1)
[ -n "$simulated" ] || { cat "$work/disk.log" >&2; echo "full-disk tests failed" >&2; exit 1; }
real_disk="skipped (needs root to mount a tmpfs)"
real_lost=0
if [ "$(id -u)" = 0 ] && mkdir -p "$work/tmpfs" && mount -t tmpfs -o size=3m tmpfs "$work/tmpfs" 2>/dev/null; then
  mounted="$work/tmpfs"
  line=$(UNDERSIGNED_FULL_DISK_DIR="$mounted" cargo test --locked --test it \
    disk_full::a_real_full_disk_refuses_cleanly_and_loses_nothing -- --exact --ignored --nocapture 2>&1 \
    | tee "$work/realdisk.log" | grep '^full disk:' || true)
  [ -n "$line" ] || { cat "$work/realdisk.log" >&2; echo "real full-disk test failed" >&2; exit 1; }
  real_disk="$(field refusals "$line") writes refused on a full 3 MB tmpfs, backup refused: $(field backup_refused "$line")"
  real_lost=$(field rows_lost "$line")
  umount "$mounted"; mounted=""
fi

echo "== fuzzing, $FUZZ_SECONDS s per target" >&2
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked >&2
fi
fuzz_rows=""
for target in $(cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz list); do
  corpus="$work/corpus-$target"
  mkdir -p "$corpus"
  max_len=4096
  [ "$target" = open_file ] && max_len=131072
  set +e
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$target" "$corpus" "corpus/$target" -- \
      -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=1024 -max_len=$max_len -print_final_stats=1 \
      -artifact_prefix="$work/") >"$work/fuzz-$target.log" 2>&1
  status=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$work/fuzz-$target.log" | tail -1)
  if [ $status -eq 0 ]; then verdict="no crash, no leak over 1 GB"; else
    verdict="FAILED (exit $status): $(grep -m1 -E 'panicked|ERROR' "$work/fuzz-$target.log" || echo see log)"
    cp "$work/fuzz-$target.log" "fuzz/last-failure-$target.log"
  fi
  fuzz_rows+="| fuzz executions: \`$target\` | ${execs:-0} in ${FUZZ_SECONDS} s, $verdict |"$'\n'
done

crash_lost=$(field rows_lost "$crash")
echo
echo "| measure | result |"
echo "|---|---|"
echo "| kills survived | $(field survived "$crash") of $(field kills "$crash") SIGKILLed writers and importers (integrity_check ok, every batch whole or absent; $(field committed_batches "$crash") committed batches of which $(field committed_imports "$crash") imports, $(field rows_checked "$crash") rows checked, partial batches: $(field partial_batches "$crash"); seed $(field seed "$crash")) |"
echo "| damaged files refused | $(field refused_untouched "$damaged") of $(field tried "$damaged") randomly damaged files refused byte for byte; $(field accepted_sound "$damaged") accepted and sound, $(field accepted_value_damage "$damaged") accepted with value-only damage (ADR 0400), harmed: 0; plus the $fixed tests of tests/it/resilience.rs passed (fixed cases: empty file with a log, truncated, bits flipped, not SQLite, two kinds of foreign, planted trigger, stale / mismatched / not-SQLite / damaged-midway -wal, newer version, restore refusals; and backups, restore, two programs, privacy) |"
echo "| disk-full cases | $simulated simulated tests passed (PRAGMA max_page_count: one write, a 500-row batch, 300 writes against a full disk; the import case runs in resilience.rs); real disk: $real_disk |"
printf '%s' "$fuzz_rows"
echo "| rows lost | $((crash_lost + real_lost)) |"
