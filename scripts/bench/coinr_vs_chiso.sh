#!/usr/bin/env bash
# Side-by-side: COINr's get_sensitivity (uncertainty analysis) and chiso's on COINr's own
# ASEM example (51 units x 49 indicators, 4 levels) with the same uncertain inputs.
# A benchmark, never part of scripts/test.sh. Needs R (Debian: r-base-core r-cran-ggplot2
# r-cran-openxlsx r-cran-readxl r-cran-rlang) and COINr installed from its source, e.g.
# `R CMD INSTALL --library=/tmp/Rlib COINr/`.
# Usage: bash scripts/bench/coinr_vs_chiso.sh [COINR_REPLICATIONS=50] [CHISO_SAMPLES=10000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N_R="${1:-50}"
N_C="${2:-10000}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
Rscript "$ROOT/scripts/bench/coinr_asem.R" "$OUT" "$N_R"
cargo build --release -q -p chiso-cli --manifest-path "$ROOT/Cargo.toml"
CHISO="$ROOT/target/release/chiso"
run() {
  "$CHISO" uncertainty --index "$OUT/asem.json" --input "$OUT/asem.csv" --unit-column uCode \
    --weights-pm 25 --normalisation min_max:1:100,min_max:10:100 --aggregation weighted_mean,geometric_mean \
    --samples "$1" --seed 1 --format csv >/dev/null
}
# Same data, same pipeline: chiso's nominal index must equal COINr's.
"$CHISO" score --index "$OUT/asem.json" --input "$OUT/asem.csv" --unit-column uCode --format csv >"$OUT/chiso_nominal.csv"
python3 - "$OUT/coinr_nominal.csv" "$OUT/chiso_nominal.csv" <<'PY'
import csv, sys
coinr = {r["unit"]: float(r["score"]) for r in csv.DictReader(open(sys.argv[1]))}
chiso = {r["unit"]: float(r["score"]) for r in csv.DictReader(open(sys.argv[2]))}
worst = max(abs(coinr[u] - chiso[u]) for u in coinr)
print(f"nominal index, {len(coinr)} units: largest |COINr - chiso| = {worst:.2e}")
assert worst < 1e-9, "chiso does not reproduce COINr's nominal index"
PY
run 10 # warm the file cache
start=$(date +%s.%N)
run "$N_C"
end=$(date +%s.%N)
python3 - "$OUT/coinr_seconds_per_rep.txt" "$start" "$end" "$N_C" <<'PY'
import sys
coinr = float(open(sys.argv[1]).read())
seconds = float(sys.argv[3]) - float(sys.argv[2])
n = int(sys.argv[4])
per = seconds / n
print(f"chiso: {n} samples in {seconds:.3f} s (whole command: read, validate, sample, summarise), {per * 1e6:.1f} µs per sample")
print(f"ratio per replication: COINr / chiso = {coinr / per:,.0f}x")
PY
