#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer), one target at a time. Not part of scripts/test.sh:
# it needs a nightly compiler (or RUSTC_BOOTSTRAP=1 on stable) and runs for minutes.
#
# Usage: bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]      (default: 60, all targets)
#        FUZZ_RUNS=1000000 bash scripts/fuzz.sh 0 csv               (a number of executions instead)
#        FUZZ_MINIMISE=1 bash scripts/fuzz.sh 600                   (then merge into fuzz/corpus)
#
# Targets (fuzz/fuzz_targets/): spec_json, spec_toml (spec parsing and validation, with a JSON
# and TOML round trip of what is accepted), csv (CSV reading and unit mappings), pipeline
# (random specs and data through scoring, comparison, diagnosis, planning and a report).
# The hand-picked seeds fuzz/seeds/<target> and the minimised corpora fuzz/corpus/<target>
# (both checked in) start each run; new inputs go to target/fuzz-work/<target> (not committed).
# A crash, timeout or out-of-memory stops the script with the input saved under
# fuzz/artifacts/<target>/; reproduce it with
#   cargo +nightly fuzz run -s none <target> fuzz/artifacts/<target>/<file>
#
# Every run is recorded, from libFuzzer's own final statistics, as a line of fuzz/runs.csv
# (committed): target, date, commit, seconds, executions, corpus size and coverage at the end,
# and the crashes it left in fuzz/artifacts/<target>/. The harnesses are crates/chiso-fuzz;
# `cargo test -p chiso-fuzz` replays the committed corpora and seeds on stable Rust.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALL_TARGETS=(spec_json spec_toml csv pipeline)
seconds="${1:-60}"
shift || true
targets=("$@")
((${#targets[@]})) || targets=("${ALL_TARGETS[@]}")
cd "$ROOT/fuzz"

if ! command -v cargo >/dev/null 2>&1 && [[ -f "$HOME/.cargo/env" ]]; then
  # shellcheck source=/dev/null
  . "$HOME/.cargo/env"
fi

# libFuzzer instrumentation needs nightly flags: a nightly toolchain if there is one, else the
# stable compiler with RUSTC_BOOTSTRAP=1 (CI machines may have only stable).
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  cargo=(cargo +nightly)
else
  echo "fuzz: no nightly toolchain; using stable with RUSTC_BOOTSTRAP=1"
  export RUSTC_BOOTSTRAP=1
  cargo=(cargo)
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz from crates.io"
  cargo install --quiet cargo-fuzz
fi

# `fuzz run` builds each target: no sanitizer (the core forbids unsafe code, so
# AddressSanitizer would only slow the search), debug assertions and overflow checks on
# (cargo-fuzz's default without --release).
work="$ROOT/target/fuzz-work"
runs="$ROOT/fuzz/runs.csv"
[[ -s $runs ]] || echo "target,date_utc,commit,seconds,executions,exec_per_sec,corpus,coverage,new_crashes,result" >"$runs"
commit="$(git -C "$ROOT" describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)"

# Files libFuzzer leaves for a failing input (crash-*, timeout-*, oom-*, leak-*).
artifacts() { { find "$ROOT/fuzz/artifacts/$1" -type f 2>/dev/null || true; } | wc -l; }

# Appends one run to fuzz/runs.csv from the log's final statistics (`-print_final_stats=1`,
# printed at the end of a run and after a crash) and its last status line
# (`#N DONE cov: C ft: F corp: U/S …`). A number libFuzzer did not print is left empty.
record() { # record TARGET LOG SECONDS NEW_CRASHES RESULT
  local stat last
  stat() { sed -nE "s/^stat::$1: *([0-9]+).*/\1/p" "$2" | tail -n 1; }
  last="$(grep -E '^#[0-9]+' "$2" | tail -n 1 || true)"
  printf '%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n' "$1" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$commit" "$3" \
    "$(stat number_of_executed_units "$2")" "$(stat average_exec_per_sec "$2")" \
    "$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$last")" "$(sed -nE 's/.* cov: ([0-9]+) .*/\1/p' <<<"$last")" \
    "$4" "$5" >>"$runs"
  echo "fuzz: recorded in fuzz/runs.csv: $(tail -n 1 "$runs")"
}

for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "corpus/$t" "seeds/$t"
  limit=(-max_total_time="$seconds")
  [[ -n "${FUZZ_RUNS:-}" ]] && limit=(-runs="$FUZZ_RUNS")
  echo
  echo "=== fuzz $t (${FUZZ_RUNS:-$seconds s}) ==="
  # -timeout: one input may take at most 10 s; -rss_limit_mb: 2 GB of memory at most.
  log="$work/$t.log"
  # Build first, so that the recorded seconds are fuzzing only.
  "${cargo[@]}" fuzz build -s none "$t" >"$log" 2>&1 || { tail -n 40 "$log" >&2; exit 1; }
  crashes_before=$(artifacts "$t") started=$SECONDS
  if ! "${cargo[@]}" fuzz run -s none "$t" "$work/$t" "corpus/$t" "seeds/$t" -- \
    "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 >"$log" 2>&1; then
    record "$t" "$log" $((SECONDS - started)) $(($(artifacts "$t") - crashes_before)) failed
    tail -n 40 "$log" >&2
    echo "fuzz: $t failed (log: $log); the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
  record "$t" "$log" $((SECONDS - started)) $(($(artifacts "$t") - crashes_before)) ok
  # Executions, coverage (cov: edges reached of the instrumented counters; ft: features) and
  # the corpus at the end of the run.
  grep -E 'INFO: Loaded 1 modules' "$log" | head -n 1 | sed -E 's/.*\(([0-9]+) inline.*/instrumented edges: \1/'
  grep -E '^#[0-9]+' "$log" | tail -n 1
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log"
  if [[ "${FUZZ_MINIMISE:-0}" == 1 ]]; then
    # A small set of inputs reaching every edge the checked-in corpus and this run's finds
    # reach (a set cover of edges, hit counts ignored: a tenth of a full merge).
    rm -rf "$work/$t.min" && mkdir -p "$work/$t.min"
    "${cargo[@]}" fuzz run -s none "$t" "$work/$t.min" "corpus/$t" "seeds/$t" "$work/$t" -- \
      -set_cover_merge=1 -use_counters=0 >"$log.merge" 2>&1
    rm -rf "corpus/$t" && mv "$work/$t.min" "corpus/$t"
    echo "fuzz: corpus/$t minimised to $(find "corpus/$t" -type f | wc -l) inputs"
  fi
done
echo
echo "fuzz: all targets ran without a crash, timeout or out-of-memory"
