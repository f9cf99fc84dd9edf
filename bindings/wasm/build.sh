#!/usr/bin/env bash
# Builds the npm package's generated files: the WebAssembly module and its JS glue (pkg/) and
# the bundled data of the <chiso-scorecard> component (data/). Called by `npm run build` and by
# scripts/test.sh. Needs the wasm32-unknown-unknown target and wasm-bindgen-cli 0.2.130
# (scripts/setup.sh installs both).
#
# Size: the release-wasm profile (root Cargo.toml) optimises for size, and this crate builds the
# core without its `toml` feature. wasm-opt (npm binaryen@132) is not used: -Oz makes the module
# smaller but its gzipped size larger (255 → 268 KB); see README.md, "Size".
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

# Three modules from the one crate (its features): chiso_wasm (scoring), which index.js loads
# on import, chiso_analysis (comparison, diagnosis, plans, reports, uncertainty, sensitivity,
# audit) and chiso_excel (workbooks in and out), each loaded on first use. Each build overwrites chiso_wasm.wasm: keep a copy.
OUT=target/wasm32-unknown-unknown/release-wasm
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for part in scoring:chiso_wasm analysis:chiso_analysis excel:chiso_excel; do
  feature="${part%%:*}" name="${part#*:}"
  cargo build -p chiso-wasm --target wasm32-unknown-unknown --profile release-wasm \
    --no-default-features --features "$feature"
  cp "$OUT/chiso_wasm.wasm" "$tmp/$name.wasm"
done
rm -rf "$HERE/pkg"
# The web target serves browsers and, through initSync, Node. The name and producers sections
# are debugging and telemetry data: dropping them saves ~160 kB of the module (~40 kB gzipped).
# The reset-state function lets index.js recover from a trap (a panic under panic = "abort").
for name in chiso_wasm chiso_analysis chiso_excel; do
  wasm-bindgen "$tmp/$name.wasm" \
    --target web --remove-name-section --remove-producers-section --experimental-reset-state-function \
    --out-dir "$HERE/pkg"
done

# Published tables the scorecard component shows when given no data of its own.
mkdir -p "$HERE/data"
cp examples/data/pci/pci_subindices.csv "$HERE/data/pci.csv"
# The `pci_indicators` preset (PCI 2013–2018 down to its indicators) is not compiled into the
# modules (~45 KB gzipped; the scoring module has no room for it): it ships as one spec per
# year, resolved from the preset by crates/chiso/tests/pci_indicators.rs (HACKING.md, "Adding a preset").
cp examples/pci_indicators/pci_indicators_by_year.json "$HERE/data/pci_indicators.json"

# The published tables by name (`datasets.load`, bundled.js; described by datasets.json) and the
# JSON Schema of spec files: files beside the modules, read on demand, not compiled into them.
rm -rf "$HERE/data/datasets"
mkdir -p "$HERE/data/datasets"
cp -L crates/chiso/datasets/*.csv crates/chiso/units/provinces_*.csv "$HERE/data/datasets/"
cp crates/chiso/schema/chiso-spec.schema.json "$HERE/data/"
# The licences (npm pack leaves symbolic links out, so copies).
cp LICENSE-MIT LICENSE-APACHE "$HERE/"

for name in chiso_wasm chiso_analysis chiso_excel; do
  wasm="$HERE/pkg/${name}_bg.wasm"
  echo "${name}_bg.wasm: $(wc -c <"$wasm") bytes, $(gzip -9c "$wasm" | wc -c) gzipped"
done
