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
# (both checked in) start each run; new inputs go to target/fuzz-work/<target> (not committed). A crash, timeout or out-of-memory stops the script
# with the input saved under fuzz/artifacts/<target>/; reproduce it with
#   cargo +nightly fuzz run -s none <target> fuzz/artifacts/<target>/<file>
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
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "corpus/$t" "seeds/$t"
  limit=(-max_total_time="$seconds")
  [[ -n "${FUZZ_RUNS:-}" ]] && limit=(-runs="$FUZZ_RUNS")
  echo
  echo "=== fuzz $t (${FUZZ_RUNS:-$seconds s}) ==="
  # -timeout: one input may take at most 10 s; -rss_limit_mb: 2 GB of memory at most.
  log="$work/$t.log"
  if ! "${cargo[@]}" fuzz run -s none "$t" "$work/$t" "corpus/$t" "seeds/$t" -- \
    "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $t failed (log: $log); the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
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
