#!/usr/bin/env bash
# The one command that installs everything (scripts/setup.sh) and runs every test.
# Usage: bash scripts/test.sh [all|lint|rust|cli|python|wasm|package|browser|docs]   (default: all)
# wasm = the npm package's `npm test` (Node, types, browser); browser = the browser tests alone;
# package = cargo package, maturin sdist and npm pack, with what each would publish checked.
# CHISO_SKIP_SETUP=1 skips the setup.sh call (for quick reruns on a warm machine).
# Stops at the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$ROOT/../shared"
# `browser` is not in the list: `wasm` runs `npm test`, which includes the browser tests.
ALL_STEPS=(lint rust cli python wasm package docs)
cd "$ROOT"

usage() { echo "usage: $0 [all|lint|rust|cli|python|wasm|package|browser|docs]" >&2; exit 2; }
case "${1:-all}" in
  all) steps=("${ALL_STEPS[@]}") ;;
  lint | rust | cli | python | wasm | package | browser | docs) steps=("$1") ;;
  *) usage ;;
esac

now_us() { echo "${EPOCHREALTIME//[!0-9]/}"; } # microseconds since the epoch
elapsed() {                                      # elapsed START_US -> "12.3s"
  local tenths=$((($(now_us) - $1) / 100000))
  printf '%d.%ds' $((tenths / 10)) $((tenths % 10))
}

passed=()
t0=$(now_us) current="setup" step_t0=$t0
summary() { echo "steps: ${#passed[@]} passed, $1 failed"; }
on_exit() {
  local rc=$?
  if [[ $rc -ne 0 && -n "$current" ]]; then
    echo "=== FAILED: step '$current' (exit $rc) after $(elapsed "$step_t0")"
    summary 1
  fi
}
trap on_exit EXIT

# --- environment ----------------------------------------------------------------------
if [[ "${CHISO_SKIP_SETUP:-0}" != 1 ]]; then
  bash "$ROOT/scripts/setup.sh"
fi
if ! command -v cargo >/dev/null 2>&1 && [[ -f "$HOME/.cargo/env" ]]; then
  # shellcheck source=/dev/null
  . "$HOME/.cargo/env"
fi
export VIRTUAL_ENV="$ROOT/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
PY="$VIRTUAL_ENV/bin/python"
# pyo3 must build against and, in Rust tests that embed Python, load the venv's interpreter.
export PYO3_PYTHON="$PY"
PY_LIBDIR="$("$PY" -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")')"
export LD_LIBRARY_PATH="$PY_LIBDIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

current=""

# --- step bookkeeping -----------------------------------------------------------------
run_step() {
  current="$1" step_t0=$(now_us)
  echo
  echo "=== [$1] ==="
  "step_$1"
  passed+=("$1")
  echo "=== [$1] ok ($(elapsed "$step_t0"))"
  current=""
}

# --- steps ----------------------------------------------------------------------------
step_lint() {
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  # Broken intra-doc links in the core's API docs are errors.
  RUSTDOCFLAGS="-D warnings" cargo doc -q -p chiso --no-deps
  local py_dirs=() d
  for d in bindings/python examples/python docs/samples scripts; do
    [[ -d $d ]] && py_dirs+=("$d")
  done
  if ((${#py_dirs[@]})); then
    ruff check "${py_dirs[@]}"
  fi
}

step_rust() {
  cargo test --workspace
  cargo run -q -p chiso --example rank_pci
  cargo run -q --release -p chiso --example pci_uncertainty | tail -n 3
}

step_cli() {
  cargo build --release -p chiso-cli
  # The README's main command, as written there.
  local main_job
  main_job=$(cargo run --release -q -p chiso-cli -- score --index pci --input examples/data/pci/pci_subindices.csv --unit-column province --year 2018)
  echo "$main_job" | head -n 6
  grep -q "^   1  Quảng Ninh  *70.36$" <<<"$main_job"
  # The PCI check inside the project (the shared script's logic on the bundled published
  # tables): a clone on its own runs it too.
  cargo test -q -p chiso-cli --test pci_published
  # CI's contract script, when the shared folder is beside the clone: it also checks the
  # shared tables, which hold more years than the bundled ones.
  if [[ -f "$SHARED/tools/check_pci_cli.py" ]]; then
    python3 "$SHARED/tools/check_pci_cli.py" target/release/chiso
    python3 "$SHARED/tools/check_pci_cli.py" target/release/chiso "$ROOT/examples/data/pci/pci_subindices.csv"
  else
    echo "--- $SHARED/tools/check_pci_cli.py is absent: the bundled tables were checked by crates/chiso-cli/tests/pci_published.rs above"
  fi
}

step_python() {
  rm -f target/wheels/*.whl
  # --8<-- [start:wheel]
  maturin build --release -m bindings/python/Cargo.toml -o target/wheels
  pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/*.whl
  # --8<-- [end:wheel]
  # The tests import the installed wheel: API, shared vectors, bad input, charts (Agg),
  # docstring examples, the example notebook (nbclient), stubs (mypy, stubtest).
  pytest bindings/python/tests  # no MPLBACKEND here: the notebook kernel needs its inline backend
  python -m mypy --strict bindings/python/tests bindings/python/bench examples/python
  local script
  for script in examples/python/*.py; do
    [[ -e $script ]] || continue
    echo "--- python $script"
    MPLBACKEND=Agg python "$script"
  done
  python_fresh_venv
}

# The built wheel in a new venv, as a user installs it: its dependencies come from PyPI and
# it works without pandas (results as plain lists), with `chiso.__version__`.
python_fresh_venv() {
  local fresh
  fresh="$(mktemp -d)"
  python -m venv "$fresh/venv"
  "$fresh/venv/bin/pip" install --quiet --disable-pip-version-check target/wheels/*.whl
  (cd "$fresh" && "$fresh/venv/bin/python" - <<'PY')
import chiso

spec = chiso.Spec.from_dict(
    {"id": "demo", "root": "t", "nodes": [{"id": "t", "children": ["x"]}, {"id": "x"}]}
)
scores = chiso.score(spec, {"unit": ["Hà Nội", "Huế"], "x": [1.5, 2.5]})
assert scores.to_dict()["rank"] == [2, 1], scores.to_dict()
try:
    scores.to_pandas()
except ImportError as e:
    assert "chiso[pandas]" in str(e)
else:
    raise AssertionError("pandas should not be installed in the fresh venv")
# The bundled tables without pandas: descriptions and CSV text work, load() says what to install.
assert chiso.datasets.list()[0].name == "pci"
assert chiso.datasets.csv_text("pci").startswith("year,province,province_ascii,")
try:
    chiso.datasets.load("pci")
except ImportError as e:
    assert "chiso[pandas]" in str(e) and "csv_text" in str(e), e
else:
    raise AssertionError("chiso.datasets.load needs pandas")
assert chiso.spec_schema()["title"] == "chiso index specification"
print(f"fresh venv: chiso {chiso.__version__} from {chiso.__file__}")
print(scores)
PY
  rm -rf "$fresh"
}

# Builds the wasm module, its JS glue (bindings/wasm/pkg) and the scorecard's bundled data
# (bindings/wasm/data) with bindings/wasm/build.sh, the package's `npm run build`; once per run.
wasm_built=0
build_wasm() {
  ((wasm_built)) && return 0
  # --8<-- [start:wasm]
  bash bindings/wasm/build.sh
  # --8<-- [end:wasm]
  wasm_built=1
}

# The npm package's own `npm test`: Node tests, `tsc --noEmit` over the typed usage, and the
# browser tests (headless Chromium; a missing browser fails).
step_wasm() {
  build_wasm
  (cd bindings/wasm && npm test)
}

# The browser tests alone (`npm run test:browser`); `wasm` runs them too.
step_browser() {
  # A missing browser fails the run: the browser tests must never silently not run.
  if ! command -v chromium >/dev/null 2>&1; then
    echo "chromium is not installed (scripts/setup.sh installs it)" >&2
    return 1
  fi
  build_wasm
  (cd bindings/wasm && npm run --silent test:browser)
}

# What would be published: the crates (`cargo package`, which also builds each packaged crate
# from its archive: the CLI against the packaged core), the Python source distribution and the
# npm tarball; scripts/check_packages.py lists each archive and checks it holds the sources,
# README, CHANGELOG, licences, types, the bundled datasets and the spec schema as files, the
# same bytes as the repository's. --allow-dirty: a developer's uncommitted work packages too
# (CI's clone is clean).
step_package() {
  # Cargo treats the packaged core in its temporary registry as immutable: it unpacks it once
  # per registry path and version and keeps what it built from it, so a second run would
  # verify the CLI against the first run's core. So: a target directory of its own, without
  # the core's build results and unpacked copies (registry/src/-HASH, never crates.io's).
  local out=target/package-verify
  rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/chiso-0.1.0 "$out/package" \
    "$out"/debug/.fingerprint/chiso-* "$out"/debug/deps/libchiso-* "$out"/debug/deps/chiso-*
  CARGO_TARGET_DIR="$out" cargo package -p chiso -p chiso-cli --allow-dirty
  python scripts/check_packages.py crate "$out/package/chiso-0.1.0.crate"
  python scripts/check_packages.py cli "$out/package/chiso-cli-0.1.0.crate"
  rm -rf target/sdist
  maturin sdist -m bindings/python/Cargo.toml -o target/sdist
  python scripts/check_packages.py sdist target/sdist/chiso-0.1.0.tar.gz
  build_wasm
  rm -rf target/npm && mkdir -p target/npm
  (cd bindings/wasm && npm pack --ignore-scripts --loglevel=error --pack-destination ../../target/npm >/dev/null)
  python scripts/check_packages.py npm target/npm/chiso-0.1.0.tgz
}

# The user guide (mkdocs.yml, docs/): every sample run and its output compared
# (scripts/docs_samples.py), the API references generated (rustdoc, typedoc, mkdocstrings from
# the Python sources), then the site built offline in strict mode: a broken link or anchor, a
# missing include or a page left out of the navigation fails. Output: target/site.
step_docs() {
  # What the samples call: the release CLI, the installed wheel, the npm package's modules.
  cargo build --release -q -p chiso-cli
  if ! python -c "import chiso" 2>/dev/null; then
    maturin build --release -m bindings/python/Cargo.toml -o target/wheels
    pip install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/*.whl
  fi
  [[ -f bindings/wasm/pkg/chiso_wasm_bg.wasm ]] || build_wasm
  python scripts/docs_samples.py
  python scripts/docs_python_api.py
  python scripts/docs_spec_reference.py
  rm -rf docs/reference/rust docs/reference/typescript
  RUSTDOCFLAGS="-D warnings" cargo doc -q -p chiso --no-deps
  cp -r target/doc docs/reference/rust
  (cd scripts/typedoc && npx --no-install typedoc >/dev/null)
  # Not --quiet: it hides the warnings that --strict counts.
  NO_MKDOCS_2_WARNING=1 mkdocs build --strict
  echo "user guide: $(find target/site -name '*.html' | wc -l) pages in target/site"
}

for step in "${steps[@]}"; do
  run_step "$step"
done

echo
echo "=== all done in $(elapsed "$t0"): passed [${passed[*]}]"
summary 0
